// The recorder's writer thread (detail/background_writer.hpp): jobs run in order, a failed
// job's error reaches the owner's thread at the next submit() or drain(), and nothing after
// a failure is written.
#include "wijksim/analysis/detail/background_writer.hpp"

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

using wijksim::analysis::detail::BackgroundWriter;
using Catch::Matchers::Contains;

TEST_CASE("the writer thread runs jobs in order, off the submitting thread", "[writer]") {
  BackgroundWriter writer;
  REQUIRE(writer.is_threaded());  // Debian's HDF5 is built thread-safe
  std::vector<int> order;         // written by the jobs only, read after drain()
  std::vector<std::thread::id> ran_on;
  for (int i = 0; i < 100; ++i) {
    writer.submit([&order, &ran_on, i] {
      order.push_back(i);
      ran_on.push_back(std::this_thread::get_id());
    });
  }
  writer.drain();
  REQUIRE(order.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(order[static_cast<std::size_t>(i)] == i);
  for (const auto id : ran_on) CHECK(id != std::this_thread::get_id());
  CHECK(writer.busy_seconds() >= 0.0);
}

TEST_CASE("a failed job stops the writing and its error reaches the owner once", "[writer]") {
  BackgroundWriter writer;
  int ran_after_failure = 0;
  std::atomic<bool> go{false};
  writer.submit([&go] {
    while (!go.load()) std::this_thread::yield();
    throw std::runtime_error("disk full at chunk 3");
  });
  writer.submit([&ran_after_failure] { ++ran_after_failure; });  // queued behind the failure
  go = true;
  SECTION("at drain()") {
    CHECK_THROWS_WITH(writer.drain(), Contains("disk full at chunk 3"));
    CHECK(ran_after_failure == 0);
    CHECK_NOTHROW(writer.drain());  // reported once
  }
  SECTION("at the next submit()") {
    // Wait until the failure is recorded, then the next hand-over reports it.
    bool reported = false;
    for (int attempt = 0; attempt < 1000 && !reported; ++attempt) {
      try {
        writer.submit([] {});
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Contains("disk full at chunk 3"));
        reported = true;
      }
    }
    CHECK(reported);
    writer.drain();
    CHECK(ran_after_failure == 0);  // nor any job handed over after it
  }
}
