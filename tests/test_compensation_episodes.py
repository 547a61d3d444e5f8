"""Episode validation (errors name the rows) and the synthetic generator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.compensation import (
    SERVICE_TYPES,
    EpisodeError,
    read_episodes,
    simulate_episodes,
    validate_episodes,
)


def _ep(**changes) -> pd.DataFrame:
    base = {
        "episode_id": [f"e{i}" for i in range(1, 8)],
        "client_id": ["c1", "c1", "c2", "c3", "c4", "c5", "c6"],
        "provider": ["A", "B", "A", "A", "B", "B", "A"],
        "service_type": ["1A", "1B", "1C", "individual", "theme_group", "1A", "1B"],
        "contract_type": ["outcome_based", "fixed"] * 3 + ["fixed"],
        "start": ["2019-01-01"] * 7,
        "end": [
            "2019-02-01",
            "2019-03-01",
            None,
            "2019-04-01",
            "2019-05-01",
            "2019-06-01",
            "2019-01-01",
        ],
        "end_status": [
            "work",
            "education",
            "active",
            "work_trial",
            "other_service",
            "unemployment",
            "interrupted",
        ],
        "age": [30.0, 40, 50, 60, 25, 35, 45],
        "sex": ["female", "male"] * 3 + ["male"],
        "months_unemployed": [12, 24, 36, 5, 0, 100, 7.5],
        "mother_tongue": ["fi", "sv", "other", "fi", "fi", "fi", "fi"],
        "prior_services": [0.0, 1, 2, 0, 3, 1, 0],
    }
    frame = pd.DataFrame(base)
    for col, (rows, value) in changes.items():
        frame.loc[rows, col] = value
    return frame


def test_valid_table_passes_and_is_typed() -> None:
    out = validate_episodes(_ep())
    assert out["start"].dtype == "datetime64[ns]" and out["end"].isna().sum() == 1
    assert out.attrs["vaikuttavuus_validated"] is True
    assert out["age"].dtype == np.float64


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        (
            {"end": ([0, 1], "2018-12-01")},
            r"2 episode\(s\) end before they start \(first episode_id: e1, e2\)",
        ),
        (
            {"end_status": ([3], "retired")},
            r"end_status that is not allowed \(retired\); allowed: work, education, work_trial, other_service, unemployment, interrupted, active",
        ),
        (
            {"service_type": ([0], "2A")},
            r"service_type .*\(2A\); allowed: 1A, 1B, 1C, individual, theme_group.*e1",
        ),
        ({"contract_type": ([0], "bonus")}, r"allowed: outcome_based, fixed"),
        (
            {"end_status": ([0], "active")},
            r"are 'active' but have an end date \(first episode_id: e1\)",
        ),
        (
            {"end": ([3], None)},
            r"have ended \(end_status\) but no end date \(first episode_id: e4\)",
        ),
        ({"episode_id": ([1], "e1")}, r"2 episode\(s\) share an episode_id"),
        ({"age": ([2], 7)}, r"age that is not a number between 15 and 100 .*e3"),
        ({"prior_services": ([2], 1.5)}, r"prior_services that is not a whole number"),
        ({"sex": ([2], "x")}, r"sex that is not allowed"),
        ({"start": ([4], "not a date")}, r"start that is not a date .*e5"),
    ],
)
def test_errors_name_rows_and_allowed_values(changes, match) -> None:
    with pytest.raises(EpisodeError, match=match):
        validate_episodes(_ep(**changes))


def test_overlaps_same_client_same_provider() -> None:
    frame = _ep(client_id=([2], "c1"), provider=([2], "A"))  # e3 (active) overlaps e1 (c1, A)
    with pytest.raises(EpisodeError, match=r"1 episode\(s\) overlap .*\(first episode_id: e3\)"):
        validate_episodes(frame)
    # the same client with another provider, or back-to-back episodes, is fine
    ok = _ep(client_id=([6], "c1"), start=([6], "2019-02-02"), end=([6], "2019-02-10"))
    validate_episodes(ok)


def test_many_problems_listed_with_first_ids() -> None:
    frame = pd.concat([_ep()] * 2, ignore_index=True)
    frame["episode_id"] = [f"x{i}" for i in range(len(frame))]
    frame["client_id"] = [f"k{i}" for i in range(len(frame))]
    frame["end"] = "2018-01-01"
    frame["end_status"] = "work"
    with pytest.raises(
        EpisodeError, match=r"14 episode\(s\) end before .*x0, x1, x2, x3, x4, \.\.\."
    ):
        validate_episodes(frame)


def test_missing_columns() -> None:
    with pytest.raises(EpisodeError, match="lacks column.*end_status"):
        validate_episodes(_ep().drop(columns="end_status"))
    with pytest.raises(TypeError):
        validate_episodes([1, 2])


def test_simulated_tampere_year() -> None:
    ep = simulate_episodes(seed=11)
    pd.testing.assert_frame_equal(ep, simulate_episodes(seed=11))
    validate_episodes(ep)
    assert ep["provider"].nunique() == 6 and set(ep["service_type"]) == set(SERVICE_TYPES)
    months = []
    for m in range(1, 13):
        a = pd.Timestamp(2019, m, 1)
        b = a + pd.offsets.MonthEnd(0)
        live = (ep["start"] <= b) & (ep["end"].isna() | (ep["end"] >= a))
        months.append(ep.loc[live, "client_id"].nunique())
    assert 2000 <= np.mean(months) <= 2400  # published 2,100-2,300 a month (seed 002 line 22)
    assert abs((ep["contract_type"] == "outcome_based").mean() - 0.6) < 0.05
    assert ep["client_id"].duplicated().any()  # some clients come back
    small = simulate_episodes(population=23_814, seed=1)  # a tenth of Tampere
    assert 0.05 < len(small) / len(ep) < 0.15
    with pytest.raises(ValueError, match="not both"):
        simulate_episodes(population=1000, monthly_clients=10)
    with pytest.raises(ValueError, match="one finite log-odds value per provider"):
        simulate_episodes(provider_effects=[0.1, 0.2])


def test_read_episodes_roundtrip(tmp_path) -> None:
    path = tmp_path / "ep.csv"
    _ep().to_csv(path, index=False)
    out = read_episodes(path)
    assert len(out) == 7 and out["end_status"].iloc[2] == "active"
