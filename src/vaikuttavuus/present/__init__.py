"""One presentation layer for every report: texts, numbers, disclosure control, HTML.

Analysis functions return numbers; language enters here. A report is a :class:`Report` of
:class:`Section` objects whose parts are :class:`Table`, :class:`Figure` and :class:`Note`;
tables and figures carry a :class:`Source`. Notes and sources are collected once per report,
example (simulated) data are said once at the top.

How to move a domain report onto ``present``
--------------------------------------------
1. **Texts.** Move the domain's ``_i18n.py`` entries into ``present/messages.yaml`` under the
   domain's namespace (``compensation.<key>``; headers and row labels under
   ``compensation.label.<key>``). Use ``common.*`` for what every report says (``common.total``,
   ``common.ci_low``, ``common.disclosure``, ``common.source``) and ``glossary.*`` inside
   sentences for terms (``glossary.te24`` is AN24 in Swedish). Look texts up with
   ``msg("compensation.title", language)`` and headers with ``label("compensation.label", col,
   language)`` (names that are data pass through unchanged). Delete the ``_i18n.py``.
2. **Tables.** Keep the result tables numeric. In the report module wrap each one in
   ``Table(frame, title=..., columns={"share": Column(label, "share", 1), ...}, persons=(...),
   row_persons="n", split="row"|"column", follows={"rate": "count"}, source=Source(...))``:
   declare which columns count persons and let the table withhold cells (never call
   ``suppress_small_cells`` by hand for a shown table). Where counts add up within a row
   (``answers = valid + don't know``; ``valid = numeric + recoded``) declare
   ``sums={"answers": ("valid", "dont_know"), ...}`` so that no withheld cell can be worked out
   by difference. Fixed decimals per column; shares are proportions (``kind="share"``) and are
   shown as ``11,1 %``; dates ``kind="date"``; ``row_formats`` for a table with one measure
   per row. ``Table.frame()`` is the shown table with numbers (for tests),
   ``Table.text_frame(language)`` what the reader sees.
3. **Figures.** Plot functions take ``ax=`` and return the Axes; call
   ``set_axis_format(ax, language, kind=..., decimals=...)`` for tick labels and pass every user
   string through ``plot_text`` (``$`` would start maths). Wrap the PNG as
   ``Figure(figure_png(fig), alt=..., source=Source(...))``.
4. **Sections.** ``Section(title, parts, intro=..., language=..., example=True)`` for sections
   on example data (drop the domain's own "the data are synthetic" notes; the report says it
   once with ``Report(..., example_data="all"|"some")``). Any user text (titles, labels, site
   names, paths) is escaped by the renderer; when writing Markdown yourself use
   ``markdown_text``.
5. **Tests.** ``tests/test_<domain>_report.py`` keeps its disclosure tests; check the
   rendered HTML with :func:`numbers_with_point` (no decimal point in a fi/sv number cell).

Examples
--------
>>> import pandas as pd
>>> from vaikuttavuus.present import Column, Report, Section, Source, Table
>>> t = Table(pd.DataFrame({"n": [40, 3], "share": [0.4, 0.03]}, index=["A", "B"]),
...           columns={"share": Column("Osuus", "share", 1)}, persons=("n",),
...           follows={"share": "n"}, source=Source("statistics_finland", "12r5", "2026M06"))
>>> t.text_frame("fi").to_numpy().tolist()
[['40', '40,0\xa0%'], ['<5', '<5']]
>>> rep = Report("Raportti", "fi", (Section("Osa", (t,), language="fi"),), example_data="all")
>>> "Tilastokeskus, taulukko 12r5, 2026M06" in rep.html()
True
"""

from __future__ import annotations

from ._messages import LANGUAGES, catalogue, check_language, has, label, msg
from ._tables import Column, Source, Table
from .escape import html_text, markdown_text, plot_text
from .formatting import (
    KINDS,
    NumberFormat,
    format_date,
    format_number,
    format_period,
    format_value,
    set_axis_format,
)
from .model import Figure, Note, Report, Section, figure_png

__all__ = [
    "KINDS",
    "LANGUAGES",
    "Column",
    "Figure",
    "Note",
    "NumberFormat",
    "Report",
    "Section",
    "Source",
    "Table",
    "catalogue",
    "check_language",
    "figure_png",
    "format_date",
    "format_number",
    "format_period",
    "format_value",
    "has",
    "html_text",
    "label",
    "markdown_text",
    "msg",
    "numbers_with_point",
    "plot_text",
    "set_axis_format",
]


def numbers_with_point(html: str) -> list[str]:
    """Numbers written with a decimal point in ``html``'s table cells and text (for tests of
    Finnish and Swedish reports; image data, tags, style sheets and scripts are skipped).

    >>> numbers_with_point("<style>p {margin: 0.5em}</style><td>0.24</td><td>0,5</td><p>v1.2 x</p>")
    ['0.24', '1.2']
    """
    import re

    html = re.sub(r"<(style|script)\b[^>]*>.*?</\1\s*>", " ", html, flags=re.S | re.I)
    text = re.sub(r"<[^>]*>", " ", re.sub(r"data:image/[^'\"]*", "", html))
    return re.findall(r"(?<![\w.])-?\d+\.\d+(?![\w.])|(?<=v)\d+\.\d+", text)
