#include <catch2/catch.hpp>

#include <atomic>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "wijksim/engine/scheduler.hpp"
#include "wijksim/engine/simulation.hpp"

using namespace wijksim::engine;

namespace {
struct ThingTag;
using ThingId = StrongId<ThingTag>;

struct Fixture {
  AgentStore<ThingId> things{"things"};
  Column<int> a = things.add_column<int>("a");
  Column<int> b = things.add_column<int>("b");
  Fixture() {
    for (int i = 0; i < 5000; ++i) (void)things.spawn();
  }
};

class CountingObserver final : public Observer {
 public:
  void on_run_begin(Tick first) override { begun_at = first.value(); }
  void on_tick_end(Tick tick) override { ticks.push_back(tick.value()); }
  void on_run_end(Tick last, bool stopped) override {
    ended_at = last.value();
    stopped_early = stopped;
  }
  int begun_at = -1;
  int ended_at = -1;
  bool stopped_early = false;
  std::vector<int> ticks;
};
}  // namespace

TEST_CASE("phases run in order over fixed blocks, every agent once", "[scheduler]") {
  Fixture f;
  Scheduler scheduler(1000);
  scheduler.add_parallel_phase("set_a", f.things, Access{}.write(f.things, f.a),
                               [&](PhaseContext& ctx, const BlockRange& block) {
                                 auto a = ctx.write(f.things, f.a);
                                 for (auto i = block.begin; i < block.end; ++i) a[i] += 1 + ctx.tick().value();
                               });
  scheduler.add_parallel_phase("b_from_a", f.things,
                               Access{}.read(f.things, f.a).write(f.things, f.b),
                               [&](PhaseContext& ctx, const BlockRange& block) {
                                 auto a = ctx.read(f.things, f.a);
                                 auto b = ctx.write(f.things, f.b);
                                 for (auto i = block.begin; i < block.end; ++i) b[i] = 2 * a[i];
                               });
  int serial_calls = 0;
  scheduler.add_serial_phase("count", Access{}, [&](PhaseContext&) { ++serial_calls; });
  Executor executor(2);
  scheduler.run_tick(Tick{0}, executor, RandomKey{});
  scheduler.run_tick(Tick{1}, executor, RandomKey{});
  const auto a = f.things.values(f.a);
  const auto b = f.things.values(f.b);
  CHECK(std::all_of(a.begin(), a.end(), [](int v) { return v == 3; }));
  CHECK(std::all_of(b.begin(), b.end(), [](int v) { return v == 6; }));
  CHECK(serial_calls == 2);
  CHECK(scheduler.phase_count() == 3);
  const auto timings = scheduler.timings();
  REQUIRE(timings.size() == 3);
  CHECK(timings[0].name == "set_a");
  CHECK(timings[0].calls == 2);
}

TEST_CASE("touching an undeclared column is an AccessError naming phase and column", "[scheduler]") {
  Fixture f;
  Scheduler scheduler;
  Executor executor(1);
  SECTION("read") {
    scheduler.add_parallel_phase("sneaky_read", f.things, Access{}.write(f.things, f.a),
                                 [&](PhaseContext& ctx, const BlockRange&) { (void)ctx.read(f.things, f.b); });
    CHECK_THROWS_MATCHES(scheduler.run_tick(Tick{0}, executor, RandomKey{}), AccessError,
                         Catch::Message("phase 'sneaky_read' tried to read column 'things.b' that it "
                                        "did not declare; add it to the phase's Access"));
  }
  SECTION("write to a column declared read-only") {
    scheduler.add_serial_phase("sneaky_write", Access{}.read(f.things, f.a),
                               [&](PhaseContext& ctx) { (void)ctx.write(f.things, f.a); });
    CHECK_THROWS_WITH(scheduler.run_tick(Tick{0}, executor, RandomKey{}),
                      Catch::Contains("tried to write column 'things.a'"));
  }
}

TEST_CASE("a parallel phase may not write what it reads from other agents", "[scheduler]") {
  Fixture f;
  Scheduler scheduler;
  CHECK_THROWS_MATCHES(
      scheduler.add_parallel_phase("racy", f.things,
                                   Access{}.read_others(f.things, f.a).write(f.things, f.a),
                                   [](PhaseContext&, const BlockRange&) {}),
      AccessError,
      Catch::Message("parallel phase 'racy' writes column 'things.a' and reads it from other "
                     "agents: that is a data race; read last tick's column and write a second "
                     "one (double-buffer)"));
  // Serially the same access is fine.
  CHECK_NOTHROW(scheduler.add_serial_phase(
      "serial_ok", Access{}.read_others(f.things, f.a).write(f.things, f.a), [](PhaseContext&) {}));
  CHECK_THROWS_AS(scheduler.add_serial_phase("serial_ok", Access{}, [](PhaseContext&) {}), AccessError);
  CHECK_THROWS_AS(Scheduler(0), InputError);
}

