"""Report jobs on a Dask cluster: ``run_reports(..., client=)`` and ``render --scheduler``.

Each report is one Dask task (:func:`dask_render`) that runs the same
:func:`~._worker.render_task` as the local worker processes (kernels forked from the
worker's zygote, HTML converted on the worker). The workers need only the installed
package: the notebook travels with the task. Outputs:

* when the workers see the client's run directories (same machine or a shared file
  system: checked with a marker file the client writes), they write the executed
  notebook, log and HTML there directly;
* otherwise they render into a temporary directory and return the files' bytes, which
  the client writes where a local run would have.

Failures and retries are Dask's: a report whose notebook fails is an outcome ("failed",
recorded in the manifest), never retried; a report whose worker dies (killed, out of
memory) is rescheduled by the scheduler on another worker, and fails only after the
scheduler's ``allowed-failures`` (``KilledWorker``). Use workers with one thread each
(a report's log captures its process's stderr).
"""

from __future__ import annotations

import os
import secrets
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["dask_render", "open_client", "run_on_dask"]

_FILES = ("executed", "html", "log")
_INIT = threading.Lock()
_READY: list[bool] = []


def _init_once(notebook: str) -> None:
    """First task on a worker: one BLAS thread per kernel, zygote started (and warmed for
    the first task's notebook), imports done."""
    with _INIT:
        if not _READY:
            from ._kernels import warm_hooks
            from ._worker import init_worker

            init_worker(warm_hooks([notebook]))
            _READY.append(True)


def _sees(marker: tuple[str, str] | None) -> bool:
    if marker is None:
        return False
    try:
        return Path(marker[0]).read_text(encoding="utf-8") == marker[1]
    except OSError:
        return False


def dask_render(
    task: dict[str, Any], notebook: bytes, marker: tuple[str, str] | None
) -> dict[str, Any]:
    """Run on a Dask worker: render one report; return its outcome (and files' bytes)."""
    from ._worker import render_task

    _init_once(task["notebook"])
    try:
        from distributed import get_worker

        worker = get_worker().address
    except (ImportError, ValueError):
        worker = None
    task = {**task, "capture_stderr": True}
    if _sees(marker):  # shared file system: write in place
        return {**render_task(task), "worker": worker}
    run = Path(task["executed"]).parent.name
    with tempfile.TemporaryDirectory(prefix="vaikuttavuus-dask-") as tmp:
        nb = Path(tmp) / "notebooks" / Path(task["notebook"]).name
        nb.parent.mkdir()
        nb.write_bytes(notebook)
        local = {**task, "notebook": str(nb)}
        for key in _FILES:
            local[key] = str(Path(tmp) / "out" / Path(task[key]).name)
        local["shared_cache"] = str(Path(tempfile.gettempdir()) / f"vaikuttavuus-shared-{run}")
        out = render_task(local)
        out["files"] = {
            key: Path(local[key]).read_bytes() if Path(local[key]).is_file() else None
            for key in _FILES
        }
    return {**out, "worker": worker}


def _write_back(task: dict[str, Any], files: dict[str, bytes | None]) -> None:
    for key, data in files.items():
        if data is not None:
            path = Path(task[key])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def run_on_dask(
    tasks: list[dict[str, Any]],
    client: Any,
    done: Callable[[dict[str, Any]], None],
    *,
    shared: bool | None = None,
) -> None:
    """Submit every task to ``client`` and hand each outcome to ``done`` as it arrives.

    ``shared``: None = detect whether the workers see the run directory; False = always
    return the files' bytes to the client.
    """
    from distributed import as_completed

    marker = None
    if tasks and shared is not False:
        path = Path(tasks[0]["executed"]).parent / f".dask-marker-{os.getpid()}"
        path.parent.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(16)
        path.write_text(token, encoding="utf-8")
        marker = (str(path), token)
    futures = {}
    try:
        for task in tasks:
            nb = Path(task["notebook"]).read_bytes()
            key = f"render-{task['name']}-{secrets.token_hex(4)}"
            futures[client.submit(dask_render, task, nb, marker, key=key, pure=False)] = task
        for fut in as_completed(list(futures)):
            task = futures[fut]
            try:
                out = fut.result()
            except Exception as exc:  # the worker died too often (KilledWorker), ...
                out = {"name": task["name"], "status": "failed", "attempts": 1,
                       "error": f"Dask task failed: {type(exc).__name__}: {exc}"}  # fmt: skip
            _write_back(task, out.pop("files", None) or {})
            done(out)
    finally:
        if marker is not None:
            Path(marker[0]).unlink(missing_ok=True)


def open_client(scheduler: str, *, workers: int | None = None) -> tuple[Any, Callable[[], None]]:
    """A Dask client for ``--scheduler``: "local" (a LocalCluster) or an address.

    A LocalCluster has ``workers`` worker processes (default: the number of cores) with
    one thread each. Returns the client and a function that closes what was opened.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError(
            "--scheduler needs dask.distributed: pip install 'vaikuttavuus[distributed]'"
        ) from exc
    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()

        return client, close
    client = Client(scheduler)
    return client, client.close
