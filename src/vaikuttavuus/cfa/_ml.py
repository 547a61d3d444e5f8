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

__all__ = ["Model", "fit_ml", "CFAConvergenceWarning"]


class CFAConvergenceWarning(UserWarning):
    """The ML iterations stopped before the gradient reached zero; estimates are not final."""


@dataclass(frozen=True)
class Model:
    """Positions of the parameters in the matrices Lambda (0), B (1), Theta (2), Psi (3)."""

    table: ParTable
    p: int
    m: int
    mat: np.ndarray  # per row: matrix id
    r: np.ndarray  # row in that matrix
    c: np.ndarray  # column in that matrix

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
            elif lhs in ov:
                mat.append(2), r.append(ov[lhs]), c.append(ov[rhs])
            else:
                mat.append(3), r.append(lv[lhs]), c.append(lv[rhs])
        return cls(table, len(ov), len(lv), np.array(mat), np.array(r), np.array(c))

    def matrices(self, x: np.ndarray) -> tuple[np.ndarray, ...]:
        """Lambda, B, Theta, Psi at the free parameters ``x`` (length n_free)."""
        p, m = self.p, self.m
        mats = [np.zeros((p, m)), np.zeros((m, m)), np.zeros((p, p)), np.zeros((m, m))]
        free = np.asarray(self.table.free)
        vals = np.where(free > 0, np.r_[0.0, x][free], np.asarray(self.table.value))
        for k, v in enumerate(vals):
            mats[self.mat[k]][self.r[k], self.c[k]] = v
            if self.mat[k] >= 2:
                mats[self.mat[k]][self.c[k], self.r[k]] = v
        return tuple(mats)

    def values(self, x: np.ndarray) -> np.ndarray:
        free = np.asarray(self.table.free)
        return np.where(free > 0, np.r_[0.0, x][free], np.asarray(self.table.value))

    def implied(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Model-implied covariance of the items and total covariance of the latent variables."""
        lam, b, theta, psi = self.matrices(x)
        a = np.linalg.inv(np.eye(self.m) - b)
        lv_cov = a @ psi @ a.T
        return lam @ lv_cov @ lam.T + theta, lv_cov


def derivatives(
    x: np.ndarray, model: Model, mat: np.ndarray, r: np.ndarray, c: np.ndarray
) -> np.ndarray:
    """dSigma/d(parameter) for parameters at positions (mat, r, c): array (k, p, p)."""
    lam, b, _theta, psi = model.matrices(x)
    p, m = model.p, model.m
    a = np.linalg.inv(np.eye(m) - b)
    lv_cov = a @ psi @ a.T
    la = lam @ a  # p x m
    out = np.zeros((len(mat), p, p))
    for k, (w, i, j) in enumerate(zip(mat, r, c, strict=True)):
        if w == 0:  # Lambda[i, j]
            row = lv_cov[j] @ lam.T
            d = np.zeros((p, p))
            d[i] = row
            out[k] = d + d.T
        elif w == 1:  # B[i, j]: dM = A E_ij M + M E_ji A'
            d = np.outer(la[:, i], lv_cov[j] @ lam.T)
            out[k] = d + d.T
        elif w == 2:  # Theta[i, j]
            out[k, i, j] = 1.0
            out[k, j, i] = 1.0
        else:  # Psi[i, j]
            d = np.outer(la[:, i], la[:, j])
            out[k] = d + d.T if i != j else d
    return out


def free_derivatives(x: np.ndarray, model: Model) -> np.ndarray:
    """dSigma/dx for the free parameters (rows sharing a label summed): (n_free, p, p)."""
    free = np.asarray(model.table.free)
    idx = np.flatnonzero(free > 0)
    d = derivatives(x, model, model.mat[idx], model.r[idx], model.c[idx])
    out = np.zeros((model.table.n_free, model.p, model.p))
    np.add.at(out, free[idx] - 1, d)
    return out


def information(sigma_inv: np.ndarray, dsig: np.ndarray, dsig2: np.ndarray | None = None):
    """Unit expected information 0.5 tr(Sigma^-1 dA Sigma^-1 dB)."""
    g1 = np.einsum("ij,kjl->kil", sigma_inv, dsig)
    g2 = g1 if dsig2 is None else np.einsum("ij,kjl->kil", sigma_inv, dsig2)
    return 0.5 * np.einsum("aij,bji->ab", g1, g2)


def discrepancy(sigma: np.ndarray, s: np.ndarray, logdet_s: float) -> float:
    sign, logdet = np.linalg.slogdet(sigma)
    if sign <= 0:
        return np.inf
    return float(logdet + np.trace(np.linalg.solve(sigma, s)) - logdet_s - s.shape[0])


def half_score(sigma_inv: np.ndarray, s: np.ndarray, dsig: np.ndarray) -> np.ndarray:
    """0.5 tr(Sigma^-1 (S - Sigma) Sigma^-1 dSigma): minus half the gradient of F."""
    w = sigma_inv @ s @ sigma_inv - sigma_inv
    return 0.5 * np.einsum("ij,kji->k", w, dsig)


@dataclass(frozen=True)
class MLFit:
    x: np.ndarray
    fmin: float  # F at the optimum (lavaan's fmin is F / 2)
    converged: bool
    iterations: int
    gradient: np.ndarray


def fit_ml(
    s: np.ndarray, model: Model, start: np.ndarray, *, max_iter: int = 500, tol: float = 1e-9
) -> MLFit:
    """Minimise F by Fisher scoring with step halving."""
    logdet_s = np.linalg.slogdet(s)[1]
    x = start.copy()
    sigma = model.implied(x)[0]
    f = discrepancy(sigma, s, logdet_s)
    if not np.isfinite(f):
        raise ValueError("cfa: the starting values give a non-positive-definite implied matrix.")
    grad = np.full(len(x), np.inf)
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007
        sigma_inv = np.linalg.inv(sigma)
        dsig = free_derivatives(x, model)
        grad = -2.0 * half_score(sigma_inv, s, dsig)
        if np.max(np.abs(grad)) < tol:
            break
        info = information(sigma_inv, dsig)
        try:
            step = np.linalg.solve(info, -0.5 * grad)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(info, -0.5 * grad, rcond=None)[0]
        t = 1.0
        while t > 1e-10:
            x_new = x + t * step
            sigma_new = model.implied(x_new)[0]
            f_new = discrepancy(sigma_new, s, logdet_s)
            if f_new <= f + 1e-14 * abs(f):
                break
            t /= 2.0
        else:
            break
        x, sigma, f = x_new, sigma_new, f_new
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
