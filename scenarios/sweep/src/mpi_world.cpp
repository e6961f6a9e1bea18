#include "wijksim/sweep/mpi_world.hpp"

#include <cstdlib>
#include <numeric>
#include <stdexcept>
#include <string>

#ifdef WIJKSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace wijksim::sweep {
namespace {

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  return end != nullptr && *end == '\0' ? static_cast<int>(x) : fallback;
}

#ifdef WIJKSIM_HAVE_MPI
// MPI's handles are macros with old-style casts; expanded here only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wuseless-cast"
MPI_Comm world() { return MPI_COMM_WORLD; }
MPI_Datatype u64() { return MPI_UINT64_T; }
MPI_Datatype i32() { return MPI_INT; }
MPI_Op max_op() { return MPI_MAX; }
int any_source() { return MPI_ANY_SOURCE; }
MPI_Status* no_status() { return MPI_STATUS_IGNORE; }
#pragma GCC diagnostic pop

constexpr int kProgressTag = 1;
constexpr int kFinalTag = 2;
#endif

}  // namespace

bool MpiWorld::is_launched() noexcept {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

int MpiWorld::local_size() noexcept { return std::max(1, env_int("OMPI_COMM_WORLD_LOCAL_SIZE", 1)); }

std::unique_ptr<MpiWorld> MpiWorld::start_if_launched(int* argc, char*** argv) {
  if (!is_launched()) return nullptr;
#ifdef WIJKSIM_HAVE_MPI
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(world(), &rank);
  MPI_Comm_size(world(), &size);
  return std::unique_ptr<MpiWorld>(new MpiWorld(rank, size));
#else
  static_cast<void>(argc);
  static_cast<void>(argv);
  if (env_int("OMPI_COMM_WORLD_SIZE", 1) > 1) {
    throw std::runtime_error("started by mpirun, but this wijksim was built without MPI: run with --shard i/N instead");
  }
  return nullptr;
#endif
}

MpiWorld::~MpiWorld() {
#ifdef WIJKSIM_HAVE_MPI
  MPI_Finalize();
#endif
}

void MpiWorld::send_progress(std::uint64_t runs_done) {
#ifdef WIJKSIM_HAVE_MPI
  if (rank_ == 0 || is_finished_) return;
  MPI_Send(&runs_done, 1, u64(), 0, kProgressTag, world());
#else
  static_cast<void>(runs_done);
#endif
}

std::uint64_t MpiWorld::others_progress() {
#ifdef WIJKSIM_HAVE_MPI
  if (rank_ != 0) return 0;
  while (true) {
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(any_source(), kProgressTag, world(), &waiting, &status);
    if (waiting == 0) break;
    std::uint64_t count = 0;
    MPI_Recv(&count, 1, u64(), status.MPI_SOURCE, kProgressTag, world(), no_status());
    last_[static_cast<std::size_t>(status.MPI_SOURCE)] = std::max(last_[static_cast<std::size_t>(status.MPI_SOURCE)], count);
  }
#endif
  return std::accumulate(last_.begin() + 1, last_.end(), std::uint64_t{0});
}

int MpiWorld::finish(int exit_code, std::uint64_t runs_done, std::uint64_t* others_done) {
  int worst = exit_code;
#ifdef WIJKSIM_HAVE_MPI
  if (is_finished_) return exit_code;
  if (rank_ != 0) {
    std::uint64_t final_count[2] = {runs_done, static_cast<std::uint64_t>(exit_code)};
    MPI_Send(final_count, 2, u64(), 0, kFinalTag, world());
  } else {
    for (int r = 1; r < size_; ++r) {
      std::uint64_t final_count[2] = {0, 0};
      MPI_Recv(final_count, 2, u64(), r, kFinalTag, world(), no_status());
      last_[static_cast<std::size_t>(r)] = final_count[0];
    }
    static_cast<void>(others_progress());  // drain progress messages sent before the final ones
    if (others_done != nullptr) *others_done = std::accumulate(last_.begin() + 1, last_.end(), std::uint64_t{0});
  }
  MPI_Allreduce(&exit_code, &worst, 1, i32(), max_op(), world());
  is_finished_ = true;
#else
  static_cast<void>(runs_done);
  static_cast<void>(others_done);
#endif
  return worst;
}

}  // namespace wijksim::sweep
