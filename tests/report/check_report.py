#!/usr/bin/python3
"""Checks of `wijksim compare --out/--report` and `wijksim report`, as a user and a notebook see them.

usage: check_report.py WIJKSIM DIR MODE
  layout       DIR/compare.h5 (written by the fixture) has the agreed layout: root marks, one
               complete run group per (arm, replicate) in order, each opening in xarray;
               /comparison opening in xarray with named dimensions; its headline equal to what
               `compare --json` prints for the same settings
  determinism  the same comparison at --threads 1 holds identical datasets
  chromium     DIR/compare.html renders in headless Chromium: no console errors, the expected
               charts in the DOM, a screenshot that is not blank; the page loads nothing
  single_run   `wijksim report` of a `wijksim run` file (with a project table added) draws one
               line per neighbourhood and the project life lines
  refusals     existing outputs without --force, missing directories, foreign, truncated,
               incomplete and non-HDF5 files are refused with a non-zero exit, writing nothing
"""
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import xarray as xr

ARMS = ["expert_carousel", "wraparound_durable"]
SMALL = ["--replicates", "2", "--years", "2", "--set", "population.dwellings_per_neighbourhood=400", "--quiet"]
CHARTS = ["plot-crisis", "plot-trust", "plot-volunteers", "plot-informal-hours", "plot-professional-hours", "plot-cost",
          "plot-professionals", "plot-professionals-multi-problem", "plot-costs", "plot-cost-benefit-1", "table-cost-benefit-1",
          "table-headline", "provenance"]
PAYERS = ["municipality_youth", "municipality_social_support", "municipality_work_income", "health_insurer",
          "long_term_care_fund", "housing_corporation", "police_justice"]


def run(args, expect_ok=True):
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if expect_ok and done.returncode != 0:
        sys.exit(f"{' '.join(map(str, args))} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def datasets(f):
    """Every dataset of an open h5py file: path -> numpy array (strings decoded)."""
    out = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            data = obj[()]
            out[name] = data
    f.visititems(visit)
    return out


def check_layout(wijksim, d):
    path = os.path.join(d, "compare.h5")
    with h5py.File(path, "r") as f:
        assert f.attrs["format"] == "wijksim" and int(f.attrs["format_version"]) == 1, dict(f.attrs)
        assert int(f.attrs["complete"]) == 1 and f.attrs["kind"] == "comparison", dict(f.attrs)
        names = list(f["runs"].keys())
        expected = [f"{arm}-r{r}" for arm in ARMS for r in range(2)]
        assert sorted(names) == sorted(expected), names
        # Created in (arm, replicate) order: the runs group tracks link creation order.
        order = []
        runs = f["runs"]
        runs.id.links.iterate(lambda n: order.append(n.decode()), idx_type=h5py.h5.INDEX_CRT_ORDER)
        assert order == expected, order
        for a, arm in enumerate(ARMS):
            for r in range(2):
                grp = f["runs"][f"{arm}-r{r}"]
                assert grp.attrs["arm"] == arm and int(grp.attrs["arm_index"]) == a and int(grp.attrs["replicate"]) == r, dict(grp.attrs)
                assert int(grp.attrs["complete"]) == 1
                assert int(grp.attrs["seed"]) == 1 + r, grp.attrs["seed"]
        cmp = f["comparison"]
        for key, value in {"seed": 1, "replicates": 2, "years": 2, "warmup_years": 1}.items():
            assert int(cmp.attrs[key]) == value, (key, cmp.attrs[key])
        assert cmp.attrs["program_version"].startswith("wijksim "), cmp.attrs["program_version"]
    for arm in ARMS:
        for r in range(2):
            ds = xr.open_dataset(path, engine="h5netcdf", group=f"runs/{arm}-r{r}")
            assert ds.sizes["tick"] == 104, ds.sizes
            assert "population" in ds and ds.population.dims == ("tick", "neighbourhood"), ds.population.dims
            assert ds.cost.dims == ("tick", "payer", "tier"), ds.cost.dims
            ds.close()
    c = xr.open_dataset(path, engine="h5netcdf", group="comparison")
    assert list(c.arm.values) == ARMS, c.arm.values
    assert list(c.replicate.values) == [0, 1], c.replicate.values
    assert c.headline.dims == ("arm", "replicate", "measure"), c.headline.dims
    assert c.run_id.dims == ("arm", "replicate") and c.run_id.sel(arm=ARMS[1], replicate=1).item() == f"{ARMS[1]}-r1"
    for name in ["mean", "low", "high", "difference_mean", "difference_low", "difference_high"]:
        assert c[name].dims == ("arm", "measure"), (name, c[name].dims)
    assert c.measure_label.dims == ("measure",) and c.measure_unit.dims == ("measure",)
    assert np.all(np.isnan(c.difference_mean.sel(arm=ARMS[0]).values)), "the first arm has no difference"
    # The mean is the mean of the replicates' headline figures.
    np.testing.assert_allclose(c["mean"].values, c.headline.mean("replicate").values, rtol=1e-12, equal_nan=True)

    # The same settings printed by --json: the same figures.
    import json
    out = json.loads(run([wijksim, "compare", *ARMS, *SMALL, "--json", "--threads", "2"]).stdout)
    measures = [m["id"] for m in out["measures"]]
    assert measures == [str(m) for m in c.measure.values], (measures, c.measure.values)
    for a, arm in enumerate(out["arms"]):
        for r, rep in enumerate(arm["replicates"]):
            for m, mid in enumerate(measures):
                want = rep["figures"][mid]
                want = math.nan if want is None else want
                got = float(c.headline.values[a, r, m])
                assert (math.isnan(want) and math.isnan(got)) or math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-15), (arm["name"], r, mid, want, got)
    for m, entry in enumerate(out["measures"]):
        for a, est in enumerate(entry["arms"]):
            for key in ["mean", "low", "high"]:
                want, got = est[key], float(c[key].values[a, m])
                assert (want is None and math.isnan(got)) or math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-15), (entry["id"], key, want, got)
        for k, est in enumerate(entry["differences"]):
            for key in ["mean", "low", "high"]:
                want, got = est[key], float(c["difference_" + key].values[k + 1, m])
                assert (want is None and math.isnan(got)) or math.isclose(want, got, rel_tol=1e-12, abs_tol=1e-15), (entry["id"], key, want, got)
    check_cost_benefit(c, out)
    c.close()
    print("layout ok:", len(measures), "measures and the cost-benefit ledger")


