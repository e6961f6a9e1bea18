#pragma once
// Every euro the model spends, booked per year (52 ticks, warm-up included) to its payer and
// care tier (MODEL.md §8). Serial use only.
#include <array>
#include <cstdint>
#include <vector>

#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

using PayerTierTable = std::array<std::array<double, kTierCount>, kPayerCount>;

class CostLedger {
 public:
  void add(std::int32_t tick, Payer payer, Tier tier, double euro) {
    const auto year = static_cast<std::size_t>(tick / 52);
    if (by_year_.size() <= year) by_year_.resize(year + 1, PayerTierTable{});
    by_year_[year][static_cast<std::size_t>(payer)][static_cast<std::size_t>(tier)] += euro;
  }
  /// Costs of simulated year `year` (0 = the first, warm-up included); zeros past the end.
  [[nodiscard]] PayerTierTable year(std::size_t year) const {
    return year < by_year_.size() ? by_year_[year] : PayerTierTable{};
  }
  [[nodiscard]] std::size_t years() const noexcept { return by_year_.size(); }
  [[nodiscard]] static double total(const PayerTierTable& t) noexcept {
    double sum = 0.0;
    for (const auto& payer : t) {
      for (const double v : payer) sum += v;
    }
    return sum;
  }

 private:
  std::vector<PayerTierTable> by_year_;
};

}  // namespace wijksim::models
