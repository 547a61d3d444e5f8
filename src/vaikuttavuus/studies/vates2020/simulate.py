"""Simulated Vates 2020 survey data from the calibrated latent model.

Model (all parameters in ``calibrated.json``, see :class:`~.model.ModelParams`):

1. Four correlated normal factors ``F ~ N(0, Phi)``.
2. 31 latent responses ``y_i = Lambda_i F + sqrt(1 - h2_i) u_i`` with standard normal unique
   parts ``u_i``; 26 items load on one factor each (no cross-loadings), the five unpublished
   statements (v27..v31) have two small loadings each so that no factor claims them.
3. Likert 1..5 by common thresholds (default ``Phi^-1`` of cumulative .05/.17/.42/.80: an
   agree-skewed distribution 5/12/25/38/20 %, typical of staff self-assessments; the slides do
   not give the distributions).
4. Progression shares: five logits ``eta = intercepts + B F + G u_(v24..v27) + noise``,
   ``softmax`` to per-respondent shares, rounded to multiples of 5 % summing to exactly 100
   (largest-remainder rounding), as respondents' estimates of where their clients go.
5. Missingness reproducing the published pairwise N: at n = 168, 6 respondents skip the
   progression block and, among the others, 7/1/3/0 skip the statements of factor 1/2/3/4
   (a whole block missing), so factor score x progression pairs have N = 155/161/159/162
   whatever rule the scale score uses. For other n the counts are scaled by n / 168.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from vaikuttavuus._validation import check_int
from vaikuttavuus.studies.vates2020.instrument import scale_items
from vaikuttavuus.studies.vates2020.model import ModelParams, load_params

__all__ = [
    "simulate",
    "simulate_arrays",
    "draw_latent",
    "likert_from_latent",
    "shares_from_latent",
    "missing_counts",
    "round_shares",
]


def round_shares(p: np.ndarray, step: int = 5) -> np.ndarray:
    """Round rows of proportions to multiples of ``step`` percent that sum to exactly 100.

    Largest-remainder (Hamilton) rounding; ties go to the earlier column.

    Examples
    --------
    >>> round_shares(np.array([[0.33, 0.33, 0.34]]), 5).tolist()
    [[35.0, 30.0, 35.0]]
    """
    units = 100 // step
    raw = np.asarray(p, dtype=float) * units
    base = np.floor(raw)
    left = (units - base.sum(axis=1)).astype(int)
    frac = raw - base
    order = np.argsort(-frac, axis=1, kind="stable")
    rank = np.empty_like(order)
    rows = np.arange(p.shape[0])[:, None]
    rank[rows, order] = np.arange(p.shape[1])[None, :]
    base += rank < left[:, None]
    return base * step


def missing_counts(n: int, params: ModelParams | None = None) -> dict[str, int]:
    """Number of respondents skipping each block at sample size ``n`` (scaled from 168)."""
    params = load_params() if params is None else params
    scale = n / params.missing_reference_n
    out = {"progression": round(params.missing_progression * scale)}
    for k, v in params.missing_scales.items():
        out[f"scale_{k}"] = round(v * scale)
    return out


def draw_latent(
    n: int, rng: np.random.Generator, params: ModelParams
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw the latent factors (n x 4), unique parts (n x 31) and logit noise (n x 5)."""
    chol = np.linalg.cholesky(params.phi)
    f = rng.standard_normal((n, params.phi.shape[0])) @ chol.T
    u = rng.standard_normal((n, params.loadings.shape[0]))
    eps = rng.standard_normal((n, len(params.outcomes)))
    return f, u, eps


def likert_from_latent(f: np.ndarray, u: np.ndarray, params: ModelParams) -> np.ndarray:
    """Latent responses cut into 1..5 by the common thresholds."""
    lam = params.loadings
    h2 = np.einsum("ij,jk,ik->i", lam, params.phi, lam)
    y = f @ lam.T + u * np.sqrt(np.clip(1.0 - h2, 0.0, None))
    return 1.0 + (y[:, :, None] > params.thresholds[None, None, :]).sum(axis=2)


