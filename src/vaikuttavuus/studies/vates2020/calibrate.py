"""Calibration of the latent model so that the package's own analysis reproduces the slides.

Discretisation to 1..5 attenuates correlations, so the latent parameters cannot be copied
from the published figures. :func:`calibrate` iterates: simulate a large sample (common random
numbers) -> analyse it with the reproduction's own steps (``vaikuttavuus.factor.efa``,
``scales.scale_scores``, ``correlation.corr_test``) -> adjust the latent parameters -> repeat.

* Measurement: each latent primary loading is scaled by published / reproduced; the factor
  correlations ``Phi`` and the common size ``c`` of the non-loading statements' two loadings
  are solved so that the eigenvalues of ``Lambda Phi Lambda'`` hit an adjusted target for the
  extraction sums of squares (published % x 31 / 100, shifted by the gap still seen in the
  reproduction). ``Phi >= 0`` (all factors relate positively to the open labour market) with
  a small ridge toward 0: the least correlated factors consistent with the published variance.
* Progression: intercepts, factor weights and item-specific weights of the logits are solved
  by Gauss-Newton with a finite-difference Jacobian (same random numbers), Broyden updates
  and backtracking, for the
  targets: the 16 published cells (0 for n.s. cells), the item-level hypothesis targets
  (:data:`ITEM_TARGETS`) and the assumed mean shares (:data:`MEAN_SHARES`).

Run ``python -m vaikuttavuus.studies.vates2020.calibrate`` to rewrite ``calibrated.json``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import least_squares
from scipy.stats import norm

from vaikuttavuus.correlation import corr_test
from vaikuttavuus.studies.vates2020 import _analysis as A
from vaikuttavuus.studies.vates2020._threads import single_thread
from vaikuttavuus.studies.vates2020.instrument import OUTCOMES, item_ids
from vaikuttavuus.studies.vates2020.model import ModelParams
from vaikuttavuus.studies.vates2020.published import published_correlations, published_variance
from vaikuttavuus.studies.vates2020.simulate import (
    draw_latent,
    likert_from_latent,
    shares_from_latent,
    simulate,
)

__all__ = [
    "MEAN_SHARES",
    "ITEM_TARGETS",
    "RESPONSE_PROBS",
    "CROSS_LOADERS",
    "initial_params",
    "correlation_targets",
    "measurement_error",
    "progression_error",
    "calibrate",
]

#: Assumed mean shares (%) of clients per destination; the pie chart's numbers are not legible
#: in the OCR (seed lines 1113-1134), so these are plausible values, not published figures.
MEAN_SHARES: dict[str, float] = {
    "p_open": 15.0,
    "p_education": 10.0,
    "p_services": 40.0,
    "p_unemployment": 20.0,
    "p_other": 15.0,
}
#: Assumed response distribution of every statement (1..5), agree-skewed.
RESPONSE_PROBS = (0.05, 0.12, 0.25, 0.38, 0.20)
#: Item-level targets for the hypotheses (r in the population, Pearson). H1's v26 and H3's
#: v24 must be n.s. while factor 4's score correlates .230 with the open labour market and
#: v25 is "weak" (< .30): the sum identity of the three items leaves about .12 for v24/v26.
#: H2's placeholder v27 gets a "weak" .22 with both destinations.
ITEM_TARGETS: dict[tuple[str, str], float] = {
    ("v24", "p_open"): 0.12,
    ("v25", "p_open"): 0.28,
    ("v26", "p_open"): 0.12,
    ("v26", "p_education"): 0.0,
    ("v27", "p_open"): 0.22,
    ("v27", "p_education"): 0.22,
}
#: The five unpublished statements load on two factors each (first loading c, second .85 c).
CROSS_LOADERS: dict[str, tuple[int, int]] = {
    "v27": (3, 4),
    "v28": (1, 2),
    "v29": (2, 3),
    "v30": (1, 4),
    "v31": (3, 1),
}
_IU = np.triu_indices(4, 1)
_UNIQUE = ("v24", "v25", "v26", "v27")


def correlation_targets() -> pd.DataFrame:
    """Population targets of the 16 cells: the published r, 0 for n.s. cells."""
    pc = published_correlations()
    pc["target"] = pc["r"].fillna(0.0)
    return pc


def _variance_target() -> np.ndarray:
    return published_variance()["percent"].to_numpy() * 31 / 100


def _build_measurement(primary: np.ndarray, rho: np.ndarray, c: float) -> tuple:
    pattern = A.published_pattern().to_numpy() > 0
    lam = np.zeros((31, 4))
    lam[pattern] = primary
    ids = item_ids()
    for item, (a, b) in CROSS_LOADERS.items():
        lam[ids.index(item), a - 1] = c
        lam[ids.index(item), b - 1] = 0.85 * c
    phi = np.eye(4)
    phi[_IU] = rho
    phi.T[_IU] = rho
    return lam, phi


def _solve_phi(primary: np.ndarray, ss_target: np.ndarray, start: np.ndarray) -> tuple:
    def res(par: np.ndarray) -> np.ndarray:
        lam, phi = _build_measurement(primary, par[:6], par[6])
        ev = np.sort(np.linalg.eigvalsh(lam @ phi @ lam.T))[::-1][:4]
        return np.r_[ev - ss_target, 0.02 * par[:6]]

    lo, hi = np.r_[np.zeros(6), 0.0], np.r_[np.full(6, 0.9), 0.7]
    sol = least_squares(res, np.clip(start, lo + 1e-6, hi - 1e-6), bounds=(lo, hi))
    return sol.x[:6], float(sol.x[6])


def initial_params() -> ModelParams:
    """Uncalibrated starting point: published loadings as latent loadings, Phi from the
    published variance, logit intercepts from :data:`MEAN_SHARES`, no links."""
    pattern = A.published_pattern().to_numpy()
    primary = pattern[pattern > 0]
    rho, c = _solve_phi(primary, _variance_target(), np.r_[np.full(6, 0.2), 0.3])
    lam, phi = _build_measurement(primary, rho, c)
    cum = np.cumsum(RESPONSE_PROBS)[:-1]
    shares = np.array([MEAN_SHARES[k] for k in OUTCOMES]) / 100
    return ModelParams(
        items=tuple(item_ids()),
        loadings=lam,
        phi=phi,
        thresholds=norm.ppf(cum),
        outcomes=tuple(OUTCOMES),
        intercepts=np.log(shares / shares[-1]),
        factor_weights=np.zeros((5, 4)),
        unique_items=_UNIQUE,
        unique_weights=np.zeros((5, len(_UNIQUE))),
        meta={"primary": primary.tolist(), "rho": rho.tolist(), "c": c},
    )


def measurement_error(
    params: ModelParams, n: int, seed: int, *, method: str, rotation: str
) -> dict[str, Any]:
    """Reproduced minus published loadings (26) and extraction % (4) at sample size n."""
    data = simulate(n, seed, params=params, missing=False)
    fig = A.efa_figures(A.fit_efa(data, method=method, rotation=rotation))
    pattern = A.published_pattern()
    mask = pattern.to_numpy() > 0
    rep = fig["loadings"].to_numpy()[mask]
    return {
        "loading_diff": rep - pattern.to_numpy()[mask],
        "reproduced": rep,
        "variance_diff": fig["extraction_pct"] - published_variance()["percent"].to_numpy(),
        "extraction_pct": fig["extraction_pct"],
    }


# Progression parameters: intercepts 0..3 (p_other fixed at 0), factor weights for rows 0..3
# (p_other row 0) and the item-specific weights listed in ITEM_TARGETS.
def _unpack(params: ModelParams, theta: np.ndarray) -> ModelParams:
    b = np.zeros(5)
    b[:4] = theta[:4]
    w = np.zeros((5, 4))
    w[:4] = theta[4:20].reshape(4, 4)
    g = np.zeros((5, len(_UNIQUE)))
    outs = list(OUTCOMES)
    for k, (item, outcome) in enumerate(ITEM_TARGETS):
        g[outs.index(outcome), _UNIQUE.index(item)] = theta[20 + k]
    return params.replace(intercepts=b, factor_weights=w, unique_weights=g)


def _pack(params: ModelParams) -> np.ndarray:
    outs = list(OUTCOMES)
    g = [params.unique_weights[outs.index(o), _UNIQUE.index(i)] for i, o in ITEM_TARGETS]
    return np.r_[params.intercepts[:4], params.factor_weights[:4].ravel(), g]


def progression_error(params: ModelParams, n: int, seed: int) -> dict[str, Any]:
    """Reproduced minus target: 16 cells, 6 item-level r, 4 mean shares (in % / 100)."""
    return _ProgressionEvaluator(params, n, seed).errors(params)


class _ProgressionEvaluator:
    """Evaluates the progression targets on fixed latent draws (common random numbers).

    The Likert block and the scale scores do not depend on the progression parameters, so
    they are computed once (``simulate(n, seed, missing=False)`` gives the same data).
    """

    def __init__(self, params: ModelParams, n: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.f, self.u, self.eps = draw_latent(n, rng, params)
        x = likert_from_latent(self.f, self.u, params)
        self.items = pd.DataFrame(x, columns=list(params.items))
        self.scores = A.score_scales(self.items)
        self.targets = correlation_targets()

    def errors(self, params: ModelParams) -> dict[str, Any]:
        shares = shares_from_latent(self.f, self.u, self.eps, params)
        data = self.items.copy()
        for j, name in enumerate(params.outcomes):
            data[name] = shares[:, j]
        table = A.factor_correlations(data, self.scores)
        merged = self.targets.merge(table[["factor", "outcome", "r"]], on=["factor", "outcome"])
        items = [float(corr_test(data[[i, o]], i, o)["r"].iloc[0]) for i, o in ITEM_TARGETS]
        means = shares.mean(axis=0)[:4]
        target_means = np.array([MEAN_SHARES[k] for k in OUTCOMES])[:4]
        return {
            "cells": merged["r_y"].to_numpy() - merged["target"].to_numpy(),
            "items": np.array(items) - np.array(list(ITEM_TARGETS.values())),
            "means": (means - target_means) / 100,
            "table": merged,
        }

    def vector(self, params: ModelParams) -> np.ndarray:
        e = self.errors(params)
        return np.r_[e["cells"], e["items"], e["means"]]


def _jacobian(fun: Any, theta: np.ndarray, f0: np.ndarray, h: float = 0.05) -> np.ndarray:
    """Forward differences; ``h`` is large enough to average over the 5 % share rounding."""
    jac = np.empty((f0.size, theta.size))
    for j in range(theta.size):
        t = theta.copy()
        t[j] += h
        jac[:, j] = (fun(t) - f0) / h
    return jac


def calibrate(
    *,
    n: int = 100_000,
    seed: int = 20200609,
    method: str = A.DEFAULT_METHOD,
    rotation: str = A.DEFAULT_ROTATION,
    measurement_iterations: int = 5,
    progression_iterations: int = 30,
    verbose: bool = False,
) -> ModelParams:
    """Calibrate the model; returns parameters with the achieved accuracy in ``meta``.

    Parameters
    ----------
    n : int
        Sample size of each calibration simulation (without missingness).
    seed : int
        Seed of the common random numbers.
    method, rotation : str
        The reproduction's extraction and rotation (the calibration targets their output).
    measurement_iterations : int
        Iterations of the measurement stage.
    progression_iterations : int
        Maximum Gauss-Newton/Broyden iterations of the progression stage.
    verbose : bool
        Print progress to stderr (the command-line entry point only).
    """

    def say(msg: str) -> None:
        if verbose:
            sys.stderr.write(msg + "\n")

    params = initial_params()
    pattern = A.published_pattern().to_numpy()
    published = pattern[pattern > 0]
    primary = np.array(params.meta["primary"])
    rho, c = np.array(params.meta["rho"]), float(params.meta["c"])
    ss_target = _variance_target()
    for it in range(measurement_iterations):
        err = measurement_error(params, n, seed, method=method, rotation=rotation)
        say(
            f"measurement {it}: max |loading diff| {np.abs(err['loading_diff']).max():.4f}, "
            f"variance diff {np.round(err['variance_diff'], 2)}"
        )
        primary = np.clip(primary * published / err["reproduced"], 0.05, 0.97)
        ss_target = ss_target - err["variance_diff"] * 31 / 100
        rho, c = _solve_phi(primary, ss_target, np.r_[rho, c])
        lam, phi = _build_measurement(primary, rho, c)
        params = params.replace(loadings=lam, phi=phi)
    m_err = measurement_error(params, n, seed, method=method, rotation=rotation)

    evaluator = _ProgressionEvaluator(params, n, seed)

    def fun(theta: np.ndarray) -> np.ndarray:
        return evaluator.vector(_unpack(params, theta))

    theta = _pack(params)
    f0 = fun(theta)
    say(f"progression start: max |error| {np.abs(f0).max():.4f}")
    jac = _jacobian(fun, theta, f0)
    for it in range(progression_iterations):
        step = np.linalg.lstsq(jac, -f0, rcond=None)[0]
        for _ in range(4):  # backtracking: accept only a smaller sum of squares
            f1 = fun(theta + step)
            if f1 @ f1 < f0 @ f0:
                break
            step = step / 2
        else:
            jac = _jacobian(fun, theta, f0)
            continue
        # Broyden's rank-one update keeps the Jacobian current between full recomputations.
        jac += np.outer(f1 - f0 - jac @ step, step) / (step @ step)
        theta, f0 = theta + step, f1
        say(f"progression {it}: max |error| {np.abs(f0).max():.4f}")
        if np.abs(f0).max() < 0.002:
            break
        if it % 6 == 5:
            jac = _jacobian(fun, theta, f0)
    params = _unpack(params, theta)
    p_err = progression_error(params, n, seed)
    meta = {
        "method": method,
        "rotation": rotation,
        "calibration_n": n,
        "calibration_seed": seed,
        "response_probs": list(RESPONSE_PROBS),
        "mean_shares": MEAN_SHARES,
        "item_targets": {f"{i}~{o}": v for (i, o), v in ITEM_TARGETS.items()},
        "cross_loaders": {k: list(v) for k, v in CROSS_LOADERS.items()},
        "correlation_targets": "published r; 0 for n.s. cells",
        "variance_reading": "extraction sums of squared loadings, % of 31 items",
        "max_abs_loading_diff": round(float(np.abs(m_err["loading_diff"]).max()), 4),
        "max_abs_variance_diff_pp": round(float(np.abs(m_err["variance_diff"]).max()), 3),
        "max_abs_cell_diff": round(float(np.abs(p_err["cells"]).max()), 4),
        "max_abs_item_diff": round(float(np.abs(p_err["items"]).max()), 4),
        "max_abs_mean_share_diff_pp": round(float(np.abs(p_err["means"]).max() * 100), 3),
    }
    return params.replace(meta=meta)


def main() -> None:  # pragma: no cover - command-line entry point
    """Calibrate and write ``calibrated.json`` next to this module."""
    with single_thread():
        params = calibrate(verbose=True)
    out = Path(__file__).with_name("calibrated.json")
    params.to_json(out)
    sys.stderr.write(f"wrote {out}\n{params.meta}\n")


if __name__ == "__main__":  # pragma: no cover
    main()
