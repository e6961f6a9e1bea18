"""Reads the file write_sample_run wrote with h5py (every dataset, every value recomputed from
the writer's formulas) and with xarray's h5netcdf engine (named dimensions and coordinate
labels), and checks the attributes: format, complete marks, provenance.

Run with Debian's interpreter: /usr/bin/python3 check_sample_run.py <file.h5>
Keep the formulas in step with write_sample_run.cpp.
"""
import sys

import h5py
import numpy as np
import xarray as xr

TICKS = 130
EVENTS = 300
DOMAINS = ["finances", "housing", "physical_health", "mental_health", "social_network",
           "parenting", "work", "safety"]
NEIGHBOURHOODS = ["Centrum", "Noord", "Zuid-Oost", "Één-Wijk"]
PAYERS = ["municipality", "insurer", "housing_corporation", "police_justice"]
INCIDENT_KINDS = ["eviction", "out_of_home_placement", "crisis_admission", "police_callout"]
RESIDENTS = [17 * i + 3 for i in range(50)]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def expected(r):
    t = np.arange(TICKS)
    d = np.arange(8)
    severity = 0.01 * t[:, None] + 0.1 * d[None, :] + r
    severity[(t % 13 == 5), 2] = np.nan
    n = np.arange(4)
    hours = (t[:, None, None] + 10 * n[None, :, None] + 0.5 * d[None, None, :] + r)
    k = np.arange(4)
    res = np.array(RESIDENTS)
    panel = ((res % 100)[None, :, None] * 0.01 + t[:, None, None] * 0.001
             + d[None, None, :] * 0.1 + r)
    return {
        "tick": t.astype(np.int32),
        "population": (1000 + t + 100 * r).astype(np.int64),
        "mean_severity": severity,
        "care_hours": hours.astype(np.float32),
        "incidents": ((t[:, None] * 3 + k[None, :] + r) % 7).astype(np.int32),
        "cost": 100.0 * t[:, None] + k[None, :] + 0.25 * r,
        "panel": panel.astype(np.float32),
    }


