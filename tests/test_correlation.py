"""corr_test against psych::corr.test and stats::cor.test (tests/reference/fixtures_corr.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

from vaikuttavuus.correlation import STRENGTH_THRESHOLDS, corr_test, p_adjust

TOL = 1e-6


def _lookup(res: pd.DataFrame, a: str, b: str) -> pd.Series:
    row = res[(res["x"] == a) & (res["y"] == b)]
    assert len(row) == 1
    return row.iloc[0]


def test_pearson_holm_x_only_matches_psych(bfi, expected):
    fx = expected("corr_bfi_pearson_holm")["values"]
    cols = list(bfi.columns[:6])
    res = corr_test(bfi, cols, adjust="holm")
    # psych's ci2 is in lower-triangle order = all unique pairs (i < j) in column order
    assert list(zip(res["x"], res["y"], strict=True)) == [
        (cols[i], cols[j]) for i in range(6) for j in range(i + 1, 6)
    ]
    ci2 = fx["ci2"]
    np.testing.assert_allclose(res["r"], ci2["r"], atol=TOL)
    np.testing.assert_allclose(res["ci_low"], ci2["lower"], atol=TOL)
    np.testing.assert_allclose(res["ci_high"], ci2["upper"], atol=TOL)
    np.testing.assert_allclose(res["p_value"], ci2["p"], atol=TOL)
    np.testing.assert_allclose(res["p_adj"], ci2["p.adj"], atol=TOL)
    for _, row in res.iterrows():
        assert row["n"] == fx["n"].loc[row["x"], row["y"]]


def test_xy_spearman_fdr_matches_psych(bfi, expected):
    fx = expected("corr_bfi_xy_spearman_fdr")["values"]
    xs = list(fx["r"].index)
    ys = list(fx["r"].columns)
    res = corr_test(bfi, xs, ys, method="spearman", adjust="BH")
    assert len(res) == len(xs) * len(ys)
    for a in xs:
        for b in ys:
            row = _lookup(res, a, b)
            assert row["r"] == pytest.approx(fx["r"].loc[a, b], abs=TOL)
            assert row["n"] == fx["n"].loc[a, b]
            assert row["p_value"] == pytest.approx(fx["p_unadj"].loc[a, b], abs=TOL)
            assert row["p_adj"] == pytest.approx(fx["p"].loc[a, b], abs=TOL)


def test_xy_pearson_bonferroni_matches_psych(bfi, expected):
    fx = expected("corr_bfi_xy_pearson_bonferroni")["values"]
    xs, ys = list(fx["r"].index), list(fx["r"].columns)
    res = corr_test(bfi, xs, ys, adjust="bonferroni")
    ci2 = fx["ci2"]  # rows in column-major order of the x-by-y matrix (names abbreviated)
    for k, (b, a) in enumerate((b, a) for b in ys for a in xs):
        row = _lookup(res, a, b)
        ref = ci2.iloc[k]
        assert ref["r"] == pytest.approx(fx["r"].loc[a, b], abs=1e-15)
        assert row["r"] == pytest.approx(fx["r"].loc[a, b], abs=TOL)
        assert row["p_value"] == pytest.approx(fx["p"].loc[a, b], abs=TOL)
        assert row["p_adj"] == pytest.approx(fx["p_adj"].loc[a, b], abs=TOL)
        assert row["ci_low"] == pytest.approx(ref["lower"], abs=TOL)
        assert row["ci_high"] == pytest.approx(ref["upper"], abs=TOL)


def test_listwise_matches_psych_on_complete_rows(bfi, expected):
    fx = expected("corr_bfi_listwise_none")["values"]
    cols = list(fx["r"].index)
    res = corr_test(bfi, cols, nan_policy="listwise", adjust="none")  # as the R call
    n_complete = len(bfi[cols].dropna())
    assert (res["n"] == n_complete).all()
    np.testing.assert_allclose(res["r"], fx["ci2"]["r"], atol=TOL)
    np.testing.assert_allclose(res["p_value"], fx["ci2"]["p"], atol=TOL)
    np.testing.assert_allclose(res["p_adj"], res["p_value"])
    # pairwise uses more rows for some pairs than listwise
    assert (corr_test(bfi, cols)["n"] >= n_complete).all()


def test_kendall_tau_b_matches_psych(bfi, expected):
    fx = expected("corr_bfi_kendall_r")["values"]
    cols = list(fx["r"].index)
    res = corr_test(bfi.iloc[:400], cols, method="kendall")
    for _, row in res.iterrows():
        assert row["r"] == pytest.approx(fx["r"].loc[row["x"], row["y"]], abs=TOL)
        assert row["n"] == fx["n"].loc[row["x"], row["y"]]


@pytest.mark.parametrize(
    ("method", "rows"), [("pearson", 2800), ("spearman", 2800), ("kendall", 600)]
)
def test_single_pairs_match_cor_test(bfi, expected, method, rows):
    table = expected(f"cortest_pairs_{method}")["values"]["table"]
    data = bfi.iloc[:rows]
    for pair, ref in table.iterrows():
        a, b = pair.split("-")
        row = corr_test(data, a, b, method=method).iloc[0]
        assert row["n"] == ref["n"]
        assert row["r"] == pytest.approx(ref["estimate"], abs=TOL)
        assert row["p_value"] == pytest.approx(ref["p"], abs=TOL, rel=1e-6)
        if method == "pearson":
            assert row["ci_low"] == pytest.approx(ref["ci_low"], abs=TOL)
            assert row["ci_high"] == pytest.approx(ref["ci_high"], abs=TOL)


@pytest.mark.parametrize(
    ("method", "num", "offset"), [("spearman", 1.06, 3), ("kendall", 0.437, 4)]
)
def test_rank_ci_is_fieller_fisher_z(bfi, method, num, offset):
    # Fieller, Hartley & Pearson (1957): var(z) = 1.06/(n-3) (Spearman), 0.437/(n-4) (Kendall)
    res = corr_test(bfi.iloc[:500], ["A1", "C2", "E3"], method=method, confidence=0.9)
    q = stats.norm.ppf(0.95)
    for _, row in res.iterrows():
        z, se = np.arctanh(row["r"]), np.sqrt(num / (row["n"] - offset))
        assert row["ci_low"] == pytest.approx(np.tanh(z - q * se), abs=1e-12)
        assert row["ci_high"] == pytest.approx(np.tanh(z + q * se), abs=1e-12)
        # the rank coefficients themselves, independently from scipy
        d = bfi.iloc[:500][[row["x"], row["y"]]].dropna()
        ref = stats.spearmanr if method == "spearman" else stats.kendalltau
        assert row["r"] == pytest.approx(ref(d.iloc[:, 0], d.iloc[:, 1]).statistic, abs=1e-12)


def test_p_adjust_matches_definitions():
    p = np.array([0.01, 0.02, 0.03, 0.04, 0.20, 0.001])
    # hand-computed R p.adjust(p, "holm") / "BH"
    np.testing.assert_allclose(p_adjust(p, "holm"), [0.05, 0.08, 0.09, 0.09, 0.2, 0.006])
    np.testing.assert_allclose(p_adjust(p, "fdr_bh"), [0.03, 0.04, 0.045, 0.048, 0.2, 0.006])
    np.testing.assert_allclose(p_adjust(p, "bonferroni"), np.minimum(1, 6 * p))


@pytest.mark.parametrize("m", [2, 3, 6, 25])
def test_p_adjust_r_names_match_statsmodels(m):
    """R's names against statsmodels' independent implementations (random p with ties)."""
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(m)
    p = np.round(rng.uniform(0, 0.2, m) ** 2, 4)
    pairs = {
        "holm": "holm",
        "hochberg": "simes-hochberg",
        "hommel": "hommel",
        "bonferroni": "bonferroni",
        "BH": "fdr_bh",
        "BY": "fdr_by",
    }
    for ours, theirs in pairs.items():
        expected = multipletests(p, method=theirs)[1]
        np.testing.assert_allclose(p_adjust(p, ours), expected, atol=1e-12, err_msg=ours)
    np.testing.assert_allclose(p_adjust(p, "fdr"), p_adjust(p, "BH"))
    np.testing.assert_allclose(p_adjust(p, "fdr_bh"), p_adjust(p, "BH"))
    np.testing.assert_array_equal(p_adjust(p, "none"), p)


def test_corr_test_default_adjustment_is_holm_as_psych(bfi):
    cols = ["A1", "A2", "A3", "C1"]
    default = corr_test(bfi, cols)
    holm = corr_test(bfi, cols, adjust="holm")
    pd.testing.assert_frame_equal(default, holm)
    np.testing.assert_allclose(default["p_adj"], p_adjust(default["p_value"], "holm"))
    assert (default["p_adj"] >= default["p_value"]).all()
    none = corr_test(bfi, cols, adjust="none")
    np.testing.assert_array_equal(none["p_adj"], none["p_value"])
    by = corr_test(bfi, cols, adjust="BY")
    np.testing.assert_allclose(by["p_adj"], p_adjust(by["p_value"], "BY"))
    with pytest.raises(ValueError, match="adjust.*BH"):
        corr_test(bfi, cols, adjust="benjamini")


def test_family_is_exactly_the_returned_rows(bfi):
    res = corr_test(bfi, ["A1", "A2", "A3"], ["C1", "A1"], adjust="bonferroni")
    # self pair A1-A1 skipped: 3*2 - 1 rows, and the family size is 5
    assert len(res) == 5
    np.testing.assert_allclose(res["p_adj"], np.minimum(1, 5 * res["p_value"]))


def test_stars_and_labels():
    rng = np.random.default_rng(1)
    n = 400
    base = rng.standard_normal(n)
    df = pd.DataFrame(
        {
            "a": base,
            "weak": 0.2 * base + np.sqrt(1 - 0.04) * rng.standard_normal(n),
            "strong": -(0.8 * base + 0.6 * rng.standard_normal(n)),
            "none": rng.standard_normal(n),
        }
    )
    res = corr_test(df, "a", ["weak", "strong", "none"])
    labels = dict(zip(res["y"], res["label"], strict=True))
    assert 0.10 <= res.loc[0, "r"] < 0.30
    assert labels["weak"] == "heikko tilastollisesti merkitsevä positiivinen yhteys"
    assert labels["strong"] == "vahva tilastollisesti merkitsevä negatiivinen yhteys"
    if res.loc[2, "p_adj"] >= 0.05:
        assert labels["none"] == "ei tilastollisesti merkitsevää yhteyttä"
    for _, row in res.iterrows():
        p = row["p_adj"]
        want = "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else ""
        assert row["stars"] == want
    sv = corr_test(df, "a", "weak", language="sv")["label"].iloc[0]
    assert sv == "svagt statistiskt signifikant positivt samband"
    en = corr_test(df, "a", "weak", language="en")["label"].iloc[0]
    assert en == "weak statistically significant positive association"


def test_vates_thresholds():
    # Vates 2020 slides call 0.18-0.29 weak ("heikko") and 0.504 a clear association
    from vaikuttavuus.correlation import _strength

    assert all(_strength(r) == "weak" for r in (0.176, 0.18, 0.25, 0.287, -0.29))
    assert _strength(0.504) == "strong"
    assert _strength(0.05) == "negligible"
    assert _strength(0.35) == "moderate"
    assert dict(STRENGTH_THRESHOLDS) == {"weak": 0.10, "moderate": 0.30, "strong": 0.50}


def test_columns_and_all_pairs_default(bfi):
    res = corr_test(bfi[["A1", "A2", "A3"]])
    assert list(res.columns) == [
        "x", "y", "n", "r", "ci_low", "ci_high", "p_value", "p_adj", "stars", "label",
    ]  # fmt: skip
    assert len(res) == 3


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"x": ["A1", "nope"]}, "nope"),
        ({"method": "tau"}, "method"),
        ({"adjust": "bh"}, "adjust"),
        ({"nan_policy": "omit"}, "nan_policy"),
        ({"language": "de"}, "language"),
        ({"x": ["A1"]}, "at least 2"),
    ],
)
def test_bad_input(bfi, kwargs, match):
    with pytest.raises(ValueError, match=match):
        corr_test(bfi, **kwargs)


def test_non_numeric_and_small_pairs():
    df = pd.DataFrame(
        {"a": [1.0, 2.0, np.nan, np.nan, 5.0], "b": [1.0, np.nan, 3, 4, 2], "c": list("abcde")}
    )
    with pytest.raises(ValueError, match="non-numeric"):
        corr_test(df, ["a", "c"])
    with pytest.raises(ValueError, match=r"\('a', 'b'\) has 2"):
        corr_test(df, ["a", "b"])
    df2 = pd.DataFrame({"a": [1.0, 2, 3, 5], "b": [2.0, 1, 4, 3]})
    with pytest.raises(ValueError, match="at least 4"):
        corr_test(df2.iloc[:3], method="kendall")
    assert corr_test(df2, method="kendall")["n"].iloc[0] == 4


@settings(max_examples=40, deadline=None)
@given(
    data=arrays(
        np.float64,
        (12, 2),
        elements=st.one_of(st.integers(-5, 5).map(float), st.just(np.nan)),
    ),
    method=st.sampled_from(["pearson", "spearman", "kendall"]),
)
def test_symmetric_in_x_and_y(data, method):
    df = pd.DataFrame(data, columns=["u", "v"])
    try:
        ab = corr_test(df, "u", "v", method=method).iloc[0]
    except ValueError:
        with pytest.raises(ValueError):
            corr_test(df, "v", "u", method=method)
        return
    ba = corr_test(df, "v", "u", method=method).iloc[0]
    assert ab["n"] == ba["n"]
    assert ab["r"] == pytest.approx(ba["r"], abs=1e-12)
    assert ab["p_value"] == pytest.approx(ba["p_value"], abs=1e-12)
