#include "report_data.hpp"

#include <hdf5.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "wijksim/analysis/attributes.hpp"
#include "wijksim/analysis/output_error.hpp"
#include "wijksim/analysis/read_series.hpp"

namespace wijksim::report {

namespace wa = wijksim::analysis;

namespace {

constexpr double kWeeksPerYear = 52.0;

using Values = std::vector<double>;

/// Sum of a series over every axis but the first (tick): one value per tick.
Values per_tick_total(const wa::Series<double>& s) {
  const std::size_t ticks = s.shape.empty() ? 0 : static_cast<std::size_t>(s.shape[0]);
  Values out(ticks, 0.0);
  if (ticks == 0) return out;
  const std::size_t per = s.values.size() / ticks;
  for (std::size_t t = 0; t < ticks; ++t) {
    for (std::size_t k = 0; k < per; ++k) out[t] += s.values[t * per + k];
  }
  return out;
}

/// [neighbourhood][tick] sums over the axes after the neighbourhood axis, when axis 1 is the
/// neighbourhood dimension; empty otherwise.
std::vector<Values> per_neighbourhood(const wa::Series<double>& s) {
  if (s.shape.size() < 2 || s.dimensions.size() < 2 || s.dimensions[1] != "neighbourhood") return {};
  const auto ticks = static_cast<std::size_t>(s.shape[0]);
  const auto hoods = static_cast<std::size_t>(s.shape[1]);
  std::vector<Values> out(hoods, Values(ticks, 0.0));
  if (ticks == 0 || hoods == 0) return out;
  const std::size_t per = s.values.size() / (ticks * hoods);
  for (std::size_t t = 0; t < ticks; ++t) {
    for (std::size_t n = 0; n < hoods; ++n) {
      for (std::size_t k = 0; k < per; ++k) out[n][t] += s.values[(t * hoods + n) * per + k];
    }
  }
  return out;
}

Values divide(const Values& a, const Values& b, double scale) {
  Values out(a.size(), kNaN);
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) out[i] = b[i] > 0.0 ? a[i] / b[i] * scale : kNaN;
  return out;
}

std::optional<wa::Series<double>> optional_series(const wa::Group& run, const char* name, std::size_t ticks) {
  if (!run.is_dataset(name)) return std::nullopt;
  auto s = wa::read_series<double>(run, name);
  if (s.shape.empty() || s.shape[0] != ticks) {
    throw wa::InputFileError(run.location(), std::string("series '") + name + "' does not run along the run's " +
                                                 std::to_string(ticks) + " recorded ticks (truncated or damaged file?)");
  }
  return s;
}

std::string member_name(hid_t type, unsigned index) {
  char* raw = H5Tget_member_name(type, index);
  if (raw == nullptr) return {};
  std::string name(raw);
  H5free_memory(raw);
  return name;
}

/// An integer held in `size` bytes at `p`, signed or not.
std::int64_t read_integer(const unsigned char* p, std::size_t size, bool is_signed) {
  switch (size) {
    case 1: {
      std::uint8_t v = 0;
      std::memcpy(&v, p, 1);
      return is_signed ? std::int64_t{static_cast<std::int8_t>(v)} : std::int64_t{v};
    }
    case 2: {
      std::uint16_t v = 0;
      std::memcpy(&v, p, 2);
      return is_signed ? std::int64_t{static_cast<std::int16_t>(v)} : std::int64_t{v};
    }
    case 4: {
      std::uint32_t v = 0;
      std::memcpy(&v, p, 4);
      return is_signed ? std::int64_t{static_cast<std::int32_t>(v)} : std::int64_t{v};
    }
    default: {
      std::int64_t v = 0;
      std::memcpy(&v, p, std::min<std::size_t>(size, 8));
      return v;
    }
  }
}

/// events/projects: tick, project, kind, from, to (other fields are not drawn).
std::vector<ProjectEvent> read_project_events(const wa::Node& table, std::vector<std::string>& states) {
  const hid_t dataset = table.id();
  const wa::DatatypeHandle file_type(H5Dget_type(dataset));
  if (!file_type.is_open() || H5Tget_class(file_type.get()) != H5T_COMPOUND) {
    throw wa::InputFileError(table.location(), "the project events are not a table of records");
  }
  const wa::DatatypeHandle type(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND));
  const wa::DataspaceHandle space(H5Dget_space(dataset));
  const hssize_t count = H5Sget_simple_extent_npoints(space.get());
  const std::size_t record = H5Tget_size(type.get());
  if (count < 0 || record == 0) throw wa::InputFileError(table.location(), "cannot read the project events");
  std::vector<unsigned char> bytes(static_cast<std::size_t>(count) * record);
  if (count > 0 && H5Dread(dataset, type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()) < 0) {
    throw wa::InputFileError(table.location(), "cannot read the project events (damaged file?)");
  }
  struct Field {
    std::size_t offset = 0;
    std::size_t size = 0;
    bool is_signed = false;
    wa::DatatypeHandle type;  // enums only
    bool found = false;
  };
  std::array<Field, 5> fields;
  const std::array<const char*, 5> wanted{"tick", "project", "kind", "from", "to"};
  const int members = H5Tget_nmembers(type.get());
  for (int m = 0; m < members; ++m) {
    const auto index = static_cast<unsigned>(m);
    const std::string name = member_name(type.get(), index);
    for (std::size_t f = 0; f < wanted.size(); ++f) {
      if (name != wanted[f]) continue;
      wa::DatatypeHandle member(H5Tget_member_type(type.get(), index));
      const H5T_class_t cls = H5Tget_class(member.get());
      if (cls != H5T_INTEGER && cls != H5T_ENUM) continue;
      fields[f].offset = H5Tget_member_offset(type.get(), index);
      fields[f].size = H5Tget_size(member.get());
      if (cls == H5T_ENUM) {
        const wa::DatatypeHandle base(H5Tget_super(member.get()));
        fields[f].is_signed = H5Tget_sign(base.get()) == H5T_SGN_2;
        fields[f].type = std::move(member);
      } else {
        fields[f].is_signed = H5Tget_sign(member.get()) == H5T_SGN_2;
      }
      fields[f].found = true;
    }
  }
  for (std::size_t f = 0; f < wanted.size(); ++f) {
    if (!fields[f].found) {
      throw wa::InputFileError(table.location(), std::string("the project events have no field '") + wanted[f] + "' of integer or enum type");
    }
  }
  const auto enum_name = [](const Field& field, const unsigned char* p) {
    if (!field.type.is_open()) return std::to_string(read_integer(p, field.size, field.is_signed));
    std::array<char, 128> name{};
    if (H5Tenum_nameof(field.type.get(), p, name.data(), name.size()) < 0) return std::string("?");
    return std::string(name.data());
  };
  // The states, from the enum of `to` (in value order).
  states.clear();
  if (fields[4].type.is_open()) {
    const int n = H5Tget_nmembers(fields[4].type.get());
    for (int k = 0; k < n; ++k) states.push_back(member_name(fields[4].type.get(), static_cast<unsigned>(k)));
  }
  std::vector<ProjectEvent> events;
  events.reserve(static_cast<std::size_t>(count));
  for (std::size_t r = 0; r < static_cast<std::size_t>(count); ++r) {
    const unsigned char* row = bytes.data() + r * record;
    ProjectEvent e;
    e.tick = static_cast<std::int32_t>(read_integer(row + fields[0].offset, fields[0].size, fields[0].is_signed));
    e.project = static_cast<std::int32_t>(read_integer(row + fields[1].offset, fields[1].size, fields[1].is_signed));
    e.kind = enum_name(fields[2], row + fields[2].offset);
    e.from = enum_name(fields[3], row + fields[3].offset);
    e.to = enum_name(fields[4], row + fields[4].offset);
    if (std::find(states.begin(), states.end(), e.to) == states.end()) states.push_back(e.to);
    events.push_back(std::move(e));
  }
  return events;
}

