"""Dates: one format per column, decided over all its values, never value by value.

Accepted formats (``DATE_FORMATS``): ISO dates and datetimes (``2024-03-01``,
``2024-03-01 08:30``; both may mix in one column), ``d.m.yyyy`` (``1.3.2024`` and
``01.03.2024``, the Finnish default, optionally with a time ``1.3.2024 8:30``), ``yyyymmdd``
(registry extracts, as text or integers), Excel dates (cells that Excel stores as dates) and
Excel serial numbers (days since 1899-12-30, for the years 1950-2099), and ``d/m/yyyy`` or
``m/d/yyyy`` when the values decide which. A column that fits none of these, or two of them,
is an error naming the file, the column, the first rows and values that do not fit and the
accepted formats; ``date_format=`` gives the format explicitly (a name above or a
``strftime`` pattern such as ``"%d-%m-%Y"``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from .log import ReadError, ReadingNotes, row_labels, where

__all__ = ["DATE_FORMATS", "parse_date", "parse_dates"]

#: Names of the date formats that are detected (and may be given as ``date_format=``).
DATE_FORMATS = ("iso", "d.m.yyyy", "yyyymmdd", "excel_serial", "d/m/yyyy", "m/d/yyyy")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_SERIAL_RANGE = (18264, 73050)  # 1950-01-01 .. 2099-12-31
_YMD_RANGE = (19000101, 21001231)
_TIME = r"(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?)?"
_PATTERNS = {
    "iso": re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"),
    "d.m.yyyy": re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}" + _TIME),
    "yyyymmdd": re.compile(r"\d{8}"),
    "excel_serial": re.compile(r"\d{5}(?:[.,]\d+)?"),
    "d/m/yyyy": re.compile(r"\d{1,2}/\d{1,2}/\d{4}"),
    "m/d/yyyy": re.compile(r"\d{1,2}/\d{1,2}/\d{4}"),
}
_STRPTIME = {
    "d.m.yyyy": ("%d.%m.%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M:%S"),
    "yyyymmdd": ("%Y%m%d",),
    "d/m/yyyy": ("%d/%m/%Y",),
    "m/d/yyyy": ("%m/%d/%Y",),
}
_EXAMPLES = {
    "iso": "2024-03-01 or 2024-03-01 08:30",
    "d.m.yyyy": "1.3.2024 or 01.03.2024",
    "yyyymmdd": "20240301",
    "excel_serial": "45352 (Excel day number)",
    "d/m/yyyy": "1/3/2024 (day first)",
    "m/d/yyyy": "3/1/2024 (month first)",
}


def _accepted() -> str:
    return "; ".join(f"{k} ({v})" for k, v in _EXAMPLES.items()) + "; Excel date cells"


def _parse_text(values: np.ndarray, fmt: str) -> np.ndarray:
    """Parse unique texts in one named or strftime format; NaT where they do not fit."""
    out = pd.Series(pd.NaT, index=range(len(values)), dtype="datetime64[ns]")
    if fmt in _PATTERNS:
        fits = np.array([bool(_PATTERNS[fmt].fullmatch(v)) for v in values], dtype=bool)
    else:
        fits = np.ones(len(values), dtype=bool)
    if not fits.any():
        return out.to_numpy()
    text = pd.Series(values[fits], dtype=object)
    if fmt == "iso":
        got = pd.to_datetime(text, format="ISO8601", errors="coerce")
    elif fmt == "excel_serial":
        days = pd.to_numeric(text.str.replace(",", ".", regex=False))
        ok = days.between(*_SERIAL_RANGE)
        got = (_EXCEL_EPOCH + pd.to_timedelta(days.where(ok), unit="D")).where(ok)
    else:
        got = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
        for pattern in _STRPTIME.get(fmt, (fmt,)):
            todo = got.isna()
            if not todo.any():
                break
            try:
                got[todo] = pd.to_datetime(text[todo], format=pattern, errors="coerce")
            except ValueError as exc:  # an invalid strftime pattern
                raise ValueError(f"date_format={fmt!r} is not a usable date format: {exc}") from exc
    out[np.flatnonzero(fits)] = got.astype("datetime64[ns]").to_numpy()
    return out.to_numpy()


def _numeric_format(values: np.ndarray) -> str | None:
    whole = np.all(values == np.round(values))
    if whole and np.all((values >= _YMD_RANGE[0]) & (values <= _YMD_RANGE[1])):
        return "yyyymmdd"
    if np.all((values >= _SERIAL_RANGE[0]) & (values <= _SERIAL_RANGE[1])):
        return "excel_serial"
    return None


def _parse_numbers(values: np.ndarray, fmt: str) -> np.ndarray:
    if fmt == "yyyymmdd":
        text = np.array([str(int(v)) if v == v else "" for v in values], dtype=object)
        return _parse_text(text, "yyyymmdd")
    days = pd.Series(values, dtype=np.float64)
    ok = days.between(*_SERIAL_RANGE)
    got = (_EXCEL_EPOCH + pd.to_timedelta(days.where(ok), unit="D")).where(ok)
    return got.astype("datetime64[ns]").to_numpy()


def _refuse(
    file: str | None, column: str, why: str, positions: np.ndarray, raw: np.ndarray, rows: Any
) -> ReadError:
    labels = row_labels(rows, positions[:5])
    shown = ", ".join(f"row {r}: {v!r}" for r, v in zip(labels, raw[positions[:5]], strict=True))
    more = f" ({len(positions)} rows in all)" if len(positions) > 5 else ""
    return ReadError(
        f"{where(file, column)}: {why}; first rows: {shown}{more}. Accepted date formats: "
        f"{_accepted()}. Give the format with date_format= when the column is ambiguous.",
        positions,
    )


def parse_dates(
    values: Any,
    *,
    column: str,
    file: str | None = None,
    date_format: str | None = None,
    rows: Any = None,
    notes: ReadingNotes | None = None,
) -> pd.Series:
    """Read a column of dates in one format decided for the whole column.

    Parameters
    ----------
    values : Series or array-like
        Texts, numbers (``yyyymmdd`` or Excel serials), ``datetime`` objects or a datetime
        column; empty cells stay missing (NaT).
    column : str
        Column name (for messages and the log).
    file : str, optional
        File name (for messages and the log).
    date_format : str, optional
        One of :data:`DATE_FORMATS` or a ``strftime`` pattern; default: detected.
    rows : array-like, optional
        Row numbers of the values in the file (for messages); default positions from 1.
    notes : ReadingNotes, optional
        Receives a ``date_format`` entry.

    Returns
    -------
    Series
        ``datetime64[ns]`` with the index of ``values``.

    Raises
    ------
    ReadError
        The column fits no accepted format, or fits two (e.g. ``1/3/2024`` with every day
        and month <= 12), or has values not fitting ``date_format``: the message names the
        file, column, first rows and values and the accepted formats.

    References
    ----------
    ISO 8601-1:2019, Date and time -- Representations for information interchange.
    Microsoft, "DATEVALUE function": Excel serial dates count days from 1900-01-00 with the
    1900 leap-year bug, so serials after 59 are days since 1899-12-30.

    Examples
    --------
    >>> parse_dates(["1.3.2024", "12.1.2024", None], column="start").dt.strftime("%Y-%m-%d").tolist()
    ['2024-03-01', '2024-01-12', nan]
    >>> parse_dates([20240301, 20241231], column="start").dt.day.tolist()
    [1, 31]
    >>> parse_dates(["1/3/2024", "2/4/2024"], column="start", file="a.csv")
    Traceback (most recent call last):
    ...
    vaikuttavuus.io.log.ReadError: a.csv, column 'start': the dates fit more than one format (d/m/yyyy, m/d/yyyy); first rows: row 1: '1/3/2024', row 2: '2/4/2024'. Accepted date formats: iso (2024-03-01 or 2024-03-01 08:30); d.m.yyyy (1.3.2024 or 01.03.2024); yyyymmdd (20240301); excel_serial (45352 (Excel day number)); d/m/yyyy (1/3/2024 (day first)); m/d/yyyy (3/1/2024 (month first)); Excel date cells. Give the format with date_format= when the column is ambiguous.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    index = series.index
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        return series.astype("datetime64[ns]")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniq = np.asarray(uniques, dtype=object)
    is_text = np.array([isinstance(v, str) for v in uniq], dtype=bool)
    if is_text.any():
        stripped = np.array([v.strip() for v in uniq[is_text]], dtype=object)
        blank = stripped == ""
        text_idx = np.flatnonzero(is_text)
        uniq[text_idx] = stripped
        uniq_missing = np.zeros(len(uniq), dtype=bool)
        uniq_missing[text_idx[blank]] = True
        is_text[text_idx[blank]] = False
    else:
        uniq_missing = np.zeros(len(uniq), dtype=bool)
    is_stamp = np.array([isinstance(v, dt.date) for v in uniq], dtype=bool)
    is_num = np.array(
        [isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
         for v in uniq], dtype=bool,
    ) & ~uniq_missing  # fmt: skip
    is_num &= ~np.array([isinstance(v, float) and v != v for v in uniq], dtype=bool)
    other = ~(is_text | is_stamp | is_num | uniq_missing)
    parsed = np.full(len(uniq), np.datetime64("NaT"), dtype="datetime64[ns]")
    raw = series.to_numpy(dtype=object)
    if other.any():
        pos = np.flatnonzero(np.isin(codes, np.flatnonzero(other)))
        raise _refuse(file, column, "values are not dates", pos, raw, rows)
    if is_stamp.any():
        parsed[is_stamp] = pd.to_datetime(list(uniq[is_stamp])).astype("datetime64[ns]")
    used: list[str] = ["excel_date"] if is_stamp.any() else []
    for mask, kind in ((is_text, "text"), (is_num, "number")):
        if not mask.any():
            continue
        vals = uniq[mask]
        got, fmt = _decide(vals, kind, date_format, file, column, codes, mask, raw, rows)
        parsed[mask] = got
        used.append(fmt)
    bad = np.flatnonzero(~uniq_missing & np.isnat(parsed))
    if bad.size:  # only with an explicit format (detection requires a full fit)
        pos = np.flatnonzero(np.isin(codes, bad))
        raise _refuse(
            file, column, f"values do not fit date_format={date_format!r}", pos, raw, rows
        )
    out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[ns]")
    has = codes >= 0
    out[has] = parsed[codes[has]]
    if notes is not None:
        n = int(has.sum()) - int(uniq_missing[codes[has]].sum())
        notes.add("date_format", n, file=file, column=column, detail=", ".join(used))
    return pd.Series(out, index=index, name=series.name)


