#include "wijksim/models/model_parameters.hpp"

#include <string>
#include <utility>

namespace wijksim::models {
namespace {
using P = Parameters;
constexpr double kMaxRate = 52.0;
}  // namespace

ModelParameters::ModelParameters() : registry_(std::make_shared<engine::ParameterRegistry>()) {
  declare_run_and_population();
  declare_needs();
  declare_informal();
  declare_network_and_demography();
  declare_care();
  declare_care_mechanisms();
  declare_funding();
}

void ModelParameters::real(std::string name, std::string unit, std::string description,
                           double value, double min, double max, std::string source,
                           std::function<void(Parameters&, double)> set) {
  const auto key = registry_->declare_real(std::move(name), std::move(unit), std::move(description),
                                           value, min, max, std::move(source));
  setters_.push_back([key, set = std::move(set)](const engine::ParameterSet& s, Parameters& p) {
    set(p, s.get(key));
  });
}

void ModelParameters::integer(std::string name, std::string unit, std::string description,
                              std::int64_t value, std::int64_t min, std::int64_t max,
                              std::string source,
                              std::function<void(Parameters&, std::int64_t)> set) {
  const auto key = registry_->declare_integer(std::move(name), std::move(unit),
                                              std::move(description), value, min, max,
                                              std::move(source));
  setters_.push_back([key, set = std::move(set)](const engine::ParameterSet& s, Parameters& p) {
    set(p, s.get(key));
  });
}

engine::ParameterSet ModelParameters::defaults() const {
  return engine::ParameterSetBuilder(registry_).freeze();
}

Parameters ModelParameters::resolve(const engine::ParameterSet& set) const {
  Parameters p;
  for (const auto& setter : setters_) setter(set, p);
  return p;
}

void ModelParameters::declare_run_and_population() {
  integer("run.years", "years", "Years recorded after the warm-up", 10, 1, 100,
          "MODEL.md §2 (default horizon 10 years)", [](P& p, std::int64_t v) { p.run.years = static_cast<int>(v); });
  integer("run.warmup_years", "years", "Years simulated before recording starts", 1, 0, 20,
          "MODEL.md §2 (warm-up 1 year)", [](P& p, std::int64_t v) { p.run.warmup_years = static_cast<int>(v); });

  integer("population.neighbourhoods", "count", "Neighbourhoods in the city (each generated alike)", 1, 1, 2000,
          "MODEL.md §2 (reference city: ~90 neighbourhoods)",
          [](P& p, std::int64_t v) { p.population.neighbourhoods = static_cast<int>(v); });
  integer("population.dwellings_per_neighbourhood", "dwellings", "Dwellings per neighbourhood", 6000, 10, 200000,
          "S0:L686-699 (Carnisse: ~11,000 residents in ~6,000 dwellings)",
          [](P& p, std::int64_t v) { p.population.dwellings_per_neighbourhood = static_cast<int>(v); });
  integer("population.dwellings_per_block", "dwellings", "Dwellings per block (a street or a block of flats)", 24, 2, 1000,
          "assumption: a street or stairwell block; sets who counts as a neighbour",
          [](P& p, std::int64_t v) { p.population.dwellings_per_block = static_cast<int>(v); });
  real("population.occupancy", "fraction", "Share of dwellings occupied at the start", 0.97, 0.1, 1.0,
       "assumption: ~3% frictional vacancy", [](P& p, double v) { p.population.occupancy = v; });
  real("population.deprivation", "fraction", "Deprivation of the neighbourhood (0 affluent, 1 most deprived)", 0.75, 0.0, 1.0,
       "S3:L106 (30-40% vulnerable in deprived neighbourhoods); calibrated with population.vulnerability_*",
       [](P& p, double v) { p.population.deprivation = v; });
  const std::array<double, kHouseholdKindCount> shares{0.34, 0.14, 0.16, 0.10, 0.16, 0.10};
  for (std::size_t k = 0; k < kHouseholdKindCount; ++k) {
    real("population.share_" + std::string(kHouseholdKindNames[k]), "fraction",
         "Share of households of kind " + std::string(kHouseholdKindNames[k]) + " (shares are normalised)",
         shares[k], 0.0, 1.0,
         "assumption: deprived urban mix, many singles; mean size 1.86 gives ~11,000 residents in 6,000 dwellings (S0:L686-699)",
         [k](P& p, double v) { p.population.household_kind_share[k] = v; });
  }
  real("population.mean_children", "children", "Mean number of children in households with children", 1.8, 1.0, 6.0,
       "assumption: Dutch families average 1.8 children", [](P& p, double v) { p.population.mean_children = v; });
  real("population.vulnerability_intercept", "logit", "Latent vulnerability of a resident at deprivation 0", -1.45, -6.0, 4.0,
       "calibrated: ~10% vulnerable city-wide at low deprivation (S3:L106)",
       [](P& p, double v) { p.population.vulnerability_mean = v; });
  real("population.deprivation_vulnerability", "logit", "Added latent vulnerability per unit of deprivation", 1.4, 0.0, 6.0,
       "calibrated: 30-40% vulnerable in deprived neighbourhoods (S3:L106)",
       [](P& p, double v) { p.population.deprivation_vulnerability = v; });
  real("population.vulnerability_spread", "logit", "Standard deviation of latent vulnerability", 1.1, 0.0, 4.0,
       "calibrated: needs are highly skewed, most have none or one problem (S1 SF2)",
       [](P& p, double v) { p.population.vulnerability_spread = v; });
  real("population.household_correlation", "correlation", "Correlation of latent vulnerability within a household", 0.9, 0.0, 1.0,
       "S1 SF3: the same households appear across domains; calibrated to ~1% severe multi-domain households (S3:L106)",
       [](P& p, double v) { p.population.household_correlation = v; });
  real("population.domain_noise", "logit", "Standard deviation of a domain's deviation from the resident's latent vulnerability", 1.2, 0.0, 4.0,
       "calibrated: problems cluster across domains but not perfectly (S1 SF2-SF3)",
       [](P& p, double v) { p.population.domain_noise = v; });
  real("population.baseline_scale", "severity", "Baseline severity at full latent vulnerability", 0.68, 0.0, 1.0,
       "calibrated to the prevalence bands of MODEL.md §3", [](P& p, double v) { p.population.baseline_scale = v; });
}

void ModelParameters::declare_needs() {
  real("needs.drift_per_week", "1/week", "Recovery: share of the gap to the personal baseline closed per week", 0.04, 0.0, 1.0,
       "assumption: half-life of a shock ~4 months without help", [](P& p, double v) { p.needs.drift_per_week = v; });
  real("needs.strength_recovery_gain", "-", "Recovery multiplier per unit of own strength (eigen kracht)", 1.0, 0.0, 10.0,
       "assumption: MODEL.md §4 (drift raised by own strength)", [](P& p, double v) { p.needs.strength_recovery_gain = v; });
  real("needs.spillover_threshold", "severity", "Severity above which a domain pushes others up", 0.5, 0.0, 1.0,
       "assumption: MODEL.md §4 (a domain above a threshold pushes others up)",
       [](P& p, double v) { p.needs.spillover_threshold = v; });
  real("needs.spillover_per_week", "1/week", "Scale of cross-domain spillover per unit of excess severity", 0.02, 0.0, 1.0,
       "assumption: calibrated so spillover compounds over months, not weeks",
       [](P& p, double v) { p.needs.spillover_per_week = v; });
  struct Link {
    Domain from;
    Domain to;
    double weight;
    const char* source;
  };
  constexpr const char* kChain = "MODEL.md §4: debt -> mental health -> parenting";
  constexpr const char* kAddiction = "MODEL.md §4: addiction -> finances, family";
  constexpr const char* kHousing = "MODEL.md §4: housing -> everything";
  const Link links[] = {
      {Domain::finances, Domain::mental_health, 0.6, kChain},
      {Domain::finances, Domain::housing, 0.5, "S2:L1101 (debts drive evictions)"},
      {Domain::finances, Domain::family, 0.3, kChain},
      {Domain::mental_health, Domain::family, 0.5, kChain},
      {Domain::mental_health, Domain::work_daytime, 0.4, "assumption: mental illness limits work"},
      {Domain::mental_health, Domain::social_network, 0.4, "assumption: withdrawal"},
      {Domain::work_daytime, Domain::finances, 0.6, "assumption: job loss cuts income"},
      {Domain::work_daytime, Domain::mental_health, 0.3, "assumption: unemployment harms wellbeing"},
      {Domain::work_daytime, Domain::social_network, 0.3, "assumption: losing colleagues"},
      {Domain::addiction, Domain::finances, 0.6, kAddiction},
      {Domain::addiction, Domain::family, 0.6, kAddiction},
      {Domain::addiction, Domain::mental_health, 0.3, "assumption: comorbidity"},
      {Domain::physical_health, Domain::work_daytime, 0.4, "assumption: illness limits work"},
      {Domain::physical_health, Domain::social_network, 0.3, "assumption: immobility isolates"},
      {Domain::family, Domain::mental_health, 0.3, "assumption: family conflict strains"},
      {Domain::social_network, Domain::mental_health, 0.3, "assumption: loneliness harms wellbeing"},
      {Domain::housing, Domain::finances, 0.3, kHousing},
      {Domain::housing, Domain::work_daytime, 0.3, kHousing},
      {Domain::housing, Domain::family, 0.3, kHousing},
      {Domain::housing, Domain::mental_health, 0.3, kHousing},
      {Domain::housing, Domain::physical_health, 0.3, kHousing},
      {Domain::housing, Domain::addiction, 0.3, kHousing},
      {Domain::housing, Domain::social_network, 0.3, kHousing},
  };
  for (const Link& link : links) {
    const auto f = index(link.from);
    const auto t = index(link.to);
    real("needs.spillover." + std::string(kDomainNames[f]) + "_to_" + std::string(kDomainNames[t]), "-",
         "Relative spillover weight from " + std::string(kDomainNames[f]) + " to " + std::string(kDomainNames[t]),
         link.weight, 0.0, 5.0, link.source, [f, t](P& p, double v) { p.needs.spillover[f][t] = v; });
  }
  real("needs.household_spillover_per_week", "1/week", "Push on children's family and mental domains per unit of adults' excess severity", 0.03, 0.0, 1.0,
       "MODEL.md §4 (a parent's crisis raises the children's family/mental domains), S2 SF3",
       [](P& p, double v) { p.needs.household_spillover_per_week = v; });
  real("needs.intergenerational_per_week", "1/week", "Rise of a child's baselines per unit of unresolved adult trouble", 0.002, 0.0, 0.1,
       "S2 SF3 (drop-out -> persistence and intergenerational transmission)",
       [](P& p, double v) { p.needs.intergenerational_per_week = v; });
  struct Event {
    double rate;
    double shock;
    const char* rate_text;
  };
  const Event events[kLifeEventCount] = {
      {0.04, 0.35, "working-age adults, raised by work_daytime severity"},
      {0.03, 0.30, "adults at age 40, rising 3%/year of age"},
      {0.02, 0.30, "adults in couples"},
      {0.01, 0.25, "adults at age 40, rising 4%/year of age"},
      {0.04, 0.30, "adults, raised by finances severity"},
      {0.5, 0.35, "adults whose finances are in trouble"},
  };
  for (std::size_t e = 0; e < kLifeEventCount; ++e) {
    real("events." + std::string(kLifeEventNames[e]) + "_per_year", "1/year",
         "Base rate of " + std::string(kLifeEventNames[e]) + " (" + events[e].rate_text + ")", events[e].rate, 0.0, kMaxRate,
         "assumption: order of magnitude of Dutch annual incidence; calibrated to the prevalence bands",
         [e](P& p, double v) { p.needs.event_rate_per_year[e] = v; });
    real("events." + std::string(kLifeEventNames[e]) + "_shock", "severity",
         "Severity added to the event's main domain (others get part of it)", events[e].shock, 0.0, 1.0,
         "assumption: one event moves a domain about one self-reliance band",
         [e](P& p, double v) { p.needs.event_shock[e] = v; });
  }
  real("needs.crisis_hysteresis", "severity", "How far below the crisis threshold a domain must fall before a new incident can occur", 0.1, 0.0, 0.8,
       "assumption: one crisis episode gives one incident", [](P& p, double v) { p.needs.crisis_hysteresis = v; });
  real("incidents.eviction_moveout_probability", "probability", "Chance that an eviction makes the household leave the neighbourhood", 0.6, 0.0, 1.0,
       "assumption: most evicted households are rehoused elsewhere", [](P& p, double v) { p.needs.eviction_moveout_probability = v; });
  real("incidents.post_admission_severity", "severity", "Severity of the admitted domain after a crisis admission", 0.55, 0.0, 1.0,
       "assumption: a crisis admission stabilises but does not resolve", [](P& p, double v) { p.needs.post_admission_severity = v; });
}

void ModelParameters::declare_informal() {
  real("informal.need_threshold", "severity", "Severity above which lay help is needed in a domain", 0.4, 0.0, 1.0,
       "assumption: below self-reliance score 4 help starts to matter", [](P& p, double v) { p.informal.need_threshold = v; });
  real("informal.hours_per_unit_need", "hours/week", "Hours of lay help wanted per unit of weighted excess severity", 55.0, 0.0, 168.0,
       "calibrated: ~1/3 of carers intensive (>8 h/week) (S0:L359)", [](P& p, double v) { p.informal.hours_per_unit_need = v; });
  real("informal.min_hours_to_ask", "hours/week", "Smallest weekly need for which someone asks anybody", 4.5, 0.0, 40.0,
       "assumption; S0:L401-405 (people make do rather than ask)", [](P& p, double v) { p.informal.min_hours_to_ask = v; });
  const std::array<double, kDomainCount> lay{0.5, 0.2, 0.3, 0.3, 0.2, 1.0, 0.05, 1.0};
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    real("informal.lay_weight_" + std::string(kDomainNames[d]), "fraction",
         "How much lay help works on " + std::string(kDomainNames[d]), lay[d], 0.0, 1.0,
         "MODEL.md §5: lay help works on social_network, physical_health (ADL), practical finances; barely on addiction, child safety",
         [d](P& p, double v) { p.informal.lay_weight[d] = v; });
  }
  real("informal.ask_probability", "1/week", "Chance per week that someone in need asks, at zero reluctance", 0.5, 0.0, 1.0,
       "assumption; S1 SF5: help is limited by reluctance to ask more than by unwillingness",
       [](P& p, double v) { p.informal.ask_probability = v; });
  real("informal.reluctance_exponent", "-", "Ask probability falls as (1 - reluctance)^exponent", 2.0, 0.0, 10.0,
       "S0:L401-405 (autonomy, shame, owed gratitude delay asking)", [](P& p, double v) { p.informal.reluctance_exponent = v; });
  real("informal.household_openness", "fraction", "Share of reluctance that vanishes toward household members", 0.7, 0.0, 1.0,
       "S0:L1137 (fn31: care arises from the relationship itself)", [](P& p, double v) { p.informal.household_openness = v; });
  integer("informal.max_ties_asked", "ties", "Ties asked per week by someone in need (strongest first)", 2, 1, 20,
          "assumption: people ask one or two close others", [](P& p, std::int64_t v) { p.informal.max_ties_asked = static_cast<int>(v); });
  real("informal.max_hours_per_week", "hours/week", "Most hours one carer can give in a week", 30.0, 0.0, 168.0,
       "assumption: intensive co-resident care", [](P& p, double v) { p.informal.max_hours_per_week = v; });
  real("informal.help_efficacy_per_week", "1/week", "Share of excess lay-helpable severity removed per week when the need is fully met", 0.08, 0.0, 1.0,
       "assumption: lay help works slowly and only on light domains (MODEL.md §5)",
       [](P& p, double v) { p.informal.help_efficacy_per_week = v; });
  real("informal.burden_per_hour", "1/hour", "Burden added per hour of care in a week", 0.0095, 0.0, 1.0,
       "calibrated: ~13% of carers seriously overburdened (S0:L383-385)", [](P& p, double v) { p.informal.burden_per_hour = v; });
  real("informal.burden_recovery_per_week", "1/week", "Share of burden shed per week", 0.06, 0.0, 1.0,
       "assumption: rest restores within months", [](P& p, double v) { p.informal.burden_recovery_per_week = v; });
  real("informal.overburden_threshold", "burden", "Burden above which a carer is seriously overburdened and cuts back", 0.6, 0.0, 1.0,
       "S0:L383-385 (450,000 of 3.5 million carers seriously overburdened)", [](P& p, double v) { p.informal.overburden_threshold = v; });
  real("informal.stop_threshold", "burden", "Burden at which a carer stops for a while", 0.85, 0.0, 1.0,
       "MODEL.md §5 (overburden makes a carer cut back or stop)", [](P& p, double v) { p.informal.stop_threshold = v; });
  integer("informal.rest_weeks", "weeks", "Weeks a carer who stopped gives no care", 8, 0, 520,
          "assumption", [](P& p, std::int64_t v) { p.informal.rest_weeks = static_cast<int>(v); });
  real("informal.overburden_harm_per_week", "1/week", "Rise of an overburdened carer's mental and physical severity per unit of excess burden", 0.01, 0.0, 1.0,
       "MODEL.md §5 (overburden raises the carer's own severity)", [](P& p, double v) { p.informal.overburden_harm_per_week = v; });
  real("informal.willingness_mean", "fraction", "Mean stated willingness to help someone one knows", 0.65, 0.0, 1.0,
       "S0:L379 (three quarters would help an acquaintance if needed)", [](P& p, double v) { p.informal.willingness_mean = v; });
  real("informal.willingness_spread", "fraction", "Spread of willingness", 0.25, 0.0, 1.0, "assumption",
       [](P& p, double v) { p.informal.willingness_spread = v; });
  real("informal.reluctance_mean", "fraction", "Mean reluctance to ask for help", 0.5, 0.0, 1.0,
       "S1 SF5, S0:L401-405", [](P& p, double v) { p.informal.reluctance_mean = v; });
  real("informal.reluctance_spread", "fraction", "Spread of reluctance", 0.2, 0.0, 1.0, "assumption",
       [](P& p, double v) { p.informal.reluctance_spread = v; });
  real("volunteering.start_per_year", "1/year", "Rate at which a willing adult starts volunteering", 0.2, 0.0, kMaxRate,
       "calibrated: 25-28% of adults volunteer (S0:L355)", [](P& p, double v) { p.informal.volunteer_start_per_year = v; });
  real("volunteering.stop_per_year", "1/year", "Rate at which a volunteer stops", 0.3, 0.0, kMaxRate,
       "S0:L393-395 (newer volunteers avoid long commitments)", [](P& p, double v) { p.informal.volunteer_stop_per_year = v; });
  real("volunteering.hours_per_week", "hours/week", "Hours a volunteer gives per week", 1.5, 0.0, 40.0,
       "S0:L355 (1.5-1.6 h/week)", [](P& p, double v) { p.informal.volunteer_hours_per_week = v; });
}

