"""omega against psych::omega (tests/reference/fixtures_omega.R)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._matrix import pairwise_corr
from vaikuttavuus.omega import OmegaIdentificationWarning, omega, omega_total
from vaikuttavuus.reliability import NegativeItemWarning

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
        ({"n_factors": 1}, ValueError, "n_factors=1 .*omega_total"),
        ({"n_factors": 6}, ValueError, "too large"),
        ({"rotation": "varimax"}, ValueError, "oblique"),
        ({"method": "foo"}, ValueError, "method"),
        ({"n_factors": 2.0}, TypeError, "n_factors"),
    ],
)
def test_bad_input(bfi, kwargs, err, match):
    with pytest.raises(err, match=match):
        omega(bfi.iloc[:, :10], **kwargs)


# --- one factor: omega_total against psych::omega(x, nfactors = 1) ------------------------

A = ["A1", "A2", "A3", "A4", "A5"]
C = ["C1", "C2", "C3", "C4", "C5"]


@pytest.mark.parametrize(
    ("name", "items", "kwargs"),
    [
        ("omega1_bfi_A", A, {}),  # psych flips A1
        ("omega1_bfi_A_nokey", A, {"flip": False}),  # psych key = rep(1, 5): no flip
        ("omega1_bfi_C", C, {}),  # psych flips C4, C5
        ("omega1_bfi_C_ml", C, {"method": "ml"}),
        ("omega1_bfi_N", ["N1", "N2", "N3", "N4", "N5"], {}),
    ],
)
def test_omega_total_matches_psych(bfi, expected, name, items, kwargs):
    fx = expected(name)["values"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NegativeItemWarning)
        res = omega_total(bfi, items, **kwargs)
    assert res.omega_total == pytest.approx(fx["omega_tot"], abs=TOL)
    assert res.alpha == pytest.approx(fx["alpha"], abs=TOL)
    np.testing.assert_array_equal(res.keys.to_numpy(), fx["key"].to_numpy())
    sl = fx["sl"]
    np.testing.assert_allclose(res.loadings["loading"], sl["g"], atol=TOL)
    np.testing.assert_allclose(res.loadings[["h2", "u2"]], sl[["h2", "u2"]], atol=TOL)
    assert list(res.loadings.index) == items
    assert res.n_obs == len(bfi) and res.n_items == 5


def test_omega_total_reverse_equals_reversed_data(bfi, expected):
    """reverse=["A1"] (psych key) equals A1 recoded 7 - x in the data, without flipping."""
    fx = expected("omega1_bfi_A_rev")["values"]
    recoded = bfi[A].assign(A1=7 - bfi["A1"])
    by_data = omega_total(recoded)
    by_key = omega_total(bfi, A, reverse=["A1"], flip=False)
    for res in (by_data, by_key):
        assert res.omega_total == pytest.approx(fx["omega_tot"], abs=TOL)
        np.testing.assert_allclose(res.loadings["loading"], fx["sl"]["g"], atol=TOL)
    assert by_data.keys.tolist() == [1] * 5
    assert by_key.keys.tolist() == [-1, 1, 1, 1, 1]
    assert by_key.omega_total == pytest.approx(by_data.omega_total, abs=1e-12)
    # with flip=True a reversed item with a positive loading is left alone
    assert omega_total(bfi, A, reverse=["A1"]).keys.tolist() == [-1, 1, 1, 1, 1]


def test_omega_total_from_its_definition(bfi):
    res = omega_total(bfi, C)
    R = pairwise_corr(bfi[C].to_numpy())
    k = res.keys.to_numpy()
    v = (R * np.outer(k, k)).sum()
    assert res.omega_total == pytest.approx(1 - res.loadings["u2"].sum() / v, abs=1e-12)
    np.testing.assert_allclose(res.loadings["h2"] + res.loadings["u2"], 1.0, atol=1e-12)
    # for an exactly one-factor correlation matrix omega_total = (sum l)^2 / V
    lam = np.array([0.8, 0.7, 0.6, 0.5])
    Rm = np.outer(lam, lam)
    np.fill_diagonal(Rm, 1.0)
    names = ["a", "b", "c", "d"]
    exact = omega_total(pd.DataFrame(Rm, index=names, columns=names), n_obs=100)
    assert exact.omega_total == pytest.approx(lam.sum() ** 2 / Rm.sum(), abs=1e-4)
    np.testing.assert_allclose(exact.loadings["loading"], lam, atol=1e-3)
    assert exact.n_obs == 100


def test_omega_total_correlation_matrix_and_items(bfi):
    R = pd.DataFrame(pairwise_corr(bfi.iloc[:, :10].to_numpy()), index=bfi.columns[:10],
                     columns=bfi.columns[:10])  # fmt: skip
    a = omega_total(R, C, n_obs=2800)
    b = omega_total(bfi, C)
    assert a.omega_total == pytest.approx(b.omega_total, abs=1e-12)
    assert a.n_obs == 2800


def test_omega_total_warns_on_negative_loading_without_flip(bfi):
    with pytest.warns(NegativeItemWarning, match="A1"):
        omega_total(bfi, A, flip=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        omega_total(bfi, A)  # flipped: no warning


def test_omega_total_summary_and_frame(bfi):
    res = omega_total(bfi, A)
    text = str(res)
    assert "omega total" in text and "Reversed items: A1" in text
    assert "hierarchical is not reported" in text
    assert list(res.to_frame().columns) == ["omega_total", "alpha", "n_items", "n_obs"]
    assert not hasattr(res, "omega_hierarchical")


@pytest.mark.parametrize(
    ("items", "kwargs", "err", "match"),
    [
        (["A1", "A2"], {}, ValueError, "at least 3"),
        (["A1", "A2", "nope"], {}, ValueError, "nope"),
        (A, {"reverse": ["C1"]}, ValueError, "reverse"),
        (A, {"method": "foo"}, ValueError, "method"),
        (A, {"flip": "yes"}, TypeError, "flip"),
        (A, {"n_obs": 10}, ValueError, "n=10"),
    ],
)
def test_omega_total_bad_input(bfi, items, kwargs, err, match):
    with pytest.raises(err, match=match):
        omega_total(bfi, items, **kwargs)


def test_omega_total_constant_item():
    x = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5], "c": [3, 3, 3, 3, 3]})
    with pytest.raises(ValueError, match="constant"):
        omega_total(x)


def test_constant_item_is_named(bfi):
    data = bfi.iloc[:200, :9].copy()
    data["C3"] = 4.0
    with pytest.raises(ValueError, match="'C3'"):
        omega(data, 2)
