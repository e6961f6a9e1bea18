# Runs `h5dump -H` on the sample run and checks that the header lists every group, dataset and
# mark the writer made. Usage: cmake -DH5DUMP=<h5dump> -DFILE=<file.h5> -P check_h5dump.cmake
execute_process(COMMAND ${H5DUMP} -H ${FILE}
  OUTPUT_VARIABLE header ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "h5dump -H ${FILE} failed (${status}): ${errors}")
endif()
set(expected
  [[GROUP "runs"]] [[GROUP "r1"]] [[GROUP "r2"]] [[GROUP "panels"]] [[GROUP "events"]]
  [[GROUP "provenance"]] [[GROUP "parameters"]]
  [[DATASET "tick"]] [[DATASET "domain"]] [[DATASET "neighbourhood"]] [[DATASET "payer"]]
  [[DATASET "incident_kind"]] [[DATASET "population"]] [[DATASET "mean_severity"]]
  [[DATASET "care_hours"]] [[DATASET "incidents"]] [[DATASET "cost"]] [[DATASET "severity"]]
  [[DATASET "resident"]] [[DATASET "parameter"]] [[DATASET "value"]] [[DATASET "source"]]
  [[H5S_UNLIMITED]] [[H5T_COMPOUND]] [[H5T_ENUM]] [[ATTRIBUTE "complete"]]
  [[ATTRIBUTE "DIMENSION_LIST"]] [[ATTRIBUTE "scenario_text"]] [[ATTRIBUTE "_FillValue"]]
  [[( 130, 4, 8 ) / ( H5S_UNLIMITED, 4, 8 )]])
foreach(item IN LISTS expected)
  string(FIND "${header}" "${item}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "h5dump -H ${FILE} does not mention ${item}")
  endif()
endforeach()
list(LENGTH expected count)
message(STATUS "h5dump -H lists all ${count} expected items")
