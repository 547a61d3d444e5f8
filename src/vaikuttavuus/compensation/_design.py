"""Design matrices and logistic fits for the risk models (private)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._constants import (
    COVARIATE_COLUMNS,
    MOTHER_TONGUES,
    OUTCOME_STATUSES,
    SERVICE_TYPES,
    SEXES,
)
from .episodes import _problem

#: Covariates a risk model may use. Numeric ones enter linearly; months_unemployed as log(1 + m);
#: categories (and provider) as dummies.
ALLOWED = (*COVARIATE_COLUMNS, "service_type", "contract_type", "provider")
_CATEGORIES = {
    "sex": SEXES,
    "mother_tongue": MOTHER_TONGUES,
    "service_type": SERVICE_TYPES,
    "contract_type": ("fixed", "outcome_based"),  # reference: fixed
}


class ModelError(ValueError):
    """The risk model cannot be fitted (separation, a covariate without variation, ...)."""


def check_covariates(covariates: Iterable[str], *, forbid: tuple[str, ...] = ()) -> list[str]:
    """Validate the covariate names."""
    if isinstance(covariates, str):
        covariates = [covariates]
    cov = list(covariates)
    bad = [c for c in cov if c not in ALLOWED or c in forbid]
    if bad:
        allowed = [c for c in ALLOWED if c not in forbid]
        raise ValueError(
            f"covariates {bad} are not allowed here; choose from {', '.join(allowed)}."
        )
    if len(set(cov)) != len(cov):
        raise ValueError(f"covariates lists a column more than once: {cov}.")
    return cov


def ended(ep: pd.DataFrame, covariates: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Ended episodes and their 0/1 outcome; refuses missing covariates, naming the rows."""
    missing = [c for c in covariates if c not in ep.columns]
    if missing:
        raise ValueError(
            f"the episodes lack covariate column(s) {', '.join(missing)}; "
            f"drop them from covariates or add them to the data."
        )
    sub = ep[ep["end_status"] != "active"]
    if covariates:
        na = sub[covariates].isna().any(axis=1).to_numpy()
        if na.any():
            cols = [c for c in covariates if sub[c].isna().any()]
            raise ValueError(
                f"{_problem(sub, na, 'have missing covariate values')} in column(s) "
                f"{', '.join(cols)}; impute or drop them before the risk model."
            )
    y = sub["end_status"].isin(OUTCOME_STATUSES).to_numpy(dtype=np.float64)
    return sub, y


class SparseLevelWarning(UserWarning):
    """Category levels too rare (or without outcome variation) were merged into the reference."""


#: A category level needs this many ended episodes, with both outcomes, to get its own term.
MIN_LEVEL = 10


def _levels(
    values: pd.Series, cats: tuple | None, y: np.ndarray | None, c: str, merged: list[str]
) -> tuple[list[np.ndarray], list[str]]:
    cat = pd.Categorical(values, categories=cats) if cats else pd.Categorical(values)
    cols, names = [], []
    for i, level in enumerate(cat.categories[1:], start=1):
        col = (cat.codes == i).astype(np.float64)
        n = int(col.sum())
        if y is not None and n and (n < MIN_LEVEL or y[col == 1].min() == y[col == 1].max()):
            merged.append(f"{c}={level} ({n})")
            continue
        cols.append(col)
        names.append(f"{c}[{level}]")
    return cols, names


