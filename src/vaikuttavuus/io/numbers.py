"""Numbers written the Finnish way: decimal comma, spaces as thousands separators, U+2212.

Accepted: ``37,5`` and ``37.5``; ``1 234`` and ``1 234,50`` with a space, no-break space
(U+00A0) or narrow no-break space (U+202F) between groups of three digits; a leading ``+``,
``-`` or ``−`` (U+2212). Anything else (``20 h``, ``n. 30``, ``1.234,5``) is an error that
names the file, column, rows and values, or, with ``invalid="missing"``, set missing and
counted (``not_a_number``) in the reading log with the values. Every coercion is counted.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from .._validation import check_choice
from .log import ReadError, ReadingNotes, row_labels, where

__all__ = ["FLAG_VALUES", "parse_flags", "parse_numbers"]

_SPACES = "\u0020\u00a0\u202f"
_NUMBER = re.compile(
    rf"(?P<sign>[+\-\u2212]?)(?P<int>\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)?"
    r"(?:(?P<sep>[.,])(?P<frac>\d+))?"
)


def _one(text: str) -> tuple[float, str, bool, bool] | None:
    """(value, decimal separator, thousands spaces, unicode minus) or None."""
    m = _NUMBER.fullmatch(text)
    if m is None or not (m["int"] or m["frac"]):
        return None
    whole = m["int"] or "0"
    digits = re.sub(f"[{_SPACES}]", "", whole)
    value = float(f"{digits}.{m['frac']}" if m["frac"] else digits)
    if m["sign"] in ("-", "\u2212"):
        value = -value
    return value, m["sep"] or "", digits != whole, m["sign"] == "\u2212"


def parse_numbers(
    values: Any,
    *,
    column: str,
    file: str | None = None,
    invalid: str = "error",
    rows: Any = None,
    notes: ReadingNotes | None = None,
) -> pd.Series:
    """Read a column of numbers (float64; empty cells NaN).

    Parameters
    ----------
    values : Series or array-like
        Numbers or texts.
    column, file : str
        For messages and the reading log.
    invalid : {"error", "missing"}, default "error"
        What to do with values that are not numbers: raise, or set missing and count them
        (``not_a_number`` entry naming the values).
    rows : array-like, optional
        File row numbers of the values (for messages); default positions from 1.
    notes : ReadingNotes, optional
        Receives ``decimal_comma``, ``thousands_separator``, ``unicode_minus`` and
        ``not_a_number`` entries.

    Returns
    -------
    Series
        float64 with the index of ``values``.

    Raises
    ------
    ReadError
        Values that are not numbers (with ``invalid="error"``): file, column, rows, values.

    References
    ----------
    Kotimaisten kielten keskus, Kielitoimiston ohjepankki: "Numeroiden ryhmittely" and
    "Desimaalipilkku" (Finnish writes 1 234,5).

    Examples
    --------
    >>> parse_numbers(["37,5", "1 234", "\u22122", None], column="hours").tolist()
    [37.5, 1234.0, -2.0, nan]
    >>> parse_numbers(["20 h"], column="hours", file="jobs.csv")
    Traceback (most recent call last):
    ...
    vaikuttavuus.io.log.ReadError: jobs.csv, column 'hours': 1 value(s) are not numbers: row 1: '20 h'. Allowed: digits with a decimal comma or point (37,5), spaces between thousands (1 234), a leading + or -.
    """
    check_choice("invalid", invalid, ("error", "missing"))
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if pd.api.types.is_bool_dtype(series.dtype):
        raise ReadError(f"{where(file, column)}: true/false values are not numbers.")
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.astype(np.float64)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniq = np.asarray(uniques, dtype=object)
    parsed = np.full(len(uniq), np.nan)
    bad = np.zeros(len(uniq), dtype=bool)
    flags = {"comma": [], "spaces": [], "minus": []}
    for i, v in enumerate(uniq):
        if isinstance(v, bool):
            bad[i] = True
        elif isinstance(v, int | float | np.integer | np.floating):
            parsed[i] = float(v)
        else:
            text = str(v).strip()
            if not text:
                continue
            got = _one(text)
            if got is None:
                bad[i] = True
                continue
            parsed[i] = got[0]
            for key, flag in zip(flags, (got[1] == ",", got[2], got[3]), strict=True):
                if flag:
                    flags[key].append(i)
    has = codes >= 0
    counts = np.bincount(codes[has], minlength=len(uniq))
    if bad.any():
        pos = np.flatnonzero(np.isin(codes, np.flatnonzero(bad)))
        labels = row_labels(rows, pos[:5])
        raw = series.to_numpy(dtype=object)
        shown = ", ".join(f"row {r}: {v!r}" for r, v in zip(labels, raw[pos[:5]], strict=True))
        if invalid == "error":
            raise ReadError(
                f"{where(file, column)}: {len(pos)} value(s) are not numbers: {shown}. Allowed: "
                "digits with a decimal comma or point (37,5), spaces between thousands (1 234), "
                "a leading + or -.",
                pos,
            )
        if notes is not None:
            notes.add("not_a_number", len(pos), file=file, column=column, examples=uniq[bad])
    if notes is not None:
        for key, code in (("comma", "decimal_comma"), ("spaces", "thousands_separator"),
                          ("minus", "unicode_minus")):  # fmt: skip
            idx = flags[key]
            notes.add(code, int(counts[idx].sum()), file=file, column=column, examples=uniq[idx])
    out = np.full(len(codes), np.nan)
    out[has] = parsed[codes[has]]
    return pd.Series(out, index=series.index, name=series.name)


#: Texts read as true / false (case-insensitive: what CSV and Excel write for a boolean).
#: Words such as "kyllä"/"no" are refused: recode them explicitly.
FLAG_VALUES = {True: ("1", "1.0", "true"), False: ("0", "0.0", "false")}


def parse_flags(
    values: Any,
    *,
    column: str,
    file: str | None = None,
    rows: Any = None,
    notes: ReadingNotes | None = None,
) -> pd.Series:
    """Read a yes/no column as bool: True/False, 1/0 or the texts of :data:`FLAG_VALUES`.

    An empty cell or any other value is an error naming the file, column, rows and values.

    Parameters
    ----------
    values : Series or array-like
        Flags as read.
    column, file : str
        For messages.
    rows : array-like, optional
        File row numbers (for messages).
    notes : ReadingNotes, optional
        Unused (nothing is coerced but the spelling); accepted for symmetry.

    Returns
    -------
    Series
        bool.

    References
    ----------
    RFC 4180 has no boolean type; pandas and Excel write ``True``/``TRUE``/``1``.

    Examples
    --------
    >>> parse_flags(["TRUE", "0", 1, "False"], column="competitive").tolist()
    [True, False, True, False]
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    lookup = {t: flag for flag, texts in FLAG_VALUES.items() for t in texts}
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    got = []
    for v in np.asarray(uniques, dtype=object):
        if isinstance(v, bool | np.bool_):
            got.append(bool(v))
        elif isinstance(v, int | float | np.integer | np.floating) and v in (0, 1):
            got.append(bool(v))
        else:
            got.append(lookup.get(str(v).strip().lower()))
    bad_u = np.array([g is None for g in got] + [True], dtype=bool)  # last: missing (-1)
    bad = bad_u[codes]
    if bad.any():
        pos = np.flatnonzero(bad)
        raw = series.to_numpy(dtype=object)
        shown = ", ".join(
            f"row {r}: {(None if v is None or v != v else v)!r}"
            for r, v in zip(row_labels(rows, pos[:5]), raw[pos[:5]], strict=True)
        )
        raise ReadError(
            f"{where(file, column)}: {len(pos)} value(s) are not True/False: {shown}. Allowed: "
            "True/False or 1/0 (no empty cells).",
            pos,
        )
    out = np.array([bool(g) for g in got], dtype=bool)[codes]
    return pd.Series(out, index=series.index, name=series.name)
