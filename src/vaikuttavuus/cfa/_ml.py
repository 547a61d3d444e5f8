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

__all__ = [
    "Block",
    "Model",
    "Moments",
    "fit_ml",
    "observed_information",
    "score_information",
    "CFAConvergenceWarning",
    "CFAHeywoodWarning",
    "warn_improper",
]


class CFAConvergenceWarning(UserWarning):
    """The ML iterations stopped before the gradient reached zero; estimates are not final."""


class CFAHeywoodWarning(UserWarning):
    """An improper solution: a negative variance or a latent covariance matrix that is not
    positive definite (lavaan warns likewise)."""


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
    g1 = np.matmul(sigma_inv, dsig)
    g2 = g1 if dsig2 is None else np.matmul(sigma_inv, dsig2)
    k1, k2 = len(g1), len(g2)
    # tr(G1_a G2_b) = sum_ij G1_a[i, j] G2_b[j, i]: one matrix product
    info = 0.5 * (g1.reshape(k1, -1) @ g2.transpose(0, 2, 1).reshape(k2, -1).T)
    if dmu is not None:
        info = info + dmu @ sigma_inv @ (dmu if dmu2 is None else dmu2).T
    return info


@dataclass(frozen=True)
class Block:
    """One part of the likelihood: the rows of group ``g`` observing the items ``obs``, with
    their covariance (divisor n), mean and weight n / N; ``const`` is log|S| + p for complete
    data (so that F is 0 for a saturated model) and 0 for missing-data patterns."""

    g: int
    obs: np.ndarray
    weight: float
    cov: np.ndarray
    mean: np.ndarray
    const: float


@dataclass(frozen=True)
class Moments:
    """Sample moments of each group: covariance (divisor N), means, N; for FIML the blocks of
    the missing-data patterns."""

    cov: tuple[np.ndarray, ...]
    mean: tuple[np.ndarray, ...]
    n: tuple[int, ...]
    patterns: tuple[Block, ...] = ()

    @property
    def n_total(self) -> int:
        return int(sum(self.n))

    def weight(self, g: int) -> float:
        return self.n[g] / self.n_total

    @property
    def blocks(self) -> tuple[Block, ...]:
        if self.patterns:
            return self.patterns
        return tuple(
            Block(
                g,
                np.arange(len(m)),
                self.weight(g),
                s,
                m,
                float(np.linalg.slogdet(s)[1]) + len(m),
            )
            for g, (s, m) in enumerate(zip(self.cov, self.mean, strict=True))
        )


def discrepancy(sigma: np.ndarray, s: np.ndarray, logdet_s: float) -> float:
    sign, logdet = np.linalg.slogdet(sigma)
    if sign <= 0:
        return np.inf
    return float(logdet + np.trace(np.linalg.solve(sigma, s)) - logdet_s - s.shape[0])


def half_score(sigma_inv: np.ndarray, s: np.ndarray, dsig: np.ndarray) -> np.ndarray:
    """0.5 tr(Sigma^-1 (S - Sigma) Sigma^-1 dSigma): minus half the gradient of F."""
    w = sigma_inv @ s @ sigma_inv - sigma_inv
    return 0.5 * (dsig.reshape(len(dsig), -1) @ w.T.ravel())


def _block_parts(x, model, b: Block, cache: dict):
    """Implied moments and derivatives of group b.g restricted to the items b.obs."""
    if b.g not in cache:
        sigma, mu, _ = model.implied(x, b.g)
        cache[b.g] = (sigma, mu, *free_derivatives(x, model, b.g))
    sigma, mu, dsig, dmu = cache[b.g]
    o = b.obs
    return sigma[np.ix_(o, o)], mu[o], dsig[:, o][:, :, o], dmu[:, o]


