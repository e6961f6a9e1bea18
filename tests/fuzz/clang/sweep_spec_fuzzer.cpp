// libFuzzer target: the sweep specification loader (scenarios/sweep: TOML text -> parse ->
// validate names and ranges against the model's registry). The oracle (../sweep_oracle.hpp):
// read it or refuse it with a clear error; anything else is a crash.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <string_view>

#include "../sweep_oracle.hpp"

// The check: loading (true) and a clear refusal (false) are the two allowed answers; an
// OracleFailure (a refusal naming no file) aborts with its reason, and so does any other
// exception, which libFuzzer reports as a crash with this input.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const bool loaded = wijksim::fuzz::load_sweep_or_refuse(text, WIJKSIM_SCENARIO_DIR);
    static_cast<void>(loaded);  // either answer is allowed
  } catch (const wijksim::fuzz::OracleFailure& failure) {
    std::fprintf(stderr, "oracle failure: %s\n", failure.what());
    std::abort();
  }
  return 0;
}
