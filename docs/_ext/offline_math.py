"""Formulas render without network: MathJax 3 from the ``sphinx-mathjax-offline`` package is
copied into the built site's ``_static/mathjax`` and used instead of the CDN copy.

The package's own extension does the same but does not declare itself safe for parallel
builds (a warning, so an error under ``-W``); this wrapper uses its files and says so.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from sphinx.util.fileutil import copy_asset


def _mathjax_dir() -> Path:
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise RuntimeError(
            "the documentation needs the package sphinx-mathjax-offline (the docs extra: "
            "pip install -e '.[docs]')"
        )
    return Path(spec.origin).parent / "static" / "mathjax"


def _copy(app, exc) -> None:
    if exc is None:
        copy_asset(str(_mathjax_dir()), str(Path(app.outdir) / "_static" / "mathjax"))


def setup(app) -> dict[str, object]:
    _mathjax_dir()  # fail early, with the install command, when the package is missing
    app.config.mathjax_path = "mathjax/tex-chtml.js"
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
