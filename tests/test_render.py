"""Batch runner: validation before any kernel, parallel failures, skip-unchanged, index, manifest.

Tiny notebooks in tests/data/notebooks exercise the mechanics; a fake region registry
stands in for vaikuttavuus.regions (the real registry is tested in test_render_regions.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import types
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from vaikuttavuus import cli
from vaikuttavuus.render import (
    ParameterError,
    _execute,
    declared_parameters,
    jobs,
    region_jobs,
    run_reports,
    validate_parameters,
)
from vaikuttavuus.reports import BatchResult, RenderJob, RenderResult

DATA = Path(__file__).parent / "data" / "notebooks"
HELLO = DATA / "hello.ipynb"
STUB = DATA / "region_stub.ipynb"
TYPED = DATA / "typed.ipynb"


def _fake_registry():
    table = pd.DataFrame(
        {
            "region_type": ["wellbeing_county"] * 2 + ["employment_area"] * 2,
            "code": ["15", "99", "TA41", "TA42"],
        }
    )
    names = {"15": "Pohjanmaa", "99": "Failing county", "TA41": "Vaasa", "TA42": "Suupohja"}
    langs = {"15": ("sv", "fi"), "99": ("fi",), "TA41": ("sv", "fi"), "TA42": ("fi", "sv")}
    return types.SimpleNamespace(
        list_regions=lambda kind="all": table,
        region_language=lambda code: langs[code],
        region_name=lambda code, *, language="fi": names[code],
    )


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(jobs, "_registry", _fake_registry)


def _job(name, **params):
    return RenderJob(name, HELLO, parameters=params, group="Test", language="fi")


# ---------------------------------------------------------------- parameter validation


def test_declared_parameters_types_from_defaults_and_annotations():
    d = declared_parameters(TYPED)
    assert d["name"]["types"] == (str,) and not d["name"]["allows_none"]
    assert d["count"]["types"] == (int,)
    assert d["share"]["types"] == (int, float)
    assert d["items"]["types"] == (list, tuple)
    assert d["maybe"]["types"] == () and d["maybe"]["allows_none"]
    assert d["when"]["types"] == ()  # Path("x") is not a literal: not checked
    assert d["limit"]["types"] == (int,) and d["limit"]["allows_none"]  # missed by papermill


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"nmae": "b"}, "unknown parameter 'nmae' (did you mean 'name'?)"),
        ({"count": "3"}, "count='3' is str, expected int"),
        ({"count": True}, "count=True is bool, expected int"),
        ({"count": 2.5}, "count=2.5 is float, expected int"),
        ({"flag": 1}, "flag=1 is int, expected bool"),
        ({"name": None}, 'name=None, but its default is "a"'),
        ({"items": "1,2"}, "items='1,2' is str, expected list or tuple"),
        ({"limit": "10"}, "limit='10' is str, expected int"),
    ],
)
def test_bad_parameters_are_named_with_the_declared_ones(params, message):
    with pytest.raises(ParameterError) as info:
        validate_parameters(TYPED, params)
    assert message in str(info.value)
    assert "Declared parameters: name, count, share, flag, items, maybe, when, limit" in str(
        info.value
    )


def test_good_parameters_pass():
    validate_parameters(
        TYPED,
        {"name": "x", "count": 4, "share": 1, "flag": False, "items": (1,), "maybe": [1],
         "when": "y", "limit": None},
    )  # fmt: skip


def test_parameter_typo_rejected_before_any_kernel_starts(tmp_path, monkeypatch):
    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(_execute, "execute", no_kernel)
    good = _job("Lahti", region="Lahti", value=1)
    typo = _job("Kemi", regoin="Kemi", value=1)
    wrong = _job("Kotka", region="Kotka", value="3")
    with pytest.raises(ParameterError) as info:
        run_reports([good, typo, wrong], out=tmp_path / "r", runs=tmp_path / "p", workers=2)
    text = str(info.value)
    assert "2 report(s) have bad parameters; nothing was run" in text
    assert "Kemi: hello.ipynb: unknown parameter 'regoin' (did you mean 'region'?)" in text
    assert "Kotka: hello.ipynb: value='3' is str, expected int" in text
    assert not (tmp_path / "r").exists() and not (tmp_path / "p").exists()  # nothing ran


def test_cli_rejects_unknown_region_code(tmp_path, registry, capsys, monkeypatch):
    monkeypatch.setattr(jobs, "notebook_path", lambda name: STUB)
    code = cli.main(["render", "--regions", "TA4l", "--out", str(tmp_path / "r")])
    assert code == 1
    err = capsys.readouterr().err
    assert "unknown region code(s) 'TA4l' (close: " in err and "TA41" in err
    assert not (tmp_path / "r").exists()


# ---------------------------------------------------------------- a batch with a failure


def test_failing_region_does_not_stop_the_others(tmp_path, registry, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "regiondata"
    data.mkdir()
    (data / "values.csv").write_text("a\n1\n2\n", encoding="utf-8")
    monkeypatch.setattr(jobs, "notebook_path", lambda name: STUB)
    argv = ["render", "--regions", "15,99,TA41", "--run-id", "r1", "--workers", "2",
            "--data-dir", str(data), "--no-progress"]  # fmt: skip
    assert cli.main(argv) == 1
    captured = capsys.readouterr()
    assert "1 report(s) failed: county_99_fi" in captured.err
    run = tmp_path / "reports" / "r1"
    # the two good regions finished; language auto = the region's first language
    for name in ("county_15_sv", "area_TA41_sv"):
        text = (run / f"{name}.html").read_text(encoding="utf-8")
        assert "Type " in text and "3 data rows." in text  # the notebook's own output
        assert "data:image/png;base64," in text  # figures embedded
        assert "display(Markdown" not in text and "raise RuntimeError" not in text  # no code
        assert not re.search(r'class="[^"]*(jp-InputArea|jp-InputPrompt|jp-OutputPrompt)', text)
        assert "<script src=" not in text and "cdn" not in text.lower()
    assert not (run / "county_99_fi.html").exists()
    executed = tmp_path / "papermill_runs" / "r1" / "county_99_fi.ipynb"
    nb = nbformat.read(executed, as_version=4)  # kept, with the error in it
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]  # fmt: skip
    assert errors and errors[0]["evalue"] == "deliberate failure in region 99"
    log = (tmp_path / "papermill_runs" / "r1" / "county_99_fi.log").read_text(encoding="utf-8")
    assert "deliberate failure in region 99" in log and "Executing notebook" in log

    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"ok": 2, "failed": 1, "skipped": 0, "interrupted": 0}
    assert manifest["failed"] == ["county_99_fi"]
    assert manifest["package"]["version"] == "0.1.0"
    reps = {r["name"]: r for r in manifest["reports"]}
    bad = reps["county_99_fi"]
    assert bad["status"] == "failed" and bad["attempts"] == 1  # a code error is not retried
    assert bad["error"] == "RuntimeError: deliberate failure in region 99 (In [3])"
    good = reps["county_15_sv"]
    expected = {"region_type": "wellbeing_county", "region_code": "15", "period": "2024"}
    assert good["parameters"] == {**expected, "language": "sv", "data_dir": str(data)}
    assert good["notebook_sha256"] == hashlib.sha256(STUB.read_bytes()).hexdigest()
    assert list(good["inputs"]) == [str(data)] and len(good["inputs"][str(data)]) == 64
    assert good["seconds"] > 0 and good["language"] == "sv" and good["title"] == "Pohjanmaa (15)"

    index = (run / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr><td>") == 3
    assert 'href="county_15_sv.html">Pohjanmaa (15)</a>' in index
    assert '<html lang="fi">' in index  # the run's first language (fi and sv here)
    assert (
        '<td class="failed">epäonnistui</td>' in index and "Epäonnistuneet: county_99_fi" in index
    )
    index_sv = (run / "index.sv.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in index_sv and "Misslyckades: county_99_fi" in index_sv
    assert 'href="index.fi.html"' in index_sv and 'href="index.sv.html"' in index
    assert "../../papermill_runs/r1/county_99_fi.ipynb" in index  # the kept notebook
    assert "http" not in index.replace("http-equiv", "")  # self-contained, nothing fetched
    seconds = re.findall(r'<td class="num">([^<]*)</td>', index)
    assert seconds and all(re.fullmatch(r"\d+,\d", v) for v in seconds if v)  # 14,4 in fi
    assert (tmp_path / "reports" / "latest").resolve() == run.resolve()


# ---------------------------------------------------------------- skip unchanged, --force


def test_unchanged_reports_are_skipped_and_force_renders_again(tmp_path):
    data = tmp_path / "values.csv"
    data.write_text("1\n", encoding="utf-8")
    batch = [
        RenderJob("a", HELLO, parameters={"region": "A", "value": 1}, inputs=(data,)),
        RenderJob("b", HELLO, parameters={"region": "B", "value": 2}),
    ]
    opts = {"out": tmp_path / "r", "runs": tmp_path / "p", "workers": 0}
    first = run_reports(batch, run_id="one", **opts)
    assert [r.status for r in first.results] == ["ok", "ok"]
    second = run_reports(batch, run_id="two", **opts)
    assert [r.status for r in second.results] == ["skipped", "skipped"] and second.ok
    # every run dir is complete: the skipped report is there, identical
    for name in ("a", "b"):
        assert (tmp_path / "r" / "two" / f"{name}.html").read_bytes() == (
            tmp_path / "r" / "one" / f"{name}.html"
        ).read_bytes()
    assert not (tmp_path / "p" / "two" / "a.ipynb").exists()  # no kernel for skipped ones
    manifest = json.loads((tmp_path / "r" / "two" / "manifest.json").read_text("utf-8"))
    assert [r["from_run"] for r in manifest["reports"]] == ["one", "one"]
    assert "skipped (unchanged)" in (tmp_path / "r" / "two" / "index.html").read_text("utf-8")
    assert "Rendered 2 of 2 reports (2 unchanged, skipped)" in str(second.summary())

    data.write_text("2\n", encoding="utf-8")  # an input changed: only 'a' renders again
    third = run_reports(batch, run_id="three", **opts)
    assert [r.status for r in third.results] == ["ok", "skipped"]
    changed = [*batch[:1], RenderJob("b", HELLO, parameters={"region": "B", "value": 3})]
    fourth = run_reports(changed, run_id="four", **opts)  # a parameter changed
    assert [r.status for r in fourth.results] == ["skipped", "ok"]
    forced = run_reports(batch, run_id="five", force=True, **opts)
    assert [r.status for r in forced.results] == ["ok", "ok"]

    with pytest.raises(FileExistsError, match="run 'five' exists already"):
        run_reports(batch, run_id="five", **opts)
    with pytest.raises(ValueError, match="use letters, digits"):
        run_reports(batch, run_id="../x", **opts)
    with pytest.raises(ValueError, match="report name"):
        run_reports([batch[0], batch[0]], **opts)


# ---------------------------------------------------------------- kernel-start retries


def test_kernel_start_failure_is_retried(tmp_path, monkeypatch):
    import papermill

    real = papermill.execute_notebook
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    monkeypatch.setattr(_execute.random, "uniform", lambda a, b: 0.0)
    res = run_reports([_job("x", region="X", value=1)], out=tmp_path / "r",
                      runs=tmp_path / "p", workers=0)  # fmt: skip
    assert res.ok and res.results[0].attempts == 2 and len(calls) == 2
    log = (tmp_path / "p" / res.run_id / "x.log").read_text(encoding="utf-8")
    assert "kernel start failed (attempt 1 of 3), retrying" in log


def test_kernel_start_failure_classification():
    from papermill.exceptions import PapermillExecutionError

    class ZMQError(Exception):
        pass

    assert _execute.is_kernel_start_failure(RuntimeError("Kernel didn't respond in 60 seconds"))
    assert _execute.is_kernel_start_failure(ZMQError("Address already in use"))
    wrapped = RuntimeError("start failed")
    wrapped.__cause__ = ZMQError("x")
    assert _execute.is_kernel_start_failure(wrapped)
    assert not _execute.is_kernel_start_failure(RuntimeError("Kernel died"))  # while running
    err = PapermillExecutionError(1, 1, "Address already in use", "OSError", "x", [])
    assert not _execute.is_kernel_start_failure(err)  # the notebook's own code failed


# ---------------------------------------------------------------- region selection


def test_region_jobs_selection_and_languages(registry):
    nb = STUB
    assert [j.name for j in region_jobs("all", notebook=nb)] == [
        "county_15_sv", "county_99_fi", "area_TA41_sv", "area_TA42_fi"]  # fmt: skip
    assert [j.name for j in region_jobs("employment_areas", language="all", notebook=nb)] == [
        "area_TA41_sv", "area_TA41_fi", "area_TA42_fi", "area_TA42_sv"]  # fmt: skip
    counties = region_jobs("wellbeing_counties", language="en", period="2025", notebook=nb)
    assert [j.parameters["language"] for j in counties] == ["en", "en"]
    assert counties[0].parameters["period"] == "2025"
    assert counties[0].group == "wellbeing_counties"
    assert [j.name for j in region_jobs("ta41, 15", notebook=nb)] == ["area_TA41_sv",
                                                                     "county_15_sv"]  # fmt: skip
    with pytest.raises(ValueError, match="allowed: auto, all, fi, sv, en"):
        region_jobs("all", language="se", notebook=nb)


# ---------------------------------------------------------------- render-all


def test_render_all_runs_studies_and_regions_in_one_run(tmp_path, registry, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(jobs, "notebook_path", _notebooks_with_stub_regions())
    seen = {}

    def fake_run(batch, **kwargs):
        batch = list(batch)
        seen["jobs"], seen["kwargs"] = batch, kwargs
        results = tuple(
            RenderResult(j.name, j.notebook, None, None, ok=j.name != "area_TA42_fi",
                         seconds=0.0, job=j)
            for j in batch
        )  # fmt: skip
        return BatchResult(results=results, run_id="x", index=tmp_path / "index.html")

    from vaikuttavuus import render

    monkeypatch.setattr(render, "run_reports", fake_run)
    code = cli.main(["render-all", "--replications", "7", "--workers", "1", "--run-id", "x"])
    assert code == 1  # one report failed
    names = [j.name for j in seen["jobs"]]
    assert names[:4] == ["vates2020_reproduction_fi", "vates2020_reproduction_en",
                         "survey_vates_example_fi", "survey_vates_example_en"]  # fmt: skip
    assert names[-4:] == ["county_15_sv", "county_99_fi", "area_TA41_sv", "area_TA42_fi"]
    assert seen["jobs"][0].parameters["n_replications"] == 7
    assert Path(seen["jobs"][2].parameters["data_path"]).is_file()  # example export written
    assert seen["kwargs"]["workers"] == 1 and seen["kwargs"]["run_id"] == "x"


def _notebooks_with_stub_regions():
    from vaikuttavuus.reports import notebook_path

    def find(name):
        return STUB if name == "region_report.ipynb" else notebook_path(name)

    return find
