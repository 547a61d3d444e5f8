"""Official open data on the regions: population, unemployment and Kela co-financing.

Snapshots of Statistics Finland's and Kela's open data ship with the package (see
``opendata/data/README.md`` for authority, table, period, retrieval repository, commit and
licence); ``vaikuttavuus data update`` fetches newer Statistics Finland tables into a user
cache, which the functions then prefer (``attrs["source"]["origin"]`` says which).

    from vaikuttavuus import opendata
    opendata.unemployment("employment_area")     # 45 areas, 2026-06
    opendata.unemployment_series("country")      # 2006-01..2023-10
"""

from __future__ import annotations

from ._aggregate import LEVELS
from ._snapshots import TABLES, SnapshotError
from .tables import cofinancing, population, unemployment, unemployment_series

__all__ = [
    "LEVELS",
    "TABLES",
    "SnapshotError",
    "cofinancing",
    "population",
    "unemployment",
    "unemployment_series",
]
