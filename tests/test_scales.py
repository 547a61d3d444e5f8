"""Tests for vaikuttavuus.scales.scale_scores (golden: psych::scoreItems, fixtures_alpha.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.reliability import cronbach_alpha
from vaikuttavuus.scales import scale_scores

SCALES = {
    "agree": ["A1", "A2", "A3", "A4", "A5"],
    "consc": ["C1", "C2", "C3", "C4", "C5"],
    "extra": ["E1", "E2", "E3", "E4", "E5"],
}
REVERSE = ["A1", "C4", "C5", "E1", "E2"]


def test_matches_psych_score_items(bfi, expected):
    """min_valid=1 (any answered item) is psych::scoreItems(impute="none")."""
    fx = expected("alpha_scores_bfi")["values"]["scores"]
    ours = scale_scores(bfi.iloc[:400], SCALES, reverse=REVERSE, scale=(1, 6), min_valid=1)
    assert list(ours.columns) == list(fx.columns)
    np.testing.assert_allclose(ours.to_numpy(), fx.to_numpy(), atol=1e-6)
    assert ours.index.equals(bfi.iloc[:400].index)


def test_default_is_psych_score_items(bfi, expected):
    """The default rule is psych's: one answered item is enough (impute = "none")."""
    fx = expected("alpha_scores_bfi")["values"]["scores"]
    ours = scale_scores(bfi.iloc[:400], SCALES, reverse=REVERSE, scale=(1, 6))
    np.testing.assert_allclose(ours.to_numpy(), fx.to_numpy(), atol=1e-6)
    one = bfi.iloc[:400][SCALES["agree"]].notna().sum(axis=1) == 1
    if one.any():  # a respondent with one answer has a score, as in psych
        assert ours.loc[one, "agree"].notna().all()


def test_min_valid_rule(bfi):
    items = SCALES["agree"]
    data = bfi[items]
    n_valid = data.notna().sum(axis=1)
    for min_valid, need in [(0.5, 3), (0.6, 3), (0.61, 4), (1.0, 5), (2, 2), (5, 5)]:
        s = scale_scores(bfi, {"agree": items}, min_valid=min_valid)["agree"]
        assert s.isna().equals(n_valid < need), min_valid
        ok = n_valid >= need
        np.testing.assert_allclose(s[ok], data[ok].mean(axis=1), atol=1e-12)


def test_reverse_and_inferred_scale_match_alpha_keying(bfi):
    items = SCALES["consc"]
    scores = scale_scores(bfi, {"c": items}, reverse=["C4", "C5"], min_valid=1)["c"]
    manual = bfi[items].copy()
    manual[["C4", "C5"]] = 7 - manual[["C4", "C5"]]  # observed range over the items is 1..6
    np.testing.assert_allclose(scores, manual.mean(axis=1), atol=1e-12)
    res = cronbach_alpha(bfi, items, reverse=["C4", "C5"])
    assert res.mean == pytest.approx(scores.mean(), abs=1e-12)  # psych's scale mean


def test_numpy_input_and_index_preserved():
    arr = np.array([[1.0, 2.0], [3.0, np.nan], [np.nan, np.nan]])
    out = scale_scores(arr, {"s": ["x1", "x2"]}, min_valid=1)
    np.testing.assert_allclose(out["s"], [1.5, 3.0, np.nan])
    df = pd.DataFrame({"a": [1, 2], "b": [3, 4]}, index=["r1", "r2"])
    assert list(scale_scores(df, {"s": ["a", "b"]}).index) == ["r1", "r2"]


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"scales": {"s": ["a", "zz"]}}, ValueError, "not in data"),
        ({"scales": {"s": []}}, ValueError, "no items"),
        ({"scales": {}}, ValueError, "empty"),
        ({"scales": ["a", "b"]}, TypeError, "dict"),
        ({"reverse": ["c"]}, ValueError, "in no scale"),
        ({"min_valid": 0.0}, ValueError, "min_valid"),
        ({"min_valid": 1.5}, ValueError, "min_valid"),
        ({"min_valid": 0}, ValueError, "min_valid"),
        ({"min_valid": 3}, ValueError, "more than scale"),
        ({"min_valid": True}, TypeError, "min_valid"),
        ({"min_valid": "half"}, TypeError, "min_valid"),
        ({"scale": (1, 3)}, ValueError, r"'b'.*outside the response scale"),
        ({"scale": (3, 1)}, ValueError, "min < max"),
    ],
)
def test_validation(kwargs, exc, match):
    df = pd.DataFrame({"a": [1, 2, 3], "b": [2, 4, 5], "c": [1, 1, 2]})
    kwargs = {"scales": {"s": ["a", "b"]}, **kwargs}
    with pytest.raises(exc, match=match):
        scale_scores(df, **kwargs)


def test_non_numeric_item():
    df = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    with pytest.raises(ValueError, match="non-numeric"):
        scale_scores(df, {"s": ["a", "b"]})
