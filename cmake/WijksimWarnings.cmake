# Warnings and sanitizers come from INTERFACE targets, not global flags, so that third-party
# headers and consumers are not affected (Taskflow's habit, STYLE.md).
add_library(wijksim_warnings INTERFACE)
target_compile_options(wijksim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2
  $<$<BOOL:${WIJKSIM_WERROR}>:-Werror>)

add_library(wijksim_sanitizers INTERFACE)
if(WIJKSIM_SANITIZE)
  target_compile_options(wijksim_sanitizers INTERFACE
    -fsanitize=${WIJKSIM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(wijksim_sanitizers INTERFACE -fsanitize=${WIJKSIM_SANITIZE})
endif()
