"""IPS-25 fidelity: items, bands and their boundaries, subtotals, change, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.ips import (
    caseload_item_score,
    fidelity_band,
    fidelity_bands,
    fidelity_change,
    fidelity_items,
    fidelity_table,
    score_fidelity,
)

ITEMS = fidelity_items("en")["item"].tolist()


def review(value=3, **over):
    out = dict.fromkeys(ITEMS, value)
    out.update(over)
    return out


def test_items_and_sections():
    items = fidelity_items("fi")
    assert len(items) == 25 and items["item"].is_unique
    assert items["section"].value_counts().to_dict() == {
        "services": 14,
        "organisation": 8,
        "staffing": 3,
    }
    assert items.loc[0, "name"] == "Asiakasmäärä työhönvalmentajaa kohden"
    assert items["source"].str.contains("Becker").all()
    assert set(fidelity_items("sv")["name"]).isdisjoint(fidelity_items("en")["name"])


def test_bands_cover_25_to_125_without_gaps():
    bands = fidelity_bands("en").sort_values("low")
    assert bands["low"].iloc[0] == 25 and bands["high"].iloc[-1] == 125
    assert (bands["low"].iloc[1:].to_numpy() == bands["high"].iloc[:-1].to_numpy() + 1).all()
    assert bands["source"].str.contains("Fidelity Review Manual").all()


@pytest.mark.parametrize(
    ("total", "band"),
    [(125, "exemplary"), (115, "exemplary"), (114, "good"), (100, "good"), (99, "fair"),
     (74, "fair"), (73, "not_ips"), (25, "not_ips")],
)  # fmt: skip
def test_band_boundaries(total, band):
    assert fidelity_band(total) == band


def test_band_out_of_range():
    with pytest.raises(ValueError, match="25-125"):
        fidelity_band(24)
    with pytest.raises(ValueError, match="25-125"):
        fidelity_band(126)


def test_score_subtotals_hand_computed():
    # staffing 5+4+3 = 12; organisation 8 x 4 = 32; services 14 x 5 = 70 minus 1 = 69
    r = review(4, staffing_1=5, staffing_3=3, **{f"services_{i}": 5 for i in range(1, 15)})
    r["services_14"] = 4
    res = score_fidelity(r)
    assert (res.staffing, res.organisation, res.services) == (12, 32, 69)
    assert res.total == 113 and res.band == "good"
    assert res.to_frame().iloc[0].to_dict()["total"] == 113
    # the same review as a Series and as a long frame
    assert score_fidelity(pd.Series(r)).total == 113
    long = pd.DataFrame({"item": list(r), "score": list(r.values())})
    assert score_fidelity(long).total == 113


def test_boundary_totals_from_items():
    assert score_fidelity(review(3, staffing_1=1)).total == 73  # 75 - 2
    assert score_fidelity(review(3, staffing_1=1)).band == "not_ips"
    assert score_fidelity(review(3, staffing_1=2)).band == "fair"  # 74
    r = review(4)  # 100
    assert score_fidelity(r).band == "good"
    assert score_fidelity(review(4, staffing_1=3)).band == "fair"  # 99


def test_change_per_item():
    before = review(3)
    after = review(3, staffing_1=5, services_4=2)
    ch = fidelity_change(before, after)
    moved = ch.items.set_index("item").query("change != 0")["change"].to_dict()
    assert moved == {"staffing_1": 2, "services_4": -1}
    assert ch.total_change == 1
    sections = ch.to_frame().set_index("part")["change"].to_dict()
    assert sections == {"staffing": 2, "organisation": 0, "services": -1, "total": 1}
    assert "change" in str(ch)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (review(3, staffing_1=6), r"not whole numbers 1-5: \{'staffing_1': 6\}"),
        (review(3, staffing_1=0), "not whole numbers 1-5"),
        (review(3, staffing_1=2.5), "not whole numbers 1-5"),
        (review(3, staffing_1="x"), "not whole numbers 1-5"),
        (review(3, staffing_1=True), "not whole numbers 1-5"),
        ({**review(3), "staffing_4": 3}, r"unknown item id\(s\) \['staffing_4'\]; the IPS-25"),
        ({k: 3 for k in ITEMS[:-2]}, r"lacks 2 of the 25 items: \['services_13', 'services_14'\]"),
    ],
)
def test_bad_reviews(bad, message):
    with pytest.raises(ValueError, match=message):
        score_fidelity(bad)


def test_duplicate_item_in_long_frame():
    long = pd.DataFrame({"item": [*ITEMS, "staffing_1"], "score": 3})
    with pytest.raises(ValueError, match="more than once"):
        score_fidelity(long)


def test_change_names_the_bad_review():
    with pytest.raises(ValueError, match="^after has"):
        fidelity_change(review(3), review(3, services_1=7))


def test_fidelity_table_many_reviews():
    rows = []
    for site, value in (("A", 5), ("B", 4)):
        for date in ("2023-10-01", "2024-10-01"):
            rows.append(pd.DataFrame({"site": site, "review_date": date, "item": ITEMS,
                                      "score": value}))  # fmt: skip
    table = fidelity_table(pd.concat(rows))
    assert table["total"].tolist() == [125, 125, 100, 100]
    assert table["band"].tolist() == ["exemplary", "exemplary", "good", "good"]
    bad = pd.concat(rows).reset_index(drop=True)
    bad.loc[3, "score"] = 9
    with pytest.raises(ValueError, match="review_date=2023-10-01"):
        fidelity_table(bad)


@pytest.mark.parametrize(
    ("caseload", "score"),
    [(0, 5), (20, 5), (20.5, 4), (25, 4), (26, 3), (30, 3), (31, 2), (40, 2), (41, 1), (99, 1)],
)
def test_caseload_item(caseload, score):
    assert caseload_item_score(caseload) == score


def test_caseload_item_bad():
    with pytest.raises(ValueError, match=">= 0"):
        caseload_item_score(-1)
    with pytest.raises(TypeError):
        caseload_item_score("20")


@pytest.mark.parametrize(
    ("total", "band"),
    [(73.5, "not_ips"), (73.99, "not_ips"), (74.0, "fair"), (99.5, "fair"), (99.999, "fair"),
     (100.0, "good"), (114.5, "good"), (115.0, "exemplary"), (25.0, "not_ips"), (125.0, "exemplary")],
)  # fmt: skip
def test_non_integer_totals_banded_by_lower_bounds(total, band):
    # bands from the manual: exemplary >= 115, good >= 100, fair >= 74, otherwise not IPS;
    # a mean of reviewers' totals such as 99.5 is between the integer bands 74-99 and 100-114
    expected = (
        "exemplary" if total >= 115 else "good" if total >= 100 else "fair" if total >= 74
        else "not_ips"
    )  # fmt: skip
    assert fidelity_band(total) == expected == band
    assert fidelity_band(np.float64(total)) == band


@pytest.mark.parametrize("total", [24.9, 125.1, float("nan")])
def test_band_rejects_totals_outside_the_scale(total):
    with pytest.raises(ValueError, match="outside the IPS-25 range"):
        fidelity_band(total)
