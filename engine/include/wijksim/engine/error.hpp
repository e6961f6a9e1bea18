#pragma once
// Typed errors of the engine. A user's mistake throws one of these, naming the item, what
// was expected and what was found; only main() catches everything (STYLE.md habit 6).
// Internal invariants are assertions, not exceptions.
#include <stdexcept>
#include <string>

namespace wijksim::engine {

/// Base of every error wijksim reports to a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Something named by the user (a parameter, an edge, a column) is wrong. Carries the item,
/// what was expected and what was found, so callers can re-wrap it with a file and line.
class InputError : public Error {
 public:
  InputError(std::string item, std::string expected, std::string found, std::string hint = {});
  [[nodiscard]] const std::string& item() const noexcept { return item_; }
  [[nodiscard]] const std::string& expected() const noexcept { return expected_; }
  [[nodiscard]] const std::string& found() const noexcept { return found_; }
  [[nodiscard]] const std::string& hint() const noexcept { return hint_; }

 private:
  std::string item_, expected_, found_, hint_;
};

/// A parameter name that no declaration has; `suggestion()` is the closest declared name
/// (empty when nothing is close).
class UnknownParameterError : public InputError {
 public:
  UnknownParameterError(const std::string& name, std::string suggestion);
  [[nodiscard]] const std::string& suggestion() const noexcept { return suggestion_; }

 private:
  std::string suggestion_;
};

/// A parameter value outside its declared range.
class ParameterRangeError : public InputError {
 public:
  using InputError::InputError;
};

/// A parameter value of the wrong type (a string where a number is declared, a fraction
/// where an integer is declared).
class ParameterTypeError : public InputError {
 public:
  using InputError::InputError;
};

/// A parameter declared twice, or declared with a default outside its own range.
class DeclarationError : public Error {
 public:
  using Error::Error;
};

/// Malformed network input: an edge naming a vertex that does not exist, a self-loop, a
/// weight that is not finite or negative.
class NetworkInputError : public InputError {
 public:
  using InputError::InputError;
};

/// A phase touched a column it did not declare, or declared an access the scheduler cannot
/// run safely in parallel.
class AccessError : public Error {
 public:
  using Error::Error;
};

}  // namespace wijksim::engine
