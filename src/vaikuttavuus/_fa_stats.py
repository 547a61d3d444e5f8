"""Fit statistics, psych's post-rotation conventions and factor-score weights for EFA.

Ports of ``psych::fa.stats`` (fit), the end of ``psych:::fac``/``psych::principal``
(column reflection and ordering) and ``psych::factor.scores`` (weights).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy import optimize, special, stats

from ._extraction import eigh_desc

__all__ = ["FitStatistics", "cor_smooth", "fit_statistics", "psych_order", "score_weights"]

_EPS = np.finfo(float).eps


@dataclass(frozen=True)
class FitStatistics:
    """Model fit as ``psych::fa.stats`` reports it (for every extraction method).

    ``chi_square`` is psych's ``STATISTIC``: the ML discrepancy ``objective`` times the
    Bartlett-corrected ``n - 1 - (2p + 5)/6 - 2m/3``; ``empirical_chi_square`` is psych's
    ``chi`` (sum of squared off-diagonal residuals times the pairwise n). RMSEA's interval is
    90% (psych's default ``alpha=.1``).
    """

    objective: float
    chi_square: float
    dof: float
    p_value: float
    null_chi_square: float
    null_dof: float
    tli: float
    rmsea: float
    rmsea_ci_low: float
    rmsea_ci_high: float
    bic: float
    sabic: float
    empirical_chi_square: float
    empirical_p_value: float
    rms: float
    crms: float
    fit: float
    fit_off: float
    n_obs: int

    def to_dict(self) -> dict[str, float]:
        """The statistics as a plain dict."""
        return asdict(self)


def cor_smooth(x: np.ndarray, eig_tol: float = 1e-12) -> np.ndarray:
    """``psych::cor.smooth``: repair a non positive definite correlation matrix."""
    vals, vecs = eigh_desc(x)
    if vals.min() >= _EPS:
        return x
    vals = np.where(vals < eig_tol, 100 * eig_tol, vals)
    vals = vals * x.shape[0] / vals.sum()
    y = (vecs * vals) @ vecs.T
    d = np.sqrt(np.diag(y))
    return y / np.outer(d, d)


def _rmsea_bound(chisq: float, df: float, target: float, upper: float) -> float:
    def f(ncp: float) -> float:
        cdf = special.chndtr(chisq, df, ncp) if ncp > 0 else special.chdtr(df, chisq)
        return float(cdf) - target

    try:
        return float(optimize.brentq(f, 0.0, upper, xtol=1e-10))
    except ValueError:
        return float("nan")


def fit_statistics(
    R: np.ndarray,
    loadings: np.ndarray,
    phi: np.ndarray | None,
    n_obs: int,
    np_obs: np.ndarray | None = None,
    alpha: float = 0.1,
) -> FitStatistics:
    """``psych::fa.stats`` fit figures for a p x m solution (``n_obs`` rows)."""
    p, m = loadings.shape
    model = loadings @ (phi if phi is not None else np.eye(m)) @ loadings.T
    residual = R - model
    r2 = float(np.sum(R * R))
    rstar2 = float(np.sum(residual * residual))
    dof = p * (p - 1) / 2 - p * m + m * (m - 1) / 2
    off = residual.copy()
    np.fill_diagonal(off, 0.0)
    if np_obs is None:
        rstar_off = float(np.sum(off**2))
        r2_off = r2 - float(np.trace(R))
        chi = rstar_off * n_obs
        nh = float(n_obs)
        rms = np.sqrt(rstar_off / (p * (p - 1)))
        crms = np.sqrt(rstar_off / (2 * dof)) if dof > 0 else np.nan
    else:
        rstar_off = float(np.sum(off**2 * np_obs))
        rr = R * R * np_obs
        r2_off = float(np.sum(rr) - np.trace(rr))
        chi = rstar_off
        nh = float(stats.hmean(np_obs.ravel()))
        rms = np.sqrt(rstar_off / (nh * p * (p - 1)))
        crms = np.sqrt(rstar_off / (2 * nh * dof)) if dof > 0 else np.nan
    e_pval = float(stats.chi2.sf(chi, dof)) if dof > 0 else np.nan
    fit = 1 - rstar2 / r2
    fit_off = 1 - rstar_off / r2_off

    np.fill_diagonal(model, np.diag(R))
    model = cor_smooth(model)
    r = cor_smooth(R)
    m_inv_r = np.linalg.solve(model, r)
    objective = float(np.trace(m_inv_r) - np.log(np.linalg.det(m_inv_r)) - p)
    nm = (n_obs - 1) - (2 * p + 5) / 6 - (2 * m) / 3
    chisq = max(objective * nm, 0.0)
    pval = float(stats.chi2.sf(chisq, dof)) if dof > 0 else np.nan
    f0 = float(np.trace(r) - np.log(np.linalg.det(r)) - p)
    mm = objective / dof if dof != 0 else np.nan
    m0 = f0 * 2 / (p * (p - 1))
    null_chisq = f0 * ((n_obs - 1) - (2 * p + 5) / 6)
    tli = (m0 - mm) / (m0 - 1 / nm)
    rmsea = lo = hi = bic = sabic = np.nan
    if dof > 0:
        rmsea = np.sqrt(max(chisq / (dof * n_obs) - 1 / (n_obs - 1), 0.0))
        tail = alpha / 2
        upper = max(n_obs, chisq) + 2 * n_obs
        hi = 0.0
        if stats.chi2.cdf(chisq, dof) > tail:
            root = _rmsea_bound(chisq, dof, tail, upper)
            hi = np.sqrt(root / (n_obs - 1) / dof) if np.isfinite(root) else np.nan
        lo = 0.0
        if stats.chi2.cdf(chisq, dof) > 1 - tail:
            root = _rmsea_bound(chisq, dof, 1 - tail, upper)
            lo = np.sqrt(root / (n_obs - 1) / dof) if np.isfinite(root) else np.nan
        if np.isfinite(hi) and hi < rmsea:
            hi = np.nan
        if np.isfinite(lo) and lo > rmsea:
            lo = np.nan
        bic = chisq - dof * np.log(n_obs)
        sabic = chisq - dof * np.log((n_obs + 2) / 24)
    return FitStatistics(
        objective=objective,
        chi_square=float(chisq),
        dof=float(dof),
        p_value=pval,
        null_chi_square=float(null_chisq),
        null_dof=float(p * (p - 1) / 2),
        tli=float(tli),
        rmsea=float(rmsea),
        rmsea_ci_low=float(lo),
        rmsea_ci_high=float(hi),
        bic=float(bic),
        sabic=float(sabic),
        empirical_chi_square=float(chi),
        empirical_p_value=e_pval,
        rms=float(rms),
        crms=float(crms),
        fit=float(fit),
        fit_off=float(fit_off),
        n_obs=int(n_obs),
    )


def _signs(loadings: np.ndarray) -> np.ndarray:
    s = np.sign(loadings.sum(axis=0))
    s[s == 0] = 1.0
    return s


def psych_order(
    loadings: np.ndarray, phi: np.ndarray | None, *, principal: bool = False
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray, np.ndarray]:
    """Reflect and order rotated factors as psych does; returns (L, phi, order, signs).

    ``psych::fa``: flip columns to positive sums, then order by ``diag(Phi L'L)`` descending.
    ``psych::principal``: order by ``diag(L'L)`` descending, then flip.
    ``signs`` apply to the *ordered* columns.
    """
    m = loadings.shape[1]
    if m == 1:
        s = _signs(loadings)
        return loadings * s, phi, np.zeros(1, dtype=int), s
    if principal:
        order = np.argsort(-np.sum(loadings**2, axis=0), kind="stable")
        L = loadings[:, order]
        s = _signs(L)
        L = L * s
        if phi is not None:
            phi = phi[np.ix_(order, order)] * np.outer(s, s)
        return L, phi, order, s
    s = _signs(loadings)
    L = loadings * s
    if phi is not None:
        phi = phi * np.outer(s, s)
        ev = np.diag(phi @ L.T @ L)
    else:
        ev = np.sum(L**2, axis=0)
    order = np.argsort(-ev, kind="stable")
    L = L[:, order]
    if phi is not None:
        phi = phi[np.ix_(order, order)]
    return L, phi, order, s[order]


def score_weights(
    R: np.ndarray, loadings: np.ndarray, phi: np.ndarray | None, method: str
) -> np.ndarray:
    """``psych::factor.scores`` weights: ``"regression"`` (Thurstone) or ``"bartlett"``."""
    m = loadings.shape[1]
    ph = np.eye(m) if phi is None else phi
    if method == "regression":
        return np.linalg.solve(R, loadings @ ph)
    h2 = np.diag(loadings @ ph @ loadings.T)
    inv_u2 = 1.0 / (1.0 - h2)
    a = loadings * inv_u2[:, None]
    return a @ np.linalg.inv(loadings.T @ a)
