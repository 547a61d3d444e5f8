"""polychoric, ordinal_alpha and ordinal_omega against psych 2.2.9 and exact R computations
(tests/reference/fixtures_polychoric.R)."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus import NegativeItemWarning
from vaikuttavuus.ordinal import OrdinalAlphaResult, ordinal_alpha, ordinal_omega
from vaikuttavuus.polychoric import PolychoricResult, PolychoricWarning, polychoric

DATA = Path(__file__).parent / "data"
PSYCH_TOL = 1e-4  # psych's optimize() stops within ~1e-4 (its default tol is 1.2e-4)
EXACT_TOL = 1e-6  # vs the exact maximum of the same likelihood computed in R (pbivnorm)
SE_TOL = 1e-5  # vs 1 / sqrt(optimHess) in R (finite differences)


@pytest.fixture(scope="module")
def vates() -> pd.DataFrame:
    return pd.read_csv(DATA / "cfa_vates_like.csv")


@pytest.fixture(scope="module")
def bfi25(bfi) -> pd.DataFrame:
    return bfi.iloc[:, :25]


@pytest.mark.parametrize(
    ("name", "data"), [("polychoric_vates_like", "vates"), ("polychoric_bfi25", "bfi25")]
)
def test_matches_psych_and_exact_maximum(request, expected, name, data):
    frame = request.getfixturevalue(data)
    fx = expected(name)["values"]
    res = polychoric(frame)
    assert isinstance(res, PolychoricResult) and res.global_thresholds and not res.smoothed
    np.testing.assert_allclose(res.tau.to_numpy(), fx["tau"].to_numpy(), atol=1e-10)
    np.testing.assert_allclose(res.rho.to_numpy(), fx["rho"].to_numpy(), atol=PSYCH_TOL)
    # psych itself is only ~2e-5 from the maximum; against the exact maximum we are much closer
    assert np.abs(fx["rho"] - fx["exact_rho"]).to_numpy().max() > 1e-5
    np.testing.assert_allclose(res.rho.to_numpy(), fx["exact_rho"].to_numpy(), atol=EXACT_TOL)
    np.testing.assert_allclose(res.se.to_numpy(), fx["exact_se"].to_numpy(), atol=SE_TOL)


def test_bfi_pairwise_counts(bfi25):
    res = polychoric(bfi25)
    both = bfi25[["A1", "C3"]].notna().all(axis=1).sum()
    assert res.n_pairs.loc["A1", "C3"] == both
    assert res.n_pairs.loc["A1", "A1"] == bfi25["A1"].notna().sum()
    assert res.n_obs == len(bfi25)


def test_standard_errors_match_polycor(vates, expected):
    res = polychoric(vates)
    for pair in expected("polychor_polycor_pairs")["values"]:
        a, b = pair["item1"], pair["item2"]
        assert res.rho.loc[a, b] == pytest.approx(pair["rho"], abs=PSYCH_TOL)
        assert res.se.loc[a, b] == pytest.approx(pair["se"], rel=1e-3)


def test_unequal_categories_switch_to_pairwise_thresholds(vates, expected):
    data = vates.iloc[:, :8].copy()
    data["v8"] = data["v8"].clip(upper=4)
    with pytest.warns(PolychoricWarning) as record:
        res = polychoric(data)
    messages = " ".join(str(w.message) for w in record)
    assert "same highest category" in messages and "28 item pair(s) had empty cells" in messages
    assert not res.global_thresholds and res.corrected_cells == 28
    fx = expected("polychoric_vates_unequal")["values"]
    np.testing.assert_allclose(res.rho.to_numpy(), fx["rho"].to_numpy(), atol=PSYCH_TOL)


def test_to_frame_and_summary(vates):
    res = polychoric(vates, ["v1", "v2", "v3"])
    frame = res.to_frame()
    assert list(frame.columns) == ["item1", "item2", "rho", "se", "n"]
    assert list(zip(frame.item1, frame.item2, strict=True)) == [
        ("v1", "v2"),
        ("v1", "v3"),
        ("v2", "v3"),
    ]
    assert frame.loc[0, "rho"] == res.rho.loc["v1", "v2"]
    assert "Polychoric correlations" in str(res.summary())


def test_smoothing_of_non_positive_definite_matrix():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(400, 1))
    # three nearly identical items and a fourth tied to them in a contradictory way
    x = np.hstack([z, z + 0.05 * rng.normal(size=(400, 1)), -z, z])
    x[:, 3] = np.where(rng.random(400) < 0.5, x[:, 0], -x[:, 0])
    codes = pd.DataFrame(np.digitize(x, [-1, 0, 1]) + 1, columns=list("abcd"))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        res = polychoric(codes)
    if res.smoothed:
        assert any("smoothed" in str(w.message) for w in record)
    assert np.linalg.eigvalsh(res.rho.to_numpy()).min() > 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (pd.DataFrame({"a": [1, 2, 3.5], "b": [1, 2, 3]}), "column 'a', row 2 has the value 3.5"),
        (pd.DataFrame({"a": list(range(1, 11)), "b": list(range(10, 0, -1))}), "at most 8"),
        (pd.DataFrame({"a": [1, 1, 1], "b": [1, 2, 3]}), "constant"),
        (
            pd.DataFrame({"a": [1, 2, np.nan, np.nan], "b": [np.nan, np.nan, 1, 2]}),
            "never answered",
        ),
        (pd.DataFrame({"a": ["x", "y"], "b": [1, 2]}), "non-numeric"),
    ],
)
def test_bad_input(data, message):
    with pytest.raises(ValueError, match=message):
        polychoric(data)


def test_bad_correct(vates):
    with pytest.raises(ValueError, match="correct=-1 is not allowed"):
        polychoric(vates, ["v1", "v2"], correct=-1)


def test_item_not_in_data(vates):
    with pytest.raises(ValueError, match="'v99'"):
        polychoric(vates, ["v1", "v99"])


@pytest.mark.parametrize(
    ("name", "data", "items"),
    [
        ("ordinal_alpha_vates_F1", "vates", [f"v{i}" for i in range(1, 9)]),
        ("ordinal_alpha_bfi_N", "bfi", ["N1", "N2", "N3", "N4", "N5"]),
    ],
)
def test_ordinal_alpha_matches_psych(request, expected, name, data, items):
    fx = expected(name)["values"]
    res = ordinal_alpha(request.getfixturevalue(data), items)
    assert isinstance(res, OrdinalAlphaResult)
    assert res.alpha == pytest.approx(fx["raw_alpha"], abs=PSYCH_TOL)
    assert res.alpha == pytest.approx(fx["std_alpha"], abs=PSYCH_TOL)
    assert res.g6 == pytest.approx(fx["g6"], abs=PSYCH_TOL)
    assert res.average_r == pytest.approx(fx["average_r"], abs=PSYCH_TOL)
    assert res.median_r == pytest.approx(fx["median_r"], abs=PSYCH_TOL)
    np.testing.assert_allclose(
        res.alpha_if_deleted[fx["alpha_drop"].index], fx["alpha_drop"], atol=PSYCH_TOL
    )
    assert list(res.to_frame().columns) == ["alpha_if_deleted"]
    assert "Ordinal alpha" in str(res.summary())


def test_ordinal_alpha_warns_on_negative_item(bfi):
    with pytest.warns(NegativeItemWarning, match="'A1'"):
        ordinal_alpha(bfi, ["A1", "A2", "A3", "A4", "A5"])


def test_ordinal_omega_matches_psych(vates, expected):
    fx = expected("ordinal_omega_vates_like")["values"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = ordinal_omega(vates, n_factors=4)
    assert res.omega_hierarchical == pytest.approx(fx["omega_h"], abs=1e-3)
    assert res.omega_total == pytest.approx(fx["omega_tot"], abs=PSYCH_TOL)
    assert res.alpha == pytest.approx(fx["alpha"], abs=PSYCH_TOL)
