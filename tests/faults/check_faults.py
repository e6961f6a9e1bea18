"""Faults a user meets, each checked on every command it applies to:

- disk full (a 2 MiB tmpfs): a clear error naming the file, a non-zero exit, no file under the
  final name, no temporary file left, and an existing complete file that --force was about to
  replace is still there, unchanged;
- a read-only output directory (the tmpfs remounted read-only; chmod does not stop root):
  a clear error, a non-zero exit, nothing created;
- SIGINT and SIGTERM part-way: a clean stop with a message, exit 128 + signal, no file under
  the final name, no temporary file; a rerun of the same command completes;
- an output that already exists: refused (exit 1, file untouched) unless --force;
- a truncated (at several points), foreign, non-HDF5, empty or directory input given to a
  command that reads results: a clear error naming the file, exit 1, no crash.

The commands are the tables WRITERS and READERS below: covering a new command (sweep, merge,
report) is one entry there. The disk and read-only checks need root (to mount a tmpfs); without
it they are skipped, saying why, and the script exits 77 (ctest's SKIP_RETURN_CODE) only when
every check was skipped.

Run with Debian's interpreter:
  /usr/bin/python3 check_faults.py <wijksim> <scratch dir> <group>   (group: disk, signals, refusals, readers)
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# Commands that write one output file. Each entry: name -> function(out, size) giving the
# arguments after the program, for a job of `size` "small" (seconds), "big" (a few MB, for the
# disk to fill) or "long" (minutes: still running when a signal comes).
#   "sweep": lambda out, size: ["sweep", SPEC[size], "--out", out],   # when `sweep` lands
#   "merge": lambda out, size: ["merge", *INPUTS, "--out", out],      # when `merge` lands
YEARS = {"small": "1", "big": "30", "long": "100"}
DWELLINGS = {"small": "100", "big": "600", "long": "1500"}
WRITERS = {
    "run": lambda out, size: ["run", "reference", "--years", YEARS[size], "--threads", "2", "--quiet",
                              "--set", f"population.dwellings_per_neighbourhood={DWELLINGS[size]}",
                              *(["--panel", "--panel-residents", "2000"] if size == "big" else []),
                              "--out", out],
}
# Commands that read a results file. Each entry: name -> function(path) giving the arguments.
#   "report": lambda path: ["report", path, "--out", path + ".html"],  # when `report` lands
#   "merge": lambda path: ["merge", path, "--out", path + ".merged.h5"],
READERS = {
    "inspect": lambda path: ["inspect", path],
}

failures = []
skipped = []
passed = []


def check(condition, message):
    if condition:
        passed.append(message)
    else:
        failures.append(message)


def wijksim(program, args, timeout=600):
    process = subprocess.run([program, *args], capture_output=True, text=True, timeout=timeout)
    return process.returncode, process.stdout, process.stderr


def is_hdf5_complete(path):
    import h5py
    with h5py.File(path, "r") as f:
        return int(f.attrs.get("complete", 0)) == 1


class Tmpfs:
    """A small tmpfs mounted on a fresh folder (root only)."""

    def __init__(self, parent, size):
        self.path = tempfile.mkdtemp(prefix="tmpfs-", dir=parent)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", self.path],
                                capture_output=True, text=True)
        if result.returncode != 0:
            os.rmdir(self.path)
            raise PermissionError(result.stderr.strip())

    def read_only(self):
        subprocess.run(["mount", "-o", "remount,ro", self.path], check=True)

    def close(self):
        subprocess.run(["umount", self.path], check=False)
        os.rmdir(self.path)


def can_mount(why):
    if os.geteuid() != 0:
        skipped.append(f"{why}: skipped, not root (mounting a tmpfs needs root; CI runs as root)")
        return False
    return True


def check_disk_full(program, directory):
    """Each writer on a 2 MiB file system: refused cleanly; an existing complete file survives."""
    if not can_mount("disk full"):
        return
    for name, args in WRITERS.items():
        # A complete output made elsewhere, copied onto the small disk: --force would replace it.
        reference = os.path.join(directory, f"{name}-complete.h5")
        code, _, stderr = wijksim(program, args(reference, "small"))
        check(code == 0, f"{name}: a small job for the disk-full check ran ({code}, {stderr!r})")
        try:
            disk = Tmpfs(directory, "2m")
        except PermissionError as e:
            skipped.append(f"disk full: skipped, cannot mount a tmpfs even as root ({e})")
            return
        try:
            existing = os.path.join(disk.path, "kept.h5")
            shutil.copyfile(reference, existing)
            with open(existing, "rb") as f:
                before = f.read()
            fresh = os.path.join(disk.path, "fresh.h5")
            for out, extra in ((fresh, []), (existing, ["--force"])):
                code, _, stderr = wijksim(program, args(out, "big") + extra)
                label = f"{name} --out {os.path.basename(out)} {' '.join(extra)} on a full disk"
                check(code == 1, f"{label}: exit {code} (1: a clean error; 139: a crash)")
                check(out in stderr and "error" in stderr, f"{label}: the message names the file: {stderr!r}")
                check("Traceback" not in stderr and "terminate called" not in stderr, f"{label}: a clean error: {stderr!r}")
                leftovers = sorted(e for e in os.listdir(disk.path) if e != "kept.h5")
                check(leftovers == [], f"{label}: left {leftovers}")
            with open(existing, "rb") as f:
                check(f.read() == before, f"{name}: the complete file that --force would replace is unchanged")
            check(is_hdf5_complete(existing), f"{name}: the kept file still reads as complete")
        finally:
            disk.close()


def check_read_only(program, directory):
    if not can_mount("read-only directory"):
        return
    for name, args in WRITERS.items():
        try:
            disk = Tmpfs(directory, "2m")
        except PermissionError as e:
            skipped.append(f"read-only directory: skipped, cannot mount a tmpfs even as root ({e})")
            return
        try:
            disk.read_only()
            out = os.path.join(disk.path, "out.h5")
            code, _, stderr = wijksim(program, args(out, "small"))
            label = f"{name} into a read-only directory"
            check(code == 1, f"{label}: exit {code}")
            check(out in stderr and "error" in stderr, f"{label}: the message names the file: {stderr!r}")
            check(os.listdir(disk.path) == [], f"{label}: created {os.listdir(disk.path)}")
        finally:
            disk.close()


def wait_for_part_file(directory, name, process, seconds=120):
    """Until the job writes its temporary file (it then records), then a little more."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(e.startswith(name + ".part") for e in os.listdir(directory)):
            time.sleep(1.0)
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def check_signals(program, directory):
    for name, args in WRITERS.items():
        for sig in (signal.SIGINT, signal.SIGTERM):
            out = os.path.join(directory, f"{name}-{sig.name}.h5")
            process = subprocess.Popen([program, *args(out, "long")], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            started = wait_for_part_file(directory, os.path.basename(out), process)
            label = f"{name} stopped by {sig.name}"
            check(started and process.poll() is None, f"{label}: the job was writing when the signal came")
            process.send_signal(sig)
            try:
                _, stderr = process.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()
                _, stderr = process.communicate()
                failures.append(f"{label}: did not stop within 120 s")
            check(process.returncode == 128 + sig, f"{label}: exit {process.returncode}, expected {128 + sig}")
            check(f"stopped by {sig.name}" in stderr, f"{label}: says so: {stderr!r}")
            leftovers = [e for e in os.listdir(directory) if e.startswith(os.path.basename(out))]
            check(leftovers == [], f"{label}: left {leftovers}")
            # The rerun (a small job to the same name) completes: nothing of the stopped job is
            # in the way.
            code, _, stderr = wijksim(program, args(out, "small"))
            check(code == 0 and is_hdf5_complete(out), f"{label}: a rerun completes ({code}, {stderr!r})")


def check_existing_output(program, directory):
    for name, args in WRITERS.items():
        out = os.path.join(directory, f"{name}-existing.h5")
        with open(out, "w") as f:
            f.write("precious\n")
        code, _, stderr = wijksim(program, args(out, "small"))
        check(code == 1 and "already exists" in stderr and "--force" in stderr,
              f"{name}: an existing output is refused without --force ({code}, {stderr!r})")
        with open(out) as f:
            check(f.read() == "precious\n", f"{name}: the refused output is unchanged")
        code, _, stderr = wijksim(program, args(out, "small") + ["--force"])
        check(code == 0 and is_hdf5_complete(out), f"{name} --force replaces it ({code}, {stderr!r})")
        check(sorted(e for e in os.listdir(directory) if e.startswith(f"{name}-existing")) == [f"{name}-existing.h5"],
              f"{name}: --force left only the output")


def bad_inputs(program, directory):
    """Files that are not whole wijksim outputs, by label."""
    whole = os.path.join(directory, "whole.h5")
    code, _, stderr = wijksim(program, WRITERS["run"](whole, "small"))
    check(code == 0, f"a whole run for the reader checks ({code}, {stderr!r})")
    with open(whole, "rb") as f:
        data = f.read()
    files = {}

    def write(label, content):
        path = os.path.join(directory, f"bad-{label}.h5")
        with open(path, "wb") as f:
            f.write(content)
        files[label] = path

    # Cut at the superblock, inside the metadata, half-way and just before the end.
    for label, size in (("truncated-8", 8), ("truncated-100", 100), ("truncated-4k", 4096),
                        ("truncated-half", len(data) // 2), ("truncated-end", len(data) - 100)):
        write(label, data[:size])
    write("empty", b"")
    write("text", b"not HDF5 at all\n" * 100)
    write("signature-then-garbage", data[:8] + bytes((i * 37) % 256 for i in range(4096)))
    # The end of the file overwritten with zeros (a torn write).
    write("zeroed-tail", data[: len(data) * 3 // 4] + bytes(len(data) - len(data) * 3 // 4))
    import h5py
    foreign = os.path.join(directory, "bad-foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = [1, 2, 3]
    files["foreign"] = foreign
    # A wijksim-looking file whose run group is missing.
    hollow = os.path.join(directory, "bad-hollow.h5")
    with h5py.File(whole, "r") as src, h5py.File(hollow, "w") as f:
        for key, value in src.attrs.items():
            f.attrs[key] = value
    files["hollow"] = hollow
    folder = os.path.join(directory, "bad-folder.h5")
    os.makedirs(folder, exist_ok=True)
    files["folder"] = folder
    files["missing"] = os.path.join(directory, "bad-missing.h5")
    return whole, files


def check_readers(program, directory):
    whole, files = bad_inputs(program, directory)
    for name, args in READERS.items():
        code, _, stderr = wijksim(program, args(whole))
        check(code == 0, f"{name} reads a whole run ({code}, {stderr!r})")
        for label, path in files.items():
            code, _, stderr = wijksim(program, args(path), timeout=120)
            # A file whose structure is intact (zeros over raw data, no run group) may be described.
            tolerated = label in ("hollow", "zeroed-tail") and code == 0
            check(code == 1 or tolerated, f"{name} {label}: exit {code} ({stderr[-300:]!r})")
            if code != 0:
                check(path in stderr and "error" in stderr, f"{name} {label}: the message names the file: {stderr[-300:]!r}")
            check("HDF5-DIAG" not in stderr, f"{name} {label}: no HDF5 error stack on stderr")
            check(code >= 0, f"{name} {label}: killed by signal {-code}")


GROUPS = {
    "disk": [check_disk_full, check_read_only],
    "signals": [check_signals],
    "refusals": [check_existing_output],
    "readers": [check_readers],
}


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in GROUPS:
        print(f"usage: check_faults.py <wijksim> <scratch dir> <{'|'.join(GROUPS)}>")
        return 2
    program, directory, group = sys.argv[1:]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for step in GROUPS[group]:
        step(program, directory)
    for line in skipped:
        print("SKIP:", line)
    for line in failures:
        print("FAIL:", line)
    print(f"{len(passed)} checks passed, {len(failures)} failed, {len(skipped)} skipped")
    if failures:
        return 1
    shutil.rmtree(directory, ignore_errors=True)
    return 77 if skipped and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
