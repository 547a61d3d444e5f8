"""Municipal co-financing of unemployment benefits (TE24, from 1.1.2025) and its predecessor.

The rules themselves live in :mod:`vaikuttavuus.te24` (day classes and shares as configuration
with sources, ``tiers.yaml``) and are re-exported here;
:func:`municipal_share` prices a benefit-day history, :func:`spell_cost` a run of days per person,
and :func:`outcome_value` / :func:`expected_outcome_value` what an outcome that ends a spell
early is worth to the paying municipality. Report helpers (fi/sv/en tables and charts) are in
:mod:`vaikuttavuus.financing.report`.
"""

from __future__ import annotations

from .. import te24 as _te24
from ..te24 import *  # noqa: F403  (the rules' public names, listed once in te24.rules.__all__)

__all__ = list(_te24.__all__)
