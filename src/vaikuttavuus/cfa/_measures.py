"""Fit measures, standardized solutions and modification indices as lavaan 0.6-14 computes them."""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

from ._ml import Model, derivatives, free_derivatives, half_score, information

__all__ = [
    "fit_measures",
    "scaled_measures",
    "standardized",
    "modification_indices",
    "r_squared",
]


def _rmsea_ci(
    chisq: float, df: float, n: int, c_hat: float = 1.0, level: float = 0.90
) -> tuple[float, float]:
    """lavaan's lav_fit_rmsea_ci: non-centrality bounds of the chi-square, as RMSEA."""
    upper_p, lower_p = 1 - (1 - level) / 2, (1 - level) / 2

    def cdf(lam: float) -> float:
        return (
            float(stats.chi2.cdf(chisq, df)) if lam == 0 else float(stats.ncx2.cdf(chisq, df, lam))
        )

    if df < 1 or cdf(0.0) - upper_p < 0:
        lower = 0.0
    else:
        lam = optimize.brentq(lambda v: cdf(v) - upper_p, 0.0, chisq, xtol=1e-12)
        lower = float(np.sqrt(c_hat * lam / (n * df)))
    n_rmsea = max(n, chisq * 4)
    if df < 1 or cdf(n_rmsea) - lower_p > 0 or cdf(0.0) - lower_p < 0:
        upper = 0.0
    else:
        lam = optimize.brentq(lambda v: cdf(v) - lower_p, 0.0, n_rmsea, xtol=1e-12)
        upper = float(np.sqrt(c_hat * lam / (n * df)))
    return lower, upper


def _rmsea(chisq: float, df: float, n: int, c_hat: float = 1.0) -> float:
    return float(np.sqrt(max(chisq / n / df - c_hat / n, 0.0))) if df > 0 else 0.0


def _close_fit(chisq: float, df: float, n: int, c_hat: float = 1.0) -> float:
    return float(stats.ncx2.sf(chisq, df, n * df / c_hat * 0.05**2)) if df > 0 else np.nan


def _cfi(x2: float, df: float, x2_null: float, df_null: float, c=1.0, c_null=1.0) -> float:
    t1 = max(x2 - c * df, 0.0)
    t2 = max(x2 - c * df, x2_null - c_null * df_null, 0.0)
    return 1.0 if np.isclose(t1, 0.0) and np.isclose(t2, 0.0) else 1.0 - t1 / t2


def _tli(x2: float, df: float, x2_null: float, df_null: float, c=1.0, c_null=1.0) -> float:
    t1 = (x2 - c * df) * df_null
    t2 = (x2_null - c_null * df_null) * df
    return 1.0 - t1 / t2 if df > 0 and t2 != 0 else 1.0


def scaled_measures(m: dict[str, float], c: float, c_null: float) -> dict[str, float]:
    """lavaan's .scaled and .robust measures for a Yuan-Bentler (MLR) scaling factor ``c``."""
    x2, df, n = m["chisq"], m["df"], int(m["ntotal"])
    x2b, dfb = m["baseline_chisq"], m["baseline_df"]
    xs, xbs = x2 / c, x2b / c_null
    lo_s, up_s = _rmsea_ci(x2, c * df, n)
    lo_r, up_r = _rmsea_ci(xs, df, n, c_hat=c)
    return {
        "chisq_scaled": xs,
        "df_scaled": df,
        "pvalue_scaled": float(stats.chi2.sf(xs, df)),
        "chisq_scaling_factor": c,
        "baseline_chisq_scaled": xbs,
        "baseline_df_scaled": dfb,
        "baseline_pvalue_scaled": float(stats.chi2.sf(xbs, dfb)),
        "baseline_chisq_scaling_factor": c_null,
        "cfi_scaled": _cfi(xs, df, xbs, dfb),
        "tli_scaled": _tli(xs, df, xbs, dfb),
        "cfi_robust": _cfi(x2, df, x2b, dfb, c, c_null),
        "tli_robust": _tli(x2, df, x2b, dfb, c, c_null),
        "rmsea_scaled": _rmsea(x2, c * df, n),
        "rmsea_ci_lower_scaled": lo_s,
        "rmsea_ci_upper_scaled": up_s,
        "rmsea_pvalue_scaled": _close_fit(x2, c * df, n),
        "rmsea_robust": _rmsea(x2, df, n, c_hat=c),
        "rmsea_ci_lower_robust": lo_r,
        "rmsea_ci_upper_robust": up_r,
        "rmsea_pvalue_robust": _close_fit(xs, df, n, c_hat=c),
    }


