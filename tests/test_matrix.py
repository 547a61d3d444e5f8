"""Pairwise correlations and correlation-matrix detection against R's cor(use='pairwise')."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._matrix import (
    correlation_input,
    looks_like_correlation,
    pairwise_corr,
    pairwise_n,
)

ITEMS = slice(0, 25)


def test_pairwise_corr_matches_r(bfi, expected):
    fx = expected("cor_bfi_pairwise")
    assert "pairwise.complete.obs" in fx["r_call"]
    r = pairwise_corr(bfi.iloc[:, ITEMS].to_numpy(dtype=float))
    np.testing.assert_allclose(r, fx["values"]["r"].to_numpy(), rtol=0, atol=1e-12)


def test_pairwise_n_matches_r(bfi, expected):
    n = pairwise_n(bfi.iloc[:, ITEMS].to_numpy(dtype=float))
    np.testing.assert_array_equal(n, expected("n_bfi_pairwise")["values"]["n"].to_numpy())


def test_complete_data_equals_corrcoef():
    x = np.random.default_rng(1).normal(size=(50, 4))
    np.testing.assert_allclose(pairwise_corr(x), np.corrcoef(x, rowvar=False), atol=1e-14)


def test_correlation_input_detects_matrix(bfi):
    raw = bfi.iloc[:, :5]
    r, n, got_raw = correlation_input(raw)
    assert n == len(raw) and got_raw is not None
    assert looks_like_correlation(r)
    r2, n2, raw2 = correlation_input(r, n=123)
    assert n2 == 123 and raw2 is None
    pd.testing.assert_frame_equal(r2, r)


def test_correlation_input_rejects_n_with_raw_data(bfi):
    with pytest.raises(ValueError, match="give n only with a correlation matrix"):
        correlation_input(bfi.iloc[:, :5], n=10)


def test_non_numeric_column_is_named():
    df = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": ["x", "y", "z"]})
    with pytest.raises(ValueError, match="'b'"):
        correlation_input(df)


def test_pairwise_corr_is_exact_on_large_valued_columns():
    """Centring first: no cancellation on large offsets (e.g. euros), unlike one-pass sums."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(500, 4))
    x[rng.random(x.shape) < 0.1] = np.nan
    expected = pd.DataFrame(x).corr().to_numpy()  # pandas: pairwise, two-pass
    for offset in (1e4, 1e6, 1e8):
        np.testing.assert_allclose(pairwise_corr(x + offset), expected, rtol=0, atol=1e-9)
