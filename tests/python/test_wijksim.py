"""Unit tests of the wijksim Python package (analysis/python/wijksim) against real files:
a run written by `wijksim run`, a comparison file (the layout of `wijksim compare --out`) and
a merged sweep file written here with h5py (tests/python/fixtures.py).

Environment: WIJKSIM_TEST_RUN_FILE, WIJKSIM_TEST_COMPARE_FILE, WIJKSIM_TEST_SCRATCH (a
directory this test may empty), PYTHONPATH with analysis/python and tests/python.
Run with Debian's interpreter: /usr/bin/python3 -m unittest -v test_wijksim
"""
import math
import os
import shutil
import unittest

import h5py
import numpy as np
import pandas as pd
import xarray as xr

import fixtures
import wijksim

RUN_FILE = os.environ.get("WIJKSIM_TEST_RUN_FILE", "")
COMPARE_FILE = os.environ.get("WIJKSIM_TEST_COMPARE_FILE", "")
SCRATCH = os.environ.get("WIJKSIM_TEST_SCRATCH", "")
TICKS = 52  # the run file: one recorded year
FIRST_TICK = 52  # after the one-year warm-up
COMPARE_YEARS = 4  # the comparison file: years long enough for projects to end


def setUpModule():
    for name, value in (("WIJKSIM_TEST_RUN_FILE", RUN_FILE), ("WIJKSIM_TEST_COMPARE_FILE", COMPARE_FILE),
                        ("WIJKSIM_TEST_SCRATCH", SCRATCH)):
        if not value:
            raise RuntimeError(f"set {name}")
    shutil.rmtree(SCRATCH, ignore_errors=True)
    os.makedirs(SCRATCH)


def scratch(name):
    return os.path.join(SCRATCH, name)


class Statistics(unittest.TestCase):
    def test_t_quantiles_match_the_cpp_table_and_expansion(self):
        self.assertEqual(wijksim.student_t_975(1), 12.706)
        self.assertEqual(wijksim.student_t_975(30), 2.042)
        self.assertAlmostEqual(wijksim.student_t_975(31), 2.0395, places=3)
        self.assertAlmostEqual(wijksim.student_t_975(1000), 1.9623, places=3)
        self.assertTrue(math.isnan(wijksim.student_t_975(0)))

    def test_mean_interval_of_three_replicates(self):
        # The example of scenarios/.../interval_estimate.hpp: 0.127 [0.075, 0.178].
        values = xr.DataArray([0.12, 0.15, 0.11], dims="replicate")
        s = wijksim.mean_interval(values)
        self.assertAlmostEqual(float(s["mean"]), 0.12667, places=4)
        self.assertAlmostEqual(float(s["low"]), 0.0750, places=3)
        self.assertAlmostEqual(float(s["high"]), 0.1784, places=3)
        self.assertEqual(int(s["n"]), 3)

    def test_mean_interval_leaves_out_nan_and_needs_two_values(self):
        values = xr.DataArray([[1.0, np.nan, 3.0], [2.0, np.nan, np.nan]], dims=("tick", "replicate"))
        s = wijksim.mean_interval(values)
        self.assertEqual(list(s["n"].values), [2, 1])
        self.assertEqual(list(s["mean"].values), [2.0, 2.0])
        self.assertAlmostEqual(float(s["high"][0]), 2.0 + 12.706 * math.sqrt(2) / math.sqrt(2), places=6)
        self.assertTrue(np.isnan(s["low"][1]) and np.isnan(s["high"][1]))