def fit_measures(
    s: np.ndarray, sigma: np.ndarray, fmin: float, npar: int, n: int
) -> dict[str, float]:
    """lavaan's fitMeasures() for ML on complete data (no mean structure)."""
    p = s.shape[0]
    df = p * (p + 1) // 2 - npar
    chisq = n * fmin
    logdet_s = np.linalg.slogdet(s)[1]
    base_chisq = n * float(np.sum(np.log(np.diag(s))) - logdet_s)
    base_df = p * (p - 1) // 2
    cfi = _cfi(chisq, df, base_chisq, base_df)
    tli = _tli(chisq, df, base_chisq, base_df)
    logdet_sigma = np.linalg.slogdet(sigma)[1]
    logl = -n / 2 * (p * np.log(2 * np.pi) + logdet_sigma + np.trace(np.linalg.solve(sigma, s)))
    logl_h1 = -n / 2 * (p * np.log(2 * np.pi) + logdet_s + p)
    rmsea = _rmsea(chisq, df, n)
    lower, upper = _rmsea_ci(chisq, df, n)
    pclose = _close_fit(chisq, df, n)
    sd = np.sqrt(np.diag(s))
    resid = (s - sigma) / np.outer(sd, sd)
    srmr = float(np.sqrt(np.sum(resid[np.tril_indices(p)] ** 2) / (p * (p + 1) / 2)))
    return {
        "npar": float(npar),
        "fmin": fmin / 2,
        "chisq": chisq,
        "df": float(df),
        "pvalue": float(stats.chi2.sf(chisq, df)) if df > 0 else np.nan,
        "baseline_chisq": base_chisq,
        "baseline_df": float(base_df),
        "baseline_pvalue": float(stats.chi2.sf(base_chisq, base_df)),
        "cfi": cfi,
        "tli": tli,
        "logl": float(logl),
        "unrestricted_logl": float(logl_h1),
        "aic": float(-2 * logl + 2 * npar),
        "bic": float(-2 * logl + npar * np.log(n)),
        "bic2": float(-2 * logl + npar * np.log((n + 2) / 24)),
        "ntotal": float(n),
        "rmsea": rmsea,
        "rmsea_ci_lower": lower,
        "rmsea_ci_upper": upper,
        "rmsea_pvalue": float(pclose),
        "srmr": srmr,
    }


