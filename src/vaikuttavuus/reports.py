"""Render parameterised notebooks to self-contained HTML reports with papermill.

One report is one notebook executed with its parameters (papermill) and converted to
HTML without code cells (nbconvert). :func:`render_batch` renders many reports (for
example one per employment area) and never lets a failing report stop the others.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ._results import ResultMixin, Summary

__all__ = [
    "BatchResult",
    "RenderJob",
    "RenderResult",
    "ReportError",
    "notebook_path",
    "render_batch",
    "render_notebook",
]

_TEMPLATES = Path(__file__).parent / "templates"
_TEMPLATE_NAME = "vaikuttavuus_offline"
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class ReportError(RuntimeError):
    """A notebook failed to execute or convert; ``executed`` is the partial notebook."""

    def __init__(self, message: str, executed: Path | None = None) -> None:
        super().__init__(message)
        self.executed = executed


_STATUSES = ("ok", "failed", "skipped")


@dataclass(frozen=True, eq=False)
class RenderJob:
    """One report to render: a notebook, its parameters and where the HTML goes.

    ``html`` may be left out when the job goes to :func:`vaikuttavuus.render.run_reports`,
    which writes ``<out>/<run-id>/<name>.html``. ``inputs`` are the data files or
    directories the report reads (hashed into the manifest and the skip-unchanged
    fingerprint, beside any existing path given as a parameter); ``title``, ``language``
    and ``group`` label the report in the run's index.
    """

    name: str
    notebook: Path
    html: Path | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    inputs: tuple[Path, ...] = ()
    title: str | None = None
    language: str | None = None
    group: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _SAFE_NAME.fullmatch(self.name):
            raise ValueError(
                f"RenderJob name={self.name!r} must be a file stem of letters, digits, "
                "'.', '_' or '-' (it names the report's files)."
            )
        object.__setattr__(self, "notebook", Path(self.notebook))
        if self.html is not None:
            object.__setattr__(self, "html", Path(self.html))
        object.__setattr__(self, "inputs", tuple(Path(p) for p in self.inputs))


@dataclass(frozen=True, eq=False)
class RenderResult(ResultMixin):
    """Outcome of rendering one report.

    ``status`` is "ok" (rendered now), "failed" or "skipped" (unchanged since the last
    successful run; ``html`` is a copy of that run's report). ``attempts`` counts kernel
    starts (retried when the kernel failed to start).
    """

    name: str
    notebook: Path
    executed: Path | None
    html: Path | None
    ok: bool
    seconds: float
    error: str | None = None
    status: str = ""
    attempts: int = 1
    log: Path | None = None
    job: RenderJob | None = None

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", "ok" if self.ok else "failed")
        if self.status not in _STATUSES:
            raise ValueError(f"status={self.status!r}; allowed: {', '.join(_STATUSES)}.")

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "name": self.name,
                    "ok": self.ok,
                    "status": self.status,
                    "seconds": self.seconds,
                    "attempts": self.attempts,
                    "html": None if self.html is None else str(self.html),
                    "executed": None if self.executed is None else str(self.executed),
                    "error": self.error,
                }
            ]
        )

    def _summary_parts(self) -> Summary:
        status = {"ok": "rendered", "failed": "FAILED", "skipped": "unchanged (skipped)"}
        notes = (self.error,) if self.error else ()
        return Summary(
            title=f"Report {self.name}: {status[self.status]}",
            figures={
                "html": str(self.html),
                "executed notebook": str(self.executed),
                "seconds": round(self.seconds, 1),
            },
            notes=notes,
        )


_FRAME_COLUMNS = ["name", "ok", "status", "seconds", "attempts", "html", "executed", "error"]


@dataclass(frozen=True, eq=False)
class BatchResult(ResultMixin):
    """Outcome of a batch: one :class:`RenderResult` per job, in job order.

    Batches run by :func:`vaikuttavuus.render.run_reports` also carry the ``run_id`` and
    the paths of the run's ``index`` (HTML) and ``manifest`` (JSON).
    """

    results: tuple[RenderResult, ...]
    run_id: str | None = None
    index: Path | None = None
    manifest: Path | None = None

    @property
    def ok(self) -> bool:
        """True when every report rendered (or was skipped as unchanged)."""
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> tuple[RenderResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def skipped(self) -> tuple[RenderResult, ...]:
        return tuple(r for r in self.results if r.status == "skipped")

    def to_frame(self) -> pd.DataFrame:
        if not self.results:
            return pd.DataFrame(columns=_FRAME_COLUMNS)
        return pd.concat([r.to_frame() for r in self.results], ignore_index=True)

    def _summary_parts(self) -> Summary:
        frame = self.to_frame()[["name", "status", "seconds", "html"]]
        notes = tuple(f"{r.name}: {r.error}" for r in self.failed)
        if self.failed:
            notes = (f"FAILED: {', '.join(r.name for r in self.failed)}", *notes)
        figures: dict[str, object] = {}
        if self.run_id is not None:
            figures = {"run id": self.run_id, "index": str(self.index)}
        n_done = len(self.results) - len(self.failed)
        skipped = f" ({len(self.skipped)} unchanged, skipped)" if self.skipped else ""
        return Summary(
            title=f"Rendered {n_done} of {len(self.results)} reports{skipped}",
            figures=figures,
            tables={"reports": frame},
            notes=notes,
        )


def notebook_path(name: str) -> Path:
    """The path of a notebook shipped inside the package (``vaikuttavuus/notebooks/<name>``).

    Read with :mod:`importlib.resources`, so it works from a wheel as well as from a
    source checkout; a ``notebooks/`` folder in the current directory is never used (pass
    a notebook path explicitly to render your own).
    """
    from importlib import resources

    folder = resources.files("vaikuttavuus") / "notebooks"
    path = folder / name
    if not path.is_file():
        shipped = sorted(p.name for p in folder.iterdir() if p.name.endswith(".ipynb"))
        raise FileNotFoundError(
            f"notebook {name!r} is not shipped with the package; shipped: {', '.join(shipped)}."
        )
    return Path(str(path))


def _title(nb: Any) -> str | None:
    """The report's first level-1 heading (a markdown cell or a displayed Markdown output)."""
    for cell in nb.cells:
        texts = (
            [cell.source]
            if cell.cell_type == "markdown"
            else [o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])]
        )
        for text in texts:
            for line in str(text).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


