#pragma once
// What the scenario loader must do with any text, shared by the libFuzzer target
// (clang/scenario_loader_fuzzer.cpp) and the replay test (replay_test.cpp): load it, or refuse
// it with a wijksim::engine::Error whose message names a scenario file. Anything else — another
// exception, a crash, a sanitizer report, a hang — is a bug. The text is read as if it were
// the file `<scenarios>/fuzz_input.toml`, so `extends = "expert.toml"` and `apply = ...` reach
// the shipped scenarios.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "wijksim/engine/error.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

namespace wijksim::fuzz {

/// Thrown when the loader's answer is not one of the two allowed.
class OracleFailure : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// Calls `load` (which reads some text): true when it returned, false when it threw a
/// wijksim::engine::Error whose message names a .toml file; OracleFailure for a refusal that
/// names none. Every other exception passes through (a bug).
template <class Load>
bool loads_or_refuses_clearly(Load&& load) {
  try {
    load();
    return true;
  } catch (const engine::Error& refused) {
    const std::string message = refused.what();
    if (message.find(".toml") == std::string::npos) {
      throw OracleFailure("a refusal that names no file: " + message);
    }
    return false;
  }
}

/// A fuzz target's check: runs `oracle` (a load_*_or_refuse: loading and a clear refusal are
/// the two allowed answers) and aborts with the reason on an OracleFailure; libFuzzer reports
/// the abort, and any other exception escaping, as a crash with the input.
template <class Oracle>
void abort_unless_loaded_or_refused(Oracle&& oracle) {
  try {
    static_cast<void>(oracle());  // either answer is allowed
  } catch (const OracleFailure& failure) {
    std::fprintf(stderr, "oracle failure: %s\n", failure.what());
    std::abort();
  }
}

/// Loads `text` as the scenario `<scenario_dir>/fuzz_input.toml`. Returns true when it loaded,
/// false when it was refused with a clear error; throws OracleFailure otherwise (other
/// exceptions pass through: they are bugs too).
inline bool load_or_refuse(std::string_view text, const std::string& scenario_dir) {
  const std::string display = scenario_dir + "/fuzz_input.toml";
  return loads_or_refuses_clearly([&] {
    const scenarios::Scenario scenario = scenarios::load_model_scenario_text(text, display);
    if (scenario.parameters.registry().size() == 0) throw OracleFailure("a scenario without parameters");
  });
}

}  // namespace wijksim::fuzz
