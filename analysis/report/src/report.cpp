#include "wijksim/report/report.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <system_error>

#include "cost_benefit_section.hpp"
#include "html_text.hpp"
#include "report_data.hpp"
#include "svg_chart.hpp"
#include "wijksim/analysis/output_error.hpp"
#include "wijksim/analysis/provenance.hpp"

namespace wijksim::report {
namespace {

/// Most life lines drawn per arm (the rest are counted in a note).
constexpr std::size_t kMostLifeLines = 150;

/// The q-quantile of `v` (sorted in place), linear between order statistics (Hyndman–Fan 7).
double quantile(std::vector<double>& v, double q) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double at = q * static_cast<double>(v.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, v.size() - 1);
  const double frac = at - static_cast<double>(below);
  return v[below] + (v[above] - v[below]) * frac;
}

double mean_of(const std::vector<double>& v) {
  if (v.empty()) return kNaN;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

/// Runs of each arm, in replicate order.
std::vector<std::vector<const RunData*>> runs_by_arm(const ReportData& data) {
  std::vector<std::vector<const RunData*>> out(data.arms.size());
  for (const auto& run : data.runs) out.at(static_cast<std::size_t>(run.arm_index)).push_back(&run);
  for (auto& runs : out) std::stable_sort(runs.begin(), runs.end(), [](const RunData* a, const RunData* b) { return a->replicate < b->replicate; });
  return out;
}

std::string outcome_chart(const ReportData& data, Outcome outcome) {
  const OutcomeSpec& spec = outcome_spec(outcome);
  const auto k = static_cast<std::size_t>(outcome);
  LineChart chart;
  chart.id = std::string("plot-") + spec.id;
  chart.title = spec.title;
  chart.y_label = spec.unit;
  chart.x_label = "years after the warm-up";
  chart.y_from_zero = outcome != Outcome::trust;
  const auto arms = runs_by_arm(data);
  std::size_t ticks = std::numeric_limits<std::size_t>::max();
  for (const auto& run : data.runs) ticks = std::min(ticks, run.years.size());
  chart.x.assign(data.runs.front().years.begin(), data.runs.front().years.begin() + static_cast<std::ptrdiff_t>(ticks));

  if (!data.is_comparison && data.runs.size() == 1 && data.runs.front().by_neighbourhood[k].size() > 1) {
    // One run: a line per neighbourhood, and the city.
    const RunData& run = data.runs.front();
    for (std::size_t n = 0; n < run.by_neighbourhood[k].size(); ++n) {
      chart.series.push_back({n < run.neighbourhoods.size() ? run.neighbourhoods[n] : "neighbourhood " + std::to_string(n),
                              run.by_neighbourhood[k][n], {}, {}, 1.0});
    }
    chart.series.push_back({"city", run.city[k], {}, {}, 2.6});
    return render_svg(chart);
  }
  for (std::size_t a = 0; a < arms.size(); ++a) {
    LineSeries line;
    line.name = data.arms[a];
    line.y.assign(ticks, kNaN);
    const bool banded = arms[a].size() > 1;
    if (banded) {
      line.band_low.assign(ticks, kNaN);
      line.band_high.assign(ticks, kNaN);
    }
    std::vector<double> values;
    for (std::size_t t = 0; t < ticks; ++t) {
      values.clear();
      for (const RunData* run : arms[a]) {
        const double v = run->city[k][t];
        if (std::isfinite(v)) values.push_back(v);
      }
      if (values.empty()) continue;
      line.y[t] = mean_of(values);
      if (banded) {
        line.band_low[t] = quantile(values, 0.025);
        line.band_high[t] = quantile(values, 0.975);
      }
    }
    chart.series.push_back(std::move(line));
  }
  return render_svg(chart);
}

/// Shares (in %) of household-weeks by concurrent professionals, per arm (mean over replicates).
std::string professionals_chart(const ReportData& data, bool multi_problem) {
  const auto arms = runs_by_arm(data);
  const RunData& first = data.runs.front();
  const auto& bins = first.professional_bins;
  const std::size_t from = multi_problem ? 0 : 1;  // all households in care: those with 1 or more
  BarChart chart;
  chart.id = multi_problem ? "plot-professionals-multi-problem" : "plot-professionals";
  chart.title = multi_problem ? "Professionals around multi-problem households (3+ domains in trouble)"
                              : "Professionals around households in care";
  chart.x_label = "concurrent professionals working with the household";
  chart.y_label = multi_problem ? "% of multi-problem household-weeks" : "% of household-weeks with 1+ professional";
  chart.series = data.arms;
  for (std::size_t b = from; b < bins.size(); ++b) chart.groups.push_back({bins[b], {}, {}, {}});
  for (std::size_t a = 0; a < arms.size(); ++a) {
    std::vector<std::vector<double>> shares(chart.groups.size());
    for (const RunData* run : arms[a]) {
      const auto& h = multi_problem ? run->multi_problem_households_by_professionals : run->households_by_professionals;
      if (h.size() != bins.size()) continue;
      const double total = std::accumulate(h.begin() + static_cast<std::ptrdiff_t>(from), h.end(), 0.0);
      if (total <= 0.0) continue;
      for (std::size_t b = from; b < bins.size(); ++b) shares[b - from].push_back(100.0 * h[b] / total);
    }
    for (std::size_t g = 0; g < chart.groups.size(); ++g) chart.groups[g].values.push_back(mean_of(shares[g]));
  }
  return render_svg(chart);
}

std::string cost_chart(const ReportData& data) {
  const auto arms = runs_by_arm(data);
  const auto& payers = data.runs.front().payers;
  BarChart chart;
  chart.id = "plot-costs";
  chart.title = "Costs by payer";
  chart.x_label = "payer";
  chart.y_label = "euro per resident per year";
  chart.series = data.arms;
  chart.rotate_labels = true;
  for (const auto& p : payers) chart.groups.push_back({pretty(p), {}, {}, {}});
  for (std::size_t a = 0; a < arms.size(); ++a) {
    for (std::size_t p = 0; p < payers.size(); ++p) {
      std::vector<double> v;
      for (const RunData* run : arms[a]) {
        if (p < run->cost_by_payer.size()) v.push_back(run->cost_by_payer[p]);
      }
      chart.groups[p].values.push_back(mean_of(v));
      const bool whiskers = v.size() > 1;
      chart.groups[p].low.push_back(whiskers ? *std::min_element(v.begin(), v.end()) : kNaN);
      chart.groups[p].high.push_back(whiskers ? *std::max_element(v.begin(), v.end()) : kNaN);
    }
  }
  return render_svg(chart);
}

/// Life lines of one run's projects: each segment in the state the project moved `to`, until
/// its next event (or the end of the run); a terminated project's line ends there.
std::string project_chart(const RunData& run, const std::string& arm, std::size_t index, std::string& note) {
  const double end_year = run.years.back() + 1.0 / 52.0;
  const auto year_of = [&](std::int32_t tick) { return static_cast<double>(tick - run.ticks.front() + 1) / 52.0; };
  std::map<std::int32_t, std::vector<const ProjectEvent*>> by_project;
  for (const auto& e : *run.projects) by_project[e.project].push_back(&e);
  LifeLineChart chart;
  chart.id = "plot-projects-" + std::to_string(index);
  chart.title = "Project life lines — " + arm + " (" + run.id + ")";
  chart.x_label = "years after the warm-up";
  chart.states = run.project_states;
  chart.x_max = end_year;
  chart.x_min = 0.0;
  std::vector<std::pair<std::int32_t, LifeLine>> lines;
  for (auto& [project, events] : by_project) {
    std::stable_sort(events.begin(), events.end(), [](const ProjectEvent* a, const ProjectEvent* b) { return a->tick < b->tick; });
    LifeLine line;
    line.label = "project " + std::to_string(project) + " (" + pretty(events.front()->kind) + ")";
    for (std::size_t i = 0; i < events.size(); ++i) {
      const ProjectEvent& e = *events[i];
      chart.x_min = std::min(chart.x_min, year_of(e.tick));
      if (e.to == "terminated") break;
      const auto state = static_cast<std::size_t>(std::find(chart.states.begin(), chart.states.end(), e.to) - chart.states.begin());
      const double to = i + 1 < events.size() ? year_of(events[i + 1]->tick) : end_year;
      line.segments.push_back({year_of(e.tick), to, state});
    }
    if (line.segments.empty()) {
      // Terminated at its first event: a short mark in the state it came from.
      const ProjectEvent& e = *events.front();
      const auto state = static_cast<std::size_t>(std::find(chart.states.begin(), chart.states.end(), e.from) - chart.states.begin());
      line.segments.push_back({year_of(e.tick) - 0.1, year_of(e.tick), state});
    }
    lines.emplace_back(events.front()->tick, std::move(line));
  }
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (lines.size() > kMostLifeLines) {
    note = "The first " + std::to_string(kMostLifeLines) + " of " + std::to_string(lines.size()) + " projects are shown.";
    lines.resize(kMostLifeLines);
  }
  for (auto& l : lines) chart.lines.push_back(std::move(l.second));
  return render_svg(chart);
}

/// The headline table: a column per arm, then (from the second arm on) a second table with a
/// column per arm's paired difference from the first, so that neither runs off the page.
std::string headline_table(const HeadlineTable& h) {
  const auto table = [&](const std::string& id, bool differences) {
    std::string s = "<table id=\"" + id + "\" class=\"headline\">\n<thead><tr><th>measure</th><th>unit</th>";
    for (std::size_t a = differences ? 1 : 0; a < h.arms.size(); ++a) {
      s += "<th>" + escape_xml(h.arms[a]) + (differences ? " − " + escape_xml(h.arms.front()) : std::string()) + "</th>";
    }
    s += "</tr></thead>\n<tbody>\n";
    for (std::size_t m = 0; m < h.measure_labels.size(); ++m) {
      s += "<tr><td>" + escape_xml(h.measure_labels[m]) + "</td><td>" + escape_xml(h.measure_units[m]) + "</td>";
      for (std::size_t a = differences ? 1 : 0; a < h.arms.size(); ++a) {
        s += "<td>" +
             (differences ? estimate_cell(h.difference_mean[a][m], h.difference_low[a][m], h.difference_high[a][m], true)
                          : estimate_cell(h.mean[a][m], h.low[a][m], h.high[a][m], false)) +
             "</td>";
      }
      s += "</tr>\n";
    }
    return s + "</tbody>\n</table>\n";
  };
  std::string s = table("table-headline", false);
  if (h.arms.size() > 1) {
    s += "<p class=\"lead\">Each arm minus the baseline arm " + escape_xml(h.arms.front()) +
         ", paired by replicate (the same people and life events): mean difference [95% t-interval].</p>\n";
    s += table("table-differences", true);
  }
  return s;
}

std::string title_block(const ReportData& data, const ReportOptions& options) {
  const auto arms = runs_by_arm(data);
  std::string latest_end;
  for (const auto& run : data.runs) latest_end = std::max(latest_end, run.provenance.end_time);
  std::string s = "<table id=\"provenance\" class=\"provenance\">\n";
  const auto row = [&](const std::string& key, const std::string& value) {
    s += "<tr><th>" + escape_xml(key) + "</th><td>" + value + "</td></tr>\n";
  };
  row("results file", escape_xml(data.path));
  row("program", escape_xml(data.program_version));
  std::string arm_list = "<ul class=\"arms\">";
  for (std::size_t a = 0; a < data.arms.size(); ++a) {
    std::string scenario = arms[a].empty() ? std::string() : arms[a].front()->provenance.scenario_name;
    arm_list += "<li><span class=\"swatch\" style=\"background:" + std::string(series_colour(a)) + "\"></span><b>" + escape_xml(data.arms[a]) +
                "</b>" + (scenario.empty() ? "" : " — " + escape_xml(scenario)) + (a == 0 && data.is_comparison ? " (baseline)" : "") + "</li>";
  }
  row(data.is_comparison ? "arms (scenarios)" : "runs (scenarios)", arm_list + "</ul>");
  row("seed", data.is_comparison ? std::to_string(data.seed) + " (replicate r: seed + r, the same people and life events in every arm)"
                                 : std::to_string(data.seed));
  row("horizon", std::to_string(data.years) + (data.years == 1 ? " year" : " years") + " recorded after a " + std::to_string(data.warmup_years) +
                     "-year warm-up");
  row("replicates", data.is_comparison ? std::to_string(data.replicates) + " per arm" : "1 (a single run: no bands)");
  row("runs finished", escape_xml(latest_end));
  row("report made", escape_xml(options.generated_at.empty() ? analysis::iso8601_utc(std::chrono::system_clock::now()) : options.generated_at) +
                         (options.generated_by.empty() ? "" : " by " + escape_xml(options.generated_by)));
  return s + "</table>\n";
}

constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #222; margin: 24px auto; max-width: 900px; padding: 0 12px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
p.note, p.lead { color: #444; font-size: 14px; line-height: 1.45; }
svg.chart { width: 100%; height: auto; display: block; margin: 10px 0 18px 0; font-family: inherit; }
table { border-collapse: collapse; font-size: 13px; }
table.provenance th { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; color: #555; font-weight: normal; }
table.provenance td { padding: 3px 0; }
table.headline { width: 100%; margin-bottom: 12px; }
table.headline th, table.headline td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: right; vertical-align: top; }
table.headline th:first-child, table.headline td:first-child, table.headline td:nth-child(2) { text-align: left; }
table.headline th { background: #f2f2f2; }
table.ledger { width: 100%; margin-bottom: 18px; }
table.ledger th, table.ledger td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: right; vertical-align: top; }
table.ledger th:first-child, table.ledger td:first-child { text-align: left; }
table.ledger th { background: #f2f2f2; }
span.ci { color: #666; white-space: nowrap; }
ul.arms { margin: 0; padding-left: 0; list-style: none; }
span.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: -1px; }
)";

}  // namespace

std::string render_report(const std::filesystem::path& results, const ReportOptions& options) {
  const ReportData data = read_report_data(results);
  std::string title = data.is_comparison ? "wijksim comparison: " : "wijksim run: ";
  for (std::size_t a = 0; a < data.arms.size(); ++a) title.append(a == 0 ? "" : " vs ").append(data.arms[a]);

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape_xml(title) + "</title>\n<style>" +
                     kStyle + "</style>\n</head>\n<body>\n";
  html += "<h1>" + escape_xml(title) + "</h1>\n";
  html += title_block(data, options);

  if (data.headline) {
    html += "<h2 id=\"headline\">Headline outcomes</h2>\n";
    html += "<p class=\"lead\">Measured over the recorded years. Each cell: the mean over replicates with its 95% t-interval in "
            "brackets.</p>\n";
    html += headline_table(*data.headline);
  }

  html += "<h2 id=\"over-time\">Outcomes over time</h2>\n";
  if (data.is_comparison) {
    html += "<p class=\"lead\">Lines: the mean over the " + std::to_string(data.replicates) +
            " replicates of each arm, week by week. Bands: from the 2.5% to the 97.5% quantile across replicates in that week — the range "
            "where 95% of runs lie (not the interval of the mean, which is narrower).</p>\n";
  } else {
    html += "<p class=\"lead\">One run: no bands. Where the city has several neighbourhoods, each has its own line and the city the thick "
            "one.</p>\n";
  }
  for (std::size_t k = 0; k < kOutcomeCount; ++k) html += outcome_chart(data, static_cast<Outcome>(k));

  html += "<h2 id=\"professionals\">How many professionals per household</h2>\n";
  if (data.runs.front().professional_bins.empty()) {
    html += "<p class=\"note\">No distribution of professionals per household in this file.</p>\n";
  } else {
    html += "<p class=\"lead\">Household-weeks over the recorded years by the number of professionals working with the household at "
            "once (mean share over replicates).</p>\n";
    html += professionals_chart(data, false);
    html += professionals_chart(data, true);
  }

  html += "<h2 id=\"costs\">Costs by payer</h2>\n";
  if (data.runs.front().payers.empty()) {
    html += "<p class=\"note\">No costs by payer in this file.</p>\n";
  } else {
    html += "<p class=\"lead\">Euro per resident per year over the recorded years, by who pays (bars: mean over replicates; whiskers: lowest "
            "to highest replicate). What each payer spends and saves against the baseline arm follows.</p>\n";
    html += cost_chart(data);
  }
  html += cost_benefit_section(data);

  html += "<h2 id=\"projects\">Projects</h2>\n";
  const auto arms = runs_by_arm(data);
  bool any_projects = false;
  for (const auto& run : data.runs) any_projects = any_projects || run.projects.has_value();
  if (!any_projects) {
    html += "<p class=\"note\" id=\"no-projects\">No projects in this run (funding off).</p>\n";
  } else {
    html += "<p class=\"lead\">One line per project of the first replicate of each arm, from its first event, coloured by the state it "
            "is in; a terminated project's line ends.</p>\n";
    for (std::size_t a = 0; a < arms.size(); ++a) {
      if (arms[a].empty()) continue;
      const RunData& run = *arms[a].front();
      if (!run.projects) {
        html += "<p class=\"note\">" + escape_xml(data.arms[a]) + ": no projects in this run (funding off).</p>\n";
        continue;
      }
      if (run.projects->empty()) {
        html += "<p class=\"note no-project-started\">" + escape_xml(data.arms[a]) + " (" + escape_xml(run.id) +
                "): no project had an event in this run.</p>\n";
        continue;
      }
      std::string note;
      html += project_chart(run, data.arms[a], a, note);
      if (!note.empty()) html += "<p class=\"note\">" + escape_xml(note) + "</p>\n";
    }
  }
  html += "</body>\n</html>\n";
  return html;
}

void check_report_destination(const std::filesystem::path& destination, bool overwrite) {
  std::error_code ec;
  const std::filesystem::path directory = destination.has_parent_path() ? destination.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(directory, ec)) {
    throw analysis::OutputError(destination.string(), "its directory " + directory.string() + " does not exist");
  }
  if (std::filesystem::is_directory(destination, ec)) throw analysis::OutputError(destination.string(), "is a directory");
  if (std::filesystem::exists(destination, ec) && !overwrite) {
    throw analysis::OutputExistsError(destination.string(), "exists; pass --force to replace it");
  }
}

void write_report(const std::filesystem::path& destination, const std::string& html, bool overwrite) {
  check_report_destination(destination, overwrite);
  std::filesystem::path temporary = destination;
  temporary += ".part-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << html;
    out.close();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw analysis::OutputError(destination.string(), "cannot write " + temporary.string());
    }
  }
  std::error_code ec;
  if (!overwrite && std::filesystem::exists(destination, ec)) {
    std::filesystem::remove(temporary, ec);
    throw analysis::OutputExistsError(destination.string(), "appeared while the report was made; pass --force to replace it");
  }
  std::filesystem::rename(temporary, destination, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw analysis::OutputError(destination.string(), "cannot rename " + temporary.string() + ": " + ec.message());
  }
}

}  // namespace wijksim::report
