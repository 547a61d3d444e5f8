"""The TE24 co-financing rules: the municipality's share of unemployment benefits by benefit day.

Rules as data (``tiers.yaml`` in this package, with their sources) and the computations on them,
numbers only: :func:`share_rates`, :func:`municipal_share`, :func:`spell_cost`,
:func:`outcome_value` (and :func:`outcome_value_grid`), :func:`expected_outcome_value`. The
:mod:`vaikuttavuus.financing` domain re-exports them and adds the report tables and charts; the
compensation report uses them for the value of outcomes to the paying municipality.
"""

from __future__ import annotations

from . import rules as _rules
from .rules import *  # noqa: F403  (the public names are listed once, in rules.__all__)

__all__ = list(_rules.__all__)
