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


def check_json(wijksim):
    out = compare(wijksim)
    assert out["command"] == "compare" and out["replicates"] == 3 and out["years"] == 1, out
    assert [a["name"] for a in out["arms"]] == ["expert", "wraparound"], out["arms"]
    assert out["starts_identical"] is True
    expert, wrap = out["arms"]
    assert len(expert["replicates"]) == 3 and len(wrap["replicates"]) == 3
    starts = set()
    for r, (e, w) in enumerate(zip(expert["replicates"], wrap["replicates"])):
        assert e["seed"] == w["seed"] == out["seed"] + r, (e["seed"], w["seed"])
        assert e["run_id"] == w["run_id"] == r
        assert e["start_checksum"] == w["start_checksum"], "replicate %d starts differently" % r
        starts.add(e["start_checksum"])
        assert e["recorded_weeks"] == 52
        for m in MEASURES:
            assert math.isfinite(e["figures"][m]) and math.isfinite(w["figures"][m]), m
    assert len(starts) == 3, "replicates share a starting population"
    ids = [m["id"] for m in out["measures"]]
    for m in MEASURES:
        assert m in ids, m
    for m in out["measures"]:
        assert [a["arm"] for a in m["arms"]] == ["expert", "wraparound"]
        assert len(m["differences"]) == 1 and m["differences"][0]["versus"] == "expert"
        for a in m["arms"] + m["differences"]:
            assert a["low"] <= a["mean"] <= a["high"], (m["id"], a)
        # The paired difference is the mean of the replicate differences.
        values = {a["name"]: [r["figures"][m["id"]] for r in a["replicates"]] for a in out["arms"]}
        mean = sum(w - e for w, e in zip(values["wraparound"], values["expert"])) / 3
        assert math.isclose(m["differences"][0]["mean"], mean, rel_tol=1e-9, abs_tol=1e-12), (m["id"], mean)


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
