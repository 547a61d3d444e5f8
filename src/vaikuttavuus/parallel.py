"""Horn's parallel analysis as ``psych::fa.parallel``, vectorised."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._extraction import extract
from ._matrix import correlation_input
from ._parallel_sim import (
    eigvals_desc,
    one_factor_values,
    resampled_correlations,
    simulated_correlations,
)
from ._results import ResultMixin, Summary
from ._validation import check_choice, check_int, check_not_constant, check_probability

__all__ = ["parallel_analysis", "ParallelResult"]

_KINDS = ("fa", "pc", "both")
TABLE_COLUMNS = (
    "number",
    "observed_fa",
    "simulated_fa",
    "resampled_fa",
    "observed_pc",
    "simulated_pc",
    "resampled_pc",
    "simulated_fa_mean",
    "resampled_fa_mean",
    "simulated_pc_mean",
    "resampled_pc_mean",
)


@dataclass(frozen=True, eq=False)
class ParallelResult(ResultMixin):
    """Result of :func:`parallel_analysis`.

    Attributes
    ----------
    suggested_factors : int or None
        Number of leading factor eigenvalues above the simulated quantile (None for
        ``kind="pc"``).
    suggested_components : int or None
        Same for principal components (None for ``kind="fa"``).
    table : DataFrame
        Scree table, one row per eigenvalue number: ``observed_*`` (the data),
        ``simulated_*`` / ``resampled_*`` (the ``quantile`` of the eigenvalues of simulated
        normal / resampled data, the thresholds), ``*_mean`` (their means, psych's
        ``fa.sim``, ``fa.simr``, ``pc.sim``, ``pc.simr`` and scree-plot lines). Columns not
        computed for the chosen ``kind`` (or ``resampled_*`` for a correlation matrix) are NaN.
    kind, n_iter, quantile, seed, n_obs
        The settings used; ``n_obs`` is the number of rows of each simulated data set.
    resampled : bool
        Whether resampled data were used (raw data input).
    n_fallback_fits : int
        Simulated/resampled matrices whose one-factor fit needed the slow reference fit.
    """

    suggested_factors: int | None
    suggested_components: int | None
    table: pd.DataFrame
    kind: str
    n_iter: int
    quantile: float
    seed: int | None
    n_obs: int
    resampled: bool
    n_fallback_fits: int

    def to_frame(self) -> pd.DataFrame:
        """The scree table (see :attr:`table`)."""
        return self.table.copy()

    def plot(self, *, ax: Any = None, labels: dict[str, str] | None = None) -> Any:
        """Scree plot: observed eigenvalues against the simulated (and resampled) thresholds.

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Axes to draw on (default: a new pyplot figure).
        labels : dict, optional
            Texts, e.g. in the report's language: ``"x"``, ``"y"``, ``"title"`` and the line
            names (``"observed_fa"``, ``"simulated_fa"``, ...); default English.

        Returns
        -------
        matplotlib.axes.Axes

        Examples
        --------
        >>> import numpy as np, pandas as pd
        >>> from matplotlib.figure import Figure
        >>> rng = np.random.default_rng(1)
        >>> x = pd.DataFrame(rng.normal(size=(150, 6)))
        >>> ax = parallel_analysis(x, n_iter=5, seed=1).plot(ax=Figure().subplots())
        >>> ax.get_xlabel(), len(ax.lines) >= 2
        ('Factor / component number', True)
        """
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=(6, 4))
        texts = {"x": "Factor / component number", "y": "Eigenvalue",
                 "title": "Parallel analysis", **(labels or {})}  # fmt: skip
        t = self.table
        for col in t.columns:
            if col == "number" or t[col].isna().all() or col.endswith("_mean"):
                continue
            observed = col.startswith("observed")
            ax.plot(t["number"], t[col], marker="o" if observed else None,
                    linestyle="-" if observed else "--",
                    label=texts.get(col, col.replace("_", " ")))  # fmt: skip
        ax.axhline(0 if self.kind == "fa" else 1, color="0.7", linewidth=0.8)
        ax.set_xticks(list(t["number"].astype(int)))
        ax.set_xlabel(texts["x"])
        ax.set_ylabel(texts["y"])
        ax.set_title(texts["title"])
        ax.legend(frameon=False, fontsize=8)
        return ax

    def _summary_parts(self) -> Summary:
        figures: dict[str, object] = {"kind": self.kind}
        if self.suggested_factors is not None:
            figures["suggested factors"] = self.suggested_factors
        if self.suggested_components is not None:
            figures["suggested components"] = self.suggested_components
        figures.update({"iterations": self.n_iter, "quantile": self.quantile, "n_obs": self.n_obs})
        shown = self.table.dropna(axis=1, how="all").set_index("number")
        notes = (
            "Horn's parallel analysis as psych::fa.parallel: the suggested number counts the "
            "leading observed eigenvalues above the simulated-data quantile.",
        )
        return Summary(
            title="Parallel analysis",
            figures=figures,
            tables={"Eigenvalues": shown},
            notes=notes,
        )


def _single_threaded_blas() -> AbstractContextManager[object]:
    """Limit BLAS to one thread while we make many small matrix products.

    Thousands of 25 x 25 products and decompositions gain nothing from BLAS threads and
    lose a lot when the cores are shared; the limit is lifted on leaving the block.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _leading_above(observed: np.ndarray, threshold: np.ndarray) -> int:
    """psych: ``which(!(observed > threshold))[1] - 1`` (all above: the number of values)."""
    below = np.flatnonzero(~(observed > threshold))
    return int(below[0]) if below.size else int(observed.size)


