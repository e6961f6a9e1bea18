// Funding, institutions and projects (MODEL.md §8, §10 patterns 6-9 and 12): the project life
// cycle alone, the municipality and projects in a small model, the switch that keeps them out
// of care-only runs, determinism across threads, and the patterns at reduced scale.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/engine/simulation.hpp"
#include "wijksim/models/funding_figures.hpp"
#include "wijksim/models/model.hpp"
#include "wijksim/models/model_parameters.hpp"
#include "wijksim/models/project_lifecycle.hpp"

using namespace wijksim;
using namespace wijksim::models;

namespace {

Parameters defaults() {
  const ModelParameters declared;
  return declared.resolve(declared.defaults());
}

/// A small city with funding on and project money scaled up so each neighbourhood funds a few
/// projects.
Parameters small_city(int dwellings, int neighbourhoods, int years) {
  Parameters p = defaults();
  p.population.dwellings_per_neighbourhood = dwellings;
  p.population.neighbourhoods = neighbourhoods;
  p.run.years = years;
  p.funding.enabled = true;
  p.funding.project_money_per_resident = 100.0 * 6000.0 / dwellings;
  p.funding.ideas_per_year_per_10000 = 6.0 * 6000.0 / dwellings;
  return p;
}

Parameters wraparound(Parameters p) {
  p.care.integration = 1.0;
  p.care.outreach = 0.7;
  p.care.max_professionals_per_household = 2;
  p.care.network_activation = 0.6;
  p.care.discretionary_budget = 1000.0;
  p.care.front_load = 1.8;
  p.care.per_product_payment = 0.0;
  p.care.team_fte_per_1000_residents = 1.3;
  return p;
}

struct Run {
  std::uint64_t checksum = 0;
  std::size_t projects = 0;
  std::size_t transitions = 0;
  std::int64_t funding_ticks = 0;
};

Run run(const Parameters& p, int threads, std::uint64_t seed = 5) {
  Model model(p, seed, 0);
  engine::Executor executor(threads);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  (void)simulation.run(engine::Tick{0}, model.run_end());
  return Run{model.state_checksum(), model.funding().projects().size(), model.funding().transitions().size(),
             model.funding().ticks_run()};
}

/// A project as FundingSystem funds one, with given traits and no randomness in its coalition.
Project project(float quality, float commitment, float effectiveness) {
  Project p;
  p.state = ProjectState::pilot;
  p.leader.quality = quality;
  p.effectiveness = effectiveness;
  p.coalition_size = 6;
  const CoalitionRole roles[] = {CoalitionRole::alderman,         CoalitionRole::civil_servant, CoalitionRole::provider_manager,
                                 CoalitionRole::civil_servant,    CoalitionRole::provider_manager, CoalitionRole::resident};
  for (std::size_t k = 0; k < 6; ++k) p.coalition[k] = CoalitionMember{roles[k], commitment};
  return p;
}

const engine::RandomKey kKey = engine::RandomKey::from(11, 0);

}  // namespace

TEST_CASE("with funding off the funding phase never runs and its parameters change nothing", "[funding][switch]") {
  Parameters a = defaults();
  a.population.dwellings_per_neighbourhood = 500;
  a.population.neighbourhoods = 2;
  a.run.years = 2;
  REQUIRE_FALSE(a.funding.enabled);
  Parameters b = a;  // every funding lever moved, switch still off
  b.funding.project_money_per_resident = 5000.0;
  b.funding.durability = 1.0;
  b.funding.budget_scale = 0.3;
  b.funding.tender_years = 1;
  b.funding.election_years = 1;
  b.funding.first_election_year = 0;
  const Run off = run(a, 2);
  const Run moved = run(b, 2);
  CHECK(off.funding_ticks == 0);
  CHECK(moved.funding_ticks == 0);
  CHECK(off.projects == 0);
  CHECK(off.checksum == moved.checksum);
  Model model(b, 5, 0);
  for (const auto& e : model.effects().by_neighbourhood) {
    CHECK(e.finder_boost == 0.0F);
    for (const float d : e.extra_drift_per_week) CHECK(d == 0.0F);
  }
  // ... and switching it on does change the run.
  b.funding.enabled = true;
  const Run on = run(b, 2);
  CHECK(on.funding_ticks == 52 * (b.run.years + b.run.warmup_years));
  CHECK(on.checksum != off.checksum);
}