def check_with_h5py(path):
    with h5py.File(path, "r") as f:
        check(text(f.attrs["format"]) == "wijksim", "root format attribute")
        check(int(f.attrs["format_version"]) == 1, "root format_version")
        check(int(f.attrs["complete"]) == 1, "root complete mark")
        check(sorted(f["runs"].keys()) == ["r1", "r2"], f"runs: {list(f['runs'].keys())}")
        seen = []
        f.visititems(lambda name, obj: seen.append(name) if isinstance(obj, h5py.Dataset) else None)
        read = set()
        for r, run_id in enumerate(["r1", "r2"]):
            g = f["runs"][run_id]
            e = expected(r)
            check(int(g.attrs["complete"]) == 1, f"{run_id} complete mark")
            # coordinates
            check(list(g["domain"].asstr()[:]) == DOMAINS, "domain labels")
            check(list(g["neighbourhood"].asstr()[:]) == NEIGHBOURHOODS, "neighbourhood labels")
            check(list(g["payer"].asstr()[:]) == PAYERS, "payer labels")
            check(list(g["incident_kind"].asstr()[:]) == INCIDENT_KINDS, "incident kinds")
            check(list(g["panels/resident"][:]) == RESIDENTS, "resident ids")
            check(g["tick"].maxshape == (None,), f"tick unlimited: {g['tick'].maxshape}")
            check(text(g["tick"].attrs["units"]) == "weeks", "tick units")
            np.testing.assert_array_equal(g["tick"][:], e["tick"])
            np.testing.assert_array_equal(g["population"][:], e["population"])
            np.testing.assert_array_equal(g["mean_severity"][:], e["mean_severity"])
            np.testing.assert_array_equal(g["care_hours"][:], e["care_hours"])
            np.testing.assert_array_equal(g["incidents"][:], e["incidents"])
            np.testing.assert_array_equal(g["cost"][:], e["cost"])
            np.testing.assert_array_equal(g["panels/severity"][:], e["panel"])
            for name in ["tick", "domain", "neighbourhood", "payer", "incident_kind",
                         "population", "mean_severity", "care_hours", "incidents", "cost",
                         "panels/resident", "panels/severity"]:
                read.add(f"runs/{run_id}/{name}")
            # dtypes, chunking and compression
            check(g["population"].dtype == np.int64, "population int64")
            check(g["mean_severity"].dtype == np.float64, "mean_severity float64")
            check(g["care_hours"].dtype == np.float32, "care_hours float32")
            check(g["incidents"].dtype == np.int32, "incidents int32")
            for name in ["population", "mean_severity", "care_hours", "incidents", "cost",
                         "panels/severity"]:
                ds = g[name]
                check(ds.chunks is not None, f"{name} chunked")
                check(ds.compression == "gzip" and ds.shuffle, f"{name} shuffle+deflate")
                check(ds.maxshape[0] is None, f"{name} unlimited along tick")
            check(g["cost"].compression_opts == 9, "cost deflate level 9")
            check(g["cost"].chunks == (TICKS, 4), f"cost chunks {g['cost'].chunks}")
            check(g["care_hours"].chunks == (8, 4, 8), f"care_hours chunks {g['care_hours'].chunks}")
            check(g["panels/severity"].chunks == (1, 16, 8),
                  f"panel chunks {g['panels/severity'].chunks}")
            check(np.isnan(g["mean_severity"].attrs["_FillValue"]), "_FillValue NaN")
            check(g["care_hours"].attrs["_FillValue"].dtype == np.float32, "_FillValue float32")
            check("_FillValue" not in g["incidents"].attrs, "no _FillValue on integers")
            check(text(g["care_hours"].attrs["units"]) == "hours per week", "care_hours units")
            check(text(g["mean_severity"].attrs["description"]) == "0 = self-reliant, 1 = crisis",
                  "description")
            # event table: a structured array
            events = g["events/incidents"][:]
            read.add(f"runs/{run_id}/events/incidents")
            check(events.dtype.names == ("tick", "kind", "neighbourhood", "household", "cost",
                                         "sequence"), f"event fields {events.dtype.names}")
            check(len(events) == EVENTS, f"{len(events)} events")
            i = np.arange(EVENTS)
            np.testing.assert_array_equal(events["tick"], i % TICKS)
            np.testing.assert_array_equal(events["kind"], i % 4)
            enum = h5py.check_enum_dtype(g["events/incidents"].dtype["kind"])
            check(enum == {name: v for v, name in enumerate(INCIDENT_KINDS)}, f"enum {enum}")
            names = [NEIGHBOURHOODS[j % 4].encode()[:12] for j in range(EVENTS)]
            check([bytes(n).rstrip(b"\0") for n in events["neighbourhood"]] == names,
                  "event neighbourhood strings")
            np.testing.assert_array_equal(events["household"], 1000 + 7 * i + r)
            np.testing.assert_array_equal(events["cost"], 250.5 * i + r)
            np.testing.assert_array_equal(events["sequence"], i.astype(np.uint32))
            check(events.dtype["sequence"] == np.uint32, "sequence uint32")
            # provenance
            a = g.attrs
            check(text(a["run_id"]) == run_id, "run_id")
            check(int(a["seed"]) == 12345678901234567890 + r, f"seed {a['seed']}")
            check(a["seed"].dtype == np.uint64, "seed uint64")
            check(text(a["scenario_name"]) == "sample.toml", "scenario_name")
            check(text(a["scenario_text"]).startswith("# a synthetic scenario — niet echt\n"),
                  "scenario_text (UTF-8, multi-line)")
            check(text(a["program_version"]) == "wijksim 0.1.0 (sample)", "program_version")
            check(text(a["compiler"]) == "GNU 12.2.0", "compiler")
            check(text(a["build_type"]) == "Release", "build_type")
            check(text(a["build_flags"]) == "-O3 -DNDEBUG", "build_flags")
            check(int(a["threads"]) == 2 + r, "threads")
            check(text(a["start_time"]) == "2025-01-06T09:30:00Z", "start_time")
            check(text(a["end_time"]) == "2025-01-06T09:31:15.250Z", "end_time")
            p = g["provenance/parameters"]
            check(list(p["parameter"].asstr()[:]) ==
                  ["run.years", "needs.drift_rate", "care.outreach_enabled"], "parameter names")
            check(list(p["value"].asstr()[:]) == ["2.5", "0.02", "false"], "parameter values")
            check(list(p["unit"].asstr()[:]) == ["years", "1/week", ""], "parameter units")
            check(list(p["source"].asstr()[:]) ==
                  ["scenario sample.toml:2", "assumption: test", "S4:L120"], "parameter sources")
            for name in ["parameter", "value", "unit", "source"]:
                read.add(f"runs/{run_id}/provenance/parameters/{name}")
        unread = sorted(set(seen) - read)
        check(not unread, f"datasets not checked: {unread}")


