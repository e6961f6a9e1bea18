"""Loaders for comparison files (``wijksim compare --out FILE.h5``): the headline table of
``/comparison``, and any recorded series stacked over arms and replicates from ``/runs``.

Layout (root ``@kind = "comparison"``): ``/runs/<arm_slug>-r<replicate>`` is one run as
``wijksim run`` writes it, with ``@arm``, ``@arm_index``, ``@replicate``; ``/comparison`` has
dimensions ``arm`` (names, the first is the baseline), ``replicate``, ``measure`` and the
variables ``run_id`` (arm, replicate), ``headline`` (arm, replicate, measure), ``mean``,
``low``, ``high`` and ``difference_mean``, ``difference_low``, ``difference_high`` (arm,
measure; differences are paired by replicate against the first arm).

>>> table = headline_table("compare.h5")
>>> crisis = arm_series("compare.h5", "residents_in_crisis")     # (arm, replicate, tick)
>>> arm_summary("compare.h5", "trust_mean").query("arm == 'wraparound_durable'")
"""
import numpy as np
import pandas as pd
import xarray as xr

from .errors import WijksimFileError
from .files import complete_run_ids, open_results, read_variable, require, run_group, texts
from .runs import WEEKS_PER_YEAR, _attribute, add_year
from .statistics import mean_interval

#: Means and the count each is a mean over (analysis/SCHEMA.md; models/model_outputs.hpp):
#: reducing a mean over a dimension its weight has (``neighbourhood``, ``organisation``,
#: ``cohort``) weights it by that count. Other ``*_mean`` series are averaged unweighted over
#: the dimensions reduced; every other series (counts, hours, euro) is summed.
MEAN_WEIGHTS = {
    "severity_mean": "population",
    "trust_mean": "population",
    "severity_mean_by_cohort": "residents_by_cohort",
    "caseload_mean": "professional_fte",
    "knowledge_mean": "professional_fte",
}

#: What a city-wide (or organisation-wide) figure sums or averages over by default.
DEFAULT_REDUCE_DIMS = ("neighbourhood",)


def is_mean(variable):
    """Whether a series is a mean (averaged, not summed, when a dimension is reduced)."""
    return variable in MEAN_WEIGHTS or variable.endswith("_mean")


def reduce_series(values, reduce_dims, weights=None):
    """``values`` with the dimensions ``reduce_dims`` (those it has) reduced: summed, or for a
    mean (``weights`` given, or ``values.name`` a mean) averaged — weighted by ``weights``
    over the dimensions ``weights`` has, unweighted over the others. NaN values (a mean over
    nobody) are left out, with their weights."""
    dims = [d for d in reduce_dims if d in values.dims]
    if not dims:
        return values
    name = values.name or ""
    if weights is None and not is_mean(name):
        return values.sum(dims, skipna=True, keep_attrs=True)
    reduced = values
    if weights is not None:
        weighted_dims = [d for d in dims if d in weights.dims]
        if weighted_dims:
            w = weights.astype(float).where(reduced.notnull())
            total = w.sum(weighted_dims)
            reduced = ((reduced * w).sum(weighted_dims, skipna=True) / total.where(total > 0))
        dims = [d for d in dims if d not in weighted_dims]
    if dims:
        reduced = reduced.mean(dims, skipna=True)
    reduced.attrs = values.attrs
    return reduced.rename(name)


def _read_reduced(group, variable, reduce_dims):
    """One run's series, reduced as :func:`reduce_series` says."""
    values = read_variable(group, variable)
    weight_name = MEAN_WEIGHTS.get(variable)
    weights = None
    if weight_name is not None and any(d in values.dims for d in reduce_dims):
        weights = read_variable(group, weight_name)
    return reduce_series(values, reduce_dims, weights)


def run_series(path, variable, run_ids=None, reduce_dims=DEFAULT_REDUCE_DIMS):
    """A series of several runs of one file, stacked along a new first dimension ``run``
    (the run ids; default every complete run, in the order written), each run's series
    reduced over ``reduce_dims`` (summed, or a population-weighted mean: see
    :data:`MEAN_WEIGHTS`). Runs with ``@arm`` and ``@replicate`` attributes label ``run``
    with them as extra coordinates. Runs of different lengths are padded with NaN."""
    with open_results(path) as f:
        ids = complete_run_ids(f) if run_ids is None else [str(r) for r in run_ids]
        if not ids:
            raise WijksimFileError(path, "holds no complete run")
        arrays, arms, replicates = [], [], []
        for run_id in ids:
            group = run_group(f, run_id)
            arrays.append(_read_reduced(group, variable, reduce_dims))
            arms.append(_attribute(group.attrs["arm"]) if "arm" in group.attrs else None)
            replicates.append(int(group.attrs["replicate"]) if "replicate" in group.attrs else -1)
    stacked = xr.concat(arrays, dim=pd.Index(ids, name="run"), join="outer")
    if any(a is not None for a in arms):
        stacked = stacked.assign_coords(arm=("run", np.array(arms, dtype=object)),
                                        replicate=("run", np.array(replicates)))
    stacked.attrs = arrays[0].attrs
    return add_year(stacked) if "tick" in stacked.dims else stacked


