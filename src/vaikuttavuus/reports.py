"""Compatibility module: the rendering API now lives in :mod:`vaikuttavuus.render`.

``from vaikuttavuus.reports import RenderJob, render_notebook, ...`` keeps working; the
names are the same objects as in :mod:`vaikuttavuus.render` (this module only re-exports
them; ``render`` never imports it).

Examples
--------
>>> from vaikuttavuus import render, reports
>>> reports.render_notebook is render.render_notebook
True
"""

from __future__ import annotations

from .render import (
    BatchResult,
    RenderJob,
    RenderResult,
    ReportError,
    notebook_path,
    render_batch,
    render_notebook,
)

__all__ = [
    "BatchResult",
    "RenderJob",
    "RenderResult",
    "ReportError",
    "notebook_path",
    "render_batch",
    "render_notebook",
]
