"""Loaders for runs: one run's series as an xarray.Dataset, its parameters, its event tables,
the runs of a file, and a long ("tidy") data frame of one series.

A run is the group ``/runs/<run_id>`` of a results file (analysis/SCHEMA.md): ``wijksim run``
writes ``runs/r0``; a comparison file holds one run per arm and replicate, a sweep file one
per design point and replicate.

>>> ds = open_run("wrap.h5")                       # the file's only run
>>> ds.severity_mean.sel(domain="finances")        # (tick, neighbourhood)
>>> tidy(ds, "residents_in_crisis").groupby("year").value.mean()
"""
import h5py
import numpy as np
import pandas as pd
import xarray as xr

from .errors import WijksimFileError
from .files import complete_run_ids, open_results, require, run_group, text, texts

WEEKS_PER_YEAR = 52


def _only_run(f):
    """The id of the file's only complete run; an error naming them when there are more."""
    ids = complete_run_ids(f)
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise WijksimFileError(f.filename, "holds no complete run")
    shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
    raise WijksimFileError(f.filename, f"holds {len(ids)} runs ({shown}): pass run_id")


def open_run(path, run_id=None):
    """One run's series as an xarray.Dataset, loaded into memory (the file is closed again).

    Dimensions are named and labelled (``tick``, ``neighbourhood``, ``domain``, ``payer``,
    …); ``ds.attrs`` carries the run's provenance (``seed``, ``scenario_name``,
    ``scenario_text``, ``program_version``, …) and, for runs of a comparison or sweep,
    ``arm``, ``arm_index``, ``replicate``. ``run_id``: the group under ``/runs``; None for
    a file with exactly one run. Nothing is decoded beyond what the file says (ticks stay
    integer weeks)."""
    with open_results(path) as f:
        run_id = _only_run(f) if run_id is None else str(run_id)
        run_group(f, run_id)
    with xr.open_dataset(path, engine="h5netcdf", group=f"runs/{run_id}",
                         decode_times=False) as ds:
        ds = ds.load()
    ds.attrs = {key: _attribute(value) for key, value in ds.attrs.items()}
    ds.attrs.setdefault("run_id", run_id)
    ds.attrs["file"] = str(path)
    return ds


