"""Summary objects print as text and render as HTML (JupyterLab) with the same content."""

from __future__ import annotations

import pandas as pd

from vaikuttavuus._results import Summary


def test_summary_text_and_html():
    s = Summary(
        title="Alpha <test>",
        figures={"alpha": 0.81234, "n": 168},
        tables={"items": pd.DataFrame({"r_drop": [0.5, 0.61]}, index=["q1", "q2"])},
        notes=("Aineisto on simuloitu.",),
    )
    text = str(s)
    assert text.splitlines()[0] == "Alpha <test>"
    assert "alpha  0.812" in text and "n      168" in text
    assert "q2   0.610" in text
    assert "* Aineisto on simuloitu." in text and "Note" not in text
    html = s._repr_html_()
    assert "Alpha &lt;test&gt;" in html  # escaped
    assert "<td>0.812</td>" in html and "0.610" in html
    assert "Aineisto on simuloitu." in html and "Note" not in html
