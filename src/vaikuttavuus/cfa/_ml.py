"""Normal-theory maximum likelihood for a CFA (LISREL all-y form, as lavaan).

Sigma = Lambda A Psi A' Lambda' + Theta with A = (I - B)^-1; B holds loadings of latent variables
on latent variables (second-order factors). The ML discrepancy is lavaan's
``F = log|Sigma| + tr(S Sigma^-1) - log|S| - p`` with ``S`` the covariance matrix with divisor N;
chi-square = N F, and the standard errors come from the expected information (lavaan's defaults
for complete data).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ._syntax import ParTable

__all__ = ["Model", "Moments", "fit_ml", "score_information", "CFAConvergenceWarning"]


class CFAConvergenceWarning(UserWarning):
    """The ML iterations stopped before the gradient reached zero; estimates are not final."""


@dataclass(frozen=True)
class Model:
    """Positions of the parameters in the matrices Lambda (0), B (1), Theta (2), Psi (3),
    nu (4, item intercepts) and alpha (5, latent means) of their group (``grp``, 0-based)."""

    table: ParTable
    p: int
    m: int
    mat: np.ndarray  # per row: matrix id
    r: np.ndarray  # row in that matrix
    c: np.ndarray  # column in that matrix
    grp: np.ndarray  # per row: group (0-based)

    @classmethod
    def from_table(cls, table: ParTable) -> Model:
        ov = {v: i for i, v in enumerate(table.observed)}
        lv = {v: i for i, v in enumerate(table.latent)}
        mat, r, c = [], [], []
        for lhs, op, rhs in table.rows():
            if op == "=~" and rhs in ov:
                mat.append(0), r.append(ov[rhs]), c.append(lv[lhs])
            elif op == "=~":
                mat.append(1), r.append(lv[rhs]), c.append(lv[lhs])
            elif op == "~1":
                mat.append(4 if lhs in ov else 5), r.append(ov.get(lhs, lv.get(lhs))), c.append(0)
            elif lhs in ov:
                mat.append(2), r.append(ov[lhs]), c.append(ov[rhs])
            else:
                mat.append(3), r.append(lv[lhs]), c.append(lv[rhs])
        grp = np.asarray(table.group, dtype=int) - 1 if table.group else np.zeros(len(mat), int)
        return cls(table, len(ov), len(lv), np.array(mat), np.array(r), np.array(c), grp)

    @property
    def n_groups(self) -> int:
        return self.table.n_groups

    def values(self, x: np.ndarray) -> np.ndarray:
        free = np.asarray(self.table.free)
        return np.where(free > 0, np.r_[0.0, x][free], np.asarray(self.table.value))

    def matrices(self, x: np.ndarray, g: int = 0) -> tuple[np.ndarray, ...]:
        """Lambda, B, Theta, Psi, nu, alpha of group ``g`` at the free parameters ``x``."""
        p, m = self.p, self.m
        mats = [
            np.zeros((p, m)),
            np.zeros((m, m)),
            np.zeros((p, p)),
            np.zeros((m, m)),
            np.zeros((p, 1)),
            np.zeros((m, 1)),
        ]
        vals = self.values(x)
        for k in np.flatnonzero(self.grp == g):
            w = self.mat[k]
            mats[w][self.r[k], self.c[k]] = vals[k]
            if w in (2, 3):
                mats[w][self.c[k], self.r[k]] = vals[k]
        return tuple(mats)

    def implied(self, x: np.ndarray, g: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Implied covariance and means of the items, total covariance of the latents."""
        lam, b, theta, psi, nu, alpha = self.matrices(x, g)
        a = np.linalg.inv(np.eye(self.m) - b)
        lv_cov = a @ psi @ a.T
        mu = (nu + lam @ a @ alpha).ravel()
        return lam @ lv_cov @ lam.T + theta, mu, lv_cov