def check_with_xarray(path):
    for r, run_id in enumerate(["r1", "r2"]):
        e = expected(r)
        with xr.open_dataset(path, engine="h5netcdf", group=f"runs/{run_id}") as ds:
            check(dict(ds.sizes) == {"tick": TICKS, "domain": 8, "neighbourhood": 4, "payer": 4,
                                     "incident_kind": 4}, f"sizes {dict(ds.sizes)}")
            check(ds["care_hours"].dims == ("tick", "neighbourhood", "domain"),
                  f"care_hours dims {ds['care_hours'].dims}")
            check(ds["mean_severity"].dims == ("tick", "domain"), "mean_severity dims")
            check(ds["incidents"].dims == ("tick", "incident_kind"), "incidents dims")
            check(ds["cost"].dims == ("tick", "payer"), "cost dims")
            check(ds["population"].dims == ("tick",), "population dims")
            check(list(ds["domain"].values) == DOMAINS, "domain coordinate labels")
            check(list(ds["neighbourhood"].values) == NEIGHBOURHOODS, "neighbourhood labels")
            check(ds["tick"].dtype == np.int32 and list(ds["tick"].values[:3]) == [0, 1, 2],
                  "tick coordinate (not decoded as time)")
            check(ds["tick"].attrs["long_name"] == "weeks since start of run", "tick long_name")
            np.testing.assert_array_equal(ds["mean_severity"].values, e["mean_severity"])
            np.testing.assert_array_equal(ds["care_hours"].values, e["care_hours"])
            np.testing.assert_array_equal(ds["incidents"].values, e["incidents"])
            check(ds["incidents"].dtype == np.int32, "counts stay integers in xarray")
            # label-based selection, as a notebook does it
            value = ds["care_hours"].sel(neighbourhood="Één-Wijk", domain="housing", tick=7)
            check(float(value) == 7 + 30 + 0.5 + r, f"sel by labels: {float(value)}")
            check(ds.attrs["run_id"] == run_id, "provenance in xarray attrs")
            check(int(ds.attrs["complete"]) == 1, "complete in xarray attrs")
            check(ds.attrs["scenario_text"].startswith("# a synthetic"), "scenario in attrs")
        with xr.open_dataset(path, engine="h5netcdf", group=f"runs/{run_id}/panels") as ds:
            check(ds["severity"].dims == ("tick", "resident", "domain"),
                  f"panel dims {ds['severity'].dims}")
            check(list(ds["resident"].values) == RESIDENTS, "resident coordinate")
            np.testing.assert_array_equal(ds["severity"].values, e["panel"])
        with xr.open_dataset(path, engine="h5netcdf",
                             group=f"runs/{run_id}/provenance/parameters") as ds:
            check(ds["value"].sel(parameter="needs.drift_rate").item() == "0.02",
                  "parameter table as xarray")
            check(ds["source"].dims == ("parameter",), "parameter dims")


def main():
    path = sys.argv[1]
    check_with_h5py(path)
    check_with_xarray(path)
    if failures:
        for failure in failures:
            print("FAIL:", failure)
        sys.exit(1)
    print("ok: h5py and xarray read", path)


if __name__ == "__main__":
    main()
