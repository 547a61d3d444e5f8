"""A run's ``index.html`` (every report with its status), ``manifest.json`` and ``latest``.

The index is a self-contained page (inline CSS, no script, nothing fetched): reports are
grouped (studies, wellbeing services counties, employment areas), each row links the HTML
report or, for a failure, the kept executed notebook and the log. It is written in the
run's language(s): ``index.html`` in the run's first language (Finnish when the run has
Finnish reports) and, when the run has several, ``index.<lang>.html`` for each of them,
the pages linking one another.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["index_languages", "update_latest", "write_index", "write_manifest"]

LANGUAGES = ("fi", "sv", "en")
_LANGUAGE_NAMES = {"fi": "suomeksi", "sv": "på svenska", "en": "in English"}
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


def _row(rep: Mapping[str, Any], run_dir: Path, t: _Texts) -> str:
    status = rep["status"]
    title = html.escape(rep.get("title") or rep["name"])
    link = _rel(rep.get("html"), run_dir) if status in ("ok", "skipped") else None
    name = f'<a href="{html.escape(link)}">{title}</a>' if link else title
    extra = []
    for label, key in ((t["notebook"], "executed"), (t["log"], "log"), ("PDF", "pdf")):
        target = _rel(rep.get(key), run_dir)
        if target and Path(rep[key]).exists():
            extra.append(f'<a href="{html.escape(target)}">{html.escape(label)}</a>')
    error = rep.get("error") or ""
    seconds = rep.get("seconds")
    if seconds is not None:
        from ..present import format_number

        seconds = format_number(seconds, t.language, 1)  # 14,4 in fi/sv, 14.4 in en
    return (
        f"<tr><td>{name}</td><td>{html.escape(rep['name'])}</td>"
        f"<td>{html.escape(rep.get('language') or '')}</td>"
        f'<td class="{status}">{t[status]}</td>'
        f'<td class="num">{"" if seconds is None else seconds}</td>'
        f"<td>{' '.join(extra)}</td>"
        f'<td class="err">{html.escape(error)}</td></tr>'
    )


def index_languages(manifest: Mapping[str, Any]) -> list[str]:
    """The run's languages in fi, sv, en order (English when no report names one)."""
    found = {r.get("language") for r in manifest["reports"]}
    return [lang for lang in LANGUAGES if lang in found] or ["en"]


class _Texts:
    """``t[key]``: the catalogue's ``render.<key>`` in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __getitem__(self, key: str) -> str:
        from ..present import msg

        return msg(f"render.{key}", self.language)

    def get(self, key: str, default: str) -> str:
        from ..present import has

        return self[key] if has(f"render.{key}") else default


def _page(run_dir: Path, manifest: Mapping[str, Any], lang: str, others: list[str]) -> str:
    t = _Texts(lang)
    reports: Sequence[Mapping[str, Any]] = manifest["reports"]
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for rep in reports:
        groups.setdefault(rep.get("group") or "reports", []).append(rep)
    counts = {"ok": 0, "failed": 0, "skipped": 0, "interrupted": 0, **manifest["counts"]}
    run_id = html.escape(manifest["run_id"])
    switch = " &middot; ".join(
        f'<a href="index.{o}.html" hreflang="{o}" lang="{o}">{_LANGUAGE_NAMES[o]}</a>'
        for o in others
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{t['title']} {run_id}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{t['heading']} {run_id}</h1>",
        f'<p class="meta">{t["counts"].format(n=len(reports), **counts)} &middot; '
        f"vaikuttavuus {html.escape(manifest['package']['version'])} &middot; "
        f"{t['started']} {html.escape(manifest['started'])}, {manifest['seconds']:.0f} s, "
        f"{t['workers'].format(n=manifest['worker_processes'])} &middot; "
        '<a href="manifest.json">manifest.json</a></p>',
    ]
    if switch:
        parts.append(f'<p class="meta">{t["languages"]}: {switch}</p>')
    if counts["interrupted"]:
        parts.append(f'<p class="failed">{t["interrupted_note"]}</p>')
    if counts["failed"]:
        failed = ", ".join(html.escape(r["name"]) for r in reports if r["status"] == "failed")
        parts.append(f'<p class="failed">{t["failed_list"]}: {failed}</p>')
    header = "".join(
        f"<th>{t[k]}</th>"
        for k in ("report", "file", "language", "status", "time", "details", "error")
    )
    for group, reps in groups.items():
        rows = "".join(_row(r, run_dir, t) for r in reps)
        parts.append(
            f"<h2>{html.escape(t.get(group, group))}</h2><table><tr>{header}</tr>{rows}</table>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def write_index(run_dir: Path, manifest: Mapping[str, Any]) -> Path:
    """Write ``run_dir/index.html`` (and ``index.<lang>.html`` per language); return the first.

    Texts come from the message catalogue (``render.*`` in ``present/messages.yaml``);
    group names that are keys there (``studies``, ``wellbeing_counties``,
    ``employment_areas``, ``municipalities``) are shown in the page's language, other group
    names as given.
    """
    langs = index_languages(manifest)
    path = run_dir / "index.html"
    path.write_text(_page(run_dir, manifest, langs[0], langs[1:]), encoding="utf-8")
    if len(langs) > 1:
        for lang in langs:
            others = [o for o in langs if o != lang]
            page = _page(run_dir, manifest, lang, others)
            (run_dir / f"index.{lang}.html").write_text(page, encoding="utf-8")
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
