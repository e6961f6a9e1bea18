"""The cost-benefit ledger per payer of a comparison file (``/comparison/cost_benefit*``,
analysis/SCHEMA.md; MODEL.md §8, the Dutch social cost-benefit analysis MKBA, S0:L961).

Each arm after the first is set against the first (the baseline), paired by replicate, per
recorded year and payer, in euro:

- ``costs``    = intervention(arm) − intervention(baseline): what the payer spends on top (care,
  coordination, practical fixes, projects, commissioning); negative when it spends less;
- ``benefits`` = consequences(baseline) − consequences(arm): the costs it avoids (incidents —
  evictions, out-of-home placements, crisis admissions, police call-outs — and income support);
  negative when the arm has more;
- ``net``      = benefits − costs: what the payer saves.

>>> ledger, summary = cost_benefit("compare.h5")
>>> ledger.query("payer == 'health_insurer' and quantity == 'benefits'")
>>> summary.query("arm == 'wraparound_durable'")[["payer", "quantity", "mean", "low", "high"]]
"""
import collections

import pandas as pd

from .comparisons import open_comparison
from .errors import WijksimFileError

#: What :func:`cost_benefit` returns: the tidy ledger and its horizon summary.
CostBenefit = collections.namedtuple("CostBenefit", ["ledger", "summary"])

#: The summary's name for the row of all payers together.
ALL_PAYERS = "all payers"


def cost_benefit(path):
    """The cost-benefit ledger of a comparison file as two data frames (a namedtuple
    ``ledger, summary``), for every arm after the first (the baseline, named in
    ``ledger.attrs["baseline"]``):

    - ``ledger``: tidy, one row per (``arm``, ``replicate``, ``year``, ``payer``,
      ``quantity``) with ``value`` in euro in that recorded year (0 = the first after the
      warm-up);
    - ``summary``: one row per (``arm``, ``payer``, ``quantity``), the payers then
      ``"all payers"``, with ``mean``, ``low``, ``high`` (euro per year over the horizon: mean
      over replicates of each replicate's yearly mean, with its 95% t-interval), and per
      (arm, payer) the benefit-cost ``ratio`` (NaN where mean costs <= 0) and ``ratio_note``
      (why it is undefined; "" when it is defined).

    Raises WijksimFileError when the file is not a comparison or has no ledger (written before
    it was recorded)."""
    ds = open_comparison(path)
    if "cost_benefit" not in ds:
        raise WijksimFileError(path, "holds no cost-benefit ledger (/comparison/cost_benefit): "
                               "write it again with this wijksim's `compare --out`")
    arms = [str(a) for a in ds["arm"].values]
    later = arms[1:]
    values = ds["cost_benefit"].sel(arm=later)
    ledger = (values.to_dataframe(dim_order=["arm", "replicate", "year", "payer", "quantity"])["cost_benefit"]
              .rename("value").reset_index())
    for column in ("arm", "payer", "quantity"):
        ledger[column] = ledger[column].astype(str)
    ledger.attrs["baseline"] = arms[0]
    ledger.attrs["units"] = "EUR"

    rows = []
    for arm in later:
        for payer in [str(p) for p in ds["payer"].values] + [ALL_PAYERS]:
            prefix, where = ("cost_benefit_all", {"arm": arm}) if payer == ALL_PAYERS else \
                ("cost_benefit", {"arm": arm, "payer": payer})
            ratio = float(ds[prefix + "_ratio"].sel(where))
            note = str(ds[prefix + "_ratio_note"].sel(where).item())
            for quantity in [str(q) for q in ds["quantity"].values]:
                cell = dict(where, quantity=quantity)
                rows.append({"arm": arm, "payer": payer, "quantity": quantity,
                             "mean": float(ds[prefix + "_mean"].sel(cell)),
                             "low": float(ds[prefix + "_low"].sel(cell)),
                             "high": float(ds[prefix + "_high"].sel(cell)),
                             "ratio": ratio, "ratio_note": note})
    summary = pd.DataFrame(rows, columns=["arm", "payer", "quantity", "mean", "low", "high", "ratio", "ratio_note"])
    summary.attrs["baseline"] = arms[0]
    summary.attrs["units"] = "EUR per year"
    return CostBenefit(ledger, summary)
