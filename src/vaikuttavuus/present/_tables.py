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
        return Column(kind="number", decimals=decimals)
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


@dataclass(frozen=True, eq=False)
class Table:
    """A numeric table and how to show it.

    Parameters (fields)
    -------------------
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
    source : Source, optional
        Shown under the table and collected once in the report's list of sources.
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
    source: Source | None = None
    note: str | None = None
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
                [format_value(v, col.kind, language, col.decimals) for v in shown.iloc[:, j]]
            )
        index = [_index_text(i, language) for i in shown.index]
        return pd.DataFrame(dict(enumerate(cells)), index=index).set_axis(headers, axis=1)

    def html(self, language: str) -> str:
        """The table as an HTML ``<table>``; every header and cell escaped."""
        frame = self.text_frame(language)
        head = "".join(f"<th>{html_text(c)}</th>" for c in frame.columns)
        if self.show_index:
            head = f"<th>{html_text(self.index_label or '')}</th>" + head
        rows = []
        for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
            cells = "".join(f"<td>{html_text(v)}</td>" for v in row)
            first = f"<th>{html_text(label)}</th>" if self.show_index else ""
            rows.append(f"<tr>{first}{cells}</tr>")
        return (
            "<table class='dataframe vaikuttavuus-table'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
