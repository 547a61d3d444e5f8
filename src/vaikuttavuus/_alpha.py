"""Closed-form pieces of Cronbach's alpha, following R psych::alpha (2.2.9) line by line.

``alpha_stats(C)`` is psych's inner ``alpha.1(C, R)``; ``item_table`` builds psych's
``alpha.drop`` and ``item.stats``; ``feldt_ci`` is psych's ``alpha.ci``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ._extraction import smc  # psych::smc, shared with factor extraction
from ._matrix import pairwise_sums, row_means

__all__ = [
    "AlphaCore",
    "alpha_stats",
    "feldt_ci",
    "item_table",
    "pairwise_cov",
]


def pairwise_cov(x: np.ndarray) -> np.ndarray:
    """Covariances from pairwise-complete observations, as R's ``cov(x, use="pairwise")``.

    Each pair uses the rows where both items are observed, with the means of those rows
    and denominator ``n_ij - 1``.
    """
    x = np.asarray(x, dtype=np.float64)
    mask = ~np.isnan(x)
    if mask.all():
        return np.cov(x, rowvar=False)
    n, sx, sxy = pairwise_sums(x, mask)[2:]
    with np.errstate(invalid="ignore", divide="ignore"):
        return (sxy - sx * sx.T / n) / (n - 1.0)


def cov2cor(c: np.ndarray) -> np.ndarray:
    """R's ``cov2cor``: scale a covariance matrix to unit diagonal (diagonal set to 1)."""
    d = 1.0 / np.sqrt(np.diag(c))
    r = c * d[:, None] * d[None, :]
    np.fill_diagonal(r, 1.0)
    return r


@dataclass(frozen=True)
class AlphaCore:
    """psych's ``alpha.1`` output for one covariance matrix."""

    raw: float
    std: float
    g6: float
    average_r: float
    s_n: float
    q: float
    var_r: float
    median_r: float


def alpha_stats(c: np.ndarray) -> AlphaCore:
    """psych's ``alpha.1(C, cov2cor(C))``: raw/standardised alpha, G6(smc), mean r, Q, ..."""
    k = c.shape[0]
    r = cov2cor(c)
    total_c = c.sum()
    tr_c = np.trace(c)
    raw = (1.0 - tr_c / total_c) * (k / (k - 1.0))
    sum_r = r.sum()
    std = (1.0 - k / sum_r) * (k / (k - 1.0))
    g6 = 1.0 - (k - smc(r).sum()) / sum_r
    av_r = (sum_r - k) / (k * (k - 1.0))
    lower = r[np.tril_indices(k, -1)]
    var_r = float(np.var(lower, ddof=1)) if lower.size > 1 else np.nan
    med_r = float(np.median(lower))
    s_n = k * av_r / (1.0 - av_r)
    cc = c @ c
    q = (2.0 * k**2 / ((k - 1.0) ** 2 * total_c**3)) * (
        total_c * (np.trace(cc) + tr_c**2) - 2.0 * (tr_c * cc.sum())
    )
    closed_forms = (raw, std, g6, av_r, s_n, q)  # AlphaCore's first six fields, in order
    return AlphaCore(*map(float, closed_forms), var_r=var_r, median_r=med_r)


def raw_alpha_from_cov(c: np.ndarray) -> np.ndarray:
    """Raw alpha for a stack of covariance matrices ``(..., k, k)``."""
    k = c.shape[-1]
    tr = np.trace(c, axis1=-2, axis2=-1)
    tot = c.sum(axis=(-2, -1))
    return (1.0 - tr / tot) * (k / (k - 1.0))


def item_table(x: np.ndarray, c: np.ndarray, items: list[object], n_for_se: int) -> pd.DataFrame:
    """psych's ``alpha.drop`` and ``item.stats`` (raw-data branch) as one table.

    ``x`` is the (reverse-keyed) item data used for the estimate (may contain NaN under
    pairwise deletion), ``c`` its covariance matrix, ``n_for_se`` the n in psych's
    ``alpha se`` column (``sqrt(Q / n)``).
    """
    k = c.shape[0]
    r = cov2cor(c)
    drops = []
    for i in range(k):
        keep = [j for j in range(k) if j != i]
        if k > 2:
            drops.append(alpha_stats(c[np.ix_(keep, keep)]))
        else:
            drops.append(None)

    def col(attr: str) -> np.ndarray:
        return np.array([np.nan if d is None else getattr(d, attr) for d in drops])

    # Item-total correlations: the total is the row mean over the available items.
    obs = ~np.isnan(x)
    total = row_means(x)
    # cor(total, x, use="pairwise"): the total is observed wherever an item is, so the pair's
    # rows are the item's observed rows. Centred sums over those rows, for all items at once.
    m = obs.astype(np.float64)
    t0 = np.where(np.isnan(total), 0.0, total - np.nanmean(total))
    x0 = np.where(obs, x - np.nanmean(x, axis=0), 0.0)
    n_i = m.sum(axis=0)
    st, stt, sx = t0 @ m, (t0**2) @ m, x0.sum(axis=0)
    sxx, stx = (x0**2).sum(axis=0), t0 @ x0
    r_raw = (stx - st * sx / n_i) / np.sqrt((stt - st**2 / n_i) * (sxx - sx**2 / n_i))
    v_t = r.sum()
    r_std = r.sum(axis=0) / np.sqrt(v_t)
    rc = r.copy()
    np.fill_diagonal(rc, smc(r))
    r_cor = rc.sum(axis=0) / np.sqrt(rc.sum())
    r_drop = np.empty(k)
    for i in range(k):
        keep = [j for j in range(k) if j != i]
        v_drop = c[np.ix_(keep, keep)].sum()
        c_drop = c[:, i].sum() - c[i, i]
        r_drop[i] = c_drop / np.sqrt(c[i, i] * v_drop)
    n_item = obs.sum(axis=0)
    means = np.nanmean(x, axis=0)
    sds = np.nanstd(x, axis=0, ddof=1)
    return pd.DataFrame(
        {
            "alpha_if_deleted": col("raw"),
            "std_alpha_if_deleted": col("std"),
            "g6_if_deleted": col("g6"),
            "average_r_if_deleted": col("average_r"),
            "s_n_if_deleted": col("s_n"),
            "alpha_se_if_deleted": np.sqrt(col("q") / n_for_se),
            "var_r_if_deleted": col("var_r"),
            "median_r_if_deleted": col("median_r"),
            "r_raw": r_raw,
            "r_std": r_std,
            "r_cor": r_cor,
            "r_drop": r_drop,
            "mean": means,
            "sd": sds,
            "n": n_item.astype(np.int64),
        },
        index=pd.Index(items, name="item"),
    )


def feldt_ci(alpha: float, n: int, k: int, confidence: float) -> tuple[float, float]:
    """Feldt (1965) F-based interval, exactly psych's ``alpha.ci``.

    ``(1 - alpha) / (1 - alpha_hat)`` follows F with ``n - 1`` and ``(n - 1)(k - 1)`` degrees
    of freedom, giving ``1 - (1 - alpha_hat) * F_{1 - p/2}`` and ``1 - (1 - alpha_hat) * F_{p/2}``.
    """
    p = 1.0 - confidence
    df1 = n - 1.0
    df2 = (n - 1.0) * (k - 1.0)
    low = 1.0 - (1.0 - alpha) * stats.f.ppf(1.0 - p / 2.0, df1, df2)
    high = 1.0 - (1.0 - alpha) * stats.f.ppf(p / 2.0, df1, df2)
    return float(low), float(high)
