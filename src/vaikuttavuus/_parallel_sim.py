"""Vectorised pieces of parallel analysis: random correlation matrices and batched fits.

Private helpers of :mod:`vaikuttavuus.parallel`.

* :func:`simulated_correlations` draws correlation matrices of ``n`` independent standard
  normal rows. When ``n - 1 >= p`` it uses Bartlett's decomposition of the Wishart
  distribution: the cross-product matrix of ``n`` centred i.i.d. N(0, I) rows is
  Wishart(I, n - 1), so its correlation matrix has exactly the distribution of ``cor()`` of
  simulated normal data (psych's ``sim``), at O(p^2) instead of O(n p^2) per draw.
* :func:`resampled_correlations` draws psych's ``resample``: every column sampled *with
  replacement* independently of the others (``sample(y, nsub, replace = TRUE)``, missing
  values included), correlations with ``use = "pairwise"``; draws whose correlation matrix
  has a missing value are drawn again, as psych does.
* :func:`one_factor_values` gives ``fa(R, nfactors = 1, fm = "minres")$values`` for a stack
  of correlation matrices: the minres solution with one factor minimises
  ``sum_{i<j} (r_ij - l_i l_j)^2``; we solve it with batched Newton steps. Where the minimum
  lies beyond psych's bound (a communality above .995: psych's L-BFGS-B stops at a
  uniqueness of .005), the variable is held at the bound and the fit goes on, so that such
  (Heywood) draws are fitted in the batch as well. Any matrix whose fit does not converge to
  psych's fixed point falls back to :func:`vaikuttavuus._extraction.extract`.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse

from ._extraction import extract

__all__ = ["simulated_correlations", "resampled_correlations", "one_factor_values", "eigvals_desc"]

_MAX_ELEMENTS = 2_000_000  # per chunk of raw simulated data (16 MB of float64)
# per chunk of resampled data: its row indices (4 MB) and values stay in the core's cache
# through the passes over them (the chunks do not change the random stream)
_RESAMPLE_ELEMENTS = 500_000


def eigvals_desc(stack: np.ndarray) -> np.ndarray:
    """Eigenvalues of a stack of symmetric matrices, each in descending order."""
    return np.linalg.eigvalsh(stack)[..., ::-1]


def _cov_to_cor(c: np.ndarray) -> np.ndarray:
    d = 1.0 / np.sqrt(np.einsum("kii->ki", c))
    r = c * d[:, :, None] * d[:, None, :]
    i = np.arange(c.shape[1])
    r[:, i, i] = 1.0
    return r


def simulated_correlations(rng: np.random.Generator, n_obs: int, p: int, count: int) -> np.ndarray:
    """``count`` correlation matrices (count x p x p) of ``n_obs`` i.i.d. N(0, I_p) rows."""
    df = n_obs - 1
    if df >= p:
        # Bartlett: W = L L', L lower triangular, L_ii^2 ~ chi2(df - i), L_ij ~ N(0, 1) (i > j)
        lower = np.tril(rng.standard_normal((count, p, p)), -1)
        i = np.arange(p)
        lower[:, i, i] = np.sqrt(rng.chisquare(df - i, size=(count, p)))
        return _cov_to_cor(lower @ lower.transpose(0, 2, 1))
    out = np.empty((count, p, p))
    step = max(1, _MAX_ELEMENTS // (n_obs * p))
    for start in range(0, count, step):
        k = min(step, count - start)
        x = rng.standard_normal((k, n_obs, p))
        x -= x.mean(axis=1, keepdims=True)
        out[start : start + k] = _cov_to_cor(x.transpose(0, 2, 1) @ x)
    return out


def _pairwise_from_sums(sxy, sx, sxx, n) -> np.ndarray:
    """Pairwise-complete correlations from the per-pair sums of centred data (k x p x p).

    ``sxy[j, c] = sum x_j x_c``, ``sx[j, c] = sum x_j``, ``sxx[j, c] = sum x_j^2`` and
    ``n[j, c]`` the count, each over the rows where both ``j`` and ``c`` are present.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sx.transpose(0, 2, 1) / n
        var = sxx - sx**2 / n
        r = cov / np.sqrt(var * var.transpose(0, 2, 1))
    r[n < 2] = np.nan  # R's cor() gives NA with fewer than two complete pairs
    i = np.arange(sxy.shape[2])
    r[:, i, i] = np.where(np.isnan(r[:, i, i]), np.nan, 1.0)
    return r


