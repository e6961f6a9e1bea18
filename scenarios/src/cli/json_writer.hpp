#pragma once
// A minimal JSON writer for the command line's --json output (objects, arrays, numbers,
// strings). Numbers are written in shortest round-trip form; non-finite numbers as null.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wijksim::cli {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(double v);
  JsonWriter& value(std::uint64_t v);
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(bool v);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  /// A 64-bit checksum as a 16-digit hex string (JSON numbers lose bits above 2^53).
  JsonWriter& hex(std::uint64_t v);
  [[nodiscard]] const std::string& str() const noexcept { return out_; }

 private:
  void separate();
  void write_string(std::string_view v);
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

[[nodiscard]] std::string hex64(std::uint64_t v);

}  // namespace wijksim::cli
