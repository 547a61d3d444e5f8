"""Seeded synthetic IPS data for the six counties of the THL IPS expansion (2023-2024).

Calibrated so that, in expectation, 40 % of IPS clients and 25 % of a comparison group work in
a competitive job within 12 months of enrolment (the figures reported from a Finnish IPS
pilot; see the issue). Site names come from ``sites.yaml`` (with sources); sites marked
synthetic there are invented.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._validation import check_int, check_probability
from ._package_data import package_yaml
from .fidelity import fidelity_items

__all__ = ["ips_sites", "simulate_fidelity", "simulate_ips"]

_SIZE = {"PSA-SII": 1.0, "PSA-PTH": 0.6, "VSA-TYKS": 1.4, "VSA-KTT": 0.8, "KSU-IPS": 1.2,
         "KPO-SOITE": 0.7, "POH-IPS": 0.9, "KAI-IPS": 0.5}  # fmt: skip
_CASELOAD = {"PSA-SII": 18, "PSA-PTH": 22, "VSA-TYKS": 19, "VSA-KTT": 24, "KSU-IPS": 17,
             "KPO-SOITE": 20, "POH-IPS": 21, "KAI-IPS": 16}  # fmt: skip


def ips_sites() -> pd.DataFrame:
    """IPS sites of the six counties (real names from the seed where given), with sources.

    Returns
    -------
    DataFrame
        ``site, county_code, region_code, county_fi, name_fi, name_sv, name_en, synthetic,
        source``; ``county_code`` is Statistics Finland's wellbeing services county code.

    References
    ----------
    Statistics Finland. Classification of wellbeing services counties 2023.
    https://stat.fi/fi/luokitukset/hyvinvointialue/

    Examples
    --------
    >>> s = ips_sites()
    >>> s.loc[s["site"] == "PSA-SII", ["county_code", "name_en"]].iloc[0].tolist()
    ['13', 'Siilinjärvi adult psychiatry outpatient clinic']
    >>> sorted(s["county_code"].unique())
    ['05', '13', '15', '17', '18', '20']
    """
    return pd.DataFrame(package_yaml("sites.yaml")["sites"])


def _site_quality(seed: int, n: int) -> np.ndarray:
    """Latent programme quality per site (shared by outcomes and fidelity reviews)."""
    return np.random.default_rng([seed, 7]).normal(size=n)


def _calibrate(x: np.ndarray, target: float) -> float:
    """Intercept a with mean(expit(a + x)) == target (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(100):
        mid = (lo + hi) / 2
        if np.mean(1 / (1 + np.exp(-(mid + x)))) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def simulate_ips(
    *,
    n_clients: int = 3000,
    start: str = "2023-01-01",
    end: str = "2025-12-31",
    comparison_share: float = 0.3,
    ips_rate: float = 0.40,
    comparison_rate: float = 0.25,
    seed: int = 2024,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate IPS client records and jobs for the sites of :func:`ips_sites`.

    Parameters
    ----------
    n_clients : int, default 3000
        Clients in all (IPS and comparison).
    start, end : str, default "2023-01-01", "2025-12-31"
        Enrolment period; follow-up ends at ``end`` (no dates after it).
    comparison_share : float, default 0.3
        Share of clients in the comparison group (``group == "comparison"``, usual care;
        site ``"VERT-<county code>"``, no specialist, never discharged).
    ips_rate, comparison_rate : float, default 0.40, 0.25
        Expected share working in a competitive job at any time within 12 months of
        enrolment (``employment_outcome(definition="any")``), per group.
    seed : int, default 2024
        Seed; the same seed gives the same data.

    Returns
    -------
    (records, jobs) : tuple of DataFrames
        In the schema of :func:`vaikuttavuus.ips.ips_data`, with ``county`` and covariates
        ``age``, ``female``, ``psychosis``, ``worked_past_5y``.

    Notes
    -----
    7 % (IPS) and 5 % (comparison) were employed at referral, in a job that continues past
    enrolment. For the others the probability of a first competitive job within 365 days is
    ``expit(a_group + site effect + covariate effects)``, with ``a_group`` solved so that each
    group's expected 12-month rate equals ``ips_rate`` / ``comparison_rate``; the time to that
    job is exponential with the matching rate. Jobs last a log-normal time (median 300 days);
    half lead to a further job, 15 % of which are not competitive (first jobs always are).

    References
    ----------
    Frederick & VanderWeele (2019), in full in :func:`vaikuttavuus.ips.employment_outcome`.

    Examples
    --------
    >>> records, jobs = simulate_ips(n_clients=200, seed=1)
    >>> records.groupby("group").size().to_dict()
    {'comparison': 60, 'ips': 140}
    >>> sorted(records.columns)[:6]
    ['age', 'client', 'county', 'discharged', 'employed_at_referral', 'enrolled']
    """
    n = check_int("n_clients", n_clients, minimum=10)
    comparison_share = check_probability("comparison_share", comparison_share, open_interval=False)
    ips_rate = check_probability("ips_rate", ips_rate)
    comparison_rate = check_probability("comparison_rate", comparison_rate)
    seed = check_int("seed", seed, minimum=0)
    t0, t1 = (
        np.datetime64(pd.Timestamp(start).date(), "D"),
        np.datetime64(pd.Timestamp(end).date(), "D"),
    )
    if t1 <= t0:
        raise ValueError(f"end={end!r} must be after start={start!r}.")
    rng = np.random.default_rng(seed)
    sites = ips_sites()
    quality = _site_quality(seed, len(sites))
    n_comp = int(round(n * comparison_share))
    group = np.array(["ips"] * (n - n_comp) + ["comparison"] * n_comp, dtype=object)
    is_ips = group == "ips"
    w = np.array([_SIZE[s] for s in sites["site"]])
    site_idx = rng.choice(len(sites), size=n, p=w / w.sum())
    county = sites["county_code"].to_numpy()[site_idx]
    site = np.where(
        is_ips, sites["site"].to_numpy()[site_idx], np.char.add("VERT-", county.astype(str))
    )
    span = int((t1 - t0) / np.timedelta64(1, "D"))
    enrolled = t0 + rng.integers(0, span + 1, size=n).astype("timedelta64[D]")
    age = rng.integers(20, 61, size=n)
    female = rng.random(n) < 0.45
    psychosis = rng.random(n) < 0.6
    worked = rng.random(n) < 0.5
    employed = rng.random(n) < np.where(is_ips, 0.07, 0.05)

    x = (0.6 * (worked - worked.mean()) - 0.4 * (psychosis - psychosis.mean())
         - 0.02 * (age - age.mean()) + np.where(is_ips, 0.25 * quality[site_idx], 0.0))  # fmt: skip
    p = np.zeros(n)
    for g, rate in (("ips", ips_rate), ("comparison", comparison_rate)):
        m = (group == g) & ~employed
        if m.any():
            share_emp = employed[group == g].mean()
            target = (rate - share_emp) / (1 - share_emp)
            if not 0 < target < 1:
                raise ValueError(f"{g} rate {rate} is below the share employed at referral.")
            p[m] = 1 / (1 + np.exp(-(_calibrate(x[m], target) + x[m])))
    lam = -np.log1p(-np.clip(p, 1e-12, 1 - 1e-12)) / 365.0
    first = np.floor(rng.exponential(1 / np.where(lam > 0, lam, 1.0))).astype(np.int64)

    # IPS service: discharge after a gamma-distributed time (mean ~ 14 months)
    dur = rng.gamma(3.0, 140.0, size=n).astype(np.int64)
    disch = enrolled + dur.astype("timedelta64[D]")
    discharged = np.where(is_ips & (disch <= t1), disch, np.datetime64("NaT"))

    specialists = np.full(n, None, dtype=object)
    for k, s in enumerate(sites["site"]):
        m = np.flatnonzero(is_ips & (site_idx == k))
        if len(m) == 0:
            continue
        active = len(m) * min(1.0, 420 / max(span, 1))
        n_spec = max(1, int(np.ceil(active / _CASELOAD[s])))
        specialists[m] = [f"{s}-ES{j + 1}" for j in rng.integers(0, n_spec, size=len(m))]

    rows: list[pd.DataFrame] = []
    # jobs held at referral: started 1-24 months before enrolment, still going at enrolment
    e_idx = np.flatnonzero(employed)
    pre_start = enrolled[e_idx] - rng.integers(30, 720, size=len(e_idx)).astype("timedelta64[D]")
    rows.append(_jobs(rng, e_idx, pre_start, enrolled[e_idx], t1))
    # new jobs: first job, then up to three further ones
    j_idx = np.flatnonzero(~employed & (lam > 0))
    j_start = enrolled[j_idx] + first[j_idx].astype("timedelta64[D]")
    for round_ in range(4):
        keep = j_start <= t1
        j_idx, j_start = j_idx[keep], j_start[keep]
        if not len(j_idx):
            break
        block = _jobs(rng, j_idx, j_start, j_start, t1, 0.0 if round_ == 0 else 0.15)
        rows.append(block)
        ended = block["end"].notna().to_numpy()
        more = ended & (rng.random(len(j_idx)) < 0.5)
        gap = rng.exponential(100, size=len(j_idx)).astype(np.int64) + 1
        j_idx = j_idx[more]
        j_start = block["end"].to_numpy(dtype="datetime64[D]")[more] + gap[more].astype(
            "timedelta64[D]"
        )
    jobs = pd.concat(rows, ignore_index=True)
    client_ids = np.array([f"C{i + 1:06d}" for i in range(n)])
    jobs.insert(0, "client", client_ids[jobs.pop("idx").to_numpy()])
    jobs = jobs.sort_values(["client", "start"], kind="stable").reset_index(drop=True)
    records = pd.DataFrame(
        {"client": client_ids, "site": site, "county": county, "specialist": specialists,
         "group": group, "enrolled": pd.to_datetime(enrolled),
         "discharged": pd.to_datetime(discharged), "employed_at_referral": employed,
         "age": age, "female": female, "psychosis": psychosis, "worked_past_5y": worked}
    )  # fmt: skip
    return records, jobs


def _jobs(
    rng: np.random.Generator,
    idx: np.ndarray,
    start: np.ndarray,
    after: np.ndarray,
    t1: Any,
    non_competitive: float = 0.0,
) -> pd.DataFrame:
    """Jobs of clients ``idx`` starting at ``start`` and lasting at least until ``after``."""
    k = len(idx)
    length = np.ceil(rng.lognormal(np.log(300), 0.9, size=k)).astype(np.int64)
    end = np.maximum(start + length.astype("timedelta64[D]"), after + np.timedelta64(1, "D"))
    end = np.where(end <= t1, end, np.datetime64("NaT"))
    hours = rng.choice([10, 15, 20, 25, 30, 37.5], size=k, p=[0.15, 0.2, 0.2, 0.15, 0.15, 0.15])
    hours = np.where(rng.random(k) < 0.05, np.nan, hours)
    return pd.DataFrame(
        {"idx": idx, "start": pd.to_datetime(start), "end": pd.to_datetime(end),
         "hours_per_week": hours, "hourly_wage": np.round(rng.uniform(11.0, 18.0, size=k), 2),
         "competitive": rng.random(k) >= non_competitive}
    )  # fmt: skip


def simulate_fidelity(
    *,
    sites: Any = None,
    review_dates: Any = ("2023-10-15", "2024-10-15"),
    seed: int = 2024,
) -> pd.DataFrame:
    """Simulate IPS-25 fidelity reviews (long format) for the sites, improving over time.

    Parameters
    ----------
    sites : sequence of str, optional
        Site ids; default the sites of :func:`ips_sites`.
    review_dates : sequence of date strings, default ("2023-10-15", "2024-10-15")
        One review per site and date.
    seed : int, default 2024
        Seed; with the seed of :func:`simulate_ips`, sites with better outcomes there get
        better fidelity here (a shared latent quality).

    Returns
    -------
    DataFrame
        ``site, review_date, item, score`` (25 rows per review), ready for
        :func:`vaikuttavuus.ips.fidelity_table`.

    References
    ----------
    Bond, G. R., Peterson, A. E., Becker, D. R., & Drake, R. E. (2012). Validation of the
    revised Individual Placement and Support Fidelity Scale (IPS-25). Psychiatric Services,
    63(8), 758-763.

    Examples
    --------
    >>> from vaikuttavuus.ips import fidelity_table
    >>> reviews = simulate_fidelity(seed=1)
    >>> reviews.shape
    (400, 4)
    >>> fidelity_table(reviews)["total"].between(25, 125).all()
    np.True_
    """
    seed = check_int("seed", seed, minimum=0)
    all_sites = ips_sites()["site"].tolist()
    chosen = all_sites if sites is None else [str(s) for s in sites]
    quality = dict(zip(all_sites, _site_quality(seed, len(all_sites)), strict=True))
    rng = np.random.default_rng([seed, 11])
    items = fidelity_items("en")["item"].to_numpy()
    difficulty = np.random.default_rng([seed, 13]).normal(0, 0.4, size=len(items))
    dates = [pd.Timestamp(d) for d in review_dates]
    rows = []
    for s in chosen:
        q = quality.get(s, rng.normal())
        for k, d in enumerate(dates):
            raw = 3.7 + 0.5 * q + 0.35 * k + difficulty + rng.normal(0, 0.6, size=len(items))
            score = np.clip(np.rint(raw), 1, 5).astype(int)
            rows.append(pd.DataFrame({"site": s, "review_date": d, "item": items, "score": score}))
    return pd.concat(rows, ignore_index=True)
