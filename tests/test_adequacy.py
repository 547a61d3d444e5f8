"""KMO and Bartlett's sphericity test against psych::KMO / psych::cortest.bartlett."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._matrix import pairwise_corr
from vaikuttavuus.adequacy import BartlettResult, KMOResult, bartlett_sphericity, kmo

TOL = 1e-6


@pytest.fixture(scope="module")
def items(bfi: pd.DataFrame) -> pd.DataFrame:
    return bfi.iloc[:, :25]


@pytest.fixture(scope="module")
def rmat(items: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(pairwise_corr(items.to_numpy()), index=items.columns, columns=items.columns)


@pytest.mark.parametrize("name", ["kmo_bfi", "kmo_bfi_cor"])
def test_kmo_matches_psych(items, rmat, expected, name) -> None:
    fx = expected(name)["values"]
    res = kmo(rmat if name.endswith("cor") else items)
    assert isinstance(res, KMOResult)
    assert abs(res.msa - fx["MSA"]) < TOL
    np.testing.assert_allclose(res.msa_items.to_numpy(), fx["MSAi"].to_numpy(), rtol=0, atol=TOL)
    assert list(res.msa_items.index) == list(fx["MSAi"].index)
    frame = res.to_frame()
    assert list(frame.columns) == ["item", "msa"]
    assert "sampling adequacy" in str(res)


@pytest.mark.parametrize(
    ("name", "cols", "use_r"),
    [("bartlett_bfi", 25, False), ("bartlett_bfi_cor", 25, True), ("bartlett_bfi_A", 5, False)],
)
def test_bartlett_matches_psych(items, rmat, expected, name, cols, use_r) -> None:
    fx = expected(name)["values"]
    if use_r:
        res = bartlett_sphericity(rmat, n=fx["n"])
    else:
        res = bartlett_sphericity(items.iloc[:, :cols])
    assert isinstance(res, BartlettResult)
    assert res.n == fx["n"]
    assert res.df == fx["df"]
    assert abs(res.chi_square - fx["chisq"]) < TOL * max(1.0, fx["chisq"])
    assert abs(res.p_value - fx["p_value"]) < TOL
    assert list(res.to_frame().columns) == ["chi_square", "df", "p_value", "n"]


def test_bartlett_requires_n_for_a_correlation_matrix(rmat) -> None:
    with pytest.raises(ValueError, match="n is required"):
        bartlett_sphericity(rmat)


def test_bartlett_n_conflicts_with_raw_data(items) -> None:
    with pytest.raises(ValueError, match="n=10"):
        bartlett_sphericity(items, n=10)


def test_singular_matrix_names_items(items) -> None:
    x = items.iloc[:, :4].dropna().copy()
    x["sum"] = x["A1"] + x["A2"]
    with pytest.raises(ValueError, match=r"singular.*'A1'.*'A2'.*'sum'"):
        kmo(x)
    with pytest.raises(ValueError, match=r"singular.*'A1'.*'A2'.*'sum'"):
        bartlett_sphericity(x)


def test_constant_column_refused(items) -> None:
    with pytest.raises(ValueError, match="constant"):
        kmo(items.iloc[:, :4].assign(k=2.0))