@functools.lru_cache(maxsize=1)
def _exporter() -> Any:
    """The HTML exporter (built once per process: loading the templates costs ~0.3 s).

    Code inputs and prompts are excluded by the exporter itself (papermill's
    ``report_mode`` only sets cell metadata that nbconvert ignores); images are embedded
    and the template loads nothing from a CDN.
    """
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=_TEMPLATE_NAME,
        extra_template_basedirs=[str(_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def _to_html(executed: Path, html: Path) -> None:
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = _title(nb) or html.stem
    body, _ = _exporter().from_notebook_node(nb)
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(body, encoding="utf-8")


def render_notebook(
    notebook: str | Path,
    html: str | Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    executed: str | Path | None = None,
    name: str | None = None,
    kernel_name: str = "python3",
    timeout: int = 3600,
    retries: int = 2,
) -> RenderResult:
    """Execute ``notebook`` with ``parameters`` and write a self-contained HTML report.

    Parameters
    ----------
    notebook : path
        The parameterised notebook (a cell tagged ``parameters``).
    html : path
        Where the HTML report is written. Code cells are hidden; images are embedded and
        nothing is loaded from the internet.
    parameters : mapping, optional
        Values injected by papermill.
    executed : path, optional
        Where the executed notebook is kept (default ``papermill_runs/<html stem>.ipynb``).
    name : str, optional
        A name for the report (default: the HTML file's stem).
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
    >>> from vaikuttavuus.reports import render_notebook
    >>> render_notebook("missing.ipynb", "out.html")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    FileNotFoundError: notebook not found: missing.ipynb
    """
    from .render._execute import execute
    from .render._params import validate_parameters

    notebook = Path(notebook)
    html = Path(html)
    if not notebook.is_file():
        raise FileNotFoundError(f"notebook not found: {notebook}")
    if html.suffix.lower() not in {".html", ".htm"}:
        raise ValueError(f"html={str(html)!r} must end in .html or .htm.")
    executed = (
        Path(executed) if executed is not None else Path("papermill_runs") / f"{html.stem}.ipynb"
    )
    name = name or html.stem
    validate_parameters(notebook, dict(parameters or {}))  # before any kernel starts
    start = time.perf_counter()
    try:
        attempts = execute(
            notebook,
            executed,
            dict(parameters or {}),
            kernel_name=kernel_name,
            timeout=timeout,
            retries=retries,
        )
    except Exception as exc:  # papermill raises PapermillExecutionError and others
        raise ReportError(f"{name}: notebook failed: {exc}", executed) from exc
    _to_html(executed, html)
    return RenderResult(
        name=name,
        notebook=notebook,
        executed=executed,
        html=html,
        ok=True,
        seconds=time.perf_counter() - start,
        attempts=attempts,
    )


def render_batch(jobs: Iterable[RenderJob], **kwargs: Any) -> BatchResult:
    """Render every job one after the other in this process; a failure does not stop the batch.

    For many reports use :func:`vaikuttavuus.render.run_reports` (parallel workers, run
    directories, index, manifest, skipping unchanged reports).

    Parameters
    ----------
    jobs : iterable of RenderJob
    **kwargs
        Passed to :func:`render_notebook` (e.g. ``timeout``).

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
    >>> from vaikuttavuus.reports import RenderJob, render_batch
    >>> res = render_batch([RenderJob("x", Path("nope.ipynb"), Path("x.html"))])
    >>> res.ok, res.failed[0].name
    (False, 'x')
    """
    results = []
    for job in jobs:
        start = time.perf_counter()
        html = job.html if job.html is not None else Path("reports") / f"{job.name}.html"
        executed = Path("papermill_runs") / f"{html.stem}.ipynb"
        try:
            res = render_notebook(
                job.notebook, html, job.parameters, executed=executed, name=job.name, **kwargs
            )
            res = dataclasses.replace(res, job=job)
        except Exception as exc:  # one failing report must not stop the batch
            last = traceback.format_exception_only(type(exc), exc)[-1].strip()
            res = RenderResult(
                name=job.name,
                notebook=job.notebook,
                executed=executed,
                html=None,
                ok=False,
                seconds=time.perf_counter() - start,
                error=last,
                job=job,
            )
        results.append(res)
    return BatchResult(results=tuple(results))
