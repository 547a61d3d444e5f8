"""Read survey exports (CSV, Excel, SPSS) through a codebook into a tidy, numeric frame."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice
from ..io import ReadingLog as FileLog
from ..io import ReadingNotes, read_table
from ._answers import dont_know_texts, normalise_text, unmapped_message
from ._warnings import SurveyWarning
from .codebook import Codebook, load_codebook

__all__ = ["ReadingLog", "SurveyData", "read_survey"]

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_LOG_COLUMNS = [
    "column", "role", "answers", "numeric", "recoded", "dont_know", "missing_code",
    "out_of_range", "valid", "empty",
]  # fmt: skip


@dataclass(frozen=True, eq=False)
class ReadingLog(ResultMixin):
    """What :func:`read_survey` did: rows and answers read, recoded and set missing.

    ``per_column`` has one row per codebook column with counts of cells: ``answers``
    (non-empty cells), ``numeric`` (numbers taken as they are), ``recoded`` (text answers
    turned into numbers), ``dont_know`` and ``missing_code`` (set missing),
    ``out_of_range`` (set missing because outside the scale), ``valid`` and ``empty``.
    ``file_log`` is the reading layer's log (encoding, separator, sheet, skipped title or
    question-text rows), language-free for reports.
    """

    path: str
    format: str
    n_rows: int
    n_columns: int
    per_column: pd.DataFrame
    encoding: str | None = None
    separator: str | None = None
    ignored_columns: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    file_log: FileLog = field(default_factory=FileLog)

    @property
    def totals(self) -> dict[str, int]:
        t = self.per_column.drop(columns=["column", "role"]).sum()
        return {k: int(v) for k, v in t.items()}

    def to_frame(self) -> pd.DataFrame:
        return self.per_column.copy()

    def _summary_parts(self) -> Summary:
        t = self.totals
        figures: dict[str, object] = {
            "file": Path(self.path).name,
            "format": self.format,
            "rows read": self.n_rows,
            "columns in file": self.n_columns,
            "answers read": t["answers"],
            "recoded from text": t["recoded"],
            "set missing": t["dont_know"] + t["missing_code"] + t["out_of_range"],
        }
        if self.encoding:
            figures["encoding"] = self.encoding
        if self.separator:
            figures["separator"] = self.separator
        notes = list(self.notes)
        if self.ignored_columns:
            notes.append(
                f"{len(self.ignored_columns)} column(s) not in the codebook were not read: "
                + ", ".join(self.ignored_columns)
            )
        tables = {"per column": self.per_column.set_index("column")}
        if self.file_log.entries:
            tables["reading the file"] = self.file_log.to_frame().drop(columns="file")
        return Summary(title="Survey reading log", figures=figures, tables=tables,
                       notes=tuple(notes))  # fmt: skip


@dataclass(frozen=True, eq=False)
class SurveyData(ResultMixin):
    """A survey read through its codebook.

    ``data`` has one row per respondent: the id column (if declared), item columns as
    float (raw answers, reverse-keyed items *not* reversed), background variables as ordered
    categoricals and outcomes as float. ``reading_log`` says what was read and recoded.
    """

    data: pd.DataFrame
    codebook: Codebook
    reading_log: ReadingLog

    @property
    def items(self) -> pd.DataFrame:
        """The Likert items as answered (float, NaN for missing)."""
        return self.data[list(self.codebook.item_columns)]

    def keyed_items(self) -> pd.DataFrame:
        """The Likert items with reverse-keyed items reversed (``min + max - x``)."""
        out = self.items.copy()
        for col in self.codebook.reverse_items:
            it = self.codebook.item(col)
            out[col] = it.min + it.max - out[col]
        return out

    def to_frame(self) -> pd.DataFrame:
        return self.data.copy()

    def _summary_parts(self) -> Summary:
        cb = self.codebook
        return Summary(
            title=f"Survey {cb.name}",
            figures={
                "respondents": len(self.data),
                "items": len(cb.items),
                "scales": len(cb.scales),
                "background variables": len(cb.background),
                "outcomes": len(cb.outcomes),
            },
            notes=self.reading_log.notes,
        )


@dataclass
class _Tally:
    column: str
    role: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_LOG_COLUMNS[2:], 0))


def read_survey(
    path: str | Path,
    codebook: Codebook | str | Path,
    *,
    encoding: str | None = None,
    sheet: str | int = 0,
    header_row: int | None = None,
    skip_rows: Iterable[int] = (),
    out_of_range: str = "error",
) -> SurveyData:
    """Read a survey export (CSV, Excel .xlsx or SPSS .sav) through a codebook.

    Parameters
    ----------
    path : str or Path
        The export. CSV may be comma-, semicolon- or tab-separated (sniffed), with decimal
        comma, in UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252 or Latin-1.
    codebook : Codebook, str or Path
        A :class:`Codebook`, a codebook file (YAML/CSV) or a shipped codebook's name.
    encoding : str, optional
        Text encoding of a CSV file; by default detected (the log says which was used).
    sheet : str or int, default 0
        Worksheet of an Excel file, by name or 0-based position (an error lists the sheets
        when it does not exist).
    header_row : int, optional
        Row number of the header (1 = first row); default: detected, so that a title row
        above the header (Webropol) is skipped and named in the log.
    skip_rows : iterable of int
        Row numbers to leave out (e.g. a row of question texts under the header); by default
        a row of question texts right under the header is detected (its cells are texts that
        no codebook answer matches, in at least half of the items, while the other rows read)
        and skipped with a note.
    out_of_range : {"error", "missing"}, default "error"
        Numeric answers outside an item's scale raise a ``ValueError`` listing column,
        value and count; with ``"missing"`` they are set missing with a
        :class:`SurveyWarning` giving the same list, and counted in the log.

    Returns
    -------
    SurveyData

    Raises
    ------
    ValueError
        For an empty file, a file that is not what its extension says, a codebook column
        missing from the data, duplicate respondent ids, text answers that the codebook
        cannot map (all listed with counts in one error) and out-of-range answers.

    References
    ----------
    Webropol Oy. Webropol survey and reporting tool: result exports to Excel (.xlsx), CSV and
    SPSS. https://webropol.com
    IBM Corp. IBM SPSS Statistics: the .sav data file format (value labels, user-missing
    values); read here with pyreadstat, a wrapper of the ReadStat C library,
    https://github.com/Roche/pyreadstat and https://github.com/WizardMac/ReadStat
    Likert, R. (1932). A technique for the measurement of attitudes. Archives of Psychology,
    22(140), 1-55 (the agree/disagree answer scale recoded to numbers).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from vaikuttavuus.survey.codebook import Codebook
    >>> cb = Codebook.from_dict({"defaults": {"scale": [1, 5]},
    ...                         "items": [{"column": "q1"}, {"column": "q2"}]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     f = pathlib.Path(d) / "s.csv"
    ...     _ = f.write_text("q1;q2\\nTäysin samaa mieltä;2\\nEn osaa sanoa;5\\n", encoding="utf-8")
    ...     s = read_survey(f, cb)
    >>> s.data
        q1   q2
    0  5.0  2.0
    1  NaN  5.0
    >>> s.reading_log.totals["recoded"], s.reading_log.totals["dont_know"]
    (1, 1)
    """
    check_choice("out_of_range", out_of_range, ("error", "missing"))
    if not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)
    p = Path(path)
    file_notes = ReadingNotes()
    tab = read_table(
        p, sheet=sheet, header_row=header_row, skip_rows=skip_rows, encoding=encoding,
        notes=file_notes,
    )  # fmt: skip
    raw = tab.frame.astype(object).where(tab.frame.notna(), np.nan)
    info: dict[str, Any] = {"format": tab.format, "encoding": tab.encoding,
                            "separator": tab.separator, **tab.meta}  # fmt: skip
    notes = _file_notes(file_notes)

    # match codebook columns to file columns (exactly, else ignoring case/whitespace)
    by_norm: dict[str, str] = {}
    for c in raw.columns:
        by_norm.setdefault(normalise_text(c), c)
    rename: dict[str, str] = {}
    missing: list[str] = []
    for col in codebook.columns:
        if col in raw.columns:
            rename[col] = col
        elif normalise_text(col) in by_norm:
            rename[by_norm[normalise_text(col)]] = col
        else:
            missing.append(col)
    if missing:
        raise ValueError(
            f"{p.name} lacks {len(missing)} column(s) that the codebook declares: "
            f"{', '.join(map(repr, missing))}. Columns in the file: {', '.join(map(repr, raw.columns))}."
        )
    ignored = tuple(c for c in raw.columns if c not in rename)
    table = raw[list(rename)].rename(columns=rename)
    if header_row is None and not list(skip_rows):
        table = _question_row(table, codebook, tab.rows, p.name, file_notes, notes)
    empty_rows = table.isna().all(axis=1)
    if empty_rows.any():
        notes.append(f"{int(empty_rows.sum())} completely empty row(s) were skipped")
        table = table.loc[~empty_rows]
    table = table.reset_index(drop=True)

    labels: Mapping[str, Mapping[Any, str]] = info.get("value_labels", {})  # type: ignore[assignment]
    user_missing: Mapping[str, list[Any]] = info.get("user_missing", {})  # type: ignore[assignment]
    if labels:
        notes.append("SPSS value labels were mapped through the codebook")

    out = pd.DataFrame(index=table.index)
    tallies: list[_Tally] = []
    unmapped: list[tuple[str, str, int]] = []
    outside: list[tuple[str, object, int]] = []
    decimal_comma = False
    dk = dont_know_texts()

    if codebook.id_column:
        out[codebook.id_column] = _read_id(table[codebook.id_column], codebook.id_column, p.name)

    for item in codebook.items:
        col = item.column
        tally = _Tally(col, "item")
        codes = set(item.missing_codes) | {float(c) for c in user_missing.get(col, [])}
        lab = labels.get(col, {})
        values = np.full(len(table), np.nan)
        series = table[col]
        for value, idx in _groups(series):
            n = len(idx)
            tally.counts["answers"] += n
            code, kind_, comma = _classify(value, lab, item.answers, dk)
            decimal_comma |= comma
            if kind_ == "dont_know":
                tally.counts["dont_know"] += n
            elif kind_ == "unmapped":
                unmapped.append((col, str(value), n))
            elif code in codes:
                tally.counts["missing_code"] += n
            elif item.min is not None and not (
                item.min <= code <= item.max and float(code).is_integer()
            ):
                outside.append((col, _plain(code), n))
                tally.counts["out_of_range"] += n
            else:
                tally.counts["recoded" if kind_ == "text" else "numeric"] += n
                tally.counts["valid"] += n
                values[idx] = code
        tally.counts["empty"] = int(series.isna().sum())
        out[col] = values
        tallies.append(tally)

    for bg in codebook.background:
        col = bg.column
        tally = _Tally(col, "background")
        lab = labels.get(col, {})
        cats = dict(bg.categories)
        by_label = {normalise_text(v): v for v in cats.values()}
        values = np.full(len(table), None, dtype=object)
        codes = set(bg.missing_codes) | {float(c) for c in user_missing.get(col, [])}
        for value, idx in _groups(table[col]):
            n = len(idx)
            tally.counts["answers"] += n
            num = _number(value)
            if num is not None and num[0] in codes:
                tally.counts["missing_code"] += n
                continue
            if not cats:
                text = lab.get(value, value) if num is None else lab.get(num[0], _code_text(value))
                values[idx] = str(text).strip()
                tally.counts["valid"] += n
                continue
            key = _code_text(value)
            label = cats.get(key)
            if label is None and num is not None and num[0] in lab:
                label = by_label.get(normalise_text(lab[num[0]]))
            if label is None:
                label = by_label.get(normalise_text(value))
            if label is None:
                if normalise_text(value) in dk:
                    tally.counts["dont_know"] += n
                    continue
                unmapped.append((col, str(value), n))
                continue
            values[idx] = label
            tally.counts["valid"] += n
            if num is None or label != cats.get(key):
                tally.counts["recoded"] += n
        tally.counts["empty"] = int(table[col].isna().sum())
        order = list(cats.values()) if cats else sorted({v for v in values if v is not None})
        out[col] = pd.Categorical(values, categories=order, ordered=bool(cats))
        tallies.append(tally)

    for oc in codebook.outcomes:
        col = oc.column
        tally = _Tally(col, "outcome")
        values = np.full(len(table), np.nan)
        codes = set(oc.missing_codes)
        for value, idx in _groups(table[col]):
            n = len(idx)
            tally.counts["answers"] += n
            num = _number(value)
            if num is None:
                unmapped.append((col, str(value), n))
                continue
            decimal_comma |= num[1]
            if num[0] in codes:
                tally.counts["missing_code"] += n
                continue
            values[idx] = num[0]
            tally.counts["numeric"] += n
            tally.counts["valid"] += n
        tally.counts["empty"] = int(table[col].isna().sum())
        out[col] = values
        tallies.append(tally)

    problems = []
    if unmapped:
        headers = set(codebook.columns) | {t for i in codebook.items for t in i.text.values()}
        problems.append(unmapped_message(unmapped, headers))
    if outside and out_of_range == "error":
        listing = "\n".join(f"  {c!r}: {v!r} ({n} times)" for c, v, n in outside)
        problems.append(
            f"{len(outside)} value(s) lie outside their item's scale (declare a code such as "
            "9 as missing_codes in the codebook, or on the command line --missing-codes 9; "
            "or set every value outside the scale missing with out_of_range='missing', on "
            f"the command line --out-of-range missing):\n{listing}"
        )
    if problems:
        raise ValueError(f"{p.name}: " + "\n".join(problems))
    if outside:
        listing = "; ".join(f"{c!r}: {v!r} ({n} times)" for c, v, n in outside)
        msg = (
            f"{sum(n for *_, n in outside)} answer(s) outside the scale were set missing: {listing}"
        )
        warnings.warn(f"{p.name}: {msg}", SurveyWarning, stacklevel=2)
        notes.append(msg)
    if decimal_comma:
        notes.append("numbers with a decimal comma were read as decimals")

    per_column = pd.DataFrame(
        [{"column": t.column, "role": t.role, **t.counts} for t in tallies], columns=_LOG_COLUMNS
    )
    log = ReadingLog(
        path=str(p),
        format=str(info["format"]),
        n_rows=len(out),
        n_columns=raw.shape[1],
        per_column=per_column,
        encoding=info.get("encoding"),  # type: ignore[arg-type]
        separator=info.get("separator"),  # type: ignore[arg-type]
        ignored_columns=ignored,
        notes=tuple(notes),
        file_log=file_notes.log(),
    )
    return SurveyData(data=out, codebook=codebook, reading_log=log)


def _file_notes(notes: ReadingNotes) -> list[str]:
    """English notes of the survey log from the reading layer's entries."""
    out = []
    for e in notes.entries:
        if e.code == "encoding" and not e.detail.startswith("utf-8"):
            label = {"cp1252": "Windows-1252", "latin-1": "Latin-1 (ISO-8859-1)"}.get(e.detail)
            out.append(
                "the file is UTF-16 (with a byte order mark)"
                if e.detail == "utf-16"
                else f"the file is not UTF-8; it was read as {label or e.detail}"
            )
        elif e.code == "doubly_encoded":
            msg = (
                "the text looks doubly encoded (e.g. 'Ã¤' for 'ä'): the file was probably "
                "converted to UTF-8 twice; answers may not match the codebook"
            )
            warnings.warn(f"{e.file}: {msg}.", SurveyWarning, stacklevel=4)
            out.append(msg)
        elif e.code == "title_row_skipped":
            out.append(
                f"a title row above the header was skipped (row {e.detail}: {e.examples[0]!r})"
            )
        elif e.code == "empty_rows_skipped":
            out.append(f"{e.count} completely empty row(s) were skipped")
        elif e.code == "rows_skipped":
            out.append(f"row(s) {e.detail} were skipped as asked (skip_rows)")
    return out


def _question_row(
    table: pd.DataFrame,
    codebook: Codebook,
    rows: np.ndarray,
    name: str,
    file_notes: ReadingNotes,
    notes: list[str],
) -> pd.DataFrame:
    """Drop a row of question texts right under the header (Webropol), with a note.

    The row is one when, in at least half of the items (and two), its cell is text that no
    answer of the codebook matches and that does not recur in the column, while the other
    rows read (at most 5 % of their answers unmapped)."""
    items = list(codebook.items)
    if len(table) < 2 or not items:
        return table
    dk = dont_know_texts()
    first = table.iloc[0]
    unmapped = [
        it.column
        for it in items
        if isinstance(first[it.column], str)
        and _classify(first[it.column], {}, it.answers, dk)[1] == "unmapped"
    ]
    if len(unmapped) < max(2, (len(items) + 1) // 2):
        return table
    rest = table.iloc[1:]
    if any((rest[c] == first[c]).any() for c in unmapped):
        return table  # a repeated answer, not a question text
    answers = bad = 0
    for it in items:
        for value, idx in _groups(rest[it.column]):
            answers += len(idx)
            if _classify(value, {}, it.answers, dk)[1] == "unmapped":
                bad += len(idx)
    if bad > 0.05 * answers:
        return table  # the other rows do not read either: not a question-text row
    shown = [str(first[c]) for c in unmapped[:3]]
    file_notes.add("question_row_skipped", 1, file=name, examples=shown, detail=int(rows[0]))
    notes.append(
        f"row {int(rows[0])} under the header holds question texts, not answers "
        f"(e.g. {shown[0]!r}); it was skipped"
    )
    return table.iloc[1:].reset_index(drop=True)


def _plain(v: float) -> int | float:
    return int(v) if float(v).is_integer() else float(v)


def _groups(series: pd.Series) -> list[tuple[Any, np.ndarray]]:
    """(value, row positions) for each distinct non-missing value of ``series``."""
    mask = series.notna().to_numpy()
    positions = np.flatnonzero(mask)
    if positions.size == 0:
        return []
    values = series.to_numpy(dtype=object)[mask]
    keys = [v if not isinstance(v, str) else v for v in values]
    out: dict[Any, list[int]] = {}
    for pos, key in zip(positions, keys, strict=True):
        out.setdefault(key, []).append(int(pos))
    return [(k, np.asarray(v)) for k, v in out.items()]


def _number(value: Any) -> tuple[float, bool] | None:
    """(number, decimal comma used) if ``value`` is a number or numeric text, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value), False
    text = str(value).strip().replace("\u00a0", "")
    if _NUMBER.match(text):
        return float(text.replace(",", ".")), "," in text
    return None


def _classify(
    value: Any, labels: Mapping[Any, str], answers: Mapping[str, float], dk: frozenset[str]
) -> tuple[float, str, bool]:
    """(code, kind, decimal comma) with kind 'number', 'text', 'dont_know' or 'unmapped'."""
    num = _number(value)
    if num is not None:
        if num[0] in labels:  # SPSS: map the coded value through its label
            label = normalise_text(labels[num[0]])
            if label in dk:
                return np.nan, "dont_know", False
            if label in answers:
                return float(answers[label]), "number", False
        return num[0], "number", num[1]
    key = normalise_text(value)
    if key in dk:
        return np.nan, "dont_know", False
    if key in answers:
        return float(answers[key]), "text", False
    return np.nan, "unmapped", False


def _code_text(value: Any) -> str:
    num = _number(value)
    if num is not None and num[0].is_integer():
        return str(int(num[0]))
    return normalise_text(value)


def _read_id(series: pd.Series, column: str, name: str) -> pd.Series:
    empty = int(series.isna().sum())
    if empty:
        raise ValueError(f"{name}: {empty} row(s) have no respondent id in column {column!r}.")
    nums = [_number(v) for v in series]
    if all(n is not None and n[0].is_integer() for n in nums):
        ids = pd.Series([int(n[0]) for n in nums], index=series.index, dtype="int64")
    else:
        ids = series.map(lambda v: str(v).strip()).astype(str)
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        counts = dup.value_counts()
        shown = ", ".join(f"{k!r} ({v} rows)" for k, v in list(counts.items())[:10])
        more = "" if len(counts) <= 10 else f" and {len(counts) - 10} more"
        raise ValueError(
            f"{name}: {len(counts)} respondent id(s) occur more than once in column "
            f"{column!r}: {shown}{more}."
        )
    return ids
