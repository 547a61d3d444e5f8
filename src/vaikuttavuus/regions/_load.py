"""Reading and validating region mapping files (counties, employment areas, municipalities).

Every check raises ``RegionDataError`` (a ``ValueError``) naming the file, the column and
the offending rows as file line numbers (the header is line 1) with their codes.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

#: File names of a mapping directory.
FILES = ("counties.csv", "areas.csv", "municipalities.csv", "sources.csv")

REQUIRED = {
    "counties.csv": ("code", "name_fi", "name_sv", "source"),
    "areas.csv": ("area_code", "name_fi", "name_sv", "county_codes", "source"),
    "municipalities.csv": (
        "code",
        "name_fi",
        "name_sv",
        "county_code",
        "area_code",
        "population",
        "language",
        "source",
    ),
    "sources.csv": ("key", "description", "url"),
}
OPTIONAL_NONEMPTY = {"counties.csv": ("name_en",), "areas.csv": ("name_en",)}
LANGUAGES = ("fi", "sv", "fi,sv", "sv,fi")
#: Registry years shipped with the package (folders of ``regions/data``).
YEARS = (2024, 2025)
_MAX_SHOWN = 5


class RegionDataError(ValueError):
    """A region mapping file breaks a rule (unknown code, duplicate, missing membership...)."""


def registry_year(year: int | None) -> int:
    """The registry year used for ``year``: 2025 for 2025 and later (the 2026 classification
    has the same memberships), 2024 for 2024 (293 municipalities, Pertunmaa separate)."""
    if year is None:
        return YEARS[-1]
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be a whole number such as 2025, got {year!r}.")
    if year < YEARS[0]:
        raise ValueError(
            f"year={year}: the registry covers the division of 2024 (293 municipalities) and "
            "of 2025 and later (292 municipalities); years before 2024 are not available."
        )
    return min(year, YEARS[-1])


def default_data_dir(year: int | None = None) -> Path:
    """Folder of the packaged mapping files of a registry year (see :func:`registry_year`)."""
    base = resources.files("vaikuttavuus.regions") / "data" / str(registry_year(year))
    return Path(str(base))


def _rows(frame: pd.DataFrame, mask: pd.Series, id_column: str) -> str:
    """``"3 rows (line 4: '091', line 9: '092', ...)"`` for the rows where ``mask`` is True."""
    hits = frame.index[np.asarray(mask, dtype=bool)]
    shown = ", ".join(f"line {int(i) + 2}: {frame.at[i, id_column]!r}" for i in hits[:_MAX_SHOWN])
    more = f", ... ({len(hits) - _MAX_SHOWN} more)" if len(hits) > _MAX_SHOWN else ""
    return f"{len(hits)} row{'s' if len(hits) != 1 else ''} ({shown}{more})"


def read_table(path: Path, kind: str) -> pd.DataFrame:
    """Read one mapping CSV as strings and check its columns and required values."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RegionDataError(f"{path}: not UTF-8 text ({exc}).") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    missing = [c for c in REQUIRED[kind] if c not in frame.columns]
    if missing:
        raise RegionDataError(
            f"{path}: missing column(s) {', '.join(missing)}; a {kind} file needs "
            f"{', '.join(REQUIRED[kind])}."
        )
    if frame.empty:
        raise RegionDataError(f"{path}: the file has no rows.")
    id_column = REQUIRED[kind][0]
    for column in REQUIRED[kind] + OPTIONAL_NONEMPTY.get(kind, ()):
        if column not in frame.columns or (column == "url"):
            continue
        empty = frame[column] == ""
        if empty.any():
            raise RegionDataError(
                f"{path}: column {column!r} is empty in {_rows(frame, empty, id_column)}."
            )
    return frame


def _check_pattern(frame: pd.DataFrame, path: Path, column: str, pattern: str, what: str):
    bad = ~frame[column].str.fullmatch(pattern)
    if bad.any():
        id_column = frame.columns[0] if column != frame.columns[0] else column
        raise RegionDataError(
            f"{path}: column {column!r} must hold {what}; bad value in "
            f"{_rows(frame, bad, id_column)}."
        )


def _check_unique(frame: pd.DataFrame, path: Path, column: str, what: str) -> None:
    dup = frame[column].duplicated(keep=False)
    if dup.any():
        raise RegionDataError(
            f"{path}: duplicate {what} in {_rows(frame, dup, column)}; each {what} "
            "must appear once."
        )


