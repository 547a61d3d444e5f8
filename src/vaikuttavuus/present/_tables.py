"""Tables of a report: columns declared with their kind and decimals, persons declared for
disclosure control, which this module applies (:mod:`vaikuttavuus.disclosure`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..disclosure import MIN_CELL_SIZE, SUPPRESSED, small_cell_mask
from .escape import html_text
from .formatting import KINDS, format_value

__all__ = ["Column", "Source", "Table"]


@dataclass(frozen=True)
class Source:
    """Where a table's or figure's numbers come from.

    ``authority`` is a glossary key (``"statistics_finland"``, ``"kela"``) or a name as is;
    ``table`` the table id (``"12r5"``), ``period`` the period as the reader should read it.
    """

    authority: str
    table: str = ""
    period: str = ""

    def text(self, language: str) -> str:
        """E.g. ``Tilastokeskus, taulukko 12r5, 2026M06`` (escaped for HTML)."""
        from ._messages import has, msg

        key = f"glossary.{self.authority}"
        name = msg(key, language) if has(key) else self.authority
        parts = [name]
        if self.table:
            parts.append(f"{msg('common.table', language)} {self.table}")
        if self.period:
            parts.append(self.period)
        return html_text(", ".join(parts))


@dataclass(frozen=True)
class Column:
    """How a column is shown: header ``label``, ``kind`` (see ``formatting.KINDS``), ``decimals``."""

    label: str | None = None
    kind: str = "number"
    decimals: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"kind={self.kind!r} is not allowed; choose one of {', '.join(KINDS)}."
            )


def _infer(series: pd.Series, decimals: int) -> Column:
    if pd.api.types.is_bool_dtype(series):
        return Column(kind="text")
    if pd.api.types.is_integer_dtype(series):
        return Column(kind="count")
    if pd.api.types.is_datetime64_any_dtype(series):
        return Column(kind="date")
    if pd.api.types.is_float_dtype(series):
        values = series.dropna()
        whole = len(values) > 0 and bool(np.all(values == np.round(values)))
        return Column(kind="number", decimals=0 if whole else decimals)
    numeric = pd.to_numeric(series[series != SUPPRESSED], errors="coerce")
    if (
        len(numeric)
        and numeric.notna().sum() == series.notna().sum() - (series == SUPPRESSED).sum()
    ):
        whole = bool(np.all(numeric.dropna() == np.round(numeric.dropna())))
        return Column(kind="count" if whole else "number", decimals=0 if whole else decimals)
    return Column(kind="text")


def _index_text(value: object, language: str) -> str:
    if isinstance(value, tuple):
        return " / ".join(_index_text(v, language) for v in value)
    if isinstance(value, (pd.Timestamp,)):
        return format_value(value, "date", language)
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return format_value(value, "count", language)
    return str(value)


def _protect_sums(
    data: pd.DataFrame, mask: pd.DataFrame, sums: Mapping[str | None, tuple[str, ...]]
) -> None:
    """Secondary suppression over row-wise sums (in place on ``mask``), until stable."""
    values = data
    changed = True
    while changed:
        changed = False
        for total, parts in sums.items():
            cells = [total, *parts] if total is not None else list(parts)
            for i in range(len(data)):
                hidden = [c for c in cells if mask.iloc[i][c]]
                if not hidden:
                    continue
                amount = float(values.iloc[i][hidden].fillna(0).sum())
                if len(hidden) >= 2 and (total in hidden or amount >= MIN_CELL_SIZE):
                    continue  # two unknowns in one equation (not a small known sum)
                shown = [c for c in parts if not mask.iloc[i][c] and values.iloc[i][c] > 0]
                if not shown and total is not None and not mask.iloc[i][total]:
                    shown = [total]
                if shown:
                    smallest = min(shown, key=lambda c: values.iloc[i][c])
                    mask.iloc[i, mask.columns.get_loc(smallest)] = True
                    changed = True


@dataclass(frozen=True, eq=False)
class Table:
    """A numeric table and how to show it.

    Parameters
    ----------
    data : DataFrame
        The numbers (unsuppressed; the API keeps them as they are).
    title : str
        Heading above the table (already in the report language; escaped when rendered).
    columns : mapping of column -> Column, optional
        Header, kind and decimals per column; undeclared columns are inferred (integers:
        counts, floats: ``decimals`` decimals, text: text).
    decimals : int, default 2
        Decimals of undeclared float columns.
    persons : tuple of str
        Columns that count persons: cells of 1-4 are withheld (``<5``).
    row_persons : str, optional
        A column whose count covers the whole row (``n`` of a row of statistics): every cell
        of a row of 1-4 persons is withheld.
    cell_persons : DataFrame, optional
        Persons behind each cell of the columns it has (e.g. counts behind percentages).
    split : {None, "row", "column"}
        The person cells split a known total row by row (``"row"``: an answer distribution)
        or down each column (``"column"``: municipalities of a region whose total is shown):
        complementary cells are withheld too, so no withheld cell can be recovered by
        difference.
    follows : mapping of column -> column
        Derived columns (rates, shares) withheld wherever their source count column is.
    sums : mapping of total column (or None) -> tuple of columns
        Row-wise sums among the person columns: the parts add up to the total column (None:
        a total shown elsewhere). Wherever a part is withheld and the total is shown, more
        parts are withheld until the withheld cells cannot be recovered by difference (at
        least two, of at least 5 persons together), repeated over linked sums until stable.
    source : Source or tuple of Source, optional
        Shown under the table and collected once in the report's list of sources.
    row_formats : mapping of row label -> Column
        Formats of rows whose unit differs (a summary with one measure per row): they apply
        to the columns declared (or inferred) as ``kind="number"``.
    missing : str, default ""
        Text of a missing value (e.g. a figure the source itself withholds).
    note : str, optional
        A note (collected once per report).
    index_label : str, optional
        Header of the index column; ``show_index=False`` hides the index.
    """

    data: pd.DataFrame
    title: str = ""
    columns: Mapping[str, Column] = field(default_factory=dict)
    decimals: int = 2
    persons: tuple[str, ...] = ()
    row_persons: str | None = None
    cell_persons: pd.DataFrame | None = None
    split: str | None = None
    follows: Mapping[str, str] = field(default_factory=dict)
    sums: Mapping[str | None, tuple[str, ...]] = field(default_factory=dict)
    source: Source | tuple[Source, ...] | None = None
    note: str | None = None
    row_formats: Mapping[object, Column] = field(default_factory=dict)
    missing: str = ""
    index_label: str | None = None
    show_index: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.data, pd.DataFrame):
            raise TypeError(f"Table data must be a DataFrame, got {type(self.data).__name__}.")
        if self.split not in (None, "row", "column"):
            raise ValueError(
                f"split={self.split!r} is not allowed; choose None, 'row' or 'column'."
            )
        named = [*self.persons, *self.follows, *self.follows.values(), *self.columns]
        named += [c for total, parts in self.sums.items() for c in (total, *parts) if c]
        if self.row_persons:
            named.append(self.row_persons)
        missing = [c for c in named if c not in self.data.columns]
        if missing:
            raise ValueError(
                f"Table {self.title!r} declares column(s) {missing} that it does not have; "
                f"its columns are {list(self.data.columns)}."
            )

    # ----------------------------------------------------------------- disclosure control
    def withheld(self) -> pd.DataFrame:
        """Which cells disclosure control withholds (bool, shaped like ``data``)."""
        d = self.data
        mask = pd.DataFrame(False, index=d.index, columns=d.columns)
        counts = pd.DataFrame(np.nan, index=d.index, columns=d.columns)
        for c in self.persons:
            counts[c] = pd.to_numeric(d[c], errors="coerce")
        if self.cell_persons is not None:
            for c in self.cell_persons.columns:
                if c in counts.columns:
                    counts[c] = pd.to_numeric(self.cell_persons[c], errors="coerce").to_numpy()
        declared = [c for c in counts.columns if counts[c].notna().any()]
        if declared:
            sub = counts[declared]
            if self.split == "row":
                small = small_cell_mask(sub, complementary=True)
            elif self.split == "column":
                small = small_cell_mask(sub.T, complementary=True).T
            else:
                small = small_cell_mask(sub)
            mask[declared] = small.to_numpy()
        if self.sums:  # persons behind each cell where declared, else the cell's number
            numbers = d.apply(pd.to_numeric, errors="coerce")
            _protect_sums(counts.where(counts.notna(), numbers), mask, self.sums)
        for derived, origin in self.follows.items():
            mask[derived] = mask[derived] | mask[origin]
        if self.row_persons:
            n = pd.to_numeric(d[self.row_persons], errors="coerce")
            rows = ((n > 0) & (n < MIN_CELL_SIZE)).to_numpy()
            mask.loc[rows, :] = True
        return mask

    def shown(self) -> pd.DataFrame:
        """``data`` with the withheld cells replaced by ``<5`` (object dtype)."""
        return self.data.astype(object).mask(self.withheld(), SUPPRESSED)

    # ------------------------------------------------------------------------- display
    def frame(self) -> pd.DataFrame:
        """:meth:`shown` with the display headers (numbers stay numbers, withheld: ``<5``)."""
        out = self.shown()
        out.columns = [self.column(c).label or str(c) for c in out.columns]
        if self.index_label is not None and out.index.nlevels == 1:
            out.index = out.index.rename(self.index_label)
        return out

    def column(self, name: object) -> Column:
        """The declared (or inferred) :class:`Column` of ``name``."""
        return self.columns.get(name) or _infer(self.data[name], self.decimals)

    def text_frame(self, language: str) -> pd.DataFrame:
        """The shown table as text in ``language`` (headers and cells; not escaped)."""
        shown = self.shown()
        headers, cells = [], []
        for j, name in enumerate(shown.columns):
            col = self.column(name)
            headers.append(col.label if col.label is not None else str(name))
            cells.append(
                [
                    self._cell(
                        v, self.row_formats.get(row, col) if col.kind == "number" else col, language
                    )
                    for row, v in zip(shown.index, shown.iloc[:, j], strict=True)
                ]
            )
        index = [_index_text(i, language) for i in shown.index]
        return pd.DataFrame(dict(enumerate(cells)), index=index).set_axis(headers, axis=1)

    def _cell(self, value: object, col: Column, language: str) -> str:
        text = format_value(value, col.kind, language, col.decimals)
        return self.missing if text == "" and self.missing else text

    def sources(self) -> tuple[Source, ...]:
        """The table's sources (none, one or several)."""
        if self.source is None:
            return ()
        return self.source if isinstance(self.source, tuple) else (self.source,)

    def html(self, language: str) -> str:
        """The table as an HTML ``<table>``; every header and cell escaped."""
        frame = self.text_frame(language)
        # numbers right-aligned: with fixed decimals per column their digits line up
        align = [
            " style='text-align:right'" if self.column(c).kind != "text" else ""
            for c in self.data.columns
        ]
        head = "".join(
            f"<th{a}>{html_text(c)}</th>" for c, a in zip(frame.columns, align, strict=True)
        )
        if self.show_index:
            head = f"<th>{html_text(self.index_label or '')}</th>" + head
        rows = []
        for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
            cells = "".join(f"<td{a}>{html_text(v)}</td>" for v, a in zip(row, align, strict=True))
            first = f"<th>{html_text(label)}</th>" if self.show_index else ""
            rows.append(f"<tr>{first}{cells}</tr>")
        return (
            "<table class='dataframe vaikuttavuus-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
