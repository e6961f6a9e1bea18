#include "wijksim/analysis/output_file.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "test_support.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/series_writer.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
// A run with a tick dimension and one series of `ticks` values, marked complete.
void write_small_run(const OutputFile& file, const std::string& id, int ticks) {
  const Group run = file.create_run(id);
  auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {.units = "weeks"});
  SeriesWriter<double> x(run, {"x", {"tick"}, {}});
  for (int t = 0; t < ticks; ++t) {
    tick.append(t);
    x.append(0.5 * t);
  }
  tick.close();
  x.close();
  file.mark_complete(run);
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}
}  // namespace

TEST_CASE("a committed file exists only under its final name, complete", "[output_file]") {
  TempDir dir;
  const auto final_path = dir / "run.h5";
  auto file = OutputFile::create(final_path);
  CHECK(file.writing_path() != final_path);
  CHECK(file.writing_path().parent_path() == final_path.parent_path());
  CHECK(starts_with(file.writing_path().filename().string(), "run.h5.part-"));
  write_small_run(file, "r1", 5);
  CHECK_FALSE(std::filesystem::exists(final_path));  // not before commit
  CHECK(std::filesystem::exists(file.writing_path()));
  file.commit();
  CHECK(file.is_committed());
  CHECK(dir.names() == std::set<std::string>{"run.h5"});

  const InputFile in(final_path);
  CHECK(in.is_complete());
  CHECK(in.wijksim_format_version() == OutputFile::kFormatVersion);
  REQUIRE(in.runs().size() == 1);
  CHECK(in.runs()[0].id == "r1");
  CHECK(in.runs()[0].is_complete);
}

TEST_CASE("an output that is never committed leaves nothing behind", "[output_file]") {
  TempDir dir;
  {
    auto file = OutputFile::create(dir / "run.h5");
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
    tick.append(1);
    CHECK(dir.names().size() == 1);  // the temporary file
  }                                  // an exception unwinding past the file does the same
  CHECK(dir.names().empty());
}

TEST_CASE("an existing output is refused without overwrite and replaced with it",
          "[output_file][errors]") {
  TempDir dir;
  const auto final_path = dir / "run.h5";
  test::write_text_file(final_path, "an earlier result");
  try {
    static_cast<void>(OutputFile::create(final_path));
    FAIL("no exception");
  } catch (const OutputExistsError& e) {
    CHECK(e.path() == final_path.string());
    CHECK_THAT(e.what(),
               Contains(final_path.string()) && Contains("already exists") && Contains("--force"));
  }
  CHECK(test::read_file(final_path) == "an earlier result");

  auto file = OutputFile::create(final_path, {.overwrite = true});
  write_small_run(file, "r1", 3);
  CHECK(test::read_file(final_path) == "an earlier result");  // untouched until commit
  file.commit();
  CHECK(InputFile(final_path).is_complete());
  CHECK(dir.names() == std::set<std::string>{"run.h5"});
}

TEST_CASE("a file of the final name that appears during the run is not replaced",
          "[output_file][errors]") {
  TempDir dir;
  const auto final_path = dir / "run.h5";
  auto file = OutputFile::create(final_path);
  write_small_run(file, "r1", 3);
  test::write_text_file(final_path, "written by someone else meanwhile");
  const auto kept = file.writing_path();
  CHECK_THROWS_MATCHES(file.commit(), OutputExistsError,
                       Catch::Matchers::Predicate<OutputExistsError>([&](const auto& e) {
                         return std::string(e.what()).find(kept.string()) != std::string::npos;
                       }));
  CHECK(test::read_file(final_path) == "written by someone else meanwhile");
  CHECK(InputFile(kept).is_complete());  // the finished work is kept under the named path
}

TEST_CASE("an output in a directory that does not exist is refused", "[output_file][errors]") {
  TempDir dir;
  const auto path = dir / "missing" / "run.h5";
  CHECK_THROWS_MATCHES(
      static_cast<void>(OutputFile::create(path)), OutputError,
      Catch::Matchers::Message(path.string() + ": directory '" + (dir / "missing").string() +
                               "' does not exist; create it first or choose "
                               "another path"));
  CHECK_THROWS_AS(static_cast<void>(OutputFile::create(dir.path())), OutputError);
}

TEST_CASE("commit refuses while a writer is open, and works once it is closed",
          "[output_file][errors]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  const Group run = file.create_run("r1");
  auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
  tick.append(0);
  CHECK_THROWS_WITH(file.commit(), Contains("writers still open (/runs/r1/tick)"));
  CHECK_THROWS_WITH(file.mark_complete(run), Contains("writer '/runs/r1/tick' is still open"));
  tick.close();
  file.mark_complete(run);
  file.commit();
  CHECK(std::filesystem::exists(dir / "run.h5"));
  // The group handle outlived the file: using it now is an error, not a crash.
  CHECK_THROWS_AS(static_cast<void>(run.create_group("late")), OutputError);
  CHECK_THROWS_WITH(file.commit(), Contains("already committed or closed"));
}

TEST_CASE("run ids are checked and runs are not created twice", "[output_file][errors]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  CHECK_THROWS_WITH(static_cast<void>(file.create_run("a/b")),
                    Contains("run id 'a/b' is not valid"));
  CHECK_THROWS_AS(static_cast<void>(file.create_run("")), OutputError);
  CHECK_THROWS_AS(static_cast<void>(file.create_run(".hidden")), OutputError);
  static_cast<void>(file.create_run("seed-1_arm.a"));
  CHECK_THROWS_WITH(static_cast<void>(file.create_run("seed-1_arm.a")),
                    Contains("run 'seed-1_arm.a' already exists in this file (incomplete)"));
}

