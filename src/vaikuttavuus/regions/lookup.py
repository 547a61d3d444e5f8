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
    the 45 employment areas from 1.1.2025 as given in ``Regions.sources`` (row by row)."""


@lru_cache(maxsize=4)
def _cached(path: str | None) -> Regions:
    return load_regions(path)


def default_regions() -> Regions:
    """The registry used by the module-level lookups.

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
    return _cached(os.environ.get(ENV_VAR) or None)


def municipality_region(municipality: str | int) -> MunicipalityRegion:
    """Employment area and wellbeing services county of a municipality.

    Parameters
    ----------
    municipality : str or int
        Official code ("091", "91", 91) or Finnish or Swedish name, case-insensitive.

    Returns
    -------
    MunicipalityRegion
        ``code, name_fi, name_sv, area_code, area_name_fi, county_code, county_name_fi,
        certainty`` (certainty of the area membership).

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
    ('905', '17', 'Pohjanmaan työllisyysalue')
    """
    return default_regions().municipality_region(municipality)


def area_municipalities(area: str) -> pd.DataFrame:
    """Municipalities of an employment area.

    Parameters
    ----------
    area : str
        Area code ("TA35") or its Finnish, Swedish or English name.

    Returns
    -------
    DataFrame
        Rows of ``Regions.municipalities`` (code, names, county, population, language,
        source, certainty).

    References
    ----------
    Employment areas from 1.1.2025; sources per row in ``source``.

    Examples
    --------
    >>> names = area_municipalities("Österbottens sysselsättningsområde")["name_sv"]
    >>> names.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['Kaskö', 'Korsnäs', 'Laihela', 'Malax', 'Korsholm', 'Närpes', 'Nykarleby', 'Vasa',
     'Vörå']
    """
    return default_regions().area_municipalities(area)


def county_municipalities(county: str | int) -> pd.DataFrame:
    """Municipalities of a wellbeing services county.

    Parameters
    ----------
    county : str or int
        County code ("02", 2, "90") or its Finnish, Swedish or English name.

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
    return default_regions().county_municipalities(county)


def region_municipalities(region: str | int) -> pd.DataFrame:
    """Municipalities of a county or an employment area.

    Parameters
    ----------
    region : str or int
        County code, area code or a name of either.

    Returns
    -------
    DataFrame
        Rows of ``Regions.municipalities``.

    References
    ----------
    See :func:`area_municipalities` and :func:`county_municipalities`.

    Examples
    --------
    >>> len(region_municipalities("TA45")), len(region_municipalities("90"))
    (1, 1)
    """
    return default_regions().region_municipalities(region)


def region_name(region: str | int, *, language: str = "fi") -> str:
    """Name of a county or an employment area.

    Parameters
    ----------
    region : str or int
        County or area code, or a name.
    language : {"fi", "sv", "en"}, default "fi"
        Language of the name.

    Returns
    -------
    str
        The name.

    References
    ----------
    Statistics Finland classification names (counties); area names per ``name_certainty``.

    Examples
    --------
    >>> region_name("17", language="sv")
    'Österbottens välfärdsområde'
    >>> region_name("90", language="en")
    'City of Helsinki'
    """
    return default_regions().region_name(region, language=language)


def region_language(region: str | int) -> tuple[str, ...]:
    """Report language(s) of a region, majority language first.

    Parameters
    ----------
    region : str or int
        County or area code, or a name.

    Returns
    -------
    tuple of str
        ``("fi",)``, ``("sv",)``, ``("fi", "sv")`` or ``("sv", "fi")``.

    References
    ----------
    Linguistic status of municipalities 2023-2032 (Government decree under the Language
    Act 423/2003, section 5); aggregation rule in :class:`Regions`.

    Examples
    --------
    >>> region_language("17")
    ('sv', 'fi')
    >>> region_language("Kainuun hyvinvointialue")
    ('fi',)
    """
    return default_regions().region_language(region)


def region_population(region: str | int) -> int:
    """Population of a county or an employment area (sum of its municipalities).

    Parameters
    ----------
    region : str or int
        County or area code, or a name.

    Returns
    -------
    int
        Inhabitants at the end of the year given in ``municipalities.population_year``.

    References
    ----------
    Statistics Finland population structure, as mirrored by Yleisradio/geodata (31.12.2020).

    Examples
    --------
    >>> region_population("90")
    656920
    """
    return default_regions().region_population(region)


def region_type(region: str | int) -> str:
    """Whether a code or name is a wellbeing services county or an employment area.

    Parameters
    ----------
    region : str or int
        County or area code, or a name.

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
    return default_regions().region_type(region)


def list_regions(kind: str = "all") -> pd.DataFrame:
    """All regions for which a report can be rendered.

    Parameters
    ----------
    kind : {"all", "employment_areas", "wellbeing_counties"}, default "all"
        Which regions.

    Returns
    -------
    DataFrame
        ``region_type, code, name_fi, name_sv, name_en, language, population,
        n_municipalities, county_codes, certainty``; counties first (by code), then areas.

    References
    ----------
    See :func:`vaikuttavuus.regions.load_regions`.

    Examples
    --------
    >>> list_regions()["region_type"].value_counts().to_dict()
    {'employment_area': 45, 'wellbeing_county': 22}
    """
    return default_regions().list_regions(kind)