def _decide(
    vals: np.ndarray,
    kind: str,
    date_format: str | None,
    file: str | None,
    column: str,
    codes: np.ndarray,
    mask: np.ndarray,
    raw: np.ndarray,
    rows: Any,
) -> tuple[np.ndarray, str]:
    """Parse the unique texts or numbers of a column in its one format."""
    if kind == "number":
        fmt = date_format or _numeric_format(vals.astype(np.float64))
        if fmt not in ("yyyymmdd", "excel_serial"):
            pos = np.flatnonzero(np.isin(codes, np.flatnonzero(mask)))
            why = (
                f"numbers cannot be read as dates in date_format={date_format!r}"
                if date_format
                else "numbers that are neither yyyymmdd dates nor Excel day numbers (1950-2099)"
            )
            raise _refuse(file, column, why, pos, raw, rows)
        return _parse_numbers(vals.astype(np.float64), fmt), fmt
    if date_format is not None:
        return _parse_text(vals, date_format), date_format
    results = {fmt: _parse_text(vals, fmt) for fmt in DATE_FORMATS}
    fitting = [fmt for fmt, got in results.items() if not np.isnat(got).any()]
    if len(fitting) == 1:
        return results[fitting[0]], fitting[0]
    idx = np.flatnonzero(mask)
    if len(fitting) > 1:
        pos = np.flatnonzero(np.isin(codes, idx))
        raise _refuse(
            file, column, f"the dates fit more than one format ({', '.join(fitting)})", pos,
            raw, rows,
        )  # fmt: skip
    best = max(DATE_FORMATS, key=lambda f: int((~np.isnat(results[f])).sum()))
    misfit = idx[np.isnat(results[best])]
    pos = np.flatnonzero(np.isin(codes, misfit))
    fitted = int((~np.isnat(results[best])).sum())
    why = (
        f"the column has no single date format (most values fit {best}, these do not)"
        if fitted
        else "values are not dates in any accepted format"
    )
    raise _refuse(file, column, why, pos, raw, rows)


