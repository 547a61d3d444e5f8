"""Reverse keying and response-scale handling shared by reliability and scale scores.

A reverse-keyed item is recoded as ``scale_min + scale_max - x``, exactly as R psych's
``alpha`` (``max.item + min.item - x``) and ``scoreItems`` do. When the response scale is
not given it is inferred from the observed minimum and maximum over *all* the items
involved (psych does the same: one ``min(x)`` / ``max(x)`` over the whole item matrix).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validation import check_unique

__all__ = ["SCALE_GIVEN", "SCALE_INFERRED", "check_reverse", "resolve_scale", "reverse_items"]

SCALE_GIVEN = "given"
SCALE_INFERRED = "inferred from observed min/max"


def check_reverse(reverse: Iterable[Any] | None, items: Sequence[Any]) -> list[Any]:
    """Validate ``reverse`` (column names that must all be among ``items``)."""
    if reverse is None:
        return []
    if isinstance(reverse, str):
        reverse = [reverse]
    try:
        reverse = list(reverse)
    except TypeError:
        raise TypeError(
            f"reverse must be a list of item names, got {type(reverse).__name__}."
        ) from None
    not_items = [r for r in reverse if r not in items]
    if not_items:
        raise ValueError(
            f"reverse names column(s) that are not among the items: "
            f"{', '.join(repr(r) for r in not_items)}; items are {', '.join(repr(i) for i in items)}."
        )
    check_unique("reverse", reverse, "item(s)")
    return reverse


def resolve_scale(
    data: pd.DataFrame, scale: Any | None, name: str = "scale"
) -> tuple[tuple[float, float], str]:
    """Return ``((scale_min, scale_max), source)`` for the numeric item frame ``data``.

    A given ``scale`` must be a pair of finite numbers with min < max, and every observed
    value must lie inside it (otherwise ``ValueError`` naming the offending columns).
    Without ``scale`` the observed min/max over all items is used.
    """
    values = data.to_numpy(dtype=np.float64, na_value=np.nan)
    if scale is None:
        if np.isnan(values).all():
            raise ValueError("cannot infer the response scale: every item value is missing.")
        return (float(np.nanmin(values)), float(np.nanmax(values))), SCALE_INFERRED
    if isinstance(scale, str | bytes) or not isinstance(scale, Sequence | np.ndarray):
        raise TypeError(f"{name} must be a (min, max) pair of numbers, got {scale!r}.")
    if len(scale) != 2:
        raise ValueError(f"{name} must be a (min, max) pair, got {len(scale)} value(s): {scale!r}.")
    lo, hi = scale
    for v in (lo, hi):
        if isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
            raise TypeError(f"{name} must be a (min, max) pair of numbers, got {scale!r}.")
    lo, hi = float(lo), float(hi)
    if not (np.isfinite(lo) and np.isfinite(hi)) or lo >= hi:
        raise ValueError(f"{name}=({lo:g}, {hi:g}) is not allowed; it needs finite min < max.")
    with np.errstate(invalid="ignore"):
        outside = (values < lo) | (values > hi)
    if outside.any():
        cols = [str(c) for c, bad in zip(data.columns, outside.any(axis=0), strict=True) if bad]
        raise ValueError(
            f"column(s) {', '.join(repr(c) for c in cols)} have values outside the response "
            f"scale {name}=({lo:g}, {hi:g}); allowed are values from {lo:g} to {hi:g}."
        )
    return (lo, hi), SCALE_GIVEN


def reverse_items(
    data: pd.DataFrame, reverse: Sequence[Any], scale: tuple[float, float]
) -> pd.DataFrame:
    """Return a copy of ``data`` with the ``reverse`` columns recoded as min + max - x."""
    if not reverse:
        return data
    out = data.copy()
    adjust = scale[0] + scale[1]
    for col in reverse:
        out[col] = adjust - out[col]
    return out
