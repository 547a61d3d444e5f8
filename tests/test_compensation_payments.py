"""Payments under rate cards, checked against small cases computed by hand below."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.compensation import (
    RateCardError,
    compare_rate_cards,
    load_rate_card,
    payments,
    rate_card_names,
    simulate_episodes,
)

ROOT = Path(__file__).resolve().parents[1]


def _card(p2_1a: float = 11.0, pay_work_p2: float = 600.0) -> dict:
    def period(start, end, ob_1a, pay_work):
        return {
            "start": start,
            "end": end,
            "services": {
                "1A": {
                    "days_per_week": 7,
                    "daily_price": {"outcome_based": ob_1a, "fixed": ob_1a + 2},
                    "outcome_payment": {"work": pay_work},
                },
                "1B": {
                    "days_per_week": 3.5,
                    "daily_price": {"outcome_based": 16, "fixed": 20},
                    "outcome_payment": {"work_trial": 200},
                },
            },
        }

    return {
        "name": "hand",
        "periods": [
            period("2019-01-01", "2019-06-30", 10.0, 500.0),
            period("2019-07-01", "2019-12-31", p2_1a, pay_work_p2),
        ],
    }


def _episodes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "episode_id": ["e1", "e2", "e3", "e4"],
            "client_id": ["c1", "c2", "c3", "c4"],
            "provider": ["A", "A", "B", "B"],
            "service_type": ["1A", "1B", "1A", "1B"],
            "contract_type": ["outcome_based", "fixed", "outcome_based", "outcome_based"],
            "start": ["2019-06-21", "2019-03-01", "2019-12-01", "2018-12-20"],
            "end": ["2019-07-10", "2019-03-14", None, "2019-01-05"],
            "end_status": ["work", "work_trial", "active", "interrupted"],
        }
    )


def test_yearly_payments_by_hand() -> None:
    res = payments(_episodes(), _card(), as_of="2019-12-10")
    by = res.by_provider.set_index("provider")
    # A: e1 10 days x 10 EUR (June) + 10 days x 11 EUR (July) + work payment of period 2 (600);
    #    e2 fixed 1B: 14 days x 3.5/7 = 7 billed days x 20 EUR = 140, no outcome payment (fixed)
    assert by.loc["A", "daily_part"] == pytest.approx(10 * 10 + 10 * 11 + 7 * 20, abs=1e-9)
    assert by.loc["A", "outcome_part"] == pytest.approx(600, abs=1e-9)
    assert by.loc["A", "total"] == pytest.approx(950, abs=1e-9)
    assert by.loc["A", "outcomes"] == 2 and by.loc["A", "ended"] == 2
    assert by.loc["A", "cost_per_outcome"] == pytest.approx(950 / 2)
    assert by.loc["A", "outcome_share"] == pytest.approx(600 / 950)
    assert by.loc["A", "billed_days"] == pytest.approx(20 + 7)
    # B: e3 active 1-10 Dec = 10 days x 11; e4 1-5 Jan inside the window: 2.5 billed days x 16
    assert by.loc["B", "daily_part"] == pytest.approx(10 * 11 + 2.5 * 16, abs=1e-9)
    assert by.loc["B", "outcome_part"] == 0 and by.loc["B", "outcomes"] == 0
    assert math.isnan(by.loc["B", "cost_per_outcome"])
    assert res.total == pytest.approx(950 + 150)
    assert res.window == (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-12-31"))


def test_quarterly_payments_by_hand() -> None:
    t = payments(_episodes(), _card(), period="quarter", as_of="2019-12-10").table
    a = t[t["provider"] == "A"].set_index("period")
    assert a.loc["2019Q1", "daily_part"] == pytest.approx(140)
    assert a.loc["2019Q2", "daily_part"] == pytest.approx(100)
    assert a.loc["2019Q3", "daily_part"] == pytest.approx(110)
    assert a.loc["2019Q3", "outcome_part"] == pytest.approx(600)
    assert a.loc["2019Q4", "total"] == 0
    assert a["outcomes"].tolist() == [1, 0, 1, 0]
    monthly = payments(_episodes(), _card(), period="month", as_of="2019-12-10")
    assert len(monthly.table) == 24
    assert monthly.total == pytest.approx(1100)


def test_what_if_by_hand() -> None:
    res = compare_rate_cards(
        _episodes(), _card(), _card(p2_1a=12.0, pay_work_p2=900.0), as_of="2019-12-10"
    )
    t = res.table.set_index("provider")
    assert t.loc["A", "total_b"] - t.loc["A", "total_a"] == pytest.approx(10 * 1 + 300)
    assert t.loc["B", "difference"] == pytest.approx(10 * 1)
    assert t.loc["A", "bonus_per_outcome_a"] == pytest.approx(600)  # one paid outcome (e1)
    assert t.loc["A", "bonus_per_outcome_b"] == pytest.approx(900)


def test_card_missing_service_type_names_it() -> None:
    card = _card()
    for p in card["periods"]:
        del p["services"]["1B"]
    with pytest.raises(RateCardError, match=r"1B .*2 episode\(s\) are affected .*e2, e4"):
        payments(_episodes(), card)


def test_unpriced_days_are_an_error() -> None:
    with pytest.raises(RateCardError, match=r"unpriced days .*e4"):
        payments(_episodes(), _card(), window=("2018-12-01", "2019-12-31"))


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        (lambda c: c["periods"][0]["services"]["1A"]["daily_price"].update(fixed=-1), "negative"),
        (lambda c: c["periods"][0]["services"]["1A"]["daily_price"].pop("fixed"), "fixed must be"),
        (lambda c: c["periods"][0]["services"].update(foo={}), "unknown service type.*foo"),
        (
            lambda c: c["periods"][0]["services"]["1A"]["outcome_payment"].update(active=5),
            "unknown end status",
        ),
        (lambda c: c["periods"][1].update(start="2019-06-01"), "overlap"),
        (lambda c: c["periods"][1].update(end="2019-01-01"), "before it starts"),
    ],
)
def test_bad_rate_cards(edit, match) -> None:
    card = _card()
    edit(card)
    with pytest.raises(RateCardError, match=match):
        load_rate_card(card)


def test_packaged_cards_match_data_copies_and_calibration() -> None:
    for name in rate_card_names():
        packaged = ROOT / "src" / "vaikuttavuus" / "compensation" / "ratecards" / f"{name}.yaml"
        assert packaged.read_text() == (ROOT / "data" / "ratecards" / f"{name}.yaml").read_text()
        card = load_rate_card(ROOT / "data" / "ratecards" / f"{name}.yaml")
        assert card.illustrative and "INVENTED" in packaged.read_text()
    # the illustrative card is calibrated to about 5.5 MEUR for a Tampere-sized year (seed 002)
    total = payments(simulate_episodes(seed=0), "tampere_illustrative").total
    assert 5.0e6 < total < 6.0e6
    with pytest.raises(FileNotFoundError, match="tampere_illustrative"):
        load_rate_card("no_such_card")


def test_payments_sum_over_periods_equals_year() -> None:
    ep = simulate_episodes(monthly_clients=150, seed=7)
    year = payments(ep, "tampere_illustrative")
    months = payments(ep, "tampere_illustrative", period="month")
    np.testing.assert_allclose(
        months.table.groupby("provider")["total"].sum().to_numpy(),
        year.by_provider["total"].to_numpy(),
    )
    with pytest.raises(ValueError, match="'year', 'quarter', 'month', None"):
        payments(ep, "tampere_illustrative", period="week")


def test_as_of_ends_active_episodes_only() -> None:
    # regression: an explicit as_of also cut the days of ENDED episodes (contrary to the
    # docstring: "start to end inclusive, active episodes to as_of") while their outcome
    # payment was still made, so an episode ending after as_of was paid its outcome but only
    # part of its days
    ep = pd.DataFrame(
        {
            "episode_id": ["e1", "e2", "e3"],
            "client_id": ["c1", "c2", "c3"],
            "provider": ["A", "B", "B"],
            "service_type": ["1A", "1A", "1B"],
            "contract_type": ["outcome_based", "outcome_based", "fixed"],
            "start": ["2019-06-21", "2019-06-25", "2019-07-02"],
            "end": ["2019-07-10", None, None],
            "end_status": ["work", "active", "active"],
        }
    )
    res = payments(ep, _card(), as_of="2019-06-30", period="quarter")
    t = res.table.set_index(["provider", "period"])
    # e1: 21-30 June = 10 days x 7/7 x 10 EUR; 1-10 July = 10 days x 11 EUR; work paid 600 (p2)
    assert t.loc[("A", "2019Q2"), "daily_part"] == pytest.approx(10 * 10.0, abs=1e-9)
    assert t.loc[("A", "2019Q3"), "daily_part"] == pytest.approx(10 * 11.0, abs=1e-9)
    assert t.loc[("A", "2019Q3"), "outcome_part"] == pytest.approx(600.0, abs=1e-9)
    # e2 active: 25-30 June = 6 days x 10 EUR; e3 starts after as_of: nothing billed
    assert t.loc[("B", "2019Q2"), "daily_part"] == pytest.approx(6 * 10.0, abs=1e-9)
    assert t.loc[("B", "2019Q3"), "total"] == 0 and t.loc[("B", "2019Q3"), "episodes"] == 0
    assert res.total == pytest.approx(100 + 110 + 600 + 60, abs=1e-9)