def _scales(model: Model, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    lam, b, theta, psi = model.matrices(x)
    sigma, lv_cov = model.implied(x)
    return np.diag(sigma), np.diag(lv_cov), np.diag(theta), np.diag(psi)


def standardized(
    model: Model,
    x: np.ndarray,
    est: np.ndarray,
    mat: np.ndarray,
    r: np.ndarray,
    c: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """std.lv and std.all of values ``est`` at positions (mat, r, c) (lavaan, cov.std=TRUE)."""
    ov_var, lv_var, theta_d, psi_d = _scales(model, x)
    std_lv = np.array(est, dtype=float)
    std_all = np.array(est, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        for k, (w, i, j) in enumerate(zip(mat, r, c, strict=True)):
            v = est[k]
            if w == 0:
                std_lv[k] = v * np.sqrt(lv_var[j])
                std_all[k] = std_lv[k] / np.sqrt(ov_var[i])
            elif w == 1:
                std_lv[k] = std_all[k] = v * np.sqrt(lv_var[j]) / np.sqrt(lv_var[i])
            elif w == 2:
                std_lv[k] = v
                std_all[k] = v / ov_var[i] if i == j else v / np.sqrt(theta_d[i] * theta_d[j])
            else:
                std_lv[k] = std_all[k] = (
                    v / lv_var[i] if i == j else v / np.sqrt(psi_d[i] * psi_d[j])
                )
    return std_lv, std_all


def r_squared(model: Model, x: np.ndarray) -> tuple[list[str], np.ndarray]:
    """R² of the items and of the endogenous latent variables (lavInspect(fit, "r2"))."""
    ov_var, lv_var, theta_d, psi_d = _scales(model, x)
    endo = [k for k, lv in enumerate(model.table.latent) if lv in set(_lv_indicators(model))]
    names = list(model.table.observed) + [model.table.latent[k] for k in endo]
    values = np.r_[1 - theta_d / ov_var, [1 - psi_d[k] / lv_var[k] for k in endo]]
    return names, values


def _lv_indicators(model: Model) -> list[str]:
    t = model.table
    return [rhs for op, rhs in zip(t.op, t.rhs, strict=True) if op == "=~" and rhs in t.latent]


def _candidates(model: Model) -> list[tuple[str, str, str, int, int, int]]:
    """Parameters lavaan's modindices() tests: loadings and covariances fixed to zero in the
    model, loadings of every factor on every item and covariances of every pair of items not
    in the model."""
    t = model.table
    have = set(t.rows()) | {(rhs, op, lhs) for lhs, op, rhs in t.rows() if op == "~~"}
    out = [
        (lhs, op, rhs, int(model.mat[k]), int(model.r[k]), int(model.c[k]))
        for k, (lhs, op, rhs) in enumerate(t.rows())
        if t.free[k] == 0 and t.value[k] == 0 and (op == "=~" or lhs != rhs)
    ]
    for j, lv in enumerate(t.latent):
        for i, ov in enumerate(t.observed):
            if (lv, "=~", ov) not in have:
                out.append((lv, "=~", ov, 0, i, j))
    for i, a in enumerate(t.observed):
        for j in range(i + 1, len(t.observed)):
            b = t.observed[j]
            if (a, "~~", b) not in have:
                out.append((a, "~~", b, 2, i, j))
    return out


def modification_indices(
    model: Model, x: np.ndarray, s: np.ndarray, n: int, info_inv: np.ndarray
) -> list[tuple]:
    """Score tests of the parameters left out (lavaan modindices(): mi, epc, sepc.lv, sepc.all)."""
    cand = _candidates(model)
    if not cand:
        return []
    mat = np.array([c[3] for c in cand])
    r = np.array([c[4] for c in cand])
    c = np.array([c[5] for c in cand])
    sigma = model.implied(x)[0]
    sigma_inv = np.linalg.inv(sigma)
    d_extra = derivatives(x, model, mat, r, c)
    d_model = free_derivatives(x, model)
    i11 = (
        np.einsum(
            "aij,aji->a",
            np.einsum("ij,kjl->kil", sigma_inv, d_extra),
            np.einsum("ij,kjl->kil", sigma_inv, d_extra),
        )
        * 0.5
    )
    i12 = information(sigma_inv, d_extra, d_model)
    v = i11 - np.einsum("ab,bc,ac->a", i12, info_inv, i12)
    score = half_score(sigma_inv, s, d_extra)
    keep = v >= np.finfo(float).eps ** (1 / 3)
    mi = np.where(keep, n * score**2 / np.where(keep, v, 1.0), np.nan)
    epc = np.where(keep, score / np.where(keep, v, 1.0), np.nan)
    sepc_lv, sepc_all = standardized(model, x, epc, mat, r, c)
    return [
        (lhs, op, rhs, mi[k], epc[k], sepc_lv[k], sepc_all[k])
        for k, (lhs, op, rhs, *_rest) in enumerate(cand)
        if keep[k]
    ]
