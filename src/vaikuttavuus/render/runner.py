"""Render many reports in parallel worker processes: :func:`run_reports`.

A run has an id (default: the UTC start time, ``20261123T194501Z``) and writes

* ``<runs>/<run-id>/<name>.ipynb`` and ``<name>.log``: executed notebook and log;
* ``<out>/<run-id>/<name>.html``: the report (code hidden, figures embedded, offline);
* ``<out>/<run-id>/index.html`` and ``manifest.json``: every report with its status;
* ``<out>/latest`` (symlink) and ``<out>/latest.html`` (redirect) to the newest run;
* ``<out>/.render-cache.json``: fingerprints of the last successful renders, so that an
  unchanged report is skipped and its HTML copied (hard-linked) into the new run dir.

Every report, single or many, goes through :func:`run_tasks` and the worker's
``render_task``: :func:`vaikuttavuus.render.render_notebook` is a batch of one. When the run
is interrupted (Ctrl-C), the finished reports are kept and cached, the index and manifest
are written with the unfinished reports marked "interrupted", and :class:`RenderInterrupted`
(a ``KeyboardInterrupt`` carrying the :class:`BatchResult`) is raised; the next run renders
only the unfinished ones.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from .._version import __version__
from . import _cache
from ._cache import (
    environment_inputs,
    file_sha256,
    input_hashes,
    job_fingerprint,
    load_cache,
    package_source_sha256,
    save_cache,
)
from ._index import update_latest, write_index, write_manifest
from ._kernels import warm_hooks
from ._params import ParameterError, validate_parameters
from ._worker import init_worker, render_task
from .results import BatchResult, RenderJob, RenderResult, resolve_path

__all__ = ["RenderInterrupted", "run_reports", "run_tasks"]


class RenderInterrupted(KeyboardInterrupt):
    """Ctrl-C during :func:`run_reports`; ``batch`` is the run as written (index, manifest).

    Finished reports are kept and cached; the unfinished ones have status "interrupted"
    and are rendered by the next run.
    """

    def __init__(self, batch: BatchResult) -> None:
        n = len(batch.interrupted)
        super().__init__(
            f"interrupted: {n} report(s) not finished; index written to {batch.index}; "
            "run again to render only those."
        )
        self.batch = batch


_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def _check_jobs(jobs: list[RenderJob]) -> None:
    """Every problem with the jobs, raised together before anything is written or started."""
    names = [j.name for j in jobs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"{len(dup)} report name(s) used twice: {', '.join(dup[:10])}.")
    missing = sorted({str(j.notebook) for j in jobs if not Path(j.notebook).is_file()})
    if missing:
        raise FileNotFoundError(f"notebook(s) not found: {', '.join(missing)}")
    problems = []
    for job in jobs:
        try:
            validate_parameters(job.notebook, job.parameters)
        except ParameterError as exc:
            problems.append(f"{job.name}: {exc}")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise ParameterError(
            f"{len(problems)} report(s) have bad parameters; nothing was run{more}:\n  "
            + "\n  ".join(problems[:5])
        )


def _new_run_id(out: Path, run_id: str | None) -> str:
    if run_id is not None:
        if not _RUN_ID.fullmatch(run_id) or run_id == "latest":
            raise ValueError(
                f"run_id={run_id!r}: use letters, digits, '.', '_' or '-' (not 'latest')."
            )
        if (out / run_id).exists():
            raise FileExistsError(f"run {run_id!r} exists already: {out / run_id}; pick a new id.")
        return run_id
    base = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    run_id, k = base, 1
    while (out / run_id).exists():
        k += 1
        run_id = f"{base}-{k}"
    return run_id


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _progress(total: int, progress: bool | None) -> Any:
    from tqdm import tqdm

    disable = not sys.stderr.isatty() if progress is None else not progress
    return tqdm(total=total, file=sys.stderr, unit="report", disable=disable, desc="render")


def run_reports(
    jobs: Iterable[RenderJob],
    *,
    out: str | Path = "reports",
    runs: str | Path = "papermill_runs",
    run_id: str | None = None,
    workers: int | None = None,
    force: bool = False,
    timeout: int = 1800,
    start_timeout: int = 60,
    retries: int = 2,
    kernel_name: str = "python3",
    progress: bool | None = None,
    pdf: bool = False,
    client: Any = None,
) -> BatchResult:
    """Render reports in parallel; skip unchanged ones; write an index and a manifest.

    Parameters
    ----------
    jobs : iterable of RenderJob
        The reports. Names must be unique (they name the files); ``html`` is ignored
        (reports go to ``<out>/<run-id>/<name>.html``).
    out, runs : path, default "reports", "papermill_runs"
        Where HTML reports and executed notebooks/logs go (one sub-directory per run);
        relative paths are resolved against the current working directory first.
    run_id : str, optional
        Name of the run directory; default the UTC start time ``YYYYmmddTHHMMSSZ``.
    workers : int, optional
        Worker processes (spawn start method), default ``os.cpu_count()``. ``0`` renders
        in this process, one report after the other (for debugging).
    force : bool, default False
        Render every report even if nothing changed since its last successful render.
    timeout : int, default 1800
        Seconds a single cell may run (papermill ``execution_timeout``).
    start_timeout : int, default 60
        Seconds a kernel may take to start.
    retries : int, default 2
        Further attempts when a kernel fails to start (the port race of papermill#511).
    kernel_name : str, default "python3"
    progress : bool, optional
        Progress bar on stderr; default only when stderr is a terminal.
    pdf : bool, default False
        Also print each rendered report to ``<name>.pdf`` beside its HTML (headless
        Chromium, A4); a report whose PDF fails is marked failed with the reason.
    client : dask.distributed.Client, optional
        Render on this Dask cluster instead of local worker processes (``workers`` is
        then unused); see :mod:`vaikuttavuus.render._dask`.

    Returns
    -------
    BatchResult
        One :class:`~vaikuttavuus.render.RenderResult` per job (status "ok", "failed"
        or "skipped"), with ``run_id``, ``index`` and ``manifest``. ``ok`` is False when
        any report failed; the failures keep their executed notebook and log.

    Raises
    ------
    ParameterError
        A parameter a notebook does not declare or a value of the wrong type, for any
        job: raised before any directory is created or kernel started.
    RenderInterrupted
        Ctrl-C (a ``KeyboardInterrupt``): raised after the finished reports were cached and
        the index and manifest written; its ``batch`` has the unfinished reports marked
        "interrupted".

    References
    ----------
    papermill issue #511 (kernel start port race):
    https://github.com/nteract/papermill/issues/511

    Examples
    --------
    >>> from pathlib import Path
    >>> from vaikuttavuus.render import run_reports
    >>> from vaikuttavuus.render import RenderJob
    >>> run_reports([RenderJob("x", Path("nope.ipynb"))])  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    FileNotFoundError: notebook(s) not found: .../nope.ipynb
    """
    jobs = list(jobs)
    out, runs = resolve_path(out), resolve_path(runs)  # before any kernel starts
    workers = (os.cpu_count() or 1) if workers is None else int(workers)
    if workers < 0:
        raise ValueError(f"workers={workers} must be >= 0 (0 = in this process).")
    _check_jobs(jobs)  # before anything is written or any kernel starts
    if pdf:
        from ._pdf import chromium

        chromium()  # fail now, not after an hour of rendering
    run_id = _new_run_id(out, run_id)
    run_dir, runs_dir = out / run_id, runs / run_id
    run_dir.mkdir(parents=True)
    runs_dir.mkdir(parents=True, exist_ok=True)
    started, t0 = datetime.now(UTC).isoformat(timespec="seconds"), time.perf_counter()
    cache = load_cache(out)
    records, tasks = _plan(jobs, cache, run_dir, runs_dir, force=force, kernel_name=kernel_name)
    for task in tasks:
        task.update(kernel_name=kernel_name, timeout=timeout, start_timeout=start_timeout,
                    retries=retries, capture_stderr=workers > 0, pdf=pdf)  # fmt: skip

    bar = _progress(len(jobs), progress)
    bar.update(len(jobs) - len(tasks))

    def done(outcome: dict[str, Any]) -> None:
        if pdf and outcome["status"] == "ok":
            _add_pdf(outcome, Path(records[outcome["name"]]["html"]))
        records[outcome["name"]].update(outcome)
        if outcome["status"] == "failed":
            records[outcome["name"]]["html"] = None
        bar.set_postfix_str(f"{outcome['name']}: {outcome['status']}", refresh=False)
        bar.update(1)

    interrupted = False
    try:
        run_tasks(tasks, workers, done, client=client)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
    if pdf and not interrupted:  # unchanged reports whose earlier run made no PDF
        for rec in records.values():
            if rec.get("status") == "skipped" and not rec.get("pdf"):
                _add_pdf(rec, Path(rec["html"]))
    for rec in records.values():  # not finished when Ctrl-C came
        if "status" not in rec:
            rec.update(status="interrupted", html=None, seconds=None, attempts=0, pdf=None,
                       error="interrupted (Ctrl-C) before it finished")  # fmt: skip
    _remember(cache, jobs, records, run_id)
    save_cache(out, cache)
    options = {
        "workers": workers, "worker_processes": min(workers, len(tasks)), "force": force,
        "timeout": timeout, "start_timeout": start_timeout, "retries": retries,
        "kernel_name": kernel_name, "pdf": pdf, "out": str(out), "runs": str(runs),
        "was_interrupted": interrupted,
        "dask_scheduler": getattr(getattr(client, "scheduler", None), "address", None),
    }  # fmt: skip
    manifest = _manifest(run_id, started, time.perf_counter() - t0, records, jobs, options)
    batch = BatchResult(
        results=tuple(_result(job, records[job.name]) for job in jobs),
        run_id=run_id,
        index=write_index(run_dir, manifest),
        manifest=write_manifest(run_dir, manifest),
    )
    update_latest(out, run_id)
    if interrupted:
        raise RenderInterrupted(batch)
    return batch


def _plan(
    jobs: list[RenderJob],
    cache: Mapping[str, Mapping[str, Any]],
    run_dir: Path,
    runs_dir: Path,
    *,
    force: bool,
    kernel_name: str,
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Each job's manifest record (fingerprint of everything it reads) and the tasks to run.

    An unchanged report (same fingerprint as its last good render, HTML still there) is
    hard-linked into the run directory and gets status "skipped"; the others become tasks,
    longest first (by their last render time).
    """
    records: dict[str, dict[str, Any]] = {}
    tasks = []
    env_inputs = environment_inputs()
    for job in jobs:
        inputs = input_hashes((*job.inputs, *env_inputs), job.parameters)
        nb_sha = file_sha256(job.notebook)
        fp = job_fingerprint(nb_sha, job.parameters, inputs, kernel_name=kernel_name,
                             version=__version__)  # fmt: skip
        html = run_dir / f"{job.name}.html"
        rec: dict[str, Any] = {
            "name": job.name, "title": job.title, "group": job.group, "language": job.language,
            "notebook": str(job.notebook), "notebook_sha256": nb_sha,
            "parameters": dict(job.parameters), "inputs": inputs, "fingerprint": fp,
            "html": str(html), "executed": str(runs_dir / f"{job.name}.ipynb"),
            "log": str(runs_dir / f"{job.name}.log"),
        }  # fmt: skip
        records[job.name] = rec
        hit = cache.get(job.name, {})
        if not force and hit.get("fingerprint") == fp and Path(hit.get("html", "")).is_file():
            _link_or_copy(Path(hit["html"]), html)
            rec.update(status="skipped", from_run=hit.get("run_id"), seconds=0.0, attempts=0)
            rec.update(executed=None, log=None, error=None)
            old_pdf = Path(hit["html"]).with_suffix(".pdf")
            if old_pdf.is_file():
                _link_or_copy(old_pdf, html.with_suffix(".pdf"))
                rec["pdf"] = str(html.with_suffix(".pdf"))
            continue
        task = {"name": job.name, "notebook": str(job.notebook),
                "parameters": dict(job.parameters), "executed": rec["executed"],
                "html": str(html), "log": rec["log"], "language": job.language}  # fmt: skip
        tasks.append((-float(hit.get("seconds", 1e9)), len(tasks), task))
    return records, [t for *_, t in sorted(tasks, key=lambda x: (x[0], x[1]))]


def _add_pdf(outcome: dict[str, Any], html: Path) -> None:
    """Print the rendered report to PDF; a failure makes the report's outcome a failure."""
    from ._pdf import html_to_pdf

    try:
        outcome["pdf"] = str(html_to_pdf(html, html.with_suffix(".pdf")))
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as exc:
        outcome.update(status="failed", error=f"PDF: {type(exc).__name__}: {exc}")


def _remember(
    cache: dict[str, dict[str, Any]],
    jobs: list[RenderJob],
    records: Mapping[str, Mapping[str, Any]],
    run_id: str,
) -> None:
    """Record the good renders (rendered now or skipped) for the next run's skip check."""
    for job in jobs:
        rec = records[job.name]
        if rec.get("status") in ("ok", "skipped"):
            cache[job.name] = {
                "fingerprint": rec["fingerprint"],
                "html": rec["html"],
                "run_id": rec.get("from_run") or run_id,
                "seconds": rec.get("seconds") or cache.get(job.name, {}).get("seconds", 0.0),
            }


def run_tasks(tasks: list[dict[str, Any]], workers: int, done: Any, *, client: Any = None) -> None:
    """Run render tasks (``render_task`` dicts) and call ``done(outcome)`` as each finishes.

    ``workers=0`` runs them one after the other in this process; otherwise in up to
    ``workers`` spawned worker processes; with a Dask ``client``, one Dask task per report on
    that cluster. A ``KeyboardInterrupt`` stops the pool (queued tasks are cancelled) and
    propagates.

    Examples
    --------
    >>> from vaikuttavuus.render.runner import run_tasks
    >>> finished = []
    >>> run_tasks([], 2, finished.append)  # nothing to run: no process is started
    >>> finished
    []
    """
    if client is not None and tasks:
        from ._dask import run_on_dask

        run_on_dask(tasks, client, done)
    elif workers == 0 or not tasks:
        for task in tasks:
            done(render_task(task))
    else:
        _run_pool(tasks, min(workers, len(tasks)), done)


def _run_pool(tasks: list[dict[str, Any]], workers: int, done: Any) -> None:
    ctx = multiprocessing.get_context("spawn")
    warm = warm_hooks(t["notebook"] for t in tasks)
    pool = cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(warm,)
    )
    futures = {pool.submit(render_task, t): t for t in tasks}
    try:
        for fut in cf.as_completed(futures):
            try:
                done(fut.result())
            except Exception as exc:  # the worker process itself died (e.g. out of memory)
                task = futures[fut]
                done({"name": task["name"], "status": "failed", "attempts": 1,
                      "error": f"worker process failed: {type(exc).__name__}: {exc}"})  # fmt: skip
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _manifest(
    run_id: str,
    started: str,
    seconds: float,
    records: Mapping[str, dict[str, Any]],
    jobs: list[RenderJob],
    options: Mapping[str, Any],
) -> dict[str, Any]:
    reports = [records[j.name] for j in jobs]
    statuses = ("ok", "failed", "skipped", "interrupted")
    counts = {s: sum(r.get("status") == s for r in reports) for s in statuses}
    return {
        "run_id": run_id,
        "started": started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(seconds, 3),
        **options,
        "package": {
            "name": "vaikuttavuus",
            "version": __version__,
            "installed_version": _version("vaikuttavuus"),
            "source_sha256": package_source_sha256(),
        },
        "dependencies": _cache.dependency_versions(),  # what the fingerprints covered
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "papermill": _version("papermill"),
            "nbconvert": _version("nbconvert"),
            "ipykernel": _version("ipykernel"),
        },
        "counts": counts,
        "failed": [r["name"] for r in reports if r.get("status") == "failed"],
        "interrupted": [r["name"] for r in reports if r.get("status") == "interrupted"],
        "reports": reports,
    }


def _result(job: RenderJob, rec: Mapping[str, Any]) -> RenderResult:
    status = rec.get("status", "failed")
    executed = rec.get("executed")
    return RenderResult(
        name=job.name,
        notebook=job.notebook,
        executed=Path(executed) if executed else None,
        html=Path(rec["html"]) if status in ("ok", "skipped") else None,
        ok=status in ("ok", "skipped"),
        seconds=float(rec.get("seconds") or 0.0),
        error=rec.get("error"),
        status=status,
        attempts=int(rec.get("attempts") or 0),
        log=Path(rec["log"]) if rec.get("log") else None,
        job=job,
    )
