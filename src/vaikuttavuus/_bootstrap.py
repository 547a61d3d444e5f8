"""Vectorised bootstrap (percentile and BCa) of Cronbach's alpha.

Each resample is represented by its row counts ``w`` (how often each respondent was drawn),
so the sums needed for the covariance matrix of a whole batch of resamples are one matrix
product ``W @ P``, where the columns of ``P`` are per-row moments. Raw alpha only needs
``tr(C)`` and ``sum(C)``:

* complete data: ``P = [x, x**2, t, t**2, 1]`` (``t`` the row sum), since ``sum(C)`` is the
  variance of the sum score when every covariance uses the same rows;
* pairwise deletion: for every pair ``i <= j`` the pairwise count, cross-product and the two
  conditional sums (R's ``cov(use="pairwise")``: each pair uses its own complete rows and means).

Resample indices are drawn as ``rng.integers(0, n, size=(batch, n))``, batch after batch, which
is the same stream ``scipy.stats.bootstrap`` draws; jackknife (leave-one-out) values for the BCa
acceleration come from subtracting each row's moments from the totals.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

__all__ = ["BootstrapAlpha", "bootstrap_alpha"]

_BATCH_BYTES = 32 * 2**20  # memory for one batch of resample weights


class _Moments:
    """Per-row moments ``P`` and a function turning summed moments into raw alpha."""

    def __init__(self, x: np.ndarray, pairwise: bool) -> None:
        n, k = x.shape
        self.k = k
        mask = ~np.isnan(x)
        # Centre first: covariances are shift-invariant and the sums stay well conditioned.
        xc = x - np.nanmean(x, axis=0)
        self.pairwise = pairwise and not mask.all()
        if not self.pairwise:
            t = xc.sum(axis=1, keepdims=True)
            self.p = np.hstack([xc, xc**2, t, t**2, np.ones((n, 1))])
        else:
            iu, ju = np.triu_indices(k)
            self.diag = iu == ju
            m = mask.astype(np.float64)
            x0 = np.where(mask, xc, 0.0)
            self.p = np.hstack(
                [
                    m[:, iu] * m[:, ju],
                    x0[:, iu] * x0[:, ju],
                    x0[:, iu] * m[:, ju],
                    m[:, iu] * x0[:, ju],
                ]
            )
            self.npairs = iu.size

    def alpha(self, s: np.ndarray) -> np.ndarray:
        """Raw alpha from summed moments ``s`` (shape ``(..., ncols)``)."""
        k = self.k
        with np.errstate(invalid="ignore", divide="ignore"):
            if not self.pairwise:
                n = s[..., -1:]
                s1, s2 = s[..., :k], s[..., k : 2 * k]
                st, stt = s[..., 2 * k], s[..., 2 * k + 1]
                var_i = (s2 - s1**2 / n) / (n - 1.0)
                var_t = (stt - st**2 / n[..., 0]) / (n[..., 0] - 1.0)
                tr, tot = var_i.sum(axis=-1), var_t
            else:
                q = self.npairs
                nn, sxy, sij, sji = (s[..., i * q : (i + 1) * q] for i in range(4))
                c = (sxy - sij * sji / nn) / (nn - 1.0)
                tr = c[..., self.diag].sum(axis=-1)
                tot = tr + 2.0 * c[..., ~self.diag].sum(axis=-1)
            return (1.0 - tr / tot) * (k / (k - 1.0))


@dataclass(frozen=True)
class BootstrapAlpha:
    """Bootstrap distribution of raw alpha and the resulting interval."""

    low: float
    high: float
    distribution: np.ndarray
    n_invalid: int
    z0: float = np.nan
    acceleration: float = np.nan


def _percentile_of_score(a: np.ndarray, score: float) -> float:
    """Share of the bootstrap values below ``score`` (ties count half), as scipy's BCa."""
    return float((np.count_nonzero(a < score) + np.count_nonzero(a <= score)) / (2.0 * a.size))


def bootstrap_alpha(
    x: np.ndarray,
    *,
    n_boot: int,
    confidence: float,
    method: str,
    rng: np.random.Generator,
    pairwise: bool,
) -> BootstrapAlpha:
    """Percentile (``method="percentile"``) or BCa (``"bca"``) interval for raw alpha.

    Quantiles use linear interpolation (R's type 7, numpy's default), like psych's
    ``quantile(boot[, 1], ...)`` and scipy's ``bootstrap``.
    """
    n = x.shape[0]
    mom = _Moments(x, pairwise)
    batch = max(1, min(n_boot, _BATCH_BYTES // (8 * n)))
    boot = np.empty(n_boot)
    for start in range(0, n_boot, batch):
        b = min(batch, n_boot - start)
        idx = rng.integers(0, n, size=(b, n))
        idx += (np.arange(b) * n)[:, None]
        w = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(np.float64)
        boot[start : start + b] = mom.alpha(w @ mom.p)
    finite = np.isfinite(boot)
    n_invalid = int((~finite).sum())
    if n_invalid:
        warnings.warn(
            f"{n_invalid} of {n_boot} bootstrap resamples gave no alpha (an item pair without "
            "enough jointly observed rows or zero variance); the interval uses the others.",
            RuntimeWarning,
            stacklevel=3,
        )
    good = boot[finite]
    tail = (1.0 - confidence) / 2.0
    if method == "percentile":
        low, high = np.quantile(good, [tail, 1.0 - tail])
        return BootstrapAlpha(float(low), float(high), boot, n_invalid)
    theta_hat = float(mom.alpha(mom.p.sum(axis=0)))
    z0 = float(ndtri(_percentile_of_score(good, theta_hat)))
    jack = _jackknife(mom)
    d = jack.mean() - jack
    accel = float((d**3).sum() / (6.0 * (d**2).sum() ** 1.5))
    z = ndtri(np.array([tail, 1.0 - tail]))
    levels = ndtr(z0 + (z0 + z) / (1.0 - accel * (z0 + z)))
    low, high = np.quantile(good, levels)
    return BootstrapAlpha(float(low), float(high), boot, n_invalid, z0, accel)


def _jackknife(mom: _Moments) -> np.ndarray:
    """Leave-one-out raw alphas: the totals minus each row's moments, in row blocks."""
    total = mom.p.sum(axis=0)
    n = mom.p.shape[0]
    block = max(1, _BATCH_BYTES // (8 * mom.p.shape[1]))
    out = np.empty(n)
    for start in range(0, n, block):
        out[start : start + block] = mom.alpha(total - mom.p[start : start + block])
    if not np.isfinite(out).all():
        raise ValueError(
            "the BCa acceleration needs alpha with each respondent left out, but leaving one "
            "out leaves an item pair without enough data; use ci='percentile' or 'feldt'."
        )
    return out
