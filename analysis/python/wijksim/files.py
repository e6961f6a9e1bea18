"""Opening a wijksim results file (analysis/SCHEMA.md) with its checks, and reading a dataset
with its dimension scales into a labelled xarray.DataArray without opening a whole group.

Every reader of the package opens files through :func:`open_results`, so that a missing file,
a foreign HDF5 file, another format version or a file written part-way fails the same way,
with a :class:`~wijksim.errors.WijksimFileError` naming the file and what is wrong.
"""
import contextlib
import os

import h5py
import numpy as np
import xarray as xr

from .errors import WijksimFileError

FORMAT = "wijksim"
FORMAT_VERSION = 1


def text(value):
    """A str from what h5py returns for a string (bytes, numpy bytes or str)."""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    return str(value)


def texts(values):
    """A list of str from a 1-D array of strings."""
    return [text(v) for v in np.asarray(values).ravel()]


def file_kind(f):
    """What a file holds: its root ``@kind`` ("comparison", "sweep"), "run" without one."""
    return text(f.attrs["kind"]) if "kind" in f.attrs else "run"


@contextlib.contextmanager
def open_results(path, kind=None):
    """Opens ``path`` read-only as an h5py.File after checking that it is a complete wijksim
    results file of format version 1 and, when ``kind`` is given, of that kind ("run",
    "comparison", "sweep"). Raises WijksimFileError otherwise."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise WijksimFileError(path, "no such file")
    if os.path.isdir(path):
        raise WijksimFileError(path, "is a directory, not a results file")
    if not h5py.is_hdf5(path):
        raise WijksimFileError(path, "not an HDF5 file (empty, truncated or another format)")
    try:
        f = h5py.File(path, "r")
    except OSError as error:
        raise WijksimFileError(path, f"HDF5 cannot open it: {error}") from None
    with f:
        found = text(f.attrs["format"]) if "format" in f.attrs else None
        if found != FORMAT:
            raise WijksimFileError(
                path, "an HDF5 file, but not a wijksim results file (root attribute format is "
                f"{found!r}, expected {FORMAT!r})")
        version = int(f.attrs["format_version"]) if "format_version" in f.attrs else None
        if version != FORMAT_VERSION:
            raise WijksimFileError(
                path, f"format version {version}, this reader knows version {FORMAT_VERSION}")
        complete = int(f.attrs["complete"]) if "complete" in f.attrs else 0
        if complete != 1:
            raise WijksimFileError(
                path, "incomplete: the root attribute complete is not 1 (the file was being "
                "written or extended when its writer stopped); run the command again")
        if kind is not None and file_kind(f) != kind:
            raise WijksimFileError(path, f"holds a {file_kind(f)}, not a {kind}")
        yield f


def require(f, name, what):
    """The object ``name`` of an open file, or a WijksimFileError saying which ``what`` is
    missing."""
    if name not in f:
        raise WijksimFileError(f.file.filename, f"no {what} {name!r}")
    return f[name]


def run_group(f, run_id):
    """The group ``/runs/<run_id>`` of an open file, checked complete."""
    runs = require(f, "runs", "group")
    if run_id not in runs:
        known = ", ".join(runs.keys()) or "none"
        raise WijksimFileError(f.filename, f"no run {run_id!r} (runs: {known})")
    group = runs[run_id]
    if int(group.attrs.get("complete", 0)) != 1:
        raise WijksimFileError(
            f.filename, f"run {run_id!r} is incomplete (its attribute complete is not 1)")
    return group


def complete_run_ids(f):
    """The ids of the complete runs of an open file, in the order they were written."""
    if "runs" not in f:
        return []
    return [name for name, group in f["runs"].items()
            if isinstance(group, h5py.Group) and int(group.attrs.get("complete", 0)) == 1]


def _decode(values):
    """Strings as a numpy array of str (object), other values as they are."""
    values = np.asarray(values)
    if values.dtype.kind in "OS":
        return np.array(texts(values), dtype=object).reshape(values.shape)
    return values


def _scale_name(dataset):
    """The dimension a scale dataset defines: its NAME attribute unless that is netCDF's
    placeholder, else the last part of its path."""
    name = dataset.attrs.get("NAME")
    name = text(name) if name is not None else ""
    if not name or name.startswith("This is a netCDF dimension"):
        name = dataset.name.rsplit("/", 1)[-1]
    return name


def read_variable(group, name):
    """The dataset ``name`` of an h5py group as an xarray.DataArray whose dimensions are
    named after the attached dimension scales and labelled by their values; attributes
    ``units``, ``long_name`` and ``description`` as strings. Strings decode to str.
    Raises WijksimFileError when the group has no such dataset or an axis has no scale."""
    if name not in group or not isinstance(group[name], h5py.Dataset):
        known = sorted(k for k, v in group.items()
                       if isinstance(v, h5py.Dataset) and "DIMENSION_LIST" in v.attrs)
        raise WijksimFileError(group.file.filename,
                               f"{group.name} has no series {name!r} (series: {', '.join(known)})")
    dataset = group[name]
    dims, coords = [], {}
    for axis, dim in enumerate(dataset.dims):
        if len(dim) == 0:
            if h5py.h5ds.is_scale(dataset.id):  # a dimension's own scale (coordinate variable)
                dims.append(_scale_name(dataset))
                coords[dims[-1]] = _decode(dataset[()])
                continue
            raise WijksimFileError(group.file.filename,
                                   f"{dataset.name}: axis {axis} has no dimension scale")
        scale = dim[0]
        dim_name = _scale_name(scale)
        dims.append(dim_name)
        coords[dim_name] = _decode(scale[()])
    values = _decode(dataset[()])
    attrs = {key: text(dataset.attrs[key]) for key in ("units", "long_name", "description")
             if key in dataset.attrs}
    return xr.DataArray(values, dims=dims, coords=coords, name=name, attrs=attrs)
