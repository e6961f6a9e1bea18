#include <catch2/catch.hpp>

#include "wijksim/models/model_parameters.hpp"

using namespace wijksim;
using namespace wijksim::models;

TEST_CASE("every model parameter has a unit, a range, a description and a source", "[parameters]") {
  const ModelParameters declared;
  const auto& specs = declared.registry()->specs();
  CHECK(specs.size() > 80);
  for (const auto& spec : specs) {
    INFO(spec.name);
    CHECK_FALSE(spec.unit.empty());
    CHECK_FALSE(spec.description.empty());
    const bool cited = spec.source.find("S0:") != std::string::npos || spec.source.find("S1") != std::string::npos ||
                       spec.source.find("S2") != std::string::npos || spec.source.find("S3") != std::string::npos ||
                       spec.source.find("S4") != std::string::npos || spec.source.find("MODEL.md") != std::string::npos ||
                       spec.source.find("assumption") != std::string::npos || spec.source.find("calibrated") != std::string::npos;
    CHECK(cited);
    CHECK(spec.min <= spec.max);
    CHECK(spec.name.find('.') != std::string::npos);  // grouped by topic
  }
}

TEST_CASE("resolve carries set values into the plain structs", "[parameters]") {
  const ModelParameters declared;
  engine::ParameterSetBuilder builder(declared.registry());
  builder.set("needs.drift_per_week", 0.07).set("population.neighbourhoods", std::int64_t{3});
  builder.set("needs.spillover.addiction_to_family", 1.5).set("informal.lay_weight_addiction", 0.0);
  const auto p = declared.resolve(std::move(builder).freeze());
  CHECK(p.needs.drift_per_week == 0.07);
  CHECK(p.population.neighbourhoods == 3);
  CHECK(p.needs.spillover[index(Domain::addiction)][index(Domain::family)] == 1.5);
  CHECK(p.needs.spillover[index(Domain::family)][index(Domain::addiction)] == 0.0);  // no such link
  CHECK(p.informal.lay_weight[index(Domain::addiction)] == 0.0);
  CHECK(p.run.years == 10);
}
