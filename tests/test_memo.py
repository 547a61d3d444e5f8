"""The shared-work cache (vaikuttavuus._memo): computed once per inputs, also across processes."""

from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path

import pytest

from vaikuttavuus import _memo


def test_same_inputs_computed_once_other_inputs_again(tmp_path):
    calls = []

    def compute(x):
        calls.append(x)
        return {"x": x, "square": x * x}

    a = _memo.memoize("sq", {"x": 3}, lambda: compute(3), cache=tmp_path)
    b = _memo.memoize("sq", {"x": 3}, lambda: compute(3), cache=tmp_path)
    c = _memo.memoize("sq", {"x": 4}, lambda: compute(4), cache=tmp_path)
    assert a == b == {"x": 3, "square": 9} and c["square"] == 16
    assert calls == [3, 4]


def test_no_directory_means_no_cache(tmp_path, monkeypatch):
    monkeypatch.delenv(_memo.ENV, raising=False)
    calls = []
    for _ in range(2):
        _memo.memoize("sq", {"x": 1}, lambda: calls.append(1) or 1)
    assert calls == [1, 1]
    monkeypatch.setenv(_memo.ENV, str(tmp_path))
    for _ in range(2):
        _memo.memoize("sq", {"x": 1}, lambda: calls.append(2) or 1)
    assert calls == [1, 1, 2]
    assert _memo.memoize("sq", {"x": 1}, lambda: 5, cache=False) == 5


def test_key_covers_package_version_and_source(monkeypatch):
    key = _memo.memo_key("f", {"x": 1})
    assert key != _memo.memo_key("f", {"x": 2}) and key != _memo.memo_key("g", {"x": 1})
    monkeypatch.setattr(_memo, "source_sha256", lambda: "changed source")
    assert _memo.memo_key("f", {"x": 1}) != key


def _slow(directory: str, log: str) -> int:
    def compute():
        with open(log, "a") as fh:
            fh.write("computed\n")
        time.sleep(1.0)
        return 42

    return _memo.memoize("slow", {"x": 1}, compute, cache=directory)


@pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")
def test_concurrent_processes_compute_once(tmp_path):
    log = tmp_path / "log.txt"
    with mp.get_context("fork").Pool(2) as pool:
        values = pool.starmap(_slow, [(str(tmp_path / "c"), str(log))] * 2)
    assert values == [42, 42]
    assert Path(log).read_text().count("computed") == 1


def test_vates_replications_computed_once_per_cache(tmp_path, monkeypatch):
    import importlib

    import pandas as pd

    rep_mod = importlib.import_module("vaikuttavuus.studies.vates2020.replicate")

    calls = []
    real = rep_mod._replicate

    def counting(*args):
        calls.append(args[:3])
        return real(*args)

    monkeypatch.setattr(rep_mod, "_replicate", counting)
    fresh = rep_mod.replicate(3, seed=5, cache=False)
    first = rep_mod.replicate(3, seed=5, workers=1, cache=tmp_path)
    again = rep_mod.replicate(3, seed=5, workers=2, cache=tmp_path)  # workers: not an input
    other = rep_mod.replicate(3, seed=6, cache=tmp_path)
    assert calls == [(3, 168, 5), (3, 168, 5), (3, 168, 6)]
    pd.testing.assert_frame_equal(again.draws, fresh.draws)
    pd.testing.assert_frame_equal(again.figures, first.figures)
    assert again.workers == 2 and first.workers == 1
    assert not other.draws.equals(fresh.draws)


def test_reports_of_a_run_share_the_work(tmp_path, monkeypatch):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    from vaikuttavuus.render import run_reports
    from vaikuttavuus.reports import RenderJob

    monkeypatch.delenv(_memo.ENV, raising=False)
    counter = tmp_path / "computed.txt"
    code = (
        "from vaikuttavuus._memo import memoize\n"
        "def compute():\n"
        f"    open({str(counter)!r}, 'a').write('computed\\n')\n"
        "    return 7\n"
        "print('value', memoize('test.shared', {'k': 1}, compute))"
    )
    nb = new_notebook(
        cells=[
            new_code_cell("lang = 'fi'", metadata={"tags": ["parameters"]}),
            new_code_cell(code),
        ],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "P"}},
    )
    nbformat.write(nb, tmp_path / "shared.ipynb")
    jobs = [RenderJob(f"r_{x}", tmp_path / "shared.ipynb", parameters={"lang": x}) for x in "ab"]
    res = run_reports(jobs, out=tmp_path / "out", runs=tmp_path / "runs", workers=0)
    assert res.ok, [r.error for r in res.results]
    assert counter.read_text().count("computed") == 1  # the second report read it
    assert list((tmp_path / "runs" / res.run_id / ".shared-cache").glob("test.shared-*.pickle"))
    assert _memo.ENV not in __import__("os").environ  # restored after the run