RunData read_run(const wa::InputFile& file, const std::string& id) {
  const wa::Group run = file.open_run(id);
  RunData d;
  d.id = id;
  d.arm = wa::has_attribute(run, "arm") ? wa::read_string_attribute(run, "arm") : id;
  d.arm_index = wa::has_attribute(run, "arm_index") ? wa::read_int_attribute(run, "arm_index") : 0;
  d.replicate = wa::has_attribute(run, "replicate") ? wa::read_int_attribute(run, "replicate") : 0;
  d.provenance = wa::read_provenance(run);
  if (!run.is_dataset("tick") || !run.is_dataset("population")) {
    throw wa::InputFileError(run.location(), "not a run of the care model: no 'tick' or 'population' series");
  }
  d.ticks = wa::read_series<std::int32_t>(run, "tick").values;
  const std::size_t ticks = d.ticks.size();
  if (ticks == 0) throw wa::InputFileError(run.location(), "the run recorded no ticks");
  for (const auto t : d.ticks) d.years.push_back(static_cast<double>(t - d.ticks.front() + 1) / kWeeksPerYear);
  if (run.is_dataset("neighbourhood")) d.neighbourhoods = wa::read_strings(run, "neighbourhood");

  const auto population = *optional_series(run, "population", ticks);
  const Values pop = per_tick_total(population);
  const auto pop_n = per_neighbourhood(population);
  d.city.assign(kOutcomeCount, Values(ticks, kNaN));
  d.by_neighbourhood.assign(kOutcomeCount, {});

  // A count per resident (scaled), for the city and each neighbourhood.
  const auto rate = [&](Outcome o, const Values& numerator, const std::vector<Values>& numerator_n, double scale) {
    const auto k = static_cast<std::size_t>(o);
    d.city[k] = divide(numerator, pop, scale);
    if (!numerator_n.empty() && numerator_n.size() == pop_n.size()) {
      for (std::size_t n = 0; n < pop_n.size(); ++n) d.by_neighbourhood[k].push_back(divide(numerator_n[n], pop_n[n], scale));
    }
  };
  if (const auto s = optional_series(run, "residents_in_crisis", ticks)) rate(Outcome::crisis, per_tick_total(*s), per_neighbourhood(*s), 100.0);
  if (const auto s = optional_series(run, "volunteers", ticks)) rate(Outcome::volunteers, per_tick_total(*s), per_neighbourhood(*s), 1000.0);
  if (const auto s = optional_series(run, "informal_hours_given", ticks)) {
    rate(Outcome::informal_hours, per_tick_total(*s), per_neighbourhood(*s), 1.0);
  }
  if (const auto s = optional_series(run, "trust_mean", ticks)) {
    // The city's mean trust: the neighbourhoods' means weighted by their residents.
    const auto trust_n = per_neighbourhood(*s);
    if (!trust_n.empty() && trust_n.size() == pop_n.size()) {
      const auto k = static_cast<std::size_t>(Outcome::trust);
      Values weighted(ticks, 0.0);
      for (std::size_t n = 0; n < trust_n.size(); ++n) {
        for (std::size_t t = 0; t < ticks; ++t) weighted[t] += trust_n[n][t] * pop_n[n][t];
      }
      d.city[k] = divide(weighted, pop, 1.0);
      d.by_neighbourhood[k] = trust_n;
    } else {
      d.city[static_cast<std::size_t>(Outcome::trust)] = per_tick_total(*s);
    }
  }
  {
    const auto treatment = optional_series(run, "treatment_hours", ticks);
    const auto coordination = optional_series(run, "coordination_hours", ticks);
    if (treatment || coordination) {
      Values hours(ticks, 0.0);
      for (const auto* s : {&treatment, &coordination}) {
        if (!*s) continue;
        const Values total = per_tick_total(**s);
        for (std::size_t t = 0; t < ticks; ++t) hours[t] += total[t];
      }
      rate(Outcome::professional_hours, hours, {}, 1000.0);
    }
  }
  if (const auto s = optional_series(run, "cost", ticks)) {
    rate(Outcome::cost, per_tick_total(*s), {}, kWeeksPerYear);
    if (s->dimensions.size() >= 2 && s->dimensions[1] == "payer" && run.is_dataset("payer")) {
      d.payers = wa::read_strings(run, "payer");
      const auto payers = static_cast<std::size_t>(s->shape[1]);
      const std::size_t per = s->values.size() / (ticks * std::max<std::size_t>(payers, 1));
      d.cost_by_payer.assign(payers, 0.0);
      for (std::size_t t = 0; t < ticks; ++t) {
        for (std::size_t p = 0; p < payers; ++p) {
          for (std::size_t k = 0; k < per; ++k) d.cost_by_payer[p] += s->values[(t * payers + p) * per + k];
        }
      }
      const double mean_pop = std::accumulate(pop.begin(), pop.end(), 0.0) / static_cast<double>(ticks);
      const double years = static_cast<double>(ticks) / kWeeksPerYear;
      for (auto& v : d.cost_by_payer) v = mean_pop > 0.0 ? v / mean_pop / years : kNaN;
      d.payers.resize(payers);
    }
  }

  // Household-weeks by concurrent professionals, over the recorded weeks and neighbourhoods.
  const auto bins = [&](const char* name, std::vector<double>& out) {
    const auto s = optional_series(run, name, ticks);
    if (!s || s->shape.size() < 2) return;
    const auto n_bins = static_cast<std::size_t>(s->shape.back());
    out.assign(n_bins, 0.0);
    for (std::size_t i = 0; i < s->values.size(); ++i) out[i % n_bins] += s->values[i];
    if (d.professional_bins.empty()) {
      const std::string& dim = s->dimensions.back();
      if (!dim.empty() && run.is_dataset(dim)) {
        for (const auto v : wa::read_series<std::int64_t>(run, dim).values) d.professional_bins.push_back(std::to_string(v));
        if (!d.professional_bins.empty()) d.professional_bins.back() += "+";
      }
    }
  };
  bins("households_by_professionals", d.households_by_professionals);
  bins("multi_problem_households_by_professionals", d.multi_problem_households_by_professionals);

  if (run.is_group("events")) {
    const wa::Group events = run.open_group("events");
    if (events.is_dataset("projects")) d.projects = read_project_events(events.open_dataset("projects"), d.project_states);
  }
  return d;
}

