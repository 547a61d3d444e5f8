"""Reproduction of the Vates 2020 staff survey (Kallio 2020) with a calibrated simulation."""

from vaikuttavuus.studies.vates2020.instrument import (
    FACTORS,
    OUTCOMES,
    factors,
    instrument,
    item_ids,
    outcomes,
    scale_items,
)

__all__ = [
    "FACTORS",
    "OUTCOMES",
    "factors",
    "instrument",
    "item_ids",
    "outcomes",
    "scale_items",
]
