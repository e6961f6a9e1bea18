// libFuzzer target: the scenario loader (TOML text -> parse -> validate against the model's
// parameter registry and constraints, with `extends` and `apply` reaching the shipped
// scenarios). The oracle (../scenario_oracle.hpp): load or refuse with a clear error; any
// other exception aborts, and ASan/UBSan/libFuzzer report crashes, leaks, hangs and
// out-of-memory. Crashes found become files in ../regressions/, replayed by the main build.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../scenario_oracle.hpp"

// The check is the oracle's (abort_unless_loaded_or_refused): loading and a clear refusal are
// the two allowed answers; anything else aborts, which libFuzzer reports with the input.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wijksim::fuzz::abort_unless_loaded_or_refused([&] { return wijksim::fuzz::load_or_refuse(text, WIJKSIM_SCENARIO_DIR); });
  return 0;
}
