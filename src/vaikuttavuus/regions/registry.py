"""The region registry: wellbeing services counties, employment areas and municipalities.

``load_regions()`` reads the packaged mapping (or a user's updated files) and returns a
:class:`Regions` object holding three DataFrames and the lookups the reports need.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._validation import check_choice
from ._derive import derive
from ._load import FILES, RegionDataError, default_data_dir, read_table, registry_year, validate

__all__ = ["MunicipalityRegion", "RegionDataError", "Regions", "load_regions"]

LANGUAGES = ("fi", "sv", "en")
KINDS = ("all", "employment_areas", "wellbeing_counties")
COUNTY = "wellbeing_county"
AREA = "employment_area"
#: Each kind of region in an error message, and the method that lists its municipalities.
_KIND_WORDS = {
    COUNTY: ("a wellbeing services county", "county_municipalities()"),
    AREA: ("an employment area", "area_municipalities()"),
}
#: Environment variable naming a mapping file or folder used by the module-level lookups.
ENV_VAR = "VAIKUTTAVUUS_REGIONS"


def _norm(text: object) -> str:
    """Case-, accent-form- and dash-insensitive key for names."""
    s = unicodedata.normalize("NFC", str(text)).casefold().strip()
    s = re.sub(r"[\u2010-\u2015]", "-", s)
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\s+", " ", s)


@dataclass(frozen=True)
class MunicipalityRegion:
    """Where a municipality belongs: its employment area and wellbeing services county."""

    code: str
    name_fi: str
    name_sv: str
    area_code: str
    area_name_fi: str
    county_code: str
    county_name_fi: str

    def to_dict(self) -> dict[str, str]:
        """Fields as a plain dict."""
        return dict(self.__dict__)


@dataclass(frozen=True, eq=False)
class Regions:
    """Counties, employment areas and municipalities with lookups.

    Attributes
    ----------
    counties : DataFrame
        ``code, name_fi, name_sv, name_en, language, population, n_municipalities,
        n_areas, source``; one row per wellbeing services county ("01".."21", "90").
    areas : DataFrame
        ``area_code`` (Statistics Finland's "TA01".."TA45"), ``name_fi, name_sv, name_en,
        county_code`` (the county holding most of its inhabitants), ``county_codes`` (all
        its counties, ";"-separated), ``language, population, n_municipalities, source``.
    municipalities : DataFrame
        ``code, name_fi, name_sv, name_en, county_code, area_code, population,
        population_year, language, source`` (and, in the packaged registry,
        ``maakunta_code, seutukunta_code``).
    sources : DataFrame
        ``key, description, url``: what the ``source`` keys mean.
    paths : dict
        The file each table was read from.

    Notes
    -----
    Region populations are sums of their municipalities. A region's language is "fi" or
    "sv" when all its municipalities are unilingual in that language; otherwise it is
    bilingual, majority first, the majority being the language of the municipalities
    (by their own majority language) holding more inhabitants.
    """

    counties: pd.DataFrame
    areas: pd.DataFrame
    municipalities: pd.DataFrame
    sources: pd.DataFrame
    paths: dict[str, Path] = field(default_factory=dict)
    year: int = 2025

    # ------------------------------------------------------------------ building
    @classmethod
    def _from_tables(
        cls, tables: dict[str, pd.DataFrame], paths: dict[str, Path], year: int
    ) -> Regions:
        return cls(*derive(tables), dict(paths), year)

    def __repr__(self) -> str:
        return (
            f"Regions({self.year}: {len(self.counties)} wellbeing services counties, "
            f"{len(self.areas)} employment areas, {len(self.municipalities)} municipalities)"
        )

    # ------------------------------------------------------------------ resolving
    def _region_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for frame, code_col in ((self.counties, "code"), (self.areas, "area_code")):
            for row in frame.itertuples(index=False):
                code = getattr(row, code_col)
                keys[_norm(code)] = code
                for col in ("name_fi", "name_sv", "name_en"):
                    keys.setdefault(_norm(getattr(row, col)), code)
        return keys

    def _unknown(
        self, what: str, value: object, keys: dict[str, str], names: dict[str, str], how: str
    ) -> ValueError:
        close = difflib.get_close_matches(_norm(value), list(keys), n=8, cutoff=0.6)
        codes = list(dict.fromkeys(keys[k] for k in close))[:4]  # best match first
        shown = ", ".join(f"{c!r} ({names[c]})" for c in codes)
        hint = f" Did you mean {shown}?" if codes else ""
        return ValueError(f"Unknown {what} {value!r}.{hint} List all with {how}.")

    def resolve(self, region: object) -> str:
        """Region code ("02", "90", "TA05") for a code (also Statistics Finland's table form
        "HVA02") or a fi/sv/en name of a region."""
        if isinstance(region, int) and not isinstance(region, bool):
            region = f"{region:02d}"
        keys = self._region_keys()
        key = _norm(region)
        if re.fullmatch(r"hva\d{1,2}", key):
            key = key[3:].zfill(2)
        if key in keys:
            return keys[key]
        if key.isdigit() and len(key) == 1 and _norm("0" + key) in keys:
            return keys[_norm("0" + key)]
        names = dict(zip(self.counties["code"], self.counties["name_fi"], strict=True))
        names.update(zip(self.areas["area_code"], self.areas["name_fi"], strict=True))
        raise self._unknown("region", region, keys, names, "vaikuttavuus.regions.list_regions()")

    def region_type(self, region: object) -> str:
        """``"wellbeing_county"`` or ``"employment_area"``."""
        code = self.resolve(region)
        return COUNTY if code in set(self.counties["code"]) else AREA

    def _row(self, region: object) -> pd.Series:
        code = self.resolve(region)
        if code in set(self.counties["code"]):
            return self.counties.set_index("code").loc[code]
        return self.areas.set_index("area_code").loc[code]

    def _municipality_code(self, municipality: object) -> str:
        munis = self.municipalities
        keys: dict[str, str] = {}
        for row in munis.itertuples(index=False):
            keys[row.code] = row.code
            keys[_norm(row.name_fi)] = row.code
            keys.setdefault(_norm(row.name_sv), row.code)
        if isinstance(municipality, int) and not isinstance(municipality, bool):
            municipality = f"{municipality:03d}"
        key = _norm(municipality)
        if key.isdigit() and len(key) < 3:
            key = key.zfill(3)
        if key in keys:
            return keys[key]
        names = dict(zip(munis["code"], munis["name_fi"], strict=True))
        raise self._unknown(
            "municipality",
            municipality,
            keys,
            names,
            "vaikuttavuus.regions.load_regions().municipalities",
        )

    # ------------------------------------------------------------------ lookups
    def municipality_region(self, municipality: object) -> MunicipalityRegion:
        """Employment area and wellbeing county of a municipality (code or fi/sv name)."""
        code = self._municipality_code(municipality)
        row = self.municipalities.set_index("code").loc[code]
        area = self.areas.set_index("area_code").loc[row["area_code"]]
        county = self.counties.set_index("code").loc[row["county_code"]]
        return MunicipalityRegion(
            code=code,
            name_fi=row["name_fi"],
            name_sv=row["name_sv"],
            area_code=row["area_code"],
            area_name_fi=area["name_fi"],
            county_code=row["county_code"],
            county_name_fi=county["name_fi"],
        )

    def region_municipalities(self, region: object) -> pd.DataFrame:
        """Municipality rows of a county or an employment area (a copy)."""
        code = self.resolve(region)
        column = "county_code" if self.region_type(code) == COUNTY else "area_code"
        out = self.municipalities[self.municipalities[column] == code]
        return out.reset_index(drop=True).copy()

    def area_municipalities(self, area: object) -> pd.DataFrame:
        """Municipality rows of an employment area (code or name)."""
        return self._municipalities_of(area, AREA)

    def county_municipalities(self, county: object) -> pd.DataFrame:
        """Municipality rows of a wellbeing services county (code or name)."""
        return self._municipalities_of(county, COUNTY)

    def _municipalities_of(self, region: object, kind: str) -> pd.DataFrame:
        """:meth:`region_municipalities` of a region that must be of ``kind``."""
        found = self.region_type(region)
        if found != kind:
            (is_a, use), (not_a, _) = _KIND_WORDS[found], _KIND_WORDS[kind]
            raise ValueError(
                f"{region!r} is {is_a}, not {not_a}; use {use} or region_municipalities()."
            )
        return self.region_municipalities(region)

    def region_name(self, region: object, *, language: str = "fi") -> str:
        """Name of a county or area in "fi", "sv" or "en"."""
        check_choice("language", language, LANGUAGES)
        return str(self._row(region)[f"name_{language}"])

    def region_language(self, region: object) -> tuple[str, ...]:
        """Report language(s) of a region, majority first: ("fi",), ("sv", "fi") ..."""
        return tuple(str(self._row(region)["language"]).split(","))

    def region_population(self, region: object) -> int:
        """Population of a county or area (sum of its municipalities)."""
        return int(self._row(region)["population"])

    def list_regions(self, kind: str = "all") -> pd.DataFrame:
        """One row per region: region_type, code, names, language, population, counts."""
        check_choice("kind", kind, KINDS)
        cols = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "language",
            "population",
            "n_municipalities",
            "county_codes",
        ]
        counties = self.counties.assign(region_type=COUNTY, county_codes=self.counties["code"])[
            ["region_type", *cols]
        ]
        areas = self.areas.rename(columns={"area_code": "code"}).assign(region_type=AREA)[
            ["region_type", *cols]
        ]
        parts = {"wellbeing_counties": [counties], "employment_areas": [areas]}
        frames = parts.get(kind, [counties, areas])
        return pd.concat(frames, ignore_index=True)


def load_regions(path: str | os.PathLike[str] | None = None, *, year: int | None = None) -> Regions:
    """Load and validate the region registry.

    Parameters
    ----------
    path : str or path-like, optional
        ``None`` (default): the mapping shipped with the package for ``year``. A folder: any of
        ``counties.csv``, ``areas.csv``, ``municipalities.csv``, ``sources.csv`` found there
        replace the packaged ones (the others stay). A single CSV file: replaces the file of
        the same name, or, under any other name, the municipality mapping
        (``municipalities.csv`` columns).
    year : int, optional
        Division of which year: 2025 (default, also used for later years: 292
        municipalities, the 45 employment areas and 22 counties of Statistics Finland's
        classification) or 2024 (293 municipalities, Pertunmaa separate; for older data).

    Returns
    -------
    Regions
        Counties, employment areas and municipalities with lookups.

    Raises
    ------
    RegionDataError
        (a ``ValueError``) when a file breaks a rule: missing columns or values, duplicate
        codes, a municipality in no area or listed twice, unknown county or area codes, an
        area's counties not matching its municipalities, an undefined source key. The
        message names the file, the column and the rows (file line numbers and codes).

    References
    ----------
    Statistics Finland classification service: municipalities 2025 (kunta_1_20250101) and
    the correspondences to employment areas (tyollisyysalue_1_20250101) and wellbeing
    services counties. Population 31.12.2025: Statistics Finland table 11ra. Sources of
    every row: ``Regions.sources``.

    Examples
    --------
    >>> load_regions()
    Regions(2025: 22 wellbeing services counties, 45 employment areas, 292 municipalities)
    >>> load_regions(year=2024)
    Regions(2024: 22 wellbeing services counties, 45 employment areas, 293 municipalities)
    >>> load_regions().counties.set_index("code").loc["17", "name_sv"]
    'Österbottens välfärdsområde'
    """
    year = registry_year(year)
    default = default_data_dir(year)
    paths = {name: default / name for name in FILES}
    if path is not None:
        p = Path(path)
        if p.is_dir():
            found = [name for name in FILES if (p / name).is_file()]
            if not found:
                raise FileNotFoundError(f"{p} holds none of the mapping files {', '.join(FILES)}.")
            paths.update({name: p / name for name in found})
        elif p.is_file():
            paths[p.name if p.name in FILES else "municipalities.csv"] = p
        else:
            raise FileNotFoundError(f"path={str(p)!r} is neither a file nor a folder.")
    tables = {name: read_table(paths[name], name) for name in FILES}
    validate(*(tables[name] for name in FILES), paths)
    return Regions._from_tables(tables, paths, year)
