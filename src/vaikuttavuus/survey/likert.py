"""Likert item distributions: count tables and a diverging stacked bar chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validation import as_frame, check_columns, check_int
from ..disclosure import small_cell_mask

__all__ = ["likert_table", "plot_likert"]


def likert_table(
    data: pd.DataFrame,
    items: Sequence[Any] | None = None,
    *,
    scale: tuple[int, int] = (1, 5),
) -> pd.DataFrame:
    """Count the answers of each item on each point of the scale.

    Parameters
    ----------
    data : DataFrame
        Numeric item answers (NaN = missing).
    items : sequence, optional
        Item columns (default: all columns).
    scale : (int, int), default (1, 5)
        Lowest and highest answer; every point gets a column even when nobody chose it.

    Returns
    -------
    DataFrame
        One row per item (index ``item``), one column per scale point, then ``n`` (valid
        answers) and ``missing``.

    References
    ----------
    Likert, R. (1932). A technique for the measurement of attitudes. Archives of Psychology,
    22(140), 1-55.
    Heiberger, R. M., & Robbins, N. B. (2014). Design of diverging stacked bar charts for
    Likert scales and other applications. Journal of Statistical Software, 57(5), 1-32
    (the count table behind :func:`plot_likert`; cf. ``HH::likert``).

    Examples
    --------
    >>> import pandas as pd
    >>> likert_table(pd.DataFrame({"q": [1, 2, 2, 5, None]}), scale=(1, 5))
          1  2  3  4  5  n  missing
    item
    q     1  2  0  0  1  4        1
    """
    data = as_frame(data)
    items = check_columns(data, items)
    lo, hi = (check_int("scale[0]", scale[0]), check_int("scale[1]", scale[1]))
    if lo >= hi:
        raise ValueError(f"scale={scale!r}: the minimum must be smaller than the maximum.")
    points = list(range(lo, hi + 1))
    rows = []
    for col in items:
        x = pd.to_numeric(data[col], errors="raise")
        counts = x.value_counts()
        outside = sorted(set(counts.index) - set(points))
        if outside:
            raise ValueError(f"column {col!r} has values outside the scale {lo}..{hi}: {outside}.")
        rows.append(
            [int(counts.get(p, 0)) for p in points] + [int(x.notna().sum()), int(x.isna().sum())]
        )
    out = pd.DataFrame(rows, index=pd.Index(items, name="item"), columns=[*points, "n", "missing"])
    return out


def plot_likert(
    data: pd.DataFrame,
    items: Sequence[Any] | None = None,
    *,
    scale: tuple[int, int] = (1, 5),
    answer_labels: Sequence[str] | None = None,
    item_labels: Mapping[Any, str] | None = None,
    min_n: int = 5,
    xlabel: str = "%",
    ax: Any = None,
) -> Any:
    """Diverging stacked bar chart of Likert items, centred on the neutral answer.

    Disagreeing answers extend to the left of zero, agreeing answers to the right; an odd
    scale's middle answer straddles zero. Segments describing fewer than ``min_n``
    respondents (but more than none) are not drawn (disclosure control).

    Parameters
    ----------
    data : DataFrame
        Numeric item answers.
    items : sequence, optional
        Items in display order (top first); default all columns.
    scale : (int, int), default (1, 5)
    answer_labels : sequence of str, optional
        Legend labels of the scale points (lowest first).
    item_labels : mapping, optional
        Item -> text shown on the y axis (long texts are wrapped).
    min_n : int, default 5
        Smallest count drawn; use 1 to draw everything.
    xlabel : str, default "%"
    ax : matplotlib Axes, optional
        Axes to draw on (default: a new pyplot figure sized to the number of items).

    Returns
    -------
    matplotlib.axes.Axes

    See Also
    --------
    likert_table : The counts behind the chart, with the Likert (1932) and Heiberger &
        Robbins (2014) references.

    References
    ----------
    Statistics Finland. Remote access to research data, ch. 3: Statistical data protection
    of research data (threshold rule for table cells).
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> ax = plot_likert(pd.DataFrame({"q1": [1, 2, 3, 4, 5] * 4, "q2": [4, 5] * 10}), ax=ax)
    >>> len(ax.patches) > 0
    True
    """
    import textwrap

    import seaborn as sns

    from ..present import plot_text

    min_n = check_int("min_n", min_n, minimum=1)
    table = likert_table(data, items, scale=scale)
    points = [c for c in table.columns if c not in ("n", "missing")]
    k = len(points)
    if answer_labels is not None and len(answer_labels) != k:
        raise ValueError(
            f"answer_labels has {len(answer_labels)} labels but the scale has {k} points."
        )
    counts = np.array(table[points].to_numpy(dtype=float))
    # withhold small segments and, row by row, a complement: a bar's gap must not reveal them
    hidden = small_cell_mask(table[points], min_n=min_n, complementary=True).to_numpy()
    counts[hidden] = 0.0
    n = table["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(n[:, None] > 0, 100.0 * counts / n[:, None], 0.0)
    half = k // 2
    left = pct[:, :half].sum(axis=1) + (pct[:, half] / 2 if k % 2 else 0.0)
    colours = sns.color_palette("RdBu", k)
    labels = [plot_text(p) for p in (points if answer_labels is None else answer_labels)]
    names = [
        plot_text(textwrap.shorten(str((item_labels or {}).get(i, i)), 70, placeholder="…"))
        for i in table.index
    ]
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(10, 0.45 * len(names) + 1.6))
    y = np.arange(len(names))
    start = -left
    for j in range(k):
        ax.barh(
            y,
            pct[:, j],
            left=start,
            color=colours[j],
            label=labels[j],
            edgecolor="white",
            height=0.75,
        )
        start = start + pct[:, j]
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_yticks(y, ["\n".join(textwrap.wrap(s, 45)) for s in names], fontsize=8)
    ax.invert_yaxis()
    extent = float(np.nanmax(np.r_[left, pct.sum(axis=1) - left])) if len(left) else 100.0
    lim = min(100.0, 10.0 * np.ceil(extent / 10.0) + 5.0)
    ax.set_xlim(-lim, lim)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(t):.0f}" for t in ticks])
    ax.set_xlabel(plot_text(xlabel))
    ax.legend(ncol=k, loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    ax.figure.tight_layout()
    return ax
