"""Run every benchmark and print ours vs the peer measured in the same run.

Usage (from the repository root):  make bench      or   .venv/bin/python bench/run.py [topic ...]

Each ``bench/bench_<topic>.py`` has ``main() -> list[dict]`` returning rows with
``benchmark, ours_s, peer, peer_s, ratio, ours_peak_mb, peer_peak_mb, target``
(``ratio`` = peer time / our time, so 10 means we are 10x faster). R peers are timed
inside R (start-up excluded) and are skipped when ``Rscript`` is not installed.
"""

from __future__ import annotations

import importlib.util
import platform
import sys
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
COLUMNS = [
    "benchmark",
    "ours_s",
    "peer",
    "peer_s",
    "ratio",
    "ours_peak_mb",
    "peer_peak_mb",
    "target",
]


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    wanted = set(argv)
    rows: list[dict] = []
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        topic = path.stem.removeprefix("bench_")
        if wanted and topic not in wanted:
            continue
        start = time.perf_counter()
        print(f"# {topic} ...", flush=True)
        try:
            rows += _load(path).main()
        except Exception as exc:  # a failing benchmark is reported, the others still run
            failed.append(f"{topic}: {type(exc).__name__}: {exc}")
        print(f"#   done in {time.perf_counter() - start:.1f} s", flush=True)
    print(f"\nmachine: {platform.platform()}, python {platform.python_version()}")
    if rows:
        table = pd.DataFrame(rows)
        table = table[[c for c in COLUMNS if c in table] + [c for c in table if c not in COLUMNS]]
        with pd.option_context("display.width", 200, "display.max_colwidth", 60):
            print(table.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    for f in failed:
        print(f"FAILED {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
