"""Effectiveness-based compensation of rehabilitative work activity: client episodes, rate
cards, payments, provider outcome rates (crude, risk-adjusted, empirical Bayes), the
outcome-based versus fixed-price contract comparison, what-if rate cards and a seeded
synthetic generator::

    from vaikuttavuus.compensation import simulate_episodes, payments, risk_adjusted_rates
    episodes = simulate_episodes(seed=1)          # a Tampere-like year (synthetic)
    payments(episodes, "tampere_illustrative")    # illustrative (invented) prices
    risk_adjusted_rates(episodes)
"""

from __future__ import annotations

from ._constants import (
    CONTRACT_TYPES,
    DEFAULT_COVARIATES,
    END_STATUSES,
    OUTCOME_STATUSES,
    REQUIRED_COLUMNS,
    SERVICE_TYPES,
)
from ._design import ModelError, SparseLevelWarning
from .adjustment import (
    ContractComparison,
    RiskAdjustedRates,
    compare_contracts,
    risk_adjusted_rates,
)
from .episodes import EpisodeError, read_episodes, validate_episodes
from .outcomes import OutcomeRates, ShrunkRates, outcome_rates, shrunk_rates
from .payments import Payments, RateCardComparison, compare_rate_cards, payments
from .ratecard import RateCard, RateCardError, load_rate_card, rate_card_names
from .report import CompensationReport, compensation_report
from .simulate import simulate_episodes

__all__ = [
    "CONTRACT_TYPES",
    "DEFAULT_COVARIATES",
    "END_STATUSES",
    "OUTCOME_STATUSES",
    "REQUIRED_COLUMNS",
    "SERVICE_TYPES",
    "CompensationReport",
    "ContractComparison",
    "EpisodeError",
    "ModelError",
    "OutcomeRates",
    "Payments",
    "RateCard",
    "RateCardComparison",
    "RateCardError",
    "RiskAdjustedRates",
    "ShrunkRates",
    "SparseLevelWarning",
    "compare_contracts",
    "compensation_report",
    "compare_rate_cards",
    "load_rate_card",
    "outcome_rates",
    "payments",
    "rate_card_names",
    "read_episodes",
    "risk_adjusted_rates",
    "shrunk_rates",
    "simulate_episodes",
    "validate_episodes",
]
