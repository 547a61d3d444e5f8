"""The real situational picture of a region: numbers only (no language), from open data.

:func:`situation` gathers, for an employment area, a wellbeing county or a municipality, the
official figures a region report leads with: population, unemployment rate, long-term
unemployed share, persons in other services and Kela co-financing per inhabitant, each
beside the whole country and ranked among the regions of the same level; the
unemployment-rate trend 2006-2023 beside the country's; every region of the level; and the
region's municipalities. Figures come from :mod:`vaikuttavuus.opendata` (sources and
periods in ``RegionSituation.sources``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .. import opendata
from .._results import Summary
from ..opendata._aggregate import registry

__all__ = ["MEASURES", "RegionSituation", "situation"]

#: measure -> (opendata table key, column, unit)
MEASURES = {
    "population": ("population", "population", "persons"),
    "unemployment_rate": ("unemployment", "unemployment_rate", "percent"),
    "long_term_share": ("unemployment", "long_term_share", "percent"),
    "other_services": ("unemployment", "other_services", "persons"),
    "cofinancing_per_inhabitant": ("cofinancing", "eur_per_inhabitant", "EUR per inhabitant"),
}
MUNICIPALITY_COLUMNS = [
    "code",
    "name_fi",
    "name_sv",
    "name_en",
    "population",
    "unemployed",
    "labour_force",
    "unemployment_rate",
    "long_term_unemployed",
    "long_term_share",
    "withheld",
]
#: measure -> the municipal counts it is computed from (a withheld one makes it unknown there)
PARTS = {
    "unemployment_rate": ("unemployed", "labour_force"),
    "long_term_share": ("long_term_unemployed", "unemployed"),
    "other_services": ("other_services",),
}
#: Municipalities merged since the 2024 division of the monthly series: old -> new code
#: (registry source ``merger_2025_pertunmaa``).
MERGED = {"588": "507"}


@dataclass(frozen=True, eq=False)
class RegionSituation:
    """Official figures of one region beside the whole country and the other regions.

    Attributes
    ----------
    region_code : str
        "TA01".."TA45", "01".."21"/"90" or a 3-digit municipality code.
    level : str
        "employment_area", "wellbeing_county" or "municipality".
    year : int
        Year of the population, co-financing and registry.
    month : str
        Month of the unemployment figures, "YYYY-MM".
    summary : DataFrame
        One row per measure (population, unemployment_rate, long_term_share,
        other_services, cofinancing_per_inhabitant): ``measure, value, country, rank,
        n_regions, unit, source_key, period``, and ``withheld``: how many of the region's
        municipalities have a withheld cell the measure needs (the value is then the sum or
        rate over the published cells; 0 for population and co-financing). Rank 1 = the
        highest value among the ``n_regions`` regions of the level that have a value (ties
        share the best rank).
    trend : DataFrame
        ``month`` (first day of the month), ``region_rate``, ``country_rate`` (percent),
        2006-01..2023-10.
    ranking : DataFrame
        One row per region of the level: ``region_code, name_fi, name_sv, name_en,
        unemployment_rate, long_term_share, cofinancing_per_inhabitant, is_region``.
    municipalities : DataFrame
        The region's municipalities: ``code, name_fi, name_sv, name_en, population,
        unemployed, labour_force, unemployment_rate, long_term_unemployed,
        long_term_share, withheld`` (number of withheld cells in the row).
    sources : mapping
        ``source_key -> dict(authority, table, period, retrieved_from, commit, url,
        licence, origin)``.

    Notes
    -----
    ``summary`` is a field here (the agreed API), so the class does not take
    ``ResultMixin.summary()``; the printable summary is ``str(situation)``, the HTML
    display in JupyterLab, or :meth:`describe`.
    """

    region_code: str
    level: str
    year: int
    month: str
    summary: pd.DataFrame
    trend: pd.DataFrame
    ranking: pd.DataFrame
    municipalities: pd.DataFrame
    sources: Any

    def to_frame(self) -> pd.DataFrame:
        """The summary table (one row per measure), a copy."""
        return self.summary.copy()

    def describe(self) -> Summary:
        """A printable :class:`~vaikuttavuus._results.Summary`."""
        return self._summary_parts()

    def _summary_parts(self) -> Summary:
        periods = "; ".join(
            f"{k}: {v['authority']}, table {v['table']}, {v['period']}"
            for k, v in self.sources.items()
        )
        return Summary(
            title=f"Situation of {self.region_code} ({self.level})",
            figures={"year": self.year, "month": self.month},
            tables={"summary": self.summary, "municipalities": self.municipalities},
            notes=(f"Sources: {periods}.", "Rank 1 = highest value."),
            float_format="{:.2f}",
        )

    def __str__(self) -> str:
        return self._summary_parts().as_text()

    def _repr_html_(self) -> str:
        return self._summary_parts().as_html()


def _level_of(code: object, year: int) -> tuple[str, str]:
    """(level, code) of a region code; ``ValueError`` naming close matches if unknown."""
    regions = registry(year)
    text = str(code).strip()
    munis = set(regions.municipalities["code"])
    if text.isdigit() and len(text) == 3:
        if text in munis:
            return "municipality", text
        codes = sorted(munis)
    else:
        try:
            resolved = regions.resolve(text)
        except ValueError:
            codes = [*regions.areas["area_code"], *regions.counties["code"]]
        else:
            return regions.region_type(resolved), resolved
    hint = opendata.tables.close_region_codes(text, codes)
    raise ValueError(
        f"Unknown region_code {code!r}: expected an employment area 'TA01'..'TA45', a "
        f"wellbeing county '01'..'21' or '90' (also 'HVA01'), or one of the {len(munis)} "
        f"municipality codes of {regions.year}.{hint}"
    )


def _rank(values: pd.Series, code: str) -> tuple[float, int]:
    known = values.dropna()
    if code not in known.index:
        return np.nan, len(known)
    return float(known.rank(ascending=False, method="min")[code]), len(known)


@lru_cache(maxsize=8)
def _tables(level: str, year: int, month: str) -> dict[str, pd.DataFrame]:
    return {
        "population": opendata.population(level, year),
        "unemployment": opendata.unemployment(level, month),
        "cofinancing": opendata.cofinancing(level, year),
    }


@lru_cache(maxsize=8)
def _country(year: int, month: str) -> dict[str, pd.DataFrame]:
    return _tables("country", year, month)


@lru_cache(maxsize=4)
def _series(level: str) -> pd.DataFrame:
    return opendata.unemployment_series(level)


def _members(code: str, level: str, year: int) -> list[str]:
    if level == "municipality":
        return [code]
    key = "area_code" if level == "employment_area" else "county_code"
    m = registry(year).municipalities
    return m.loc[m[key] == code, "code"].tolist()


def _withheld(code: str, level: str, year: int, month: str) -> dict[str, int]:
    """Per measure: the region's municipalities whose cells it needs are withheld."""
    u = _tables("municipality", year, month)["unemployment"].set_index("region_code")
    part = u.loc[_members(code, level, year)]
    return {m: int(part[list(cols)].isna().any(axis=1).sum()) for m, cols in PARTS.items()}


