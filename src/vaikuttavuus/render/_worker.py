"""The task a worker process runs: execute one report's notebook, then convert it to HTML.

Runs in a process started with the ``spawn`` method (no forked copy of the parent's
threads, ZMQ contexts or open files); each task starts its own fresh kernel. Everything
passed in and out is a plain dict so that it pickles across processes.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["init_worker", "render_task"]


def init_worker(warm: tuple[str, ...] = ()) -> None:
    """Worker start-up: one BLAS thread per kernel, and the heavy imports done once.

    The kernels inherit the environment; with one report per core, multi-threaded BLAS
    would only oversubscribe the cores. papermill, nbconvert and the HTML exporter's
    templates are loaded here, once per worker, not once per report; the kernel zygote
    (:mod:`._kernels`) starts importing the reports' libraries meanwhile, then calls the
    ``warm`` functions (:func:`._kernels.warm_hooks` of the run's notebooks).
    """
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from ._kernels import fork_available, start_zygote

    if fork_available():
        start_zygote(warm=warm)
    import papermill  # noqa: F401

    from ._html import exporter

    exporter()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextlib.contextmanager
def _stderr_to(log: Path, enabled: bool) -> Iterator[None]:
    """Send this process's file descriptor 2 (inherited by the kernel) to ``log``.

    The kernel's own messages, e.g. the ``ZMQError: Address already in use`` traceback of
    a lost port race, then land in the report's log instead of the batch's terminal.
    """
    if not enabled:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log, "ab") as fh:
        os.dup2(fh.fileno(), 2)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


_ENV_LOCK = threading.Lock()
_ENV_USE = {"tasks": 0, "ours": False}


@contextlib.contextmanager
def _shared_cache(directory: Path) -> Iterator[None]:
    """``$VAIKUTTAVUUS_CACHE_DIR`` for the kernels of this task (unless the user set one).

    The reports of a run then share seeded work done once (:mod:`vaikuttavuus._memo`,
    e.g. the Vates 2020 replications of the fi and en reports).
    """
    from .._memo import ENV

    with _ENV_LOCK:
        if _ENV_USE["tasks"] == 0:
            _ENV_USE["ours"] = not os.environ.get(ENV)
            if _ENV_USE["ours"]:
                os.environ[ENV] = str(directory)
        _ENV_USE["tasks"] += 1
    try:
        yield
    finally:
        with _ENV_LOCK:
            _ENV_USE["tasks"] -= 1
            if _ENV_USE["tasks"] == 0 and _ENV_USE["ours"]:
                os.environ.pop(ENV, None)


def render_task(task: dict[str, Any]) -> dict[str, Any]:
    """Render one report described by ``task``; never raises (the outcome says what failed)."""
    executed, log = Path(task["executed"]), Path(task["log"])
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("", encoding="utf-8")
    shared = Path(task.get("shared_cache") or executed.parent / ".shared-cache")
    with _stderr_to(log, task.get("capture_stderr", False)), _shared_cache(shared):
        return _render(task, executed, Path(task["html"]), log)


def _render(task: dict[str, Any], executed: Path, html: Path, log: Path) -> dict[str, Any]:
    from ._execute import execute
    from ._html import to_html

    started = _now()
    t0 = time.perf_counter()
    out: dict[str, Any] = {"name": task["name"], "started": started, "attempts": 0}
    try:
        out["attempts"] = execute(
            Path(task["notebook"]),
            executed,
            task["parameters"],
            kernel_name=task["kernel_name"],
            timeout=task["timeout"],
            start_timeout=task["start_timeout"],
            retries=task["retries"],
            log=log,
        )
        out["execute_seconds"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        to_html(executed, html, task.get("language"))
        out["html_seconds"] = time.perf_counter() - t1
        out["status"], out["error"] = "ok", None
    except BaseException as exc:  # a report's failure is its outcome
        if isinstance(exc, KeyboardInterrupt):
            raise
        out["status"] = "failed"
        out["error"] = _error_text(exc)
        out["attempts"] = getattr(exc, "render_attempts", 1)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{_now()} ERROR report {task['name']} failed\n")
            fh.write("".join(traceback.format_exception(exc)))
    out["seconds"] = time.perf_counter() - t0
    out["finished"] = _now()
    return out


def _error_text(exc: BaseException) -> str:
    """A short error for the index and manifest: the exception's last line(s)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue} (In [{exc.exec_count}])"
    text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return text[:2000]
