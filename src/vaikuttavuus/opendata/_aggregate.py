"""Aggregating municipal figures to employment areas, wellbeing counties and the country.

Rules (one place, used by every table):

* Sums over the municipalities of the registry of the same year
  (:func:`vaikuttavuus.regions.load_regions`); municipalities outside the reforms (Åland) and
  the statistics' "abroad"/"unknown" rows are in no area or county.
* Withheld cells ("..." in Statistics Finland's tables) are unknown, never 0. A region's
  count is the sum over the municipalities whose cell is published (a lower bound when
  ``withheld`` > 0; NaN when every cell is withheld), and ``withheld`` is the number of its
  municipalities with at least one withheld cell among the table's counts (and, with
  ``detail=True``, ``withheld_<count>`` per count).
* Rates are recomputed from sums, never averaged: numerator over denominator summed over the
  municipalities where both are published.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from ..regions import Regions, load_regions

LEVELS = ("municipality", "employment_area", "wellbeing_county", "country")
COUNTRY_CODE = "SSS"
COUNTRY_NAMES = {"name_fi": "Koko maa", "name_sv": "Hela landet", "name_en": "Whole country"}
NAMES = ("name", "name_fi", "name_sv", "name_en")


@lru_cache(maxsize=4)
def registry(year: int) -> Regions:
    """The packaged registry of ``year`` (read once; callers must not modify its frames)."""
    return load_regions(year=year)


def _groups(regions: Regions, level: str) -> tuple[pd.DataFrame, pd.Series]:
    """Regions of ``level`` (code and names) and each municipality's region code."""
    m = regions.municipalities.set_index("code")
    if level == "municipality":
        frame = regions.municipalities[["code", "name_fi", "name_sv", "name_en"]]
        return frame.rename(columns={"code": "region_code"}), pd.Series(m.index, index=m.index)
    if level == "employment_area":
        frame = regions.areas[["area_code", "name_fi", "name_sv", "name_en"]]
        return frame.rename(columns={"area_code": "region_code"}), m["area_code"]
    if level == "wellbeing_county":
        frame = regions.counties[["code", "name_fi", "name_sv", "name_en"]]
        return frame.rename(columns={"code": "region_code"}), m["county_code"]
    # "_<column>": any other grouping column of the municipalities (e.g. "_maakunta_code"),
    # named by its code; used to check against Statistics Finland's published totals
    key = m[level[1:]]
    codes = pd.Series(sorted(key.unique()), name="region_code")
    return pd.DataFrame(
        {"region_code": codes, "name_fi": codes, "name_sv": codes, "name_en": codes}
    ), key


def aggregate(
    values: pd.DataFrame,
    level: str,
    regions: Regions,
    *,
    counts: tuple[str, ...],
    rates: Mapping[str, tuple[str, str, float]] | None = None,
    country: pd.DataFrame | None = None,
    by: str | None = None,
    integer: bool = True,
    detail: bool = False,
) -> pd.DataFrame:
    """One row per region of ``level`` (or the country), per value of ``by`` if given.

    Parameters
    ----------
    values : DataFrame
        Indexed by 3-digit municipality code; ``counts`` columns float (NaN = withheld);
        ``by`` (e.g. the month) a column when given.
    rates : mapping, optional
        ``name -> (numerator, denominator, scale)``.
    country : DataFrame, optional
        The published whole-country row(s) (``counts`` columns, and ``by``); ``None``: the
        sum over the registry's municipalities.
    detail : bool, default False
        Also ``withheld_<count>`` columns: municipalities whose cell of that count is
        withheld.
    """
    rates = dict(rates or {})
    keys = [by] if by else []
    if level == "country":
        if country is None:
            data = values.loc[values.index.isin(regions.municipalities["code"])].copy()
        else:
            data = country.copy()
        data["region_code"] = COUNTRY_CODE
        out = _sums(data, [*keys, "region_code"], counts, rates)
        if country is not None:  # the published row: nothing of it is withheld
            out[[f"withheld_{c}" for c in counts]] = 0.0
        for col, name in COUNTRY_NAMES.items():
            out[col] = name
    else:
        frame, key = _groups(regions, level)
        data = values.loc[values.index.isin(key.index)].copy()
        data["region_code"] = key.reindex(data.index).to_numpy()
        stats = _sums(data, [*keys, "region_code"], counts, rates)
        order = {c: i for i, c in enumerate(frame["region_code"])}
        out = stats.merge(frame, on="region_code", how="left")
        out["_order"] = out["region_code"].map(order)
        out = out.sort_values([*keys, "_order"], kind="stable").drop(columns="_order")
    names = ["region_code", "name_fi", "name_sv", "name_en"]
    extra = [f"withheld_{c}" for c in counts] if detail else []
    out = out[[*keys, *names, *counts, *rates, "withheld", *extra]]
    out.insert(len(keys) + 1, "name", out["name_fi"])
    if integer:
        for c in counts:
            out[c] = pd.array(np.round(out[c].to_numpy(dtype=float)), dtype="Int64")
    for c in ("withheld", *extra):
        out[c] = out[c].astype("int64")
    return out.reset_index(drop=True)


def _sums(
    data: pd.DataFrame, keys: list[str], counts: tuple[str, ...], rates: dict
) -> pd.DataFrame:
    """Sums over published cells, rates over rows where both parts are published, and the
    number of rows with a withheld count, per group of ``keys``."""
    block = data[list(counts)].astype(float)
    parts = {c: block[c] for c in counts}
    for name, (num, den, _scale) in rates.items():
        both = block[num].notna() & block[den].notna()
        parts[f"_{name}_num"] = block[num].where(both)
        parts[f"_{name}_den"] = block[den].where(both)
    parts["withheld"] = block.isna().any(axis=1).astype(float)
    for c in counts:
        parts[f"withheld_{c}"] = block[c].isna().astype(float)
    work = pd.DataFrame(parts, index=data.index)
    for k in keys:
        work[k] = data[k].to_numpy()
    out = work.groupby(keys, sort=False).sum(min_count=1).reset_index()
    for name, (_num, _den, scale) in rates.items():
        n, d = out.pop(f"_{name}_num"), out.pop(f"_{name}_den")
        out[name] = scale * n / d.where(d > 0)
    withheld = ["withheld", *(f"withheld_{c}" for c in counts)]
    out[withheld] = out[withheld].fillna(0)
    return out
