#pragma once
// The model's parameter declarations: every parameter once, with unit, description, default,
// range and source (MODEL.md §11). The registry feeds scenario keys, `wijksim params` and
// output metadata; resolve() turns a frozen ParameterSet into the plain structs the model
// reads.
#include <functional>
#include <memory>
#include <vector>

#include "wijksim/engine/parameters.hpp"
#include "wijksim/models/parameters.hpp"

namespace wijksim::models {

class ModelParameters {
 public:
  /// Declares every parameter of the model. Throws engine::DeclarationError on a broken
  /// declaration (a programming error caught by the tests).
  ModelParameters();

  [[nodiscard]] std::shared_ptr<const engine::ParameterRegistry> registry() const noexcept {
    return registry_;
  }
  /// The defaults, frozen.
  [[nodiscard]] engine::ParameterSet defaults() const;
  /// Plain values for the model, from a frozen set made from this registry.
  [[nodiscard]] Parameters resolve(const engine::ParameterSet& set) const;

 private:
  using Setter = std::function<void(const engine::ParameterSet&, Parameters&)>;
  void real(std::string name, std::string unit, std::string description, double value, double min,
            double max, std::string source, std::function<void(Parameters&, double)> set);
  void integer(std::string name, std::string unit, std::string description, std::int64_t value,
               std::int64_t min, std::int64_t max, std::string source,
               std::function<void(Parameters&, std::int64_t)> set);

  void declare_run_and_population();
  void declare_needs();
  void declare_informal();
  void declare_network_and_demography();
  void declare_care();
  void declare_care_mechanisms();
  void declare_funding();  // model_parameters_funding.cpp

  std::shared_ptr<engine::ParameterRegistry> registry_;
  std::vector<Setter> setters_;
};

}  // namespace wijksim::models
