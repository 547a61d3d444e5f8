"""Ordinal reliability: alpha and omega of the polychoric correlation matrix.

:func:`ordinal_alpha` is ``psych::alpha(polychoric(x)$rho)`` and :func:`ordinal_omega` is
``psych::omega(x, poly = TRUE)`` (Zumbo, Gadermann and Zeisser 2007; Gadermann, Guhn and
Zumbo 2012): the reliability of the continuous responses assumed behind Likert answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._alpha import alpha_stats, raw_alpha_from_cov
from ._results import ResultMixin, Summary
from .omega import OmegaResult, omega
from .polychoric import PolychoricResult, polychoric
from .reliability import _warn_negative_items

__all__ = ["ordinal_alpha", "ordinal_omega", "OrdinalAlphaResult"]


@dataclass(frozen=True, eq=False)
class OrdinalAlphaResult(ResultMixin):
    """Ordinal alpha (alpha of the polychoric correlation matrix), as psych's ``alpha(rho)``.

    Attributes
    ----------
    alpha : float
        psych's ``raw_alpha`` (= ``std.alpha``: the matrix is a correlation matrix).
    g6 : float
        Guttman's lambda 6 from the squared multiple correlations.
    alpha_if_deleted : Series
        Alpha of the remaining items when each item is left out (psych's ``alpha.drop``).
    polychoric : PolychoricResult
        The correlations the alpha is computed from.
    """

    alpha: float
    g6: float
    average_r: float
    median_r: float
    alpha_if_deleted: pd.Series
    polychoric: PolychoricResult
    n_obs: int

    def to_frame(self) -> pd.DataFrame:
        """One row per item: alpha_if_deleted."""
        return self.alpha_if_deleted.rename("alpha_if_deleted").to_frame()

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Ordinal alpha (polychoric correlations)",
            figures={
                "ordinal alpha": self.alpha,
                "G6 (smc)": self.g6,
                "average r": self.average_r,
                "items": len(self.alpha_if_deleted),
                "observations": self.n_obs,
            },
            tables={"If item deleted": self.to_frame()},
        )


def ordinal_alpha(
    data: pd.DataFrame | np.ndarray, items: Sequence[Any] | None = None
) -> OrdinalAlphaResult:
    """Ordinal alpha: ``psych::alpha(psych::polychoric(x)$rho)``.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Ordinal answers coded as whole numbers (see :func:`vaikuttavuus.polychoric`).
    items : sequence of column names, optional
        The items of the scale (at least 2); default all columns.

    Returns
    -------
    OrdinalAlphaResult

    Warns
    -----
    NegativeItemWarning
        When an item loads negatively on the first principal component (reverse-key it first).

    References
    ----------
    Zumbo, B. D., Gadermann, A. M., & Zeisser, C. (2007). Ordinal versions of coefficients alpha
    and theta for Likert rating scales. Journal of Modern Applied Statistical Methods, 6, 21-29.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(5)
    >>> z = rng.normal(size=(500, 1)) + rng.normal(size=(500, 4))
    >>> likert = pd.DataFrame(np.digitize(z, [-1.5, -0.5, 0.5, 1.5]) + 1,
    ...                       columns=["a", "b", "c", "d"])
    >>> res = ordinal_alpha(likert)
    >>> 0.6 < res.alpha < 0.8
    True
    """
    poly = polychoric(data, items)
    rho = poly.rho.to_numpy()
    names = list(poly.rho.columns)
    _warn_negative_items(rho, names)
    core = alpha_stats(rho)
    k = len(names)
    if k > 2:
        keep = [np.delete(np.arange(k), i) for i in range(k)]
        drop = raw_alpha_from_cov(np.stack([rho[np.ix_(c, c)] for c in keep]))
    else:
        drop = np.full(k, np.nan)
    return OrdinalAlphaResult(
        alpha=core.raw,
        g6=core.g6,
        average_r=core.average_r,
        median_r=core.median_r,
        alpha_if_deleted=pd.Series(drop, index=names, name="alpha_if_deleted"),
        polychoric=poly,
        n_obs=poly.n_obs,
    )


def ordinal_omega(
    data: pd.DataFrame | np.ndarray,
    items: Sequence[Any] | None = None,
    n_factors: int = 3,
    *,
    method: str = "minres",
    rotation: str = "oblimin",
) -> OmegaResult:
    """Ordinal omega: ``psych::omega(x, nfactors, poly = TRUE)``.

    :func:`vaikuttavuus.omega` (Schmid-Leiman, omega hierarchical and total) applied to the
    polychoric correlation matrix of the items.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Ordinal answers coded as whole numbers.
    items : sequence of column names, optional
        Default all columns.
    n_factors : int
        Group factors (psych's ``nfactors``, default 3).
    method, rotation : str
        As :func:`vaikuttavuus.omega`.

    Returns
    -------
    OmegaResult

    References
    ----------
    Gadermann, A. M., Guhn, M., & Zumbo, B. D. (2012). Estimating ordinal reliability for
    Likert-type and ordinal item response data. Practical Assessment, Research & Evaluation, 17(3).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> g = rng.normal(size=(600, 1))
    >>> f = np.repeat(rng.normal(size=(600, 3)), 3, axis=1)
    >>> z = g + 0.8 * f + rng.normal(size=(600, 9))
    >>> likert = pd.DataFrame(np.digitize(z, [-2, -0.7, 0.7, 2]) + 1,
    ...                       columns=[f"q{i}" for i in range(1, 10)])
    >>> res = ordinal_omega(likert, n_factors=3)
    >>> res.omega_total > res.omega_hierarchical
    True
    """
    poly = polychoric(data, items)
    return omega(poly.rho, n_factors, method=method, rotation=rotation, n_obs=poly.n_obs)
