#include "cost_benefit_section.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include "html_text.hpp"
#include "svg_chart.hpp"

namespace wijksim::report {
namespace {

/// Costs red-orange, benefits green, net grey (Okabe–Ito), so that they never read as arms.
constexpr std::array<std::string_view, 3> kQuantityColours{"#D55E00", "#009E73", "#555555"};

std::string chart(const ReportData& data, const CostBenefitTable& t, std::size_t arm) {
  BarChart c;
  c.id = "plot-cost-benefit-" + std::to_string(arm);
  c.title = "Costs and benefits by payer — " + data.arms[arm] + " against " + data.arms.front();
  c.x_label = "payer";
  c.y_label = "euro per year (whole area)";
  c.rotate_labels = true;
  c.series = t.quantities;
  for (std::size_t q = 0; q < t.quantities.size(); ++q) c.colours.emplace_back(kQuantityColours[q % kQuantityColours.size()]);
  for (std::size_t p = 0; p < t.payers.size(); ++p) {
    c.groups.push_back({pretty(t.payers[p]), t.mean[arm][p], t.low[arm][p], t.high[arm][p]});
  }
  return render_svg(c);
}

/// The ratio, or why it is undefined: the file's cost_benefit_ratio_note, told again from the
/// means here (scenarios/experiment cost_benefit.cpp benefit_cost_ratio() writes it).
std::string ratio_cell(double ratio, double costs, double benefits) {
  if (std::isfinite(ratio)) return format_number(ratio);
  if (!std::isfinite(costs) || !std::isfinite(benefits)) return "—";
  if (costs == 0.0 && benefits == 0.0) return "undefined (no costs, no benefits)";
  return benefits >= 0.0 ? "undefined (spends no more, saves too)" : "undefined (spends less, avoids less: read net)";
}

std::string table(const CostBenefitTable& t, std::size_t arm) {
  std::string s = "<table id=\"table-cost-benefit-" + std::to_string(arm) + "\" class=\"ledger\">\n<thead><tr><th>payer</th>";
  for (const auto& q : t.quantities) s += "<th>" + escape_xml(q) + "</th>";
  s += "<th>benefit / cost</th></tr></thead>\n<tbody>\n";
  for (std::size_t p = 0; p < t.payers.size(); ++p) {
    s += "<tr><td>" + escape_xml(pretty(t.payers[p])) + "</td>";
    for (std::size_t q = 0; q < t.quantities.size(); ++q) {
      s += "<td>" + estimate_cell(t.mean[arm][p][q], t.low[arm][p][q], t.high[arm][p][q], true) + "</td>";
    }
    s += "<td>" + ratio_cell(t.ratio[arm][p], t.mean[arm][p][0], t.mean[arm][p][1]) + "</td></tr>\n";
  }
  return s + "</tbody>\n</table>\n";
}

}  // namespace

std::string cost_benefit_section(const ReportData& data) {
  std::string html = "<h2 id=\"cost-benefit\">Costs and benefits by payer</h2>\n";
  if (!data.is_comparison) {
    return html + "<p class=\"note\" id=\"no-cost-benefit\">A single run has no baseline to count costs and benefits against: compare "
                  "arms (wijksim compare --out) for the ledger per payer.</p>\n";
  }
  if (!data.cost_benefit || data.arms.size() < 2) {
    return html + "<p class=\"note\" id=\"no-cost-benefit\">This comparison file has no cost-benefit ledger (it needs two arms, and a "
                  "file written by a wijksim that records it).</p>\n";
  }
  html += "<p class=\"lead\">Each arm against the baseline arm " + escape_xml(data.arms.front()) +
          ", paired by replicate, in euro per year over the recorded years (the social cost-benefit view of MODEL.md §8). "
          "<b>Costs</b>: what the payer spends on top (care, coordination, practical fixes, projects, commissioning). "
          "<b>Benefits</b>: the costs it avoids (incidents — evictions, out-of-home placements, crisis admissions, police call-outs — "
          "and income support). <b>Net</b> = benefits − costs: what the payer saves. Bars: mean over replicates; whiskers: the 95% "
          "t-interval of the paired mean. The benefit-cost ratio is undefined where the arm spends no more.</p>\n";
  const CostBenefitTable& t = *data.cost_benefit;
  for (std::size_t a = 1; a < data.arms.size(); ++a) {
    html += chart(data, t, a);
    html += table(t, a);
  }
  return html;
}

}  // namespace wijksim::report
