#include <catch2/catch.hpp>

#include "wijksim/engine/error.hpp"
#include "wijksim/engine/parameters.hpp"

using namespace wijksim::engine;

namespace {
struct Declared {
  std::shared_ptr<ParameterRegistry> registry = std::make_shared<ParameterRegistry>();
  ParameterKey<double> drift = registry->declare_real(
      "needs.drift_rate", "1/week", "recovery toward baseline", 0.02, 0.0, 1.0, "assumption: test");
  ParameterKey<std::int64_t> horizon = registry->declare_integer(
      "run.years", "years", "simulated years", 10, 1, 100, "MODEL.md §2");
  ParameterKey<bool> outreach = registry->declare_flag(
      "care.outreach_enabled", "teams visit unasked", false, "S4:L120");
};
}  // namespace

TEST_CASE("a frozen set returns defaults and validated values by key", "[parameters]") {
  Declared d;
  ParameterSetBuilder builder(d.registry);
  builder.set("needs.drift_rate", 0.05).set("run.years", std::int64_t{3}).set("care.outreach_enabled", true);
  builder.set("run.years", 4.0);  // a whole double is accepted for an integer
  const ParameterSet set = std::move(builder).freeze();
  CHECK(set.get(d.drift) == 0.05);
  CHECK(set.get(d.horizon) == 4);
  CHECK(set.get(d.outreach));
  CHECK_FALSE(set.is_default(0));
  CHECK(std::get<double>(set.value("needs.drift_rate")) == 0.05);
  CHECK(set.registry().size() == 3);

  const ParameterSet defaults = ParameterSetBuilder(d.registry).freeze();
  CHECK(defaults.get(d.drift) == 0.02);
  CHECK(defaults.is_default(0));
  CHECK(defaults.registry().spec(0).source == "assumption: test");
}

TEST_CASE("unknown names are errors with a suggestion", "[parameters][errors]") {
  Declared d;
  ParameterSetBuilder builder(d.registry);
  try {
    builder.set("needs.drfit_rate", 0.1);
    FAIL("no exception");
  } catch (const UnknownParameterError& e) {
    CHECK(e.suggestion() == "needs.drift_rate");
    CHECK(std::string(e.what()) ==
          "parameter 'needs.drfit_rate': expected a declared parameter name, found an unknown name "
          "(did you mean 'needs.drift_rate'?)");
  }
  // Right key, wrong topic: found by its last segment.
  CHECK(d.registry->closest_name("care.years") == "run.years");
  CHECK(d.registry->closest_name("something_else_entirely").empty());
  CHECK_THROWS_AS(ParameterSetBuilder(d.registry).freeze().value("nope"), UnknownParameterError);
}

TEST_CASE("out-of-range values name the parameter, the range and the value", "[parameters][errors]") {
  Declared d;
  ParameterSetBuilder builder(d.registry);
  CHECK_THROWS_MATCHES(builder.set("needs.drift_rate", 1.5), ParameterRangeError,
                       Catch::Message("parameter 'needs.drift_rate' (1/week): expected a number in "
                                      "[0, 1], found 1.5"));
  CHECK_THROWS_MATCHES(builder.set("run.years", std::int64_t{0}), ParameterRangeError,
                       Catch::Message("parameter 'run.years' (years): expected an integer in [1, "
                                      "100], found 0"));
  CHECK_THROWS_AS(builder.set("needs.drift_rate", std::nan("")), ParameterRangeError);
  // A failed set changes nothing.
  CHECK(std::get<double>(builder.current(0)) == 0.02);
}

TEST_CASE("wrong types are ParameterTypeErrors", "[parameters][errors]") {
  Declared d;
  ParameterSetBuilder builder(d.registry);
  CHECK_THROWS_MATCHES(builder.set("run.years", 2.5), ParameterTypeError,
                       Catch::Message("parameter 'run.years' (years): expected an integer, found 2.5"));
  CHECK_THROWS_MATCHES(builder.set("care.outreach_enabled", 1.0), ParameterTypeError,
                       Catch::Message("parameter 'care.outreach_enabled': expected true or false, found 1"));
  CHECK_THROWS_AS(builder.set("needs.drift_rate", true), ParameterTypeError);
}

TEST_CASE("declarations are checked: duplicates, sources, ranges", "[parameters][errors]") {
  ParameterRegistry r;
  (void)r.declare_real("a.b", "-", "", 0.5, 0.0, 1.0, "assumption: x");
  CHECK_THROWS_MATCHES(r.declare_real("a.b", "-", "", 0.5, 0.0, 1.0, "assumption: x"), DeclarationError,
                       Catch::Message("parameter 'a.b' declared twice"));
  CHECK_THROWS_WITH(r.declare_real("a.c", "-", "", 0.5, 0.0, 1.0, ""), Catch::Contains("has no source"));
  CHECK_THROWS_WITH(r.declare_real("a.d", "-", "", 2.0, 0.0, 1.0, "assumption: x"),
                    Catch::Contains("default 2 outside its own range [0, 1]"));
  CHECK_THROWS_WITH(r.declare_integer("a.e", "count", "", 1, 5, 0, "assumption: x"),
                    Catch::Contains("min 5 > max 0"));
  CHECK_THROWS_WITH(r.declare_real("a.f", "", "", 0.5, 0.0, 1.0, "assumption: x"), Catch::Contains("no unit"));
  CHECK(r.size() == 1);
}

TEST_CASE("values format so that they read back", "[parameters]") {
  CHECK(format_value(0.1) == "0.1");
  CHECK(format_value(std::int64_t{52}) == "52");
  CHECK(format_value(true) == "true");
  CHECK(to_string(ParameterType::integer) == "integer");
}
