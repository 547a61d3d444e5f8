"""Sphinx configuration of the vaikuttavuus documentation.

Build: ``make docs`` (warnings are errors, nitpicky references, internal link check).
The package is imported from ``../src`` (this checkout), and the tutorial kernels get the same
path, so the documentation always describes the code beside it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(HERE / "_ext"))
# tutorial notebooks run in kernels started as subprocesses: they import the same source tree
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(SRC), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
)
# single-threaded BLAS, as the Makefile does: the machines are small and shared
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import vaikuttavuus  # noqa: E402

project = "vaikuttavuus"
author = "vaikuttavuus contributors"
copyright = f"2024-2026, {author}"
release = vaikuttavuus.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "offline_math",  # MathJax 3 shipped with the site: formulas render without network
    "numpydoc",
    "myst_nb",
    "apigen",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "README.md"]
templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}
language = "en"

# -- references ------------------------------------------------------------------------------
# Every internal reference must resolve (-n). External libraries' objects are not linked: the
# build runs without network, so no intersphinx inventories; their names are left as text.
nitpicky = True
_EXTERNAL = sorted(
    set(sys.stdlib_module_names)
    | {"pandas", "pd", "numpy", "np", "scipy", "matplotlib", "plt", "statsmodels", "seaborn"}
    | {"pingouin", "papermill", "nbconvert", "nbformat", "jupyter_client", "yaml", "dask"}
)
nitpick_ignore_regex = [
    (r"py:.*", rf"({'|'.join(_EXTERNAL)})(\..*)?"),
    (r"py:.*", r"(DataFrame|Series|Index|ndarray|Generator|Axes|Figure|Path|Mapping)"),
]
autodoc_typehints = "none"  # numpydoc's Parameters section gives the types
autodoc_member_order = "bysource"

numpydoc_show_class_members = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()
add_module_names = False

# -- notebooks (tutorials) -------------------------------------------------------------------
# Executed at build time. Cached in the build directory so that an unchanged tutorial is not
# run again; the test (tests/test_docs.py) builds into a fresh directory and runs them all.
nb_execution_mode = os.environ.get("VAIKUTTAVUUS_DOCS_EXECUTE", "cache")
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True


def _package_fingerprint() -> str:
    """Hash of the package's files: executed tutorials are cached per version of the code, so a
    changed function re-runs them (jupyter-cache alone keys on the notebook's cells only)."""
    digest = hashlib.sha256()
    for path in sorted((SRC / "vaikuttavuus").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(SRC)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


nb_execution_cache_path = os.environ.get(
    "VAIKUTTAVUUS_DOCS_CACHE", str(HERE / "_build" / ".jupyter_cache" / _package_fingerprint())
)
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "substitution", "colon_fence", "deflist"]
myst_heading_anchors = 3
myst_substitutions = {"version": release}

# -- HTML ------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"vaikuttavuus {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
html_theme_options = {
    "navbar_start": ["navbar-logo"],
    "footer_start": ["copyright", "vk-version"],
    "footer_end": [],
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_context = {"default_mode": "light"}
html_last_updated_fmt = None

# Internal links and anchors of the built site are checked by docs/_ext/checklinks.py (offline);
# external links are not followed (no network in CI).
