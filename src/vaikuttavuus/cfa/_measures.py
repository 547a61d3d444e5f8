"""Fit measures, standardized solutions and modification indices as lavaan 0.6-14 computes them."""

from __future__ import annotations

import numpy as np
from scipy import optimize, stats

from ._ml import Model, Moments, derivatives, free_derivatives, half_score, information

__all__ = [
    "fit_measures",
    "measures_dict",
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
    if df <= 0 or not np.isfinite(c):  # saturated model: no test to scale (lavaan: NA)
        keys = scaled_measures({**m, "chisq": 1.0, "df": 1.0}, 1.0, 1.0).keys()
        return dict.fromkeys(keys, np.nan)
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


def _srmr_group(s: np.ndarray, sigma: np.ndarray, d: np.ndarray | None) -> float:
    """Bentler's SRMR of one group (with the mean residuals under a mean structure)."""
    p = s.shape[0]
    sd = np.sqrt(np.diag(s))
    resid = (s - sigma) / np.outer(sd, sd)
    total = float(np.sum(resid[np.tril_indices(p)] ** 2))
    count = p * (p + 1) / 2
    if d is not None:
        total += float(np.sum((d / sd) ** 2))
        count += p
    return float(np.sqrt(total / count))


def fit_measures(mom: Moments, model: Model, x: np.ndarray, fmin: float) -> dict[str, float]:
    """lavaan's fitMeasures() for ML on complete data (one or more groups)."""
    p, n_groups = model.p, model.table.n_groups
    chisq = mom.n_total * fmin
    base_chisq, logl, logl_h1, srmr = 0.0, 0.0, 0.0, 0.0
    for g in range(n_groups):
        s, ng = mom.cov[g], mom.n[g]
        sigma, mu, _ = model.implied(x, g)
        logdet_s = np.linalg.slogdet(s)[1]
        base_chisq += ng * float(np.sum(np.log(np.diag(s))) - logdet_s)
        d = mom.mean[g] - mu if model.table.meanstructure else None
        s_star = s if d is None else s + np.outer(d, d)
        logl += (
            -ng
            / 2
            * (
                p * np.log(2 * np.pi)
                + np.linalg.slogdet(sigma)[1]
                + np.trace(np.linalg.solve(sigma, s_star))
            )
        )
        logl_h1 += -ng / 2 * (p * np.log(2 * np.pi) + logdet_s + p)
        srmr += mom.weight(g) * _srmr_group(s, sigma, d)
    return measures_dict(
        mom,
        model,
        fmin=fmin / 2,
        chisq=chisq,
        base_chisq=base_chisq,
        logl=float(logl),
        logl_h1=float(logl_h1),
        srmr=srmr,
    )


def measures_dict(
    mom: Moments,
    model: Model,
    *,
    fmin: float,
    chisq: float,
    base_chisq: float,
    logl: float,
    logl_h1: float,
    srmr: float,
) -> dict[str, float]:
    """lavaan's fitMeasures() from the chi-squares and log-likelihoods of a fit (ML or FIML).

    Degrees of freedom count the sample moments of every group (with the means under a mean
    structure). With several groups the RMSEA (and its interval) is multiplied by the square
    root of the number of groups and the close-fit test uses the mean group size, as lavaan
    does.
    """
    t = model.table
    p, n_groups, n, npar = model.p, t.n_groups, mom.n_total, t.n_free
    df = n_groups * (p * (p + 1) // 2 + (p if t.meanstructure else 0)) - npar
    base_df = n_groups * p * (p - 1) // 2
    lower, upper = _rmsea_ci(chisq, df, n)
    root_g = np.sqrt(n_groups)
    return {
        "npar": float(npar),
        "fmin": fmin,
        "chisq": chisq,
        "df": float(df),
        "pvalue": float(stats.chi2.sf(chisq, df)) if df > 0 else np.nan,
        "baseline_chisq": base_chisq,
        "baseline_df": float(base_df),
        "baseline_pvalue": float(stats.chi2.sf(base_chisq, base_df)),
        "cfi": _cfi(chisq, df, base_chisq, base_df),
        "tli": _tli(chisq, df, base_chisq, base_df),
        "logl": logl,
        "unrestricted_logl": logl_h1,
        "aic": -2 * logl + 2 * npar,
        "bic": -2 * logl + npar * np.log(n),
        "bic2": -2 * logl + npar * np.log((n + 2) / 24),
        "ntotal": float(n),
        "rmsea": _rmsea(chisq, df, n) * root_g,
        "rmsea_ci_lower": lower * root_g,
        "rmsea_ci_upper": upper * root_g,
        "rmsea_pvalue": _close_fit(chisq, df, n / n_groups),
        "srmr": srmr,
    }


def _scales(model: Model, x: np.ndarray, g: int) -> tuple[np.ndarray, ...]:
    _lam, _b, theta, psi, _nu, _alpha = model.matrices(x, g)
    sigma, _mu, lv_cov = model.implied(x, g)
    return np.diag(sigma), np.diag(lv_cov), np.diag(theta), np.diag(psi)


def standardized(
    model: Model,
    x: np.ndarray,
    est: np.ndarray,
    mat: np.ndarray,
    r: np.ndarray,
    c: np.ndarray,
    grp: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """std.lv and std.all of values ``est`` at positions (mat, r, c) of groups ``grp``
    (lavaan, cov.std=TRUE)."""
    scales = [_scales(model, x, g) for g in range(model.n_groups)]
    std_lv = np.array(est, dtype=float)
    std_all = np.array(est, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        for k, (w, i, j, g) in enumerate(zip(mat, r, c, grp, strict=True)):
            ov_var, lv_var, theta_d, psi_d = scales[g]
            v = est[k]
            if w == 0:
                std_lv[k] = v * np.sqrt(lv_var[j])
                std_all[k] = std_lv[k] / np.sqrt(ov_var[i])
            elif w == 1:
                std_lv[k] = std_all[k] = v * np.sqrt(lv_var[j]) / np.sqrt(lv_var[i])
            elif w == 2:
                std_lv[k] = v
                std_all[k] = v / ov_var[i] if i == j else v / np.sqrt(theta_d[i] * theta_d[j])
            elif w == 3:
                std_lv[k] = std_all[k] = (
                    v / lv_var[i] if i == j else v / np.sqrt(psi_d[i] * psi_d[j])
                )
            elif w == 4:
                std_lv[k] = v
                std_all[k] = v / np.sqrt(ov_var[i])
            else:
                std_lv[k] = std_all[k] = v / np.sqrt(lv_var[i])
    return std_lv, std_all


def r_squared(model: Model, x: np.ndarray, g: int = 0) -> tuple[list[str], np.ndarray]:
    """R² of the items and of the endogenous latent variables (lavInspect(fit, "r2"))."""
    ov_var, lv_var, theta_d, psi_d = _scales(model, x, g)
    t = model.table
    inner = {rhs for op, rhs in zip(t.op, t.rhs, strict=True) if op == "=~" and rhs in t.latent}
    endo = [k for k, lv in enumerate(t.latent) if lv in inner]
    names = list(t.observed) + [t.latent[k] for k in endo]
    values = np.r_[1 - theta_d / ov_var, [1 - psi_d[k] / lv_var[k] for k in endo]]
    return names, values


def _candidates(model: Model, g: int) -> list[tuple[str, str, str, int, int, int]]:
    """Parameters lavaan's modindices() tests in group ``g``: loadings and covariances fixed
    to zero in the model, loadings of every factor on every item and covariances of every pair
    of items not in the model."""
    t = model.table
    rows = [(k, row) for k, row in enumerate(t.rows()) if model.grp[k] == g]
    have = {row for _, row in rows} | {(rhs, op, lhs) for _, (lhs, op, rhs) in rows if op == "~~"}
    # with loadings equal across groups lavaan also tests the fixed (marker) loadings
    fixed_loadings = t.n_groups > 1 and "loadings" in t.group_equal
    out = [
        (lhs, op, rhs, int(model.mat[k]), int(model.r[k]), int(model.c[k]))
        for k, (lhs, op, rhs) in rows
        if t.free[k] == 0
        and (
            (t.value[k] == 0 and (op == "=~" or (op == "~~" and lhs != rhs)))
            or (fixed_loadings and op == "=~")
        )
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
    model: Model, x: np.ndarray, mom: Moments, info_inv: np.ndarray
) -> list[tuple]:
    """Score tests of the parameters left out (lavaan modindices(): group, lhs, op, rhs, mi,
    epc, sepc.lv, sepc.all), with the group-weighted unit expected information."""
    out: list[tuple] = []
    n = mom.n_total
    for g in range(model.n_groups):
        cand = _candidates(model, g)
        if not cand:
            continue
        mat = np.array([c[3] for c in cand])
        r = np.array([c[4] for c in cand])
        c = np.array([c[5] for c in cand])
        sigma_full, mu_full, _ = model.implied(x, g)
        de_full, me_full = derivatives(x, model, mat, r, c, g)
        dm_full, mm_full = free_derivatives(x, model, g)
        score, i11, i12 = 0.0, 0.0, 0.0
        for b in (b for b in mom.blocks if b.g == g):
            o = b.obs
            sigma_inv = np.linalg.inv(sigma_full[np.ix_(o, o)])
            d_extra, d_model = de_full[:, o][:, :, o], dm_full[:, o][:, :, o]
            if model.table.meanstructure:
                m_extra, m_model = me_full[:, o], mm_full[:, o]
                dev = b.mean - mu_full[o]
                s_star = b.cov + np.outer(dev, dev)
                score = score + b.weight * (
                    half_score(sigma_inv, s_star, d_extra) + m_extra @ sigma_inv @ dev
                )
                i11 = i11 + b.weight * _diag_information(sigma_inv, d_extra, m_extra)
                i12 = i12 + b.weight * information(
                    sigma_inv, d_extra, d_model, dmu=m_extra, dmu2=m_model
                )
            else:
                score = score + b.weight * half_score(sigma_inv, b.cov, d_extra)
                i11 = i11 + b.weight * _diag_information(sigma_inv, d_extra, None)
                i12 = i12 + b.weight * information(sigma_inv, d_extra, d_model)
        v = i11 - np.sum((i12 @ info_inv) * i12, axis=1)
        keep = v >= np.finfo(float).eps ** (1 / 3)
        mi = np.where(keep, n * score**2 / np.where(keep, v, 1.0), np.nan)
        epc = np.where(keep, score / np.where(keep, v, 1.0), np.nan)
        sepc_lv, sepc_all = standardized(model, x, epc, mat, r, c, np.full(len(mat), g))
        out += [
            (g + 1, lhs, op, rhs, mi[k], epc[k], sepc_lv[k], sepc_all[k])
            for k, (lhs, op, rhs, *_rest) in enumerate(cand)
            if keep[k]
        ]
    return out


def _diag_information(sigma_inv: np.ndarray, dsig: np.ndarray, dmu: np.ndarray | None):
    g = np.matmul(sigma_inv, dsig)
    out = 0.5 * np.sum(g * g.transpose(0, 2, 1), axis=(1, 2))
    if dmu is not None:
        out = out + np.einsum("ai,ij,aj->a", dmu, sigma_inv, dmu)
    return out
