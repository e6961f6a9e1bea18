#pragma once
// Strong types for ids and integer time, so that a household index cannot be passed where a
// resident is meant (STYLE.md habit 7). Zero-cost: a StrongId is its integer.
#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace wijksim::engine {

/// An integer id tagged with the kind of thing it names. `Tag` is any (incomplete) type.
template <class Tag, class Rep = std::uint32_t>
class StrongId {
 public:
  using rep_type = Rep;
  static constexpr Rep kInvalidValue = std::numeric_limits<Rep>::max();

  constexpr StrongId() noexcept = default;  // invalid
  constexpr explicit StrongId(Rep value) noexcept : value_(value) {}

  [[nodiscard]] constexpr Rep value() const noexcept { return value_; }
  [[nodiscard]] constexpr bool is_valid() const noexcept { return value_ != kInvalidValue; }
  [[nodiscard]] static constexpr StrongId invalid() noexcept { return StrongId{}; }

  friend constexpr auto operator<=>(StrongId, StrongId) noexcept = default;

 private:
  Rep value_ = kInvalidValue;
};

/// Simulated time as a whole number of ticks since the start of a run. The engine does not
/// know how long a tick is; the model says (wijksim's model: one week, MODEL.md §2).
class Tick {
 public:
  using rep_type = std::int32_t;
  constexpr Tick() noexcept = default;
  constexpr explicit Tick(rep_type value) noexcept : value_(value) {}

  [[nodiscard]] constexpr rep_type value() const noexcept { return value_; }
  constexpr Tick& operator++() noexcept {
    ++value_;
    return *this;
  }
  [[nodiscard]] friend constexpr Tick operator+(Tick t, rep_type ticks) noexcept {
    return Tick{t.value_ + ticks};
  }
  [[nodiscard]] friend constexpr Tick operator-(Tick t, rep_type ticks) noexcept {
    return Tick{t.value_ - ticks};
  }
  /// Number of ticks from `b` to `a`.
  [[nodiscard]] friend constexpr rep_type operator-(Tick a, Tick b) noexcept {
    return a.value_ - b.value_;
  }
  friend constexpr auto operator<=>(Tick, Tick) noexcept = default;

 private:
  rep_type value_ = 0;
};

}  // namespace wijksim::engine

template <class Tag, class Rep>
struct std::hash<wijksim::engine::StrongId<Tag, Rep>> {
  std::size_t operator()(wijksim::engine::StrongId<Tag, Rep> id) const noexcept {
    return std::hash<Rep>{}(id.value());
  }
};
