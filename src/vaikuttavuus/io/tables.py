"""Tables from files: CSV (also ``.csv.gz``), Excel ``.xlsx`` and SPSS ``.sav``.

Every cell is returned as read (text for CSV; numbers, text and dates for Excel and SPSS),
empty cells as missing; nothing is recoded here. What is refused, with the file, row and
column named: an empty (0-byte) or blank file, a header without data rows, a duplicate or
empty column name over data, a row with a different number of fields than the header, a
truncated ``.gz``, a sheet that does not exist, Excel formulas without a stored value. A
title row above the header (Webropol and many registry exports) is detected and skipped;
``header_row=`` and ``skip_rows=`` give the layout explicitly (row numbers as a spreadsheet
shows them: the first row is 1). What was decided is in the reading notes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _text as T
from .log import ReadError, ReadingNotes

__all__ = ["Table", "read_table"]


@dataclass(frozen=True, eq=False)
class Table:
    """A table read from a file.

    ``frame`` holds the cells as read (object or text columns, NaN for empty cells);
    ``rows`` the 1-based file row (line, or sheet row) of each frame row, for messages;
    ``meta`` SPSS value labels and user-missing codes.
    """

    frame: pd.DataFrame
    path: Path
    rows: np.ndarray
    format: str
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The file name (as messages show it)."""
        return self.path.name


def read_table(
    path: str | Path,
    *,
    sheet: str | int = 0,
    header_row: int | None = None,
    skip_rows: Iterable[int] = (),
    encoding: str | None = None,
    sep: str | None = None,
    notes: ReadingNotes | None = None,
) -> Table:
    """Read one table from a CSV, ``.csv.gz``, ``.xlsx`` or ``.sav`` file.

    Parameters
    ----------
    path : str or Path
        The file (relative paths are resolved against the working directory).
    sheet : str or int, default 0
        Worksheet of an Excel file, by name or 0-based position.
    header_row : int, optional
        Row number (1 = first row) of the header; default: the first row with at least two
        non-empty fields (rows above it are title rows, skipped and logged).
    skip_rows : iterable of int
        Row numbers (1 = first row) under the header to leave out (e.g. a row of question
        texts); logged.
    encoding : str, optional
        Text encoding of a CSV file; default detected (UTF-8, UTF-16 with BOM, Windows-1252,
        Latin-1).
    sep : str, optional
        Field separator of a CSV file; default the one of ``; , tab |`` that splits the most
        lines of the whole file into the same number of fields.
    notes : ReadingNotes, optional
        Receives ``encoding``, ``separator``, ``sheet``, ``title_row_skipped``,
        ``header_row``, ``rows_skipped`` and ``empty_rows_skipped`` entries.

    Returns
    -------
    Table

    Raises
    ------
    FileNotFoundError
        No such file.
    ReadError
        Anything that cannot be read as it is (the message names file, row, column, value).

    References
    ----------
    Shafranovich, Y. (2005). RFC 4180: Common Format and MIME Type for Comma-Separated Values
    (CSV) Files. ECMA-376, Office Open XML File Formats (cached values of formula cells).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv").write_text("Kysely 2024\\nq1;q2\\n1;Täysin samaa mieltä\\n", encoding="cp1252")
    >>> notes = ReadingNotes()
    >>> t = read_table(d / "a.csv", notes=notes)
    >>> t.frame
      q1                   q2
    0  1  Täysin samaa mieltä
    >>> [(e.code, e.detail) for e in notes.entries]
    [('encoding', 'cp1252'), ('separator', ';'), ('title_row_skipped', '1')]
    """
    p = Path(path).expanduser().resolve()
    if not p.is_file():
        raise FileNotFoundError(f"file {str(path)!r} does not exist (looked for {str(p)!r}).")
    notes = notes if notes is not None else ReadingNotes()
    want, gz = T.suffix_kind(p)
    raw = p.read_bytes()
    if not raw:
        raise ReadError(f"{p.name} is empty (0 bytes): it has no header and no data rows.")
    if gz:
        raw = T.gunzip(raw, p.name)
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ReadError(f"{p.name} is empty: it has no header and no data rows.")
    got = T.sniff_kind(raw[:4096])
    if got != want:
        raise ReadError(_kind_message(p.name, got, want))
    skip = sorted({int(r) for r in skip_rows})
    if want == "text":
        return _read_text(p, raw, encoding, sep, header_row, skip, notes)
    if want == "xlsx":
        return _read_xlsx(p, sheet, header_row, skip, notes)
    return _read_sav(p)