TEST_CASE("describe lists phases with their declared access", "[scheduler]") {
  Fixture f;
  Scheduler scheduler;
  scheduler.add_parallel_phase("p", f.things,
                               Access{}.read(f.things, f.a).read_others(f.things, f.b),
                               [](PhaseContext&, const BlockRange&) {});
  scheduler.add_serial_phase("s", Access{}.write(f.things, f.b), [](PhaseContext&) {});
  CHECK(scheduler.describe() ==
        "p [parallel]  reads: things.a  reads-others: things.b\n"
        "s [serial]  writes: things.b\n");
}

TEST_CASE("the simulation calls observers after each tick and honours a stop flag", "[scheduler][observer]") {
  Fixture f;
  Scheduler scheduler;
  std::atomic<bool> stop{false};
  scheduler.add_serial_phase("maybe_stop", Access{}, [&](PhaseContext& ctx) {
    if (ctx.tick().value() == 6) stop = true;
  });
  Executor executor(1);
  Simulation simulation(scheduler, executor, RandomKey{});
  CountingObserver observer;
  simulation.add_observer(observer);
  SECTION("to the end") {
    const auto result = simulation.run(Tick{2}, Tick{5});
    CHECK(observer.begun_at == 2);
    CHECK(observer.ticks == std::vector<int>{2, 3, 4});
    CHECK(observer.ended_at == 4);
    CHECK_FALSE(result.stopped_early);
    CHECK(result.next_tick == Tick{5});
  }
  SECTION("stopped at a tick boundary") {
    const auto result = simulation.run(Tick{0}, Tick{100}, &stop);
    CHECK(result.stopped_early);
    CHECK(observer.stopped_early);
    CHECK(result.next_tick == Tick{7});
    CHECK(observer.ticks.back() == 6);
  }
}

TEST_CASE("phase contexts hand out the run's streams", "[scheduler]") {
  Scheduler scheduler;
  std::uint32_t word = 0;
  const auto key = RandomKey::from(9, 9);
  scheduler.add_serial_phase("draw", Access{}, [&](PhaseContext& ctx) {
    auto s = ctx.stream(4, 2);
    word = s.next_u32();
  });
  Executor executor(1);
  scheduler.run_tick(Tick{11}, executor, key);
  CHECK(word == philox_block(key, 4, 11, 2, 0)[0]);
}

TEST_CASE("a serial phase runs two independent pieces side by side; their errors reach the caller",
          "[scheduler]") {
  for (const int threads : {1, 2}) {
    Fixture f;
    Scheduler scheduler;
    bool executor_in_block = true;
    scheduler.add_parallel_phase("blocks", f.things, Access{}.write(f.things, f.a),
                                 [&](PhaseContext& ctx, const BlockRange& block) {
                                   if (block.index == 0) executor_in_block = ctx.executor() != nullptr;
                                 });
    std::vector<long> first(2000);
    std::vector<long> second(3000);
    bool executor_in_serial = false;
    scheduler.add_serial_phase("pieces", Access{}, [&](PhaseContext& ctx) {
      executor_in_serial = ctx.executor() != nullptr;
      ctx.side_by_side([&] { std::iota(first.begin(), first.end(), 0L); },
                       [&] { std::iota(second.begin(), second.end(), 7L); });
    });
    Executor executor(threads);
    scheduler.run_tick(Tick{0}, executor, RandomKey::from(1, 1));
    CHECK_FALSE(executor_in_block);  // blocks may not start nested parallel work
    CHECK(executor_in_serial);
    CHECK(std::accumulate(first.begin(), first.end(), 0L) == 1999L * 2000L / 2);
    CHECK(std::accumulate(second.begin(), second.end(), 0L) == 2999L * 3000L / 2 + 7L * 3000L);

    Scheduler failing;
    failing.add_serial_phase("fails", Access{}, [&](PhaseContext& ctx) {
      ctx.side_by_side([] {}, [] { throw std::runtime_error("second piece failed"); });
    });
    CHECK_THROWS_WITH(failing.run_tick(Tick{0}, executor, RandomKey::from(1, 1)), "second piece failed");
  }
}

