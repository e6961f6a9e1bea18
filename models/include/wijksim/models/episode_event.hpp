#pragma once
// What happened to a care episode in a tick: it started, or it ended and why. CareSystem logs
// these as they happen (admission, conclusion, demography), so that an event log for
// drill-down (MODEL.md §9) sees every episode, including one that starts and ends within the
// same week, with its reason; the per-year counters (CareYear) only count them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "wijksim/models/care_episode.hpp"

namespace wijksim::models {

enum class EpisodeEventKind : std::uint8_t {
  started = 0,  ///< a request became an episode (on a waiting list, or the team's plan)
  ended,        ///< concluded: stable below the end threshold, or at its maximum length
  dropped_out,  ///< the household stopped (low engagement, the burden of coordination)
  lapsed,       ///< resolved while still waiting: the request lapses
  left,         ///< the client or the household left the neighbourhood (moved, died, placed)
};
inline constexpr std::size_t kEpisodeEventKindCount = 5;
inline constexpr std::array<std::string_view, kEpisodeEventKindCount> kEpisodeEventKindNames{
    "started", "ended", "dropped_out", "lapsed", "left"};

struct EpisodeEvent {
  std::int32_t tick = 0;
  EpisodeEventKind kind = EpisodeEventKind::started;
  CareEpisode episode{};  ///< as it was at the event (state, weeks active, intake tick, ...)
};

}  // namespace wijksim::models