def check_cost_benefit(c, out):
    """/comparison's cost-benefit ledger: named dimensions, the first arm NaN, net = benefits -
    costs, the horizon means those of the yearly values, all payers their sum, and the figures of
    `compare --json`."""
    cb = c.cost_benefit
    assert cb.dims == ("arm", "replicate", "year", "payer", "quantity"), cb.dims
    assert list(c.year.values) == [0, 1] and list(c.payer.values) == PAYERS, (c.year.values, c.payer.values)
    assert list(c.quantity.values) == ["costs", "benefits", "net"], c.quantity.values
    assert np.all(np.isnan(cb.sel(arm=ARMS[0]).values)), "the baseline has no costs and benefits against itself"
    arm = cb.sel(arm=ARMS[1])
    assert np.all(np.isfinite(arm.values))
    np.testing.assert_allclose(arm.sel(quantity="net"), arm.sel(quantity="benefits") - arm.sel(quantity="costs"), rtol=1e-12, atol=1e-6)
    # The funding arm pays for a team out of social support and saves other silos' care: some
    # payer's costs go up and some go down.
    costs = arm.sel(quantity="costs").mean(["replicate", "year"])
    assert float(costs.max()) > 0 > float(costs.min()), costs.values
    for name in ["cost_benefit_mean", "cost_benefit_low", "cost_benefit_high"]:
        assert c[name].dims == ("arm", "payer", "quantity"), (name, c[name].dims)
    for name in ["cost_benefit_all_mean", "cost_benefit_all_low", "cost_benefit_all_high"]:
        assert c[name].dims == ("arm", "quantity"), (name, c[name].dims)
    assert c.cost_benefit_ratio.dims == ("arm", "payer") and c.cost_benefit_ratio_note.dims == ("arm", "payer")
    horizon = arm.mean("year")
    np.testing.assert_allclose(c.cost_benefit_mean.sel(arm=ARMS[1]), horizon.mean("replicate"), rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(c.cost_benefit_all_mean.sel(arm=ARMS[1]), horizon.sum("payer").mean("replicate"), rtol=1e-12, atol=1e-6)
    assert np.all(c.cost_benefit_low.sel(arm=ARMS[1]) <= c.cost_benefit_mean.sel(arm=ARMS[1]))
    mean = c.cost_benefit_mean.sel(arm=ARMS[1])
    for payer in PAYERS:
        costs_p, benefits_p = float(mean.sel(payer=payer, quantity="costs")), float(mean.sel(payer=payer, quantity="benefits"))
        ratio, note = float(c.cost_benefit_ratio.sel(arm=ARMS[1], payer=payer)), str(c.cost_benefit_ratio_note.sel(arm=ARMS[1], payer=payer).item())
        if costs_p > 0:
            assert math.isclose(ratio, benefits_p / costs_p, rel_tol=1e-12) and note == "", (payer, ratio, note)
        else:
            assert math.isnan(ratio) and note.startswith("undefined ("), (payer, ratio, note)
    # The same figures as `compare --json` prints.
    (entry,) = out["cost_benefit"]
    assert entry["arm"] == ARMS[1] and entry["versus"] == ARMS[0]
    for p, payer in enumerate(entry["payers"]):
        assert payer["payer"] == PAYERS[p]
        for q in ["costs", "benefits", "net"]:
            for key in ["mean", "low", "high"]:
                got = float(c["cost_benefit_" + key].sel(arm=ARMS[1], payer=PAYERS[p], quantity=q))
                assert math.isclose(payer[q][key], got, rel_tol=1e-12, abs_tol=1e-9), (PAYERS[p], q, key, payer[q][key], got)


def check_determinism(wijksim, d):
    one = os.path.join(d, "compare-threads1.h5")
    run([wijksim, "compare", *ARMS, *SMALL, "--threads", "1", "--force", "--out", one])
    with h5py.File(os.path.join(d, "compare.h5"), "r") as f2, h5py.File(one, "r") as f1:
        a, b = datasets(f2), datasets(f1)
        assert sorted(a) == sorted(b), set(a) ^ set(b)
        for name in a:
            x, y = a[name], b[name]
            if x.dtype.kind == "f":
                assert np.array_equal(x, y, equal_nan=True), name
            else:
                assert np.array_equal(x, y), name
        print("identical datasets at 1 and 2 threads:", len(a))


def chromium_render(html, d, tag):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium not found (Debian package 'chromium')")
    profile = tempfile.mkdtemp(prefix="wijksim-chromium-", dir=d)
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
            "--window-size=1280,4000"]
    png = os.path.join(d, f"{tag}.png")
    url = "file://" + os.path.abspath(html)
    shot = run([*base, "--enable-logging=stderr", "--v=0", f"--screenshot={png}", url])
    errors = [line for line in shot.stderr.splitlines() if "Uncaught" in line or ":CONSOLE" in line or "ERR_" in line]
    assert not errors, "console errors:\n" + "\n".join(errors)
    dom = run([*base, "--dump-dom", url]).stdout
    shutil.rmtree(profile, ignore_errors=True)
    return png, dom


