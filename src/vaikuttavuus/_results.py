"""Shared machinery of result objects.

Results are frozen dataclasses (``@dataclass(frozen=True, eq=False)``) that inherit
:class:`ResultMixin`. Each implements ``to_frame()`` (stable snake_case columns) and
``_summary_parts()``; the mixin turns those into a :class:`Summary` that prints as text
and renders as HTML in JupyterLab.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["ResultMixin", "Summary"]


@dataclass(frozen=True, eq=False)
class Summary:
    """A printable summary: a title, key figures, tables and notes.

    ``str(summary)`` gives plain text; in JupyterLab it renders as HTML.
    """

    title: str
    figures: dict[str, object] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    float_format: str = "{:.3f}"

    def _fmt(self, value: object) -> str:
        if isinstance(value, float):
            return self.float_format.format(value)
        return str(value)

    def as_text(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        if self.figures:
            width = max(len(k) for k in self.figures)
            lines += [f"{k:<{width}}  {self._fmt(v)}" for k, v in self.figures.items()]
        for name, table in self.tables.items():
            lines += ["", name, "-" * len(name)]
            lines.append(
                table.to_string(float_format=lambda x: self.float_format.format(x), na_rep="")
            )
        if self.notes:
            lines.append("")
            lines += [f"* {n}" for n in self.notes]  # no English prefix: notes may be fi/sv/en
        return "\n".join(lines)

    def as_html(self) -> str:
        parts = [f"<div class='vaikuttavuus-summary'><h4>{html.escape(self.title)}</h4>"]
        if self.figures:
            rows = "".join(
                f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
                f"<td>{html.escape(self._fmt(v))}</td></tr>"
                for k, v in self.figures.items()
            )
            parts.append(f"<table>{rows}</table>")
        for name, table in self.tables.items():
            parts.append(f"<h5>{html.escape(name)}</h5>")
            parts.append(
                table.to_html(float_format=lambda x: self.float_format.format(x), na_rep="")
            )
        for n in self.notes:
            parts.append(f"<p><em>{html.escape(n)}</em></p>")
        parts.append("</div>")
        return "".join(parts)

    def __str__(self) -> str:
        return self.as_text()

    def _repr_html_(self) -> str:
        return self.as_html()


class ResultMixin:
    """Mixin for frozen result dataclasses: ``summary()``, text and HTML display."""

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def _summary_parts(self) -> Summary:  # pragma: no cover - implemented by subclasses
        raise NotImplementedError

    def _fields(self, *names: str) -> dict[str, object]:
        """The named attributes as ``{name: value}``, in the order given.

        The one way to list scalar fields in ``to_frame()`` rows and summary figures.
        """
        return {name: getattr(self, name) for name in names}

    def _row(self, *names: str) -> pd.DataFrame:
        """A one-row frame of the named scalar attributes (columns in the order given)."""
        return pd.DataFrame([self._fields(*names)])

    def summary(self) -> Summary:
        """Return a :class:`Summary` (prints as text, renders as HTML in JupyterLab)."""
        return self._summary_parts()

    def __str__(self) -> str:
        return self.summary().as_text()

    def _repr_html_(self) -> str:
        return self.summary().as_html()