TEST_CASE("the funding switch cannot change during a run", "[funding][switch]") {
  Parameters p = small_city(300, 1, 1);
  Model model(p, 1, 0);
  Parameters off = p;
  off.funding.enabled = false;
  CHECK_THROWS_AS(model.set_parameters(off, engine::Tick{10}), engine::InputError);
  Parameters cut = p;
  cut.funding.budget_scale = 0.8;
  CHECK_NOTHROW(model.set_parameters(cut, engine::Tick{10}));
}

TEST_CASE("the model with funding on is bit-identical at 1, 2 and 4 threads", "[funding][determinism]") {
  Parameters p = wraparound(small_city(400, 3, 3));
  p.funding.durability = 0.5;
  p.funding.tender_years = 1;
  p.funding.first_election_year = 1;
  p.funding.election_years = 2;
  const Run one = run(p, 1);
  const Run two = run(p, 2);
  const Run four = run(p, 4);
  REQUIRE(one.projects > 5);
  CHECK(one.checksum == two.checksum);
  CHECK(one.checksum == four.checksum);
  CHECK(one.transitions == two.transitions);
  CHECK(one.transitions == four.transitions);
}

TEST_CASE("every project follows the life-cycle state machine of seed 3 §2.2", "[funding][lifecycle]") {
  Parameters p = small_city(400, 4, 6);
  p.funding.durability = 0.5;  // both regimes' routes
  p.funding.regie = 0.9;
  p.funding.first_election_year = 1;
  p.funding.election_years = 1;
  p.funding.policy_continuity = 0.3;  // new aldermen often halt nieuw voor oud
  Model model(p, 9, 0);
  engine::Executor executor(2);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  (void)simulation.run(engine::Tick{0}, model.run_end());
  const auto& projects = model.funding().projects();
  const auto allowed = [](ProjectState from, ProjectState to) {
    using S = ProjectState;
    switch (from) {
      case S::idea: return to == S::pilot;
      case S::pilot: return to == S::review;
      case S::review:
        return to == S::refunded || to == S::terminated || to == S::parcelled || to == S::adopted_joint ||
               to == S::social_enterprise || to == S::structural;
      case S::refunded: return to == S::pilot;
      case S::adopted_joint:
      case S::structural: return to == S::review;  // the alderman stopped moving old money
      case S::social_enterprise: return to == S::terminated;
      case S::terminated:
      case S::parcelled: return false;
    }
    return false;
  };
  std::vector<ProjectState> state(projects.size(), ProjectState::idea);
  std::vector<std::int32_t> last_review(projects.size(), -1);
  std::set<ProjectState> reached;
  for (const ProjectTransition& t : model.funding().transitions()) {
    REQUIRE(t.project < projects.size());
    INFO("project " << t.project << " at " << t.tick);
    CHECK(t.from == state[t.project]);
    CHECK(allowed(t.from, t.to));
    if (t.to == ProjectState::review) {
      CHECK(last_review[t.project] != t.tick);  // reviewed once per tick
      last_review[t.project] = t.tick;
    }
    state[t.project] = t.to;
    reached.insert(t.to);
  }
  for (std::size_t k = 0; k < projects.size(); ++k) CHECK(projects[k].state == state[k]);
  CHECK(reached.count(ProjectState::parcelled) == 1);
  CHECK(reached.count(ProjectState::refunded) == 1);
  CHECK(reached.size() >= 6);
}

