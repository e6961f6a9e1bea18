#pragma once
// One shard's output: one HDF5 file for many runs (analysis/SCHEMA.md, "one file, many runs").
//
// While the shard runs, its file is `<dir>/<stem>.h5.partial` (stem "shard-1-of-3"); each run
// is copied in whole once it has finished (with its own `complete = 1`), and the file is
// flushed after every run, so a process killed part-way leaves a partial file whose complete
// runs are intact. Restarting the same command reopens it, drops unfinished runs and redoes
// them. When every run of the shard is in, the root `complete = 1` is written and the file is
// renamed to `<dir>/<stem>.h5`: a file under that name is always whole.
//
// Layout besides /runs: a group /sweep with the identity of the sweep (attributes spec_text,
// spec_hash, design, base_seed, program_version, shard_index, shard_count, outcome_ids) that
// merge checks; each run group carries @point, @arm, @replicate and @outcome_value (the
// headline outcomes of scenarios::headline_measures(), in that order).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "wijksim/analysis/output_file.hpp"
#include "wijksim/engine/error.hpp"
#include "wijksim/sweep/run_plan.hpp"

namespace wijksim::sweep {

/// A sweep's files disagree with each other or with the command (a different spec, program
/// version or shard count, a missing or duplicated run).
class SweepError : public engine::InputError {
 public:
  using engine::InputError::InputError;
};

/// What every file of one sweep shares.
struct SweepIdentity {
  std::string spec_path;  ///< as given, for messages
  std::string spec_text;
  std::string spec_hash;
  std::string design;     ///< "grid" | "lhs" | "saltelli"
  std::uint64_t base_seed = 1;
  std::string program_version;
  std::size_t saltelli_base_points = 0;
  std::vector<std::string> outcome_ids;
};

/// Final and partial paths of a shard's file.
[[nodiscard]] std::filesystem::path shard_final_path(const std::filesystem::path& dir, const Shard& shard);
[[nodiscard]] std::filesystem::path shard_partial_path(const std::filesystem::path& dir, const Shard& shard);

/// Shard files found in `dir`: "shard-<i>-of-<N>.h5" (final) or ".h5.partial".
struct FoundShard {
  std::filesystem::path path;
  Shard shard;
  bool is_partial = false;
};
[[nodiscard]] std::vector<FoundShard> find_shard_files(const std::filesystem::path& dir);

class ShardFile {
 public:
  /// Opens shard `shard` in `dir` (created if missing): its finished file (nothing left to
  /// run), else its partial file to resume (unfinished runs are removed; a partial file HDF5
  /// cannot open is set aside as `.damaged` and started afresh), else a new partial file.
  /// Throws SweepError when the folder holds shards of another shard count, or a file of this
  /// shard written for another spec or program version; analysis::OutputError for I/O.
  static ShardFile open(const std::filesystem::path& dir, const Shard& shard, const SweepIdentity& identity);

  ShardFile(ShardFile&&) noexcept = default;
  ShardFile& operator=(ShardFile&&) noexcept = default;
  ~ShardFile();

  [[nodiscard]] bool is_finished() const noexcept { return is_finished_; }
  [[nodiscard]] const std::set<std::string>& complete_runs() const noexcept { return complete_; }
  /// Runs found unfinished in the partial file and removed (to be run again).
  [[nodiscard]] const std::vector<std::string>& removed_runs() const noexcept { return removed_; }
  /// Set when a damaged partial file was set aside: what happened, for the user.
  [[nodiscard]] const std::optional<std::string>& note() const noexcept { return note_; }
  [[nodiscard]] const std::filesystem::path& final_path() const noexcept { return final_path_; }
  [[nodiscard]] const std::filesystem::path& partial_path() const noexcept { return partial_path_; }
  [[nodiscard]] const Shard& shard() const noexcept { return shard_; }

  /// Copies the complete run `run_id` from `scratch` (/runs/<run_id>) into this shard and
  /// flushes the file. Not thread-safe: callers serialise. Throws analysis::OutputError.
  void add_run(const analysis::OutputFile& scratch, const std::string& run_id);

  /// Writes the root complete mark and renames the partial file to the final name.
  void finish();

 private:
  ShardFile() = default;
  std::filesystem::path final_path_;
  std::filesystem::path partial_path_;
  Shard shard_;
  bool is_finished_ = false;
  std::set<std::string> complete_;
  std::vector<std::string> removed_;
  std::optional<std::string> note_;
  std::optional<analysis::OutputFile> file_;
};

/// Writes the identity attributes on `group` (/sweep of a shard or of the merged file).
void write_identity(const analysis::Node& group, const SweepIdentity& identity);
/// Reads them back (InputFileError when one is missing).
[[nodiscard]] SweepIdentity read_identity(const analysis::Node& group);

}  // namespace wijksim::sweep
