"""A small made-up region registry for the region report tests (same columns as
``vaikuttavuus.regions``): two counties, three employment areas, one of which crosses the county
border, eight municipalities (one bilingual, one Swedish-speaking, one tiny)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

MUNICIPALITIES = pd.DataFrame(
    [
        # code, name_fi, name_sv, county, area, population, language, certainty
        ("905", "Vaasa", "Vasa", "15", "TA90", 68000, "fi,sv", "confirmed: x"),
        ("499", "Mustasaari", "Korsholm", "15", "TA90", 19500, "sv-fi", "certain"),
        ("545", "Närpiö", "Närpes", "15", "TA91", 9300, "sv,fi", "uncertain: reconstructed"),
        ("287", "Kristiinankaupunki", "Kristinestad", "15", "TA91", 6300, "sv-fi", "certain"),
        ("934", "Vimpeli", "Vindala", "14", "TA91", 2800, "fi", "certain"),
        ("005", "Alajärvi", "Alajärvi", "14", "TA92", 9400, "fi", "certain"),
        ("301", "Kurikka", "Kurikka", "14", "TA92", 20500, "fi", "certain"),
        ("599", "Pedersöre", "Pedersöre", "15", "TA90", 300, "sv", "certain"),
    ],
    columns=[
        "code", "name_fi", "name_sv", "county_code", "area_code", "population", "language",
        "certainty",
    ],
)  # fmt: skip
MUNICIPALITIES["source"] = "test fixture"


def fake_registry() -> SimpleNamespace:
    """An object with ``counties``, ``areas`` and ``municipalities`` frames."""
    m = MUNICIPALITIES.copy()
    counties = pd.DataFrame(
        {
            "code": ["14", "15"],
            "name_fi": ["Etelä-Pohjanmaan hyvinvointialue", "Pohjanmaan hyvinvointialue"],
            "name_sv": ["Södra Österbottens välfärdsområde", "Österbottens välfärdsområde"],
            "language": ["fi", "fi-sv"],
        }
    )
    counties["population"] = [
        int(m.loc[m.county_code == c, "population"].sum()) for c in counties.code
    ]
    areas = pd.DataFrame(
        {
            "area_code": ["TA90", "TA91", "TA92"],
            "name_fi": ["Vaasan seutu", "Suupohja", "Kuusiokunnat"],
            "name_sv": ["Vasaregionen", "Sydösterbotten", ""],
            "organiser_code": ["905", "287", "301"],
            "language": ["fi-sv", "sv-fi", "fi"],
        }
    )
    areas["population"] = [
        int(m.loc[m.area_code == c, "population"].sum()) for c in areas.area_code
    ]
    return SimpleNamespace(counties=counties, areas=areas, municipalities=m)
