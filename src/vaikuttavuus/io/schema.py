"""Declared column kinds of a table read from a file (a plain declaration, no pandera).

A :class:`Schema` names the required columns, the key columns (text, trimmed and
NFC-normalised), the date columns (one format per column), the municipality-code column
(3-digit text, no empty cells) and optional flag columns; every other column is typed as a
whole: True/False when every cell is one, numbers when every cell is a number (decimal comma
allowed), otherwise text as read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .dates import parse_dates
from .keys import clean_keys, municipality_codes
from .log import ReadError, ReadingNotes, where
from .numbers import FLAG_VALUES, parse_numbers

__all__ = ["Schema", "apply_schema"]

_FLAG_TEXTS = {t for texts in FLAG_VALUES.values() for t in texts if not t[0].isdigit()}


@dataclass(frozen=True)
class Schema:
    """Column kinds of one kind of table (see the module docstring)."""

    required: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    municipality: str | None = None


def _infer(series: pd.Series, column: str, file: str | None, notes: ReadingNotes) -> pd.Series:
    if not (
        pd.api.types.is_object_dtype(series.dtype) or pd.api.types.is_string_dtype(series.dtype)
    ):
        return series
    present = series.dropna()
    if present.empty:
        return series
    uniq = {str(v).strip().lower() for v in pd.unique(present)}
    if uniq <= _FLAG_TEXTS and series.notna().all():
        return series.map(lambda v: str(v).strip().lower() == "true").astype(bool)
    found = ReadingNotes()
    try:
        numbers = parse_numbers(series, column=column, file=file, notes=found)
    except ReadError:
        return series  # text: not every cell is a number
    notes.extend(found)
    whole = numbers.notna().all() and np.all(numbers.to_numpy() == np.round(numbers.to_numpy()))
    return numbers.astype(np.int64) if whole else numbers


def apply_schema(
    frame: pd.DataFrame,
    schema: Schema,
    *,
    file: str | None = None,
    rows: Any = None,
    notes: ReadingNotes | None = None,
) -> pd.DataFrame:
    """Type the columns of ``frame`` by ``schema`` (a new frame; the log in ``notes``).

    Parameters
    ----------
    frame : DataFrame
        Cells as read (e.g. :attr:`Table.frame`).
    schema : Schema
        The declared column kinds.
    file : str, optional
        File name for messages and the log.
    rows : array-like, optional
        File row numbers of the rows (for messages).
    notes : ReadingNotes, optional
        Receives every coercion.

    Returns
    -------
    DataFrame
        Same columns and index, typed.

    Raises
    ------
    ReadError
        A required column is missing (named, with the columns found), a municipality cell is
        empty or not a code, or a date column fits no single format.

    References
    ----------
    pandera (https://pandera.readthedocs.io) was considered and not used: its coercion is
    ``pd.to_datetime``/``astype`` value by value and its errors do not name file rows.

    Examples
    --------
    >>> f = pd.DataFrame({"municipality": ["91", "837"], "start": ["1.3.2024", "2.3.2024"],
    ...                   "hours": ["37,5", "20"], "site": ["A ", "B"]})
    >>> s = Schema(required=("site",), keys=("site",), dates=("start",), municipality="municipality")
    >>> apply_schema(f, s).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'municipality': ['091', '837'], 'start': [Timestamp('2024-03-01 00:00:00'),
     Timestamp('2024-03-02 00:00:00')], 'hours': [37.5, 20.0], 'site': ['A', 'B']}
    """
    notes = ReadingNotes() if notes is None else notes
    missing = [c for c in schema.required if c not in frame.columns]
    if missing:
        raise ReadError(
            f"{where(file)}: required column(s) {', '.join(map(repr, missing))} are missing; "
            f"columns in the file: {', '.join(map(repr, map(str, frame.columns)))}."
        )
    out = {}
    for col in frame.columns:
        s = frame[col]
        if col == schema.municipality:
            out[col] = municipality_codes(s, column=col, file=file, rows=rows, notes=notes)
        elif col in schema.keys:
            out[col] = clean_keys(s, column=col, file=file, notes=notes)
        elif col in schema.dates:
            out[col] = parse_dates(s, column=col, file=file, rows=rows, notes=notes)
        else:
            out[col] = _infer(s, col, file, notes)
    return pd.DataFrame(out, index=frame.index)
