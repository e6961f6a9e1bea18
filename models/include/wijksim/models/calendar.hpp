#pragma once
// Time and age conventions shared by the model's parts: one tick is one week (MODEL.md §2),
// and adulthood starts at 18 (the Dutch age of majority: youth care ends, social assistance and
// volunteering begin).
namespace wijksim::models {

/// Ticks (weeks) per simulated year; yearly rates are divided by it to weekly ones.
inline constexpr double kWeeksPerYear = 52.0;

/// Age in years from which a resident counts as an adult.
inline constexpr float kAdultAge = 18.0F;

}  // namespace wijksim::models