def _kind_message(name: str, got: str, want: str) -> str:
    if got == "html":
        return (
            f"{name} is an HTML page, not {T.KIND_NAMES[want]} as its extension says (some "
            "tools save an HTML table with an .xls name). Export it again as CSV or .xlsx, or "
            "open it in Excel and save it as .xlsx."
        )
    if want == "xls":
        return (
            f"{name} is an old binary Excel workbook (.xls), which is not supported; save it "
            "as .xlsx or export the data as CSV."
        )
    return (
        f"{name} is {T.KIND_NAMES[got]}, not {T.KIND_NAMES[want]} as its extension says; "
        "rename it with the right extension or export it again."
    )


def _check_header_row(header_row: Any, n_rows: int, name: str) -> None:
    if isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1:
        raise ValueError(f"header_row must be a row number >= 1, got {header_row!r}.")
    if header_row > n_rows:
        raise ReadError(f"{name}: header_row={header_row} but the file has {n_rows} row(s).")


def _header_index(cells: list[list[Any]], header_row: int | None, name: str) -> int:
    """0-based index of the header among the first records."""
    if header_row is not None:
        _check_header_row(header_row, len(cells), name)
        return header_row - 1
    for i, rec in enumerate(cells[:10]):
        if sum(1 for c in rec if _filled(c)) >= 2:
            return i
    return 0


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return not (isinstance(value, float) and value != value)


def _header(cells: list[Any], name: str, row: int) -> list[str]:
    """Column names from a header record: duplicates and nameless columns with data refused."""
    names = ["" if not _filled(c) else str(c).strip() for c in cells]
    seen: dict[str, list[int]] = {}
    for i, n in enumerate(names):
        if n:
            seen.setdefault(n, []).append(i + 1)
    dup = {n: pos for n, pos in seen.items() if len(pos) > 1}
    if dup:
        shown = "; ".join(f"{n!r} in columns {', '.join(map(str, pos))}" for n, pos in dup.items())
        raise ReadError(
            f"{name}: the header (row {row}) names a column more than once: {shown}. Rename the "
            "columns so that each name is used once."
        )
    return names


def _drop_nameless(frame: pd.DataFrame, names: list[str], name: str, row: int) -> pd.DataFrame:
    if all(names):
        frame.columns = names
        return frame
    frame.columns = range(frame.shape[1])
    keep = []
    for i, n in enumerate(names):
        if n:
            keep.append(i)
        elif frame[i].notna().any():
            first = int(np.flatnonzero(frame[i].notna().to_numpy())[0])
            raise ReadError(
                f"{name}: column {i + 1} has no name in the header (row {row}) but holds data "
                f"(first value {frame[i].iloc[first]!r}); give it a name."
            )
    out = frame[keep]
    out.columns = [names[i] for i in keep]
    return out


