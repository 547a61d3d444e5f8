"""Region registry: wellbeing services counties, employment areas and their municipalities.

Statistics Finland's classification, by year. From 1.1.2025 employment services are
organised by 45 employment areas (työllisyysalueet, codes "TA01".."TA45", e.g. TA01
Espoo-Kauniainen, TA39 Tampereen seutu); social and health services by 21 wellbeing
services counties and the City of Helsinki ("01".."21", "90"; the table form "HVA08" is
accepted). The 2025 registry has 292 municipalities (Pertunmaa merged into Mäntyharju);
``year=2024`` gives the 2024 division (293) for older data. The package's own area codes of
earlier versions were never official and are not kept as aliases.

    from vaikuttavuus.regions import municipality_region, region_name, list_regions
    municipality_region("Vasa").area_code        # 'TA26'
    region_name("TA26", language="sv")           # 'Österbotten'

Every row names its source (``Regions.sources``); use ``load_regions(path)`` (or the
``VAIKUTTAVUUS_REGIONS`` environment variable) for an updated mapping.
"""

from __future__ import annotations

from . import lookup as _lookup
from .lookup import *  # noqa: F403  (the lookups are listed once, in lookup.__all__)
from .registry import MunicipalityRegion, RegionDataError, Regions, load_regions

__all__ = ["MunicipalityRegion", "RegionDataError", "Regions", "load_regions"]
__all__ += _lookup.__all__
