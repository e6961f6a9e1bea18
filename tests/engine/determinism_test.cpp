// The engine's promise: a run is a pure function of (model, seed), bit-identical at any
// thread count. Checked on the synthetic model, which has network reads, contention for
// clinic slots, births, deaths and network rebuilds.
#include <catch2/catch.hpp>

#include "wijksim/engine/simulation.hpp"
#include "wijksim/examples/contagion_model.hpp"

using namespace wijksim;

namespace {
struct Outcome {
  std::vector<std::byte> bytes;
  std::uint64_t checksum = 0;
  examples::ContagionSummary summary;
};

Outcome run(int threads, std::uint64_t seed) {
  examples::ContagionConfig config;
  config.people = 6000;
  config.seed = seed;
  examples::ContagionModel model(config);
  engine::Executor executor(threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  const engine::Tick end{3 * 52};
  (void)simulation.run(engine::Tick{0}, end);
  return Outcome{model.state_bytes(), model.state_checksum(), model.summary(executor, end - 1)};
}
}  // namespace

TEST_CASE("the synthetic model is bit-identical at 1, 2 and 4 threads", "[determinism]") {
  const Outcome one = run(1, 11);
  const Outcome two = run(2, 11);
  const Outcome four = run(4, 11);

  // The run must be non-trivial for the comparison to mean anything.
  CHECK(one.summary.births > 0);
  CHECK(one.summary.deaths > 0);
  CHECK(one.summary.slots_granted > 0);
  CHECK(one.summary.requests_refused > 0);  // contention actually binds
  CHECK(one.summary.population != 6000);

  REQUIRE(one.bytes.size() == two.bytes.size());
  REQUIRE(one.bytes.size() == four.bytes.size());
  CHECK(one.bytes == two.bytes);
  CHECK(one.bytes == four.bytes);
  CHECK(one.checksum == two.checksum);
  CHECK(one.checksum == four.checksum);
  CHECK(one.summary.mean_load == two.summary.mean_load);
  CHECK(one.summary.mean_load == four.summary.mean_load);
  CHECK(one.summary.slots_granted == four.summary.slots_granted);
}

TEST_CASE("a different seed gives a different run", "[determinism]") {
  CHECK(run(2, 11).checksum != run(2, 12).checksum);
}
