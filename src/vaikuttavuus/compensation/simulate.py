"""Seeded synthetic client episodes: a Tampere-like year of rehabilitative work activity.

Published anchors (seed 002, Tampere 2020 slides): about 2,100-2,300 clients a month in the
employment services' rehabilitative work activity, six large providers, service types 1A/1B/1C,
individually placed work activity and theme groups (3 months), about 60 % of services under
effectiveness-based compensation. Everything else (durations, case mix, outcome model,
provider effects) is invented for illustration; the outcome model is a logistic model whose
coefficients are in :data:`OUTCOME_MODEL`, so tests can check that the risk adjustment
recovers the provider effects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validation import check_int, check_probability
from ._constants import SERVICE_TYPES

__all__ = ["OUTCOME_MODEL", "TAMPERE_MONTHLY_CLIENTS", "TAMPERE_POPULATION", "simulate_episodes"]

#: Clients a month in Tampere's employment services' rehabilitative work activity
#: (seed 002 line 22: "noin 2100-2300 asiakasta kuukausittain"; midpoint).
TAMPERE_MONTHLY_CLIENTS = 2200
#: Tampere's population on 31 Dec 2019 (Statistics Finland), used to size other regions.
TAMPERE_POPULATION = 238_140

_SERVICE_SHARE = np.array([0.35, 0.25, 0.10, 0.10, 0.20])
_MEAN_DAYS = np.array([180.0, 200.0, 220.0, 150.0, 90.0])  # theme groups last 3 months
_POSITIVE = ("work", "education", "work_trial")
_POSITIVE_P = (0.30, 0.25, 0.45)
_NEGATIVE = ("other_service", "unemployment", "interrupted")
_NEGATIVE_P = (0.40, 0.35, 0.25)

#: Log-odds model of a positive end (work, education, work trial) among ended episodes.
OUTCOME_MODEL: dict[str, Any] = {
    "intercept": -0.6,
    "service_type": {"1A": 0.4, "1B": -0.2, "1C": -0.7, "individual": 0.6, "theme_group": 0.0},
    "age_per_year_over_40": -0.02,
    "male": -0.1,
    "log1p_months_unemployed_centred_24": -0.35,
    "mother_tongue": {"fi": 0.0, "sv": 0.1, "other": -0.2},
    "prior_services": -0.1,
}


def _provider_names(k: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"Provider {letters[i]}" if i < 26 else f"Provider {i + 1}" for i in range(k)]


def _effects(provider_effects: Any, names: list[str]) -> np.ndarray:
    k = len(names)
    if provider_effects is None:
        base = np.linspace(-0.4, 0.4, k) if k > 1 else np.zeros(1)
        return base[np.argsort(np.arange(k) * 7919 % max(k, 1), kind="stable")]
    if isinstance(provider_effects, Mapping):
        unknown = sorted(set(provider_effects) - set(names))
        if unknown:
            raise ValueError(
                f"provider_effects names unknown provider(s) {unknown}; providers: {names}."
            )
        return np.array([float(provider_effects.get(n, 0.0)) for n in names])
    eff = np.asarray(provider_effects, dtype=np.float64)
    if eff.shape != (k,) or not np.all(np.isfinite(eff)):
        raise ValueError(
            f"provider_effects must have one finite log-odds value per provider ({k}), "
            f"got shape {eff.shape}."
        )
    return eff


def _covariates(rng: np.random.Generator, size: int, shift: np.ndarray) -> dict[str, np.ndarray]:
    age = np.round(18 + rng.beta(2.0, 2.5, size) * 46 + shift * 3, 0).clip(18, 64)
    months = np.exp(rng.normal(np.log(24) + shift * 0.25, 0.9, size)).clip(0, 600).round(1)
    return {
        "age": age,
        "sex": np.where(rng.random(size) < 0.58, "male", "female"),
        "months_unemployed": months,
        "mother_tongue": rng.choice(np.array(["fi", "sv", "other"]), size, p=[0.85, 0.02, 0.13]),
        "prior_services": rng.poisson(1.0 + 0.3 * np.maximum(shift, 0), size).astype(np.float64),
    }


def _logit(cov: dict[str, np.ndarray], service: np.ndarray) -> np.ndarray:
    m = OUTCOME_MODEL
    eta = np.full(service.size, m["intercept"])
    for code, b in m["service_type"].items():
        eta += b * (service == code)
    for code, b in m["mother_tongue"].items():
        eta += b * (cov["mother_tongue"] == code)
    eta += m["age_per_year_over_40"] * (cov["age"] - 40)
    eta += m["male"] * (cov["sex"] == "male")
    eta += m["log1p_months_unemployed_centred_24"] * (
        np.log1p(cov["months_unemployed"]) - np.log1p(24)
    )
    eta += m["prior_services"] * cov["prior_services"]
    return eta


def simulate_episodes(
    *,
    monthly_clients: int | None = None,
    population: int | None = None,
    year: int = 2019,
    providers: int = 6,
    outcome_share: float = 0.6,
    provider_effects: Sequence[float] | Mapping[str, float] | None = None,
    contract_effect: float = 0.2,
    repeat_share: float = 0.12,
    seed: int = 0,
) -> pd.DataFrame:
    """Simulate one calendar year of client episodes (Tampere-like by default).

    Episodes start at a constant daily rate from about 13 months before the year (so the
    year is in steady state) and are kept when they run into the year; those still running at
    the year's end are ``active``. A share of clients gets a follow-up episode after the first.

    Parameters
    ----------
    monthly_clients : int, optional
        Clients in service per month (default 2,200, Tampere's published 2,100-2,300).
    population : int, optional
        Size the region by population instead: ``monthly_clients = population × 2200 /
        238,140`` (Tampere 2019). Give at most one of ``monthly_clients`` and ``population``.
    year : int, default 2019
        Calendar year simulated.
    providers : int, default 6
        Number of providers (``Provider A``, ``Provider B``, ...; unequal sizes and case mix).
    outcome_share : float, default 0.6
        Expected share of episodes under outcome-based contracts (varies by provider).
    provider_effects : sequence or mapping of float, optional
        True provider effects on the log-odds of a positive end (default evenly spaced in
        [-0.4, 0.4], shuffled). Returned in ``frame.attrs["provider_effects"]``.
    contract_effect : float, default 0.2
        True log-odds effect of an outcome-based contract.
    repeat_share : float, default 0.12
        Share of ended episodes followed by another episode of the same client.
    seed : int, default 0
        Seed of the numpy random generator.

    Returns
    -------
    DataFrame
        Episodes in the data model of :func:`~vaikuttavuus.compensation.validate_episodes`,
        with covariates; ``attrs`` holds the true provider effects and the contract effect.

    References
    ----------
    Tampereen kaupunki (2020). Kuntouttavan työtoiminnan palvelut Tampereella (seed 002,
    lines 22-49): client volumes, service types, share under effectiveness-based compensation.

    Examples
    --------
    >>> ep = simulate_episodes(monthly_clients=200, seed=1)
    >>> sorted(ep["provider"].unique())[:2], ep["service_type"].isin(["1A", "1B"]).any()
    (['Provider A', 'Provider B'], np.True_)
    """
    if monthly_clients is not None and population is not None:
        raise ValueError("give monthly_clients or population, not both.")
    if population is not None:
        population = check_int("population", population, minimum=1)
        monthly_clients = max(1, round(population * TAMPERE_MONTHLY_CLIENTS / TAMPERE_POPULATION))
    monthly = check_int(
        "monthly_clients",
        TAMPERE_MONTHLY_CLIENTS if monthly_clients is None else monthly_clients,
        minimum=1,
    )
    year = check_int("year", year, minimum=1990, maximum=2100)
    k = check_int("providers", providers, minimum=1, maximum=200)
    outcome_share = check_probability("outcome_share", outcome_share, open_interval=False)
    repeat_share = check_probability("repeat_share", repeat_share, open_interval=False)
    seed = check_int("seed", seed, minimum=0)
    names = _provider_names(k)
    effects = _effects(provider_effects, names)
    rng = np.random.default_rng(np.random.SeedSequence(seed))

    year_start = np.datetime64(f"{year}-01-01")
    year_end = np.datetime64(f"{year}-12-31")
    mean_days = float(_SERVICE_SHARE @ _MEAN_DAYS)
    per_day = monthly / (mean_days + 30.4) / (1 + repeat_share)
    warmup = 400
    n = int(rng.poisson(per_day * (warmup + 365)))
    start = year_start - warmup + rng.integers(0, warmup + 365, n)
    service_idx = rng.choice(5, n, p=_SERVICE_SHARE)
    service = np.array(SERVICE_TYPES)[service_idx]
    days = np.maximum(1, np.round(rng.gamma(3.0, _MEAN_DAYS[service_idx] / 3.0))).astype(int)
    end = start + days - 1

    size = 1.0 / np.arange(2, k + 2)
    size = size / size.sum()
    prov = rng.choice(k, n, p=size)
    shift = np.linspace(-1.0, 1.0, k)[prov] if k > 1 else np.zeros(n)
    cov = _covariates(rng, n, shift)
    share_k = np.clip(outcome_share + (np.linspace(-0.25, 0.25, k) if k > 1 else 0.0), 0, 1)
    share_k = np.clip(share_k + (outcome_share - share_k @ size), 0, 1)
    contract = np.where(rng.random(n) < share_k[prov], "outcome_based", "fixed")
    client = np.arange(n)

    # follow-up episodes of some clients: after a gap, new service and provider
    follow = rng.random(n) < repeat_share
    m = int(follow.sum())
    f_start = end[follow] + rng.integers(30, 121, m)
    f_service_idx = rng.choice(5, m, p=_SERVICE_SHARE)
    f_days = np.maximum(1, np.round(rng.gamma(3.0, _MEAN_DAYS[f_service_idx] / 3.0))).astype(int)
    f_prov = rng.choice(k, m, p=size)
    f_cov = {c: v[follow].copy() for c, v in cov.items()}
    f_cov["months_unemployed"] = (f_cov["months_unemployed"] + days[follow] / 30.4).round(1)
    f_cov["prior_services"] = f_cov["prior_services"] + 1
    start = np.concatenate([start, f_start])
    end = np.concatenate([end, f_start + f_days - 1])
    service_idx = np.concatenate([service_idx, f_service_idx])
    service = np.array(SERVICE_TYPES)[service_idx]
    prov = np.concatenate([prov, f_prov])
    cov = {c: np.concatenate([cov[c], f_cov[c]]) for c in cov}
    contract = np.concatenate(
        [contract, np.where(rng.random(m) < share_k[f_prov], "outcome_based", "fixed")]
    )
    client = np.concatenate([client, client[follow]])

    eta = _logit(cov, service) + effects[prov] + contract_effect * (contract == "outcome_based")
    positive = rng.random(eta.size) < 1 / (1 + np.exp(-eta))
    status = np.where(
        positive,
        rng.choice(np.array(_POSITIVE), eta.size, p=_POSITIVE_P),
        rng.choice(np.array(_NEGATIVE), eta.size, p=_NEGATIVE_P),
    )
    keep = (end >= year_start) & (start <= year_end)
    active = end > year_end
    status = np.where(active, "active", status)
    end_dates = pd.Series(end.astype("datetime64[ns]")).where(~active)
    order = np.lexsort((client, start))
    order = order[keep[order]]
    perm = rng.permutation(n)  # pseudonymous client ids, not in order of arrival
    frame = pd.DataFrame(
        {
            "episode_id": [f"E{i + 1:07d}" for i in range(order.size)],
            "client_id": [f"C{perm[c] + 1:07d}" for c in client[order]],
            "provider": np.array(names)[prov[order]],
            "service_type": service[order],
            "contract_type": contract[order],
            "start": start[order].astype("datetime64[ns]"),
            "end": end_dates.to_numpy()[order],
            "end_status": status[order],
            **{c: v[order] for c, v in cov.items()},
        }
    )
    frame.attrs["provider_effects"] = dict(zip(names, effects.tolist(), strict=True))
    frame.attrs["contract_effect"] = float(contract_effect)
    frame.attrs["year"] = year
    return frame