def derivatives(
    x: np.ndarray, model: Model, mat: np.ndarray, r: np.ndarray, c: np.ndarray, g: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """d(Sigma, mu)/d(parameter) in group ``g`` at positions (mat, r, c): (k, p, p), (k, p)."""
    lam, b, _theta, psi, _nu, alpha = model.matrices(x, g)
    p, m = model.p, model.m
    a = np.linalg.inv(np.eye(m) - b)
    lv_cov = a @ psi @ a.T
    la = lam @ a  # p x m
    eta = (a @ alpha).ravel()  # latent means
    out = np.zeros((len(mat), p, p))
    dmu = np.zeros((len(mat), p))
    for k, (w, i, j) in enumerate(zip(mat, r, c, strict=True)):
        if w == 0:  # Lambda[i, j]
            d = np.zeros((p, p))
            d[i] = lv_cov[j] @ lam.T
            out[k] = d + d.T
            dmu[k, i] = eta[j]
        elif w == 1:  # B[i, j]: dM = A E_ij M + M E_ji A'
            d = np.outer(la[:, i], lv_cov[j] @ lam.T)
            out[k] = d + d.T
            dmu[k] = la[:, i] * eta[j]
        elif w == 2:  # Theta[i, j]
            out[k, i, j] = 1.0
            out[k, j, i] = 1.0
        elif w == 3:  # Psi[i, j]
            d = np.outer(la[:, i], la[:, j])
            out[k] = d + d.T if i != j else d
        elif w == 4:  # nu[i]
            dmu[k, i] = 1.0
        else:  # alpha[i]
            dmu[k] = la[:, i]
    return out, dmu


def free_derivatives(x: np.ndarray, model: Model, g: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """d(Sigma, mu)/dx in group ``g`` for the free parameters (shared rows summed)."""
    free = np.asarray(model.table.free)
    idx = np.flatnonzero((free > 0) & (model.grp == g))
    d, dm = derivatives(x, model, model.mat[idx], model.r[idx], model.c[idx], g)
    out = np.zeros((model.table.n_free, model.p, model.p))
    out_mu = np.zeros((model.table.n_free, model.p))
    np.add.at(out, free[idx] - 1, d)
    np.add.at(out_mu, free[idx] - 1, dm)
    return out, out_mu


def information(
    sigma_inv: np.ndarray,
    dsig: np.ndarray,
    dsig2: np.ndarray | None = None,
    dmu: np.ndarray | None = None,
    dmu2: np.ndarray | None = None,
) -> np.ndarray:
    """Unit expected information 0.5 tr(Sigma^-1 dA Sigma^-1 dB) + dmuA' Sigma^-1 dmuB."""
    g1 = np.einsum("ij,kjl->kil", sigma_inv, dsig)
    g2 = g1 if dsig2 is None else np.einsum("ij,kjl->kil", sigma_inv, dsig2)
    info = 0.5 * np.einsum("aij,bji->ab", g1, g2)
    if dmu is not None:
        info = info + dmu @ sigma_inv @ (dmu if dmu2 is None else dmu2).T
    return info


@dataclass(frozen=True)
class Moments:
    """Sample moments of each group: covariance (divisor N), means, N."""

    cov: tuple[np.ndarray, ...]
    mean: tuple[np.ndarray, ...]
    n: tuple[int, ...]

    @property
    def n_total(self) -> int:
        return int(sum(self.n))

    def weight(self, g: int) -> float:
        return self.n[g] / self.n_total


def discrepancy(sigma: np.ndarray, s: np.ndarray, logdet_s: float) -> float:
    sign, logdet = np.linalg.slogdet(sigma)
    if sign <= 0:
        return np.inf
    return float(logdet + np.trace(np.linalg.solve(sigma, s)) - logdet_s - s.shape[0])


def half_score(sigma_inv: np.ndarray, s: np.ndarray, dsig: np.ndarray) -> np.ndarray:
    """0.5 tr(Sigma^-1 (S - Sigma) Sigma^-1 dSigma): minus half the gradient of F."""
    w = sigma_inv @ s @ sigma_inv - sigma_inv
    return 0.5 * np.einsum("ij,kji->k", w, dsig)


def total_discrepancy(x: np.ndarray, model: Model, mom: Moments) -> float:
    """F = sum_g N_g/N [log|Sigma| + tr(S Sigma^-1) - log|S| - p + (m - mu)' Sigma^-1 (m - mu)]."""
    f = 0.0
    for g in range(model.n_groups):
        sigma, mu, _ = model.implied(x, g)
        s = mom.cov[g]
        if model.table.meanstructure:
            d = mom.mean[g] - mu
            s = s + np.outer(d, d)
        fg = discrepancy(sigma, s, np.linalg.slogdet(mom.cov[g])[1])
        if not np.isfinite(fg):
            return np.inf
        f += mom.weight(g) * fg
    return f


def score_information(x: np.ndarray, model: Model, mom: Moments) -> tuple[np.ndarray, np.ndarray]:
    """Minus half the gradient of F and the unit expected information (group-weighted)."""
    q = model.table.n_free
    score, info = np.zeros(q), np.zeros((q, q))
    for g in range(model.n_groups):
        sigma, mu, _ = model.implied(x, g)
        sigma_inv = np.linalg.inv(sigma)
        dsig, dmu = free_derivatives(x, model, g)
        s = mom.cov[g]
        w = mom.weight(g)
        if model.table.meanstructure:
            d = mom.mean[g] - mu
            score += w * (half_score(sigma_inv, s + np.outer(d, d), dsig) + dmu @ sigma_inv @ d)
            info += w * information(sigma_inv, dsig, dmu=dmu)
        else:
            score += w * half_score(sigma_inv, s, dsig)
            info += w * information(sigma_inv, dsig)
    return score, info


@dataclass(frozen=True)
class MLFit:
    x: np.ndarray
    fmin: float  # F at the optimum (lavaan's fmin is F / 2)
    converged: bool
    iterations: int
    gradient: np.ndarray


def fit_ml(
    mom: Moments, model: Model, start: np.ndarray, *, max_iter: int = 500, tol: float = 1e-9
) -> MLFit:
    """Minimise F by Fisher scoring with step halving."""
    x = start.copy()
    f = total_discrepancy(x, model, mom)
    if not np.isfinite(f):
        raise ValueError("cfa: the starting values give a non-positive-definite implied matrix.")
    grad = np.full(len(x), np.inf)
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007
        score, info = score_information(x, model, mom)
        grad = -2.0 * score
        if np.max(np.abs(grad)) < tol:
            break
        try:
            step = np.linalg.solve(info, score)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(info, score, rcond=None)[0]
        t = 1.0
        while t > 1e-10:
            x_new = x + t * step
            f_new = total_discrepancy(x_new, model, mom)
            if f_new <= f + 1e-14 * abs(f):
                break
            t /= 2.0
        else:
            break
        x, f = x_new, f_new
    converged = bool(np.max(np.abs(grad)) < max(tol, 1e-6))
    return MLFit(x, max(f, 0.0), converged, it, grad)


def warn_not_converged(fit: MLFit, names: list[str]) -> None:
    worst = np.argsort(-np.abs(fit.gradient))[:3]
    detail = ", ".join(f"{names[k]}: {fit.gradient[k]:.3g}" for k in worst)
    warnings.warn(
        f"cfa: the ML estimation did not converge in {fit.iterations} iterations; the largest "
        f"gradient elements are {detail}. The estimates are not a maximum; simplify the model "
        "or check the data.",
        CFAConvergenceWarning,
        stacklevel=3,
    )
