"""Internal consistency: Cronbach's alpha with psych-compatible item statistics and CIs.

Every figure follows R psych::alpha (2.2.9); see ``tests/reference/fixtures_alpha.R`` for the
golden values it is checked against.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._alpha import alpha_stats, cov2cor, feldt_ci, item_table, pairwise_cov
from ._bootstrap import bootstrap_alpha
from ._keying import check_reverse, resolve_scale, reverse_items
from ._matrix import row_means
from ._results import ResultMixin, Summary
from ._validation import (
    as_frame,
    check_choice,
    check_columns,
    check_int,
    check_min_rows,
    check_not_constant,
    check_numeric,
    check_probability,
)

__all__ = ["AlphaResult", "NegativeItemWarning", "cronbach_alpha"]


class NegativeItemWarning(UserWarning):
    """Some items load negatively on the scale's first principal component (reverse-keyed?)."""


NAN_POLICIES = ("pairwise", "listwise")
CI_METHODS = ("feldt", "percentile", "bca")
_CI_LABELS = {
    "feldt": "Feldt (F distribution)",
    "percentile": "bootstrap percentile",
    "bca": "bootstrap BCa",
}


@dataclass(frozen=True, eq=False)
class AlphaResult(ResultMixin):
    """Cronbach's alpha and psych's companion statistics.

    Attributes
    ----------
    alpha, std_alpha, g6 : float
        Raw alpha (covariances), standardised alpha (correlations), Guttman's lambda 6 (smc).
    average_r, median_r, var_r : float
        Mean, median and variance of the inter-item correlations.
    s_n : float
        Signal/noise ratio ``k * average_r / (1 - average_r)``.
    ase : float
        psych's asymptotic standard error of alpha, ``sqrt(Q / n)``.
    mean, sd : float
        Mean and standard deviation of the scale score (row mean of the available items).
    ci_low, ci_high, ci_method, confidence : float, float, str, float
        The confidence interval for raw alpha.
    n, k : int
        Rows used for the estimate and the interval; number of items.
    nan_policy : str
        ``"pairwise"`` (psych's default) or ``"listwise"`` (SPSS RELIABILITY).
    scale, scale_source : tuple of float, str
        Response scale (min, max) used for reverse keying; ``"given"`` or
        ``"inferred from observed min/max"``.
    reversed_items : tuple
        Items recoded as ``min + max - x``.
    n_boot : int or None
        Bootstrap resamples (None for the Feldt interval).
    item_stats : DataFrame
        One row per item: psych's ``alpha.drop`` (``*_if_deleted``) and ``item.stats``.
    """

    alpha: float
    std_alpha: float
    g6: float
    average_r: float
    median_r: float
    var_r: float
    s_n: float
    ase: float
    mean: float
    sd: float
    ci_low: float
    ci_high: float
    ci_method: str
    confidence: float
    n: int
    k: int
    nan_policy: str
    scale: tuple[float, float]
    scale_source: str
    reversed_items: tuple[Any, ...]
    n_boot: int | None
    item_stats: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """One row with the scalar figures (stable snake_case columns)."""
        names = ("alpha", "std_alpha", "g6", "average_r", "median_r", "var_r", "s_n", "ase")
        names += ("mean", "sd", "ci_low", "ci_high", "ci_method", "confidence", "n", "k")
        return self._row(*names, "nan_policy").assign(
            scale_min=self.scale[0], scale_max=self.scale[1], scale_source=self.scale_source
        )

    def _summary_parts(self) -> Summary:
        pct = f"{100 * self.confidence:g}%"
        ci_label = _CI_LABELS[self.ci_method]
        if self.n_boot is not None:
            ci_label += f", {self.n_boot} resamples"
        figures: dict[str, object] = {
            "alpha": self.alpha,
            f"{pct} CI ({ci_label})": f"[{self.ci_low:.3f}, {self.ci_high:.3f}]",
            "standardised alpha": self.std_alpha,
            "Guttman lambda 6 (smc)": self.g6,
            "average r": self.average_r,
            "median r": self.median_r,
            "items (k)": self.k,
            "respondents (n)": self.n,
            "missing values": self.nan_policy,
            "response scale": f"{self.scale[0]:g} to {self.scale[1]:g} ({self.scale_source})",
            "reversed items": ", ".join(str(i) for i in self.reversed_items) or "none",
        }
        notes = [
            f"Response scale {self.scale[0]:g} to {self.scale[1]:g} was {self.scale_source}"
            + ("; reversed items were recoded as min + max - x." if self.reversed_items else ".")
        ]
        if self.nan_policy == "pairwise":
            notes.append(
                "Pairwise deletion (as R psych::alpha): each covariance uses the rows where both "
                "items are observed; n counts rows with at least one observed item, which is the "
                "n psych uses for the Feldt interval and standard errors."
            )
        else:
            notes.append("Listwise deletion: n is the number of rows with every item observed.")
        table = self.item_stats[["alpha_if_deleted", "r_drop", "r_cor", "r_raw", "mean", "sd", "n"]]
        return Summary(
            title="Cronbach's alpha",
            figures=figures,
            tables={"Item statistics": table},
            notes=tuple(notes),
        )


