"""A run's ``index.html`` (every report with its status), ``manifest.json`` and ``latest``.

The index is one self-contained page (inline CSS, no script, nothing fetched): reports are
grouped (studies, wellbeing services counties, employment areas), each row links the HTML
report or, for a failure, the kept executed notebook and the log.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["update_latest", "write_index", "write_manifest"]

_STATUS_TEXT = {"ok": "ok", "failed": "failed", "skipped": "skipped (unchanged)"}
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#555;margin-bottom:1.5rem}
table{border-collapse:collapse;width:100%;margin-bottom:2rem;font-size:.92rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#f3f3f3} td.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#1a7f37;font-weight:600} .failed{color:#c62828;font-weight:700}
.skipped{color:#6b6b6b} .err{font-family:monospace;font-size:.85rem;white-space:pre-wrap}
"""


def _rel(target: str | None, start: Path) -> str | None:
    if not target:
        return None
    return Path(os.path.relpath(Path(target).resolve(), start.resolve())).as_posix()


def _row(rep: Mapping[str, Any], run_dir: Path) -> str:
    status = rep["status"]
    title = html.escape(rep.get("title") or rep["name"])
    link = _rel(rep.get("html"), run_dir) if status != "failed" else None
    name = f'<a href="{html.escape(link)}">{title}</a>' if link else title
    extra = []
    for label, key in (("notebook", "executed"), ("log", "log")):
        target = _rel(rep.get(key), run_dir)
        if target and Path(rep[key]).exists():
            extra.append(f'<a href="{html.escape(target)}">{label}</a>')
    error = rep.get("error") or ""
    seconds = rep.get("seconds")
    return (
        f"<tr><td>{name}</td><td>{html.escape(rep['name'])}</td>"
        f"<td>{html.escape(rep.get('language') or '')}</td>"
        f'<td class="{status}">{_STATUS_TEXT[status]}</td>'
        f'<td class="num">{"" if seconds is None else f"{seconds:.1f}"}</td>'
        f"<td>{' '.join(extra)}</td>"
        f'<td class="err">{html.escape(error)}</td></tr>'
    )


def write_index(run_dir: Path, manifest: Mapping[str, Any]) -> Path:
    """Write ``run_dir/index.html`` from the manifest; return its path."""
    reports: Sequence[Mapping[str, Any]] = manifest["reports"]
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for rep in reports:
        groups.setdefault(rep.get("group") or "Reports", []).append(rep)
    counts = manifest["counts"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Reports {html.escape(manifest['run_id'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Reports, run {html.escape(manifest['run_id'])}</h1>",
        f'<p class="meta">{counts["ok"]} rendered, {counts["skipped"]} skipped (unchanged), '
        f"{counts['failed']} failed, of {len(reports)} &middot; "
        f"vaikuttavuus {html.escape(manifest['package']['version'])} &middot; "
        f"started {html.escape(manifest['started'])}, "
        f"{manifest['seconds']:.0f} s, {manifest['worker_processes']} worker process(es) &middot; "
        '<a href="manifest.json">manifest.json</a></p>',
    ]
    if counts["failed"]:
        failed = ", ".join(html.escape(r["name"]) for r in reports if r["status"] == "failed")
        parts.append(f'<p class="failed">Failed: {failed}</p>')
    header = (
        "<tr><th>Report</th><th>File</th><th>Language</th><th>Status</th>"
        "<th>Time (s)</th><th>Details</th><th>Error</th></tr>"
    )
    for group, reps in groups.items():
        rows = "".join(_row(r, run_dir) for r in reps)
        parts.append(f"<h2>{html.escape(group)}</h2><table>{header}{rows}</table>")
    parts.append("</body></html>")
    path = run_dir / "index.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_manifest(run_dir: Path, manifest: Mapping[str, Any]) -> Path:
    """Write ``run_dir/manifest.json``; return its path."""
    path = run_dir / "manifest.json"
    path.write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False, default=str), encoding="utf-8"
    )
    return path


def update_latest(out: Path, run_id: str) -> None:
    """Point ``out/latest`` (symlink) and ``out/latest.html`` (redirect page) at the run."""
    link = out / "latest"
    try:
        if link.is_symlink() or link.is_file():
            link.unlink()
        if not link.exists():
            link.symlink_to(run_id, target_is_directory=True)
    except OSError:  # no symlinks (e.g. Windows without privileges): the page suffices
        pass
    target = f"{run_id}/index.html"
    (out / "latest.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={target}"><title>Latest reports</title>'
        f'</head><body><a href="{target}">Latest reports: {html.escape(run_id)}</a></body></html>',
        encoding="utf-8",
    )
