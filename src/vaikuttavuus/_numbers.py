"""Numbers as the report's language writes them (display only; tables stay numeric).

Finnish and Swedish write a decimal comma and group digits with a (non-breaking) space;
English a decimal point and a comma. Numbers of four digits (years such as 2024, most counts)
are not grouped, as both Kotus and the Swedish language council allow.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

__all__ = ["display_number", "display_table", "fixed_number"]

_GROUP = {"fi": "\u00a0", "sv": "\u00a0", "en": ","}
_DECIMAL = {"fi": ",", "sv": ",", "en": "."}


def _group(text: str, language: str) -> str:
    """Digit grouping and decimal sign of ``language`` on a plain ``-1234.5`` text."""
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    int_part, _, frac = text.partition(".")
    if len(int_part) > 4:
        int_part = f"{int(int_part):,}".replace(",", _GROUP[language])
    return sign + int_part + (_DECIMAL[language] + frac if frac else "")


def fixed_number(value: float, language: str, digits: int = 0) -> str:
    """``value`` with exactly ``digits`` decimals as ``language`` writes it (for running text).

    >>> fixed_number(37.21, "fi", 2), fixed_number(16000.3, "sv", 2), fixed_number(0.5, "en", 2)
    ('37,21', '16\xa0000,30', '0.50')
    """
    x = float(value)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    return _group(f"{x:.{digits}f}", language)


def display_number(value: object, language: str, *, digits: int = 3) -> object:
    """``value`` as text in ``language`` when it is a number; anything else unchanged.

    Whole numbers (ints, and floats with no fractional part) are shown without decimals;
    other floats with up to ``digits`` decimals, trailing zeros dropped. Digits are grouped
    from 10 000 up.
    """
    if language not in _GROUP or isinstance(value, bool) or not isinstance(value, numbers.Real):
        return value
    x = float(value)
    if math.isnan(x):
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    whole = float(x).is_integer()
    text = f"{x:.0f}" if whole else f"{x:.{digits}f}".rstrip("0").rstrip(".")
    return _group(text, language)


def display_table(table: pd.DataFrame, language: str | None) -> pd.DataFrame:
    """A copy of ``table`` whose numeric cells are text in ``language`` (None: unchanged)."""
    if language is None or language not in _GROUP:
        return table
    out = table.astype(object).copy()
    for col in range(out.shape[1]):
        out.iloc[:, col] = [display_number(v, language) for v in out.iloc[:, col]]
    return out
