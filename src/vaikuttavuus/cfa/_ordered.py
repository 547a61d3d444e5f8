"""The WLSMV branch of :func:`vaikuttavuus.cfa.cfa`: parameter table, fit and result as lavaan
0.6-14 reports them for ``ordered = TRUE`` (one group, complete data)."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import as_frame, check_columns, check_numeric
from ._measures import _cfi, _close_fit, _rmsea, _rmsea_ci, _tli, r_squared, standardized
from ._ml import CFAConvergenceWarning, Model, Moments
from ._start import check_information, start_values
from ._syntax import ParTable, build_partable
from ._wlsmv import _dcor, fit_dwls, ordinal_codes, ordinal_moments, wlsmv_inference

__all__ = ["fit_ordered"]

_Z975 = float(stats.norm.ppf(0.975))


def _table(terms, std_lv: bool) -> ParTable:
    """lavaan's table without free residual variances of the items (delta parameterization)."""
    t = build_partable(terms, std_lv=std_lv)
    free, mapping = [], {}
    for k, (lhs, op, rhs) in enumerate(t.rows()):
        if t.free[k] == 0 or (op == "~~" and lhs == rhs and lhs in t.observed):
            free.append(0)
        else:
            free.append(mapping.setdefault(t.free[k], len(mapping) + 1))
    return dataclasses.replace(t, free=tuple(free))


def _measures(info: dict, q: int, n_th: int, n: int) -> dict[str, float]:
    x2, df, xs = info["chisq"], info["df"], info["chisq_scaled"]
    x2b, dfb, xbs = info["baseline_chisq"], info["baseline_df"], info["baseline_chisq_scaled"]
    m = n - 1  # lavaan's RMSEA for the WLS family uses N - 1 (as its test statistic)
    lo, up = _rmsea_ci(x2, df, m)
    lo_s, up_s = _rmsea_ci(xs, df, m)
    x3, c3 = info["catml_chisq"], info["catml_scaling"]
    x3b, c3b = info["catml_baseline_chisq"], info["catml_baseline_scaling"]
    lo_r, up_r = _rmsea_ci(x3 / c3, df, m, c_hat=c3)
    return {
        "npar": float(q + n_th),
        "chisq": x2,
        "df": df,
        "pvalue": float(stats.chi2.sf(x2, df)),
        "chisq_scaled": xs,
        "df_scaled": df,
        "pvalue_scaled": float(stats.chi2.sf(xs, df)),
        "chisq_scaling_factor": info["chisq_scaling_factor"],
        "chisq_shift_parameter": info["chisq_shift_parameter"],
        "baseline_chisq": x2b,
        "baseline_df": dfb,
        "baseline_chisq_scaled": xbs,
        "cfi": _cfi(x2, df, x2b, dfb),
        "tli": _tli(x2, df, x2b, dfb),
        "cfi_scaled": _cfi(xs, df, xbs, dfb),
        "tli_scaled": _tli(xs, df, xbs, dfb),
        "rmsea": _rmsea(x2, df, m),
        "rmsea_ci_lower": lo,
        "rmsea_ci_upper": up,
        "rmsea_pvalue": _close_fit(x2, df, m),
        "rmsea_scaled": _rmsea(xs, df, m),
        "rmsea_ci_lower_scaled": lo_s,
        "rmsea_ci_upper_scaled": up_s,
        "rmsea_pvalue_scaled": _close_fit(xs, df, m),
        "cfi_robust": _cfi(x3, df, x3b, dfb, c3, c3b),
        "tli_robust": _tli(x3, df, x3b, dfb, c3, c3b),
        "rmsea_robust": _rmsea(x3, df, m, c_hat=c3),
        "rmsea_ci_lower_robust": lo_r,
        "rmsea_ci_upper_robust": up_r,
        "rmsea_pvalue_robust": _close_fit(x3 / c3, df, m, c_hat=c3),
        "srmr": info["srmr"],
        "ntotal": float(n),
    }


