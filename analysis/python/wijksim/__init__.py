"""Readers for wijksim's HDF5 results (analysis/SCHEMA.md) giving xarray datasets and tidy
pandas data frames: runs (``wijksim run``), comparisons (``wijksim compare --out``) and merged
sweeps (``wijksim sweep`` + ``merge``).

Debian's python3-h5py, -pandas, -xarray, -h5netcdf; run with /usr/bin/python3 and
``PYTHONPATH=analysis/python``.

>>> import wijksim
>>> run = wijksim.open_run("wrap.h5")                    # xarray.Dataset, provenance in attrs
>>> wijksim.tidy(run, "residents_in_crisis").head()      # tick, year, neighbourhood, value
>>> wijksim.headline_table("compare.h5")                 # per arm: mean [low, high], differences
>>> wijksim.arm_summary("compare.h5", "trust_mean")      # per arm and tick: mean, 95% band
>>> ledger, summary = wijksim.cost_benefit("compare.h5") # per payer: costs, benefits, net
>>> wijksim.open_sweep("sweep.h5")                       # one row per run: parameters, outcomes
"""
from .comparisons import (DEFAULT_REDUCE_DIMS, MEAN_WEIGHTS, arm_series, arm_summary,
                          headline_table, open_comparison, reduce_series, run_series,
                          summarise_replicates)
from . import plots
from .cost_benefit import ALL_PAYERS, CostBenefit, cost_benefit
from .errors import WijksimFileError
from .runs import list_runs, list_series, open_run, run_events, run_parameters, tidy
from .statistics import mean_interval, student_t_975
from .sweeps import open_sweep

__all__ = [
    "ALL_PAYERS", "CostBenefit", "DEFAULT_REDUCE_DIMS", "MEAN_WEIGHTS", "WijksimFileError",
    "arm_series", "arm_summary", "cost_benefit", "headline_table", "list_runs", "list_series",
    "mean_interval", "open_comparison", "open_run", "open_sweep", "plots", "reduce_series", "run_events", "run_parameters", "run_series",
    "student_t_975", "summarise_replicates", "tidy",
]
