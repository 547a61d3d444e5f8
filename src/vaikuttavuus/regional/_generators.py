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
MONTHLY_CLIENT_RATE = 1.9e-3
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
