"""Factor rotations matching R (``stats::varimax``, ``psych::Promax``/``kaiser``, GPArotation).

Private API used by :mod:`vaikuttavuus.factor` and other modules; keep :class:`Rotation` and
:func:`rotate` stable. In every case ``rotated = loadings @ rotmat`` (psych's ``rot.mat``).

Methods and their R counterparts (as ``psych::fa(rotate=...)`` calls them):

=============  ============================================================  ===========
name           R                                                             kind
=============  ============================================================  ===========
"none"         no rotation                                                   orthogonal
"varimax"      ``stats::varimax(L)`` (Kaiser normalised, ``eps=1e-5``)        orthogonal
"quartimax"    ``GPArotation::quartimax(L)`` (GPForth, not normalised)       orthogonal
"geomin_t"     ``GPArotation::geominT(L, delta=.01)``                        orthogonal
"promax"       ``psych::kaiser(L, rotate="Promax")`` (m = 4)                 oblique
"oblimin"      ``GPArotation::oblimin(L, gam=0)`` (quartimin, GPFoblq)       oblique
"geomin_q"     ``GPArotation::geominQ(L, delta=.01)``                        oblique
=============  ============================================================  ===========

``"geomin"`` is accepted as an alias of ``"geomin_q"`` (oblique, the default of Mplus and
the common meaning of "geomin"); R spellings ``"geominT"``/``"geominQ"`` are accepted too.
GPA starts from the identity matrix (no random starts), as GPArotation does by default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

__all__ = ["Rotation", "rotate", "ROTATIONS", "OBLIQUE", "canonical_rotation"]

ROTATIONS = ("none", "varimax", "quartimax", "geomin_t", "promax", "oblimin", "geomin_q")
OBLIQUE = frozenset({"promax", "oblimin", "geomin_q"})
_ALIASES = {
    "geomin": "geomin_q",
    "geominQ": "geomin_q",
    "geominT": "geomin_t",
    "quartimin": "oblimin",
}


class Rotation(NamedTuple):
    """A rotated solution: ``loadings = unrotated @ rotmat``; ``phi`` is None if orthogonal."""

    loadings: np.ndarray
    phi: np.ndarray | None
    rotmat: np.ndarray
    converged: bool


def canonical_rotation(method: str) -> str:
    """Map aliases (``"geomin"``, ``"geominQ"``...) to the canonical name; validate."""
    method = _ALIASES.get(method, method)
    if method not in ROTATIONS:
        allowed = ROTATIONS + tuple(_ALIASES)
        raise ValueError(f"rotation={method!r} is not allowed; choose one of {allowed}.")
    return method


# --- criteria: value and gradient (GPArotation vgQ.*) -------------------------------------


def _vgq_quartimax(L: np.ndarray) -> tuple[float, np.ndarray]:
    L2 = L**2
    return -float(np.sum(L2**2)) / 4.0, -(L**3)


def _vgq_oblimin(L: np.ndarray, gam: float = 0.0) -> tuple[float, np.ndarray]:
    L2 = L**2
    X = L2 @ (1.0 - np.eye(L.shape[1]))
    if gam != 0:
        p = L.shape[0]
        X = (np.eye(p) - gam / p) @ X
    return float(np.sum(L2 * X)) / 4.0, L * X


def _vgq_geomin(L: np.ndarray, delta: float = 0.01) -> tuple[float, np.ndarray]:
    k = L.shape[1]
    L2 = L**2 + delta
    pro = np.exp(np.sum(np.log(L2), axis=1) / k)
    return float(np.sum(pro)), (2.0 / k) * (L / L2) * pro[:, None]


Criterion = Callable[[np.ndarray], tuple[float, np.ndarray]]


def _gpf_orth(A: np.ndarray, vgq: Criterion, eps: float, maxit: int) -> tuple[np.ndarray, bool]:
    """GPArotation::GPForth with identity start; returns (Th, converged)."""
    T = np.eye(A.shape[1])
    f, gq = vgq(A @ T)
    G = A.T @ gq
    al = 1.0
    s = np.inf
    for _ in range(maxit + 1):
        M = T.T @ G
        Gp = G - T @ ((M + M.T) / 2.0)
        s = float(np.sqrt(np.sum(Gp**2)))
        if s < eps:
            break
        al *= 2.0
        for _ in range(11):
            u, _d, vt = np.linalg.svd(T - al * Gp)
            Tt = u @ vt
            ft, gqt = vgq(A @ Tt)
            if ft < f - 0.5 * s**2 * al:
                break
            al /= 2.0
        T = Tt
        f = ft
        G = A.T @ gqt
    return T, bool(s < eps)


def _gpf_oblq(A: np.ndarray, vgq: Criterion, eps: float, maxit: int) -> tuple[np.ndarray, bool]:
    """GPArotation::GPFoblq with identity start; returns (Th, converged)."""
    T = np.eye(A.shape[1])
    L = A @ np.linalg.inv(T).T
    f, gq = vgq(L)
    G = -(L.T @ gq @ np.linalg.inv(T)).T
    al = 1.0
    s = np.inf
    for _ in range(maxit + 1):
        Gp = G - T * np.sum(T * G, axis=0)
        s = float(np.sqrt(np.sum(Gp**2)))
        if s < eps:
            break
        al *= 2.0
        for _ in range(11):
            X = T - al * Gp
            Tt = X / np.sqrt(np.sum(X**2, axis=0))
            Tinv = np.linalg.inv(Tt)
            L = A @ Tinv.T
            ft, gqt = vgq(L)
            if f - ft > 0.5 * s**2 * al:
                break
            al /= 2.0
        T = Tt
        f = ft
        G = -(L.T @ gqt @ Tinv).T
    return T, bool(s < eps)


def _varimax(
    x: np.ndarray, normalize: bool = True, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray]:
    """``stats::varimax``: returns (loadings, rotmat)."""
    nc = x.shape[1]
    if normalize:
        sc = np.sqrt(np.sum(x**2, axis=1))
        x = x / sc[:, None]
    p = x.shape[0]
    TT = np.eye(nc)
    d = 0.0
    for _ in range(1000):
        z = x @ TT
        B = x.T @ (z**3 - z * (np.sum(z**2, axis=0) / p))
        u, sv, vt = np.linalg.svd(B)
        TT = u @ vt
        dpast = d
        d = float(np.sum(sv))
        if d < dpast * (1 + eps):
            break
    z = x @ TT
    if normalize:
        z = z * sc[:, None]
    return z, TT


def _promax(x: np.ndarray, m: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``psych::Promax``: returns (loadings, rotmat, Phi)."""
    vx, vrot = _varimax(x)
    Q = vx * np.abs(vx) ** (m - 1)
    U = np.linalg.lstsq(vx, Q, rcond=None)[0]  # lm.fit(x, Q)$coefficients
    d = np.diag(np.linalg.inv(U.T @ U))
    U = U * np.sqrt(d)
    z = vx @ U
    U = vrot @ U
    ui = np.linalg.inv(U)
    return z, U, ui @ ui.T


