"""Codes of the client-episode data model (service types, contracts, end statuses, columns)."""

from __future__ import annotations

#: Service types: 1A work/education oriented rehabilitative work activity, 1B participation,
#: 1C social rehabilitation, individually placed work activity, theme groups.
SERVICE_TYPES = ("1A", "1B", "1C", "individual", "theme_group")
#: Contract types: effectiveness-based compensation (daily price + outcome payment) or fixed price.
CONTRACT_TYPES = ("outcome_based", "fixed")
#: End statuses counted as an outcome (Tampere's indicator: moved to work, education or a
#: work trial, as a share of ended client relationships).
OUTCOME_STATUSES = ("work", "education", "work_trial")
#: End statuses of an episode (the outcomes first); ``active`` = still running (no end date).
END_STATUSES = (*OUTCOME_STATUSES, "other_service", "unemployment", "interrupted", "active")
#: Mother tongue groups.
MOTHER_TONGUES = ("fi", "sv", "other")
#: Sex codes.
SEXES = ("female", "male")

#: Columns every episode table needs.
REQUIRED_COLUMNS = (
    "episode_id",
    "client_id",
    "provider",
    "service_type",
    "contract_type",
    "start",
    "end",
    "end_status",
)
#: Covariates of the risk model (case mix), checked when present.
COVARIATE_COLUMNS = ("age", "sex", "months_unemployed", "mother_tongue", "prior_services")
#: Default case-mix covariates of risk adjustment and the contract comparison.
DEFAULT_COVARIATES = (
    "age",
    "sex",
    "months_unemployed",
    "mother_tongue",
    "prior_services",
    "service_type",
)
