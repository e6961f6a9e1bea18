// libFuzzer target: the sweep specification loader (scenarios/sweep: TOML text -> parse ->
// validate names and ranges against the model's registry). The oracle (../sweep_oracle.hpp):
// read it or refuse it with a clear error; anything else is a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../sweep_oracle.hpp"

// The check is the oracle's (abort_unless_loaded_or_refused): loading and a clear refusal are
// the two allowed answers; anything else aborts, which libFuzzer reports with the input.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  wijksim::fuzz::abort_unless_loaded_or_refused([&] { return wijksim::fuzz::load_sweep_or_refuse(text, WIJKSIM_SCENARIO_DIR); });
  return 0;
}
