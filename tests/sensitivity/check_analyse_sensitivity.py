"""`wijksim analyse sensitivity` on synthetic merged sweep files.

Writes a merged Saltelli sweep in the layout of analysis/sensitivity/include/wijksim/
sensitivity/sweep_file.hpp with h5py: the design comes from print_saltelli_design (the
library's own Sobol/Saltelli design), the outcomes are the Ishigami function and a linear
additive function with known indices, two arms, two replicates per point (with noise of
opposite sign, so the replicate mean is the function). Checks the JSON indices against the
analytic values and that the intervals cover them; then the refusals (exit 1 with a message):
missing file, not HDF5, foreign HDF5, incomplete, lhs design, unknown outcome and arm, a point
without runs.

usage: check_analyse_sensitivity.py WIJKSIM PRINT_SALTELLI_DESIGN WORKDIR
"""
import json
import math
import os
import subprocess
import sys

import h5py
import numpy as np

WIJKSIM, PRINT_DESIGN, WORKDIR = sys.argv[1:4]
os.makedirs(WORKDIR, exist_ok=True)
BASE_POINTS = 4096
PARAMETERS = ["x1", "x2", "x3"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL:", message)


def ishigami(u, a=7.0, b=0.1):
    x = -math.pi + 2.0 * math.pi * u
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_truth(a=7.0, b=0.1):
    """Ishigami & Homma (1990); partial variances as in Sobol' & Levitan (1999)."""
    pi4 = math.pi ** 4
    v = a * a / 8 + b * pi4 / 5 + b * b * pi4 * pi4 / 18 + 0.5
    v1 = 0.5 * (1 + b * pi4 / 5) ** 2
    v13 = 8 * b * b * pi4 * pi4 / 225
    return [v1 / v, a * a / 8 / v, 0.0], [(v1 + v13) / v, a * a / 8 / v, v13 / v]


LINEAR = np.array([1.0, 2.0, 3.0])  # f = sum c_i x_i on [0,1]^3: S_i = ST_i = c_i^2 / sum c^2
LINEAR_TRUTH = list(LINEAR ** 2 / np.sum(LINEAR ** 2))

rows = subprocess.run([PRINT_DESIGN, str(BASE_POINTS), str(len(PARAMETERS))], check=True,
                      capture_output=True, text=True).stdout.split()
design = np.array([[float(v) for v in line.split(",")] for line in rows])
points = design[:, 0].astype(np.int64)
matrix = design[:, 2].astype(np.int64)
unit = design[:, 3:]
assert len(points) == BASE_POINTS * (len(PARAMETERS) + 2)


def write_sweep(path, *, kind="sweep", complete=1, design_kind="saltelli", drop_point=None):
    arms = ["baseline", "wraparound"]
    replicates = 2
    run_point, run_arm, run_replicate, run_matrix, values, outcomes = [], [], [], [], [], []
    f_ishigami, f_linear = ishigami(unit), unit @ LINEAR
    for p in range(len(points)):
        if p == drop_point:
            continue
        for a in range(len(arms)):
            for r in range(replicates):
                noise = 0.25 if r == 0 else -0.25
                run_point.append(p)
                run_arm.append(a)
                run_replicate.append(r)
                run_matrix.append(matrix[p])
                # Arm 1 swaps the outcomes, so the arms have different indices.
                first, second = (f_ishigami[p], f_linear[p]) if a == 0 else (f_linear[p], f_ishigami[p])
                values.append([first + noise, second - noise, 5.0])
    n = len(run_point)
    with h5py.File(path, "w") as f:
        if kind is not None:
            f.attrs["kind"] = kind
        f.attrs["complete"] = np.int64(complete)
        g = f.create_group("sweep")
        g.attrs["design"] = design_kind
        g.attrs["saltelli_base_points"] = np.int64(BASE_POINTS)
        string = h5py.string_dtype()
        run = g.create_dataset("run", data=np.array([f"p{p:05d}-a{a}-r{r:02d}" for p, a, r in
                                                     zip(run_point, run_arm, run_replicate)], dtype=object), dtype=string)
        parameter = g.create_dataset("parameter", data=np.array(PARAMETERS, dtype=object), dtype=string)
        outcome = g.create_dataset("outcome", data=np.array(["ishigami_or_linear", "linear_or_ishigami", "constant"],
                                                            dtype=object), dtype=string)
        for scale in (run, parameter, outcome):
            scale.make_scale(scale.name.split("/")[-1])
        by_run = {
            "point": np.array(run_point, dtype=np.int64),
            "arm": np.array([arms[a] for a in run_arm], dtype=object),
            "arm_index": np.array(run_arm, dtype=np.int64),
            "replicate": np.array(run_replicate, dtype=np.int64),
            "saltelli_matrix": np.array(run_matrix, dtype=np.int64),
        }
        for name, data in by_run.items():
            ds = g.create_dataset(name, data=data, dtype=string if data.dtype == object else data.dtype)
            ds.dims[0].attach_scale(run)
        pv = g.create_dataset("parameter_value", data=unit[np.array(run_point)], dtype=np.float64)
        ov = g.create_dataset("outcome_value", data=np.array(values).reshape(n, 3), dtype=np.float64)
        for ds, second in ((pv, parameter), (ov, outcome)):
            ds.dims[0].attach_scale(run)
            ds.dims[1].attach_scale(second)


def analyse(path, *extra):
    return subprocess.run([WIJKSIM, "analyse", "sensitivity", path, *extra], capture_output=True, text=True)


good = os.path.join(WORKDIR, "saltelli.h5")
write_sweep(good)
result = analyse(good, "--json", "--bootstrap", "300", "--seed", "4")
check(result.returncode == 0, f"analyse exit {result.returncode}: {result.stderr}")
report = json.loads(result.stdout)
check(report["base_points"] == BASE_POINTS and report["parameters"] == PARAMETERS, "header")
check(len(report["results"]) == 6, f"2 arms x 3 outcomes, got {len(report['results'])}")
s_ish, st_ish = ishigami_truth()
expected = {("baseline", "ishigami_or_linear"): (s_ish, st_ish),
            ("baseline", "linear_or_ishigami"): (LINEAR_TRUTH, LINEAR_TRUTH),
            ("wraparound", "ishigami_or_linear"): (LINEAR_TRUTH, LINEAR_TRUTH),
            ("wraparound", "linear_or_ishigami"): (s_ish, st_ish)}
for entry in report["results"]:
    key = (entry["arm"], entry["outcome"])
    check(entry["replicates_min"] == 2 and entry["replicates_max"] == 2, f"{key}: 2 replicates per point")
    if entry["outcome"] == "constant":
        check("undefined" in entry and "indices" not in entry, f"{key}: a constant outcome has no indices")
        continue
    s_true, st_true = expected[key]
    for k, index in enumerate(entry["indices"]):
        check(index["parameter"] == PARAMETERS[k], f"{key}: parameter order")
        for name, truth in (("first_order", s_true[k]), ("total", st_true[k])):
            e = index[name]
            check(abs(e["value"] - truth) < 0.02, f"{key} {PARAMETERS[k]} {name} {e['value']:.4f} vs {truth:.4f}")
            check(e["low"] <= truth <= e["high"], f"{key} {PARAMETERS[k]} {name} [{e['low']:.4f}, {e['high']:.4f}] "
                                                  f"does not cover {truth:.4f}")
print("ishigami baseline:", [(round(i["first_order"]["value"], 4), round(i["total"]["value"], 4))
                             for i in report["results"][0]["indices"]])

# The table, for one arm and outcome.
table = analyse(good, "--arm", "wraparound", "--outcome", "linear_or_ishigami", "--bootstrap", "50")
check(table.returncode == 0 and "arm wraparound, outcome linear_or_ishigami" in table.stdout
      and "x3" in table.stdout and "baseline" not in table.stdout, f"table:\n{table.stdout}{table.stderr}")
print(table.stdout)

# Same seed, same bytes.
again = analyse(good, "--json", "--bootstrap", "300", "--seed", "4")
check(again.stdout == result.stdout, "same seed gives the same output")


def refused(args, needle, what):
    r = analyse(*args)
    ok = r.returncode == 1 and needle in r.stderr and r.stdout == ""
    check(ok, f"{what}: exit {r.returncode}, stderr {r.stderr!r}, expected {needle!r}")


refused([os.path.join(WORKDIR, "missing.h5")], "missing.h5", "missing file")
not_hdf5 = os.path.join(WORKDIR, "not_hdf5.h5")
with open(not_hdf5, "w") as f:
    f.write("this is not HDF5\n" * 10)
refused([not_hdf5], "not_hdf5.h5", "not HDF5")
foreign = os.path.join(WORKDIR, "foreign.h5")
with h5py.File(foreign, "w") as f:
    f["x"] = np.arange(3)
refused([foreign], "not a merged sweep file", "foreign HDF5")
for name, kwargs, needle in [
    ("run_file.h5", {"kind": "run"}, "not a merged sweep file"),
    ("incomplete.h5", {"complete": 0}, "incomplete"),
    ("lhs.h5", {"design_kind": "lhs"}, "design \"lhs\""),
    ("gap.h5", {"drop_point": 17}, "no run at point 17"),
]:
    path = os.path.join(WORKDIR, name)
    write_sweep(path, **kwargs)
    refused([path], needle, name)
refused([good, "--outcome", "care_hours"], "expected one of ishigami_or_linear", "unknown outcome")
refused([good, "--arm", "nobody"], "expected one of baseline, wraparound", "unknown arm")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
