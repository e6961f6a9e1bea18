// Replays, through the main (GCC) build's loader, every input the fuzzer ever crashed on
// (regressions/: each a file named after what it broke) and the seed corpus the fuzz pass
// starts from (the shipped scenarios (scenarios/*.toml) and the tests' malformed ones): each must load or be
// refused with a clear error (scenario_oracle.hpp). Under the debug preset this runs with
// ASan + UBSan, as the fuzzer did.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "scenario_oracle.hpp"
#include "sweep_oracle.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_in(const fs::path& folder, const std::string& extension, bool recursive) {
  std::vector<fs::path> files;
  const auto add = [&](const fs::directory_entry& entry) {
    if (!entry.is_regular_file()) return;
    if (!extension.empty() && entry.path().extension() != extension) return;
    if (entry.path().filename() == "README.md") return;
    files.push_back(entry.path());
  };
  if (recursive) {
    for (const auto& entry : fs::recursive_directory_iterator(folder)) add(entry);
  } else {
    for (const auto& entry : fs::directory_iterator(folder)) add(entry);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("every input the scenario fuzzer crashed on now loads or is refused clearly", "[fuzz][regressions]") {
  const auto inputs = files_in(WIJKSIM_FUZZ_DIR "/regressions", "", false);
  for (const auto& path : inputs) {
    INFO(path.string());
    CHECK_NOTHROW(wijksim::fuzz::load_or_refuse(contents(path), WIJKSIM_SCENARIO_DIR));
  }
}

TEST_CASE("the fuzzer's seeds: shipped scenarios load, malformed ones are refused clearly", "[fuzz][seeds]") {
  int loaded = 0;
  for (const auto& path : files_in(WIJKSIM_SCENARIO_DIR, ".toml", false)) {
    INFO(path.string());
    CHECK(wijksim::fuzz::load_or_refuse(contents(path), WIJKSIM_SCENARIO_DIR));
    ++loaded;
  }
  CHECK(loaded >= 10);
  int refused = 0;
  for (const char* folder : {"/experiment/data/malformed", "/scenarios/data/malformed"}) {
    for (const auto& path : files_in(std::string(WIJKSIM_TESTS_DIR) + folder, ".toml", true)) {
      INFO(path.string());
      bool ok = true;
      CHECK_NOTHROW(ok = wijksim::fuzz::load_or_refuse(contents(path), WIJKSIM_SCENARIO_DIR));
      // Read from elsewhere their `extends` may resolve differently; a refusal is what matters.
      if (!ok) ++refused;
    }
  }
  CHECK(refused >= 40);
}

TEST_CASE("every input the sweep-spec fuzzer crashed on, and the shipped specs, load or are refused clearly", "[fuzz][sweep]") {
  for (const auto& path : files_in(WIJKSIM_FUZZ_DIR "/regressions/sweep", "", true)) {
    INFO(path.string());
    CHECK_NOTHROW(wijksim::fuzz::load_sweep_or_refuse(contents(path), WIJKSIM_SCENARIO_DIR));
  }
  int loaded = 0;
  for (const auto& path : files_in(WIJKSIM_SCENARIO_DIR "/sweeps", ".toml", false)) {
    INFO(path.string());
    CHECK(wijksim::fuzz::load_sweep_or_refuse(contents(path), WIJKSIM_SCENARIO_DIR));
    ++loaded;
  }
  CHECK(loaded >= 1);
  CHECK_FALSE(wijksim::fuzz::load_sweep_or_refuse("[design]\nkind = \"grid\"\n", WIJKSIM_SCENARIO_DIR));
}
