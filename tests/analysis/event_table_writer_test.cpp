#include "wijksim/analysis/event_table_writer.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstring>

#include "test_support.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/output_file.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
enum class Kind : std::uint8_t { referral, episode_start, episode_end };

struct Event {
  std::int32_t tick;
  Kind kind;
  std::int8_t domain;
  char organisation[8];
  std::int64_t household;
  double hours;
  std::uint32_t sequence;
};

EventTableSpec event_spec() {
  return {"log",
          sizeof(Event),
          {EventField::of<std::int32_t>("tick", offsetof(Event, tick)),
           EventField::enumeration("kind", offsetof(Event, kind),
                                   {"referral", "episode_start", "episode_end"}),
           EventField::of<std::int8_t>("domain", offsetof(Event, domain)),
           EventField::string("organisation", offsetof(Event, organisation), 8),
           EventField::of<std::int64_t>("household", offsetof(Event, household)),
           EventField::of<double>("hours", offsetof(Event, hours)),
           EventField::of<std::uint32_t>("sequence", offsetof(Event, sequence))},
          {.description = "one row per event"}};
}

Event make_event(std::uint32_t i) {
  Event e{};
  e.tick = static_cast<std::int32_t>(i / 3);
  e.kind = static_cast<Kind>(i % 3);
  e.domain = static_cast<std::int8_t>(static_cast<int>(i % 5) - 2);
  std::memcpy(e.organisation, i % 2 == 0 ? "wijkteam" : "GGZ", i % 2 == 0 ? 8 : 3);
  e.household = 5000000000LL + i;
  e.hours = 0.25 * i;
  e.sequence = i;
  return e;
}

template <class T>
T field_at(const std::vector<char>& bytes, std::size_t row, std::size_t size, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + row * size + offset, sizeof(T));
  return value;
}
}  // namespace

TEST_CASE("an event table is a packed compound table appended in whole chunks", "[events]") {
  TempDir dir;
  const auto path = dir / "run.h5";
  constexpr std::uint32_t kRows = 1000;
  {
    auto file = OutputFile::create(path);
    const Group events = file.create_run("r1").create_group("events");
    EventTableWriter log(events, event_spec(), {.chunk_bytes = 1024});
    CHECK(log.chunk_rows() == 1024 / 34);  // 34 packed bytes a row
    for (std::uint32_t i = 0; i < 500; ++i) log.append(make_event(i));
    log.flush();
    std::vector<Event> rest;
    for (std::uint32_t i = 500; i < kRows; ++i) rest.push_back(make_event(i));
    log.append(std::span<const Event>(rest));
    CHECK(log.rows() == kRows);
    log.close();
    file.commit();
  }
  // Read back with the stored (packed, little-endian) type and its member offsets.
  const InputFile in(path);
  const Node table = in.open_run("r1").open_group("events").open_dataset("log");
  const hid_t type = H5Dget_type(table.id());
  REQUIRE(type >= 0);
  CHECK(H5Tget_class(type) == H5T_COMPOUND);
  const std::size_t size = H5Tget_size(type);
  CHECK(size == 34);
  REQUIRE(H5Tget_nmembers(type) == 7);
  std::vector<std::size_t> offsets;
  for (unsigned i = 0; i < 7; ++i) offsets.push_back(H5Tget_member_offset(type, i));
  CHECK(offsets == std::vector<std::size_t>{0, 4, 5, 6, 14, 22, 30});
  const hid_t kind_type = H5Tget_member_type(type, 1);
  CHECK(H5Tget_class(kind_type) == H5T_ENUM);
  char label[32];
  const std::uint8_t two = 2;
  REQUIRE(H5Tenum_nameof(kind_type, &two, label, sizeof label) >= 0);
  CHECK(std::string(label) == "episode_end");
  H5Tclose(kind_type);

  std::vector<char> bytes(size * kRows);
  REQUIRE(H5Dread(table.id(), type, test::h5_all(), test::h5_all(), test::h5_default(),
                  bytes.data()) >= 0);
  H5Tclose(type);
  for (std::uint32_t i = 0; i < kRows; ++i) {
    const Event e = make_event(i);
    INFO("row " << i);
    CHECK(field_at<std::int32_t>(bytes, i, size, 0) == e.tick);
    CHECK(field_at<std::uint8_t>(bytes, i, size, 4) == static_cast<std::uint8_t>(e.kind));
    CHECK(field_at<std::int8_t>(bytes, i, size, 5) == e.domain);
    CHECK(std::memcmp(bytes.data() + i * size + 6, e.organisation, 8) == 0);
    CHECK(field_at<std::int64_t>(bytes, i, size, 14) == e.household);
    CHECK(field_at<double>(bytes, i, size, 22) == e.hours);
    CHECK(field_at<std::uint32_t>(bytes, i, size, 30) == e.sequence);
  }
}

TEST_CASE("event table declarations are checked", "[events][errors]") {
  TempDir dir;
  auto file = OutputFile::create(dir / "run.h5");
  const Group events = file.create_run("r1").create_group("events");
  const auto refused = [&](EventTableSpec spec, const std::string& message) {
    CHECK_THROWS_WITH(EventTableWriter(events, spec), Contains(message));
  };
  auto spec = event_spec();
  spec.fields[2].offset = 4;  // onto `kind`
  refused(spec, "fields overlap at byte 4");
  spec = event_spec();
  spec.fields.back().offset = sizeof(Event) - 2;
  refused(spec, "field 'sequence' ends at byte");
  spec = event_spec();
  spec.fields[1].name = "tick";
  refused(spec, "field 'tick' is declared twice");
  spec = event_spec();
  spec.fields[1].labels = {"a", "a"};
  refused(spec, "enumeration labels repeat");
  spec = event_spec();
  spec.fields[1].labels.clear();
  refused(spec, "an enumeration needs 1 to 256 labels, found 0");
  spec = event_spec();
  spec.fields[3].string_length = 0;
  refused(spec, "a fixed-length string needs a length > 0");
  spec = event_spec();
  spec.fields.clear();
  refused(spec, "at least one field");

  EventTableWriter log(events, event_spec());
  struct Other {
    std::int32_t tick;
  };
  CHECK_THROWS_WITH(log.append(Other{1}), Contains("cannot append a record of 4 bytes: the table "
                                                   "was declared with records of " +
                                                   std::to_string(sizeof(Event)) + " bytes"));
  log.close();
}
