#include "wijksim/sweep/merge.hpp"

#include <hdf5_hl.h>

#include <map>

#include "detail/h5_raw.hpp"
#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/sweep/group_copy.hpp"
#include "wijksim/sweep/run_plan.hpp"
#include "wijksim/sweep/shard_file.hpp"

namespace wijksim::sweep {
namespace {

namespace fs = std::filesystem;
namespace wa = wijksim::analysis;
using analysis::DatasetHandle;
using analysis::DataspaceHandle;
using analysis::DatatypeHandle;

/// A fixed (not extendible) variable over existing dimension scales.
void write_variable(const wa::Group& group, const std::string& name, const std::vector<const wa::Node*>& dims, hid_t file_type,
                    hid_t memory_type, const void* data, const wa::VariableAttributes& attributes) {
  const std::string where = group.file_path() + ":" + group.child_path(name);
  std::vector<hsize_t> extent;
  for (const wa::Node* d : dims) extent.push_back(wa::dimension_extent(*d).length);
  const DataspaceHandle space(detail::check_id(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr), where, "cannot make a dataspace"));
  const DatasetHandle dataset(detail::check_id(
      H5Dcreate2(group.id(), name.c_str(), file_type, space.get(), detail::h5_default(), detail::h5_default(), detail::h5_default()), where,
      "cannot create the variable"));
  std::size_t count = 1;
  for (const hsize_t e : extent) count *= e;
  if (count > 0) {
    detail::check(H5Dwrite(dataset.get(), memory_type, detail::h5_all(), detail::h5_all(), detail::h5_default(), data), where, "cannot write");
  }
  for (std::size_t axis = 0; axis < dims.size(); ++axis) {
    detail::check(H5DSattach_scale(dataset.get(), dims[axis]->id(), static_cast<unsigned>(axis)), where, "cannot attach a dimension");
  }
  wa::write_variable_attributes(group.open_dataset(name), attributes);
}

void write_int64(const wa::Group& group, const std::string& name, const wa::Node& run_dim, const std::vector<std::int64_t>& values,
                 const wa::VariableAttributes& attributes) {
  write_variable(group, name, {&run_dim}, detail::h5_le_int64(), detail::h5_native_int64(), values.data(), attributes);
}

std::string count_text(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace

MergeResult merge_sweep(const fs::path& dir, const fs::path& out, const MergeOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw SweepError("sweep folder " + dir.string(), "a folder of shard files (wijksim sweep --out)", "no such folder");
  const std::vector<FoundShard> found = find_shard_files(dir);
  std::vector<FoundShard> finals;
  for (const auto& f : found) {
    if (!f.is_partial) finals.push_back(f);
  }
  if (finals.empty()) {
    throw SweepError("sweep folder " + dir.string(), "finished shard files shard-<i>-of-<N>.h5",
                     found.empty() ? "none" : "only unfinished ones (" + found.front().path.filename().string() + ", ...)",
                     "run (or rerun, to resume) the sweep command for each shard first");
  }
  const std::size_t count = finals.front().shard.count;
  for (const auto& f : found) {
    if (f.shard.count != count) {
      throw SweepError("sweep folder " + dir.string(), "shards of one split (" + finals.front().path.filename().string() + ")",
                       f.path.filename().string() + " too", "shards of different splits are not one sweep; keep one split in a folder");
    }
  }
  std::vector<bool> present(count, false);
  for (const auto& f : finals) present[f.shard.index] = true;
  std::string missing;
  for (const auto& f : found) {
    if (f.is_partial && !present[f.shard.index]) missing += (missing.empty() ? "" : ", ") + f.path.filename().string() + " (unfinished: rerun its command to resume)";
  }
  for (std::size_t i = 0; i < count; ++i) {
    bool is_partial = false;
    for (const auto& f : found) is_partial = is_partial || (f.is_partial && f.shard.index == i);
    if (!present[i] && !is_partial) missing += (missing.empty() ? "" : ", ") + Shard{i, count}.stem() + ".h5 (not started)";
  }
  if (!missing.empty()) {
    throw SweepError("sweep folder " + dir.string(), "all " + std::to_string(count) + " shards finished", "missing " + missing);
  }

  // Every shard: the same sweep.
  std::vector<wa::InputFile> shards;
  shards.reserve(finals.size());
  SweepIdentity identity;
  for (std::size_t s = 0; s < finals.size(); ++s) {
    shards.emplace_back(finals[s].path);
    shards.back().require_wijksim_output();
    if (!shards.back().is_complete()) {
      throw SweepError("shard file " + finals[s].path.string(), "a finished shard (root complete = 1)", "an unfinished one",
                       "rerun the sweep command for it");
    }
    const SweepIdentity id = read_identity(shards.back().root().open_group("sweep"));
    if (s == 0) {
      identity = id;
      continue;
    }
    if (id.spec_hash != identity.spec_hash) {
      throw SweepError("shard file " + finals[s].path.string(),
                       "the spec of " + finals[0].path.filename().string() + " (hash " + identity.spec_hash + ")",
                       "another spec or other scenario files (hash " + id.spec_hash + ")", "shards of different sweeps cannot be merged");
    }
    if (id.program_version != identity.program_version) {
      throw SweepError("shard file " + finals[s].path.string(), "runs of " + identity.program_version + " (as " + finals[0].path.filename().string() + ")",
                       "runs of " + id.program_version, "shards of different program versions cannot be merged");
    }
  }

  const SweepSpec spec = parse_sweep_spec(identity.spec_text, identity.spec_path);
  const RunPlan plan = make_run_plan(spec);
  std::map<std::string, std::size_t> where;  // run id -> shard
  for (std::size_t s = 0; s < shards.size(); ++s) {
    for (const auto& run : shards[s].runs()) {
      if (!run.is_complete) continue;
      const auto [it, is_new] = where.emplace(run.id, s);
      if (!is_new) {
        throw SweepError("run " + run.id, "in one shard", "in " + finals[it->second].path.filename().string() + " and " + finals[s].path.filename().string());
      }
    }
  }
  std::string absent;
  std::size_t absent_count = 0;
  for (const auto& run : plan.runs) {
    if (where.count(run.id) == 0) {
      if (++absent_count <= 5) absent += (absent.empty() ? "" : ", ") + run.id;
    }
  }
  if (absent_count > 0) {
    throw SweepError("sweep folder " + dir.string(), "all " + std::to_string(plan.runs.size()) + " runs of the spec",
                     count_text(absent_count, "run missing", "runs missing") + " (" + absent + (absent_count > 5 ? ", ..." : "") + ")");
  }
  if (where.size() != plan.runs.size()) {
    throw SweepError("sweep folder " + dir.string(), std::to_string(plan.runs.size()) + " runs of the spec",
                     std::to_string(where.size()) + " runs, some not in the spec");
  }

  // The summary table.
  wa::OutputFile merged = wa::OutputFile::create(out, {.overwrite = options.overwrite});
  const wa::Group root = merged.root();
  wa::write_attribute(root, "kind", std::string("sweep"));
  const wa::Group sweep = root.create_group("sweep");
  write_identity(sweep, identity);
  wa::write_attribute(sweep, "description", spec.description);
  wa::write_attribute(sweep, "replicates", static_cast<std::int64_t>(spec.replicates));
  wa::write_attribute(sweep, "shard_count", static_cast<std::int64_t>(count));

  std::vector<std::string> run_ids;
  std::vector<std::string> parameter_names;
  for (const auto& r : plan.runs) run_ids.push_back(r.id);
  for (const auto& p : spec.parameters) parameter_names.push_back(p.name);
  const wa::Node run_dim = wa::add_dimension(sweep, "run", run_ids, {.long_name = "run id", .description = "p<point>-a<arm>-r<replicate>; the run's series are under /runs/<run id>"});
  const wa::Node parameter_dim = wa::add_dimension(sweep, "parameter", parameter_names, {.long_name = "swept parameter"});
  const wa::Node outcome_dim = wa::add_dimension(sweep, "outcome", identity.outcome_ids, {.long_name = "headline outcome", .description = "scenarios::headline_measures(), as wijksim compare reports them"});

  std::vector<std::int64_t> point, arm_index, replicate, seed, matrix;
  std::vector<std::string> arm;
  std::vector<double> parameter_value, outcome_value;
  for (const auto& r : plan.runs) {
    point.push_back(static_cast<std::int64_t>(r.point));
    arm_index.push_back(static_cast<std::int64_t>(r.arm));
    arm.push_back(spec.arms[r.arm].name);
    replicate.push_back(static_cast<std::int64_t>(r.replicate));
    seed.push_back(static_cast<std::int64_t>(r.seed));
    matrix.push_back(plan.points[r.point].saltelli_matrix);
    const auto& values = plan.points[r.point].values;
    parameter_value.insert(parameter_value.end(), values.begin(), values.end());
    const wa::Group group = shards[where.at(r.id)].open_run(r.id);
    const wa::AttributeValue o = wa::read_attribute(group, "outcome_value");
    const auto* v = std::get_if<std::vector<double>>(&o);
    if (v == nullptr || v->size() != identity.outcome_ids.size()) {
      throw SweepError("run " + r.id + " in " + finals[where.at(r.id)].path.string(),
                       std::to_string(identity.outcome_ids.size()) + " outcome values", "another number");
    }
    outcome_value.insert(outcome_value.end(), v->begin(), v->end());
  }
  write_int64(sweep, "point", run_dim, point, {.long_name = "design point"});
  write_int64(sweep, "arm_index", run_dim, arm_index, {.long_name = "arm (index)"});
  {
    std::vector<const char*> pointers;
    for (const auto& a : arm) pointers.push_back(a.c_str());
    const DatatypeHandle type(detail::h5_utf8_string_type());
    write_variable(sweep, "arm", {&run_dim}, type.get(), type.get(), pointers.data(), {.long_name = "arm"});
  }
  write_int64(sweep, "replicate", run_dim, replicate, {.long_name = "replicate"});
  write_int64(sweep, "seed", run_dim, seed, {.long_name = "seed", .description = "base seed + point x replicates + replicate (the same in every arm of a point)"});
  if (spec.design == DesignKind::saltelli) {
    write_int64(sweep, "saltelli_matrix", run_dim, matrix, {.long_name = "Saltelli matrix", .description = "-1 = A, -2 = B, k >= 0 = AB_k (A with column k from B)"});
  }
  write_variable(sweep, "parameter_value", {&run_dim, &parameter_dim}, detail::h5_le_double(), detail::h5_native_double(), parameter_value.data(),
                 {.long_name = "value of the swept parameter"});
  write_variable(sweep, "outcome_value", {&run_dim, &outcome_dim}, detail::h5_le_double(), detail::h5_native_double(), outcome_value.data(),
                 {.long_name = "headline outcome of the run"});

  // The runs, in run order.
  const wa::Group runs = root.create_group("runs");
  for (const auto& r : plan.runs) {
    const wa::Group source_runs = shards[where.at(r.id)].root().open_group("runs");
    copy_group_with_scales(source_runs.id(), r.id, runs.id(), r.id);
    wa::remove_attribute(runs.open_group(r.id), "outcome_value");
    if (options.on_run) options.on_run();
  }
  merged.commit();
  return {count, plan.runs.size()};
}

}  // namespace wijksim::sweep
