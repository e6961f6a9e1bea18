#pragma once
// A local project (MODEL.md §8): its kind, its name (label) and core method, its place in the
// life cycle of seed 3 §2.2, the four traits of the 4+1 method (S3 §3: effectiveness of its
// approach, level of outcome measurement, a coalition of stakeholders, a leader) plus (+1) its
// sustainability strategy, its maturity, and the people it works with. Plain data; the rules
// that move it live in project_lifecycle.hpp and funding_system.hpp.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/models/funding_parameters.hpp"
#include "wijksim/models/population.hpp"

namespace wijksim::models {

/// The life-cycle states of S3 §2.2. REINVENTED is not a state of a project: it is a new idea
/// elsewhere with the same method, a new label and none of the old knowledge (Project::predecessor).
enum class ProjectState : std::uint8_t {
  idea = 0,           ///< an inspired person and a perceived need (S3:L488); before funding
  pilot,              ///< on temporary money for a fixed term (S3:L122)
  review,             ///< the term ran out: a decision point (S3:L542, L636)
  refunded,           ///< new temporary money found, usually under a new label (S3:L636, L269)
  terminated,         ///< stopped (S3:L542; PAK S3:L308)
  parcelled,          ///< cut up and absorbed by the silos, the most common end (S3:L566)
  adopted_joint,      ///< adopted by institutions together, co-financed (S3:L574-576)
  social_enterprise,  ///< continues on market revenue and many pots (S3:L584)
  structural,         ///< funded structurally, "niet meer als project" (S3:L596)
};
inline constexpr std::size_t kProjectStateCount = 9;
inline constexpr std::array<std::string_view, kProjectStateCount> kProjectStateNames{
    "idea", "pilot", "review", "refunded", "terminated", "parcelled", "adopted_joint", "social_enterprise", "structural"};

/// Working on people (effects, costs) in this state.
[[nodiscard]] constexpr bool is_alive(ProjectState s) noexcept {
  return s == ProjectState::pilot || s == ProjectState::review || s == ProjectState::refunded ||
         s == ProjectState::adopted_joint || s == ProjectState::social_enterprise || s == ProjectState::structural;
}
/// Off the grant treadmill: no more fixed terms.
[[nodiscard]] constexpr bool is_durable(ProjectState s) noexcept {
  return s == ProjectState::adopted_joint || s == ProjectState::social_enterprise || s == ProjectState::structural;
}

/// The +1 of the 4+1 method (S3 §3.5), chosen at the start: a plan for continuation, or none
/// ("aan het begin … meestal niet nagedacht", S3:L542).
enum class SustainPlan : std::uint8_t { none = 0, structural, enterprise };

/// Members of a project's coalition (S3 §3.3) and who makes them leave (S3:L426).
enum class CoalitionRole : std::uint8_t {
  alderman = 0,      ///< leaves at elections
  civil_servant,     ///< rotates "om de haverklap"
  provider_manager,  ///< reorganisations, mergers, re-tendering
  resident,          ///< moves away
};

struct CoalitionMember {
  CoalitionRole role = CoalitionRole::civil_servant;
  float commitment = 0.0F;  ///< [0, 1]
};

/// The best person who leads the project (S3 §3.4).
struct Leader {
  bool present = true;
  float quality = 0.5F;  ///< the three competencies (S3:L480), [0, 1]
  float energy = 1.0F;   ///< drained by fundraising and rebuilding the coalition (S3:L514), [0, 1]
};

/// A tie a project made between two residents (so a stop can undo it).
struct ProjectTie {
  ResidentId a;
  ResidentId b;
  std::uint8_t kind = 0;  ///< TieKind
};

inline constexpr std::uint32_t kNoProject = UINT32_MAX;
inline constexpr std::size_t kMaxCoalition = 12;

struct Project {
  std::uint32_t id = 0;                       ///< index in FundingSystem::projects()
  std::uint32_t label = 0;                    ///< its name; label_name(label)
  std::uint32_t method = 0;                   ///< its core method; shared by reinventions
  std::uint32_t predecessor = kNoProject;     ///< the stopped project it reinvents
  ProjectKind kind = ProjectKind::living_room;
  ProjectState state = ProjectState::pilot;
  SustainPlan plan = SustainPlan::none;
  std::uint16_t neighbourhood = 0;
  std::uint8_t measurement_level = 0;         ///< 0 in/outflow only … 3 monitoring and ex-post MKBA (S3 §3.2)
  bool has_business_counterpart = false;      ///< needed to become a social enterprise (S3:L504-508)
  bool parcelled_consciously = false;         ///< embedded with its context kept (S3:L568)
  bool funded_by_reallocation = false;        ///< structural money moved from old spending (nieuw voor oud)
  std::int32_t idea_tick = 0;
  std::int32_t start_tick = 0;                ///< funded as a pilot
  std::int32_t review_tick = 0;               ///< end of the current grant term (-1: none)
  std::int32_t end_tick = -1;                 ///< stopped (terminated, parcelled); -1 while alive
  std::int32_t strong_tick = -1;              ///< first tick its organisation was strong
  std::int32_t first_review_tick = -1;
  int reviews = 0;
  int labels = 1;                             ///< names it has carried
  float method_effectiveness = 0.5F;          ///< of the core method, [0, 1]
  float effectiveness = 0.5F;                 ///< here, in this context (S3:L418), [0, 1]
  float integrity = 1.0F;                     ///< 1 - institutional drift when structural (S3:L578)
  float knowledge = 0.0F;                     ///< of the neighbourhood, [0, 1] (~2 years, S0 SF13)
  float strength = 0.0F;                      ///< organisational strength, [0, 1] (~4 years, S3:L626)
  float maturity_at_first_review = 0.0F;
  float strength_at_first_review = 0.0F;
  float last_evidence = 0.0F;                 ///< measured effect at the last review
  double cost_per_year = 0.0;                 ///< euro
  double spent = 0.0;                         ///< euro, all payers
  Leader leader;
  std::array<CoalitionMember, kMaxCoalition> coalition{};
  std::uint8_t coalition_size = 0;
  std::vector<ResidentId> volunteers;         ///< recruited by the project
  std::vector<ResidentId> members;            ///< reached by it (participants and volunteers)
  std::vector<ProjectTie> ties;               ///< made by it

  /// Knowledge times organisational strength: how far its effects have ramped up, [0, 1].
  [[nodiscard]] float maturity() const noexcept { return knowledge * (0.5F + 0.5F * strength); }
  /// Mean commitment of its coalition, [0, 1].
  [[nodiscard]] float coalition_strength() const noexcept;
  /// What it achieves this week: effectiveness here × maturity × integrity, halved without a
  /// leader (S3:L504: domain-crossing projects cannot stay effective without one), [0, 1].
  [[nodiscard]] float realised_effect() const noexcept;
};

/// A project's name from its label id: Dutch-sounding, deterministic, distinct per id
/// ("Buurtkracht", "Samenpunt 3", …): novelty demands a new one (S3:L269-271).
[[nodiscard]] std::string label_name(std::uint32_t label);

/// A state change of one project, for the event log.
struct ProjectTransition {
  std::int32_t tick = 0;
  std::uint32_t project = 0;
  ProjectState from = ProjectState::idea;
  ProjectState to = ProjectState::pilot;
};

}  // namespace wijksim::models
