"""The section class the compensation and IPS reports still build on.

Legacy: new report code builds :class:`vaikuttavuus.present.Section` objects instead; this class
goes when those two reports have moved onto :mod:`vaikuttavuus.present`.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .._numbers import display_table


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


def _p_strings(table: pd.DataFrame) -> pd.DataFrame:
    cols = [
        c
        for c in table.columns
        if isinstance(c, str) and (c == "p_value" or c.endswith("_p_value"))
    ]
    if not cols:
        return table
    out = table.copy()
    for c in cols:
        out[c] = [
            v
            if isinstance(v, str)
            else ("" if pd.isna(v) else "<0.001" if v < 0.001 else f"{v:.3f}")
            for v in table[c]
        ]
    return out


@dataclass(frozen=True, eq=False)
class ReportSection:
    """One section of the report: heading, text, tables (already disclosure-controlled),
    figures (PNG bytes) and notes. Displays as HTML in JupyterLab."""

    title: str
    intro: str = ""
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    figures: tuple[bytes, ...] = ()
    notes: tuple[str, ...] = ()
    language: str | None = None  # numbers shown as this language writes them (None: as is)

    def _repr_html_(self) -> str:
        parts = [f"<h2>{html.escape(self.title)}</h2>"]
        if self.intro:
            parts.append(f"<p>{html.escape(self.intro)}</p>")
        for png in self.figures:
            b64 = base64.b64encode(png).decode("ascii")
            parts.append(
                f"<img style='max-width:100%' alt='{html.escape(self.title)}' src='data:image/png;base64,{b64}'/>"
            )
        for name, table in self.tables.items():
            if name:
                parts.append(f"<h4>{html.escape(name)}</h4>")
            parts.append(
                display_table(_p_strings(table), self.language).to_html(
                    na_rep="", float_format=_num, classes="dataframe"
                )
            )
        for note in self.notes:
            parts.append(f"<p><em>{html.escape(note)}</em></p>")
        return "\n".join(parts)

    def as_section(self, language: str, *, key: str = "") -> Any:
        """The same content as a :class:`vaikuttavuus.present.Section` (its tables are already
        disclosure-controlled; numbers are written in ``language`` with fixed decimals per
        column), so that a report built on ``present`` says each note once."""
        from ..present import Figure, Note, Section, Table

        parts: list[Any] = [Figure(png, alt=self.title) for png in self.figures]
        for name, table in self.tables.items():
            parts.append(Table(_p_strings(table), name, decimals=3))
        parts += [Note(n) for n in self.notes]
        return Section(self.title, tuple(parts), intro=self.intro, language=language, key=key)

    def __str__(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        if self.intro:
            lines.append(self.intro)
        for name, table in self.tables.items():
            lines += ["", name, table.to_string(na_rep="")]
        lines += list(self.notes)
        return "\n".join(lines)
