#include "wijksim/scenarios/funding_validation.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "detail/number_text.hpp"
#include "wijksim/models/parameters.hpp"
#include "wijksim/models/project.hpp"
#include "wijksim/scenarios/cost_benefit.hpp"
#include "wijksim/scenarios/interval_estimate.hpp"
#include "wijksim/scenarios/model_scenario.hpp"

namespace wijksim::scenarios {
namespace {

using models::FundingFigures;

using detail::text;

std::string interval_text(const IntervalEstimate& e) {
  return text(e.mean) + " [" + text(e.low) + ", " + text(e.high) + "]";
}

/// Euro as "-11.1 M", "+850 k", "+12".
std::string euro_text(double v) {
  std::string s(v > 0.0 ? "+" : "");
  if (std::fabs(v) >= 1e6) return s.append(text(v / 1e6)).append(" M");
  if (std::fabs(v) >= 1e3) return s.append(text(v / 1e3)).append(" k");
  return s.append(text(v));
}

std::string euro_interval_text(const IntervalEstimate& e) {
  return euro_text(e.mean) + " [" + euro_text(e.low) + ", " + euro_text(e.high) + "]";
}

/// "costs … , benefits … , net … per year; benefit/cost …" of a payer's estimate.
std::string cost_benefit_text(const PayerEstimate& e) {
  std::string s;
  for (std::size_t q = 0; q < kCostBenefitQuantityCount; ++q) {
    s.append(q == 0 ? "" : ", ").append(kCostBenefitQuantityNames[q]).append(" ").append(euro_interval_text(e.quantity[q]));
  }
  s.append(" euro per year; benefit/cost ");
  return s.append(e.ratio.is_defined() ? text(e.ratio.value) : std::string(e.ratio.reason()));
}

/// The scenario's parameters with its schedule entries of year 0 applied (a regime that
/// starts when recording starts), resolved for the model.
models::Parameters regime_parameters(const ValidationOptions& base, const char* file) {
  std::vector<std::string> overrides = base.overrides;
  const Scenario scenario = load_model_scenario(base.scenario_dir / file, overrides);
  engine::ParameterSetBuilder builder(scenario.parameters);
  for (const auto& change : scenario.schedule) {
    if (change.year <= 0.0) builder.set(change.parameter_index, change.value);
  }
  return model_parameters().resolve(std::move(builder).freeze());
}

double sum(const std::vector<double>& v) {
  double s = 0.0;
  for (const double x : v) s += x;
  return s;
}

double ratio(double a, double b) { return b != 0.0 ? a / b : 0.0; }

/// One figure per replicate, then its estimate.
struct Sample {
  std::vector<double> values;
  [[nodiscard]] IntervalEstimate estimate() const { return estimate_mean(values); }
};

}  // namespace

std::vector<PatternResult> validate_funding_patterns(const FundingValidationOptions& options) {
  const ValidationOptions& base = options.base;
  const models::Parameters expert = regime_parameters(base, "expert.toml");
  const models::Parameters wraparound = regime_parameters(base, "wraparound.toml");
  const models::FundingFigureInputs inputs = models::default_funding_inputs(expert, wraparound);

  std::vector<FundingFigures> runs;
  const int replicates = std::max(1, base.replicates);
  const int sampled_replicates = std::clamp(options.sample_replicates, std::min(2, replicates), replicates);
  for (int r = 0; r < replicates; ++r) {
    models::FundingFigureOptions o = options.figures;
    o.project_samples = r < sampled_replicates;
    o.seed = base.seed + static_cast<std::uint64_t>(r);
    o.threads = std::max(1, base.threads);
    o.dwellings = base.dwellings;
    o.years = base.years;
    runs.push_back(models::compute_funding_figures(inputs, o));
    if (options.on_replicate) options.on_replicate(r + 1, replicates);
  }
  const auto sample = [&](auto&& f) {
    Sample s;
    for (const FundingFigures& x : runs) s.values.push_back(f(x));
    return s;
  };
  // Patterns 7 and 9: only the replicates that ran the project samples and the sweep.
  const auto sample_projects = [&](auto&& f) {
    Sample s;
    for (const FundingFigures& x : runs) {
      if (x.project_samples) s.values.push_back(f(x));
    }
    return s;
  };
  std::vector<PatternResult> out;
  const auto add = [&](std::string id, std::string description, const IntervalEstimate& e, double low, double high, bool pass,
                       std::string detail) {
    out.push_back(PatternResult{std::move(id), std::move(description), e.mean, low, high, pass,
                                "95% interval over " + std::to_string(e.n) + " replicates " + interval_text(e) +
                                    (detail.empty() ? std::string() : "; " + detail)});
  };
  const auto parcelled = static_cast<std::size_t>(models::ProjectState::parcelled);
  const auto terminated = static_cast<std::size_t>(models::ProjectState::terminated);

  // 7. Under the carousel effectiveness does not predict survival (S3:L542, L566).
  {
    const auto auc = sample_projects([](const FundingFigures& f) { return f.survival_auc_carousel; }).estimate();
    const auto auc_durable = sample_projects([](const FundingFigures& f) { return f.survival_auc_durable; }).estimate();
    const FundingFigures& f0 = runs.front();
    const auto quartiles = [](const models::Distribution& d) {
      return "n " + std::to_string(d.n) + ", quartiles " + text(d.p25, 2) + " / " + text(d.median, 2) + " / " + text(d.p75, 2);
    };
    add("project_survival_independent_of_effectiveness_carousel",
        "carousel: chance a surviving project is more effective than an ended one (AUC; 0.5 = effectiveness does not "
        "predict survival)",
        auc, 0.35, 0.65, auc.mean >= 0.35 && auc.mean <= 0.65,
        "effectiveness of survivors (replicate 0) " + quartiles(f0.survivors_effectiveness) + "; of ended projects " +
            quartiles(f0.ended_effectiveness) + "; durable funding AUC " + interval_text(auc_durable));
    const auto share = sample_projects([&](const FundingFigures& f) {
      int all = 0;
      for (const int n : f.ends) all += n;
      return ratio(f.ends[parcelled], all);
    });
    const auto other = sample_projects([&](const FundingFigures& f) {
      int all = 0;
      for (const int n : f.ends) all += n;
      return ratio(f.ends[terminated], all);
    });
    const IntervalEstimate e = share.estimate();
    const IntervalEstimate o = other.estimate();
    add("parcelled_most_common_end_carousel",
        "carousel: share of project ends that are 'cut up and absorbed by the silos' (the band's floor is the share of "
        "the next most common end, terminated)",
        e, o.mean, 1.0, e.low > o.high, "terminated " + interval_text(o));
    const auto labels = sample_projects([](const FundingFigures& f) { return ratio(f.labels_carousel, f.methods_carousel); }).estimate();
    add("labels_exceed_methods_carousel",
        "carousel: project names carried per distinct core method (methods reappear under new names, S3:L269-271)",
        labels, 1.0, 1e9, labels.low > 1.0,
        "replicate 0: " + std::to_string(runs.front().labels_carousel) + " labels, " +
            std::to_string(runs.front().methods_carousel) + " methods, " + std::to_string(runs.front().reinventions_carousel) +
            " reinventions elsewhere");
  }

  // 8. Built outcomes decay after stops under the carousel and accumulate under durable funding.
  {
    const auto trust_drop = sample([](const FundingFigures& f) { return f.trust_change_after_stop_carousel; }).estimate();
    const auto trust_drop_durable = sample([](const FundingFigures& f) { return f.trust_change_after_stop_durable; }).estimate();
    add("carousel_trust_drops_after_stop",
        "carousel: change of mean trust in a stopped project's neighbourhood, 13 weeks after minus 4 weeks before the stop",
        trust_drop, -1.0, 0.0, trust_drop.high < 0.0,
        "durable funding (its fewer stops) " + interval_text(trust_drop_durable) + "; stops in replicate 0: carousel " +
            std::to_string(runs.front().stops_carousel) + ", durable " + std::to_string(runs.front().stops_durable));
    const auto volunteer_drop = sample([](const FundingFigures& f) { return f.volunteer_change_after_stop_carousel; }).estimate();
    // A stop takes half its (10-40) volunteers out of some 2,000 in the neighbourhood, whose
    // weekly churn is a dozen: the drop is small against that noise. Over 3 replicates its
    // interval reached above zero (-0.00032 [-0.00066, 0.00003]); the paired replicates that
    // skip the sweep are cheap enough to run 10, and then it does not (-0.00029 [-0.00047,
    // -0.00011]): the pass asks for the interval below zero, as for trust.
    add("carousel_volunteering_drops_after_stop",
        "carousel: change of the share of adults volunteering after a stop, as for trust (interval below zero)", volunteer_drop,
        -1.0, 0.0, volunteer_drop.high < 0.0, "");
    const auto trust_end = sample([](const FundingFigures& f) {
                             return f.durable.trust.empty() || f.carousel.trust.empty() ? 0.0
                                                                                         : f.durable.trust.back() - f.carousel.trust.back();
                           }).estimate();
    const auto maturity_end = sample([](const FundingFigures& f) {
                                return f.durable.maturity.empty() ? 0.0 : f.durable.maturity.back() - f.carousel.maturity.back();
                              }).estimate();
    const auto crisis_end = sample([](const FundingFigures& f) {
                              return f.durable.crisis_share.empty() ? 0.0
                                                                    : f.durable.crisis_share.back() - f.carousel.crisis_share.back();
                            }).estimate();
    const auto volunteers_end = sample([](const FundingFigures& f) {
                                  return f.durable.project_volunteers_per_1000.empty()
                                             ? 0.0
                                             : f.durable.project_volunteers_per_1000.back() - f.carousel.project_volunteers_per_1000.back();
                                }).estimate();
    add("durable_trust_accumulates",
        "mean trust in the last recorded year, durable minus carousel funding (wraparound care in both)", trust_end, 0.0, 1.0,
        trust_end.low > 0.0,
        "project maturity, durable minus carousel " + interval_text(maturity_end) + "; project volunteers per 1,000 adults " +
            interval_text(volunteers_end) + "; residents in crisis (share) " + interval_text(crisis_end));
  }

  // 9. Grant terms shorter than about four years end before projects mature (S3:L122, L626).
  {
    const auto share_at = [&](std::size_t term) {
      return sample_projects([term](const FundingFigures& f) {
               return term - 1 < f.share_review_before_mature.size() ? f.share_review_before_mature[term - 1] : 0.0;
             }).estimate();
    };
    std::string curve;
    for (std::size_t term = 1; term <= static_cast<std::size_t>(options.figures.sweep_max_term); ++term) {
      curve.append(std::to_string(term)).append(" y: ").append(text(share_at(term).mean, 2));
      if (term < static_cast<std::size_t>(options.figures.sweep_max_term)) curve.append(", ");
    }
    const auto short_terms = sample_projects([](const FundingFigures& f) {
                               const auto& s = f.share_review_before_mature;
                               return s.size() >= 3 ? (s[1] + s[2]) / 2.0 : 0.0;
                             }).estimate();
    add("review_before_maturity_short_grants",
        "share of projects whose first review comes before they are mature, grant terms of 2-3 years", short_terms, 0.6, 1.0,
        short_terms.mean >= 0.6, "by grant term: " + curve);
    const std::size_t long_term = static_cast<std::size_t>(std::max(5, options.figures.sweep_max_term - 1));
    const auto long_terms = share_at(long_term);
    add("review_before_maturity_long_grants",
        "the same share for grant terms of " + std::to_string(long_term) + " years", long_terms, 0.0, 0.4, long_terms.mean <= 0.4,
        "");
  }

  // 6. A formal-care budget cut is not made up by informal care (S0:L178; MODEL.md §5).
  {
    const auto substitution = sample([](const FundingFigures& f) { return f.budget_cut.substitution; }).estimate();
    const auto informal = sample([](const FundingFigures& f) { return f.budget_cut.informal_hours_change; }).estimate();
    const auto formal = sample([](const FundingFigures& f) { return f.budget_cut.formal_hours_change; }).estimate();
    add("budget_cut_not_made_up_by_informal_care",
        "municipal budget cut of " + text(100.0 * options.figures.cut, 2) +
            "%: informal hours gained per formal hour lost (paired with the same run uncut)",
        substitution, -1e9, 0.3, substitution.mean <= 0.3,
        "formal hours per year " + interval_text(formal) + ", informal " + interval_text(informal));
    const auto overburden = sample([](const FundingFigures& f) {
                              return f.budget_cut.overburdened_per_1000_cut - f.budget_cut.overburdened_per_1000_uncut;
                            }).estimate();
    const auto overburden_share = sample([](const FundingFigures& f) {
                                    return f.budget_cut.overburdened_cut - f.budget_cut.overburdened_uncut;
                                  }).estimate();
    // The cut reaches carers because professionals' lay-helpable hours are hours a family need
    // not give (care.formal_relief_per_hour, S4:L381): fewer of them, more hours asked of carers.
    add("budget_cut_raises_overburden",
        "the same cut: overburdened carers per 1,000 residents, cut minus uncut (interval above zero)", overburden, 0.0, 1e9,
        overburden.low > 0.0, "as a share of all carers (new carers dilute it) " + interval_text(overburden_share));
    const auto crises = sample([](const FundingFigures& f) { return f.budget_cut.crisis_cut - f.budget_cut.crisis_uncut; }).estimate();
    const auto incidents = sample([](const FundingFigures& f) { return f.budget_cut.incidents_cut - f.budget_cut.incidents_uncut; })
                               .estimate();
    const auto waiting = sample([](const FundingFigures& f) { return f.budget_cut.waiting_cut - f.budget_cut.waiting_uncut; }).estimate();
    add("budget_cut_raises_crises", "the same cut: share of residents in crisis, cut minus uncut (mean above zero)", crises, 0.0, 1.0,
        crises.mean > 0.0,
        "incidents per year " + interval_text(incidents) + "; waiting lists " + interval_text(waiting) +
            "; silo-years whose budget ran out (replicate 0) " + std::to_string(runs.front().budget_cut.silo_years_exhausted));
  }

  // §8 (issue 5, must-show 5): costs and benefits per payer of wraparound + durable against
  // expert + carousel, paired by seed, from the cost-benefit ledger (cost_benefit.hpp; the
  // Dutch MKBA, S0:L961): where the savings land.
  {
    std::vector<std::vector<RunLedger>> ledgers(2);
    for (const FundingFigures& f : runs) {
      ledgers[0].push_back(f.ledger_expert_carousel);
      ledgers[1].push_back(f.ledger_wraparound_durable);
    }
    const ArmCostBenefit ledger = compare_cost_benefit(ledgers).front();
    // The figure is the net benefit (euro per year); the detail every quantity in euro.
    const auto add_ledger = [&](std::string id, std::string description, const PayerEstimate& e, double low, double high, bool pass) {
      out.push_back(PatternResult{std::move(id), std::move(description), e.of(CostBenefitQuantity::net).mean, low, high, pass,
                                  "95% intervals over " + std::to_string(replicates) + " replicates: " + cost_benefit_text(e)});
    };
    add_ledger("cost_benefit_wraparound_durable_vs_expert_carousel",
               "net benefit per year to all payers, wraparound + durable against expert + carousel (euro: costs avoided minus "
               "extra spending; per payer below)",
               ledger.all_payers, 0.0, 1e12, ledger.all_payers.of(CostBenefitQuantity::net).low > 0.0);
    for (std::size_t p = 0; p < models::kPayerCount; ++p) {
      const std::string payer(models::kPayerNames[p]);
      add_ledger("cost_benefit_" + payer, "  net benefit per year to " + payer + " (reported: where the savings land)",
                 ledger.payers[p], -1e12, 1e12, true);
    }
    // The wrong pocket (S1 SF8): who pays for the team is not who saves.
    Sample outside;
    for (const PayerCostBenefit& r : ledger.by_replicate) {
      double saved_elsewhere = 0.0;
      double saved = 0.0;
      for (std::size_t p = 0; p < models::kPayerCount; ++p) {
        const double d = r.of(CostBenefitQuantity::net, p);
        if (d <= 0.0) continue;
        saved += d;
        if (!models::is_municipal(static_cast<models::Payer>(p))) saved_elsewhere += d;
      }
      outside.values.push_back(ratio(saved_elsewhere, saved));
    }
    const IntervalEstimate share = outside.estimate();
    add("savings_outside_the_municipality",
        "share of the savings of wraparound + durable that land on payers other than the municipality (insurers, funds, "
        "corporations, police): the wrong-pocket problem",
        share, 0.3, 1.0, share.mean >= 0.3, "");
  }

  // 12. Composition versus effect (S0:L957): leavers cost more than stayers.
  {
    const auto leaver_ratio = sample([](const FundingFigures& f) {
                                return ratio(sum(f.leaver_cost_per_resident), sum(f.stayer_cost_per_resident));
                              }).estimate();
    const auto all = sample([](const FundingFigures& f) { return sum(f.cost_per_resident) / std::max<double>(1.0, f.years); }).estimate();
    const auto stayers = sample([](const FundingFigures& f) {
                           return sum(f.stayer_cost_per_resident) / std::max<double>(1.0, f.years);
                         }).estimate();
    const auto newcomers = sample([](const FundingFigures& f) {
                             return sum(f.newcomer_cost_per_resident) / std::max<double>(1.0, f.years);
                           }).estimate();
    add("composition_leavers_cost_more_than_stayers",
        "expert + carousel: attributed care cost per resident-year of those who leave / of those who stay", leaver_ratio, 1.0, 1e9,
        leaver_ratio.low > 1.0,
        "euro per resident-year: everyone " + interval_text(all) + ", stayers " + interval_text(stayers) + ", newcomers " +
            interval_text(newcomers));
  }
  return out;
}

}  // namespace wijksim::scenarios
