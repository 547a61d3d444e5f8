"""The data-dependent consistency test of the Vates reproduction at N = 168."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.studies import vates2020 as v

#: 100 replications keep the test affordable; the interval bounds are then estimated within
#: about +-1 replication at 2.5 %, enough for the statements below.
N_REP = 100


@pytest.fixture(scope="module")
def rep():
    return v.replicate(N_REP, seed=2020)


def _count(data: pd.DataFrame, rep) -> tuple[int, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # noise data: negative item-total warnings
        c = v.consistency(v.reproduce(data, parallel_iterations=0), rep)
    return c.n_consistent, c.n_tested


def test_table_columns_and_interval(rep):
    res = v.reproduce(v.simulate(168, seed=2020), parallel_iterations=0)
    c = v.consistency(res, rep)
    t = c.table
    assert list(t.columns) == [
        "figure", "kind", "published", "reproduced", "rep_low", "rep_high", "z", "consistent"
    ]  # fmt: skip
    assert len(t) == 46
    assert t["kind"].value_counts().to_dict() == {"loading": 26, "correlation": 16, "variance": 4}
    # Independent recomputation of one row from the draws.
    row = t.set_index("figure").loc["loading v01 F1"]
    x = rep.draws["loading v01 F1"]
    assert row["rep_low"] == pytest.approx(np.quantile(x, 0.025), abs=1e-12)
    assert row["rep_high"] == pytest.approx(np.quantile(x, 0.975), abs=1e-12)
    assert (
        row["reproduced"] == res.comparison.set_index("figure").loc["loading v01 F1", "reproduced"]
    )
    inside = (t["rep_low"] <= t["reproduced"]) & (t["reproduced"] <= t["rep_high"])
    assert (t["consistent"] == np.where(inside, "yes", "no")).all()
    assert c.to_frame().equals(t)
    assert "consistent" in str(c.summary())


def test_seed_2020_reads_mostly_yes(rep):
    ok, n = _count(v.simulate(168, seed=2020), rep)
    assert n == 46
    assert 40 <= ok <= 46, ok  # 42-43 / 46 (43 with 500 replications)


def test_other_seeds_about_95_percent(rep):
    counts = [_count(v.simulate(168, seed=s), rep)[0] for s in range(1, 7)]
    share = sum(counts) / (46 * len(counts))
    assert 0.88 <= share <= 0.99, counts


def test_permuted_columns_read_mostly_no(rep):
    data = v.simulate(168, seed=2020)
    rng = np.random.default_rng(5)
    for c in data.columns:
        data[c] = rng.permutation(data[c].to_numpy())
    ok, n = _count(data, rep)
    assert ok <= 15, ok  # only the n.s. cells (population 0) and chance


def test_iid_noise_reads_mostly_no(rep):
    rng = np.random.default_rng(6)
    data = pd.DataFrame(rng.integers(1, 6, size=(168, 31)).astype(float), columns=v.item_ids())
    shares = rng.dirichlet(np.ones(5), 168) * 100
    for j, o in enumerate(v.OUTCOMES):
        data[o] = shares[:, j]
    ok, n = _count(data, rep)
    assert n == 46
    assert ok <= 15, ok


def test_sample_size_must_match(rep):
    res = v.reproduce(v.simulate(200, seed=1), parallel_iterations=0)
    with pytest.raises(ValueError, match="n = 168.*n = 200"):
        v.consistency(res, rep)
