"""Module-level lookups on the default region registry.

The default registry is the mapping shipped with the package, or the file/folder named by
the environment variable ``VAIKUTTAVUUS_REGIONS`` (so a batch of notebooks can use an
updated mapping without code changes). For any other mapping call the same methods on
``load_regions(path)``.
"""

from __future__ import annotations

import os
from functools import lru_cache

import pandas as pd

from .registry import ENV_VAR, MunicipalityRegion, Regions, load_regions

__all__ = [
    "area_municipalities",
    "county_municipalities",
    "default_regions",
    "list_regions",
    "municipality_region",
    "region_language",
    "region_municipalities",
    "region_name",
    "region_population",
    "region_type",
]

_REFERENCES = """Statistics Finland, classification of wellbeing services counties (hyvinvointialue);
    employment areas 2025 (tyollisyysalue_1_20250101), via ``Regions.sources``."""


@lru_cache(maxsize=8)
def _cached(path: str | None, year: int | None) -> Regions:
    return load_regions(path, year=year)


def default_regions(*, year: int | None = None) -> Regions:
    """The registry used by the module-level lookups.

    Parameters
    ----------
    year : int, optional
        Division of which year (default 2025, used for later years too; 2024: 293
        municipalities). Ignored when ``VAIKUTTAVUUS_REGIONS`` names a mapping.

    Returns
    -------
    Regions
        The packaged mapping, or the one named by ``VAIKUTTAVUUS_REGIONS`` if set.

    References
    ----------
    See :func:`vaikuttavuus.regions.load_regions`.

    Examples
    --------
    >>> len(default_regions().areas)
    45
    """
    path = os.environ.get(ENV_VAR) or None
    return _cached(path, None if path else year)


def municipality_region(municipality: str | int, *, year: int | None = None) -> MunicipalityRegion:
    """Employment area and wellbeing services county of a municipality.

    Parameters
    ----------
    municipality : str or int
        Official code ("091", "91", 91) or Finnish or Swedish name, case-insensitive.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    MunicipalityRegion
        ``code, name_fi, name_sv, area_code, area_name_fi, county_code, county_name_fi``.

    Raises
    ------
    ValueError
        For an unknown municipality, naming close matches.

    References
    ----------
    Statistics Finland, municipality and wellbeing services county classifications.

    Examples
    --------
    >>> r = municipality_region("Vasa")
    >>> r.code, r.county_code, r.area_name_fi
    ('905', '17', 'Pohjanmaa')
    """
    return default_regions(year=year).municipality_region(municipality)


def area_municipalities(area: str, *, year: int | None = None) -> pd.DataFrame:
    """Municipalities of an employment area.

    Parameters
    ----------
    area : str
        Area code ("TA35") or its Finnish, Swedish or English name.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    DataFrame
        Rows of ``Regions.municipalities`` (code, names, county, population, language,
        source).

    References
    ----------
    Statistics Finland, employment areas 2025 (tyollisyysalue_1_20250101).

    Examples
    --------
    >>> names = area_municipalities("TA26")["name_sv"]  # Pohjanmaa / Österbotten
    >>> names.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Kaskö', 'Korsnäs', 'Laihela', 'Malax', 'Korsholm', 'Närpes', 'Nykarleby', 'Vasa',
     'Vörå']
    """
    return default_regions(year=year).area_municipalities(area)


def county_municipalities(county: str | int, *, year: int | None = None) -> pd.DataFrame:
    """Municipalities of a wellbeing services county.

    Parameters
    ----------
    county : str or int
        County code ("02", 2, "90") or its Finnish, Swedish or English name.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    DataFrame
        Rows of ``Regions.municipalities``.

    References
    ----------
    Statistics Finland, classification of wellbeing services counties.

    Examples
    --------
    >>> county_municipalities("04")["name_fi"].tolist()
    ['Vantaa', 'Kerava']
    """
    return default_regions(year=year).county_municipalities(county)


