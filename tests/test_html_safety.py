"""Hostile strings cannot run script in a report, and the report still renders.

A codebook title, item texts, scale and background labels and categories, and the name of
a ``--data-dir`` carry ``<img src=x onerror=...>``, ``<script>`` and ``$x^2$`` (which
matplotlib would parse as maths). The payloads would set ``window.__xss``, change the
page title and log a console error if they ran; headless Chromium opens each report and
none of that may happen, while the strings are shown as text.
"""

from __future__ import annotations

import html
import re
import shutil

import pytest
import yaml
from browser import check_page, print_layout, require_chromium

from vaikuttavuus.regional.data import default_data_dir
from vaikuttavuus.render import region_jobs, render_survey_report, run_reports
from vaikuttavuus.studies.vates2020.example import write_example_survey

pytestmark = pytest.mark.slow

RUN = "window.__xss=1;document.title='XSS';console.error('XSS')"
IMG = f'<img src=x onerror="{RUN}">'
SCRIPT = f"<script>{RUN}</script>"
MATH = "$x^2$"
# an answer in the export (no ';', the CSV's separator) and its codebook category
CATEGORY = "<script>window.__xss=1</script> valmentaja $x^2$"
# a directory name may hold anything but '/'
DIR_NAME = f"data {IMG} {MATH}"


def _hostile_codebook(path):
    cb = yaml.safe_load(path.read_text(encoding="utf-8"))
    cb["title"] = {"fi": f"Kysely {IMG} {SCRIPT} {MATH}", "en": f"Survey {IMG} {MATH}"}
    cb["items"][0]["text"] = {"fi": f"{IMG} väite {MATH}", "en": f"{SCRIPT} item"}
    cb["items"][1]["text"] = {"fi": f"{SCRIPT} toinen {MATH}", "en": "second"}
    first_scale = next(iter(cb["scales"]))
    cb["scales"][first_scale]["label"] = {"fi": f"{SCRIPT} asteikko", "en": f"{IMG} scale"}
    cb["background"][0]["label"] = {"fi": f"{IMG} nimike", "en": "title"}
    cb["background"][0]["categories"]["1"] = CATEGORY
    cb["outcomes"][0]["label"] = {"fi": f"{IMG} avoimet", "en": "open"}
    path.write_text(yaml.safe_dump(cb, allow_unicode=True), encoding="utf-8")
    return path


def _assert_inert(page, tmp_path):
    raw = page.read_text(encoding="utf-8")
    assert "<script>window.__xss" not in raw and "<img src=x onerror" not in raw
    check = check_page(page, tmp_path / f"{page.stem}.png")
    assert check.js_exceptions == () and check.console_errors == (), check
    assert check.external_requests == ()
    assert check.title not in ("XSS", "1")
    assert check.text_length > 500  # the report rendered
    assert print_layout(page)["globals"] == []  # window.__xss was never set
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def test_survey_report_with_hostile_codebook_strings(tmp_path):
    require_chromium()
    data, codebook = write_example_survey(tmp_path / "in")
    _hostile_codebook(codebook)
    export = data.read_text(encoding="utf-8-sig")
    assert export.count("Työhönvalmentaja") > 5
    data.write_text(export.replace("Työhönvalmentaja", CATEGORY), encoding="utf-8")
    page = render_survey_report(data, codebook, tmp_path / "out", language="fi")
    text = _assert_inert(page, tmp_path)
    assert f"Kysely {IMG} {SCRIPT} {MATH}" in text  # shown as text, whole
    assert "valmentaja" in text and "asteikko" in text


def test_region_report_with_a_hostile_data_dir_name(tmp_path):
    require_chromium()
    hostile = tmp_path / DIR_NAME
    shutil.copytree(default_data_dir(), hostile)
    jobs = region_jobs("TA35", language="fi", data_dir=str(hostile))
    batch = run_reports(jobs, out=tmp_path / "r", runs=tmp_path / "p", workers=0, timeout=600)
    assert batch.ok, [r.error for r in batch.failed]
    text = _assert_inert(batch.results[0].html, tmp_path)
    assert DIR_NAME in text  # the path is named in the report, as text
    index = (tmp_path / "r" / batch.run_id / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "<script>" not in index


def test_compensation_and_ips_reports_with_hostile_file_names(tmp_path):
    require_chromium()
    from vaikuttavuus import compensation, ips
    from vaikuttavuus.render import RenderJob, ips_job, notebook_path

    folder = tmp_path / DIR_NAME
    folder.mkdir()
    episodes = folder / f"episodes {SCRIPT.replace('/', '')}.csv"
    compensation.simulate_episodes(seed=1).to_csv(episodes, index=False)
    records, jobs = ips.simulate_ips(seed=1)
    records.to_csv(folder / "records.csv", index=False)
    jobs.to_csv(folder / "jobs.csv", index=False)
    batch = run_reports(
        [
            RenderJob("comp", notebook_path("compensation.ipynb"),
                      parameters={"data_path": str(episodes), "language": "fi"}, language="fi"),
            ips_job(records_path=folder / "records.csv", jobs_path=folder / "jobs.csv",
                    language="sv", name="ips"),
        ],
        out=tmp_path / "r", runs=tmp_path / "p", workers=0, timeout=600,
    )  # fmt: skip
    assert batch.ok, [r.error for r in batch.failed]
    for result in batch.results:
        _assert_inert(result.html, tmp_path)
    text = html.unescape(batch.results[0].html.read_text(encoding="utf-8"))
    assert str(episodes) in text  # the compensation report names its data file, as text