def _summary(code: str, level: str, year: int, month: str) -> pd.DataFrame:
    tables, country = _tables(level, year, month), _country(year, month)
    withheld = _withheld(code, level, year, month)
    rows = []
    for measure, (key, column, unit) in MEASURES.items():
        frame = tables[key].set_index("region_code")[column].astype(float)
        rank, n = _rank(frame, code)
        rows.append(
            {
                "measure": measure,
                "value": float(frame.get(code, np.nan)),
                "country": float(country[key][column].astype(float).iloc[0]),
                "rank": rank,
                "n_regions": n,
                "unit": unit,
                "source_key": key,
                "period": tables[key].attrs["period"],
                "withheld": withheld.get(measure, 0),
            }
        )
    out = pd.DataFrame(rows)
    out["rank"] = pd.array(out["rank"], dtype="Int64")
    return out


def _trend(code: str, level: str) -> pd.DataFrame:
    series = _series(level)
    if level == "municipality":
        codes = [code, *(old for old, new in MERGED.items() if new == code)]
        part = series[series["region_code"].isin(codes)]
        part = part.groupby("month", sort=True)[["unemployed", "labour_force"]].sum(min_count=1)
        # a month in which any merged part is withheld stays unknown
        known = series[series["region_code"].isin(codes)].groupby("month")["unemployed"].count()
        rate = 100 * part["unemployed"].astype(float) / part["labour_force"].astype(float)
        region = rate.where(known.reindex(rate.index) == len(codes))
    else:
        region = series[series["region_code"] == code].set_index("month")["unemployment_rate"]
    country = _series("country").set_index("month")["unemployment_rate"]
    out = pd.DataFrame({"region_rate": region.astype(float), "country_rate": country})
    return out.rename_axis("month").reset_index()


