"""McDonald's omega: total, hierarchical and limit via the Schmid-Leiman transformation
(:func:`omega`), and omega total of a unidimensional scale from a one-factor fit
(:func:`omega_total`)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._extraction import METHODS, extract
from ._keying import check_reverse
from ._matrix import correlation_input, looks_like_correlation
from ._results import ResultMixin, Summary
from ._rotation import OBLIQUE, canonical_rotation, rotate
from ._validation import (
    as_frame,
    check_choice,
    check_columns,
    check_int,
    check_not_constant,
    check_numeric,
)

__all__ = [
    "omega",
    "omega_total",
    "OmegaResult",
    "OmegaTotalResult",
    "OmegaIdentificationWarning",
    "OmegaConvergenceWarning",
]

_METHODS = tuple(m for m in METHODS if m != "pa_spss")


class OmegaIdentificationWarning(UserWarning):
    """Two group factors do not identify a general factor (equal loadings are assumed)."""


class OmegaConvergenceWarning(UserWarning):
    """The oblique rotation (:func:`omega`) or the factor fit (:func:`omega_total`) did not
    converge."""


@dataclass(frozen=True, eq=False)
class OmegaResult(ResultMixin):
    """Result of :func:`omega`.

    Attributes
    ----------
    omega_total : float
        McDonald's omega total: common variance share of the total score variance.
    omega_hierarchical : float
        Share of total score variance due to the general factor (psych ``omega_h``).
    omega_limit : float
        omega_h / omega_total, the limit of omega_h for an infinitely long test
        (psych ``omega.lim``).
    alpha : float
        Cronbach's alpha of the (sign-keyed) correlation matrix.
    ecv : float
        Explained common variance of the general factor (psych ``ECV``).
    g_loadings : Series
        General-factor loadings of the items (after keying).
    schmid : DataFrame
        Schmid-Leiman solution, items x ``g``, ``F1``..``Fm``, ``h2``, ``u2``, ``p2``
        (``p2`` = g^2 / h2), psych's ``schmid$sl``.
    phi : DataFrame
        Correlations of the oblique group factors.
    higher_order_loadings : Series
        Loadings of the group factors on the general factor (psych ``gloading``).
    keys : Series
        +1/-1 per item: psych's ``flip`` reverses items with negative general loadings.
    n_factors : int
    n_obs : int or None
    """

    omega_total: float
    omega_hierarchical: float
    omega_limit: float
    alpha: float
    ecv: float
    g_loadings: pd.Series
    schmid: pd.DataFrame
    phi: pd.DataFrame
    higher_order_loadings: pd.Series
    keys: pd.Series
    n_factors: int
    n_obs: int | None

    def to_frame(self) -> pd.DataFrame:
        """One row of the omega coefficients."""
        return self._row(
            "omega_total", "omega_hierarchical", "omega_limit", "alpha", "ecv", "n_factors", "n_obs"
        )

    def _summary_parts(self) -> Summary:
        figures: dict[str, object] = {
            "omega total": self.omega_total,
            "omega hierarchical": self.omega_hierarchical,
            "omega limit": self.omega_limit,
            "alpha": self.alpha,
            "ECV": self.ecv,
            "group factors": self.n_factors,
        }
        if self.n_obs is not None:
            figures["n"] = self.n_obs
        notes: tuple[str, ...] = ()
        if (self.keys < 0).any():
            rev = ", ".join(str(i) for i in self.keys.index[self.keys < 0])
            notes = (f"Reversed (negative general loading): {rev}.",)
        return Summary(
            title="McDonald's omega (Schmid-Leiman)",
            figures=figures,
            tables={"Schmid-Leiman loadings": self.schmid},
            notes=notes,
        )


def omega(
    data: pd.DataFrame | np.ndarray,
    n_factors: int = 3,
    *,
    method: str = "minres",
    rotation: str = "oblimin",
    n_obs: int | None = None,
) -> OmegaResult:
    """McDonald's omega total and hierarchical from a Schmid-Leiman solution, as psych::omega.

    The steps follow ``psych::omega(x, nfactors, fm=method, rotate=rotation)``
    (``schmid`` and ``omegah``): ``n_factors`` factors are extracted from the
    correlation matrix and rotated by varimax, then obliquely (``rotation``, starting from
    the varimax solution as ``schmid`` does). A one-factor fit (same ``method``) to the
    factor correlations gives the general factor; with two group factors the general
    factor is not identified and, as psych's default ``option="equal"``, both higher-order
    loadings are set to ``sqrt(|phi_12|)`` (with a :class:`OmegaIdentificationWarning`).
    Items with a negative general loading are reversed before the coefficients are
    computed (psych's ``flip=TRUE``).

    Parameters
    ----------
    data : DataFrame or 2-D array
        Raw item data (pairwise-complete correlations) or a correlation matrix.
    n_factors : int
        Number of group factors (at least 2; psych's default 3). For a unidimensional scale
        use :func:`omega_total`: with one factor omega_hierarchical is not meaningful.
    method : {"minres", "uls", "ml", "pa", "pc"}
        Factor extraction (psych's ``fm``).
    rotation : {"oblimin", "promax", "geomin_q"}
        Oblique rotation of the group factors.
    n_obs : int, optional
        Number of observations when ``data`` is a correlation matrix (reported only).

    Returns
    -------
    OmegaResult

    See Also
    --------
    omega_total : omega total of a unidimensional scale (one factor).

    Notes
    -----
    With ``V`` the sum of all entries of the (keyed) correlation matrix, ``g`` the general
    loadings and ``u2`` the uniquenesses: omega_h = (sum g)^2 / V, omega_total
    = (V - sum u2) / V, omega_limit = (sum g)^2 / (V - sum u2), ECV = sum g^2 / sum of all
    squared Schmid-Leiman loadings.

    References
    ----------
    McDonald, R. P. (1999). Test theory: A unified treatment. Erlbaum.
    Schmid, J., & Leiman, J. M. (1957). The development of hierarchical factor solutions.
    Psychometrika, 22(1), 53-61.
    Zinbarg, R. E., Revelle, W., Yovel, I., & Li, W. (2005). Cronbach's alpha, Revelle's beta,
    and McDonald's omega_h. Psychometrika, 70(1), 123-133.
    Revelle, W. (2022). psych (R package 2.2.9), ``omega``, ``schmid``.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> g = rng.standard_normal((500, 1))
    >>> s = rng.standard_normal((500, 3))
    >>> x = np.hstack([0.6 * g + 0.5 * s[:, [k]] + 0.6 * rng.standard_normal((500, 3))
    ...                for k in range(3)])
    >>> res = omega(x, 3)
    >>> round(res.omega_total, 2), round(res.omega_hierarchical, 2)
    (0.92, 0.74)
    """
    check_choice("method", method, _METHODS)
    rotation = canonical_rotation(rotation)
    if rotation not in OBLIQUE:
        raise ValueError(
            f"rotation={rotation!r} is not allowed; omega needs an oblique rotation, "
            f"choose one of {sorted(OBLIQUE)!r}."
        )
    n_factors = check_int("n_factors", n_factors, minimum=1)
    if n_factors == 1:
        raise ValueError(
            "n_factors=1 is not allowed in omega: with one factor omega_hierarchical and "
            "omega_limit are not meaningful (psych: 'Omega_h for 1 factor is not meaningful, "
            "just omega_t'). Use vaikuttavuus.omega.omega_total for a unidimensional scale, "
            "or n_factors >= 2 for a Schmid-Leiman solution."
        )
    R_frame, n, raw = correlation_input(data, n_obs)
    if raw is not None:
        check_not_constant(raw, "data")
    names = list(R_frame.columns)
    R = R_frame.to_numpy()
    p = R.shape[0]
    if np.isnan(R).any():
        raise ValueError(
            "the correlation matrix has missing values (constant items or pairs without "
            "complete observations); remove those items first."
        )
    if n_factors > p // 2:
        raise ValueError(
            f"n_factors={n_factors} is too large for {p} items; at most {p // 2} group factors "
            "(at least two items each) are allowed."
        )

    ex = extract(R, n_factors, method)
    orth = rotate(ex.loadings, "varimax").loadings
    obl = rotate(orth, rotation)
    if not obl.converged:
        warnings.warn(
            f"the {rotation} rotation did not converge; omega may be unreliable.",
            OmegaConvergenceWarning,
            stacklevel=2,
        )
    fload, phi = obl.loadings, obl.phi
    if phi is None:  # pragma: no cover - oblique rotations always return phi
        phi = np.eye(n_factors)
    if n_factors > 2:
        gload = extract(phi, 1, method).loadings[:, 0]
    else:
        r12 = phi[0, 1]
        gload = np.array([np.sqrt(abs(r12)), np.sign(r12) * np.sqrt(abs(r12))])
        warnings.warn(
            "three group factors are required to identify a general factor; with two, "
            "psych's option='equal' sets both general loadings to sqrt(|phi_12|). "
            "Interpret omega_hierarchical with caution.",
            OmegaIdentificationWarning,
            stacklevel=2,
        )

    g = fload @ gload
    h2 = np.sum(orth**2, axis=1)
    u2 = np.diag(R) - h2
    uniq2 = np.maximum(fload**2 - (fload * gload) ** 2, 0.0)
    group = np.sign(fload) * np.sqrt(uniq2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p2 = g**2 / h2

    key = np.sign(g)
    key[key == 0] = 1.0
    Rk = R * np.outer(key, key)
    g = g * key
    group = group * key[:, None]

    total = float(Rk.sum())
    common = total - float(u2.sum())
    gsq = float(g.sum()) ** 2
    ss = np.sum(g**2) + np.sum(group**2)
    factors = [f"F{k + 1}" for k in range(n_factors)]
    schmid = pd.DataFrame(group, index=names, columns=factors)
    schmid.insert(0, "g", g)
    schmid["h2"] = h2
    schmid["u2"] = u2
    schmid["p2"] = p2
    return OmegaResult(
        omega_total=common / total,
        omega_hierarchical=gsq / total,
        omega_limit=gsq / common,
        alpha=(total - float(np.trace(Rk))) / total * p / (p - 1),
        ecv=float(np.sum(g**2) / ss),
        g_loadings=pd.Series(g, index=names, name="g"),
        schmid=schmid,
        phi=pd.DataFrame(phi, index=factors, columns=factors),
        higher_order_loadings=pd.Series(gload, index=factors, name="g"),
        keys=pd.Series(key.astype(int), index=names, name="key"),
        n_factors=n_factors,
        n_obs=n,
    )


@dataclass(frozen=True, eq=False)
class OmegaTotalResult(ResultMixin):
    """Result of :func:`omega_total` (one factor; no omega_hierarchical, see the function).

    Attributes
    ----------
    omega_total : float
        McDonald's omega total of the keyed unit-weighted scale (psych ``omega.tot``).
    alpha : float
        Cronbach's alpha of the keyed *correlation* matrix, i.e. standardized alpha
        (psych ``omega``'s ``alpha``).
    loadings : DataFrame
        Items x ``loading``, ``h2``, ``u2``: keyed one-factor loadings, communalities and
        uniquenesses (psych ``schmid$sl[, c("g", "h2", "u2")]``).
    keys : Series
        +1/-1 per item as used: ``reverse`` and, with ``flip=True``, items reversed for a
        negative loading.
    method : str
        Factor extraction method.
    n_items : int
    n_obs : int or None
    """

    omega_total: float
    alpha: float
    loadings: pd.DataFrame
    keys: pd.Series
    method: str
    n_items: int
    n_obs: int | None

    def to_frame(self) -> pd.DataFrame:
        """One row: ``omega_total``, ``alpha``, ``n_items``, ``n_obs``."""
        return self._row("omega_total", "alpha", "n_items", "n_obs")

    def _summary_parts(self) -> Summary:
        figures: dict[str, object] = {
            "omega total": self.omega_total,
            "alpha (standardized)": self.alpha,
            "items": self.n_items,
        }
        if self.n_obs is not None:
            figures["n"] = self.n_obs
        notes = [
            f"One-factor {self.method} fit; omega hierarchical is not reported "
            "(with one factor it is not meaningful)."
        ]
        if (self.keys < 0).any():
            rev = ", ".join(str(i) for i in self.keys.index[self.keys < 0])
            notes.append(f"Reversed items: {rev}.")
        return Summary(
            title="McDonald's omega total (one factor)",
            figures=figures,
            tables={"Loadings": self.loadings},
            notes=tuple(notes),
        )


def omega_total(
    data: pd.DataFrame | np.ndarray,
    items: Sequence[Any] | None = None,
    *,
    reverse: Iterable[Any] | None = None,
    flip: bool = True,
    method: str = "minres",
    n_obs: int | None = None,
) -> OmegaTotalResult:
    """McDonald's omega total of a unidimensional scale, as ``psych::omega(x, nfactors = 1)``.

    One factor is fitted to the correlation matrix of the items (``method``, psych's
    ``fm``); with ``u2`` the uniquenesses and ``V`` the sum of all entries of the keyed
    correlation matrix, omega_total = (V - sum u2) / V, psych's ``omega.tot``. With one
    factor psych warns "Omega_h for 1 factor is not meaningful, just omega_t", so this
    function returns no omega_hierarchical or omega_limit; for a multidimensional
    instrument use :func:`omega`.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Raw item data (pairwise-complete correlations, as psych) or a correlation matrix.
    items : sequence of column names, optional
        The items of the scale (at least 3); default all columns.
    reverse : list of column names, optional
        Reverse-keyed items (each must be in ``items``). Reversing only changes the sign of
        an item's correlations, so no response scale is needed. psych's ``key`` argument.
    flip : bool
        After ``reverse``, also reverse items with a negative loading (psych's
        ``flip = TRUE``; the default). psych switches flipping off when ``key`` is given, so
        ``psych::omega(x, 1, key = k)`` corresponds to ``reverse=<items with k = -1>,
        flip=False``. Use ``flip=False`` for the omega of the scale exactly as it is scored.
    method : {"minres", "uls", "ml", "pa", "pc"}
        Factor extraction (psych's ``fm``).
    n_obs : int, optional
        Number of observations when ``data`` is a correlation matrix (reported only).

    Returns
    -------
    OmegaTotalResult
        ``omega_total``, ``alpha`` (standardized), the keyed ``loadings`` and ``keys``.

    Warns
    -----
    NegativeItemWarning
        With ``flip=False``, when an item still loads negatively after ``reverse``.
    OmegaConvergenceWarning
        When the factor fit did not converge.

    See Also
    --------
    omega : omega hierarchical from a Schmid-Leiman solution (two or more group factors).
    vaikuttavuus.reliability.cronbach_alpha : alpha of the raw item scores.

    Notes
    -----
    ``V - sum u2`` is the observed covariance of the items plus their communalities, as in
    psych; it equals ``(sum of loadings)^2`` only if the one-factor model fits exactly.

    References
    ----------
    McDonald, R. P. (1999). Test theory: A unified treatment. Erlbaum.
    Revelle, W., & Zinbarg, R. E. (2009). Coefficients alpha, beta, omega, and the glb.
    Psychometrika, 74(1), 145-154.
    Revelle, W. (2022). psych (R package 2.2.9), ``omega``, ``omegah``, ``schmid``.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.standard_normal(400)
    >>> x = pd.DataFrame({f"q{k}": 0.7 * f + 0.7 * rng.standard_normal(400) for k in (1, 2, 3)})
    >>> x["q4"] = -0.6 * f + 0.8 * rng.standard_normal(400)
    >>> res = omega_total(x, reverse=["q4"], flip=False)
    >>> round(res.omega_total, 2), res.keys.tolist()
    (0.72, [1, 1, 1, -1])
    """
    check_choice("method", method, _METHODS)
    if not isinstance(flip, bool | np.bool_):
        raise TypeError(f"flip must be True or False, got {flip!r}.")
    frame = as_frame(data)
    items = check_columns(frame, items, "items")
    if len(items) < 3:
        raise ValueError(
            f"items must name at least 3 columns, got {len(items)}: a one-factor model of "
            "fewer than 3 items is not identified."
        )
    rev = check_reverse(reverse, items)
    if looks_like_correlation(frame):
        sub = frame.loc[items, items]
    else:
        sub = check_numeric(frame[items], "data")
        check_not_constant(sub, "items")
    R_frame, n, _ = correlation_input(sub, n_obs)
    R = R_frame.to_numpy()
    if np.isnan(R).any():
        raise ValueError(
            "the correlation matrix has missing values (item pairs without complete "
            "observations); remove those items first."
        )
    p = R.shape[0]
    key = np.array([-1.0 if c in rev else 1.0 for c in items])
    Rk = R * np.outer(key, key)

    ex = extract(Rk, 1, method)
    if not ex.converged:
        warnings.warn(
            f"the one-factor {method} fit did not converge; omega_total may be unreliable.",
            OmegaConvergenceWarning,
            stacklevel=2,
        )
    loading = ex.loadings[:, 0]
    h2 = loading**2
    u2 = np.diag(Rk) - h2
    negative = loading < 0
    if flip:
        key = np.where(negative, -key, key)
        Rk = R * np.outer(key, key)
        loading = np.abs(loading)
    elif negative.any():
        from .reliability import NegativeItemWarning

        names = ", ".join(repr(items[i]) for i in np.flatnonzero(negative))
        warnings.warn(
            f"item(s) {names} load negatively on the factor; omega_total is for the scale "
            "as keyed. Should they be reverse-keyed (reverse=[...])?",
            NegativeItemWarning,
            stacklevel=2,
        )
    total = float(Rk.sum())
    return OmegaTotalResult(
        omega_total=(total - float(u2.sum())) / total,
        alpha=(total - float(np.trace(Rk))) / total * p / (p - 1),
        loadings=pd.DataFrame({"loading": loading, "h2": h2, "u2": u2}, index=list(items)),
        keys=pd.Series(key.astype(int), index=list(items), name="key"),
        method=method,
        n_items=p,
        n_obs=n,
    )
