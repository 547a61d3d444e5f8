"""Fingerprints of a report's inputs and the skip-unchanged cache.

A report is skipped when its fingerprint equals the one recorded after its last
successful render and that HTML file still exists. The fingerprint is the SHA-256 of:
the notebook file, the parameters (canonical JSON), the kernel name, the package version,
a hash of every file of the installed package (sources, template, embedded registry and
data, so that a change re-renders even when the version number did not change), the
versions of Python and of the package's dependencies, and every input file (declared
``RenderJob.inputs``, the region registry named by ``VAIKUTTAVUUS_REGIONS`` when set, and
existing files/directories given as parameters).

The cache is ``<out>/.render-cache.json``: ``{"version": 1, "reports": {name:
{"fingerprint", "html", "run_id", "html_sha256"}}}``, written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import re
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from .._memo import source_sha256 as package_source_sha256

__all__ = [
    "dependency_versions",
    "environment_inputs",
    "file_sha256",
    "input_hashes",
    "job_fingerprint",
    "load_cache",
    "save_cache",
]

CACHE_NAME = ".render-cache.json"
_PACKAGE = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=4096)
def _sha256_cached(path: str, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file (memoised on path, size and modification time)."""
    st = os.stat(path)
    return _sha256_cached(str(Path(path).resolve()), st.st_size, st.st_mtime_ns)


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    )


def _tree_sha256(path: Path) -> str:
    """SHA-256 over the relative names and contents of every file under ``path``."""
    h = hashlib.sha256()
    for f in _files(path):
        h.update(f.relative_to(path).as_posix().encode() if path.is_dir() else b"")
        h.update(file_sha256(f).encode())
    return h.hexdigest()


def _parameter_paths(parameters: Mapping[str, Any]) -> list[Path]:
    out = []
    for value in parameters.values():
        if isinstance(value, str) and value and ("/" in value or os.sep in value):
            p = Path(value).expanduser()
            if p.exists():
                out.append(p.resolve())
    return out


def input_hashes(inputs: tuple[Path, ...], parameters: Mapping[str, Any]) -> dict[str, str]:
    """``{path: sha256}`` of the declared inputs and of the paths given as parameters.

    A directory is hashed as a whole (names and contents of its files); a declared input
    that does not exist is recorded as ``"missing"``.
    """
    out: dict[str, str] = {}
    for p in [*inputs, *_parameter_paths(parameters)]:
        key = str(p)
        if key not in out:
            out[key] = _tree_sha256(p) if p.exists() else "missing"
    return out


# what executes and converts the notebooks, beside the package's declared dependencies
_RENDER_DISTS = ("papermill", "nbconvert", "nbformat", "ipykernel", "jupyter_client")
_CORE_DISTS = ("numpy", "scipy", "pandas", "statsmodels", "pingouin", "seaborn", "matplotlib")


@functools.lru_cache(maxsize=1)
def dependency_versions() -> dict[str, str]:
    """Python's version and the installed version of each dependency (``"missing"`` if absent).

    The dependencies are those the installed package declares (without extras), or a
    fixed core list when the package's metadata is not installed, plus the notebook tools.
    """
    try:
        requires = metadata.requires("vaikuttavuus") or []
    except metadata.PackageNotFoundError:
        requires = list(_CORE_DISTS)
    names = [
        m.group(0)
        for r in requires
        if "extra ==" not in r and (m := re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", r))
    ]
    out = {"python": platform.python_version()}
    for name in sorted({*names, *_RENDER_DISTS}, key=str.lower):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    return out


def environment_inputs() -> tuple[Path, ...]:
    """Inputs named by the environment that every kernel inherits: ``VAIKUTTAVUUS_REGIONS``."""
    from ..regions.registry import ENV_VAR

    value = os.environ.get(ENV_VAR)
    return (Path(value).expanduser().resolve(),) if value else ()


def job_fingerprint(
    notebook_sha256: str,
    parameters: Mapping[str, Any],
    inputs: Mapping[str, str],
    *,
    kernel_name: str,
    version: str,
) -> str:
    """SHA-256 of everything that determines a report's content."""
    doc = {
        "notebook": notebook_sha256,
        "parameters": dict(parameters),
        "inputs": dict(sorted(inputs.items())),
        "kernel": kernel_name,
        "version": version,
        "package_source": package_source_sha256(),
        "dependencies": dependency_versions(),
    }
    text = json.dumps(doc, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_cache(out: Path) -> dict[str, dict[str, Any]]:
    """The cache's per-report entries (empty when absent or unreadable)."""
    path = out / CACHE_NAME
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    reports = doc.get("reports") if isinstance(doc, dict) else None
    return dict(reports) if isinstance(reports, dict) else {}


def save_cache(out: Path, reports: Mapping[str, Mapping[str, Any]]) -> None:
    """Write the cache atomically (a temporary file renamed over the old one)."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f"{CACHE_NAME}.{os.getpid()}.tmp"
    doc = {"version": 1, "reports": dict(sorted(reports.items()))}
    tmp.write_text(json.dumps(doc, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, out / CACHE_NAME)
