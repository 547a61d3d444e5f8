"""Single reports and small sequential batches: :func:`render_notebook`, :func:`render_batch`.

Both build the same task as :func:`vaikuttavuus.render.run_reports` and run it through
:func:`vaikuttavuus.render.runner.run_tasks` (in this process): one rendering path. Unlike
``run_reports`` they write to the HTML path the caller names, with no run directory,
index, manifest or skip-unchanged cache.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ._params import validate_parameters
from .results import BatchResult, RenderJob, RenderResult, ReportError, resolve_path
from .runner import run_tasks

__all__ = ["render_batch", "render_notebook"]


def _task(job: RenderJob, html: Path, executed: Path, **options: Any) -> dict[str, Any]:
    return {
        "name": job.name,
        "notebook": str(job.notebook),
        "parameters": dict(job.parameters),
        "executed": str(executed),
        "html": str(html),
        "log": str(executed.with_suffix(".log")),
        "language": job.language,
        "kernel_name": options.get("kernel_name", "python3"),
        "timeout": options.get("timeout", 3600),
        "start_timeout": options.get("start_timeout", 60),
        "retries": options.get("retries", 2),
        "capture_stderr": False,
    }


def _render_one(job: RenderJob, html: Path, executed: Path, **options: Any) -> RenderResult:
    """Render one job through the shared runner; raise ReportError when it failed."""
    if not job.notebook.is_file():
        raise FileNotFoundError(f"notebook not found: {job.notebook}")
    if html.suffix.lower() not in {".html", ".htm"}:
        raise ValueError(f"html={str(html)!r} must end in .html or .htm.")
    validate_parameters(job.notebook, job.parameters)  # before any kernel starts
    outcomes: list[dict[str, Any]] = []
    run_tasks([_task(job, html, executed, **options)], 0, outcomes.append)
    out = outcomes[0]
    if out["status"] != "ok":
        raise ReportError(f"{job.name}: notebook failed: {out.get('error')}", executed)
    return RenderResult(
        name=job.name,
        notebook=job.notebook,
        executed=executed,
        html=html,
        ok=True,
        seconds=float(out.get("seconds", 0.0)),
        attempts=int(out.get("attempts", 1)),
        log=executed.with_suffix(".log"),
        job=job,
    )


def render_notebook(
    notebook: str | Path,
    html: str | Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    executed: str | Path | None = None,
    name: str | None = None,
    language: str | None = None,
    kernel_name: str = "python3",
    timeout: int = 3600,
    retries: int = 2,
) -> RenderResult:
    """Execute ``notebook`` with ``parameters`` and write a self-contained HTML report.

    Parameters
    ----------
    notebook : path
        The parameterised notebook (a cell tagged ``parameters``); a shipped one is found
        with :func:`vaikuttavuus.render.notebook_path`.
    html : path
        Where the HTML report is written. Code cells are hidden; images are embedded and
        nothing is loaded from the internet.
    parameters : mapping, optional
        Values injected by papermill.
    executed : path, optional
        Where the executed notebook is kept (default ``papermill_runs/<html stem>.ipynb``);
        its log is written beside it (``.log``).
    name : str, optional
        A name for the report (default: the HTML file's stem).
    language : {"fi", "sv", "en"}, optional
        The page's ``<html lang>`` and the title of its table of contents (default
        ``parameters["language"]`` when given, else "en").
    kernel_name : str, default "python3"
        Jupyter kernel that runs the notebook.
    timeout : int, default 3600
        Seconds a single cell may run.
    retries : int, default 2
        Further attempts when the kernel fails to start (port race, papermill#511).

    Returns
    -------
    RenderResult

    Raises
    ------
    vaikuttavuus.render.ParameterError
        A parameter the notebook does not declare, or a value of the wrong type (checked
        before a kernel starts).
    ReportError
        If the notebook fails; the partially executed notebook is kept for inspection.

    References
    ----------
    papermill: https://papermill.readthedocs.io ; nbconvert: https://nbconvert.readthedocs.io

    Examples
    --------
    >>> from vaikuttavuus import render_notebook
    >>> render_notebook("missing.ipynb", "out.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    FileNotFoundError: notebook not found: .../missing.ipynb
    """
    html = resolve_path(html)
    parameters = dict(parameters or {})
    lang = language or parameters.get("language")
    job = RenderJob(
        name or _stem(html),
        notebook,
        html=html,
        parameters=parameters,
        language=lang if isinstance(lang, str) else None,
    )
    executed = resolve_path(executed or Path("papermill_runs") / f"{html.stem}.ipynb")
    return _render_one(job, html, executed, kernel_name=kernel_name, timeout=timeout,
                       retries=retries)  # fmt: skip


def _stem(html: Path) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]", "_", html.stem).lstrip("._-") or "report"


def render_batch(jobs: Iterable[RenderJob], **kwargs: Any) -> BatchResult:
    """Render every job one after the other in this process; a failure does not stop the batch.

    For many reports use :func:`vaikuttavuus.render.run_reports` (parallel workers, run
    directories, index, manifest, skipping unchanged reports).

    Parameters
    ----------
    jobs : iterable of RenderJob
        A job without ``html`` goes to ``reports/<name>.html``; executed notebooks go to
        ``papermill_runs/<html stem>.ipynb``.
    **kwargs
        ``kernel_name``, ``timeout``, ``retries`` as for :func:`render_notebook`.

    Returns
    -------
    BatchResult
        ``ok`` is False if any report failed; ``failed`` lists them with the error.

    References
    ----------
    papermill: parameterize and execute Jupyter notebooks. https://papermill.readthedocs.io
    nbconvert: convert Jupyter notebooks to other formats. https://nbconvert.readthedocs.io

    Examples
    --------
    >>> from pathlib import Path
    >>> from vaikuttavuus import RenderJob, render_batch
    >>> res = render_batch([RenderJob("x", Path("nope.ipynb"), Path("x.html"))])
    >>> res.ok, res.failed[0].name
    (False, 'x')
    """
    unknown = set(kwargs) - {"kernel_name", "timeout", "retries", "start_timeout"}
    if unknown:
        raise TypeError(f"render_batch() got unexpected option(s): {', '.join(sorted(unknown))}")
    results = []
    for job in jobs:
        start = time.perf_counter()
        html = job.html if job.html is not None else resolve_path(f"reports/{job.name}.html")
        executed = resolve_path(Path("papermill_runs") / f"{html.stem}.ipynb")
        try:
            res = _render_one(job, html, executed, **kwargs)
        except Exception as exc:  # one failing report must not stop the batch
            import traceback

            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            res = RenderResult(name=job.name, notebook=job.notebook, executed=executed,
                               html=None, ok=False, seconds=time.perf_counter() - start,
                               error=last, job=job)  # fmt: skip
        results.append(res)
    return BatchResult(results=tuple(results))
