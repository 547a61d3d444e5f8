"""One version source, the licence and citation files, ``--version`` and ``python -m``."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import vaikuttavuus
from vaikuttavuus import cli
from vaikuttavuus._version import __version__

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_written_once():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "vaikuttavuus._version.__version__"
    assert vaikuttavuus.__version__ == __version__
    hits = [p for p in (ROOT / "src").rglob("*.py")
            if f'"{__version__}"' in p.read_text(encoding="utf-8") and p.name != "_version.py"]  # fmt: skip
    assert hits == []  # no second hard-coded copy


def test_citation_licence_and_changelog():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["version"] == __version__
    assert citation["license"] == "MIT" and citation["title"].startswith("vaikuttavuus")
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog


def test_version_option(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"vaikuttavuus {__version__}"


def test_python_m_runs_the_command_line():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "vaikuttavuus", "--version"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"vaikuttavuus {__version__}"
    proc = subprocess.run([sys.executable, "-m", "vaikuttavuus", "survey"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 2 and "required" in proc.stderr  # argparse's usage error
