# Every dependency comes from a Debian 12 package (cmake/setup-debian.sh installs them).
# Names verified in ../shared/design/STACK.md.
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(TBB REQUIRED)
find_package(CLI11 CONFIG REQUIRED)

# Random123 is header-only and ships no CMake config.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
if(NOT TARGET Random123::Random123)
  add_library(Random123::Random123 INTERFACE IMPORTED)
  set_target_properties(Random123::Random123 PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${RANDOM123_INCLUDE_DIR}")
endif()

if(WIJKSIM_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()

# Used by analysis/ (HDF5 recorder) and scenarios/ (TOML loader). Found here so that a
# machine missing them fails at configure time with CMake's message, not at link time.
find_package(HDF5 REQUIRED COMPONENTS C HL)
find_package(tomlplusplus CONFIG REQUIRED)
