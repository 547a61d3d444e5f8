"""omega against psych::omega (tests/reference/fixtures_omega.R)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._matrix import pairwise_corr
from vaikuttavuus.omega import OmegaIdentificationWarning, omega

TOL = 1e-3  # iterative fits (minres + GPA rotation)


def _match_columns(ours: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Reorder/reflect our group-factor columns to psych's (GPA is order/sign free)."""
    out = np.empty_like(ref)
    used: set[int] = set()
    for j in range(ref.shape[1]):
        scores = [
            (np.abs(ours[:, k] - s * ref[:, j]).max(), k, s)
            for k in range(ours.shape[1])
            if k not in used
            for s in (1.0, -1.0)
        ]
        _, k, s = min(scores)
        used.add(k)
        out[:, j] = s * ours[:, k]
    return out


@pytest.mark.parametrize(
    ("name", "n_factors", "n_items"),
    [("omega_bfi25_5", 5, 25), ("omega_bfi25_3", 3, 25), ("omega_bfi_AC_2", 2, 10)],
)
def test_matches_psych_omega(bfi, expected, name, n_factors, n_items):
    fx = expected(name)["values"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OmegaIdentificationWarning)
        res = omega(bfi.iloc[:, :n_items], n_factors)
    assert res.omega_hierarchical == pytest.approx(fx["omega_h"], abs=TOL)
    assert res.omega_total == pytest.approx(fx["omega_tot"], abs=TOL)
    assert res.omega_limit == pytest.approx(fx["omega_lim"], abs=TOL)
    assert res.alpha == pytest.approx(fx["alpha"], abs=TOL)
    assert res.ecv == pytest.approx(fx["ecv"], abs=TOL)
    sl = fx["sl"]
    np.testing.assert_array_equal(res.keys.to_numpy(), fx["key"].to_numpy())
    np.testing.assert_allclose(res.g_loadings, sl["g"], atol=TOL)
    for col in ("h2", "u2", "p2"):
        np.testing.assert_allclose(res.schmid[col], sl[col], atol=TOL)
    groups = [f"F{k + 1}*" for k in range(n_factors)]
    ours = _match_columns(
        res.schmid[[f"F{k + 1}" for k in range(n_factors)]].to_numpy(), sl[groups].to_numpy()
    )
    np.testing.assert_allclose(ours, sl[groups].to_numpy(), atol=TOL)
    assert res.n_obs == len(bfi)
    assert list(res.schmid.columns) == [
        "g",
        *[f"F{k + 1}" for k in range(n_factors)],
        "h2",
        "u2",
        "p2",
    ]


def test_coefficients_from_their_definitions(bfi):
    res = omega(bfi.iloc[:, :25], 5)
    R = pairwise_corr(bfi.iloc[:, :25].to_numpy())
    k = res.keys.to_numpy()
    Rk = R * np.outer(k, k)
    v = Rk.sum()
    g = res.g_loadings.to_numpy()
    assert res.omega_hierarchical == pytest.approx(g.sum() ** 2 / v, abs=1e-12)
    assert res.omega_total == pytest.approx(1 - res.schmid["u2"].sum() / v, abs=1e-12)
    assert res.omega_limit == pytest.approx(res.omega_hierarchical / res.omega_total, abs=1e-12)


def test_correlation_matrix_input_gives_the_same(bfi):
    cols = bfi.columns[:25]
    R = pd.DataFrame(pairwise_corr(bfi[cols].to_numpy()), index=cols, columns=cols)
    a = omega(R, 3, n_obs=2800)
    b = omega(bfi[cols], 3)
    assert a.omega_hierarchical == pytest.approx(b.omega_hierarchical, abs=1e-12)
    assert a.n_obs == 2800


def test_two_factors_warn(bfi):
    with pytest.warns(OmegaIdentificationWarning):
        omega(bfi.iloc[:, :10], 2)


def test_summary_and_frame(bfi):
    res = omega(bfi.iloc[:, :15], 3)
    assert "omega" in str(res)
    assert list(res.to_frame().columns) == [
        "omega_total", "omega_hierarchical", "omega_limit", "alpha", "ecv", "n_factors", "n_obs",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "err", "match"),
    [
        ({"n_factors": 1}, ValueError, "n_factors"),
        ({"n_factors": 6}, ValueError, "too large"),
        ({"rotation": "varimax"}, ValueError, "oblique"),
        ({"method": "foo"}, ValueError, "method"),
        ({"n_factors": 2.0}, TypeError, "n_factors"),
    ],
)
def test_bad_input(bfi, kwargs, err, match):
    with pytest.raises(err, match=match):
        omega(bfi.iloc[:, :10], **kwargs)
