"""Region registry: wellbeing services counties, employment areas and their municipalities.

From 1.1.2025 employment services are organised by 45 employment areas (työllisyysalueet);
social and health services by 21 wellbeing services counties and the City of Helsinki
(22 hyvinvointialueet). Region codes: counties by Statistics Finland's code ("01".."21",
Helsinki "90"), employment areas by this package's stable code "TA01".."TA45".

    from vaikuttavuus.regions import municipality_region, region_name, list_regions
    municipality_region("Vasa").area_code        # 'TA35'
    region_name("TA35", language="sv")           # 'Österbottens sysselsättningsområde'

Every row carries a ``source`` and every area membership a ``certainty``; use
``load_regions(path)`` (or the ``VAIKUTTAVUUS_REGIONS`` environment variable) for an
updated mapping.
"""

from __future__ import annotations

from .lookup import (
    area_municipalities,
    county_municipalities,
    default_regions,
    list_regions,
    municipality_region,
    region_language,
    region_municipalities,
    region_name,
    region_population,
    region_type,
)
from .registry import MunicipalityRegion, RegionDataError, Regions, load_regions

__all__ = [
    "MunicipalityRegion",
    "RegionDataError",
    "Regions",
    "area_municipalities",
    "county_municipalities",
    "default_regions",
    "list_regions",
    "load_regions",
    "municipality_region",
    "region_language",
    "region_municipalities",
    "region_name",
    "region_population",
    "region_type",
]
