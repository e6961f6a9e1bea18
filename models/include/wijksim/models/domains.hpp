#pragma once
// The eight life domains of MODEL.md §3, severity conventions, and the kinds of incident.
//
// Severity is a value in [0, 1] per resident and domain: 0 = fully self-reliant, 1 = acute
// crisis. Reported on the 5-point self-reliance scale Dutch teams use (1 = acute crisis …
// 5 = fully self-reliant) by self_reliance_score().
#include <array>
#include <cstdint>
#include <string_view>

namespace wijksim::models {

enum class Domain : std::uint8_t {
  finances = 0,
  work_daytime,
  housing,
  family,
  mental_health,
  physical_health,
  addiction,
  social_network,
};
inline constexpr std::size_t kDomainCount = 8;

inline constexpr std::array<std::string_view, kDomainCount> kDomainNames{
    "finances",      "work_daytime",    "housing",   "family",
    "mental_health", "physical_health", "addiction", "social_network"};

[[nodiscard]] constexpr std::size_t index(Domain d) noexcept { return static_cast<std::size_t>(d); }
/// The bit of domain index d in a mask of domains (care masks, the domains an episode works on).
[[nodiscard]] constexpr std::uint8_t domain_bit(std::size_t d) noexcept { return static_cast<std::uint8_t>(1U << d); }

/// Severity bands (MODEL.md §3, on the self-reliance scale):
///   s >= kVulnerableSeverity  -> score <= 3 ("limited self-reliance"): the resident is vulnerable;
///   s >= kTroubleSeverity     -> score <= 2 ("not self-reliant"): the domain is in trouble;
///   s >= kCrisisSeverity      -> score 1 ("acute crisis").
inline constexpr float kVulnerableSeverity = 0.4F;
inline constexpr float kTroubleSeverity = 0.6F;
inline constexpr float kCrisisSeverity = 0.8F;

/// 5 (fully self-reliant) … 1 (acute crisis).
[[nodiscard]] constexpr int self_reliance_score(float severity) noexcept {
  const int band = static_cast<int>(severity * 5.0F);  // 0..5
  const int score = 5 - band;
  return score < 1 ? 1 : (score > 5 ? 5 : score);
}

/// Incidents: a domain crossing the crisis threshold has consequences with their own cost and
/// payer (MODEL.md §4). Events in the output, not just numbers.
enum class IncidentKind : std::uint8_t {
  eviction = 0,            ///< housing crisis
  out_of_home_placement,   ///< a child's family-domain crisis
  crisis_admission,        ///< mental-health or addiction crisis
  police_callout,          ///< family (domestic violence) or addiction crisis of an adult
};
inline constexpr std::size_t kIncidentKindCount = 4;
inline constexpr std::array<std::string_view, kIncidentKindCount> kIncidentKindNames{
    "eviction", "out_of_home_placement", "crisis_admission", "police_callout"};

/// Kinds of tie in the social network (engine edge kinds).
enum class TieKind : std::uint8_t { household = 0, kin = 1, neighbour = 2, friend_tie = 3 };
inline constexpr std::size_t kTieKindCount = 4;
inline constexpr std::array<std::string_view, kTieKindCount> kTieKindNames{"household", "kin", "neighbour",
                                                                           "friend"};

/// Life events (MODEL.md §4; birth is handled by demography).
enum class LifeEvent : std::uint8_t {
  job_loss = 0,
  illness,
  separation,
  bereavement,
  debt_shock,
  eviction_notice,
};
inline constexpr std::size_t kLifeEventCount = 6;
inline constexpr std::array<std::string_view, kLifeEventCount> kLifeEventNames{
    "job_loss", "illness", "separation", "bereavement", "debt_shock", "eviction_notice"};

}  // namespace wijksim::models
