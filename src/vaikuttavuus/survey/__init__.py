"""Bring your own survey: read survey exports through a codebook and report on them.

>>> from vaikuttavuus.survey import read_survey, survey_report  # doctest: +SKIP
"""

from __future__ import annotations

from ._answers import ANSWER_SETS, DONT_KNOW
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
    "SurveyWarning",
    "load_codebook",
    "read_survey",
    "shipped_codebook",
]
