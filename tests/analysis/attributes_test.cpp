#include "wijksim/analysis/attributes.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"
#include "wijksim/analysis/dimension.hpp"
#include "wijksim/analysis/input_file.hpp"
#include "wijksim/analysis/output_file.hpp"

using namespace wijksim::analysis;
using Catch::Matchers::Contains;
using test::TempDir;

namespace {
const std::vector<std::pair<std::string, AttributeValue>> kValues = {
    {"text", std::string("héllo — wereld\nline two")},
    {"empty", std::string()},
    {"real", 0.1},
    {"count", std::int64_t{-42}},
    {"seed", std::uint64_t{18446744073709551615ULL}},
    {"names", std::vector<std::string>{"a", "ß", ""}},
    {"reals", std::vector<double>{1.5, -2.0}},
    {"counts", std::vector<std::int64_t>{1, 2, 3}},
    {"no_counts", std::vector<std::int64_t>{}},
};
}  // namespace

TEST_CASE("attributes of every kind round-trip on the root, groups and datasets", "[attributes]") {
  TempDir dir;
  const auto path = dir / "a.h5";
  {
    auto file = OutputFile::create(path);
    const Group run = file.create_run("r1");
    const Node scale = add_dimension(run, "domain", std::vector<std::string>{"x"});
    for (const Node* target : {static_cast<const Node*>(&run), &scale}) {
      for (const auto& [name, value] : kValues) write_attribute(*target, name, value);
    }
    const Group root = file.root();
    write_attribute(root, "note", "a literal becomes a string");
    write_attribute(root, "int", 7);  // an int becomes int64
    write_attribute(root, "note", "replaced");
    file.commit();
  }
  const InputFile in(path);
  const Group run = in.open_run("r1");
  const Node scale = run.open_dataset("domain");
  for (const Node* target : {static_cast<const Node*>(&run), &scale}) {
    for (const auto& [name, value] : kValues) {
      INFO(target->object_path() << " @" << name);
      CHECK(read_attribute(*target, name) == value);
    }
  }
  CHECK(read_string_attribute(in.root(), "note") == "replaced");
  CHECK(read_int_attribute(in.root(), "int") == 7);
  CHECK(has_attribute(run, "seed"));
  CHECK_FALSE(has_attribute(run, "nope"));
  const auto names = attribute_names(run);
  CHECK(std::find(names.begin(), names.end(), "counts") != names.end());
  CHECK_THROWS_WITH(static_cast<void>(read_attribute(run, "nope")),
                    Contains("/runs/r1 attribute 'nope': does not exist"));
  CHECK_THROWS_WITH(static_cast<void>(read_int_attribute(run, "text")),
                    Contains("is not a scalar integer"));
  CHECK_THROWS_WITH(static_cast<void>(read_string_attribute(run, "real")),
                    Contains("is not a scalar string"));
}

TEST_CASE("attribute values print short", "[attributes]") {
  CHECK(to_text(std::string("abc")) == "\"abc\"");
  CHECK(to_text(std::string(100, 'x'), 10) == "\"xxxxxxxxxx… (100 chars)\"");
  CHECK(to_text(std::string("one\ntwo\tthree")) == "\"one\\ntwo\\tthree\"");
  // Cut at a character boundary: "é" is two bytes, and is not split.
  CHECK(to_text(std::string("aéb"), 2) == "\"a… (4 chars)\"");
  CHECK(to_text(0.1) == "0.1");
  CHECK(to_text(std::int64_t{-3}) == "-3");
  CHECK(to_text(std::vector<double>{1, 2.5}) == "[1, 2.5]");
  CHECK(to_text(std::vector<std::string>{"a", "b"}) == "[\"a\", \"b\"]");
  CHECK(to_text(std::vector<std::int64_t>{1, 2, 3, 4, 5, 6}, 6) == "[1, 2, 3, …] (6 values)");
}