TEST_CASE("knowledge takes about two years and a strong organisation about four", "[funding][lifecycle]") {
  FundingParameters fp;
  SECTION("knowledge: 1 - exp(-1) after know_years with the best leader and no turnover") {
    fp.project_staff_turnover_per_year = 0.0;
    Project p = project(1.0F, 0.5F, 0.5F);
    for (int w = 0; w < 104; ++w) {
      engine::RandomStream s(kKey, 0, engine::Tick{w}, 1);
      (void)advance_project_week(p, false, 0.0, fp, s);
    }
    CHECK(p.knowledge == Approx(0.632).margin(0.01));
  }
  SECTION("strength: median time to a strong organisation between 3 and 5 years (S3:L626)") {
    std::vector<double> years;
    for (std::uint32_t k = 0; k < 400; ++k) {
      engine::RandomStream init(kKey, k, engine::Tick{0}, 2);
      Project p = project(static_cast<float>(engine::uniform(init, 0.2, 1.0)), static_cast<float>(engine::uniform(init, 0.2, 0.8)), 0.5F);
      int w = 0;
      for (; w < 52 * 12 && p.strength < 1.0F; ++w) {
        engine::RandomStream s(kKey, k, engine::Tick{w}, 3);
        (void)advance_project_week(p, false, 0.18, fp, s);
      }
      years.push_back(w / 52.0);
    }
    std::sort(years.begin(), years.end());
    CHECK(years[years.size() / 2] > 3.0);
    CHECK(years[years.size() / 2] < 5.0);
    CHECK(years[years.size() / 10] < years[years.size() * 9 / 10]);  // traits make it vary
  }
}

TEST_CASE("fundraising burns leaders out; steady work does not", "[funding][lifecycle]") {
  FundingParameters fp;
  fp.successor_probability = 0.0;
  int burned_hunting = 0;
  int burned_steady = 0;
  for (std::uint32_t k = 0; k < 100; ++k) {
    Project hunting = project(0.6F, 0.5F, 0.5F);
    Project steady = project(0.6F, 0.5F, 0.5F);
    for (int w = 0; w < 52 * 4; ++w) {
      engine::RandomStream a(kKey, k, engine::Tick{w}, 4);
      engine::RandomStream b(kKey, k, engine::Tick{w}, 4);
      if (hunting.leader.present) burned_hunting += advance_project_week(hunting, true, 0.18, fp, a).leaderless ? 1 : 0;
      if (steady.leader.present) burned_steady += advance_project_week(steady, false, 0.18, fp, b).leaderless ? 1 : 0;
    }
  }
  CHECK(burned_hunting > 80);
  CHECK(burned_steady < 10);
}

TEST_CASE("the review: one weak trait is fatal, regie pushes nieuw voor oud through", "[funding][lifecycle]") {
  FundingParameters fp;
  ReviewContext c;
  c.durability = 1.0;
  c.regie = 1.0;
  Project strong = project(1.0F, 0.9F, 1.0F);
  strong.knowledge = 1.0F;
  strong.strength = 1.0F;
  strong.plan = SustainPlan::structural;
  strong.measurement_level = 3;
  Project weak_coalition = strong;
  for (auto& m : weak_coalition.coalition) m.commitment = 0.05F;
  int structural_strong = 0;
  int structural_weak = 0;
  int structural_low_regie = 0;
  ReviewContext low = c;
  low.regie = 0.2;
  for (std::uint32_t k = 0; k < 1000; ++k) {
    engine::RandomStream a(kKey, k, engine::Tick{0}, 5);
    engine::RandomStream b(kKey, k, engine::Tick{0}, 5);
    engine::RandomStream d(kKey, k, engine::Tick{0}, 5);
    structural_strong += is_durable(decide_review(strong, c, fp, a).next) ? 1 : 0;
    structural_weak += is_durable(decide_review(weak_coalition, c, fp, b).next) ? 1 : 0;
    structural_low_regie += is_durable(decide_review(strong, low, fp, d).next) ? 1 : 0;
  }
  CHECK(structural_strong > 900);        // P = regie × (0.5 + 0.5 × 0.9)
  CHECK(structural_weak == 0);           // the weakest link
  CHECK(structural_low_regie < 300);     // P = 0.2 × 0.95
  CHECK(structural_low_regie > 100);
}

