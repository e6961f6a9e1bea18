#include <sched.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "wijksim/engine/cache_migration.hpp"
#include "wijksim/engine/error.hpp"

using namespace wijksim::engine;

// The figures are the machine's, so these tests check what the probe promises about them
// (sizes, units, pinning, refusals), not their values.
TEST_CASE("cache migration probe reports both cases per touch, and their ratio", "[cache_migration]") {
  const CacheMigrationFigures f = measure_cache_migration(64 * 1024 + 2, 2);
  CHECK(f.bytes == 64 * 1024);  // whole floats
  CHECK(f.touches == 64 * 1024 / sizeof(float) / 8);
  CHECK(std::isfinite(f.same_core_ns_per_touch));
  CHECK(std::isfinite(f.other_core_ns_per_touch));
  CHECK(f.same_core_ns_per_touch > 0.0);
  CHECK(f.other_core_ns_per_touch > 0.0);
  CHECK(f.ratio == Approx(f.other_core_ns_per_touch / f.same_core_ns_per_touch));
  cpu_set_t set;
  CPU_ZERO(&set);
  REQUIRE(sched_getaffinity(0, sizeof(set), &set) == 0);
  CHECK(f.pinned == (CPU_COUNT(&set) >= 2));
}

TEST_CASE("cache migration probe refuses a size below a page and no repeats", "[cache_migration]") {
  CHECK_THROWS_MATCHES(measure_cache_migration(4095, 1), InputError,
                       Catch::Matchers::Predicate<InputError>([](const InputError& e) {
                         return std::string(e.what()).find("at least 4096 bytes") != std::string::npos &&
                                std::string(e.what()).find("4095") != std::string::npos;
                       }));
  CHECK_THROWS_AS(measure_cache_migration(4096, 0), InputError);
}