class _Records:
    """The records of a text file: physical lines (no quotes) or CSV records (quotes)."""

    def __init__(self, text: str, sep: str | None, raw: bytes | None, encoding: str) -> None:
        self.text = text
        self.encoding = encoding if raw is not None else "utf-8"
        self.quoted = '"' in text
        if self.quoted:
            sample = {s: T.records(text, s, 20000)[0] for s in T.SEPARATORS}
            counts = {
                s: np.array([len(r) for r in recs if any(recs)]) for s, recs in sample.items()
            }
            self.sep = sep or T.choose_separator(counts)
            self.recs, lines = T.records(text, self.sep)
            self.n_fields = np.array(
                [len(r) if any(c.strip() for c in r) else 0 for r in self.recs], dtype=np.int64
            )
            self.line = np.asarray(lines, dtype=np.int64)
        else:
            self.buf, self.starts = T.line_starts(text if raw is None else raw)
            head = text[:20000]  # a separator never seen in the first lines cannot be it
            seps = [s for s in T.SEPARATORS if s in head] or [","]
            if sep is None and len(seps) > 1:  # decide on lines spread over the whole file
                pick = T.spread(len(self.starts))
                counts = {s: T.field_counts_fast(self.buf, self.starts, s, pick) for s in seps}
                sep = T.choose_separator(counts)
            self.sep = sep or seps[0]
            self.n_fields = T.field_counts_fast(self.buf, self.starts, self.sep)
            self.line = np.arange(1, len(self.starts) + 1)

    def cells(self, i: int) -> list[str]:
        if self.quoted:
            return self.recs[int(i)]
        end = self.starts[int(i) + 1] if int(i) + 1 < len(self.starts) else len(self.buf)
        raw = bytes(self.buf[self.starts[int(i)] : end])
        line = raw.decode(self.encoding).lstrip("\ufeff").rstrip("\r\n")
        return line.split(self.sep)


def _read_text(
    p: Path,
    raw: bytes,
    encoding: str | None,
    sep: str | None,
    header_row: int | None,
    skip: list[int],
    notes: ReadingNotes,
) -> Table:
    text, used, mojibake = T.decode_text(raw, encoding, p.name)
    text = text.lstrip("\ufeff")
    notes.add("encoding", 1, file=p.name, detail=used)
    notes.add("doubly_encoded", int(mojibake), file=p.name)
    same_bytes = used != "utf-16"  # separators and line ends are the same bytes as in ASCII
    r = _Records(text, sep, raw if same_bytes else None, used)
    notes.add("separator", 1, file=p.name, detail={"\t": "tab"}.get(r.sep, r.sep))
    nonblank = np.flatnonzero(r.n_fields > 0)
    if header_row is not None:
        _check_header_row(header_row, int(r.line[-1]) if len(r.line) else 0, p.name)
        at = np.flatnonzero((r.line == header_row) & (r.n_fields > 0))
        if not len(at):
            raise ReadError(
                f"{p.name}: header_row={header_row} is a blank line or inside a record."
            )
        h = int(at[0])
    else:
        h = int(nonblank[_header_index([r.cells(i) for i in nonblank[:10]], None, p.name)])
    header_line = int(r.line[h])
    for i in nonblank[nonblank < h]:
        shown = " ".join(c.strip() for c in r.cells(i) if c.strip())
        code = "title_row_skipped" if header_row is None else "header_row"
        notes.add(code, 1, file=p.name, examples=[shown], detail=int(r.line[i]))
    header = _header(r.cells(h), p.name, header_line)
    width = len(header)
    data = np.flatnonzero((np.arange(len(r.n_fields)) > h) & (r.n_fields > 0))
    skipped = data[np.isin(r.line[data], skip)]
    if skip:
        notes.add("rows_skipped", len(skipped), file=p.name,
                  detail=", ".join(str(int(x)) for x in r.line[skipped]))  # fmt: skip
    data = data[~np.isin(r.line[data], skip)]
    wrong = data[r.n_fields[data] != width]
    if len(wrong):
        raise _wrong_fields(p.name, r, width, header_line, wrong)
    if not len(data):
        raise ReadError(f"{p.name} has a header (row {header_line}) but no data rows.")
    if r.quoted:
        frame = pd.DataFrame([r.recs[i] for i in data], dtype=object).replace({"": np.nan})
        frame = frame.astype("str")  # the same dtype as the fast path (NaN kept)
    else:
        drop = list(range(h + 1)) + [int(x) - 1 for x in r.line[skipped]]
        frame = pd.read_csv(
            io.BytesIO(raw) if same_bytes else io.StringIO(text), encoding=used, sep=r.sep,
            header=None, dtype=str, keep_default_na=False, na_values=[""], skiprows=drop,
            quoting=3, names=range(width),
        )  # fmt: skip
    frame = _drop_nameless(frame, header, p.name, header_line)
    frame, rows = _drop_empty(frame, r.line[data], p.name, notes)
    if frame.empty:
        raise ReadError(f"{p.name} has a header (row {header_line}) but no data rows.")
    return Table(frame, p, rows, "csv", used, {"\t": "tab"}.get(r.sep, r.sep))