class Reduction(unittest.TestCase):
    def setUp(self):
        coords = {"neighbourhood": ["n0", "n1"], "domain": ["a", "b"]}
        self.mean = xr.DataArray([[0.2, 0.4], [np.nan, np.nan]], dims=("neighbourhood", "domain"),
                                 coords=coords, name="severity_mean")
        self.population = xr.DataArray([100, 0], dims="neighbourhood",
                                       coords={"neighbourhood": ["n0", "n1"]}, name="population")

    def test_counts_are_summed(self):
        counts = xr.DataArray([[1, 2], [3, 4]], dims=("neighbourhood", "domain"), name="incidents")
        self.assertEqual(list(wijksim.reduce_series(counts, ("neighbourhood",)).values), [4, 6])

    def test_means_are_weighted_and_nan_is_nobody(self):
        reduced = wijksim.reduce_series(self.mean, ("neighbourhood",), self.population)
        self.assertEqual(list(reduced.values), [0.2, 0.4])
        weights = self.population.copy(data=[100, 300])
        means = self.mean.copy(data=[[0.2, 0.4], [0.6, 0.8]])
        np.testing.assert_allclose(wijksim.reduce_series(means, ("neighbourhood",), weights).values,
                                   [0.5, 0.7])

    def test_dimensions_the_weight_lacks_are_averaged_plainly(self):
        reduced = wijksim.reduce_series(self.mean, ("neighbourhood", "domain"), self.population)
        self.assertAlmostEqual(float(reduced), 0.3)

    def test_the_weight_rules_of_the_schema(self):
        self.assertEqual(wijksim.MEAN_WEIGHTS["severity_mean"], "population")
        self.assertEqual(wijksim.MEAN_WEIGHTS["trust_mean"], "population")
        self.assertEqual(wijksim.MEAN_WEIGHTS["caseload_mean"], "professional_fte")


class RunFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = wijksim.open_run(RUN_FILE)

    def test_list_runs(self):
        runs = wijksim.list_runs(RUN_FILE)
        self.assertEqual(list(runs.run_id), ["r0"])
        row = runs.iloc[0]
        self.assertTrue(row.complete)
        self.assertEqual(row.seed, 5)
        self.assertEqual(row.ticks, TICKS)
        self.assertIn("reference", row.scenario)
        self.assertNotIn("arm", runs.columns)

    def test_open_run_has_named_dimensions_and_provenance(self):
        ds = self.ds
        self.assertEqual(list(ds.tick.values), list(range(FIRST_TICK, FIRST_TICK + TICKS)))
        self.assertEqual(ds.population.dims, ("tick", "neighbourhood"))
        self.assertEqual(ds.population.dtype, np.int64)
        self.assertEqual(ds.severity_mean.dims, ("tick", "neighbourhood", "domain"))
        self.assertEqual(ds.severity_mean.sel(domain="housing").shape, (TICKS, ds.sizes["neighbourhood"]))
        self.assertEqual(ds.attrs["seed"], 5)
        self.assertEqual(ds.attrs["run_id"], "r0")
        self.assertTrue(ds.attrs["program_version"].startswith("wijksim"))
        self.assertIn("population.dwellings_per_neighbourhood", ds.attrs["scenario_text"])
        self.assertEqual(ds.attrs["file"], RUN_FILE)
        self.assertTrue(np.all(ds.population.values > 300))

    def test_open_run_by_id_and_a_missing_id(self):
        self.assertEqual(wijksim.open_run(RUN_FILE, "r0").attrs["run_id"], "r0")
        with self.assertRaises(wijksim.WijksimFileError) as caught:
            wijksim.open_run(RUN_FILE, "r9")
        self.assertIn(RUN_FILE, str(caught.exception))
        self.assertIn("no run 'r9' (runs: r0)", str(caught.exception))

    def test_run_parameters(self):
        parameters = wijksim.run_parameters(RUN_FILE)
        self.assertEqual(list(parameters.columns), ["name", "value", "unit", "source"])
        self.assertGreater(len(parameters), 50)
        row = parameters.set_index("name").loc["population.dwellings_per_neighbourhood"]
        self.assertEqual(float(row.value), 400.0)
        self.assertIn("command line", row.source)
        self.assertEqual(float(parameters.set_index("name").loc["run.years", "value"]), 1.0)
        self.assertTrue(parameters.name.is_unique)

    def test_incident_events_have_labelled_kinds(self):
        events = wijksim.run_events(RUN_FILE, "r0", "incidents")
        with h5py.File(RUN_FILE, "r") as f:
            raw = f["runs/r0/events/incidents"][()]
            mapping = h5py.check_enum_dtype(f["runs/r0/events/incidents"].dtype.fields["kind"][0])
        self.assertEqual(list(events.columns), list(raw.dtype.names))
        self.assertEqual(len(events), len(raw))
        self.assertIsInstance(events["kind"].dtype, pd.CategoricalDtype)
        self.assertEqual(list(events["kind"].cat.categories), sorted(mapping, key=mapping.get))
        by_value = {v: k for k, v in mapping.items()}
        self.assertEqual(list(events["kind"].astype(str)), [by_value[v] for v in raw["kind"]])
        self.assertEqual(len(events), int(self.ds.incidents.sum()))
        self.assertEqual(list(self.ds.incident_kind.values), list(events["kind"].cat.categories))

    def test_episode_events(self):
        episodes = wijksim.run_events(RUN_FILE, table="episodes")
        self.assertGreater(len(episodes), 0)
        self.assertIn("started", set(episodes.event.astype(str)))
        started = int(self.ds.episodes_started.sum())
        self.assertEqual(int((episodes.event == "started").sum()), started)

    def test_a_missing_event_table_is_named(self):
        with self.assertRaises(wijksim.WijksimFileError) as caught:
            wijksim.run_events(RUN_FILE, "r0", "meetings")
        self.assertIn("no event table 'meetings' (tables: incidents, episodes", str(caught.exception))

    def test_tidy_has_a_column_per_dimension_and_year(self):
        frame = wijksim.tidy(self.ds, "severity_mean")
        self.assertEqual(list(frame.columns), ["tick", "year", "neighbourhood", "domain", "value"])
        self.assertEqual(len(frame), self.ds.severity_mean.size)
        self.assertEqual(frame.year.min(), 0.0)
        self.assertAlmostEqual(frame.year.max(), (TICKS - 1) / 52)
        row = frame[(frame.tick == FIRST_TICK + 3) & (frame.domain == "family")].iloc[0]
        self.assertEqual(row.value, float(self.ds.severity_mean.sel(tick=FIRST_TICK + 3, domain="family",
                                                                    neighbourhood=row.neighbourhood)))
        scalar = wijksim.tidy(self.ds.intakes)
        self.assertEqual(list(scalar.columns), ["tick", "year", "value"])
        with self.assertRaises(ValueError):
            wijksim.tidy(self.ds)

    def test_list_series(self):
        series = wijksim.list_series(RUN_FILE).set_index("name")
        self.assertEqual(series.loc["population", "dims"], ("tick", "neighbourhood"))
        self.assertEqual(series.loc["cost", "units"], "EUR")
        self.assertNotIn("tick", series.index)
        self.assertEqual(set(series.index), set(self.ds.data_vars))

    def test_run_series_weights_trust_by_population(self):
        trust = wijksim.run_series(RUN_FILE, "trust_mean")
        self.assertEqual(trust.dims, ("run", "tick"))
        expected = ((self.ds.trust_mean * self.ds.population).sum("neighbourhood")
                    / self.ds.population.sum("neighbourhood"))
        np.testing.assert_allclose(trust.sel(run="r0").values, expected.values)
        self.assertEqual(float(trust.year[-1]), (TICKS - 1) / 52)


