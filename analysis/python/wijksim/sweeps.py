"""Loader for merged sweep files (``wijksim sweep`` + ``wijksim merge``): one row per run
with its design point, arm, replicate, parameter values and outcomes.

Layout (root ``@kind = "sweep"``): group ``/sweep`` with dimensions ``run`` (run ids),
``parameter`` and ``outcome`` (names) and the variables ``point``, ``arm``, ``arm_index``,
``replicate`` (run), ``parameter_value`` (run, parameter), ``outcome_value`` (run, outcome)
and optionally ``saltelli_matrix`` (run); each run's series under ``/runs/<run_id>``
(:func:`wijksim.run_series` stacks one series over them).

>>> runs = open_sweep("sweep.h5")
>>> runs.groupby("point")[runs.attrs["outcomes"]].mean()
"""
import numpy as np
import pandas as pd

from .errors import WijksimFileError
from .files import open_results, require, texts

_PER_RUN = ("point", "arm", "arm_index", "replicate", "saltelli_matrix")


def open_sweep(path):
    """A merged sweep as a pandas.DataFrame, one row per run in the file's order: ``run_id``,
    ``point``, ``arm``, ``arm_index``, ``replicate`` (and ``saltelli_matrix`` when the design
    is Saltelli's), then one float column per parameter and one per outcome, named as in the
    file. A parameter and an outcome of the same name become ``parameter.<name>`` and
    ``outcome.<name>``. ``frame.attrs`` lists ``parameters`` and ``outcomes`` (the column
    names) and the ``/sweep`` group's attributes."""
    with open_results(path, kind="sweep") as f:
        sweep = require(f, "sweep", "group")
        for name in ("run", "parameter", "outcome", "parameter_value", "outcome_value"):
            require(sweep, name, "dataset in /sweep:")
        run_ids = texts(sweep["run"][()])
        parameters = texts(sweep["parameter"][()])
        outcomes = texts(sweep["outcome"][()])
        parameter_values = np.asarray(sweep["parameter_value"][()], dtype=float)
        outcome_values = np.asarray(sweep["outcome_value"][()], dtype=float)
        expected = {"parameter_value": (len(run_ids), len(parameters)),
                    "outcome_value": (len(run_ids), len(outcomes))}
        for name, values in (("parameter_value", parameter_values),
                             ("outcome_value", outcome_values)):
            if values.shape != expected[name]:
                raise WijksimFileError(path, f"/sweep/{name} has shape {values.shape}, "
                                             f"expected {expected[name]} (run, …)")
        columns = {"run_id": run_ids}
        for name in _PER_RUN:
            if name not in sweep:
                continue
            values = sweep[name][()]
            if len(values) != len(run_ids):
                raise WijksimFileError(path, f"/sweep/{name} has {len(values)} values for "
                                             f"{len(run_ids)} runs")
            columns[name] = texts(values) if np.asarray(values).dtype.kind in "OSU" else values
        attrs = {key: (value.item() if isinstance(value, np.generic) else value)
                 for key, value in sweep.attrs.items() if key not in ("DIMENSION_LIST", "CLASS", "NAME")}
    shared = set(parameters) & set(outcomes)
    parameter_columns = [f"parameter.{p}" if p in shared else p for p in parameters]
    outcome_columns = [f"outcome.{o}" if o in shared else o for o in outcomes]
    frame = pd.DataFrame(columns)
    for k, name in enumerate(parameter_columns):
        frame[name] = parameter_values[:, k]
    for k, name in enumerate(outcome_columns):
        frame[name] = outcome_values[:, k]
    frame.attrs.update({key: (value.decode() if isinstance(value, bytes) else value)
                        for key, value in attrs.items()})
    frame.attrs["parameters"] = parameter_columns
    frame.attrs["outcomes"] = outcome_columns
    frame.attrs["file"] = str(path)
    return frame
