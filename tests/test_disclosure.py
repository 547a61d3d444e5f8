"""Disclosure control: no published cell describes fewer than 5 persons."""

from __future__ import annotations

import pandas as pd
import pytest

from vaikuttavuus.disclosure import suppress_small_cells


def test_counts_in_table_are_suppressed_but_zero_kept():
    t = pd.DataFrame({"a": [1, 4, 5, 0], "b": [10, 2, 3, 7]})
    out = suppress_small_cells(t)
    assert out["a"].tolist() == ["<5", "<5", 5, 0]
    assert out["b"].tolist() == [10, "<5", "<5", 7]
    # the input is not modified
    assert t["a"].tolist() == [1, 4, 5, 0]


def test_row_counts_series_blank_whole_rows():
    means = pd.DataFrame({"mean": [3.2, 4.1], "sd": [0.5, 0.7]}, index=["x", "y"])
    out = suppress_small_cells(means, pd.Series([12, 3], index=["x", "y"]))
    assert out.loc["x"].tolist() == [3.2, 0.5]
    assert out.loc["y"].tolist() == ["<5", "<5"]


def test_custom_threshold_label():
    out = suppress_small_cells(pd.DataFrame({"n": [9, 10]}), min_n=10)
    assert out["n"].tolist() == ["<10", 10]


def test_bad_input():
    t = pd.DataFrame({"n": [1, 2]})
    with pytest.raises(ValueError, match="min_n"):
        suppress_small_cells(t, min_n=0)
    with pytest.raises(ValueError, match="shape"):
        suppress_small_cells(t, pd.DataFrame({"n": [1, 2, 3]}))
    with pytest.raises(ValueError, match="indexed exactly"):
        suppress_small_cells(t, pd.Series([1, 2], index=["p", "q"]))
    with pytest.raises(TypeError, match="table"):
        suppress_small_cells([1, 2])  # type: ignore[arg-type]


def test_groups_to_withhold_primary_and_secondary():
    from vaikuttavuus.disclosure import groups_to_withhold

    sizes = pd.Series({"a": 50, "b": 7, "c": 6, "d": 2})
    # d (2 persons) alone could be derived from a total; c (smallest shown) is withheld too
    assert groups_to_withhold(sizes) == (["d"], ["c"])
    # two small groups that together reach 5 protect each other
    assert groups_to_withhold(pd.Series({"a": 50, "b": 3, "c": 2})) == (["b", "c"], [])
    # nothing small: nothing withheld; empty groups are not disclosive
    assert groups_to_withhold(pd.Series({"a": 50, "b": 5, "c": 0})) == ([], [])
    # another threshold: the smallest group of at least min_n is the complement
    sizes = pd.Series({"x": 30, "y": 12, "z": 11, "w": 1})
    assert groups_to_withhold(sizes, min_n=10) == (["w"], ["z"])
    with pytest.raises(ValueError, match=r"no count for group\(s\) \['b'\]"):
        groups_to_withhold(pd.Series({"a": 9.0, "b": float("nan")}))
    with pytest.raises(TypeError, match="Series"):
        groups_to_withhold([1, 2])  # type: ignore[arg-type]


def test_complementary_suppression_of_shares():
    from vaikuttavuus.disclosure import small_cell_mask

    counts = pd.DataFrame({"p1": [3, 0, 2], "p2": [10, 12, 2], "p3": [7, 8, 20]})
    pct = counts.div(counts.sum(axis=1), axis=0) * 100
    out = suppress_small_cells(pct, counts, complementary=True)
    # row 0: 3 withheld, and the smallest other cell (7) so 3 = 20 - 10 - 7 is not derivable
    assert out.iloc[0].tolist() == ["<5", 50.0, "<5"]
    assert out.iloc[1].tolist() == pct.iloc[1].tolist()  # zeros are not disclosive
    # row 2: 2 + 2 = 4 persons withheld is still under 5: the 20 is withheld too
    assert out.iloc[2].tolist() == ["<5", "<5", "<5"]
    mask = small_cell_mask(counts, complementary=True)
    assert mask.sum().sum() == 5
    with pytest.raises(ValueError, match="count per cell"):
        suppress_small_cells(pct, counts.sum(axis=1), complementary=True)
