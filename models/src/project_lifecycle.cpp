#include "wijksim/models/project_lifecycle.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/distributions.hpp"

namespace wijksim::models {
namespace {
constexpr double kWeek = 1.0 / 52.0;

double role_turnover_per_year(CoalitionRole role, double resident_turnover, const FundingParameters& fp) noexcept {
  switch (role) {
    case CoalitionRole::alderman: return 0.0;  // leaves at elections (replace_coalition_members)
    case CoalitionRole::civil_servant: return fp.civil_servant_turnover_per_year;
    case CoalitionRole::provider_manager: return fp.provider_manager_turnover_per_year;
    case CoalitionRole::resident: return resident_turnover;
  }
  return 0.0;
}

void leader_leaves(Project& p, ProjectWeekOutcome& out, const FundingParameters& fp, engine::RandomStream& s) {
  out.leader_left = true;
  // The best person was the main knowledge carrier (S3:L566).
  p.knowledge *= static_cast<float>(1.0 - fp.staff_knowledge_loss);
  if (engine::bernoulli(s, fp.successor_probability)) {
    p.leader.quality = static_cast<float>(engine::uniform(s, 0.2, 1.0));
    p.leader.energy = 1.0F;
  } else {
    p.leader.present = false;
    p.leader.energy = 0.0F;
    out.leaderless = true;
  }
}
}  // namespace

ProjectWeekOutcome advance_project_week(Project& p, bool fundraising, double resident_turnover_per_year,
                                        const FundingParameters& fp, engine::RandomStream& s) {
  ProjectWeekOutcome out;
  const double led = p.leader.present ? 0.5 + 0.5 * static_cast<double>(p.leader.quality) : 0.25;
  const double coalition = p.coalition_strength();

  // Knowledge of the neighbourhood (S0 SF13) and the staff who carry it (S3:L566).
  p.knowledge += static_cast<float>((1.0 - static_cast<double>(p.knowledge)) * kWeek / fp.know_years * led);
  const bool uncertain = fundraising && p.plan == SustainPlan::none;
  if (engine::bernoulli(s, fp.project_staff_turnover_per_year * kWeek * (uncertain ? 2.0 : 1.0))) {
    p.knowledge *= static_cast<float>(1.0 - fp.staff_knowledge_loss);
  }

  // Organisational strength: about four years to a strong organisation (S3:L626).
  p.strength = std::min(1.0F, p.strength + static_cast<float>(fp.strength_growth_per_year * kWeek *
                                                               static_cast<double>(p.knowledge) * (0.5 + 0.5 * coalition) * led));

  // The leader: the work drains, fundraising drains faster, rest restores (S3:L514, L626).
  if (p.leader.present) {
    const double drain = fp.leader_drain_per_year + (fundraising ? fp.fundraising_drain_per_year : 0.0);
    const double energy = static_cast<double>(p.leader.energy);
    p.leader.energy = static_cast<float>(std::clamp(energy + kWeek * (fp.leader_recovery_per_year * (1.0 - energy) - drain), 0.0, 1.0));
    if (static_cast<double>(p.leader.energy) < fp.burnout_energy) leader_leaves(p, out, fp, s);
  }

  // The coalition: members leave at their role's hazard; the leader's networking rebuilds
  // commitment (S3:L426 "permanent dienen te netwerken"); without a leader it erodes.
  for (std::size_t k = 0; k < p.coalition_size; ++k) {
    CoalitionMember& m = p.coalition[k];
    if (engine::bernoulli(s, role_turnover_per_year(m.role, resident_turnover_per_year, fp) * kWeek)) {
      m.commitment = static_cast<float>(fp.replacement_commitment);
      ++out.coalition_departures;
      continue;
    }
    const double c = static_cast<double>(m.commitment);
    const double pull = p.leader.present ? fp.networking_per_year * static_cast<double>(p.leader.energy * p.leader.quality) * (1.0 - c)
                                         : -0.2 * c;
    m.commitment = static_cast<float>(std::clamp(c + kWeek * pull, 0.0, 1.0));
  }
  if (p.leader.present && out.coalition_departures > 0) {
    p.leader.energy = std::max(0.0F, p.leader.energy - static_cast<float>(fp.rebuild_energy_cost * out.coalition_departures));
    if (static_cast<double>(p.leader.energy) < fp.burnout_energy && !out.leader_left) leader_leaves(p, out, fp, s);
  }

  // Institutionalisation of what lasts (S3:L578, SF22).
  if (is_durable(p.state)) p.integrity *= static_cast<float>(1.0 - fp.institutional_drift_per_year * kWeek);
  return out;
}

int replace_coalition_members(Project& p, CoalitionRole role, double share, const FundingParameters& fp, engine::RandomStream& s) {
  int left = 0;
  for (std::size_t k = 0; k < p.coalition_size; ++k) {
    CoalitionMember& m = p.coalition[k];
    if (m.role != role || !engine::bernoulli(s, share)) continue;
    m.commitment = static_cast<float>(fp.replacement_commitment);
    ++left;
  }
  if (p.leader.present && left > 0) {
    p.leader.energy = std::max(0.0F, p.leader.energy - static_cast<float>(fp.rebuild_energy_cost * left));
  }
  return left;
}

double evidence_noise(const FundingParameters& fp, int level) noexcept { return fp.evidence_noise / std::pow(2.0, level); }

ReviewDecision decide_review(const Project& p, const ReviewContext& c, const FundingParameters& fp, engine::RandomStream& s) {
  ReviewDecision d;
  const double measured = static_cast<double>(p.realised_effect()) + engine::normal(s, 0.0, evidence_noise(fp, p.measurement_level));
  d.evidence = static_cast<float>(measured);
  const double evidence = std::clamp(measured, 0.0, 1.0);
  const double coalition = p.coalition_strength();
  const double leader = p.leader.present ? static_cast<double>(p.leader.quality) * (0.5 + 0.5 * static_cast<double>(p.leader.energy)) : 0.0;

  // 1. Structural funding through nieuw voor oud: planned, proven on every trait, and pushed
  //    through the providers' resistance by regie (S3:L542, L576, L701; weakest link S3 SF6).
  const double weakest = std::min({evidence, coalition, leader});
  if (p.plan == SustainPlan::structural && c.reallocation_continues && c.money_for_another_term &&
      weakest >= fp.evidence_threshold && engine::bernoulli(s, c.regie * (0.5 + 0.5 * coalition))) {
    d.next = (c.has_cofinancer && p.measurement_level >= 2) ? ProjectState::adopted_joint : ProjectState::structural;
    return d;
  }
  // 2. A social enterprise: built to earn, with a business counterpart (S3:L504, L584).
  if (p.kind == ProjectKind::social_enterprise && p.has_business_counterpart && p.leader.present &&
      engine::bernoulli(s, static_cast<double>(p.strength))) {
    d.next = ProjectState::social_enterprise;
    return d;
  }
  // 3. Another term. With a continuation plan the funder keeps a promising project going until
  //    it is proven or disproven (S3:L542, L320). Without one the leader hunts for more of the
  //    same (S3:L636) and applies at the next funding call, where the application competes
  //    with new ideas (FundingSystem::call).
  if (p.leader.present) {
    if (p.plan != SustainPlan::none) {
      if (c.money_for_another_term && engine::bernoulli(s, 0.5 + 0.5 * std::min(1.0, evidence / fp.evidence_threshold))) {
        d.next = ProjectState::refunded;
        d.relabel = engine::bernoulli(s, 1.0 - c.durability);
        return d;
      }
    } else if (engine::bernoulli(s, fp.refund_probability * (0.5 + 0.5 * static_cast<double>(p.leader.energy)) * (0.5 + 0.5 * coalition))) {
      d.next = ProjectState::review;  // applies for new temporary money
      return d;
    }
  }
  const ReviewDecision end_of_it = decide_end(p, c, fp, s);
  d.next = end_of_it.next;
  d.conscious = end_of_it.conscious;
  d.reinvent = end_of_it.reinvent;
  return d;
}

ReviewDecision decide_end(const Project& p, const ReviewContext& c, const FundingParameters& fp, engine::RandomStream& s) {
  // 4. The institutions' reflex to embed it, unless a coalition resists (S3:L412, L566-568).
  ReviewDecision d;
  const double coalition = p.coalition_strength();
  if (engine::bernoulli(s, fp.absorption_drive * (1.0 - fp.coalition_resistance * coalition))) {
    d.next = ProjectState::parcelled;
    d.conscious = engine::bernoulli(s, c.regie * coalition);
    d.reinvent = engine::bernoulli(s, fp.reinvent_after_parcel * (d.conscious ? 0.5 : 1.0));
    return d;
  }
  d.next = ProjectState::terminated;
  d.reinvent = engine::bernoulli(s, fp.reinvent_after_termination);
  return d;
}

}  // namespace wijksim::models