def design(
    sub: pd.DataFrame,
    covariates: list[str],
    *,
    dummies: str | None = None,
    y: np.ndarray | None = None,
) -> tuple[np.ndarray, list[str]]:
    """Intercept, covariates (reference-coded categories) and optional ``dummies`` column.

    With ``y``, a covariate category level with fewer than ``MIN_LEVEL`` ended episodes or
    without both outcomes is merged into the reference level (a ``SparseLevelWarning`` names
    them with their counts): its own term would not be estimable (separation).
    """
    cols: list[np.ndarray] = [np.ones(len(sub))]
    names = ["intercept"]
    merged: list[str] = []
    for c in covariates:
        if c in _CATEGORIES or c == "provider":  # provider reference: first in sort order
            more, more_names = _levels(sub[c], _CATEGORIES.get(c), y, c, merged)
            cols += more
            names += more_names
            continue
        if c == "months_unemployed":
            cols.append(np.log1p(sub[c].to_numpy(dtype=np.float64)))
            names.append("log1p_months_unemployed")
        else:
            cols.append(sub[c].to_numpy(dtype=np.float64))
            names.append(c)
        if len(sub) and cols[-1].min() == cols[-1].max():
            raise ModelError(
                f"covariate {c} has the same value in every ended episode; drop it from covariates."
            )
    if merged:
        warnings.warn(
            "merged into the reference level (too few ended episodes or no outcome variation): "
            + ", ".join(merged),
            SparseLevelWarning,
            stacklevel=3,
        )
    if dummies is not None:
        cat = pd.Categorical(sub[dummies])
        for i, level in enumerate(cat.categories[1:], start=1):
            cols.append((cat.codes == i).astype(np.float64))
            names.append(f"{dummies}[{level}]")
    # dummies of category levels absent from the data carry nothing: left out of the model
    keep = [0] + [j for j in range(1, len(cols)) if cols[j].max() > cols[j].min()]
    dropped = [names[j] for j in range(1, len(cols)) if j not in keep]
    if dropped and dummies is not None and any(d.startswith(f"{dummies}[") for d in dropped):
        raise ModelError(f"{dummies} level(s) without ended episodes: {dropped}.")
    return stack_columns([cols[j] for j in keep]), [names[j] for j in keep]


def stack_columns(cols: list[np.ndarray]) -> np.ndarray:
    """The design matrix in column-major order (each column contiguous).

    With a million rows the row-major ``column_stack`` writes every column with a stride
    and statsmodels' ``X.T * w`` (Hessian, score) reads across rows: both leave the cache.
    Column-major, every pass over the design reads memory in order.
    """
    x = np.empty((len(cols[0]) if cols else 0, len(cols)), order="F")
    for j, c in enumerate(cols):
        x[:, j] = c
    return x


def _rank(x: np.ndarray) -> int:
    """Rank of the design from its column-normalised cross-product (one pass over ``x``).

    statsmodels' ``matrix_rank(method="ip")``: exactly collinear columns (e.g. a
    service type under one contract type) give a zero eigenvalue of the k x k product.
    """
    norms = np.sqrt(np.einsum("ij,ij->j", x, x))
    gram = (x.T @ x) / np.outer(norms, norms)
    return int(np.linalg.matrix_rank(gram))


def fit_logit(y: np.ndarray, x: np.ndarray, names: list[str]) -> Any:
    """Fit a logistic model by Newton-Raphson, with a clear error on failure."""
    import statsmodels.api as sm  # heavy import: only when a model is fitted
    from statsmodels.tools.sm_exceptions import (
        ConvergenceWarning,
        PerfectSeparationError,
        PerfectSeparationWarning,
    )

    if y.min() == y.max():
        raise ModelError("every ended episode has the same outcome; no model can be fitted.")
    rank = _rank(x)
    if rank < x.shape[1]:
        raise ModelError(
            f"the covariates are collinear (rank {rank} of {x.shape[1]} columns: {names}); "
            "e.g. a service type offered under only one contract type. Drop a covariate."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerfectSeparationWarning)
            warnings.simplefilter("ignore", ConvergenceWarning)  # checked below
            # rank checked above: statsmodels' own check (a QR of x) would be a second one
            res = sm.Logit(y, x, check_rank=False).fit(disp=0, method="newton", maxiter=100)
    except (np.linalg.LinAlgError, PerfectSeparationError, PerfectSeparationWarning) as err:
        raise ModelError(f"the logistic model could not be fitted: {err}") from err
    if not res.mle_retvals.get("converged", True):
        raise ModelError(
            "the logistic model did not converge (quasi-separation: a group in which every "
            f"episode has the same outcome?); terms: {names}."
        )
    return res


def coef_table(res: object, names: list[str], z: float) -> pd.DataFrame:
    """Coefficients with standard errors and Wald intervals."""
    b, se = np.asarray(res.params), np.asarray(res.bse)
    return pd.DataFrame(
        {"term": names, "coef": b, "se": se, "ci_low": b - z * se, "ci_high": b + z * se}
    )
