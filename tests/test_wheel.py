"""The installed wheel works anywhere: built, installed into a fresh venv, used outside the repo.

The wheel is built offline from a copy of the sources (``pip wheel --no-build-isolation``
with the test environment's setuptools) and installed without dependencies into a fresh
virtual environment. That venv reaches the dependencies through a ``.pth`` line pointing at
the test environment's site-packages (only the directory is added: the editable install's
own finder there is not activated), and nbconvert's templates and the kernel specs through
``JUPYTER_PATH``; the package itself is imported from the wheel's files, which the test
checks, in the venv's interpreter and in the report kernels. From a temporary directory
outside the repository it renders one region report and the survey report of the example
export and runs the README's Python examples.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def _run(cmd, cwd, env, timeout=900):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"{cmd}\nstdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"
    )
    return proc


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src_copy"  # build from a copy: no build/ or egg-info in the repository
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    pip = [sys.executable, "-m", "pip"]
    _run(
        [
            *pip,
            "wheel",
            str(src),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp / "dist"),
        ],
        tmp,
        env,
    )
    (wheel,) = (tmp / "dist").glob("vaikuttavuus-*.whl")
    _run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")], tmp, env)
    python = tmp / "venv" / "bin" / "python"
    purelib = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, env
    ).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]  # this environment's site-packages
    (Path(purelib) / "_test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    _run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        tmp,
        env,
    )
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    work = tmp / "work"  # outside the repository
    work.mkdir()
    return {"python": python, "bin": python.parent, "env": env, "work": work, "wheel": wheel,
            "purelib": Path(purelib)}  # fmt: skip


def test_the_wheel_ships_notebooks_template_licence_and_one_version(venv):
    names = set(zipfile.ZipFile(venv["wheel"]).namelist())
    for nb in (
        "region_report",
        "survey_report",
        "vates2020_reproduction",
        "compensation",
        "ips_outcomes",
    ):
        assert f"vaikuttavuus/notebooks/{nb}.ipynb" in names, nb
    assert "vaikuttavuus/templates/vaikuttavuus_offline/index.html.j2" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    code = ("import json, vaikuttavuus, importlib.metadata as m; "
            "print(json.dumps([vaikuttavuus.__file__, vaikuttavuus.__version__, m.version('vaikuttavuus')]))")  # fmt: skip
    out = _run([str(venv["python"]), "-c", code], venv["work"], venv["env"]).stdout
    path, version, installed = json.loads(out)
    assert Path(path).is_relative_to(venv["purelib"])  # the wheel's files, not the source tree
    assert version == installed == re.search(r"(\d+\.\d+\.\d+)", venv["wheel"].name).group(1)
    for cmd in (
        [str(venv["bin"] / "vaikuttavuus"), "--version"],
        [str(venv["python"]), "-m", "vaikuttavuus", "--version"],
    ):
        assert _run(cmd, venv["work"], venv["env"]).stdout.strip() == f"vaikuttavuus {version}"


WHERE_AND_SURVEY = """
import nbformat
import vaikuttavuus as vk
from vaikuttavuus.render import render_survey_report
from vaikuttavuus.studies.vates2020.example import write_example_survey

nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nb.cells = [nbformat.v4.new_code_cell("import vaikuttavuus\\nprint('PKG', vaikuttavuus.__file__)")]
nbformat.write(nb, "where.ipynb")
vk.render_notebook("where.ipynb", "where.html")
data, codebook = write_example_survey("ex")
render_survey_report(data, codebook, "out", language="en")
"""


def test_kernels_use_the_wheel_and_the_survey_report_renders(venv):
    work = venv["work"]
    (work / "render.py").write_text(WHERE_AND_SURVEY, encoding="utf-8")
    _run([str(venv["python"]), "render.py"], work, venv["env"])
    (pkg,) = re.findall(r"PKG (\S+)", (work / "where.html").read_text(encoding="utf-8"))
    assert Path(pkg).is_relative_to(venv["purelib"])  # the report kernel imported the wheel
    page = (work / "out" / "survey_vates_example_en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Reliability of the scales" in page
    assert "data:image/png;base64," in page and "Traceback" not in page


def test_region_report_from_the_embedded_data(venv):
    names = zipfile.ZipFile(venv["wheel"]).namelist()
    assert any(n.startswith("vaikuttavuus/data/synthetic/") for n in names)  # embedded data
    work, env = venv["work"], venv["env"]
    _run([str(venv["bin"] / "vaikuttavuus"), "render", "--regions", "TA35", "--language", "fi",
          "--workers", "0", "--run-id", "w", "--out", "reports", "--runs", "runs"], work, env)  # fmt: skip
    page = (work / "reports" / "w" / "area_TA35_fi.html").read_text(encoding="utf-8")
    assert '<html lang="fi">' in page and "Traceback" not in page
    manifest = json.loads((work / "reports" / "w" / "manifest.json").read_text(encoding="utf-8"))
    (rep,) = manifest["reports"]
    assert Path(rep["notebook"]).is_relative_to(venv["purelib"])
    assert all(v != "missing" for v in rep["inputs"].values()), rep["inputs"]


def test_readme_examples_run_against_the_wheel(venv):
    work = venv["work"]
    files = sorted(set(re.findall(r"""["'](tests/data/[^"']+)["']""", "".join(BLOCKS))))
    assert "tests/data/bfi.csv" in files
    for name in files:  # the README's example files, as a user would have their own
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, work / name)
    (work / "blocks.json").write_text(json.dumps(BLOCKS), encoding="utf-8")
    script = (
        "import json, matplotlib\n"
        "matplotlib.use('Agg')\n"
        "for i, block in enumerate(json.load(open('blocks.json', encoding='utf-8'))):\n"
        "    exec(compile(block, f'README.md block {i}', 'exec'), {'__name__': 'readme'})\n"
        "print('blocks run:', i + 1)\n"
    )
    out = _run([str(venv["python"]), "-c", script], work, venv["env"]).stdout
    assert f"blocks run: {len(BLOCKS)}" in out and len(BLOCKS) >= 5
