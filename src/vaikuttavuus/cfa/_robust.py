"""MLR: Huber-White standard errors and the Yuan-Bentler scaled chi-square, as lavaan 0.6-14's
``estimator = "MLR"`` for complete data (``information = "observed"``, test
``"yuan.bentler.mplus"``; robust CFI/TLI/RMSEA of Brosseau-Liard, Savalei and Li 2012).
"""

from __future__ import annotations

import numpy as np

from ._ml import Model, Moments, free_derivatives, information, observed_information

__all__ = ["robust_ml"]


def _vech_weights(p: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r, c = np.tril_indices(p)
    return r, c, np.where(r == c, 1.0, 2.0)


def _case_scores(z: np.ndarray, w_inv: np.ndarray, dmat: np.ndarray) -> np.ndarray:
    """Casewise scores 0.5 (z' dS z - tr(W^-1 dS)) with z = W^-1 (x - mean); dmat (k, p, p)."""
    p = z.shape[1]
    r, c, mult = _vech_weights(p)
    zz = z[:, r] * z[:, c]  # vech of z z'
    d_vech = dmat[:, r, c] * mult  # (k, p*)
    return 0.5 * (zz @ d_vech.T - dmat.reshape(len(dmat), -1) @ w_inv.T.ravel())


def _h1_trace(z_s: np.ndarray, s_inv: np.ndarray) -> float:
    """tr(B1 A1^-1) of the saturated model at S (unstructured h1 information)."""
    p = s_inv.shape[0]
    r, c, mult = _vech_weights(p)
    n_star = len(r)
    basis = np.zeros((n_star, p, p))
    basis[np.arange(n_star), r, c] = 1.0
    basis[np.arange(n_star), c, r] = 1.0
    u = _case_scores(z_s, s_inv, basis)
    b1 = u.T @ u / len(u)
    a1 = information(s_inv, basis)
    return float(np.sum(b1 * np.linalg.inv(a1).T))


def robust_ml(
    x: np.ndarray, model: Model, raw: np.ndarray, s: np.ndarray
) -> tuple[np.ndarray, float, float]:
    """(robust vcov, scaling factor c, baseline scaling factor c_null); one group, no mean
    structure."""
    n, p = raw.shape
    dev = raw - raw.mean(axis=0)
    sigma = model.implied(x)[0]
    sigma_inv = np.linalg.inv(sigma)
    scores = _case_scores(dev @ sigma_inv, sigma_inv, free_derivatives(x, model)[0])
    b0 = scores.T @ scores / n
    mom = Moments((s,), (raw.mean(axis=0),), (n,))
    a_inv = np.linalg.inv(observed_information(x, model, mom))
    vcov = a_inv @ b0 @ a_inv / n
    s_inv = np.linalg.inv(s)
    trace_h1 = _h1_trace(dev @ s_inv, s_inv)
    df = p * (p + 1) // 2 - len(x)
    c = (trace_h1 - float(np.sum(b0 * a_inv.T))) / df if df > 0 else np.nan
    # independence model: variances s_kk; scores 0.5 (d^2 - s) / s^2, information 0.5 / s^2
    sd2 = np.diag(s)
    trace_b = float(np.sum(0.5 * np.mean((dev**2 - sd2) ** 2, axis=0) / sd2**2))
    df_b = p * (p - 1) // 2
    c_null = (trace_h1 - trace_b) / df_b
    return vcov, float(c), float(c_null)
