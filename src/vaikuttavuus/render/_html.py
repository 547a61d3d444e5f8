"""Executed notebook -> one self-contained HTML page: language, table of contents, print styles.

The page is made by nbconvert with the package's offline template (code hidden, images
embedded, nothing fetched). Then ``<html lang>`` is set from the report's language and a
table of contents is built from the page's level-2 headings (ids added where missing).
The print stylesheet (A4 pages, wide tables wrapping) lives in the template.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from pathlib import Path
from typing import Any

from ._shipped import template_dir

__all__ = ["add_toc", "exporter", "report_title", "to_html"]

TEMPLATE_NAME = "vaikuttavuus_offline"
LANGUAGES = ("fi", "sv", "en")
_HEADING = re.compile(r"<h([12])(\s[^>]*)?>(.*?)</h\1>", re.S | re.I)
_ID = re.compile(r"""\sid\s*=\s*["']([^"']*)["']""", re.I)
_TAG = re.compile(r"<[^>]+>")


def report_title(nb: Any) -> str | None:
    """The report's first level-1 heading: a markdown cell, or a displayed Markdown/HTML output."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts = [("md", cell.source)]
        else:
            texts = [
                (kind, o.get("data", {}).get(mime, ""))
                for o in cell.get("outputs", [])
                for kind, mime in (("md", "text/markdown"), ("html", "text/html"))
            ]
        for kind, text in texts:
            text = "".join(text) if isinstance(text, list) else str(text)
            if kind == "html":
                m = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S | re.I)
                if m:
                    return html_lib.unescape(_TAG.sub("", m.group(1))).strip()
                continue
            for line in text.splitlines():
                if line.startswith("# "):  # literal text: backslash escapes and entities undone
                    return html_lib.unescape(re.sub(r"\\(.)", r"\1", line[2:])).strip()
    return None


@functools.lru_cache(maxsize=1)
def exporter() -> Any:
    """The HTML exporter (built once per process: loading the templates costs ~0.3 s).

    Code inputs and prompts are excluded by the exporter itself (papermill's
    ``report_mode`` only sets cell metadata that nbconvert ignores); images are embedded
    and the template loads nothing from a CDN.
    """
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(template_dir())],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def _slug(text: str, used: set[str]) -> str:
    base = re.sub(r"[^\w-]+", "-", text.lower(), flags=re.UNICODE).strip("-") or "section"
    slug, k = base, 1
    while slug in used:
        k += 1
        slug = f"{base}-{k}"
    used.add(slug)
    return slug


def add_toc(page: str, language: str | None) -> str:
    """Insert a table of contents of the level-2 headings after the first level-1 heading.

    Headings without an ``id`` get one. Pages with fewer than two level-2 headings get no
    table of contents.

    Examples
    --------
    >>> page = "<body><h1>R</h1><h2>A &amp; B</h2><p>x</p><h2 id='c'>C</h2></body>"
    >>> print(add_toc(page, "en"))  # doctest: +NORMALIZE_WHITESPACE
    <body><h1>R</h1><nav class="vk-toc" aria-label="Contents"><h2 class="vk-toc-title">Contents</h2>
    <ol><li><a href="#a-b">A &amp; B</a></li><li><a href="#c">C</a></li></ol></nav><h2 id="a-b">A &amp; B</h2><p>x</p><h2 id='c'>C</h2></body>
    """
    used = set(_ID.findall(page))
    entries: list[tuple[str, str]] = []

    def visit(m: re.Match[str]) -> str:
        level, attrs, inner = m.group(1), m.group(2) or "", m.group(3)
        if level != "2" or "vk-toc-title" in attrs:
            return m.group(0)
        text = html_lib.unescape(_TAG.sub("", inner)).replace("¶", "").strip()
        if not text:
            return m.group(0)
        found = _ID.search(attrs)
        if found:
            entries.append((found.group(1), text))
            return m.group(0)
        slug = _slug(text, used)
        entries.append((slug, text))
        return f'<h2{attrs} id="{slug}">{inner}</h2>'

    page = _HEADING.sub(visit, page)
    if len(entries) < 2:
        return page
    from ..present import msg

    title = msg("render.contents", language if language in LANGUAGES else "en")
    items = "".join(
        f'<li><a href="#{html_lib.escape(i)}">{html_lib.escape(t)}</a></li>' for i, t in entries
    )
    nav = (
        f'<nav class="vk-toc" aria-label="{title}"><h2 class="vk-toc-title">{title}</h2>\n'
        f"<ol>{items}</ol></nav>"
    )
    h1 = re.search(r"</h1>", page, re.I)
    if h1 is None:
        body = re.search(r"<main[^>]*>|<body[^>]*>", page, re.I)
        at = body.end() if body else 0
    else:
        at = h1.end()
    return page[:at] + nav + page[at:]


def to_html(executed: Path, html: Path, language: str | None = None) -> None:
    """Convert an executed notebook to the report page ``html`` (in ``language``)."""
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = report_title(nb) or html.stem
    exp = exporter()
    exp.language_code = language if language in LANGUAGES else "en"
    body, _ = exp.from_notebook_node(nb)
    body = add_toc(body, language)
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(body, encoding="utf-8")
