"""vaikuttavuus: research and evaluation tools for Finnish employment services.

The public API, re-exported explicitly (like ``statsmodels.stats.api``):

Reliability
    :func:`cronbach_alpha`, :func:`omega`, :func:`omega_total`, :func:`scale_scores`
Factor analysis
    :func:`kmo`, :func:`bartlett_sphericity`, :func:`parallel_analysis`, :func:`efa`
Correlation tests
    :func:`corr_test`, :func:`p_adjust`
Reporting
    :func:`suppress_small_cells`, :func:`render_notebook`, :func:`render_batch`
Surveys and studies (sub-packages)
    :mod:`vaikuttavuus.survey` (:func:`read_survey`, :func:`survey_report`),
    :mod:`vaikuttavuus.studies.vates2020`

Importing the package has no side effects (no options set, nothing printed or written).
"""

from __future__ import annotations

from .adequacy import BartlettResult, KMOResult, bartlett_sphericity, kmo
from .correlation import SIGNIFICANCE_ALPHA, STRENGTH_THRESHOLDS, corr_test, p_adjust
from .disclosure import MIN_CELL_SIZE, suppress_small_cells
from .factor import EFAResult, FactorConvergenceWarning, FitStatistics, HeywoodWarning, efa
from .omega import (
    OmegaConvergenceWarning,
    OmegaIdentificationWarning,
    OmegaResult,
    OmegaTotalResult,
    omega,
    omega_total,
)
from .parallel import ParallelResult, parallel_analysis
from .reliability import AlphaResult, NegativeItemWarning, cronbach_alpha
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

__version__ = "0.1.0"

__all__ = [
    "MIN_CELL_SIZE",
    "SIGNIFICANCE_ALPHA",
    "STRENGTH_THRESHOLDS",
    "AlphaResult",
    "BartlettResult",
    "BatchResult",
    "EFAResult",
    "FactorConvergenceWarning",
    "FitStatistics",
    "HeywoodWarning",
    "KMOResult",
    "NegativeItemWarning",
    "OmegaConvergenceWarning",
    "OmegaIdentificationWarning",
    "OmegaResult",
    "OmegaTotalResult",
    "ParallelResult",
    "RenderJob",
    "RenderResult",
    "ReportError",
    "SurveyData",
    "SurveyReport",
    "__version__",
    "bartlett_sphericity",
    "corr_test",
    "cronbach_alpha",
    "efa",
    "kmo",
    "omega",
    "omega_total",
    "p_adjust",
    "parallel_analysis",
    "read_survey",
    "render_batch",
    "render_notebook",
    "scale_scores",
    "suppress_small_cells",
    "survey_report",
]
