"""Confirmatory factor analysis exact to lavaan (:func:`cfa`) and measurement invariance
across groups (:func:`measurement_invariance`)."""

from __future__ import annotations

from ._ml import CFAConvergenceWarning, CFAHeywoodWarning
from .core import CFAResult, cfa
from .invariance import InvarianceResult, measurement_invariance

__all__ = [
    "CFAConvergenceWarning",
    "CFAHeywoodWarning",
    "CFAResult",
    "InvarianceResult",
    "cfa",
    "measurement_invariance",
]
