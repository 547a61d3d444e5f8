"""Starting values and identification checks before the ML iterations."""

from __future__ import annotations

import numpy as np

from ._ml import Model

__all__ = ["start_values", "check_identification"]


def _first_component(cov: np.ndarray) -> np.ndarray:
    vals, vecs = np.linalg.eigh(cov)
    vec = vecs[:, -1] * np.sqrt(max(vals[-1], 1e-8))
    return vec if vec.sum() >= 0 else -vec


def _group_starts(model: Model, s: np.ndarray, mean: np.ndarray, g: int, values: np.ndarray):
    t = model.table
    free = np.asarray(t.free)
    rows = np.flatnonzero(model.grp == g)
    for k in rows:
        lhs, op, rhs = t.lhs[k], t.op[k], t.rhs[k]
        if not free[k]:
            continue
        if op == "~~":
            ov = lhs == rhs and lhs in t.observed
            values[k] = 0.5 * s[model.r[k], model.r[k]] if ov else (0.05 if lhs == rhs else 0.0)
        elif op == "=~":
            values[k] = 1.0
        elif op == "~1":
            values[k] = mean[model.r[k]] if lhs in t.observed else 0.0
    for lv in t.latent:
        load = [k for k in rows if t.op[k] == "=~" and t.lhs[k] == lv and model.mat[k] == 0]
        if not load:
            continue
        items = [model.r[k] for k in load]
        comp = _first_component(s[np.ix_(items, items)])
        var_row = next(k for k in rows if t.op[k] == "~~" and t.lhs[k] == lv and t.rhs[k] == lv)
        fixed = [(n, k) for n, k in enumerate(load) if not free[k] and values[k] != 0]
        if not free[var_row] and values[var_row] > 0:
            scale = 1.0 / np.sqrt(values[var_row])
        elif fixed:
            n, k = fixed[0]
            scale = values[k] / comp[n] if comp[n] != 0 else 1.0
            values[var_row] = 1.0 / scale**2
        else:
            scale = 1.0
            values[var_row] = 1.0
        for n, k in enumerate(load):
            if free[k]:
                values[k] = comp[n] * scale


def start_values(model: Model, mom) -> np.ndarray:
    """Loadings from each factor's first principal component scaled to the fixed loading or
    variance; residual variances half the item variances (lavaan); intercepts the item means;
    latent variances 0.05 for higher-order factors, covariances 0. Shared parameters start at
    the mean of their rows."""
    t = model.table
    values = np.asarray(t.value, dtype=float).copy()
    for g in range(t.n_groups):
        _group_starts(model, mom.cov[g], mom.mean[g], g, values)
    free = np.asarray(t.free)
    x = np.zeros(t.n_free)
    counts = np.zeros(t.n_free)
    for k, f in enumerate(free):
        if f:
            x[f - 1] += values[k]
            counts[f - 1] += 1
    return x / counts


def check_identification(model: Model) -> None:
    """Errors a model cannot be estimated with: more free parameters than sample moments, a
    factor with one indicator and a free residual variance."""
    t = model.table
    p = model.p
    per_group = p * (p + 1) // 2 + (p if t.meanstructure else 0)
    moments = per_group * t.n_groups
    if t.n_free > moments:
        what = "variances and covariances" + (" and means" if t.meanstructure else "")
        raise ValueError(
            f"cfa: the model is not identified: it has {t.n_free} free parameters but the "
            f"{p} items give only {moments} {what} (degrees of freedom "
            f"{moments - t.n_free}); fix or constrain parameters, or add items."
        )
    first = [k for k in range(len(t.free)) if model.grp[k] == 0]
    rows = [t.rows()[k] for k in first]
    for lv in t.latent:
        ind = [rhs for lhs, op, rhs in rows if op == "=~" and lhs == lv]
        if len(ind) == 1 and ind[0] in t.observed:
            k = first[rows.index((ind[0], "~~", ind[0]))]
            if t.free[k]:
                raise ValueError(
                    f"cfa: the model is not identified: factor {lv!r} has one indicator "
                    f"({ind[0]!r}) and its residual variance '{ind[0]} ~~ {ind[0]}' is free; "
                    f"fix it (e.g. '{ind[0]} ~~ 0*{ind[0]}' or a known error variance)."
                )


def check_information(info: np.ndarray, names: list[str]) -> None:
    """Refuse a fit whose information matrix is singular, naming the parameters involved
    (those with a large weight in the eigenvector of the smallest eigenvalue)."""
    vals, vecs = np.linalg.eigh(info)
    if vals[0] <= 1e-9 * max(vals[-1], 1e-300):
        vec = vecs[:, 0]
        involved = [names[k] for k in np.flatnonzero(np.abs(vec) > 0.1 * np.abs(vec).max())]
        raise ValueError(
            "cfa: the model is not identified: the information matrix is singular, so the "
            f"parameters {involved} cannot be told apart (a change in one can be offset by the "
            "others). Fix a loading of each factor or its variance, or add constraints."
        )
