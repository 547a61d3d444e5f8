"""Risk adjustment and the contract comparison against independent statsmodels fits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import special

from vaikuttavuus.compensation import (
    DEFAULT_COVARIATES,
    ModelError,
    SparseLevelWarning,
    compare_contracts,
    risk_adjusted_rates,
    simulate_episodes,
)

FORMULA = (
    "y ~ age + C(sex, Treatment('female')) + np.log1p(months_unemployed)"
    " + C(mother_tongue, Treatment('fi')) + prior_services + C(service_type, Treatment('1A'))"
)


@pytest.fixture(scope="module")
def episodes() -> pd.DataFrame:
    return simulate_episodes(monthly_clients=800, seed=31)


def _ended(ep: pd.DataFrame) -> pd.DataFrame:
    d = ep[ep["end_status"] != "active"].copy()
    d["y"] = d["end_status"].isin(["work", "education", "work_trial"]).astype(float)
    d["t"] = (d["contract_type"] == "outcome_based").astype(float)
    return d


def test_indirect_standardisation_vs_formula_fit(episodes) -> None:
    res = risk_adjusted_rates(episodes)
    d = _ended(episodes)
    fit = smf.logit(FORMULA, d).fit(disp=0)
    d["p"] = fit.predict(d)
    g = d.groupby("provider").agg(o=("y", "sum"), e=("p", "sum"), n=("y", "size"))
    overall = d["y"].mean()
    t = res.table.set_index("provider")
    np.testing.assert_allclose(t["expected"], g["e"], rtol=1e-6)
    np.testing.assert_allclose(t["adjusted_rate"], g["o"] / g["e"] * overall, rtol=1e-6)
    # logistic MLE with an intercept: expected outcomes sum to the observed ones
    assert t["expected"].sum() == pytest.approx(t["outcomes"].sum(), rel=1e-8)
    assert res.n_active == int((episodes["end_status"] == "active").sum())
    # funnel of the adjusted rates uses the same figures
    np.testing.assert_allclose(res.funnel["rate"], t["adjusted_rate"], rtol=1e-12)


def test_logistic_adjustment_recovers_known_provider_effects() -> None:
    truth = {
        "Provider A": 0.0,
        "Provider B": 0.6,
        "Provider C": -0.5,
        "Provider D": 0.3,
        "Provider E": -0.2,
        "Provider F": 0.45,
    }
    ep = simulate_episodes(seed=41, provider_effects=truth)
    res = risk_adjusted_rates(ep, covariates=(*DEFAULT_COVARIATES, "contract_type"))
    eff = res.effects.set_index("provider")
    for provider, value in truth.items():
        err = eff.loc[provider, "log_odds"] - (value - truth["Provider A"])
        if provider != "Provider A":
            assert abs(err) < 3 * eff.loc[provider, "se"], provider
    # the crude log-odds differ from the truth more (providers differ in case mix)
    crude = res.table.set_index("provider")["rate"]
    crude_lo = special.logit(crude) - special.logit(crude["Provider A"])
    adj_err = np.abs(eff["log_odds"] - pd.Series(truth)).sum()
    crude_err = np.abs(crude_lo - pd.Series(truth)).sum()
    assert adj_err < crude_err


def test_contract_comparison_vs_independent_computation(episodes) -> None:
    res = compare_contracts(episodes)
    d = _ended(episodes)
    fit = smf.logit(FORMULA.replace("y ~ ", "y ~ t + "), d).fit(disp=0)
    p1, p0 = fit.predict(d.assign(t=1.0)), fit.predict(d.assign(t=0.0))
    row = res.table.set_index("method").loc["logistic_standardised"]
    assert row["estimate"] == pytest.approx((p1 - p0).mean(), abs=1e-8)
    # delta method vs a numerical gradient of the standardised difference
    beta = fit.params.to_numpy()
    x1 = fit.model.data.orig_exog.assign(t=1.0)[fit.params.index].to_numpy()
    x0 = fit.model.data.orig_exog.assign(t=0.0)[fit.params.index].to_numpy()

    def rd(b):
        return np.mean(special.expit(x1 @ b) - special.expit(x0 @ b))

    grad = np.array([(rd(beta + h) - rd(beta - h)) / 2e-6 for h in np.eye(len(beta)) * 1e-6])
    se = np.sqrt(grad @ fit.cov_params().to_numpy() @ grad)
    assert row["se"] == pytest.approx(se, rel=1e-5)
    assert res.odds_ratio == pytest.approx(np.exp(fit.params["t"]), rel=1e-6)
    # IPW: Hajek means with weights from an independent propensity fit
    ps = smf.logit(FORMULA.replace("y ~ ", "t ~ "), d).fit(disp=0).predict(d)
    w = np.where(d["t"] == 1, 1 / ps, 1 / (1 - ps))
    t1 = d["t"].to_numpy() == 1
    mu1 = np.sum(w[t1] * d["y"][t1]) / w[t1].sum()
    mu0 = np.sum(w[~t1] * d["y"][~t1]) / w[~t1].sum()
    ipw = res.table.set_index("method").loc["ipw"]
    assert ipw["estimate"] == pytest.approx(mu1 - mu0, abs=1e-8)
    crude = res.table.set_index("method").loc["crude"]
    assert crude["estimate"] == pytest.approx(d["y"][t1].mean() - d["y"][~t1].mean(), abs=1e-12)
    assert res.notes[0].startswith("Observational") and "Deadweight" in res.notes[1]


def test_contract_effect_recovered_within_providers() -> None:
    ep = simulate_episodes(seed=43, contract_effect=0.4)
    res = compare_contracts(ep, covariates=(*DEFAULT_COVARIATES, "provider"))
    se = np.log(res.odds_ratio_high / res.odds_ratio) / 1.959963984540054
    assert abs(np.log(res.odds_ratio) - 0.4) < 3 * se
    assert "deadweight" in res.notes[1].lower()  # Finnish text names it too


def test_bad_input(episodes) -> None:
    with pytest.raises(ValueError, match="not allowed here; choose from"):
        compare_contracts(episodes, covariates=["contract_type"])
    with pytest.raises(ValueError, match="not allowed here"):
        risk_adjusted_rates(episodes, covariates=["provider"])
    with pytest.raises(ValueError, match=r"missing covariate values .*first episode_id"):
        risk_adjusted_rates(
            episodes.assign(age=np.where(np.arange(len(episodes)) < 3, np.nan, episodes["age"]))
        )
    with pytest.raises(ValueError, match="both contract types"):
        compare_contracts(episodes.assign(contract_type="fixed"))
    by_service = episodes.assign(
        contract_type=np.where(
            episodes["service_type"].isin(["1A", "1B"]), "outcome_based", "fixed"
        )
    )
    with pytest.raises(ModelError, match="collinear"):
        compare_contracts(by_service)
    with pytest.raises(ModelError, match="same value in every ended episode"):
        compare_contracts(episodes.assign(age=40.0))
    with pytest.raises(TypeError, match="language"):  # analysis takes no language
        compare_contracts(episodes, language="fi")


def test_rare_levels_are_merged_with_a_warning(episodes) -> None:
    ep = episodes.copy()
    ep["mother_tongue"] = "fi"
    ep.loc[ep.index[:3], "mother_tongue"] = "sv"
    n_sv = int((ep.loc[ep.index[:3], "end_status"] != "active").sum())
    with pytest.warns(SparseLevelWarning, match=rf"mother_tongue=sv \({n_sv}\)"):
        res = risk_adjusted_rates(ep)
    assert "mother_tongue[sv]" not in res.model["term"].tolist()
    assert "mother_tongue[other]" not in res.model["term"].tolist()  # absent level: no term


def test_design_is_column_major_and_rank_sees_exact_collinearity():
    from vaikuttavuus.compensation import _design as D

    rng = np.random.default_rng(0)
    a = (rng.random(500) < 0.3).astype(float)
    cols = [np.ones(500), a, rng.normal(size=500)]
    x = D.stack_columns(cols)
    assert x.flags.f_contiguous and np.array_equal(x, np.column_stack(cols))
    assert D._rank(x) == 3
    assert D._rank(D.stack_columns([*cols, 1.0 - a])) == 3  # a + (1 - a) = intercept


def test_summary_figures_are_the_fields(episodes) -> None:
    res = risk_adjusted_rates(episodes)
    figures = res.summary().figures
    assert list(figures) == ["overall_rate", "n_ended", "n_active", "covariates"]
    assert figures["n_ended"] == res.n_ended and figures["covariates"] == ", ".join(res.covariates)
    pd.testing.assert_frame_equal(res.to_frame(), res.table)
    cmp = compare_contracts(episodes)
    assert cmp.summary().figures == {
        "odds_ratio": cmp.odds_ratio,
        "n_outcome_based": cmp.n_outcome_based,
        "n_fixed": cmp.n_fixed,
    }
