"""Kernels forked from the pre-imported zygote (render/_kernels.py).

Each report runs in a fresh forked process: a variable or a module attribute set by one
report is not seen by the next; papermill semantics (parameters cell, executed notebook,
errors) are those of a plain kernel; the fallback to plain kernels works.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from vaikuttavuus.render import _kernels, run_reports
from vaikuttavuus.render._execute import execute
from vaikuttavuus.reports import RenderJob

pytestmark = pytest.mark.skipif(not _kernels.fork_available(), reason="no fork on this OS")

_META = {
    "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"},
    "language_info": {"name": "python"},
}

PROBE = """\
import json, os, sys
import vaikuttavuus
seen = {
    "pid": os.getpid(), "ppid": os.getppid(), "cwd": os.getcwd(),
    "leak_global": "leak" in globals(), "leak_module": hasattr(vaikuttavuus, "_leak"),
    "preloaded": "seaborn" in sys.modules, "tag": tag,
}
print("PROBE " + json.dumps(seen))
leak = tag
vaikuttavuus._leak = tag
"""


def _notebook(path: Path, *cells: str) -> Path:
    nb = new_notebook(
        cells=[new_code_cell('tag = "none"', metadata={"tags": ["parameters"]})]
        + [new_code_cell(c) for c in cells],
        metadata=_META,
    )
    nbformat.write(nb, path)
    return path


def _probe(executed: Path) -> dict:
    nb = nbformat.read(executed, as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for line in str(out.get("text", "")).splitlines():
                if line.startswith("PROBE "):
                    return json.loads(line[6:])
    raise AssertionError(f"no probe output in {executed}")


def test_reports_do_not_see_each_others_state(tmp_path):
    nb = _notebook(tmp_path / "probe.ipynb", PROBE)
    jobs = [RenderJob(f"r{i}", nb, parameters={"tag": f"t{i}"}) for i in range(3)]
    res = run_reports(jobs, out=tmp_path / "out", runs=tmp_path / "runs", workers=0)
    assert res.ok, [r.error for r in res.results]
    seen = [_probe(r.executed) for r in res.results]
    assert [s["tag"] for s in seen] == ["t0", "t1", "t2"]  # parameters injected
    assert not any(s["leak_global"] or s["leak_module"] for s in seen)
    assert len({s["pid"] for s in seen}) == 3  # a process per report
    zygote = _kernels.zygote()
    assert {s["ppid"] for s in seen} == {zygote.proc.pid}  # forked from the zygote
    assert all(s["preloaded"] for s in seen)  # imports paid before the report
    assert {s["cwd"] for s in seen} == {str(tmp_path)}  # papermill's cwd: the notebook's


def test_plain_kernel_when_fork_disabled(tmp_path, monkeypatch):
    monkeypatch.setenv("VAIKUTTAVUUS_FORK_KERNELS", "0")
    nb = _notebook(tmp_path / "probe.ipynb", PROBE)
    execute(nb, tmp_path / "out.ipynb", {"tag": "plain"})
    seen = _probe(tmp_path / "out.ipynb")
    assert seen["tag"] == "plain" and seen["ppid"] == os.getpid()  # our own child
    assert not seen["preloaded"]


def test_forked_kernel_shows_figures_and_writes_stderr_to_the_log(tmp_path):
    nb = _notebook(
        tmp_path / "plot.ipynb",
        "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);",
        "import os\nos.write(2, b'to-the-log\\n')",
    )
    log = tmp_path / "r.log"
    with open(log, "wb") as fh:
        saved = os.dup(2)
        os.dup2(fh.fileno(), 2)
        try:
            execute(nb, tmp_path / "out.ipynb", {})
        finally:
            os.dup2(saved, 2)
            os.close(saved)
    out = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    kinds = [k for o in out.cells[1].outputs for k in o.get("data", {})]
    assert "image/png" in kinds  # the inline backend is hooked to the forked kernel's shell
    assert "to-the-log" in log.read_text()


def test_notebook_error_is_raised_as_with_a_plain_kernel(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    nb = _notebook(tmp_path / "bad.ipynb", "raise ValueError('boom')")
    with pytest.raises(PapermillExecutionError, match="boom"):
        execute(nb, tmp_path / "out.ipynb", {}, retries=0)


def test_other_kernels_and_interpreters_start_plainly():
    assert _kernels._ipykernel_args([sys.executable, "-m", "ipykernel_launcher", "-f", "c"]) == [
        "-f",
        "c",
    ]
    assert _kernels._ipykernel_args(["R", "--slave", "-e", "IRkernel::main()"]) is None


def test_zygote_kills_kernel_whose_manager_hung_up(tmp_path):
    z = _kernels.zygote()
    with open(os.devnull, "rb") as null:
        kernel = z.fork(
            ["-f", str(tmp_path / "kernel.json")],
            str(tmp_path),
            dict(os.environ),
            (null.fileno(),) * 3,
        )
    kernel._reader.close()
    kernel._sock.close()  # the manager went away without shutting its kernel down
    import time

    for _ in range(100):
        try:
            os.kill(kernel.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("orphan kernel still running")


def test_forked_and_plain_kernels_give_the_same_outputs(tmp_path, monkeypatch):
    """Import-time environment checks (pandas' terminal width, the matplotlib backend)
    see a kernel in the zygote too: a wide table prints the same."""
    nb = _notebook(
        tmp_path / "same.ipynb",
        "import pandas as pd, matplotlib\n"
        "print(pd.get_option('display.max_columns'), pd.get_option('display.width'))\n"
        "print(matplotlib.get_backend())\n"
        "print(get_ipython().__class__.__name__)",
        "pd.DataFrame({f'a rather long column name {i}': range(3) for i in range(12)})",
    )
    execute(nb, tmp_path / "forked.ipynb", {})
    monkeypatch.setenv("VAIKUTTAVUUS_FORK_KERNELS", "0")
    execute(nb, tmp_path / "plain.ipynb", {})

    def outputs(path):
        cells = nbformat.read(path, as_version=4).cells[1:]
        return [
            (o.get("text"), o.get("data", {}).get("text/plain")) for c in cells for o in c.outputs
        ]

    forked, plain = outputs(tmp_path / "forked.ipynb"), outputs(tmp_path / "plain.ipynb")
    assert forked == plain
    assert "ZMQInteractiveShell" in forked[0][0] and "..." not in str(forked[1][1])


def test_warm_hooks_fill_the_shared_caches_and_never_raise(capsys):
    """The zygote's warm-up loads the national tables once; a broken hook costs only speed."""
    from vaikuttavuus.regional import situation as situation_module

    _kernels._warm(_kernels.warm_hooks(["region_report.ipynb"]))
    assert situation_module._tables.cache_info().currsize >= 3  # area, county, municipality
    _kernels._warm(("vaikuttavuus.no_such_module:warm",))
    assert "not warmed vaikuttavuus.no_such_module:warm" in capsys.readouterr().err


def test_region_report_from_warm_zygote_equals_plain_kernel(tmp_path, monkeypatch):
    """A report forked from the warmed zygote prints exactly what a plain kernel prints
    (tables, texts and figures): the warm-up shares caches, never results."""
    from vaikuttavuus.render._shipped import notebook_path

    nb = notebook_path("region_report.ipynb")
    _kernels._close_all()  # this process's zygote is started again, warmed for the notebook
    _kernels.start_zygote(warm=_kernels.warm_hooks([nb]))
    params = {"region_type": "wellbeing_county", "region_code": "08", "language": "sv"}
    execute(nb, tmp_path / "forked.ipynb", params)
    monkeypatch.setenv("VAIKUTTAVUUS_FORK_KERNELS", "0")
    execute(nb, tmp_path / "plain.ipynb", params)

    def outputs(path):
        cells = nbformat.read(path, as_version=4).cells
        return [
            (o.get("text"), o.get("data"))
            for c in cells
            if c.cell_type == "code"
            for o in c.outputs
        ]

    forked, plain = outputs(tmp_path / "forked.ipynb"), outputs(tmp_path / "plain.ipynb")
    assert len(forked) > 5 and forked == plain


def test_first_output_of_a_forked_kernel_is_never_lost(tmp_path):
    """The forked kernel's client is ready without jupyter_client's 0.2 s IOPub silence;
    the first cell's output still always arrives (IOPub is proven live before it runs)."""
    nb = _notebook(tmp_path / "first.ipynb", 'print("first output", tag)')
    for i in range(10):
        out = tmp_path / f"first{i}.ipynb"
        execute(nb, out, {"tag": str(i)})
        cells = nbformat.read(out, as_version=4).cells
        assert [o.get("text") for o in cells[-1].outputs] == [f"first output {i}\n"]
