"""WLSMV for ordered items, as lavaan 0.6-14's ``cfa(model, data, ordered = TRUE)``.

Sample statistics: thresholds from the marginals and two-step polychoric correlations (exact
maximum, :mod:`vaikuttavuus.polychoric`); their asymptotic covariance Gamma from casewise scores
(Muthen 1984, lavaan's ``muthen1984``). Estimation: diagonally weighted least squares with
weights 1 / diag(Gamma) in the delta parameterization; standard errors by the sandwich
(Delta'W Delta)^-1 Delta'W Gamma W Delta (Delta'W Delta)^-1 / N; the mean-and-variance adjusted
("scaled and shifted") chi-square.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from .._bvn import BIG, bvn_cdf, bvn_pdf
from ..polychoric import _solve, _tables, _thresholds

__all__ = ["ordinal_moments", "ordinal_codes", "fit_dwls", "wlsmv_inference"]

_SQRT2PI = np.sqrt(2 * np.pi)


def _phi(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, -BIG, BIG)
    return np.exp(-0.5 * x * x) / _SQRT2PI


def _threshold_scores(codes: np.ndarray, tau: list[np.ndarray]) -> np.ndarray:
    """Casewise d log P(x_j) / d tau_jk of the univariate probit of every item (N x sum K_j-1)."""
    n = codes.shape[0]
    cols = []
    for j, t in enumerate(tau):
        ext = np.r_[-BIG, t, BIG]
        c = codes[:, j]
        p = ndtr(ext[c + 1]) - ndtr(ext[c])
        sc = np.zeros((n, len(t)))
        upper = c  # threshold index (0-based) above category c, when c < K-1
        lower = c - 1
        rows = np.arange(n)
        ok = upper < len(t)
        sc[rows[ok], upper[ok]] = _phi(t[upper[ok]]) / p[ok]
        ok = lower >= 0
        sc[rows[ok], lower[ok]] -= _phi(t[lower[ok]]) / p[ok]
        cols.append(sc)
    return np.hstack(cols)


def _g(h: np.ndarray, k: np.ndarray, rho: float) -> np.ndarray:
    """d Phi2(h, k; rho) / dh = phi(h) Phi((k - rho h) / sqrt(1 - rho^2))."""
    h = np.clip(h, -BIG, BIG)
    k = np.clip(k, -BIG, BIG)
    return _phi(h) * ndtr((k - rho * h) / np.sqrt(1 - rho * rho))


def _pair_scores(ci, cj, ti, tj, rho):
    """Casewise scores of the bivariate likelihood of one pair: d/drho, d/dtau_i, d/dtau_j."""
    a = np.r_[-BIG, ti, BIG]
    b = np.r_[-BIG, tj, BIG]
    hi_a, lo_a, hi_b, lo_b = a[ci + 1], a[ci], b[cj + 1], b[cj]
    p = (
        bvn_cdf(hi_a, hi_b, rho)
        - bvn_cdf(lo_a, hi_b, rho)
        - bvn_cdf(hi_a, lo_b, rho)
        + bvn_cdf(lo_a, lo_b, rho)
    )
    d_rho = (
        bvn_pdf(hi_a, hi_b, rho)
        - bvn_pdf(lo_a, hi_b, rho)
        - bvn_pdf(hi_a, lo_b, rho)
        + bvn_pdf(lo_a, lo_b, rho)
    ) / p
    n = len(ci)
    rows = np.arange(n)
    d_i = np.zeros((n, len(ti)))
    d_j = np.zeros((n, len(tj)))
    up = ci < len(ti)
    d_i[rows[up], ci[up]] = (_g(hi_a, hi_b, rho) - _g(hi_a, lo_b, rho))[up] / p[up]
    lo = ci > 0
    d_i[rows[lo], ci[lo] - 1] -= (_g(lo_a, hi_b, rho) - _g(lo_a, lo_b, rho))[lo] / p[lo]
    up = cj < len(tj)
    d_j[rows[up], cj[up]] = (_g(hi_b, hi_a, rho) - _g(hi_b, lo_a, rho))[up] / p[up]
    lo = cj > 0
    d_j[rows[lo], cj[lo] - 1] -= (_g(lo_b, hi_a, rho) - _g(lo_b, lo_a, rho))[lo] / p[lo]
    return d_rho, d_i, d_j


def ordinal_moments(codes: np.ndarray) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Thresholds (per item), polychoric correlations and Gamma (N times the asymptotic
    covariance of thresholds then correlations, lavaan's order) of complete ordinal codes
    0..K_j-1 (every category observed)."""
    n, p = codes.shape
    k = int(codes.max()) + 1
    tau = []
    for j in range(p):
        freq = np.bincount(codes[:, j], minlength=k)[: codes[:, j].max() + 1].astype(float)
        tau.append(_thresholds(freq[None, :])[0])
    counts, ii, jj = _tables(codes, k)
    width = max(len(t) for t in tau)
    pad = np.array([np.r_[t, np.full(width - len(t), BIG)] for t in tau])
    tab = counts / n
    # lavaan's pair order: column-major lower triangle (2,1), (3,1), ..., (3,2), ...
    order = np.lexsort((ii, jj))
    ii, jj, tab = ii[order], jj[order], tab[order]
    a, b = pad[ii][:, : k - 1], pad[jj][:, : k - 1]
    rho = _solve(a, b, tab, np.zeros(len(ii)))
    sc_th = _threshold_scores(codes, tau)
    start = np.r_[0, np.cumsum([len(t) for t in tau])]
    n_th = start[-1]
    sc_cor = np.zeros((n, len(ii)))
    a21 = np.zeros((len(ii), n_th))
    for q, (i, j) in enumerate(zip(ii, jj, strict=True)):
        d_rho, d_i, d_j = _pair_scores(codes[:, i], codes[:, j], tau[i], tau[j], rho[q])
        sc_cor[:, q] = d_rho
        a21[q, start[i] : start[i + 1]] = d_rho @ d_i
        a21[q, start[j] : start[j + 1]] = d_rho @ d_j
    sc = np.hstack([sc_th, sc_cor])
    inner = sc.T @ sc
    a11_inv = np.zeros((n_th, n_th))
    for j in range(p):
        sl = slice(start[j], start[j + 1])
        a11_inv[sl, sl] = np.linalg.inv(inner[sl, sl])
    a22_inv = np.diag(1 / np.sum(sc_cor * sc_cor, axis=0))
    b_inv = np.block(
        [
            [a11_inv, np.zeros((n_th, len(ii)))],
            [-a22_inv @ a21 @ a11_inv, a22_inv],
        ]
    )
    gamma = n * (b_inv @ inner @ b_inv.T)
    r = np.eye(p)
    r[ii, jj] = r[jj, ii] = rho
    return tau, r, gamma