def shares_from_latent(
    f: np.ndarray, u: np.ndarray, eps: np.ndarray, params: ModelParams
) -> np.ndarray:
    """Progression shares (percent, multiples of ``share_step``) from the latent draws."""
    idx = [params.items.index(i) for i in params.unique_items]
    eta = (
        params.intercepts[None, :]
        + f @ params.factor_weights.T
        + u[:, idx] @ params.unique_weights.T
        + params.noise_sd * eps
    )
    eta -= eta.max(axis=1, keepdims=True)
    prob = np.exp(eta)
    prob /= prob.sum(axis=1, keepdims=True)
    return round_shares(prob, params.share_step)


def simulate_arrays(
    n: int, rng: np.random.Generator, params: ModelParams, *, missing: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` respondents; return (Likert n x 31 float, shares n x 5 float) with NaNs.

    The random stream is consumed in a fixed order (factors, unique parts, logit noise,
    missingness), so a seed gives the same data for any parameters of the same shapes
    (common random numbers for calibration).
    """
    f, u, eps = draw_latent(n, rng, params)
    x = likert_from_latent(f, u, params)
    shares = shares_from_latent(f, u, eps, params)
    if missing:
        counts = missing_counts(n, params)
        order = rng.permutation(n)
        n_prog = counts["progression"]
        shares[order[:n_prog]] = np.nan
        answered = order[n_prog:]
        for k, items in scale_items().items():
            c = min(counts[f"scale_{k}"], answered.size)
            if c == 0:
                continue
            rows = rng.choice(answered, size=c, replace=False)
            cols = [params.items.index(i) for i in items]
            x[np.ix_(rows, cols)] = np.nan
    return x, shares


def simulate(
    n: int = 168,
    seed: int | np.random.SeedSequence | np.random.Generator | None = 2020,
    *,
    params: ModelParams | None = None,
    missing: bool = True,
) -> pd.DataFrame:
    """Simulate the Vates 2020 staff survey from the calibrated model.

    Parameters
    ----------
    n : int
        Number of respondents (published: 168).
    seed : int, SeedSequence or Generator
        Seed of the numpy ``Generator`` (PCG64); the same seed gives identical data.
    params : ModelParams, optional
        Model parameters; default the committed calibration (``calibrated.json``).
    missing : bool
        Apply the missingness pattern that reproduces the published pairwise N.

    Returns
    -------
    pandas.DataFrame
        ``n`` rows: ``respondent`` (1..n), the 31 statements ``v01..v31`` (1..5, NaN when
        skipped; float) and the shares ``p_open, p_education, p_services,
        p_unemployment, p_other`` (percent, multiples of 5, summing to 100; NaN when skipped).

    References
    ----------
    Likert, R. (1932). A technique for the measurement of attitudes. Archives of Psychology,
    22(140), 1-55.
    Olsson, U. (1979). Maximum likelihood estimation of the polychoric correlation
    coefficient. Psychometrika, 44, 443-460 (ordinal answers as a thresholded latent normal).
    O'Neill, M. E. (2014). PCG: A family of simple fast space-efficient statistically good
    algorithms for random number generation. Technical report HMC-CS-2014-0905, Harvey Mudd
    College.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import simulate
    >>> df = simulate(168, seed=1)
    >>> df.shape
    (168, 37)
    >>> int(df["p_open"].notna().sum()), int(df["v01"].notna().sum())
    (162, 161)
    >>> bool((df.filter(like="p_").dropna().sum(axis=1) == 100).all())
    True
    """
    n = check_int("n", n, minimum=10)
    params = load_params() if params is None else params
    rng = np.random.default_rng(seed)
    x, shares = simulate_arrays(n, rng, params, missing=missing)
    frame = pd.DataFrame(x, columns=list(params.items))
    frame.insert(0, "respondent", np.arange(1, n + 1))
    for j, name in enumerate(params.outcomes):
        frame[name] = shares[:, j]
    return frame
