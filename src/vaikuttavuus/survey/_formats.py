"""Low-level reading of survey exports: format sniffing, text decoding, raw tables.

Every reader returns the raw table with object/str cells; recoding happens in ``io``.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ._warnings import SurveyWarning

_TEXT_EXT = {".csv", ".txt", ".tsv"}
_XLSX_EXT = {".xlsx", ".xlsm"}
_SAV_EXT = {".sav", ".zsav"}
_KIND_NAMES = {
    "text": "a text (CSV) file",
    "xlsx": "an Excel workbook (.xlsx)",
    "xls": "an old binary Excel workbook (.xls)",
    "sav": "an SPSS data file (.sav)",
    "html": "an HTML page",
    "binary": "a binary file of unknown type",
}
_MOJIBAKE = re.compile("Ã[¤¶¥„–…©]")


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


def expected_kind(path: Path) -> str:
    ext = path.suffix.lower()
    if ext in _TEXT_EXT:
        return "text"
    if ext in _XLSX_EXT:
        return "xlsx"
    if ext in _SAV_EXT:
        return "sav"
    if ext == ".xls":
        return "xls"
    raise ValueError(
        f"{path.name}: unknown file type {ext!r}; survey data must be .csv, .txt, .tsv, .xlsx or .sav."
    )


def check_kind(path: Path) -> str:
    """Return the file's kind, or raise if it is empty or not what its extension says."""
    if not path.exists():
        raise FileNotFoundError(f"survey data file {str(path)!r} does not exist.")
    want = expected_kind(path)
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ValueError(f"{path.name} is empty: it has no header and no answers.")
    got = sniff_kind(head)
    if got == "html":
        raise ValueError(
            f"{path.name} is {_KIND_NAMES['html']}, not {_KIND_NAMES[want]} as its extension says "
            "(some survey tools save an HTML table with an .xls name). Export the survey again "
            "as CSV or .xlsx, or open the file in Excel and save it as .xlsx."
        )
    if want == "xls" and got == "xls":
        raise ValueError(
            f"{path.name} is an old binary Excel workbook (.xls), which is not supported; "
            "save it as .xlsx or export the survey as CSV."
        )
    if got != want:
        raise ValueError(
            f"{path.name} is {_KIND_NAMES[got]}, not {_KIND_NAMES[want]} as its extension "
            "says; rename it with the right extension or export it again."
        )
    return got


def decode_text(raw: bytes, encoding: str | None, name: str) -> tuple[str, str, str | None]:
    """Decode bytes: ``encoding`` if given, else UTF-8 (with or without BOM), UTF-16 with a
    BOM, then Windows-1252 and Latin-1. Returns (text, encoding used, note or None)."""
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding, None
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"{name} cannot be read as {encoding}: byte {raw[exc.start : exc.start + 1]!r} at "
                f"position {exc.start} is not valid {encoding}. Leave encoding=None to detect "
                "the encoding (UTF-8, Windows-1252, Latin-1)."
            ) from exc
        except LookupError as exc:
            raise ValueError(f"encoding={encoding!r} is not a known text encoding.") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16", "the file is UTF-16 (with a byte order mark)"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        used = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        note = None
        if _MOJIBAKE.search(text):
            note = (
                "the text looks doubly encoded (e.g. 'Ã¤' for 'ä'): the file was probably "
                "converted to UTF-8 twice; answers may not match the codebook"
            )
            warnings.warn(f"{name}: {note}.", SurveyWarning, stacklevel=4)
        return text, used, note
    for enc, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, enc, f"the file is not UTF-8; it was read as {label}"
    raise ValueError(f"{name}: could not decode the file as text.")  # pragma: no cover


def sniff_separator(text: str) -> str:
    """The field separator (``;``, ``,`` or tab) that splits the first lines consistently."""
    lines = text.splitlines()[:50]
    sample = "\n".join(lines)
    best, best_fields = ",", 0
    for sep in (";", ",", "\t"):
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=sep) if r]
        if not rows:
            continue
        counts = {len(r) for r in rows[: max(1, len(rows) - 1)]}  # last line may be cut
        if len(counts) == 1 and (n := counts.pop()) > best_fields:
            best, best_fields = sep, n
    return best


def read_text_table(path: Path, encoding: str | None) -> tuple[pd.DataFrame, dict[str, object]]:
    text, used, note = decode_text(path.read_bytes(), encoding, path.name)
    sep = sniff_separator(text)
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=False
        )
    except pd.errors.ParserError as exc:
        raise ValueError(f"{path.name} is not a well-formed CSV file ({exc}).") from exc
    except pd.errors.EmptyDataError as exc:
        raise ValueError(f"{path.name} is empty: it has no header and no answers.") from exc
    frame = frame.astype(object).replace({"": np.nan})
    info: dict[str, object] = {
        "format": "csv",
        "encoding": used,
        "separator": {"\t": "tab"}.get(sep, sep),
    }
    if note:
        info["notes"] = [note]
    return frame, info


def read_xlsx_table(path: Path) -> tuple[pd.DataFrame, dict[str, object]]:
    try:
        frame = pd.read_excel(path, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ValueError(f"{path.name} could not be read as an Excel workbook: {exc}") from exc
    return frame, {"format": "xlsx"}


def read_sav_table(path: Path) -> tuple[pd.DataFrame, dict[str, object]]:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own error types
        raise ValueError(f"{path.name} could not be read as an SPSS file: {exc}") from exc
    frame = frame.astype(object)
    labels = {k: dict(v) for k, v in (meta.variable_value_labels or {}).items()}
    user_missing = {}
    for col, ranges in (meta.missing_ranges or {}).items():
        codes = []
        for r in ranges:
            lo, hi = r.get("lo"), r.get("hi")
            if lo == hi:
                codes.append(lo)
        user_missing[col] = codes
    info: dict[str, object] = {
        "format": "sav",
        "encoding": meta.file_encoding,
        "value_labels": labels,
        "user_missing": user_missing,
    }
    return frame, info
