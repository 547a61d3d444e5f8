"""Confidence intervals for binomial proportions (Wilson score and Clopper-Pearson exact).

Vectorised over arrays of counts; the figures equal
``statsmodels.stats.proportion.proportion_confint`` (``method="wilson"`` / ``"beta"``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import stats

from ._validation import check_choice, check_probability

__all__ = ["CI_METHODS", "proportion_ci"]

#: Interval methods of :func:`proportion_ci`.
CI_METHODS = ("wilson", "clopper_pearson")


def _as_counts(name: str, value: Any) -> np.ndarray:
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(
            f"{name} must be a number or an array of numbers (counts), got {arr.dtype}."
        )
    arr = arr.astype(np.float64)
    bad = ~np.isfinite(arr) | (arr < 0) | (arr != np.round(arr))
    if bad.any():
        idx = np.flatnonzero(bad.ravel())
        raise ValueError(
            f"{name} must hold non-negative whole numbers; {idx.size} value(s) are not "
            f"(first positions {idx[:5].tolist()}: {arr.ravel()[idx[:5]].tolist()})."
        )
    return arr


def proportion_ci(
    successes: Any,
    n: Any,
    *,
    method: str = "wilson",
    confidence: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided confidence interval for a binomial proportion ``successes / n``.

    Parameters
    ----------
    successes : int or array-like of int
        Number of successes (e.g. ended episodes that moved on to work or education).
    n : int or array-like of int
        Number of trials, broadcast against ``successes``. ``n = 0`` gives a NaN interval.
    method : {"wilson", "clopper_pearson"}, default "wilson"
        ``"wilson"``: the Wilson score interval,
        ``(p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``, exactly 0 at ``x = 0`` and
        1 at ``x = n``.
        ``"clopper_pearson"``: the exact interval from beta quantiles,
        ``[Beta(α/2; x, n-x+1), Beta(1-α/2; x+1, n-x)]``, with 0 at ``x = 0`` and 1 at ``x = n``.
    confidence : float, default 0.95
        Coverage of the interval, in (0, 1).

    Returns
    -------
    (lower, upper) : tuple of numpy arrays
        Bounds with the broadcast shape of ``successes`` and ``n`` (0-d arrays for scalars).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *JASA*, 22(158), 209-212.
    Clopper, C. J., & Pearson, E. S. (1934). The use of confidence or fiducial limits
    illustrated in the case of the binomial. *Biometrika*, 26(4), 404-413.
    Brown, L. D., Cai, T. T., & DasGupta, A. (2001). Interval estimation for a binomial
    proportion. *Statistical Science*, 16(2), 101-133.

    Examples
    --------
    >>> lo, hi = proportion_ci([0, 12, 40], [40, 40, 40])
    >>> lo.round(4).tolist(), hi.round(4).tolist()
    ([0.0, 0.1807, 0.9124], [0.0876, 0.4543, 1.0])
    >>> lo, hi = proportion_ci(12, 40, method="clopper_pearson")
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.1656, 0.4653)
    """
    check_choice("method", method, CI_METHODS)
    confidence = check_probability("confidence", confidence)
    x = _as_counts("successes", successes)
    nn = _as_counts("n", n)
    try:
        x, nn = np.broadcast_arrays(x, nn)
    except ValueError as err:
        raise ValueError(
            f"successes (shape {x.shape}) and n (shape {nn.shape}) cannot be broadcast together."
        ) from err
    over = x > nn
    if over.any():
        idx = np.flatnonzero(over.ravel())
        raise ValueError(
            f"successes exceeds n at {idx.size} position(s) (first {idx[:5].tolist()}); "
            "successes must be between 0 and n."
        )
    alpha = (1.0 - confidence) / 2.0
    empty = nn == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        q = x / nn
        if method == "wilson":
            crit = stats.norm.isf(alpha)
            crit2 = crit**2
            denom = 1 + crit2 / nn
            center = (q + crit2 / (2 * nn)) / denom
            dist = crit * np.sqrt(q * (1.0 - q) / nn + crit2 / (4.0 * nn**2)) / denom
            # exact 0 at x = 0 and 1 at x = n (the formula gives them only up to rounding,
            # e.g. -7e-18 or 1.0000000000000002), and never outside [0, 1]
            lower = np.where(x == 0, 0.0, np.clip(center - dist, 0.0, 1.0))
            upper = np.where(x == nn, 1.0, np.clip(center + dist, 0.0, 1.0))
        else:
            lower = np.where(x == 0, 0.0, stats.beta.ppf(alpha, x, nn - x + 1))
            upper = np.where(x == nn, 1.0, stats.beta.isf(alpha, x + 1, nn - x))
    lower = np.where(empty, np.nan, lower).astype(np.float64)
    upper = np.where(empty, np.nan, upper).astype(np.float64)
    return lower, upper
