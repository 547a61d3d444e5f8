"""Bring your own survey: read survey exports through a codebook and report on them.

Start from the shipped Vates codebook or write your own (YAML or CSV)::

    from vaikuttavuus.survey import read_survey, survey_report
    survey = read_survey("export.csv", codebook="codebook.yaml")
    report = survey_report(survey, language="fi")
    report.section("reliability")
"""

from __future__ import annotations

from ._answers import ANSWER_SETS, DONT_KNOW, answer_labels
from ._warnings import SurveyWarning
from .codebook import (
    Background,
    Codebook,
    CodebookError,
    Item,
    Outcome,
    load_codebook,
    shipped_codebook,
)
from .io import ReadingLog, SurveyData, read_survey
from .likert import likert_table, plot_likert
from .report import SurveyReport, render_survey_report, survey_report

__all__ = [
    "ANSWER_SETS",
    "DONT_KNOW",
    "Background",
    "Codebook",
    "CodebookError",
    "Item",
    "Outcome",
    "ReadingLog",
    "SurveyData",
    "SurveyReport",
    "SurveyWarning",
    "answer_labels",
    "likert_table",
    "load_codebook",
    "plot_likert",
    "read_survey",
    "render_survey_report",
    "shipped_codebook",
    "survey_report",
]
