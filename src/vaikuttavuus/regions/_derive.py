"""Derived columns of the registry: populations, counts and languages of the regions."""

from __future__ import annotations

import pandas as pd

COUNTY_COLUMNS = (
    "code name_fi name_sv name_en language population n_municipalities n_areas source"
).split()
AREA_COLUMNS = (
    "area_code name_fi name_sv name_en county_code county_codes language population "
    "n_municipalities source"
).split()
MUNICIPALITY_COLUMNS = (
    "code name_fi name_sv name_en county_code area_code population population_year language source"
).split()


def combine_language(members: pd.DataFrame) -> str:
    """Language of a region from its municipalities (rule in ``Regions`` notes)."""
    langs = set(members["language"])
    if langs == {"fi"}:
        return "fi"
    if langs == {"sv"}:
        return "sv"
    majority = members["language"].str[:2]
    fi = members.loc[majority == "fi", "population"].sum()
    sv = members.loc[majority == "sv", "population"].sum()
    return "sv,fi" if sv > fi else "fi,sv"


def _languages(munis: pd.DataFrame, key: str) -> pd.Series:
    """:func:`combine_language` of every group of ``key`` at once (vectorised)."""
    lang = munis["language"]
    majority = lang.str[:2]
    frame = pd.DataFrame(
        {
            "g": munis[key],
            "all_fi": lang == "fi",
            "all_sv": lang == "sv",
            "fi": munis["population"].where(majority == "fi", 0),
            "sv": munis["population"].where(majority == "sv", 0),
        }
    )
    agg = frame.groupby("g", sort=False).agg(
        all_fi=("all_fi", "all"), all_sv=("all_sv", "all"), fi=("fi", "sum"), sv=("sv", "sum")
    )
    out = pd.Series("fi,sv", index=agg.index)
    out[agg["sv"] > agg["fi"]] = "sv,fi"
    out[agg["all_sv"]] = "sv"
    out[agg["all_fi"]] = "fi"
    return out


def derive(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, ...]:
    """Counties, areas, municipalities and sources with derived columns, in column order."""
    counties, areas = tables["counties.csv"].copy(), tables["areas.csv"].copy()
    munis, sources = tables["municipalities.csv"].copy(), tables["sources.csv"].copy()
    munis["population"] = munis["population"].astype("int64")
    if "population_year" in munis.columns:
        munis["population_year"] = pd.to_numeric(munis["population_year"]).astype("Int64")
    else:
        munis["population_year"] = pd.array([pd.NA] * len(munis), dtype="Int64")
    by_area = munis.groupby("area_code", sort=False)
    by_county = munis.groupby("county_code", sort=False)
    # the county holding most of the area's inhabitants
    main = munis.groupby(["area_code", "county_code"])["population"].sum().reset_index()
    main = main.sort_values(["area_code", "population"], ascending=[True, False])
    areas["county_code"] = areas["area_code"].map(
        main.drop_duplicates("area_code").set_index("area_code")["county_code"]
    )
    areas["population"] = areas["area_code"].map(by_area["population"].sum()).astype("int64")
    areas["n_municipalities"] = areas["area_code"].map(by_area.size()).astype("int64")
    areas["language"] = areas["area_code"].map(_languages(munis, "area_code"))
    counties["population"] = counties["code"].map(by_county["population"].sum())
    counties["n_municipalities"] = counties["code"].map(by_county.size())
    area_counties = areas["county_codes"].str.split(";")
    counties["n_areas"] = [
        int(area_counties.map(lambda cs, c=c: c in cs).sum()) for c in counties["code"]
    ]
    counties["language"] = counties["code"].map(_languages(munis, "county_code")).fillna("fi")
    counts = ["population", "n_municipalities"]
    counties[counts] = counties[counts].fillna(0).astype("int64")
    for frame in (counties, areas, munis):
        if "name_en" not in frame.columns:
            frame["name_en"] = frame["name_fi"]
    extra = [c for c in ("maakunta_code", "seutukunta_code") if c in munis.columns]
    return (
        counties[COUNTY_COLUMNS].reset_index(drop=True),
        areas[AREA_COLUMNS].reset_index(drop=True),
        munis[MUNICIPALITY_COLUMNS + extra].reset_index(drop=True),
        sources.reset_index(drop=True),
    )
