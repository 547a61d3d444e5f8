"""The IPS notebook renders to HTML through papermill (slow: starts a Jupyter kernel)."""

from __future__ import annotations

import pytest

from vaikuttavuus.render import render_ips_report


@pytest.mark.slow
def test_notebook_renders(tmp_path):
    html = render_ips_report(tmp_path, region="05", period="2024Q1:2025Q4", language="en")
    page = html.read_text(encoding="utf-8")
    assert "IPS supported employment" in page and page.count("data:image/png") >= 5
    assert "Traceback" not in page
