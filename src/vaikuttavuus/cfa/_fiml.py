"""Full-information maximum likelihood (lavaan's ``missing = "ml"``): the likelihood summed over
missing-data patterns, the saturated (h1) model by EM, the independence baseline from each
item's observed values, and standard errors from the observed information (lavaan's default
for missing data)."""

from __future__ import annotations

import numpy as np

from ._measures import _srmr_group, measures_dict
from ._ml import Block, Model, Moments, total_discrepancy

__all__ = ["pattern_moments", "fiml_measures"]

_LOG2PI = np.log(2 * np.pi)


def _em(x: np.ndarray, max_iter: int = 10_000, tol: float = 1e-12) -> tuple[np.ndarray, np.ndarray]:
    """ML mean and covariance of incomplete multivariate normal data (EM algorithm)."""
    n, p = x.shape
    obs = ~np.isnan(x)
    mu = np.nanmean(x, axis=0)
    sigma = np.diag(np.nanvar(x, axis=0))
    keys, inverse = np.unique(obs, axis=0, return_inverse=True)
    groups = [(keys[k], np.flatnonzero(inverse.ravel() == k)) for k in range(len(keys))]
    for _ in range(max_iter):
        t1 = np.zeros(p)
        t2 = np.zeros((p, p))
        for mask, rows in groups:
            o, m = np.flatnonzero(mask), np.flatnonzero(~mask)
            xo = x[np.ix_(rows, o)]
            full = np.empty((len(rows), p))
            full[:, o] = xo
            extra = np.zeros((p, p))
            if len(m):
                coef = np.linalg.solve(sigma[np.ix_(o, o)], sigma[np.ix_(o, m)]).T
                full[:, m] = mu[m] + (xo - mu[o]) @ coef.T
                extra[np.ix_(m, m)] = len(rows) * (sigma[np.ix_(m, m)] - coef @ sigma[np.ix_(o, m)])
            t1 += full.sum(axis=0)
            t2 += full.T @ full + extra
        new_mu = t1 / n
        new_sigma = t2 / n - np.outer(new_mu, new_mu)
        done = max(np.abs(new_mu - mu).max(), np.abs(new_sigma - sigma).max()) < tol
        mu, sigma = new_mu, new_sigma
        if done:
            break
    return mu, sigma


def pattern_moments(parts: list[np.ndarray]) -> Moments:
    """Blocks of the missing-data patterns of each group; cov/mean are the EM (h1) estimates."""
    n_total = sum(len(x) for x in parts)
    blocks, covs, means = [], [], []
    for g, x in enumerate(parts):
        obs = ~np.isnan(x)
        keys, inverse = np.unique(obs, axis=0, return_inverse=True)
        for k, mask in enumerate(keys):
            o = np.flatnonzero(mask)
            rows = x[np.ix_(np.flatnonzero(inverse.ravel() == k), o)]
            s = np.cov(rows, rowvar=False, bias=True).reshape(len(o), len(o))
            blocks.append(Block(g, o, len(rows) / n_total, s, rows.mean(axis=0), 0.0))
        mu, sigma = _em(x)
        means.append(mu)
        covs.append(sigma)
    return Moments(tuple(covs), tuple(means), tuple(len(x) for x in parts), tuple(blocks))


def _logl(f: float, mom: Moments) -> float:
    """-N/2 (F + sum_b w_b p_b log 2 pi) for blocks without constants."""
    n = mom.n_total
    return -n / 2 * (f + sum(b.weight * len(b.obs) * _LOG2PI for b in mom.blocks))


def _h1_logl(mom: Moments) -> float:
    f = 0.0
    for b in mom.blocks:
        sigma, mu = mom.cov[b.g][np.ix_(b.obs, b.obs)], mom.mean[b.g][b.obs]
        d = b.mean - mu
        s = b.cov + np.outer(d, d)
        f += b.weight * (np.linalg.slogdet(sigma)[1] + np.trace(np.linalg.solve(sigma, s)))
    return _logl(f, mom)


def _baseline_logl(parts: list[np.ndarray]) -> float:
    """Independence model: each item's ML mean and variance from its observed values."""
    total = 0.0
    for x in parts:
        for col in x.T:
            v = col[~np.isnan(col)]
            total += -len(v) / 2 * (_LOG2PI + np.log(v.var()) + 1)
    return total


def fiml_measures(
    mom: Moments, model: Model, x: np.ndarray, parts: list[np.ndarray]
) -> dict[str, float]:
    """lavaan's fitMeasures() for missing = "ml" (chi-square against the EM h1 model)."""
    logl = _logl(total_discrepancy(x, model, mom), mom)
    logl_h1 = _h1_logl(mom)
    srmr = 0.0
    for g in range(model.table.n_groups):
        sigma, mu, _ = model.implied(x, g)
        srmr += mom.weight(g) * _srmr_group(mom.cov[g], sigma, mom.mean[g] - mu)
    chisq = 2 * (logl_h1 - logl)
    return measures_dict(
        mom,
        model,
        fmin=chisq / (2 * mom.n_total),
        chisq=chisq,
        base_chisq=2 * (logl_h1 - _baseline_logl(parts)),
        logl=logl,
        logl_h1=logl_h1,
        srmr=srmr,
    )
