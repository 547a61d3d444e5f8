"""parallel_analysis against psych::fa.parallel (tests/reference/fixtures_parallel.R).

The observed eigenvalues and the suggested numbers are deterministic and compared directly
(pc: closed form, 1e-6; fa: iterative minres fit, 1e-3). The simulated and resampled
eigenvalues are random in R and here, so they are compared with Monte Carlo tolerances:

* means: |ours - R| < 5 * sqrt(sd_R^2 / n_R + sd_ours^2 / n_ours) (per eigenvalue);
* 95% quantiles: the standard error of a sample quantile is sqrt(q (1 - q) / n) / f(x_q);
  with the normal density for f (eigenvalue distributions here are close to normal),
  f(x_q) = phi(z_q) / sd, so the difference of two independent estimates has
  SE = sd * sqrt(q (1 - q) (1/n_R + 1/n_ours)) / phi(z_q); we allow 5 SE.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.optimize import minimize

from vaikuttavuus._extraction import extract
from vaikuttavuus._matrix import pairwise_corr
from vaikuttavuus._parallel_sim import (
    one_factor_values,
    resampled_correlations,
    simulated_correlations,
)
from vaikuttavuus.parallel import TABLE_COLUMNS, ParallelResult, parallel_analysis


def _r_blocks(p: int) -> dict[str, slice]:
    # psych's $values columns: C1..Cp (resampled pc), F1..Fp (resampled fa),
    # CSim1..CSimp (simulated pc), Fsim1..Fsimp (simulated fa)
    return {
        "resampled_pc": slice(0, p),
        "resampled_fa": slice(p, 2 * p),
        "simulated_pc": slice(2 * p, 3 * p),
        "simulated_fa": slice(3 * p, 4 * p),
    }


@pytest.fixture(scope="module")
def bfi25_result(bfi) -> ParallelResult:
    return parallel_analysis(bfi.iloc[:, :25], n_iter=1000, kind="both", seed=20240601)


def test_observed_and_suggested_match_psych(bfi25_result, expected):
    fx = expected("parallel_bfi25_both")["values"]
    t = bfi25_result.table
    np.testing.assert_allclose(t["observed_pc"], fx["pc_values"].to_numpy(), atol=1e-6)
    np.testing.assert_allclose(t["observed_fa"], fx["fa_values"].to_numpy(), atol=1e-3)
    assert bfi25_result.suggested_factors == fx["nfact"]
    assert bfi25_result.suggested_components == fx["ncomp"]


def _check_monte_carlo(res: ParallelResult, fx: dict, names: tuple[str, ...]) -> None:
    n_r, n_ours, q = fx["n_iter"], res.n_iter, fx["quant"]
    assert res.quantile == q
    p = len(res.table)
    t = res.table
    mean, quant, sd = (fx[k].to_numpy() for k in ("value_mean", "value_quantile", "value_sd"))
    for name, block in _r_blocks(p).items():
        if name not in names:
            continue
        s = sd[block]
        se_mean = s * np.sqrt(1 / n_r + 1 / n_ours)  # our sd is close to R's
        np.testing.assert_array_less(np.abs(t[f"{name}_mean"] - mean[block]), 5 * se_mean)
        se_q = s * np.sqrt(q * (1 - q) * (1 / n_r + 1 / n_ours)) / stats.norm.pdf(stats.norm.ppf(q))
        np.testing.assert_array_less(np.abs(t[name] - quant[block]), 5 * se_q)


def test_random_eigenvalues_match_psych_within_monte_carlo_error(bfi25_result, expected):
    fx = expected("parallel_bfi25_both")["values"]
    names = ("resampled_pc", "resampled_fa", "simulated_pc", "simulated_fa")
    _check_monte_carlo(bfi25_result, fx, names)
    mean, p = fx["value_mean"].to_numpy(), 25
    # psych's own summaries are the means of those columns
    np.testing.assert_allclose(fx["fa_sim"].to_numpy(), mean[3 * p :], atol=1e-12)
    np.testing.assert_allclose(fx["pc_simr"].to_numpy(), mean[:p], atol=1e-12)


def test_fa_kind_on_subset_matches_psych(bfi, expected):
    fx = expected("parallel_bfi10_fa")["values"]
    res = parallel_analysis(bfi.iloc[:500, :10], n_iter=500, kind="fa", quantile=0.9, seed=2)
    np.testing.assert_allclose(res.table["observed_fa"], fx["fa_values"].to_numpy(), atol=1e-3)
    assert res.suggested_factors == fx["nfact"]
    assert res.suggested_components is None
    assert res.table["observed_pc"].isna().all()
    _check_monte_carlo(res, fx, ("resampled_fa", "simulated_fa"))


def test_seeded_reproducibility(bfi):
    data = bfi.iloc[:300, :12]
    a = parallel_analysis(data, n_iter=50, kind="both", seed=7)
    b = parallel_analysis(data, n_iter=50, kind="both", seed=7)
    c = parallel_analysis(data, n_iter=50, kind="both", seed=8)
    pd.testing.assert_frame_equal(a.table, b.table)
    assert not np.allclose(a.table["simulated_pc"], c.table["simulated_pc"])
    assert list(a.table.columns) == list(TABLE_COLUMNS)
    assert a.seed == 7 and a.n_iter == 50 and a.quantile == 0.95


def test_one_factor_values_is_psych_minres(bfi):
    rng = np.random.default_rng(3)
    stack = np.concatenate(
        [
            simulated_correlations(rng, 150, 12, 30),
            resampled_correlations(rng, bfi.iloc[:200, :12].to_numpy(), 10),
        ]
    )
    values, _ = one_factor_values(stack)
    iu = np.triu_indices(12, 1)
    for j in range(0, 40, 4):
        ref = extract(stack[j], 1, "minres")  # psych's L-BFGS-B fit: agrees to its tolerance
        np.testing.assert_allclose(values[j], ref.values, atol=1e-3)
        if ref.communalities.max() < 0.99:  # interior: a tight direct ULS fit agrees closely
            r = stack[j]
            fit = minimize(
                lambda ld, r=r: np.sum((r[iu] - np.outer(ld, ld)[iu]) ** 2),
                ref.loadings[:, 0],
                method="BFGS",
                options={"gtol": 1e-12},
            )
            s = r.copy()
            np.fill_diagonal(s, fit.x**2)
            np.testing.assert_allclose(values[j], np.linalg.eigvalsh(s)[::-1], atol=1e-7)


def test_one_factor_values_hold_heywood_draws_at_psychs_bound():
    # with many variables, some random matrices have their one-factor minimum beyond psych's
    # bound (psych stops at a uniqueness of .005): the batched fit holds the variable there
    # instead of handing the matrix to the slow reference fit, and agrees with it
    stack = simulated_correlations(np.random.default_rng(3), 2800, 25, 50)
    values, n_fallback = one_factor_values(stack)
    assert n_fallback <= 1
    heywood = 0
    for j in range(len(stack)):
        ref = extract(stack[j], 1, "minres")
        if ref.communalities.max() > 0.99:
            heywood += 1
            np.testing.assert_allclose(values[j], ref.values, atol=1e-4)
    assert heywood >= 2


def test_parallel_analysis_of_bfi_needs_few_fallback_fits(bfi25_result):
    assert bfi25_result.n_fallback_fits <= 2  # of 2,000 one-factor fits


@pytest.mark.parametrize(("n", "p"), [(200, 6), (5, 8)])
def test_simulated_correlations_distribution(n, p):
    # null bivariate normal: E[r] = 0, E[r^2] = 1/(n-1); both the Wishart (n-1 >= p) and the
    # direct branch (n-1 < p)
    rng = np.random.default_rng(11)
    stack = simulated_correlations(rng, n, p, 4000)
    r = stack[:, np.triu_indices(p, 1)[0], np.triu_indices(p, 1)[1]].ravel()
    assert np.allclose(np.diagonal(stack, axis1=1, axis2=2), 1.0)
    assert abs(r.mean()) < 5 * r.std() / np.sqrt(r.size / p)
    se = np.std(r**2) / np.sqrt(4000)
    assert abs(np.mean(r**2) - 1 / (n - 1)) < 5 * se


def test_resampled_correlations_are_pairwise_bootstraps():
    rng = np.random.default_rng(5)
    x = rng.integers(1, 7, size=(60, 4)).astype(float)
    x[rng.random(x.shape) < 0.1] = np.nan
    stack = resampled_correlations(np.random.default_rng(9), x, 3)
    # the same draws by hand: psych samples every column with replacement
    gen = np.random.default_rng(9)
    rows = gen.integers(0, 60, size=(3, 60, 4))
    for k in range(3):
        np.testing.assert_allclose(stack[k], pairwise_corr(x[rows[k], np.arange(4)]), atol=1e-12)


@pytest.mark.parametrize("kind", ["continuous", "large integers"])
def test_resampled_correlations_in_double_precision(kind):
    # data that are not small integers are centred and summed in double precision
    rng = np.random.default_rng(6)
    x = rng.normal(size=(70, 5)) * 0.37 + 4.0
    if kind == "large integers":  # sums of products beyond single precision's exact range
        x = np.rint(x * 1000.0)
    x[rng.random(x.shape) < 0.1] = np.nan
    stack = resampled_correlations(np.random.default_rng(9), x, 3)
    rows = np.random.default_rng(9).integers(0, 70, size=(3, 70, 5))
    for k in range(3):
        np.testing.assert_allclose(stack[k], pairwise_corr(x[rows[k], np.arange(5)]), atol=1e-12)


def test_correlation_matrix_input(bfi):
    R = pd.DataFrame(
        pairwise_corr(bfi.iloc[:, :10].to_numpy()), index=bfi.columns[:10], columns=bfi.columns[:10]
    )
    res = parallel_analysis(R, n_obs=2800, n_iter=100, kind="pc", seed=1)
    assert not res.resampled
    assert res.table["resampled_pc"].isna().all()
    assert res.suggested_factors is None
    assert (
        res.suggested_components
        == parallel_analysis(bfi.iloc[:, :10], n_iter=100, kind="pc", seed=1).suggested_components
    )
    with pytest.raises(ValueError, match="n_obs"):
        parallel_analysis(R)


def test_summary_and_frame(bfi):
    res = parallel_analysis(bfi.iloc[:300, :8], n_iter=20, kind="both", seed=1)
    assert "Parallel analysis" in str(res)
    assert res.to_frame().shape == (8, len(TABLE_COLUMNS))


@pytest.mark.parametrize(
    ("kwargs", "err"),
    [
        ({"kind": "pca"}, ValueError),
        ({"n_iter": 0}, ValueError),
        ({"quantile": 1.0}, ValueError),
        ({"seed": 1.5}, TypeError),
        ({"n_obs": 10}, ValueError),
    ],
)
def test_bad_input(bfi, kwargs, err):
    with pytest.raises(err):
        parallel_analysis(bfi.iloc[:50, :5], **kwargs)


def test_resampled_correlations_do_not_depend_on_threads():
    rng = np.random.default_rng(3)
    x = rng.integers(1, 7, size=(80, 5)).astype(float)
    x[rng.random(x.shape) < 0.3] = np.nan  # many missing: some draws redrawn
    one = resampled_correlations(np.random.default_rng(4), x, 40, threads=1)
    three = resampled_correlations(np.random.default_rng(4), x, 40, threads=3)
    np.testing.assert_array_equal(one, three)
    assert not np.isnan(one).any()
