"""Executes the example notebook analysis/notebooks/compare_2x2.ipynb headless (nbclient) on a
comparison file and checks what it produced:
- the committed notebook has no outputs and no execution counts (it is kept clean);
- every cell runs without an error, on a Jupyter kernel that runs this interpreter
  (/usr/bin/python3) whatever `python3` is first on PATH and whatever kernels are installed;
- every figure is saved as a non-empty PNG in WIJKSIM_FIGURE_DIR and shown in the notebook:
  the differences, residents in crisis, trust, volunteers, informal hours, professionals per
  multi-problem household, cost by payer, cumulative cost, costs and benefits per payer, and
  projects by state exactly when the file's runs record projects_by_state;
- the headline table names every arm of the file, the cost-benefit table every payer, and the
  table of how projects ended is shown exactly when some project ended.
The executed notebook is written to <scratch dir>/compare_2x2.executed.ipynb for reading.

Run with Debian's interpreter:
  /usr/bin/python3 run_notebook.py <notebook> <comparison file> <package dir> <scratch dir>
"""
import json
import os
import shutil
import sys

import h5py
import nbclient
import nbformat

PNG = b"\x89PNG\r\n\x1a\n"
FIGURES = ["differences", "crisis", "trust", "volunteers", "informal_hours",
           "professionals_multi_problem", "cost_by_payer", "cumulative_cost", "cost_benefit"]
KERNEL = "wijksim-python3"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def install_kernel(directory):
    """A kernelspec that runs this interpreter, found first through JUPYTER_PATH."""
    spec = os.path.join(directory, "kernels", KERNEL)
    os.makedirs(spec)
    with open(os.path.join(spec, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "wijksim tests (Debian Python)", "language": "python"}, f)


ENDS = {"terminated", "parcelled", "adopted_joint", "social_enterprise", "structural"}


def comparison_facts(path):
    """The arm names, whether the runs record projects_by_state, and whether any project
    ended (a row of events/projects whose `to` is an end state)."""
    with h5py.File(path, "r") as f:
        arms = [a.decode() if isinstance(a, bytes) else str(a) for a in f["comparison/arm"][()]]
        first = f["comparison/run_id"][0, 0]
        first = first.decode() if isinstance(first, bytes) else str(first)
        ended = False
        for run in f["runs"].values():
            if "events/projects" in run:
                table = run["events/projects"]
                labels = {v: k for k, v in h5py.check_enum_dtype(table.dtype.fields["to"][0]).items()}
                ended = ended or any(labels[v] in ENDS for v in table["to"])
        return arms, "projects_by_state" in f["runs"][first], ended


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    notebook, compare_file, package, scratch = sys.argv[1:]
    shutil.rmtree(scratch, ignore_errors=True)
    figures = os.path.join(scratch, "figures")
    for sub in ("jupyter", "runtime", "ipython", "matplotlib", "figures"):
        os.makedirs(os.path.join(scratch, sub))
    install_kernel(os.path.join(scratch, "jupyter"))
    os.environ.update({
        "JUPYTER_PATH": os.path.join(scratch, "jupyter"),
        "JUPYTER_RUNTIME_DIR": os.path.join(scratch, "runtime"),
        "IPYTHONDIR": os.path.join(scratch, "ipython"),
        "MPLCONFIGDIR": os.path.join(scratch, "matplotlib"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [package, os.environ.get("PYTHONPATH")])),
        "WIJKSIM_COMPARE_FILE": os.path.abspath(compare_file),
        "WIJKSIM_FIGURE_DIR": figures,
    })

    nb = nbformat.read(notebook, as_version=4)
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    check(all(not c.outputs and c.execution_count is None for c in code_cells),
          "the committed notebook has outputs or execution counts: clear them")

    client = nbclient.NotebookClient(nb, timeout=300, kernel_name=KERNEL, allow_errors=False,
                                     resources={"metadata": {"path": os.path.dirname(os.path.abspath(notebook))}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        failures.append(f"a cell raised:\n{error}")
    nbformat.write(nb, os.path.join(scratch, "compare_2x2.executed.ipynb"))

    outputs = [o for c in code_cells for o in c.get("outputs", [])]
    errors = [o for o in outputs if o.output_type == "error"]
    check(not errors, f"error outputs: {[e.get('ename') for e in errors]}")
    check(all(c.execution_count is not None for c in code_cells), "a code cell did not run")
    images = sum(1 for o in outputs if "image/png" in o.get("data", {}))

    arms, has_projects, has_endings = comparison_facts(compare_file)
    expected = FIGURES + (["projects_by_state"] if has_projects else [])
    for name in expected:
        path = os.path.join(figures, f"{name}.png")
        if not os.path.exists(path):
            failures.append(f"figure {name}.png was not saved")
            continue
        with open(path, "rb") as f:
            data = f.read()
        check(len(data) > 5000 and data.startswith(PNG), f"{name}.png is not a drawn PNG ({len(data)} bytes)")
    saved = sorted(os.listdir(figures))
    check(saved == sorted(f"{n}.png" for n in expected), f"figures saved: {saved}, expected {expected}")
    check(images == len(expected), f"{images} images shown in the notebook, expected {len(expected)}")

    headline = [c for c in code_cells if "wijksim.headline_table(" in c.source]
    table = [o for c in headline for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    check(table and all(arm in table[0]["data"]["text/html"] for arm in arms),
          f"the headline table (the cell calling headline_table) does not name every arm of {arms}")

    ledger = [c for c in code_cells if "wijksim.cost_benefit(" in c.source]
    ledger_html = [o["data"]["text/html"] for c in ledger for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    with h5py.File(compare_file, "r") as f:
        payers = [p.decode() if isinstance(p, bytes) else str(p) for p in f["comparison/payer"][()]]
    check(ledger_html and all(p in ledger_html[0] for p in payers + ["benefit/cost"]),
          f"the cost-benefit table (the cell calling cost_benefit) does not show every payer of {payers}")

    endings = any("projects that ended so" in o.get("data", {}).get("text/html", "") for o in outputs)
    check(endings == has_endings, f"the table of project endings is {'' if endings else 'not '}shown, "
                                  f"but projects {'did' if has_endings else 'did not'} end")

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"notebook executed: {len(code_cells)} code cells, {images} figures ({', '.join(expected)}), "
          f"arms {arms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
