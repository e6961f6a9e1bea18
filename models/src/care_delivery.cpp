// The care system's weekly delivery (CareSystem::deliver): treatment hours, working
// relationships, relief per resident and domain, practical fixes, network activation, costs.
//
// Three steps, so that the bulk runs in parallel and the results never depend on the thread
// count:
//   1. in episode order (serial): which episodes are delivered and to which household slot, and
//      network activation — it reaches other households through the network and adds ties;
//   2. per block of households (parallel): each episode's treatment, the episodes of a block in
//      episode order; everything an episode writes belongs to its household (relief and
//      lay-helpable hours of its members, their finances and housing, its budget, its best
//      relationship) or to itself, and relief is composed in the same order as one loop would;
//   3. in episode order (serial): the sums — costs and the year's hours and fixes — in exactly
//      the order of one loop over the episodes, so that every floating-point sum is the same.
#include <algorithm>
#include <bit>
#include <cassert>
#include <numeric>
#include <optional>

#include "wijksim/engine/distributions.hpp"
#include "wijksim/models/care_system.hpp"
#include "wijksim/models/random_purpose.hpp"

namespace wijksim::models {

void CareSystem::clear_relief(engine::PhaseContext& ctx, const DeliveryColumns& c) {
  // Relief and lay-helpable hours are this week's: zero again wherever last week's treatment
  // left some (by resident id: slots moved at demography). Nothing else writes them, so every
  // other value is zero. Last week's lists, one per block of households, in parallel: a
  // resident is in one list only.
  ctx.for_each_block(relieved_.size(), 1, [&](const engine::BlockRange& b) {
    std::vector<std::uint32_t>& ids = relieved_[b.index];
    for (const std::uint32_t id : ids) {
      if (const auto slot = population_->residents.slot_of(ResidentId{id})) {
        for (const auto& column : c.relief) column[*slot] = 0.0F;
        c.formal_lay_hours[*slot] = 0.0F;
      }
    }
    ids.clear();
  });
}

void CareSystem::book_coordination(engine::PhaseContext& ctx, std::int32_t tick, CareYear& y) {
  // Coordination time is a cost of its own, booked to the payers of the workers involved
  // (each payer's share of the household's active and hidden episodes), household by household
  // in slot order: the shares per block of households in parallel, the sums in slot order.
  const auto hours_of = coordination_hours_.values();
  const std::size_t blocks = engine::block_count(hours_of.size(), kHouseholdsPerDeliveryBlock);
  if (coordination_by_block_.size() < blocks) coordination_by_block_.resize(blocks);
  ctx.for_each_block(hours_of.size(), kHouseholdsPerDeliveryBlock, [&](const engine::BlockRange& b) {
    std::vector<CoordinationBooking>& bookings = coordination_by_block_[b.index];
    bookings.clear();
    for (std::size_t hh = b.begin; hh < b.end; ++hh) {
      if (!(hours_of[hh] > 0.0F)) continue;
      const auto hours = static_cast<double>(hours_of[hh]);
      std::array<double, kPayerCount> payer_share{};
      for (std::uint32_t k = first_in_household_[hh]; k != kNobody; k = next_in_household_[k]) {
        payer_share[static_cast<std::size_t>(orgs_[episodes_[k].organisation].payer)] += 1.0;
      }
      const double n = std::accumulate(payer_share.begin(), payer_share.end(), 0.0);
      CoordinationBooking booking;
      booking.hours = hours;
      for (std::size_t p = 0; p < kPayerCount; ++p) {
        if (payer_share[p] > 0.0) booking.euro[p] = hours * 95.0 * payer_share[p] / n;  // > 0: hours > 0
      }
      bookings.push_back(booking);
    }
  });
  for (std::size_t b = 0; b < blocks; ++b) {
    for (const CoordinationBooking& booking : coordination_by_block_[b]) {
      for (std::size_t p = 0; p < kPayerCount; ++p) {
        if (booking.euro[p] > 0.0) ledger_.add(tick, static_cast<Payer>(p), Tier::coordination, booking.euro[p]);
      }
      y.coordination_hours += booking.hours;
      // The household carries part of the coordination too (appointments, repeated stories).
    }
  }
}

void CareSystem::plan_delivery(engine::PhaseContext& ctx, CareYear& y) {
  const auto& cp = p_->care;
  Population& pop = *population_;
  auto reluctance = pop.residents.values(pop.r.reluctance);
  auto willingness = pop.residents.values(pop.r.willingness);
  auto activated = pop.households.values(pop.h.activated);
  // Each active episode's household slot (kNobody where it left), in parallel blocks.
  delivery_household_.resize(episodes_.size());
  ctx.for_each_block(episodes_.size(), kEpisodesPerBlock, [&](const engine::BlockRange& b) {
    for (std::size_t i = b.begin; i < b.end; ++i) {
      const auto hh = episodes_[i].state == EpisodeState::active ? pop.households.slot_of(HouseholdId{episodes_[i].household})
                                                                 : std::nullopt;
      delivery_household_[i] = hh ? static_cast<std::uint32_t>(*hh) : kNobody;
    }
  });
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    const CareEpisode& e = episodes_[i];
    const std::uint32_t hh = delivery_household_[i];
    if (hh == kNobody) continue;
    treated_.touch(hh) = 1;
    (void)best_relationship_.touch(hh);  // listed now; its block raises it in step 2
    // Network activation at the start of a team episode: a family group conference lowers the
    // household's reluctance and raises its network's willingness (S2:L857-866).
    if (!orgs_[e.organisation].is_team || e.weeks_active != 0 || activated[hh] != 0) continue;
    engine::RandomStream s(key_, e.id, ctx.tick(), kPurposeActivation);
    if (!engine::bernoulli(s, cp.network_activation)) continue;
    activated[hh] = 1;
    y.activations += 1.0;
    const auto boost = static_cast<float>(cp.activation_informal_boost);
    const auto members = pop.members(hh);
    for (const std::uint32_t m : members) {
      reluctance[m] *= 1.0F - boost;
      pop.network.for_each_neighbour(m, [&](std::uint32_t t, std::uint8_t, float) { willingness[t] += boost * (1.0F - willingness[t]); });
    }
    // The conference also brings people in: up to two of each member's ties become close
    // ties (kin-strength), so they are asked first and say yes (MODEL.md §7).
    for (const std::uint32_t m : members) {
      int made = 0;
      pop.network.for_each_neighbour(m, [&](std::uint32_t t, std::uint8_t kind, float) {
        if (made == 2 || kind == static_cast<std::uint8_t>(TieKind::household) || kind == static_cast<std::uint8_t>(TieKind::kin)) return;
        pop.pending_ties.push_back(engine::EdgeSpec{m, t, static_cast<std::uint8_t>(TieKind::kin), 0.9F});
        ++made;
      });
    }
  }
  // The delivered episodes grouped by block of households, in episode order within each block
  // (a stable counting sort): a household's episodes are all in one block, in order.
  const std::size_t blocks = engine::block_count(pop.households.size(), kHouseholdsPerDeliveryBlock);
  delivery_block_start_.assign(blocks + 1, 0);
  for (const std::uint32_t hh : delivery_household_) {
    if (hh != kNobody) ++delivery_block_start_[hh / kHouseholdsPerDeliveryBlock + 1];
  }
  std::partial_sum(delivery_block_start_.begin(), delivery_block_start_.end(), delivery_block_start_.begin());
  delivery_order_.resize(delivery_block_start_.back());
  std::vector<std::uint32_t>& next = delivery_cursor_;
  next.assign(delivery_block_start_.begin(), delivery_block_start_.end() - 1);
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    const std::uint32_t hh = delivery_household_[i];
    if (hh != kNobody) delivery_order_[next[hh / kHouseholdsPerDeliveryBlock]++] = static_cast<std::uint32_t>(i);
  }
  if (relieved_.size() < blocks) relieved_.resize(blocks);
}

