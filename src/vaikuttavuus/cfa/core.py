"""Confirmatory factor analysis by maximum likelihood, exact to ``lavaan::cfa()`` (0.6-14)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .._results import ResultMixin, Summary
from .._validation import as_frame, check_choice, check_columns, check_numeric
from ._fiml import fiml_measures, pattern_moments
from ._measures import (
    fit_measures,
    modification_indices,
    r_squared,
    scaled_measures,
    standardized,
)
from ._ml import (
    Model,
    Moments,
    fit_ml,
    observed_information,
    score_information,
    warn_improper,
    warn_not_converged,
)
from ._ordered import fit_ordered
from ._robust import robust_ml
from ._start import check_identification, check_information, start_values
from ._syntax import GROUP_EQUAL, build_partable, parse_model

__all__ = ["cfa", "CFAResult"]

_Z975 = float(stats.norm.ppf(0.975))


# Corrected test statistics in the summary: WLSMV's scaled-shifted ones, MLR's robust ones.
_CORRECTED_FIGURES = {
    "scaled": (
        ("scaled-shifted chi-square", "chisq_scaled"),
        ("CFI scaled", "cfi_scaled"),
        ("TLI scaled", "tli_scaled"),
    ),
    "robust": (
        ("scaled chi-square (Yuan-Bentler)", "chisq_scaled"),
        ("scaling factor", "chisq_scaling_factor"),
        ("CFI robust", "cfi_robust"),
        ("TLI robust", "tli_robust"),
    ),
}


def _rmsea_text(m: pd.Series, suffix: str = "") -> str:
    """RMSEA and its 90% interval, e.g. ``0.041 [0.000, 0.089]``."""
    return (
        f"{m['rmsea' + suffix]:.3f} [{m['rmsea_ci_lower' + suffix]:.3f}, "
        f"{m['rmsea_ci_upper' + suffix]:.3f}]"
    )


@dataclass(frozen=True, eq=False)
class CFAResult(ResultMixin):
    """A fitted CFA.

    Attributes
    ----------
    params : DataFrame
        lavaan's ``parameterEstimates(fit, standardized = TRUE)``: lhs, op, rhs, label, free,
        est, se, z, pvalue, ci_lower, ci_upper (95 %), std_lv, std_all.
    measures : Series
        Fit measures under snake_case names of lavaan's ``fitMeasures()`` (chisq, df, pvalue,
        cfi, tli, rmsea, rmsea_ci_lower/upper (90 %), rmsea_pvalue (p-close), srmr, aic, bic, ...).
    modindices : DataFrame
        ``modindices(fit)``: lhs, op, rhs, mi, epc, sepc_lv, sepc_all.
    residual_cor : DataFrame
        ``residuals(fit, type = "cor")``: sample minus model-implied correlations.
    r2 : Series
        R² of the items and of the endogenous latent variables.
    groups, group_sizes : tuple
        Multi-group fits only: the group labels (order of first appearance) and their rows.
        ``params`` and ``modindices`` then have a ``group`` column (1, 2, ... as lavaan) and
        ``r2``, ``residual_cor``, ``implied_cov`` and ``sample_cov`` a first index level
        ``group`` with the labels.
    vcov : DataFrame
        Covariance matrix of the free parameters (robust for MLR).
    """

    model: str
    estimator: str
    items: tuple[str, ...]
    factors: tuple[str, ...]
    n_obs: int
    n_dropped: int
    params: pd.DataFrame
    measures: pd.Series
    modindices: pd.DataFrame
    residual_cor: pd.DataFrame
    implied_cov: pd.DataFrame
    sample_cov: pd.DataFrame
    r2: pd.Series
    vcov: pd.DataFrame
    converged: bool
    iterations: int
    groups: tuple[str, ...] = ()
    group_sizes: tuple[int, ...] = ()
    missing: str = "listwise"

    def to_frame(self) -> pd.DataFrame:
        """The parameter table (one row per parameter, lavaan's order)."""
        return self.params.copy()

    def fit(self) -> pd.Series:
        """The fit measures (a copy of :attr:`measures`)."""
        return self.measures.copy()

    def _summary_parts(self) -> Summary:
        m = self.measures
        figures = {
            "estimator": self.estimator,
            "observations": self.n_obs,
            "chi-square (df)": f"{m['chisq']:.3f} ({int(m['df'])})",
            "p-value": float(m["pvalue"]),
            "CFI": float(m["cfi"]),
            "TLI": float(m["tli"]),
            "RMSEA [90% CI]": _rmsea_text(m),
            "p-close (RMSEA <= 0.05)": float(m["rmsea_pvalue"]),
            "SRMR": float(m["srmr"]),
        }
        if "aic" in m:  # not defined for WLSMV (lavaan: NA)
            figures["AIC"] = float(m["aic"])
            figures["BIC"] = float(m["bic"])
        kind = "scaled" if self.estimator == "WLSMV" else "robust" if "chisq_scaled" in m else ""
        if kind:
            figures.update({label: float(m[key]) for label, key in _CORRECTED_FIGURES[kind]})
            figures[f"RMSEA {kind} [90% CI]"] = _rmsea_text(m, f"_{kind}")
        notes = []
        if self.n_dropped:
            notes.append(f"{self.n_dropped} row(s) with missing values were left out.")
        if self.groups:
            sizes = ", ".join(
                f"{g}: {n}" for g, n in zip(self.groups, self.group_sizes, strict=True)
            )
            notes.append(f"Groups ({len(self.groups)}): {sizes}.")
        if not self.converged:
            notes.append("The estimation did not converge: the numbers are not final.")
        table = self.params.drop(columns=["label", "free"]).set_index(["lhs", "op", "rhs"])
        return Summary(
            title=f"Confirmatory factor analysis ({self.estimator}"
            + (", FIML)" if self.missing == "fiml" else ")"),
            figures=figures,
            tables={"Parameter estimates": table},
            notes=tuple(notes),
        )


def _group_moments(x: np.ndarray, items: list[str], where: str) -> tuple[np.ndarray, np.ndarray]:
    s = np.cov(x, rowvar=False, bias=True)
    _check_moments(len(x), s, items, where)
    return s, x.mean(axis=0)


def _check_moments(n: int, s: np.ndarray, items: list[str], where: str) -> None:
    if n <= len(items):
        raise ValueError(
            f"cfa: {n} row(s){where} for {len(items)} items; more rows than items are "
            "needed (with missing='listwise' rows with a missing value are left out)."
        )
    vals, vecs = np.linalg.eigh(s)
    if vals[0] <= 1e-10 * max(vals[-1], 1e-300):
        involved = [items[i] for i in np.flatnonzero(np.abs(vecs[:, 0]) > 0.1)]
        raise ValueError(
            f"cfa: the sample covariance matrix{where} is not positive definite (smallest "
            f"eigenvalue {vals[0]:.3g}); the items {involved} are linearly dependent (constant, "
            "duplicated or a sum of others). Remove one of them."
        )


def _prepare(
    data: Any, items: list[str], group: str | None, fiml: bool
) -> tuple[list[np.ndarray], Moments, int, tuple[str, ...]]:
    """Rows used per group (in order of first appearance), their moments, rows dropped.

    Listwise: complete rows. FIML: rows with at least one item observed (moments of the
    missing-data patterns; the EM estimates as the groups' covariance and means)."""
    frame = as_frame(data)
    check_columns(frame, items, name="model")
    values = check_numeric(frame[items], name="data")
    observed = values.notna()
    complete = (observed.any(axis=1) if fiml else observed.all(axis=1)).to_numpy()
    if group is None:
        labels: tuple[str, ...] = ()
        parts = [values.to_numpy()[complete]]
    else:
        check_columns(frame, [group], name="group")
        if group in items:
            raise ValueError(f"group={group!r} is also an item of the model.")
        gcol = frame[group]
        if gcol.isna().any():
            rows = list(frame.index[gcol.isna().to_numpy()][:5])
            raise ValueError(
                f"cfa: the group column {group!r} is missing in row(s) {rows}; every row needs "
                "a group (drop or fill those rows first)."
            )
        labels = tuple(str(v) for v in dict.fromkeys(gcol[complete]))
        if len(labels) < 2:
            raise ValueError(f"cfa: group={group!r} has {len(labels)} group(s); at least 2 needed.")
        key = gcol.astype(str).to_numpy()
        parts = [values.to_numpy()[complete & (key == lab)] for lab in labels]
    if fiml:
        mom = pattern_moments(parts)
        for x, s, lab in zip(parts, mom.cov, labels or ("",), strict=True):
            _check_moments(len(x), s, items, f" of group {lab!r}" if labels else "")
        return parts, mom, int((~complete).sum()), labels
    moments = [
        _group_moments(x, items, f" of group {lab!r}" if labels else "")
        for x, lab in zip(parts, labels or ("",), strict=True)
    ]
    mom = Moments(
        cov=tuple(m[0] for m in moments),
        mean=tuple(m[1] for m in moments),
        n=tuple(len(x) for x in parts),
    )
    return parts, mom, int((~complete).sum()), labels


def _check_information(info: np.ndarray, names: list[str]) -> np.ndarray:
    """The inverse of ``info`` (refused when singular, see :func:`check_information`)."""
    check_information(info, names)
    return np.linalg.inv(info)


def _param_names(model: Model) -> list[str]:
    t = model.table
    names: dict[int, str] = {}
    for (lhs, op, rhs), f, g in zip(t.rows(), t.free, model.grp, strict=True):
        if f and f not in names:
            names[f] = f"{lhs} {op} {rhs}".strip() + (f" (group {g + 1})" if t.n_groups > 1 else "")
    return [names[k + 1] for k in range(t.n_free)]


def _param_table(model: Model, x: np.ndarray, vcov: np.ndarray) -> pd.DataFrame:
    t = model.table
    free = np.asarray(t.free)
    est = model.values(x)
    se = np.where(free > 0, np.sqrt(np.diag(vcov))[np.maximum(free - 1, 0)], 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(free > 0, est / se, np.nan)
    std_lv, std_all = standardized(model, x, est, model.mat, model.r, model.c, model.grp)
    fixed_ci = free == 0
    group = {"group": model.grp + 1} if t.n_groups > 1 else {}
    return pd.DataFrame(
        {
            "lhs": t.lhs,
            "op": t.op,
            "rhs": t.rhs,
            **group,
            "label": t.label,
            "free": free,
            "est": est,
            "se": se,
            "z": z,
            "pvalue": 2 * stats.norm.sf(np.abs(z)),
            "ci_lower": np.where(fixed_ci, est, est - _Z975 * se),
            "ci_upper": np.where(fixed_ci, est, est + _Z975 * se),
            "std_lv": std_lv,
            "std_all": std_all,
        }
    )


def cfa(
    data: Any,
    model: str | Mapping[str, Sequence[str]],
    *,
    estimator: str = "ML",
    std_lv: bool = False,
    missing: str = "listwise",
    group: str | None = None,
    group_equal: Sequence[str] = (),
    ordered: bool | Sequence[str] | None = None,
) -> CFAResult:
    """Confirmatory factor analysis, as ``lavaan::cfa(model, data)``.

    Parameters
    ----------
    data : DataFrame
        One row per respondent; the items named in ``model`` must be numeric columns.
    model : str or dict
        lavaan syntax (``"F1 =~ x1 + x2 + x3"``; ``~~`` for variances and covariances;
        ``1*x`` fixes, ``NA*x`` frees, ``a*x`` labels: equal labels give equal parameters) or
        ``{factor: [items]}``.
    estimator : {"ML", "MLR", "WLSMV"}
        ``"ML"``: normal-theory maximum likelihood with expected-information standard errors.
        ``"MLR"`` (lavaan's ``estimator = "MLR"``): the same estimates with Huber-White
        (sandwich, observed information) standard errors and the Yuan-Bentler scaled
        chi-square; ``measures`` then also has lavaan's ``*_scaled`` and ``*_robust`` CFI, TLI
        and RMSEA (Brosseau-Liard, Savalei and Li 2012).
    std_lv : bool
        False: the first loading of each factor is fixed to 1 (marker variable); True: the
        latent variances are fixed to 1 and every loading is free.
    missing : {"listwise", "fiml"}
        ``"listwise"``: rows with a missing value in any item are left out (``n_dropped``
        says how many). ``"fiml"`` (lavaan's ``missing = "ml"``): full-information ML over
        the missing-data patterns with a mean structure, the saturated model by EM and
        standard errors from the observed information; only rows with no item observed are
        left out.
    group : str, optional
        Column that splits the rows into groups (multi-group CFA, groups in order of first
        appearance as lavaan). The model then has a mean structure: free item intercepts and
        latent means fixed to 0 (free in groups 2.. when the intercepts are equal).
    group_equal : sequence of str
        Parameters held equal across groups, lavaan's ``group.equal``: "loadings",
        "intercepts", "means", "residuals", "residual.covariances", "lv.variances",
        "lv.covariances".
    ordered : True or list of str, optional
        Treat the items as ordinal (lavaan's ``ordered = TRUE``; a list must name every item of
        the model): estimator ``"WLSMV"`` as lavaan 0.6-14 (thresholds and polychoric
        correlations, DWLS in the delta parameterization, robust standard errors and the
        scaled-shifted chi-square; ``measures`` has the ``*_scaled`` CFI/TLI/RMSEA). One
        group, complete rows (listwise); modification indices are not computed for WLSMV.

    Returns
    -------
    CFAResult

    References
    ----------
    Rosseel, Y. (2012). lavaan: An R package for structural equation modeling. Journal of
    Statistical Software, 48(2), 1-36.
    Bollen, K. A. (1989). Structural equations with latent variables. Wiley.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=(300, 2)) @ np.array([[1.0, 0.4], [0.0, 0.9]])
    >>> items = np.repeat(f, 3, axis=1) * 0.8 + rng.normal(scale=0.6, size=(300, 6))
    >>> df = pd.DataFrame(items, columns=[f"x{i}" for i in range(1, 7)])
    >>> res = cfa(df, "A =~ x1 + x2 + x3\\nB =~ x4 + x5 + x6")
    >>> bool(res.measures["cfi"] > 0.95), int(res.measures["df"])
    (True, 8)
    >>> res.to_frame()[["lhs", "op", "rhs"]].head(2).values.tolist()
    [['A', '=~', 'x1'], ['A', '=~', 'x2']]
    """
    check_choice("estimator", estimator, ("ML", "MLR", "WLSMV"))
    check_choice("missing", missing, ("listwise", "fiml"))
    if ordered is not None and ordered is not False or estimator == "WLSMV":
        return _cfa_ordered(data, model, estimator, std_lv, missing, group, ordered)
    group_equal = _check_group_equal(group, group_equal)
    fiml = missing == "fiml"
    if estimator == "MLR" and (group is not None or fiml):
        raise ValueError(
            "cfa: estimator='MLR' is available for one group with missing='listwise' only; "
            "use estimator='ML'."
        )
    terms = parse_model(model)
    items = list(build_partable(terms).observed)
    parts, mom, dropped, labels = _prepare(data, items, group, fiml)
    table = build_partable(
        terms,
        std_lv=bool(std_lv),
        n_groups=len(parts),
        meanstructure=group is not None or fiml,
        group_equal=group_equal,
    )
    mdl = Model.from_table(table)
    check_identification(mdl)
    names = _param_names(mdl)
    res = fit_ml(mom, mdl, start_values(mdl, mom))
    if not res.converged:
        warn_not_converged(res, names)
    warn_improper(mdl, res.x, labels)
    info_inv = _check_information(score_information(res.x, mdl, mom)[1], names)
    if fiml:
        measures = fiml_measures(mom, mdl, res.x, parts)
        obs_info = _check_information(observed_information(res.x, mdl, mom), names)
        vcov = obs_info / mom.n_total
    else:
        measures = fit_measures(mom, mdl, res.x, res.fmin)
        vcov = info_inv / mom.n_total
    if estimator == "MLR":
        vcov, c, c_null = robust_ml(res.x, mdl, parts[0], mom.cov[0])
        measures.update(scaled_measures(measures, c, c_null))
    mi = pd.DataFrame(
        modification_indices(mdl, res.x, mom, info_inv),
        columns=["group", "lhs", "op", "rhs", "mi", "epc", "sepc_lv", "sepc_all"],
    )
    return CFAResult(
        model=model if isinstance(model, str) else _dict_syntax(model),
        estimator=estimator,
        items=tuple(items),
        factors=tuple(table.latent),
        n_obs=mom.n_total,
        n_dropped=dropped,
        params=_param_table(mdl, res.x, vcov),
        measures=pd.Series(measures, name="value"),
        modindices=mi if labels else mi.drop(columns="group"),
        **_matrices(mdl, res.x, mom, labels),
        vcov=pd.DataFrame(vcov, index=names, columns=names),
        converged=res.converged,
        iterations=res.iterations,
        groups=labels,
        group_sizes=mom.n,
        missing=missing,
    )


def _cfa_ordered(data, model, estimator, std_lv, missing, group, ordered) -> CFAResult:
    terms = parse_model(model)
    items = list(build_partable(terms).observed)
    if ordered is None or ordered is False:
        raise ValueError("estimator='WLSMV' is for ordinal items: give ordered=True.")
    if ordered is not True:
        named = [ordered] if isinstance(ordered, str) else list(ordered)
        if sorted(map(str, named)) != sorted(items):
            raise ValueError(
                f"ordered={named!r} must name every item of the model ({items}) or be True; "
                "models mixing ordinal and continuous items are not supported."
            )
    if estimator not in ("ML", "WLSMV"):
        raise ValueError(f"estimator={estimator!r} cannot be used with ordered items; use 'WLSMV'.")
    if group is not None or missing != "listwise":
        raise ValueError(
            "cfa: ordered items (WLSMV) are supported for one group with missing='listwise' only."
        )
    fields = fit_ordered(data, terms, bool(std_lv))
    return CFAResult(
        model=model if isinstance(model, str) else _dict_syntax(model),
        estimator="WLSMV",
        **fields,
    )


def _check_group_equal(group: str | None, group_equal: Sequence[str]) -> tuple[str, ...]:
    if isinstance(group_equal, str):
        group_equal = (group_equal,)
    for kind in group_equal:
        check_choice("group_equal", kind, GROUP_EQUAL)
    if group_equal and group is None:
        raise ValueError("group_equal needs group= (the column that splits the data).")
    return tuple(group_equal)


def _matrices(mdl: Model, x: np.ndarray, mom: Moments, labels: tuple[str, ...]) -> dict:
    """residual_cor, implied_cov, sample_cov and r2; stacked with a group level when grouped."""
    items = list(mdl.table.observed)
    out: dict[str, list] = {"residual_cor": [], "implied_cov": [], "sample_cov": [], "r2": []}
    for g in range(mdl.n_groups):
        s = mom.cov[g]
        sigma = mdl.implied(x, g)[0]
        sd_s, sd_m = np.sqrt(np.diag(s)), np.sqrt(np.diag(sigma))
        resid = s / np.outer(sd_s, sd_s) - sigma / np.outer(sd_m, sd_m)
        for key, mat in (("residual_cor", resid), ("implied_cov", sigma), ("sample_cov", s)):
            out[key].append(pd.DataFrame(mat, index=items, columns=items))
        r2_names, r2 = r_squared(mdl, x, g)
        out["r2"].append(pd.Series(r2, index=r2_names, name="r2"))
    if not labels:
        return {k: v[0] for k, v in out.items()}
    return {k: pd.concat(v, keys=list(labels), names=["group", None]) for k, v in out.items()}


def _dict_syntax(model: Mapping[str, Sequence[str]]) -> str:
    return "\n".join(f"{f} =~ {' + '.join(map(str, items))}" for f, items in model.items())
