"""Case-mix adjustment: risk-adjusted provider rates (indirect standardisation), provider
effects on the log-odds scale, and the outcome-based versus fixed-price contract comparison.

All models are logistic regressions fitted with statsmodels on the ENDED episodes of all
providers (active episodes have no outcome yet). Default case mix: age, sex, months
unemployed before (as ``log(1 + months)``), mother tongue group, prior services and service
type (:data:`~vaikuttavuus.compensation.DEFAULT_COVARIATES`). Repeated episodes of one
client are treated as independent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import special, stats

from .._results import Summary
from .._validation import check_probability
from ..funnel import funnel_data
from ..proportions import proportion_ci
from . import _design as D
from ._constants import DEFAULT_COVARIATES
from ._result import TableResult
from .payments import _validated

__all__ = [
    "ContractComparison",
    "RiskAdjustedRates",
    "compare_contracts",
    "risk_adjusted_rates",
]


@dataclass(frozen=True, eq=False)
class RiskAdjustedRates(TableResult):
    """Risk-adjusted outcome rates by provider (indirect standardisation).

    Attributes
    ----------
    table : DataFrame
        Per provider: ``ended``, ``outcomes``, ``rate``, ``expected`` (sum of predicted
        probabilities), ``oe_ratio`` (observed/expected), ``adjusted_rate`` (``O/E × overall
        rate``), ``adjusted_low``/``adjusted_high`` (the Wilson interval of the crude rate
        scaled by ``n × overall / E``; ``E`` is treated as fixed, as usual in indirect
        standardisation).
    effects : DataFrame
        Provider effects on the log-odds scale from a second model with provider dummies
        (reference: the first estimable provider in sort order): ``provider``, ``log_odds``,
        ``se``, ``ci_low``, ``ci_high``, ``odds_ratio``; NaN for providers with fewer than 10
        ended episodes or without both outcomes (left out of that model).
    model : DataFrame
        Coefficients of the case-mix model (``term``, ``coef``, ``se``, ``ci_low``, ``ci_high``).
    funnel : DataFrame
        :func:`~vaikuttavuus.funnel.funnel_data` of the adjusted rates (additive
        over-dispersion).
    overall_rate : float
        Outcomes / ended episodes.
    n_ended, n_active : int
        Episodes in the model; active episodes left out.
    covariates : tuple of str
        Case-mix covariates.
    confidence : float
        Coverage of the intervals.
    """

    table: pd.DataFrame
    effects: pd.DataFrame
    model: pd.DataFrame
    funnel: pd.DataFrame
    overall_rate: float
    n_ended: int
    n_active: int
    covariates: tuple[str, ...]
    confidence: float

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Risk-adjusted outcome rates (indirect standardisation)",
            figures={
                **self._fields("overall_rate", "n_ended", "n_active"),
                "covariates": ", ".join(self.covariates),
            },
            tables={"providers": self.table, "provider effects (log-odds)": self.effects},
        )


def risk_adjusted_rates(
    episodes: pd.DataFrame,
    *,
    covariates: Sequence[str] = DEFAULT_COVARIATES,
    confidence: float = 0.95,
) -> RiskAdjustedRates:
    """Risk-adjusted provider outcome rates by indirect standardisation.

    A logistic model of the outcome on the case-mix covariates (no provider terms) is fitted on
    all providers' ended episodes; a provider's expected outcomes ``E`` are the sum of its
    clients' predicted probabilities, and its adjusted rate is ``O/E`` times the overall rate.
    A second model adds provider dummies and gives each provider's adjusted effect on the
    log-odds scale.

    Parameters
    ----------
    episodes : DataFrame
        Episodes with the covariate columns.
    covariates : sequence of str, default DEFAULT_COVARIATES
        Case-mix covariates (from age, sex, months_unemployed, mother_tongue,
        prior_services, service_type, contract_type; not provider).
    confidence : float, default 0.95
        Coverage of the intervals.

    Returns
    -------
    RiskAdjustedRates

    References
    ----------
    Iezzoni, L. I. (ed.) (2013). *Risk Adjustment for Measuring Health Care Outcomes*, 4th ed.
    Health Administration Press. Spiegelhalter, D. J. (2005). *Statistics in Medicine*, 24,
    1185-1202.

    Examples
    --------
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> res = risk_adjusted_rates(simulate_episodes(monthly_clients=400, seed=4))
    >>> list(res.table.columns[:5])
    ['provider', 'ended', 'outcomes', 'rate', 'expected']
    """
    confidence = check_probability("confidence", confidence)
    cov = D.check_covariates(covariates, forbid=("provider",))
    ep = _validated(episodes)
    sub, y = D.ended(ep, cov)
    z = stats.norm.isf((1 - confidence) / 2)
    x, names = D.design(sub, cov, y=y)
    fit = D.fit_logit(y, x, names)
    p = special.expit(x @ np.asarray(fit.params))
    prov = sub["provider"].to_numpy()
    frame = pd.DataFrame({"provider": prov, "outcome": y, "p": p})
    g = frame.groupby("provider", sort=True).agg(
        ended=("outcome", "size"), outcomes=("outcome", "sum"), expected=("p", "sum")
    )
    overall = float(y.mean())
    n, o, e = g["ended"].to_numpy(), g["outcomes"].to_numpy(), g["expected"].to_numpy()
    lo, hi = proportion_ci(o, n, confidence=confidence)
    scale = n * overall / e
    table = pd.DataFrame(
        {
            "provider": g.index.to_numpy(),
            "ended": n.astype(np.int64),
            "outcomes": o.astype(np.int64),
            "rate": o / n,
            "expected": e,
            "oe_ratio": o / e,
            "adjusted_rate": o / e * overall,
            "adjusted_low": lo * scale,
            "adjusted_high": hi * scale,
        }
    )
    effects = _provider_effects(sub, y, cov, z, list(g.index))
    funnel = funnel_data(frame, "provider", "outcome", expected="p")
    return RiskAdjustedRates(
        table=table,
        effects=effects,
        model=D.coef_table(fit, names, z),
        funnel=funnel,
        overall_rate=overall,
        n_ended=len(sub),
        n_active=int(len(ep) - len(sub)),
        covariates=tuple(cov),
        confidence=confidence,
    )


def _provider_effects(
    sub: pd.DataFrame, y: np.ndarray, cov: list[str], z: float, providers: list
) -> pd.DataFrame:
    """Provider log-odds effects (reference: first provider). Providers with fewer than
    ``MIN_LEVEL`` ended episodes or without both outcomes are left out of this model (NaN)."""
    frame = pd.DataFrame({"p": sub["provider"].to_numpy(), "y": y})
    stats_ = frame.groupby("p")["y"].agg(["size", "min", "max"])
    ok = stats_.index[(stats_["size"] >= D.MIN_LEVEL) & (stats_["min"] < stats_["max"])]
    rows = sub["provider"].isin(ok).to_numpy()
    out = pd.DataFrame({"provider": providers})
    for col in ("log_odds", "se", "ci_low", "ci_high", "odds_ratio"):
        out[col] = np.nan
    if len(ok) < 2:
        return out
    xe, names_e = D.design(sub[rows], cov, dummies="provider", y=y[rows])
    coefs = D.coef_table(D.fit_logit(y[rows], xe, names_e), names_e, z)
    eff = coefs[coefs["term"].str.startswith("provider[")]
    est = dict(zip(eff["term"].str[len("provider[") : -1], eff.itertuples(), strict=True))
    for i, prov in enumerate(providers):
        if prov == ok[0]:
            out.loc[i, ["log_odds", "se", "ci_low", "ci_high"]] = 0.0
        elif prov in est:
            r = est[prov]
            out.loc[i, ["log_odds", "se", "ci_low", "ci_high"]] = [
                r.coef,
                r.se,
                r.ci_low,
                r.ci_high,
            ]
    out["odds_ratio"] = np.exp(out["log_odds"])
    return out


#: The caveats of every contract comparison (English; reports use ``CAVEAT_CODES``).
CAVEATS = (
    "Observational comparison: contract type was not randomised. The difference is adjusted for "
    "case mix, but unmeasured differences between clients may explain it.",
    "Deadweight: some moves to work, education or a work trial would have happened without the "
    "service, so outcome-based payments also pay for outcomes the service did not cause.",
)
#: Codes of :data:`CAVEATS`, in the same order (message keys ``compensation.<code>``).
CAVEAT_CODES = ("observational", "deadweight")


@dataclass(frozen=True, eq=False)
class ContractComparison(TableResult):
    """Outcome-based versus fixed-price contracts (observational).

    Attributes
    ----------
    table : DataFrame
        One row per method: ``method`` (``crude``, ``logistic_standardised``, ``ipw``),
        ``estimate`` (risk difference, outcome-based − fixed), ``se``, ``ci_low``,
        ``ci_high``, ``rate_outcome_based``, ``rate_fixed``.
    odds_ratio, odds_ratio_low, odds_ratio_high : float
        Conditional odds ratio of the contract term in the logistic model.
    n_outcome_based, n_fixed : int
        Ended episodes per arm.
    propensity_range : tuple of float
        Smallest and largest estimated propensity (positivity check).
    effective_sample_size : float
        Kish effective sample size of the IPW weights.
    notes : tuple of str
        The observational label and the deadweight caveat (English; reports show them in
        their language from the codes in ``caveats``).
    covariates : tuple of str
        Adjustment covariates.
    confidence : float
        Coverage of the intervals.
    """

    table: pd.DataFrame
    odds_ratio: float
    odds_ratio_low: float
    odds_ratio_high: float
    n_outcome_based: int
    n_fixed: int
    propensity_range: tuple[float, float]
    effective_sample_size: float
    notes: tuple[str, ...]
    covariates: tuple[str, ...]
    confidence: float

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Outcome-based vs fixed-price contracts (observational)",
            figures=self._fields("odds_ratio", "n_outcome_based", "n_fixed"),
            tables={"risk difference": self.table},
            notes=self.notes,
        )


def compare_contracts(
    episodes: pd.DataFrame,
    *,
    covariates: Sequence[str] = DEFAULT_COVARIATES,
    confidence: float = 0.95,
) -> ContractComparison:
    """Adjusted difference in outcome rates between outcome-based and fixed-price contracts.

    Logistic regression of the outcome on the contract type and the covariates; the adjusted
    risk difference is the mean predicted probability with every ended episode set to
    outcome-based minus set to fixed (marginal standardisation), with a delta-method interval
    from the model's covariance matrix. As a check, inverse-probability weighting: a logistic
    propensity model of the contract type on the same covariates, weights ``1/e`` and
    ``1/(1-e)``, Hajek means, and a sandwich standard error that treats the weights as known
    (conservative for the average treatment effect).

    Parameters
    ----------
    episodes : DataFrame
        Episodes with both contract types and the covariate columns.
    covariates : sequence of str, default DEFAULT_COVARIATES
        Adjustment covariates (``contract_type`` is not allowed: it is the comparison). Add
        ``"provider"`` to compare contracts within providers (provider dummies).
    confidence : float, default 0.95
        Coverage of the intervals.

    Returns
    -------
    ContractComparison

    References
    ----------
    Muller, C. J., & MacLehose, R. F. (2014). Estimating predicted probabilities from logistic
    regression: different methods correspond to different target populations. *International
    Journal of Epidemiology*, 43(3), 962-970.
    Austin, P. C., & Stuart, E. A. (2015). Moving towards best practice when using inverse
    probability of treatment weighting. *Statistics in Medicine*, 34(28), 3661-3679.

    Examples
    --------
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> res = compare_contracts(simulate_episodes(monthly_clients=400, seed=4))
    >>> res.table["method"].tolist()
    ['crude', 'logistic_standardised', 'ipw']
    >>> res.notes[0][:13]
    'Observational'
    """
    confidence = check_probability("confidence", confidence)
    cov = D.check_covariates(covariates, forbid=("contract_type",))
    ep = _validated(episodes)
    sub, y = D.ended(ep, cov)
    t = (sub["contract_type"] == "outcome_based").to_numpy(dtype=np.float64)
    n1, n0 = int(t.sum()), int(len(t) - t.sum())
    if min(n1, n0) == 0:
        raise ValueError(
            "compare_contracts needs ended episodes under both contract types; "
            f"got {n1} outcome-based and {n0} fixed."
        )
    z = stats.norm.isf((1 - confidence) / 2)
    xc, names = D.design(sub, cov, y=y)
    x = np.column_stack([xc[:, :1], t, xc[:, 1:]])
    fit = D.fit_logit(y, x, [names[0], "contract_type[outcome_based]", *names[1:]])
    beta = np.asarray(fit.params)
    x1, x0 = x.copy(), x.copy()
    x1[:, 1], x0[:, 1] = 1.0, 0.0
    p1, p0 = special.expit(x1 @ beta), special.expit(x0 @ beta)
    rd = float(np.mean(p1 - p0))
    grad = ((p1 * (1 - p1))[:, None] * x1 - (p0 * (1 - p0))[:, None] * x0).mean(axis=0)
    se_rd = float(np.sqrt(grad @ np.asarray(fit.cov_params()) @ grad))
    b, se_b = float(beta[1]), float(np.asarray(fit.bse)[1])

    ps = D.fit_logit(t, xc, names)
    e = special.expit(xc @ np.asarray(ps.params))
    w = np.where(t == 1, 1 / e, 1 / (1 - e))
    w1, w0 = w * t, w * (1 - t)
    mu1, mu0 = float(w1 @ y / w1.sum()), float(w0 @ y / w0.sum())
    var1 = float(np.sum(w1**2 * (y - mu1) ** 2) / w1.sum() ** 2)
    var0 = float(np.sum(w0**2 * (y - mu0) ** 2) / w0.sum() ** 2)
    se_ipw = float(np.sqrt(var1 + var0))

    r1, r0 = float(y[t == 1].mean()), float(y[t == 0].mean())
    se_crude = float(np.sqrt(r1 * (1 - r1) / n1 + r0 * (1 - r0) / n0))
    rows = [
        ("crude", r1 - r0, se_crude, r1, r0),
        ("logistic_standardised", rd, se_rd, float(p1.mean()), float(p0.mean())),
        ("ipw", mu1 - mu0, se_ipw, mu1, mu0),
    ]
    table = pd.DataFrame(
        [
            {
                "method": m,
                "estimate": est,
                "se": se,
                "ci_low": est - z * se,
                "ci_high": est + z * se,
                "rate_outcome_based": a,
                "rate_fixed": c,
            }
            for m, est, se, a, c in rows
        ]
    )
    return ContractComparison(
        table=table,
        odds_ratio=float(np.exp(b)),
        odds_ratio_low=float(np.exp(b - z * se_b)),
        odds_ratio_high=float(np.exp(b + z * se_b)),
        n_outcome_based=n1,
        n_fixed=n0,
        propensity_range=(float(e.min()), float(e.max())),
        effective_sample_size=float(w.sum() ** 2 / np.sum(w**2)),
        notes=CAVEATS,
        covariates=tuple(cov),
        confidence=confidence,
    )
