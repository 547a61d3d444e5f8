"""IPS vs a comparison group: risk ratio, risk difference and a covariate-adjusted model."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .._results import ResultMixin, Summary
from .._validation import check_columns, check_probability
from ..proportions import proportion_ci
from .data import IPSDataWarning

__all__ = ["GroupComparison", "compare_groups", "risk_difference_ci", "risk_ratio_ci"]


def risk_ratio_ci(
    x1: int, n1: int, x0: int, n0: int, *, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Risk ratio ``(x1/n1) / (x0/n0)`` with the Katz log interval.

    Parameters
    ----------
    x1, n1 : int
        Events and persons in the treated group.
    x0, n0 : int
        Events and persons in the control group.
    confidence : float, default 0.95
        Coverage.

    Returns
    -------
    (rr, low, high) : tuple of float
        ``exp(log rr ± z sqrt(1/x1 - 1/n1 + 1/x0 - 1/n0))``; NaN interval when a group has
        no events (the log interval is undefined there).

    References
    ----------
    Katz, D., Baptista, J., Azen, S. P., & Pike, M. C. (1978). Obtaining confidence intervals
    for the risk ratio in cohort studies. Biometrics, 34(3), 469-474.

    Examples
    --------
    >>> [round(v, 4) for v in risk_ratio_ci(40, 100, 25, 100)]
    [1.6, 1.0557, 2.4249]
    """
    confidence, p1, p0 = _checked(x1, n1, x0, n0, confidence)
    rr = p1 / p0 if p0 > 0 else float("nan")
    if x1 == 0 or x0 == 0:
        return rr, float("nan"), float("nan")
    z = stats.norm.ppf(0.5 + confidence / 2)
    se = np.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0)
    return float(rr), float(rr * np.exp(-z * se)), float(rr * np.exp(z * se))


