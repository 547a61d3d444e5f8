"""Polychoric correlations of ordinal items, as ``psych::polychoric`` (psych 2.2.9).

Two steps: the thresholds of each item come from its marginal frequencies, then the correlation
of each pair maximises the bivariate normal likelihood of the pair's contingency table with the
thresholds held fixed. All pairs are solved at once (vectorised Newton steps inside a bracket,
exact bivariate normal probabilities), to full precision: psych's one-dimensional search stops
within about 1e-4 of the maximum.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import ndtri

from ._bvn import BIG, bvn_cdf, bvn_pdf, bvn_pdf_drho
from ._results import ResultMixin, Summary
from ._validation import as_frame, check_columns, check_not_constant, check_numeric

__all__ = ["polychoric", "PolychoricResult", "PolychoricWarning", "MAX_CATEGORIES"]

MAX_CATEGORIES = 8  # psych's max.cat


class PolychoricWarning(UserWarning):
    """psych's warnings: thresholds per pair (unequal categories), zero cells corrected,
    the matrix smoothed to positive definite."""


@dataclass(frozen=True, eq=False)
class PolychoricResult(ResultMixin):
    """Polychoric correlation matrix with thresholds and standard errors.

    Attributes
    ----------
    rho : DataFrame
        The correlation matrix (smoothed to positive definite when ``smoothed``).
    se : DataFrame
        Standard errors of each correlation with the thresholds held fixed (two-step), from the
        observed information; NaN on the diagonal.
    tau : DataFrame
        Thresholds of each item (items x categories - 1) from its marginal frequencies.
    n_pairs : DataFrame
        Rows with both items observed.
    """

    rho: pd.DataFrame
    se: pd.DataFrame
    tau: pd.DataFrame
    n_pairs: pd.DataFrame
    n_obs: int
    global_thresholds: bool
    corrected_cells: int
    smoothed: bool

    def to_frame(self) -> pd.DataFrame:
        """One row per item pair: item1, item2, rho, se, n."""
        items = list(self.rho.columns)
        i, j = np.tril_indices(len(items), -1)
        return pd.DataFrame(
            {
                "item1": [items[a] for a in j],
                "item2": [items[b] for b in i],
                "rho": self.rho.to_numpy()[i, j],
                "se": self.se.to_numpy()[i, j],
                "n": self.n_pairs.to_numpy()[i, j].astype(int),
            }
        )

    def _summary_parts(self) -> Summary:
        notes = []
        if self.smoothed:
            notes.append(
                "The matrix was not positive definite and was smoothed (psych cor.smooth)."
            )
        if self.corrected_cells:
            notes.append(f"{self.corrected_cells} empty cell(s) set to 0.5 observations.")
        return Summary(
            title="Polychoric correlations",
            figures={"items": self.rho.shape[0], "observations": self.n_obs},
            tables={"Correlations": self.rho, "Thresholds": self.tau},
            notes=tuple(notes),
        )


def _codes(data: Any, items: Sequence[Any] | None) -> tuple[np.ndarray, list[Any], int]:
    frame = as_frame(data)
    cols = check_columns(frame, items)
    if len(cols) < 2:
        raise ValueError(f"polychoric needs at least 2 items, got {len(cols)}.")
    values = check_numeric(frame[cols])
    check_not_constant(values)
    x = values.to_numpy()
    bad = np.argwhere(~np.isnan(x) & (x != np.round(x)))
    if len(bad):
        r, c = bad[0]
        raise ValueError(
            f"polychoric: column {cols[c]!r}, row {frame.index[r]!r} has the value {float(x[r, c])!r}; "
            "ordinal items must be whole numbers (category codes)."
        )
    low = int(np.nanmin(x))
    n_cat = int(np.nanmax(x)) - low + 1
    if n_cat > MAX_CATEGORIES:
        raise ValueError(
            f"polychoric: the items span {n_cat} values ({low}..{low + n_cat - 1}); at most "
            f"{MAX_CATEGORIES} categories are allowed (psych's max.cat); polychoric "
            "correlations are for ordinal items with few categories."
        )
    codes = np.where(np.isnan(x), -1, x - low).astype(np.int64)
    return codes, cols, n_cat


def _tables(codes: np.ndarray, n_cat: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Contingency tables (pairs, K, K) of every pair i > j (lower triangle order)."""
    k = codes.shape[1]
    i, j = np.tril_indices(k, -1)
    a, b = codes[:, i], codes[:, j]
    ok = (a >= 0) & (b >= 0)
    cells = n_cat * n_cat
    idx = np.where(ok, a * n_cat + b, cells) + np.arange(len(i)) * (cells + 1)
    counts = np.bincount(idx.ravel(), minlength=len(i) * (cells + 1))
    tables = counts.reshape(len(i), cells + 1)[:, :cells].reshape(len(i), n_cat, n_cat)
    return tables.astype(float), i, j