HeadlineTable read_headline(const wa::Group& g) {
  HeadlineTable h;
  h.arms = wa::read_strings(g, "arm");
  h.measure_labels = wa::read_strings(g, "measure_label");
  h.measure_units = wa::read_strings(g, "measure_unit");
  const std::size_t arms = h.arms.size();
  const std::size_t measures = h.measure_labels.size();
  const auto matrix = [&](const char* name) {
    const auto s = wa::read_series<double>(g, name);
    if (s.values.size() != arms * measures) {
      throw wa::InputFileError(g.location(), std::string("'") + name + "' is not (arm, measure)");
    }
    std::vector<Values> out(arms, Values(measures));
    for (std::size_t a = 0; a < arms; ++a) {
      for (std::size_t m = 0; m < measures; ++m) out[a][m] = s.values[a * measures + m];
    }
    return out;
  };
  h.mean = matrix("mean");
  h.low = matrix("low");
  h.high = matrix("high");
  h.difference_mean = matrix("difference_mean");
  h.difference_low = matrix("difference_low");
  h.difference_high = matrix("difference_high");
  return h;
}

/// The cost-benefit ledger of /comparison, or nothing when the file has none.
std::optional<CostBenefitTable> read_cost_benefit(const wa::Group& g, std::size_t arms) {
  if (!g.is_dataset("cost_benefit_mean") || !g.is_dataset("cost_benefit_all_mean")) return std::nullopt;
  CostBenefitTable t;
  t.payers = wa::read_strings(g, "payer");
  t.quantities = wa::read_strings(g, "quantity");
  if (t.quantities != std::vector<std::string>{"costs", "benefits", "net"}) {
    throw wa::InputFileError(g.location() + "/quantity", "is not (costs, benefits, net)");
  }
  const std::size_t payers = t.payers.size();
  const std::size_t quantities = t.quantities.size();
  t.payers.emplace_back("all payers");
  const auto read = [&](const std::string& name, std::size_t cells, std::size_t per_cell) {
    const auto s = wa::read_series<double>(g, name);
    if (s.values.size() != arms * cells * per_cell) throw wa::InputFileError(g.location(), "'" + name + "' does not match its dimensions");
    return s.values;
  };
  const auto table = [&](const char* suffix) {
    const auto by_payer = read(std::string("cost_benefit_") + suffix, payers, quantities);
    const auto all = read(std::string("cost_benefit_all_") + suffix, 1, quantities);
    std::vector<std::vector<Values>> out(arms, std::vector<Values>(payers + 1, Values(quantities)));
    for (std::size_t a = 0; a < arms; ++a) {
      for (std::size_t q = 0; q < quantities; ++q) {
        for (std::size_t p = 0; p < payers; ++p) out[a][p][q] = by_payer[(a * payers + p) * quantities + q];
        out[a][payers][q] = all[a * quantities + q];
      }
    }
    return out;
  };
  t.mean = table("mean");
  t.low = table("low");
  t.high = table("high");
  const auto ratio = read("cost_benefit_ratio", payers, 1);
  const auto all_ratio = read("cost_benefit_all_ratio", 1, 1);
  t.ratio.assign(arms, Values(payers + 1));
  for (std::size_t a = 0; a < arms; ++a) {
    for (std::size_t p = 0; p < payers; ++p) t.ratio[a][p] = ratio[a * payers + p];
    t.ratio[a][payers] = all_ratio[a];
  }
  return t;
}

}  // namespace

