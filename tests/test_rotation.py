"""vaikuttavuus._rotation: invariants, psych/GPArotation golden files, factor_analyzer cross-check."""

from __future__ import annotations

import numpy as np
import pytest

from vaikuttavuus._fa_stats import psych_order
from vaikuttavuus._rotation import OBLIQUE, ROTATIONS, canonical_rotation, rotate

R_NAMES = {
    "varimax": "varimax",
    "quartimax": "quartimax",
    "promax": "promax",
    "oblimin": "oblimin",
    "geomin_t": "geominT",
    "geomin_q": "geominQ",
}


@pytest.fixture(scope="module")
def unrotated(expected) -> np.ndarray:
    # psych's own unrotated 5-factor minres solution of the bfi items
    return expected("fa_minres_none_5")["values"]["loadings"].to_numpy()


@pytest.mark.parametrize("method", list(R_NAMES))
def test_rotating_psych_loadings_gives_psych_result(unrotated, expected, method) -> None:
    fx = expected(f"fa_minres_{R_NAMES[method]}_5")["values"]
    rot = rotate(unrotated, method)
    assert rot.converged
    L, phi, _, _ = psych_order(rot.loadings, rot.phi)
    np.testing.assert_allclose(L, fx["loadings"].to_numpy(), atol=1e-6, rtol=0)
    if method in OBLIQUE:
        np.testing.assert_allclose(phi, fx["Phi"].to_numpy(), atol=1e-6, rtol=0)
    else:
        assert phi is None


@pytest.mark.parametrize("method", [m for m in ROTATIONS if m != "none"])
def test_invariants(unrotated, method) -> None:
    rot = rotate(unrotated, method)
    np.testing.assert_allclose(rot.loadings, unrotated @ rot.rotmat, atol=1e-12)
    model = unrotated @ unrotated.T
    if method in OBLIQUE:
        np.testing.assert_allclose(np.diag(rot.phi), 1.0, atol=1e-12)
        np.testing.assert_allclose(rot.loadings @ rot.phi @ rot.loadings.T, model, atol=1e-10)
    else:
        np.testing.assert_allclose(rot.rotmat.T @ rot.rotmat, np.eye(5), atol=1e-12)
        np.testing.assert_allclose(rot.loadings @ rot.loadings.T, model, atol=1e-10)


def test_none_and_single_factor(unrotated) -> None:
    rot = rotate(unrotated, "none")
    np.testing.assert_array_equal(rot.loadings, unrotated)
    assert rot.phi is None
    one = rotate(unrotated[:, :1], "oblimin")
    np.testing.assert_array_equal(one.loadings, unrotated[:, :1])


def test_aliases() -> None:
    assert canonical_rotation("geomin") == "geomin_q"
    assert canonical_rotation("geominT") == "geomin_t"
    assert canonical_rotation("quartimin") == "oblimin"
    with pytest.raises(ValueError, match="rotation='bentlerQ'"):
        canonical_rotation("bentlerQ")


@pytest.mark.parametrize(
    ("method", "fa_kwargs"),
    [
        ("varimax", {"normalize": True}),
        ("quartimax", {"normalize": False}),
        ("oblimin", {"normalize": False, "gamma": 0}),
        ("geomin_t", {"normalize": False}),
        ("geomin_q", {"normalize": False}),
    ],
)
def test_cross_check_factor_analyzer(unrotated, method, fa_kwargs) -> None:
    rotator_mod = pytest.importorskip("factor_analyzer.rotator")
    fa_name = {"geomin_t": "geomin_ort", "geomin_q": "geomin_obl"}.get(method, method)
    fa_rot = rotator_mod.Rotator(method=fa_name, max_iter=1000, **fa_kwargs)
    theirs = fa_rot.fit_transform(unrotated)
    ours = rotate(unrotated, method)
    # same solution up to column order and sign
    a, _, _, _ = psych_order(ours.loadings, ours.phi)
    b, _, _, _ = psych_order(theirs, getattr(fa_rot, "phi_", None))
    np.testing.assert_allclose(a, b, atol=1e-4)