def check_png(png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.image as mpimg
    assert os.path.getsize(png) > 10_000, os.path.getsize(png)
    pixels = mpimg.imread(png)
    assert pixels.ndim == 3 and pixels.shape[0] >= 1000 and pixels.shape[1] >= 1000, pixels.shape
    rgb = pixels[:, :, :3]
    assert float(rgb.std()) > 0.02, f"blank page: pixel standard deviation {rgb.std()}"
    non_white = float((rgb.min(axis=2) < 0.9).mean())
    assert non_white > 0.01, f"almost blank page: {non_white:.4f} of pixels not white"
    # Colour: the arms' lines and bands are drawn in colour, not only black text.
    coloured = float((np.abs(rgb[:, :, 0] - rgb[:, :, 2]) > 0.2).mean())
    assert coloured > 0.001, f"no coloured pixels ({coloured})"
    return non_white


def check_self_contained(html):
    text = open(html, encoding="utf-8").read()
    urls = [u for u in re.findall(r"(?:https?|ftp)://[^\s\"'<>)]+", text) if u != "http://www.w3.org/2000/svg"]
    assert not urls, f"the page refers to {urls[:5]}"
    for bad in ["<script", "<link", "@import", "<img", "url("]:
        assert bad not in text, f"the page contains {bad!r}"
    return text


def check_chromium(wijksim, d):
    html = os.path.join(d, "compare.html")
    text = check_self_contained(html)
    png, dom = chromium_render(html, d, "compare")
    for chart in CHARTS:
        assert f'id="{chart}"' in dom, f"{chart} missing from the rendered page"
    # Bands across replicates and one line per arm in the charts over time.
    crisis = re.search(r'<svg[^>]*id="plot-crisis".*?</svg>', dom, re.S).group(0)
    assert crisis.count('class="band"') >= len(ARMS), "no bands"
    assert crisis.count('class="line"') == len(ARMS), crisis.count('class="line"')
    for arm in ARMS:
        assert arm in crisis, f"{arm} not in the legend"
    assert dom.count('class="bar"') > 10, dom.count('class="bar"')
    # The funding arms have a project table; the life lines of those that have rows.
    assert "No projects in this run (funding off)." not in dom, "the project tables were not found"
    assert 'id="plot-projects-' in dom or "no project had an event in this run" in dom
    assert "years after the warm-up" in dom and "euro per resident per year" in dom
    # Costs and benefits by payer: a bar of costs, benefits and net per payer and for all payers.
    ledger = re.search(r'<svg[^>]*id="plot-cost-benefit-1".*?</svg>', dom, re.S).group(0)
    assert ledger.count('class="bar"') == 3 * (len(PAYERS) + 1), ledger.count('class="bar"')
    for word in ["costs", "benefits", "net", "health insurer", "all payers", ARMS[1], ARMS[0]]:
        assert word in ledger, f"{word} not in the cost-benefit chart"
    table = re.search(r'<table[^>]*id="table-cost-benefit-1".*?</table>', dom, re.S).group(0)
    assert table.count("<tr>") == 1 + len(PAYERS) + 1, table.count("<tr>")
    assert "Benefits are not recorded separately" not in dom
    share = check_png(png)
    print(f"chromium ok: {len(text)} bytes, {share:.3f} of the screenshot drawn")


def add_project_table(path):
    """A small events/projects table as the model writes it (compare_format.md)."""
    states = ["idea", "pilot", "review", "refunded", "terminated", "parcelled", "adopted_joint", "social_enterprise", "structural"]
    kinds = ["living_room", "services_marketplace", "outreach_worker", "family_coaching", "eviction_prevention", "social_enterprise"]
    state_t = h5py.enum_dtype({s: i for i, s in enumerate(states)}, basetype="u1")
    kind_t = h5py.enum_dtype({s: i for i, s in enumerate(kinds)}, basetype="u1")
    dtype = np.dtype([("tick", "<i4"), ("project", "<i4"), ("kind", kind_t), ("from", state_t), ("to", state_t),
                      ("label", "<i4"), ("method", "<i4"), ("effectiveness", "<f8")])
    rows = [(60, 0, 0, 0, 1, 0, 0, 0.5), (80, 0, 0, 1, 2, 0, 0, 0.5), (84, 0, 0, 2, 3, 1, 0, 0.5),
            (70, 1, 3, 0, 1, 2, 1, 0.3), (90, 1, 3, 1, 2, 2, 1, 0.3), (92, 1, 3, 2, 4, 2, 1, 0.3),
            (75, 2, 4, 0, 1, 3, 2, 0.7), (95, 2, 4, 1, 8, 3, 2, 0.7)]
    with h5py.File(path, "r+") as f:
        events = f["runs/r0/events"]
        if "projects" in events:
            del events["projects"]
        events.create_dataset("projects", data=np.array(rows, dtype=dtype))


def check_single_run(wijksim, d):
    h5 = os.path.join(d, "run.h5")
    run([wijksim, "run", "reference", "--years", "1", "--set", "population.dwellings_per_neighbourhood=300",
         "--set", "population.neighbourhoods=3", "--quiet", "--force", "--out", h5])
    html = os.path.join(d, "run-no-projects.html")
    with h5py.File(h5, "r+") as f:  # as a run without funding (or before the table existed) is written
        if "projects" in f["runs/r0/events"]:
            del f["runs/r0/events/projects"]
    run([wijksim, "report", h5, "--force", "--out", html])
    text = open(html, encoding="utf-8").read()
    assert "No projects in this run (funding off)." in text, "the missing project table is not said"
    assert 'class="band"' not in text, "a single run has no bands"
    assert 'id="no-cost-benefit"' in text and "no baseline" in text, "a single run's report does not say why it has no ledger"
    add_project_table(h5)
    html = os.path.join(d, "run.html")
    run([wijksim, "report", h5, "--force", "--out", html])
    check_self_contained(html)
    png, dom = chromium_render(html, d, "run")
    crisis = re.search(r'<svg[^>]*id="plot-crisis".*?</svg>', dom, re.S).group(0)
    assert crisis.count('class="line"') == 4, f"{crisis.count(chr(34) + 'line')} lines: expected 3 neighbourhoods and the city"
    projects = re.search(r'<svg[^>]*id="plot-projects-0".*?</svg>', dom, re.S)
    assert projects, "no project life lines"
    assert projects.group(0).count('class="lifeline"') == 3, projects.group(0).count('class="lifeline"')
    for state in ["pilot", "review", "refunded", "structural"]:
        assert state in projects.group(0), f"state {state} not in the legend"
    check_png(png)
    print("single run ok")


def refuse(args, what, must_not_exist=()):
    done = run(args, expect_ok=False)
    assert done.returncode != 0, f"{what}: exit 0\n{done.stdout}"
    assert "error" in done.stderr, f"{what}: no error message: {done.stderr!r}"
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    for p in must_not_exist:
        assert not os.path.exists(p), f"{what}: {p} was written"
    leftovers = [n for n in os.listdir(os.path.dirname(args[-1]) or ".") if ".part-" in n] if os.path.isdir(os.path.dirname(args[-1]) or ".") else []
    assert not leftovers, f"{what}: left {leftovers}"
    return done.stderr


def check_refusals(wijksim, d):
    r = os.path.join(d, "refusals")
    shutil.rmtree(r, ignore_errors=True)
    os.makedirs(r)
    source = os.path.join(d, "compare.h5")
    out = os.path.join(r, "out.html")
    # Existing outputs, without --force.
    existing = os.path.join(r, "existing.h5")
    open(existing, "w").write("keep me")
    msg = refuse([wijksim, "compare", *ARMS, *SMALL, "--out", existing], "compare --out over a file")
    assert "force" in msg and open(existing).read() == "keep me", msg
    existing_html = os.path.join(r, "existing.html")
    open(existing_html, "w").write("keep me")
    msg = refuse([wijksim, "compare", *ARMS, *SMALL, "--out", os.path.join(r, "new.h5"), "--report", existing_html],
                 "compare --report over a file", [os.path.join(r, "new.h5")])
    assert open(existing_html).read() == "keep me"
    refuse([wijksim, "report", source, "--out", existing_html], "report over a file")
    assert open(existing_html).read() == "keep me"
    # Missing directories.
    refuse([wijksim, "compare", *ARMS, *SMALL, "--out", os.path.join(r, "no", "such", "dir", "x.h5")], "compare into a missing directory")
    refuse([wijksim, "report", source, "--out", os.path.join(r, "no", "such", "dir", "x.html")], "report into a missing directory")
    # --report needs --out.
    done = run([wijksim, "compare", *ARMS, *SMALL, "--report", out], expect_ok=False)
    assert done.returncode != 0 and not os.path.exists(out), "--report without --out"
    # Bad inputs to report: missing, not HDF5, foreign HDF5, truncated, incomplete.
    refuse([wijksim, "report", os.path.join(r, "missing.h5"), "--out", out], "missing file", [out])
    text = os.path.join(r, "text.h5")
    open(text, "w").write("not an HDF5 file\n" * 100)
    refuse([wijksim, "report", text, "--out", out], "not HDF5", [out])
    foreign = os.path.join(r, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = np.arange(10)
    msg = refuse([wijksim, "report", foreign, "--out", out], "foreign HDF5", [out])
    assert "wijksim" in msg, msg
    truncated = os.path.join(r, "truncated.h5")
    data = open(source, "rb").read()
    open(truncated, "wb").write(data[: len(data) // 2])
    refuse([wijksim, "report", truncated, "--out", out], "truncated file", [out])
    incomplete = os.path.join(r, "incomplete.h5")
    shutil.copy(source, incomplete)
    with h5py.File(incomplete, "r+") as f:
        del f.attrs["complete"]
    msg = refuse([wijksim, "report", incomplete, "--out", out], "incomplete file", [out])
    assert "incomplete" in msg, msg
    print("refusals ok")


def main():
    wijksim, d, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    {"layout": check_layout, "determinism": check_determinism, "chromium": check_chromium,
     "single_run": check_single_run, "refusals": check_refusals}[mode](wijksim, d)


if __name__ == "__main__":
    main()
