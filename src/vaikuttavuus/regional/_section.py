"""One section of the region report and the disclosure helpers its tables go through."""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._numbers import display_table
from ..disclosure import MIN_CELL_SIZE, SUPPRESSED, small_cell_mask


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, eq=False)
class RegionSection:
    """A section of the region report: heading, text, disclosure-controlled tables, figures.

    ``parts`` holds what another subpackage's report shows for the region (objects that
    render themselves in JupyterLab, already disclosure-controlled by that subpackage).
    An omitted section has only its heading and one sentence (``intro``) saying why.
    """

    key: str
    title: str
    intro: str = ""
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    figures: tuple[bytes, ...] = ()
    notes: tuple[str, ...] = ()
    parts: tuple[Any, ...] = ()
    omitted: bool = False
    language: str | None = None  # numbers shown as this language writes them (None: as is)

    def _repr_html_(self) -> str:
        out = [f"<h2>{html.escape(self.title)}</h2>"]
        if self.intro:
            out.append(f"<p>{html.escape(self.intro)}</p>")
        for name, table in self.tables.items():
            if name:
                out.append(f"<h4>{html.escape(name)}</h4>")
            shown = display_table(table, self.language)
            out.append(shown.to_html(na_rep="", float_format=_num, classes="dataframe"))
        for png in self.figures:
            b64 = base64.b64encode(png).decode("ascii")
            out.append(
                f"<img style='max-width:100%' alt='{html.escape(self.title)}' "
                f"src='data:image/png;base64,{b64}'/>"
            )
        for part in self.parts:
            out.append(_part_html(part, self.language))
        for note in self.notes:
            out.append(f"<p><em>{html.escape(note)}</em></p>")
        return "\n".join(out)

    def __str__(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        if self.intro:
            lines.append(self.intro)
        for name, table in self.tables.items():
            lines += ["", name, table.to_string(na_rep="")]
        lines += [str(p) for p in self.parts]
        lines += list(self.notes)
        return "\n".join(lines)


def _part_html(part: Any, language: str | None = None) -> str:
    if hasattr(part, "_repr_html_"):  # nested reports: their headings one level down
        body = str(part._repr_html_())
        return body.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    if isinstance(part, pd.DataFrame):
        shown = display_table(part, language)
        return shown.to_html(na_rep="", float_format=_num, classes="dataframe")
    return f"<p>{html.escape(str(part))}</p>"


def suppress_column_split(table: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Suppress cells whose count is 1-4, with complements *down each column*.

    For tables whose rows split a total that is shown (municipalities of a region): in every
    column of ``counts`` a withheld small cell gets a complement so it cannot be recovered as
    the total minus the shown rows. A row's other columns derived from a withheld count (rates)
    are withheld with it when ``counts`` repeats that count for them.
    """
    mask = small_cell_mask(counts.T, complementary=True).T
    out = table.astype(object).copy()
    return out.mask(mask.to_numpy(), SUPPRESSED)


def visible_small_counts(table: pd.DataFrame, count_columns: list[str]) -> int:
    """How many cells of ``count_columns`` show a number 1-4 (0 for a table that passes)."""
    bad = 0
    for c in count_columns:
        vals = pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
        bad += int(np.sum((vals > 0) & (vals < MIN_CELL_SIZE)))
    return bad
