// The progress meter of long commands: silent when quiet, a plain line per interval in a log, one
// line redrawn in place on a terminal; counts from many threads add up.
#include "cli/progress.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>
#include <vector>

using wijksim::cli::ProgressMeter;
using Mode = ProgressMeter::Mode;

TEST_CASE("quiet progress writes nothing", "[cli][progress]") {
  std::ostringstream out;
  {
    ProgressMeter p("job", 10, Mode::quiet, out, "weeks");
    for (int i = 0; i < 10; ++i) p.advance();
    p.finish();
  }
  CHECK(out.str().empty());
}

TEST_CASE("in a log, a plain line when one is due and a final line", "[cli][progress]") {
  std::ostringstream out;
  {
    ProgressMeter p("job", 4, Mode::log, out, "weeks", std::chrono::duration<double>(0.0));
    p.advance();
    p.advance(3);
    p.finish();
    p.finish();  // idempotent
  }
  const std::string text = out.str();
  CHECK(text.find('\r') == std::string::npos);
  CHECK_THAT(text, Catch::Contains("job: 25% (1 of 4 weeks), ") && Catch::Contains("left\n"));
  CHECK_THAT(text, Catch::EndsWith("in all\n"));
  CHECK_THAT(text, Catch::Contains("job: 100% (4 of 4 weeks), "));
}

TEST_CASE("in a log, nothing before the interval has passed but the final line", "[cli][progress]") {
  std::ostringstream out;
  ProgressMeter p("job", 100, Mode::log, out, "weeks", std::chrono::hours(1));
  for (int i = 0; i < 100; ++i) p.advance();
  CHECK(out.str().empty());
  p.finish();
  CHECK_THAT(out.str(), Catch::StartsWith("job: 100% (100 of 100 weeks)") && Catch::EndsWith("in all\n"));
}

TEST_CASE("on a terminal, one line redrawn in place and ended by finish", "[cli][progress]") {
  std::ostringstream out;
  ProgressMeter p("job", 2, Mode::terminal, out, "weeks");
  p.advance(2);
  p.finish();
  const std::string text = out.str();
  CHECK_THAT(text, Catch::StartsWith("\rjob: 100% (2 of 2 weeks)") && Catch::EndsWith("\n"));
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
}

TEST_CASE("advances from several threads at once all count", "[cli][progress]") {
  std::ostringstream out;
  ProgressMeter p("job", 40000, Mode::log, out, "weeks", std::chrono::milliseconds(1));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&p] {
      for (int i = 0; i < 10000; ++i) p.advance();
    });
  }
  for (auto& t : threads) t.join();
  p.finish();
  CHECK_THAT(out.str(), Catch::Contains("job: 100% (40000 of 40000 weeks)") && Catch::EndsWith("in all\n"));
}

TEST_CASE("durations read as seconds, minutes or hours", "[cli][progress]") {
  CHECK(ProgressMeter::duration_text(42.4) == "42 s");
  CHECK(ProgressMeter::duration_text(185.0) == "3 min 05 s");
  CHECK(ProgressMeter::duration_text(3720.0) == "1 h 02 min");
  CHECK(ProgressMeter::duration_text(-3.0) == "0 s");
}