def parallel_analysis(
    data: pd.DataFrame | np.ndarray,
    *,
    n_iter: int = 1000,
    quantile: float = 0.95,
    kind: str = "fa",
    seed: int | None = None,
    n_obs: int | None = None,
) -> ParallelResult:
    """Horn's parallel analysis for the number of factors and components.

    Reproduces ``psych::fa.parallel(x, fm="minres", fa=kind, n.iter=n_iter, quant=quantile)``
    with vectorised simulation: the observed eigenvalues are compared with the ``quantile``
    of the eigenvalues of ``n_iter`` random data sets of the same size.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Raw numeric data (missing values allowed; correlations use pairwise-complete rows as
        psych's ``use="pairwise"``) or a correlation matrix together with ``n_obs``.
    n_iter : int
        Number of simulated (and resampled) data sets.
    quantile : float
        Quantile of the random eigenvalues used as threshold (psych's ``quant``, .95).
    kind : {"fa", "pc", "both"}
        ``"fa"``: eigenvalues of the common-factor solution as psych computes them, i.e.
        ``fa(R, nfactors=1, fm="minres")$values``, the eigenvalues of R with the one-factor
        minres communalities on the diagonal; ``"pc"``: eigenvalues of R; ``"both"``.
    seed : int, optional
        Seed of :func:`numpy.random.default_rng` for reproducible results.
    n_obs : int, optional
        Number of observations when ``data`` is a correlation matrix (required then; no
        resampling is possible). Must not be given with raw data.

    Returns
    -------
    ParallelResult

    Notes
    -----
    As psych, random data come in two kinds: *simulated* (independent standard normal
    variables with as many rows as the data; drawn here exactly through the Wishart
    distribution of their cross-product matrix) and, for raw data, *resampled* (each column
    sampled with replacement independently of the others, psych's ``resample``; missing
    values keep their share). The suggestion counts the leading observed eigenvalues above
    the *simulated* quantile, which is psych's final rule for ``fa="both"``, ``"fa"`` and
    ``"pc"`` (psych computes the resampled thresholds but its final ``nfact``/``ncomp`` use
    the simulated ones). psych 2.2.9 compares against the simulated *mean* instead of the
    quantile in one corner (``fa="fa"`` on a correlation matrix); we always use the quantile.

    References
    ----------
    Horn, J. L. (1965). A rationale and test for the number of factors in factor analysis.
    Psychometrika, 30(2), 179-185.
    Revelle, W. (2022). psych (R package 2.2.9), ``fa.parallel``.
    Bartlett, M. S. (1933). On the theory of statistical regression. Proceedings of the
    Royal Society of Edinburgh, 53, 260-283 (the Wishart decomposition).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> f = rng.standard_normal((300, 2))
    >>> x = np.hstack([f[:, [0]] + rng.standard_normal((300, 4)),
    ...                f[:, [1]] + rng.standard_normal((300, 4))])
    >>> res = parallel_analysis(x, n_iter=100, kind="both", seed=1)
    >>> res.suggested_factors, res.suggested_components
    (2, 2)
    """
    check_choice("kind", kind, _KINDS)
    n_iter = check_int("n_iter", n_iter, minimum=1)
    quantile = check_probability("quantile", quantile)
    if seed is not None:
        seed = check_int("seed", seed, minimum=0)
    R_frame, n, raw = correlation_input(data, n_obs)
    if raw is None and n is None:
        raise ValueError(
            "data looks like a correlation matrix: give n_obs (the number of observations) "
            "so that random data of the same size can be simulated."
        )
    if raw is not None:
        check_not_constant(raw)
    p = R_frame.shape[1]
    if p < 3:
        raise ValueError(f"data has {p} variable(s); parallel analysis needs at least 3.")
    n = int(n)  # type: ignore[arg-type]
    if n < 4:
        raise ValueError(f"parallel analysis needs at least 4 observations, got {n}.")
    R = R_frame.to_numpy()
    if np.isnan(R).any():
        raise ValueError(
            "the correlation matrix has missing values (a pair of variables has fewer than "
            "two complete observations); drop such variables first."
        )
    do_fa = kind in ("fa", "both")
    do_pc = kind in ("pc", "both")
    rng = np.random.default_rng(seed)
    with _single_threaded_blas():
        table, fallback = _eigen_table(R, raw, n, n_iter, quantile, do_fa, do_pc, rng)
    return ParallelResult(
        suggested_factors=(
            _leading_above(table["observed_fa"], table["simulated_fa"]) if do_fa else None
        ),
        suggested_components=(
            _leading_above(table["observed_pc"], table["simulated_pc"]) if do_pc else None
        ),
        table=pd.DataFrame({k: table[k] for k in TABLE_COLUMNS}),
        kind=kind,
        n_iter=n_iter,
        quantile=quantile,
        seed=seed,
        n_obs=n,
        resampled=raw is not None,
        n_fallback_fits=fallback,
    )