def _batch_pairwise_cor(x0: np.ndarray) -> np.ndarray:
    """Pairwise-complete correlations (R ``use="pairwise"``) of a stack k x n x p.

    ``x0``: data with NaN at the missing values, overwritten (zeros at the missing values);
    either centred (any centre gives the same correlations; near ones keep the one-pass sums
    accurate) or small integers in single precision whose sums are exact (see
    :func:`resampled_correlations`). The only O(n p^2) work is one product ``x0' x0``; the
    sums over "rows where the other column is present" are the column totals minus the
    (few) missing rows' values, added up with a sparse product.
    """
    k, n, p = x0.shape
    flat = x0.reshape(k * n * p)
    nan = np.flatnonzero(np.isnan(flat))  # missing: (matrix, row) = nan // p, column = % p
    block = x0.reshape(k * n, p)[nan // p].astype(np.float64)  # rows with a missing value
    flat[nan] = 0.0
    sxy = (x0.transpose(0, 2, 1) @ x0).astype(np.float64, copy=False)
    # column sums (a matrix product: faster than a sum over axis 1)
    total = (np.ones(n, dtype=x0.dtype) @ x0).astype(np.float64, copy=False)
    total2 = np.einsum("kjj->kj", sxy)
    key = (nan // (n * p)) * p + nan % p  # (matrix, column)
    cnt = np.bincount(key, minlength=k * p).reshape(k, p)  # missing per column
    # per (matrix, column c): sums over the rows where c is missing, as a sparse product
    miss = np.isnan(block)
    block[miss] = 0.0
    pick = sparse.csc_matrix(  # one entry per missing value, in row key: no sorting
        (np.ones(nan.size), key, np.arange(nan.size + 1)), shape=(k * p, nan.size)
    )
    lost_x, lost_xx, both = (
        (pick @ b).reshape(k, p, p).transpose(0, 2, 1)  # [j, c]: value column j
        for b in (block, block * block, miss.astype(np.float64))
    )
    sx = total[:, :, None] - lost_x
    sxx = total2[:, :, None] - lost_xx
    nn = n - cnt[:, :, None] - cnt[:, None, :] + both
    return _pairwise_from_sums(sxy, sx, sxx, nn)


def _threads() -> int:
    """Threads for the resampling (numpy releases the GIL in its heavy loops): the cores."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def _store(item: tuple, out: np.ndarray, bad: list[np.ndarray]) -> None:
    """A finished chunk into ``out``; its draws with a missing correlation into ``bad``."""
    idx, fut = item
    r = fut.result()
    out[idx] = r
    bad.append(idx[np.isnan(r).any(axis=(1, 2))])


def _column_major_base(x: np.ndarray) -> np.ndarray:
    """The values to resample, column after column (n p), NaN at the missing values.

    Small integers (e.g. Likert answers: every sum of products below 2^24) are kept as they
    are in single precision: all sums of the correlations are then exact, and the gather and
    the product move half the bytes. Other data are centred at the column means, in double
    precision.
    """
    n = x.shape[0]
    seen = x[np.isfinite(x)]
    if seen.size and np.all(seen == np.rint(seen)) and np.max(np.abs(seen)) ** 2 * n < 2**24:
        return np.ascontiguousarray(x.T, dtype=np.float32).ravel()
    with np.errstate(invalid="ignore"):
        centre = np.nan_to_num(np.nanmean(x, axis=0)) if np.isnan(x).any() else x.mean(axis=0)
    return np.ascontiguousarray((x - centre).T).ravel()


def resampled_correlations(
    rng: np.random.Generator, x: np.ndarray, count: int, *, threads: int | None = None
) -> np.ndarray:
    """``count`` correlation matrices of psych-style column-wise bootstrap resamples of ``x``.

    The row indices are drawn in this thread, chunk after chunk (the random stream does
    not depend on ``threads``); the correlations of the chunks are computed in ``threads``
    threads (default: the cores, at most 4), at most ``threads + 1`` chunks in flight.
    """
    n, p = x.shape
    flat = _column_major_base(np.asarray(x, dtype=np.float64))
    offset = np.arange(p) * n
    out = np.empty((count, p, p))
    step = max(1, _RESAMPLE_ELEMENTS // (n * p))
    threads = _threads() if threads is None else max(1, int(threads))

    def chunk(rows: np.ndarray) -> np.ndarray:
        rows += offset  # positions in flat, in place: x[rows, cols] without copies
        return _batch_pairwise_cor(np.take(flat, rows))

    todo = np.arange(count)
    with ThreadPoolExecutor(threads) as pool:
        while todo.size:
            bad: list[np.ndarray] = []
            pending: deque = deque()
            for start in range(0, todo.size, step):
                idx = todo[start : start + step]
                rows = rng.integers(0, n, size=(idx.size, n, p))
                pending.append((idx, pool.submit(chunk, rows)))
                if len(pending) > threads:
                    _store(pending.popleft(), out, bad)
            while pending:
                _store(pending.popleft(), out, bad)
            todo = np.concatenate(bad)
    return out


_H2_MAX = 0.995  # psych's lower bound .005 on the uniquenesses
_MARGIN = 1e-10  # a communality counts as above / below the bound beyond this


def _objective_gradient(
    off: np.ndarray, load: np.ndarray, bound: np.ndarray, c0: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Objective and half its gradient for every matrix of a stack.

    The objective is ``sum_{i<j} (r_ij - l_i l_j)^2`` written with one matrix-vector product
    (``c0 = sum_{i<j} r_ij^2``), plus ``(.995 - l_j^2)^2 / 2`` for the variables ``j`` held
    at psych's bound (``bound``): a stationary point is then psych's fixed point, the
    loadings are the principal axis of R with ``l_i^2`` (free) or .995 (bound) on the
    diagonal.
    """
    ol = np.einsum("kij,kj->ki", off, load)
    l2 = load * load
    s2 = l2.sum(axis=1)
    gap = np.where(bound, _H2_MAX - l2, 0.0)
    f = (
        c0
        - np.einsum("ki,ki->k", ol, load)
        + 0.5 * (s2 * s2 - np.einsum("ki,ki->k", l2, l2) + np.einsum("ki,ki->k", gap, gap))
    )
    return f, load * (s2[:, None] - l2 - gap) - ol


def _damped_newton_step(
    off: np.ndarray, load: np.ndarray, bound: np.ndarray, grad: np.ndarray, mu: np.ndarray
) -> np.ndarray:
    """Levenberg-Marquardt step ``-(H + mu * scale * I)^-1 g`` (H: half the Hessian)."""
    p = load.shape[1]
    i = np.arange(p)
    l2 = load * load
    hess = 2.0 * load[:, :, None] * load[:, None, :]
    hess -= off
    diag = l2.sum(axis=1)[:, None] - l2 + np.where(bound, 3.0 * l2 - _H2_MAX, 0.0)
    scale = np.maximum(np.abs(diag).max(axis=1), 1e-12)
    hess[:, i, i] = diag + (mu * scale)[:, None]
    with np.errstate(all="ignore"):
        try:
            return np.linalg.solve(hess, -grad[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            return np.full(load.shape, np.nan)


def _check_bounds(
    load: np.ndarray, bound: np.ndarray, conv: np.ndarray, live: np.ndarray
) -> np.ndarray:
    """Update the variables held at the bound; returns the matrices where they changed.

    Converged matrices: hold variables above .995 at the bound, free bound ones below it
    (the sign of psych's gradient there). While iterating, a communality above 1 (the
    minimum lies out of bounds: the loading grows without limit) is held at once.
    """
    l2 = load * load
    flip = np.where(bound, l2 < _H2_MAX - _MARGIN, l2 > _H2_MAX + _MARGIN) & conv[:, None]
    flip |= ~bound & (l2 > 1.0) & live[:, None]
    bound ^= flip
    return flip.any(axis=1)


def _fit_one_factor(
    off: np.ndarray, start: np.ndarray, *, tol: float, max_iter: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """psych's one-factor minres fixed point from the loadings ``start``, for a stack at once.

    Damped Newton steps (kept only if they do not raise the objective) until the largest
    gradient element is below ``tol``; variables with a communality above .995 are held at
    psych's bound (uniqueness .005) and bound ones below it freed (:func:`_check_bounds`),
    and the fit goes on. Finished matrices leave the working set, which is compacted as it
    thins out. Returns the loadings, the bound variables and which matrices converged.
    """
    k = start.shape[0]
    load, bound, done = start.copy(), np.zeros(start.shape, dtype=bool), np.zeros(k, dtype=bool)
    # working set: matrix ids, their off-diagonal R, loadings, bound flags, ...
    ids, o, ld, bd = np.arange(k), off, load, bound
    c0 = 0.5 * np.einsum("kij,kij->k", off, off)
    mu = np.full(k, 1e-4)
    f, g = _objective_gradient(o, ld, bd, c0)
    live, fin = np.ones(k, dtype=bool), np.zeros(k, dtype=bool)
    for _ in range(max_iter):
        # converged: gradient below tol, or near it when no step lowers the objective any
        # more (rounding); a matrix whose steps keep failing is given up (fallback fit)
        gmax = np.abs(g).max(axis=1)
        conv = live & ((gmax < tol) | ((mu > 1.0) & (gmax < 1e3 * tol)))
        changed = _check_bounds(ld, bd, conv, live)
        fin |= conv & ~changed
        live &= ~fin & (mu < 1e8)
        if changed.any():
            f[changed], g[changed] = _objective_gradient(
                o[changed], ld[changed], bd[changed], c0[changed]
            )
            mu[changed] = 1e-4
        if not live.any():
            break
        if live.sum() < 0.6 * ids.size:
            load[ids], bound[ids], done[ids] = ld, bd, fin
            ids, o, ld, bd, c0, mu, f, g = (x[live] for x in (ids, o, ld, bd, c0, mu, f, g))
            live, fin = np.ones(ids.size, dtype=bool), np.zeros(ids.size, dtype=bool)
        new = ld + _damped_newton_step(o, ld, bd, g, mu)
        f_new, g_new = _objective_gradient(o, new, bd, c0)
        good = live & np.isfinite(f_new) & (f_new <= f + 1e-15 * c0)
        ld[good], f[good], g[good] = new[good], f_new[good], g_new[good]
        mu[good] = np.maximum(mu[good] * 0.1, 1e-12)
        mu[live & ~good] *= 10.0
    load[ids], bound[ids], done[ids] = ld, bd, fin
    return load, bound, done


def _principal_axis(s: np.ndarray) -> np.ndarray:
    """Leading eigenvector times the square root of its eigenvalue, for a stack.

    The eigenvalue from ``eigvalsh`` and the vector by two steps of inverse iteration with
    a shift just above it (cheaper than a full ``eigh`` of the stack). The sign is arbitrary.
    """
    k, p, _ = s.shape
    top = np.linalg.eigvalsh(s)[:, -1]
    a = -s
    i = np.arange(p)
    a[:, i, i] += (top + 1e-9 * np.maximum(np.abs(top), 1.0))[:, None]
    v = np.ones((k, p, 1))
    with np.errstate(all="ignore"):
        for _ in range(2):
            v = np.linalg.solve(a, v)
            v /= np.sqrt(np.einsum("kij,kij->k", v, v))[:, None, None]
    return v[:, :, 0] * np.sqrt(np.maximum(top, 1e-8))[:, None]


def one_factor_values(
    stack: np.ndarray, *, tol: float = 1e-11, max_iter: int = 100
) -> tuple[np.ndarray, int]:
    """``fa(R, nfactors=1, fm="minres")$values`` for each matrix of a stack (k x p x p).

    Levenberg-Marquardt-damped Newton steps on the loadings ``l`` minimising
    ``sum_{i<j} (r_ij - l_i l_j)^2`` (a step is kept only if it does not raise the
    objective), started from the principal axis of R with squared multiple correlations on
    the diagonal; communalities above .995 are held at psych's bound (uniqueness .005, see
    :func:`_fit_one_factor`). Returns the values (k x p, descending) and how many matrices
    needed the fallback fit (:func:`vaikuttavuus._extraction.extract`).
    """
    k, p, _ = stack.shape
    i = np.arange(p)
    smc = 1.0 - 1.0 / np.einsum("kii->ki", np.linalg.inv(stack))
    s = stack.copy()
    s[:, i, i] = np.clip(smc, 0.0, 1.0)
    load = _principal_axis(s)
    off = stack.copy()
    off[:, i, i] = 0.0
    load, bound, done = _fit_one_factor(off, load, tol=tol, max_iter=max_iter)
    h2 = load**2
    s = off
    s[:, i, i] = h2
    values = eigvals_desc(s)
    # a valid minres solution: converged, and the loadings are the leading principal axis
    # of R with the fitted diagonal (.995 for bound variables): eigenvalue = sum of h2
    top = values[:, 0].copy()
    held = np.flatnonzero(bound.any(axis=1))
    if held.size:
        s = s[held]
        s[:, i, i] = np.where(bound[held], _H2_MAX, h2[held])
        top[held] = eigvals_desc(s)[:, 0]
    ok = done & np.isfinite(values).all(axis=1) & (np.abs(top - h2.sum(axis=1)) < 1e-8)
    bad = np.flatnonzero(~ok)
    for j in bad:
        values[j] = extract(stack[j], 1, "minres").values
    return values, int(bad.size)
