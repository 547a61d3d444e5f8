"""The compensation report: sections in fi/sv/en and disclosure control of every table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.compensation import compensation_report, simulate_episodes
from vaikuttavuus.compensation._present import header
from vaikuttavuus.disclosure import SUPPRESSED

COUNTS = ("episodes", "ended", "active", "outcomes")


@pytest.fixture(scope="module")
def episodes() -> pd.DataFrame:
    ep = simulate_episodes(monthly_clients=250, seed=8)
    ended = ep[ep["end_status"] != "active"].head(5).copy()
    tiny = ended.assign(
        provider="Provider Z",
        episode_id=[f"Z{i}" for i in range(5)],
        client_id=[f"Zc{i}" for i in range(5)],
        end_status=["work", "unemployment", "interrupted", "active", "active"],
    )
    tiny.loc[tiny["end_status"] == "active", "end"] = pd.NaT
    return pd.concat([ep, tiny], ignore_index=True)


@pytest.fixture(scope="module")
def report(episodes):
    return compensation_report(episodes, language="en")


def _cells(report, language="en"):
    for name, section in report.sections.items():
        for table in section.tables.values():
            yield name, table


def test_no_shown_count_describes_one_to_four_persons(report) -> None:
    heads = {header(c, "en") for c in COUNTS}
    for name, table in _cells(report):
        for col in table.columns:
            if col not in heads:
                continue
            values = pd.to_numeric(table[col], errors="coerce")
            assert not ((values > 0) & (values < 5)).any(), (name, col)


def test_small_provider_withheld_with_a_complement(report) -> None:
    rates = report.section("rates").tables[""]
    z = rates.loc["Provider Z"]
    assert (z == SUPPRESSED).all()  # 3 ended episodes: nothing shown
    withheld = [p for p in rates.index if (rates.loc[p] == SUPPRESSED).all()]
    assert len(withheld) == 2  # plus the smallest other provider (complementary)
    pay = report.section("payments").tables[""]
    z_pay = pay.loc["Provider Z"]  # 5 episodes in service: their daily part may be shown
    assert z_pay["Episodes"] == 5
    for col in ("Ended", "Outcomes", "Outcome part €", "€ per outcome", "Share paid on outcomes"):
        assert z_pay[col] == SUPPRESSED, col
    # total - daily part would give the outcome part (and, with the rate card, the 1 outcome)
    assert z_pay["Total €"] == SUPPRESSED
    # ... and a complementary provider is withheld in those columns, so the overall total and
    # share paid on outcomes do not give Provider Z's figures by difference
    hidden = pay.index[pay["Outcome part €"] == SUPPRESSED]
    assert len(hidden) >= 2
    assert (pay.loc[hidden, "Total €"] == SUPPRESSED).all()
    assert (report.to_frame().set_index("provider").loc["Provider Z"] == SUPPRESSED).all()
    fin = report.section("financing").tables[""]
    assert (fin.loc["Provider Z"] == SUPPRESSED).all()


def test_outcome_columns_withheld_when_non_outcomes_are_few() -> None:
    from vaikuttavuus.compensation._present import suppress_provider_table

    table = pd.DataFrame(
        {
            "ended": [40, 30, 20],
            "outcomes": [38, 10, 8],  # A: 2 non-outcomes
            "rate": [0.95, 0.333, 0.4],
            "total": [1000.0, 800.0, 500.0],
        },
        index=pd.Index(["A", "B", "C"], name="provider"),
    )
    out = suppress_provider_table(
        table, counts=["outcomes"], rate_columns=["rate", "total"], outcomes="outcomes"
    )
    assert (out.loc["A", ["outcomes", "rate", "total"]] == SUPPRESSED).all()
    assert (out.loc["C", ["outcomes", "rate", "total"]] == SUPPRESSED).all()  # complement
    assert (out.loc["B", ["outcomes", "rate", "total"]] != SUPPRESSED).all()
    assert (out["ended"] == table["ended"]).all()


def test_api_results_are_unsuppressed_and_consistent(report, episodes) -> None:
    t = report.rates.table.set_index("provider")
    assert t.loc["Provider Z", "ended"] == 3 and t.loc["Provider Z", "outcomes"] == 1
    assert report.payments is not None and report.payments.total > 0
    assert report.contracts is not None
    assert report.adjusted is not None and len(report.adjusted.table) == 7


@pytest.mark.parametrize(
    ("language", "title", "deadweight"),
    [
        ("fi", "Tulokset palveluntuottajittain", "Nollavaikutus"),
        ("sv", "Resultat per producent", "Dödvikt"),
        ("en", "Outcomes by provider", "Deadweight"),
    ],
)
def test_languages(language, title, deadweight) -> None:
    rep = compensation_report(simulate_episodes(monthly_clients=120, seed=3), language=language)
    assert rep.section("rates").title == title
    assert any(n.startswith(deadweight) for n in rep.section("contracts").notes)
    html = rep._repr_html_()
    assert "<img" in html and title in html
    assert set(rep.sections) == {
        "payments",
        "rates",
        "adjusted",
        "funnel",
        "contracts",
        "financing",
    }


def test_other_year_moves_the_illustrative_card_and_restricts_episodes() -> None:
    ep = simulate_episodes(monthly_clients=120, seed=3, year=2023)
    rep = compensation_report(ep, period=2023, language="en")
    notes = " ".join(rep.section("payments").notes)
    assert "contract period (2019) are applied to the report year 2023" in notes
    assert "tampere_illustrative" not in rep._repr_html_()  # no identifier reaches a reader
    assert rep.year == 2023
    with pytest.raises(ValueError, match="no episode"):
        compensation_report(ep, period=2010)
    with pytest.raises(ValueError, match="'fi', 'sv', 'en'"):
        compensation_report(ep, language="de")
    assert np.isfinite(rep.rates.overall_rate)


def test_summary_withholds_small_counts_and_uses_the_language(report) -> None:
    text = str(report.summary())
    assert "Ended" in text
    fi = compensation_report(simulate_episodes(monthly_clients=120, seed=3), language="fi")
    figures = fi.summary().figures
    assert "," in str(figures[header("rate", "fi")])  # decimal comma
    small = fi.rates.table.assign(outcomes=[3] + [0] * (len(fi.rates.table) - 1))
    from dataclasses import replace

    tiny = replace(fi, rates=replace(fi.rates, table=small, ended=10, active=2))
    figures = tiny.summary().figures
    assert figures[header("active", "fi")] == SUPPRESSED
    assert figures[header("rate", "fi")] == SUPPRESSED  # 3 outcomes
    assert figures[header("outcome_share", "fi")] == SUPPRESSED
    assert figures[header("ended", "fi")] == "10"
