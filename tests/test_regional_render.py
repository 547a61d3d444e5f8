"""One region report rendered end to end (papermill + nbconvert) from the embedded data."""

from __future__ import annotations

import html
import re

import nbformat
import pytest

from vaikuttavuus.regional._i18n import all_texts
from vaikuttavuus.regions import region_name
from vaikuttavuus.reports import notebook_path, render_notebook

pytestmark = pytest.mark.slow


def test_notebook_declares_the_five_parameters():
    import papermill as pm

    params = pm.inspect_notebook(str(notebook_path("region_report.ipynb")))
    assert {k: v["inferred_type_name"] for k, v in params.items()} == {
        "region_type": "str",
        "region_code": "str",
        "period": "str",
        "language": "str",
        "data_dir": "str",
    }


def test_small_area_renders_in_english_with_omission_sentences(tmp_path):
    out = tmp_path / "TA40_en.html"
    executed = tmp_path / "TA40_en.ipynb"
    params = {"region_type": "employment_area", "region_code": "TA40", "period": "2024",
              "language": "en", "data_dir": ""}  # fmt: skip
    res = render_notebook(notebook_path("region_report.ipynb"), out, params, executed=executed)
    assert res.ok, res.error
    page = out.read_text(encoding="utf-8")
    name = region_name("TA40", language="en")
    assert f"<title>{html.escape(name)}</title>" in page
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    texts = all_texts()
    assert texts["no_ips"]["en"] in text
    # no staff survey, or too few answers for the psychometric section
    few = texts["few_survey"]["en"].split("{")[0]
    assert texts["no_survey"]["en"].format(period="2024") in text or few in text
    assert texts["compensation"]["en"] in text and texts["published"]["en"] in text
    assert "data:image/png;base64," in page
    assert "Traceback" not in text and "region_report(" not in page
    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o["output_type"] != "error"
            assert not (o["output_type"] == "stream" and o["name"] == "stderr"), o["text"][:200]
