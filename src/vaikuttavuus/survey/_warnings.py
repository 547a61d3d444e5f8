"""Warning category of the survey reader and report."""

from __future__ import annotations


class SurveyWarning(UserWarning):
    """Something in a survey file was set missing, guessed or left out, and the user should know."""