def _implied_cor(x, model, ii, jj) -> np.ndarray:
    return model.implied(x)[0][ii, jj]


def _dcor(x, model, ii, jj) -> np.ndarray:
    from ._ml import free_derivatives

    return free_derivatives(x, model)[0][:, ii, jj].T  # pstar x q


def fit_dwls(model, r: np.ndarray, w_r: np.ndarray, start: np.ndarray, max_iter: int = 500):
    """Gauss-Newton for min sum w_r (r - sigma(x))^2 over the off-diagonal correlations."""
    ii, jj = np.tril_indices(r.shape[0], -1)
    order = np.lexsort((ii, jj))
    ii, jj = ii[order], jj[order]
    s = r[ii, jj]
    x = start.copy()
    f = float(np.sum(w_r * (s - _implied_cor(x, model, ii, jj)) ** 2))
    grad = np.full(len(x), np.inf)
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007
        d = _dcor(x, model, ii, jj)
        resid = s - _implied_cor(x, model, ii, jj)
        grad = -2 * d.T @ (w_r * resid)
        if np.max(np.abs(grad)) < 1e-10:
            break
        normal = d.T @ (w_r[:, None] * d)
        try:
            step = np.linalg.solve(normal, d.T @ (w_r * resid))
        except np.linalg.LinAlgError:  # not identified: reported after the iterations
            step = np.linalg.lstsq(normal, d.T @ (w_r * resid), rcond=None)[0]
        t = 1.0
        while True:
            x_new = x + t * step
            f_new = float(np.sum(w_r * (s - _implied_cor(x_new, model, ii, jj)) ** 2))
            if f_new <= f + 1e-14 * abs(f) or t < 1e-10:
                break
            t /= 2
        if not f_new <= f + 1e-14 * abs(f) or np.array_equal(x_new, x):
            break
        x, f = x_new, f_new
    return x, f, it, grad, (ii, jj)


def _scaled_shifted(u: np.ndarray, gamma: np.ndarray, df: float, stat: float):
    ug = u @ gamma
    tr1 = float(np.trace(ug))
    tr2 = float(np.sum(ug * ug.T))
    a = np.sqrt(df / tr2)
    b = df - a * tr1
    return a * stat + b, 1 / a, b


