"""Runs that survive Ctrl-C, a fingerprint over every input read, paths resolved up front.

Ctrl-C is simulated deterministically: the runner's task function renders the first
report and raises KeyboardInterrupt on the second (as the signal would, between cells).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from vaikuttavuus import cli
from vaikuttavuus.render import (
    RenderInterrupted,
    RenderJob,
    _cache,
    notebook_path,
    region_jobs,
    run_reports,
    runner,
)

HELLO = Path(__file__).parent / "data" / "notebooks" / "hello.ipynb"


def _jobs(n=3):
    return [RenderJob(f"r{i}", HELLO, parameters={"region": f"R{i}", "value": i}, language="fi")
            for i in range(n)]  # fmt: skip


def _interrupt_after(monkeypatch, n_done):
    real, calls = runner.render_task, []

    def task(t):
        calls.append(t["name"])
        if len(calls) > n_done:
            raise KeyboardInterrupt
        return real(t)

    monkeypatch.setattr(runner, "render_task", task)
    return calls


def test_ctrl_c_keeps_finished_reports_and_the_next_run_renders_the_rest(tmp_path, monkeypatch):
    opts = {"out": tmp_path / "r", "runs": tmp_path / "p", "workers": 0}
    calls = _interrupt_after(monkeypatch, 1)
    with pytest.raises(KeyboardInterrupt) as info:  # still a KeyboardInterrupt for callers
        run_reports(_jobs(), run_id="one", **opts)
    assert isinstance(info.value, RenderInterrupted)
    assert calls == ["r0", "r1"]  # r2 never started
    batch = info.value.batch
    assert [r.status for r in batch.results] == ["ok", "interrupted", "interrupted"]
    assert [r.name for r in batch.interrupted] == ["r1", "r2"] and batch.failed == ()
    assert not batch.ok and batch.results[1].html is None
    run = tmp_path / "r" / "one"
    assert (run / "r0.html").is_file() and not (run / "r1.html").exists()
    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["interrupted"] == ["r1", "r2"] and manifest["was_interrupted"] is True
    assert manifest["counts"] == {"ok": 1, "failed": 0, "skipped": 0, "interrupted": 2}
    index = (run / "index.html").read_text(encoding="utf-8")
    assert index.count('<td class="interrupted">keskeytetty</td>') == 2
    assert "Ajo keskeytettiin" in index
    assert "interrupted before 2 report(s) finished" in str(batch.summary())

    monkeypatch.undo()
    again = run_reports(_jobs(), run_id="two", **opts)
    assert [r.status for r in again.results] == ["skipped", "ok", "ok"]
    assert (tmp_path / "r" / "two" / "r0.html").read_bytes() == (run / "r0.html").read_bytes()
    assert not (tmp_path / "p" / "two" / "r0.ipynb").exists()  # no kernel for the finished one


def test_cli_exits_130_after_ctrl_c_with_the_index_written(tmp_path, monkeypatch, capsys):
    from vaikuttavuus import render

    monkeypatch.setattr(render, "region_jobs", lambda *a, **k: _jobs(2))
    monkeypatch.setattr(cli, "_check_period", lambda *a: None)
    _interrupt_after(monkeypatch, 1)
    code = cli.main(["render", "--workers", "0", "--run-id", "x", "--out", str(tmp_path / "r"),
                     "--runs", str(tmp_path / "p")])  # fmt: skip
    assert code == 130
    err = capsys.readouterr().err
    assert "1 report(s) not finished" in err and "run again" in err
    assert (tmp_path / "r" / "x" / "index.html").is_file()


def _statuses(opts, run_id, jobs=None):
    return [r.status for r in run_reports(jobs or _jobs(1), run_id=run_id, **opts).results]


def test_fingerprint_covers_the_region_registry_of_the_environment(tmp_path, monkeypatch):
    registry = tmp_path / "regions.csv"
    registry.write_text("code\n01\n", encoding="utf-8")
    monkeypatch.setenv("VAIKUTTAVUUS_REGIONS", str(registry))
    opts = {"out": tmp_path / "r", "runs": tmp_path / "p", "workers": 0}
    assert _statuses(opts, "a") == ["ok"]
    assert _statuses(opts, "b") == ["skipped"]
    registry.write_text("code\n02\n", encoding="utf-8")  # the registry changed
    assert _statuses(opts, "c") == ["ok"]
    manifest = json.loads((tmp_path / "r" / "c" / "manifest.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(registry.read_bytes()).hexdigest()
    (rec,) = manifest["reports"]
    assert len(rec["inputs"]) == 1
    (recorded,) = rec["inputs"].values()
    assert recorded == hashlib.sha256(digest.encode()).hexdigest()  # tree hash of one file
    assert str(registry.resolve()) in rec["inputs"]


def test_fingerprint_covers_dependency_and_package_versions(tmp_path, monkeypatch):
    opts = {"out": tmp_path / "r", "runs": tmp_path / "p", "workers": 0}
    assert _statuses(opts, "a") == ["ok"]
    deps = dict(_cache.dependency_versions())
    assert {"python", "pandas", "matplotlib", "papermill", "nbconvert"} <= set(deps)
    monkeypatch.setattr(_cache, "dependency_versions", lambda: {**deps, "pandas": "0.0.1"})
    assert _statuses(opts, "b") == ["ok"]  # a dependency changed
    assert _statuses(opts, "c") == ["skipped"]
    monkeypatch.setattr(runner, "__version__", "99.0")
    assert _statuses(opts, "d") == ["ok"]  # the package version changed
    manifest = json.loads((tmp_path / "r" / "d" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package"]["version"] == "99.0"
    assert manifest["dependencies"]["pandas"] == "0.0.1"


def test_package_files_are_hashed_whatever_their_suffix():
    package = Path(_cache.__file__).resolve().parents[1]
    hashed = {f.suffix for f in _cache._files(package)}
    assert {".py", ".ipynb", ".j2"} <= hashed
    assert len(_cache.package_source_sha256()) == 64


# ---------------------------------------------------------------- paths


def test_a_notebooks_folder_in_the_cwd_is_never_executed(tmp_path, monkeypatch):
    planted = tmp_path / "notebooks"
    planted.mkdir()
    (planted / "region_report.ipynb").write_text(HELLO.read_text("utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    shipped = notebook_path("region_report.ipynb")
    assert shipped != planted / "region_report.ipynb"
    assert shipped.parent.parent.name == "vaikuttavuus" and shipped.is_absolute()
    (job,) = region_jobs("TA35", language="fi")
    assert job.notebook == shipped
    # a notebook path the user gives explicitly is used (resolved against the cwd)
    (own,) = region_jobs("TA35", language="fi", notebook="notebooks/region_report.ipynb")
    assert own.notebook == (planted / "region_report.ipynb").resolve()


def test_user_paths_are_resolved_before_any_kernel_starts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "hello.ipynb").write_bytes(HELLO.read_bytes())
    (tmp_path / "values.csv").write_text("1\n", encoding="utf-8")
    job = RenderJob("a", "nb/hello.ipynb", parameters={"region": "A", "value": 1},
                    inputs=("values.csv",))  # fmt: skip
    assert job.notebook == tmp_path / "nb" / "hello.ipynb"
    assert job.inputs == (tmp_path / "values.csv",)
    (data_job,) = region_jobs("TA35", language="fi", data_dir="mydata")
    assert data_job.parameters["data_dir"] == str(tmp_path / "mydata")
    batch = run_reports([job], out="out", runs="runs", run_id="x", workers=0)
    assert batch.ok
    monkeypatch.chdir("/")  # nothing of the run depends on the cwd any more
    manifest = json.loads((tmp_path / "out" / "x" / "manifest.json").read_text("utf-8"))
    assert manifest["out"] == str(tmp_path / "out") and manifest["runs"] == str(tmp_path / "runs")
    (rec,) = manifest["reports"]
    assert rec["notebook"] == str(tmp_path / "nb" / "hello.ipynb")
    assert rec["notebook_sha256"] == hashlib.sha256(HELLO.read_bytes()).hexdigest()
    digest = hashlib.sha256(b"1\n").hexdigest()
    assert rec["inputs"] == {
        str(tmp_path / "values.csv"): hashlib.sha256(digest.encode()).hexdigest()
    }
    assert Path(rec["html"]).is_file() and Path(rec["html"]).is_absolute()


def test_cli_data_dir_is_resolved_against_the_callers_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    seen = {}

    def fake_run(jobs, **kwargs):
        seen["jobs"], seen["kwargs"] = jobs, kwargs
        raise ValueError("stop here")

    from vaikuttavuus import render

    monkeypatch.setattr(render, "run_reports", fake_run)
    monkeypatch.setattr(cli, "_check_period", lambda *a: None)
    cli.main(["render", "--regions", "TA35", "--language", "fi", "--data-dir", "mine",
              "--out", "o", "--runs", "p"])  # fmt: skip
    assert seen["jobs"][0].parameters["data_dir"] == str(tmp_path / "mine")
    assert seen["jobs"][0].inputs == (tmp_path / "mine",)


def test_ctrl_c_with_worker_processes(tmp_path, monkeypatch):
    """Ctrl-C while waiting for the pool: after the first result the wait is interrupted."""
    real = runner.cf.as_completed

    def first_then_interrupt(futures):
        for fut in real(futures):
            yield fut
            raise KeyboardInterrupt

    monkeypatch.setattr(runner.cf, "as_completed", first_then_interrupt)
    with pytest.raises(RenderInterrupted) as info:
        run_reports(_jobs(3), out=tmp_path / "r", runs=tmp_path / "p", run_id="one", workers=1)
    statuses = [r.status for r in info.value.batch.results]
    assert statuses.count("ok") == 1 and statuses.count("interrupted") == 2
    manifest = json.loads((tmp_path / "r" / "one" / "manifest.json").read_text("utf-8"))
    assert manifest["counts"]["interrupted"] == 2
