"""Official open data by municipality, employment area, wellbeing county and the country.

Population (Statistics Finland table 11ra), unemployment (Employment Service Statistics,
table 12r5: one month with 23 measures, and a monthly series 2006-01..2023-10) and Kela's
municipal co-financing of unemployment benefits. Every function returns a tidy DataFrame
with ``region_code``, ``name`` (Finnish) and ``name_fi``/``name_sv``/``name_en``, and says
its source and period in ``DataFrame.attrs`` (``attrs["source"]``: authority, table,
period, retrieval repository and commit, licence, origin = package snapshot or user cache).

Aggregation and withheld cells: see :mod:`vaikuttavuus.opendata._aggregate` (sums over the
municipalities of the same year's registry; rates from sums; withheld cells unknown and
counted in ``withheld``). The ``country`` row is Statistics Finland's published whole-country
row (SSS: all of Finland including Åland, and for 12r5 also job seekers living abroad or
with an unknown municipality); for Kela it is the sum over the 292 municipalities (Kela's
national total).

Tables are read once and cached (keyed on the files' modification times); every call
returns a copy.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

import numpy as np
import pandas as pd

from .._validation import check_choice
from . import _snapshots as S
from ._aggregate import LEVELS, aggregate, registry

__all__ = ["LEVELS", "cofinancing", "population", "unemployment", "unemployment_series"]

#: 12r5 measure codes -> column names of :func:`unemployment`.
UNEMPLOYMENT_MEASURES = {
    "TYOTTOMATLOPUSSA": "unemployed",
    "TYOVOIMATK": "labour_force",
    "PITKAAIKAISTYOTTOMAT": "long_term_unemployed",
    "MTPPALVELUTLOP": "other_services",
    "AVPAIKATLOPUSSA": "vacancies",
}
UNEMPLOYMENT_RATES = {
    "unemployment_rate": ("unemployed", "labour_force", 100.0),
    "long_term_share": ("long_term_unemployed", "unemployed", 100.0),
}
SERIES_MEASURES = {
    "TYOTTOMATLOPUSSA": "unemployed",
    "TYOVOIMATK": "labour_force",
    "AVPAIKATLOPUSSA": "vacancies",
}


# ------------------------------------------------------------------ reading (cached)
@lru_cache(maxsize=8)
def _pxweb(key: str, stamps: tuple[tuple[str, int, int], ...]) -> pd.DataFrame:
    """All periods of a PxWeb table; later files (the user cache) replace earlier periods."""
    frames = []
    for (path, _mtime, _size), (_, origin) in zip(stamps, S.pxweb_files(key), strict=True):
        frame = S.parse_pxweb(S.read_text(S.Path(path), "a PxWeb JSON response"), path)
        frame["origin"] = origin
        frame["file"] = path
        frames.append(frame)
    full = pd.concat(frames, ignore_index=True)
    full = full.drop_duplicates(["area", "period"], keep="last")
    return full


def _stamps(key: str) -> tuple[tuple[str, int, int], ...]:
    """Modification stamps of a PxWeb table's files (the cache key of :func:`_pxweb`)."""
    return tuple(S.stamp(p) for p, _ in S.pxweb_files(key))


def _pick_period(table: pd.DataFrame, period: str | None, arg: str, shown: str, key: str) -> str:
    periods = sorted(table["period"].unique())
    if period is None:
        return periods[-1]
    if period in periods:
        return period
    named = ", ".join(repr(_show(p)) for p in periods)
    raise ValueError(
        f"{arg}={shown!r}: no {S.TABLES[key].table} data for that period; the data hold "
        f"{named}. Run `vaikuttavuus data update` for newer data."
    )


def _show(period: str) -> str:
    return period.replace("M", "-") if "M" in period else period


def _municipal(table: pd.DataFrame, period: str, columns: dict[str, str]) -> pd.DataFrame:
    """Rows of KUxxx areas of one period, indexed by 3-digit code, renamed measures."""
    part = table[(table["period"] == period) & table["area"].str.fullmatch(r"KU\d{3}")]
    out = part.set_index(part["area"].str[2:])[list(columns)].rename(columns=columns)
    out.index.name = "code"
    return out


def _country(table: pd.DataFrame, period: str, columns: dict[str, str], path: str) -> pd.DataFrame:
    hit = table[(table["period"] == period) & (table["area"] == "SSS")]
    if hit.empty:
        raise S.SnapshotError(f"{path}: no whole-country row 'SSS' for {period}; expected one.")
    return hit[list(columns)].rename(columns=columns).astype(float)