def region_municipalities(region: str | int, *, year: int | None = None) -> pd.DataFrame:
    """Municipalities of a county or an employment area.

    Parameters
    ----------
    region : str or int
        County code, area code or a name of either.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    DataFrame
        Rows of ``Regions.municipalities``.

    References
    ----------
    See :func:`area_municipalities` and :func:`county_municipalities`.

    Examples
    --------
    >>> len(region_municipalities("TA08")), len(region_municipalities("HVA90"))
    (1, 1)
    """
    return default_regions(year=year).region_municipalities(region)


def region_name(region: str | int, *, language: str = "fi", year: int | None = None) -> str:
    """Name of a county or an employment area.

    Parameters
    ----------
    region : str or int
        County or area code, or a name.
    language : {"fi", "sv", "en"}, default "fi"
        Language of the name.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    str
        The name.

    References
    ----------
    Statistics Finland classification names (employment areas and counties).

    Examples
    --------
    >>> region_name("17", language="sv")
    'Österbottens välfärdsområde'
    >>> region_name("90", language="en")
    'City of Helsinki'
    """
    return default_regions(year=year).region_name(region, language=language)


def region_language(region: str | int, *, year: int | None = None) -> tuple[str, ...]:
    """Report language(s) of a region, majority language first.

    Parameters
    ----------
    region : str or int
        County or area code, or a name.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    tuple of str
        ``("fi",)``, ``("sv",)``, ``("fi", "sv")`` or ``("sv", "fi")``.

    References
    ----------
    Statistics Finland's language group of municipalities (kielisuhde 2025); aggregation
    rule in :class:`Regions`.

    Examples
    --------
    >>> region_language("17")
    ('sv', 'fi')
    >>> region_language("Kainuun hyvinvointialue")
    ('fi',)
    """
    return default_regions(year=year).region_language(region)


def region_population(region: str | int, *, year: int | None = None) -> int:
    """Population of a county or an employment area (sum of its municipalities).

    Parameters
    ----------
    region : str or int
        County or area code, or a name.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    int
        Inhabitants on 31.12.2025 (Statistics Finland table 11ra) for the 2025 registry;
        31.12.2022 (THL Sotkanet 127) for the 2024 registry (``population_year``).

    References
    ----------
    Statistics Finland, table 11ra (Väestörakenne), population 31.12.2025.

    Examples
    --------
    >>> region_population("90")
    694392
    >>> region_population("TA23", year=2024)  # Mikkelin seutu with Pertunmaa, 31.12.2022
    74265
    """
    return default_regions(year=year).region_population(region)


def region_type(region: str | int, *, year: int | None = None) -> str:
    """Whether a code or name is a wellbeing services county or an employment area.

    Parameters
    ----------
    region : str or int
        County or area code, or a name.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    str
        ``"wellbeing_county"`` or ``"employment_area"`` (the values of the region report's
        ``region_type`` parameter).

    References
    ----------
    See :func:`list_regions`.

    Examples
    --------
    >>> region_type("TA01"), region_type("01")
    ('employment_area', 'wellbeing_county')
    """
    return default_regions(year=year).region_type(region)


def list_regions(kind: str = "all", *, year: int | None = None) -> pd.DataFrame:
    """All regions for which a report can be rendered.

    Parameters
    ----------
    kind : {"all", "employment_areas", "wellbeing_counties"}, default "all"
        Which regions.
    year : int, optional
        As in :func:`default_regions`.

    Returns
    -------
    DataFrame
        ``region_type, code, name_fi, name_sv, name_en, language, population,
        n_municipalities, county_codes``; counties first (by code), then areas.

    References
    ----------
    See :func:`vaikuttavuus.regions.load_regions`.

    Examples
    --------
    >>> list_regions()["region_type"].value_counts().to_dict()
    {'employment_area': 45, 'wellbeing_county': 22}
    """
    return default_regions(year=year).list_regions(kind)
