"""Numbers, percentages and dates as the report's language writes them (Babel: fi_FI, sv_FI, en).

One rule for every table cell, sentence and plot axis: a fixed number of decimals per column
(no ragged columns), shares shown as percentages (``0.111`` -> ``11,1 %``), dates ``15.10.2023``,
no ``-0`` after rounding, digits grouped from 10 000 up (four-digit numbers such as years are
not grouped, as both Kotus and the Swedish language council allow).
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from functools import lru_cache
from typing import Any

import pandas as pd
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import parse_pattern

from ._messages import check_language

__all__ = [
    "KINDS",
    "NumberFormat",
    "format_date",
    "format_number",
    "format_value",
    "set_axis_format",
]

#: Kinds of a table column: how its cells are written.
KINDS = ("count", "number", "share", "percent", "p_value", "date", "text")

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOCALE = {"fi": "fi_FI", "sv": "sv_FI", "en": "en"}
_PERCENT = {"fi": "\u00a0%", "sv": "\u00a0%", "en": "%"}
_DATE = {"fi": "d.M.yyyy", "sv": "d.M.yyyy", "en": "d MMM yyyy"}


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """``value`` with exactly ``decimals`` decimals in ``language``.

    Examples
    --------
    >>> format_number(12345.678, "fi", 2), format_number(2024, "sv"), format_number(-0.0004, "en", 3)
    ('12\\xa0345,68', '2024', '0.000')
    >>> format_number(float("nan"), "fi", 1)
    ''
    """
    check_language(language)
    x = float(value)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    x = round(x, decimals)
    if x == 0:
        x = 0.0  # no "-0" after rounding
    frac = "." + "0" * decimals if decimals > 0 else ""
    pattern = ("#,##0" if abs(x) >= 10_000 else "0") + frac
    return _pattern(pattern).apply(x, _locale(language))


@lru_cache(maxsize=64)
def _pattern(pattern: str) -> Any:
    return parse_pattern(pattern)  # parsed once (Babel parses on every format_decimal call)


@lru_cache(maxsize=8)
def _locale(language: str) -> Any:
    return Locale.parse(_LOCALE[language])


def format_date(value: Any, language: str) -> str:
    """A date as ``15.10.2023`` (fi, sv) or ``15 Oct 2023`` (en); missing: empty text.

    >>> format_date("2023-10-15", "fi"), format_date(pd.Timestamp("2023-10-05"), "en")
    ('15.10.2023', '5 Oct 2023')
    """
    check_language(language)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    day = pd.Timestamp(value).date() if not isinstance(value, _dt.date) else value
    return _babel_date(day, _DATE[language], locale=_LOCALE[language])


_MONTH = re.compile(r"(\d{4})(?:M|-)(\d{2})")


def format_period(period: object, language: str) -> str:
    """A statistical period as a reader writes it: ``2026M06`` / ``2026-06`` -> ``kesäkuu 2026``,
    ``2006M01-2023M10`` -> ``tammikuu 2006 – lokakuu 2023``; other periods (``2025``,
    ``31.12.2025``) unchanged.

    >>> format_period("2026M06", "fi"), format_period("2026-06", "sv"), format_period("2026M06", "en")
    ('kesäkuu 2026', 'juni 2026', 'June 2026')
    >>> format_period("2006M01-2023M10", "en")
    'January 2006 – October 2023'
    """
    check_language(language)
    text = str(period).strip()
    parts = re.fullmatch(r"(\d{4}M\d{2})\s*[-–]\s*(\d{4}M\d{2})", text)
    if parts:
        return (
            f"{format_period(parts.group(1), language)} – {format_period(parts.group(2), language)}"
        )
    m = _MONTH.fullmatch(text)
    if not m:
        return text
    day = _dt.date(int(m.group(1)), int(m.group(2)), 1)
    return _babel_date(day, "LLLL yyyy", locale=_LOCALE[language])


def format_value(value: Any, kind: str, language: str, decimals: int = 0) -> str:
    """One table cell as text: ``kind`` is one of :data:`KINDS`.

    ``share`` is a proportion shown as a percentage with ``decimals`` decimals, ``percent`` a
    value already in percent. Text (including the disclosure marker ``<5``) is returned as is;
    missing values as empty text.

    Examples
    --------
    >>> format_value(0.111, "share", "fi", 1), format_value(0.111, "share", "en", 1)
    ('11,1\\xa0%', '11.1%')
    >>> format_value(0.0004, "p_value", "sv"), format_value(0.0213, "p_value", "fi")
    ('<0,001', '0,021')
    >>> format_value("<5", "count", "fi")
    '<5'
    """
    if kind not in KINDS:
        raise ValueError(f"kind={kind!r} is not allowed; choose one of {', '.join(KINDS)}.")
    if isinstance(value, str):
        return format_date(value, language) if kind == "date" and _ISO.match(value) else value
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if kind == "date":
        return format_date(value, language)
    if kind == "text" or isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if kind == "count":
        return format_number(value, language, 0)
    if kind == "share":
        return format_number(100 * float(value), language, decimals) + _PERCENT[language]
    if kind == "percent":
        return format_number(value, language, decimals) + _PERCENT[language]
    if kind == "p_value":
        if float(value) < 0.001:
            return "<" + format_number(0.001, language, 3)
        return format_number(value, language, max(decimals, 3))
    return format_number(value, language, decimals)


def set_axis_format(
    ax: Any, language: str, *, axis: str = "y", kind: str = "number", decimals: int = 0
) -> Any:
    """Tick labels of ``ax``'s ``axis`` ("x", "y" or "both") written in ``language``.

    Sets a tick formatter on this Axes only: no rcParams, no pyplot state. Ticks get
    ``decimals`` decimals, or more where a tick position needs them (2.5 is not shown as 2).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().subplots()
    >>> _ = ax.plot([0, 1], [0.0, 0.25])
    >>> _ = set_axis_format(ax, "fi", kind="share", decimals=0)
    >>> ax.yaxis.get_major_formatter()(0.25, 0)
    '25\\xa0%'
    """
    from matplotlib.ticker import FuncFormatter

    check_language(language)
    if axis not in ("x", "y", "both"):
        raise ValueError(f"axis={axis!r} is not allowed; choose 'x', 'y' or 'both'.")
    scale = 100.0 if kind == "share" else 1.0

    def label(value: float, _pos: object) -> str:
        # at least ``decimals``, more where a tick needs them (2.5 is never shown as "2")
        shown = next(
            (d for d in range(decimals, 4) if abs(round(value * scale, d) - value * scale) < 1e-9),
            3,
        )
        return format_value(value, kind, language, shown)

    formatter = FuncFormatter(label)
    for name in ("x", "y") if axis == "both" else (axis,):
        getattr(ax, f"{name}axis").set_major_formatter(formatter)
    return ax


class NumberFormat:
    """A ``str.format``-like object writing numbers in ``language`` with fixed ``decimals``
    (for ``Summary(float_format=...)`` and pandas' ``float_format``).

    >>> NumberFormat("fi", 3).format(0.5), NumberFormat("en", 1)(-0.04)
    ('0,500', '0.0')
    """

    def __init__(self, language: str, decimals: int = 3) -> None:
        self.language = check_language(language)
        self.decimals = decimals

    def format(self, value: Any) -> str:
        return format_value(value, "number", self.language, self.decimals)

    __call__ = format
