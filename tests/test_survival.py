"""Kaplan-Meier: hand-computed cases and agreement with statsmodels SurvfuncRight."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.duration.survfunc import SurvfuncRight

from vaikuttavuus.survival import kaplan_meier


def _sm(t, e):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return SurvfuncRight(np.asarray(t, float), np.asarray(e, int))


def test_hand_computed_with_ties_and_censoring():
    # times 2, 3(event), 3(censored), 5, 7(censored), 8
    d = pd.DataFrame({"t": [2, 3, 3, 5, 7, 8], "e": [1, 1, 0, 1, 0, 1]})
    km = kaplan_meier(d, "t", "e")
    tab = km.table
    assert tab["time"].tolist() == [2, 3, 5, 8]
    # events before censorings at t=3: the censored person is at risk at 3
    assert tab["n_at_risk"].tolist() == [6, 5, 3, 1]
    assert tab["n_censored"].tolist() == [0, 1, 1, 0]
    s = [5 / 6, 5 / 6 * 4 / 5, 5 / 6 * 4 / 5 * 2 / 3, 0.0]
    np.testing.assert_allclose(tab["survival"], s, atol=1e-12)
    # Greenwood: S^2 * sum d / (n (n - d))
    g = [1 / (6 * 5), 1 / (6 * 5) + 1 / (5 * 4), 1 / 30 + 1 / 20 + 1 / (3 * 2)]
    np.testing.assert_allclose(tab["se"].iloc[:3], np.array(s[:3]) * np.sqrt(g), atol=1e-12)
    assert np.isnan(tab["se"].iloc[3])
    # pointwise log-log interval of S(2)
    z = stats.norm.ppf(0.975)
    sd = np.sqrt(g[0]) / abs(np.log(s[0]))  # se(S)/(S |log S|)
    assert tab["ci_low"].iloc[0] == pytest.approx(s[0] ** np.exp(z * sd), abs=1e-12)
    assert tab["ci_high"].iloc[0] == pytest.approx(s[0] ** np.exp(-z * sd), abs=1e-12)
    # median: first time with S < 0.5 -> S(5) = 0.444
    assert km.median == 5
    assert (km.n, km.n_events, km.n_censored) == (6, 4, 2)
    assert km.survival_at(4.9) == pytest.approx(s[1])
    assert km.survival_at(1) == 1.0


def test_median_when_survival_exactly_half_uses_strict_rule():
    d = pd.DataFrame({"t": [1, 2, 3, 4], "e": [1, 1, 1, 1]})
    km = kaplan_meier(d, "t", "e")
    assert km.median == 3  # S(2) = 0.5 is not < 0.5 (SAS / statsmodels rule)


def test_no_median_when_curve_stays_above_half():
    d = pd.DataFrame({"t": [1, 2, 3, 4, 5], "e": [1, 0, 0, 0, 0]})
    km = kaplan_meier(d, "t", "e")
    assert np.isnan(km.median)
    assert km.to_frame()["n_censored"].item() == 4


def test_all_censored():
    km = kaplan_meier(pd.DataFrame({"t": [1.0, 2.0], "e": [0, 0]}), "t", "e")
    assert km.table.empty and np.isnan(km.median) and km.n_censored == 2


@pytest.mark.parametrize("seed", range(40))
def test_agrees_with_statsmodels(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 400))
    t = rng.integers(1, 90, size=n).astype(float)  # many ties
    e = rng.random(n) < rng.uniform(0.2, 0.95)
    km = kaplan_meier(pd.DataFrame({"t": t, "e": e}), "t", "e")
    sf = _sm(t, e)
    np.testing.assert_array_equal(km.table["time"], sf.surv_times)
    np.testing.assert_allclose(km.table["survival"], sf.surv_prob, rtol=0, atol=1e-10)
    np.testing.assert_allclose(km.table["se"], sf.surv_prob_se, rtol=0, atol=1e-10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for p in (0.25, 0.5, 0.75):
            np.testing.assert_allclose(km.quantile(p), sf.quantile(p), atol=1e-10)
            np.testing.assert_allclose(
                km.quantile_ci(p), sf.quantile_ci(p, method="cloglog"), atol=1e-10
            )
        np.testing.assert_allclose(
            [km.median_ci_low, km.median_ci_high], sf.quantile_ci(0.5), atol=1e-10
        )
        km90 = kaplan_meier(pd.DataFrame({"t": t, "e": e}), "t", "e", confidence=0.9)
        np.testing.assert_allclose(
            [km90.median_ci_low, km90.median_ci_high], sf.quantile_ci(0.5, alpha=0.1), atol=1e-10
        )


def test_continuous_times_agree_with_statsmodels():
    rng = np.random.default_rng(7)
    t = rng.exponential(100, size=300)
    c = rng.exponential(150, size=300)
    time, event = np.minimum(t, c), t <= c
    km = kaplan_meier(pd.DataFrame({"t": time, "e": event}), "t", "e")
    sf = _sm(time, event)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        assert km.median == sf.quantile(0.5)
        np.testing.assert_allclose([km.median_ci_low, km.median_ci_high], sf.quantile_ci(0.5))


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"t": [1, -2, 3], "e": [1, 1, 0]}), "'t' must be a finite number >= 0"),
        (pd.DataFrame({"t": [1, np.nan, 3], "e": [1, 1, 0]}), r"first row labels \[1\]"),
        (pd.DataFrame({"t": [1, 2, 3], "e": [1, 2, 0]}), "'e' must be 0/1"),
        (pd.DataFrame({"t": [], "e": []}), "no rows"),
    ],
)
def test_bad_input(frame, message):
    with pytest.raises(ValueError, match=message):
        kaplan_meier(frame, "t", "e")


def test_unknown_column_and_confidence():
    d = pd.DataFrame({"t": [1], "e": [1]})
    with pytest.raises(ValueError, match="not in data"):
        kaplan_meier(d, "time", "e")
    with pytest.raises(ValueError, match="confidence"):
        kaplan_meier(d, "t", "e", confidence=1.5)


def test_summary_renders():
    km = kaplan_meier(pd.DataFrame({"t": [1, 2, 3, 4, 5, 6], "e": [1] * 6}), "t", "e")
    assert "Brookmeyer-Crowley" in str(km)
    assert "<table>" in km._repr_html_()


def _exact_quantile(t, e, p):
    """First event time with S(t) < 1 - p, S computed with fractions (no rounding)."""
    from fractions import Fraction

    t, e = np.asarray(t, float), np.asarray(e, bool)
    s, level = Fraction(1), 1 - Fraction(p).limit_denominator(1000)
    for u in np.unique(t[e]):
        s *= Fraction(int((t >= u).sum() - (e & (t == u)).sum()), int((t >= u).sum()))
        if s < level:
            return u
    return np.nan


@pytest.mark.parametrize(
    ("t", "e"),
    [
        # S = 0.9, 0.8, 0.8 * 5/8 = 0.5 exactly; the float product is 0.49999999999999994
        ([1, 7, 7, 3, 3, 3, 4, 5, 6, 2], [1, 0, 0, 1, 1, 1, 0, 0, 1, 1]),
        # S = 11/12, 11/12 * 6/11 = 0.5 exactly (float 0.49999999999999994)
        ([3, 2, 3, 1, 2, 2, 5, 3, 2, 2, 2, 6], [1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1]),
    ],
)
def test_median_strict_rule_is_exact_when_survival_is_exactly_half(t, e):
    km = kaplan_meier(pd.DataFrame({"t": t, "e": e}), "t", "e")
    assert km.median == _exact_quantile(t, e, 0.5)
    assert km.quantile(0.5) == km.median
    # the float product is below 0.5 where the exact one is 0.5: statsmodels takes that time
    assert _sm(t, e).quantile(0.5) < km.median


@pytest.mark.parametrize("seed", range(30))
def test_quantiles_match_exact_arithmetic(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 16))
    t = rng.integers(1, 8, n).astype(float)
    e = rng.random(n) < 0.6
    km = kaplan_meier(pd.DataFrame({"t": t, "e": e}), "t", "e")
    for p in (0.25, 0.5, 0.75):
        np.testing.assert_equal(km.quantile(p), _exact_quantile(t, e, p))
