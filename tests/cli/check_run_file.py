"""Reads a file written by `wijksim run reference --years 1 --seed 3 --threads 2 --panel
--panel-residents 40 --set population.dwellings_per_neighbourhood=600` with h5py (every
dataset, the completeness marks, the provenance, the event tables) and with xarray's h5netcdf
engine (named dimensions, labelled coordinates), and checks that the series agree with each
other and with the event logs.

Run with Debian's interpreter: /usr/bin/python3 check_run_file.py <file.h5>
"""
import re
import sys

import h5py
import numpy as np
import xarray as xr

RUN = "runs/r0"
TICKS = 52
FIRST_TICK = 52  # after the one-year warm-up
DOMAINS = ["finances", "work_daytime", "housing", "family", "mental_health", "physical_health",
           "addiction", "social_network"]
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def check_with_h5py(path):
    with h5py.File(path, "r") as f:
        check(text(f.attrs["format"]) == "wijksim", "root format attribute")
        check(int(f.attrs["format_version"]) == 1, "root format_version")
        check(int(f.attrs["complete"]) == 1, "root complete mark")
        check(list(f["runs"].keys()) == ["r0"], f"runs: {list(f['runs'].keys())}")
        run = f[RUN]
        check(int(run.attrs["complete"]) == 1, "run complete mark")

        # Every dataset reads whole; every series has one row per recorded tick.
        datasets = {}
        run.visititems(lambda name, obj: datasets.__setitem__(name, obj[()])
                       if isinstance(obj, h5py.Dataset) else None)
        check(len(datasets) > 40, f"only {len(datasets)} datasets")
        tick = datasets["tick"]
        check(list(tick) == list(range(FIRST_TICK, FIRST_TICK + TICKS)), f"tick values {tick[:3]}…")
        check(text(run["tick"].attrs["units"]) == "weeks", "tick units")
        check(run["tick"].maxshape == (None,), "tick is unlimited")
        for name, obj in run.items():
            if not isinstance(obj, h5py.Dataset) or name == "tick":
                continue
            if "DIMENSION_LIST" in obj.attrs:  # a series (not a fixed dimension's scale)
                check(obj.shape[0] == TICKS, f"{name}: {obj.shape[0]} ticks")
                check(obj.maxshape[0] is None, f"{name} is not extendible along tick")
                for key in ("units", "long_name", "description"):
                    check(key in obj.attrs and text(obj.attrs[key]) != "", f"{name}: no {key}")
                check(obj.compression == "gzip" and obj.shuffle, f"{name}: not shuffle+deflate")
        check(list(datasets["domain"].astype(str)) == DOMAINS
              if datasets["domain"].dtype.kind == "U" else
              [text(d) for d in datasets["domain"]] == DOMAINS, "domain labels")
        check(list(datasets["score"]) == [1, 2, 3, 4, 5], "score values")
        check(list(datasets["professionals"]) == list(range(11)), "professionals values")

        # The series agree with each other.
        population = datasets["population"]
        check(population.dtype == np.int64, f"population dtype {population.dtype}")
        check(np.all(population > 500), "population of 600 dwellings")
        check(np.array_equal(datasets["self_reliance"].sum(axis=3),
                             np.repeat(population[:, :, None], 8, axis=2)),
              "self_reliance sums to the population in every domain")
        check(np.array_equal(datasets["households_by_professionals"].sum(axis=2),
                             datasets["households"]), "professionals histogram sums to households")
        check(np.all(datasets["multi_problem_households_by_professionals"]
                     <= datasets["households_by_professionals"]), "multi-problem households are a subset")
        check(np.array_equal(datasets["residents_by_cohort"].sum(axis=2), population),
              "cohorts sum to the population")
        stayers = datasets["residents_by_cohort"][:, 0, 0]
        check(np.all(np.diff(stayers) <= 0), "stayers only leave")
        sev = datasets["severity_mean"]
        check(np.all((sev >= 0) & (sev <= 1)), "mean severity in [0, 1]")
        check(datasets["cost"].shape == (TICKS, len(datasets["payer"]), len(datasets["tier"])),
              f"cost shape {datasets['cost'].shape}")
        check(datasets["cost"].sum() > 0, "costs booked")
        check(np.all(datasets["carers"] >= datasets["overburdened_carers"]), "overburdened carers are carers")

        # Event tables: compound rows with enumerations, agreeing with the series.
        incidents = run["events/incidents"][()]
        check(h5py.check_enum_dtype(incidents.dtype["kind"]) is not None, "incident kind is an enum")
        check(len(incidents) == datasets["incidents"].sum(),
              f"{len(incidents)} incident rows vs {datasets['incidents'].sum()} in the series")
        check(len(incidents) > 0, "no incidents in a year")
        check(np.all((incidents["tick"] >= FIRST_TICK) & (incidents["tick"] < FIRST_TICK + TICKS)),
              "incidents within the recorded ticks")
        episodes = run["events/episodes"][()]
        labels = {v: k for k, v in h5py.check_enum_dtype(episodes.dtype["event"]).items()}
        started = np.count_nonzero(episodes["event"] == [k for k, v in labels.items() if v == "started"][0])
        check(started == datasets["episodes_started"].sum(),
              f"{started} started rows vs {datasets['episodes_started'].sum()} in the series")
        ended = np.count_nonzero(episodes["event"] == [k for k, v in labels.items() if v == "ended"][0])
        check(ended == datasets["episodes_ended"].sum(), "ended rows vs episodes_ended")
        check(started > 0, "no episodes started in a year")

        # Panels: sampled every 4 weeks for 40 residents.
        panels = run["panels"]
        check(list(panels["panel_tick"][()]) == list(range(FIRST_TICK, FIRST_TICK + TICKS, 4)), "panel ticks")
        check(panels["resident"].shape == (40,), f"panel residents {panels['resident'].shape}")
        check(panels["severity"].shape == (13, 40, 8), f"panel shape {panels['severity'].shape}")
        check(panels["severity"].dtype == np.float32, "panel dtype")

        # Provenance.
        attrs = run.attrs
        check(int(attrs["seed"]) == 3, "seed")
        check(text(attrs["run_id"]) == "r0", "run_id")
        check(text(attrs["scenario_name"]) == "reference (built-in defaults)", "scenario_name")
        scenario_text = text(attrs["scenario_text"])
        check("population.dwellings_per_neighbourhood = 600" in scenario_text, "overrides in scenario_text")
        check("run.years = 1" in scenario_text, "--years in scenario_text")
        check(text(attrs["program_version"]).startswith("wijksim "), "program_version")
        check(text(attrs["compiler"]) != "", "compiler")
        check(text(attrs["build_type"]) != "", "build_type")
        check(int(attrs["threads"]) == 2, "threads")
        check(ISO.match(text(attrs["start_time"])) is not None, "start_time ISO 8601")
        check(ISO.match(text(attrs["end_time"])) is not None, "end_time ISO 8601")
        parameters = run["provenance/parameters"]
        names = [text(n) for n in parameters["parameter"][()]]
        values = dict(zip(names, (text(v) for v in parameters["value"][()])))
        sources = dict(zip(names, (text(v) for v in parameters["source"][()])))
        units = dict(zip(names, (text(v) for v in parameters["unit"][()])))
        check(len(names) > 100, f"only {len(names)} parameters")
        check(values.get("run.years") == "1", "run.years resolved to 1")
        check(values.get("population.dwellings_per_neighbourhood") == "600", "dwellings resolved to 600")
        check(sources.get("run.years") == "scenario <command line>", f"source of run.years: {sources.get('run.years')}")
        check(units.get("run.years") == "years", "unit of run.years")
        check(all(s != "" for s in sources.values()), "every parameter has a source")
        check(not sources.get("needs.drift_per_week", "scenario").startswith("scenario"),
              "an unset parameter keeps its declared source")