def _params(mdl: Model, x, tau, vcov, items) -> pd.DataFrame:
    t = mdl.table
    q = len(x)
    theta = 1 - np.diag(mdl.implied(x)[0])
    values = np.array(mdl.values(x))
    for k, (lhs, op, rhs) in enumerate(t.rows()):
        if op == "~~" and lhs == rhs and lhs in t.observed:
            values[k] = theta[t.observed.index(lhs)]
    std_model = Model.from_table(
        dataclasses.replace(t, value=tuple(values), free=(0,) * len(values))
    )
    std_lv, std_all = standardized(std_model, x, values, mdl.mat, mdl.r, mdl.c, mdl.grp)
    se_free = np.sqrt(np.diag(vcov))
    free = np.asarray(t.free)
    base = pd.DataFrame(
        {
            "lhs": t.lhs,
            "op": t.op,
            "rhs": t.rhs,
            "label": t.label,
            "free": free,
            "est": values,
            "se": np.where(free > 0, se_free[np.maximum(free - 1, 0)], 0.0),
            "std_lv": std_lv,
            "std_all": std_all,
            "fixed": free == 0,
        }
    )
    th_rows = [
        (item, "|", f"t{k + 1}", "", q + pos + 1, tj, se_free[q + pos], tj, tj, False)
        for pos, (item, tj, k) in enumerate(
            (item, tj, k) for item, ts in zip(items, tau, strict=True) for k, tj in enumerate(ts)
        )
    ]
    thresholds = pd.DataFrame(th_rows, columns=base.columns)
    scale = pd.DataFrame(
        [(i, "~*~", i, "", 0, 1.0, 0.0, 1.0, 1.0, True) for i in items]
        + [(v, "~1", "", "", 0, 0.0, 0.0, 0.0, 0.0, True) for v in list(items) + list(t.latent)],
        columns=base.columns,
    )
    user = np.asarray(t.user)
    out = pd.concat([base[user], thresholds, base[~user], scale], ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(out["fixed"], np.nan, out["est"] / out["se"])
    out.insert(7, "z", z)
    out.insert(8, "pvalue", 2 * stats.norm.sf(np.abs(z)))
    out.insert(9, "ci_lower", np.where(out["fixed"], out["est"], out["est"] - _Z975 * out["se"]))
    out.insert(10, "ci_upper", np.where(out["fixed"], out["est"], out["est"] + _Z975 * out["se"]))
    return out.drop(columns="fixed")


def fit_ordered(data: Any, terms, std_lv: bool) -> dict[str, Any]:
    """Fields of a CFAResult for WLSMV (listwise complete rows)."""
    table = _table(terms, std_lv)
    items = list(table.observed)
    frame = as_frame(data)
    check_columns(frame, items, name="model")
    values = check_numeric(frame[items], name="data")
    complete = values.dropna()
    codes = ordinal_codes(complete, items)
    n = len(codes)
    mdl = Model.from_table(table)
    tau, r, gamma = ordinal_moments(codes)
    n_th = sum(len(tj) for tj in tau)
    pstar = r.shape[0] * (r.shape[0] - 1) // 2
    if table.n_free > pstar:
        raise ValueError(
            f"cfa: the model is not identified: it has {table.n_free} free parameters besides "
            f"the thresholds but the {len(items)} ordered items give only {pstar} polychoric "
            f"correlations (degrees of freedom {pstar - table.n_free}); fix or constrain "
            "parameters, or add items."
        )
    start = start_values(mdl, Moments((r,), (np.zeros(len(items)),), (n,)))
    x, _f, it, grad, _ = fit_dwls(mdl, r, 1 / np.diag(gamma)[n_th:], start)
    converged = bool(np.max(np.abs(grad)) < 1e-6)
    _check_rank(mdl, x, r, gamma, n_th)
    if not converged:
        warnings.warn(
            f"cfa: the DWLS estimation did not converge; largest gradient {np.max(np.abs(grad)):.3g}.",
            CFAConvergenceWarning,
            stacklevel=3,
        )
    vcov, info = wlsmv_inference(x, mdl, r, gamma, n_th, n)
    implied = mdl.implied(x)[0].copy()
    np.fill_diagonal(implied, 1.0)
    names_r2, r2 = r_squared(mdl, x)
    r2[: len(items)] = np.diag(mdl.implied(x)[0])  # latent responses have variance 1
    names = [n for n in _free_names(mdl)] + [
        f"{item}|t{k + 1}" for item, ts in zip(items, tau, strict=True) for k in range(len(ts))
    ]
    return {
        "items": tuple(items),
        "factors": tuple(table.latent),
        "n_obs": n,
        "n_dropped": len(frame) - n,
        "params": _params(mdl, x, tau, vcov, items),
        "measures": pd.Series(_measures(info, len(x), n_th, n), name="value"),
        "residual_cor": pd.DataFrame(r - implied, index=items, columns=items),
        "implied_cov": pd.DataFrame(implied, index=items, columns=items),
        "sample_cov": pd.DataFrame(r, index=items, columns=items),
        "r2": pd.Series(r2, index=names_r2, name="r2"),
        "vcov": pd.DataFrame(vcov, index=names, columns=names),
        "converged": converged,
        "iterations": it,
        "modindices": pd.DataFrame(
            columns=["lhs", "op", "rhs", "mi", "epc", "sepc_lv", "sepc_all"], dtype=float
        ),
    }


def _free_names(mdl: Model) -> list[str]:
    t = mdl.table
    names: dict[int, str] = {}
    for (lhs, op, rhs), f in zip(t.rows(), t.free, strict=True):
        if f and f not in names:
            names[f] = f"{lhs} {op} {rhs}"
    return [names[k + 1] for k in range(t.n_free)]


def _check_rank(mdl: Model, x: np.ndarray, r: np.ndarray, gamma: np.ndarray, n_th: int) -> None:
    """Refuse a model whose DWLS information is singular, naming the parameters involved."""
    ii, jj = np.tril_indices(r.shape[0], -1)
    order = np.lexsort((ii, jj))
    d = _dcor(x, mdl, ii[order], jj[order])
    check_information(d.T @ (d / np.diag(gamma)[n_th:, None]), _free_names(mdl))
