// Test tool: prints saltelli_design(base_points, dims) as CSV (point, base, matrix, unit
// coordinates with 17 significant digits) for check_analyse_sensitivity.py, which evaluates
// test functions on it and writes a synthetic merged sweep file.
//   print_saltelli_design BASE_POINTS DIMS
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "wijksim/sensitivity/designs.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: print_saltelli_design BASE_POINTS DIMS\n");
    return 2;
  }
  try {
    const auto design =
        wijksim::sensitivity::saltelli_design(std::stoul(argv[1]), std::stoul(argv[2]));
    for (std::size_t r = 0; r < design.rows.size(); ++r) {
      std::printf("%zu,%zu,%lld", r, design.rows[r].base,
                  static_cast<long long>(design.rows[r].matrix));
      for (std::size_t d = 0; d < design.dims; ++d)
        std::printf(",%.17g", design.unit[r * design.dims + d]);
      std::printf("\n");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "print_saltelli_design: %s\n", e.what());
    return 1;
  }
  return 0;
}
