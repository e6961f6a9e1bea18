// libFuzzer target: the scenario loader (TOML text -> parse -> validate against the model's
// parameter registry and constraints, with `extends` and `apply` reaching the shipped
// scenarios). The oracle (../scenario_oracle.hpp): load or refuse with a clear error; any
// other exception aborts, and ASan/UBSan/libFuzzer report crashes, leaks, hangs and
// out-of-memory. Crashes found become files in ../regressions/, replayed by the main build.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <string_view>

#include "../scenario_oracle.hpp"

// The check: loading (true) and a clear refusal (false) are the two allowed answers; an
// OracleFailure (a refusal naming no file) aborts with its reason, and so does any other
// exception, which libFuzzer reports as a crash with this input.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const bool loaded = wijksim::fuzz::load_or_refuse(text, WIJKSIM_SCENARIO_DIR);
    static_cast<void>(loaded);  // either answer is allowed
  } catch (const wijksim::fuzz::OracleFailure& failure) {
    std::fprintf(stderr, "oracle failure: %s\n", failure.what());
    std::abort();
  }
  return 0;
}