void ModelParameters::declare_network_and_demography() {
  integer("network.neighbour_ties", "ties", "Ties per adult to other households on the same block", 4, 0, 50,
          "assumption: a few neighbours one knows by name", [](P& p, std::int64_t v) { p.network.neighbour_ties = static_cast<int>(v); });
  integer("network.friend_ties", "ties", "Mean friendship ties per adult in the neighbourhood", 6, 0, 100,
          "assumption", [](P& p, std::int64_t v) { p.network.friend_ties = static_cast<int>(v); });
  real("network.friend_rewire_probability", "probability", "Share of friendships made at random rather than among the alike", 0.1, 0.0, 1.0,
       "assumption: small-world friendship networks", [](P& p, double v) { p.network.friend_rewire_probability = v; });
  real("network.homophily", "fraction", "How strongly friends are alike in age and background", 0.8, 0.0, 1.0,
       "S0:L397 (SF9: help flows between similar people, soort zoekt soort)", [](P& p, double v) { p.network.homophily = v; });
  real("network.vulnerable_tie_loss", "fraction", "Share of ties lost and strength shed at full vulnerability", 0.5, 0.0, 1.0,
       "MODEL.md §5 (the most vulnerable have fewer and weaker ties), S0 SF9", [](P& p, double v) { p.network.vulnerable_tie_loss = v; });
  real("network.kin_link_probability", "probability", "Chance a household has kin in another household of the neighbourhood", 0.35, 0.0, 1.0,
       "assumption: family living nearby; long-term stayers are close-knit (S0:L686)", [](P& p, double v) { p.network.kin_link_probability = v; });

  real("demography.turnover_per_year", "1/year", "Hazard that a household moves out", 0.18, 0.0, 5.0,
       "S0:L686-699 (59.6% of residents less than 5 years at their address: 1-exp(-5*0.18)=0.59)",
       [](P& p, double v) { p.demography.turnover_per_year = v; });
  real("demography.vacancy_fill_per_week", "1/week", "Chance a vacant dwelling gets a new household in a week", 0.3, 0.0, 1.0,
       "assumption: tight housing market", [](P& p, double v) { p.demography.vacancy_fill_per_week = v; });
  real("demography.mortality_base_per_year", "1/year", "Gompertz mortality at age 0", 0.00003, 0.0, 0.1,
       "assumption: Dutch life table shape (about 4.5%/year at 80)", [](P& p, double v) { p.demography.mortality_base_per_year = v; });
  real("demography.mortality_age_rate", "1/year", "Gompertz rate of ageing", 0.09, 0.0, 0.3,
       "assumption: mortality doubles every ~8 years", [](P& p, double v) { p.demography.mortality_age_rate = v; });
  real("demography.mortality_severity_factor", "-", "Mortality multiplier per unit of physical-health severity", 2.0, 0.0, 20.0,
       "assumption", [](P& p, double v) { p.demography.mortality_severity_factor = v; });
  real("demography.birth_per_year", "1/year", "Births per year per household with an adult aged 18-44", 0.08, 0.0, 2.0,
       "assumption: Dutch fertility ~1.6 children per woman", [](P& p, double v) { p.demography.birth_per_year = v; });
  real("demography.young_adult_leave_per_year", "1/year", "Hazard that a resident aged 18-25 living with parents leaves", 0.15, 0.0, 5.0,
       "assumption", [](P& p, double v) { p.demography.young_adult_leave_per_year = v; });
  real("demography.in_mover_vulnerability_shift", "logit", "Latent vulnerability of in-movers relative to the generator", 0.0, -3.0, 3.0,
       "S0:L957 (who moves in and out changes a neighbourhood's cost); 0 keeps the composition",
       [](P& p, double v) { p.demography.in_mover_vulnerability_shift = v; });
}