def parse_date(value: Any, *, what: str, date_format: str | None = None) -> pd.Timestamp:
    """Read one date given in a configuration (rate card, parameter) by the same rules.

    A single value has no column to decide an ambiguous format, so ``1/3/2024`` is refused
    unless ``date_format`` is given; ``1.3.2024`` is always 1 March.

    Parameters
    ----------
    value : str, int, date or Timestamp
        The date as written.
    what : str
        Where it was given (named in messages, e.g. ``"periods[0].start"``).
    date_format : str, optional
        One of :data:`DATE_FORMATS` or a ``strftime`` pattern.

    Returns
    -------
    Timestamp

    References
    ----------
    See :func:`parse_dates`.

    Examples
    --------
    >>> parse_date("1.2.2019", what="periods[0].start")
    Timestamp('2019-02-01 00:00:00')
    """
    if isinstance(value, pd.Timestamp | dt.date):
        return pd.Timestamp(value)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ReadError(f"{what} must be a date, got {value!r}; accepted: {_accepted()}.")
    try:
        got = parse_dates([value], column=what, date_format=date_format)
    except ReadError as exc:
        raise ReadError(str(exc).replace("row 1: ", "value ", 1)) from exc
    if got.isna().iloc[0]:
        raise ReadError(f"{what} must be a date, got {value!r}; accepted: {_accepted()}.")
    return pd.Timestamp(got.iloc[0])
