"""Bytes to text: file kind from the first bytes, encoding, separator, field counts."""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from pathlib import Path

import numpy as np

from .log import ReadError

_MOJIBAKE = re.compile("Ã[¤¶¥„–…©]")
SEPARATORS = (";", ",", "\t", "|")
KIND_NAMES = {
    "text": "a text (CSV) file",
    "xlsx": "an Excel workbook (.xlsx)",
    "xls": "an old binary Excel workbook (.xls)",
    "sav": "an SPSS data file (.sav)",
    "html": "an HTML page",
    "binary": "a binary file of unknown type",
}


def sniff_kind(head: bytes) -> str:
    """What a file really is, from its first bytes."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith((b"$FL2", b"$FL3")):
        return "sav"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<head", b"<meta")):
        return "html"
    if b"\x00" in head:
        return "binary"
    return "text"


def gunzip(raw: bytes, name: str) -> bytes:
    """Decompress a ``.gz`` file; a truncated or damaged one is a clear error."""
    try:
        return gzip.decompress(raw)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ReadError(
            f"{name} is truncated or damaged: it cannot be decompressed as gzip ({exc}). "
            "Copy or download the file again."
        ) from exc


def decode_text(raw: bytes, encoding: str | None, name: str) -> tuple[str, str, bool]:
    """Decode bytes: ``encoding`` if given, else UTF-8 (with or without BOM), UTF-16 with a
    BOM, then Windows-1252 and Latin-1. Returns (text, encoding used, looks doubly encoded)."""
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding, False
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"{name} cannot be read as {encoding}: byte {raw[exc.start : exc.start + 1]!r} at "
                f"position {exc.start} is not valid {encoding}. Leave encoding=None to detect "
                "the encoding (UTF-8, Windows-1252, Latin-1)."
            ) from exc
        except LookupError as exc:
            raise ValueError(f"encoding={encoding!r} is not a known text encoding.") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16", False
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        used = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        return text, used, bool(_MOJIBAKE.search(text))
    try:
        return raw.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1", False


def line_starts(text: str | bytes) -> tuple[np.ndarray, np.ndarray]:
    """Byte buffer of ``text`` (bytes as they are, str as UTF-8) and each line's start."""
    buf = np.frombuffer(text if isinstance(text, bytes) else text.encode("utf-8"), dtype=np.uint8)
    nl = np.flatnonzero(buf == 10)
    starts = np.r_[0, nl + 1]
    if starts[-1] >= len(buf):
        starts = starts[:-1]
    return buf, starts


def spread(n_lines: int, k: int = 20000) -> np.ndarray:
    """Line indices to sniff on: all lines of a small file, else the first 1000 and ``k``
    spread evenly over the whole file (a separator is decided on every part of it)."""
    if n_lines <= k + 1000:
        return np.arange(n_lines)
    return np.unique(np.r_[np.arange(1000), np.linspace(0, n_lines - 1, k).astype(np.int64)])


def field_counts_fast(
    buf: np.ndarray, starts: np.ndarray, sep: str, pick: np.ndarray | None = None
) -> np.ndarray:
    """Fields per physical line for unquoted text (separators + 1; 0 for a blank line);
    only the lines ``pick`` when given."""
    positions = np.flatnonzero(buf == ord(sep))
    ends = np.r_[starts[1:], len(buf)]
    if pick is not None:
        starts, ends = starts[pick], ends[pick]
    counts = np.searchsorted(positions, ends) - np.searchsorted(positions, starts) + 1
    length = ends - starts
    strip = (buf[np.maximum(ends - 1, 0)] == 10).astype(np.int64)
    strip += (length >= 2) & (buf[np.maximum(ends - 2, 0)] == 13)
    return np.where(length - strip <= 0, 0, counts)


def records(text: str, sep: str, limit: int | None = None) -> tuple[list[list[str]], list[int]]:
    """CSV records (quotes respected) and the 1-based file line where each starts."""
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    rows: list[list[str]] = []
    lines: list[int] = []
    last = 0
    for rec in reader:
        lines.append(last + 1)
        last = reader.line_num
        rows.append(rec)
        if limit is not None and len(rows) >= limit:
            break
    return rows, lines


def choose_separator(counts: dict[str, np.ndarray]) -> str:
    """The separator that splits the most lines into the same number (> 1) of fields."""
    best, best_score = ",", -1
    for sep in SEPARATORS:
        if sep not in counts:
            continue
        c = counts[sep]
        c = c[c > 0]
        if not len(c):
            continue
        values, freq = np.unique(c, return_counts=True)
        mode = values[np.argmax(freq)]
        score = int(freq.max()) if mode > 1 else 0
        if score > best_score:
            best, best_score = sep, score
    return best


def suffix_kind(path: Path) -> tuple[str, bool]:
    """(expected kind, gzip) from the file name."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    ext = Path(name).suffix
    if ext in (".csv", ".txt", ".tsv"):
        return "text", gz
    if ext in (".xlsx", ".xlsm") and not gz:
        return "xlsx", False
    if ext in (".sav", ".zsav") and not gz:
        return "sav", False
    if ext == ".xls" and not gz:
        return "xls", False
    raise ReadError(
        f"{path.name}: unknown file type {ext or path.suffix!r}; readable are .csv, .txt, .tsv "
        "(also gzip-compressed, .csv.gz), .xlsx and .sav."
    )
