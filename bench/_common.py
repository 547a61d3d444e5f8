"""Shared timing helpers of the benchmarks (not part of the package)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd


def measure(
    fn: Callable[[], Any], repeats: int = 3, *, how: str = "best"
) -> tuple[float, float, Any]:
    """(seconds, peak MB, result) of ``fn``.

    ``how="best"`` takes the fastest of ``repeats`` calls (robust on a shared machine),
    ``how="median"`` warms up once and takes the median. tracemalloc runs in a separate
    call so that its bookkeeping does not inflate the time.
    """
    times = []
    if how == "median":
        fn()
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    seconds = min(times) if how == "best" else statistics.median(times)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return float(seconds), peak / 2**20, out


def run_r(script: str, df: pd.DataFrame, *args: Any) -> dict | None:
    """Run an R script on ``df`` (written to CSV) and parse the JSON of its last output line.

    The script gets the CSV path and ``args`` as trailing arguments and times itself inside R
    (R start-up is excluded). Returns None when ``Rscript`` is not installed.
    """
    rscript = shutil.which("Rscript")
    if rscript is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "x.csv"
        path = Path(tmp) / "bench.R"
        df.to_csv(csv, index=False)
        path.write_text(script, encoding="utf-8")
        proc = subprocess.run(
            [rscript, str(path), str(csv), *map(str, args)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(proc.stdout.strip().splitlines()[-1])


__all__ = ["measure", "run_r"]
