"""The region report on the real registry and the embedded data: all 67 regions."""

from __future__ import annotations

import pytest
from test_regional_report import visible_small_counts

from vaikuttavuus.regional import region_data, region_report
from vaikuttavuus.regional._i18n import all_texts, number
from vaikuttavuus.regions import default_regions, list_regions

REG = default_regions()
REGIONS = [("wellbeing_county", c) for c in REG.counties["code"]] + [
    ("employment_area", a) for a in REG.areas["area_code"]
]


def test_there_are_67_regions():
    assert len(REGIONS) == 67 == len(list_regions())


BILINGUAL = [("wellbeing_county", "17"), ("employment_area", "TA26"), ("employment_area", "TA07")]


@pytest.mark.parametrize(
    ("language", "regions"),
    [
        pytest.param("fi", REGIONS, marks=pytest.mark.slow, id="fi-all-67"),
        pytest.param("sv", BILINGUAL, id="sv-bilingual"),
    ],
)
def test_every_region_heading_table_and_disclosure(language, regions):
    names = list_regions().set_index("code")
    for region_type, code in regions:
        data = region_data(region_type, code, period="2024")
        rep = region_report(data, language=language, sections=["region"])
        assert rep.heading().splitlines()[0] == f"# {names.loc[code, f'name_{language}']}"
        table = rep.section("region").tables[all_texts()["municipalities"][language]]
        k = int(names.loc[code, "n_municipalities"])
        assert len(table) == k + 1  # municipalities and the total row
        pop_col = [c for c in table.columns if c.startswith(("Väkiluku", "Folkmängd"))][0]
        assert table[pop_col].iloc[-1] == int(names.loc[code, "population"])
        shown = rep.section("region").table_parts[0].text_frame(language)
        assert shown[pop_col].iloc[-1] == number(int(names.loc[code, "population"]), language)
        episodes = all_texts()["episodes"][language]
        assert visible_small_counts(table, [episodes]) == 0, code
        assert rep.section("region").figures  # the chart


def test_bilingual_region_in_swedish_names_its_municipalities_in_swedish():
    rep = region_report(region_data("employment_area", "TA26", period="2024"), language="sv")
    table = rep.section("region").tables["Kommuner"]
    assert {"Vasa", "Korsholm", "Närpes"} <= set(table.index)
    assert rep.section("region").intro.startswith("Österbotten är ett sysselsättningsområde")
    assert not rep.section("survey").omitted  # Pohjanmaa is a survey county
    assert not rep.section("ips").omitted  # and has IPS sites
    assert not rep.section("compensation").omitted


def test_region_without_ips_or_survey_says_so():
    rep = region_report(region_data("wellbeing_county", "90", period="2024"), language="fi")
    assert rep.omitted == ("ips", "survey")
    assert rep.section("ips").intro == all_texts()["no_ips"]["fi"]


def test_a_failing_ips_part_leaves_the_other_parts(monkeypatch):
    from vaikuttavuus.ips.report import IPSReport

    original = IPSReport.section

    def section(self, name):
        if name == "benchmarks":
            raise IndexError("boom")
        return original(self, name)

    monkeypatch.setattr(IPSReport, "section", section)
    data = region_data("wellbeing_county", "20", period="2024")  # Kainuu: IPS county
    sec = region_report(data, language="en", sections=["ips"]).section("ips")
    assert not sec.omitted
    from vaikuttavuus.present import Note

    assert len([p for p in sec.parts if not isinstance(p, Note)]) == len(IPSReport.sections) - 1
    assert (
        "The part 'benchmarks' could not be computed (IndexError), so it is omitted." in sec.notes
    )