def wlsmv_inference(x, model, r, gamma, n_th: int, n: int):
    """Robust vcov (structural parameters, then thresholds), test statistics of the model and
    of the independence baseline (thresholds only), each with lavaan's scaled-shifted version."""
    ii, jj = np.tril_indices(r.shape[0], -1)
    order = np.lexsort((ii, jj))
    ii, jj = ii[order], jj[order]
    w = 1 / np.diag(gamma)
    q = len(x)
    d_r = _dcor(x, model, ii, jj)
    delta = np.block(
        [
            [np.zeros((n_th, q)), np.eye(n_th)],
            [d_r, np.zeros((len(ii), n_th))],
        ]
    )
    wd = w[:, None] * delta
    bread = np.linalg.inv(delta.T @ wd)
    # lavaan's WLS-family statistics and standard errors use N - 1 (checked against 0.6-14)
    vcov = bread @ (wd.T @ gamma @ wd) @ bread / (n - 1)
    resid = r[ii, jj] - _implied_cor(x, model, ii, jj)
    stat = (n - 1) * float(np.sum(w[n_th:] * resid**2))
    df = len(ii) - q
    u = np.diag(w) - wd @ bread @ wd.T
    scaled, factor, shift = _scaled_shifted(u, gamma, df, stat)
    base = (n - 1) * float(np.sum(w[n_th:] * r[ii, jj] ** 2))
    u_b = np.diag(np.r_[np.zeros(n_th), w[n_th:]])
    base_scaled, base_factor, base_shift = _scaled_shifted(u_b, gamma, len(ii), base)
    robust = _catml(x, model, r, gamma[n_th:, n_th:], w[n_th:], d_r, n, df, (ii, jj))
    return vcov, {
        **robust,
        "chisq": stat,
        "df": float(df),
        "chisq_scaled": scaled,
        "chisq_scaling_factor": factor,
        "chisq_shift_parameter": shift,
        "baseline_chisq": base,
        "baseline_df": float(len(ii)),
        "baseline_chisq_scaled": base_scaled,
        "baseline_chisq_scaling_factor": base_factor,
        "baseline_chisq_shift_parameter": base_shift,
        # Bentler's SRMR over the p(p+1)/2 correlations (the diagonal residuals are 0)
        "srmr": float(np.sqrt(np.sum(resid**2) / (len(ii) + r.shape[0]))),
    }


def ordinal_codes(values, items: list[str]) -> np.ndarray:
    """Category codes 0..K_j-1 of each item from its own observed values (lavaan's ordered
    factor levels); refuses values that are not whole numbers and items with one category."""
    x = values.to_numpy()
    bad = np.argwhere(x != np.round(x))
    if len(bad):
        r, c = bad[0]
        raise ValueError(
            f"cfa: ordered item {items[c]!r}, row {values.index[r]!r} has the value "
            f"{float(x[r, c])!r}; ordered items must be whole numbers (category codes)."
        )
    codes = np.empty(x.shape, dtype=np.int64)
    for j in range(x.shape[1]):
        levels, codes[:, j] = np.unique(x[:, j], return_inverse=True)
        if len(levels) < 2:
            raise ValueError(
                f"cfa: ordered item {items[j]!r} has only one category ({levels[0]:g})."
            )
    return codes


def _catml(x, model, r, gamma_r, w_r, d_r, n, df, pairs) -> dict[str, float]:
    """lavaan's lav_fit_catml_dwls: the ML discrepancy of the polychoric matrix at the DWLS
    estimates and its scaling (for the .robust CFI/TLI/RMSEA of categorical data)."""
    from ._ml import information

    ii, jj = pairs
    p = r.shape[0]
    sigma = model.implied(x)[0].copy()
    np.fill_diagonal(sigma, 1.0)
    f = (
        np.linalg.slogdet(sigma)[1]
        + np.trace(np.linalg.solve(sigma, r))
        - np.linalg.slogdet(r)[1]
        - p
    )
    basis = np.zeros((len(ii), p, p))
    basis[np.arange(len(ii)), ii, jj] = 1.0
    basis[np.arange(len(ii)), jj, ii] = 1.0
    v = information(np.linalg.inv(sigma), basis)
    e_inv = np.linalg.inv(d_r.T @ (w_r[:, None] * d_r))
    wiu = np.eye(len(ii)) - d_r @ e_inv @ d_r.T @ np.diag(w_r)
    ks = float(np.trace(wiu.T @ v @ wiu @ gamma_r))
    return {
        "catml_chisq": n * float(f),
        "catml_scaling": ks / df,
        "catml_baseline_chisq": -n * float(np.linalg.slogdet(r)[1]),
        "catml_baseline_scaling": float(np.trace(gamma_r)) / len(ii),
    }
