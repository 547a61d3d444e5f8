"""IPS (Individual Placement and Support): fidelity, client outcomes and site comparisons."""

from __future__ import annotations

from .fidelity import (
    FidelityChange,
    FidelityScore,
    caseload_item_score,
    fidelity_band,
    fidelity_bands,
    fidelity_change,
    fidelity_items,
    fidelity_table,
    score_fidelity,
)

__all__ = [
    "FidelityChange",
    "FidelityScore",
    "caseload_item_score",
    "fidelity_band",
    "fidelity_bands",
    "fidelity_change",
    "fidelity_items",
    "fidelity_table",
    "score_fidelity",
]
