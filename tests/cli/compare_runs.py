"""Compares two files written by `wijksim run` with the same scenario and seed at different
thread counts: the same groups and datasets, every value identical (NaN where the other has
NaN), the same dataset attributes, and the same run attributes except those that describe the
process (threads, start and end time). Values are compared, not bytes: timestamps differ.

Run with Debian's interpreter: /usr/bin/python3 compare_runs.py <a.h5> <b.h5>
"""
import sys

import h5py
import numpy as np

PROCESS_ATTRIBUTES = {"threads", "start_time", "end_time"}


def contents(f):
    items = {}
    f.visititems(lambda name, obj: items.__setitem__(name, obj))
    return items


def same_values(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    if a.dtype.names:  # compound rows: field by field
        return all(same_values(a[name], b[name]) for name in a.dtype.names)
    return np.array_equal(a, b)


def attributes(obj, skip=()):
    out = {}
    for key, value in obj.attrs.items():
        if key in skip or key in ("DIMENSION_LIST", "REFERENCE_LIST"):
            continue  # object references differ between files
        out[key] = repr(value.tolist() if isinstance(value, np.ndarray) else value)  # repr: NaN == NaN
    return out


def main():
    if len(sys.argv) != 3:
        print("usage: compare_runs.py <a.h5> <b.h5>")
        return 2
    failures = []
    with h5py.File(sys.argv[1], "r") as a, h5py.File(sys.argv[2], "r") as b:
        items_a, items_b = contents(a), contents(b)
        if sorted(items_a) != sorted(items_b):
            failures.append(f"different objects: {sorted(set(items_a) ^ set(items_b))}")
        datasets = [name for name, obj in items_a.items() if isinstance(obj, h5py.Dataset)]
        if len(datasets) < 40:
            failures.append(f"only {len(datasets)} datasets: not a recorded run")
        compared = 0
        for name in sorted(datasets):
            if name not in items_b:
                continue
            if not same_values(items_a[name][()], items_b[name][()]):
                failures.append(f"{name}: values differ")
            if attributes(items_a[name]) != attributes(items_b[name]):
                failures.append(f"{name}: attributes differ")
            compared += 1
        runs = list(a["runs"].keys())
        for run in runs:
            if attributes(a["runs"][run], PROCESS_ATTRIBUTES) != attributes(b["runs"][run], PROCESS_ATTRIBUTES):
                failures.append(f"runs/{run}: run attributes differ")
            if int(a["runs"][run].attrs["threads"]) == int(b["runs"][run].attrs["threads"]):
                failures.append(f"runs/{run}: both files ran at the same thread count")
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    print(f"{compared} datasets identical across thread counts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
