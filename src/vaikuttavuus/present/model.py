"""The report model: Report -> Section -> parts (Table, Figure, Note); one HTML rendering.

Notes and sources are collected once per report: a note already shown in an earlier section
is not repeated, and the sources of all tables and figures are listed once at the end. Example
(synthetic) data are said once, at the top; sections on example data say so in their heading.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ._messages import check_language, msg
from ._tables import Source, Table
from .escape import html_text, markdown_text

__all__ = ["Figure", "Heading", "Note", "Report", "Section", "figure_png"]


@dataclass(frozen=True)
class Note:
    """A sentence under a section (plain text, escaped when rendered)."""

    text: str


@dataclass(frozen=True, eq=False)
class Figure:
    """A figure as PNG bytes with its alternative text, source and optional note."""

    png: bytes
    alt: str = ""
    source: Source | None = None
    note: str | None = None

    def html(self, language: str) -> str:
        b64 = base64.b64encode(self.png).decode("ascii")
        return (
            f"<figure><img style='max-width:100%' alt='{html_text(self.alt)}' "
            f"src='data:image/png;base64,{b64}'/>{_caption(self.source, language)}</figure>"
        )


Part = Any  # Table, Figure, Note, Section or an object with _repr_html_  # Any: an object with _repr_html_ (a nested report)


def figure_png(fig: Any, *, dpi: int = 90, tight: bool = True) -> bytes:
    """A matplotlib Figure as PNG bytes (no pyplot state involved).

    ``tight=False`` keeps the figure's own margins (one draw instead of two: faster).
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight" if tight else None)
    return buf.getvalue()


def _caption(source: Source | tuple[Source, ...] | None, language: str) -> str:
    sources = () if source is None else source if isinstance(source, tuple) else (source,)
    if not sources:
        return ""
    key = "common.sources" if len(sources) > 1 else "common.source"
    texts = "; ".join(s.text(language) for s in sources)
    return f"<p class='vaikuttavuus-source'><small>{msg(key, language)}: {texts}</small></p>"


@dataclass(frozen=True, eq=False)
class Section:
    """A titled section: an introduction and parts (tables, figures, notes) in order.

    ``example=True`` marks a section computed on example (simulated) data: its heading says so.
    ``omitted=True``: the section is only its heading and ``intro`` saying why.
    """

    title: str
    parts: tuple[Part, ...] = ()
    intro: str = ""
    language: str = "fi"
    example: bool = False
    omitted: bool = False
    key: str = ""
    seen_notes: frozenset[str] = field(default=frozenset(), repr=False)  # set order varies by run

    def __post_init__(self) -> None:
        check_language(self.language)

    @property
    def tables(self) -> dict[str, Any]:
        """The section's tables as shown (display headers, withheld cells ``<5``) by title."""
        return {p.title: p.frame() for p in self.parts if isinstance(p, Table)}

    @property
    def table_parts(self) -> tuple[Table, ...]:
        """The section's :class:`Table` parts."""
        return tuple(p for p in self.parts if isinstance(p, Table))

    @property
    def notes(self) -> tuple[str, ...]:
        """Every note of the section (its Note parts and its tables' notes), in order."""
        return tuple(_notes(self.parts))

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(p for p in self.parts if isinstance(p, Figure))

    def heading(self) -> str:
        """The title, with "(example data)" for example sections (not escaped)."""
        if self.example:
            return f"{self.title} ({msg('common.example_heading', self.language)})"
        return self.title

    def html(self, level: int = 2, seen: set[str] | None = None) -> str:
        """The section as HTML; notes in ``seen`` are not repeated (and are added to it)."""
        seen = set(self.seen_notes) if seen is None else seen
        lang = self.language
        if not (self.title or self.intro or self.parts):
            return ""  # a placeholder (e.g. a section its first sibling explains away)
        out = [f"<h{level}>{html_text(self.heading())}</h{level}>"]
        if self.intro:
            out.append(f"<p>{html_text(self.intro)}</p>")
        for part in self.parts:
            if isinstance(part, Table):
                if part.title:
                    out.append(f"<h{level + 2}>{html_text(part.title)}</h{level + 2}>")
                out.append(part.html(lang) + _caption(part.source, lang))
                if part.note:
                    out.append(_note_html(part.note, seen))
            elif isinstance(part, Figure):
                out.append(part.html(lang))
                if part.note:
                    out.append(_note_html(part.note, seen))
            elif isinstance(part, Note):
                out.append(_note_html(part.text, seen))
            elif isinstance(part, Section):
                out.append(part.html(level + 1, seen))
            elif hasattr(part, "_repr_html_"):
                body = str(part._repr_html_())
                out.append(body.replace("<h2>", "<h3>").replace("</h2>", "</h3>"))
            else:
                out.append(f"<p>{html_text(part)}</p>")
        return "\n".join(o for o in out if o)

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        lines = [self.heading(), "=" * len(self.heading())]
        if self.intro:
            lines.append(self.intro)
        for part in self.parts:
            if isinstance(part, Table):
                lines += ["", part.title, part.text_frame(self.language).to_string()]
            elif isinstance(part, Note):
                lines.append(part.text)
            elif not isinstance(part, Figure):
                lines.append(str(part))
        return "\n".join(lines)