def _check_in(
    frame: pd.DataFrame,
    path: Path,
    column: str,
    allowed: object,
    before: str,
    after: str = ".",
    *,
    id_column: str = "code",
) -> None:
    """Raise ``"<path>: <before><rows><after>"`` naming the rows whose ``column`` is not in
    ``allowed``."""
    bad = ~frame[column].isin(allowed)
    if bad.any():
        raise RegionDataError(f"{path}: {before}{_rows(frame, bad, id_column)}{after}")


def validate(
    counties: pd.DataFrame,
    areas: pd.DataFrame,
    municipalities: pd.DataFrame,
    sources: pd.DataFrame,
    paths: dict[str, Path],
) -> None:
    """Cross-check the four tables; raise ``RegionDataError`` naming rows on any problem."""
    pc, pa, pm, ps = (paths[f] for f in FILES)
    _check_pattern(counties, pc, "code", r"\d{2}", "two-digit county codes such as '02'")
    _check_unique(counties, pc, "code", "county code")
    _check_pattern(areas, pa, "area_code", r"[A-Z]{2}\d{2}", "area codes such as 'TA05'")
    _check_unique(areas, pa, "area_code", "area code")
    _check_pattern(municipalities, pm, "code", r"\d{3}", "three-digit municipality codes")
    _check_pattern(municipalities, pm, "population", r"\d+", "non-negative whole numbers")
    _check_unique(sources, ps, "key", "source key")

    dup = municipalities["code"].duplicated(keep=False)
    if dup.any():
        shown = (
            municipalities[dup]
            .groupby("code", sort=True)["area_code"]
            .agg(lambda s: "/".join(s))
            .head(_MAX_SHOWN)
        )
        detail = "; ".join(f"{code} in areas {a}" for code, a in shown.items())
        raise RegionDataError(
            f"{pm}: municipality listed more than once in {_rows(municipalities, dup, 'code')}"
            f" ({detail}); each municipality must be in exactly one area and one county."
        )

    county_codes = set(counties["code"])
    _check_in(municipalities, pm, "county_code", county_codes, "unknown county_code in ",
              f"; known county codes: {', '.join(sorted(county_codes))}.")  # fmt: skip
    _check_in(municipalities, pm, "area_code", set(areas["area_code"]), "municipality in no "
              f"known employment area: area_code not in {pa.name} in ")  # fmt: skip
    _check_in(municipalities, pm, "language", LANGUAGES,
              f"column 'language' must be one of {', '.join(LANGUAGES)} (majority language "
              "first); bad value in ")  # fmt: skip

    _check_in(areas, pa, "area_code", set(municipalities["area_code"]),
              "employment area without municipalities in ", id_column="area_code")  # fmt: skip
    member_counties = municipalities.groupby("area_code")["county_code"].agg(set)
    listed = areas["county_codes"].str.split(";").map(lambda cs: set(filter(None, cs)))
    bad = [i for i, row in areas.iterrows() if listed[i] != member_counties[row["area_code"]]]
    if bad:
        detail = "; ".join(
            f"{areas.at[i, 'area_code']}: file {areas.at[i, 'county_codes']!r}, members "
            f"{';'.join(sorted(member_counties[areas.at[i, 'area_code']]))}"
            for i in bad[:_MAX_SHOWN]
        )
        raise RegionDataError(
            f"{pa}: county_codes must list the counties of the area's municipalities; "
            f"mismatch in {_rows(areas, areas.index.isin(bad), 'area_code')} ({detail})."
        )
    known_sources = set(sources["key"])
    for frame, path, id_column in (
        (counties, pc, "code"),
        (areas, pa, "area_code"),
        (municipalities, pm, "code"),
    ):
        keys = frame["source"].str.split(";")
        unknown = keys.map(lambda ks: any(k not in known_sources and not _is_ref(k) for k in ks))
        if unknown.any():
            raise RegionDataError(
                f"{path}: source key not defined in {ps.name} (and not a URL or file line) in "
                f"{_rows(frame, unknown, id_column)}; defined keys: "
                f"{', '.join(sorted(known_sources))}."
            )


def _is_ref(key: str) -> bool:
    """A source may also be a URL or a ``file:line`` reference written in place."""
    return bool(re.match(r"^(https?://|.+:\d+)", key))
