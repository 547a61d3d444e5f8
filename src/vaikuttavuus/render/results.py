"""What the renderer takes and gives: :class:`RenderJob`, :class:`RenderResult`, :class:`BatchResult`.

Paths in a job (the notebook, the HTML file, declared inputs) are resolved against the
caller's working directory when the job is made, so that nothing depends on where a
kernel later runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._results import ResultMixin, Summary

__all__ = ["BatchResult", "RenderJob", "RenderResult", "ReportError"]

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def resolve_path(path: str | Path) -> Path:
    """``path`` made absolute against the current working directory (``~`` expanded)."""
    return Path(path).expanduser().resolve()


class ReportError(RuntimeError):
    """A notebook failed to execute or convert; ``executed`` is the partial notebook."""

    def __init__(self, message: str, executed: Path | None = None) -> None:
        super().__init__(message)
        self.executed = executed


_STATUSES = ("ok", "failed", "skipped", "interrupted")
_FRAME_COLUMNS = ["name", "ok", "status", "seconds", "attempts", "html", "executed", "error"]


@dataclass(frozen=True, eq=False)
class RenderJob:
    """One report to render: a notebook, its parameters and where the HTML goes.

    ``html`` may be left out when the job goes to :func:`vaikuttavuus.render.run_reports`,
    which writes ``<out>/<run-id>/<name>.html``. ``inputs`` are the data files or
    directories the report reads (hashed into the manifest and the skip-unchanged
    fingerprint, beside any existing path given as a parameter); ``title``, ``language``
    and ``group`` label the report in the run's index (``language`` also sets the
    report's ``<html lang>``). The notebook, HTML and input paths are made absolute
    against the current working directory when the job is made.
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
        object.__setattr__(self, "notebook", resolve_path(self.notebook))
        if self.html is not None:
            object.__setattr__(self, "html", resolve_path(self.html))
        object.__setattr__(self, "inputs", tuple(resolve_path(p) for p in self.inputs))


@dataclass(frozen=True, eq=False)
class RenderResult(ResultMixin):
    """Outcome of rendering one report.

    ``status`` is "ok" (rendered now), "failed", "skipped" (unchanged since the last
    successful run; ``html`` is a copy of that run's report) or "interrupted" (Ctrl-C
    came before it finished; the next run renders it). ``attempts`` counts kernel
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
        row = self._fields(*_FRAME_COLUMNS)
        for path in ("html", "executed"):
            row[path] = None if row[path] is None else str(row[path])
        return pd.DataFrame([row])

    def _summary_parts(self) -> Summary:
        status = {"ok": "rendered", "failed": "FAILED", "skipped": "unchanged (skipped)",
                  "interrupted": "interrupted (not rendered)"}  # fmt: skip
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
        """Reports whose notebook failed (not those left unfinished by an interruption)."""
        return tuple(r for r in self.results if r.status == "failed")

    @property
    def skipped(self) -> tuple[RenderResult, ...]:
        return tuple(r for r in self.results if r.status == "skipped")

    @property
    def interrupted(self) -> tuple[RenderResult, ...]:
        """Reports not rendered because the run was interrupted (Ctrl-C)."""
        return tuple(r for r in self.results if r.status == "interrupted")

    def to_frame(self) -> pd.DataFrame:
        if not self.results:
            return pd.DataFrame(columns=_FRAME_COLUMNS)
        return pd.concat([r.to_frame() for r in self.results], ignore_index=True)

    def _summary_parts(self) -> Summary:
        frame = self.to_frame()[["name", "status", "seconds", "html"]]
        failed = self.failed
        notes = tuple(f"{r.name}: {r.error}" for r in failed)
        if failed:
            notes = (f"FAILED: {', '.join(r.name for r in failed)}", *notes)
        if self.interrupted:
            notes = (*notes, f"interrupted before {len(self.interrupted)} report(s) finished; "
                     "run again to render only those")  # fmt: skip
        figures: dict[str, object] = {}
        if self.run_id is not None:
            figures = {"run id": self.run_id, "index": str(self.index)}
        n_done = sum(r.status in ("ok", "skipped") for r in self.results)
        skipped = f" ({len(self.skipped)} unchanged, skipped)" if self.skipped else ""
        return Summary(
            title=f"Rendered {n_done} of {len(self.results)} reports{skipped}",
            figures=figures,
            tables={"reports": frame},
            notes=notes,
        )
