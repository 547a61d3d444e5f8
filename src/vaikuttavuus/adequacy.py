"""Is the correlation matrix worth factoring? KMO sampling adequacy and Bartlett's sphericity.

Both match R ``psych::KMO`` and ``psych::cortest.bartlett``; unlike psych, Bartlett's test on a
correlation matrix *requires* ``n`` (psych silently assumes 100).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ._extraction import eigh_desc
from ._matrix import correlation_input
from ._results import ResultMixin, Summary
from ._validation import as_frame, check_not_constant

__all__ = ["kmo", "KMOResult", "bartlett_sphericity", "BartlettResult"]


def _corr(data: pd.DataFrame | np.ndarray, n: int | None) -> tuple[pd.DataFrame, int | None]:
    R, n_out, raw = correlation_input(as_frame(data), n)
    if raw is not None:
        check_not_constant(raw)
    values = R.to_numpy()
    if np.isnan(values).any():
        i, j = np.argwhere(np.isnan(values))[0]
        raise ValueError(
            f"the correlation of {R.index[i]!r} and {R.columns[j]!r} is undefined "
            "(never observed together)."
        )
    return R, n_out


def _check_nonsingular(R: pd.DataFrame) -> None:
    """Refuse a (numerically) singular matrix, naming the items in the near-null space."""
    vals, vecs = eigh_desc(R.to_numpy())
    small = vals < 1e-8 * R.shape[0]
    if small.any():
        idx = np.flatnonzero(np.any(np.abs(vecs[:, small]) > 0.05, axis=1))
        items = [R.columns[k] for k in idx]
        raise ValueError(f"the correlation matrix is singular; collinear items: {items}.")


@dataclass(frozen=True, eq=False)
class KMOResult(ResultMixin):
    """Kaiser-Meyer-Olkin measure of sampling adequacy (``psych::KMO``)."""

    msa: float
    msa_items: pd.Series

    def to_frame(self) -> pd.DataFrame:
        """One row per item (``item``, ``msa``)."""
        return self.msa_items.rename("msa").rename_axis("item").reset_index()

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Kaiser-Meyer-Olkin sampling adequacy",
            figures={"overall_msa": self.msa},
            tables={"Item MSA": self.to_frame().set_index("item")},
        )


def kmo(data: pd.DataFrame | np.ndarray) -> KMOResult:
    """Kaiser-Meyer-Olkin measure of sampling adequacy, overall and per item.

    Parameters
    ----------
    data : DataFrame or ndarray
        Raw item data (pairwise correlations) or a correlation matrix.

    Returns
    -------
    KMOResult
        ``msa`` (overall) and ``msa_items`` (Series), as psych's ``MSA`` and ``MSAi``.

    References
    ----------
    Kaiser, H. F. (1970). A second generation little jiffy. Psychometrika, 35, 401-415.

    Examples
    --------
    >>> import pandas as pd
    >>> R = pd.DataFrame([[1, .5, .4], [.5, 1, .3], [.4, .3, 1]],
    ...                  index=list("abc"), columns=list("abc"))
    >>> round(kmo(R).msa, 3)
    0.628
    """
    R, _ = _corr(data, None)
    _check_nonsingular(R)
    r = R.to_numpy().copy()
    Q = np.linalg.inv(r)
    d = np.sqrt(np.diag(Q))
    Q = Q / np.outer(d, d)
    np.fill_diagonal(Q, 0.0)
    np.fill_diagonal(r, 0.0)
    r2, q2 = r**2, Q**2
    msa = float(r2.sum() / (r2.sum() + q2.sum()))
    items = r2.sum(axis=0) / (r2.sum(axis=0) + q2.sum(axis=0))
    return KMOResult(msa=msa, msa_items=pd.Series(items, index=R.columns, name="msa"))


@dataclass(frozen=True, eq=False)
class BartlettResult(ResultMixin):
    """Bartlett's test that the correlation matrix is an identity matrix."""

    chi_square: float
    df: float
    p_value: float
    n: int

    def to_frame(self) -> pd.DataFrame:
        """One row: ``chi_square``, ``df``, ``p_value``, ``n``."""
        return self._row("chi_square", "df", "p_value", "n")

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Bartlett's test of sphericity",
            figures=self._fields("chi_square", "df", "p_value", "n"),
        )


def bartlett_sphericity(data: pd.DataFrame | np.ndarray, *, n: int | None = None) -> BartlettResult:
    """Bartlett's test of sphericity, as ``psych::cortest.bartlett``.

    ``chi_square = -log(det R) * (n - 1 - (2p + 5)/6)`` with ``p(p - 1)/2`` degrees of freedom.

    Parameters
    ----------
    data : DataFrame or ndarray
        Raw item data (pairwise correlations; ``n`` = number of rows) or a correlation matrix.
    n : int, optional
        Sample size; required when ``data`` is a correlation matrix.

    Returns
    -------
    BartlettResult
        The statistic, its degrees of freedom and p-value, and the ``n`` used.

    References
    ----------
    Bartlett, M. S. (1951). The effect of standardization on a chi square approximation in
    factor analysis. Biometrika, 38, 337-344.

    Examples
    --------
    >>> import pandas as pd
    >>> R = pd.DataFrame([[1, .5], [.5, 1]], index=["a", "b"], columns=["a", "b"])
    >>> res = bartlett_sphericity(R, n=100)
    >>> round(res.chi_square, 2), res.df
    (28.05, 1.0)
    """
    R, n_used = _corr(data, n)
    if n_used is None:
        raise ValueError(
            "n is required when data is a correlation matrix (the test statistic depends on "
            "the sample size; psych silently assumes n=100)."
        )
    p = R.shape[0]
    _check_nonsingular(R)
    _sign, logdet = np.linalg.slogdet(R.to_numpy())
    stat = -logdet * (n_used - 1 - (2 * p + 5) / 6)
    df = p * (p - 1) / 2
    return BartlettResult(
        chi_square=float(stat), df=float(df), p_value=float(stats.chi2.sf(stat, df)), n=int(n_used)
    )
