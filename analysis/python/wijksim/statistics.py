"""Means over replicates with 95% t-intervals, as ``wijksim compare`` computes them
(scenarios/experiment/src/interval_estimate.cpp): the same table of Student's t quantiles and
the same Cornish–Fisher expansion beyond 30 degrees of freedom, so that a figure computed here
from a comparison file's runs matches the file's ``/comparison`` table."""
import math
import warnings

import numpy as np
import xarray as xr

# t(0.975; df) for df = 1 … 30; index 0 unused (no interval from one replicate).
_T_975 = [math.inf,
          12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
          2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
          2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]


def student_t_975(degrees_of_freedom):
    """Two-sided 95% quantile of Student's t (the 0.975 quantile); NaN below 1 degree of
    freedom."""
    df = int(degrees_of_freedom)
    if df < 1:
        return math.nan
    if df < len(_T_975):
        return _T_975[df]
    z = 1.959963984540054  # Abramowitz & Stegun 26.7.5
    n = float(df)
    return (z + (z**3 + z) / (4 * n) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3))


def mean_interval(values, dim="replicate"):
    """Mean of ``values`` (an xarray.DataArray) over ``dim`` with its 95% t-interval, NaNs
    left out cell by cell. Returns an xarray.Dataset of ``mean``, ``low``, ``high`` and ``n``
    (replicates with a value) over the remaining dimensions; ``low`` and ``high`` are NaN
    where fewer than 2 replicates have a value."""
    values = values.astype(float)
    n = values.notnull().sum(dim)
    mean = values.mean(dim, skipna=True)
    with warnings.catch_warnings():  # cells with fewer than 2 values: NaN, as documented
        warnings.simplefilter("ignore", RuntimeWarning)
        sd = values.std(dim, ddof=1, skipna=True)
    t = xr.apply_ufunc(np.vectorize(lambda k: student_t_975(k - 1), otypes=[float]), n)
    half = t * sd / np.sqrt(n.where(n > 0))
    ok = n >= 2
    return xr.Dataset({"mean": mean, "low": (mean - half).where(ok), "high": (mean + half).where(ok),
                       "n": n})
