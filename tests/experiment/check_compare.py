#!/usr/bin/python3
"""Checks `wijksim compare --json` as a script would use it.

usage: check_compare.py WIJKSIM MODE
  json         the output parses; arms, replicates and measures are complete; replicate r of
               every arm has the same seed, run id and starting state (common random numbers)
  determinism  every figure is identical at --threads 1 and --threads 2
"""
import json
import math
import subprocess
import sys

SMALL = ["--set", "population.dwellings_per_neighbourhood=300", "--years", "1", "--replicates", "3", "--quiet", "--json"]
MEASURES = ["crisis_share", "incidents_per_1000_per_year", "vulnerable_share", "multi_domain_professionals_median",
            "official_wait_weeks", "real_wait_weeks", "dropouts_per_year", "professional_hours_per_year",
            "informal_hours_per_year", "cost_per_resident_per_year", "cost_per_resident.municipality_youth",
            "cost_per_resident.health_insurer", "cost_per_resident.housing_corporation", "cost_per_resident.police_justice"]


def compare(wijksim, *extra):
    done = subprocess.run([wijksim, "compare", *SMALL, *extra], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"wijksim compare {' '.join(extra)} exited {done.returncode}: {done.stderr}")
    if done.stderr:
        sys.exit(f"--quiet still wrote to stderr: {done.stderr!r}")
    return json.loads(done.stdout)


ARMS = ["expert_carousel", "expert_durable", "wraparound_carousel", "wraparound_durable"]


def check_json(wijksim):
    out = compare(wijksim)  # no scenarios: the 2x2 of care x funding regimes
    assert out["command"] == "compare" and out["replicates"] == 3 and out["years"] == 1, out
    assert [a["name"] for a in out["arms"]] == ARMS, [a["name"] for a in out["arms"]]
    assert out["starts_identical"] is True
    arms = out["arms"]
    assert all(len(a["replicates"]) == 3 for a in arms)
    starts = set()
    for r in range(3):
        reps = [a["replicates"][r] for a in arms]
        assert all(x["seed"] == out["seed"] + r for x in reps), [x["seed"] for x in reps]
        assert all(x["run_id"] == r for x in reps)
        assert len({x["start_checksum"] for x in reps}) == 1, "replicate %d starts differently" % r
        starts.add(reps[0]["start_checksum"])
        for x in reps:
            assert x["recorded_weeks"] == 52
            for m in MEASURES:
                assert math.isfinite(x["figures"][m]), m
    assert len(starts) == 3, "replicates share a starting population"
    ids = [m["id"] for m in out["measures"]]
    for m in MEASURES:
        assert m in ids, m
    for m in out["measures"]:
        assert [a["arm"] for a in m["arms"]] == ARMS
        assert [d["arm"] for d in m["differences"]] == ARMS[1:]
        assert all(d["versus"] == ARMS[0] for d in m["differences"])
        for a in m["arms"] + m["differences"]:
            assert a["low"] <= a["mean"] <= a["high"], (m["id"], a)
        # Each paired difference is the mean of the replicate differences.
        values = {a["name"]: [r["figures"][m["id"]] for r in a["replicates"]] for a in out["arms"]}
        for d in m["differences"]:
            mean = sum(x - b for x, b in zip(values[d["arm"]], values[ARMS[0]])) / 3
            assert math.isclose(d["mean"], mean, rel_tol=1e-9, abs_tol=1e-12), (m["id"], d["arm"], mean)


def check_determinism(wijksim):
    one = compare(wijksim, "--threads", "1")
    two = compare(wijksim, "--threads", "2")
    for out in (one, two):
        del out["threads"], out["seconds"]
    assert one == two, "figures differ between --threads 1 and --threads 2"


if __name__ == "__main__":
    wijksim_binary, mode = sys.argv[1], sys.argv[2]
    {"json": check_json, "determinism": check_determinism}[mode](wijksim_binary)
    print(f"check_compare.py {mode}: ok")
