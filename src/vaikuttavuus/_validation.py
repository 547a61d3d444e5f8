"""Input validation helpers.

Every public function validates through these helpers so that bad input gets a
``ValueError``/``TypeError`` naming the parameter or column and what is allowed.
Never use ``assert`` for validation (it disappears under ``python -O``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_frame",
    "check_choice",
    "check_columns",
    "check_unique",
    "check_int",
    "check_numeric",
    "check_probability",
    "check_min_rows",
    "check_not_constant",
]


def _fmt(values: Iterable[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def check_choice(name: str, value: Any, allowed: Sequence[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``; otherwise raise ``ValueError``."""
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not allowed; choose one of {_fmt(allowed)}.")
    return value


def check_int(
    name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Validate an integer parameter (bools are rejected)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} ({value!r}).")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name}={value} is too small; it must be at least {minimum}.")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name}={value} is too large; it must be at most {maximum}.")
    return value


def check_probability(name: str, value: Any, *, open_interval: bool = True) -> float:
    """Validate a number in (0, 1) (or [0, 1] with ``open_interval=False``)."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        raise TypeError(f"{name} must be a number between 0 and 1, got {value!r}.")
    value = float(value)
    ok = 0.0 < value < 1.0 if open_interval else 0.0 <= value <= 1.0
    if not ok:
        bounds = "strictly between 0 and 1" if open_interval else "between 0 and 1"
        raise ValueError(f"{name}={value} is not allowed; it must be {bounds}.")
    return value


def as_frame(data: Any, name: str = "data") -> pd.DataFrame:
    """Return ``data`` as a DataFrame (2-D arrays get columns ``x1..xk``)."""
    if isinstance(data, pd.DataFrame):
        return data
    if isinstance(data, np.ndarray):
        if data.ndim != 2:
            raise ValueError(
                f"{name} must be 2-dimensional (rows x items), got {data.ndim} dimension(s)."
            )
        return pd.DataFrame(data, columns=[f"x{i + 1}" for i in range(data.shape[1])])
    raise TypeError(
        f"{name} must be a pandas DataFrame or a 2-D numpy array, got {type(data).__name__}."
    )


def check_columns(
    data: pd.DataFrame, columns: Iterable[Any] | None, name: str = "items"
) -> list[Any]:
    """Return the list of columns, checking they exist and are unique."""
    if columns is None:
        return list(data.columns)
    if isinstance(columns, str):
        columns = [columns]
    columns = list(columns)
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(
            f"{name} names column(s) not in data: {_fmt(missing)}; "
            f"available columns: {_fmt(data.columns)}."
        )
    check_unique(name, columns)
    return columns


def check_unique(name: str, values: list[Any], what: str = "column(s)") -> None:
    """Raise ``ValueError`` naming the values that ``values`` (parameter ``name``) repeats."""
    dup = sorted({v for v in values if values.count(v) > 1}, key=str)
    if dup:
        raise ValueError(f"{name} lists {what} more than once: {_fmt(dup)}.")


def check_numeric(data: pd.DataFrame, name: str = "data") -> pd.DataFrame:
    """Check every column is numeric (bool is refused) and return a float64 frame."""
    bad = [
        c
        for c in data.columns
        if not pd.api.types.is_numeric_dtype(data[c]) or pd.api.types.is_bool_dtype(data[c])
    ]
    if bad:
        kinds = {c: str(data[c].dtype) for c in bad}
        raise ValueError(
            f"{name} has non-numeric column(s) {kinds}; allowed are numeric columns "
            "(recode text answers first, e.g. with vaikuttavuus.read_survey and a codebook)."
        )
    out = data.astype("float64")
    inf = [c for c in out.columns if np.isinf(out[c].to_numpy()).any()]
    if inf:
        raise ValueError(
            f"{name} has infinite values in column(s) {_fmt(inf)}; only finite values or NaN are allowed."
        )
    return out


def check_min_rows(data: pd.DataFrame, minimum: int, name: str = "data", why: str = "") -> None:
    """Require at least ``minimum`` rows."""
    if len(data) < minimum:
        extra = f" ({why})" if why else ""
        raise ValueError(f"{name} has {len(data)} row(s); at least {minimum} are needed{extra}.")


def check_not_constant(data: pd.DataFrame, name: str = "data") -> None:
    """Refuse columns with zero variance (or fewer than two observed values)."""
    values = data.to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: handled below
        constant = ~(np.nanmax(values, axis=0) > np.nanmin(values, axis=0))
    bad = [c for c, flag in zip(data.columns, constant, strict=True) if flag]
    if bad:
        raise ValueError(
            f"{name} has constant (zero-variance) or empty column(s) {_fmt(bad)}; "
            "remove them before the analysis."
        )
