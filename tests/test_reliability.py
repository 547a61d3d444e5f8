"""Tests for vaikuttavuus.reliability.cronbach_alpha (golden values: tests/reference/fixtures_alpha.R)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pingouin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from vaikuttavuus._alpha import pairwise_cov, raw_alpha_from_cov
from vaikuttavuus._bootstrap import _jackknife, _Moments, bootstrap_alpha
from vaikuttavuus.reliability import AlphaResult, NegativeItemWarning, cronbach_alpha

TOL = 1e-6

CASES = {
    # fixture name: (items, reversed items, nan_policy)
    "alpha_bfi_A": (["A1", "A2", "A3", "A4", "A5"], ["A1"], "pairwise"),
    "alpha_bfi_C": (["C1", "C2", "C3", "C4", "C5"], ["C4", "C5"], "pairwise"),
    "alpha_bfi_N": (["N1", "N2", "N3", "N4", "N5"], [], "pairwise"),
    "alpha_bfi_A_listwise": (["A1", "A2", "A3", "A4", "A5"], ["A1"], "listwise"),
    "alpha_bfi_C_listwise": (["C1", "C2", "C3", "C4", "C5"], ["C4", "C5"], "listwise"),
    "alpha_bfi_N_listwise": (["N1", "N2", "N3", "N4", "N5"], [], "listwise"),
    "alpha_bfi_two_items": (["A2", "A3"], [], "pairwise"),
}

TOTAL_FIELDS = {
    "raw_alpha": "alpha",
    "std.alpha": "std_alpha",
    "G6(smc)": "g6",
    "average_r": "average_r",
    "S/N": "s_n",
    "ase": "ase",
    "mean": "mean",
    "sd": "sd",
    "median_r": "median_r",
}
DROP_COLUMNS = {
    "raw_alpha": "alpha_if_deleted",
    "std.alpha": "std_alpha_if_deleted",
    "G6(smc)": "g6_if_deleted",
    "average_r": "average_r_if_deleted",
    "S/N": "s_n_if_deleted",
    "alpha se": "alpha_se_if_deleted",
    "var.r": "var_r_if_deleted",
    "med.r": "median_r_if_deleted",
}
STATS_COLUMNS = {
    "n": "n",
    "raw.r": "r_raw",
    "std.r": "r_std",
    "r.cor": "r_cor",
    "r.drop": "r_drop",
    "mean": "mean",
    "sd": "sd",
}


def _strip_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """psych marks reversed items with a trailing '-' in the row names."""
    return frame.rename(index=lambda s: s.rstrip("-"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_psych_alpha(name, bfi, expected):
    items, rev, policy = CASES[name]
    fx = expected(name)["values"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", NegativeItemWarning)  # correctly keyed: no warning
        res = cronbach_alpha(bfi, items, reverse=rev, nan_policy=policy)

    # psych's n is nrow(x); ours leaves out rows where every item is missing (they carry no
    # information). psych's ase = sqrt(Q / n) is rescaled to our n; its Q is the golden part.
    n_ratio = fx["n_obs"] / fx["n_nonempty"]
    for r_name, ours in TOTAL_FIELDS.items():
        want = fx["total"][r_name] * (np.sqrt(n_ratio) if r_name == "ase" else 1.0)
        assert getattr(res, ours) == pytest.approx(want, abs=TOL), r_name
    if fx["var_r"] is None:  # R's var() of a single correlation is NA
        assert np.isnan(res.var_r)
    else:
        assert res.var_r == pytest.approx(fx["var_r"], abs=TOL)
    assert res.n == fx["n_nonempty"]
    assert res.k == len(items)
    assert res.ci_method == "feldt"
    assert res.ci_low == pytest.approx(fx["feldt_nonempty"]["lower.ci"], abs=TOL)
    assert res.ci_high == pytest.approx(fx["feldt_nonempty"]["upper.ci"], abs=TOL)
    if fx["n_nonempty"] == fx["n_obs"]:  # no empty rows: psych's own Feldt line
        assert res.ci_low == pytest.approx(fx["feldt_low"], abs=TOL)
        assert res.ci_high == pytest.approx(fx["feldt_high"], abs=TOL)

    drop = _strip_keys(fx["alpha_drop"])
    item_stats = _strip_keys(fx["item_stats"])
    assert list(drop.index) == items == list(res.item_stats.index)
    for r_col, ours in DROP_COLUMNS.items():
        if len(items) == 2:  # psych's alpha.drop holds C12/C22, r12, ... (no alpha of 1 item)
            assert res.item_stats[ours].isna().all()
            continue
        want = drop[r_col] * (np.sqrt(n_ratio) if r_col == "alpha se" else 1.0)
        np.testing.assert_allclose(res.item_stats[ours], want, atol=TOL, err_msg=r_col)
    for r_col, ours in STATS_COLUMNS.items():
        np.testing.assert_allclose(
            res.item_stats[ours].astype(float), item_stats[r_col], atol=TOL, err_msg=r_col
        )

    if fx["n_nonempty"] != fx["n_obs"]:
        return  # the 90% golden interval uses psych's n
    res90 = cronbach_alpha(bfi, items, reverse=rev, nan_policy=policy, confidence=0.90)
    assert res90.ci_low == pytest.approx(fx["feldt90"]["lower.ci"], abs=TOL)
    assert res90.ci_high == pytest.approx(fx["feldt90"]["upper.ci"], abs=TOL)


def test_warns_about_items_that_should_be_reversed(bfi):
    with pytest.warns(NegativeItemWarning, match="'A1'"):
        res = cronbach_alpha(bfi, ["A1", "A2", "A3", "A4", "A5"])
    assert res.item_stats.loc["A1", "r_drop"] < 0


def test_result_shape_and_summary(bfi):
    res = cronbach_alpha(bfi, ["A1", "A2", "A3", "A4", "A5"], reverse=["A1"])
    assert isinstance(res, AlphaResult)
    frame = res.to_frame()
    assert frame.shape[0] == 1
    for col in ("alpha", "std_alpha", "g6", "average_r", "median_r", "ci_low", "ci_high", "n"):
        assert col in frame.columns
    required = [
        "alpha_if_deleted",
        "std_alpha_if_deleted",
        "g6_if_deleted",
        "average_r_if_deleted",
        "r_raw",
        "r_std",
        "r_cor",
        "r_drop",
        "mean",
        "sd",
        "n",
    ]
    assert set(required) <= set(res.item_stats.columns)
    text = str(res.summary())
    assert "inferred from observed min/max" in text
    assert "A1" in text and "Item statistics" in text
    assert "<table>" in res._repr_html_()
    given_scale = cronbach_alpha(bfi, ["A1", "A2", "A3"], reverse=["A1"], scale=(1, 6))
    assert given_scale.scale_source == "given"
    assert "given" in str(given_scale)


def test_listwise_n_is_complete_rows_and_matches_pingouin_point_estimate(bfi):
    items = ["C1", "C2", "C3", "C4", "C5"]
    complete = bfi[items].dropna()
    res = cronbach_alpha(bfi, items, reverse=["C4", "C5"], nan_policy="listwise")
    assert res.n == len(complete) < len(bfi)
    keyed = bfi[items].assign(C4=7 - bfi["C4"], C5=7 - bfi["C5"])
    peer, _ = pingouin.cronbach_alpha(keyed, nan_policy="listwise")
    assert res.alpha == pytest.approx(peer, abs=1e-12)
    # Feldt with the n actually used (complete rows), computed here from the F quantiles.
    f_hi = stats.f.ppf(0.975, len(complete) - 1, (len(complete) - 1) * 4)
    assert res.ci_low == pytest.approx(1 - (1 - res.alpha) * f_hi, abs=1e-12)
    # pingouin's interval uses n before the deletion (2800 rows), hence it is too narrow.
    _, peer_ci = pingouin.cronbach_alpha(keyed, nan_policy="listwise", ci=0.95)
    f_all = stats.f.ppf(0.975, len(bfi) - 1, (len(bfi) - 1) * 4)
    assert peer_ci[0] == pytest.approx(1 - (1 - peer) * f_all, abs=5e-4)  # pingouin rounds
    assert res.ci_high - res.ci_low > peer_ci[1] - peer_ci[0]


def test_pairwise_n_drops_only_rows_without_any_item(bfi):
    items = ["A2", "A3", "A4"]
    data = bfi[items].copy()
    data.loc[len(data)] = np.nan  # an empty row adds no information
    res = cronbach_alpha(data, items)
    assert res.n == bfi[items].notna().any(axis=1).sum()
    full = cronbach_alpha(bfi, items)
    assert res.alpha == pytest.approx(full.alpha, abs=1e-14)


def test_reverse_equals_manual_recoding(bfi):
    items = ["A1", "A2", "A3", "A4", "A5"]
    manual = bfi[items].copy()
    manual["A1"] = 7 - manual["A1"]
    ours = cronbach_alpha(bfi, items, reverse=["A1"], scale=(1, 6))
    ref = cronbach_alpha(manual, items)
    assert ours.alpha == pytest.approx(ref.alpha, abs=1e-12)
    assert ours.item_stats.loc["A1", "mean"] == pytest.approx(manual["A1"].mean(), abs=1e-12)
    # A wider given scale shifts the reversed item's mean but not alpha.
    wide = cronbach_alpha(bfi, items, reverse=["A1"], scale=(0, 7))
    assert wide.alpha == pytest.approx(ours.alpha, abs=1e-12)
    assert wide.item_stats.loc["A1", "mean"] == pytest.approx(manual["A1"].mean(), abs=1e-12)
    wider = cronbach_alpha(bfi, items, reverse=["A1"], scale=(1, 7))
    assert wider.item_stats.loc["A1", "mean"] == pytest.approx(manual["A1"].mean() + 1, abs=1e-12)


def test_pairwise_covariance_matches_pandas(bfi):
    x = bfi[["A1", "A2", "C1", "N3"]]
    np.testing.assert_allclose(pairwise_cov(x.to_numpy()), x.cov().to_numpy(), atol=1e-12)


# --- bootstrap ----------------------------------------------------------------------------


def _likert(n: int, k: int, seed: int, missing: float = 0.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 1))
    x = np.clip(np.rint(3.5 + 1.1 * (0.7 * latent + 0.7 * rng.normal(size=(n, k)))), 1, 6)
    if missing:
        x[rng.random(x.shape) < missing] = np.nan
    return pd.DataFrame(x, columns=[f"q{i + 1}" for i in range(k)])


def _alpha_rows(x: np.ndarray) -> np.ndarray:
    """Raw alpha of complete data, vectorised over leading axes: x is (..., n, k)."""
    xc = x - x.mean(axis=-2, keepdims=True)
    cov = np.einsum("...ni,...nj->...ij", xc, xc) / (x.shape[-2] - 1)
    return raw_alpha_from_cov(cov)


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_bootstrap_is_deterministic_with_seed(method):
    df = _likert(150, 6, seed=1)
    a = cronbach_alpha(df, ci=method, n_boot=2000, seed=42)
    b = cronbach_alpha(df, ci=method, n_boot=2000, seed=42)
    c = cronbach_alpha(df, ci=method, n_boot=2000, seed=43)
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)
    assert (a.ci_low, a.ci_high) != (c.ci_low, c.ci_high)
    assert a.ci_low < a.alpha < a.ci_high
    assert a.n_boot == 2000 and a.ci_method == method


def test_bootstrap_resamples_equal_naive_loop_pairwise():
    """The W @ P batching gives exactly R's cov(use="pairwise") alpha of each resample."""
    df = _likert(120, 5, seed=3, missing=0.1)
    x = df.to_numpy()
    res = bootstrap_alpha(
        x,
        n_boot=200,
        confidence=0.95,
        method="percentile",
        rng=np.random.default_rng(5),
        pairwise=True,
    )
    idx = np.random.default_rng(5).integers(0, len(x), size=(200, len(x)))
    naive = [raw_alpha_from_cov(pairwise_cov(x[i])) for i in idx]
    np.testing.assert_allclose(res.distribution, naive, atol=1e-12)
    naive_jack = [raw_alpha_from_cov(pairwise_cov(np.delete(x, r, axis=0))) for r in range(len(x))]
    np.testing.assert_allclose(_jackknife(_Moments(x, True)), naive_jack, atol=1e-12)


