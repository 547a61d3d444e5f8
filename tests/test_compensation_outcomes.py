"""Provider outcome rates (vs statsmodels), empirical Bayes (vs an independent ML fit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, stats
from statsmodels.stats.proportion import proportion_confint

from vaikuttavuus.compensation import outcome_rates, shrunk_rates, simulate_episodes


@pytest.fixture(scope="module")
def episodes() -> pd.DataFrame:
    return simulate_episodes(monthly_clients=300, seed=21)


def test_rates_and_intervals_vs_statsmodels(episodes) -> None:
    res = outcome_rates(episodes)
    t = res.table.set_index("provider")
    for provider, g in episodes.groupby("provider"):
        ended = g[g["end_status"] != "active"]
        x = int(ended["end_status"].isin(["work", "education", "work_trial"]).sum())
        n = len(ended)
        assert t.loc[provider, "ended"] == n and t.loc[provider, "outcomes"] == x
        assert t.loc[provider, "active"] == int((g["end_status"] == "active").sum())
        lo, hi = proportion_confint(x, n, method="wilson")
        assert t.loc[provider, "wilson_low"] == pytest.approx(lo, abs=1e-12)
        assert t.loc[provider, "wilson_high"] == pytest.approx(hi, abs=1e-12)
        lo, hi = proportion_confint(x, n, method="beta")
        assert t.loc[provider, "cp_low"] == pytest.approx(lo, abs=1e-12)
        assert t.loc[provider, "cp_high"] == pytest.approx(hi, abs=1e-12)
    assert res.active == int((episodes["end_status"] == "active").sum())
    assert res.ended + res.active == len(episodes)
    by_contract = outcome_rates(episodes, by="contract_type")
    assert set(by_contract.table["contract_type"]) == {"fixed", "outcome_based"}
    with pytest.raises(ValueError, match="'provider', 'service_type', 'contract_type'"):
        outcome_rates(episodes, by="client_id")


def test_empirical_bayes_vs_independent_ml(episodes) -> None:
    res = shrunk_rates(episodes)
    t = res.table
    x, n = t["outcomes"].to_numpy(), t["ended"].to_numpy()

    def nll(theta):
        a, b = np.exp(theta)
        return -stats.betabinom.logpmf(x, n, a, b).sum()

    fit = optimize.minimize(
        nll,
        np.log([20.0, 30.0]),
        method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000},
    )
    a, b = np.exp(fit.x)
    assert res.prior_mean == pytest.approx(a / (a + b), abs=1e-4)
    assert res.prior_precision == pytest.approx(a + b, rel=1e-2)
    np.testing.assert_allclose(t["shrunk_rate"], (x + a) / (n + a + b), atol=1e-4)
    aa, bb = res.prior_mean * res.prior_precision, (1 - res.prior_mean) * res.prior_precision
    np.testing.assert_allclose(t["shrunk_low"], stats.beta.ppf(0.025, x + aa, n - x + bb))
    # shrinkage: every shrunk rate lies between the crude rate and the prior mean
    lo = np.minimum(t["rate"], res.prior_mean) - 1e-12
    hi = np.maximum(t["rate"], res.prior_mean) + 1e-12
    assert ((t["shrunk_rate"] >= lo) & (t["shrunk_rate"] <= hi)).all()


def test_no_overdispersion_shrinks_to_the_mean() -> None:
    ep = simulate_episodes(
        monthly_clients=300,
        seed=2,
        provider_effects=[0.0] * 6,
        contract_effect=0.0,
        outcome_share=0.5,
    )
    ep = ep.assign(service_type="1A", age=40.0)
    res = shrunk_rates(ep)
    assert res.table["weight"].max() < 0.5  # pulled strongly towards the common mean
    with pytest.raises(ValueError, match="at least two"):
        shrunk_rates(ep.assign(provider="only"))


def _counts_to_episodes(outcomes: list[int], ended: list[int]) -> pd.DataFrame:
    rows = []
    for i, (x, n) in enumerate(zip(outcomes, ended, strict=True)):
        for j in range(n):
            k = len(rows)
            status = "work" if j < x else "unemployment"
            rows.append(
                (f"e{k}", f"c{k}", f"P{i}", "1A", "fixed", "2019-01-01", "2019-02-01", status)
            )
    cols = ["episode_id", "client_id", "provider", "service_type", "contract_type"]
    return pd.DataFrame(rows, columns=[*cols, "start", "end", "end_status"])


@pytest.mark.parametrize(
    ("outcomes", "ended"), [([30, 30, 30], [100, 100, 100]), ([2, 1], [5, 3]), ([12, 24], [40, 80])]
)
def test_no_extra_binomial_variation_reaches_the_precision_bound(outcomes, ended) -> None:
    # regression: with rates as equal as binomial noise allows, the beta-binomial likelihood
    # rises monotonically towards infinite precision; the optimiser stopped on the flat slope
    # (a + b of 7e4-3e5) and at_bound was False
    x, n = np.array(outcomes, float), np.array(ended, float)
    pooled = x.sum() / n.sum()
    ll = [stats.betabinom.logpmf(x, n, pooled * m, (1 - pooled) * m).sum() for m in (1e2, 1e4, 1e6)]
    assert ll[0] < ll[1] < ll[2]  # the profile likelihood keeps increasing
    res = shrunk_rates(_counts_to_episodes(outcomes, ended))
    assert res.at_bound and res.prior_precision == pytest.approx(1e6, rel=1e-12)
    assert res.prior_mean == pytest.approx(pooled, abs=1e-12)
    a, b = pooled * 1e6, (1 - pooled) * 1e6
    np.testing.assert_allclose(res.table["shrunk_rate"], (x + a) / (n + a + b), rtol=0, atol=1e-10)
    np.testing.assert_allclose(res.table["weight"], n / (n + 1e6), rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    ("outcomes", "ended", "match"),
    [
        ([0, 0, 0], [10, 20, 30], "both outcomes and non-outcomes"),
        ([10, 20], [10, 20], "both outcomes and non-outcomes"),
        ([0, 1, 1], [1, 1, 1], "not identified"),
    ],
)
def test_degenerate_empirical_bayes_is_refused(outcomes, ended, match) -> None:
    # regression: all-zero outcomes gave a prior mean of 5e-9 and posterior intervals [0, 0]
    # for every provider; one episode per group returned the optimiser's start value a+b=50
    with pytest.raises(ValueError, match=match):
        shrunk_rates(_counts_to_episodes(outcomes, ended))


def test_summary_figures_are_the_fields_and_frames_are_copies(episodes) -> None:
    rates = outcome_rates(episodes)
    assert rates.summary().figures == {
        "overall_rate": rates.overall_rate,
        "ended": rates.ended,
        "active": rates.active,
    }
    shrunk = shrunk_rates(episodes)
    assert list(shrunk.summary().figures) == ["prior_mean", "prior_precision"]
    assert shrunk.summary().figures["prior_mean"] == shrunk.prior_mean
    for res in (rates, shrunk):
        frame = res.to_frame()
        pd.testing.assert_frame_equal(frame, res.table)
        frame.iloc[0, 1] = -1
        assert res.table.iloc[0, 1] != -1  # a copy, not the result's own table
    assert "overall_rate" in str(rates)
    assert rates.summary().title == "Outcome rates by provider"
    assert shrunk.summary().title == "Empirical-Bayes outcome rates by provider"
    assert list(shrunk.summary().tables) == ["rates"]
