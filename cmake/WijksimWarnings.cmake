# Warnings and sanitizers come from INTERFACE targets, not global flags, so that third-party
# headers and consumers are not affected (Taskflow's habit, STYLE.md).
# -Wnull-dereference is left out of the ThreadSanitizer build: there GCC 12 reports a "potential
# null pointer dereference" inside libstdc++'s string moves as inlined into CLI11 (a false
# positive of its instrumented code paths; unity builds inline more). Every other build keeps it.
set(WIJKSIM_NULL_DEREFERENCE_WARNING -Wnull-dereference)
if(WIJKSIM_SANITIZE MATCHES "thread")
  set(WIJKSIM_NULL_DEREFERENCE_WARNING "")
endif()
add_library(wijksim_warnings INTERFACE)
target_compile_options(wijksim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual ${WIJKSIM_NULL_DEREFERENCE_WARNING} -Wdouble-promotion -Wformat=2
  $<$<BOOL:${WIJKSIM_WERROR}>:-Werror>)

add_library(wijksim_sanitizers INTERFACE)
if(WIJKSIM_SANITIZE)
  target_compile_options(wijksim_sanitizers INTERFACE
    -fsanitize=${WIJKSIM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(wijksim_sanitizers INTERFACE -fsanitize=${WIJKSIM_SANITIZE})
  # UBSan's vptr check (a call through an object of the wrong dynamic type) took 40% of the
  # sanitizer build's compile time (a batch of the CLI: 74 s with it, 42 s without) and guards
  # almost nothing here: the polymorphic classes are a few interfaces (observers, recording
  # sources) called through their base, and no code casts down a class hierarchy.
  if(WIJKSIM_SANITIZE MATCHES "undefined")
    target_compile_options(wijksim_sanitizers INTERFACE -fno-sanitize=vptr)
    target_link_options(wijksim_sanitizers INTERFACE -fno-sanitize=vptr)
  endif()
endif()
