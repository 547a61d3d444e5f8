"""Acceptance: real region reports rendered end to end by the batch runner.

One employment area in Swedish (Österbotten/Pohjanmaa, organised from Vaasa) and one
wellbeing services county in Finnish (Pohjois-Savo) render in one parallel run from the
embedded data; each HTML must hold that region's own figures (name, number of
municipalities, population, every member municipality) taken independently from the
region registry; the report and the index open in headless Chromium without errors.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from browser import check_page, require_chromium

from vaikuttavuus.regions import list_regions, region_municipalities
from vaikuttavuus.render import region_jobs, run_reports

pytestmark = pytest.mark.slow

CASES = [("TA26", "sv"), ("13", "fi")]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("regions")
    jobs = [job for code, lang in CASES for job in region_jobs(code, language=lang)]
    batch = run_reports(jobs, out=root / "reports", runs=root / "runs", workers=2, timeout=600)
    return root, batch


def _text(path) -> str:
    page = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page[page.index("<body") :], flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _number(n: int) -> str:
    """Regex for an integer written with or without thousands separators."""
    digits = f"{n:,}".split(",")
    return r"(?<![\d,.])" + r"[\s\u00a0\u202f,]?".join(digits) + r"(?![\d])"


@pytest.mark.parametrize(("code", "language"), CASES)
def test_region_report_holds_its_own_figures(run, code, language):
    root, batch = run
    assert batch.ok, [r.error for r in batch.failed]
    name = f"{'area' if code.startswith('TA') else 'county'}_{code}_{language}"
    page = root / "reports" / batch.run_id / f"{name}.html"
    text = _text(page)
    region = list_regions().set_index("code").loc[code]
    assert region[f"name_{language}"] in text
    assert re.search(_number(int(region["population"])), text), region["population"]
    assert re.search(rf"\b{int(region['n_municipalities'])}\b", text)
    members = region_municipalities(code)
    assert len(members) == int(region["n_municipalities"])
    for municipality in members[f"name_{language}"]:
        assert municipality in text, municipality
    raw = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in raw  # the municipality chart is embedded
    assert "region_report(" not in raw  # no code shown
    assert not re.search(r'class="[^"]*(jp-InputArea|jp-InputPrompt)', raw)


def test_manifest_and_index_of_the_region_run(run):
    root, batch = run
    run_dir = root / "reports" / batch.run_id
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"ok": 2, "failed": 0, "skipped": 0}
    reps = {r["name"]: r for r in manifest["reports"]}
    assert reps["area_TA26_sv"]["parameters"]["region_type"] == "employment_area"
    assert reps["county_13_fi"]["parameters"]["language"] == "fi"
    inputs = reps["county_13_fi"]["inputs"]
    assert any(p.endswith("synthetic") for p in inputs)  # the embedded data is hashed
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert "Österbotten (TA26)" in index
    assert "Pohjois-Savon hyvinvointialue (13)" in index


def test_report_and_index_open_in_headless_chromium(run):
    require_chromium()
    root, batch = run
    run_dir = root / "reports" / batch.run_id
    for page in (run_dir / "area_TA26_sv.html", run_dir / "index.html"):
        check = check_page(page, root / f"{page.stem}.png")
        assert check.ok, (check.console_errors, check.js_exceptions, check.external_requests)
        assert check.text_length > 100 and check.screenshot_path.stat().st_size > 10_000
    assert check.title == f"Reports {batch.run_id}"
