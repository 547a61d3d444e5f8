"""IPS (Individual Placement and Support): fidelity, client outcomes and site comparisons."""

from __future__ import annotations

from .benchmarks import effect_benchmarks, employment_benchmarks, place_sites
from .compare import GroupComparison, compare_groups, risk_difference_ci, risk_ratio_ci
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
from .plots import plot_employment_trend, plot_fidelity_profile, plot_km, plot_site_funnel
from .report import IPSReport, ips_inputs, ips_report
from .synthetic import ips_sites, simulate_fidelity, simulate_ips

__all__ = [
    "FidelityChange",
    "FidelityScore",
    "GroupComparison",
    "IPSData",
    "IPSDataWarning",
    "IPSReport",
    "QuarterlyMetrics",
    "SurvivalByGroup",
    "caseload_item_score",
    "compare_groups",
    "effect_benchmarks",
    "employment_benchmarks",
    "employment_outcome",
    "fidelity_band",
    "fidelity_bands",
    "fidelity_change",
    "fidelity_items",
    "fidelity_table",
    "ips_data",
    "ips_inputs",
    "ips_report",
    "ips_sites",
    "job_tenure",
    "place_sites",
    "plot_employment_trend",
    "plot_fidelity_profile",
    "plot_km",
    "plot_site_funnel",
    "quarterly_metrics",
    "risk_difference_ci",
    "risk_ratio_ci",
    "score_fidelity",
    "simulate_fidelity",
    "simulate_ips",
    "time_to_first_job",
]
