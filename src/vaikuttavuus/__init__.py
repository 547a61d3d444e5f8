"""vaikuttavuus: research and evaluation tools for Finnish employment services.

The public API, re-exported explicitly (like ``statsmodels.stats.api``):

Reliability
    :func:`cronbach_alpha`, :func:`omega`, :func:`omega_total`, :func:`scale_scores`
Factor analysis
    :func:`kmo`, :func:`bartlett_sphericity`, :func:`parallel_analysis`, :func:`efa`,
    :func:`cfa` (confirmatory, exact to lavaan), :func:`measurement_invariance`
Ordinal items
    :func:`polychoric`, :func:`ordinal_alpha`, :func:`ordinal_omega`
Correlation tests
    :func:`corr_test`, :func:`p_adjust`
Proportions, provider comparison and survival
    :func:`proportion_ci`, :func:`funnel_limits`, :func:`funnel_data`, :func:`overdispersion`,
    :func:`plot_funnel`, :func:`kaplan_meier`
Financing and published figures
    :func:`municipal_share`, :func:`spell_cost`, :func:`outcome_value`,
    :func:`published_table`, :func:`published_tables`
Reporting
    :func:`suppress_small_cells`, :func:`render_notebook`, :func:`render_batch`,
    :func:`run_reports`
Sub-packages
    :mod:`vaikuttavuus.survey` (:func:`read_survey`, :func:`survey_report`),
    :mod:`vaikuttavuus.studies.vates2020`, :mod:`vaikuttavuus.compensation` (effectiveness-based
    compensation), :mod:`vaikuttavuus.financing` (TE24 co-financing), :mod:`vaikuttavuus.ips`
    (IPS outcomes and fidelity), :mod:`vaikuttavuus.regions` (region registry),
    :mod:`vaikuttavuus.regional` (region reports), :mod:`vaikuttavuus.render` (batch rendering)

Importing the package has no side effects (no options set, nothing printed or written).
"""

from __future__ import annotations

from .adequacy import BartlettResult, KMOResult, bartlett_sphericity, kmo
from .cfa import (
    CFAConvergenceWarning,
    CFAResult,
    InvarianceResult,
    cfa,
    measurement_invariance,
)
from .correlation import SIGNIFICANCE_ALPHA, STRENGTH_THRESHOLDS, corr_test, p_adjust
from .disclosure import MIN_CELL_SIZE, suppress_small_cells
from .factor import EFAResult, FactorConvergenceWarning, FitStatistics, HeywoodWarning, efa
from .financing import MunicipalShare, municipal_share, outcome_value, spell_cost
from .funnel import Overdispersion, funnel_data, funnel_limits, overdispersion, plot_funnel
from .omega import (
    OmegaConvergenceWarning,
    OmegaIdentificationWarning,
    OmegaResult,
    OmegaTotalResult,
    omega,
    omega_total,
)
from .ordinal import OrdinalAlphaResult, ordinal_alpha, ordinal_omega
from .parallel import ParallelResult, parallel_analysis
from .polychoric import PolychoricResult, PolychoricWarning, polychoric
from .proportions import CI_METHODS, proportion_ci
from .published import published_table, published_tables
from .reliability import AlphaResult, NegativeItemWarning, cronbach_alpha
from .render import run_reports
from .reports import (
    BatchResult,
    RenderJob,
    RenderResult,
    ReportError,
    render_batch,
    render_notebook,
)
from .scales import scale_scores
from .survey import SurveyData, SurveyReport, read_survey, survey_report
from .survival import KaplanMeierResult, kaplan_meier

__version__ = "0.1.0"

__all__ = [
    "CI_METHODS",
    "MIN_CELL_SIZE",
    "SIGNIFICANCE_ALPHA",
    "STRENGTH_THRESHOLDS",
    "AlphaResult",
    "BartlettResult",
    "BatchResult",
    "CFAConvergenceWarning",
    "CFAResult",
    "EFAResult",
    "FactorConvergenceWarning",
    "FitStatistics",
    "HeywoodWarning",
    "InvarianceResult",
    "KMOResult",
    "KaplanMeierResult",
    "MunicipalShare",
    "NegativeItemWarning",
    "OmegaConvergenceWarning",
    "OmegaIdentificationWarning",
    "OmegaResult",
    "OmegaTotalResult",
    "OrdinalAlphaResult",
    "Overdispersion",
    "ParallelResult",
    "PolychoricResult",
    "PolychoricWarning",
    "RenderJob",
    "RenderResult",
    "ReportError",
    "SurveyData",
    "SurveyReport",
    "__version__",
    "bartlett_sphericity",
    "cfa",
    "corr_test",
    "cronbach_alpha",
    "efa",
    "funnel_data",
    "funnel_limits",
    "kaplan_meier",
    "kmo",
    "measurement_invariance",
    "municipal_share",
    "omega",
    "omega_total",
    "ordinal_alpha",
    "ordinal_omega",
    "outcome_value",
    "overdispersion",
    "p_adjust",
    "parallel_analysis",
    "plot_funnel",
    "polychoric",
    "proportion_ci",
    "published_table",
    "published_tables",
    "read_survey",
    "render_batch",
    "render_notebook",
    "run_reports",
    "scale_scores",
    "spell_cost",
    "suppress_small_cells",
    "survey_report",
]
