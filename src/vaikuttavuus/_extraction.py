"""Factor extraction on a correlation matrix, matching R ``psych::fa`` (``psych:::fac``).

Private API used by :mod:`vaikuttavuus.factor` and by other modules (parallel analysis,
omega). Keep :class:`Extraction`, :func:`smc` and :func:`extract` stable.

Methods (``psych`` names in brackets):

``"minres"`` [fm="minres"]
    L-BFGS-B on the uniquenesses, start ``1 - smc``, bounds ``[.005, 1]``, objective the sum
    of squared lower-triangle residuals, gradient ``psych:::FAgr.minres``; ``parscale=.01``,
    R's default ``factr=1e7``, ``lmm=5``, ``maxit=100`` (``max_iter`` is *not* used here,
    as in psych where ``max.iter`` only drives ``fm="pa"``).
``"uls"`` [fm="uls"]
    As minres but the objective is the full squared residual matrix (diagonal included);
    psych still uses the minres gradient, and so do we.
``"ml"`` [fm="ml"]
    L-BFGS-B on the ML discrepancy (``psych:::FAfn``/``FAgr``), loadings by ``FAout``.
``"pa"`` [fm="pa"]
    Iterated principal axes from SMCs; stops when the change in the *sum* of communalities
    is ``<= tol`` (``min.err``, .001) or after ``max_iter`` (``max.iter``, 50) iterations.
``"pa_spss"`` (or ``spss=True`` with ``"pa"``)
    SPSS FACTOR ``/EXTRACTION PAF /CRITERIA ITERATE(25) ECONVERGE(.001)``: SMC start, stop
    when the *largest single* communality change is ``< .001``, at most 25 iterations
    (``max_iter``/``tol`` override these only when given explicitly). psych's rule looks at
    the change of the communality total instead, so psych can stop earlier or later.
``"pc"`` [``psych::principal``]
    Principal components: eigenvectors times the square root of the eigenvalues, no
    iteration.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.linalg import lapack
from scipy.optimize import minimize

__all__ = ["Extraction", "METHODS", "smc", "extract", "eigh_desc"]

METHODS = ("minres", "uls", "ml", "pa", "pa_spss", "pc")
_EPS = np.finfo(float).eps


class Extraction(NamedTuple):
    """Unrotated solution in psych's conventions (column signs: positive column sums)."""

    loadings: np.ndarray  # p x m
    communalities: np.ndarray  # p (psych: $communality = diag(L L'))
    uniquenesses: np.ndarray  # p (psych: $uniquenesses = diag(R - L L'))
    values: np.ndarray  # eigenvalues of the reduced matrix (psych: $values)
    e_values: np.ndarray  # eigenvalues of R (psych: $e.values)
    converged: bool
    n_iter: int
    objective: float