def _ranking(code: str, level: str, year: int, month: str) -> pd.DataFrame:
    t = _tables(level, year, month)
    cols = ["region_code", "name_fi", "name_sv", "name_en"]
    out = t["unemployment"][[*cols, "unemployment_rate", "long_term_share"]].merge(
        t["cofinancing"][["region_code", "eur_per_inhabitant"]], on="region_code", how="left"
    )
    out = out.rename(columns={"eur_per_inhabitant": "cofinancing_per_inhabitant"})
    out["is_region"] = out["region_code"] == code
    return out


def _municipalities(code: str, level: str, year: int, month: str) -> pd.DataFrame:
    members = _members(code, level, year)
    pop = opendata.population("municipality", year).set_index("region_code")["population"]
    u = opendata.unemployment("municipality", month).set_index("region_code").loc[members]
    u = u.drop(columns=["name", "vacancies", "other_services"])
    # withheld here: cells of this table's counts, per municipality
    counts = ["unemployed", "labour_force", "long_term_unemployed"]
    u["withheld"] = u[counts].isna().sum(axis=1).astype("int64")
    u.insert(3, "population", pop.reindex(u.index))
    out = u.rename_axis("code").reset_index()
    return out[MUNICIPALITY_COLUMNS]


def situation(region_code: str, *, year: int = 2025, month: str = "2026-06") -> RegionSituation:
    """Official figures of a region beside the whole country and the other regions.

    Parameters
    ----------
    region_code : str
        An employment area ("TA01".."TA45"), a wellbeing county ("01".."21", "90"; also
        "HVA08"), or a municipality ("091": ranked among the 292 municipalities).
    year : int, default 2025
        Year of the population (31.12.), Kela co-financing and the registry.
    month : str, default "2026-06"
        Month of the unemployment figures ("YYYY-MM").

    Returns
    -------
    RegionSituation
        ``summary`` (rank 1 = highest value), ``trend``, ``ranking``, ``municipalities``,
        ``sources``.

    Raises
    ------
    ValueError
        For an unknown region code (naming close matches) or a year/month outside the
        data (naming those there are).

    References
    ----------
    Statistics Finland tables 11ra and 12r5; Kela, municipal share of unemployment
    benefits 2025 (CC BY 4.0). See :mod:`vaikuttavuus.opendata`.

    Examples
    --------
    >>> s = situation("TA39")  # Tampereen seutu
    >>> s.level, len(s.ranking), int(s.ranking["is_region"].sum())
    ('employment_area', 45, 1)
    >>> int(s.summary.set_index("measure").loc["population", "n_regions"])
    45
    >>> s.trend["month"].dt.strftime("%Y-%m").iloc[[0, -1]].tolist()
    ['2006-01', '2023-10']
    """
    level, code = _level_of(region_code, year)
    summary = _summary(code, level, year, month)
    sources = {
        key: _tables(level, year, month)[key].attrs["source"]
        for key in ("population", "unemployment", "cofinancing")
    }
    sources["unemployment_series"] = _series(level).attrs["source"]
    return RegionSituation(
        region_code=code,
        level=level,
        year=year,
        month=month,
        summary=summary,
        trend=_trend(code, level),
        ranking=_ranking(code, level, year, month),
        municipalities=_municipalities(code, level, year, month),
        sources=MappingProxyType({k: dict(v) for k, v in sources.items()}),
    )
