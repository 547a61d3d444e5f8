"""Escaping of user-supplied text (codebook titles, labels, item texts, site names, paths).

One helper per target: :func:`html_text` for HTML (and Markdown, which passes HTML through),
:func:`markdown_text` for a Markdown cell, :func:`plot_text` for matplotlib (where ``$...$``
would be parsed as maths).
"""

from __future__ import annotations

import html
import re

__all__ = ["html_text", "markdown_text", "plot_text"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|<>~$])")


def html_text(value: object) -> str:
    """``value`` as text safe inside HTML (element content and quoted attributes).

    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """``value`` as literal text in Markdown: HTML escaped, Markdown syntax and ``$`` backslashed.

    >>> markdown_text("# A *b* $x$ <i>")
    '\\\\# A \\\\*b\\\\* \\\\$x\\\\$ &lt;i&gt;'
    """
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text).replace("\\<", "<").replace("\\>", ">")
    text = re.sub(r"^(\s*)([-+]|\d+\.)", r"\1\\\2", text)  # no list marker at the start
    return html.escape(text)


def plot_text(value: object) -> str:
    """``value`` for a matplotlib label or title: ``$`` no longer starts maths.

    >>> plot_text("Cost $5 and $10")
    'Cost \\\\$5 and \\\\$10'
    """
    return str(value).replace("\\", "\\\\").replace("$", r"\$")
