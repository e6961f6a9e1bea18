#include "wijksim/sweep/run_plan.hpp"

#include <charconv>
#include <cstdio>

#include "wijksim/engine/error.hpp"
#include "wijksim/scenarios/loader_options.hpp"
#include "wijksim/scenarios/model_scenario.hpp"
#include "wijksim/scenarios/scenario_error.hpp"
#include "wijksim/sweep/value_mapping.hpp"

namespace wijksim::sweep {
namespace {

std::size_t digits(std::size_t largest, std::size_t at_least) {
  std::size_t d = 1;
  for (std::size_t v = largest; v >= 10; v /= 10) ++d;
  return std::max(d, at_least);
}

std::string padded(std::size_t value, std::size_t width) {
  std::string text = std::to_string(value);
  if (text.size() < width) text.insert(0, width - text.size(), '0');
  return text;
}

std::string point_text(const SweepSpec& spec, const DesignPoint& point) {
  std::string text;
  for (std::size_t d = 0; d < spec.parameters.size(); ++d) {
    if (d > 0) text.append(", ");
    text.append(spec.parameters[d].name).append("=").append(override_text(spec.parameters[d], point.values[d]));
  }
  return text;
}

}  // namespace

RunPlan make_run_plan(const SweepSpec& spec) {
  RunPlan plan;
  plan.points = expand_design(spec);
  const std::size_t arms = spec.arms.size();
  const auto replicates = static_cast<std::size_t>(spec.replicates);
  const std::size_t point_width = digits(plan.points.empty() ? 0 : plan.points.size() - 1, 4);
  const std::size_t arm_width = digits(arms - 1, 1);
  const std::size_t replicate_width = digits(replicates - 1, 2);
  plan.runs.reserve(plan.points.size() * arms * replicates);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    for (std::size_t a = 0; a < arms; ++a) {
      for (std::size_t r = 0; r < replicates; ++r) {
        PlannedRun run;
        run.index = plan.runs.size();
        run.point = p;
        run.arm = a;
        run.replicate = r;
        // Appended piece by piece (GCC 12 warns falsely on a chain of + here: -Wrestrict).
        run.id.reserve(4 + point_width + arm_width + replicate_width + 4);
        run.id.append("p").append(padded(p, point_width));
        run.id.append("-a").append(padded(a, arm_width));
        run.id.append("-r").append(padded(r, replicate_width));
        const std::uint64_t k = static_cast<std::uint64_t>(p) * replicates + r;
        run.seed = spec.seed + k;
        run.engine_run_id = k;
        plan.runs.push_back(std::move(run));
      }
    }
  }
  return plan;
}

std::string Shard::stem() const {
  const std::size_t width = digits(count - 1, 1);
  std::string stem("shard-");
  stem.append(padded(index, width)).append("-of-").append(std::to_string(count));
  return stem;
}

Shard parse_shard(std::string_view text, std::string_view option) {
  const auto fail = [&]() -> Shard {
    std::string found("\"");
    found.append(text).append("\"");
    throw engine::InputError(std::string(option), "i/N with 0 <= i < N (shard i of N, counted from 0)", found);
  };
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return fail();
  std::size_t index = 0;
  std::size_t count = 0;
  const auto a = std::from_chars(text.data(), text.data() + slash, index);
  const auto b = std::from_chars(text.data() + slash + 1, text.data() + text.size(), count);
  if (a.ec != std::errc{} || a.ptr != text.data() + slash || b.ec != std::errc{} || b.ptr != text.data() + text.size()) {
    return fail();
  }
  if (count == 0 || index >= count) return fail();
  return Shard{index, count};
}

std::vector<std::size_t> shard_runs(const RunPlan& plan, const Shard& shard) {
  std::vector<std::size_t> mine;
  for (std::size_t i = shard.index; i < plan.runs.size(); i += shard.count) mine.push_back(i);
  return mine;
}

std::vector<std::string> run_overrides(const SweepSpec& spec, const RunPlan& plan, const PlannedRun& run) {
  std::vector<std::string> overrides;
  for (const auto& o : spec.arms.at(run.arm).overrides) overrides.push_back(o.key + "=" + o.value_text);
  const DesignPoint& point = plan.points.at(run.point);
  for (std::size_t d = 0; d < spec.parameters.size(); ++d) {
    const SweptParameter& p = spec.parameters[d];
    const std::string value = override_text(p, point.values[d]);
    overrides.push_back(p.name + "=" + value);
    for (const auto& other : p.also) overrides.push_back(other + "=" + value);
  }
  return overrides;
}

scenarios::Scenario load_run_scenario(const SweepSpec& spec, const RunPlan& plan, const PlannedRun& run) {
  const SweepArm& arm = spec.arms.at(run.arm);
  const auto overrides = run_overrides(spec, plan, run);
  return arm.scenario_file ? scenarios::load_model_scenario(*arm.scenario_file, overrides)
                           : scenarios::load_model_defaults(overrides);
}

std::vector<std::string> validate_sweep_scenarios(const SweepSpec& spec, const RunPlan& plan) {
  std::vector<std::string> texts(spec.arms.size());
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    for (std::size_t a = 0; a < spec.arms.size(); ++a) {
      PlannedRun run;
      run.point = p;
      run.arm = a;
      try {
        scenarios::Scenario scenario = load_run_scenario(spec, plan, run);
        if (p == 0) texts[a] = std::move(scenario.text);
      } catch (const scenarios::ScenarioError& e) {
        // A value from the spec: name the spec's line, the arm and the point.
        scenarios::SourceLocation where = e.where();
        if (where.file == scenarios::kCommandLine) {
          where = scenarios::SourceLocation{spec.path.string(), 0, 0};
          for (const auto& o : spec.arms[a].overrides) {
            if (o.key == e.key()) where = o.where;
          }
          for (const auto& sp : spec.parameters) {
            if (sp.name == e.key() || std::find(sp.also.begin(), sp.also.end(), e.key()) != sp.also.end()) where = sp.where;
          }
        }
        std::string hint = "arm '" + spec.arms[a].name + "' at point " + std::to_string(p) + " (" + point_text(spec, plan.points[p]) + ")";
        if (!e.hint().empty()) hint = e.hint() + "; " + hint;
        throw scenarios::ScenarioError(e.kind(), where, e.key(), e.expected(), e.found(), hint);
      }
    }
  }
  return texts;
}

std::string spec_hash(const SweepSpec& spec, const std::vector<std::string>& arm_texts) {
  std::uint64_t h = 14695981039346656037ULL;
  const auto mix = [&](std::string_view text) {
    for (const char c : text) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    h ^= 0xFFU;  // separator
    h *= 1099511628211ULL;
  };
  mix(spec.text);
  for (const auto& t : arm_texts) mix(t);
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

}  // namespace wijksim::sweep
