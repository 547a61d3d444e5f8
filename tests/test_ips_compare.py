"""IPS vs comparison: RR (Katz), RD (Newcombe) against hand formulas and statsmodels; the
adjusted logistic model against statsmodels; benchmarks and site placement."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

from vaikuttavuus.ips import (
    IPSDataWarning,
    QuarterlyMetrics,
    compare_groups,
    effect_benchmarks,
    employment_benchmarks,
    place_sites,
    risk_difference_ci,
    risk_ratio_ci,
)

Z = stats.norm.ppf(0.975)


def test_risk_ratio_hand():
    # 40/100 vs 25/100: log RR = log 1.6; se = sqrt(1/40 - 1/100 + 1/25 - 1/100)
    rr, lo, hi = risk_ratio_ci(40, 100, 25, 100)
    se = np.sqrt(1 / 40 - 1 / 100 + 1 / 25 - 1 / 100)
    assert rr == pytest.approx(1.6, abs=1e-12)
    assert lo == pytest.approx(1.6 * np.exp(-Z * se), abs=1e-12)
    assert hi == pytest.approx(1.6 * np.exp(Z * se), abs=1e-12)


def test_risk_difference_hand():
    # Newcombe method 10 from Wilson limits written out
    def wilson(x, n):
        p = x / n
        centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
        half = Z * np.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
        return centre - half, centre + half

    (l1, u1), (l0, u0) = wilson(40, 100), wilson(25, 100)
    rd, lo, hi = risk_difference_ci(40, 100, 25, 100)
    assert rd == pytest.approx(0.15, abs=1e-12)
    assert lo == pytest.approx(0.15 - np.sqrt((0.4 - l1) ** 2 + (u0 - 0.25) ** 2), abs=1e-12)
    assert hi == pytest.approx(0.15 + np.sqrt((u1 - 0.4) ** 2 + (0.25 - l0) ** 2), abs=1e-12)


@pytest.mark.parametrize(("x1", "n1", "x0", "n0"), [(40, 100, 25, 100), (3, 17, 9, 11),
                                                    (120, 300, 50, 210), (1, 5, 4, 5)])  # fmt: skip
@pytest.mark.parametrize("confidence", [0.9, 0.95])
def test_against_statsmodels(x1, n1, x0, n0, confidence):
    alpha = 1 - confidence
    _, lo, hi = risk_ratio_ci(x1, n1, x0, n0, confidence=confidence)
    sm_lo, sm_hi = confint_proportions_2indep(x1, n1, x0, n0, compare="ratio", method="log",
                                              alpha=alpha)  # fmt: skip
    np.testing.assert_allclose([lo, hi], [sm_lo, sm_hi], rtol=0, atol=1e-10)
    _, lo, hi = risk_difference_ci(x1, n1, x0, n0, confidence=confidence)
    sm_lo, sm_hi = confint_proportions_2indep(x1, n1, x0, n0, compare="diff", method="newcomb",
                                              alpha=alpha)  # fmt: skip
    np.testing.assert_allclose([lo, hi], [sm_lo, sm_hi], rtol=0, atol=1e-10)


def test_zero_events_gives_nan_ratio_interval():
    rr, lo, hi = risk_ratio_ci(0, 10, 3, 10)
    assert rr == 0 and np.isnan(lo) and np.isnan(hi)


@pytest.mark.parametrize(("args", "err"), [((5, 4, 1, 10), ValueError), ((1.5, 4, 1, 10), TypeError),
                                            ((1, 0, 1, 10), ValueError)])  # fmt: skip
def test_bad_counts(args, err):
    with pytest.raises(err):
        risk_ratio_ci(*args)


def _frame(seed=1, n=600):
    rng = np.random.default_rng(seed)
    group = np.where(rng.random(n) < 0.5, "ips", "comparison")
    age = rng.integers(20, 60, n)
    edu = rng.choice(["basic", "secondary", "tertiary"], n)
    logit = -1.0 + 0.7 * (group == "ips") - 0.02 * (age - 40) + 0.3 * (edu == "tertiary")
    worked = rng.random(n) < 1 / (1 + np.exp(-logit))
    complete = rng.random(n) < 0.9
    return pd.DataFrame({"group": group, "worked": worked, "age": age, "education": edu,
                         "follow_up_complete": complete})  # fmt: skip


def test_compare_groups_counts_and_model():
    d = _frame()
    res = compare_groups(d, covariates=["age", "education"])
    used = d[d["follow_up_complete"]]
    x1 = int(used.loc[used.group == "ips", "worked"].sum())
    n1 = int((used.group == "ips").sum())
    x0 = int(used.loc[used.group == "comparison", "worked"].sum())
    n0 = int((used.group == "comparison").sum())
    assert (res.x_treated, res.n_treated, res.x_control, res.n_control) == (x1, n1, x0, n0)
    assert res.n_excluded["incomplete_follow_up"] == int((~d["follow_up_complete"]).sum())
    assert res.risk_ratio == pytest.approx((x1 / n1) / (x0 / n0), abs=1e-12)
    # the same model fitted directly with statsmodels
    X = pd.DataFrame({"treated": (used.group == "ips").astype(float), "age": used["age"],
                      "education_secondary": (used.education == "secondary").astype(float),
                      "education_tertiary": (used.education == "tertiary").astype(float)})  # fmt: skip
    fit = sm.Logit(used["worked"].astype(float), sm.add_constant(X)).fit(disp=0)
    assert res.odds_ratio == pytest.approx(np.exp(fit.params["treated"]), rel=1e-8)
    lo, hi = np.exp(fit.conf_int().loc["treated"])
    assert (res.or_ci_low, res.or_ci_high) == (
        pytest.approx(lo, rel=1e-8),
        pytest.approx(hi, rel=1e-8),
    )
    assert res.n_model == len(used)
    assert set(res.to_frame()["measure"]) >= {"risk_ratio", "odds_ratio_adjusted"}


def test_missing_covariates_are_counted_and_warned():
    d = _frame()
    d.loc[d.index[:7], "age"] = np.nan
    with pytest.warns(UserWarning, match="7 row"):
        res = compare_groups(d, covariates=["age"], complete=None)
    assert res.n_excluded["missing_covariates"] == 7 and res.n_model == len(d) - 7
    assert res.n_treated + res.n_control == len(d)  # crude figures keep them


def test_compare_groups_bad_input():
    d = _frame()
    with pytest.raises(ValueError, match="treated='IPS' has no rows"):
        compare_groups(d, treated="IPS")
    with pytest.raises(ValueError, match="not in data"):
        compare_groups(d, covariates=["sex"])
    bad = d.assign(worked=d["worked"].astype(object))
    bad.loc[3, "worked"] = "yes"
    with pytest.raises(ValueError, match="'worked' must be 0/1"):
        compare_groups(bad, complete=None)


def test_benchmarks_have_sources():
    eb = employment_benchmarks("fi")
    assert eb["value"].tolist() == [0.31, 0.41, 0.50]
    assert eb["source"].str.contains("Becker").all()
    rr = effect_benchmarks()
    assert rr["rr"].between(1.6, 2.5).all() and rr["source"].str.contains("doi.org").all()
    assert (rr["ci_low"] < rr["rr"]).all() and (rr["rr"] < rr["ci_high"]).all()


def test_place_sites_boundaries():
    # pooled over the last 2 quarters: A 62/200 = 0.31 (minimum), B 81/200 = 0.405,
    # C 0.41 (average), D 0.50 (excellent), E 0.30 (below)
    rows = []
    for site, (w1, w2) in {"A": (30, 32), "B": (40, 41), "C": (41, 41), "D": (50, 50),
                           "E": (30, 30)}.items():  # fmt: skip
        rows += [{"site": site, "quarter": "2023Q4", "served": 100, "working": 100,
                  "served_out_of_work": 100, "working_out_of_work": 0},
                 {"site": site, "quarter": "2024Q1", "served": 100, "working": w1,
                  "served_out_of_work": 90, "working_out_of_work": w1 - 10},
                 {"site": site, "quarter": "2024Q2", "served": 100, "working": w2,
                  "served_out_of_work": 90, "working_out_of_work": w2 - 10}]  # fmt: skip
    m = QuarterlyMetrics(table=pd.DataFrame(rows), by="site", as_of=pd.Timestamp("2024-06-30"))
    placed = place_sites(m, quarters=2).set_index("site")
    assert placed["level"].to_dict() == {"A": "minimum", "B": "minimum", "C": "average",
                                         "D": "excellent", "E": "below_minimum"}  # fmt: skip
    assert placed.loc["A", "employment_rate"] == pytest.approx(0.31)
    assert placed.loc["A", "first_quarter"] == "2024Q1"
    grow = place_sites(m, quarters=2, denominator="out_of_work").set_index("site")
    assert grow.loc["D", "employment_rate"] == pytest.approx(80 / 180)
    with pytest.raises(ValueError, match="denominator"):
        place_sites(m, denominator="grow")


def test_summary_text():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = compare_groups(_frame(), complete=None)
    assert "Katz log" in str(res)


@pytest.mark.parametrize(
    "worked",
    [
        [1] * 4 + [0] * 6 + [0] * 10,  # no one in the comparison group worked
        [0] * 20,  # no one worked
        [1] * 10 + [1] * 3 + [0] * 7,  # everyone in the IPS group worked
    ],
)
def test_zero_cell_gives_nan_odds_ratio_not_a_divergent_estimate(worked):
    # with a zero cell the likelihood has no maximum: the treated coefficient runs to +-inf
    d = pd.DataFrame({"group": ["ips"] * 10 + ["comparison"] * 10, "worked": worked,
                      "age": np.arange(20) % 7})  # fmt: skip
    with pytest.warns(IPSDataWarning, match="cannot be estimated"):
        res = compare_groups(d, covariates=["age"], complete=None)
    assert np.isnan([res.odds_ratio, res.or_ci_low, res.or_ci_high, res.or_p_value]).all()
    # the crude measures are still computed, from the counts (Newcombe via statsmodels)
    x1, x0 = sum(worked[:10]), sum(worked[10:])
    lo, hi = confint_proportions_2indep(x1, 10, x0, 10, method="newcomb", compare="diff")
    np.testing.assert_allclose([res.rd_ci_low, res.rd_ci_high], [lo, hi], rtol=0, atol=1e-10)
    assert res.risk_difference == pytest.approx(x1 / 10 - x0 / 10, abs=1e-12)


def test_separation_by_a_covariate_gives_nan_odds_ratio():
    # age > 50 predicts the outcome perfectly: no finite maximum likelihood estimate
    age = np.r_[np.arange(20, 40), np.arange(60, 80)]
    d = pd.DataFrame({"group": ["ips", "comparison"] * 20, "age": age,
                      "worked": (age > 50).astype(int)})  # fmt: skip
    with pytest.warns(IPSDataWarning, match="cannot be estimated"):
        res = compare_groups(d, covariates=["age"], complete=None)
    assert np.isnan(res.odds_ratio)
    assert res.risk_ratio == pytest.approx(1.0, abs=1e-12)  # 10/20 vs 10/20


def test_missing_follow_up_flag_is_an_error():
    d = pd.DataFrame(
        {
            "group": ["ips"] * 6 + ["comparison"] * 6,
            "worked": [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1],
            "follow_up_complete": [True] * 11 + [None],
        }
    )
    with pytest.raises(ValueError, match="follow_up_complete.*1 row"):
        compare_groups(d)
