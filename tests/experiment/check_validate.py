#!/usr/bin/python3
"""Checks `wijksim validate` as a user and a script would run it, at a reduced scale (a few
seconds of CPU): the care patterns and the funding patterns, with --json and without.

usage: check_validate.py WIJKSIM

At this scale some patterns may fail (too few residents and replicates for their intervals);
what is checked is the contract, not the model:
- --json: one object per pattern, each with a descriptive slug `id` (words joined by '_'),
  a numeric `figure`, a `band` [low, high] with low <= high, a boolean `pass`; ids unique;
  patterns of both parts present; `all_pass` is the conjunction of the `pass` fields;
- the exit status is 0 iff every pattern passes, else 1;
- the human-readable output names every pattern with the same pass/FAIL and figure as the
  JSON (the run is a pure function of its seed), each failing id on a FAIL line, and its last
  line says whether all pass.
"""
import json
import math
import re
import subprocess
import sys

SMALL = ["--dwellings", "300", "--years", "3", "--replicates", "2", "--funding-replicates", "2",
         "--funding-sweep-neighbourhoods", "1", "--funding-sweep-years", "4", "--threads", "2", "--quiet"]
# One pattern of each part, to show both ran (MODEL.md §10; the funding patterns of §8 and §10).
SOME_CARE = {"professionals_per_household_expert", "real_wait_exceeds_official_under_shortage"}
SOME_FUNDING = {"budget_cut_raises_crises", "review_before_maturity_short_grants"}
SLUG = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")
LINE = re.compile(r"^  (pass|FAIL)  (\S+)\s+(\S+)  ")


def validate(wijksim, *extra):
    done = subprocess.run([wijksim, "validate", *SMALL, *extra], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), f"validate {' '.join(extra)} exited {done.returncode}: {done.stderr}"
    assert done.stderr == "", f"--quiet still wrote to stderr: {done.stderr!r}"
    return done.returncode, done.stdout


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def check_json(code, text):
    out = json.loads(text)
    patterns = out["patterns"]
    assert isinstance(patterns, list) and patterns, "no patterns"
    for p in patterns:
        assert isinstance(p.get("id"), str) and SLUG.fullmatch(p["id"]), f"id is not a descriptive slug: {p.get('id')!r}"
        assert is_number(p.get("figure")), f"{p['id']}: figure {p.get('figure')!r}"
        band = p.get("band")
        assert isinstance(band, list) and len(band) == 2 and all(map(is_number, band)) and band[0] <= band[1], \
            f"{p['id']}: band {band!r}"
        assert isinstance(p.get("pass"), bool), f"{p['id']}: pass {p.get('pass')!r}"
    ids = [p["id"] for p in patterns]
    assert len(set(ids)) == len(ids), f"ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}"
    assert SOME_CARE | SOME_FUNDING <= set(ids), f"missing: {sorted(SOME_CARE | SOME_FUNDING - set(ids))}"
    all_pass = all(p["pass"] for p in patterns)
    assert out["all_pass"] is all_pass, f"all_pass {out['all_pass']} but the patterns say {all_pass}"
    assert code == (0 if all_pass else 1), f"exit {code} with all_pass {all_pass}"
    return patterns


def check_text(code, text, patterns):
    lines = text.splitlines()
    shown = {}
    for line in lines:
        m = LINE.match(line)
        if m:
            assert m.group(2) not in shown, f"{m.group(2)} printed twice"
            shown[m.group(2)] = (m.group(1) == "pass", m.group(3))
    assert list(shown) == [p["id"] for p in patterns], f"the text names {list(shown)}"
    for p in patterns:
        passed, figure = shown[p["id"]]
        assert passed == p["pass"], f"{p['id']}: text says {'pass' if passed else 'FAIL'}, json {p['pass']}"
        assert figure == f"{p['figure']:.3g}", f"{p['id']}: text figure {figure}, json {p['figure']}"
    failing = [p["id"] for p in patterns if not p["pass"]]
    assert lines[-1].startswith("all patterns pass" if not failing else "SOME PATTERNS FAIL"), lines[-1]
    assert code == (1 if failing else 0), f"text run exited {code} with {len(failing)} failing"
    return failing


def main(argv):
    wijksim = argv[1]
    code, text = validate(wijksim, "--json")
    patterns = check_json(code, text)
    code, text = validate(wijksim)
    failing = check_text(code, text, patterns)
    print(f"validate ok: {len(patterns)} patterns, {len(failing)} failing at this scale "
          f"(exit {code}): {', '.join(failing) or 'none'}")


if __name__ == "__main__":
    main(sys.argv)
