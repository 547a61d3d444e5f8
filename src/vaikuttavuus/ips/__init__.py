"""IPS (Individual Placement and Support): fidelity, client outcomes and site comparisons."""

from __future__ import annotations

from .data import IPSData, IPSDataWarning, ips_data
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
from .metrics import (
    QuarterlyMetrics,
    SurvivalByGroup,
    employment_outcome,
    job_tenure,
    quarterly_metrics,
    time_to_first_job,
)
from .synthetic import ips_sites, simulate_fidelity, simulate_ips

__all__ = [
    "FidelityChange",
    "FidelityScore",
    "IPSData",
    "IPSDataWarning",
    "QuarterlyMetrics",
    "SurvivalByGroup",
    "caseload_item_score",
    "employment_outcome",
    "fidelity_band",
    "fidelity_bands",
    "fidelity_change",
    "fidelity_items",
    "fidelity_table",
    "ips_data",
    "ips_sites",
    "job_tenure",
    "quarterly_metrics",
    "score_fidelity",
    "simulate_fidelity",
    "simulate_ips",
    "time_to_first_job",
]
