#include "wijksim/engine/error.hpp"

#include <utility>

namespace wijksim::engine {
namespace {
std::string compose(const std::string& item, const std::string& expected,
                    const std::string& found, const std::string& hint) {
  std::string message = item + ": expected " + expected + ", found " + found;
  if (!hint.empty()) message += " (" + hint + ")";
  return message;
}
}  // namespace

InputError::InputError(std::string item, std::string expected, std::string found,
                       std::string hint)
    : Error(compose(item, expected, found, hint)),
      item_(std::move(item)),
      expected_(std::move(expected)),
      found_(std::move(found)),
      hint_(std::move(hint)) {}

UnknownParameterError::UnknownParameterError(const std::string& name, std::string suggestion)
    : InputError("parameter '" + name + "'", "a declared parameter name", "an unknown name",
                 suggestion.empty() ? std::string{} : "did you mean '" + suggestion + "'?"),
      suggestion_(std::move(suggestion)) {}

}  // namespace wijksim::engine
