"""Multi-group cfa and measurement_invariance against lavaan 0.6-14 (group=, group.equal=,
lavTestLRT; tests/reference/fixtures_cfa.R)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.cfa import InvarianceResult, cfa, measurement_invariance

DATA = Path(__file__).parent / "data"
TOL = 1e-4
MI_TOL = 1e-3
HS3 = "visual =~ x1 + x2 + x3\ntextual =~ x4 + x5 + x6\nspeed =~ x7 + x8 + x9"
LEVELS = {
    "configural": (),
    "metric": ("loadings",),
    "scalar": ("loadings", "intercepts"),
    "strict": ("loadings", "intercepts", "residuals"),
}


@pytest.fixture(scope="module")
def hs() -> pd.DataFrame:
    return pd.read_csv(DATA / "holzinger_swineford_1939.csv")


@pytest.fixture(scope="module")
def fitted(hs, expected):
    return {
        level: (expected(f"cfa_hs_{level}"), cfa(hs, HS3, group="school", group_equal=eq))
        for level, eq in LEVELS.items()
    }


@pytest.mark.parametrize("level", list(LEVELS))
def test_multigroup_parameters_match_lavaan(fitted, level):
    fx, res = fitted[level]
    ref = pd.DataFrame(fx["values"]["params"])
    ref["rhs"] = ref["rhs"].fillna("")  # lavaan's "~1" rows have an empty rhs
    ref = ref.set_index(["group", "lhs", "op", "rhs"])
    ours = res.to_frame().set_index(["group", "lhs", "op", "rhs"])
    assert list(ours.index) == list(ref.index)
    for col in ("est", "se", "z", "ci_lower", "ci_upper", "std_lv", "std_all"):
        # z = est / se inherits lavaan's convergence error (~2e-5) relative to its size
        rtol = 1e-4 if col == "z" else 1e-7
        np.testing.assert_allclose(
            ours[col].to_numpy(float), ref[col].to_numpy(float), atol=TOL, rtol=rtol, err_msg=col
        )
    assert res.groups == ("Pasteur", "Grant-White") and res.group_sizes == (156, 145)
    assert "Groups (2): Pasteur: 156, Grant-White: 145." in str(res.summary())


@pytest.mark.parametrize("level", list(LEVELS))
def test_multigroup_fit_and_modindices_match_lavaan(fitted, level):
    fx, res = fitted[level]
    for key, value in fx["values"]["fit"].items():
        assert res.measures[key.replace(".", "_")] == pytest.approx(value, abs=TOL), key
    ref = pd.DataFrame(fx["values"]["modindices"]).set_index(["group", "lhs", "op", "rhs"])
    ours = res.modindices.set_index(["group", "lhs", "op", "rhs"])
    assert set(ours.index) == set(ref.index)
    ours = ours.loc[ref.index]
    for col in ("mi", "epc", "sepc_lv", "sepc_all"):
        np.testing.assert_allclose(
            ours[col].to_numpy(float), ref[col].to_numpy(float), atol=MI_TOL, rtol=1e-4
        )
    for g, key in ((0, "r2_group1"), (1, "r2_group2")):
        r2 = fx["values"][key]
        np.testing.assert_allclose(res.r2.loc[res.groups[g]].loc[r2.index], r2, atol=TOL)


def test_equal_loadings_are_one_parameter(fitted):
    _, res = fitted["metric"]
    frame = res.to_frame().set_index(["group", "lhs", "op", "rhs"])
    a = frame.loc[(1, "visual", "=~", "x2")]
    b = frame.loc[(2, "visual", "=~", "x2")]
    assert a["free"] == b["free"] and a["est"] == b["est"]
    # scalar: latent means free in the second group only
    _, scalar = fitted["scalar"]
    means = scalar.to_frame().set_index(["group", "lhs", "op"]).xs("~1", level="op")
    assert means.loc[(1, "visual"), "free"] == 0 and means.loc[(2, "visual"), "free"] > 0


def test_invariance_table_matches_lavtestlrt(hs, expected):
    fx = expected("cfa_hs_invariance_lrt")["values"]
    res = measurement_invariance(hs, HS3, "school")
    assert isinstance(res, InvarianceResult)
    table = res.to_frame()
    assert list(table.index) == list(LEVELS)
    np.testing.assert_allclose(table["df"], fx["df"])
    for ours, key in (
        ("chisq", "chisq"),
        ("aic", "aic"),
        ("bic", "bic"),
        ("cfi", "cfi"),
        ("rmsea", "rmsea"),
        ("chisq_diff", "chisq_diff"),
        ("df_diff", "df_diff"),
        ("pvalue_diff", "pvalue"),
    ):
        ref = np.array([np.nan if v is None else v for v in fx[key]], dtype=float)
        np.testing.assert_allclose(table[ours].to_numpy(float), ref, atol=TOL, err_msg=key)
    cfi = np.asarray(fx["cfi"], float)
    np.testing.assert_allclose(table["delta_cfi"].to_numpy()[1:], np.diff(cfi), atol=TOL)
    assert "Chen (2007)" in str(res.summary())
    assert res.fits["metric"].groups == res.groups


def test_group_errors(hs):
    with pytest.raises(ValueError, match="group_equal needs group="):
        cfa(hs, HS3, group_equal=["loadings"])
    with pytest.raises(ValueError, match="group_equal='slopes' is not allowed"):
        cfa(hs, HS3, group="school", group_equal=["slopes"])
    with pytest.raises(ValueError, match="group names column\\(s\\) not in data: 'class'"):
        cfa(hs, HS3, group="class")
    with pytest.raises(ValueError, match="missing in row\\(s\\) \\[3\\]"):
        cfa(hs.assign(school=hs["school"].where(hs.index != 3)), HS3, group="school")
    with pytest.raises(ValueError, match="1 group\\(s\\)"):
        cfa(hs.assign(school="one"), HS3, group="school")
    with pytest.raises(ValueError, match="MLR.*one group"):
        cfa(hs, HS3, group="school", estimator="MLR")
    with pytest.raises(ValueError, match="levels must be distinct and in the order"):
        measurement_invariance(hs, HS3, "school", levels=["metric", "configural"])
    with pytest.raises(ValueError, match="levels='partial' is not allowed"):
        measurement_invariance(hs, HS3, "school", levels=["configural", "partial"])
