"""vaikuttavuus.factor.efa against psych::fa / psych::principal golden files."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._extraction import extract, smc
from vaikuttavuus._fa_stats import score_weights
from vaikuttavuus.factor import (
    EFAResult,
    FactorConvergenceWarning,
    HeywoodWarning,
    efa,
    max_factors,
)

ITER = 1e-3  # iterative fits
CLOSED = 1e-6  # closed forms
ROT_R = {
    "none": "none",
    "varimax": "varimax",
    "quartimax": "quartimax",
    "promax": "promax",
    "oblimin": "oblimin",
    "geominT": "geomin_t",
    "geominQ": "geomin_q",
}
FA_CASES = [(fm, r) for fm in ("minres", "uls", "pa", "ml") for r in ROT_R]
PC_CASES = ["none", "varimax", "oblimin", "promax"]


@pytest.fixture(scope="module")
def items(bfi: pd.DataFrame) -> pd.DataFrame:
    return bfi.iloc[:, :25]


def _close(actual, expected, tol) -> None:
    np.testing.assert_allclose(
        np.asarray(actual, float), np.asarray(expected, float), rtol=0, atol=tol
    )


def _check_solution(res: EFAResult, v: dict, tol: float) -> None:
    _close(res.loadings, v["loadings"], tol)
    _close(res.communalities, v["communality"], tol)
    _close(res.uniquenesses, v["uniquenesses"], tol)
    _close(res.structure, v["Structure"], tol)
    vacc = v["Vaccounted"]
    _close(res.variance.to_numpy()[: len(vacc)], vacc, tol)
    _close(res.eigenvalues, v["e_values"], CLOSED)
    _close(res.reduced_eigenvalues, v["values"], tol)
    if v["Phi"] is None:
        assert res.phi is None
    else:
        _close(res.phi, v["Phi"], tol)
    assert list(res.loadings.index) == list(v["loadings"].index)


def _check_fit(res: EFAResult, st: dict, tol: float) -> None:
    fit = res.fit
    pairs = {
        "objective": "objective",
        "chi_square": "STATISTIC",
        "dof": "dof",
        "p_value": "PVAL",
        "null_chi_square": "null_chisq",
        "null_dof": "null_dof",
        "tli": "TLI",
        "bic": "BIC",
        "sabic": "SABIC",
        "empirical_chi_square": "chi",
        "empirical_p_value": "EPVAL",
        "rms": "rms",
        "crms": "crms",
        "fit": "fit",
        "fit_off": "fit_off",
    }
    for ours, theirs in pairs.items():
        if st.get(theirs) is None:
            continue
        exp = float(st[theirs])
        # chi-square-sized figures: relative tolerance; the rest absolute
        scale = (
            max(1.0, abs(exp))
            if ours in {"chi_square", "null_chi_square", "bic", "sabic", "empirical_chi_square"}
            else 1.0
        )
        assert abs(getattr(fit, ours) - exp) <= tol * scale, (ours, getattr(fit, ours), exp)
    if st.get("RMSEA") is not None:
        rm = st["RMSEA"]
        _close([fit.rmsea, fit.rmsea_ci_low, fit.rmsea_ci_high], rm.to_numpy(), tol)


@pytest.mark.parametrize(("fm", "rot"), FA_CASES)
def test_fa_matches_psych(items, expected, fm, rot) -> None:
    fx = expected(f"fa_{fm}_{rot}_5")
    with warnings.catch_warnings():
        warnings.simplefilter("error", HeywoodWarning)
        res = efa(items, 5, method=fm, rotation=ROT_R[rot])
    _check_solution(res, fx["values"], ITER)
    _check_fit(res, fx["values"]["stats"], ITER)
    assert res.converged
    assert res.n_obs == len(items)


@pytest.mark.parametrize("rot", PC_CASES)
def test_principal_matches_psych(items, expected, rot) -> None:
    fx = expected(f"fa_pc_{rot}_5")
    res = efa(items, 5, method="pc", rotation=rot)
    tol = CLOSED if rot in ("none", "varimax", "promax") else ITER  # oblimin is iterative
    _check_solution(res, fx["values"], tol)
    _check_fit(res, fx["values"]["stats"], ITER)


@pytest.mark.parametrize(
    ("name", "fm", "rot", "k"),
    [("fa_minres_oblimin_3", "minres", "oblimin", 3), ("fa_ml_varimax_3", "ml", "varimax", 3)],
)
def test_three_factors(items, expected, name, fm, rot, k) -> None:
    fx = expected(name)
    res = efa(items, k, method=fm, rotation=rot)
    _check_solution(res, fx["values"], ITER)
    _check_fit(res, fx["values"]["stats"], ITER)


def test_correlation_matrix_input(items, expected) -> None:
    fx = expected("fa_ml_oblimin_5_cor")
    R = efa(items, 5).correlation
    res = efa(R, 5, method="ml", rotation="oblimin", n_obs=2800)
    _check_solution(res, fx["values"], ITER)
    _check_fit(res, fx["values"]["stats"], ITER)
    assert efa(R, 5).fit is None  # no n, no fit statistics


@pytest.mark.parametrize(
    ("name", "fm", "rot", "how"),
    [
        ("fa_scores_regression", "minres", "oblimin", "regression"),
        ("fa_scores_bartlett", "minres", "oblimin", "bartlett"),
        ("fa_scores_varimax_bartlett", "ml", "varimax", "bartlett"),
    ],
)
def test_scores(items, expected, name, fm, rot, how) -> None:
    fx = expected(name)["values"]
    cc = items.dropna()
    # 1) same loadings as psych -> scores at 1e-6 (closed form given the loadings)
    x = cc.to_numpy()
    z = (x - x.mean(0)) / x.std(0, ddof=1)
    phi = None if fx["Phi"] is None else fx["Phi"].to_numpy()
    w = score_weights(np.corrcoef(x, rowvar=False), fx["loadings"].to_numpy(), phi, how)
    _close((z @ w)[:10], fx["scores_head"], CLOSED)
    # 2) through our own fit
    res = efa(cc, 5, method=fm, rotation=rot)
    _check_solution(res, fx, ITER)
    _close(res.scores(cc, method=how).iloc[:10], fx["scores_head"], ITER)


@pytest.mark.parametrize("k", [3, 5])
def test_pa_spss_preset(items, expected, k) -> None:
    fx = expected(f"fa_pa_spss_varimax_{k}")["values"]
    res = efa(items, k, method="pa_spss", rotation="varimax")
    assert res.n_iter == fx["spss_iterations"]
    assert res.converged == fx["spss_converged"]
    _check_solution(res, fx, ITER)


def test_pa_spss_stopping_rule(items) -> None:
    R = efa(items, 5).correlation.to_numpy()
    ex = extract(R, 5, "pa_spss")
    assert ex.n_iter <= 25
    # stopping rule, recomputed here: the last step changes no communality by >= .001,
    # the step before did
    prev = extract(R, 5, "pa", max_iter=ex.n_iter - 1, tol=-1.0)
    before = extract(R, 5, "pa", max_iter=ex.n_iter - 2, tol=-1.0) if ex.n_iter > 2 else None
    assert np.max(np.abs(ex.communalities - prev.communalities)) < 0.001
    if before is not None:
        assert np.max(np.abs(prev.communalities - before.communalities)) >= 0.001
    # the iteration cap
    capped = extract(R, 5, "pa_spss", max_iter=2)
    assert capped.n_iter == 2 and not capped.converged
    assert extract(R, 5, "pa", spss=True).n_iter == ex.n_iter


def test_pa_spss_nonconvergence_warns(items) -> None:
    with pytest.warns(FactorConvergenceWarning, match="did not converge"):
        res = efa(items, 5, method="pa_spss", max_iter=2)
    assert not res.converged


def test_smc_matches_psych_start(items, expected) -> None:
    # psych's PA after 0 iterations is not reachable; check smc against its definition
    R = efa(items, 2).correlation.to_numpy()
    direct = 1 - 1 / np.diag(np.linalg.inv(R))
    _close(smc(R), direct, 1e-12)


def test_loading_table_and_frames(items) -> None:
    res = efa(items, 5, rotation="oblimin")
    tab = res.loading_table(threshold=0.4)
    assert list(tab.columns) == ["F1", "F2", "F3", "F4", "F5", "communality"]
    vals = tab.iloc[:, :5]
    assert ((vals.abs() >= 0.4) | vals.isna()).all().all()
    absl = res.loadings.loc[tab.index].abs().to_numpy()
    primary = absl.argmax(1)
    assert (np.diff(primary) >= 0).all()
    for f in np.unique(primary):
        top = absl[primary == f, f]
        assert (np.diff(top) <= 0).all()
    assert tab.loc["N1"].notna().sum() >= 2  # N1 loads on one factor, plus its communality
    long = res.to_frame()
    assert list(long.columns) == ["item", "factor", "loading"]
    assert len(long) == 25 * 5
    assert "Exploratory factor analysis" in str(res)
    assert "<table" in res._repr_html_()


def test_spss_variance_table(items) -> None:
    res = efa(items, 5, method="pa_spss", rotation="varimax")
    t = res.spss_variance_table()
    p = 25
    _close(t["initial_total"], res.eigenvalues, 1e-12)
    _close(t["initial_cumulative_pct"].iloc[-1], 100.0, 1e-9)
    ext = (res.unrotated**2).sum().to_numpy()
    _close(t["extraction_total"].iloc[:5], ext, 1e-12)
    _close(t["extraction_pct_variance"].iloc[:5], 100 * ext / p, 1e-12)
    # orthogonal rotation preserves the total extracted variance
    _close(t["rotation_total"].iloc[:5].sum(), ext.sum(), 1e-9)
    _close(t["rotation_cumulative_pct"].iloc[4], t["extraction_cumulative_pct"].iloc[4], 1e-9)
    assert t["extraction_total"].iloc[5:].isna().all()
    ob = efa(items, 5, rotation="oblimin").spss_variance_table()
    st = efa(items, 5, rotation="oblimin").structure
    _close(ob["rotation_total"].iloc[:5], (st**2).sum().to_numpy(), 1e-12)
    assert ob["rotation_pct_variance"].isna().all()


def test_heywood_warning() -> None:
    # one factor, three items: h2_a = r_ab * r_ac / r_bc = .8 * .7 / .4 = 1.4 > 1, so iterated
    # principal axes push item a's communality past 1 (the matrix itself is positive definite)
    R = np.array([[1.0, 0.8, 0.7], [0.8, 1.0, 0.4], [0.7, 0.4, 1.0]])
    assert np.linalg.eigvalsh(R).min() > 0
    frame = pd.DataFrame(R, index=list("abc"), columns=list("abc"))
    with pytest.warns(HeywoodWarning, match=r"\['a'\]"):
        res = efa(frame, 1, method="pa", rotation="none")
    assert res.heywood == ("a",)
    assert res.communalities["a"] > 1 and res.uniquenesses["a"] < 0
    assert "Heywood" in str(res)


def test_validation(items) -> None:
    assert max_factors(25) == 18
    with pytest.raises(ValueError, match="at most 18 factors"):
        efa(items, 19)
    with pytest.raises(ValueError, match="method="):
        efa(items, 2, method="alpha")
    with pytest.raises(ValueError, match="rotation="):
        efa(items, 2, rotation="equamax")
    with pytest.raises(ValueError, match="nan_policy"):
        efa(items, 2, nan_policy="omit")
    with pytest.raises(ValueError, match="missing values"):
        efa(items, 2, nan_policy="raise")
    bad = items.iloc[:, :6].copy()
    bad["A6"] = bad["A1"] + bad["A2"]
    with pytest.raises(ValueError, match=r"singular.*'A1'.*'A2'.*'A6'"):
        efa(bad.dropna(), 1)
    const = items.iloc[:, :6].assign(k=1.0)
    with pytest.raises(ValueError, match="constant"):
        efa(const, 1)
    text = items.iloc[:, :6].assign(t="x")
    with pytest.raises(ValueError, match="non-numeric"):
        efa(text, 1)
    with pytest.raises(ValueError, match="rows"):
        efa(items.iloc[:20], 2)
    with pytest.raises(TypeError, match="n_factors"):
        efa(items, 2.0)


def test_listwise_equals_complete_cases(items) -> None:
    a = efa(items, 3, nan_policy="listwise")
    b = efa(items.dropna(), 3)
    _close(a.loadings, b.loadings, 1e-12)
    assert a.n_obs == len(items.dropna())


def test_geomin_alias(items) -> None:
    a = efa(items, 3, rotation="geomin")
    b = efa(items, 3, rotation="geomin_q")
    assert a.rotation == "geomin_q" and a.phi is not None
    _close(a.loadings, b.loadings, 0)


def test_loading_table_displays_blanks_and_plots_return_axes(items) -> None:
    from matplotlib.figure import Figure

    from vaikuttavuus import parallel_analysis

    res = efa(items, 5, rotation="oblimin")
    tab = res.loading_table(threshold=0.4)
    assert tab.isna().any().any()  # numbers stay numbers ...
    assert "NaN" not in repr(tab) and "NaN" not in tab._repr_html_()  # ... shown blank
    assert "NaN" not in repr(tab.iloc[:5])
    assert float(tab.abs().max().max()) <= 1.5
    ax = Figure().subplots()
    assert res.plot(ax=ax) is ax and len(ax.texts) == res.loadings.size
    assert ax.get_xticklabels()[0].get_text() == "F1"
    pa = parallel_analysis(items, n_iter=3, seed=1)
    ax2 = Figure().subplots()
    assert pa.plot(ax=ax2, labels={"x": "Luku"}) is ax2 and ax2.get_xlabel() == "Luku"
    observed = [ln for ln in ax2.lines if ln.get_label().startswith("observed")]
    np.testing.assert_allclose(
        observed[0].get_ydata(), pa.table[observed[0].get_label().replace(" ", "_")]
    )
