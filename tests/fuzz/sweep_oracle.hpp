#pragma once
// What the sweep specification loader (scenarios/sweep, parse_sweep_spec) must do with any
// text, shared by clang/sweep_spec_fuzzer.cpp and replay_test.cpp: read it, or refuse it with
// a wijksim::engine::Error (a scenarios::ScenarioError) naming the spec file. The text is read
// as `<scenarios>/sweeps/fuzz_input.toml`, where the shipped specs live.
#include <string>
#include <string_view>

#include "scenario_oracle.hpp"
#include "wijksim/sweep/sweep_spec.hpp"

namespace wijksim::fuzz {

inline bool load_sweep_or_refuse(std::string_view text, const std::string& scenario_dir) {
  const std::string display = scenario_dir + "/sweeps/fuzz_input.toml";
  return loads_or_refuses_clearly([&] {
    const sweep::SweepSpec spec = sweep::parse_sweep_spec(text, display);
    if (spec.arms.empty() || spec.parameters.empty()) throw OracleFailure("a sweep without arms or parameters");
  });
}

}  // namespace wijksim::fuzz
