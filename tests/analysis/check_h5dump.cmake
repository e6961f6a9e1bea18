# Runs `h5dump -H` on the sample run and checks that the header lists every group, dataset and
# mark the writer made. Usage: cmake -DH5DUMP=<h5dump> -DFILE=<file.h5> -P check_h5dump.cmake
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
include(${CMAKE_CURRENT_LIST_DIR}/../h5dump_lists.cmake)