def _thresholds(freq: np.ndarray) -> np.ndarray:
    """qnorm of the cumulative proportions (rows: items or pairs), last category dropped."""
    cum = np.cumsum(freq, axis=-1)[..., :-1] / freq.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore"):
        return ndtri(cum)


def _cells(rho: np.ndarray, a: np.ndarray, b: np.ndarray, fn) -> np.ndarray:
    """Cell values of ``fn`` (cdf or density) differenced over the rectangle corners."""
    inf = np.full((len(rho), 1), BIG)
    ea = np.concatenate([-inf, a, inf], axis=1)
    eb = np.concatenate([-inf, b, inf], axis=1)
    f = fn(ea[:, :, None], eb[:, None, :], rho[:, None, None])
    return f[:, 1:, 1:] - f[:, :-1, 1:] - f[:, 1:, :-1] + f[:, :-1, :-1]


def _score(rho: np.ndarray, a, b, tab) -> tuple[np.ndarray, np.ndarray]:
    """d/drho and -d2/drho2 of sum(tab * log P) over cells with P > 0 (psych drops the rest)."""
    p = _cells(rho, a, b, bvn_cdf)
    d1 = _cells(rho, a, b, bvn_pdf)
    d2 = _cells(rho, a, b, bvn_pdf_drho)
    use = (p > 1e-300) & (tab > 0)
    ps = np.where(use, p, 1.0)
    w = np.where(use, tab, 0.0)
    score = (w * d1 / ps).sum(axis=(1, 2))
    info = (w * ((d1 / ps) ** 2 - d2 / ps)).sum(axis=(1, 2))
    return score, info