def _check_members(values: pd.DataFrame, regions, path: str) -> None:
    missing = sorted(set(regions.municipalities["code"]) - set(values.index))
    if missing:
        shown = ", ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
        raise S.SnapshotError(
            f"{path}: {len(missing)} municipalities of the {regions.year} registry missing "
            f"({shown}); expected a row for every municipality."
        )


def _finish(out: pd.DataFrame, key: str, period: str, origin: str, level: str, year: int):
    out.attrs["source"] = S.TABLES[key].source(period, origin=origin)
    out.attrs["period"] = period
    out.attrs["level"] = level
    out.attrs["registry_year"] = year
    return out


# ------------------------------------------------------------------ population
@lru_cache(maxsize=16)
def _population(level: str, year: str, stamps: tuple) -> pd.DataFrame:
    table = _pxweb("population", stamps)
    regions = registry(int(year))
    if "vaerak-vaesto" not in table.columns:
        raise S.SnapshotError(
            f"{table['file'].iloc[0]}: no measure 'vaerak-vaesto' (population 31.12.); "
            "expected table 11ra."
        )
    cols = {"vaerak-vaesto": "population"}
    values = _municipal(table, year, cols)
    path = str(table.loc[table["period"] == year, "file"].iloc[0])
    _check_members(values, regions, path)
    country = _country(table, year, cols, path)
    out = aggregate(values, level, regions, counts=("population",), country=country)
    origin = str(table.loc[table["period"] == year, "origin"].iloc[0])
    return _finish(out, "population", f"31.12.{year}", origin, level, regions.year)


def population(level: str, year: int | None = None) -> pd.DataFrame:
    """Population on 31 December by municipality, area, county or the whole country.

    Parameters
    ----------
    level : {"municipality", "employment_area", "wellbeing_county", "country"}
        Which regions.
    year : int, optional
        Year of the population (end of year). Default: the newest in the data (2025 in the
        packaged snapshot).

    Returns
    -------
    DataFrame
        ``region_code, name, name_fi, name_sv, name_en, population, withheld``;
        ``attrs["source"]`` names table 11ra and the period.

    Raises
    ------
    ValueError
        For an unknown level or a year outside the data (naming the years there are).

    References
    ----------
    Statistics Finland, table 11ra (Väestörakenne), CC BY 4.0.

    Examples
    --------
    >>> int(population("country")["population"].iloc[0])
    5652881
    >>> int(population("wellbeing_county").set_index("region_code").loc["90", "population"])
    694392
    """
    check_choice("level", level, LEVELS)
    stamps = _stamps("population")
    period = _pick_period(_pxweb("population", stamps), None if year is None else str(year),
                          "year", str(year), "population")  # fmt: skip
    return _population(level, period, stamps).copy()


# ------------------------------------------------------------------ unemployment (one month)
@lru_cache(maxsize=16)
def _unemployment(level: str, period: str, stamps: tuple) -> pd.DataFrame:
    table = _pxweb("unemployment", stamps)
    regions = registry(int(period[:4]))
    values = _municipal(table, period, UNEMPLOYMENT_MEASURES)
    rows = table["period"] == period
    path, origin = str(table.loc[rows, "file"].iloc[0]), str(table.loc[rows, "origin"].iloc[0])
    _check_members(values, regions, path)
    country = _country(table, period, UNEMPLOYMENT_MEASURES, path)
    out = aggregate(
        values,
        level,
        regions,
        counts=tuple(UNEMPLOYMENT_MEASURES.values()),
        rates=UNEMPLOYMENT_RATES,
        country=country,
        detail=True,
    )
    return _finish(out, "unemployment", period, origin, level, regions.year)


def unemployment(level: str, month: str | None = None) -> pd.DataFrame:
    """Unemployed job seekers, labour force, long-term unemployed, other services, vacancies.

    Parameters
    ----------
    level : str
        As in :func:`population`.
    month : str, optional
        "YYYY-MM". Default: the newest month in the data ("2026-06" in the packaged
        snapshot).

    Returns
    -------
    DataFrame
        ``region_code, name, name_fi, name_sv, name_en, unemployed, labour_force,
        long_term_unemployed, other_services`` (persons in other services, which include
        rehabilitative work activity), ``vacancies`` (counts at the end of the month),
        ``unemployment_rate`` (% of the labour force), ``long_term_share`` (% of the
        unemployed), ``withheld`` (municipalities with at least one withheld cell) and
        ``withheld_<count>`` for each count (municipalities whose cell of that count is
        withheld; 0 for the published country row). Counts are sums over the published
        cells; rates from sums over the municipalities where both parts are published
        (module notes).

    Raises
    ------
    ValueError
        For an unknown level, a month not written as "YYYY-MM", or a month outside the data
        (naming the months there are).

    References
    ----------
    Statistics Finland / KEHA-keskus, Employment Service Statistics, table 12r5, CC BY 4.0.

    Examples
    --------
    >>> u = unemployment("country")
    >>> int(u["unemployed"].iloc[0]), int(u["labour_force"].iloc[0])
    (352001, 2743596)
    >>> round(float(u["unemployment_rate"].iloc[0]), 1)  # published: 12.8
    12.8
    """
    check_choice("level", level, LEVELS)
    stamps = _stamps("unemployment")
    period = None if month is None else _month_code(month, "month")
    period = _pick_period(_pxweb("unemployment", stamps), period, "month", str(month),
                          "unemployment")  # fmt: skip
    return _unemployment(level, period, stamps).copy()


