"""Text keys (ids, providers, sites, codes): trimmed and NFC-normalised, changes counted;
municipality codes as 3-digit strings."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from .log import ReadError, ReadingNotes, row_labels, where

__all__ = ["clean_keys", "municipality_codes"]


def clean_keys(
    values: Any,
    *,
    column: str,
    file: str | None = None,
    rows: Any = None,
    notes: ReadingNotes | None = None,
) -> pd.Series:
    """Keys as text: spaces around them removed and Unicode normalised to NFC.

    Numbers become their text (``12`` and ``12.0`` both ``"12"``); empty cells stay missing
    (NaN); ``rows`` is accepted for symmetry with the other readers (keys are never
    refused). Each change is counted in ``notes`` (``key_trimmed``, ``key_normalised``) with the
    values as read, so ``"Provider C "`` and ``"Provider C"`` are one provider and the log
    says so.

    Parameters
    ----------
    values : Series or array-like
        Ids, names or codes as read.
    column, file : str
        For the reading log.
    rows : array-like, optional
        Accepted for symmetry with the other readers.
    notes : ReadingNotes, optional
        Receives ``key_trimmed`` and ``key_normalised`` entries.

    Returns
    -------
    Series
        Text (``str`` dtype), NaN for empty cells; the input itself when nothing changed.

    References
    ----------
    Unicode Standard Annex #15, Unicode Normalization Forms (NFC),
    https://unicode.org/reports/tr15/

    Examples
    --------
    >>> notes = ReadingNotes()
    >>> clean_keys(["Provider C ", "Provider C", None], column="provider", notes=notes).tolist()
    ['Provider C', 'Provider C', nan]
    >>> [(e.code, e.count, e.examples) for e in notes.entries]
    [('key_trimmed', 1, ('Provider C ',))]
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if not pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
        texts = [None if _missing(v) else _as_text(v) for v in series.to_numpy(dtype=object)]
        series = pd.Series(texts, index=series.index, name=series.name, dtype="str")
    obj = series.to_numpy(dtype=object, na_value="")
    sample = obj[:20000]
    if len(obj) > 50000 and len(pd.unique(sample)) < len(sample) // 2:  # few distinct keys
        codes, uniq = pd.factorize(obj)
        u_out, u_trim, u_norm = _clean(np.asarray(uniq, dtype=object))
        counts = np.bincount(codes, minlength=len(uniq))
        trimmed_n, normalised_n = int(counts[u_trim].sum()), int(counts[u_norm].sum())
        trim_ex, norm_ex = uniq[u_trim][:5], uniq[u_norm][:5]
        changed = u_trim.any() or u_norm.any() or (u_out == "").any()
        out = u_out[codes] if changed else None
    else:
        out, trimmed, normalised = _clean(obj)
        trimmed_n, normalised_n = int(trimmed.sum()), int(normalised.sum())
        trim_ex, norm_ex = pd.unique(obj[trimmed])[:5], pd.unique(obj[normalised])[:5]
        changed = trimmed_n or normalised_n or (out == "").any()
    if notes is not None:
        notes.add("key_trimmed", trimmed_n, file=file, column=column, examples=trim_ex)
        notes.add("key_normalised", normalised_n, file=file, column=column, examples=norm_ex)
    if not changed:
        return series
    out = out.astype(object)
    out[out == ""] = None
    return pd.Series(out, index=series.index, name=series.name, dtype="str")


def _clean(obj: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(stripped NFC texts, trimmed mask, normalised mask) of texts ('' for missing)."""
    text = obj.astype(np.str_) if len(obj) else np.array([], dtype="U1")
    stripped = np.strings.strip(text)
    trimmed = stripped != text
    width = text.dtype.itemsize // 4
    odd = (
        (text.view(np.uint32).reshape(len(text), width) > 127).any(axis=1)
        if width and len(text)
        else np.zeros(len(text), dtype=bool)
    )
    normalised = np.zeros(len(text), dtype=bool)
    if odd.any():
        out = stripped.astype(object)
        normal = {}
        for v in pd.unique(out[odd]):
            nfc = unicodedata.normalize("NFC", v)
            if nfc != v:
                normal[v] = nfc
        if normal:
            normalised = odd & np.isin(out, list(normal))
            for i in np.flatnonzero(normalised):
                out[i] = normal[out[i]]
        return out, trimmed, normalised
    return stripped, trimmed, normalised


def _missing(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float | np.floating) and value != value)
        or (value is pd.NA or value is pd.NaT)
    )


def _as_text(value: Any) -> str:
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)


def municipality_codes(
    values: Any,
    *,
    column: str = "municipality",
    file: str | None = None,
    rows: Any = None,
    notes: ReadingNotes | None = None,
) -> pd.Series:
    """Official municipality codes as 3-digit text (``91`` and ``"91"`` become ``"091"``).

    An empty cell or a value that is not a code of 1-3 digits is an error naming the file,
    column, rows and values; zero padding is counted (``municipality_zero_padded``).

    Parameters
    ----------
    values : Series or array-like
        Codes as read (text or numbers).
    column, file : str
        For messages and the log.
    rows : array-like, optional
        File row numbers (for messages).
    notes : ReadingNotes, optional
        Receives ``key_trimmed`` and ``municipality_zero_padded`` entries.

    Returns
    -------
    Series
        3-digit codes as text.

    Raises
    ------
    ReadError
        Empty cells and values that are not 1-3 digits (rows and values named).

    References
    ----------
    Statistics Finland, municipality classification (3-digit codes),
    https://stat.fi/fi/luokitukset/kunta/

    Examples
    --------
    >>> municipality_codes(["91", 5, "837"]).tolist()
    ['091', '005', '837']
    >>> municipality_codes(["91", None], file="episodes.csv")
    Traceback (most recent call last):
    ...
    vaikuttavuus.io.log.ReadError: episodes.csv, column 'municipality': 1 row(s) have no valid municipality code (1 to 3 digits): row 2: None.
    """
    keys = clean_keys(values, column=column, file=file, rows=rows, notes=notes)
    text = keys.fillna("")
    ok = text.str.fullmatch(r"\d{1,3}").to_numpy(dtype=bool)
    if not ok.all():
        pos = np.flatnonzero(~ok)
        raw = pd.Series(values, dtype=object).to_numpy(dtype=object) if not isinstance(
            values, pd.Series) else values.to_numpy(dtype=object)  # fmt: skip
        shown = ", ".join(
            f"row {r}: {(None if v is None or v != v else v)!r}"
            for r, v in zip(row_labels(rows, pos[:5]), raw[pos[:5]], strict=True)
        )
        raise ReadError(
            f"{where(file, column)}: {len(pos)} row(s) have no valid municipality code "
            f"(1 to 3 digits): {shown}."
        )
    padded = text.str.len().to_numpy() < 3
    if notes is not None and padded.any():
        notes.add(
            "municipality_zero_padded", int(padded.sum()), file=file, column=column,
            examples=pd.unique(text[padded]),
        )  # fmt: skip
    return text.str.zfill(3).astype(object)
