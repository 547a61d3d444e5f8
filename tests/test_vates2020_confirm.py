"""The four published Vates factors as a CFA: the model, its degrees of freedom, and a fit that
depends on the data (the calibrated simulation fits; the same answers shuffled within columns do not)."""

from __future__ import annotations

import pytest

from vaikuttavuus.studies.vates2020 import confirm_factors, factor_model, scale_items, simulate
from vaikuttavuus.studies.vates2020.tables import cfa_fit_table


@pytest.fixture(scope="module")
def data():
    return simulate(168, seed=2020)


def test_model_is_the_published_structure():
    model = factor_model()
    assert list(model) == ["F1", "F2", "F3", "F4"]
    assert [model[f"F{k}"] for k in range(1, 5)] == [scale_items()[k] for k in range(1, 5)]
    items = [i for v in model.values() for i in v]
    assert len(items) == len(set(items)) == 26


def test_degrees_of_freedom_by_counting(data):
    ml = confirm_factors(data)
    p, k = 26, 4
    # marker identification: 22 free loadings, 26 residual variances, 4 factor variances,
    # 6 factor covariances (no mean structure with complete-case ML, as lavaan's default)
    free = (p - k) + p + k + k * (k - 1) // 2
    assert int(ml.fit()["df"]) == p * (p + 1) // 2 - free == 293
    assert int(ml.fit()["ntotal"]) == int(data[[i for v in factor_model().values() for i in v]]
                                         .notna().all(axis=1).sum())  # fmt: skip


def test_fit_depends_on_the_data(data):
    good = confirm_factors(data).fit()
    # the same answers with three statements of F1 and three of F3 swapped (a wrong structure
    # of the same sizes): the fit must be clearly worse
    m = factor_model()
    swap = dict(zip(m["F1"][:3], m["F3"][:3], strict=True))
    relabelled = data.rename(columns={**swap, **{v: k for k, v in swap.items()}})
    with pytest.warns(UserWarning):  # the wrong structure is also an improper solution
        bad = confirm_factors(relabelled).fit()
    assert good["cfi"] > 0.95 and good["rmsea"] < 0.06
    assert bad["cfi"] < good["cfi"] - 0.1 and bad["pvalue"] < 1e-6


def test_ordinal_fit_and_table(data):
    ml, ordinal = confirm_factors(data), confirm_factors(data, ordered=True)
    assert ordinal.fit()["df_scaled"] == 293
    table = cfa_fit_table({"ML": ml, "WLSMV": ordinal}, "fi")
    assert table.shape == (9, 2)
    assert table.iloc[3, 0] == f"{ml.fit()['cfi']:.3f}".replace(".", ",")
    assert not any("." in cell for cell in table.to_numpy().ravel())


def test_missing_statement_is_named(data):
    with pytest.raises(ValueError, match=r"\['v01'\]"):
        confirm_factors(data.drop(columns="v01"))