def _month_code(month: object, arg: str) -> str:
    text = str(month).strip()
    ts = pd.to_datetime(text, format="%Y-%m", errors="coerce")
    if pd.isna(ts):
        raise ValueError(f"{arg}={month!r}: expected a month as 'YYYY-MM', e.g. '2026-06'.")
    return f"{ts.year}M{ts.month:02d}"


# ------------------------------------------------------------------ monthly series
@lru_cache(maxsize=2)
def _series_table(stamp: tuple) -> pd.DataFrame:
    cols = {"alue": "str", "kuukausi": "str", **dict.fromkeys(SERIES_MEASURES, "float")}
    what = "the 12r5 monthly series (long format: alue, kuukausi, measures)"
    frame = S.read_csv(S.Path(stamp[0]), cols, what)
    bad = ~frame["kuukausi"].str.fullmatch(r"\d{4}-\d{2}")
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise S.SnapshotError(
            f"{stamp[0]}: column 'kuukausi', row {i + 2}: {frame['kuukausi'].iloc[i]!r} is not "
            "a month 'YYYY-MM'."
        )
    return frame.rename(columns=SERIES_MEASURES)


@lru_cache(maxsize=8)
def _series(level: str, stamp: tuple) -> pd.DataFrame:
    table = _series_table(stamp)
    regions = registry(2024)  # the series is in the 2024 division (Pertunmaa 588)
    counts = tuple(SERIES_MEASURES.values())
    rates = {"unemployment_rate": UNEMPLOYMENT_RATES["unemployment_rate"]}
    if level == "country":
        sss = table[table["alue"] == "SSS"]
        missing = sorted(set(table["kuukausi"]) - set(sss["kuukausi"]))
        if missing:
            raise S.SnapshotError(f"{stamp[0]}: no whole-country row 'SSS' for {missing[0]}.")
        full = aggregate(
            sss, level, regions, counts=counts, rates=rates, country=sss, by="kuukausi"
        )
    else:
        ku = table[table["alue"].str.fullmatch(r"KU\d{3}")]
        values = ku.set_index(ku["alue"].str[2:])
        per_month = values.groupby("kuukausi").size()
        if (per_month < len(regions.municipalities)).any():
            month = per_month.index[int(np.argmin(per_month.to_numpy()))]
            _check_members(values[values["kuukausi"] == month], regions, f"{stamp[0]} ({month})")
        full = aggregate(values, level, regions, counts=counts, rates=rates, by="kuukausi")
    full.insert(0, "month", pd.to_datetime(full.pop("kuukausi"), format="%Y-%m"))
    return full