def test_jackknife_complete_data_equals_naive_loop():
    x = _likert(80, 4, seed=9).to_numpy()
    naive = [_alpha_rows(np.delete(x, r, axis=0)) for r in range(len(x))]
    np.testing.assert_allclose(_jackknife(_Moments(x, False)), naive, atol=1e-12)


def _scipy_ci(x: np.ndarray, method: str, n_boot: int, seed: int):
    idx = np.arange(len(x))

    def stat(i, axis=-1):
        return _alpha_rows(x[i])

    return stats.bootstrap(
        (idx,),
        stat,
        vectorized=True,
        n_resamples=n_boot,
        method=method,
        confidence_level=0.95,
        rng=np.random.default_rng(seed),
    )


@pytest.mark.parametrize("method", ["percentile", "bca"])
def test_bootstrap_matches_scipy_same_resamples(method):
    """Same seed -> the same index draws as scipy.stats.bootstrap (rng.integers(0, n, (B, n))),
    so the two intervals agree to rounding error, which checks the z0/acceleration formulas."""
    df = _likert(200, 5, seed=11)
    ours = cronbach_alpha(df, ci=method, n_boot=3000, seed=7)
    ref = _scipy_ci(df.to_numpy(), method, 3000, seed=7)
    assert ours.ci_low == pytest.approx(ref.confidence_interval.low, abs=1e-10)
    assert ours.ci_high == pytest.approx(ref.confidence_interval.high, abs=1e-10)