def _solve(a: np.ndarray, b: np.ndarray, tab: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Root of the score for every pair: Newton steps kept inside a bisection bracket; a pair
    stops when its step is below 1e-12."""
    rho = np.clip(start, -0.99, 0.99)
    lo = np.full(len(rho), -1 + 1e-12)
    hi = np.full(len(rho), 1 - 1e-12)
    active = np.arange(len(rho))
    for _ in range(200):
        if not len(active):
            break
        r, aa, bb, tt = rho[active], a[active], b[active], tab[active]
        score, info = _score(r, aa, bb, tt)
        lo[active] = np.where(score > 0, r, lo[active])
        hi[active] = np.where(score <= 0, r, hi[active])
        with np.errstate(divide="ignore", invalid="ignore"):
            new = r + score / info
        bad = ~np.isfinite(new) | (new < lo[active]) | (new > hi[active]) | (info <= 0)
        new = np.where(bad, (lo[active] + hi[active]) / 2, new)
        rho[active] = new
        active = active[np.abs(new - r) >= 1e-12]
    return rho


def _pair_thresholds(
    tab: np.ndarray, correct: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """psych's global = FALSE branch: empty rows/columns dropped, empty cells set to
    ``correct`` observations, thresholds from the pair's (corrected) margins."""
    n_pairs, k, _ = tab.shape
    out = np.zeros_like(tab)
    a = np.full((n_pairs, k - 1), BIG)
    b = np.full((n_pairs, k - 1), BIG)
    fixed = 0
    for p in range(n_pairs):
        tot = tab[p].sum()
        t = tab[p] / tot
        t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
        if correct > 0 and (t == 0).any():
            fixed += 1
            t = np.where(t == 0, correct / tot, t)
        out[p, : t.shape[0], : t.shape[1]] = t
        a[p, : t.shape[0] - 1] = ndtri(np.cumsum(t.sum(axis=1))[:-1])
        b[p, : t.shape[1] - 1] = ndtri(np.cumsum(t.sum(axis=0))[:-1])
    return out, a, b, fixed


def _smooth(r: np.ndarray) -> tuple[np.ndarray, bool]:
    """psych's cor.smooth: eigenvalues below 1e-12 set to 1e-10, rescaled, back to correlations."""
    vals, vecs = np.linalg.eigh(r)
    if vals.min() >= np.finfo(float).eps:
        return r, False
    vals = np.where(vals < 1e-12, 100 * 1e-12, vals)
    vals = vals * len(vals) / vals.sum()
    s = (vecs * vals) @ vecs.T
    d = 1 / np.sqrt(np.diag(s))
    out = s * d[:, None] * d[None, :]
    np.fill_diagonal(out, 1.0)
    return out, True


def polychoric(
    data: pd.DataFrame | np.ndarray,
    items: Sequence[Any] | None = None,
    *,
    global_thresholds: bool = True,
    correct: float = 0.5,
    smooth: bool = True,
) -> PolychoricResult:
    """Polychoric correlations, as ``psych::polychoric(x)`` (two-step, pairwise complete).

    Parameters
    ----------
    data : DataFrame or 2-D array
        Ordinal answers coded as whole numbers (at most 8 categories over all items); NaN for
        missing answers (each pair uses the rows where both are observed).
    items : sequence of column names, optional
        Default: all columns.
    global_thresholds : bool
        True (psych's ``global = TRUE``): each item's thresholds come from all its answers and
        are used in every pair. When the items do not all reach the same highest category psych
        switches to per-pair thresholds, and so does this function (with a warning).
    correct : float
        Per-pair thresholds only (psych's rule): empty cells of a pair's table count as
        ``correct`` observations (0 turns this off).
    smooth : bool
        Smooth a matrix that is not positive definite (psych's ``cor.smooth``), with a warning.

    Returns
    -------
    PolychoricResult

    References
    ----------
    Olsson, U. (1979). Maximum likelihood estimation of the polychoric correlation coefficient.
    Psychometrika, 44, 443-460.
    Revelle, W. (2022). psych: Procedures for psychological, psychometric, and personality
    research (version 2.2.9), ``polychoric``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(3)
    >>> z = rng.multivariate_normal([0, 0], [[1, 0.6], [0.6, 1]], size=2000)
    >>> likert = pd.DataFrame(np.digitize(z, [-1.0, 0.0, 1.0]) + 1, columns=["q1", "q2"])
    >>> res = polychoric(likert)
    >>> round(float(res.rho.loc["q1", "q2"]), 2)
    0.61
    """
    if isinstance(correct, bool) or not isinstance(correct, int | float) or not correct >= 0:
        raise ValueError(f"correct={correct!r} is not allowed; it must be a number >= 0.")
    codes, cols, n_cat = _codes(data, items)
    highest = np.array([codes[:, c].max() for c in range(codes.shape[1])])
    if global_thresholds and (highest != highest[0]).any():
        warnings.warn(
            "polychoric: the items do not all reach the same highest category, so the "
            "thresholds are estimated per pair with psych's correction of empty cells "
            "(psych: 'global set to FALSE').",
            PolychoricWarning,
            stacklevel=2,
        )
        global_thresholds = False
    freq = np.stack([np.bincount(c[c >= 0], minlength=n_cat) for c in codes.T]).astype(float)
    tau = _thresholds(freq)
    counts, i, j = _tables(codes, n_cat)
    n = counts.sum(axis=(1, 2))
    if (n == 0).any():
        p = int(np.flatnonzero(n == 0)[0])
        raise ValueError(
            f"polychoric: items {cols[j[p]]!r} and {cols[i[p]]!r} are never answered in the "
            "same row, so their correlation cannot be estimated."
        )
    tab = counts / n[:, None, None]
    fixed = 0
    if global_thresholds:
        a, b = tau[i], tau[j]
    else:
        tab, a, b, fixed = _pair_thresholds(counts, correct)
        if fixed:
            warnings.warn(
                f"polychoric: {fixed} item pair(s) had empty cells, set to {correct} "
                "observations (psych's correction for continuity). Examine the data.",
                PolychoricWarning,
                stacklevel=2,
            )
    rho_pairs = _solve(a, b, tab, np.zeros(len(i)))
    _, info = _score(rho_pairs, a, b, tab)
    with np.errstate(divide="ignore", invalid="ignore"):
        se_pairs = 1 / np.sqrt(n * info)
    k = len(cols)
    rho, se, npair = np.eye(k), np.full((k, k), np.nan), np.zeros((k, k))
    rho[i, j] = rho[j, i] = rho_pairs
    se[i, j] = se[j, i] = se_pairs
    npair[i, j] = npair[j, i] = n
    npair[np.diag_indices(k)] = (codes >= 0).sum(axis=0)
    smoothed = False
    if smooth:
        rho, smoothed = _smooth(rho)
        if smoothed:
            warnings.warn(
                "polychoric: the matrix was not positive definite and was smoothed "
                "(psych's cor.smooth).",
                PolychoricWarning,
                stacklevel=2,
            )
    return PolychoricResult(
        rho=pd.DataFrame(rho, index=cols, columns=cols),
        se=pd.DataFrame(se, index=cols, columns=cols),
        tau=pd.DataFrame(tau, index=cols, columns=[str(c + 1) for c in range(n_cat - 1)]),
        n_pairs=pd.DataFrame(npair, index=cols, columns=cols),
        n_obs=int(codes.shape[0]),
        global_thresholds=global_thresholds,
        corrected_cells=fixed,
        smoothed=smoothed,
    )