def cronbach_alpha(
    data: pd.DataFrame | np.ndarray,
    items: Sequence[Any] | None = None,
    *,
    reverse: Iterable[Any] | None = None,
    scale: tuple[float, float] | None = None,
    nan_policy: str = "pairwise",
    ci: str = "feldt",
    n_boot: int = 10_000,
    confidence: float = 0.95,
    seed: int | np.random.Generator | None = None,
) -> AlphaResult:
    """Cronbach's alpha with item statistics, as R ``psych::alpha``.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Respondents in rows, items in columns (numeric; NaN for missing answers).
    items : sequence of column names, optional
        The items of the scale (at least 2); default all columns.
    reverse : list of column names, optional
        Reverse-keyed items (each must be in ``items``), recoded as ``min + max - x``.
    scale : (min, max), optional
        Response scale. Values outside it raise ``ValueError``. Default: the observed
        minimum and maximum over all items of the rows used (psych's rule), stated in the result.
    nan_policy : {"pairwise", "listwise"}
        ``"pairwise"`` (psych's default): covariances from pairwise-complete rows, item means
        and SDs over the available values, the scale score is the mean of the available items;
        rows with no observed item are dropped. ``"listwise"`` (SPSS RELIABILITY): only rows
        with every item observed.
    ci : {"feldt", "percentile", "bca"}
        Feldt's (1965) F-based interval (psych's ``alpha.ci``) using the ``n`` actually used,
        or a bootstrap percentile / bias-corrected and accelerated (BCa) interval.
    n_boot : int
        Bootstrap resamples (ignored by ``"feldt"``), at least 100.
    confidence : float
        Confidence level in (0, 1).
    seed : int, numpy Generator or None
        Seed for ``numpy.random.default_rng`` (bootstrap only); an int makes it reproducible.

    Returns
    -------
    AlphaResult
        ``alpha``, ``std_alpha``, ``g6``, ``average_r``, ``median_r``, the CI, ``n``, ``k``
        and ``item_stats`` (psych's ``alpha.drop`` and ``item.stats``).

    Warns
    -----
    NegativeItemWarning
        When an item loads negatively on the first principal component of the keyed items
        (psych's check for items that probably should be reversed).

    Notes
    -----
    With ``nan_policy="pairwise"`` the Feldt interval and ``ase`` use ``n`` = rows with at least
    one observed item (psych uses ``nrow(x)``; the two differ only by wholly empty rows, which
    carry no information). Feldt's interval assumes complete data, so with much missingness a
    bootstrap interval (which resamples respondents and repeats the pairwise estimate) is the
    more honest choice. With ``nan_policy="listwise"`` the interval uses the number of complete
    rows (pingouin 0.5's ``cronbach_alpha`` uses the row count before deletion). With two items the ``*_if_deleted`` columns are NaN: a single item has
    no alpha (psych reports a regression slope and the correlation there instead).

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16, 297-334.
    Feldt, L. S. (1965). The approximate sampling distribution of Kuder-Richardson reliability
    coefficient twenty. Psychometrika, 30, 357-370.
    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference for
    coefficient alpha. Applied Psychological Measurement, 11, 93-103.
    Efron, B., & Tibshirani, R. J. (1993). An Introduction to the Bootstrap, ch. 14.
    Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.reliability import cronbach_alpha
    >>> df = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3], "q2": [2, 2, 3, 5, 4, 3],
    ...                    "q3": [5, 4, 3, 2, 1, 2]})
    >>> res = cronbach_alpha(df, reverse=["q3"])
    >>> round(res.alpha, 3), res.n, res.scale, res.scale_source
    (0.949, 6, (1.0, 5.0), 'inferred from observed min/max')
    """
    frame = as_frame(data)
    items = check_columns(frame, items, "items")
    if len(items) < 2:
        raise ValueError(f"items must name at least 2 columns, got {len(items)}.")
    rev = check_reverse(reverse, items)
    nan_policy = check_choice("nan_policy", nan_policy, NAN_POLICIES)
    ci = check_choice("ci", ci, CI_METHODS)
    confidence = check_probability("confidence", confidence)
    n_boot = check_int("n_boot", n_boot, minimum=100)
    if seed is not None and not isinstance(seed, int | np.integer | np.random.Generator):
        raise TypeError(f"seed must be an int, a numpy Generator or None, got {seed!r}.")

    x = check_numeric(frame[items], "data")
    check_min_rows(x, 3, "data")
    check_not_constant(x, "items")
    if scale is not None:
        resolve_scale(x, scale)  # range check on every row, before any deletion
    obs = x.notna().to_numpy()
    keep = obs.all(axis=1) if nan_policy == "listwise" else obs.any(axis=1)
    x = x.loc[keep]
    check_min_rows(x, 3, "data", f"rows used under nan_policy={nan_policy!r}")
    check_not_constant(x, f"items (rows used under nan_policy={nan_policy!r})")
    values = x.to_numpy()
    if nan_policy == "pairwise":
        pair_n = (~np.isnan(values)).astype(float)
        pair_n = pair_n.T @ pair_n
        low = np.argwhere(np.triu(pair_n < 2, 1))
        if low.size:
            pairs = ", ".join(f"({items[i]!r}, {items[j]!r})" for i, j in low[:5])
            raise ValueError(
                f"item pair(s) {pairs} have fewer than 2 rows where both are observed; "
                "their covariance cannot be estimated."
            )
    (lo, hi), source = resolve_scale(x, scale)
    x = reverse_items(x, rev, (lo, hi))
    values = x.to_numpy()
    n, k = values.shape

    c = pairwise_cov(values)
    _warn_negative_items(c, items)
    core = alpha_stats(c)
    table = item_table(values, c, items, n)
    total = row_means(values)

    if ci == "feldt":
        ci_low, ci_high = feldt_ci(core.raw, n, k, confidence)
        boot_n = None
    else:
        boot = bootstrap_alpha(
            values,
            n_boot=n_boot,
            confidence=confidence,
            method=ci,
            rng=np.random.default_rng(seed),
            pairwise=nan_policy == "pairwise",
        )
        ci_low, ci_high, boot_n = boot.low, boot.high, n_boot

    return AlphaResult(
        alpha=core.raw,
        std_alpha=core.std,
        g6=core.g6,
        average_r=core.average_r,
        median_r=core.median_r,
        var_r=core.var_r,
        s_n=core.s_n,
        ase=float(np.sqrt(core.q / n)),
        mean=float(total.mean()),
        sd=float(total.std(ddof=1)),
        ci_low=ci_low,
        ci_high=ci_high,
        ci_method=ci,
        confidence=confidence,
        n=int(n),
        k=int(k),
        nan_policy=nan_policy,
        scale=(lo, hi),
        scale_source=source,
        reversed_items=tuple(rev),
        n_boot=boot_n,
        item_stats=table,
    )


def _warn_negative_items(c: np.ndarray, items: list[Any]) -> None:
    """psych's check: items with a negative loading on the first principal component of the
    (keyed) correlation matrix, oriented so the loadings sum to a positive number."""
    vals, vecs = np.linalg.eigh(cov2cor(c))
    first = vecs[:, np.argmax(vals)]
    first = first * (1.0 if first.sum() >= 0 else -1.0)
    negative = [items[i] for i in np.flatnonzero(first < 0)]
    if negative:
        warnings.warn(
            f"item(s) {', '.join(map(repr, negative))} correlate negatively with the total "
            "scale; should they be reverse-keyed (reverse=[...])?",
            NegativeItemWarning,
            stacklevel=3,
        )