def _wrong_fields(
    name: str, r: _Records, width: int, header_line: int, wrong: np.ndarray
) -> ReadError:
    shown = "; ".join(
        f"row {int(r.line[i])} has {int(r.n_fields[i])}: {r.sep.join(r.cells(i))[:80]!r}"
        for i in wrong[:3]
    )
    more = f" ({len(wrong)} rows in all)" if len(wrong) > 3 else ""
    return ReadError(
        f"{name}: the header (row {header_line}) has {width} fields separated by "
        f"{ {chr(9): 'tab'}.get(r.sep, repr(r.sep)) }, but {shown}{more}. A value that contains "
        "the separator must be in double quotes; fix these rows or export the file again."
    )


def _drop_empty(frame: pd.DataFrame, rows: np.ndarray, name: str, notes: ReadingNotes):
    empty = frame.isna().all(axis=1).to_numpy()
    if empty.any():
        notes.add("empty_rows_skipped", int(empty.sum()), file=name,
                  detail=", ".join(str(int(x)) for x in rows[empty][:10]))  # fmt: skip
        frame = frame.loc[~empty].reset_index(drop=True)
        rows = rows[~empty]
    return frame, rows


def _sheet(book: Any, sheet: str | int, name: str) -> Any:
    names = list(book.sheetnames)
    if isinstance(sheet, bool) or not isinstance(sheet, str | int):
        raise TypeError(f"sheet must be a sheet name or a 0-based position, got {sheet!r}.")
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise ReadError(
                f"{name} has {len(names)} sheet(s), so sheet={sheet} does not exist; sheets: "
                f"{', '.join(map(repr, names))} (positions from 0)."
            )
        return book[names[sheet]]
    if sheet not in names:
        raise ReadError(f"{name} has no sheet {sheet!r}; sheets: {', '.join(map(repr, names))}.")
    return book[sheet]