def eigh_desc(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and eigenvectors of a symmetric matrix.

    LAPACK ``dsyevr`` (as R's ``eigen(symmetric = TRUE)``), called through scipy: for the
    small matrices of factor analysis this avoids the BLAS thread start-up cost that makes
    ``numpy.linalg.eigh`` slow on a busy multi-core machine.
    """
    w, v, _m, _isuppz, info = lapack.dsyevr(np.asarray(a, dtype=np.float64), lower=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"eigendecomposition failed (LAPACK dsyevr info={info}).")
    return w[::-1], v[:, ::-1]


def _pinv(x: np.ndarray) -> np.ndarray:
    """``psych::Pinv`` (SVD pseudo-inverse with tolerance sqrt(eps) * largest value)."""
    u, d, vt = np.linalg.svd(x)
    keep = d > max(np.sqrt(_EPS) * d[0], 0.0)
    return (vt[keep].T / d[keep]) @ u[:, keep].T


def smc(R: np.ndarray) -> np.ndarray:
    """Squared multiple correlations as ``psych::smc``: ``1 - 1/diag(Pinv(R))`` clipped to [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> R = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> smc(R)
    array([0.25, 0.25])
    """
    R = np.asarray(R, dtype=np.float64)
    d = np.sqrt(np.diag(R))
    R = R / np.outer(d, d)  # cov2cor, as psych
    out = 1.0 - 1.0 / np.diag(_pinv(R))
    return np.clip(out, 0.0, 1.0)


def _top_loadings(vals: np.ndarray, vecs: np.ndarray, m: int) -> np.ndarray:
    return vecs[:, :m] * np.sqrt(np.maximum(vals[:m], 0.0))


def _lbfgsb(fun, start: np.ndarray, upper: float) -> tuple[np.ndarray, bool, int, float]:
    """R ``optim(method="L-BFGS-B", lower=.005, upper, control=list(parscale=.01))``."""
    scale = 0.01
    res = minimize(
        lambda z: _scaled(fun, z, scale),
        start / scale,
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.005 / scale, upper / scale)] * len(start),
        # R defaults: factr = 1e7 (ftol = factr * eps), pgtol = 0, lmm = 5, maxit = 100
        options={"maxcor": 5, "ftol": 1e7 * _EPS, "gtol": 0.0, "maxiter": 100},
    )
    return res.x * scale, bool(res.status == 0), int(res.nit), float(res.fun)


def _scaled(fun, z: np.ndarray, scale: float) -> tuple[float, np.ndarray]:
    f, g = fun(z * scale)
    return f, g * scale


def _minres_fun(R: np.ndarray, m: int, full: bool):
    low = np.tril_indices(R.shape[0], -1)

    def fun(psi: np.ndarray) -> tuple[float, np.ndarray]:
        S = R - np.diag(psi)  # psych: diag(S) <- 1 - Psi (fit.residuals); S - diag(Psi) (FAgr)
        vals, vecs = eigh_desc(S)
        # fit.residuals: eigenvalues < eps are set to 100 eps before the square root
        v_f = np.where(vals[:m] < _EPS, 100 * _EPS, vals[:m])
        lf = vecs[:, :m] * np.sqrt(v_f)
        resid = S - lf @ lf.T
        f = float(np.sum(resid**2)) if full else float(np.sum(resid[low] ** 2))
        lg = _top_loadings(vals, vecs, m)  # FAgr.minres: pmax(values, 0)
        g = np.sum(lg**2, axis=1) + psi - np.diag(R)
        return f, g

    return fun


def _ml_fun(R: np.ndarray, m: int):
    p = R.shape[0]

    def fun(psi: np.ndarray) -> tuple[float, np.ndarray]:
        sc = 1.0 / np.sqrt(psi)
        vals, vecs = eigh_desc(R * np.outer(sc, sc))
        e = vals[m:]
        f = -(np.sum(np.log(e) - e) - m + p)
        load = vecs[:, :m] * np.sqrt(np.maximum(vals[:m] - 1.0, 0.0))
        load = load * np.sqrt(psi)[:, None]
        g = (np.sum(load**2, axis=1) + psi - np.diag(R)) / psi**2
        return float(f), g

    return fun


def _ml_loadings(R: np.ndarray, psi: np.ndarray, m: int) -> np.ndarray:
    sc = 1.0 / np.sqrt(psi)
    vals, vecs = eigh_desc(R * np.outer(sc, sc))
    load = vecs[:, :m] * np.sqrt(np.maximum(vals[:m] - 1.0, 0.0))
    return load * np.sqrt(psi)[:, None]


def _principal_axes(
    R: np.ndarray, m: int, *, max_iter: int, tol: float, spss: bool
) -> tuple[np.ndarray, np.ndarray, bool, int, float]:
    """Iterated principal axes; returns loadings, reduced eigenvalues, converged, n_iter, err."""
    rmat = R.copy()
    h2 = smc(R)
    np.fill_diagonal(rmat, h2)
    comm = float(np.sum(h2))
    converged = False
    err = np.inf
    n_iter = 0
    vals = np.zeros(R.shape[0])
    loadings = np.zeros((R.shape[0], m))
    while n_iter < max_iter:
        vals, vecs = eigh_desc(rmat)
        # psych: sqrt of the eigenvalues as they are (NaN for negative ones)
        with np.errstate(invalid="ignore"):
            loadings = vecs[:, :m] * np.sqrt(vals[:m])
        new = np.sum(loadings**2, axis=1)
        n_iter += 1
        if not np.all(np.isfinite(new)):
            raise ValueError(
                "principal-axis iteration produced a negative eigenvalue among the first "
                f"{m}; try fewer factors or method='minres'."
            )
        if spss:
            err = float(np.max(np.abs(new - np.diag(rmat))))
            np.fill_diagonal(rmat, new)
            if err < tol:
                converged = True
                break
        else:
            comm1 = float(np.sum(new))
            err = abs(comm - comm1)
            comm = comm1
            np.fill_diagonal(rmat, new)
            if err <= tol:
                converged = True
                break
    return loadings, vals, converged, n_iter, err


def _reflect(loadings: np.ndarray) -> np.ndarray:
    """psych: make every column sum positive (sign 0 counts as positive)."""
    s = np.sign(loadings.sum(axis=0))
    s[s == 0] = 1.0
    return loadings * s


def extract(
    R: np.ndarray,
    n_factors: int,
    method: str = "minres",
    *,
    max_iter: int | None = None,
    tol: float | None = None,
    n_obs: int | None = None,
    spss: bool = False,
) -> Extraction:
    """Extract ``n_factors`` unrotated factors from the correlation matrix ``R``.

    Parameters
    ----------
    R : ndarray
        p x p correlation matrix (validated by the caller).
    n_factors : int
        Number of factors (1 <= n_factors <= p).
    method : {"minres", "uls", "ml", "pa", "pa_spss", "pc"}
        See the module docstring.
    max_iter : int, optional
        Iteration cap for principal axes (psych's ``max.iter``: 50; SPSS: 25).
    tol : float, optional
        Convergence criterion for principal axes (psych ``min.err``/SPSS ``ECONVERGE``: .001).
    n_obs : int, optional
        Accepted for API symmetry (fit statistics are computed by the caller).
    spss : bool
        With ``method="pa"``: use the SPSS preset (same as ``method="pa_spss"``).

    Returns
    -------
    Extraction
        Unrotated loadings with positive column sums, as ``psych:::fac`` before rotation.

    Examples
    --------
    >>> import numpy as np
    >>> R = np.array([[1, .6, .5], [.6, 1, .4], [.5, .4, 1]])
    >>> ex = extract(R, 1, "pc")
    >>> ex.loadings.round(3).ravel().tolist()
    [0.868, 0.821, 0.759]
    """
    del n_obs
    R = np.asarray(R, dtype=np.float64)
    m = int(n_factors)
    if method == "pa" and spss:
        method = "pa_spss"
    if method not in METHODS:
        raise ValueError(f"method={method!r} is not allowed; choose one of {METHODS}.")
    e_values = eigh_desc(R)[0]
    converged, n_iter, objective = True, 0, float("nan")
    if method == "pc":
        vals, vecs = eigh_desc(R)
        loadings = vecs[:, :m] * np.sqrt(np.maximum(vals[:m], _EPS))
        values = vals
    elif method in ("pa", "pa_spss"):
        is_spss = method == "pa_spss"
        cap = max_iter if max_iter is not None else (25 if is_spss else 50)
        crit = tol if tol is not None else 0.001
        loadings, values, converged, n_iter, objective = _principal_axes(
            R, m, max_iter=cap, tol=crit, spss=is_spss
        )
    else:
        start = 1.0 - smc(R)  # psych: diag(S) - smc(S)
        upper = max(float(np.max(smc(R))), 1.0)
        if method == "ml":
            psi, converged, n_iter, objective = _lbfgsb(_ml_fun(R, m), start, upper)
            loadings = _ml_loadings(R, psi, m)
        else:
            fun = _minres_fun(R, m, full=method == "uls")
            psi, converged, n_iter, objective = _lbfgsb(fun, start, upper)
            loadings = _top_loadings(*eigh_desc(R - np.diag(psi)), m)  # FAout.wls
        S = R.copy()
        np.fill_diagonal(S, np.sum(loadings**2, axis=1))
        values = eigh_desc(S)[0]
    loadings = _reflect(loadings)
    h2 = np.sum(loadings**2, axis=1)
    u2 = np.diag(R) - h2
    return Extraction(
        loadings=loadings,
        communalities=h2,
        uniquenesses=u2,
        values=values,
        e_values=e_values,
        converged=converged,
        n_iter=n_iter,
        objective=objective,
    )
