"""Batch rendering of parameterised notebooks: parallel, validated, resumable.

:func:`run_reports` renders many :class:`~vaikuttavuus.reports.RenderJob` in spawned
worker processes (a fresh kernel per report, retries when a kernel fails to start, a
per-cell timeout), skips reports whose inputs did not change, and writes a run directory
with one self-contained HTML file per report, ``index.html`` and ``manifest.json``.
Parameters are checked against the notebook's declared parameters before anything runs
(:func:`validate_parameters`). :func:`region_jobs` and :func:`study_jobs` build the
package's own report jobs (``vaikuttavuus render`` / ``vaikuttavuus render-all``).

Importing this module starts nothing and imports neither papermill nor nbconvert.
"""

from __future__ import annotations

from ._params import ParameterError, declared_parameters, validate_parameters
from .jobs import LANGUAGE_CHOICES, REGION_SELECTIONS, region_jobs, study_jobs, vates_jobs
from .runner import run_reports

__all__ = [
    "LANGUAGE_CHOICES",
    "REGION_SELECTIONS",
    "ParameterError",
    "declared_parameters",
    "region_jobs",
    "run_reports",
    "study_jobs",
    "validate_parameters",
    "vates_jobs",
]
