"""Text decoding and separator sniffing for survey codebooks: thin wrappers of the one
reading layer (:mod:`vaikuttavuus.io`), kept for ``codebook.py``."""

from __future__ import annotations

import numpy as np

from ..io import _text

__all__ = ["decode_text", "sniff_separator"]


def decode_text(raw: bytes, encoding: str | None, name: str) -> tuple[str, str, bool]:
    """(text, encoding used, looks doubly encoded); see :mod:`vaikuttavuus.io`."""
    return _text.decode_text(raw, encoding, name)


def sniff_separator(text: str) -> str:
    """The separator (``; , tab |``) that splits the most lines into the same field count."""
    buf, starts = _text.line_starts(text)
    if '"' in text:
        counts = {
            s: np.array([len(r) for r in _text.records(text, s)[0] if r]) for s in _text.SEPARATORS
        }
    else:
        counts = {s: _text.field_counts_fast(buf, starts, s) for s in _text.SEPARATORS}
    return _text.choose_separator(counts)
