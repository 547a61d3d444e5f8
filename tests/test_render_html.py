"""Report pages: ``<html lang>`` of the report, a table of contents, print styles, PDF (A4).

A small notebook written here has a title, three level-2 headings (Markdown cells and an
HTML output) and a table far wider than an A4 page.
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from vaikuttavuus.render import RenderJob, render_notebook, run_reports
from vaikuttavuus.render._html import add_toc, report_title
from vaikuttavuus.render._pdf import html_to_pdf


def _notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell('language = "sv"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("# Rapport för Österbotten"),
        nbformat.v4.new_markdown_cell("## Befolkning\n\nText."),
        nbformat.v4.new_code_cell(
            "import pandas as pd\n"
            "from IPython.display import HTML, display\n"
            "display(HTML('<h2>Sysselsättning &amp; utbildning</h2>'))\n"
            "pd.DataFrame([[f'värde {i} {j} ' * 3 for j in range(24)] for i in range(3)],\n"
            "             columns=[f'en lång kolumnrubrik {j}' for j in range(24)])"
        ),
        nbformat.v4.new_markdown_cell("## Källor"),
    ]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("page")
    nb = _notebook(tmp / "wide.ipynb")
    res = render_notebook(
        nb, tmp / "wide.html", {"language": "sv"}, executed=tmp / "wide_run.ipynb"
    )
    return res.html


def test_page_language_title_and_table_of_contents(page):
    text = page.read_text(encoding="utf-8")
    assert '<html lang="sv">' in text and '<html lang="en">' not in text
    assert "<title>Rapport för Österbotten</title>" in text
    nav = re.search(r'<nav class="vk-toc"[^>]*>(.*?)</nav>', text, re.S)
    assert nav is not None and "Innehåll" in nav.group(1)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav.group(1))
    assert [t for _, t in links] == ["Befolkning", "Sysselsättning &amp; utbildning", "Källor"]
    for anchor, _ in links:  # every entry points at a heading of the page
        assert re.search(rf'<h2[^>]*id="{re.escape(anchor)}"', text), anchor
    assert text.index("</h1>") < text.index('<nav class="vk-toc"')  # after the title
    assert "@page{size:A4" in text and "@media print" in text


def test_toc_is_left_out_for_a_page_with_one_section():
    page = "<body><h1>T</h1><h2>Only</h2></body>"
    assert "vk-toc" not in add_toc(page, "fi")


def test_report_title_reads_escaped_markdown_and_html_headings():
    nb = nbformat.v4.new_notebook()
    out = nbformat.v4.new_output(
        "display_data", data={"text/markdown": r"# Etelä\-Pohjanmaa &amp; x"}
    )
    nb.cells = [nbformat.v4.new_code_cell("", outputs=[out])]
    assert report_title(nb) == "Etelä-Pohjanmaa & x"
    out = nbformat.v4.new_output("display_data", data={"text/html": "<h1>&lt;b&gt; A</h1>"})
    nb.cells = [nbformat.v4.new_code_cell("", outputs=[out])]
    assert report_title(nb) == "<b> A"


@pytest.mark.slow
def test_pdf_is_a4_and_wide_tables_fit_the_printed_page(page, tmp_path):
    from browser import print_layout, require_chromium

    require_chromium()
    pdf = html_to_pdf(page, tmp_path / "wide.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)
    layout = print_layout(page)
    assert layout["overflowing"] == [], layout
    assert layout["scroll_width"] <= layout["client_width"], layout


@pytest.mark.slow
def test_run_with_pdf_links_it_from_the_index(tmp_path):
    from browser import require_chromium

    require_chromium()
    nb = _notebook(tmp_path / "wide.ipynb")
    job = RenderJob("wide_sv", nb, parameters={"language": "sv"}, language="sv")
    batch = run_reports([job], out=tmp_path / "r", runs=tmp_path / "p", run_id="x", workers=0,
                        pdf=True)  # fmt: skip
    assert batch.ok
    run = tmp_path / "r" / "x"
    assert (run / "wide_sv.pdf").read_bytes().startswith(b"%PDF")
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"][0]["pdf"] == str(run / "wide_sv.pdf") and manifest["pdf"] is True
    index = (run / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in index and 'href="wide_sv.pdf">PDF</a>' in index
    assert "<title>Rapporter x</title>" in index
    # unchanged next time: skipped, its PDF carried over; a run without a PDF yet gets one
    again = run_reports([job], out=tmp_path / "r", runs=tmp_path / "p", run_id="y", workers=0,
                        pdf=True)  # fmt: skip
    assert again.results[0].status == "skipped"
    assert (tmp_path / "r" / "y" / "wide_sv.pdf").read_bytes() == (run / "wide_sv.pdf").read_bytes()
    other = tmp_path / "other"
    run_reports([job], out=other, runs=tmp_path / "p2", run_id="a", workers=0)
    later = run_reports([job], out=other, runs=tmp_path / "p2", run_id="b", workers=0, pdf=True)
    assert later.results[0].status == "skipped"
    assert (other / "b" / "wide_sv.pdf").read_bytes().startswith(b"%PDF")


def test_pdf_without_chromium_fails_before_anything_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    job = RenderJob("a", _notebook(tmp_path / "a.ipynb"))
    with pytest.raises(FileNotFoundError, match="apt-get install chromium"):
        run_reports([job], out=tmp_path / "r", runs=tmp_path / "p", workers=0, pdf=True)
    assert not (tmp_path / "r").exists() and not (tmp_path / "p").exists()
