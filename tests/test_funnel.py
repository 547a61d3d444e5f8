"""Tests for vaikuttavuus.funnel against Spiegelhalter's (2005) formulas written out here."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from vaikuttavuus.funnel import funnel_data, funnel_limits, overdispersion, plot_funnel


@pytest.mark.parametrize("target", [0.05, 0.3, 0.62])
def test_normal_limits_formula(target: float) -> None:
    n = np.array([5, 20, 57, 300, 4000])
    got = funnel_limits(target, n)
    for level, sfx in [(0.95, "95"), (0.998, "998")]:
        z = stats.norm.ppf(1 - (1 - level) / 2)
        for i, ni in enumerate(n):
            half = z * math.sqrt(target * (1 - target) / ni)
            assert got[f"lower_{sfx}"].iloc[i] == pytest.approx(max(0.0, target - half), abs=1e-12)
            assert got[f"upper_{sfx}"].iloc[i] == pytest.approx(min(1.0, target + half), abs=1e-12)
    assert got["n"].tolist() == n.tolist()


def _exact_by_hand(target: float, n: int, p: float) -> float:
    # Spiegelhalter (2005) appendix A.1.1: r_p = smallest r with P(R <= r) >= p;
    # alpha = (P(R <= r_p) - p) / (P(R <= r_p) - P(R <= r_p - 1)); limit = (r_p - alpha) / n
    cdf = 0.0
    for r in range(n + 1):
        prev = cdf
        cdf += math.comb(n, r) * target**r * (1 - target) ** (n - r)
        if cdf >= p - 1e-15:
            alpha = (cdf - p) / (cdf - prev)
            return min(1.0, max(0.0, (r - alpha) / n))  # limits are clipped to [0, 1]
    raise AssertionError


@pytest.mark.parametrize("n", [10, 37, 150])
def test_exact_limits_interpolation(n: int) -> None:
    got = funnel_limits(0.3, [n], method="exact")
    for level, sfx in [(0.95, "95"), (0.998, "998")]:
        tail = (1 - level) / 2
        assert got[f"lower_{sfx}"].iloc[0] == pytest.approx(_exact_by_hand(0.3, n, tail), abs=1e-9)
        assert got[f"upper_{sfx}"].iloc[0] == pytest.approx(
            _exact_by_hand(0.3, n, 1 - tail), abs=1e-9
        )


def test_phi_and_tau2_widen_limits() -> None:
    t, n = 0.4, np.array([50, 500])
    z = stats.norm.ppf(0.975)
    mult = funnel_limits(t, n, phi=2.0, levels=[0.95])
    add = funnel_limits(t, n, tau2=0.01, levels=[0.95])
    for i, ni in enumerate(n):
        assert mult["upper_95"].iloc[i] == pytest.approx(t + z * math.sqrt(2 * t * (1 - t) / ni))
        assert add["upper_95"].iloc[i] == pytest.approx(t + z * math.sqrt(t * (1 - t) / ni + 0.01))


def _quantile(sorted_values: list[float], q: float) -> float:
    # linear interpolation between order statistics (type 7)
    h = (len(sorted_values) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (h - lo) * (sorted_values[hi] - sorted_values[lo])


def test_overdispersion_by_hand() -> None:
    obs = [30, 55, 20, 90, 41, 12, 70]
    n = [100, 150, 90, 250, 120, 60, 160]
    t = 0.3
    z = [(o / m - t) / math.sqrt(t * (1 - t) / m) for o, m in zip(obs, n, strict=True)]
    s = sorted(z)
    lo, hi = _quantile(s, 0.1), _quantile(s, 0.9)
    phi = sum(min(max(v, lo), hi) ** 2 for v in z) / len(z)
    w = [m / (t * (1 - t)) for m in n]
    k = len(z)
    tau2 = (k * phi - (k - 1)) / (sum(w) - sum(x * x for x in w) / sum(w))
    res = overdispersion(obs, t, n)
    assert res.phi == pytest.approx(phi, abs=1e-12)
    assert res.tau2 == pytest.approx(max(tau2, 0.0), abs=1e-12)
    assert res.p_value == pytest.approx(stats.chi2.sf(k * phi, k - 1), abs=1e-12)
    assert res.to_frame().columns.tolist()[:2] == ["phi", "tau2"]


def test_no_overdispersion_gives_zero_tau2() -> None:
    res = overdispersion([30, 60, 90], 0.3, [100, 200, 300])
    assert res.phi == pytest.approx(0.0) and res.tau2 == 0.0


def test_funnel_data_crude_and_adjusted() -> None:
    rng = np.random.default_rng(3)
    unit = np.repeat(["a", "b", "c", "d"], [40, 80, 120, 200])
    p = rng.uniform(0.1, 0.6, unit.size)
    y = (rng.uniform(size=unit.size) < p).astype(int)
    d = pd.DataFrame({"u": unit, "y": y, "p": p})
    crude = funnel_data(d, "u", "y", adjustment="none")
    counts = d.groupby("u")["y"].agg(["sum", "size"])
    np.testing.assert_allclose(crude["rate"], counts["sum"] / counts["size"])
    overall = y.mean()
    z = (crude["rate"] - overall) / np.sqrt(overall * (1 - overall) / counts["size"].to_numpy())
    np.testing.assert_allclose(crude["z"], z.to_numpy())
    adj = funnel_data(d, "u", "y", expected="p")
    e = d.groupby("u")["p"].sum().to_numpy()
    np.testing.assert_allclose(adj["rate"], counts["sum"].to_numpy() / e * overall)
    assert adj.attrs["adjustment"] == "additive" and adj.attrs["tau2"] >= 0
    assert set(adj["position"]) <= {"within", "above_95", "below_95", "above_998", "below_998"}


def test_risk_adjusted_funnel_with_a_given_target_by_hand() -> None:
    # regression: with expected counts, phi and tau2 were estimated around the overall rate
    # even when funnel_data was given another target (the limits and z used the target)
    rng = np.random.default_rng(8)
    unit = np.repeat(["a", "b", "c", "d", "e", "f"], [30, 60, 90, 150, 200, 400])
    p = rng.uniform(0.1, 0.6, unit.size)
    y = (
        rng.uniform(size=unit.size)
        < p * np.repeat([1.5, 0.6, 1.2, 0.8, 1.1, 1.0], [30, 60, 90, 150, 200, 400])
    ).astype(int)
    d = pd.DataFrame({"u": unit, "y": y, "p": p})
    t = 0.25
    g = d.groupby("u").agg(o=("y", "sum"), e=("p", "sum"), n=("y", "size"))
    overall = g["o"].sum() / g["n"].sum()
    rate = (g["o"] / g["e"] * overall).tolist()
    n = g["n"].tolist()
    z = [(r - t) / math.sqrt(t * (1 - t) / m) for r, m in zip(rate, n, strict=True)]
    srt = sorted(z)
    lo, hi = _quantile(srt, 0.1), _quantile(srt, 0.9)
    phi = sum(min(max(v, lo), hi) ** 2 for v in z) / len(z)
    w = [m / (t * (1 - t)) for m in n]
    k = len(z)
    tau2 = max(0.0, (k * phi - (k - 1)) / (sum(w) - sum(x * x for x in w) / sum(w)))
    assert tau2 > 0
    res = funnel_data(d, "u", "y", expected="p", target=t)
    assert res.attrs["tau2"] == pytest.approx(tau2, abs=1e-12)
    zz = [(r - t) / math.sqrt(t * (1 - t) / m + tau2) for r, m in zip(rate, n, strict=True)]
    np.testing.assert_allclose(res["z"], zz, rtol=0, atol=1e-10)
    mult = funnel_data(d, "u", "y", expected="p", target=t, adjustment="multiplicative")
    assert mult.attrs["phi"] == pytest.approx(max(phi, 1.0), abs=1e-12)
    od = overdispersion(g["o"], g["e"], g["n"], target=t)
    assert od.phi == pytest.approx(phi, abs=1e-12) and od.target == t
    with pytest.raises(ValueError, match="only for expected counts"):
        overdispersion([3, 4], 0.3, [10, 10], target=0.3)


def test_position_flags_outliers() -> None:
    d = pd.DataFrame(
        {
            "u": ["x"] * 400 + ["y"] * 400 + ["z"] * 400,
            "y": [1] * 300 + [0] * 100 + [1] * 120 + [0] * 280 + [1] * 125 + [0] * 275,
        }
    )
    f = funnel_data(d, "u", "y", adjustment="none")
    assert f.set_index("unit").loc["x", "position"] == "above_998"


def test_exact_limits_refuse_fractional_n() -> None:
    # regression: a fractional n gave NaN limits silently (binomial quantiles need whole n)
    with pytest.raises(ValueError, match="whole-number sizes n"):
        funnel_limits(0.3, [10.5, 20], method="exact")
    # whole numbers given as floats are fine and equal the hand interpolation
    f = funnel_limits(0.3, [20.0], method="exact", levels=(0.95,))
    assert f.loc[0, "lower_95"] == pytest.approx(_exact_by_hand(0.3, 20, 0.025), abs=1e-9)
    assert f.loc[0, "upper_95"] == pytest.approx(_exact_by_hand(0.3, 20, 0.975), abs=1e-9)


def test_bad_input() -> None:
    d = pd.DataFrame({"u": ["a", "b"], "y": [1, 2]})
    with pytest.raises(ValueError, match="0/1"):
        funnel_data(d, "u", "y")
    with pytest.raises(ValueError, match="not in data"):
        funnel_data(d, "unit", "y")
    with pytest.raises(ValueError, match="'additive', 'multiplicative', 'none'"):
        funnel_data(d.assign(y=[1, 0]), "u", "y", adjustment="random")
    with pytest.raises(ValueError, match="target"):
        funnel_limits(1.5, [10])
    with pytest.raises(ValueError, match="exact"):
        funnel_limits(0.5, [10], method="exact", phi=2.0)
    with pytest.raises(ValueError, match="positive"):
        funnel_limits(0.5, [0, 10])


def test_plot_hides_small_units() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    d = pd.DataFrame({"u": ["big"] * 50 + ["tiny"] * 3, "y": [1, 0] * 25 + [1, 1, 0]})
    ax = plot_funnel(funnel_data(d, "u", "y"), language="sv")
    texts = [t.get_text() for t in ax.texts]
    assert "big" in texts and "tiny" not in texts
    assert ax.get_xlabel() == "Avslutade perioder (n)"
    with pytest.raises(ValueError, match="'fi', 'sv', 'en'"):
        plot_funnel(funnel_data(d, "u", "y"), language="de")
    everyone_withheld = funnel_data(d, "u", "y").iloc[0:0]
    everyone_withheld.attrs.update(funnel_data(d, "u", "y").attrs)
    ax = plot_funnel(everyone_withheld, language="en")  # limits only, no IndexError
    assert len(ax.texts) == 0 and len(ax.lines) == 5
    plt.close("all")