const OutcomeSpec& outcome_spec(Outcome outcome) noexcept {
  static constexpr std::array<OutcomeSpec, kOutcomeCount> kSpecs{{
      {"crisis", "Residents in crisis", "% of residents with a domain in crisis"},
      {"trust", "Trust in care", "mean trust (0 = none, 1 = full)"},
      {"volunteers", "Volunteers", "volunteers per 1,000 residents"},
      {"informal-hours", "Informal help given", "hours per resident per week"},
      {"professional-hours", "Professional hours (treatment + coordination)", "hours per 1,000 residents per week"},
      {"cost", "Cost of care, all payers", "euro per resident per year (weekly rate × 52)"},
  }};
  return kSpecs[static_cast<std::size_t>(outcome)];
}

ReportData read_report_data(const std::filesystem::path& path) {
  const wa::InputFile file(path);
  file.require_wijksim_output();
  if (!file.is_complete()) {
    throw wa::InputFileError(path.string(), "the file is incomplete: its writing was cut short (no root 'complete' mark); run it again");
  }
  ReportData data;
  data.path = path.string();
  const wa::Group root = file.root();
  data.is_comparison = wa::has_attribute(root, "kind") && wa::read_string_attribute(root, "kind") == "comparison";
  const auto entries = file.runs();
  if (entries.empty()) throw wa::InputFileError(path.string(), "no runs under /runs: nothing to report");
  for (const auto& e : entries) {
    if (!e.is_complete) throw wa::InputFileError(path.string() + ":/runs/" + e.id, "the run is incomplete (its writing was cut short)");
    data.runs.push_back(read_run(file, e.id));
  }
  if (data.is_comparison) {
    if (!root.is_group("comparison")) throw wa::InputFileError(path.string(), "a comparison file without its /comparison group");
    const wa::Group g = root.open_group("comparison");
    data.headline = read_headline(g);
    data.arms = data.headline->arms;
    data.cost_benefit = read_cost_benefit(g, data.arms.size());
    data.seed = static_cast<std::uint64_t>(wa::read_int_attribute(g, "seed"));
    data.replicates = wa::read_int_attribute(g, "replicates");
    data.years = wa::read_int_attribute(g, "years");
    data.warmup_years = wa::read_int_attribute(g, "warmup_years");
    data.program_version = wa::read_string_attribute(g, "program_version");
    for (const auto& run : data.runs) {
      if (run.arm_index < 0 || static_cast<std::size_t>(run.arm_index) >= data.arms.size()) {
        throw wa::InputFileError(path.string() + ":/runs/" + run.id, "its arm_index is not an arm of /comparison");
      }
    }
  } else {
    // Each run its own arm, drawn without bands.
    for (std::size_t i = 0; i < data.runs.size(); ++i) {
      auto& run = data.runs[i];
      run.arm = run.provenance.scenario_name.empty() ? run.id : run.provenance.scenario_name + " (" + run.id + ")";
      run.arm_index = static_cast<std::int64_t>(i);
      data.arms.push_back(run.arm);
    }
    const auto& first = data.runs.front();
    data.seed = first.provenance.seed;
    data.program_version = first.provenance.program_version;
    data.years = static_cast<std::int64_t>(std::llround(static_cast<double>(first.ticks.size()) / kWeeksPerYear));
    data.warmup_years = static_cast<std::int64_t>(std::llround(static_cast<double>(first.ticks.front()) / kWeeksPerYear));
  }
  return data;
}

}  // namespace wijksim::report
