"""The documentation builds without warnings, and covers every public name.

The slow test runs the Sphinx build as ``make docs`` does (warnings are errors, every internal
reference must resolve, the tutorials are executed) into a temporary directory, so CI builds
the documentation with a cold notebook cache.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

pytest.importorskip("sphinx")
pytest.importorskip("myst_nb")
pytest.importorskip("numpydoc")
pytest.importorskip("pydata_sphinx_theme")


def _apigen():
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return importlib.import_module("apigen")
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def test_reference_lists_every_public_name(tmp_path: Path) -> None:
    apigen = _apigen()
    documented = apigen.generate(tmp_path / "api")
    assert "vaikuttavuus" in documented
    for namespace in ("vaikuttavuus.survey", "vaikuttavuus.compensation", "vaikuttavuus.ips"):
        module = importlib.import_module(namespace)
        public = [n for n in module.__all__ if not n.startswith("__")]
        assert documented[namespace] == public
        page = (tmp_path / "api" / f"{namespace}.rst").read_text(encoding="utf-8")
        for name in public:
            assert f"`{name} <" in page, f"{namespace}.{name} is not listed"
    # one page per object, at its first namespace; aliases link there
    pages = {p.stem for p in (tmp_path / "api" / "generated").glob("*.rst")}
    assert "vaikuttavuus.cronbach_alpha" in pages
    assert "vaikuttavuus.read_survey" in pages
    assert "vaikuttavuus.survey.read_survey" not in pages
    assert "vaikuttavuus.survey.load_codebook" in pages


def test_lookup_resolves_reexports_and_shadowed_modules() -> None:
    apigen = _apigen()
    import vaikuttavuus
    from vaikuttavuus.compensation import payments
    from vaikuttavuus.studies.vates2020 import replicate

    assert apigen._lookup("vaikuttavuus.render.run_reports") is vaikuttavuus.run_reports
    assert apigen._lookup("vaikuttavuus.compensation.payments") is payments
    assert apigen._lookup("vaikuttavuus.studies.vates2020.replicate.replicate") is replicate
    assert apigen._lookup("vaikuttavuus.no_such_function") is apigen._MISSING


@pytest.mark.slow
def test_sphinx_build_has_no_warnings(tmp_path: Path) -> None:
    out = tmp_path / "html"
    env = {
        **os.environ,
        "VAIKUTTAVUUS_DOCS_CACHE": str(tmp_path / "jupyter_cache"),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-n", "-q"]
    proc = subprocess.run(
        [*cmd, "-d", str(tmp_path / "doctrees"), str(DOCS), str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-5000:] + proc.stdout[-2000:]
    import vaikuttavuus

    pages = list(out.rglob("*.html"))
    assert len(pages) > 100
    version = f"vaikuttavuus {vaikuttavuus.__version__}"
    for page in pages:
        if page.name in {"genindex.html", "search.html", "py-modindex.html"}:
            continue
        text = page.read_text(encoding="utf-8")
        assert version in text, f"{page} does not show the version"
    # the tutorials ran: their outputs are in the pages, and no cell raised
    tutorial = (out / "tutorials" / "en" / "reliability.html").read_text(encoding="utf-8")
    assert "cell_output" in tutorial
    assert not re.search(r"Traceback \(most recent call last\)", tutorial)