def test_bca_agrees_with_scipy_on_different_resamples():
    """Different seeds -> different resamples, so the bounds differ by Monte Carlo error only.

    The SE of a bootstrap quantile q_p from B resamples is sqrt(p(1-p)/B) / f(q_p); with a
    near-normal bootstrap distribution of SD s, f(q_0.025) = phi(1.96)/s = 0.058/s, so
    SE = 0.0270 s for B = 10,000 and the difference of two independent runs has SE 0.038 s.
    We allow 5 such SEs (0.19 s); BCa levels move a little from 2.5% but this stays a bound.
    """
    df = _likert(300, 6, seed=21)
    x = df.to_numpy()
    ours = cronbach_alpha(df, ci="bca", n_boot=10_000, seed=1)
    ref = _scipy_ci(x, "BCa", 10_000, seed=2)
    s = ref.standard_error
    tol = 5 * np.sqrt(2) * np.sqrt(0.025 * 0.975 / 10_000) / (stats.norm.pdf(1.96) / s)
    assert ours.ci_low == pytest.approx(ref.confidence_interval.low, abs=tol)
    assert ours.ci_high == pytest.approx(ref.confidence_interval.high, abs=tol)


def test_bootstrap_listwise_uses_complete_rows():
    df = _likert(150, 4, seed=4, missing=0.05)
    ours = cronbach_alpha(df, ci="percentile", nan_policy="listwise", n_boot=1000, seed=3)
    complete = df.dropna()
    assert ours.n == len(complete)
    ref = _scipy_ci(complete.to_numpy(), "percentile", 1000, seed=3)
    assert ours.ci_low == pytest.approx(ref.confidence_interval.low, abs=1e-10)


