"""Render parameterised notebooks to self-contained HTML reports with papermill.

One report is one notebook executed with its parameters (papermill) and converted to
HTML without code cells (nbconvert). :func:`render_batch` renders many reports (for
example one per employment area) and never lets a failing report stop the others.
"""

from __future__ import annotations

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


class ReportError(RuntimeError):
    """A notebook failed to execute or convert; ``executed`` is the partial notebook."""

    def __init__(self, message: str, executed: Path | None = None) -> None:
        super().__init__(message)
        self.executed = executed


@dataclass(frozen=True, eq=False)
class RenderJob:
    """One report to render: a notebook, its parameters and where the HTML goes."""

    name: str
    notebook: Path
    html: Path
    parameters: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class RenderResult(ResultMixin):
    """Outcome of rendering one report."""

    name: str
    notebook: Path
    executed: Path
    html: Path | None
    ok: bool
    seconds: float
    error: str | None = None

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "name": self.name,
                    "ok": self.ok,
                    "seconds": self.seconds,
                    "html": None if self.html is None else str(self.html),
                    "executed": str(self.executed),
                    "error": self.error,
                }
            ]
        )

    def _summary_parts(self) -> Summary:
        status = "rendered" if self.ok else "FAILED"
        notes = (self.error,) if self.error else ()
        return Summary(
            title=f"Report {self.name}: {status}",
            figures={
                "html": str(self.html),
                "executed notebook": str(self.executed),
                "seconds": round(self.seconds, 1),
            },
            notes=notes,
        )


@dataclass(frozen=True, eq=False)
class BatchResult(ResultMixin):
    """Outcome of :func:`render_batch`: one :class:`RenderResult` per job, in job order."""

    results: tuple[RenderResult, ...]

    @property
    def ok(self) -> bool:
        """True when every report rendered."""
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> tuple[RenderResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    def to_frame(self) -> pd.DataFrame:
        if not self.results:
            return pd.DataFrame(columns=["name", "ok", "seconds", "html", "executed", "error"])
        return pd.concat([r.to_frame() for r in self.results], ignore_index=True)

    def _summary_parts(self) -> Summary:
        frame = self.to_frame()[["name", "ok", "seconds", "html"]]
        notes = tuple(f"{r.name}: {r.error}" for r in self.failed)
        return Summary(
            title=f"Rendered {len(self.results) - len(self.failed)} of {len(self.results)} reports",
            tables={"reports": frame},
            notes=notes,
        )


def notebook_path(name: str) -> Path:
    """Locate a notebook shipped with the project (``notebooks/<name>``).

    Looks in ``./notebooks`` first, then beside the source tree (editable installs).
    """
    candidates = [
        Path.cwd() / "notebooks" / name,
        Path(__file__).resolve().parents[2] / "notebooks" / name,
    ]
    for c in candidates:
        if c.is_file():
            return c
    raise FileNotFoundError(
        f"notebook {name!r} not found; looked in: {', '.join(str(c) for c in candidates)}."
    )


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


def _to_html(executed: Path, html: Path) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = _title(nb) or html.stem
    exporter = HTMLExporter(
        template_name=_TEMPLATE_NAME,
        extra_template_basedirs=[str(_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(nb)
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

    Returns
    -------
    RenderResult

    Raises
    ------
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
    import papermill as pm

    notebook = Path(notebook)
    html = Path(html)
    if not notebook.is_file():
        raise FileNotFoundError(f"notebook not found: {notebook}")
    if html.suffix.lower() not in {".html", ".htm"}:
        raise ValueError(f"html={str(html)!r} must end in .html or .htm.")
    executed = (
        Path(executed) if executed is not None else Path("papermill_runs") / f"{html.stem}.ipynb"
    )
    executed.parent.mkdir(parents=True, exist_ok=True)
    name = name or html.stem
    start = time.perf_counter()
    try:
        pm.execute_notebook(
            str(notebook),
            str(executed),
            parameters=dict(parameters or {}),
            kernel_name=kernel_name,
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            cwd=str(notebook.parent),
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
    )


def render_batch(jobs: Iterable[RenderJob], **kwargs: Any) -> BatchResult:
    """Render every job; a failing report is recorded and the batch goes on.

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
        executed = Path("papermill_runs") / f"{job.html.stem}.ipynb"
        try:
            res = render_notebook(
                job.notebook, job.html, job.parameters, executed=executed, name=job.name, **kwargs
            )
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
            )
        results.append(res)
    return BatchResult(results=tuple(results))