TEST_CASE("under carousel rules the review never looks at effectiveness", "[funding][lifecycle]") {
  FundingParameters fp;
  ReviewContext c;  // durability 0: no plans, novelty rules
  int same = 0;
  std::set<ProjectState> seen;
  for (std::uint32_t k = 0; k < 2000; ++k) {
    Project weak = project(0.7F, 0.5F, 0.1F);
    Project good = project(0.7F, 0.5F, 0.9F);
    for (Project* p : {&weak, &good}) {
      p->knowledge = 0.6F;
      p->strength = 0.5F;
      p->leader.energy = 0.5F;
    }
    engine::RandomStream a(kKey, k, engine::Tick{0}, 6);
    engine::RandomStream b(kKey, k, engine::Tick{0}, 6);
    const ReviewDecision x = decide_review(weak, c, fp, a);
    const ReviewDecision y = decide_review(good, c, fp, b);
    same += x.next == y.next ? 1 : 0;
    seen.insert(x.next);
    CHECK_FALSE(is_durable(x.next));
  }
  CHECK(same == 2000);
  CHECK(seen.count(ProjectState::review) == 1);      // applications for new money
  CHECK(seen.count(ProjectState::parcelled) == 1);
  CHECK(seen.count(ProjectState::terminated) == 1);
}

TEST_CASE("without a coalition projects are cut up and absorbed; with one they resist", "[funding][lifecycle]") {
  FundingParameters fp;
  ReviewContext c;
  int parcelled_weak = 0;
  int parcelled_strong = 0;
  for (std::uint32_t k = 0; k < 1000; ++k) {
    engine::RandomStream a(kKey, k, engine::Tick{0}, 7);
    engine::RandomStream b(kKey, k, engine::Tick{0}, 7);
    parcelled_weak += decide_end(project(0.5F, 0.1F, 0.5F), c, fp, a).next == ProjectState::parcelled ? 1 : 0;
    parcelled_strong += decide_end(project(0.5F, 1.0F, 0.5F), c, fp, b).next == ProjectState::parcelled ? 1 : 0;
  }
  CHECK(parcelled_weak > 800);    // 0.9 × (1 - 0.4 × 0.1)
  CHECK(parcelled_strong < 600);  // 0.9 × (1 - 0.4)
  CHECK(parcelled_weak - parcelled_strong > 200);
}

TEST_CASE("projects recruit volunteers and make ties; their stop undoes the ties", "[funding][projects]") {
  Parameters p = small_city(500, 2, 4);
  p.funding.stop_tie_loss = 1.0;
  Model model(p, 3, 0);
  engine::Executor executor(2);
  engine::Simulation simulation(model.scheduler(), executor, model.key());
  const auto& pop = model.population();
  std::size_t volunteers_recruited = 0;
  std::size_t ties_made = 0;
  std::size_t ties_checked = 0;
  std::size_t ties_still_there = 0;
  for (engine::Tick t{0}; t < model.run_end(); ++t) {
    // Ties of projects that are alive now, in resident ids.
    std::vector<std::pair<std::size_t, std::vector<ProjectTie>>> alive;
    for (const Project& q : model.funding().projects()) {
      if (is_alive(q.state)) alive.emplace_back(q.id, q.ties);
    }
    (void)simulation.run(t, t + 1);
    for (const auto& [id, ties] : alive) {
      const Project& q = model.funding().projects()[id];
      if (is_alive(q.state) || q.parcelled_consciously) continue;  // conscious parcelling keeps half
      for (const ProjectTie& tie : ties) {
        const auto a = pop.residents.slot_of(tie.a);
        const auto b = pop.residents.slot_of(tie.b);
        if (!a || !b) continue;
        ++ties_checked;
        pop.network.for_each_neighbour(static_cast<std::uint32_t>(*a), [&](std::uint32_t n, std::uint8_t, float) { ties_still_there += n == *b ? 1U : 0U; });
      }
    }
  }
  for (const Project& q : model.funding().projects()) {
    volunteers_recruited += q.volunteers.size();
    ties_made += q.ties.size();
  }
  CHECK(model.funding().projects().size() >= 4);
  CHECK(volunteers_recruited + ties_made > 0);
  CHECK(ties_checked > 0);
  CHECK(ties_still_there == 0);
}

TEST_CASE("working projects raise the trust of those they reach", "[funding][projects]") {
  Parameters p = small_city(500, 2, 4);
  p.funding.stop_trust_drop = 0.0;
  p.funding.stop_trust_drop_neighbourhood = 0.0;
  Parameters none = p;
  none.funding.trust_gain = 0.0;
  const auto mean_trust = [](const Parameters& q) {
    Model model(q, 3, 0);
    engine::Executor executor(2);
    engine::Simulation simulation(model.scheduler(), executor, model.key());
    (void)simulation.run(engine::Tick{0}, model.run_end());
    const auto& pop = model.population();
    double t = 0.0;
    for (const float x : pop.residents.values(pop.r.trust)) t += static_cast<double>(x);
    return t / static_cast<double>(pop.residents.size());
  };
  CHECK(mean_trust(p) > mean_trust(none) + 0.005);
}