def _attribute(value):
    """An attribute as a plain Python value (numpy scalars and bytes unwrapped)."""
    if isinstance(value, (bytes, np.bytes_)):
        return text(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def run_parameters(path, run_id=None):
    """Every resolved parameter of a run, as a data frame with columns ``name``, ``value``
    (as text, as the file holds it), ``unit`` and ``source`` (a citation, an assumption, or
    the scenario line that set it)."""
    with open_results(path) as f:
        run_id = _only_run(f) if run_id is None else str(run_id)
        group = run_group(f, run_id)
        table = require(group, "provenance/parameters", "parameter table")
        columns = {"name": texts(table["parameter"][()])}
        for column in ("value", "unit", "source"):
            columns[column] = texts(table[column][()]) if column in table else [""] * len(columns["name"])
    return pd.DataFrame(columns)


def run_events(path, run_id=None, table="incidents"):
    """The event table ``<run>/events/<table>`` ("incidents", "episodes", "projects", …) as
    a data frame, one row per event, one column per field. Enumeration fields are
    pandas.Categorical with their labels as categories (in the order of their stored values);
    fixed-length strings decode to str."""
    with open_results(path) as f:
        run_id = _only_run(f) if run_id is None else str(run_id)
        group = run_group(f, run_id)
        events = group.get("events")
        if events is None or table not in events:
            known = ", ".join(events.keys()) if events is not None else "none"
            raise WijksimFileError(f.filename,
                                   f"run {run_id!r} has no event table {table!r} (tables: {known})")
        data = events[table][()]
        dtype = events[table].dtype
    frame = {}
    for field in dtype.names:
        field_type = dtype.fields[field][0]
        values = data[field]
        mapping = h5py.check_enum_dtype(field_type)
        if mapping is not None:
            labels = [label for label, _ in sorted(mapping.items(), key=lambda kv: kv[1])]
            by_value = {value: label for label, value in mapping.items()}
            frame[field] = pd.Categorical([by_value.get(int(v)) for v in values], categories=labels)
        elif field_type.kind == "S":
            frame[field] = [text(v).rstrip("\0") for v in values]
        else:
            frame[field] = values
    return pd.DataFrame(frame, columns=list(dtype.names))


def list_runs(path):
    """The runs of a file, one row each in the order they were written: ``run_id``,
    ``complete`` (bool; readers skip unfinished runs), ``seed``, ``scenario``, ``ticks``
    (recorded), ``program_version``, and ``arm``, ``arm_index``, ``replicate`` where the
    run carries them (comparisons and sweeps; missing values are None)."""
    rows = []
    with open_results(path) as f:
        runs = f["runs"] if "runs" in f else {}
        for run_id, group in runs.items():
            if not isinstance(group, h5py.Group):
                continue
            attrs = group.attrs
            row = {
                "run_id": run_id,
                "complete": int(attrs.get("complete", 0)) == 1,
                "seed": int(attrs["seed"]) if "seed" in attrs else None,
                "scenario": text(attrs["scenario_name"]) if "scenario_name" in attrs else None,
                "ticks": int(group["tick"].shape[0]) if "tick" in group else 0,
                "program_version": text(attrs["program_version"]) if "program_version" in attrs else None,
            }
            for key, convert in (("arm", text), ("arm_index", int), ("replicate", int)):
                row[key] = convert(attrs[key]) if key in attrs else None
            rows.append(row)
    columns = ["run_id", "complete", "seed", "scenario", "ticks", "program_version",
               "arm", "arm_index", "replicate"]
    frame = pd.DataFrame(rows, columns=columns)
    for key in ("arm", "arm_index", "replicate"):
        if frame[key].isna().all():
            frame = frame.drop(columns=key)
    return frame


def list_series(path, run_id=None):
    """The series of a run without reading them: one row per variable with ``name``,
    ``dims`` (a tuple, ``tick`` first), ``dtype``, ``units`` and ``long_name``; dimension
    scales, panels, events and provenance are left out."""
    rows = []
    with open_results(path) as f:
        run_id = _only_run(f) if run_id is None else str(run_id)
        group = run_group(f, run_id)
        for name, obj in group.items():
            if not isinstance(obj, h5py.Dataset) or h5py.h5ds.is_scale(obj.id) or "DIMENSION_LIST" not in obj.attrs:
                continue
            dims = tuple(_dimension_name(obj, axis) for axis in range(obj.ndim))
            rows.append({"name": name, "dims": dims, "dtype": str(obj.dtype),
                         "units": text(obj.attrs.get("units", "")),
                         "long_name": text(obj.attrs.get("long_name", ""))})
    return pd.DataFrame(rows, columns=["name", "dims", "dtype", "units", "long_name"])


def _dimension_name(dataset, axis):
    scales = dataset.dims[axis]
    return scales[0].name.rsplit("/", 1)[-1] if len(scales) else f"axis{axis}"


def add_year(data):
    """``data`` (Dataset or DataArray with a ``tick`` dimension) with a coordinate ``year``
    on ``tick``: years since the first recorded tick (tick − first tick) / 52."""
    ticks = data["tick"].values
    first = ticks.min() if ticks.size else 0
    return data.assign_coords(year=("tick", (ticks - first) / WEEKS_PER_YEAR))


def tidy(data, variable=None):
    """One series in long format: a pandas.DataFrame with one column per dimension (labels,
    not positions), ``year`` next to ``tick`` (years since the first recorded tick, so
    tick/52 from the start of recording), and ``value``.

    ``data``: a Dataset from :func:`open_run` with ``variable`` naming the series, or a
    DataArray (from :func:`~wijksim.comparisons.arm_series` too: ``arm`` and ``replicate``
    become columns like any dimension)."""
    if isinstance(data, xr.Dataset):
        if variable is None:
            raise ValueError("tidy: name the variable to take from a Dataset")
        if variable not in data.data_vars:
            raise KeyError(f"tidy: no variable {variable!r} (variables: {', '.join(data.data_vars)})")
        array = data[variable]
    else:
        array = data
    array = array.reset_coords(drop=True) if array.coords else array
    frame = array.rename("value").to_dataframe().reset_index()
    if "tick" in frame.columns:
        first = frame["tick"].min()
        frame.insert(frame.columns.get_loc("tick") + 1, "year",
                     (frame["tick"] - first) / WEEKS_PER_YEAR)
    return frame
