"""Exploratory factor analysis matching R ``psych::fa`` / ``psych::principal``.

:func:`efa` extracts (minres, uls, ml, principal axes, SPSS-style principal axes, principal
components) and rotates (varimax, quartimax, geomin, promax, oblimin) exactly as psych 2.2.9
with GPArotation does, including psych's column reflection and ordering, ``Vaccounted`` and the
``fa.stats`` fit statistics.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._extraction import METHODS, extract
from ._fa_stats import FitStatistics, fit_statistics, psych_order, score_weights
from ._matrix import correlation_input, pairwise_corr, pairwise_n
from ._results import ResultMixin, Summary
from ._rotation import canonical_rotation, rotate
from ._validation import as_frame, check_choice, check_int, check_not_constant, check_numeric

__all__ = ["efa", "EFAResult", "FitStatistics", "HeywoodWarning", "FactorConvergenceWarning"]

NAN_POLICIES = ("pairwise", "listwise", "raise")
SCORE_METHODS = ("regression", "bartlett")


class HeywoodWarning(UserWarning):
    """A communality reached 1 (uniqueness <= 0): the solution is improper."""


class FactorConvergenceWarning(UserWarning):
    """The extraction or the rotation did not converge within its iteration limit."""


def max_factors(p: int) -> int:
    """Largest m with non-negative degrees of freedom ``((p - m)^2 - (p + m)) / 2``."""
    m = 0
    while m + 1 <= p and (p - m - 1) ** 2 - (p + m + 1) >= 0:
        m += 1
    return m


class LoadingTable(pd.DataFrame):
    """A DataFrame of loadings whose missing (blanked) cells display as blanks, not ``NaN``
    (text and HTML; no pandas options are changed). Everything else is a DataFrame."""

    @property
    def _constructor(self) -> type[LoadingTable]:
        return LoadingTable

    def __repr__(self) -> str:
        return self.to_string(na_rep="", float_format="{:.3f}".format)

    def _repr_html_(self) -> str:  # type: ignore[override]
        return self.to_html(na_rep="", float_format="{:.3f}".format)


@dataclass(frozen=True, eq=False)
class EFAResult(ResultMixin):
    """Result of :func:`efa` (psych's ``fa`` object, in Python terms).

    Attributes
    ----------
    loadings : DataFrame
        Rotated pattern loadings, items x ``F1..Fm`` (psych's ``$loadings``).
    communalities, uniquenesses : Series
        ``h2`` and ``u2`` (psych's ``$communality``, ``$uniquenesses``).
    phi : DataFrame or None
        Factor correlations (oblique rotations only).
    structure : DataFrame
        Structure matrix ``loadings @ phi`` (equal to ``loadings`` for orthogonal rotations).
    variance : DataFrame
        psych's ``$Vaccounted``: rows ``ss_loadings``, ``proportion_var``, ``cumulative_var``,
        ``proportion_explained``, ``cumulative_proportion``; for oblique solutions the sums of
        squares are ``diag(Phi L'L)`` as in psych.
    eigenvalues : Series
        Eigenvalues of the correlation matrix (psych's ``$e.values``).
    reduced_eigenvalues : Series
        Eigenvalues of the reduced correlation matrix (psych's ``$values``).
    unrotated : DataFrame
        Unrotated loadings (positive column sums).
    fit : FitStatistics or None
        psych's ``fa.stats`` figures (``None`` without ``n_obs``).
    heywood : tuple
        Items with communality >= 1.
    """

    loadings: pd.DataFrame
    communalities: pd.Series
    uniquenesses: pd.Series
    phi: pd.DataFrame | None
    structure: pd.DataFrame
    variance: pd.DataFrame
    eigenvalues: pd.Series
    reduced_eigenvalues: pd.Series
    unrotated: pd.DataFrame
    correlation: pd.DataFrame
    method: str
    rotation: str
    n_obs: int | None
    n_iter: int
    converged: bool
    fit: FitStatistics | None
    heywood: tuple[Any, ...]

    @property
    def n_factors(self) -> int:
        """Number of factors."""
        return self.loadings.shape[1]

    def to_frame(self) -> pd.DataFrame:
        """Long format: one row per item and factor (``item``, ``factor``, ``loading``)."""
        long = self.loadings.rename_axis(index="item", columns="factor").stack()
        return long.rename("loading").reset_index()

    def scores(self, data: pd.DataFrame, *, method: str = "regression") -> pd.DataFrame:
        """Factor scores as ``psych::factor.scores`` (weights from ``cor(data)``, pairwise).

        Parameters
        ----------
        data : DataFrame
            Raw item responses with (at least) the analysed items as columns.
        method : {"regression", "bartlett"}
            Thurstone regression weights ``R^-1 L Phi`` or Bartlett weights
            ``U^-2 L (L' U^-2 L)^-1``.

        Returns
        -------
        DataFrame
            Rows of ``data`` x factors; rows with a missing item get NaN (as psych without
            imputation).
        """
        check_choice("method", method, SCORE_METHODS)
        frame = as_frame(data)
        items = list(self.loadings.index)
        missing = [c for c in items if c not in frame.columns]
        if missing:
            raise ValueError(f"data lacks the analysed item column(s) {missing}.")
        x = check_numeric(frame[items]).to_numpy()
        R = pairwise_corr(x)
        phi = None if self.phi is None else self.phi.to_numpy()
        w = score_weights(R, self.loadings.to_numpy(), phi, method)
        z = (x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0, ddof=1)
        return pd.DataFrame(z @ w, index=frame.index, columns=self.loadings.columns)

    def spss_variance_table(self) -> pd.DataFrame:
        """SPSS "Total Variance Explained": initial, extraction and rotation blocks.

        Initial eigenvalues are those of the correlation matrix; extraction sums of squared
        loadings are column sums of the unrotated squared loadings; rotation sums are those
        of the rotated loadings (orthogonal) or, for oblique rotations, column sums of the
        squared *structure* matrix without percentages (as SPSS prints them). Factors are in
        psych's order (by variance accounted for).
        """
        p = len(self.eigenvalues)
        m = self.n_factors
        ev = self.eigenvalues.to_numpy()
        pad = lambda v: np.concatenate([v, np.full(p - len(v), np.nan)])  # noqa: E731
        ext = np.sum(self.unrotated.to_numpy() ** 2, axis=0)
        oblique = self.phi is not None
        src = self.structure if oblique else self.loadings
        rot = np.sum(src.to_numpy() ** 2, axis=0)
        out = pd.DataFrame(
            {
                "initial_total": ev,
                "initial_pct_variance": 100 * ev / p,
                "initial_cumulative_pct": 100 * np.cumsum(ev) / p,
                "extraction_total": pad(ext),
                "extraction_pct_variance": pad(100 * ext / p),
                "extraction_cumulative_pct": pad(100 * np.cumsum(ext) / p),
                "rotation_total": pad(rot),
                "rotation_pct_variance": pad(np.full(m, np.nan) if oblique else 100 * rot / p),
                "rotation_cumulative_pct": pad(
                    np.full(m, np.nan) if oblique else 100 * np.cumsum(rot) / p
                ),
            },
            index=pd.RangeIndex(1, p + 1, name="factor"),
        )
        if self.rotation == "none":
            out = out.drop(columns=[c for c in out.columns if c.startswith("rotation_")])
        return out

    def loading_table(self, *, threshold: float = 0.40, sort: bool = True) -> pd.DataFrame:
        """Printable pattern matrix: small loadings blanked, items grouped by primary factor.

        Parameters
        ----------
        threshold : float
            Loadings with ``|loading| < threshold`` become NaN (printed blank).
        sort : bool
            Order items by their primary factor (largest ``|loading|``), then by that
            ``|loading|`` descending.

        Returns
        -------
        DataFrame
            Items x factors plus a ``communality`` column; blanked loadings are NaN and
            display as blank cells (text and HTML), not ``NaN``.
        """
        L = self.loadings
        table = L.where(L.abs() >= threshold)
        table["communality"] = self.communalities
        if sort:
            absl = L.abs().to_numpy()
            primary = absl.argmax(axis=1)
            top = absl.max(axis=1)
            order = np.lexsort((-top, primary))
            table = table.iloc[order]
        return LoadingTable(table)

    def plot(
        self,
        *,
        ax: Any = None,
        threshold: float = 0.0,
        labels: dict[str, str] | None = None,
        number_format: Any = "{:.2f}".format,
    ) -> Any:
        """Heat map of the loadings (items x factors), each cell annotated with its loading.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Axes to draw on (default: a new pyplot figure sized to the items).
        threshold : float, default 0
            Loadings with ``|loading| < threshold`` are not annotated.
        labels : dict, optional
            Texts of the axes (keys ``"x"``, ``"y"``, ``"title"``), e.g. in the report's
            language; default English.
        number_format : callable, default ``"{:.2f}".format``
            Writes each annotated loading (pass e.g. ``vaikuttavuus.present.NumberFormat``
            for a decimal comma).

        Returns
        -------
        matplotlib.axes.Axes
            ``ax``, or the axes of the new figure.

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from matplotlib.figure import Figure
        >>> rng = np.random.default_rng(1)
        >>> x = pd.DataFrame(rng.normal(size=(200, 2)) @ np.kron(np.eye(2), np.ones((1, 3)))
        ...                  + rng.normal(size=(200, 6)), columns=list("abcdef"))
        >>> ax = efa(x, 2).plot(ax=Figure().subplots())
        >>> ax.get_xlabel(), len(ax.texts)
        ('Factor', 12)
        """
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=(1.2 * self.n_factors + 3, 0.3 * len(self.loadings) + 1))
        texts = {"x": "Factor", "y": "Item", "title": "Loadings", **(labels or {})}
        values = self.loadings.to_numpy()
        ax.imshow(values, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            if abs(v) >= threshold:
                colour = "white" if abs(v) > 0.6 else "black"
                ax.text(j, i, number_format(v), ha="center", va="center", fontsize=8, color=colour)
        ax.set_xticks(range(self.n_factors), [str(c) for c in self.loadings.columns])
        ax.set_yticks(range(len(self.loadings)), [str(i) for i in self.loadings.index])
        ax.set_xlabel(texts["x"])
        ax.set_ylabel(texts["y"])
        ax.set_title(texts["title"])
        return ax

    def _summary_parts(self) -> Summary:
        figures: dict[str, object] = {
            "method": self.method,
            "rotation": self.rotation,
            "factors": self.n_factors,
            "n": self.n_obs if self.n_obs is not None else "unknown",
            "converged": self.converged,
        }
        if self.fit is not None:
            figures.update(
                {
                    "chi_square": self.fit.chi_square,
                    "dof": self.fit.dof,
                    "p_value": self.fit.p_value,
                    "tli": self.fit.tli,
                    "rmsea": self.fit.rmsea,
                    "bic": self.fit.bic,
                }
            )
        tables = {
            "Loadings": self.loading_table(threshold=0.0, sort=False),
            "Variance": self.variance,
        }
        if self.phi is not None:
            tables["Factor correlations"] = self.phi
        notes = []
        if self.heywood:
            notes.append(f"Heywood case: communality >= 1 for {', '.join(map(str, self.heywood))}.")
        return Summary(
            title="Exploratory factor analysis", figures=figures, tables=tables, notes=tuple(notes)
        )


def _collinear_items(R: np.ndarray, names: list[Any]) -> list[Any]:
    vals, vecs = np.linalg.eigh(R)
    small = vals < 1e-8 * max(vals[-1], 1.0)
    involved = np.any(np.abs(vecs[:, small]) > 0.05, axis=1)
    return [n for n, k in zip(names, involved, strict=True) if k]


def _prepare(
    data: Any, n_obs: int | None, nan_policy: str
) -> tuple[pd.DataFrame, int | None, np.ndarray | None]:
    frame = as_frame(data)
    R, n, raw = correlation_input(frame, n_obs)
    if raw is None:
        return R, n, None
    values = raw.to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        lo, hi = np.nanmin(values, axis=0), np.nanmax(values, axis=0)
    if not np.all(hi > lo):  # cheap screen; the shared helper words the error
        check_not_constant(raw)
    if raw.isna().to_numpy().any():
        if nan_policy == "raise":
            bad = [c for c in raw.columns if raw[c].isna().any()]
            raise ValueError(
                f"data has missing values in {bad} and nan_policy='raise'; use "
                "nan_policy='pairwise' (psych's default) or 'listwise'."
            )
        if nan_policy == "listwise":
            raw = raw.dropna()
            check_not_constant(raw)
            R = pd.DataFrame(pairwise_corr(raw.to_numpy()), index=raw.columns, columns=raw.columns)
            n = len(raw)
    p = raw.shape[1]
    if len(raw) <= p:
        raise ValueError(
            f"data has {len(raw)} usable row(s) for {p} items; at least {p + 1} are needed "
            "(with fewer rows the correlation matrix is singular)."
        )
    if np.isnan(R.to_numpy()).any():
        i, j = np.argwhere(np.isnan(R.to_numpy()))[0]
        raise ValueError(
            f"items {R.index[i]!r} and {R.columns[j]!r} are never observed together (or "
            "have no variance where they are), so their correlation is undefined."
        )
    return R, n, pairwise_n(raw.to_numpy())


def efa(
    data: pd.DataFrame | np.ndarray,
    n_factors: int,
    *,
    method: str = "minres",
    rotation: str = "oblimin",
    max_iter: int | None = None,
    nan_policy: str = "pairwise",
    n_obs: int | None = None,
) -> EFAResult:
    """Exploratory factor analysis as ``psych::fa`` (``method="pc"``: ``psych::principal``).

    Parameters
    ----------
    data : DataFrame or ndarray
        Raw numeric item data (correlations from pairwise-complete rows, psych's default) or
        a correlation matrix (then give ``n_obs`` for fit statistics).
    n_factors : int
        Number of factors; at most the largest m with ``((p-m)^2 - (p+m))/2 >= 0``
        (components: at most p).
    method : {"minres", "uls", "ml", "pa", "pa_spss", "pc"}
        psych's ``fm``; ``"pa_spss"`` is principal axis factoring with SPSS's defaults
        (SMC start, stop when every communality changes by < .001, at most 25 iterations);
        ``"pc"`` is principal components (``psych::principal`` conventions).
    rotation : {"oblimin", "varimax", "quartimax", "promax", "geomin_q", "geomin_t", "none"}
        ``"geomin"`` means ``"geomin_q"`` (oblique, psych's ``geominQ``).
    max_iter : int, optional
        Iteration cap for principal axes (default 50; 25 for ``"pa_spss"``).
    nan_policy : {"pairwise", "listwise", "raise"}
        Handling of missing values in raw data.
    n_obs : int, optional
        Number of observations when ``data`` is a correlation matrix.

    Returns
    -------
    EFAResult

    Warns
    -----
    HeywoodWarning
        When an item's communality is >= 1.
    FactorConvergenceWarning
        When the extraction or the rotation did not converge.

    References
    ----------
    Revelle, W. (2022). psych: Procedures for Psychological, Psychometric, and Personality
    Research (version 2.2.9). Bernaards, C. A., & Jennrich, R. I. (2005). Gradient projection
    algorithms and software for arbitrary rotation criteria in factor analysis. Educational
    and Psychological Measurement, 65, 676-696.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=(300, 2))
    >>> lam = np.kron(np.eye(2), np.full((1, 3), 0.7))
    >>> x = pd.DataFrame(f @ lam + rng.normal(scale=0.6, size=(300, 6)),
    ...                  columns=[f"q{i}" for i in range(1, 7)])
    >>> res = efa(x, 2, rotation="varimax")
    >>> res.loading_table(threshold=0.4).iloc[:, :2].notna().sum().tolist()
    [3, 3]
    """
    check_choice("method", method, METHODS)
    check_choice("nan_policy", nan_policy, NAN_POLICIES)
    rotation = canonical_rotation(rotation)
    R_df, n, np_obs = _prepare(data, n_obs, nan_policy)
    names = list(R_df.columns)
    R = R_df.to_numpy()
    p = R.shape[0]
    limit = p if method == "pc" else max_factors(p)
    n_factors = check_int("n_factors", n_factors, minimum=1)
    if n_factors > limit:
        what = "components" if method == "pc" else "factors"
        raise ValueError(
            f"n_factors={n_factors} is too large for {p} items: at most {limit} {what} are "
            "identified (degrees of freedom ((p - m)^2 - (p + m))/2 must be >= 0)."
        )
    if max_iter is not None:
        max_iter = check_int("max_iter", max_iter, minimum=1)
    if np.linalg.eigvalsh(R)[0] < 1e-8 * p:
        raise ValueError(
            "the correlation matrix is singular (or nearly so); collinear items: "
            f"{_collinear_items(R, names)}. Drop or combine one of them."
        )

    ex = extract(R, n_factors, method, max_iter=max_iter)
    # psych::principal rotates promax with stats::promax (no Kaiser pre-normalisation of the
    # target, unlike psych::fa's kaiser(rotate="Promax"))
    rot = rotate(
        ex.loadings, rotation, normalize=False if (method, rotation) == ("pc", "promax") else None
    )
    L, phi, _, _ = psych_order(rot.loadings, rot.phi, principal=method == "pc")
    if not ex.converged:
        warnings.warn(
            f"{method} extraction did not converge in {ex.n_iter} iterations.",
            FactorConvergenceWarning,
            stacklevel=2,
        )
    if not rot.converged:
        warnings.warn(
            f"{rotation} rotation did not converge.", FactorConvergenceWarning, stacklevel=2
        )
    heywood = tuple(
        nm
        for nm, h, u in zip(names, ex.communalities, ex.uniquenesses, strict=True)
        if h >= 1 or u <= 0
    )
    if heywood:
        warnings.warn(
            f"Heywood case: communality >= 1 (uniqueness <= 0) for item(s) {list(heywood)}; "
            "the solution is improper, interpret with care.",
            HeywoodWarning,
            stacklevel=2,
        )

    cols = [f"F{i}" for i in range(1, n_factors + 1)]
    ph = np.eye(n_factors) if phi is None else phi
    vx = np.diag(ph @ L.T @ L)
    vtotal = float(np.sum(ex.communalities + ex.uniquenesses))
    variance = pd.DataFrame(
        [vx, vx / vtotal, np.cumsum(vx / vtotal), vx / vx.sum(), np.cumsum(vx / vx.sum())],
        index=[
            "ss_loadings",
            "proportion_var",
            "cumulative_var",
            "proportion_explained",
            "cumulative_proportion",
        ],
        columns=cols,
    )
    fit = None
    if n is not None:
        fit = fit_statistics(R, L, phi, n, None if method == "pc" else np_obs)
    frame = lambda a: pd.DataFrame(a, index=names, columns=cols)  # noqa: E731
    return EFAResult(
        loadings=frame(L),
        communalities=pd.Series(ex.communalities, index=names, name="communality"),
        uniquenesses=pd.Series(ex.uniquenesses, index=names, name="uniqueness"),
        phi=None if phi is None else pd.DataFrame(phi, index=cols, columns=cols),
        structure=frame(L @ ph),
        variance=variance,
        eigenvalues=pd.Series(ex.e_values, index=range(1, p + 1), name="eigenvalue"),
        reduced_eigenvalues=pd.Series(ex.values, index=range(1, p + 1), name="eigenvalue"),
        unrotated=frame(ex.loadings),
        correlation=R_df,
        method=method,
        rotation=rotation,
        n_obs=n,
        n_iter=ex.n_iter,
        converged=ex.converged and rot.converged,
        fit=fit,
        heywood=heywood,
    )
