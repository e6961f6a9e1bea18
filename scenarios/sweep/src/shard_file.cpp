#include "wijksim/sweep/shard_file.hpp"

#include <charconv>
#include <regex>
#include <system_error>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/output_error.hpp"
#include "wijksim/sweep/group_copy.hpp"

namespace wijksim::sweep {
namespace {

namespace fs = std::filesystem;
namespace wa = wijksim::analysis;

constexpr const char* kSweepGroup = "sweep";
constexpr const char* kRunsGroup = "runs";

std::string as_string(const wa::AttributeValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

void check_same(const SweepIdentity& found, const SweepIdentity& expected, const fs::path& file) {
  if (found.spec_hash != expected.spec_hash) {
    throw SweepError("shard file " + file.string(),
                     "a shard of this sweep spec (hash " + expected.spec_hash + ", " + expected.spec_path + ")",
                     "one written for another spec or other scenario files (hash " + found.spec_hash + ", " + found.spec_path + ")",
                     "give another --out folder, or remove the old shard files");
  }
  if (found.program_version != expected.program_version) {
    throw SweepError("shard file " + file.string(), "runs of " + expected.program_version,
                     "runs of " + found.program_version,
                     "runs of two program versions are not one sweep: give another --out folder");
  }
}

}  // namespace

fs::path shard_final_path(const fs::path& dir, const Shard& shard) { return dir / (shard.stem() + ".h5"); }
fs::path shard_partial_path(const fs::path& dir, const Shard& shard) { return dir / (shard.stem() + ".h5.partial"); }

std::vector<FoundShard> find_shard_files(const fs::path& dir) {
  static const std::regex pattern(R"(shard-(\d+)-of-(\d+)\.h5(\.partial)?)");
  std::vector<FoundShard> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    const std::string name = entry.path().filename().string();
    if (!std::regex_match(name, m, pattern)) continue;
    FoundShard f;
    f.path = entry.path();
    f.shard.index = std::stoul(m[1].str());
    f.shard.count = std::stoul(m[2].str());
    f.is_partial = m[3].matched;
    if (f.shard.count == 0 || f.shard.index >= f.shard.count) continue;
    found.push_back(std::move(f));
  }
  std::sort(found.begin(), found.end(), [](const FoundShard& a, const FoundShard& b) {
    return std::tie(a.shard.count, a.shard.index, a.is_partial) < std::tie(b.shard.count, b.shard.index, b.is_partial);
  });
  return found;
}

void write_identity(const wa::Node& group, const SweepIdentity& identity) {
  wa::write_attribute(group, "spec_path", identity.spec_path);
  wa::write_attribute(group, "spec_text", identity.spec_text);
  wa::write_attribute(group, "spec_hash", identity.spec_hash);
  wa::write_attribute(group, "design", identity.design);
  wa::write_attribute(group, "base_seed", identity.base_seed);
  wa::write_attribute(group, "program_version", identity.program_version);
  if (identity.design == "saltelli") {
    wa::write_attribute(group, "saltelli_base_points", static_cast<std::int64_t>(identity.saltelli_base_points));
  }
  wa::write_attribute(group, "outcome_ids", identity.outcome_ids);
}

SweepIdentity read_identity(const wa::Node& group) {
  SweepIdentity id;
  id.spec_path = as_string(wa::read_attribute(group, "spec_path"));
  id.spec_text = wa::read_string_attribute(group, "spec_text");
  id.spec_hash = wa::read_string_attribute(group, "spec_hash");
  id.design = wa::read_string_attribute(group, "design");
  const wa::AttributeValue seed = wa::read_attribute(group, "base_seed");
  if (const auto* u = std::get_if<std::uint64_t>(&seed)) id.base_seed = *u;
  if (const auto* i = std::get_if<std::int64_t>(&seed)) id.base_seed = static_cast<std::uint64_t>(*i);
  id.program_version = wa::read_string_attribute(group, "program_version");
  if (wa::has_attribute(group, "saltelli_base_points")) {
    id.saltelli_base_points = static_cast<std::size_t>(wa::read_int_attribute(group, "saltelli_base_points"));
  }
  const wa::AttributeValue outcomes = wa::read_attribute(group, "outcome_ids");
  if (const auto* v = std::get_if<std::vector<std::string>>(&outcomes)) id.outcome_ids = *v;
  if (const auto* s = std::get_if<std::string>(&outcomes)) id.outcome_ids = {*s};
  return id;
}

ShardFile ShardFile::open(const fs::path& dir, const Shard& shard, const SweepIdentity& identity) {
  ShardFile s;
  s.shard_ = shard;
  s.final_path_ = shard_final_path(dir, shard);
  s.partial_path_ = shard_partial_path(dir, shard);

  for (const FoundShard& other : find_shard_files(dir)) {
    if (other.shard.count != shard.count) {
      throw SweepError("output folder " + dir.string(), "shards of a split into " + std::to_string(shard.count),
                       other.path.filename().string() + " (a split into " + std::to_string(other.shard.count) + ")",
                       "resume with the same shard count (--shard i/" + std::to_string(other.shard.count) +
                           " or mpirun -n " + std::to_string(other.shard.count) + "), or give another --out folder");
    }
  }

  std::error_code ec;
  if (fs::exists(s.final_path_, ec)) {
    const wa::InputFile done(s.final_path_);
    done.require_wijksim_output();
    check_same(read_identity(done.root().open_group(kSweepGroup)), identity, s.final_path_);
    for (const auto& run : done.runs()) {
      if (run.is_complete) s.complete_.insert(run.id);
    }
    s.is_finished_ = true;
    return s;
  }

  if (fs::exists(s.partial_path_, ec)) {
    try {
      s.file_.emplace(wa::OutputFile::open_for_append(s.partial_path_));
      const wa::Group root = s.file_->root();
      const wa::Group sweep = root.open_group(kSweepGroup);
      check_same(read_identity(sweep), identity, s.partial_path_);
      const wa::Group runs = root.require_group(kRunsGroup);
      for (const auto& id : runs.child_names()) {
        const bool is_whole = runs.is_group(id) && wa::is_complete(runs.open_group(id)) &&
                              wa::has_attribute(runs.open_group(id), "outcome_value");
        if (is_whole) {
          s.complete_.insert(id);
        } else {
          runs.remove(id);
          s.removed_.push_back(id);
        }
      }
      s.file_->flush();
      return s;
    } catch (const SweepError&) {
      throw;
    } catch (const wa::OutputError& e) {
      // HDF5 cannot read it (killed while a run was being copied in): set it aside, start over.
      s.file_.reset();
      s.complete_.clear();
      s.removed_.clear();
      fs::path aside = s.partial_path_;
      aside += ".damaged";
      fs::rename(s.partial_path_, aside, ec);
      s.note_ = "the partial file " + s.partial_path_.string() + " could not be read (" + e.what() +
                "); it was moved to " + aside.string() + " and this shard starts afresh";
    }
  }

  {
    wa::OutputFile created = wa::OutputFile::create(s.partial_path_);
    const wa::Group root = created.root();
    wa::write_attribute(root, "kind", std::string("sweep shard"));
    const wa::Group sweep = root.create_group(kSweepGroup);
    write_identity(sweep, identity);
    wa::write_attribute(sweep, "shard_index", static_cast<std::int64_t>(shard.index));
    wa::write_attribute(sweep, "shard_count", static_cast<std::int64_t>(shard.count));
    static_cast<void>(root.create_group(kRunsGroup));
    created.commit();
  }
  s.file_.emplace(wa::OutputFile::open_for_append(s.partial_path_));
  return s;
}

ShardFile::~ShardFile() = default;

void ShardFile::add_run(const wa::OutputFile& scratch, const std::string& run_id) {
  if (!file_) throw wa::OutputError(final_path_.string(), "the shard is finished; no run can be added");
  const wa::Group source_runs = scratch.root().open_group(kRunsGroup);
  const wa::Group target_runs = file_->root().open_group(kRunsGroup);
  if (target_runs.contains(run_id)) target_runs.remove(run_id);
  copy_group_with_scales(source_runs.id(), run_id, target_runs.id(), run_id);
  file_->flush();
  complete_.insert(run_id);
}

void ShardFile::finish() {
  if (!file_) return;
  file_->commit();
  file_.reset();
  fs::rename(partial_path_, final_path_);
  is_finished_ = true;
}

}  // namespace wijksim::sweep
