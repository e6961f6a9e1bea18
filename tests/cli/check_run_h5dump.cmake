# Runs `h5dump -H` on a file written by `wijksim run ... --panel` (one recorded year of one
# neighbourhood) and checks that the header lists the groups, datasets, types and marks the
# recorder writes. Usage: cmake -DH5DUMP=<h5dump> -DFILE=<file.h5> -P check_run_h5dump.cmake
set(expected
  [[GROUP "runs"]] [[GROUP "r0"]] [[GROUP "events"]] [[GROUP "panels"]] [[GROUP "provenance"]]
  [[GROUP "parameters"]]
  [[DATASET "tick"]] [[DATASET "neighbourhood"]] [[DATASET "domain"]] [[DATASET "score"]]
  [[DATASET "organisation"]] [[DATASET "payer"]] [[DATASET "tier"]] [[DATASET "severity_mean"]]
  [[DATASET "self_reliance"]] [[DATASET "households_by_professionals"]] [[DATASET "waiting_hidden"]]
  [[DATASET "cost"]] [[DATASET "incidents"]] [[DATASET "episodes"]] [[DATASET "panel_tick"]]
  [[DATASET "resident"]] [[DATASET "severity"]] [[DATASET "parameter"]] [[DATASET "source"]]
  [[H5S_UNLIMITED]] [[H5T_COMPOUND]] [[H5T_ENUM]] [[ATTRIBUTE "complete"]]
  [[ATTRIBUTE "DIMENSION_LIST"]] [[ATTRIBUTE "scenario_text"]] [[ATTRIBUTE "_FillValue"]]
  [[( 52, 1, 8, 5 ) / ( H5S_UNLIMITED, 1, 8, 5 )]] [[( 13, 40, 8 ) / ( H5S_UNLIMITED, 40, 8 )]])
include(${CMAKE_CURRENT_LIST_DIR}/../h5dump_lists.cmake)