def risk_difference_ci(
    x1: int, n1: int, x0: int, n0: int, *, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Risk difference ``x1/n1 - x0/n0`` with Newcombe's hybrid score interval.

    Parameters
    ----------
    x1, n1, x0, n0, confidence
        As for :func:`risk_ratio_ci`.

    Returns
    -------
    (rd, low, high) : tuple of float
        Newcombe's method 10: with Wilson intervals ``(l1, u1)``, ``(l0, u0)``,
        ``rd - sqrt((p1-l1)² + (u0-p0)²)`` and ``rd + sqrt((u1-p1)² + (p0-l0)²)``.

    References
    ----------
    Newcombe, R. G. (1998). Interval estimation for the difference between independent
    proportions: comparison of eleven methods. Statistics in Medicine, 17(8), 873-890.

    Examples
    --------
    >>> [round(v, 4) for v in risk_difference_ci(40, 100, 25, 100)]
    [0.15, 0.0201, 0.2731]
    """
    confidence, p1, p0 = _checked(x1, n1, x0, n0, confidence)
    lo, hi = proportion_ci([x1, x0], [n1, n0], method="wilson", confidence=confidence)
    d = p1 - p0
    low = d - np.sqrt((p1 - lo[0]) ** 2 + (hi[1] - p0) ** 2)
    high = d + np.sqrt((hi[0] - p1) ** 2 + (p0 - lo[1]) ** 2)
    return float(d), float(low), float(high)


def _checked(x1: Any, n1: Any, x0: Any, n0: Any, confidence: Any) -> tuple[float, float, float]:
    """Validated ``confidence`` and the two proportions ``x1/n1``, ``x0/n0``."""
    confidence = check_probability("confidence", confidence)
    _counts(x1, n1, "x1", "n1")
    _counts(x0, n0, "x0", "n0")
    return confidence, x1 / n1, x0 / n0


def _counts(x: Any, n: Any, xname: str, nname: str) -> None:
    for name, v in ((xname, x), (nname, n)):
        if isinstance(v, bool) or not isinstance(v, int | np.integer):
            raise TypeError(f"{name} must be a whole number, got {v!r}.")
    if n < 1 or not 0 <= x <= n:
        raise ValueError(
            f"{xname}={x}, {nname}={n}: need {nname} >= 1 and 0 <= {xname} <= {nname}."
        )


def _logit(y: pd.Series, design: pd.DataFrame, confidence: float) -> pd.DataFrame:
    """Logistic model coefficients; all NaN when the maximum likelihood estimate does not exist.

    With a 2 x 2 cell of zero (no one, or everyone, with the outcome in a group) or another
    (quasi-)complete separation the likelihood has no maximum: the optimiser stops somewhere
    on the way to infinity and its "estimates" (odds ratios of 1e10 or 0.3) mean nothing.
    """
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    t = design["treated"].to_numpy() == 1
    yy = y.to_numpy()
    cells = [yy[t].sum(), (1 - yy[t]).sum(), yy[~t].sum(), (1 - yy[~t]).sum()]
    reason = "a group has no one or everyone with the outcome" if min(cells) == 0 else ""
    fit = None
    if not reason:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                fit = sm.Logit(y, design).fit(disp=0)
            except np.linalg.LinAlgError:  # singular design (e.g. a constant covariate)
                fit = None
        bad = [
            w
            for w in caught
            if issubclass(w.category, ConvergenceWarning | PerfectSeparationWarning)
        ]
        if fit is None or bad or not fit.mle_retvals.get("converged", True):
            reason = "the model did not converge (separation or a singular design)"
            fit = None
    terms = list(design.columns)
    if fit is None:
        warnings.warn(
            f"the adjusted odds ratio cannot be estimated: {reason}; it is reported as NaN "
            "(the crude risk ratio and risk difference are unaffected).",
            IPSDataWarning,
            stacklevel=3,
        )
        nan = np.full(len(terms), np.nan)
        return pd.DataFrame({"term": terms, "coef": nan, "se": nan, "z": nan, "p_value": nan,
                             "ci_low": nan, "ci_high": nan})  # fmt: skip
    ci = fit.conf_int(alpha=1 - confidence)
    return pd.DataFrame(
        {"term": fit.params.index, "coef": fit.params.to_numpy(), "se": fit.bse.to_numpy(),
         "z": fit.tvalues.to_numpy(), "p_value": fit.pvalues.to_numpy(),
         "ci_low": ci[0].to_numpy(), "ci_high": ci[1].to_numpy()}
    )  # fmt: skip


@dataclass(frozen=True, eq=False)
class GroupComparison(ResultMixin):
    """Employment of IPS vs comparison clients: crude and adjusted effects.

    Attributes
    ----------
    outcome : str
        The 0/1 outcome column.
    n_treated, x_treated, n_control, x_control : int
        Persons and persons with the outcome per group.
    p_treated, p_control : float
        Proportions.
    risk_ratio, rr_ci_low, rr_ci_high : float
        Risk ratio with the Katz log interval.
    risk_difference, rd_ci_low, rd_ci_high : float
        Risk difference with Newcombe's hybrid score interval.
    odds_ratio, or_ci_low, or_ci_high, or_p_value : float
        Adjusted odds ratio of the treated group from the logistic model (Wald interval);
        NaN when its maximum likelihood estimate does not exist (a group with no one or
        everyone with the outcome, or another separation).
    coefficients : DataFrame
        The logistic model's ``term, coef, se, z, p_value, ci_low, ci_high, odds_ratio``.
    covariates : tuple of str
        Adjustment covariates.
    n_model : int
        Rows in the model (rows with a missing covariate are left out and counted).
    n_excluded : dict
        Rows left out and why (``incomplete_follow_up``, ``missing_covariates``).
    confidence : float
        Coverage of the intervals.
    """

    outcome: str
    n_treated: int
    x_treated: int
    p_treated: float
    n_control: int
    x_control: int
    p_control: float
    risk_ratio: float
    rr_ci_low: float
    rr_ci_high: float
    risk_difference: float
    rd_ci_low: float
    rd_ci_high: float
    odds_ratio: float
    or_ci_low: float
    or_ci_high: float
    or_p_value: float
    coefficients: pd.DataFrame
    covariates: tuple[str, ...]
    n_model: int
    n_excluded: dict[str, int]
    confidence: float

    def to_frame(self) -> pd.DataFrame:
        """One row per measure: ``measure, estimate, ci_low, ci_high, method``."""
        return pd.DataFrame(
            {
                "measure": ["p_treated", "p_control", "risk_ratio", "risk_difference",
                            "odds_ratio_adjusted"],
                "estimate": [self.p_treated, self.p_control, self.risk_ratio,
                             self.risk_difference, self.odds_ratio],
                "ci_low": [np.nan, np.nan, self.rr_ci_low, self.rd_ci_low, self.or_ci_low],
                "ci_high": [np.nan, np.nan, self.rr_ci_high, self.rd_ci_high, self.or_ci_high],
                "method": ["", "", "Katz log", "Newcombe hybrid score (Wilson)",
                           "logistic regression, Wald"],
            }
        )  # fmt: skip

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"IPS vs comparison: {self.outcome}",
            figures={"treated": f"{self.x_treated}/{self.n_treated}",
                     "control": f"{self.x_control}/{self.n_control}",
                     "adjusted for": ", ".join(self.covariates) or "nothing"},
            tables={"effects": self.to_frame().set_index("measure")},
            notes=tuple(f"{k}: {v} row(s) left out" for k, v in self.n_excluded.items() if v),
        )  # fmt: skip


def compare_groups(
    data: pd.DataFrame,
    group: str = "group",
    outcome: str = "worked",
    *,
    treated: Any = "ips",
    control: Any = "comparison",
    covariates: Sequence[str] | None = None,
    complete: str | None = "follow_up_complete",
    confidence: float = 0.95,
) -> GroupComparison:
    """Compare a 0/1 outcome between IPS and a comparison group: RR, RD and adjusted OR.

    Parameters
    ----------
    data : DataFrame
        One row per person, e.g. from :func:`vaikuttavuus.ips.employment_outcome`.
    group : str, default "group"
        Column naming the group.
    outcome : str, default "worked"
        0/1 (bool) outcome column.
    treated, control : default "ips", "comparison"
        Values of ``group`` to compare; rows of other groups are ignored.
    covariates : sequence of str, optional
        Adjustment covariates for the logistic model (numeric or bool; text/categorical
        columns become dummies with the first level as reference).
    complete : str or None, default "follow_up_complete"
        Boolean column marking rows with complete follow-up; other rows are left out and
        counted. None uses every row (the column need not exist then).
    confidence : float, default 0.95
        Coverage of all intervals.

    Returns
    -------
    GroupComparison
        Crude risk ratio (Katz log CI), risk difference (Newcombe hybrid score CI from
        Wilson intervals) and the adjusted odds ratio of ``treated`` from a logistic model
        ``outcome ~ treated + covariates`` (statsmodels ``Logit``, Wald CI).

    Warns
    -----
    IPSDataWarning
        When rows with a missing covariate are left out of the model (count given), and when
        the adjusted odds ratio cannot be estimated (zero cell, separation, no convergence):
        it is then NaN.

    References
    ----------
    Katz, D., Baptista, J., Azen, S. P., & Pike, M. C. (1978). Obtaining confidence intervals
    for the risk ratio in cohort studies. Biometrics, 34(3), 469-474.
    Newcombe, R. G. (1998). Interval estimation for the difference between independent
    proportions: comparison of eleven methods. Statistics in Medicine, 17(8), 873-890.
    Seabold, S., & Perktold, J. (2010). statsmodels: Econometric and statistical modeling
    with Python. Proceedings of the 9th Python in Science Conference.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"group": ["ips"] * 100 + ["comparison"] * 100,
    ...                   "worked": [1] * 40 + [0] * 60 + [1] * 25 + [0] * 75,
    ...                   "age": list(range(20, 70)) * 4})
    >>> res = compare_groups(d, covariates=["age"], complete=None)
    >>> round(res.risk_ratio, 3), round(res.rr_ci_low, 3), round(res.rr_ci_high, 3)
    (1.6, 1.056, 2.425)
    >>> round(res.risk_difference, 3), round(res.rd_ci_low, 3), round(res.rd_ci_high, 3)
    (0.15, 0.02, 0.273)
    >>> round(res.odds_ratio, 2)  # crude odds ratio (40/60) / (25/75) = 2.0
    2.27
    """
    import statsmodels.api as sm

    confidence = check_probability("confidence", confidence)
    covariates = (
        []
        if covariates is None
        else [covariates]
        if isinstance(covariates, str)
        else list(covariates)
    )
    cols = [group, outcome, *covariates] + ([complete] if complete is not None else [])
    check_columns(data, cols, "group/outcome/covariates/complete")
    frame = data.loc[data[group].isin([treated, control])].copy()
    for name, value in (("treated", treated), ("control", control)):
        if not (frame[group] == value).any():
            raise ValueError(
                f"{name}={value!r} has no rows in column {group!r}; values there: "
                f"{sorted(map(str, data[group].dropna().unique()))[:10]}."
            )
    excluded = {"incomplete_follow_up": 0, "missing_covariates": 0}
    if complete is not None:
        flags = frame[complete]
        bad = flags.isna() | ~flags.isin([True, False, 0, 1])
        if bad.any():
            raise ValueError(
                f"column {complete!r} must be True/False (complete follow-up or not); "
                f"{int(bad.sum())} row(s) are missing or other values "
                f"(first row labels {list(frame.index[bad.to_numpy()][:5])})."
            )
        ok = flags.astype(bool)
        excluded["incomplete_follow_up"] = int((~ok).sum())
        frame = frame.loc[ok.to_numpy()]
    y = frame[outcome]
    valid = y.isin([0, 1, True, False]) & y.notna()
    if not valid.all():
        raise ValueError(
            f"{outcome!r} must be 0/1 or True/False; {int((~valid).sum())} row(s) are not "
            f"(first row labels {list(frame.index[~valid.to_numpy()][:5])})."
        )
    y = y.astype(int)
    t = (frame[group] == treated).astype(int)
    x1, n1 = int(y[t == 1].sum()), int((t == 1).sum())
    x0, n0 = int(y[t == 0].sum()), int((t == 0).sum())
    if n1 == 0 or n0 == 0:
        raise ValueError("after leaving out incomplete follow-up, a group has no rows.")
    rr = risk_ratio_ci(x1, n1, x0, n0, confidence=confidence)
    rd = risk_difference_ci(x1, n1, x0, n0, confidence=confidence)

    design = pd.DataFrame({"treated": t.astype(float)}, index=frame.index)
    if covariates:
        cov = frame[covariates]
        missing = cov.isna().any(axis=1)
        if missing.any():
            excluded["missing_covariates"] = int(missing.sum())
            warnings.warn(
                f"{int(missing.sum())} row(s) with a missing covariate were left out of the "
                "adjusted model (the crude RR and RD use them).",
                IPSDataWarning,
                stacklevel=2,
            )
        cov = pd.get_dummies(cov, drop_first=True, dtype=float)
        design = design.join(cov.astype(float))
        keep = ~missing.to_numpy()
        design, y_model = design.loc[keep], y.loc[keep]
    else:
        y_model = y
    design = sm.add_constant(design, has_constant="add")
    coef = _logit(y_model.astype(float), design, confidence)
    with np.errstate(over="ignore"):
        coef["odds_ratio"] = np.exp(coef["coef"])
        row = coef.set_index("term").loc["treated"]
        or_ci = (float(np.exp(row["ci_low"])), float(np.exp(row["ci_high"])))
    return GroupComparison(
        outcome=outcome,
        n_treated=n1,
        x_treated=x1,
        p_treated=x1 / n1,
        n_control=n0,
        x_control=x0,
        p_control=x0 / n0,
        risk_ratio=rr[0],
        rr_ci_low=rr[1],
        rr_ci_high=rr[2],
        risk_difference=rd[0],
        rd_ci_low=rd[1],
        rd_ci_high=rd[2],
        odds_ratio=float(np.exp(row["coef"])),
        or_ci_low=or_ci[0],
        or_ci_high=or_ci[1],
        or_p_value=float(row["p_value"]),
        coefficients=coef,
        covariates=tuple(covariates),
        n_model=int(len(design)),
        n_excluded=excluded,
        confidence=confidence,
    )
