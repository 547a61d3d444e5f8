"""Benchmark: render all 67 region reports with our runner vs a sequential papermill CLI loop.

Ours: ``vaikuttavuus render --regions all --force`` (one command; spawned workers, one
per core, each report in a kernel forked from the worker's pre-imported zygote, HTML
converted in the workers). Peer, measured in the same run over the same notebook and
parameters: for each report ``papermill in.ipynb out.ipynb -r ... -k python3 --cwd
notebooks`` then ``jupyter nbconvert --to html --no-input`` (subprocesses, one after the
other: what a shell loop over regions does). Target: at least 8x faster on 2 cores, with
the per-report overhead at most the kernel floor.

Also measured in the same run:

* the kernel start-up floor (start a fresh plain ipykernel, run an empty cell, shut it
  down; median of 5) and the per-report overhead = a report's wall time minus the time
  its cells ran in the kernel (papermill's per-cell durations in the executed notebook);
* ours with plain kernels (``VAIKUTTAVUUS_FORK_KERNELS=0``): what the zygote saves;
* ours on a Dask ``LocalCluster`` of as many single-threaded worker processes
  (``--scheduler local``), wall time including the cluster's start: the cost of going
  through Dask.

Peak memory is not traced (many processes): reported as NaN.
``VAIKUTTAVUUS_BENCH_RENDER_N=k`` renders only the first k regions (a quick check).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from vaikuttavuus.render import region_jobs

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGET = 8.0


def kernel_floor(repeats: int = 5) -> float:
    """Median seconds to start a python3 kernel, run an empty cell and shut it down."""
    from jupyter_client.manager import start_new_kernel

    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        km, kc = start_new_kernel(kernel_name="python3")
        kc.execute_interactive("", timeout=60)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cell_seconds(executed: Path) -> float:
    """Seconds the notebook's cells ran in the kernel (papermill's per-cell durations)."""
    nb = nbformat.read(executed, as_version=4)
    return sum(float(c.metadata.get("papermill", {}).get("duration") or 0.0) for c in nb.cells)


def run_ours(
    regions: str,
    tmp: Path,
    workers: int,
    *,
    name: str = "ours",
    extra: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> tuple[float, list[dict], list[float], float]:
    """Wall time, ok reports, their cell seconds and the runner's own seconds (manifest)."""
    cmd = [str(BIN / "vaikuttavuus"), "render", "--regions", regions, "--force",
           "--workers", str(workers), "--run-id", name, "--no-progress",
           "--out", str(tmp / "reports"), "--runs", str(tmp / "runs"), *extra]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - start
    path = tmp / "reports" / name / "manifest.json"
    if not path.is_file():
        raise RuntimeError(f"{name} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    manifest = json.loads(path.read_text("utf-8"))
    reports = manifest["reports"]
    for r in reports:
        if r["status"] != "ok":
            print(f"{name}: {r['name']} failed: {r['error']}", file=sys.stderr)
    reports = [r for r in reports if r["status"] == "ok"]
    cells = [_cell_seconds(Path(r["executed"])) for r in reports]
    return wall, reports, cells, float(manifest["seconds"])


def _overhead(reports: list[dict], cells: list[float]) -> float:
    return statistics.mean(r["seconds"] - c for r, c in zip(reports, cells, strict=True))


def _jobs(n: int | None) -> list:
    jobs = region_jobs("all")
    return jobs if n is None else jobs[:n]


def _regions(n: int | None) -> str:
    return "all" if n is None else ",".join(j.parameters["region_code"] for j in _jobs(n))


def run_peer(jobs: list, tmp: Path) -> tuple[float, list[float], list[float]]:
    """The sequential papermill CLI + nbconvert loop over ``jobs``: wall, per report, cells."""
    out = tmp / "peer"
    out.mkdir()
    per_report, cells = [], []
    start = time.perf_counter()
    for job in jobs:
        t0 = time.perf_counter()
        executed = out / f"{job.name}.ipynb"
        params = [x for k, v in job.parameters.items() for x in ("-r", k, str(v))]
        pm = subprocess.run(
            [str(BIN / "papermill"), str(job.notebook), str(executed), *params,
             "-k", "python3", "--cwd", str(job.notebook.parent), "--no-progress-bar"],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        if pm.returncode != 0:  # timed as spent, like a failed report of ours
            print(f"peer: {job.name} failed: {pm.stderr[-500:]}", file=sys.stderr)
            continue
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
             "--output-dir", str(out), str(executed)],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        per_report.append(time.perf_counter() - t0)
        cells.append(_cell_seconds(executed))
    return time.perf_counter() - start, per_report, cells


def main() -> list[dict]:
    n_env = os.environ.get("VAIKUTTAVUUS_BENCH_RENDER_N")
    n = int(n_env) if n_env else None
    n_reports = len(_jobs(n))
    workers = os.cpu_count() or 1
    floor = kernel_floor()
    plain_env = {**os.environ, "VAIKUTTAVUUS_FORK_KERNELS": "0"}
    tmp = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        regions = _regions(n)
        ours, ours_each, ours_cells, _ = run_ours(regions, tmp, workers)
        plain, plain_each, plain_cells, _ = run_ours(
            regions, tmp, workers, name="plain", env=plain_env
        )
        dask, dask_each, _, dask_runner = run_ours(
            regions, tmp, workers, name="dask", extra=("--scheduler", "local")
        )
        peer, peer_each, peer_cells = run_peer(_jobs(n), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ours_over = _overhead(ours_each, ours_cells)
    plain_over = _overhead(plain_each, plain_cells)
    ours_html = statistics.mean(r["html_seconds"] for r in ours_each)
    peer_over = statistics.mean(a - c for a, c in zip(peer_each, peer_cells, strict=True))
    nan = float("nan")
    row = {"ours_peak_mb": nan, "peer_peak_mb": nan}
    return [
        {
            **row,
            "benchmark": f"render {n_reports} region reports ({workers} workers; "
            f"ok: ours {len(ours_each)}, peer {len(peer_each)})",
            "ours_s": ours,
            "peer": "papermill CLI + jupyter nbconvert loop",
            "peer_s": peer,
            "ratio": peer / ours,
            "target": f">= {TARGET}x on 2 cores; ours {ours / n_reports:.2f} s/report wall",
        },
        {
            **row,
            "benchmark": "per-report overhead (wall - cell time)",
            "ours_s": ours_over,
            "peer": "papermill CLI + jupyter nbconvert",
            "peer_s": peer_over,
            "ratio": peer_over / ours_over,
            "target": f"<= kernel floor {floor:.2f} s; ours = {ours_over / floor:.2f}x floor "
            f"(of which HTML {ours_html:.2f} s)",
        },
        {
            **row,
            "benchmark": "forked kernels vs plain kernels (ours, same runner)",
            "ours_s": ours,
            "peer": "ours, VAIKUTTAVUUS_FORK_KERNELS=0",
            "peer_s": plain,
            "ratio": plain / ours,
            "target": f"overhead {ours_over:.2f} s vs {plain_over:.2f} s per report",
        },
        {
            **row,
            "benchmark": f"Dask LocalCluster ({workers} workers) vs local worker processes",
            "ours_s": ours,
            "peer": f"--scheduler local (ok {len(dask_each)}; runner {dask_runner:.1f} s)",
            "peer_s": dask,
            "ratio": dask / ours,
            "target": "cost of Dask = ratio - 1 (cluster start included in peer_s)",
        },
        {
            **row,
            "benchmark": "kernel start + empty cell (floor)",
            "ours_s": floor,
            "peer": "-",
            "peer_s": nan,
            "ratio": nan,
            "target": "measured, median of 5",
            "mean_cell_s": statistics.mean(ours_cells),
        },
    ]


if __name__ == "__main__":
    for row in main():
        print(row)
