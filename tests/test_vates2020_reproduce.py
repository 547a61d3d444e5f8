"""Reproduction of the Vates 2020 figures with the package's own analysis."""

from __future__ import annotations

import pytest

from vaikuttavuus.studies import vates2020 as v


@pytest.fixture(scope="module")
def large():
    # A seed different from the calibration seed: the stored parameters must generalise.
    data = v.simulate(20_000, seed=99)
    return data, v.reproduce(data, parallel_iterations=0, language="en")


def test_large_n_within_tolerances(large):
    """The committed calibration still meets every tolerance at large N."""
    comp = large[1].comparison
    numeric = comp.loc[comp["kind"].isin(["loading", "variance", "correlation"])]
    bad = numeric.loc[numeric["within_tolerance"] != "yes", ["figure", "difference"]]
    assert bad.empty, bad.to_string()
    loads = comp.loc[comp["kind"] == "loading"]
    assert (loads["class_matches"] == "yes").all()
    assert loads["difference"].abs().max() <= 0.03
    assert comp.loc[comp["kind"] == "variance", "difference"].abs().max() <= 1.5
    assert comp.loc[comp["kind"] == "correlation", "difference"].abs().max() <= 0.03
    assert large[1].congruence.min() > 0.95


def test_large_n_scaled_pairwise_n(large):
    comp = large[1].comparison
    ns = comp.loc[comp["kind"] == "n", "reproduced"].tolist()
    # Missingness counts are scaled by n / 168: round(20000 * (162 - N) / 168) fewer than 162/168.
    assert ns == [20_000 - round(20_000 * 6 / 168) - round(20_000 * k / 168) for k in (7, 1, 3, 0)]


def test_methods_compared(large):
    table = v.compare_methods(large[0])
    chosen = table.loc[(table["method"] == "pa_spss") & (table["rotation"] == "promax")]
    assert chosen["within_tolerance"].item() == "yes"
    varimax = table.loc[table["rotation"] == "varimax"]
    assert (varimax["max_abs_loading_diff"] > chosen["max_abs_loading_diff"].item()).all()
    assert (table["items_on_published_factor"] == 26).any()


def test_n168_comparison_is_byte_identical():
    a = v.reproduce(v.simulate(168, seed=2020), parallel_iterations=0).comparison.to_csv()
    b = v.reproduce(v.simulate(168, seed=2020), parallel_iterations=0).comparison.to_csv()
    assert a == b
    comp = v.reproduce(v.simulate(168, seed=2020), parallel_iterations=0).comparison
    assert comp.loc[comp["kind"] == "n", "within_tolerance"].eq("yes").all()
    assert set(comp["within_tolerance"]) <= {"yes", "no", "n/a"}


def test_factor_matching_is_by_content():
    """Permuting and sign-flipping the columns of a solution does not change the matching."""
    import numpy as np

    from vaikuttavuus.studies.vates2020._analysis import match_factors, published_pattern

    pattern = published_pattern()
    shuffled = pattern[[3, 1, 4, 2]] * np.array([1, -1, 1, 1])
    col, sign, cong = match_factors(shuffled)
    assert col.tolist() == [1, 3, 0, 2]
    assert sign.tolist() == [-1, 1, 1, 1]
    assert np.allclose(cong, 1.0)


def test_reproduce_validates():
    with pytest.raises(ValueError, match="language"):
        v.reproduce(v.simulate(168, seed=1), language="sv", parallel_iterations=0)
    with pytest.raises(ValueError):
        v.reproduce(v.simulate(168, seed=1).drop(columns="v05"), parallel_iterations=0)