def check_with_xarray(path):
    with xr.open_dataset(path, engine="h5netcdf", group=RUN) as ds:
        check(ds.dims["tick"] == TICKS, f"xarray tick length {ds.dims['tick']}")
        check(ds.severity_mean.dims == ("tick", "neighbourhood", "domain"), f"dims {ds.severity_mean.dims}")
        check(ds.self_reliance.dims == ("tick", "neighbourhood", "domain", "score"), "self_reliance dims")
        check(ds.cost.dims == ("tick", "payer", "tier"), "cost dims")
        check(ds.waiting_official.dims == ("tick", "organisation"), "waiting_official dims")
        check(ds.episodes_ended.dims == ("tick",), "episodes_ended dims")
        housing = ds.severity_mean.sel(domain="housing", neighbourhood="n0")
        check(housing.shape == (TICKS,), "sel by labels")
        crisis = ds.self_reliance.sel(score=1).sum(("neighbourhood", "domain"))
        check(int(crisis.sum()) >= 0, "sel by integer coordinate")
        check(float(ds.cost.sel(payer="health_insurer").sum()) >= 0.0, "sel payer")
        check(ds.population.dtype == np.int64, f"counts stay integers in xarray ({ds.population.dtype})")
        check(int(ds.attrs["seed"]) == 3, "provenance in ds.attrs")
        check(ds.tick.attrs.get("units") == "weeks", "tick units in xarray")
        for name in ds.data_vars:
            ds[name].values  # every variable loads
        check(len(ds.data_vars) >= 30, f"{len(ds.data_vars)} data variables")
    with xr.open_dataset(path, engine="h5netcdf", group=RUN + "/panels") as panels:
        check(panels.severity.dims == ("panel_tick", "resident", "domain"), f"panel dims {panels.severity.dims}")
        first = panels.severity.isel(panel_tick=0).sel(domain="finances")
        check(bool(np.all(np.isfinite(first.values))), "every sampled resident present at the first sample")
    with xr.open_dataset(path, engine="h5netcdf", group=RUN + "/provenance/parameters") as parameters:
        years = parameters.value.sel(parameter="run.years").item()
        check(text(years) == "1", f"parameter table via xarray: run.years = {years}")


def main():
    if len(sys.argv) != 2:
        print("usage: check_run_file.py <file.h5>")
        return 2
    check_with_h5py(sys.argv[1])
    check_with_xarray(sys.argv[1])
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    print("h5py and xarray read every dataset; series, events and provenance agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