# --- properties ---------------------------------------------------------------------------

likert_frames = st.integers(min_value=0, max_value=10_000).map(
    lambda s: _likert(40, 4, seed=s, missing=0.05)
)


@settings(max_examples=30, deadline=None)
@given(likert_frames, st.permutations(range(4)))
def test_alpha_invariant_to_item_order(df, order):
    base = cronbach_alpha(df)
    cols = [df.columns[i] for i in order]
    perm = cronbach_alpha(df[cols])
    for f in ("alpha", "std_alpha", "g6", "average_r", "median_r", "ci_low", "ci_high"):
        assert getattr(perm, f) == pytest.approx(getattr(base, f), abs=1e-10)
    pd.testing.assert_frame_equal(perm.item_stats.loc[base.item_stats.index], base.item_stats)


@settings(max_examples=30, deadline=None)
@given(
    likert_frames,
    st.floats(min_value=0.01, max_value=100.0),
    st.floats(min_value=-100.0, max_value=100.0),
)
def test_alpha_invariant_to_common_linear_rescaling(df, a, b):
    base = cronbach_alpha(df)
    scaled = cronbach_alpha(a * df + b)
    for f in ("alpha", "std_alpha", "g6", "average_r", "ci_low", "ci_high"):
        assert getattr(scaled, f) == pytest.approx(getattr(base, f), abs=1e-9)


