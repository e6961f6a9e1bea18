"""`wijksim inspect` on files that are not whole wijksim outputs: each exits 1 with a message
that names the file and says what is wrong; a whole output is described (exit 0).

Run with Debian's interpreter: /usr/bin/python3 check_inspect.py <wijksim> <run.h5> <scratch dir>
"""
import os
import shutil
import subprocess
import sys

import h5py

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def inspect(wijksim, path, *extra):
    process = subprocess.run([wijksim, "inspect", path, *extra], capture_output=True, text=True, timeout=120)
    return process.returncode, process.stdout, process.stderr


def main():
    if len(sys.argv) != 4:
        print("usage: check_inspect.py <wijksim> <run.h5> <scratch dir>")
        return 2
    wijksim, run_file, directory = sys.argv[1:]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)

    code, stdout, _ = inspect(wijksim, run_file)
    check(code == 0, f"a whole run: exit {code}")
    for text in ("run r0 (complete)", "provenance", "events/", "panels/", "tick  int32 (52/unlimited)"):
        check(text in stdout, f"a whole run: {text!r} not in the listing")

    missing = os.path.join(directory, "missing.h5")
    text_file = os.path.join(directory, "notes.h5")
    with open(text_file, "w") as f:
        f.write("not HDF5 at all\n" * 100)
    foreign = os.path.join(directory, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = [1, 2, 3]
    truncated = os.path.join(directory, "truncated.h5")
    with open(run_file, "rb") as f:
        whole = f.read()
    with open(truncated, "wb") as f:
        f.write(whole[: len(whole) // 2])
    empty = os.path.join(directory, "empty.h5")
    open(empty, "w").close()

    for path in (missing, text_file, foreign, truncated, empty):
        code, _, stderr = inspect(wijksim, path)
        check(code == 1, f"{os.path.basename(path)}: exit {code}")
        check(path in stderr and "error" in stderr, f"{os.path.basename(path)}: message {stderr!r}")
    code, _, stderr = inspect(wijksim, foreign)
    check("not a wijksim output" in stderr, f"foreign: message {stderr!r}")
    code, stdout, _ = inspect(wijksim, foreign, "--allow-foreign")
    check(code == 0 and "not a wijksim output" in stdout, f"foreign with --allow-foreign: exit {code}")

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    shutil.rmtree(directory, ignore_errors=True)
    print("inspect describes a whole run and refuses missing, empty, foreign, truncated and non-HDF5 files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
