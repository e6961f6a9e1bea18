"""A run killed part-way never leaves a file under its final name:
- SIGKILL: the process dies at once; at most its temporary `<final>.part-<pid>-<n>` remains;
- SIGINT (Ctrl-C) and SIGTERM: the run stops at the next tick boundary, says so on stderr,
  exits non-zero (128 + the signal) and removes its temporary file.

Run with Debian's interpreter: /usr/bin/python3 check_interrupts.py <wijksim> <scratch dir>
"""
import os
import shutil
import signal
import subprocess
import sys
import time

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def start_long_run(wijksim, out):
    # Long enough (100 recorded years) that it is still running when the signal comes.
    return subprocess.Popen(
        [wijksim, "run", "reference", "--years", "100", "--threads", "2",
         "--set", "population.dwellings_per_neighbourhood=1500", "--out", out],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_part_file(directory, name, process, seconds=120):
    """Waits until the run writes its temporary file (it then records ticks), then a bit more."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(entry.startswith(name + ".part-") for entry in os.listdir(directory)):
            time.sleep(1.5)  # well into the recorded years
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def kill_part_way(wijksim, directory, name, sig):
    out = os.path.join(directory, name)
    process = start_long_run(wijksim, out)
    started = wait_for_part_file(directory, name, process)
    check(started, f"{name}: the run never started writing ({process.poll()})")
    check(process.poll() is None, f"{name}: the run ended before {sig.name} could be sent")
    process.send_signal(sig)
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        failures.append(f"{name}: did not stop within 120 s of {sig.name}")
    check(not os.path.exists(out), f"{name}: a file under the final name after {sig.name}")
    leftovers = [e for e in os.listdir(directory) if e.startswith(name)]
    return process.returncode, stderr, leftovers


def main():
    if len(sys.argv) != 3:
        print("usage: check_interrupts.py <wijksim> <scratch dir>")
        return 2
    wijksim, directory = sys.argv[1], sys.argv[2]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)

    code, _, leftovers = kill_part_way(wijksim, directory, "killed.h5", signal.SIGKILL)
    check(code == -signal.SIGKILL, f"SIGKILL: exit {code}")
    check(len(leftovers) == 1 and ".part-" in leftovers[0],
          f"SIGKILL: expected only the temporary file to remain, found {leftovers}")

    for sig, name in ((signal.SIGINT, "interrupted.h5"), (signal.SIGTERM, "terminated.h5")):
        code, stderr, leftovers = kill_part_way(wijksim, directory, name, sig)
        check(code == 128 + sig, f"{sig.name}: exit {code}, expected {128 + sig}")
        check(f"stopped by {sig.name}" in stderr and "no output written" in stderr,
              f"{sig.name}: stderr was {stderr!r}")
        check(leftovers == [], f"{sig.name}: left {leftovers}")

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    shutil.rmtree(directory, ignore_errors=True)
    print("no file under the final name after SIGKILL, SIGINT or SIGTERM; clean stops on SIGINT and SIGTERM")
    return 0


if __name__ == "__main__":
    sys.exit(main())
