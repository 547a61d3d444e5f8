"""Benchmark: Cronbach's alpha with a 10,000-resample bootstrap CI vs R psych and pingouin.

Run:  .venv/bin/python bench/bench_alpha.py      (or via bench/run.py alpha)

Data: simulated 6-point Likert answers (one common factor, seeded numpy) of 168 x 26 and
5000 x 31. Ours: ``cronbach_alpha(ci="percentile", n_boot=10_000)`` (psych's boot.ci is the
percentile interval) and ``ci="bca"``. Peers: ``psych::alpha(x, n.iter = 10000)`` timed inside R
with system.time (R start-up and CSV reading excluded; psych resamples with mclapply, i.e. on
getOption("mc.cores", 2) forked workers), and ``pingouin.cronbach_alpha`` (point estimate and
its Feldt-type CI only, no bootstrap). Python times are the best of 3 calls (shared machine), R's is one call of ~minutes.
Peak memory: tracemalloc for Python; for R the
``max used`` of gc() in the main R process (forked mclapply workers are not counted).
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

from vaikuttavuus.reliability import cronbach_alpha  # noqa: E402

SIZES = [(168, 26), (5000, 31)]
N_BOOT = 10_000
TARGET = ">= 10x faster than psych::alpha(n.iter=10000)"

R_SCRIPT = r"""
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])
n_iter <- as.integer(args[2])
set.seed(1)
invisible(gc(reset = TRUE))
tm <- system.time(res <- psych::alpha(x, n.iter = n_iter, warnings = FALSE))
mem <- gc()
cat(sprintf('{"elapsed": %.6f, "alpha": %.12f, "boot_low": %.12f, "boot_high": %.12f, "max_mb": %.3f}\n',
            tm[["elapsed"]], res$total$raw_alpha, res$boot.ci[[1]], res$boot.ci[[3]],
            sum(mem[, ncol(mem)])))
"""


def simulate_likert(n: int, k: int, seed: int) -> pd.DataFrame:
    """One-factor 6-point Likert data (loadings 0.5-0.8), seeded."""
    rng = np.random.default_rng(seed)
    loadings = rng.uniform(0.5, 0.8, size=k)
    latent = rng.normal(size=(n, 1))
    z = latent * loadings + rng.normal(size=(n, k)) * np.sqrt(1 - loadings**2)
    x = np.clip(np.rint(3.5 + 1.2 * z), 1, 6)
    return pd.DataFrame(x, columns=[f"q{i + 1}" for i in range(k)])


def main(n_iter_r: int = N_BOOT) -> list[dict]:
    import pingouin

    rows: list[dict] = []
    for n, k in SIZES:
        df = simulate_likert(n, k, seed=n + k)
        label = f"alpha {n}x{k}"
        cronbach_alpha(df, ci="percentile", n_boot=200, seed=0)  # warm-up (imports, BLAS)

        t_pct, m_pct, res_pct = measure(
            repeats=3, fn=lambda df=df: cronbach_alpha(df, ci="percentile", n_boot=N_BOOT, seed=1)
        )
        t_bca, m_bca, res_bca = measure(
            repeats=3, fn=lambda df=df: cronbach_alpha(df, ci="bca", n_boot=N_BOOT, seed=1)
        )
        r = run_r(R_SCRIPT, df, n_iter_r)
        if r is not None:
            scale = N_BOOT / n_iter_r  # only != 1 when a quick run asks for fewer R resamples
            r_s = r["elapsed"] * scale
            note = (
                f"psych alpha={r['alpha']:.6f} boot.ci=[{r['boot_low']:.4f}, {r['boot_high']:.4f}]"
                f"; ours alpha={res_pct.alpha:.6f} pct=[{res_pct.ci_low:.4f}, "
                f"{res_pct.ci_high:.4f}] bca=[{res_bca.ci_low:.4f}, {res_bca.ci_high:.4f}]"
            )
            if scale != 1:
                note += f"; R ran n.iter={n_iter_r}, time scaled x{scale:g}"
            for what, t, m in (("percentile", t_pct, m_pct), ("BCa", t_bca, m_bca)):
                rows.append(
                    {
                        "benchmark": f"{label}, bootstrap {N_BOOT} ({what})",
                        "ours_s": t,
                        "peer": "R psych::alpha(n.iter=10000)",
                        "peer_s": r_s,
                        "ratio": r_s / t,
                        "ours_peak_mb": m,
                        "peer_peak_mb": r["max_mb"],
                        "target": TARGET,
                        "note": note,
                    }
                )
        t_ours, m_ours, res = measure(repeats=3, fn=lambda df=df: cronbach_alpha(df))
        t_pg, m_pg, pg = measure(repeats=3, fn=lambda df=df: pingouin.cronbach_alpha(df))
        rows.append(
            {
                "benchmark": f"{label}, point estimate + Feldt CI",
                "ours_s": t_ours,
                "peer": "pingouin.cronbach_alpha",
                "peer_s": t_pg,
                "ratio": t_pg / t_ours,
                "ours_peak_mb": m_ours,
                "peer_peak_mb": m_pg,
                "target": "same alpha; ours also computes psych's item statistics",
                "note": f"ours alpha={res.alpha:.10f}, pingouin alpha={pg[0]:.10f}",
            }
        )
    return rows


if __name__ == "__main__":
    quick = int(sys.argv[1]) if len(sys.argv) > 1 else N_BOOT
    out = pd.DataFrame(main(quick))
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(out.drop(columns="note").to_string(index=False, float_format=lambda x: f"{x:.3g}"))
        for _, row in out.iterrows():
            print(f"- {row['benchmark']}: {row['note']}")
