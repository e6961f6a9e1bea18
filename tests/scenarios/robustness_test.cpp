// Whatever the bytes of a scenario, the loader either loads it or throws a ScenarioError: never
// another exception, never a crash. Deterministic mutations of valid files stand in for a fuzzer.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "test_parameters.hpp"
#include "wijksim/scenarios/load_scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"

using namespace wijksim::scenarios;
using wijksim::scenarios::testing::data_path;
using wijksim::scenarios::testing::TestParameters;

namespace {

/// splitmix64: a fixed sequence, so a failure reproduces.
struct Sequence {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

std::string mutate(std::string text, Sequence& random) {
  static const std::string kAlphabet = "[]{}=\"'.,#\n -+_0123456789eaxyz\t\\";
  const std::size_t edits = 1 + random.below(3);
  for (std::size_t e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = random.below(text.size());
    const char c = kAlphabet[random.below(kAlphabet.size())];
    switch (random.below(4)) {
      case 0:
        text.erase(at, 1);
        break;
      case 1:
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
        break;
      case 2:
        text[at] = c;
        break;
      default: {  // repeat a line somewhere else
        const std::size_t start = text.rfind('\n', at);
        const std::size_t from = start == std::string::npos ? 0 : start + 1;
        const std::size_t end = text.find('\n', at);
        const std::string line =
            text.substr(from, end == std::string::npos ? std::string::npos : end - from + 1);
        text.insert(random.below(text.size()), line);
      }
    }
  }
  return text;
}

}  // namespace

TEST_CASE("mutated scenarios load or give a ScenarioError, nothing else", "[loader][errors]") {
  const TestParameters p;
  const LoaderOptions options = p.options();
  std::size_t loaded = 0;
  std::size_t refused = 0;
  for (const char* file :
       {"reference.toml", "variants/budget_cut.toml", "variants/regime_switch.toml"}) {
    std::ifstream in(data_path(file), std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    const std::string original = contents.str();
    Sequence random{0x5eed0000U + original.size()};
    for (int i = 0; i < 700; ++i) {
      const std::string text = mutate(original, random);
      try {
        (void)load_scenario_text(text, data_path(file).string(), p.registry, options);
        ++loaded;
      } catch (const ScenarioError& e) {
        CHECK(e.where().file.size() > 0);
        ++refused;
      } catch (const std::exception& e) {
        FAIL_CHECK("not a ScenarioError: " << e.what() << "\n--- input ---\n" << text);
      }
    }
  }
  CHECK(loaded > 100);
  CHECK(refused > 100);
}