void ModelParameters::declare_care() {
  // Regime settings: the defaults are expert care, the status quo before 2015 (MODEL.md §7);
  // wraparound is a scenario that sets these (scenarios/wraparound.toml).
  real("care.fte_scale", "-", "Scale of all professional capacity (0 = no services baseline)", 1.0, 0.0, 10.0,
       "assumption: 1 = the reference staffing", [](P& p, double v) { p.care.fte_scale = v; });
  real("care.integration", "fraction", "Share of help-seeking and referral that goes through the neighbourhood team's front door, with one plan and one coordinator", 0.0, 0.0, 1.0,
       "MODEL.md §7 (one household, one plan, one coordinator); S0:L244-246", [](P& p, double v) { p.care.integration = v; });
  real("care.outreach", "fraction", "Strength of proactive outreach by the team (home visits, informal finders)", 0.0, 0.0, 1.0,
       "S4 SF18 (finders detect debts early), S4 SF6 (closeness raises detected demand)", [](P& p, double v) { p.care.outreach = v; });
  integer("care.max_professionals_per_household", "professionals", "Most professionals working with one household at once", 30, 1, 30,
          "S0:L502-510 (Amsterdam: at most 2 per family); 30 = no cap (expert care)",
          [](P& p, std::int64_t v) { p.care.max_professionals_per_household = static_cast<int>(v); });
  real("care.network_activation", "probability", "Chance a team episode starts with a family group conference that mobilises the household's network", 0.0, 0.0, 1.0,
       "S2:L857-866 (Eigen Kracht conference first), S0:L395 (about 10% long-run substitution)", [](P& p, double v) { p.care.network_activation = v; });
  real("care.discretionary_budget", "euro/household/year", "Budget a coordinator may spend on practical fixes (a small debt, a repair) instead of a referral", 0.0, 0.0, 100000.0,
       "MODEL.md §7 (mandate and a discretionary budget)", [](P& p, double v) { p.care.discretionary_budget = v; });
  real("care.front_load", "-", "Multiplier of team hours in the first weeks of an episode", 1.0, 0.1, 10.0,
       "S0 SF5, S0:L936 (integral work spends much time per case at first)", [](P& p, double v) { p.care.front_load = v; });
  integer("care.front_load_weeks", "weeks", "Weeks of front-loaded team hours", 16, 0, 104, "assumption",
          [](P& p, std::int64_t v) { p.care.front_load_weeks = static_cast<int>(v); });
  real("care.per_product_payment", "fraction", "How far providers are paid per product (longer, heavier episodes)", 1.0, 0.0, 1.0,
       "S1 SF8 (perverse incentives raise care intensity)", [](P& p, double v) { p.care.per_product_payment = v; });
  real("care.team_fte_per_1000_residents", "FTE/1000 residents", "Generalists in the neighbourhood team", 0.0, 0.0, 20.0,
       "assumption: 0 under expert care; ~1.3 in wraparound (S0:L619: 10-20 h of social work per area)", [](P& p, double v) { p.care.team_fte_per_1000_residents = v; });
  real("care.team_caseload_per_fte", "households/FTE", "Households per generalist", 30.0, 1.0, 200.0, "assumption",
       [](P& p, double v) { p.care.team_caseload_per_fte = v; });
  real("care.team_hours_per_week", "hours/week", "Team hours per household per week after the front-loaded start", 2.5, 0.0, 40.0, "assumption",
       [](P& p, double v) { p.care.team_hours_per_week = v; });
  real("care.team_hourly_cost", "euro/hour", "Cost of a team hour", 85.0, 0.0, 1000.0, "assumption: Dutch social work tariff",
       [](P& p, double v) { p.care.team_hourly_cost = v; });
  real("care.generalist_skill", "fraction", "Skill of a mature generalist in any domain", 0.55, 0.0, 1.0,
       "S4 SF2 (the team handles about 80% itself), moderate skill", [](P& p, double v) { p.care.generalist_skill = v; });
  real("care.generalist_start_skill", "fraction", "Skill of a new generalist outside their home discipline", 0.35, 0.0, 1.0,
       "S0:L299 (SF4: generalist competence develops slowly)", [](P& p, double v) { p.care.generalist_start_skill = v; });
  real("care.generalist_maturity_years", "years", "Years for a generalist to mature (and stop drifting back to the home discipline)", 3.0, 0.1, 20.0,
       "S0:L299 (goal displacement falls as the worker becomes a generalist; takes time)", [](P& p, double v) { p.care.generalist_maturity_years = v; });
  real("care.team_legitimacy_start", "fraction", "Share of GP and school referrals that go to the team at its start", 0.3, 0.0, 1.0,
       "S0:L305 (GPs and schools bypass a team without legitimacy)", [](P& p, double v) { p.care.team_legitimacy_start = v; });
  real("care.legitimacy_growth_per_year", "1/year", "Rate at which legitimacy follows the team's maturity", 0.5, 0.0, 10.0, "assumption",
       [](P& p, double v) { p.care.legitimacy_growth_per_year = v; });
  real("care.specialist_threshold", "severity", "Severity above which the team brings in a specialist for a domain (the hard ~20%)", 0.75, 0.0, 1.0,
       "S4 SF2 (about 20% needs targeted referral)", [](P& p, double v) { p.care.specialist_threshold = v; });
  struct Org {
    Domain domain;
    const char* name;
    double fte;
    double caseload;
    double hours;
    double cost;
    Payer payer;
  };
  const Org orgs[] = {
      {Domain::finances, "debt counselling", 0.5, 30, 1.5, 80, Payer::municipality_social_support},
      {Domain::work_daytime, "employment and reintegration", 0.6, 35, 1.5, 80, Payer::municipality_work_income},
      {Domain::housing, "housing support", 0.4, 25, 2.0, 80, Payer::municipality_social_support},
      {Domain::family, "youth and family care", 1.2, 14, 3.0, 110, Payer::municipality_youth},
      {Domain::mental_health, "mental health care", 1.4, 25, 1.5, 120, Payer::health_insurer},
      {Domain::physical_health, "home care", 1.8, 12, 4.0, 60, Payer::long_term_care_fund},
      {Domain::addiction, "addiction care", 0.4, 20, 2.0, 120, Payer::health_insurer},
  };
  for (const Org& o : orgs) {
    const auto d = index(o.domain);
    const std::string key = "care.specialist_" + std::string(kDomainNames[d]);
    setters_.push_back([d, o](const engine::ParameterSet&, P& p) {
      p.care.specialist[d].exists = true;
      p.care.specialist[d].payer = o.payer;
    });
    real(key + ".fte_per_1000_residents", "FTE/1000 residents", std::string("Staff of ") + o.name, o.fte, 0.0, 50.0,
         "assumption: order of magnitude of Dutch provision; calibrated so waiting lists form under expert care",
         [d](P& p, double v) { p.care.specialist[d].fte_per_1000_residents = v; });
    real(key + ".caseload_per_fte", "clients/FTE", std::string("Caseload norm of ") + o.name, o.caseload, 1.0, 500.0, "assumption",
         [d](P& p, double v) { p.care.specialist[d].caseload_per_fte = v; });
    real(key + ".hours_per_week", "hours/week", std::string("Treatment hours per client per week in ") + o.name, o.hours, 0.0, 40.0, "assumption",
         [d](P& p, double v) { p.care.specialist[d].hours_per_week = v; });
    real(key + ".hourly_cost", "euro/hour", std::string("Cost of an hour of ") + o.name, o.cost, 0.0, 1000.0, "assumption: Dutch tariffs",
         [d](P& p, double v) { p.care.specialist[d].hourly_cost = v; });
    real(key + ".skill", "fraction", std::string("Skill of ") + o.name + " in its own domain", 0.85, 0.0, 1.0,
         "S2 SF17 (siloed specialist work can work fine for simple problems)", [d](P& p, double v) { p.care.specialist[d].skill = v; });
  }
}

