"""The reading log: every coercion the reading layer made, counted, with examples.

Entries are language-free (a ``code``, counts, the file, the column, example values and a
``detail`` such as a date format or an encoding); reports translate the codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary

__all__ = ["CODES", "LogEntry", "ReadError", "ReadingLog", "ReadingNotes", "where"]

#: Codes of the reading log and what each means (English, for the API; reports translate).
CODES: dict[str, str] = {
    "encoding": "the file was decoded with this text encoding",
    "doubly_encoded": "the text looks converted to UTF-8 twice ('Ã¤' for 'ä')",
    "separator": "fields were separated by this character",
    "sheet": "this worksheet was read",
    "title_row_skipped": "a title row above the header was skipped",
    "question_row_skipped": "a row of question texts under the header was skipped",
    "rows_skipped": "rows skipped as asked (skip_rows=)",
    "header_row": "the header was read from this row (header_row=)",
    "empty_rows_skipped": "completely empty rows were skipped",
    "date_format": "dates of the column were read in this format",
    "decimal_comma": "numbers with a decimal comma were read as decimals",
    "thousands_separator": "spaces between digit groups were removed",
    "unicode_minus": "the minus sign U+2212 was read as a minus",
    "not_a_number": "values that are not numbers were set missing",
    "key_trimmed": "spaces around the text were removed",
    "key_normalised": "the text was normalised to Unicode NFC",
    "municipality_zero_padded": "municipality codes were padded to 3 digits",
}


class ReadError(ValueError):
    """A file or column cannot be read as it is (the message names file, column, rows, values).

    ``positions`` holds the 0-based positions of the offending values when a column was read
    (empty for problems of the whole file).
    """

    def __init__(self, message: str, positions: Any = ()) -> None:
        super().__init__(message)
        self.positions = np.asarray(positions, dtype=np.int64)


def _shown(values: Iterable[Any], k: int = 5) -> list[str]:
    return [str(v) for v in list(values)[:k]]


def where(file: str | None, column: str | None = None) -> str:
    """``"file.csv, column 'x'"`` (the prefix of every message of the reading layer)."""
    parts = [str(file)] if file else []
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts) if parts else "the data"


def row_labels(rows: Any, positions: np.ndarray) -> list[Any]:
    """Row labels for ``positions``: file row numbers when known, else 1-based positions."""
    if rows is None:
        return [int(p) + 1 for p in positions]
    rows = np.asarray(rows)
    return [int(r) if isinstance(r, int | np.integer) else r for r in rows[positions]]


@dataclass(frozen=True)
class LogEntry:
    """One kind of coercion in one column: ``code`` (see :data:`CODES`), how many values
    (``count``), ``file``, ``column`` (``""`` for the whole file), up to five ``examples``
    (as read) and a language-free ``detail`` (a format, an encoding, a row number)."""

    code: str
    count: int
    file: str
    column: str = ""
    examples: tuple[str, ...] = ()
    detail: str = ""


@dataclass
class ReadingNotes:
    """Collects :class:`LogEntry` items while reading; :meth:`log` freezes them."""

    entries: list[LogEntry] = field(default_factory=list)

    def add(
        self,
        code: str,
        count: int,
        *,
        file: str | None,
        column: str | None = None,
        examples: Iterable[Any] = (),
        detail: Any = "",
    ) -> None:
        """Record ``count`` coercions of kind ``code`` (nothing when ``count`` is 0)."""
        if code not in CODES:
            raise ValueError(f"unknown reading-log code {code!r}; known: {', '.join(CODES)}.")
        if count:
            self.entries.append(
                LogEntry(
                    code, int(count), str(file or ""), str(column or ""),
                    tuple(_shown(examples)), str(detail),
                )
            )  # fmt: skip

    def extend(self, other: ReadingLog | ReadingNotes) -> None:
        """Append the entries of another log."""
        self.entries.extend(other.entries)

    def log(self) -> ReadingLog:
        """The entries so far as a frozen :class:`ReadingLog`."""
        return ReadingLog(entries=tuple(self.entries))


_FRAME_COLUMNS = ["code", "count", "file", "column", "examples", "detail"]


@dataclass(frozen=True, eq=False)
class ReadingLog(ResultMixin):
    """Every coercion made while reading files, one :class:`LogEntry` per kind and column.

    Examples
    --------
    >>> notes = ReadingNotes()
    >>> notes.add("decimal_comma", 2, file="jobs.csv", column="hours", examples=["37,5", "12,5"])
    >>> notes.log().to_frame()[["code", "count", "column", "examples"]]
                code  count column    examples
    0  decimal_comma      2  hours  37,5 | 12,5
    """

    entries: tuple[LogEntry, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """One row per entry: ``code, count, file, column, examples, detail``."""
        rows = [
            {**e.__dict__, "examples": " | ".join(e.examples)}  # plain text for tables
            for e in self.entries
        ]
        return pd.DataFrame(rows, columns=_FRAME_COLUMNS)

    def counts(self) -> dict[str, int]:
        """Total count per code."""
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.code] = out.get(e.code, 0) + e.count
        return out

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Reading log",
            figures={"entries": len(self.entries), "values coerced": sum(self.counts().values())},
            tables={"entries": self.to_frame()},
        )
