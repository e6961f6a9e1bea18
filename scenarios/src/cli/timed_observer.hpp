#pragma once
// An observer that times another: wall-clock seconds spent in the wrapped observer's calls
// (the recorder's share of a run, for the benchmarks), every call passed on unchanged.
#include <chrono>

#include "wijksim/engine/simulation.hpp"

namespace wijksim::cli {

class TimedObserver final : public engine::Observer {
 public:
  explicit TimedObserver(engine::Observer& inner) : inner_(&inner) {}
  void on_run_begin(engine::Tick first) override { timed([&] { inner_->on_run_begin(first); }); }
  void on_tick_end(engine::Tick tick) override { timed([&] { inner_->on_tick_end(tick); }); }
  void on_run_end(engine::Tick last, bool stopped) override { timed([&] { inner_->on_run_end(last, stopped); }); }
  [[nodiscard]] double seconds() const noexcept { return seconds_; }

 private:
  template <class F>
  void timed(F&& call) {
    const auto t0 = std::chrono::steady_clock::now();
    call();
    seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  engine::Observer* inner_;
  double seconds_ = 0.0;
};

}  // namespace wijksim::cli
