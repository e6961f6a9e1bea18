#pragma once
// The purposes of the model's random streams (the third counter word). Each mechanism draws
// from its own purpose, so adding a draw to one mechanism never shifts another's numbers.
#include <cstdint>

namespace wijksim::models {

enum Purpose : std::uint32_t {
  kPurposeGenerateHousehold = 100,
  kPurposeNewborn,
  kPurposeKinLink,
  kPurposeFriends,
  kPurposeTieLoss,
  kPurposeLifeEvents,
  kPurposeAsk,
  kPurposeVolunteer,
  kPurposeDeath,
  kPurposeBirth,
  kPurposeMoveOut,
  kPurposeMoveIn,
  kPurposeYoungAdult,
  kPurposeIncident,
  kPurposeNewTies,
  kPurposeSeekHelp,
  kPurposeOutreach,
  kPurposeHiddenIntake,
  kPurposeDropout,
  kPurposeWorkforce,
  kPurposeHire,
  kPurposeActivation,
  kPurposeStaffing,
  // Funding, institutions and projects (FundingSystem, Municipality).
  kPurposeElection,
  kPurposeIdea,
  kPurposeFundingCall,
  kPurposeProjectLife,
  kPurposeProjectReview,
  kPurposeRecruit,
  kPurposeProjectStop,
  kPurposeInstitutionShock,
  kPurposeProjectStart,
  kPurposeApplication,
};

}  // namespace wijksim::models
