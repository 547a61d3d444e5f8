"""Rendering parameterised notebooks to offline HTML, and batches that survive failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaikuttavuus.reports import RenderJob, ReportError, render_batch, render_notebook

NOTEBOOK = Path(__file__).parent / "data" / "notebooks" / "hello.ipynb"


def test_render_notebook_injects_parameters_and_hides_code(tmp_path):
    html = tmp_path / "out" / "tampere.html"
    res = render_notebook(
        NOTEBOOK, html, {"region": "Pirkanmaa", "value": 21}, executed=tmp_path / "tampere.ipynb"
    )
    assert res.ok and res.html == html
    text = html.read_text(encoding="utf-8")
    assert "Report for Pirkanmaa: 42" in text
    assert "<title>Test report</title>" in text  # the notebook's first heading
    assert "raise ValueError" not in text  # code cells are not shown
    # offline: nothing is fetched from a CDN
    assert "cdnjs" not in text and "require.min.js" not in text and "<script src=" not in text
    assert (tmp_path / "tampere.ipynb").is_file()


def test_render_notebook_failure_keeps_executed_notebook(tmp_path):
    with pytest.raises(ReportError, match="bad value for Kemi") as info:
        render_notebook(
            NOTEBOOK,
            tmp_path / "kemi.html",
            {"region": "Kemi", "value": -1},
            executed=tmp_path / "kemi.ipynb",
        )
    assert info.value.executed == tmp_path / "kemi.ipynb"
    assert info.value.executed.is_file()


def test_batch_goes_on_after_a_failing_region(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    jobs = [
        RenderJob(region, NOTEBOOK, tmp_path / f"{region}.html", {"region": region, "value": v})
        for region, v in [("Lahti", 1), ("Kemi", -1), ("Kotka", 3)]
    ]
    batch = render_batch(jobs)
    assert not batch.ok
    assert [r.name for r in batch.failed] == ["Kemi"]
    assert "bad value for Kemi" in batch.failed[0].error
    assert (tmp_path / "Lahti.html").is_file() and (tmp_path / "Kotka.html").is_file()
    frame = batch.to_frame()
    assert frame["ok"].tolist() == [True, False, True]
    assert "Rendered 2 of 3 reports" in str(batch.summary())


def test_bad_html_suffix(tmp_path):
    with pytest.raises(ValueError, match="must end in .html"):
        render_notebook(NOTEBOOK, tmp_path / "x.pdf")
