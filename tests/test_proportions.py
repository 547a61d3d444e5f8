"""Tests for vaikuttavuus.proportions.proportion_ci (against statsmodels and scipy)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from vaikuttavuus.proportions import proportion_ci

N = np.array([1, 2, 5, 7, 10, 40, 100, 1000, 123457])


def _grid() -> tuple[np.ndarray, np.ndarray]:
    xs, ns = [], []
    for n in N:
        for x in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            xs.append(x)
            ns.append(n)
    return np.array(xs), np.array(ns)


@pytest.mark.parametrize("confidence", [0.95, 0.998, 0.5])
def test_wilson_equals_statsmodels(confidence: float) -> None:
    x, n = _grid()
    lo, hi = proportion_ci(x, n, method="wilson", confidence=confidence)
    slo, shi = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
    np.testing.assert_allclose(lo, slo, rtol=0, atol=1e-12)
    np.testing.assert_allclose(hi, shi, rtol=0, atol=1e-12)


@pytest.mark.parametrize("confidence", [0.95, 0.998, 0.5])
def test_clopper_pearson_equals_statsmodels(confidence: float) -> None:
    x, n = _grid()
    lo, hi = proportion_ci(x, n, method="clopper_pearson", confidence=confidence)
    slo, shi = proportion_confint(x, n, alpha=1 - confidence, method="beta")
    np.testing.assert_allclose(lo, slo, rtol=0, atol=1e-12)
    np.testing.assert_allclose(hi, shi, rtol=0, atol=1e-12)


def test_wilson_closed_form_by_hand() -> None:
    # x = 12, n = 40, z = 1.959963984540054: written out independently
    z = stats.norm.ppf(0.975)
    p, n = 12 / 40, 40
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    lo, hi = proportion_ci(12, 40)
    assert float(lo) == pytest.approx(centre - half, abs=1e-12)
    assert float(hi) == pytest.approx(centre + half, abs=1e-12)


def test_clopper_pearson_is_the_binomial_tail_inversion() -> None:
    # the exact bounds are where the binomial tail probabilities equal alpha/2
    lo, hi = proportion_ci(7, 25, method="clopper_pearson")
    assert stats.binom.sf(6, 25, float(lo)) == pytest.approx(0.025, abs=1e-10)
    assert stats.binom.cdf(7, 25, float(hi)) == pytest.approx(0.025, abs=1e-10)


def test_edges_zero_and_all() -> None:
    lo, hi = proportion_ci([0, 10], [10, 10], method="clopper_pearson")
    assert lo[0] == 0.0 and hi[1] == 1.0
    assert hi[0] == pytest.approx(1 - 0.025 ** (1 / 10), abs=1e-12)
    assert lo[1] == pytest.approx(0.025 ** (1 / 10), abs=1e-12)
    lo, hi = proportion_ci([0, 10], [10, 10])
    assert lo[0] == pytest.approx(0.0, abs=1e-15) and hi[1] == pytest.approx(1.0, abs=1e-15)


@pytest.mark.parametrize("confidence", [0.5, 0.8, 0.95, 0.998])
def test_wilson_bounds_exact_at_zero_and_n_and_inside_unit_interval(confidence: float) -> None:
    # regression: the closed form gave -7e-18 at x = 0 (n = 37) and 1.0000000000000002 at x = n
    n = np.array([1, 2, 10, 37, 100, 1000, 50000])
    lo0, hi0 = proportion_ci(np.zeros_like(n), n, confidence=confidence)
    lon, hin = proportion_ci(n, n, confidence=confidence)
    assert (lo0 == 0.0).all() and (hin == 1.0).all()
    # at x = 0 the Wilson upper bound solves p = z sqrt(p(1 - p)/n): p = z²/(n + z²)
    z2 = stats.norm.isf((1 - confidence) / 2) ** 2
    np.testing.assert_allclose(hi0, z2 / (n + z2), rtol=0, atol=1e-12)
    np.testing.assert_allclose(lon, n / (n + z2), rtol=0, atol=1e-12)
    x, nn = _grid()
    lo, hi = proportion_ci(x, nn, confidence=confidence)
    assert (lo >= 0).all() and (hi <= 1).all()


def test_scalar_broadcast_and_empty() -> None:
    lo, hi = proportion_ci(3, 10)
    assert lo.shape == () and hi.shape == ()
    lo, hi = proportion_ci([1, 2, 3], 10)
    assert lo.shape == (3,)
    lo, hi = proportion_ci([0, 1], [0, 5])
    assert np.isnan(lo[0]) and np.isnan(hi[0]) and np.isfinite(lo[1])


@pytest.mark.parametrize(
    ("x", "n", "kwargs", "match"),
    [
        ([1, 6], [5, 5], {}, r"exceeds n at 1 position\(s\) \(first \[1\]\)"),
        ([-1, 2], [5, 5], {}, "non-negative whole numbers"),
        ([1.5], [5], {}, "non-negative whole numbers"),
        ([1], [5], {"method": "exact"}, "'wilson', 'clopper_pearson'"),
        ([1], [5], {"confidence": 1.2}, "confidence"),
        (["a"], [5], {}, "numbers"),
    ],
)
def test_bad_input(x, n, kwargs, match) -> None:
    with pytest.raises((ValueError, TypeError), match=match):
        proportion_ci(x, n, **kwargs)
