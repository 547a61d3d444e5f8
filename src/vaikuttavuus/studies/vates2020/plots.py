"""Figures of the Vates 2020 reproduction report (matplotlib; aggregate results only)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from vaikuttavuus.present import format_number, plot_text, set_axis_format
from vaikuttavuus.studies.vates2020._analysis import published_pattern
from vaikuttavuus.studies.vates2020._text import text
from vaikuttavuus.studies.vates2020.instrument import OUTCOMES
from vaikuttavuus.studies.vates2020.replicate import ReplicationResult
from vaikuttavuus.studies.vates2020.reproduce import VatesReproduction
from vaikuttavuus.studies.vates2020.tables import (
    comparison_table,
    correlation_table,
    figure_label,
)

__all__ = [
    "plot_loadings",
    "plot_scree",
    "plot_correlations",
    "plot_replications",
    "correlation_table",
    "comparison_table",
]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def plot_loadings(res: VatesReproduction, language: str = "fi", *, ax: Axes | None = None) -> Axes:
    """Heatmap of the reproduced loadings; published primary loadings outlined.

    Numbers in the cells and on the colour bar are written as ``language`` writes them.
    """
    lo = res.loadings
    ax = _axes(ax, (5.5, 9))
    fig = ax.figure
    im = ax.imshow(lo.to_numpy(), cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    pub = published_pattern().loc[lo.index].to_numpy()
    for i, j in zip(*np.nonzero(pub), strict=True):
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=1.5, ec="black"))
    for i in range(lo.shape[0]):
        for j in range(lo.shape[1]):
            cell = format_number(lo.iat[i, j], language, 2)
            ax.text(j, i, cell, ha="center", va="center", fontsize=7)
    ax.set_xticks(range(4), [f"{text('factor', language)} {k}" for k in lo.columns])
    ax.set_yticks(range(lo.shape[0]), lo.index)
    ax.set_title(f"{text('loadings', language)} ({res.method}, {res.rotation})")
    bar = fig.colorbar(im, ax=ax, shrink=0.6)
    set_axis_format(bar.ax, language, decimals=1)
    return ax


def plot_scree(res: VatesReproduction, language: str = "fi", *, ax: Axes | None = None) -> Axes:
    """Scree plot of the observed eigenvalues with the parallel-analysis thresholds."""
    ax = _axes(ax, (6, 4))
    if res.parallel is not None:
        t = res.parallel.table
        x = np.arange(1, len(t) + 1)
        ax.plot(x, t["observed_fa"], "o-", label=text("observed", language))
        ax.plot(x, t["simulated_fa"], "--", label=text("simulated", language))
        if "resampled_fa" in t and t["resampled_fa"].notna().any():
            ax.plot(x, t["resampled_fa"], ":", label=text("resampled", language))
    else:
        ev = res.efa.reduced_eigenvalues
        ax.plot(np.arange(1, len(ev) + 1), ev, "o-", label=text("observed", language))
    ax.axvline(4, color="grey", lw=0.8)
    ax.set_xlabel(text("factor", language))
    ax.set_ylabel(text("eigenvalue", language))
    ax.set_title(text("scree", language))
    set_axis_format(ax, language, decimals=1)
    ax.legend()
    return ax


def plot_correlations(
    res: VatesReproduction, language: str = "fi", *, ax: Axes | None = None
) -> Axes:
    """Heatmap of scale score x destination correlations with significance stars."""
    c = res.correlations
    r = c.pivot(index="factor", columns="outcome", values="r")
    stars = c.pivot(index="factor", columns="outcome", values="stars")
    outs = [o for o in OUTCOMES if o in r.columns]
    r, stars = r[outs], stars[outs]
    ax = _axes(ax, (7, 3.8))
    ax.imshow(r.to_numpy(), cmap="RdBu_r", vmin=-0.6, vmax=0.6, aspect="auto")
    for i in range(r.shape[0]):
        for j in range(r.shape[1]):
            cell = f"{format_number(r.iat[i, j], language, 2)}{stars.iat[i, j]}"
            ax.text(j, i, cell, ha="center", va="center")
    names = {k: v[0 if language == "fi" else 1] for k, v in OUTCOMES.items()}
    ax.set_xticks(range(len(outs)), [names[o] for o in outs], rotation=20)
    ax.set_yticks(range(r.shape[0]), [f"{text('factor', language)} {k}" for k in r.index])
    ax.set_title(text("correlations", language))
    return ax


def plot_replications(
    rep: ReplicationResult,
    language: str = "fi",
    kinds: tuple[str, ...] = ("variance", "correlation"),
) -> Figure:
    """Sampling distributions at N = 168 with the published value marked (red line).

    A grid of one panel per figure, so it returns the Figure (the other plots take ``ax=`` and
    return their Axes). Tick labels are written as ``language`` writes numbers.
    """
    figs = rep.figures.loc[rep.figures["kind"].isin(kinds)].reset_index(drop=True)
    ncol = 4
    nrow = int(np.ceil(len(figs) / ncol))
    fig, axes = plt.subplots(nrow, ncol, figsize=(12, 2.4 * nrow), squeeze=False)
    for ax, (_, row) in zip(axes.ravel(), figs.iterrows(), strict=False):
        ax.hist(rep.draws[row["figure"]].astype(float), bins=30, color="#8fb3d9")
        if not np.isnan(row["reference"]):
            ax.axvline(row["reference"], color="red", lw=1.5)
        ax.set_title(plot_text(figure_label(row["figure"], language, statement=False)), fontsize=8)
        set_axis_format(ax, language, axis="x", decimals=2)
    for ax in axes.ravel()[len(figs) :]:
        ax.set_visible(False)
    fig.suptitle(text("replications", language))
    fig.tight_layout()
    return fig