TEST_CASE("the municipality: budgets that run out restrict access, elections and re-tendering", "[funding][municipality]") {
  SECTION("a budget cut makes silos run out and waiting lists grow") {
    Parameters p = small_city(600, 1, 3);
    p.funding.project_money_per_resident = 0.0;
    Parameters cut = p;
    cut.funding.budget_scale = 0.6;
    Model full(p, 2, 0);
    Model tight(cut, 2, 0);
    engine::Executor executor(2);
    engine::Simulation a(full.scheduler(), executor, full.key());
    engine::Simulation b(tight.scheduler(), executor, tight.key());
    (void)a.run(engine::Tick{0}, full.run_end());
    (void)b.run(engine::Tick{0}, tight.run_end());
    int exhausted = 0;
    for (std::size_t y = 1; y < tight.funding().municipality().years().size(); ++y) {
      for (const SiloYear& s : tight.funding().municipality().years()[y]) {
        exhausted += s.exhausted_tick >= 0 ? 1 : 0;
        CHECK(s.budget > 0.0);
      }
    }
    CHECK(exhausted > 0);
    double waiting_full = 0.0;
    double waiting_tight = 0.0;
    for (std::size_t y = 1; y < full.care().years().size(); ++y) {
      waiting_full += full.care().years()[y].waiting_official + full.care().years()[y].waiting_hidden;
      waiting_tight += tight.care().years()[y].waiting_official + tight.care().years()[y].waiting_hidden;
    }
    CHECK(waiting_tight > waiting_full);
  }
  SECTION("elections every year replace the alderman; re-tendering costs transaction effort") {
    Parameters p = small_city(400, 1, 3);
    p.funding.first_election_year = 1;
    p.funding.election_years = 1;
    p.funding.policy_continuity = 0.0;
    p.funding.tender_years = 1;
    Model model(p, 4, 0);
    engine::Executor executor(1);
    engine::Simulation simulation(model.scheduler(), executor, model.key());
    (void)simulation.run(engine::Tick{0}, model.run_end());
    CHECK(model.funding().municipality().elections() == 3);
    CHECK_FALSE(model.funding().municipality().alderman().continues_reallocation);
    CHECK(model.funding().municipality().tenders() == 3);
    double commissioning = 0.0;
    for (std::size_t y = 0; y < model.care().ledger().years(); ++y) {
      for (std::size_t silo = 0; silo < kSiloCount; ++silo) {
        commissioning += model.care().ledger().year(y)[silo][static_cast<std::size_t>(Tier::commissioning)];
      }
    }
    CHECK(commissioning > 0.0);
  }
}