TEST_CASE("a serial phase runs beside the next parallel phase: same results at any thread count",
          "[scheduler]") {
  // The serial phase sums column b into a value the blocks never see; the blocks set column a
  // from their own index. Beside each other they give what running them in order gives.
  const auto run = [](int threads, bool beside) {
    Fixture f;
    Scheduler scheduler(300);
    long serial_sum = 0;
    bool serial_has_executor = true;
    scheduler.add_serial_phase("serial_sum", Access{}.read(f.things, f.b), [&](PhaseContext& ctx) {
      serial_has_executor = ctx.executor() != nullptr;
      for (const int v : ctx.read(f.things, f.b)) serial_sum += v;
    });
    scheduler.add_parallel_phase("set_a", f.things, Access{}.write(f.things, f.a),
                                 [&](PhaseContext& ctx, const BlockRange& block) {
                                   auto a = ctx.write(f.things, f.a);
                                   for (auto i = block.begin; i < block.end; ++i) {
                                     a[i] = static_cast<int>(block.index) * 10 + ctx.tick().value();
                                   }
                                 });
    std::iota(f.things.values(f.b).begin(), f.things.values(f.b).end(), 0);
    if (beside) scheduler.run_beside_next("serial_sum");
    Executor executor(threads);
    for (int t = 0; t < 3; ++t) scheduler.run_tick(Tick{t}, executor, RandomKey{});
    const auto a = f.things.values(f.a);
    const auto timings = scheduler.timings();
    CHECK(timings[0].calls == 3);
    CHECK(timings[1].calls == 3);
    CHECK(serial_has_executor == !beside);  // beside the blocks, no nested parallel loops
    return std::pair{serial_sum, std::vector<int>(a.begin(), a.end())};
  };
  const auto in_order = run(1, false);
  CHECK(in_order.first == 3L * 4999L * 5000L / 2);
  CHECK(in_order.second[4999] == 16 * 10 + 2);  // block 16 of 300 agents, tick 2
  for (const int threads : {1, 2, 4}) {
    INFO(threads << " threads");
    CHECK(run(threads, true) == in_order);
  }
}

TEST_CASE("phases run beside each other only when they touch different columns", "[scheduler]") {
  Fixture f;
  Scheduler scheduler;
  scheduler.add_serial_phase("writes_a", Access{}.write(f.things, f.a), [](PhaseContext&) {});
  scheduler.add_parallel_phase("reads_a", f.things, Access{}.read(f.things, f.a).write(f.things, f.b),
                               [](PhaseContext&, const BlockRange&) {});
  scheduler.add_serial_phase("reads_b", Access{}.read(f.things, f.b), [](PhaseContext&) {});
  scheduler.add_parallel_phase("writes_b", f.things, Access{}.write(f.things, f.b),
                               [](PhaseContext&, const BlockRange&) {});
  scheduler.add_serial_phase("last", Access{}, [](PhaseContext&) {});
  CHECK_THROWS_MATCHES(scheduler.run_beside_next("writes_a"), AccessError,
                       Catch::Message("phases 'writes_a' and 'reads_a' cannot run side by side: 'writes_a' writes "
                                      "column 'things.a' that 'reads_a' declares"));
  CHECK_THROWS_WITH(scheduler.run_beside_next("reads_b"),
                    Catch::Contains("'writes_b' writes column 'things.b' that 'reads_b' declares"));
  CHECK_THROWS_WITH(scheduler.run_beside_next("reads_a"), Catch::Contains("is not a serial phase"));
  CHECK_THROWS_WITH(scheduler.run_beside_next("last"), Catch::Contains("must be a parallel phase"));
  CHECK_THROWS_WITH(scheduler.run_beside_next("nonexistent"), Catch::Contains("is not a serial phase"));

  // A serial phase that changes the number of agents the blocks cover is refused when run.
  Scheduler growing;
  growing.add_serial_phase("spawns", Access{}, [&](PhaseContext&) { (void)f.things.spawn(); });
  growing.add_parallel_phase("blocks", f.things, Access{}, [](PhaseContext&, const BlockRange&) {});
  growing.run_beside_next("spawns");
  Executor executor(2);
  CHECK_THROWS_WITH(growing.run_tick(Tick{0}, executor, RandomKey{}),
                    Catch::Contains("changed the number of agents of 'blocks'"));
}
