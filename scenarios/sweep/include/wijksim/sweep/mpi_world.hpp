#pragma once
// MPI for `wijksim sweep`, kept to this one small interface (Open MPI from Debian). Under
// `mpirun` (Open MPI's OMPI_COMM_WORLD_* variables, or PMIx's PMIX_RANK) each rank r of N runs
// shard r/N; without a launcher MPI is never initialised, so the program works on its own.
// Only the calling (main) thread uses MPI (MPI_THREAD_FUNNELED).
//
// Progress: every rank but 0 sends its count of finished runs to rank 0 when it changes
// (small messages); rank 0 adds them up. At the end each rank sends a final count and its
// exit code; rank 0 waits for all, and every rank leaves with the highest exit code.
#include <cstdint>
#include <memory>
#include <vector>

namespace wijksim::sweep {

class MpiWorld {
 public:
  /// Whether this process was started by an MPI launcher (looks at the environment only).
  [[nodiscard]] static bool is_launched() noexcept;
  /// Local ranks on this node under the launcher (OMPI_COMM_WORLD_LOCAL_SIZE), 1 when unknown.
  [[nodiscard]] static int local_size() noexcept;
  /// Initialises MPI when launched (else returns null). Throws std::runtime_error when this
  /// program was built without MPI but started by mpirun with more than one rank.
  [[nodiscard]] static std::unique_ptr<MpiWorld> start_if_launched(int* argc, char*** argv);

  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;
  /// Finalises MPI.
  ~MpiWorld();

  [[nodiscard]] int rank() const noexcept { return rank_; }
  [[nodiscard]] int size() const noexcept { return size_; }

  /// Ranks > 0: tells rank 0 this rank's finished runs (call when it changed).
  void send_progress(std::uint64_t runs_done);
  /// Rank 0: takes the messages waiting and returns the total of the other ranks' runs.
  [[nodiscard]] std::uint64_t others_progress();
  /// Every rank, once at the end: sends (or, on rank 0, gathers) the final counts; returns the
  /// highest exit code of all ranks. Rank 0 gets the others' finished runs in `others_done`.
  int finish(int exit_code, std::uint64_t runs_done, std::uint64_t* others_done = nullptr);

 private:
  MpiWorld(int rank, int size) : rank_(rank), size_(size), last_(static_cast<std::size_t>(size), 0) {}
  int rank_ = 0;
  int size_ = 1;
  std::vector<std::uint64_t> last_;  ///< rank 0: latest count of each rank
  bool is_finished_ = false;
};

}  // namespace wijksim::sweep
