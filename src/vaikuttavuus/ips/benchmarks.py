"""IPS outcome benchmarks (data with sources) and placing sites against them.

References
----------
Becker, D. R., Drake, R. E., & Bond, G. R. (2011). Benchmark outcomes in supported
employment. American Journal of Psychiatric Rehabilitation, 14(3), 230-236.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import check_choice, check_int
from ..present import LANGUAGES
from ._package_data import package_yaml
from .metrics import QuarterlyMetrics

__all__ = ["effect_benchmarks", "employment_benchmarks", "place_sites"]

LEVELS = ("below_minimum", "minimum", "average", "excellent")


def employment_benchmarks(language: str = "fi") -> pd.DataFrame:
    """Quarterly employment-rate benchmarks of IPS programmes (31 %, 41 %, 50 %).

    Parameters
    ----------
    language : {"fi", "sv", "en"}, default "fi"
        Language of ``label``.

    Returns
    -------
    DataFrame
        ``level, value, label, source`` (value as a proportion).

    References
    ----------
    Becker, Drake & Bond (2011), in full in the module docstring.

    Examples
    --------
    >>> employment_benchmarks("en")[["level", "value", "label"]]
           level  value             label
    0    minimum   0.31  minimum standard
    1    average   0.41           average
    2  excellent   0.50         excellent
    """
    check_choice("language", language, LANGUAGES)
    cfg = package_yaml("benchmarks.yaml")
    source = " ".join(cfg["employment_rate_source"].split())
    return pd.DataFrame(
        [{"level": b["level"], "value": b["value"], "label": b[language], "source": source}
         for b in cfg["employment_rate"]]
    )  # fmt: skip


def effect_benchmarks() -> pd.DataFrame:
    """Meta-analytic risk ratios of competitive employment, IPS vs control (RCTs).

    Returns
    -------
    DataFrame
        ``study, rr, ci_low, ci_high, trials, source``.

    References
    ----------
    Frederick, D. E., & VanderWeele, T. J. (2019). PLoS ONE, 14(2), e0212208.
    Brinchmann, B., et al. (2020). Acta Psychiatrica Scandinavica, 141(3), 206-220.
    Modini, M., et al. (2016). British Journal of Psychiatry, 209(1), 14-22.

    Examples
    --------
    >>> effect_benchmarks()[["study", "rr", "ci_low", "ci_high"]]
                             study    rr  ci_low  ci_high
    0  Frederick & VanderWeele 2019  1.63    1.46     1.82
    1       Brinchmann et al. 2020  2.07    1.82     2.35
    2           Modini et al. 2016  2.40    1.99     2.90
    """
    return pd.DataFrame(package_yaml("benchmarks.yaml")["risk_ratio"])


def place_sites(
    metrics: QuarterlyMetrics, *, quarters: int = 4, denominator: str = "all"
) -> pd.DataFrame:
    """Place each site's employment rate of its last quarters against the benchmarks.

    Parameters
    ----------
    metrics : QuarterlyMetrics
        From :func:`vaikuttavuus.ips.quarterly_metrics`.
    quarters : int, default 4
        How many of the latest quarters (with clients served) to pool.
    denominator : {"all", "out_of_work"}, default "all"
        All clients served (IPS Learning Community) or those out of work at referral
        (IPS Grow since 2024).

    Returns
    -------
    DataFrame
        One row per site: ``served`` (client-quarters), ``working``, ``employment_rate``
        (pooled: sum working / sum served), ``level`` (``below_minimum`` < 31 % <=
        ``minimum`` < 41 % <= ``average`` < 50 % <= ``excellent``), ``first_quarter``,
        ``last_quarter``. Unsuppressed (API use).

    References
    ----------
    Becker, Drake & Bond (2011), in full in the module docstring.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.ips.metrics import QuarterlyMetrics
    >>> t = pd.DataFrame({"site": ["A", "A", "B", "B"], "quarter": ["2024Q1", "2024Q2"] * 2,
    ...                   "served": [20, 20, 30, 30], "working": [5, 7, 16, 14],
    ...                   "served_out_of_work": [18, 18, 25, 25],
    ...                   "working_out_of_work": [4, 6, 11, 11]})
    >>> m = QuarterlyMetrics(table=t, by="site", as_of=pd.Timestamp("2024-06-30"))
    >>> place_sites(m, quarters=2)[["site", "served", "working", "employment_rate", "level"]]
      site  served  working  employment_rate      level
    0    A      40       12              0.3  below_minimum
    1    B      60       30              0.5  excellent
    """
    if not isinstance(metrics, QuarterlyMetrics):
        raise TypeError(f"metrics must be a QuarterlyMetrics, got {type(metrics).__name__}.")
    quarters = check_int("quarters", quarters, minimum=1)
    check_choice("denominator", denominator, ("all", "out_of_work"))
    served, working = (
        ("served", "working")
        if denominator == "all"
        else ("served_out_of_work", "working_out_of_work")
    )
    t = metrics.table
    t = t[t[served] > 0].sort_values([metrics.by, "quarter"])
    last = t.groupby(metrics.by, sort=True).tail(quarters)
    out = last.groupby(metrics.by, sort=True).agg(
        served=(served, "sum"), working=(working, "sum"),
        first_quarter=("quarter", "min"), last_quarter=("quarter", "max"),
    ).reset_index()  # fmt: skip
    out["employment_rate"] = out["working"] / out["served"]
    cuts = employment_benchmarks("en").set_index("level")["value"]
    rate = out["employment_rate"].to_numpy()
    idx = np.searchsorted([cuts["minimum"], cuts["average"], cuts["excellent"]], rate, "right")
    out["level"] = np.asarray(LEVELS, dtype=object)[idx]
    out["denominator"] = denominator
    return out[[metrics.by, "served", "working", "employment_rate", "level", "first_quarter",
                "last_quarter", "denominator"]]  # fmt: skip
