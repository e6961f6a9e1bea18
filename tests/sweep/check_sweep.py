"""Command-line checks of `wijksim sweep` and `wijksim merge` (tests/sweep/CMakeLists.txt).

  check_sweep.py layout WIJKSIM SPEC WORKDIR         one process, merge, the agreed layout;
                                                     the summary's throughput lines
  check_sweep.py mpi MPIRUN WIJKSIM SPEC WORKDIR     mpirun -n 3 equals one process, per run;
                                                     only rank 0 reports progress
  check_sweep.py kill WIJKSIM SPEC WORKDIR           SIGKILL part-way, rerun: nothing lost or doubled
  check_sweep.py slurm SBATCH WIJKSIM SPEC N         the job-array script's shard mapping (dry run)
  check_sweep.py refusals WIJKSIM SPEC WORKDIR       merge refuses other specs, versions, gaps

Run with /usr/bin/python3 (Debian's h5py, numpy, xarray).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

# Attributes that differ between two runs of the same thing: wall-clock times, and the
# object references of dimension scales (addresses in their file; compared as names instead).
VOLATILE_ATTRIBUTES = {"start_time", "end_time", "DIMENSION_LIST", "REFERENCE_LIST"}
SWEEP_ATTRIBUTES_PER_SPLIT = {"shard_count"}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    return result


def must_run(command, **kwargs):
    result = run(command, **kwargs)
    if result.returncode != 0:
        fail(f"{' '.join(map(str, command))} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def sweep_and_merge(wijksim, spec, workdir, name, extra=(), launcher=()):
    """Runs the sweep into WORKDIR/NAME and merges it: (merged file, the sweep's outcome)."""
    out = os.path.join(workdir, name)
    shutil.rmtree(out, ignore_errors=True)
    swept = must_run([*launcher, wijksim, "sweep", spec, "--out", out, *extra])
    merged = os.path.join(workdir, name + ".h5")
    if os.path.exists(merged):
        os.remove(merged)
    must_run([wijksim, "merge", out, "--out", merged])
    return merged, swept


def attributes(obj, skip=VOLATILE_ATTRIBUTES):
    out = {}
    for key in obj.attrs:
        if key in skip:
            continue
        value = obj.attrs[key]
        # As text: NaN (a float fill value) must equal NaN.
        out[key] = repr(value.tolist() if isinstance(value, np.ndarray) else value)
    return out


def dimension_names(dataset):
    return [[scale.name for scale in dim.values()] for dim in dataset.dims]


def dataset_bytes(dataset):
    data = dataset[()]
    if isinstance(data, np.ndarray):
        if data.dtype.kind == "O":
            return repr(data.tolist()).encode()
        return data.dtype.str.encode() + repr(data.shape).encode() + data.tobytes()
    return repr(data).encode()


def describe_group(group):
    """Every object under `group`: path -> (kind, attributes, bytes, dimension names)."""
    items = {"": ("group", attributes(group), b"", [])}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            items[name] = ("dataset", attributes(obj), dataset_bytes(obj), dimension_names(obj))
        else:
            items[name] = ("group", attributes(obj), b"", [])

    group.visititems(visit)
    return items


def compare_merged(a_path, b_path):
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        a_runs, b_runs = list(a["runs"].keys()), list(b["runs"].keys())
        if len(set(a_runs)) != len(a_runs):
            fail(f"{a_path}: duplicated runs")
        if a_runs != b_runs:
            fail(f"runs differ: {a_path} has {len(a_runs)}, {b_path} has {len(b_runs)}: "
                 f"{sorted(set(a_runs) ^ set(b_runs))[:5]}")
        table = list(a["sweep/run"][:].astype(str))
        if table != a_runs:
            fail(f"{a_path}: the summary's run dimension is not the runs in run-id order")
        skip = VOLATILE_ATTRIBUTES | SWEEP_ATTRIBUTES_PER_SPLIT
        if attributes(a["sweep"], skip) != attributes(b["sweep"], skip):
            fail("the /sweep attributes differ")
        for name in a["sweep"]:
            if dataset_bytes(a["sweep"][name]) != dataset_bytes(b["sweep"][name]):
                fail(f"/sweep/{name} differs")
        for run_id in a_runs:
            da, db = describe_group(a["runs"][run_id]), describe_group(b["runs"][run_id])
            if da.keys() != db.keys():
                fail(f"run {run_id}: objects differ: {sorted(set(da) ^ set(db))[:5]}")
            for key in da:
                if da[key] != db[key]:
                    fail(f"run {run_id}: '{key}' differs (data, attributes or dimensions)")
    return len(a_runs)


def check_summary(stdout):
    """The sweep ends with runs per minute, cores busy (CPU / wall) and where the worker
    threads' time went (on a core, waiting for one, blocked): the figures that tell a sweep
    slowed by a shared machine from one whose runs wait on each other. Format only: the
    values depend on the machine."""
    number = r"\d+(\.\d+)?"
    lines = [("runs per minute", rf"finished: 12 runs in {number} s: {number} runs per minute"),
             ("cores busy", rf"CPU {number} s \(user \+ sys\) over {number} s on \d+ cores: {number} cores busy")]
    # The worker times come from Linux's per-thread scheduler counts; a kernel without them
    # (no /proc/thread-self/schedstat) makes the sweep leave that line out.
    if os.path.exists("/proc/thread-self/schedstat"):
        lines.append(("worker times", rf"2 worker threads were on a core {number}% of their time, waiting for a core "
                                      rf"{number}% .*blocked {number}%"))
    for what, pattern in lines:
        if not re.search(pattern, stdout):
            fail(f"the sweep's summary has no {what} line:\n{stdout}")


def check_layout(wijksim, spec, workdir):
    fresh(workdir)
    merged, swept = sweep_and_merge(wijksim, spec, workdir, "one", extra=("--threads", "2"))
    check_summary(swept.stdout)
    import xarray as xr
    with h5py.File(merged, "r") as f:
        for key, want in (("format", "wijksim"), ("format_version", 1), ("kind", "sweep"), ("complete", 1)):
            if f.attrs.get(key) != want:
                fail(f"root @{key} = {f.attrs.get(key)!r}, expected {want!r}")
        s = f["sweep"]
        for key in ("spec_text", "spec_hash", "design", "base_seed", "program_version"):
            if key not in s.attrs:
                fail(f"/sweep has no @{key}")
        runs = s["run"][:].astype(str)
        if len(runs) != 12 or list(runs) != sorted(runs):
            fail(f"/sweep/run: {list(runs)}")
        expected = {"point": ("run",), "arm": ("run",), "arm_index": ("run",), "replicate": ("run",),
                    "parameter_value": ("run", "parameter"), "outcome_value": ("run", "outcome")}
        for name, dims in expected.items():
            got = tuple(d[0] for d in dimension_names(s[name]))
            if got != tuple("/sweep/" + d for d in dims):
                fail(f"/sweep/{name} has dimensions {got}, expected {dims}")
        if list(s["parameter"][:].astype(str)) != ["informal.ask_probability"]:
            fail("parameter dimension")
        values = s["parameter_value"][:, 0]
        if not np.array_equal(values, np.repeat([0.2, 0.5, 0.8], 4)):
            fail(f"parameter values {values}")
        seeds, points, reps = s["seed"][:], s["point"][:], s["replicate"][:]
        if not np.array_equal(seeds, 5 + points * 2 + reps):
            fail("seed != base seed + point x replicates + replicate")
        arms = s["arm"][:].astype(str)
        if list(arms[:4]) != ["expert", "expert", "wraparound", "wraparound"]:
            fail(f"arms {arms[:4]}")
        outcomes = s["outcome_value"][:]
        if not np.all(np.isfinite(outcomes)) or outcomes.shape[1] != len(s["outcome"]):
            fail("outcome values")
        # Common random numbers: the arms of a point share seeds, so at a point and replicate
        # the arms differ (different care) but their residents at the start are the same.
        for run_id in runs:
            g = f["runs"][run_id]
            for key in ("point", "arm", "replicate", "complete", "seed"):
                if key not in g.attrs:
                    fail(f"run {run_id} has no @{key}")
        first_a = f["runs"][runs[0]]["population"][0]
        first_b = f["runs"][runs[2]]["population"][0]
        if not np.array_equal(first_a, first_b):
            fail("arms of one point do not start from the same people (common random numbers)")
    table = xr.open_dataset(merged, engine="h5netcdf", group="sweep")
    if table.outcome_value.dims != ("run", "outcome"):
        fail("xarray: outcome_value dims")
    one = xr.open_dataset(merged, engine="h5netcdf", group="runs/" + str(runs[5]))
    if "tick" not in one.dims or one.severity_mean.dims[0] != "tick":
        fail("xarray cannot open a merged run with its dimensions")
    print(f"layout ok: {len(runs)} runs")


def check_mpi(mpirun, wijksim, spec, workdir):
    fresh(workdir)
    one, _ = sweep_and_merge(wijksim, spec, workdir, "one", extra=("--threads", "1"))
    # --tag-output prefixes every line with [job,rank]<stream>: to tell the ranks apart.
    mpi, swept = sweep_and_merge(wijksim, spec, workdir, "mpi",
                                 launcher=(mpirun, "--oversubscribe", "--allow-run-as-root", "--tag-output", "-n", "3"))
    files = sorted(os.listdir(os.path.join(workdir, "mpi")))
    if files != ["shard-0-of-3.h5", "shard-1-of-3.h5", "shard-2-of-3.h5"]:
        fail(f"mpirun -n 3 wrote {files}")
    n = compare_merged(one, mpi)
    check_rank0_progress(swept.stdout + swept.stderr, n)
    print(f"mpirun -n 3 equals one process: {n} runs; only rank 0 reports, with every rank's runs")


def check_rank0_progress(tagged, runs):
    """Rank 0 alone writes: progress on stderr (in a log: a line at least at the end) counting
    the runs of every rank, and the summary on stdout; the other ranks write nothing."""
    lines = {}
    for m in re.finditer(r"\[\d+,(\d+)\]<(stdout|stderr)>:(.*)", tagged):
        lines.setdefault((int(m.group(1)), m.group(2)), []).append(m.group(3))
    others = {key: text for key, text in lines.items() if key[0] != 0 and any(t.strip() for t in text)}
    if others:
        fail(f"ranks other than 0 wrote: {others}")
    progress = [t for t in lines.get((0, "stderr"), []) if re.match(r"wijksim sweep: \d+% \(\d+ of \d+ runs\)", t)]
    if not progress:
        fail(f"rank 0 reported no progress on stderr: {lines.get((0, 'stderr'))}")
    if f"100% ({runs} of {runs} runs)" not in progress[-1]:
        fail(f"rank 0's last progress line does not count every rank's runs ({runs}): {progress[-1]!r}")
    if not any("all shards finished" in t for t in lines.get((0, "stdout"), [])):
        fail(f"rank 0 printed no summary: {lines.get((0, 'stdout'))}")


def check_kill(wijksim, spec, workdir):
    fresh(workdir)
    whole, _ = sweep_and_merge(wijksim, spec, workdir, "whole")
    out = os.path.join(workdir, "killed")
    command = [wijksim, "sweep", spec, "--out", out, "--threads", "2", "--list-runs", "--quiet"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    done = 0
    deadline = time.time() + 60
    while done < 4 and time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        done += " complete" in line
    process.send_signal(signal.SIGKILL)
    process.wait()
    if done < 4:
        fail(f"the sweep ended before it could be killed ({done} runs seen)")
    if os.path.exists(os.path.join(out, "shard-0-of-1.h5")):
        fail("the sweep finished before it was killed: nothing to resume")
    partial = os.path.join(out, "shard-0-of-1.h5.partial")
    if not os.path.exists(partial):
        fail("no partial shard file after the kill")
    result = must_run(command[:-1])  # the same command again (without --quiet: says what it resumes)
    if "resuming" not in result.stdout:
        fail("the rerun did not say it resumed:\n" + result.stdout)
    kept = int(result.stdout.split("resuming")[1].split(":")[1].split("runs complete")[0])
    if kept < done:
        fail(f"{done} runs were complete before the kill, the rerun kept {kept}")
    leftovers = [n for n in os.listdir(out) if n.startswith(".")]
    if leftovers:
        fail(f"scratch files left behind: {leftovers}")
    merged = os.path.join(workdir, "killed.h5")
    must_run([wijksim, "merge", out, "--out", merged])
    n = compare_merged(whole, merged)
    print(f"killed after {done} runs, resumed with {kept} kept: {n} runs, equal to an uninterrupted sweep")


def check_slurm(sbatch, wijksim, spec, shards):
    shards = int(shards)
    everything = must_run([wijksim, "sweep", spec, "--out", "unused", "--dry-run"]).stdout
    all_runs = [line.split("\t")[0] for line in everything.splitlines() if not line.startswith("#")]
    seen = {}
    first = 7  # an array that does not start at 0: --array=7-(7+N-1)
    for task in range(first, first + shards):
        env = dict(os.environ, SPEC=spec, OUT="unused", WIJKSIM=wijksim, WIJKSIM_SWEEP_DRY_RUN="1",
                   SLURM_ARRAY_TASK_ID=str(task), SLURM_ARRAY_TASK_MIN=str(first),
                   SLURM_ARRAY_TASK_COUNT=str(shards), SLURM_CPUS_PER_TASK="4")
        env.pop("SHARDS", None)
        out = must_run(["bash", sbatch], env=env).stdout
        for run_id in (line.split("\t")[0] for line in out.splitlines() if not line.startswith("#")):
            if run_id in seen:
                fail(f"run {run_id} in array tasks {seen[run_id]} and {task}")
            seen[run_id] = task
        expected = [r for k, r in enumerate(all_runs) if k % shards == task - first]
        got = [r for r, t in seen.items() if t == task]
        if got != expected:
            fail(f"task {task}: runs {got[:3]}..., expected {expected[:3]}...")
    if sorted(seen) != sorted(all_runs):
        fail(f"the array covers {len(seen)} of {len(all_runs)} runs")
    # A task outside the array is refused.
    env = dict(os.environ, SPEC=spec, OUT="unused", WIJKSIM=wijksim, WIJKSIM_SWEEP_DRY_RUN="1",
               SLURM_ARRAY_TASK_ID=str(first + shards), SLURM_ARRAY_TASK_MIN=str(first), SHARDS=str(shards))
    if run(["bash", sbatch], env=env).returncode == 0:
        fail("a task id beyond the array was accepted")
    # The script sets HDF5_USE_FILE_LOCKING=FALSE for shared file systems.
    if "export HDF5_USE_FILE_LOCKING=FALSE" not in open(sbatch).read():
        fail("the script does not switch off HDF5 file locking")
    print(f"{shards} array tasks cover all {len(all_runs)} runs once, task k = shard k - first")


def expect_refusal(command, words):
    result = run(command)
    if result.returncode == 0:
        fail(f"{' '.join(command)} succeeded; expected a refusal mentioning {words}")
    for w in words:
        if w not in result.stderr:
            fail(f"{' '.join(command)}: message lacks '{w}':\n{result.stderr}")
    if "wijksim: error:" not in result.stderr:
        fail(f"not a clear error:\n{result.stderr}")


def check_refusals(wijksim, spec, workdir):
    fresh(workdir)
    out = os.path.join(workdir, "two")
    must_run([wijksim, "sweep", spec, "--out", out, "--shard", "0/2", "--quiet"])
    merged = os.path.join(workdir, "m.h5")
    expect_refusal([wijksim, "merge", out, "--out", merged], ["shard-1-of-2.h5", "not started"])
    if os.path.exists(merged):
        fail("a refused merge left a file")
    expect_refusal([wijksim, "sweep", spec, "--out", out, "--shard", "0/3", "--quiet"], ["split into 2", "same shard count"])
    must_run([wijksim, "sweep", spec, "--out", out, "--shard", "1/2", "--quiet"])
    shard1 = os.path.join(out, "shard-1-of-2.h5")
    pristine = os.path.join(workdir, "shard1.keep")
    shutil.copy(shard1, pristine)
    with h5py.File(shard1, "r+") as f:
        f["sweep"].attrs["program_version"] = "wijksim 0.0.1"
    expect_refusal([wijksim, "merge", out, "--out", merged], ["program version", "wijksim 0.0.1"])
    shutil.copy(pristine, shard1)
    with h5py.File(shard1, "r+") as f:
        f["sweep"].attrs["spec_hash"] = "0123456789abcdef"
    expect_refusal([wijksim, "merge", out, "--out", merged], ["another spec", "0123456789abcdef"])
    # Rerunning that shard refuses too: its file belongs to another spec.
    expect_refusal([wijksim, "sweep", spec, "--out", out, "--shard", "1/2", "--quiet"], ["another spec"])
    shutil.copy(pristine, shard1)
    must_run([wijksim, "merge", out, "--out", merged])
    expect_refusal([wijksim, "merge", out, "--out", merged], ["exists"])
    print("merge refuses other versions, other specs, missing shards and other splits")


def main(argv):
    what = argv[1]
    if what == "layout":
        check_layout(*argv[2:5])
    elif what == "mpi":
        check_mpi(*argv[2:6])
    elif what == "kill":
        check_kill(*argv[2:5])
    elif what == "slurm":
        check_slurm(*argv[2:6])
    elif what == "refusals":
        check_refusals(*argv[2:5])
    else:
        fail("unknown check " + what)


if __name__ == "__main__":
    main(sys.argv)
