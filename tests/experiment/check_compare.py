#!/usr/bin/python3
"""Checks `wijksim compare --json` as a script would use it.

usage: check_compare.py WIJKSIM MODE
  json         the output parses; arms, replicates and measures are complete; replicate r of
               every arm has the same seed, run id and starting state (common random numbers)
  determinism  every figure is identical at --threads 1 and --threads 2
  ledger       the cost-benefit ledger per payer: in --json every later arm against the first,
               every payer, net = benefits - costs in each replicate, means of the replicates,
               all payers the sum of the payers; the printed table shows the same figures for
               every payer of every later arm
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


PAYERS = ["municipality_youth", "municipality_social_support", "municipality_work_income", "health_insurer",
          "long_term_care_fund", "housing_corporation", "police_justice"]
QUANTITIES = ["costs", "benefits", "net"]


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def number_text(v):
    """As `wijksim compare` prints a number (cli/estimate_output.cpp), with a sign."""
    if abs(v) < 1000:
        text = f"{v:.3g}"
    else:
        text = f"{round(abs(v)):,}"
        text = "-" + text if v < 0 else text
    return "+" + text if v > 0 else text


def check_ledger(wijksim):
    out = compare(wijksim)
    ledger = out["cost_benefit"]
    assert [a["arm"] for a in ledger] == ARMS[1:], [a["arm"] for a in ledger]
    for arm in ledger:
        assert arm["versus"] == ARMS[0] and arm["unit"] == "euro per year" and arm["years"] == 1, arm
        assert [p["payer"] for p in arm["payers"]] == PAYERS
        for p in arm["payers"] + [arm["all_payers"]]:
            for q in QUANTITIES:
                values = p[q]["replicates"]
                assert len(values) == 3 and all(math.isfinite(v) for v in values), (arm["arm"], q, values)
                assert close(p[q]["mean"], sum(values) / 3), (arm["arm"], q)
                assert p[q]["low"] <= p[q]["mean"] <= p[q]["high"], (arm["arm"], q, p[q])
            for r in range(3):
                assert close(p["net"]["replicates"][r], p["benefits"]["replicates"][r] - p["costs"]["replicates"][r])
            if p["costs"]["mean"] > 0:
                assert close(p["ratio"], p["benefits"]["mean"] / p["costs"]["mean"]) and p["ratio_note"] == "", p
            else:
                assert p["ratio"] is None and p["ratio_note"].startswith("undefined ("), p
        for q in QUANTITIES:
            for r in range(3):
                total = sum(p[q]["replicates"][r] for p in arm["payers"])
                assert close(arm["all_payers"][q]["replicates"][r], total), (arm["arm"], q, r)
    # Wraparound care moves care spending between silos (the team is paid by social support): some
    # payer spends more and some less, so the ledger is not all zeros.
    wrap = ledger[-1]
    assert any(p["costs"]["mean"] > 0 for p in wrap["payers"]) and any(p["costs"]["mean"] < 0 for p in wrap["payers"]), wrap

    done = subprocess.run([wijksim, "compare", *[a for a in SMALL if a != "--json"]], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    for arm in ledger:
        title = f"Costs and benefits per payer, {arm['arm']} against {ARMS[0]} (euro per year"
        starts = [i for i, line in enumerate(lines) if line.startswith(title)]
        assert len(starts) == 1, f"no table for {arm['arm']}:\n{done.stdout}"
        header = lines[starts[0] + 1].split()
        assert header == ["payer", "costs", "benefits", "net", "benefit/cost"], header
        rows = lines[starts[0] + 3: starts[0] + 3 + len(PAYERS) + 1]
        for name, p, row in zip(PAYERS + ["all payers"], arm["payers"] + [arm["all_payers"]], rows):
            assert row.startswith(name + " "), (name, row)
            for q in QUANTITIES:
                assert number_text(p[q]["mean"]) + " [" in row, (name, q, number_text(p[q]["mean"]), row)
            ratio = p["ratio_note"] if p["ratio"] is None else f"{p['ratio']:.3g}"
            assert row.endswith(ratio), (name, ratio, row)


def check_determinism(wijksim):
    one = compare(wijksim, "--threads", "1")
    two = compare(wijksim, "--threads", "2")
    for out in (one, two):
        del out["threads"], out["seconds"]
    assert one == two, "figures differ between --threads 1 and --threads 2"


if __name__ == "__main__":
    wijksim_binary, mode = sys.argv[1], sys.argv[2]
    {"json": check_json, "determinism": check_determinism, "ledger": check_ledger}[mode](wijksim_binary)
    print(f"check_compare.py {mode}: ok")