TEST_CASE("funding patterns emerge at reduced scale", "[funding][patterns][slow]") {
  const Parameters expert = defaults();
  const FundingFigureInputs in = default_funding_inputs(expert, wraparound(expert));
  CHECK(in.carousel.enabled);
  CHECK(in.durable.durability == 1.0);
  FundingFigureOptions o;
  o.seed = 2;
  o.threads = 2;
  o.dwellings = 1500;
  o.neighbourhoods = 2;
  o.years = 8;
  o.sweep_dwellings = 300;
  o.sweep_neighbourhoods = 16;
  o.sweep_years = 10;
  o.sweep_max_term = 6;
  const FundingFigures f = compute_funding_figures(in, o);
  INFO(format_funding_figures(f));

  // Pattern 7: survival does not follow effectiveness under the carousel (it does more under
  // durable funding); parcelling is the most common end; methods come back under new names.
  CHECK(f.survivors_effectiveness.n >= 3);
  CHECK(f.ended_effectiveness.n >= 30);
  CHECK(f.survival_auc_carousel > 0.3);
  CHECK(f.survival_auc_carousel < 0.7);
  CHECK(f.survival_auc_durable > f.survival_auc_carousel);
  CHECK(f.ends[static_cast<std::size_t>(ProjectState::parcelled)] > f.ends[static_cast<std::size_t>(ProjectState::terminated)]);
  CHECK(f.labels_carousel > f.methods_carousel);
  CHECK(f.reinventions_carousel > 0);

  // Pattern 8: under durable funding projects mature and trust holds; under the carousel it
  // erodes, and drops after stops.
  REQUIRE(f.carousel.trust.size() == 8);
  CHECK(f.durable.maturity.back() > f.carousel.maturity.back());
  CHECK(f.durable.trust.back() > f.carousel.trust.back());
  CHECK(f.carousel.trust.back() < f.carousel.trust.front());
  CHECK(f.trust_change_after_stop_carousel < 0.0);
  CHECK(f.volunteer_change_after_stop_carousel < 0.0);  // project volunteers drift off
  CHECK(f.stops_carousel > 10);
  // What projects build accumulates under durable funding and falls back under the carousel:
  // project volunteers and trust over the second half of the horizon.
  const auto second_half = [](const std::vector<double>& series) {
    double sum = 0.0;
    for (std::size_t y = series.size() / 2; y < series.size(); ++y) sum += series[y];
    return sum / static_cast<double>(series.size() - series.size() / 2);
  };
  CHECK(second_half(f.durable.project_volunteers_per_1000) > 1.5 * second_half(f.carousel.project_volunteers_per_1000));
  CHECK(second_half(f.durable.trust) > second_half(f.carousel.trust));

  // Pattern 9: short terms end before projects are strong; long ones mostly after.
  REQUIRE(f.share_review_before_mature.size() == 6);
  CHECK(f.share_review_before_mature[1] > 0.8);  // 2 years
  CHECK(f.share_review_before_mature[2] > 0.7);  // 3 years
  CHECK(f.share_review_before_mature[5] < 0.2);  // 6 years
  for (std::size_t k = 1; k < f.share_review_before_mature.size(); ++k) {
    CHECK(f.share_review_before_mature[k] <= f.share_review_before_mature[k - 1] + 0.1);
  }

  // Pattern 6: cutting formal care is not made up by informal care.
  for (const CutComparison* c : {&f.fte_cut, &f.budget_cut}) {
    INFO(c->what);
    CHECK(c->formal_hours_change < 0.0);
    CHECK(c->substitution < 0.3);
    // ... and what it does not make up shows: more residents in crisis, more incidents.
    CHECK(c->crisis_cut > c->crisis_uncut);
    CHECK(c->incidents_cut > c->incidents_uncut);
  }

  // Budget-neutral: the same project money in both regimes.
  REQUIRE(f.project_money_received > 0.0);
  CHECK(std::abs(f.project_money_carousel - f.project_money_durable) < 0.1 * f.project_money_received);

  // Pattern 6, continued: the people harmed are counted, not diluted by new carers.
  CHECK(f.budget_cut.overburdened_per_1000_cut > f.budget_cut.overburdened_per_1000_uncut);
  CHECK(f.budget_cut.waiting_cut > f.budget_cut.waiting_uncut);

  // Costs per payer (MODEL.md §8): wraparound + durable costs less than expert + carousel over
  // the horizon, and part of the saving lands outside the municipality (the wrong pocket).
  double wd = 0.0, ec = 0.0, saved_outside = 0.0;
  for (std::size_t p = 0; p < kPayerCount; ++p) {
    wd += f.wraparound_durable.projects[p] + f.wraparound_durable.other[p];
    ec += f.expert_carousel.projects[p] + f.expert_carousel.other[p];
    if (!is_municipal(static_cast<Payer>(p))) {
      saved_outside += f.expert_carousel.other[p] - f.wraparound_durable.other[p];
    }
  }
  CHECK(wd < ec);
  CHECK(saved_outside > 0.0);

  // Pattern 12: those who leave cost more than those who stay.
  double leavers = 0.0;
  double stayers = 0.0;
  for (std::size_t y = 0; y < f.leaver_cost_per_resident.size(); ++y) {
    leavers += f.leaver_cost_per_resident[y];
    stayers += f.stayer_cost_per_resident[y];
  }
  CHECK(leavers > stayers);
}
