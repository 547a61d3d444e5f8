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


def _ext(name: str):
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def _apigen():
    return _ext("apigen")


def test_link_check_finds_broken_files_and_anchors(tmp_path: Path) -> None:
    checklinks = _ext("checklinks")
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sub/page.html#ok">1</a> <a href="sub/page.html#gone">2</a> '
        '<a href="missing.html">3</a> <a href="https://example.org/x">4</a> '
        '<a href="#top">5</a> <p id="top"></p>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "page.html").write_text(
        '<h1 id="ok">t</h1><a href="../index.html">up</a>', encoding="utf-8"
    )
    assert checklinks.broken_links(tmp_path) == [
        "index.html: sub/page.html#gone (no such anchor)",
        "index.html: missing.html (no such file)",
    ]


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


# Functions on the reference pages without a doctest example (issue 17 asks for one on every
# page). This list may only shrink (prune it when one gets its example): a new public function
# comes with its example.
WITHOUT_EXAMPLE = {
    "vaikuttavuus.cli.main",
    "vaikuttavuus.io.log.where",
    "vaikuttavuus.present.check_language",
    "vaikuttavuus.present.figure_png",
    "vaikuttavuus.present.format_date",
    "vaikuttavuus.present.format_period",
    "vaikuttavuus.present.has",
    "vaikuttavuus.present.html_text",
    "vaikuttavuus.present.label",
    "vaikuttavuus.present.markdown_text",
    "vaikuttavuus.present.numbers_with_point",
    "vaikuttavuus.present.plot_text",
    "vaikuttavuus.reports.notebook_path",
    "vaikuttavuus.studies.vates2020.calibrate.calibrate",
    "vaikuttavuus.studies.vates2020.calibrate.correlation_targets",
    "vaikuttavuus.studies.vates2020.calibrate.initial_params",
    "vaikuttavuus.studies.vates2020.calibrate.measurement_error",
    "vaikuttavuus.studies.vates2020.calibrate.progression_error",
    "vaikuttavuus.studies.vates2020.plots.comparison_table",
    "vaikuttavuus.studies.vates2020.plots.correlation_table",
    "vaikuttavuus.studies.vates2020.plots.plot_correlations",
    "vaikuttavuus.studies.vates2020.plots.plot_loadings",
    "vaikuttavuus.studies.vates2020.plots.plot_replications",
    "vaikuttavuus.studies.vates2020.plots.plot_scree",
    "vaikuttavuus.studies.vates2020.simulate.draw_latent",
    "vaikuttavuus.studies.vates2020.simulate.likert_from_latent",
    "vaikuttavuus.studies.vates2020.simulate.missing_counts",
    "vaikuttavuus.studies.vates2020.simulate.shares_from_latent",
    "vaikuttavuus.studies.vates2020.simulate.simulate_arrays",
    "vaikuttavuus.studies.vates2020.tables.alpha_table",
    "vaikuttavuus.studies.vates2020.tables.ambiguity_table",
    "vaikuttavuus.studies.vates2020.tables.assignment_note",
    "vaikuttavuus.studies.vates2020.tables.assignment_table",
    "vaikuttavuus.studies.vates2020.tables.comparison_note",
    "vaikuttavuus.studies.vates2020.tables.factor_table",
    "vaikuttavuus.studies.vates2020.tables.hypothesis_shares",
    "vaikuttavuus.studies.vates2020.tables.hypothesis_table",
    "vaikuttavuus.studies.vates2020.tables.key_figures",
    "vaikuttavuus.studies.vates2020.tables.methods_note",
    "vaikuttavuus.studies.vates2020.tables.methods_table",
    "vaikuttavuus.studies.vates2020.tables.replication_table",
    "vaikuttavuus.studies.vates2020.tables.star_legend",
    "vaikuttavuus.studies.vates2020.tables.wording_table",
}


def test_every_documented_function_has_an_example(tmp_path: Path) -> None:
    import inspect

    apigen = _apigen()
    apigen.generate(tmp_path / "api")
    missing = set()
    for full in set(apigen._CANONICAL.values()):
        obj = apigen._lookup(full)
        if inspect.isfunction(obj):
            doc = inspect.getdoc(obj) or ""
            if not re.search(r"^Examples\n-{8}", doc, re.MULTILINE) or ">>> " not in doc:
                missing.add(full)
    assert missing <= WITHOUT_EXAMPLE, f"no doctest example: {sorted(missing - WITHOUT_EXAMPLE)}"


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
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-j",
        "auto",
    ]
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

    pages = [p for p in out.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) > 100
    version = f"vaikuttavuus {vaikuttavuus.__version__}"
    for page in pages:
        if page.name in {"genindex.html", "search.html", "py-modindex.html"}:
            continue
        text = page.read_text(encoding="utf-8")
        assert version in text, f"{page} does not show the version"
    assert _ext("checklinks").broken_links(out) == []
    # the tutorials ran: their outputs are in the pages, and no cell raised
    tutorial = (out / "tutorials" / "en" / "reliability.html").read_text(encoding="utf-8")
    assert "cell_output" in tutorial
    assert not re.search(r"Traceback \(most recent call last\)", tutorial)
    # figures display inline (a non-inline matplotlib backend in the kernels would drop them)
    ips_page = (out / "tutorials" / "en" / "ips.html").read_text(encoding="utf-8")
    assert ips_page.count("<img") >= 2