def open_comparison(path):
    """The ``/comparison`` group as an xarray.Dataset (loaded; the file is closed again):
    ``headline`` (arm, replicate, measure), ``mean``/``low``/``high`` and
    ``difference_mean``/``difference_low``/``difference_high`` (arm, measure),
    ``measure_label``, ``measure_unit``, ``run_id``; attributes ``seed``, ``replicates``,
    ``years``, ``warmup_years``, ``program_version``."""
    with open_results(path, kind="comparison") as f:
        require(f, "comparison", "group")
    with xr.open_dataset(path, engine="h5netcdf", group="comparison", decode_times=False) as ds:
        ds = ds.load()
    ds.attrs = {key: _attribute(value) for key, value in ds.attrs.items()}
    ds.attrs["file"] = str(path)
    return ds


def headline_table(path):
    """The headline outcomes per arm as a long data frame, one row per (arm, measure) in the
    file's order: ``arm``, ``measure`` (id), ``label``, ``unit``, ``mean``, ``low``,
    ``high`` (95% t-interval over replicates) and ``difference_mean``, ``difference_low``,
    ``difference_high`` (the arm minus the first arm, paired by replicate; NaN for the
    first arm)."""
    ds = open_comparison(path)
    rows = []
    for arm in ds["arm"].values:
        for measure in ds["measure"].values:
            cell = {"arm": str(arm), "measure": str(measure),
                    "label": str(ds["measure_label"].sel(measure=measure).item()).strip(),
                    "unit": str(ds["measure_unit"].sel(measure=measure).item())}
            for column in ("mean", "low", "high", "difference_mean", "difference_low",
                           "difference_high"):
                cell[column] = float(ds[column].sel(arm=arm, measure=measure))
            rows.append(cell)
    return pd.DataFrame(rows)


def arm_series(path, variable, reduce_dims=DEFAULT_REDUCE_DIMS):
    """A recorded series of every run of a comparison as an xarray.DataArray of dimensions
    (``arm``, ``replicate``, ``tick``, …the series' dimensions not reduced), with a
    ``year`` coordinate on ``tick`` (years since the first recorded tick). Each run's series
    is reduced over ``reduce_dims`` first: counts, hours and euro are summed; means are
    weighted by their count (``severity_mean`` and ``trust_mean`` by ``population``:
    :data:`MEAN_WEIGHTS`). ``reduce_dims=()`` keeps every neighbourhood."""
    with open_results(path, kind="comparison") as f:
        comparison = require(f, "comparison", "group")
        arms = texts(comparison["arm"][()])
        replicates = [int(r) for r in comparison["replicate"][()]]
        run_ids = np.array(texts(comparison["run_id"][()]), dtype=object).reshape(
            len(arms), len(replicates))
        rows = []
        for a in range(len(arms)):
            row = [_read_reduced(run_group(f, run_ids[a, r]), variable, reduce_dims)
                   for r in range(len(replicates))]
            rows.append(xr.concat(row, dim=pd.Index(replicates, name="replicate"), join="outer"))
    stacked = xr.concat(rows, dim=pd.Index(arms, name="arm"), join="outer")
    stacked.attrs = rows[0].attrs
    stacked.name = variable
    return add_year(stacked) if "tick" in stacked.dims else stacked


def summarise_replicates(values, difference_from_first=False):
    """Per arm (and every other dimension but ``replicate``): the mean over replicates with
    its 95% t-interval, as a long data frame with one column per dimension (``year`` next to
    ``tick``) and ``mean``, ``low``, ``high``, ``n``. ``difference_from_first``: summarise
    each arm minus the first arm, paired by replicate, instead (the first arm left out)."""
    if difference_from_first:
        values = (values - values.isel(arm=0)).isel(arm=slice(1, None))
    summary = mean_interval(values.reset_coords(drop=True), "replicate")
    order = [d for d in values.dims if d != "replicate"]
    if order:
        frame = summary.to_dataframe(dim_order=order).reset_index()
    else:
        frame = pd.DataFrame([{name: summary[name].item() for name in summary.data_vars}])
    frame = frame[[c for c in frame.columns if c not in ("mean", "low", "high", "n")]
                  + ["mean", "low", "high", "n"]]
    if "tick" in frame.columns:
        first = frame["tick"].min()
        frame.insert(frame.columns.get_loc("tick") + 1, "year",
                     (frame["tick"] - first) / WEEKS_PER_YEAR)
    return frame


def arm_summary(path, variable, reduce_dims=DEFAULT_REDUCE_DIMS, difference_from_first=False):
    """:func:`arm_series` summarised over replicates: a data frame per arm and tick (and any
    dimension not reduced) with ``mean`` and its 95% band ``low``–``high`` over replicates,
    as :func:`summarise_replicates` gives it."""
    return summarise_replicates(arm_series(path, variable, reduce_dims),
                                difference_from_first=difference_from_first)