def rotate(
    loadings: np.ndarray,
    method: str,
    *,
    normalize: bool | None = None,
    eps: float = 1e-5,
    max_iter: int = 1000,
    gamma: float = 0.0,
    delta: float = 0.01,
    power: int = 4,
) -> Rotation:
    """Rotate a p x m loading matrix as psych::fa does.

    Parameters
    ----------
    loadings : ndarray
        Unrotated p x m loadings.
    method : str
        One of ``ROTATIONS`` or an alias (``"geomin"`` = ``"geomin_q"``).
    normalize : bool, optional
        Kaiser row normalisation. ``None`` (default) uses psych's choice for each method:
        on for varimax (``stats::varimax``) and promax (``psych::kaiser``), off for the
        GPArotation criteria (quartimax, oblimin, geomin).
    eps, max_iter : float, int
        Convergence tolerance and iteration cap (stats::varimax: 1e-5/1000; GPA: 1e-5/1000).
    gamma : float
        Oblimin gamma (0 = quartimin).
    delta : float
        Geomin delta (.01).
    power : int
        Promax power ``m`` (4).

    Returns
    -------
    Rotation

    Examples
    --------
    >>> import numpy as np
    >>> L = np.array([[.7, .3], [.6, .4], [.3, .7], [.2, .6]])
    >>> rot = rotate(L, "varimax")
    >>> bool(np.allclose(rot.loadings, L @ rot.rotmat))
    True
    """
    method = canonical_rotation(method)
    A = np.asarray(loadings, dtype=np.float64)
    m = A.shape[1]
    if method == "none" or m < 2:
        return Rotation(A.copy(), None, np.eye(m), True)
    default_norm = method in ("varimax", "promax")
    norm = default_norm if normalize is None else bool(normalize)
    if method == "varimax":
        L, T = _varimax(A, normalize=norm, eps=eps)
        return Rotation(L, None, T, True)
    if method == "promax":
        if norm:  # psych::kaiser: divide rows by sqrt(h2), rotate, multiply back
            w = np.sqrt(np.sum(A**2, axis=1))[:, None]
            L, U, phi = _promax(A / w, power)
            return Rotation(L * w, phi, U, True)
        L, U, phi = _promax(A, power)
        return Rotation(L, phi, U, True)
    w = np.sqrt(np.sum(A**2, axis=1))[:, None] if norm else np.ones((A.shape[0], 1))
    An = A / w
    if method == "quartimax":
        T, ok = _gpf_orth(An, _vgq_quartimax, eps, max_iter)
        return Rotation((An @ T) * w, None, T, ok)
    if method == "geomin_t":
        T, ok = _gpf_orth(An, lambda L: _vgq_geomin(L, delta), eps, max_iter)
        return Rotation((An @ T) * w, None, T, ok)
    if method == "oblimin":
        crit: Criterion = lambda L: _vgq_oblimin(L, gamma)  # noqa: E731
    else:  # geomin_q
        crit = lambda L: _vgq_geomin(L, delta)  # noqa: E731
    T, ok = _gpf_oblq(An, crit, eps, max_iter)
    rotmat = np.linalg.inv(T).T
    return Rotation((An @ rotmat) * w, T.T @ T, rotmat, ok)