def write_copy(name, change):
    """A copy of the run file with `change(h5py.File)` applied."""
    path = scratch(name)
    shutil.copyfile(RUN_FILE, path)
    with h5py.File(path, "a") as f:
        change(f)
    return path


class Refusals(unittest.TestCase):
    def assertRefused(self, call, path, *fragments):
        with self.assertRaises(wijksim.WijksimFileError) as caught:
            call(path)
        message = str(caught.exception)
        self.assertTrue(message.startswith(str(path) + ": "), message)
        for fragment in fragments:
            self.assertIn(fragment, message)
        self.assertEqual(caught.exception.path, str(path))

    def test_missing_file_and_directory(self):
        self.assertRefused(wijksim.open_run, scratch("nothing.h5"), "no such file")
        self.assertRefused(wijksim.list_runs, SCRATCH, "is a directory")

    def test_not_hdf5(self):
        for name, data in (("empty.h5", b""), ("text.h5", b"tick,value\n52,1\n")):
            with open(scratch(name), "wb") as f:
                f.write(data)
            self.assertRefused(wijksim.open_run, scratch(name), "not an HDF5 file")
        with open(RUN_FILE, "rb") as f:
            head = f.read(4096)
        with open(scratch("truncated.h5"), "wb") as f:
            f.write(head)
        with self.assertRaises(wijksim.WijksimFileError):
            wijksim.open_run(scratch("truncated.h5"))

    def test_foreign_hdf5(self):
        with h5py.File(scratch("foreign.h5"), "w") as f:
            f["data"] = np.arange(3)
        self.assertRefused(wijksim.open_run, scratch("foreign.h5"), "not a wijksim results file")
        self.assertRefused(wijksim.open_comparison, scratch("foreign.h5"), "not a wijksim results file")

    def test_other_format_version(self):
        path = write_copy("version2.h5", lambda f: f.attrs.__setitem__("format_version", np.int64(2)))
        self.assertRefused(wijksim.list_runs, path, "format version 2", "knows version 1")

    def test_incomplete_file(self):
        path = write_copy("incomplete.h5", lambda f: f.attrs.__delitem__("complete"))
        for call in (wijksim.open_run, wijksim.list_runs, wijksim.run_parameters):
            self.assertRefused(call, path, "incomplete")
        path = write_copy("zero.h5", lambda f: f.attrs.__setitem__("complete", np.int64(0)))
        self.assertRefused(wijksim.open_run, path, "incomplete")

    def test_incomplete_run(self):
        path = write_copy("run_unfinished.h5", lambda f: f["runs/r0"].attrs.__setitem__("complete", np.int64(0)))
        self.assertFalse(wijksim.list_runs(path).complete.iloc[0])
        self.assertRefused(lambda p: wijksim.open_run(p, "r0"), path, "run 'r0' is incomplete")
        self.assertRefused(wijksim.open_run, path, "holds no complete run")

    def test_wrong_kind(self):
        self.assertRefused(wijksim.open_comparison, RUN_FILE, "holds a run, not a comparison")
        self.assertRefused(wijksim.open_sweep, RUN_FILE, "holds a run, not a sweep")
        self.assertRefused(wijksim.open_sweep, COMPARE_FILE, "holds a comparison, not a sweep")
        self.assertRefused(lambda p: wijksim.arm_series(p, "population"), RUN_FILE, "not a comparison")

    def test_a_missing_series_is_named(self):
        self.assertRefused(lambda p: wijksim.run_series(p, "happiness"), RUN_FILE,
                           "has no series 'happiness'", "population")