CareSystem::Delivered CareSystem::treat(std::size_t i, std::int32_t tick, const DeliveryColumns& c,
                                        std::vector<std::uint32_t>& relieved) {
  const auto& cp = p_->care;
  const auto& ip = p_->informal;
  const Population& pop = *population_;
  CareEpisode& e = episodes_[i];
  const std::uint32_t hh = delivery_household_[i];
  const Organisation& org = orgs_[e.organisation];
  const auto prof = professionals_.slot_of(ProfessionalId{e.professional});
  const auto members = pop.members(hh);
  Delivered out;
  double hours = org.hours_per_week;
  if (org.is_team && e.weeks_active < cp.front_load_weeks) hours *= cp.front_load;
  if (!org.is_team) hours *= 1.0 + 0.5 * cp.per_product_payment;  // heavier products (S1 SF8)
  // Lay help the household already gets takes over part of the lay-helpable work.
  double got = 0.0;
  for (const std::uint32_t m : members) got += static_cast<double>(c.received[m]);
  double lay_share = 0.0;
  int domains = 0;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    if ((e.domains & domain_bit(d)) == 0) continue;
    lay_share += ip.lay_weight[d];
    ++domains;
  }
  lay_share = domains > 0 ? lay_share / domains : 0.0;
  // Informal hours the household receives take over lay-helpable work, at an exchange rate,
  // never more than the lay-helpable share (S0:L395: about 10% in the long run, not 60%).
  const double taken_over = std::min(hours * lay_share, cp.informal_exchange_rate * got);
  // The lay-helpable work the professional still does is work the family need not do: next
  // week the treated residents need that many fewer informal hours (S4:L381: when formal care
  // is out of reach, the burden falls on relatives). A budget cut reaches carers this way.
  const double lay_hours_done = hours * lay_share - taken_over;
  hours -= taken_over;

  const double know = prof ? knowledge_now_[*prof] : 0.0;
  e.relationship += static_cast<float>(cp.relationship_growth_per_hour * hours * (0.5 + 0.5 * know)) * (1.0F - e.relationship);
  float& best = best_relationship_.listed_value(hh);
  best = std::max(best, e.relationship);
  const int n = professionals_per_household_[hh];
  const double conflict = cp.coordination_conflict * std::max(0, n - 1) * (e.shared_plan != 0 ? 0.2 : 1.0);
  const double coordination_factor = 1.0 / (1.0 + conflict);
  const double dose = hours / (hours + 2.0);
  const double mature = (org.is_team && prof) ? maturity(*prof, tick) : 1.0;
  // Who is treated: the whole household under a plan, else the client (if still here).
  std::uint32_t client = kNobody;
  std::span<const std::uint32_t> treated = members;
  if (e.resident != kNobody) {
    const auto slot = pop.residents.slot_of(ResidentId{e.resident});
    if (slot) client = static_cast<std::uint32_t>(*slot);
    treated = slot ? std::span<const std::uint32_t>(&client, 1) : std::span<const std::uint32_t>();
  }
  for (unsigned worked = e.domains; worked != 0; worked &= worked - 1U) {
    const auto d = static_cast<std::size_t>(std::countr_zero(worked));
    double skill = org.skill;
    double attention = 1.0;
    if (org.is_team) {
      const bool home = prof && c.home_domain[*prof] == d;
      skill = home ? cp.specialist[d].skill : cp.generalist_start_skill + (cp.generalist_skill - cp.generalist_start_skill) * mature;
      attention = home ? 1.0 : 0.5 + 0.5 * mature;  // young generalists drift back to their discipline
    }
    const double quality = cp.technique_share * skill + cp.relationship_share * static_cast<double>(e.relationship) +
                           cp.engagement_share * static_cast<double>(c.engagement[hh]);
    const auto rate = static_cast<float>(std::min(0.9, cp.efficacy_per_week * quality * coordination_factor * attention * dose));
    for (const std::uint32_t m : treated) c.relief[d][m] = 1.0F - (1.0F - c.relief[d][m]) * (1.0F - rate);
  }
  const auto lay_hours_each = static_cast<float>(cp.formal_relief_per_hour * lay_hours_done / static_cast<double>(std::max<std::size_t>(1, treated.size())));
  for (const std::uint32_t m : treated) {
    c.formal_lay_hours[m] += lay_hours_each;
    relieved.push_back(pop.residents.id_at(m).value());
  }
  out.hours = hours;
  ++e.weeks_active;

  // A practical fix from the discretionary budget instead of a referral (MODEL.md §7).
  if (org.is_team && cp.discretionary_budget > 0.0) {
    for (const std::uint32_t m : members) {
      for (const std::span<float>* column : {&c.finances, &c.housing}) {
        if ((*column)[m] < kTroubleSeverity) continue;
        if (static_cast<double>(c.budget_used[hh]) + cp.practical_fix_cost > cp.discretionary_budget) continue;
        (*column)[m] = std::max(0.0F, (*column)[m] - static_cast<float>(cp.practical_fix_relief));
        c.budget_used[hh] += static_cast<float>(cp.practical_fix_cost);
        ++out.practical_fixes;
      }
    }
  }
  return out;
}

