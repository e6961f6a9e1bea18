#pragma once
// Parameters of funding, institutions and projects (MODEL.md §8). Declared in
// src/model_parameters_funding.cpp; read by FundingSystem.
#include <array>
#include <cstdint>

namespace wijksim::models {

struct FundingParameters {
  /// Projects and municipal institutions are off unless a scenario switches them on, so the
  /// people and care models run alone (the "no services" and care-only configurations).
  bool enabled = false;
};

}  // namespace wijksim::models
