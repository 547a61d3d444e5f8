"""Vectorised bivariate normal distribution: Genz's (2004) BVNU algorithm and the density.

Genz, A. (2004). Numerical computation of rectangular bivariate and trivariate normal and t
probabilities. Statistics and Computing, 14, 251-260 (double-precision accuracy).
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

__all__ = ["bvn_cdf", "bvn_pdf", "bvn_pdf_drho"]

_X, _W = np.polynomial.legendre.leggauss(20)
_X, _W = _X[:10], _W[:10]  # Genz's 20-point rule: the negative abscissae and their weights
_TWO_PI = 2.0 * np.pi
BIG = 38.0  # |threshold| beyond which every probability is below 1e-300


def _bvnu(h: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    """P(X > h, Y > k) for standard bivariate normals with correlation r (arrays broadcast)."""
    h, k, r = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (h, k, r)))
    out = np.empty(h.shape)
    low = np.abs(r) < 0.925
    if low.any():
        hh, kk, rr = h[low], k[low], r[low]
        hk, hs, asr = hh * kk, (hh * hh + kk * kk) / 2, np.arcsin(rr)
        total = np.zeros(hh.shape)
        for sign in (1.0, -1.0):
            sn = np.sin(asr[..., None] * (sign * _X + 1) / 2)
            total += (_W * np.exp((sn * hk[..., None] - hs[..., None]) / (1 - sn * sn))).sum(-1)
        out[low] = total * asr / (2 * _TWO_PI) + ndtr(-hh) * ndtr(-kk)
    high = ~low
    if high.any():
        out[high] = _bvnu_high(h[high], k[high], r[high])
    return out


def _bvnu_high(h: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    neg = r < 0
    k = np.where(neg, -k, k)
    hk = h * k
    bvn = np.zeros(h.shape)
    inner = np.abs(r) < 1
    a2 = (1 - r) * (1 + r)
    a = np.sqrt(a2)
    bs = (h - k) ** 2
    c = (4 - hk) / 8
    d = (12 - hk) / 16
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        part = (
            a
            * np.exp(-(bs / a2 + hk) / 2)
            * (1 - c * (bs - a2) * (1 - d * bs / 5) / 3 + c * d * a2 * a2 / 5)
        )
        b = np.sqrt(bs)
        corr = (
            np.exp(-hk / 2)
            * np.sqrt(_TWO_PI)
            * ndtr(-b / a)
            * b
            * (1 - c * bs * (1 - d * bs / 5) / 3)
        )
        part = np.where(hk > -160, part - corr, part)
        half = a / 2
        for sign in (1.0, -1.0):
            xs = (half[..., None] * (sign * _X + 1)) ** 2
            rs = np.sqrt(1 - xs)
            asr = -(bs[..., None] / xs + hk[..., None]) / 2
            term = (
                half[..., None]
                * _W
                * np.exp(asr)
                * (
                    np.exp(-hk[..., None] * xs / (2 * (1 + rs) ** 2)) / rs
                    - (1 + c[..., None] * xs * (1 + d[..., None] * xs))
                )
            )
            part = part + np.where(asr > -100, term, 0.0).sum(-1)
    bvn = np.where(inner, -part / _TWO_PI, 0.0)
    pos = ~neg
    bvn = np.where(pos, bvn + ndtr(-np.maximum(h, k)), bvn)
    flip = -bvn
    extra = np.where(h < 0, ndtr(k) - ndtr(h), ndtr(-h) - ndtr(-k))
    flip = np.where(k > h, flip + extra, flip)
    return np.where(neg, np.maximum(flip, 0.0), bvn)


def bvn_cdf(h: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    """P(X <= h, Y <= k); infinite limits allowed (clipped at +-38)."""
    h = np.clip(h, -BIG, BIG)
    k = np.clip(k, -BIG, BIG)
    return _bvnu(-h, -k, r)


def bvn_pdf(h: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Bivariate standard normal density (0 at infinite arguments)."""
    h = np.clip(h, -BIG, BIG)
    k = np.clip(k, -BIG, BIG)
    one = 1 - r * r
    q = (h * h - 2 * r * h * k + k * k) / one
    return np.exp(-q / 2) / (_TWO_PI * np.sqrt(one))


def bvn_pdf_drho(h: np.ndarray, k: np.ndarray, r: np.ndarray) -> np.ndarray:
    """d/drho of the bivariate normal density."""
    h = np.clip(h, -BIG, BIG)
    k = np.clip(k, -BIG, BIG)
    one = 1 - r * r
    q = h * h - 2 * r * h * k + k * k
    return bvn_pdf(h, k, r) * (r / one + h * k / one - r * q / one**2)
