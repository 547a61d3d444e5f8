"""Correlation tests with confidence intervals, multiplicity adjustment and verbal labels."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ._labels import LANGUAGES, correlation_label
from ._validation import as_frame, check_choice, check_columns, check_numeric, check_probability

__all__ = ["corr_test", "STRENGTH_THRESHOLDS", "SIGNIFICANCE_ALPHA", "p_adjust"]

#: Lower bounds of |r| for the verbal strength classes (Cohen 1988): |r| < .10 is
#: negligible ("hyvin heikko"), .10 <= |r| < .30 weak ("heikko"), .30 <= |r| < .50
#: moderate ("kohtalainen"), |r| >= .50 strong ("vahva").
STRENGTH_THRESHOLDS = MappingProxyType({"weak": 0.10, "moderate": 0.30, "strong": 0.50})

#: Significance level used for ``stars`` thresholds' first step and for ``label``.
SIGNIFICANCE_ALPHA = 0.05

_METHODS = ("pearson", "spearman", "kendall")
#: R's ``p.adjust.methods`` (``"fdr"`` is R's alias of ``"BH"``; ``"fdr_bh"`` and
#: ``"fdr_by"`` are the statsmodels spellings, accepted as aliases).
_ADJUST = ("holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none")
_ADJUST_ALIASES = {"fdr": "BH", "fdr_bh": "BH", "fdr_by": "BY"}
_NAN_POLICIES = ("pairwise", "listwise")
# Fisher-z standard error numerators and the n offset (Fieller, Hartley & Pearson 1957).
_SE = {"pearson": (1.0, 3), "spearman": (1.06, 3), "kendall": (0.437, 4)}
_COLUMNS = ["x", "y", "n", "r", "ci_low", "ci_high", "p_value", "p_adj", "stars", "label"]


def _check_adjust(method: Any) -> str:
    """The canonical R name of an adjustment method (aliases resolved)."""
    if isinstance(method, str) and method in _ADJUST_ALIASES:
        return _ADJUST_ALIASES[method]
    return check_choice("adjust", method, _ADJUST)


def _step_down(p: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """Holm-type: cumulative maximum of ``factor * p`` over increasing p (R's ``cummax``)."""
    order = np.argsort(p, kind="stable")
    out = np.empty(p.size)
    out[order] = np.minimum(1.0, np.maximum.accumulate(factor * p[order]))
    return out


def _step_up(p: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """Hochberg/BH-type: cumulative minimum of ``factor * p`` over decreasing p (``cummin``)."""
    order = np.argsort(-p, kind="stable")
    out = np.empty(p.size)
    out[order] = np.minimum(1.0, np.minimum.accumulate(factor * p[order]))
    return out


def _hommel(p: np.ndarray) -> np.ndarray:
    """R's ``p.adjust(method = "hommel")``, line by line (n > 2)."""
    n = p.size
    order = np.argsort(p, kind="stable")
    ps = p[order]
    i = np.arange(1, n + 1)
    q = np.full(n, np.min(n * ps / i))
    pa = q.copy()
    for m in range(n - 1, 1, -1):
        i1 = np.arange(n - m + 1)  # R's seq_len(n - m + 1), 0-based
        i2 = np.arange(n - m + 1, n)  # R's (n - m + 2):n
        q1 = np.min(m * ps[i2] / np.arange(2, m + 1))
        q[i1] = np.minimum(m * ps[i1], q1)
        q[i2] = q[n - m]
        pa = np.maximum(pa, q)
    out = np.empty(n)
    out[order] = np.maximum(pa, ps)
    return out


def p_adjust(p: Sequence[float] | np.ndarray, method: str = "holm") -> np.ndarray:
    """Adjust p-values for multiple testing exactly as R's ``p.adjust``.

    Parameters
    ----------
    p : array_like
        The family of p-values (no missing values).
    method : {"holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none"}
        R's names (``"fdr"`` is R's alias of ``"BH"``); the statsmodels spellings
        ``"fdr_bh"`` and ``"fdr_by"`` are accepted too.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input order, capped at 1.

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian
    Journal of Statistics, 6(2), 65-70.
    Hochberg, Y. (1988). A sharper Bonferroni procedure for multiple tests of significance.
    Biometrika, 75, 800-803.
    Hommel, G. (1988). A stagewise rejective multiple test procedure based on a modified
    Bonferroni test. Biometrika, 75, 383-386.
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. Journal of the
    Royal Statistical Society B, 57(1), 289-300.
    Benjamini, Y., & Yekutieli, D. (2001). The control of the false discovery rate in
    multiple testing under dependency. Annals of Statistics, 29, 1165-1188.
    R Core Team. R: ``stats::p.adjust``.

    Examples
    --------
    >>> p_adjust([0.01, 0.04, 0.03], "holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> p_adjust([0.01, 0.04, 0.03], "BH").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    method = _check_adjust(method)
    p = np.asarray(p, dtype=np.float64)
    m = p.size
    if method == "none" or m <= 1:
        return p.copy()
    if method == "hommel" and m == 2:
        method = "hochberg"  # as R: Hommel equals Hochberg for two tests
    if method == "bonferroni":
        return np.minimum(1.0, m * p)
    if method == "holm":
        return _step_down(p, m - np.arange(m, dtype=np.float64))
    if method == "hochberg":
        return _step_up(p, np.arange(1, m + 1, dtype=np.float64))
    if method == "hommel":
        return _hommel(p)
    i = np.arange(m, 0, -1, dtype=np.float64)
    q = float(np.sum(1.0 / np.arange(1, m + 1))) if method == "BY" else 1.0
    return _step_up(p, q * m / i)


def _strength(r: float) -> str:
    a = abs(r)
    if a >= STRENGTH_THRESHOLDS["strong"]:
        return "strong"
    if a >= STRENGTH_THRESHOLDS["moderate"]:
        return "moderate"
    if a >= STRENGTH_THRESHOLDS["weak"]:
        return "weak"
    return "negligible"


def _stars(p: float) -> str:
    if p < 0.001:
        return "***"
    if p < 0.01:
        return "**"
    if p < 0.05:
        return "*"
    return ""


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    da = a - a.mean()
    db = b - b.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.dot(da, db) / np.sqrt(np.dot(da, da) * np.dot(db, db)))


def _one_pair(a: np.ndarray, b: np.ndarray, method: str) -> tuple[float, float]:
    """Return ``(r, p)`` for one pair of complete columns."""
    n = a.size
    if method == "kendall":
        res = stats.kendalltau(a, b, variant="b", method="asymptotic")
        return float(res.statistic), float(res.pvalue)
    if method == "spearman":
        a = stats.rankdata(a)
        b = stats.rankdata(b)
    r = _pearson(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt(n - 2) / np.sqrt(1.0 - r * r)
    p = 2.0 * stats.t.sf(abs(t), n - 2)
    return r, float(min(p, 1.0))


def _pairs(frame: pd.DataFrame, x: Any, y: Any) -> list[tuple[Any, Any]]:
    if y is None:
        xs = check_columns(frame, x, "x")
        if len(xs) < 2:
            raise ValueError(
                f"x names {len(xs)} column(s); at least 2 are needed to form pairs "
                "(or give y as well)."
            )
        return list(combinations(xs, 2))
    ys = check_columns(frame, y, "y")
    xs = check_columns(frame, x, "x") if x is not None else [c for c in frame if c not in ys]
    pairs = [(a, b) for a in xs for b in ys if a != b]
    if not pairs:
        raise ValueError("x and y give no pair of different columns to correlate.")
    return pairs


def corr_test(
    data: pd.DataFrame | np.ndarray,
    x: Any = None,
    y: Any = None,
    *,
    method: str = "pearson",
    adjust: str = "holm",
    nan_policy: str = "pairwise",
    confidence: float = 0.95,
    language: str = "fi",
) -> pd.DataFrame:
    """Correlation tests for pairs of columns, in long format with verbal labels.

    Like ``psych::corr.test`` / R's ``cor.test``, one row per pair.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Numeric data (rows are respondents).
    x, y : column name or list of names, optional
        Only ``x`` (or neither; then all columns): every unique pair among them. ``x`` and
        ``y``: every ``x`` column against every ``y`` column (a column is never paired with
        itself). ``y`` without ``x``: every other column against ``y``.
    method : {"pearson", "spearman", "kendall"}
        ``pearson``: p-value from the t test with n - 2 df. ``spearman``: Spearman's rho with
        the t approximation ``t = r sqrt(n-2) / sqrt(1-r^2)`` as ``psych::corr.test`` (and
        R's ``cor.test(exact=FALSE)``), not the exact permutation distribution.
        ``kendall``: Kendall's tau-b (ties handled) with the normal approximation of R's
        ``cor.test(method="kendall", exact=FALSE)`` (tie-corrected variance, no continuity
        correction).
    adjust : {"holm", "hochberg", "hommel", "bonferroni", "BH", "BY", "fdr", "none"}
        Multiplicity adjustment of :func:`p_adjust` (R's names) over exactly the returned
        rows (the tests requested). Default ``"holm"``, as ``psych::corr.test``; pass
        ``adjust="none"`` for unadjusted ``p_adj`` (``p_value`` is always unadjusted).
    nan_policy : {"pairwise", "listwise"}
        ``pairwise``: each pair uses its own complete rows (``n`` per pair, R's
        ``use="pairwise"``). ``listwise``: rows with any missing value among the involved
        columns are dropped first.
    confidence : float
        Confidence level of the interval.
    language : {"fi", "sv", "en"}
        Language of ``label``.

    Returns
    -------
    pandas.DataFrame
        Columns ``x``, ``y``, ``n``, ``r``, ``ci_low``, ``ci_high``, ``p_value``, ``p_adj``,
        ``stars`` (``"***"`` p_adj < .001, ``"**"`` < .01, ``"*"`` < .05, else ``""``) and
        ``label``. Confidence intervals use Fisher's z with standard error
        ``1/sqrt(n-3)`` (Pearson), ``sqrt(1.06/(n-3))`` (Spearman) and
        ``sqrt(0.437/(n-4))`` (Kendall), the latter two from Fieller, Hartley & Pearson
        (1957) as recommended by Bonett & Wright (2000).

    Notes
    -----
    ``label`` describes the strength by ``|r|`` with :data:`STRENGTH_THRESHOLDS` (Cohen
    1988): below .10 negligible ("hyvin heikko"), .10-.30 weak ("heikko"), .30-.50
    moderate ("kohtalainen"), .50 and above strong ("vahva"); it calls a correlation
    statistically significant when ``p_adj`` < :data:`SIGNIFICANCE_ALPHA` (.05), e.g.
    "heikko tilastollisesti merkitsevä positiivinen yhteys" or
    "ei tilastollisesti merkitsevää yhteyttä".

    References
    ----------
    Cohen, J. (1988). Statistical power analysis for the behavioral sciences (2nd ed.).
    Erlbaum.
    Fieller, E. C., Hartley, H. O., & Pearson, E. S. (1957). Tests for rank correlation
    coefficients. I. Biometrika, 44(3/4), 470-481.
    Bonett, D. G., & Wright, T. A. (2000). Sample size requirements for estimating Pearson,
    Kendall and Spearman correlations. Psychometrika, 65(1), 23-28.
    Revelle, W. (2022). psych: Procedures for psychological, psychometric, and personality
    research (R package 2.2.9), ``corr.test``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [2, 1, 4, 3, 6, 5],
    ...                    "c": [6, 5, 4, 4, 2, 1]})
    >>> res = corr_test(df, "a", ["b", "c"], language="en")
    >>> res[["x", "y", "n", "r"]].round(3)
       x  y  n      r
    0  a  b  6  0.829
    1  a  c  6 -0.976
    >>> res.loc[1, "label"]
    'strong statistically significant negative association'
    """
    frame = as_frame(data)
    check_choice("method", method, _METHODS)
    adjust = _check_adjust(adjust)
    check_choice("nan_policy", nan_policy, _NAN_POLICIES)
    check_choice("language", language, LANGUAGES)
    confidence = check_probability("confidence", confidence)
    pairs = _pairs(frame, x, y)
    involved = list(dict.fromkeys(c for pair in pairs for c in pair))
    numeric = check_numeric(frame[involved], "data")
    if nan_policy == "listwise":
        numeric = numeric.dropna()
    values = {c: numeric[c].to_numpy() for c in involved}
    num, offset = _SE[method]
    min_n = offset if method == "kendall" else 3
    zq = stats.norm.ppf(1.0 - (1.0 - confidence) / 2.0)

    rows = []
    for a_name, b_name in pairs:
        a, b = values[a_name], values[b_name]
        ok = ~(np.isnan(a) | np.isnan(b))
        n = int(ok.sum())
        if n < min_n:
            raise ValueError(
                f"pair ({a_name!r}, {b_name!r}) has {n} complete observation(s); at least "
                f"{min_n} are needed for method={method!r}."
            )
        r, p = _one_pair(a[ok], b[ok], method)
        if not np.isfinite(r):
            raise ValueError(
                f"pair ({a_name!r}, {b_name!r}): the correlation is undefined because a column "
                "is constant over the complete observations of the pair."
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.arctanh(r)
            se = np.sqrt(np.float64(num) / (n - offset))
            low, high = np.tanh(z - zq * se), np.tanh(z + zq * se)
        if not np.isfinite(se):  # n at the minimum: the interval is the whole range
            low, high = -1.0, 1.0
        rows.append((a_name, b_name, n, r, float(low), float(high), p))

    out = pd.DataFrame(rows, columns=["x", "y", "n", "r", "ci_low", "ci_high", "p_value"])
    out["p_adj"] = p_adjust(out["p_value"].to_numpy(), adjust)
    out["stars"] = [_stars(p) for p in out["p_adj"]]
    out["label"] = [
        correlation_label(_strength(r), r, p < SIGNIFICANCE_ALPHA, language)
        for r, p in zip(out["r"], out["p_adj"], strict=True)
    ]
    return out[_COLUMNS]
