"""`wijksim run` refuses bad input before it writes anything, and never replaces an existing
output without --force:
- a malformed scenario (syntax, unknown key, value out of range) exits 1 with file:line:column
  in the message, and creates no file (not even a temporary one);
- a bad --set exits 1 naming the key; a missing scenario file exits 1 naming it; an output in
  a missing directory, or that is a directory, is refused;
- an existing --out is refused (exit 1, file untouched) unless --force, which replaces it.

Run with Debian's interpreter: /usr/bin/python3 check_refusals.py <wijksim> <scratch dir> <data dir>
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


def run(wijksim, *args):
    process = subprocess.run([wijksim, "run", *args, "--quiet"], capture_output=True, text=True, timeout=600)
    return process.returncode, process.stderr


def main():
    if len(sys.argv) != 4:
        print("usage: check_refusals.py <wijksim> <scratch dir> <data dir>")
        return 2
    wijksim, directory, data = sys.argv[1:]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    out = os.path.join(directory, "out.h5")

    for name, line in (("bad_syntax.toml", 3), ("bad_key.toml", 3), ("bad_value.toml", 3)):
        path = os.path.join(data, name)
        code, stderr = run(wijksim, path, "--out", out)
        check(code == 1, f"{name}: exit {code}")
        check(f"{path}:{line}:" in stderr, f"{name}: no '{path}:{line}:' in {stderr!r}")
        check(os.listdir(directory) == [], f"{name}: created {os.listdir(directory)}")

    code, stderr = run(wijksim, "reference", "--set", "population.dwellings_per_neighbourhood=5", "--out", out)
    check(code == 1 and "population.dwellings_per_neighbourhood" in stderr, f"bad --set: exit {code}, {stderr!r}")
    code, stderr = run(wijksim, "reference", "--years", "0", "--out", out)
    check(code == 1 and "run.years" in stderr, f"--years 0: exit {code}, {stderr!r}")
    missing = os.path.join(data, "no_such_scenario.toml")
    code, stderr = run(wijksim, missing, "--out", out)
    check(code == 1 and "no_such_scenario.toml" in stderr, f"missing scenario: exit {code}, {stderr!r}")
    nowhere = os.path.join(directory, "no_such_directory", "out.h5")
    code, stderr = run(wijksim, "reference", "--out", nowhere)
    check(code == 1 and "does not exist" in stderr, f"missing output directory: exit {code}, {stderr!r}")
    code, stderr = run(wijksim, "reference", "--out", directory)
    check(code == 1 and "is a directory" in stderr, f"--out a directory: exit {code}, {stderr!r}")
    check(os.listdir(directory) == [], f"bad arguments created {os.listdir(directory)}")

    with open(out, "w") as f:
        f.write("precious\n")
    small = ["reference", "--years", "1", "--set", "population.dwellings_per_neighbourhood=100", "--out", out]
    code, stderr = run(wijksim, *small)
    check(code == 1 and "already exists" in stderr and "--force" in stderr,
          f"existing output: exit {code}, {stderr!r}")
    with open(out) as f:
        check(f.read() == "precious\n", "the existing file was changed")
    check(os.listdir(directory) == ["out.h5"], f"refusal left {os.listdir(directory)}")

    code, stderr = run(wijksim, *small, "--force")
    check(code == 0, f"--force: exit {code}, {stderr!r}")
    with h5py.File(out, "r") as f:
        check(int(f.attrs["complete"]) == 1, "--force wrote a complete file")
    check(os.listdir(directory) == ["out.h5"], f"--force left {os.listdir(directory)}")

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    shutil.rmtree(directory, ignore_errors=True)
    print("malformed scenarios, bad overrides and existing outputs refused; nothing created")
    return 0


if __name__ == "__main__":
    sys.exit(main())
