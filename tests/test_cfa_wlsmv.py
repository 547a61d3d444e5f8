"""cfa(..., ordered=True): WLSMV against lavaan 0.6-14 (tests/reference/fixtures_cfa.R)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.cfa import cfa
from vaikuttavuus.cfa._wlsmv import ordinal_codes, ordinal_moments

DATA = Path(__file__).parent / "data"
TOL = 1e-3  # the tolerance for WLSMV (observed: 1e-5 or better)
NAMES = ["cfa_vates_F1_wlsmv", "cfa_vates_like_wlsmv", "cfa_vates_F1_corres_wlsmv_stdlv"]


@pytest.fixture(scope="module")
def vates() -> pd.DataFrame:
    return pd.read_csv(DATA / "cfa_vates_like.csv")


@pytest.fixture(scope="module")
def fitted(vates, expected):
    return {
        name: (
            expected(name),
            cfa(vates, expected(name)["model"], ordered=True, std_lv=name.endswith("stdlv")),
        )
        for name in NAMES
    }


@pytest.mark.parametrize("name", NAMES)
def test_gamma_matches_lavaan(vates, expected, name):
    fx = expected(name)
    res_items = list(fx["values"]["gamma"].index)
    items = list(dict.fromkeys(n.split("|")[0] for n in res_items if "|" in n))
    tau, rho, gamma = ordinal_moments(ordinal_codes(vates[items], items))
    np.testing.assert_allclose(gamma, fx["values"]["gamma"].to_numpy(), atol=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_parameters_match_lavaan(fitted, name):
    fx, res = fitted[name]
    ref = pd.DataFrame(fx["values"]["params"])
    ref["rhs"] = ref["rhs"].fillna("")
    ours = res.to_frame()
    assert list(zip(ours.lhs, ours.op, ours.rhs, strict=True)) == list(
        zip(ref.lhs, ref.op, ref.rhs, strict=True)
    )  # every row of lavaan's table (thresholds, ~*~, ~1), in its order
    for col in ("est", "se", "z", "ci_lower", "ci_upper", "std_lv", "std_all"):
        np.testing.assert_allclose(
            ours[col].to_numpy(float), ref[col].to_numpy(float), atol=TOL, err_msg=col
        )
    assert res.estimator == "WLSMV" and res.modindices.empty


@pytest.mark.parametrize("name", NAMES)
def test_fit_measures_match_lavaan(fitted, name):
    fx, res = fitted[name]
    for key, value in fx["values"]["fit"].items():
        assert res.measures[key.replace(".", "_")] == pytest.approx(value, abs=TOL), key
    r2 = fx["values"]["r2"]
    np.testing.assert_allclose(res.r2.loc[r2.index], r2, atol=TOL)
    text = str(res.summary())
    assert "(WLSMV)" in text and "scaled-shifted chi-square" in text and "AIC" not in text


def test_ordered_errors(vates):
    model = "F =~ v1 + v2 + v3 + v4"
    with pytest.raises(ValueError, match="must name every item"):
        cfa(vates, model, ordered=["v1", "v2"])
    with pytest.raises(ValueError, match="give ordered=True"):
        cfa(vates, model, estimator="WLSMV")
    with pytest.raises(ValueError, match="cannot be used with ordered items"):
        cfa(vates, model, ordered=True, estimator="MLR")
    with pytest.raises(ValueError, match="one group"):
        cfa(vates.assign(g=["a", "b"] * 84), model, ordered=True, group="g")
    with pytest.raises(ValueError, match="'v2', row 3 has the value 2.5"):
        cfa(vates.assign(v2=vates["v2"].where(vates.index != 3, 2.5)), model, ordered=True)
    with pytest.raises(ValueError, match="only one category"):
        cfa(vates.assign(v3=1), model, ordered=True)
    with pytest.raises(ValueError, match="not identified.*F =~ v1.*F ~~ F"):
        cfa(vates, "F =~ NA*v1 + v2 + v3 + v4", ordered=True)
    with pytest.raises(
        ValueError, match="not identified: it has 4 free parameters besides the thresholds"
    ):
        cfa(vates, "F =~ v1 + v2 + v3\nv1 ~~ v2", ordered=True)


def test_ordered_list_equals_true(vates):
    model = "F =~ v1 + v2 + v3 + v4"
    a = cfa(vates, model, ordered=True)
    b = cfa(vates, model, ordered=["v4", "v3", "v2", "v1"])
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame())
