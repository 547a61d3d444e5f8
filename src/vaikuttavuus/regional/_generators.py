"""Adapters from the package's simulators to the per-municipality rows of the default data.

Each takes the municipality's own ``SeedSequence`` and returns rows with ``municipality`` and
``period`` columns and ids prefixed by the municipality code (unique across the country).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Clients in rehabilitative work activity a month per inhabitant. With the episode simulator
#: of :mod:`vaikuttavuus.compensation` (about 1.7 starts a year per monthly client) this gives
#: about 18 000 starts a year in a population of 5.6 million, the published national level
#: (``published_table("rehabilitative_work_starts")``: 18 161 in 2022).
MONTHLY_CLIENT_RATE = 1.8e-3
#: Providers of every municipality: the same six simulated providers (``Provider A``..``F``,
#: the same true effects everywhere), so that a region's providers are a consistent union.
PROVIDERS = 6


def _int_seed(ss: np.random.SeedSequence) -> int:
    return int(ss.generate_state(1, dtype=np.uint32)[0])


def monthly_clients(population: int) -> int:
    """Monthly clients of a municipality: ``round(population x MONTHLY_CLIENT_RATE)``, 0 if 0."""
    return int(round(population * MONTHLY_CLIENT_RATE))


def episodes(code: str, population: int, ss: np.random.SeedSequence, period: str) -> pd.DataFrame:
    """One year of episodes of a municipality from ``compensation.simulate_episodes``."""
    from ..compensation.simulate import simulate_episodes

    monthly = monthly_clients(population)
    if monthly == 0:
        return pd.DataFrame()
    frame = simulate_episodes(
        monthly_clients=monthly,
        year=int(period),
        providers=PROVIDERS,
        seed=_int_seed(ss),
    )
    frame.attrs = {}
    frame["episode_id"] = code + "-" + frame["episode_id"].astype(str)
    frame["client_id"] = code + "-" + frame["client_id"].astype(str)
    frame.insert(0, "municipality", code)
    frame.insert(1, "period", period)
    return frame


#: IPS clients (IPS and comparison group) enrolled a year per inhabitant of the IPS counties:
#: the IPS generator's default of 3,000 clients in three years in the six counties (1.3
#: million inhabitants).
IPS_YEARLY_RATE = 0.75e-3
#: First enrolment date of the IPS cohort (the expansion project started in 2023).
IPS_START = "2023-01-01"


def ips_counties() -> tuple[str, ...]:
    """Wellbeing counties with IPS sites (from :func:`vaikuttavuus.ips.synthetic.ips_sites`)."""
    from ..ips.synthetic import ips_sites

    return tuple(sorted(set(ips_sites()["county_code"].astype(str))))


def ips_size(population: int, period: str) -> float:
    """Expected IPS clients of a municipality of an IPS county enrolled up to ``period``."""
    years = int(period) - int(IPS_START[:4]) + 1
    return population * IPS_YEARLY_RATE * max(years, 0)


def ips(
    code: str, county: str, n: int, ss: np.random.SeedSequence, period: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` IPS clients of one municipality (with their jobs) from ``ips.simulate_ips``.

    The simulator spreads clients over the sites of all six counties; it is run for a larger
    number and ``n`` of the clients of the municipality's own county are drawn at random (IPS
    and comparison group alike), a sample from the same model restricted to the county's
    sites and its comparison group.
    """
    from ..ips.synthetic import ips_sites, simulate_ips

    empty = pd.DataFrame(), pd.DataFrame()
    if n == 0:
        return empty
    sites = ips_sites()
    share = float((sites["county_code"].astype(str) == county).mean())
    if share == 0:
        return empty
    pick, sim_ss = ss.spawn(2)
    size = max(10, int(np.ceil(3 * n / share)) + 20)
    while True:
        records, jobs = simulate_ips(
            n_clients=size, start=IPS_START, end=f"{period}-12-31", seed=_int_seed(sim_ss)
        )
        mine = records[records["county"].astype(str) == county]
        if len(mine) >= n:
            break
        size *= 2
    rows = np.sort(np.random.default_rng(pick).choice(len(mine), size=n, replace=False))
    mine = mine.iloc[rows].copy()
    jobs = jobs[jobs["client"].isin(set(mine["client"]))].copy()
    rename = {c: f"{code}-{c}" for c in mine["client"]}
    mine["client"] = mine["client"].map(rename)
    jobs["client"] = jobs["client"].map(rename)
    mine.insert(0, "municipality", code)
    mine.insert(1, "period", period)
    return mine.reset_index(drop=True), jobs.reset_index(drop=True)


def fidelity(seed_ss: np.random.SeedSequence, period: str) -> pd.DataFrame:
    """IPS-25 fidelity reviews of every site, one a year from 2023 to ``period``."""
    from ..ips.synthetic import simulate_fidelity

    years = range(int(IPS_START[:4]), int(period) + 1)
    reviews = simulate_fidelity(review_dates=[f"{y}-10-15" for y in years], seed=_int_seed(seed_ss))
    reviews.insert(1, "period", reviews["review_date"].dt.year.astype(str))
    return reviews
