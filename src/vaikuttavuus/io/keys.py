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

    Examples
    --------
    >>> notes = ReadingNotes()
    >>> clean_keys(["Provider C ", "Provider C", None], column="provider", notes=notes).tolist()
    ['Provider C', 'Provider C', nan]
    >>> [(e.code, e.count, e.examples) for e in notes.entries]
    [('key_trimmed', 1, ('Provider C ',))]
    """
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    uniq = np.asarray(uniques, dtype=object)
    out_u = np.empty(len(uniq), dtype=object)
    trimmed, normalised = [], []
    for i, v in enumerate(uniq):
        if isinstance(v, float | np.floating) and float(v).is_integer():
            text = str(int(v))
        else:
            text = str(v)
        stripped = text.strip()
        nfc = unicodedata.normalize("NFC", stripped)
        if stripped != text:
            trimmed.append(i)
        if nfc != stripped:
            normalised.append(i)
        out_u[i] = nfc if nfc else np.nan
    has = codes >= 0
    if notes is not None and (trimmed or normalised):
        counts = np.bincount(codes[has], minlength=len(uniq))
        for code, idx in (("key_trimmed", trimmed), ("key_normalised", normalised)):
            notes.add(code, int(counts[idx].sum()), file=file, column=column, examples=uniq[idx])
    out = np.full(len(codes), np.nan, dtype=object)
    out[has] = out_u[codes[has]]
    return pd.Series(out, index=series.index, name=series.name, dtype=object)


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
