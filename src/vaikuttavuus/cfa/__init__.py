"""Confirmatory factor analysis exact to lavaan (:func:`cfa`)."""

from __future__ import annotations

from ._ml import CFAConvergenceWarning
from .core import CFAResult, cfa

__all__ = ["CFAConvergenceWarning", "CFAResult", "cfa"]
