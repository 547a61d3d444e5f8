"""Correlation-matrix helpers shared by reliability, factor analysis and correlation tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validation import as_frame, check_int, check_numeric

__all__ = [
    "pairwise_corr",
    "pairwise_n",
    "pairwise_sums",
    "looks_like_correlation",
    "correlation_input",
    "row_means",
]


def row_means(x: np.ndarray) -> np.ndarray:
    """Mean of each row over its observed values (NaN where a row has none), silently.

    The scale score of psych's ``alpha``/``scoreItems`` and of :func:`vaikuttavuus.scale_scores`.
    """
    obs = ~np.isnan(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(obs, x, 0.0).sum(axis=1) / obs.sum(axis=1)


def pairwise_n(x: np.ndarray) -> np.ndarray:
    """Number of rows where both columns are observed, for every pair of columns."""
    obs = (~np.isnan(x)).astype(np.float64)
    return obs.T @ obs


def pairwise_sums(x: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, ...]:
    """Pairwise-complete sums of ``x`` centred by its column means (``mask``: observed).

    Returns ``(x0, m, n, sx, sxy)``: the centred data with 0 for missing values, ``mask`` as
    0/1, ``n[i, j]`` rows where both columns are observed, ``sx[i, j]`` the sum of column
    ``i`` over the rows where ``j`` is observed and the cross-products ``sxy``. Centring
    first leaves covariances and correlations unchanged (they are shift-invariant), and the
    one-pass formulas built on these sums then lose no precision on large-valued columns
    (e.g. euros).
    """
    m = mask.astype(np.float64)
    x0 = np.where(mask, x - np.nanmean(x, axis=0), 0.0)
    return x0, m, m.T @ m, x0.T @ m, x0.T @ x0


def pairwise_corr(x: np.ndarray) -> np.ndarray:
    """Pearson correlations from pairwise-complete observations (R's ``use="pairwise"``).

    Each pair uses its own means and standard deviations over the rows where both are
    observed, exactly as R's ``cor(x, use="pairwise.complete.obs")``.
    """
    x = np.asarray(x, dtype=np.float64)
    mask = ~np.isnan(x)
    if mask.all():
        return np.corrcoef(x, rowvar=False)
    x0, m, n, sx, sxy = pairwise_sums(x, mask)
    sxx = (x0**2).T @ m
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sx.T / n
        vi = sxx - sx**2 / n
        r = cov / np.sqrt(vi * vi.T)
    np.fill_diagonal(r, 1.0)
    return r


def looks_like_correlation(data: pd.DataFrame) -> bool:
    """True if ``data`` is square, symmetric, with unit diagonal and matching labels."""
    if data.shape[0] != data.shape[1] or data.shape[0] < 2:
        return False
    if list(data.index) != list(data.columns):
        return False
    values = data.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isnan(values).any():
        return False
    return bool(np.allclose(values, values.T, atol=1e-10) and np.allclose(np.diag(values), 1.0))


def correlation_input(
    data: pd.DataFrame | np.ndarray, n: int | None = None, *, name: str = "data"
) -> tuple[pd.DataFrame, int | None, pd.DataFrame | None]:
    """Turn raw data or a correlation matrix into ``(R, n, raw)``.

    ``raw`` is the numeric data frame, or ``None`` when ``data`` was a correlation matrix.
    ``n`` is the number of rows (raw data; ``n`` argument must then be None or equal) or the
    given ``n`` (correlation matrix; may be None when the caller does not need it).
    """
    frame = as_frame(data, name)
    if looks_like_correlation(frame):
        if n is not None:
            n = check_int("n", n, minimum=2)
        return frame.astype("float64"), n, None
    raw = check_numeric(frame, name)
    if n is not None and check_int("n", n, minimum=2) != len(raw):
        raise ValueError(
            f"n={n} was given but {name} is raw data with {len(raw)} rows; "
            "give n only with a correlation matrix."
        )
    r = pairwise_corr(raw.to_numpy())
    return pd.DataFrame(r, index=raw.columns, columns=raw.columns), len(raw), raw
