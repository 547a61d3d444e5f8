"""Scale scores: the mean of each scale's (reverse-keyed) items per respondent."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._keying import resolve_scale, reverse_items
from ._matrix import row_means
from ._validation import as_frame, check_columns, check_numeric

__all__ = ["scale_scores"]


def _required_items(min_valid: Any, k: int, scale_name: Any) -> int:
    """Number of valid items a respondent needs on a scale of ``k`` items."""
    if isinstance(min_valid, bool) or not isinstance(
        min_valid, int | float | np.integer | np.floating
    ):
        raise TypeError(
            f"min_valid must be a fraction in (0, 1] or an int count >= 1, got {min_valid!r}."
        )
    if isinstance(min_valid, int | np.integer):
        if min_valid < 1:
            raise ValueError(f"min_valid={min_valid} is not allowed; an item count must be >= 1.")
        if min_valid > k:
            raise ValueError(
                f"min_valid={min_valid} items is more than scale {scale_name!r} has ({k})."
            )
        return int(min_valid)
    frac = float(min_valid)
    if not 0.0 < frac <= 1.0:
        raise ValueError(
            f"min_valid={frac} is not allowed; a fraction must be in (0, 1] "
            "(or give an int count of items)."
        )
    # round() first so that e.g. 0.6 * 5 = 3.0000000000000004 needs 3 items, not 4.
    return max(1, math.ceil(round(frac * k, 9)))


def scale_scores(
    data: pd.DataFrame | np.ndarray,
    scales: Mapping[Any, Sequence[Any]],
    *,
    reverse: Iterable[Any] | None = None,
    scale: tuple[float, float] | None = None,
    min_valid: float | int = 1,
) -> pd.DataFrame:
    """Mean of each scale's items per respondent, with reverse keying and a missing-data rule.

    Parameters
    ----------
    data : DataFrame or 2-D array
        Respondents in rows, items in columns (numeric; NaN for missing answers).
    scales : dict
        Scale name -> list of item columns (at least one item each).
    reverse : list of column names, optional
        Reverse-keyed items (each must belong to some scale), recoded as ``min + max - x``
        (same rule as :func:`vaikuttavuus.reliability.cronbach_alpha`).
    scale : (min, max), optional
        Response scale; values outside it raise ``ValueError``. Default: the observed min/max
        over all items of all scales (psych::scoreItems' rule).
    min_valid : float or int, default 1
        Minimum number of answered items for a score; otherwise the score is NaN.
        The default, the int 1, scores anyone with at least one answered item: the mean of
        the answered items, exactly ``psych::scoreItems(impute = "none")``. A float is a
        fraction of the scale's ``k`` items and needs ``ceil(min_valid * k)`` items (0.5 of
        5 items -> 3; 1.0 -> all); an int is a count.

    Returns
    -------
    DataFrame
        One float column per scale (in the order of ``scales``), index as ``data``.

    References
    ----------
    Revelle, W. psych: scoreItems. https://CRAN.R-project.org/package=psych

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.scales import scale_scores
    >>> df = pd.DataFrame({"q1": [1, 5, None], "q2": [2, 4, None], "q3": [5, 1, 3]})
    >>> scale_scores(df, {"s": ["q1", "q2", "q3"]}, reverse=["q3"])
              s
    0  1.333333
    1  4.666667
    2  3.000000
    >>> scale_scores(df, {"s": ["q1", "q2", "q3"]}, reverse=["q3"], min_valid=0.5)
              s
    0  1.333333
    1  4.666667
    2       NaN
    """
    frame = as_frame(data)
    if not isinstance(scales, Mapping):
        raise TypeError(
            f"scales must be a dict of scale name -> list of items, got {type(scales).__name__}."
        )
    if not scales:
        raise ValueError("scales is empty; give at least one scale name -> list of items.")
    checked: dict[Any, list[Any]] = {}
    for name, items in scales.items():
        if items is None or isinstance(items, str):
            items = [items] if isinstance(items, str) else []
        cols = check_columns(frame, items, f"scales[{name!r}]")
        if not cols:
            raise ValueError(f"scales[{name!r}] has no items; give at least one column.")
        checked[name] = cols
    all_items = list(dict.fromkeys(c for cols in checked.values() for c in cols))
    if reverse is None:
        rev: list[Any] = []
    else:
        rev = [reverse] if isinstance(reverse, str) else list(reverse)
        stray = [r for r in rev if r not in all_items]
        if stray:
            raise ValueError(
                f"reverse names column(s) that are in no scale: {', '.join(map(repr, stray))}."
            )
    needed = {name: _required_items(min_valid, len(cols), name) for name, cols in checked.items()}

    x = check_numeric(frame[all_items], "data")
    lohi, _ = resolve_scale(x, scale)
    x = reverse_items(x, rev, lohi)
    out = {}
    for name, cols in checked.items():
        block = x[cols].to_numpy()
        valid = (~np.isnan(block)).sum(axis=1)
        out[name] = np.where(valid >= needed[name], row_means(block), np.nan)
    return pd.DataFrame(out, index=frame.index)
