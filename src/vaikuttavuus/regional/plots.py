"""Figures of the region report (matplotlib is imported inside the functions)."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from ..present import Table, plot_text, set_axis_format
from ._i18n import text

__all__ = ["plot_municipalities"]


def _draw(ax: Any, api: pd.DataFrame, language: str, title: str) -> Any:
    if "episodes" in api.columns:  # the bars the municipality table withholds are left out
        counts = api[["episodes", "episodes_per_1000"]]
        table = Table(counts, persons=("episodes",), split="column",
                      follows={"episodes_per_1000": "episodes"})  # fmt: skip
        keep = ~table.withheld()["episodes_per_1000"].to_numpy()
        values = api.loc[keep, "episodes_per_1000"].astype(float)
        labels = api.loc[keep, "name"]
        xlabel = text("episodes_per_1000", language)
        decimals = 1
    else:
        values, labels = api["population"].astype(float), api["name"]
        xlabel = text("plot_population", language)
        decimals = 0
    order = values.sort_values(kind="stable").index
    ax.barh([plot_text(n) for n in labels[order]], list(values[order]), color="#3b6ea5")
    set_axis_format(ax, language, axis="x", kind="number", decimals=decimals)
    ax.set_xlabel(xlabel)
    ax.set_title(plot_text(title))
    return ax


def plot_municipalities(report: Any, *, ax: Any = None) -> Any:
    """Bar chart of rehabilitative work activity episodes per 1,000 inhabitants by municipality.

    Municipalities whose count is withheld by disclosure control (1-4 episodes, or its
    complement) are left out of the chart; without episode data the chart shows population.

    Parameters
    ----------
    report : RegionReport
        From :func:`~vaikuttavuus.regional.region_report`; labels in its language.
    ax : matplotlib Axes, optional
        Axes to draw on (default: a new pyplot figure sized to the number of municipalities).

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Statistics Finland. Statistical data protection of research data,
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from vaikuttavuus.regional import region_data, region_report
    >>> data = region_data("employment_area", "TA44", period="2024")
    >>> report = region_report(data, sections=["region"])
    >>> ax = plot_municipalities(report)
    >>> ax.get_xlabel()
    'Jaksoja / 1 000 asukasta'
    """
    api: pd.DataFrame = report.municipality_table
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7, 0.8 + 0.28 * max(len(api), 1)), dpi=90)
    _draw(ax, api, report.language, report.name)
    ax.figure.tight_layout()
    return ax


def municipality_png(api: pd.DataFrame, language: str, title: str) -> bytes:
    """The chart of :func:`plot_municipalities` as PNG bytes (no pyplot, no global state)."""
    from matplotlib.figure import Figure

    height = 0.9 + 0.26 * max(len(api), 1)
    fig = Figure(figsize=(7, height), dpi=90)
    _draw(fig.subplots(), api, language, title)
    longest = max((len(str(n)) for n in api["name"]), default=8)
    # fixed margins instead of tight_layout (which draws the figure once more)
    fig.subplots_adjust(
        left=min(0.5, 0.04 + 0.0125 * longest), right=0.97, top=1 - 0.35 / height,
        bottom=0.55 / height,
    )  # fmt: skip
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
