"""Kaplan-Meier estimation with right censoring: survival table, median and its CI.

Conventions (the same as ``statsmodels.duration.survfunc.SurvfuncRight``, which the tests
compare against to 1e-10):

- Ties: at a time with both events and censorings, the events come first (a person censored
  at ``t`` is still at risk at ``t``).
- Standard error: Greenwood's formula.
- Quantiles (median): the first event time at which ``S(t) < 1 - p`` (SAS's strict rule;
  R ``survival`` uses ``S(t) <= 1 - p`` and averages over a flat stretch at exactly 0.5).
  Where ``S(t)`` equals ``1 - p`` exactly, the comparison is made in exact arithmetic: the
  float product can fall a few ulps below it (``statsmodels`` then takes that time).
- Quantile CI: Brookmeyer & Crowley (1982), inverting the test on the log-log (cloglog)
  scale of ``S``: the interval holds the event times at which
  ``|log(-log S(t)) - log(-log(1 - p))| <= z * se(log(-log S(t)))``; its upper limit is the
  event time after the last such time (infinite when there is none).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ._results import ResultMixin, Summary
from ._validation import as_frame, check_columns, check_probability

__all__ = ["KaplanMeierResult", "kaplan_meier", "km_arrays"]


def km_arrays(time: np.ndarray, event: np.ndarray) -> dict[str, np.ndarray]:
    """Kaplan-Meier core on arrays (no validation): one entry per distinct event time.

    Returns a dict of arrays ``time, n_at_risk, n_events, n_censored, survival, se`` where
    ``n_censored`` counts censorings in ``[t_j, t_{j+1})`` (censorings before the first
    event time are in no row; the result's ``n_censored`` counts every one).

    Parameters
    ----------
    time : ndarray of float
        Follow-up time of each person.
    event : ndarray of bool
        True for an event, False for a right-censored time.

    Returns
    -------
    dict of ndarray
        The Kaplan-Meier table columns.

    References
    ----------
    Kaplan and Meier (1958) and Greenwood (1926), cited in full at :func:`kaplan_meier`.

    Examples
    --------
    >>> import numpy as np
    >>> km_arrays(np.array([1.0, 2, 2, 3]), np.array([True, True, False, True]))["survival"].tolist()
    [0.75, 0.5, 0.0]
    """
    utime, inv = np.unique(time, return_inverse=True)
    d_all = np.bincount(inv, weights=event.astype(float), minlength=len(utime))
    n_all = np.bincount(inv, minlength=len(utime)).astype(float)
    at_risk = np.cumsum(n_all[::-1])[::-1]
    keep = d_all > 0
    d, n, t = d_all[keep], at_risk[keep], utime[keep]
    cens_all = n_all - d_all
    # censorings at or after each event time and before the next one
    group = np.cumsum(keep) - 1
    cens = np.bincount(group[group >= 0], weights=cens_all[group >= 0], minlength=len(t))
    with np.errstate(divide="ignore", invalid="ignore"):
        surv = np.cumprod(1.0 - d / n)
        terms = np.where(n > d, d / (n * (n - d)), np.nan)
        se = surv * np.sqrt(np.cumsum(terms))
    se[surv == 0] = np.nan
    return {
        "time": t,
        "n_at_risk": n,
        "n_events": d,
        "n_censored": cens,
        "survival": surv,
        "se": se,
    }


def _below(surv: np.ndarray, n: np.ndarray, d: np.ndarray, level: Fraction) -> np.ndarray:
    """``S(t) < level`` decided in exact arithmetic where the float product is near ``level``.

    The float product of the factors ``1 - d/n`` can land a few ulps below a level that the
    exact product equals (0.75 * (1 - 1/3) * ... giving 0.49999999999999994), which would
    move the quantile to an earlier time than the strict rule gives.
    """
    below = surv < float(level)
    near = np.flatnonzero(np.abs(surv - float(level)) <= 1e-9)
    if near.size:
        exact = Fraction(1)
        done = 0
        for j in near:  # prefix products of the exact factors (n - d) / n
            for i in range(done, j + 1):
                exact *= Fraction(int(round(n[i] - d[i])), int(round(n[i])))
            done = j + 1
            below[j] = exact < level
    return below


def _quantile(t: np.ndarray, surv: np.ndarray, p: float, n: Any = None, d: Any = None) -> float:
    if n is None or d is None:
        below = surv < 1.0 - p
    else:
        below = _below(surv, np.asarray(n, dtype=float), np.asarray(d, dtype=float),
                       1 - Fraction(repr(float(p))))  # fmt: skip
    idx = np.flatnonzero(below)
    return float(t[idx[0]]) if idx.size else float("nan")


def _quantile_ci(
    t: np.ndarray, surv: np.ndarray, se: np.ndarray, p: float, confidence: float
) -> tuple[float, float]:
    z = stats.norm.ppf(0.5 + confidence / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.log(-np.log(surv))
        gprime = -1.0 / (surv * np.log(surv))
        r = (g - np.log(-np.log(1.0 - p))) / (gprime * se)
    idx = np.flatnonzero(np.abs(r) <= z)
    if idx.size == 0:
        return float("nan"), float("nan")
    low = float(t[idx[0]])
    high = float("inf") if idx[-1] == len(t) - 1 else float(t[idx[-1] + 1])
    return low, high


@dataclass(frozen=True, eq=False)
class KaplanMeierResult(ResultMixin):
    """A Kaplan-Meier estimate: the table, the median with its CI and counts.

    Attributes
    ----------
    table : DataFrame
        One row per distinct event time: ``time, n_at_risk, n_events, n_censored, survival,
        se`` (Greenwood) and the pointwise log-log interval ``ci_low, ci_high``.
    median, median_ci_low, median_ci_high : float
        Median (NaN when ``S`` never falls below 0.5) and its Brookmeyer-Crowley interval
        (``ci_high`` is ``inf`` when open above).
    n, n_events, n_censored : int
        Persons, events and censored persons.
    confidence : float
        Coverage of the intervals.
    """

    table: pd.DataFrame
    median: float
    median_ci_low: float
    median_ci_high: float
    n: int
    n_events: int
    n_censored: int
    confidence: float

    def survival_at(self, t: float) -> float:
        """``S(t)``: the estimate just after time ``t`` (1 before the first event)."""
        times = self.table["time"].to_numpy()
        idx = np.searchsorted(times, t, side="right") - 1
        return 1.0 if idx < 0 else float(self.table["survival"].iloc[idx])

    def quantile(self, p: float) -> float:
        """Time by which a share ``p`` has had the event (``S(t) < 1 - p``; NaN if never)."""
        p = check_probability("p", p)
        tab = self.table
        return _quantile(tab["time"].to_numpy(), tab["survival"].to_numpy(), p,
                         tab["n_at_risk"].to_numpy(), tab["n_events"].to_numpy())  # fmt: skip

    def quantile_ci(self, p: float) -> tuple[float, float]:
        """Brookmeyer-Crowley interval (log-log scale) of the ``p`` quantile."""
        p = check_probability("p", p)
        tab = self.table
        return _quantile_ci(
            tab["time"].to_numpy(),
            tab["survival"].to_numpy(),
            tab["se"].to_numpy(),
            p,
            self.confidence,
        )

    def to_frame(self) -> pd.DataFrame:
        """One row: n, events, censored, median and its CI."""
        return self._row(
            "n", "n_events", "n_censored", "median", "median_ci_low", "median_ci_high", "confidence"
        )

    def _summary_parts(self) -> Summary:
        pct = f"{100 * self.confidence:g}%"
        return Summary(
            title="Kaplan-Meier",
            figures={
                "n": self.n,
                "events": self.n_events,
                "censored": self.n_censored,
                "median": self.median,
                f"{pct} CI (Brookmeyer-Crowley, log-log)": (
                    f"[{self.median_ci_low:g}, {self.median_ci_high:g}]"
                ),
            },
            notes=("Greenwood standard errors; events precede censorings at tied times.",),
        )


def kaplan_meier(
    data: pd.DataFrame,
    time: Any,
    event: Any,
    *,
    confidence: float = 0.95,
) -> KaplanMeierResult:
    """Kaplan-Meier survival curve with right censoring, its median and confidence intervals.

    Parameters
    ----------
    data : DataFrame
        One row per person.
    time : column name
        Follow-up time (numeric, >= 0, no missing values): time to the event, or to
        censoring.
    event : column name
        1/True when the event happened at ``time``, 0/False when the person was censored.
    confidence : float, default 0.95
        Coverage of the pointwise (log-log) intervals of ``S(t)`` and of the median's
        Brookmeyer-Crowley interval.

    Returns
    -------
    KaplanMeierResult
        ``table`` (one row per event time), ``median`` with ``median_ci_low/high``,
        ``quantile(p)``, ``quantile_ci(p)`` and ``survival_at(t)``.

    Notes
    -----
    Events precede censorings at tied times. The median is the first event time with
    ``S(t) < 0.5`` and its interval is found by inverting the log-log transformed Greenwood
    test, as ``statsmodels`` ``SurvfuncRight.quantile``/``quantile_ci(method="cloglog")``
    (and SAS PROC LIFETEST), except that an ``S(t)`` of exactly 0.5 is never taken as below
    0.5 (the comparison is exact where the float product lands within 1e-9 of 0.5). The pointwise interval of ``S(t)`` is
    ``S^exp(±z se / (S log S))`` (R ``survfit(conf.type="log-log")``).

    References
    ----------
    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete observations.
    JASA, 53(282), 457-481.
    Greenwood, M. (1926). The natural duration of cancer. Reports on Public Health and Medical
    Subjects, 33. London: HMSO.
    Brookmeyer, R., & Crowley, J. (1982). A confidence interval for the median survival time.
    Biometrics, 38(1), 29-41.
    Kalbfleisch, J. D., & Prentice, R. L. (2002). The Statistical Analysis of Failure Time
    Data (2nd ed.). Wiley.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"days": [5, 8, 8, 12, 15, 20, 22, 30],
    ...                   "job": [1, 1, 0, 1, 0, 1, 1, 0]})
    >>> km = kaplan_meier(d, "days", "job")
    >>> km.table[["time", "n_at_risk", "n_events", "survival"]].round(4)
       time  n_at_risk  n_events  survival
    0   5.0        8.0       1.0    0.8750
    1   8.0        7.0       1.0    0.7500
    2  12.0        5.0       1.0    0.6000
    3  20.0        3.0       1.0    0.4000
    4  22.0        2.0       1.0    0.2000
    >>> km.median, km.median_ci_low, km.median_ci_high
    (20.0, 5.0, inf)
    """
    frame = as_frame(data)
    time_col, event_col = check_columns(frame, [time, event], "time/event")
    confidence = check_probability("confidence", confidence)
    t = pd.to_numeric(frame[time_col], errors="coerce")
    bad = t.isna() | ~np.isfinite(t) | (t < 0)
    if bad.any():
        raise ValueError(
            f"{time_col!r} must be a finite number >= 0 in every row; {int(bad.sum())} row(s) "
            f"are not (first row labels {list(frame.index[bad.to_numpy()][:5])})."
        )
    e = frame[event_col]
    if pd.api.types.is_bool_dtype(e.dtype) and not e.hasnans:
        ok = np.ones(len(e), dtype=bool)
    elif pd.api.types.is_numeric_dtype(e.dtype):
        v = e.to_numpy(dtype=float, na_value=np.nan)
        ok = (v == 0) | (v == 1)
    else:
        ok = (e.isin([0, 1, True, False]) & e.notna()).to_numpy()
    if not ok.all():
        raise ValueError(
            f"{event_col!r} must be 0/1 or True/False in every row; {int((~ok).sum())} row(s) "
            f"are not (first row labels {list(frame.index[~ok][:5])})."
        )
    ev = e.to_numpy(dtype=bool)
    if len(frame) == 0:
        raise ValueError("data has no rows; the Kaplan-Meier estimate needs at least one.")
    core = km_arrays(t.to_numpy(dtype=float), ev)
    table = pd.DataFrame(core)
    z = stats.norm.ppf(0.5 + confidence / 2)
    s, se = table["survival"].to_numpy(), table["se"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        half = z * se / (s * np.log(s))  # sd of log(-log S), negative sign absorbed below
        table["ci_low"] = s ** np.exp(-half)
        table["ci_high"] = s ** np.exp(half)
    lo, hi = _quantile_ci(core["time"], s, se, 0.5, confidence)
    n_events = int(ev.sum())
    return KaplanMeierResult(
        table=table,
        median=_quantile(core["time"], s, 0.5, core["n_at_risk"], core["n_events"]),
        median_ci_low=lo,
        median_ci_high=hi,
        n=len(frame),
        n_events=n_events,
        n_censored=len(frame) - n_events,
        confidence=confidence,
    )
