// Writes a synthetic wijksim output with every kind of object the HDF5 layer makes: two run
// groups, fixed dimensions with string and integer coordinates, the unlimited tick dimension,
// series of 1 to 3 dimensions and four element types (some spanning several chunks, one
// flushed part-way), a panel in a subgroup, an event table, provenance and complete marks.
// check_sample_run.py recomputes every value from the same formulas (keep the two in step).
//
// usage: write_sample_run <path> [--force]
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/event_table_writer.hpp"
#include "wijksim/analysis/output_file.hpp"
#include "wijksim/analysis/provenance.hpp"
#include "wijksim/analysis/series_writer.hpp"

namespace wa = wijksim::analysis;

namespace {
constexpr std::int32_t kTicks = 130;
constexpr std::size_t kEvents = 300;
const std::vector<std::string> kDomains = {"finances",      "housing",        "physical_health",
                                           "mental_health", "social_network", "parenting",
                                           "work",          "safety"};
const std::vector<std::string> kNeighbourhoods = {"Centrum", "Noord", "Zuid-Oost", "Één-Wijk"};
const std::vector<std::string> kPayers = {"municipality", "insurer", "housing_corporation",
                                          "police_justice"};
const std::vector<std::string> kIncidentKinds = {"eviction", "out_of_home_placement",
                                                 "crisis_admission", "police_callout"};
constexpr std::int64_t kPanelResidents = 50;

struct Incident {
  std::int32_t tick;
  std::uint8_t kind;
  char neighbourhood[12];
  std::int64_t household;
  double cost;
  std::uint32_t sequence;
};

// run index r (0 or 1) shifts every value, so that the two runs differ.
double mean_severity(int r, int t, int d) {
  if (t % 13 == 5 && d == 2) return std::numeric_limits<double>::quiet_NaN();
  return 0.01 * t + 0.1 * d + r;
}

void write_run(wa::OutputFile& file, int r) {
  const std::string id = "r" + std::to_string(r + 1);
  const wa::Group run = file.create_run(id);

  auto tick = wa::add_unlimited_dimension<std::int32_t>(
      run, "tick", {.units = "weeks", .long_name = "weeks since start of run"});
  wa::write_attribute(tick.dataset(), "axis", "T");
  wa::add_dimension(run, "domain", kDomains, {.long_name = "life domain"});
  wa::add_dimension(run, "neighbourhood", kNeighbourhoods, {.long_name = "neighbourhood"});
  wa::add_dimension(run, "payer", kPayers, {.long_name = "who pays"});
  wa::add_dimension(run, "incident_kind", kIncidentKinds, {.long_name = "kind of incident"});

  // Small chunks (several per run) on two series, to exercise chunk boundaries.
  const wa::StorageOptions small{.chunk_bytes = 1024};
  wa::SeriesWriter<std::int64_t> population(
      run, {"population", {"tick"}, {.units = "1", .long_name = "residents"}});
  wa::SeriesWriter<double> severity(
      run,
      {"mean_severity",
       {"tick", "domain"},
       {.units = "1", .long_name = "mean severity", .description = "0 = self-reliant, 1 = crisis"}},
      small);
  wa::SeriesWriter<float> hours(
      run,
      {"care_hours",
       {"tick", "neighbourhood", "domain"},
       {.units = "hours per week", .long_name = "professional care hours"}},
      small);
  wa::SeriesWriter<std::int32_t> incidents(
      run, {"incidents", {"tick", "incident_kind"}, {.units = "1", .long_name = "incidents"}});
  wa::SeriesWriter<double> cost(
      run, {"cost", {"tick", "payer"}, {.units = "EUR", .long_name = "cost by payer"}},
      {.deflate_level = 9, .expected_rows = kTicks});

  const wa::Group panels = run.create_group("panels");
  std::vector<std::int64_t> residents;
  for (std::int64_t i = 0; i < kPanelResidents; ++i) residents.push_back(17 * i + 3);
  wa::add_dimension(panels, "resident", residents, {.long_name = "sampled resident id"});
  // 50 residents x 8 domains x 4 bytes = 1600 bytes per tick > 512: chunks split a tick.
  wa::SeriesWriter<float> panel(
      panels, {"severity", {"tick", "resident", "domain"}, {.units = "1"}}, {.chunk_bytes = 512});

  const wa::Group events = run.create_group("events");
  wa::EventTableWriter incident_log(
      events,
      {"incidents",
       sizeof(Incident),
       {wa::EventField::of<std::int32_t>("tick", offsetof(Incident, tick)),
        wa::EventField::enumeration("kind", offsetof(Incident, kind), kIncidentKinds),
        wa::EventField::string("neighbourhood", offsetof(Incident, neighbourhood),
                               sizeof(Incident::neighbourhood)),
        wa::EventField::of<std::int64_t>("household", offsetof(Incident, household)),
        wa::EventField::of<double>("cost", offsetof(Incident, cost)),
        wa::EventField::of<std::uint32_t>("sequence", offsetof(Incident, sequence))},
       {.description = "one row per incident"}},
      {.chunk_bytes = 2048});

  for (std::int32_t t = 0; t < kTicks; ++t) {
    tick.append(t);
    population.append(std::int64_t{1000} + t + 100 * r);
    std::vector<double> sev;
    for (int d = 0; d < 8; ++d) sev.push_back(mean_severity(r, t, d));
    severity.append(sev);
    std::vector<float> h;
    for (int n = 0; n < 4; ++n) {
      for (int d = 0; d < 8; ++d) h.push_back(static_cast<float>(t + 10 * n + 0.5 * d + r));
    }
    hours.append(h);
    std::vector<std::int32_t> inc;
    for (int k = 0; k < 4; ++k) inc.push_back((t * 3 + k + r) % 7);
    incidents.append(inc);
    std::vector<double> c;
    for (int p = 0; p < 4; ++p) c.push_back(100.0 * t + p + 0.25 * r);
    cost.append(c);
    std::vector<float> pv;
    for (const auto resident : residents) {
      for (int d = 0; d < 8; ++d) {
        pv.push_back(static_cast<float>(static_cast<double>(resident % 100) * 0.01 + t * 0.001 +
                                        d * 0.1 + r));
      }
    }
    panel.append(pv);
    if (t == 60) {  // a mid-run flush, as a recorder might do for progress
      tick.flush();
      severity.flush();
      hours.flush();
      file.flush();
    }
  }
  for (std::size_t i = 0; i < kEvents; ++i) {
    Incident e{};
    e.tick = static_cast<std::int32_t>(i % kTicks);
    e.kind = static_cast<std::uint8_t>(i % 4);
    const std::string& name = kNeighbourhoods[i % 4];
    std::memcpy(e.neighbourhood, name.data(), std::min(name.size(), sizeof e.neighbourhood));
    e.household = 1000 + 7 * static_cast<std::int64_t>(i) + r;
    e.cost = 250.5 * static_cast<double>(i) + r;
    e.sequence = static_cast<std::uint32_t>(i);
    incident_log.append(e);
  }
  tick.close();
  population.close();
  severity.close();
  hours.close();
  incidents.close();
  cost.close();
  panel.close();
  incident_log.close();

  wa::Provenance p;
  p.run_id = id;
  p.seed = std::uint64_t{12345678901234567890U} + static_cast<std::uint64_t>(r);
  p.scenario_name = "sample.toml";
  p.scenario_text =
      "# a synthetic scenario — niet echt\n[run]\nyears = 2.5\nseed = " + std::to_string(p.seed) +
      "\n";
  p.parameters = {{"run.years", "2.5", "years", "scenario sample.toml:2"},
                  {"needs.drift_rate", "0.02", "1/week", "assumption: test"},
                  {"care.outreach_enabled", "false", "", "S4:L120"}};
  p.program_version = "wijksim 0.1.0 (sample)";
  p.compiler = "GNU 12.2.0";
  p.build_type = "Release";
  p.build_flags = "-O3 -DNDEBUG";
  p.threads = 2 + r;
  p.start_time = "2025-01-06T09:30:00Z";
  p.end_time = "2025-01-06T09:31:15.250Z";
  wa::write_provenance(run, p);
  file.mark_complete(run);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3 || (argc == 3 && std::string(argv[2]) != "--force")) {
    std::cerr << "usage: write_sample_run <path> [--force]\n";
    return 2;
  }
  try {
    auto file = wa::OutputFile::create(argv[1], {.overwrite = argc == 3});
    write_run(file, 0);
    write_run(file, 1);
    file.commit();
    std::cout << "wrote " << file.final_path().string() << "\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "write_sample_run: " << error.what() << "\n";
    return 1;
  }
}