def _read_xlsx(
    p: Path, sheet: str | int, header_row: int | None, skip: list[int], notes: ReadingNotes
) -> Table:
    import openpyxl

    try:
        values_book = openpyxl.load_workbook(p, read_only=True, data_only=True)
        formula_book = openpyxl.load_workbook(p, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise ReadError(f"{p.name} could not be read as an Excel workbook: {exc}") from exc
    ws = _sheet(values_book, sheet, p.name)
    notes.add("sheet", 1, file=p.name, detail=ws.title)
    cells = [list(r) for r in ws.iter_rows(values_only=True)]
    formulas = [list(r) for r in _sheet(formula_book, ws.title, p.name).iter_rows(values_only=True)]
    values_book.close()
    formula_book.close()
    missing = [
        f"{_column_letter(j)}{i + 1} ({f})"
        for i, (row, frow) in enumerate(zip(cells, formulas, strict=False))
        for j, (v, f) in enumerate(zip(row, frow, strict=False))
        if v is None and isinstance(f, str) and f.startswith("=")
    ]
    if missing:
        raise ReadError(
            f"{p.name}, sheet {ws.title!r}: {len(missing)} cell(s) hold a formula without a "
            f"stored value (first: {', '.join(missing[:5])}); the file was written by a program "
            "that does not calculate. Open it in Excel or LibreOffice and save it, or export CSV."
        )
    filled = [i for i, r in enumerate(cells) if any(_filled(c) for c in r)]
    if not filled:
        raise ReadError(
            f"{p.name}, sheet {ws.title!r} is empty: it has no header and no data rows."
        )
    if header_row is not None:
        h = _header_index(cells, header_row, p.name)
    else:
        h = filled[_header_index([cells[i] for i in filled[:10]], None, p.name)]
    for i in (i for i in filled if i < h):
        shown = " ".join(str(c).strip() for c in cells[i] if _filled(c))
        code = "title_row_skipped" if header_row is None else "header_row"
        notes.add(code, 1, file=p.name, examples=[shown], detail=i + 1)
    header = _header(cells[h], p.name, h + 1)
    data = [i for i in range(h + 1, len(cells)) if i + 1 not in skip]
    if skip:
        notes.add("rows_skipped", len(skip), file=p.name, detail=", ".join(map(str, skip)))
    width = max([len(header)] + [len(cells[i]) for i in data])
    header += [""] * (width - len(header))
    body = [list(cells[i]) + [None] * (width - len(cells[i])) for i in data]
    frame = pd.DataFrame(body, columns=range(width), dtype=object)
    frame = frame.map(
        lambda v: np.nan if v is None or (isinstance(v, str) and not v.strip()) else v
    )
    rows = np.asarray([i + 1 for i in data], dtype=np.int64)
    frame, rows = _drop_empty(frame, rows, p.name, notes)
    if frame.empty:
        raise ReadError(
            f"{p.name}, sheet {ws.title!r} has a header (row {h + 1}) but no data rows."
        )
    frame = _drop_nameless(frame, header, p.name, h + 1)
    return Table(frame, p, rows, "xlsx", sheet=ws.title)


def _column_letter(j: int) -> str:
    out = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        out = chr(65 + rem) + out
    return out


def _read_sav(p: Path) -> Table:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(p), apply_value_formats=False, user_missing=True)
    except Exception as exc:  # pyreadstat raises its own error types
        raise ReadError(f"{p.name} could not be read as an SPSS file: {exc}") from exc
    if frame.shape[0] == 0:
        raise ReadError(f"{p.name} has variables but no data rows.")
    labels = {k: dict(v) for k, v in (meta.variable_value_labels or {}).items()}
    user_missing = {
        col: [r.get("lo") for r in ranges if r.get("lo") == r.get("hi")]
        for col, ranges in (meta.missing_ranges or {}).items()
    }
    return Table(
        frame.astype(object), p, np.arange(2, len(frame) + 2), "sav", meta.file_encoding,
        meta={"value_labels": labels, "user_missing": user_missing},
    )  # fmt: skip


def read_text(path: str | Path, *, encoding: str | None = None) -> str:
    """The text of a configuration file (YAML, JSON) by the same rules as tables.

    UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 or Latin-1 (detected), also
    gzip-compressed; an empty file or a truncated ``.gz`` is a :class:`ReadError`.

    Parameters
    ----------
    path : str or Path
        The file.
    encoding : str, optional
        Default detected.

    Returns
    -------
    str

    References
    ----------
    WHATWG Encoding Standard, windows-1252, https://encoding.spec.whatwg.org/

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "card.yaml"
    >>> _ = f.write_bytes("name: Yhteisö\\n".encode("cp1252"))
    >>> read_text(f)
    'name: Yhteisö\\n'
    """
    p = Path(path).expanduser().resolve()
    if not p.is_file():
        raise FileNotFoundError(f"file {str(path)!r} does not exist (looked for {str(p)!r}).")
    raw = p.read_bytes()
    if p.name.lower().endswith(".gz"):
        raw = T.gunzip(raw, p.name)
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ReadError(f"{p.name} is empty.")
    return T.decode_text(raw, encoding, p.name)[0].lstrip("\ufeff")