void CareSystem::deliver(engine::PhaseContext& ctx) {
  assert(!tallies_stale_);
  const auto& cp = p_->care;
  Population& pop = *population_;
  const auto& r = pop.r;
  const auto& h = pop.h;
  const std::int32_t tick = ctx.tick().value();
  CareYear& y = year(tick);
  DeliveryColumns c;
  for (std::size_t d = 0; d < kDomainCount; ++d) c.relief[d] = pop.residents.values(r.care_relief[d]);
  c.formal_lay_hours = pop.residents.values(r.formal_lay_hours);
  clear_relief(ctx, c);
  c.received = pop.residents.values(r.help_received);
  c.finances = pop.residents.values(r.severity[index(Domain::finances)]);
  c.housing = pop.residents.values(r.severity[index(Domain::housing)]);
  c.engagement = pop.households.values(h.engagement);
  c.budget_used = pop.households.values(h.budget_used);
  c.home_domain = professionals_.values(pc_.home_domain);
  if (tick % 52 == 0) std::fill(c.budget_used.begin(), c.budget_used.end(), 0.0F);
  best_relationship_.clear(pop.households.size());
  treated_.clear(pop.households.size());
  // Each professional's knowledge this week, once rather than once per client.
  knowledge_now_.resize(professionals_.size());
  for (std::size_t slot = 0; slot < professionals_.size(); ++slot) knowledge_now_[slot] = knowledge(slot, tick);

  // 1. Which episodes are delivered, and network activation (serial, episode order).
  plan_delivery(ctx, y);
  // 2. Treatment, per block of households in parallel (see the top of this file).
  delivered_.resize(episodes_.size());
  ctx.for_each_block(pop.households.size(), kHouseholdsPerDeliveryBlock, [&](const engine::BlockRange& b) {
    for (std::uint32_t k = delivery_block_start_[b.index]; k < delivery_block_start_[b.index + 1]; ++k) {
      const std::uint32_t i = delivery_order_[k];
      delivered_[i] = treat(i, tick, c, relieved_[b.index]);
    }
  });
  // 3. Costs and the year's sums, in episode order.
  for (std::size_t i = 0; i < episodes_.size(); ++i) {
    if (delivery_household_[i] == kNobody) continue;
    const Organisation& org = orgs_[episodes_[i].organisation];
    const Delivered& done = delivered_[i];
    ledger_.add(tick, org.payer, org.is_team ? Tier::generalist : Tier::specialist, done.hours * org.hourly_cost);
    y.treatment_hours += done.hours;
    for (std::uint32_t fix = 0; fix < done.practical_fixes; ++fix) {
      ledger_.add(tick, Payer::municipality_social_support, Tier::practical_fixes, cp.practical_fix_cost);
      y.practical_fixes += 1.0;
    }
  }
  book_coordination(ctx, tick, y);
  // Engagement follows the best working relationship and the household's trust, in every
  // household with a professional (each on its own: blocks of households in parallel).
  const auto trust = pop.residents.values(r.trust);
  const auto professionals = professionals_per_household_.values();
  ctx.for_each_block(professionals.size(), kHouseholdsPerDeliveryBlock, [&](const engine::BlockRange& b) {
    for (std::size_t hh = b.begin; hh < b.end; ++hh) {
      if (professionals[hh] == 0) continue;
      double t = 0.0;
      const auto members = pop.members(hh);
      for (const std::uint32_t m : members) t += static_cast<double>(trust[m]);
      const double target = 0.4 * t / static_cast<double>(std::max<std::size_t>(1, members.size())) + 0.6 * static_cast<double>(best_relationship_[hh]);
      c.engagement[hh] += static_cast<float>(0.1 * (target - static_cast<double>(c.engagement[hh])));
    }
  });
  // Statistics of the week (counts are whole numbers: adding them at once is exact).
  const auto households_in_care = static_cast<double>(treated_.listed().size());
  y.households_in_care_weeks += households_in_care;
  std::array<std::size_t, 3> in_state{};  // by EpisodeState
  std::size_t team_clients = 0;
  for (const auto& e : episodes_) {
    ++in_state[static_cast<std::size_t>(e.state)];
    if (e.state != EpisodeState::waiting && orgs_[e.organisation].is_team) ++team_clients;
  }
  y.waiting_official += static_cast<double>(in_state[static_cast<std::size_t>(EpisodeState::waiting)]);
  y.waiting_hidden += static_cast<double>(in_state[static_cast<std::size_t>(EpisodeState::hidden)]);
  const auto active = static_cast<double>(in_state[static_cast<std::size_t>(EpisodeState::active)]);
  y.caseload_sum += professionals_.empty() ? 0.0 : active / static_cast<double>(professionals_.size());
  double team_members = 0.0;
  for (const auto o : professionals_.values(pc_.organisation)) team_members += orgs_[o].is_team ? 1.0 : 0.0;
  y.team_caseload_sum += team_members > 0.0 ? static_cast<double>(team_clients) / team_members : 0.0;
  y.weeks += 1.0;
}

}  // namespace wijksim::models
