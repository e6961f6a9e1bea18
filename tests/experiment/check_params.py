#!/usr/bin/python3
"""Checks `wijksim params` as a user and a script would read it.

usage: check_params.py WIJKSIM SCENARIO_DIR MODE
  formats   csv parses (a header, then one row per declared parameter with value, unit, range
            and source), json parses (every parameter with name, value, unit, range, source),
            the table lists the same parameters and a known one with its unit, range and
            source; the three agree on names and values
  scenario  for scenarios/budget_cut.toml (and a --set), each value the scenario chain or the
            command line set shows where: file:line:column of the line that sets that key;
            the scheduled cut shows its new value, year and line, in all three formats
  refusal   an unknown --format exits non-zero, naming the option, printing nothing on stdout
"""
import csv
import io
import json
import os
import re
import subprocess
import sys

KNOWN = {"name": "run.years", "value": "10", "unit": "years", "range": "[1, 100]",
         "source": "MODEL.md §2 (default horizon 10 years)"}


def params(wijksim, *args):
    done = subprocess.run([wijksim, "params", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"wijksim params {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def as_json(wijksim, *args):
    return json.loads(params(wijksim, *args, "--format", "json"))


def as_csv(wijksim, *args):
    """(header, start rows, schedule rows): start values have an empty year."""
    rows = list(csv.DictReader(io.StringIO(params(wijksim, *args, "--format", "csv"))))
    return rows, [r for r in rows if r["year"] == ""], [r for r in rows if r["year"] != ""]


def table_rows(text):
    """The table's rows as dicts by its header (columns are separated by two or more spaces)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("name "))
    header = re.split(r"\s{2,}", lines[start])
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append(dict(zip(header, re.split(r"\s{2,}", line, maxsplit=len(header) - 1))))
    return header, rows


def check_formats(wijksim):
    document = as_json(wijksim)
    declared = document["parameters"]
    names = [p["name"] for p in declared]
    assert len(names) > 100 and len(set(names)) == len(names), f"{len(names)} names, {len(set(names))} distinct"
    for p in declared:
        for key in ("name", "value", "unit", "range", "source"):
            assert isinstance(p.get(key), str) and p[key], f"json: {p.get('name')} has no {key}: {p}"
        assert re.fullmatch(r"\[.+, .+\]|true\|false", p["range"]), f"json: {p['name']} range {p['range']!r}"
    assert document["schedule"] == [], "the reference has no schedule"

    rows, start, scheduled = as_csv(wijksim)
    assert not scheduled, "csv: the reference has no schedule rows"
    for column in ("name", "value", "unit", "range", "source"):
        assert column in rows[0], f"csv: no column {column} in {list(rows[0])}"
    assert [r["name"] for r in start] == names, "csv and json list different parameters"
    for r, p in zip(start, declared):
        for key in ("value", "unit", "range", "source"):
            assert r[key] == p[key], f"csv {r['name']}.{key} = {r[key]!r}, json {p[key]!r}"

    header, table = table_rows(params(wijksim))
    assert header == ["name", "value", "unit", "range", "set at", "source"], header
    assert [r["name"] for r in table] == names, "table and json list different parameters"
    known = next(r for r in table if r["name"] == KNOWN["name"])
    for key in ("value", "unit", "range", "source"):
        assert known[key] == KNOWN[key], f"table: {KNOWN['name']} {key} = {known[key]!r}, expected {KNOWN[key]!r}"
    assert known["set at"] == "default", known
    print(f"formats ok: {len(names)} parameters in csv, json and the table")


def line_of(location):
    """'file:line:column' -> (file, the text of that line)."""
    path, line, column = location.rsplit(":", 2)
    with open(path, encoding="utf-8") as f:
        return path, f.read().splitlines()[int(line) - 1], int(column)


def check_scenario(wijksim, scenario_dir):
    budget_cut = os.path.join(scenario_dir, "budget_cut.toml")
    expert = os.path.join(scenario_dir, "expert.toml")
    override = ("--set", "care.outreach=0.5")
    document = as_json(wijksim, budget_cut, *override)
    assert document["files"] == [expert, budget_cut], document["files"]
    set_here = [p for p in document["parameters"] if p["set_at"]]
    assert set_here, "budget_cut.toml (through expert.toml) sets no parameter"
    for p in set_here:
        if p["name"] == "care.outreach":
            assert p["value"] == "0.5" and p["set_at"] == "<command line>", p
            continue
        path, text, _ = line_of(p["set_at"])
        key = p["name"].split(".")[-1]
        assert path in document["files"], f"{p['name']} set in {path}, not in the scenario's chain"
        assert re.match(rf"\s*{re.escape(key)}\s*=", text), f"{p['name']}: {p['set_at']} is {text!r}"
    assert any(p["name"] == "care.outreach" for p in set_here), "the --set is not listed as set"

    # expert.toml restates defaults; what the scenario changes is scheduled: the 20% cut.
    [cut] = document["schedule"]
    assert cut["name"] == "care.fte_scale" and cut["value"] == "0.8" and cut["year"] == 2, cut
    [fte] = [p for p in document["parameters"] if p["name"] == "care.fte_scale"]
    assert fte["value"] == fte["default"] == "1" and fte["set_at"] == "", f"the start value is not the default: {fte}"
    path, text, column = line_of(cut["set_at"])
    assert path == budget_cut and text[column - 1:].startswith("fte_scale = 0.8"), (cut["set_at"], text)

    _, start, scheduled = as_csv(wijksim, budget_cut, *override)
    by_name = {r["name"]: r for r in start}
    for p in set_here:
        assert by_name[p["name"]]["value"] == p["value"] and by_name[p["name"]]["set_at"] == p["set_at"], p["name"]
    assert [(r["name"], r["year"], r["value"], r["set_at"]) for r in scheduled] == \
           [("care.fte_scale", "2", "0.8", cut["set_at"])], scheduled

    text = params(wijksim, budget_cut, *override)
    _, table = table_rows(text)
    shown = {r["name"]: r for r in table}
    for p in set_here:
        assert shown[p["name"]]["value"] == p["value"] and shown[p["name"]]["set at"] == p["set_at"], shown[p["name"]]
    schedule = text.split("\nschedule", 1)
    assert len(schedule) == 2 and re.search(r"^2\s+care\.fte_scale\s+0\.8\s+" + re.escape(cut["set_at"]), schedule[1], re.M), \
        "the table does not list the scheduled cut:\n" + text
    print(f"scenario ok: {len(set_here)} values with where they were set, the cut at {cut['set_at']}")


def check_refusal(wijksim):
    done = subprocess.run([wijksim, "params", "--format", "yaml"], capture_output=True, text=True, check=False)
    assert done.returncode != 0, "an unknown --format was accepted"
    assert "--format" in done.stderr and "yaml" in done.stderr, done.stderr
    assert done.stdout == "", f"a refused --format printed {done.stdout[:200]!r}"
    print(f"refusal ok: --format yaml exits {done.returncode}")


def main(argv):
    wijksim, scenario_dir, mode = argv[1:4]
    {"formats": lambda: check_formats(wijksim),
     "scenario": lambda: check_scenario(wijksim, scenario_dir),
     "refusal": lambda: check_refusal(wijksim)}[mode]()


if __name__ == "__main__":
    main(sys.argv)
