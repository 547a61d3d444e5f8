"""Benchmark: parallel analysis (1000 iterations) vs R psych::fa.parallel(n.iter=1000).

Run:  .venv/bin/python bench/bench_parallel.py [n_iter_r]     (or via bench/run.py parallel)

Data: simulated 6-point Likert answers (two correlated factors, seeded numpy) of 168 x 26 and
168 x 31 (the size of the Vates 2020 survey), and psych::bfi items 1-25 (2800 x 25 with
missing values, tests/data/bfi.csv). Ours: ``parallel_analysis(kind="both", n_iter=1000)``
(simulated *and* resampled data, eigenvalues of R and of the one-factor minres solution, as
psych's default ``fa="both"``). Peer: ``psych::fa.parallel(x, fa="both", n.iter=1000,
plot=FALSE)`` timed inside R with system.time (R start-up and CSV reading excluded). psych
runs its iterations with ``mclapply`` on getOption("mc.cores", 2) forked workers, i.e. on both
cores of this machine; ours runs in one process with single-threaded BLAS. Python times are the
best of 2 calls (shared machine). Peak memory: tracemalloc for Python; for R the ``max used``
of gc() in the main R process (forked workers are not counted).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from _common import measure, run_r  # noqa: E402

from vaikuttavuus.parallel import parallel_analysis  # noqa: E402

N_ITER = 1000
TARGET = ">= 5x faster than psych::fa.parallel(n.iter=1000)"
TARGET_LARGE = ">= 20x faster than psych::fa.parallel(n.iter=1000)"  # bfi: large, with NA

R_SCRIPT = r"""
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])
n_iter <- as.integer(args[2])
set.seed(1)
invisible(gc(reset = TRUE))
tm <- system.time(res <- suppressMessages(capture.output(
  out <- psych::fa.parallel(x, fm = "minres", fa = "both", n.iter = n_iter, plot = FALSE))))
mem <- gc()
cat(sprintf('{"elapsed": %.6f, "nfact": %d, "ncomp": %d, "max_mb": %.3f}\n',
            tm[["elapsed"]], as.integer(out$nfact), as.integer(out$ncomp), sum(mem[, ncol(mem)])))
"""


def simulate_likert(n: int, k: int, seed: int) -> pd.DataFrame:
    """Two correlated factors (r = .4), loadings 0.5-0.8, 6-point answers; seeded."""
    rng = np.random.default_rng(seed)
    loadings = rng.uniform(0.5, 0.8, size=k)
    factors = rng.multivariate_normal([0, 0], [[1, 0.4], [0.4, 1]], size=n)
    which = np.arange(k) % 2
    z = factors[:, which] * loadings + rng.normal(size=(n, k)) * np.sqrt(1 - loadings**2)
    x = np.clip(np.rint(3.5 + 1.2 * z), 1, 6)
    return pd.DataFrame(x, columns=[f"q{i + 1}" for i in range(k)])


def _datasets() -> list[tuple[str, pd.DataFrame]]:
    bfi = pd.read_csv(ROOT / "tests" / "data" / "bfi.csv").iloc[:, :25]
    return [
        ("168x26 Likert", simulate_likert(168, 26, seed=1)),
        ("168x31 Likert", simulate_likert(168, 31, seed=2)),
        ("bfi 2800x25 (NA)", bfi),
    ]


def main(n_iter_r: int = N_ITER) -> list[dict]:
    rows: list[dict] = []
    parallel_analysis(simulate_likert(100, 10, 0), n_iter=20, kind="both", seed=0)  # warm-up
    for label, df in _datasets():
        t, m, res = measure(
            repeats=2, fn=lambda df=df: parallel_analysis(df, n_iter=N_ITER, kind="both", seed=1)
        )
        r = run_r(R_SCRIPT, df, n_iter_r)
        note = (
            f"ours: {res.suggested_factors} factors, {res.suggested_components} components "
            f"({res.n_fallback_fits} fallback fits)"
        )
        row = {
            "benchmark": f"parallel analysis {label}, fa='both', {N_ITER} iterations",
            "ours_s": t,
            "peer": "R psych::fa.parallel(n.iter=1000)",
            "peer_s": np.nan,
            "ratio": np.nan,
            "ours_peak_mb": m,
            "peer_peak_mb": np.nan,
            "target": TARGET_LARGE if label.startswith("bfi") else TARGET,
        }
        if r is not None:
            scale = N_ITER / n_iter_r
            row["peer_s"] = r["elapsed"] * scale
            row["ratio"] = row["peer_s"] / t
            row["peer_peak_mb"] = r["max_mb"]
            note += f"; psych: {r['nfact']} factors, {r['ncomp']} components"
            if scale != 1:
                note += f"; R ran n.iter={n_iter_r}, time scaled x{scale:g}"
        row["note"] = note
        rows.append(row)
    return rows


if __name__ == "__main__":
    quick = int(sys.argv[1]) if len(sys.argv) > 1 else N_ITER
    out = pd.DataFrame(main(quick))
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(out.drop(columns="note").to_string(index=False, float_format=lambda x: f"{x:.3g}"))
        for _, row in out.iterrows():
            print(f"- {row['benchmark']}: {row['note']}")