def _note_html(text: str, seen: set[str]) -> str:
    if text in seen:
        return ""
    seen.add(text)
    return f"<p><em>{html_text(text)}</em></p>"


def _notes(parts: Iterable[Part]) -> list[str]:
    out: list[str] = []
    for p in parts:
        if isinstance(p, Note):
            out.append(p.text)
        elif isinstance(p, (Table, Figure)) and p.note:
            out.append(p.note)
        elif isinstance(p, Section):
            out += _notes(p.parts)
    return out


def _sources(parts: Iterable[Part]) -> list[Source]:
    out: list[Source] = []
    for p in parts:
        if isinstance(p, Table):
            out += list(p.sources())
        elif isinstance(p, Figure) and p.source is not None:
            out.append(p.source)
        elif isinstance(p, Section):
            out += _sources(p.parts)
    return out


@dataclass(frozen=True)
class Heading:
    """The head of a report (already escaped HTML and Markdown) for a notebook's first cell."""

    html: str
    markdown: str

    def _repr_html_(self) -> str:
        return self.html

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __str__(self) -> str:
        return self.markdown


@dataclass(frozen=True, eq=False)
class Report:
    """A whole report in one language: title, subtitle, sections.

    ``example_data``: ``"all"`` (every figure is simulated), ``"some"`` (the sections marked
    ``example=True``) or ``None``; said once, at the top.
    """

    title: str
    language: str
    sections: tuple[Section, ...] = ()
    subtitle: str = ""
    example_data: str | None = None

    def __post_init__(self) -> None:
        check_language(self.language)
        if self.example_data not in (None, "all", "some"):
            raise ValueError(
                f"example_data={self.example_data!r} is not allowed; choose None, 'all' or 'some'."
            )

    def example_text(self) -> str:
        """The one sentence saying the report uses example data ('' when it does not)."""
        if self.example_data is None:
            return ""
        what = msg(
            f"common.example_{'all' if self.example_data == 'all' else 'marked'}", self.language
        )
        return msg("common.example_data", self.language, what=what)

    def header_html(self) -> str:
        """Title, subtitle and the example-data statement."""
        out = [f"<h1>{html_text(self.title)}</h1>"]
        if self.subtitle:
            out.append(f"<p>{html_text(self.subtitle)}</p>")
        if self.example_data:
            out.append(
                "<p class='vaikuttavuus-example'><strong>"
                f"{html_text(self.example_text())}</strong></p>"
            )
        return "\n".join(out)

    def header(self) -> Heading:
        """Title, subtitle and example-data sentence as a display object (HTML, and Markdown
        whose first line is ``# <title>`` for tools that take a notebook's title from it)."""
        return Heading(self.header_html(), self._header_markdown())

    def _header_markdown(self) -> str:
        lines = [f"# {markdown_text(self.title)}"]
        if self.subtitle:
            lines.append(markdown_text(self.subtitle))
        if self.example_data:
            lines.append(f"**{markdown_text(self.example_text())}**")
        return "\n\n".join(lines)

    def section(self, key: str | int) -> Section:
        """Section ``key`` (its key or position), bound to the notes shown before it."""
        index = key if isinstance(key, int) else [s.key for s in self.sections].index(key)
        seen = frozenset(_notes(self.sections[:index]))
        return replace(self.sections[index], seen_notes=seen)

    def sources(self) -> list[Source]:
        """Every source of the report's tables and figures, once, in order of appearance."""
        unique: list[Source] = []
        for s in _sources(self.sections):
            if s not in unique:
                unique.append(s)
        return unique

    def sources_html(self) -> str:
        """The list of sources (empty text when there is none)."""
        items = self.sources()
        if not items:
            return ""
        lis = "".join(f"<li>{s.text(self.language)}</li>" for s in items)
        return f"<h2>{msg('common.sources', self.language)}</h2><ul>{lis}</ul>"

    def html(self) -> str:
        """The whole report as one HTML fragment."""
        seen: set[str] = set()
        body = [self.header_html(), *(s.html(2, seen) for s in self.sections), self.sources_html()]
        return (
            f"<div lang='{self.language}' class='vaikuttavuus-report'>" + "\n".join(body) + "</div>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def notes(self) -> list[str]:
        """Every note once, in order."""
        return list(dict.fromkeys(_notes(self.sections)))

    @classmethod
    def of(cls, title: str, language: str, sections: Sequence[Section], **kw: Any) -> Report:
        return cls(title, language, tuple(sections), **kw)