# --- validation ---------------------------------------------------------------------------


@pytest.fixture
def small():
    return _likert(30, 4, seed=0)


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"items": ["q1", "nope"]}, ValueError, "not in data"),
        ({"items": ["q1"]}, ValueError, "at least 2"),
        ({"reverse": ["q9"]}, ValueError, "not among the items"),
        ({"items": ["q1", "q2"], "reverse": ["q3"]}, ValueError, "not among the items"),
        ({"nan_policy": "drop"}, ValueError, "nan_policy"),
        ({"ci": "normal"}, ValueError, "ci="),
        ({"confidence": 1.5}, ValueError, "confidence"),
        ({"confidence": "0.95"}, TypeError, "confidence"),
        ({"n_boot": 10}, ValueError, "n_boot"),
        ({"n_boot": 1000.0}, TypeError, "n_boot"),
        ({"seed": "abc"}, TypeError, "seed"),
        ({"scale": (1, 5)}, ValueError, r"outside the response scale.*1 to 5"),
        ({"scale": (6, 1)}, ValueError, "min < max"),
        ({"scale": 6}, TypeError, "pair"),
    ],
)
def test_validation_errors(small, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        cronbach_alpha(small, **kwargs)


def test_validation_data_problems(small):
    text = small.assign(q2=small["q2"].astype(str))
    with pytest.raises(ValueError, match="non-numeric"):
        cronbach_alpha(text)
    with pytest.raises(ValueError, match="constant"):
        cronbach_alpha(small.assign(q3=2.0))
    with pytest.raises(ValueError, match="row"):
        cronbach_alpha(small.iloc[:2])
    with pytest.raises(TypeError, match="DataFrame"):
        cronbach_alpha([[1, 2], [3, 4]])
    holes = small.copy()
    holes.loc[:, "q1"] = np.nan
    holes.loc[:2, "q1"] = [1.0, 2.0, 3.0]
    holes.loc[:2, "q2"] = np.nan
    with pytest.raises(ValueError, match="fewer than 2 rows where both"):
        cronbach_alpha(holes)
    with pytest.raises(ValueError, match="rows used under nan_policy='listwise'"):
        cronbach_alpha(holes, nan_policy="listwise")
    bad = small.copy()
    bad.loc[0, "q4"] = 9
    with pytest.raises(ValueError, match="'q4'"):
        cronbach_alpha(bad, scale=(1, 6))
