#pragma once
// A care episode: a professional (or an organisation's waiting list) working with a resident
// on some domains (a specialist), or with a whole household on a shared plan (the team).
#include <cstdint>

namespace wijksim::models {

enum class EpisodeState : std::uint8_t {
  waiting = 0,  ///< on the organisation's official waiting list
  hidden,       ///< intake taken by an overloaded worker, no follow-up yet (hidden waiting, S2 SF10)
  active,       ///< receiving treatment hours
};

enum class AccessRoute : std::uint8_t { self = 0, referral, outreach, team_referral };
inline constexpr std::size_t kAccessRouteCount = 4;

inline constexpr std::uint32_t kNobody = UINT32_MAX;

struct CareEpisode {
  std::uint32_t id = 0;
  std::uint32_t household = 0;     ///< HouseholdId value
  std::uint32_t resident = kNobody;  ///< ResidentId value of the client; kNobody for a household plan
  std::uint32_t professional = kNobody;  ///< ProfessionalId value once intake is done
  std::uint16_t organisation = 0;
  std::uint8_t domains = 0;        ///< bit mask of the domains worked on
  EpisodeState state = EpisodeState::waiting;
  AccessRoute route = AccessRoute::self;
  std::uint8_t shared_plan = 0;    ///< part of the household's one plan (team, or brought in by it)
  std::uint8_t stable_weeks = 0;
  std::uint8_t reserved = 0;
  std::int32_t requested_tick = 0;
  std::int32_t intake_tick = -1;
  std::int32_t first_treatment_tick = -1;
  std::int32_t weeks_active = 0;
  float priority = 0.0F;           ///< severity when requested
  float relationship = 0.1F;       ///< quality of the working relationship, [0, 1]
};

}  // namespace wijksim::models