def total_discrepancy(x: np.ndarray, model: Model, mom: Moments) -> float:
    """F = sum_b w_b [log|Sigma| + tr(S* Sigma^-1) - const_b], S* = S + (m - mu)(m - mu)'
    under a mean structure (for complete data: lavaan's 2 x fmin)."""
    f = 0.0
    implied = [model.implied(x, g)[:2] for g in range(model.n_groups)]
    for b in mom.blocks:
        sigma, mu = implied[b.g]
        o = b.obs
        s = b.cov
        if model.table.meanstructure:
            d = b.mean - mu[o]
            s = s + np.outer(d, d)
        sign, logdet = np.linalg.slogdet(sigma[np.ix_(o, o)])
        if sign <= 0:
            return np.inf
        f += b.weight * (logdet + np.trace(np.linalg.solve(sigma[np.ix_(o, o)], s)) - b.const)
    return float(f)


def score_information(x: np.ndarray, model: Model, mom: Moments) -> tuple[np.ndarray, np.ndarray]:
    """Minus half the gradient of F and the unit expected information (block-weighted)."""
    q = model.table.n_free
    score, info = np.zeros(q), np.zeros((q, q))
    cache: dict = {}
    for b in mom.blocks:
        sigma, mu, dsig, dmu = _block_parts(x, model, b, cache)
        sigma_inv = np.linalg.inv(sigma)
        if model.table.meanstructure:
            d = b.mean - mu
            s_star = b.cov + np.outer(d, d)
            score += b.weight * (half_score(sigma_inv, s_star, dsig) + dmu @ sigma_inv @ d)
            info += b.weight * information(sigma_inv, dsig, dmu=dmu)
        else:
            score += b.weight * half_score(sigma_inv, b.cov, dsig)
            info += b.weight * information(sigma_inv, dsig)
    return score, info


def observed_information(x: np.ndarray, model: Model, mom: Moments) -> np.ndarray:
    """Unit observed information: half the Hessian of F (central differences of the analytic
    gradient), lavaan's ``information = "observed"``."""
    q = len(x)
    hess = np.empty((q, q))
    for a in range(q):
        h = 1e-5 * max(1.0, abs(x[a]))
        up, down = x.copy(), x.copy()
        up[a] += h
        down[a] -= h
        g_up = -2 * score_information(up, model, mom)[0]
        g_down = -2 * score_information(down, model, mom)[0]
        hess[a] = (g_up - g_down) / (2 * h)
    return 0.25 * (hess + hess.T)


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
        # full steps are taken unless F rises beyond rounding; a shortened step must lower F
        t = 1.0
        x_new = x + step
        f_new = total_discrepancy(x_new, model, mom)
        while not f_new <= f + 1e-14 * abs(f):
            t /= 2.0
            if t < 1e-10:
                break
            x_new = x + t * step
            f_new = total_discrepancy(x_new, model, mom)
            if f_new < f:
                break
        if not f_new <= f + 1e-14 * abs(f) or np.array_equal(x_new, x):
            break  # no further progress possible in floating point
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


def warn_improper(model: Model, x: np.ndarray, groups: tuple[str, ...]) -> None:
    """CFAHeywoodWarning for negative variances and non-positive-definite latent covariances."""
    t = model.table
    vals = model.values(x)
    neg = [
        f"'{t.lhs[k]} ~~ {t.rhs[k]}' = {vals[k]:.4g}"
        + (f" (group {groups[model.grp[k]]!r})" if groups else "")
        for k in range(len(vals))
        if t.op[k] == "~~" and t.lhs[k] == t.rhs[k] and vals[k] < 0
    ]
    if neg:
        warnings.warn(
            f"cfa: negative variance estimate(s) {', '.join(neg)}: an improper solution "
            "(Heywood case); check the model (an item may load on the wrong factor or be "
            "almost a copy of another) before reporting it.",
            CFAHeywoodWarning,
            stacklevel=3,
        )
    for g in range(model.n_groups):
        lv_cov = model.implied(x, g)[2]
        if model.m and np.linalg.eigvalsh(lv_cov)[0] <= 0:
            where = f" in group {groups[g]!r}" if groups else ""
            warnings.warn(
                f"cfa: the covariance matrix of the latent variables{where} is not positive "
                "definite (a correlation of 1 or more, or a negative variance): an improper "
                "solution; the factors may not be distinct.",
                CFAHeywoodWarning,
                stacklevel=3,
            )
