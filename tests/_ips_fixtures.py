"""A small hand-made IPS data set whose metrics are worked out by hand in the tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

AS_OF = "2024-06-30"


def records() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "client": ["c1", "c2", "c3", "c4", "c5", "c6"],
            "site": ["A", "A", "A", "A", "B", "VERT"],
            "county": ["13", "13", "13", "13", "05", "13"],
            "specialist": ["s1", "s1", "s2", "s2", "s3", None],
            "group": ["ips"] * 5 + ["comparison"],
            "enrolled": ["2024-01-15", "2024-01-01", "2024-03-01", "2024-04-20", "2023-11-01",
                         "2024-01-01"],
            "discharged": [None, "2024-02-15", None, None, "2024-05-31", None],
            "employed_at_referral": [False, True, False, False, False, False],
            "age": [30, 40, 50, 25, 35, 45],
        }
    )  # fmt: skip


def jobs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "client": ["c1", "c1", "c2", "c3", "c3", "c5", "c6"],
            "start": ["2024-02-01", "2024-02-15", "2023-05-01", "2024-03-10", "2024-05-01",
                      "2024-06-05", "2024-01-10"],
            "end": ["2024-02-29", "2024-04-10", None, None, None, None, None],
            "hours_per_week": [20, 10, 30, 25, np.nan, 25, 20],
            "hourly_wage": [12.5, 12.5, 15.0, 10.0, 13.0, 14.0, 12.0],
            "competitive": [True, True, True, False, True, True, True],
        }
    )  # fmt: skip
