"""Vates 2020 plots: each takes ax= and returns its Axes (the replication grid its Figure), and
numbers in the cells and on the axes are written as the report language writes them."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from vaikuttavuus.studies.vates2020 import replicate, reproduce, simulate
from vaikuttavuus.studies.vates2020.plots import (
    plot_correlations,
    plot_loadings,
    plot_replications,
    plot_scree,
)


@pytest.fixture(scope="module")
def res():
    return reproduce(simulate(168, seed=2020), parallel_iterations=5)


def _texts(ax) -> list[str]:
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    return [t.get_text() for t in ax.texts] + ticks


@pytest.mark.parametrize("plot", [plot_loadings, plot_scree, plot_correlations])
def test_axes_in_axes_out_and_decimal_comma(res, plot):
    ax = Figure().subplots()
    assert plot(res, "fi", ax=ax) is ax
    numbers = [t for t in _texts(ax) if any(ch.isdigit() for ch in t)]
    assert numbers and not any("." in t for t in numbers), numbers
    en = plot(res, "en", ax=Figure().subplots())
    assert any("." in t for t in _texts(en))


def test_replication_grid_is_a_figure_with_comma_ticks():
    rep = replicate(3, seed=1)
    fig = plot_replications(rep, "fi")
    assert isinstance(fig, Figure)
    fig.canvas.draw()
    ticks = [t.get_text() for ax in fig.axes if ax.get_visible() for t in ax.get_xticklabels()]
    assert ticks and not any("." in t for t in ticks)