void ModelParameters::declare_care_mechanisms() {
  real("care.seek_threshold", "severity", "Severity at which a resident may seek professional help for a domain", 0.45, 0.0, 1.0,
       "assumption: self-reliance score 3 or worse", [](P& p, double v) { p.care.seek_threshold = v; });
  real("care.seek_per_week", "1/week", "Chance per week of seeking help per unit of severity, at full trust and no reluctance", 0.08, 0.0, 1.0,
       "assumption; S4 SF5 (high thresholds deter help-seeking)", [](P& p, double v) { p.care.seek_per_week = v; });
  real("care.referral_per_week", "1/week", "Chance per week that a GP, school or police officer refers someone in trouble", 0.08, 0.0, 1.0,
       "MODEL.md §6 (GPs and schools as referrers)", [](P& p, double v) { p.care.referral_per_week = v; });
  real("care.cross_referral_per_week", "1/week", "Chance per week that a specialist refers a client's household onward for another troubled domain (per domain)", 0.35, 0.0, 1.0,
       "MODEL.md §7 (referral-based access, each organisation its own intake); S2:L523 (5-10 case managers per family)",
       [](P& p, double v) { p.care.cross_referral_per_week = v; });
  real("care.outreach_detection_per_week", "1/week", "Chance per week that full outreach finds a household in trouble", 0.08, 0.0, 1.0,
       "S4 SF18 (informal finders detect problems early)", [](P& p, double v) { p.care.outreach_detection_per_week = v; });
  real("care.efficacy_per_week", "1/week", "Share of excess severity care removes per week at full quality", 0.12, 0.0, 1.0,
       "assumption: calibrated so single-domain problems resolve within months", [](P& p, double v) { p.care.efficacy_per_week = v; });
  real("care.technique_share", "fraction", "Share of the effect that comes from technique (skill)", 0.15, 0.0, 1.0,
       "S3:L226, L243 (technique ~15% of the effect)", [](P& p, double v) { p.care.technique_share = v; });
  real("care.relationship_share", "fraction", "Share of the effect that comes from the relationship", 0.55, 0.0, 1.0,
       "S3:L226, L243 (relationship and expectations more than half)", [](P& p, double v) { p.care.relationship_share = v; });
  real("care.engagement_share", "fraction", "Share of the effect that comes from the household's engagement and expectations", 0.30, 0.0, 1.0,
       "S3:L226, L243", [](P& p, double v) { p.care.engagement_share = v; });
  real("care.relationship_growth_per_hour", "1/hour", "Growth of relationship quality per contact hour", 0.04, 0.0, 1.0,
       "MODEL.md §6 (trust grows with contact time)", [](P& p, double v) { p.care.relationship_growth_per_hour = v; });
  real("care.baseline_learning", "fraction", "Share of treatment relief that lowers the personal baseline (lasting recovery)", 0.02, 0.0, 1.0,
       "assumption: resolved root causes lower the level people return to", [](P& p, double v) { p.care.baseline_learning = v; });
  real("care.floor_share", "fraction", "Treatment lowers severity toward this share of the personal baseline, not below (the chronic part moves only with the baseline)", 0.8, 0.0, 1.0,
       "S0 SF17-18, S2 SF16 (a residual severe group; no stable solution for complex cases)", [](P& p, double v) { p.care.floor_share = v; });
  real("care.coordination_conflict", "fraction", "Loss of effect per extra worker without a shared plan (conflicting plans)", 0.35, 0.0, 5.0,
       "S2 SF2, S0:L244 (helpers work at cross purposes)", [](P& p, double v) { p.care.coordination_conflict = v; });
  real("care.coordination_hours_base", "hours/week", "Coordination hours per household with two workers and no shared plan", 0.5, 0.0, 40.0,
       "S2 SF2 (meetings spaghetti)", [](P& p, double v) { p.care.coordination_hours_base = v; });
  real("care.coordination_exponent", "-", "Growth of coordination hours with the number of workers (superlinear above 1)", 1.5, 1.0, 4.0,
       "S2 SF2 (coordination cost superlinear in workers per family)", [](P& p, double v) { p.care.coordination_exponent = v; });
  real("care.dropout_per_week", "1/week", "Base drop-out hazard at zero engagement", 0.01, 0.0, 1.0, "assumption",
       [](P& p, double v) { p.care.dropout_per_week = v; });
  real("care.dropout_per_coordination_hour", "1/hour", "Extra drop-out hazard per weekly hour of coordination the household must carry", 0.004, 0.0, 1.0,
       "S2 SF3 (drop-out -> help stops)", [](P& p, double v) { p.care.dropout_per_coordination_hour = v; });
  real("care.assessment_fatigue", "fraction", "Engagement lost per extra intake and assessment", 0.05, 0.0, 1.0,
       "MODEL.md §7 (repeated assessments cost time and goodwill)", [](P& p, double v) { p.care.assessment_fatigue = v; });
  real("care.assessment_hours", "hours", "Intake and assessment hours per episode", 3.0, 0.0, 100.0, "assumption",
       [](P& p, double v) { p.care.assessment_hours = v; });
  real("care.end_threshold", "severity", "Severity below which a treated domain counts as resolved", 0.35, 0.0, 1.0, "assumption",
       [](P& p, double v) { p.care.end_threshold = v; });
  integer("care.stable_weeks_to_end", "weeks", "Weeks resolved before an episode ends", 6, 1, 104, "assumption",
          [](P& p, std::int64_t v) { p.care.stable_weeks_to_end = static_cast<int>(v); });
  integer("care.max_episode_weeks", "weeks", "Longest episode", 104, 4, 1040, "assumption",
          [](P& p, std::int64_t v) { p.care.max_episode_weeks = static_cast<int>(v); });
  real("care.hidden_intake_per_week", "1/week", "Share of the excess waiting list that overloaded workers take in without follow-up, per week", 0.5, 0.0, 1.0,
       "S2 SF10 (hidden waiting lists)", [](P& p, double v) { p.care.hidden_intake_per_week = v; });
  real("care.queue_tolerance", "fraction", "Official waiting list (as a share of slots) that workers tolerate before taking hidden intakes", 0.5, 0.0, 100.0,
       "S2 SF10", [](P& p, double v) { p.care.queue_tolerance = v; });
  real("care.turnover_per_year", "1/year", "Hazard that a professional leaves", 0.15, 0.0, 5.0, "assumption: Dutch social-domain staff turnover",
       [](P& p, double v) { p.care.turnover_per_year = v; });
  real("care.knowledge_years", "years", "Time for a professional to know the neighbourhood", 2.0, 0.1, 20.0,
       "S0 SF13, S0:L1251 (about two years to know a neighbourhood)", [](P& p, double v) { p.care.knowledge_years = v; });
  integer("care.vacancy_weeks", "weeks", "Weeks before a leaver is replaced", 12, 0, 520, "assumption",
          [](P& p, std::int64_t v) { p.care.vacancy_weeks = static_cast<int>(v); });
  real("care.practical_fix_cost", "euro", "Cost of one practical fix from the discretionary budget", 800.0, 0.0, 100000.0, "assumption",
       [](P& p, double v) { p.care.practical_fix_cost = v; });
  real("care.practical_fix_relief", "severity", "Severity a practical fix removes from finances or housing", 0.25, 0.0, 1.0, "assumption",
       [](P& p, double v) { p.care.practical_fix_relief = v; });
  real("care.informal_exchange_rate", "professional hours/informal hour", "Professional hours an hour of informal help received by the household replaces, within the lay-helpable share of the work", 0.5, 0.0, 1.0,
       "calibrated: long-run substitution of professional by network care about 10% (S0:L395)", [](P& p, double v) { p.care.informal_exchange_rate = v; });
  real("care.formal_relief_per_hour", "informal hours/professional hour",
       "Informal hours the household need not give next week per hour of lay-helpable work a professional did (the part of the treatment hours in lay-helpable domains the family did not take over)",
       1.0, 0.0, 5.0,
       "assumption: an hour of home help is an hour the family does not give; when thresholds rise the burden falls on relatives (S4:L381; S1 SF20, L2645-2647)",
       [](P& p, double v) { p.care.formal_relief_per_hour = v; });
  real("care.activation_informal_boost", "fraction", "How much a family group conference lowers the household's reluctance and raises its network's willingness", 0.8, 0.0, 1.0,
       "S2:L857-866; S0:L395", [](P& p, double v) { p.care.activation_informal_boost = v; });
  struct IncidentCost {
    IncidentKind kind;
    double cost;
    Payer payer;
    const char* source;
  };
  const IncidentCost costs[] = {
      {IncidentKind::eviction, 8000.0, Payer::housing_corporation, "assumption: Dutch estimates of eviction costs for the corporation"},
      {IncidentKind::out_of_home_placement, 60000.0, Payer::municipality_youth, "assumption: a year of residential youth care"},
      {IncidentKind::crisis_admission, 12000.0, Payer::health_insurer, "assumption: a crisis admission of a few weeks"},
      {IncidentKind::police_callout, 1500.0, Payer::police_justice, "assumption: call-out and follow-up"},
  };
  for (const IncidentCost& c : costs) {
    const auto k = static_cast<std::size_t>(c.kind);
    setters_.push_back([k, c](const engine::ParameterSet&, P& p) { p.care.incident_payer[k] = c.payer; });
    real("costs." + std::string(kIncidentKindNames[k]), "euro", "Cost of one " + std::string(kIncidentKindNames[k]) + " to its payer (" +
             std::string(kPayerNames[static_cast<std::size_t>(c.payer)]) + ")",
         c.cost, 0.0, 1.0e7, c.source, [k](P& p, double v) { p.care.incident_cost[k] = v; });
  }
  real("costs.income_support", "euro/week",
       "Social assistance (bijstand) per household on it, per week, paid by municipality_work_income: households with an adult "
       "of working age (18-66) where none is self-reliant in work (work_daytime at score 3 or worse); counted as an avoidable "
       "consequence, outside the care budgets",
       250.0, 0.0, 5000.0,
       "assumption: Participatiewet norms 2015 (about 960 euro a month for a single adult, 1,370 for a couple), about 250 euro a "
       "week per household on average. The share of households on it is an outcome: about 9% in the reference "
       "neighbourhood against 5.1% of Carnisse's households on benefits (S0:L693)",
       [](P& p, double v) { p.care.income_support_per_week = v; });
}

}  // namespace wijksim::models
