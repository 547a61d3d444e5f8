"""Outcome rates per provider: crude rates with Wilson and Clopper-Pearson intervals, and
empirical-Bayes (beta-binomial) shrunk rates.

Outcome: an ENDED episode whose end status is work, education or a work trial (Tampere's
indicator). Active episodes are excluded from the denominator and counted in ``active``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from .._results import Summary
from .._validation import check_choice, check_probability
from ..proportions import proportion_ci
from ._constants import OUTCOME_STATUSES
from ._result import TableResult
from .payments import _validated

__all__ = ["GROUPINGS", "OutcomeRates", "ShrunkRates", "outcome_rates", "shrunk_rates"]

#: Columns outcome rates can be grouped by.
GROUPINGS = ("provider", "service_type", "contract_type")


def _counts(episodes: pd.DataFrame, by: str) -> pd.DataFrame:
    check_choice("by", by, GROUPINGS)
    ep = _validated(episodes)
    active = (ep["end_status"] == "active").to_numpy()
    positive = ep["end_status"].isin(OUTCOME_STATUSES).to_numpy()
    frame = pd.DataFrame(
        {by: ep[by].to_numpy(), "episodes": 1, "active": active, "outcomes": positive}
    )
    g = frame.groupby(by, sort=True).sum().astype(np.int64)
    g.insert(1, "ended", g["episodes"] - g["active"])
    return g.reset_index()


def _rates_summary(result: OutcomeRates | ShrunkRates, title: str, *figures: str) -> Summary:
    """Summary of rates by group: ``<title> by <grouping>``, the named fields, the rates table."""
    return Summary(
        title=f"{title} by {result.by}",
        figures=result._fields(*figures),
        tables={"rates": result.table},
    )


@dataclass(frozen=True, eq=False)
class OutcomeRates(TableResult):
    """Crude outcome rates with Wilson and Clopper-Pearson intervals.

    Attributes
    ----------
    table : DataFrame
        One row per group: the group column, ``episodes``, ``active`` (excluded), ``ended``,
        ``outcomes``, ``rate``, ``wilson_low``, ``wilson_high``, ``cp_low``, ``cp_high``.
    overall_rate : float
        Outcomes / ended over all groups.
    ended, active : int
        Ended episodes (denominator) and active episodes (excluded), all groups.
    confidence : float
        Coverage of the intervals.
    by : str
        Grouping column.
    """

    table: pd.DataFrame
    overall_rate: float
    ended: int
    active: int
    confidence: float
    by: str

    def _summary_parts(self) -> Summary:
        return _rates_summary(self, "Outcome rates", "overall_rate", "ended", "active")


def outcome_rates(
    episodes: pd.DataFrame, *, by: str = "provider", confidence: float = 0.95
) -> OutcomeRates:
    """Share of ended episodes that moved on to work, education or a work trial.

    Parameters
    ----------
    episodes : DataFrame
        Episodes (see :func:`~vaikuttavuus.compensation.validate_episodes`).
    by : {"provider", "service_type", "contract_type"}, default "provider"
        Grouping.
    confidence : float, default 0.95
        Coverage of the Wilson and Clopper-Pearson intervals.

    Returns
    -------
    OutcomeRates

    References
    ----------
    Wilson, E. B. (1927). *JASA*, 22, 209-212. Clopper, C. J., & Pearson, E. S. (1934).
    *Biometrika*, 26, 404-413. Tampereen kaupunki (2020), seed 002 line 40 (the indicator).

    Examples
    --------
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> res = outcome_rates(simulate_episodes(monthly_clients=300, seed=3))
    >>> list(res.table.columns[:6])
    ['provider', 'episodes', 'ended', 'active', 'outcomes', 'rate']
    """
    confidence = check_probability("confidence", confidence)
    t = _counts(episodes, by)
    with np.errstate(divide="ignore", invalid="ignore"):
        t["rate"] = np.where(t["ended"] > 0, t["outcomes"] / t["ended"], np.nan)
    for method, prefix in (("wilson", "wilson"), ("clopper_pearson", "cp")):
        lo, hi = proportion_ci(t["outcomes"], t["ended"], method=method, confidence=confidence)
        t[f"{prefix}_low"], t[f"{prefix}_high"] = lo, hi
    ended = int(t["ended"].sum())
    return OutcomeRates(
        table=t,
        overall_rate=float(t["outcomes"].sum() / ended) if ended else float("nan"),
        ended=ended,
        active=int(t["active"].sum()),
        confidence=confidence,
        by=by,
    )


@dataclass(frozen=True, eq=False)
class ShrunkRates(TableResult):
    """Empirical-Bayes outcome rates (beta-binomial model fitted by maximum likelihood).

    Attributes
    ----------
    table : DataFrame
        Per group: ``ended``, ``outcomes``, ``rate`` (crude), ``shrunk_rate`` (posterior mean
        ``(x + a)/(n + a + b)``), ``shrunk_low``, ``shrunk_high`` (posterior beta quantiles),
        ``weight`` (``n/(n + a + b)``: weight of the group's own rate).
    prior_mean : float
        ``a/(a + b)``.
    prior_precision : float
        ``a + b``; at the upper bound (1e6) the groups show no extra-binomial variation and
        every rate is shrunk to the prior mean.
    at_bound : bool
        True when the precision hit the upper bound.
    confidence : float
        Coverage of the posterior intervals.
    by : str
        Grouping column.
    """

    table: pd.DataFrame
    prior_mean: float
    prior_precision: float
    at_bound: bool
    confidence: float
    by: str

    def _summary_parts(self) -> Summary:
        return _rates_summary(
            self, "Empirical-Bayes outcome rates", "prior_mean", "prior_precision"
        )


_MAX_PRECISION = 1e6


def _beta_binomial_ml(x: np.ndarray, n: np.ndarray) -> tuple[float, float]:
    def nll(theta: np.ndarray) -> float:
        mu, m = special.expit(theta[0]), np.exp(theta[1])
        a, b = mu * m, (1 - mu) * m
        return -float(np.sum(special.betaln(x + a, n - x + b) - special.betaln(a, b)))

    p0 = float(np.clip(x.sum() / n.sum(), 1e-6, 1 - 1e-6))
    start = np.array([special.logit(p0), np.log(50.0)])
    bounds = [(-20.0, 20.0), (np.log(1e-2), np.log(_MAX_PRECISION))]
    res = optimize.minimize(
        nll, start, method="L-BFGS-B", bounds=bounds, options={"ftol": 1e-15, "gtol": 1e-10}
    )
    best, theta = float(res.fun), res.x
    # Without extra-binomial variation the likelihood keeps rising, ever more slowly, towards
    # infinite precision (the binomial with the pooled rate): the optimiser stops early on
    # the flat slope, so the upper bound with the pooled mean is tried as well.
    at_bound = np.array([special.logit(p0), np.log(_MAX_PRECISION)])
    if nll(at_bound) <= best:
        theta = at_bound
    return float(special.expit(theta[0])), float(np.exp(theta[1]))


def shrunk_rates(
    episodes: pd.DataFrame, *, by: str = "provider", confidence: float = 0.95
) -> ShrunkRates:
    """Empirical-Bayes shrunk outcome rates (beta-binomial, maximum likelihood).

    Each group's outcomes are binomial given its true rate, and true rates follow a
    Beta(a, b) prior whose mean and precision are estimated by maximising the beta-binomial
    marginal likelihood over the groups. Small groups are pulled towards the common mean more
    than large ones. Maximum likelihood is used rather than the method of moments because
    with six providers of very unequal size the moment estimator of the precision is often
    negative and must be truncated.

    Parameters
    ----------
    episodes : DataFrame
        Episodes.
    by : {"provider", "service_type", "contract_type"}, default "provider"
        Grouping (needs at least two groups with ended episodes, one of them with two or
        more, and both outcomes and non-outcomes overall).
    confidence : float, default 0.95
        Coverage of the posterior intervals.

    Returns
    -------
    ShrunkRates

    References
    ----------
    Efron, B., & Morris, C. (1975). Data analysis using Stein's estimator and its
    generalizations. *JASA*, 70(350), 311-319.
    Kleinman, J. C. (1973). Proportions with extraneous variance: single and independent
    samples. *JASA*, 68(341), 46-54.

    Examples
    --------
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> res = shrunk_rates(simulate_episodes(monthly_clients=300, seed=3))
    >>> bool((res.table["weight"] <= 1).all())
    True
    """
    confidence = check_probability("confidence", confidence)
    t = _counts(episodes, by)[[by, "ended", "outcomes"]]
    t = t[t["ended"] > 0].reset_index(drop=True)
    if len(t) < 2:
        raise ValueError(
            f"shrunk_rates needs at least two {by} groups with ended episodes, got {len(t)}."
        )
    x, n = t["outcomes"].to_numpy(float), t["ended"].to_numpy(float)
    if x.sum() in (0.0, n.sum()):
        # the ML prior collapses onto 0 (or 1): every posterior interval would be [0, 0]
        raise ValueError(
            f"shrunk_rates needs both outcomes and non-outcomes among the ended episodes; "
            f"all {int(n.sum())} have {'no' if x.sum() == 0 else 'an'} outcome."
        )
    if n.max() < 2:
        raise ValueError(
            f"shrunk_rates needs a {by} group with at least two ended episodes: with one per "
            "group the prior precision a + b is not identified."
        )
    mu, m = _beta_binomial_ml(x, n)
    a, b = mu * m, (1 - mu) * m
    tail = (1 - confidence) / 2
    t["rate"] = x / n
    t["shrunk_rate"] = (x + a) / (n + m)
    t["shrunk_low"] = stats.beta.ppf(tail, x + a, n - x + b)
    t["shrunk_high"] = stats.beta.isf(tail, x + a, n - x + b)
    t["weight"] = n / (n + m)
    return ShrunkRates(
        table=t,
        prior_mean=mu,
        prior_precision=m,
        at_bound=bool(m >= _MAX_PRECISION * 0.999),
        confidence=confidence,
        by=by,
    )
