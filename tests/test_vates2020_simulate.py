"""The calibrated simulation model of the Vates 2020 study."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vaikuttavuus.correlation import corr_test
from vaikuttavuus.studies import vates2020 as v
from vaikuttavuus.studies.vates2020._analysis import score_scales
from vaikuttavuus.studies.vates2020.simulate import round_shares


def test_simulate_shape_and_values():
    df = v.simulate(168, seed=3)
    assert df.shape == (168, 37)
    items = df[v.item_ids()].to_numpy()
    obs = items[~np.isnan(items)]
    assert set(np.unique(obs)) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    shares = df[list(v.OUTCOMES)].dropna()
    assert len(shares) == 162
    assert (shares.sum(axis=1) == 100).all()
    assert (shares.to_numpy() % 5 == 0).all()


def test_simulate_is_deterministic():
    a = v.simulate(168, seed=11)
    b = v.simulate(168, seed=11)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(v.simulate(168, seed=12))


def test_pairwise_n_as_published():
    df = v.simulate(168, seed=5)
    scores = score_scales(df)
    res = corr_test(pd.concat([scores, df[["p_open"]]], axis=1), list(scores.columns), "p_open")
    assert res["n"].tolist() == [155, 161, 159, 162]


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 50), st.integers(0, 2**32 - 1))
def test_round_shares_sum_to_100(rows, seed):
    p = np.random.default_rng(seed).dirichlet(np.ones(5), size=rows)
    out = round_shares(p, 5)
    assert np.all(out.sum(axis=1) == 100)
    assert np.all(np.abs(out - 100 * p) < 5 + 1e-9)


def test_params_roundtrip(tmp_path):
    params = v.load_params()
    params.to_json(tmp_path / "p.json")
    again = v.load_params(tmp_path / "p.json")
    np.testing.assert_allclose(again.loadings, params.loadings, atol=1e-6)
    np.testing.assert_allclose(again.unique_weights, params.unique_weights, atol=1e-6)
    # The latent factor correlation matrix is a proper correlation matrix.
    assert np.all(np.linalg.eigvalsh(params.phi) > 0)
    assert np.allclose(np.diag(params.phi), 1.0)
