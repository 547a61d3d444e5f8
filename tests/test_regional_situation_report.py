"""The real-figure sections the region report leads with (presentation of RegionSituation):
built on a small hand-made situation, so every shown number is known, and on the shipped
open-data snapshots for real areas, counties and municipalities."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.present import Report, numbers_with_point
from vaikuttavuus.regional._situation import SITUATION_SECTIONS, situation_sections

SOURCES = {
    "population": {"authority": "Tilastokeskus (Statistics Finland)", "table": "11ra",
                   "period": "31.12.2025"},
    "unemployment": {"authority": "Tilastokeskus / KEHA-keskus", "table": "12r5",
                     "period": "2026M06"},
    "cofinancing": {"authority": "Kela, municipal share", "table": "Kela open data",
                    "period": "2025"},
    "unemployment_series": {"authority": "Tilastokeskus", "table": "12r5",
                            "period": "2006M01-2023M10"},
}  # fmt: skip


def fake_situation(level: str = "employment_area"):
    """A RegionSituation-shaped object (the agreed API of regional.situation)."""
    from types import SimpleNamespace

    summary = pd.DataFrame(
        {"measure": ["population", "unemployment_rate", "long_term_share", "other_services",
                     "cofinancing_per_inhabitant"],
         "value": [20463.0, 11.04, 38.5, 3.0, 147.299],
         "country": [5652881.0, 12.83, 41.04, 27189.0, 138.94],
         "rank": [30, 11, 19, 40, 7], "n_regions": [45, 45, 45, 44, 45],
         "unit": ["persons", "percent", "percent", "persons", "EUR per inhabitant"],
         "source_key": ["population", "unemployment", "unemployment", "unemployment",
                        "cofinancing"],
         "period": ["31.12.2025", "2026M06", "2026M06", "2026M06", "2025"]}
    )  # fmt: skip
    months = pd.date_range("2006-01-01", "2023-10-01", freq="MS")
    trend = pd.DataFrame({"month": months, "region_rate": np.linspace(8, 12, len(months)),
                          "country_rate": np.linspace(9, 10, len(months))})  # fmt: skip
    ranking = pd.DataFrame(
        {"region_code": ["TA01", "TA02", "TA03"], "name_fi": ["Eka", "Toka", "Kolmas"],
         "name_sv": ["Första", "Andra", "Tredje"], "name_en": ["First", "Second", "Third"],
         "unemployment_rate": [11.04, 9.5, 14.2], "long_term_share": [38.5, 40.0, 41.0],
         "cofinancing_per_inhabitant": [147.3, 120.0, 150.0], "is_region": [True, False, False]}
    )  # fmt: skip
    municipalities = pd.DataFrame(
        {"code": ["001", "002", "003"], "name_fi": ["Iso", "Keski", "Pieni"],
         "name_sv": ["Stor", "Mellan", "Liten"], "name_en": ["Big", "Middle", "Small"],
         "population": [18000.0, 2400.0, 63.0], "unemployed": [950.0, 60.0, 3.0],
         "labour_force": [8600.0, 1000.0, 30.0], "unemployment_rate": [11.05, 6.0, 10.0],
         "long_term_unemployed": [360.0, np.nan, 1.0], "long_term_share": [37.9, np.nan, 33.3],
         "withheld": [0, 1, 0]}
    )  # fmt: skip
    return SimpleNamespace(region_code="TA01", level=level, year=2025, month="2026-06",
                           summary=summary, trend=trend, ranking=ranking,
                           municipalities=municipalities, sources=SOURCES)  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_summary_beside_the_country_with_rank_and_sources(lang):
    secs = situation_sections(fake_situation(), lang)
    assert tuple(secs) == SITUATION_SECTIONS
    table = secs["situation"].table_parts[0]
    text = table.text_frame(lang)
    nb = "\u00a0"
    rate = {"fi": f"11,0{nb}%", "sv": f"11,0{nb}%", "en": "11.0%"}[lang]
    assert text.iloc[1, 0] == rate and text.iloc[1, 2] == "11/45"
    assert text.iloc[0, 1] == {"fi": f"5{nb}652{nb}881", "sv": f"5{nb}652{nb}881",
                               "en": "5,652,881"}[lang]  # fmt: skip
    assert text.iloc[4, 0] == {"fi": "147,30", "sv": "147,30", "en": "147.30"}[lang]
    # 3 persons in other services: withheld (the country's 27 189 is not)
    assert text.iloc[3, 0] == "<5" and text.iloc[3, 1] != "<5"
    page = Report("R", lang, tuple(secs.values())).html()
    authority = {"fi": "Tilastokeskus", "sv": "Statistikcentralen", "en": "Statistics Finland"}
    kela = {"fi": "Kela", "sv": "FPA", "en": "Kela"}
    assert (
        f"<li>{authority[lang]}, {'taulukko' if lang == 'fi' else 'tabell' if lang == 'sv' else 'table'} 12r5,"
        in page
    )
    assert f"<li>{kela[lang]}, 2025</li>" in page
    month = {"fi": "kesäkuu 2026", "sv": "juni 2026", "en": "June 2026"}[lang]
    assert month in page and "2026M06" not in page
    if lang != "en":
        assert numbers_with_point(page) == []


def test_municipality_counts_of_one_to_four_are_withheld_with_a_complement():
    sec = situation_sections(fake_situation(), "fi")["municipalities"]
    shown = sec.table_parts[0].shown()
    # "Pieni": 3 unemployed and 1 long-term unemployed -> withheld, their rates with them
    assert (
        shown.loc["Pieni", "unemployed"] == "<5" and shown.loc["Pieni", "unemployment_rate"] == "<5"
    )
    assert shown.loc["Pieni", "long_term_unemployed"] == "<5"
    # the rows split the region's total: the smallest other shown count is withheld too
    assert shown.loc["Keski", "unemployed"] == "<5"
    assert shown.loc["Iso", "unemployed"] == 950
    # a figure the source withholds stays unknown (blank), and the note counts it
    text = sec.table_parts[0].text_frame("fi")
    assert text.loc["Keski", "Pitkäaikaistyöttömät"] == ""
    assert any("1" in n and "lähteessä" in n for n in sec.notes)


def test_trend_and_comparison_figures_say_source_and_period():
    secs = situation_sections(fake_situation(), "sv")
    for key in ("trend", "comparison"):
        (fig,) = secs[key].figures
        assert fig.png.startswith(b"\x89PNG") and fig.source is not None
        assert fig.source.text("sv").startswith("Statistikcentralen, tabell 12r5")
    assert "januari 2006" in secs["trend"].intro and "oktober 2023" in secs["trend"].intro
    assert "Första" in secs["comparison"].intro


def test_hostile_region_names_are_escaped():
    s = fake_situation()
    s.ranking.loc[0, "name_en"] = "<script>alert(1)</script> $x$"
    s.municipalities.loc[0, "name_en"] = '<img src=x onerror="alert(1)">'
    page = Report("R", "en", tuple(situation_sections(s, "en").values())).html()
    assert "<script>" not in page and "<img src=x" not in page
    assert html.escape('<img src=x onerror="alert(1)">') in page


@pytest.mark.parametrize(("code", "level", "n"), [("TA39", "employment_area", 45),
                                                  ("06", "wellbeing_county", 22),
                                                  ("837", "municipality", 292)])  # fmt: skip
def test_real_situation_sections(code, level, n):
    from vaikuttavuus.regional.situation import situation

    s = situation(code)
    assert s.level == level
    secs = situation_sections(s, "sv")
    page = Report("R", "sv", tuple(secs.values())).html()
    assert numbers_with_point(page) == []
    rank = secs["situation"].table_parts[0].text_frame("sv").iloc[1, 2]
    assert rank.endswith(f"/{n}")
    # the municipality table's population sums to the region's population in the summary
    pop = s.municipalities["population"].sum()
    assert pop == pytest.approx(s.summary.set_index("measure").loc["population", "value"])


@pytest.mark.slow
def test_every_area_and_county_gets_the_real_sections():
    from vaikuttavuus.regional.situation import situation
    from vaikuttavuus.regions import load_regions

    reg = load_regions()
    codes = list(reg.areas["area_code"]) + list(reg.counties["code"])
    assert len(codes) == 45 + 22
    for code in codes:
        secs = situation_sections(situation(code), "fi")
        assert not any(s.omitted for s in secs.values()), code


def test_region_report_leads_with_real_figures_then_example_sections():
    from vaikuttavuus.regional import SECTIONS, region_data, region_report

    data = region_data("wellbeing_county", "06", period="2024")
    wanted = ["situation", "trend", "comparison", "municipalities", "region"]
    rep = region_report(data, language="sv", sections=wanted)
    assert list(rep.sections) == wanted and SECTIONS[:4] == tuple(wanted[:4])
    assert rep.situation is not None and rep.situation.level == "wellbeing_county"
    assert not any(rep.sections[k].example for k in wanted[:4])
    assert rep.sections["region"].example  # synthetic episodes: headed as example data
    page = rep.presentation().html()
    assert page.index("Lägesbild") < page.index("(exempeldata)")
    assert page.count("Exempeldata:") == 1 and page.index("Exempeldata:") < page.index("<h2>")
    assert numbers_with_point(page) == []
    assert "Statistikcentralen, tabell 12r5" in page
    assert "<h2></h2>" not in page


def test_region_report_without_official_figures_says_so_once(monkeypatch):
    import vaikuttavuus.regional.situation as situation_module
    from vaikuttavuus.regional import region_data, region_report

    def unavailable(code, **kw):
        raise ValueError(f"no snapshot for {code}")

    monkeypatch.setattr(situation_module, "situation", unavailable)
    data = region_data("wellbeing_county", "06", period="2024")
    rep = region_report(data, language="en", sections=["situation", "trend", "region"])
    assert rep.section("situation").omitted
    assert "ValueError: no snapshot for 06" in rep.section("situation").intro
    assert rep.section("trend")._repr_html_() == ""  # a placeholder, said once above
    assert rep.situation is None


def test_situation_report_for_a_municipality():
    from vaikuttavuus.regional import situation_report

    rep = situation_report("091", language="sv")  # Helsinki
    assert rep.title == "Helsingfors" and rep.subtitle == "Kommun"
    table = rep.sections[-1].table_parts[0].text_frame("sv")
    assert list(table.index) == ["Helsingfors"]
    assert numbers_with_point(rep.html()) == []
    with pytest.raises(ValueError):
        situation_report("999")


def test_example_sections_say_each_note_once():
    import re
    import warnings
    from collections import Counter

    from vaikuttavuus.regional import region_data, region_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = region_data("employment_area", "TA26", period="2024")  # IPS, survey, episodes
        rep = region_report(data, language="fi", sections=["region", "compensation", "ips"])
    assert not rep.omitted
    page = rep.presentation().html()
    notes = Counter(re.findall(r"<p><em>(.*?)</em></p>", page))
    assert notes and max(notes.values()) == 1, notes.most_common(2)
    assert "simulate_ips" not in page  # example data: said once at the top, in words
    assert numbers_with_point(page) == []
