"""TE24 municipal co-financing: hand-computed cases, boundaries, closed form vs per-day sums,
the pre-2025 rule and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.financing import (
    BENEFIT_TYPES,
    RULES,
    expected_outcome_value,
    load_tier_schedule,
    municipal_share,
    outcome_value,
    share_rates,
    spell_cost,
)

LMS = "labour_market_subsidy"
DAY = 37.21  # full labour market subsidy / basic allowance per day (2024-2025)


def test_packaged_rules():
    assert RULES == ("2025", "pre2025")
    s = load_tier_schedule(rule="2025")
    assert s.first_days.tolist() == [1, 101, 201, 301, 401, 701]
    assert s.shares[LMS].tolist() == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
    assert s.shares["basic_allowance"].tolist() == [0.0, 0.1, 0.2, 0.3, 0.4, 0.4]
    assert s.charged["earnings_related"] == "base_part"
    assert s.base_part == 37.21
    assert any("kela.fi" in src for src in s.sources)
    assert "unverified" in s.note
    p = load_tier_schedule(rule="pre2025")
    assert p.first_days.tolist() == [1, 301, 1001]
    assert p.shares[LMS].tolist() == [0.0, 0.5, 0.7]
    assert p.shares["basic_allowance"].tolist() == [0.0, 0.0, 0.0]
    frame = s.to_frame()
    assert list(frame.columns) == ["rule", "first_day", "last_day"] + [
        f"share_{k}" for k in BENEFIT_TYPES
    ]
    assert np.isnan(frame["last_day"].iloc[-1])


@pytest.mark.parametrize(
    ("day", "expected"),
    [(1, 0.0), (100, 0.0), (101, 0.1), (200, 0.1), (201, 0.2), (300, 0.2), (301, 0.3),
     (400, 0.3), (401, 0.4), (700, 0.4), (701, 0.5), (5000, 0.5)],
)  # fmt: skip
def test_boundaries_2025(day, expected):
    assert share_rates(day, LMS).item() == expected
    assert share_rates(day, "basic_allowance").item() == min(expected, 0.4)


@pytest.mark.parametrize(
    ("day", "expected"),
    [(1, 0.0), (300, 0.0), (301, 0.5), (1000, 0.5), (1001, 0.7)],
)
def test_boundaries_pre2025(day, expected):
    assert share_rates(day, LMS, rule="pre2025").item() == expected
    assert share_rates(day, "basic_allowance", rule="pre2025").item() == 0.0


def test_250_days_labour_market_subsidy_by_hand():
    # days 1-100: 0; 101-200: 100 days x 10 % x 37.21; 201-250: 50 days x 20 % x 37.21
    expected = 100 * 0.10 * 37.21 + 50 * 0.20 * 37.21
    res = municipal_share(np.arange(1, 251), LMS, DAY)
    assert res.total == pytest.approx(744.20, abs=1e-6)
    assert res.total == pytest.approx(expected, abs=1e-6)
    assert res.benefit_total == pytest.approx(250 * 37.21, abs=1e-6)
    assert res.rate[99] == 0.0 and res.rate[100] == 0.1 and res.rate[200] == 0.2
    assert res.cost[100] == pytest.approx(3.721, abs=1e-12)
    table = res.to_frame()
    assert table["days"].sum() == 250
    assert table.loc[table["first_day"] == 201, "municipal_eur"].item() == pytest.approx(372.1)
    assert table["municipal_eur"].sum() == pytest.approx(res.total)


def test_long_spell_both_rules_by_hand():
    # 1,200 passive days of labour market subsidy at 37.21 EUR
    new = (100 * 0.1 + 100 * 0.2 + 100 * 0.3 + 300 * 0.4 + 500 * 0.5) * 37.21
    old = (700 * 0.5 + 200 * 0.7) * 37.21
    assert new == pytest.approx(16000.30, abs=1e-6)
    assert old == pytest.approx(18232.90, abs=1e-6)
    days = np.arange(1, 1201)
    assert municipal_share(days, LMS, DAY).total == pytest.approx(new, abs=1e-6)
    assert municipal_share(days, LMS, DAY, rule="pre2025").total == pytest.approx(old, abs=1e-6)
    assert float(spell_cost(0, 1200, LMS, DAY)) == pytest.approx(new, abs=1e-6)
    assert float(spell_cost(0, 1200, LMS, DAY, rule="pre2025")) == pytest.approx(old, abs=1e-6)


def test_earnings_related_charged_on_base_part():
    # 60 EUR/day earnings-related allowance: the share applies to the 37.21 basic-part amount
    res = municipal_share(np.arange(101, 111), "earnings_related", 60.0)
    assert res.total == pytest.approx(10 * 0.1 * 37.21, abs=1e-9)
    assert res.benefit_total == pytest.approx(600.0)
    assert res.charged_amount.tolist() == [37.21] * 10
    # an explicit base part, and an adjusted day paid below the base part
    assert municipal_share(150, "earnings_related", 60.0, base_part=40.0).total == pytest.approx(
        4.0
    )
    assert municipal_share(150, "earnings_related", 20.0).total == pytest.approx(2.0)
    # basic allowance is charged in full
    assert municipal_share(150, "basic_allowance", 60.0).total == pytest.approx(6.0)
    # not co-financed before 2025
    assert municipal_share(500, "earnings_related", 60.0, rule="pre2025").total == 0.0


def test_count_continues_across_benefit_types():
    # 400 days of earnings-related allowance then 100 days of labour market subsidy
    days = np.arange(1, 501)
    kinds = np.where(days <= 400, "earnings_related", LMS)
    amount = np.where(days <= 400, 70.0, DAY)
    res = municipal_share(days, kinds, amount)
    expected = (100 * 0.1 + 100 * 0.2 + 100 * 0.3) * 37.21 + 100 * 0.4 * 37.21
    assert res.total == pytest.approx(expected, abs=1e-6)
    assert set(res.to_frame()["benefit_type"]) == {"earnings_related", LMS}


def test_vectorised_over_persons_2d():
    days = np.arange(1, 301)[None, :] + np.array([[0], [100], [400]])  # 3 persons x 300 days
    res = municipal_share(days, LMS, np.array([[DAY], [30.0], [DAY]]))
    per_person = res.cost.sum(axis=1)
    assert per_person.shape == (3,)
    closed = spell_cost([0, 100, 400], 300, LMS, [DAY, 30.0, DAY])
    np.testing.assert_allclose(per_person, closed, rtol=0, atol=1e-9)
    assert per_person[1] == pytest.approx((100 * 0.1 + 100 * 0.2 + 100 * 0.3) * 30.0, abs=1e-9)


def test_spell_cost_matches_per_day_sum_random():
    rng = np.random.default_rng(5)
    before = rng.integers(0, 1500, 200)
    paid = rng.integers(0, 600, 200)
    kinds = rng.choice(list(BENEFIT_TYPES), 200)
    amount = rng.uniform(0, 90, 200)
    for rule in RULES:
        closed = spell_cost(before, paid, kinds, amount, rule=rule)
        for i in range(200):
            days = np.arange(before[i] + 1, before[i] + paid[i] + 1)
            per_day = municipal_share(days, kinds[i], amount[i], rule=rule).total if paid[i] else 0
            assert closed[i] == pytest.approx(per_day, abs=1e-8)


def test_outcome_value_by_hand():
    # exit at day 250, spell would have lasted 100 more days (251-350): 50 x 20 % + 50 x 30 %
    expected = (50 * 0.2 + 50 * 0.3) * 37.21
    assert float(outcome_value(250, 100, LMS, DAY)) == pytest.approx(expected, abs=1e-9)
    # the same days under the pre-2025 rule: 251-300 free, 301-350 at 50 %
    assert float(outcome_value(250, 100, LMS, DAY, rule="pre2025")) == pytest.approx(
        50 * 0.5 * 37.21, abs=1e-9
    )
    # an exit within the first 100 days that avoids only days <= 100 is worth nothing
    assert float(outcome_value(20, 80, LMS, DAY)) == 0.0
    assert float(outcome_value(20, 81, LMS, DAY)) == pytest.approx(3.721, abs=1e-12)
    out = outcome_value([0, 300], [0, 100], LMS, DAY)
    assert out.shape == (2,) and out[0] == 0.0


def test_expected_outcome_value():
    lengths, probs = [0, 50, 200], [0.2, 0.5, 0.3]
    acc = np.array([100, 650])
    expected = sum(p * outcome_value(acc, d, LMS, DAY) for d, p in zip(lengths, probs, strict=True))
    got = expected_outcome_value(acc, lengths, probs, LMS, DAY)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
    # person 2: 50 days 651-700 at 40 % ; 200 days: 50 at 40 % + 150 at 50 %
    by_hand = 0.5 * 50 * 0.4 * 37.21 + 0.3 * (50 * 0.4 + 150 * 0.5) * 37.21
    assert got[1] == pytest.approx(by_hand, abs=1e-9)
    scalar = expected_outcome_value(300, [100], [1.0], LMS, DAY)
    assert float(scalar) == pytest.approx(1116.3, abs=1e-9)


def test_summary_and_frame():
    res = municipal_share(np.arange(1, 801), LMS, DAY)
    text = str(res)
    assert "municipality's cost" in text and "By day class" in text
    assert "<table>" in res._repr_html_()
    frame = res.to_frame()
    assert list(frame.columns) == [
        "rule", "benefit_type", "first_day", "last_day", "share",
        "days", "benefit_eur", "charged_eur", "municipal_eur",
    ]  # fmt: skip
    assert isinstance(frame, pd.DataFrame) and len(frame) == 6


def test_custom_schedule(tmp_path):
    cfg = tmp_path / "tiers.yaml"
    cfg.write_text(
        "base_part_eur_per_day: 40\n"
        "rules:\n"
        "  flat:\n"
        "    benefit_types: [labour_market_subsidy]\n"
        "    tiers:\n"
        "      - {first_day: 1, last_day: 10, share: 0}\n"
        "      - {first_day: 11, last_day: null, share: 0.25}\n",
        encoding="utf-8",
    )
    s = load_tier_schedule(cfg, rule="flat")
    assert float(spell_cost(0, 20, LMS, 10.0, rule=s)) == pytest.approx(25.0)
    assert float(spell_cost(0, 20, "basic_allowance", 10.0, rule=s)) == 0.0
    with pytest.raises(ValueError, match="rule='x' is not allowed; choose one of 'flat'"):
        load_tier_schedule(cfg, rule="x")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: {}\n", "no 'rules'"),
        ("base_part_eur_per_day: 37\nrules:\n  r:\n    benefit_types: [x]\n"
         "    tiers: [{first_day: 1, last_day: null, share: 0}]\n", "benefit_types"),
        ("base_part_eur_per_day: 37\nrules:\n  r:\n    benefit_types: [basic_allowance]\n"
         "    tiers: [{first_day: 2, last_day: null, share: 0}]\n", "start at day 1"),
        ("base_part_eur_per_day: 37\nrules:\n  r:\n    benefit_types: [basic_allowance]\n"
         "    tiers: [{first_day: 1, last_day: 5, share: 0}, {first_day: 7, last_day: null,"
         " share: 0.1}]\n", "contiguous"),
        ("base_part_eur_per_day: 37\nrules:\n  r:\n    benefit_types: [basic_allowance]\n"
         "    tiers: [{first_day: 1, last_day: 5, share: 0}]\n", "open-ended"),
        ("base_part_eur_per_day: 37\nrules:\n  r:\n    benefit_types: [basic_allowance]\n"
         "    tiers: [{first_day: 1, last_day: null, share: 1.5}]\n", "between 0 and 1"),
    ],
)  # fmt: skip
def test_bad_configuration(tmp_path, text, message):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_tier_schedule(cfg, rule="r")


def test_missing_configuration_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_tier_schedule(tmp_path / "nope.yaml")


def test_bad_input_errors():
    with pytest.raises(
        ValueError, match="rule='2024' is not allowed; choose one of '2025', 'pre2025'"
    ):
        municipal_share(1, LMS, DAY, rule="2024")
    with pytest.raises(
        ValueError, match=r"unknown value\(s\) \['housing'\]; allowed: labour_market"
    ):
        municipal_share([1, 2], [LMS, "housing"], DAY)
    with pytest.raises(ValueError, match="benefit_type='housing' is not allowed; choose one of"):
        municipal_share(1, "housing", DAY)
    with pytest.raises(
        ValueError,
        match=r"benefit_days must be whole numbers >= 1.*2 value\(s\), "
        r"first at position\(s\) 0, 2",
    ):
        municipal_share([0, 5, -3], LMS, DAY)
    with pytest.raises(ValueError, match="benefit_days .*1 value"):
        municipal_share([1.5, 2], LMS, DAY)
    with pytest.raises(ValueError, match="benefit_days .*1 value"):
        municipal_share([np.nan, 2], LMS, DAY)
    with pytest.raises(TypeError, match="benefit_days must hold whole numbers"):
        municipal_share(["a"], LMS, DAY)
    with pytest.raises(ValueError, match=r"daily_amount must be finite and >= 0 EUR; 1 value"):
        municipal_share([1, 2], LMS, [10.0, -1.0])
    with pytest.raises(ValueError, match="days_before must be whole numbers >= 0"):
        spell_cost(-1, 10, LMS, DAY)
    with pytest.raises(ValueError, match="base_part must be a positive"):
        spell_cost(0, 10, "earnings_related", DAY, base_part=0)
    with pytest.raises(ValueError, match="sum to 1"):
        expected_outcome_value(100, [10, 20], [0.5, 0.4], LMS, DAY)
    with pytest.raises(ValueError, match="same non-zero length"):
        expected_outcome_value(100, [10, 20], [1.0], LMS, DAY)
    with pytest.raises(ValueError, match="shape mismatch|broadcast"):
        spell_cost([1, 2, 3], [1, 2], LMS, DAY)
