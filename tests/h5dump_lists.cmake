# Shared by the h5dump checks of tests/analysis and tests/cli: runs `h5dump -H ${FILE}` and
# fails naming the first item of ${expected} that the header does not mention.
# The including script sets H5DUMP, FILE (from -D) and `expected` (its list of items).
execute_process(COMMAND ${H5DUMP} -H ${FILE}
  OUTPUT_VARIABLE header ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "h5dump -H ${FILE} failed (${status}): ${errors}")
endif()
foreach(item IN LISTS expected)
  string(FIND "${header}" "${item}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "h5dump -H ${FILE} does not mention ${item}")
  endif()
endforeach()
list(LENGTH expected count)
message(STATUS "h5dump -H lists all ${count} expected items")