class Comparison(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = wijksim.open_comparison(COMPARE_FILE)
        cls.arms = [str(a) for a in cls.ds.arm.values]
        cls.replicates = cls.ds.sizes["replicate"]
        cls.ticks = 52 * COMPARE_YEARS

    def test_the_table_has_named_coordinates(self):
        ds = self.ds
        self.assertEqual(self.arms[0], "expert_carousel")
        self.assertGreaterEqual(len(self.arms), 2)
        self.assertGreaterEqual(self.replicates, 2)
        self.assertEqual(ds.headline.dims, ("arm", "replicate", "measure"))
        self.assertIn("crisis_share", list(ds.measure.values))
        self.assertEqual(ds.attrs["replicates"], self.replicates)
        self.assertEqual(ds.attrs["years"], COMPARE_YEARS)
        self.assertIn("seed", ds.attrs)

    def test_means_and_intervals_agree_with_the_replicates(self):
        ds = self.ds
        ours = wijksim.mean_interval(ds.headline)
        np.testing.assert_allclose(ds["mean"].values, ours["mean"].values, rtol=1e-9)
        np.testing.assert_allclose(ds["low"].values, ours["low"].values, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(ds["high"].values, ours["high"].values, rtol=1e-6, atol=1e-9)
        self.assertTrue(np.all(np.isnan(ds.difference_mean.isel(arm=0).values)))
        paired = wijksim.mean_interval(ds.headline - ds.headline.isel(arm=0))
        np.testing.assert_allclose(ds.difference_mean.isel(arm=slice(1, None)).values,
                                   paired["mean"].isel(arm=slice(1, None)).values, rtol=1e-9, atol=1e-12)

    def test_headline_table(self):
        table = wijksim.headline_table(COMPARE_FILE)
        self.assertEqual(len(table), len(self.arms) * self.ds.sizes["measure"])
        self.assertEqual(list(table.columns), ["arm", "measure", "label", "unit", "mean", "low", "high",
                                               "difference_mean", "difference_low", "difference_high"])
        self.assertEqual(list(dict.fromkeys(table.arm)), self.arms)
        row = table[(table.arm == self.arms[1]) & (table.measure == "crisis_share")].iloc[0]
        self.assertEqual(row.label, "residents in crisis")
        self.assertEqual(row["mean"], float(self.ds["mean"].sel(arm=self.arms[1], measure="crisis_share")))
        self.assertTrue(all(not label.startswith(" ") for label in table.label))

    def test_list_runs_of_a_comparison(self):
        runs = wijksim.list_runs(COMPARE_FILE)
        self.assertEqual(len(runs), len(self.arms) * self.replicates)
        self.assertEqual(list(runs.arm), [a for a in self.arms for _ in range(self.replicates)])
        self.assertEqual(list(runs.replicate), list(range(self.replicates)) * len(self.arms))
        self.assertEqual(list(runs.run_id), [str(r) for r in self.ds.run_id.values.ravel()])
        self.assertEqual(runs.run_id.iloc[0], "expert_carousel-r0")

    def test_arm_series_sums_counts_over_neighbourhoods(self):
        population = wijksim.arm_series(COMPARE_FILE, "population")
        self.assertEqual(population.dims, ("arm", "replicate", "tick"))
        self.assertEqual(list(population.arm.values), self.arms)
        self.assertEqual(population.shape, (len(self.arms), self.replicates, self.ticks))
        self.assertEqual(population.dtype, np.int64)
        run_id = str(self.ds.run_id.sel(arm=self.arms[1], replicate=1).item())
        run = wijksim.open_run(COMPARE_FILE, run_id)
        self.assertEqual(run.attrs["arm"], self.arms[1])
        self.assertEqual(run.attrs["replicate"], 1)
        np.testing.assert_array_equal(population.sel(arm=self.arms[1], replicate=1).values,
                                      run.population.sum("neighbourhood").values)
        self.assertEqual(float(population.year[0]), 0.0)

    def test_arm_series_weights_severity_by_population(self):
        severity = wijksim.arm_series(COMPARE_FILE, "severity_mean")
        self.assertEqual(severity.dims, ("arm", "replicate", "tick", "domain"))
        run = wijksim.open_run(COMPARE_FILE, str(self.ds.run_id.values[-1, -1]))
        expected = ((run.severity_mean * run.population).sum("neighbourhood")
                    / run.population.sum("neighbourhood"))
        np.testing.assert_allclose(severity.isel(arm=-1, replicate=-1).values, expected.values)
        kept = wijksim.arm_series(COMPARE_FILE, "severity_mean", reduce_dims=())
        self.assertEqual(kept.dims, ("arm", "replicate", "tick", "neighbourhood", "domain"))
        cost = wijksim.arm_series(COMPARE_FILE, "cost", reduce_dims=("payer", "tier"))
        np.testing.assert_allclose(cost.isel(arm=-1, replicate=-1).values, run.cost.sum(("payer", "tier")).values)

    def test_arm_summary(self):
        summary = wijksim.arm_summary(COMPARE_FILE, "trust_mean")
        self.assertEqual(list(summary.columns), ["arm", "tick", "year", "mean", "low", "high", "n"])
        self.assertEqual(len(summary), len(self.arms) * self.ticks)
        self.assertTrue((summary.n == self.replicates).all())
        self.assertTrue(((summary.low <= summary["mean"]) & (summary["mean"] <= summary.high)).all())
        trust = wijksim.arm_series(COMPARE_FILE, "trust_mean")
        first = summary[(summary.arm == self.arms[1]) & (summary.tick == FIRST_TICK)].iloc[0]
        self.assertAlmostEqual(first["mean"], float(trust.sel(arm=self.arms[1]).isel(tick=0).mean()))
        differences = wijksim.arm_summary(COMPARE_FILE, "trust_mean", difference_from_first=True)
        self.assertEqual(list(dict.fromkeys(differences.arm)), self.arms[1:])


class CostBenefit(unittest.TestCase):
    """wijksim.cost_benefit on the 2x2 comparison file, checked against the runs' own `cost`
    series (tick, payer, tier): costs are the intervention tiers' extra euro, benefits the
    consequence tiers' (incidents, income_support) avoided euro, per recorded year."""

    PAYERS = ["municipality_youth", "municipality_social_support", "municipality_work_income", "health_insurer",
              "long_term_care_fund", "housing_corporation", "police_justice"]

    @classmethod
    def setUpClass(cls):
        cls.ledger, cls.summary = wijksim.cost_benefit(COMPARE_FILE)
        cls.arms = [str(a) for a in wijksim.open_comparison(COMPARE_FILE).arm.values]

    def test_the_ledger_is_tidy(self):
        ledger = self.ledger
        self.assertEqual(list(ledger.columns), ["arm", "replicate", "year", "payer", "quantity", "value"])
        self.assertEqual(ledger.attrs["baseline"], self.arms[0])
        self.assertEqual(list(dict.fromkeys(ledger.arm)), self.arms[1:])
        self.assertEqual(sorted(set(ledger.year)), list(range(COMPARE_YEARS)))
        self.assertEqual(list(dict.fromkeys(ledger.payer)), self.PAYERS)
        self.assertEqual(list(dict.fromkeys(ledger.quantity)), ["costs", "benefits", "net"])
        self.assertEqual(len(ledger), (len(self.arms) - 1) * 2 * COMPARE_YEARS * len(self.PAYERS) * 3)
        self.assertTrue(np.all(np.isfinite(ledger.value)))
        wide = ledger.pivot_table(index=["arm", "replicate", "year", "payer"], columns="quantity", values="value")
        np.testing.assert_allclose(wide.net, wide.benefits - wide.costs, rtol=1e-12, atol=1e-6)

    def test_the_ledger_matches_the_runs_cost_series(self):
        cost = wijksim.arm_series(COMPARE_FILE, "cost", reduce_dims=())  # (arm, replicate, tick, payer, tier)
        consequences = cost.sel(tier=["incidents", "income_support"]).sum("tier")
        interventions = cost.sum("tier") - consequences
        year = ((cost.tick - cost.tick.min()) // 52).rename("year")
        interventions = interventions.groupby(year).sum()
        consequences = consequences.groupby(year).sum()
        expected = {"costs": interventions - interventions.sel(arm=self.arms[0]),
                    "benefits": consequences.sel(arm=self.arms[0]) - consequences}
        ours = self.ledger.set_index(["arm", "replicate", "year", "payer", "quantity"])["value"].to_xarray()
        for quantity, values in expected.items():
            for arm in self.arms[1:]:
                difference = values.sel(arm=arm) - ours.sel(arm=arm, quantity=quantity)
                self.assertLess(float(abs(difference).max()), 1e-6 * max(1.0, float(abs(values).max())), (arm, quantity))
        # The neighbourhood team moves spending between silos: some payer's costs go up, some go down.
        wrap = ours.sel(arm="wraparound_durable", quantity="costs").mean(["replicate", "year"])
        self.assertGreater(float(wrap.max()), 0.0)
        self.assertLess(float(wrap.min()), 0.0)

    def test_the_summary_is_the_mean_of_the_replicates_yearly_means(self):
        summary = self.summary
        self.assertEqual(list(summary.columns), ["arm", "payer", "quantity", "mean", "low", "high", "ratio", "ratio_note"])
        self.assertEqual(list(dict.fromkeys(summary.payer)), self.PAYERS + [wijksim.ALL_PAYERS])
        horizon = self.ledger.groupby(["arm", "replicate", "payer", "quantity"], sort=False).value.mean()
        by_payer = horizon.groupby(["arm", "payer", "quantity"], sort=False).mean()
        all_payers = horizon.groupby(["arm", "replicate", "quantity"], sort=False).sum().groupby(["arm", "quantity"]).mean()
        for row in summary.itertuples():
            want = all_payers[(row.arm, row.quantity)] if row.payer == wijksim.ALL_PAYERS else by_payer[(row.arm, row.payer, row.quantity)]
            self.assertAlmostEqual(row.mean, want, delta=1e-6 * max(1.0, abs(want)), msg=(row.arm, row.payer, row.quantity))
            self.assertLessEqual(row.low, row.mean)
            self.assertGreaterEqual(row.high, row.mean)
        wide = summary.pivot_table(index=["arm", "payer"], columns="quantity", values="mean")
        ratios = summary.drop_duplicates(["arm", "payer"]).set_index(["arm", "payer"])
        for (arm, payer), row in wide.iterrows():
            ratio, note = ratios.loc[(arm, payer), "ratio"], ratios.loc[(arm, payer), "ratio_note"]
            if row.costs > 0:
                self.assertAlmostEqual(ratio, row.benefits / row.costs, places=9)
                self.assertEqual(note, "")
            else:
                self.assertTrue(math.isnan(ratio))
                self.assertTrue(note.startswith("undefined ("), note)

    def test_a_file_without_the_ledger_is_named(self):
        path = scratch("no-ledger.h5")
        shutil.copy(COMPARE_FILE, path)
        with h5py.File(path, "r+") as f:
            del f["comparison/cost_benefit"]
        with self.assertRaisesRegex(wijksim.WijksimFileError, "no cost-benefit ledger"):
            wijksim.cost_benefit(path)
        with self.assertRaisesRegex(wijksim.WijksimFileError, "not a comparison"):
            wijksim.cost_benefit(RUN_FILE)


class Sweep(unittest.TestCase):
    PARAMETERS = ["care.integration", "informal.ask_probability", "crisis_share"]
    OUTCOMES = ["crisis_share", "cost_per_resident_per_year"]

    @classmethod
    def setUpClass(cls):
        cls.path = scratch("sweep.h5")
        cls.run_ids = fixtures.write_sweep(cls.path, RUN_FILE, cls.PARAMETERS, cls.OUTCOMES,
                                           points=3, replicates=2, arms=("expert", "wraparound"),
                                           saltelli=True)

    def test_one_row_per_run_with_parameters_and_outcomes(self):
        frame = wijksim.open_sweep(self.path)
        self.assertEqual(list(frame.columns),
                         ["run_id", "point", "arm", "arm_index", "replicate", "saltelli_matrix",
                          "care.integration", "informal.ask_probability", "parameter.crisis_share",
                          "outcome.crisis_share", "cost_per_resident_per_year"])
        self.assertEqual(list(frame.run_id), self.run_ids)
        self.assertEqual(len(frame), 12)
        self.assertEqual(list(frame.arm[:6]), ["expert"] * 6)
        self.assertEqual(list(frame.point[:6]), [0, 0, 1, 1, 2, 2])
        self.assertEqual(list(frame.replicate[:4]), [0, 1, 0, 1])
        self.assertEqual(frame.loc[2, "informal.ask_probability"], 1.1)
        self.assertEqual(frame.loc[5, "cost_per_resident_per_year"], 501.0)
        self.assertEqual(frame.attrs["parameters"],
                         ["care.integration", "informal.ask_probability", "parameter.crisis_share"])
        self.assertEqual(frame.attrs["outcomes"], ["outcome.crisis_share", "cost_per_resident_per_year"])
        self.assertEqual(frame.attrs["design"], "saltelli")
        self.assertEqual(frame.groupby("point")["outcome.crisis_share"].count().tolist(), [4, 4, 4])

    def test_without_saltelli_matrix(self):
        path = scratch("grid.h5")
        fixtures.write_sweep(path, RUN_FILE, ["a"], ["b"], points=2, replicates=1)
        frame = wijksim.open_sweep(path)
        self.assertEqual(list(frame.columns), ["run_id", "point", "arm", "arm_index", "replicate", "a", "b"])

    def test_the_fixture_is_netcdf_readable(self):
        ds = xr.open_dataset(self.path, engine="h5netcdf", group="sweep")
        self.assertEqual(ds.parameter_value.dims, ("run", "parameter"))
        self.assertEqual(list(ds.outcome.values), self.OUTCOMES)
        ds.close()

    def test_series_of_the_sweep_runs(self):
        crisis = wijksim.run_series(self.path, "residents_in_crisis")
        self.assertEqual(crisis.dims, ("run", "tick"))
        self.assertEqual(list(crisis.run.values), self.run_ids)
        self.assertEqual(list(crisis.arm.values[:2]), ["expert", "expert"])
        self.assertEqual(list(crisis.replicate.values[:2]), [0, 1])
        two = wijksim.run_series(self.path, "population", run_ids=self.run_ids[:2])
        self.assertEqual(two.sizes["run"], 2)

    def test_an_incomplete_or_malformed_sweep_is_refused(self):
        path = scratch("unfinished_sweep.h5")
        fixtures.write_sweep(path, RUN_FILE, ["a"], ["b"], points=1, replicates=1, complete=False)
        with self.assertRaises(wijksim.WijksimFileError) as caught:
            wijksim.open_sweep(path)
        self.assertIn("incomplete", str(caught.exception))
        path = scratch("no_outcomes.h5")
        fixtures.write_sweep(path, RUN_FILE, ["a"], ["b"], points=1, replicates=1)
        with h5py.File(path, "a") as f:
            del f["sweep/outcome_value"]
        with self.assertRaises(wijksim.WijksimFileError) as caught:
            wijksim.open_sweep(path)
        self.assertIn("outcome_value", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
