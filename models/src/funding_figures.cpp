#include "wijksim/models/funding_figures.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>
#include <string_view>

#include "wijksim/engine/error.hpp"
#include "wijksim/models/calendar.hpp"

namespace wijksim::models {
namespace {
constexpr int kWeeksBeforeStop = 4;
constexpr int kWeeksAfterStop = 13;

[[nodiscard]] double ratio(double a, double b) noexcept { return b > 0.0 ? a / b : 0.0; }

/// Effectiveness of reviewed projects alive at the end and of those that ended.
void survival_samples(const FundingRunRecord& r, std::vector<double>& survived, std::vector<double>& ended) {
  for (const Project& p : r.projects) {
    if (p.reviews == 0) continue;
    const auto e = static_cast<double>(p.effectiveness);
    if (is_alive(p.state)) survived.push_back(e);
    if (p.state == ProjectState::terminated || p.state == ProjectState::parcelled) ended.push_back(e);
  }
}

int distinct_methods(const FundingRunRecord& r) {
  std::set<std::uint32_t> methods;
  for (const Project& p : r.projects) methods.insert(p.method);
  return static_cast<int>(methods.size());
}

int labels(const FundingRunRecord& r) {
  int n = 0;
  for (const Project& p : r.projects) n += p.labels;
  return n;
}

double after_cut_mean(const std::vector<double>& v, std::size_t from) {
  double sum = 0.0;
  double n = 0.0;
  for (std::size_t y = from; y < v.size(); ++y) {
    sum += v[y];
    n += 1.0;
  }
  return ratio(sum, n);
}

CutComparison compare_cut(const std::string& what, const FundingRunRecord& uncut, const FundingRunRecord& cut, std::size_t from) {
  CutComparison c;
  c.what = what;
  c.formal_hours_change = after_cut_mean(cut.series.formal_hours, from) - after_cut_mean(uncut.series.formal_hours, from);
  c.informal_hours_change = after_cut_mean(cut.series.informal_hours, from) - after_cut_mean(uncut.series.informal_hours, from);
  c.substitution = c.formal_hours_change < 0.0 ? c.informal_hours_change / -c.formal_hours_change : 0.0;
  c.overburdened_uncut = after_cut_mean(uncut.series.overburdened_share, from);
  c.overburdened_cut = after_cut_mean(cut.series.overburdened_share, from);
  c.overburdened_per_1000_uncut = after_cut_mean(uncut.series.overburdened_per_1000, from);
  c.overburdened_per_1000_cut = after_cut_mean(cut.series.overburdened_per_1000, from);
  c.crisis_uncut = after_cut_mean(uncut.series.crisis_share, from);
  c.crisis_cut = after_cut_mean(cut.series.crisis_share, from);
  c.incidents_uncut = after_cut_mean(uncut.series.incidents, from);
  c.incidents_cut = after_cut_mean(cut.series.incidents, from);
  c.waiting_uncut = after_cut_mean(uncut.series.waiting, from);
  c.waiting_cut = after_cut_mean(cut.series.waiting, from);
  for (const auto& year : cut.budgets) {
    for (const SiloYear& s : year) c.silo_years_exhausted += s.exhausted_tick >= 0 ? 1 : 0;
  }
  return c;
}

PayerCosts payer_costs(const FundingRunRecord& arm, const FundingRunRecord& baseline) {
  PayerCosts out;
  const auto split = [](const FundingRunRecord& r, std::array<double, kPayerCount>& projects, std::array<double, kPayerCount>& other) {
    for (const PayerTierTable& year : r.costs) {
      for (std::size_t p = 0; p < kPayerCount; ++p) {
        for (std::size_t t = 0; t < kTierCount; ++t) {
          (static_cast<Tier>(t) == Tier::projects ? projects : other)[p] += year[p][t];
        }
      }
    }
  };
  split(arm, out.projects, out.other);
  std::array<double, kPayerCount> base_projects{};
  std::array<double, kPayerCount> base_other{};
  split(baseline, base_projects, base_other);
  for (std::size_t p = 0; p < kPayerCount; ++p) out.benefits[p] = base_other[p] - out.other[p];
  return out;
}

std::string fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

std::string series_line(std::string_view name, const std::vector<double>& v, int digits) {
  std::string line = "    ";
  line.append(name);
  while (line.size() < 34) line.append(" ");
  for (const double x : v) {
    line.append(" ");
    line.append(fixed(x, digits));
  }
  line.append("\n");
  return line;
}

std::string distribution_text(const Distribution& d) {
  std::string s = "n ";
  s.append(std::to_string(d.n));
  s.append(", mean ");
  s.append(fixed(d.mean, 3));
  s.append(", quartiles ");
  s.append(fixed(d.p25, 3));
  s.append(" / ");
  s.append(fixed(d.median, 3));
  s.append(" / ");
  s.append(fixed(d.p75, 3));
  return s;
}
}  // namespace

Distribution describe(std::vector<double> sample) {
  Distribution d;
  d.n = static_cast<int>(sample.size());
  if (sample.empty()) return d;
  std::sort(sample.begin(), sample.end());
  double sum = 0.0;
  for (const double x : sample) sum += x;
  d.mean = sum / static_cast<double>(sample.size());
  const auto at = [&](double q) {
    const double pos = q * static_cast<double>(sample.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(sample.size() - 1, lo + 1);
    return sample[lo] + (sample[hi] - sample[lo]) * (pos - static_cast<double>(lo));
  };
  d.p25 = at(0.25);
  d.median = at(0.5);
  d.p75 = at(0.75);
  return d;
}

double auc(const std::vector<double>& higher, const std::vector<double>& lower) {
  if (higher.empty() || lower.empty()) return 0.5;
  double wins = 0.0;
  for (const double h : higher) {
    for (const double l : lower) wins += h > l ? 1.0 : (h == l ? 0.5 : 0.0);
  }
  return wins / (static_cast<double>(higher.size()) * static_cast<double>(lower.size()));
}

void FundingRunObserver::on_tick_end(engine::Tick tick) {
  const auto& incidents = model_.incidents();
  if (tick < model_.warmup_end() || tick >= model_.run_end()) {
    incidents_seen_ = incidents.size();
    return;
  }
  weekly();
  if ((tick.value() - model_.warmup_end().value() + 1) % 52 == 0) close_year();
}

void FundingRunObserver::weekly() {
  const Population& pop = model_.population();
  const auto& res = pop.residents;
  const auto& r = pop.r;
  const auto age = res.values(r.age_years);
  const auto trust = res.values(r.trust);
  const auto volunteer = res.values(r.is_volunteer);
  const auto flags = res.values(r.crisis_flags);
  const auto given = res.values(r.hours_given);
  const auto burden = res.values(r.burden);
  const auto household = res.values(r.household);
  const auto moved_in = res.values(r.moved_in_tick);
  const auto ids = res.ids();
  if (!ids.empty() && weeks_by_id_.size() <= ids.back().value()) {
    weeks_by_id_.resize(ids.back().value() + 1U, 0);
    cost_by_id_.resize(ids.back().value() + 1U, 0.0);
  }
  const auto neighbourhood = pop.households.values(pop.h.neighbourhood);
  std::array<std::span<const float>, kDomainCount> sev;
  for (std::size_t d = 0; d < kDomainCount; ++d) sev[d] = res.values(r.severity[d]);
  const auto overburden = static_cast<float>(model_.parameters().informal.overburden_threshold);
  const std::size_t hoods = pop.neighbourhood_count;
  if (trust_by_week_.empty()) {
    trust_by_week_.assign(hoods, {});
    volunteers_by_week_.assign(hoods, {});
  }
  std::vector<double> trust_sum(hoods, 0.0), people(hoods, 0.0), vol_sum(hoods, 0.0), adults(hoods, 0.0);
  const std::int32_t start = model_.warmup_end().value();
  for (std::size_t i = 0; i < res.size(); ++i) {
    const std::size_t n = neighbourhood[household[i]];
    residents_ += 1.0;
    trust_ += static_cast<double>(trust[i]);
    trust_sum[n] += static_cast<double>(trust[i]);
    people[n] += 1.0;
    crisis_ += flags[i] != 0 ? 1.0 : 0.0;
    bool troubled = false;
    for (std::size_t d = 0; d < kDomainCount; ++d) troubled = troubled || sev[d][i] >= kTroubleSeverity;
    trouble_ += troubled ? 1.0 : 0.0;
    informal_ += static_cast<double>(given[i]);
    // Stayers: here when recording started (S0:L957: movers take their needs with them).
    stayers_ += moved_in[i] <= start ? 1.0 : 0.0;
    ++weeks_by_id_[ids[i].value()];
    if (age[i] < kAdultAge) continue;
    adults_ += 1.0;
    adults[n] += 1.0;
    volunteers_ += volunteer[i];
    vol_sum[n] += volunteer[i];
    if (given[i] > 0.0F) {
      carers_ += 1.0;
      overburdened_ += burden[i] > overburden ? 1.0 : 0.0;
    }
  }
  for (std::size_t n = 0; n < hoods; ++n) {
    trust_by_week_[n].push_back(ratio(trust_sum[n], people[n]));
    volunteers_by_week_[n].push_back(ratio(vol_sum[n], adults[n]));
  }
  for (const Project& p : model_.funding().projects()) {
    if (!is_alive(p.state)) continue;
    alive_ += 1.0;
    maturity_ += static_cast<double>(p.maturity());
    for (const ResidentId id : p.volunteers) {
      if (const auto slot = res.slot_of(id)) project_volunteers_ += volunteer[*slot];
    }
  }
  for (const CareEpisode& e : model_.care().episodes()) waiting_ += e.state != EpisodeState::active ? 1.0 : 0.0;
  attribute_costs();
  weeks_ += 1.0;
}

void FundingRunObserver::attribute_costs() {
  const Population& pop = model_.population();
  const auto& res = pop.residents;
  const auto& cp = model_.parameters().care;
  const auto& orgs = model_.care().organisations();
  const auto add = [&](std::uint32_t id, double euro) {
    if (cost_by_id_.size() <= id) {
      cost_by_id_.resize(id + 1U, 0.0);
      weeks_by_id_.resize(id + 1U, 0);
    }
    cost_by_id_[id] += euro;
  };
  // Treatment at the organisation's hourly cost, as care bills it (heavier per-product work).
  for (const CareEpisode& e : model_.care().episodes()) {
    if (e.state != EpisodeState::active) continue;
    const Organisation& org = orgs[e.organisation];
    const double euro = org.hours_per_week * (org.is_team ? 1.0 : 1.0 + 0.5 * cp.per_product_payment) * org.hourly_cost;
    if (e.resident != kNobody) {
      add(e.resident, euro);
    } else if (const auto hh = pop.households.slot_of(HouseholdId{e.household})) {
      const auto members = pop.members(*hh);
      for (const std::uint32_t m : members) add(res.id_at(m).value(), euro / static_cast<double>(members.size()));
    }
  }
  // Incidents, to the resident in crisis (an evicted household may have left: a leaver).
  const auto& incidents = model_.incidents();
  for (; incidents_seen_ < incidents.size(); ++incidents_seen_) {
    const Incident& incident = incidents[incidents_seen_];
    incidents_ += 1.0;
    add(incident.resident, cp.incident_cost[static_cast<std::size_t>(incident.kind)]);
  }
}

void FundingRunObserver::close_year() {
  const auto year = static_cast<std::size_t>(model_.warmup_end().value() / 52) + series_.crisis_share.size();
  const auto& years = model_.care().years();
  series_.crisis_share.push_back(ratio(crisis_, residents_));
  series_.trouble_share.push_back(ratio(trouble_, residents_));
  series_.trust.push_back(ratio(trust_, residents_));
  series_.volunteer_share.push_back(ratio(volunteers_, adults_));
  series_.project_volunteers_per_1000.push_back(1000.0 * ratio(project_volunteers_, adults_));
  series_.alive_projects.push_back(ratio(alive_, weeks_));
  series_.maturity.push_back(ratio(maturity_, alive_));
  series_.informal_hours.push_back(informal_);
  series_.formal_hours.push_back(year < years.size() ? years[year].treatment_hours : 0.0);
  series_.overburdened_share.push_back(ratio(overburdened_, carers_));
  series_.overburdened_per_1000.push_back(1000.0 * ratio(overburdened_, residents_));
  series_.incidents.push_back(incidents_);
  series_.waiting.push_back(ratio(waiting_, weeks_));
  // Cost per resident-year by who stayed, came and left (S0:L957).
  const auto& res = model_.population().residents;
  const auto moved_in = res.values(model_.population().r.moved_in_tick);
  const std::int32_t start = model_.warmup_end().value();
  std::array<double, 4> cost{};   // everyone, stayers, newcomers, leavers
  std::array<double, 4> weeks{};
  for (std::uint32_t id = 0; id < weeks_by_id_.size(); ++id) {
    if (weeks_by_id_[id] == 0 && cost_by_id_[id] == 0.0) continue;
    const auto slot = res.slot_of(ResidentId{id});
    const std::size_t group = !slot ? 3 : (moved_in[*slot] <= start ? 1 : 2);
    for (const std::size_t g : {std::size_t{0}, group}) {
      cost[g] += cost_by_id_[id];
      weeks[g] += weeks_by_id_[id];
    }
    cost_by_id_[id] = 0.0;
    weeks_by_id_[id] = 0;
  }
  const auto per_year = [&](std::size_t g) { return ratio(cost[g], weeks[g] / 52.0); };
  series_.cost_per_resident.push_back(per_year(0));
  series_.stayer_cost_per_resident.push_back(per_year(1));
  series_.newcomer_cost_per_resident.push_back(per_year(2));
  series_.leaver_cost_per_resident.push_back(per_year(3));
  series_.stayer_share.push_back(ratio(stayers_, residents_));
  weeks_ = residents_ = adults_ = crisis_ = trouble_ = trust_ = volunteers_ = 0.0;
  project_volunteers_ = alive_ = maturity_ = informal_ = carers_ = overburdened_ = 0.0;
  incidents_ = waiting_ = stayers_ = 0.0;
}

FundingRunRecord FundingRunObserver::record() const {
  FundingRunRecord r;
  r.series = series_;
  const FundingSystem& funding = model_.funding();
  r.projects = funding.projects();
  r.transitions = funding.transitions();
  r.budgets = funding.municipality().years();
  r.first_recorded_tick = model_.warmup_end().value();
  r.end_tick = model_.run_end().value();
  const auto first_year = static_cast<std::size_t>(r.first_recorded_tick / 52);
  const auto last_year = static_cast<std::size_t>(r.end_tick / 52);
  for (std::size_t y = first_year; y < last_year; ++y) r.costs.push_back(model_.care().ledger().year(y));
  for (const double m : funding.municipality().moved()) r.moved_from_old_spending += m;
  const auto& money = funding.money_years();
  for (std::size_t y = first_year; y < last_year && y < money.size(); ++y) {
    r.project_money_received += money[y].received;
    r.project_money_spent += money[y].spent;
  }
  // Trust and volunteering around each stop, in the stop's neighbourhood.
  double trust_change = 0.0;
  double volunteer_change = 0.0;
  for (const ProjectTransition& t : r.transitions) {
    if (t.to != ProjectState::terminated && t.to != ProjectState::parcelled) continue;
    const std::int32_t week = t.tick - r.first_recorded_tick;
    const std::size_t n = r.projects[t.project].neighbourhood;
    if (n >= trust_by_week_.size() || week < kWeeksBeforeStop ||
        static_cast<std::size_t>(week + kWeeksAfterStop) > trust_by_week_[n].size()) {
      continue;
    }
    const auto mean = [](const std::vector<double>& v, std::int32_t from, std::int32_t to) {
      double sum = 0.0;
      for (std::int32_t w = from; w < to; ++w) sum += v[static_cast<std::size_t>(w)];
      return sum / static_cast<double>(to - from);
    };
    trust_change += mean(trust_by_week_[n], week, week + kWeeksAfterStop) - mean(trust_by_week_[n], week - kWeeksBeforeStop, week);
    volunteer_change += mean(volunteers_by_week_[n], week, week + kWeeksAfterStop) -
                        mean(volunteers_by_week_[n], week - kWeeksBeforeStop, week);
    ++r.stops_measured;
  }
  r.trust_change_after_stop = ratio(trust_change, r.stops_measured);
  r.volunteer_change_after_stop = ratio(volunteer_change, r.stops_measured);
  return r;
}

FundingFigureInputs default_funding_inputs(const Parameters& expert, const Parameters& wraparound) {
  FundingFigureInputs in{expert, wraparound, expert.funding, expert.funding};
  in.carousel.enabled = true;
  in.durable = in.carousel;
  in.durable.durability = 1.0;
  in.durable.regie = std::max(0.8, in.carousel.regie);
  return in;
}

FundingRunRecord run_funding_arm(const Parameters& parameters, std::uint64_t seed, int threads, const Parameters* cut_to,
                                 std::int32_t cut_tick) {
  Model model(parameters, seed, 0);
  engine::Executor executor(threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  FundingRunObserver observer(model);
  simulation.add_observer(observer);
  const engine::Tick end = model.run_end();
  if (cut_to != nullptr && cut_tick > 0 && engine::Tick{cut_tick} < end) {
    (void)simulation.run(engine::Tick{0}, engine::Tick{cut_tick});
    model.set_parameters(*cut_to, engine::Tick{cut_tick});
    (void)simulation.run(engine::Tick{cut_tick}, end);
  } else {
    (void)simulation.run(engine::Tick{0}, end);
  }
  return observer.record();
}

FundingFigures compute_funding_figures(const FundingFigureInputs& in, const FundingFigureOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  if (!in.carousel.enabled || !in.durable.enabled) {
    throw engine::InputError("compute_funding_figures: carousel and durable funding settings",
                             "funding.enabled = true in both", "funding.enabled = false");
  }
  const auto arm = [&o](const Parameters& care, const FundingParameters& funding) {
    Parameters p = care;
    p.funding = funding;
    p.population.dwellings_per_neighbourhood = o.dwellings;
    p.population.neighbourhoods = o.neighbourhoods;
    p.run.years = o.years;
    return p;
  };
  FundingParameters no_projects_carousel = in.carousel;
  no_projects_carousel.project_money_per_resident = 0.0;
  FundingParameters no_projects_durable = in.durable;
  no_projects_durable.project_money_per_resident = 0.0;
  FundingFigures f;
  const auto run = [&](const Parameters& p, const Parameters* cut = nullptr, std::int32_t at = -1) {
    ++f.runs;
    return run_funding_arm(p, o.seed, o.threads, cut, at);
  };
  const Parameters ec = arm(in.expert, in.carousel);
  const FundingRunRecord expert_carousel = run(ec);
  const FundingRunRecord expert_durable = run(arm(in.expert, in.durable));
  const FundingRunRecord wrap_carousel = run(arm(in.wraparound, in.carousel));
  const FundingRunRecord wrap_durable = run(arm(in.wraparound, in.durable));
  const FundingRunRecord expert_none = run(arm(in.expert, no_projects_carousel));
  const FundingRunRecord wrap_none = run(arm(in.wraparound, no_projects_durable));
  f.years = o.years;

  // Pattern 7: survival and effectiveness, ends, labels and methods — the reference arms and
  // a larger sample of projects from many small neighbourhoods (as in the sweep below).
  const auto small_city = [&](const FundingParameters& funding) {
    Parameters p = arm(in.expert, funding);
    p.population.dwellings_per_neighbourhood = o.sweep_dwellings;
    p.population.neighbourhoods = o.sweep_neighbourhoods;
    p.run.years = o.sweep_years;
    p.funding.project_money_per_resident *= static_cast<double>(o.dwellings) / static_cast<double>(o.sweep_dwellings);
    return p;
  };
  f.project_samples = o.project_samples;
  if (o.project_samples) {
    const FundingRunRecord sample_carousel = run(small_city(in.carousel));
    const FundingRunRecord sample_durable = run(small_city(in.durable));
    std::vector<double> survived, ended, survived_durable, ended_durable;
    for (const FundingRunRecord* r : {&expert_carousel, &wrap_carousel, &sample_carousel}) {
      survival_samples(*r, survived, ended);
      for (const Project& p : r->projects) {
        if (p.state == ProjectState::terminated || p.state == ProjectState::parcelled) ++f.ends[static_cast<std::size_t>(p.state)];
        f.parcelled_conscious += p.state == ProjectState::parcelled && p.parcelled_consciously ? 1 : 0;
        f.reinventions_carousel += p.predecessor != kNoProject ? 1 : 0;
      }
      f.projects_carousel += static_cast<int>(r->projects.size());
      f.labels_carousel += labels(*r);
      f.methods_carousel += distinct_methods(*r);
    }
    for (const FundingRunRecord* r : {&expert_durable, &wrap_durable, &sample_durable}) {
      survival_samples(*r, survived_durable, ended_durable);
      f.labels_durable += labels(*r);
      f.methods_durable += distinct_methods(*r);
    }
    f.survivors_effectiveness = describe(survived);
    f.ended_effectiveness = describe(ended);
    f.survival_auc_carousel = auc(survived, ended);
    f.survival_auc_durable = auc(survived_durable, ended_durable);
  }

  // Pattern 8: outcomes over time in both regimes (wraparound care), and around stops.
  f.carousel = wrap_carousel.series;
  f.durable = wrap_durable.series;
  const auto pooled = [](const FundingRunRecord& a, const FundingRunRecord& b, double& trust, double& volunteers, int& n) {
    n = a.stops_measured + b.stops_measured;
    trust = ratio(a.trust_change_after_stop * a.stops_measured + b.trust_change_after_stop * b.stops_measured, n);
    volunteers = ratio(a.volunteer_change_after_stop * a.stops_measured + b.volunteer_change_after_stop * b.stops_measured, n);
  };
  pooled(expert_carousel, wrap_carousel, f.trust_change_after_stop_carousel, f.volunteer_change_after_stop_carousel, f.stops_carousel);
  pooled(expert_durable, wrap_durable, f.trust_change_after_stop_durable, f.volunteer_change_after_stop_durable, f.stops_durable);

  // Pattern 9: grant terms 1..N, many small neighbourhoods, the same projects per neighbourhood.
  for (int term = 1; o.project_samples && term <= o.sweep_max_term; ++term) {
    Parameters p = small_city(in.carousel);
    p.funding.grant_years_min = term;
    p.funding.grant_years_max = term;
    const FundingRunRecord r = run(p);
    int reviewed = 0;
    int before = 0;
    for (const Project& q : r.projects) {
      if (q.start_tick + 52 * term > r.end_tick || q.first_review_tick < 0) continue;
      ++reviewed;
      before += q.strength_at_first_review < 1.0F ? 1 : 0;
    }
    f.projects_reviewed.push_back(reviewed);
    f.share_review_before_mature.push_back(ratio(before, reviewed));
  }

  // Pattern 6: a cut of formal care in the cut year, paired with the uncut run.
  const auto cut_tick = static_cast<std::int32_t>(52 * ec.run.warmup_years + std::lround(52.0 * o.cut_year));
  const auto from = static_cast<std::size_t>(std::max(0.0, std::ceil(o.cut_year)));
  Parameters fte = ec;
  fte.care.fte_scale *= 1.0 - o.cut;
  f.fte_cut = compare_cut("care.fte_scale", expert_carousel, run(ec, &fte, cut_tick), from);
  Parameters budget = ec;
  budget.funding.budget_scale *= 1.0 - o.cut;
  f.budget_cut = compare_cut("funding.budget_scale", expert_carousel, run(ec, &budget, cut_tick), from);

  // Costs per payer, and what the project money did.
  f.wraparound_durable = payer_costs(wrap_durable, wrap_none);
  f.expert_carousel = payer_costs(expert_carousel, expert_none);
  f.ledger_wraparound_durable = wrap_durable.costs;
  f.ledger_expert_carousel = expert_carousel.costs;
  f.moved_wraparound_durable = wrap_durable.moved_from_old_spending;
  f.project_money_carousel = wrap_carousel.project_money_spent;
  f.project_money_durable = wrap_durable.project_money_spent;
  f.project_money_received = wrap_durable.project_money_received;

  // Pattern 12: composition against effect.
  f.cost_per_resident = expert_carousel.series.cost_per_resident;
  f.stayer_cost_per_resident = expert_carousel.series.stayer_cost_per_resident;
  f.newcomer_cost_per_resident = expert_carousel.series.newcomer_cost_per_resident;
  f.leaver_cost_per_resident = expert_carousel.series.leaver_cost_per_resident;
  f.stayer_share = expert_carousel.series.stayer_share;
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return f;
}

std::string format_funding_figures(const FundingFigures& f) {
  std::string s;
  // Each line from its parts, appended (no "literal" + std::string: GCC 12 -Wrestrict at -O3).
  const auto line = [&s](std::initializer_list<std::string_view> parts) {
    for (const std::string_view part : parts) s.append(part);
    s.append("\n");
  };
  const auto count = [](int n) { return std::to_string(n); };
  const auto state = [&f](ProjectState st) { return std::to_string(f.ends[static_cast<std::size_t>(st)]); };
  line({"Funding and projects (MODEL.md §10 patterns 6-9, 12; costs per payer §8): ", count(f.runs), " runs, ", count(f.years),
        " recorded years, ", fixed(f.seconds, 1), " s"});
  line({});
  line({"Pattern 7 - under carousel funding effectiveness does not predict survival (reviewed projects, alive at the end vs ended):"});
  line({"  survivors  ", distribution_text(f.survivors_effectiveness)});
  line({"  ended      ", distribution_text(f.ended_effectiveness)});
  line({"  AUC effectiveness -> survival: carousel ", fixed(f.survival_auc_carousel, 3), ", durable ", fixed(f.survival_auc_durable, 3),
        " (0.5 = no prediction)"});
  line({"  ends: parcelled ", state(ProjectState::parcelled), " (", count(f.parcelled_conscious), " consciously), terminated ",
        state(ProjectState::terminated), ", of ", count(f.projects_carousel), " projects"});
  line({"  labels ", count(f.labels_carousel), " vs distinct methods ", count(f.methods_carousel), " (carousel; ",
        count(f.reinventions_carousel), " reinventions); durable: labels ", count(f.labels_durable), ", methods ",
        count(f.methods_durable)});
  line({});
  line({"Pattern 8 - outcomes per recorded year, wraparound care (carousel | durable):"});
  const auto both = [&](std::string_view name, const std::vector<double>& a, const std::vector<double>& b, int digits) {
    std::string first(name);
    first.append(" carousel");
    std::string second(name);
    second.append(" durable");
    s.append(series_line(first, a, digits));
    s.append(series_line(second, b, digits));
  };
  both("residents in crisis", f.carousel.crisis_share, f.durable.crisis_share, 4);
  both("residents in trouble", f.carousel.trouble_share, f.durable.trouble_share, 4);
  both("trust", f.carousel.trust, f.durable.trust, 3);
  both("adults volunteering", f.carousel.volunteer_share, f.durable.volunteer_share, 3);
  both("project volunteers /1000", f.carousel.project_volunteers_per_1000, f.durable.project_volunteers_per_1000, 1);
  both("living projects", f.carousel.alive_projects, f.durable.alive_projects, 1);
  both("their maturity", f.carousel.maturity, f.durable.maturity, 2);
  line({"  change after a stop (weeks 1-13 after vs 1-4 before), trust and volunteers per 1000 adults: carousel ",
        fixed(f.trust_change_after_stop_carousel, 4), " and ", fixed(1000.0 * f.volunteer_change_after_stop_carousel, 2), " (",
        count(f.stops_carousel), " stops); durable ", fixed(f.trust_change_after_stop_durable, 4), " and ",
        fixed(1000.0 * f.volunteer_change_after_stop_durable, 2), " (", count(f.stops_durable), " stops)"});
  line({});
  line({"Pattern 9 - share of projects at their first review before they are strong, by grant term (years):"});
  for (std::size_t k = 0; k < f.share_review_before_mature.size(); ++k) {
    line({"  ", std::to_string(k + 1), ": ", fixed(f.share_review_before_mature[k], 2), " of ", count(f.projects_reviewed[k])});
  }
  line({});
  line({"Pattern 6 - a formal-care cut is not made up by informal care (per year after the cut, cut minus uncut):"});
  for (const CutComparison* c : {&f.fte_cut, &f.budget_cut}) {
    line({"  ", c->what, ": formal hours ", fixed(c->formal_hours_change, 0), ", informal hours ", fixed(c->informal_hours_change, 0),
          " (substitution ", fixed(c->substitution, 3), "), overburdened carers ", fixed(c->overburdened_uncut, 3), " -> ",
          fixed(c->overburdened_cut, 3), ", in crisis ", fixed(c->crisis_uncut, 4), " -> ", fixed(c->crisis_cut, 4), ", incidents/year ",
          fixed(c->incidents_uncut, 1), " -> ", fixed(c->incidents_cut, 1), ", waiting (official + hidden) ", fixed(c->waiting_uncut, 1),
          " -> ", fixed(c->waiting_cut, 1), ", silo-years over budget ", count(c->silo_years_exhausted)});
  }
  line({});
  line({"Costs per payer over the recorded years (k euro): projects / other / benefits vs no projects"});
  for (std::size_t p = 0; p < kPayerCount; ++p) {
    line({"  ", kPayerNames[p], ": wraparound+durable ", fixed(f.wraparound_durable.projects[p] / 1000.0, 0), " / ",
          fixed(f.wraparound_durable.other[p] / 1000.0, 0), " / ", fixed(f.wraparound_durable.benefits[p] / 1000.0, 0),
          "   expert+carousel ", fixed(f.expert_carousel.projects[p] / 1000.0, 0), " / ", fixed(f.expert_carousel.other[p] / 1000.0, 0),
          " / ", fixed(f.expert_carousel.benefits[p] / 1000.0, 0)});
  }
  line({"  project money spent: carousel ", fixed(f.project_money_carousel / 1000.0, 0), "k, durable ",
        fixed(f.project_money_durable / 1000.0, 0), "k, of ", fixed(f.project_money_received / 1000.0, 0),
        "k received in each; old spending moved (durable, per year at the end) ", fixed(f.moved_wraparound_durable / 1000.0, 0), "k"});
  line({});
  line({"Pattern 12 - care cost per resident per year (euro), everyone vs stayers (expert + carousel):"});
  s.append(series_line("everyone", f.cost_per_resident, 0));
  s.append(series_line("stayers", f.stayer_cost_per_resident, 0));
  s.append(series_line("newcomers", f.newcomer_cost_per_resident, 0));
  s.append(series_line("leavers (year they left)", f.leaver_cost_per_resident, 0));
  s.append(series_line("stayers' share of residents", f.stayer_share, 2));
  return s;
}

}  // namespace wijksim::models
