"""Rendering parameterised notebooks to reports: the package's one rendering path.

:func:`run_reports` renders many :class:`RenderJob` in spawned worker processes (a fresh
kernel per report, retries when a kernel fails to start, a per-cell timeout), skips reports
whose inputs did not change, survives Ctrl-C (finished reports kept, index and manifest
written, the unfinished ones rendered by the next run), and writes a run directory with one
self-contained HTML file (and optionally a PDF) per report, ``index.html`` and
``manifest.json``. :func:`render_notebook` and :func:`render_batch` render single reports
through the same task runner. Parameters are checked against the notebook's declared
parameters before anything runs (:func:`validate_parameters`). :func:`region_jobs`,
:func:`study_jobs`, :func:`survey_job` and :func:`ips_job` build the package's own report
jobs from the notebooks shipped inside the package (:func:`notebook_path`).

Importing this module starts nothing and imports neither papermill nor nbconvert.
"""

from __future__ import annotations

from ._params import ParameterError, declared_parameters, validate_parameters
from ._shipped import notebook_path, shipped_notebooks
from .jobs import LANGUAGE_CHOICES, REGION_SELECTIONS, region_jobs, study_jobs, vates_jobs
from .results import BatchResult, RenderJob, RenderResult, ReportError
from .runner import RenderInterrupted, run_reports
from .single import render_batch, render_notebook
from .studies import ips_job, render_ips_report, render_survey_report, survey_job

__all__ = [
    "LANGUAGE_CHOICES",
    "REGION_SELECTIONS",
    "BatchResult",
    "ParameterError",
    "RenderInterrupted",
    "RenderJob",
    "RenderResult",
    "ReportError",
    "declared_parameters",
    "ips_job",
    "notebook_path",
    "region_jobs",
    "render_batch",
    "render_ips_report",
    "render_notebook",
    "render_survey_report",
    "run_reports",
    "shipped_notebooks",
    "study_jobs",
    "survey_job",
    "validate_parameters",
    "vates_jobs",
]
