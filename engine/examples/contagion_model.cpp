#include "wijksim/examples/contagion_model.hpp"

#include <algorithm>
#include <cmath>

#include "wijksim/engine/checksum.hpp"
#include "wijksim/engine/distributions.hpp"
#include "wijksim/engine/reduce.hpp"

namespace wijksim::examples {
using namespace wijksim::engine;

namespace {
enum Purpose : std::uint32_t {
  kInit = 1,
  kSpread = 2,
  kDeath = 3,
  kBirths = 4,
  kNetwork = 5,
  kArbitration = 6,
};
constexpr std::uint8_t kTieGroup = 0;
constexpr std::uint8_t kTieFriend = 1;
constexpr float kCareThreshold = 0.6F;
}  // namespace

ContagionModel::ContagionModel(const ContagionConfig& config)
    : config_(config), key_(RandomKey::from(config.seed, config.run_id)) {
  load_a_ = people_.add_column<float>("load_a");
  load_b_ = people_.add_column<float>("load_b");
  age_years_ = people_.add_column<float>("age_years");
  group_ = people_.add_column<std::uint32_t>("group");
  treatment_weeks_left_ = people_.add_column<std::uint16_t>("treatment_weeks_left");

  for (std::uint32_t i = 0; i < config_.people; ++i) (void)people_.spawn();
  auto load = people_.values(load_a_);
  auto age = people_.values(age_years_);
  auto group = people_.values(group_);
  std::vector<double> age_attribute(config_.people);
  for (std::uint32_t i = 0; i < config_.people; ++i) {
    RandomStream s(key_, i, Tick{0}, kInit);
    load[i] = static_cast<float>(0.3 * uniform01(s));
    age[i] = static_cast<float>(uniform(s, 0.0, 90.0));
    group[i] = i / config_.group_size;
    age_attribute[i] = age[i];
  }
  next_group_ = config_.people / config_.group_size + 1;
  auto ties = spatial_neighbour_ties(people_.values(group_), config_.group_size, kTieGroup, 1.0F);
  SmallWorldSpec friends;
  friends.mean_degree = 6;
  friends.rewire_probability = 0.1;
  friends.homophily = 0.8;
  friends.kind = kTieFriend;
  friends.weight = 0.5F;
  const auto friend_ties = homophilous_small_world_ties(age_attribute, friends, key_, kNetwork);
  ties.insert(ties.end(), friend_ties.begin(), friend_ties.end());
  network_ = Network::from_ties(config_.people, ties);
  build_phases();
}

std::span<const float> ContagionModel::current_load(Tick tick) const {
  // Tick t writes B when t is even and A when t is odd; before tick 0, A holds the state.
  return (tick.value() & 1) == 0 ? people_.values(load_b_) : people_.values(load_a_);
}

void ContagionModel::build_phases() {
  auto add_spread = [this](const char* name, Column<float> from, Column<float> to, int parity) {
    scheduler_.add_parallel_phase(
        name, people_,
        Access{}
            .read_others(people_, from)
            .read(people_, treatment_weeks_left_)
            .write(people_, to),
        [this, from, to](PhaseContext& ctx, const BlockRange& block) {
          const auto in = ctx.read(people_, from);
          const auto treated = ctx.read(people_, treatment_weeks_left_);
          const auto out = ctx.write(people_, to);
          const auto rows = network_.row_starts();
          const auto targets = network_.targets();
          const auto weights = network_.weights();
          for (std::size_t i = block.begin; i < block.end; ++i) {
            float sum = 0.0F;
            float weight_sum = 0.0F;
            for (std::uint32_t e = rows[i]; e < rows[i + 1]; ++e) {
              sum += weights[e] * in[targets[e]];
              weight_sum += weights[e];
            }
            const float neighbours = weight_sum > 0.0F ? sum / weight_sum : 0.0F;
            RandomStream s = ctx.stream(people_.id_at(i).value(), kSpread);
            float next = 0.93F * in[i] + 0.05F * neighbours;
            if (bernoulli(s, 0.03)) next += static_cast<float>(uniform(s, 0.0, 0.4));
            if (treated[i] > 0) next *= 0.85F;
            out[i] = std::clamp(next, 0.0F, 1.0F);
          }
        },
        [parity](Tick tick) { return (tick.value() & 1) == parity; });
  };
  add_spread("spread_a_to_b", load_a_, load_b_, 0);
  add_spread("spread_b_to_a", load_b_, load_a_, 1);

  scheduler_.add_parallel_phase(
      "ask_for_care", people_,
      Access{}.read(people_, load_a_).read(people_, load_b_).read(people_, group_).read(people_, treatment_weeks_left_),
      [this](PhaseContext& ctx, const BlockRange& block) {
        const auto load = current_load(ctx.tick());
        const auto group = ctx.read(people_, group_);
        const auto treated = ctx.read(people_, treatment_weeks_left_);
        for (std::size_t i = block.begin; i < block.end; ++i) {
          if (treated[i] > 0 || load[i] < kCareThreshold) continue;
          requests_.push(block, Request{group[i] / config_.groups_per_area,
                                        static_cast<std::uint32_t>(i),
                                        static_cast<std::int32_t>(load[i] * 100.0F), 0, 1.0});
        }
      });

  scheduler_.add_serial_phase(
      "grant_care", Access{}.write(people_, treatment_weeks_left_),
      [this](PhaseContext& ctx) {
        const std::uint32_t areas = next_group_ / config_.groups_per_area + 1;
        std::vector<double> capacity(areas, config_.clinic_slots_per_area);
        auto requests = requests_.gather();
        const std::size_t asked = requests.size();
        const auto grants = arbitrate(
            std::move(requests), capacity,
            ArbitrationRule{false, mix64(static_cast<std::uint64_t>(ctx.tick().value()) ^ kArbitration)});
        auto treated = ctx.write(people_, treatment_weeks_left_);
        for (const Grant& g : grants) treated[g.requester] = 6;
        granted_ += grants.size();
        refused_ += asked - grants.size();
      });

  scheduler_.add_parallel_phase(
      "age_treat_die", people_,
      Access{}.write(people_, age_years_).write(people_, treatment_weeks_left_).read(people_, load_a_).read(people_, load_b_),
      [this](PhaseContext& ctx, const BlockRange& block) {
        const auto load = current_load(ctx.tick());
        const auto age = ctx.write(people_, age_years_);
        const auto treated = ctx.write(people_, treatment_weeks_left_);
        for (std::size_t i = block.begin; i < block.end; ++i) {
          age[i] += 1.0F / 52.0F;
          if (treated[i] > 0) --treated[i];
          const double hazard = 0.00002 * std::exp(0.07 * static_cast<double>(age[i])) *
                                (1.0 + 2.0 * static_cast<double>(load[i]));
          RandomStream s = ctx.stream(people_.id_at(i).value(), kDeath);
          if (bernoulli(s, hazard)) people_.mark_removed(i);
        }
      });

  scheduler_.add_serial_phase(
      "births_and_commit",
      Access{}.write(people_, load_a_).write(people_, load_b_).write(people_, age_years_).write(people_, group_),
      [this](PhaseContext& ctx) {
        const std::size_t removed = people_.pending_removals();
        const SlotRemap remap = people_.commit();
        deaths_ += removed;
        RandomStream s = ctx.stream(0, kBirths);
        const std::uint32_t births =
            binomial(s, static_cast<std::uint32_t>(people_.size()), config_.birth_probability);
        std::vector<EdgeSpec> new_ties;
        const std::size_t first_new = people_.size();
        for (std::uint32_t b = 0; b < births; ++b) (void)people_.spawn();
        auto group = ctx.write(people_, group_);
        auto age = ctx.write(people_, age_years_);
        auto load_b = ctx.write(people_, load_b_);
        auto load_a = ctx.write(people_, load_a_);
        for (std::size_t i = first_new; i < people_.size(); ++i) {
          // A newborn joins the group of a random living person and ties to them.
          const auto parent = uniform_index(s, static_cast<std::uint32_t>(first_new));
          group[i] = group[parent];
          age[i] = 0.0F;
          load_a[i] = load_b[i] = 0.0F;
          new_ties.push_back(EdgeSpec{parent, static_cast<std::uint32_t>(i), kTieGroup, 1.0F});
        }
        births_ += births;
        if (removed > 0 || births > 0) {
          network_ = network_.rebuilt(removed > 0 ? &remap : nullptr,
                                      static_cast<std::uint32_t>(people_.size()), new_ties);
        }
        requests_.reset(block_count(people_.size(), scheduler_.block_size()));
      });
  requests_.reset(block_count(people_.size(), scheduler_.block_size()));
}

ContagionSummary ContagionModel::summary(Executor& executor, Tick last) const {
  const auto load = current_load(last);
  const auto treated = people_.values(treatment_weeks_left_);
  ContagionSummary s;
  s.tick = last.value();
  s.population = people_.size();
  s.mean_load = people_.empty() ? 0.0
                                : deterministic_sum(executor, people_.size(), scheduler_.block_size(),
                                                    [&](std::size_t i) { return static_cast<double>(load[i]); }) /
                                      static_cast<double>(people_.size());
  s.in_treatment = static_cast<std::uint64_t>(std::count_if(treated.begin(), treated.end(), [](auto w) { return w > 0; }));
  s.births = births_;
  s.deaths = deaths_;
  s.slots_granted = granted_;
  s.requests_refused = refused_;
  return s;
}

std::vector<std::byte> ContagionModel::state_bytes() const {
  std::vector<std::byte> bytes;
  auto append = [&bytes](std::span<const std::byte> b) { bytes.insert(bytes.end(), b.begin(), b.end()); };
  people_.for_each_column_bytes([&](const std::string&, std::span<const std::byte> b) { append(b); });
  append(std::as_bytes(network_.row_starts()));
  append(std::as_bytes(network_.targets()));
  append(std::as_bytes(network_.kinds()));
  append(std::as_bytes(network_.weights()));
  return bytes;
}

std::uint64_t ContagionModel::state_checksum() const {
  Checksum c;
  c.add(state_bytes());
  return c.value();
}

}  // namespace wijksim::examples