def _eigen_table(
    R: np.ndarray,
    raw: pd.DataFrame | None,
    n: int,
    n_iter: int,
    quantile: float,
    do_fa: bool,
    do_pc: bool,
    rng: np.random.Generator,
) -> tuple[dict[str, np.ndarray], int]:
    p = R.shape[0]
    sets = {"simulated": simulated_correlations(rng, n, p, n_iter)}
    if raw is not None:
        sets["resampled"] = resampled_correlations(rng, raw.to_numpy(), n_iter)

    nan = np.full(p, np.nan)
    table = {name: nan for name in TABLE_COLUMNS}
    table["number"] = np.arange(1, p + 1)
    fallback = 0
    if do_pc:
        table["observed_pc"] = eigvals_desc(R)
    if do_fa:
        table["observed_fa"] = extract(R, 1, "minres").values
    for name, stack in sets.items():
        if do_pc:
            values = eigvals_desc(stack)
            table[f"{name}_pc"] = np.quantile(values, quantile, axis=0)
            table[f"{name}_pc_mean"] = values.mean(axis=0)
        if do_fa:
            values, n_bad = one_factor_values(stack)
            fallback += n_bad
            table[f"{name}_fa"] = np.quantile(values, quantile, axis=0)
            table[f"{name}_fa_mean"] = values.mean(axis=0)
    return table, fallback