def unemployment_series(
    level: str, *, start: str = "2006-01", end: str = "2023-10"
) -> pd.DataFrame:
    """Monthly unemployed, labour force, unemployment rate and vacancies, 2006-01..2023-10.

    Parameters
    ----------
    level : {"municipality", "employment_area", "wellbeing_county", "country"}
        Which regions. Areas and counties are today's, over the municipalities of the 2024
        division (the series has Pertunmaa separate).
    start, end : str, default "2006-01", "2023-10"
        First and last month ("YYYY-MM"), inclusive.

    Returns
    -------
    DataFrame
        ``month`` (first day of the month), ``region_code, name, name_fi, name_sv, name_en,
        unemployed, labour_force, vacancies, unemployment_rate, withheld``, sorted by month
        and region. The labour force is Statistics Finland's annual figure.

    Raises
    ------
    ValueError
        For an unknown level, a badly written month, or a month outside the data.

    References
    ----------
    Statistics Finland / KEHA-keskus, Employment Service Statistics, table 12r5 (via
    pttry/kohtaantoindeksit), CC BY 4.0.

    Examples
    --------
    >>> s = unemployment_series("country", start="2023-01", end="2023-03")
    >>> s["month"].dt.strftime("%Y-%m").tolist()
    ['2023-01', '2023-02', '2023-03']
    """
    check_choice("level", level, LEVELS)
    first, last = (_month_code(m, a) for m, a in ((start, "start"), (end, "end")))
    path = S.package_dir() / S.TABLES["unemployment_series"].file
    stamp = S.stamp(path) if path.is_file() else (str(path), 0, 0)
    if not path.is_file():
        S.read_text(path, "the 12r5 monthly series")  # raises naming the file
    full = _series(level, stamp)
    lo, hi = full["month"].min(), full["month"].max()
    for arg, value, code in (("start", start, first), ("end", end, last)):
        ts = pd.Timestamp(f"{code.replace('M', '-')}-01")
        if not lo <= ts <= hi:
            raise ValueError(
                f"{arg}={value!r} is outside the data: the series holds the months "
                f"{lo:%Y-%m}..{hi:%Y-%m}."
            )
    ts0, ts1 = (pd.Timestamp(f"{c.replace('M', '-')}-01") for c in (first, last))
    if ts0 > ts1:
        raise ValueError(f"start={start!r} is after end={end!r}.")
    out = full[(full["month"] >= ts0) & (full["month"] <= ts1)].reset_index(drop=True)
    period = f"{ts0:%Y}M{ts0:%m}-{ts1:%Y}M{ts1:%m}"
    return _finish(out.copy(), "unemployment_series", period, "package snapshot", level, 2024)


# ------------------------------------------------------------------ Kela co-financing
@lru_cache(maxsize=8)
def _cofinancing(level: str, stamp: tuple) -> pd.DataFrame:
    cols = {
        "kunta_code": "str",
        "vuosi": "str",
        "saajat_vuoden_aikana": "float",
        "kuntaosuus_eur": "float",
        "vaesto_31_12_2025": "float",
    }
    what = "Kela's municipal share of unemployment benefits by municipality"
    frame = S.read_csv(S.Path(stamp[0]), cols, what)
    frame["kunta_code"] = frame["kunta_code"].str.zfill(3)
    values = frame.set_index("kunta_code").rename(
        columns={
            "saajat_vuoden_aikana": "recipients",
            "kuntaosuus_eur": "municipal_share_eur",
            "vaesto_31_12_2025": "population",
        }
    )[["recipients", "municipal_share_eur", "population"]]
    values.index.name = "code"
    regions = registry(2025)
    _check_members(values, regions, stamp[0])
    rates = {"eur_per_inhabitant": ("municipal_share_eur", "population", 1.0)}
    counts = ("recipients", "municipal_share_eur", "population")
    out = aggregate(values, level, regions, counts=counts, rates=rates, integer=False)
    for c in ("recipients", "population"):
        out[c] = pd.array(np.round(out[c].to_numpy(dtype=float)), dtype="Int64")
    out["municipal_share_eur"] = out["municipal_share_eur"].round(2)
    return _finish(out, "cofinancing", "2025", "package snapshot", level, 2025)


def cofinancing(level: str, year: int = 2025) -> pd.DataFrame:
    """Kela: the municipalities' share of unemployment benefits (TE24 co-financing).

    Parameters
    ----------
    level : {"municipality", "employment_area", "wellbeing_county", "country"}
        Which regions (the country: the sum over the 292 municipalities).
    year : int, default 2025
        Calendar year of the payments (2025 is in the data).

    Returns
    -------
    DataFrame
        ``region_code, name, name_fi, name_sv, name_en, recipients`` (recipients during the
        year for whom the municipality paid a share, summed over municipalities),
        ``municipal_share_eur`` (the whole year, all benefits), ``population``
        (31.12.2025, as in Kela's file), ``eur_per_inhabitant``, ``withheld``.

    Raises
    ------
    ValueError
        For an unknown level or a year outside the data.

    References
    ----------
    Kela open data, municipal share of unemployment benefits 2025 (via
    mikkokesa/tyottomyysturvatyokalu), CC BY 4.0.

    Examples
    --------
    >>> float(cofinancing("country")["municipal_share_eur"].iloc[0])
    781133237.62
    """
    check_choice("level", level, LEVELS)
    if year != 2025:
        raise ValueError(f"year={year!r}: Kela's co-financing data hold the year 2025 only.")
    path = S.package_dir() / S.TABLES["cofinancing"].file
    if not path.is_file():
        S.read_text(path, "Kela's municipal share by municipality")
    return _cofinancing(level, S.stamp(path)).copy()


def close_region_codes(code: object, codes: list[str]) -> str:
    """ " Did you mean ...?" text for an unknown code (difflib), or ""."""
    close = difflib.get_close_matches(str(code).upper(), codes, n=4, cutoff=0.5)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
