"""Reports and replications on a real Dask LocalCluster of 2 worker processes.

End to end through ``run_reports(..., client=)``: outputs in the same places and with
the same content as a local run (workers writing in place, or returning the files'
bytes), a failing report recorded as failed, a worker killed mid-run (its report is
rescheduled on the other worker: nothing lost), and ``vates2020.replicate(client=)``.
"""

from __future__ import annotations

import functools
import os
import signal
import threading
import time
from pathlib import Path

import nbformat
import pytest

distributed = pytest.importorskip("distributed")

from vaikuttavuus.render import _dask, run_reports  # noqa: E402
from vaikuttavuus.reports import RenderJob  # noqa: E402

HELLO = Path(__file__).parent / "data" / "notebooks" / "hello.ipynb"


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def _outputs(executed: Path) -> list[str]:
    nb = nbformat.read(executed, as_version=4)
    return [str(o.get("text", o.get("data", ""))) for c in nb.cells for o in c.get("outputs", [])]


def _jobs() -> list[RenderJob]:
    return [
        RenderJob(f"r{i}", HELLO, parameters={"region": f"R{i}", "value": v})
        for i, v in enumerate([1, 2, -1, 3])  # value -1: the notebook raises
    ]


@pytest.mark.parametrize("shared", [None, False], ids=["in-place", "bytes-back"])
def test_dask_run_matches_local_run(tmp_path, client, monkeypatch, shared):
    monkeypatch.setattr(_dask, "run_on_dask", functools.partial(_dask.run_on_dask, shared=shared))
    opts = {"out": tmp_path / "out", "runs": tmp_path / "runs"}
    local = run_reports(_jobs(), run_id="local", workers=0, **opts)
    remote = run_reports(_jobs(), run_id="dask", force=True, client=client, **opts)
    assert [r.status for r in remote.results] == ["ok", "ok", "failed", "ok"]
    assert [r.status for r in local.results] == [r.status for r in remote.results]
    assert "ValueError: bad value for R2" in remote.results[2].error
    assert remote.results[2].log.read_text().count("bad value for R2") >= 1
    for a, b in zip(local.results, remote.results, strict=True):
        assert b.executed == tmp_path / "runs" / "dask" / f"{b.name}.ipynb"
        assert _outputs(a.executed) == _outputs(b.executed)
        if b.ok:
            assert b.html == tmp_path / "out" / "dask" / f"{b.name}.html" and b.html.is_file()
    assert "Report for R3: 6" in _outputs(remote.results[3].executed)[0]
    manifest = remote.manifest.read_text()
    assert '"dask_scheduler": "tcp://' in manifest and '"worker": "tcp://' in manifest


def test_worker_killed_mid_run_loses_nothing(tmp_path, client):
    nb = tmp_path / "slow.ipynb"
    cells = nbformat.read(HELLO, as_version=4)
    cells.cells.append(nbformat.v4.new_code_cell("import time\ntime.sleep(3)"))
    nbformat.write(cells, nb)
    jobs = [RenderJob(f"s{i}", nb, parameters={"region": f"S{i}"}) for i in range(4)]
    pids = client.run(os.getpid)  # worker address -> pid
    killed: list[str] = []

    def kill_one_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                time.sleep(1.5)  # inside the report
                os.kill(pids[busy[0]], signal.SIGKILL)  # a worker process this test started
                killed.append(busy[0])
            time.sleep(0.2)

    killer = threading.Thread(target=kill_one_busy_worker)
    killer.start()
    res = run_reports(jobs, out=tmp_path / "out", runs=tmp_path / "runs", client=client)
    killer.join()
    assert killed, "no worker was killed"
    assert res.ok, [(r.name, r.error) for r in res.results]
    assert all(r.html.is_file() for r in res.results)
    assert {_outputs(r.executed)[0].strip() for r in res.results} == {
        f"Report for S{i}: 2" for i in range(4)
    }
    client.wait_for_workers(2, timeout=60)  # the nanny restarted it


def test_vates_replications_on_dask_equal_local(client):
    from vaikuttavuus.studies.vates2020 import replicate

    local = replicate(4, seed=11, cache=False)
    remote = replicate(4, seed=11, cache=False, client=client)
    assert remote.draws.equals(local.draws)
    assert remote.figures.equals(local.figures)
