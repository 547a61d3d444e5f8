"""The region registry (:mod:`vaikuttavuus.regions`) as the region report needs it.

One place that knows the registry's column names, so the rest of the subpackage works on
plain frames: municipalities (``code``, ``name_fi``, ``name_sv``, ``population``,
``language``, ``county_code``, ``area_code``, ``certainty``, ``source``) and one row per
region.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._validation import check_choice

REGION_TYPES = ("employment_area", "wellbeing_county", "municipality")


def load(regions: Any = None) -> Any:
    """The registry object (``vaikuttavuus.regions.load_regions()`` unless one is given)."""
    if regions is not None:
        return regions
    from ..regions import default_regions

    return default_regions()


def municipalities(regions: Any) -> pd.DataFrame:
    """All municipalities, codes as 3-digit strings, population as int."""
    m = regions.municipalities.copy()
    m["code"] = m["code"].astype(str).str.zfill(3)
    m["county_code"] = m["county_code"].astype(str).str.zfill(2)
    m["area_code"] = m["area_code"].astype(str)
    m["population"] = pd.to_numeric(m["population"]).fillna(0).astype(int)
    for col, default in (("certainty", ""), ("source", ""), ("language", "fi")):
        if col not in m.columns:
            m[col] = default
    return m.sort_values("code", kind="stable").reset_index(drop=True)


def region_frame(regions: Any, region_type: str) -> pd.DataFrame:
    """The regions of one type with a ``code`` column (areas: ``area_code`` renamed)."""
    check_choice("region_type", region_type, REGION_TYPES)
    if region_type == "municipality":
        return municipalities(regions)
    if region_type == "wellbeing_county":
        frame = regions.counties.copy()
        frame["code"] = frame["code"].astype(str).str.zfill(2)
    else:
        frame = regions.areas.rename(columns={"area_code": "code"}).copy()
        frame["code"] = frame["code"].astype(str)
    return frame.reset_index(drop=True)


def region_codes(regions: Any, region_type: str) -> tuple[str, ...]:
    """Codes of every region of ``region_type`` in registry order."""
    return tuple(region_frame(regions, region_type)["code"])


def region_row(regions: Any, region_type: str, region_code: str) -> pd.Series:
    """The registry row of one region; ``ValueError`` listing the codes if unknown."""
    frame = region_frame(regions, region_type)
    hit = frame[frame["code"] == str(region_code)]
    if hit.empty:
        codes = ", ".join(repr(c) for c in frame["code"])
        kind = {"employment_area": "an employment area", "wellbeing_county": "a wellbeing county",
                "municipality": "a municipality"}[region_type]  # fmt: skip
        raise ValueError(
            f"region_code={region_code!r} is not {kind} of the registry; choose one of {codes}."
        )
    return hit.iloc[0]


def region_municipalities(regions: Any, region_type: str, region_code: str) -> pd.DataFrame:
    """The municipalities of one region (all municipalities whose area/county code matches)."""
    region_row(regions, region_type, region_code)  # validates the code
    m = municipalities(regions)
    key = {"wellbeing_county": "county_code", "employment_area": "area_code",
           "municipality": "code"}[region_type]  # fmt: skip
    return m[m[key] == str(region_code)].reset_index(drop=True)


def name(row: pd.Series, language: str) -> str:
    """A region's or municipality's name in ``language`` (``name_sv``/``name_en`` when the
    registry has one, else the Finnish name)."""
    other = row.get(f"name_{language}") if language != "fi" else None
    if isinstance(other, str) and other.strip():
        return other
    return str(row["name_fi"])


def uncertain(certainty: pd.Series) -> pd.Series:
    """True where a membership's ``certainty`` says it is not certain (``uncertain: ...``)."""
    c = certainty.fillna("").astype(str).str.strip().str.lower()
    return c.str.startswith(("uncertain", "epävarma", "osäker"))


def source_text(regions: Any, keys: pd.Series) -> str:
    """The registry's source keys of ``keys`` (";"-separated lists) with their URLs."""
    found: list[str] = []
    for value in keys.dropna().astype(str):
        for k in value.split(";"):
            if k.strip() and k.strip() not in found:
                found.append(k.strip())
    sources = getattr(regions, "sources", None)
    urls: dict[str, str] = {}
    if isinstance(sources, pd.DataFrame) and {"key", "url"} <= set(sources.columns):
        urls = {str(k): str(u) for k, u in zip(sources["key"], sources["url"], strict=True)}
    return "; ".join(f"{k} ({urls[k]})" if urls.get(k, "").startswith("http") else k for k in found)