TEST_CASE("an existing output takes more runs, each with its own complete mark",
          "[output_file][append]") {
  TempDir dir;
  const auto path = dir / "shard.h5";
  {
    auto file = OutputFile::create(path);
    write_small_run(file, "r1", 4);
    file.commit();
  }
  {
    // A shard adds a run and is killed before finishing it (here: destroyed uncommitted).
    auto file = OutputFile::open_for_append(path);
    CHECK(file.writing_path() == path);
    CHECK(file.is_run_complete("r1"));
    const Group run = file.create_run("r2");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
    tick.append(0);
    tick.close();
    file.flush();
  }
  {
    const InputFile in(path);
    CHECK_FALSE(in.is_complete());  // appending was cut short
    REQUIRE(in.runs().size() == 2);
    CHECK(in.runs()[0].is_complete);
    CHECK_FALSE(in.runs()[1].is_complete);
  }
  {
    // Resuming: the complete run stays, the incomplete one is redone.
    auto file = OutputFile::open_for_append(path);
    CHECK_THROWS_WITH(file.remove_incomplete_run("r1"), Contains("is complete; refusing"));
    file.remove_incomplete_run("r2");
    CHECK_FALSE(file.has_run("r2"));
    write_small_run(file, "r2", 4);
    write_small_run(file, "r3", 2);
    file.commit();
  }
  const InputFile in(path);
  CHECK(in.is_complete());
  std::vector<std::string> ids;
  for (const auto& run : in.runs()) {
    CHECK(run.is_complete);
    ids.push_back(run.id);
  }
  CHECK(ids == std::vector<std::string>{"r1", "r2", "r3"});
  CHECK(dir.names() == std::set<std::string>{"shard.h5"});
}

TEST_CASE("appending refuses a missing, foreign or non-HDF5 file",
          "[output_file][append][errors]") {
  TempDir dir;
  CHECK_THROWS_WITH(static_cast<void>(OutputFile::open_for_append(dir / "none.h5")),
                    Contains("does not exist"));
  test::write_text_file(dir / "notes.txt", "not HDF5\n");
  CHECK_THROWS_WITH(static_cast<void>(OutputFile::open_for_append(dir / "notes.txt")),
                    Contains("is not an HDF5 file"));
  const hid_t foreign = H5Fcreate((dir / "foreign.h5").c_str(), test::h5_trunc(),
                                  test::h5_default(), test::h5_default());
  REQUIRE(foreign >= 0);
  H5Fclose(foreign);
  CHECK_THROWS_WITH(static_cast<void>(OutputFile::open_for_append(dir / "foreign.h5")),
                    Contains("not a wijksim output"));
}

namespace {
// In a child process: writes ticks of a run and reports through `ready` once some are on
// disk, then keeps writing until killed (`forever`) or commits and exits 0.
[[noreturn]] void child_writer(const std::filesystem::path& path, int ready, bool forever) {
  try {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    auto tick = add_unlimited_dimension<std::int32_t>(run, "tick", {});
    SeriesWriter<double> x(run, {"x", {"tick"}, {}}, {.chunk_bytes = 4096});
    std::int32_t t = 0;
    const auto write_ticks = [&](int n) {
      for (int i = 0; i < n; ++i, ++t) {
        tick.append(t);
        x.append(1.0 * t);
      }
      tick.flush();
      x.flush();
      file.flush();
    };
    write_ticks(2000);
    const char byte = 'r';
    if (::write(ready, &byte, 1) != 1) ::_exit(4);
    if (!forever) {
      tick.close();
      x.close();
      file.mark_complete(run);
      file.commit();
      ::_exit(0);
    }
    while (true) {
      write_ticks(100);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  } catch (...) {
    ::_exit(3);
  }
}

struct ChildResult {
  bool was_ready = false;
  int status = 0;
};

ChildResult run_child(const std::filesystem::path& path, bool kill_it) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    child_writer(path, pipe_fds[1], kill_it);
  }
  ::close(pipe_fds[1]);
  ChildResult result;
  char byte = 0;
  result.was_ready = ::read(pipe_fds[0], &byte, 1) == 1;
  ::close(pipe_fds[0]);
  if (kill_it) ::kill(child, SIGKILL);
  REQUIRE(::waitpid(child, &result.status, 0) == child);
  return result;
}
}  // namespace

TEST_CASE("a writer killed part-way (SIGKILL) leaves no file under the final name",
          "[output_file][crash]") {
  TempDir dir;
  const auto path = dir / "killed.h5";
  const ChildResult result = run_child(path, true);
  REQUIRE(result.was_ready);  // killed while writing, after data reached the disk
  CHECK(WIFSIGNALED(result.status));
  CHECK(WTERMSIG(result.status) == SIGKILL);
  CHECK_FALSE(std::filesystem::exists(path));
  const auto names = dir.names();
  REQUIRE(names.size() == 1);  // only the temporary file
  const std::string leftover = *names.begin();
  CHECK(starts_with(leftover, "killed.h5.part-"));
  // Whatever is left never reads as complete.
  try {
    CHECK_FALSE(InputFile(dir / leftover).is_complete());
  } catch (const InputFileError& e) {
    CHECK_THAT(e.what(), Contains(leftover));
  }
}

TEST_CASE("a writer in a child process that finishes leaves exactly the final file",
          "[output_file][crash]") {
  TempDir dir;
  const auto path = dir / "finished.h5";
  const ChildResult result = run_child(path, false);
  REQUIRE(result.was_ready);
  REQUIRE(WIFEXITED(result.status));
  CHECK(WEXITSTATUS(result.status) == 0);
  CHECK(dir.names() == std::set<std::string>{"finished.h5"});
  const InputFile in(path);
  CHECK(in.is_complete());
  CHECK(in.runs().at(0).is_complete);
}
