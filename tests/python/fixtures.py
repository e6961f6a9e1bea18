"""A test fixture written with h5py in the layout of a merged sweep file, which the wijksim
package reads (analysis/python/wijksim/sweeps.py): root @kind = "sweep"; /sweep with the
dimensions run, parameter and outcome; each run's series under /runs/<run_id>, copied from a
real run file. Written under a temporary name and renamed, the root @complete = 1 last.
"""
import os

import h5py
import numpy as np

STRING = h5py.string_dtype()


def _root_attributes(f, kind):
    f.attrs["format"] = "wijksim"
    f.attrs["format_version"] = np.int64(1)
    f.attrs["kind"] = kind


def _scale(group, name, values, dtype=None):
    """A 1-D dimension scale named after its dimension (a netCDF coordinate variable)."""
    dataset = group.create_dataset(name, data=np.asarray(values, dtype=dtype))
    dataset.make_scale(name)
    return dataset


def _variable(group, name, values, scales, dtype=None):
    dataset = group.create_dataset(name, data=np.asarray(values, dtype=dtype))
    for axis, scale in enumerate(scales):
        dataset.dims[axis].attach_scale(scale)
    return dataset


def copy_run(source_run, runs, name):
    """Copies a run group into another file's /runs as `name`, dimension scales re-attached.

    HDF5's object copy (h5py Group.copy, expand_refs or not) leaves the DIMENSION_LIST
    references of the copies pointing at addresses in the source file: they are removed and
    each axis attached again to the copied scale of the same name."""
    runs.file.flush()
    source_run.file.copy(source_run, runs, name=name)
    copy = runs[name]
    attached = []

    def collect(path, obj):
        if isinstance(obj, h5py.Dataset) and "DIMENSION_LIST" in obj.attrs:
            scales = [source_run.file[refs[0]].name[len(source_run.name) + 1:]
                      for refs in obj.attrs["DIMENSION_LIST"]]
            attached.append((path, scales))

    source_run.visititems(collect)

    def detach(_, obj):
        for key in ("DIMENSION_LIST", "REFERENCE_LIST"):
            if isinstance(obj, h5py.Dataset) and key in obj.attrs:
                del obj.attrs[key]

    copy.visititems(detach)
    for path, scales in attached:
        for axis, scale in enumerate(scales):
            copy[path].dims[axis].attach_scale(copy[scale])
    return copy


def _commit(temporary, final, f):
    f.attrs["complete"] = np.int64(1)
    f.close()
    os.replace(temporary, final)


def write_sweep(path, run_file, parameters, outcomes, points, replicates, arms=("a",),
                saltelli=False, complete=True):
    """A merged sweep of len(arms) × points × replicates runs whose series are copies of
    run_file's only run. Parameter values: point k gives parameter j the value k + j / 10;
    outcome j of run i is i * 100 + j. Returns the run ids in file order."""
    temporary = f"{path}.part-{os.getpid()}"
    f = h5py.File(temporary, "w", track_order=True)
    _root_attributes(f, "sweep")
    run_ids, point, arm, arm_index, replicate = [], [], [], [], []
    for a, arm_name in enumerate(arms):
        for k in range(points):
            for r in range(replicates):
                run_ids.append(f"{arm_name}-p{k}-r{r}")
                point.append(k)
                arm.append(arm_name)
                arm_index.append(a)
                replicate.append(r)
    sweep = f.create_group("sweep", track_order=True)
    sweep.attrs["design"] = "saltelli" if saltelli else "grid"
    sweep.attrs["seed"] = np.uint64(7)
    run_scale = _scale(sweep, "run", run_ids, STRING)
    parameter_scale = _scale(sweep, "parameter", parameters, STRING)
    outcome_scale = _scale(sweep, "outcome", outcomes, STRING)
    _variable(sweep, "point", point, [run_scale], np.int64)
    _variable(sweep, "arm", arm, [run_scale], STRING)
    _variable(sweep, "arm_index", arm_index, [run_scale], np.int64)
    _variable(sweep, "replicate", replicate, [run_scale], np.int64)
    values = np.array([[k + j / 10 for j in range(len(parameters))] for k in point], dtype=np.float64)
    _variable(sweep, "parameter_value", values.reshape(len(run_ids), len(parameters)),
              [run_scale, parameter_scale], np.float64)
    results = np.array([[i * 100 + j for j in range(len(outcomes))] for i in range(len(run_ids))],
                       dtype=np.float64)
    _variable(sweep, "outcome_value", results.reshape(len(run_ids), len(outcomes)),
              [run_scale, outcome_scale], np.float64)
    if saltelli:
        _variable(sweep, "saltelli_matrix", [i % 3 for i in range(len(run_ids))], [run_scale], np.int64)
    runs = f.create_group("runs", track_order=True)
    with h5py.File(run_file, "r") as source:
        for run_id, a, r in zip(run_ids, arm, replicate):
            copy_run(source["runs/r0"], runs, run_id)
            runs[run_id].attrs["run_id"] = run_id
            runs[run_id].attrs["arm"] = a
            runs[run_id].attrs["replicate"] = np.int64(r)
    if complete:
        _commit(temporary, path, f)
    else:
        f.close()
        os.replace(temporary, path)
    return run_ids
