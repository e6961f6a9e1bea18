#pragma once
// Numeric element types of series and their C++ counterparts.
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace wijksim::analysis {

/// Element type of a numeric dataset. Stored little-endian in the file.
enum class ElementType { float64, float32, int64, int32 };

/// C++ types a series can hold.
template <class T>
concept SeriesElement = std::same_as<T, double> || std::same_as<T, float> ||
    std::same_as<T, std::int64_t> || std::same_as<T, std::int32_t>;

template <SeriesElement T>
[[nodiscard]] constexpr ElementType element_type_of() noexcept {
  if constexpr (std::same_as<T, double>) return ElementType::float64;
  if constexpr (std::same_as<T, float>) return ElementType::float32;
  if constexpr (std::same_as<T, std::int64_t>) return ElementType::int64;
  if constexpr (std::same_as<T, std::int32_t>) return ElementType::int32;
}

[[nodiscard]] constexpr std::size_t element_bytes(ElementType type) noexcept {
  switch (type) {
    case ElementType::float64:
    case ElementType::int64:
      return 8;
    case ElementType::float32:
    case ElementType::int32:
      return 4;
  }
  return 0;
}

/// numpy's name of the type ("float64", "int32").
[[nodiscard]] constexpr std::string_view element_type_name(ElementType type) noexcept {
  switch (type) {
    case ElementType::float64:
      return "float64";
    case ElementType::float32:
      return "float32";
    case ElementType::int64:
      return "int64";
    case ElementType::int32:
      return "int32";
  }
  return "?";
}

}  // namespace wijksim::analysis
