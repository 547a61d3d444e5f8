"""Benchmark: ML CFA (4 factors, 26 items) vs lavaan and semopy; polychoric matrix vs psych.

Run:  .venv/bin/python bench/bench_cfa.py      (or via bench/run.py cfa)

Data: simulated 5-point Likert answers like the Vates 2020 instrument (4 correlated factors with
8, 7, 6 and 5 items, loadings .5-.8; seeded numpy), N = 168 and N = 5000; for polychoric
30 items x 5000 rows (5 categories, 3 factors). Ours: ``cfa(df, model)`` (ML, standard errors,
fit measures, standardized solution, modification indices) and ``polychoric(df)``. Peers:
``lavaan::cfa(model, data)`` and ``psych::polychoric(x)`` timed inside R (median of repeated
``system.time``; R start-up and CSV reading excluded), and ``semopy.Model(desc).fit(df)`` +
``semopy.calc_stats`` (ML, "MLW" objective) in Python. BLAS is limited to one thread for the
Python contestants. The notes give the largest difference of the estimates to ours.
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

from vaikuttavuus.cfa import cfa  # noqa: E402
from vaikuttavuus.polychoric import polychoric  # noqa: E402

REPEATS = 5
SIZES = [8, 7, 6, 5]
ITEMS = [f"v{i + 1}" for i in range(sum(SIZES))]
MODEL = "\n".join(
    f"F{f + 1} =~ " + " + ".join(ITEMS[sum(SIZES[:f]) : sum(SIZES[: f + 1])])
    for f in range(len(SIZES))
)

R_CFA = r"""
suppressPackageStartupMessages(library(lavaan))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])
reps <- as.integer(args[2])
model <- gsub("\\\\n", "\n", args[3])
times <- numeric(reps)
for (i in seq_len(reps)) {
  times[i] <- system.time({
    fit <- lavaan::cfa(model, data = x)
    fm <- lavaan::fitMeasures(fit)
    pe <- lavaan::parameterEstimates(fit, standardized = TRUE)
    mi <- lavaan::modindices(fit)
  })[["elapsed"]]
}
cat(jsonlite::toJSON(list(elapsed = median(times), est = pe$est), digits = NA, auto_unbox = TRUE), "\n")
"""

R_POLY = r"""
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1])
reps <- as.integer(args[2])
times <- numeric(reps)
for (i in seq_len(reps)) {
  times[i] <- system.time(res <- psych::polychoric(x))[["elapsed"]]
}
cat(jsonlite::toJSON(list(elapsed = median(times), rho = unclass(res$rho)), digits = NA,
    auto_unbox = TRUE), "\n")
"""


def simulate(n: int, sizes: list[int], seed: int) -> pd.DataFrame:
    """Likert 1-5 answers of correlated factors (inter-factor correlation .3)."""
    rng = np.random.default_rng(seed)
    k, m = sum(sizes), len(sizes)
    phi = np.full((m, m), 0.3) + 0.7 * np.eye(m)
    f = rng.multivariate_normal(np.zeros(m), phi, size=n)
    which = np.repeat(np.arange(m), sizes)
    lam = rng.uniform(0.5, 0.8, size=k)
    z = f[:, which] * lam + rng.normal(size=(n, k)) * np.sqrt(1 - lam**2)
    x = np.digitize(z, [-1.3, -0.45, 0.35, 1.2]) + 1
    return pd.DataFrame(x, columns=[f"v{i + 1}" for i in range(k)])


def _cfa_rows(n: int) -> list[dict]:
    import semopy

    df = simulate(n, SIZES, seed=n)
    label = f"ML CFA 4 factors 26 items N={n}"
    t_ours, m_ours, res = measure(how="median", repeats=REPEATS, fn=lambda: cfa(df, MODEL))
    est = res.params["est"].to_numpy()
    rows = []

    def fit_semopy():
        model = semopy.Model(MODEL)
        model.fit(df.astype(float))
        return model, semopy.calc_stats(model)

    t_sem, m_sem, (model, _stats) = measure(how="median", repeats=REPEATS, fn=fit_semopy)
    insp = model.inspect()
    loads = insp[insp["op"] == "~"]  # semopy writes item ~ factor
    ours = res.params[res.params["op"] == "=~"].set_index(["lhs", "rhs"])["est"]
    diff = max(abs(r["Estimate"] - ours[(r["rval"], r["lval"])]) for _, r in loads.iterrows())
    rows.append(
        {
            "benchmark": label,
            "ours_s": t_ours,
            "peer": "semopy Model.fit + calc_stats",
            "peer_s": t_sem,
            "ratio": t_sem / t_ours,
            "ours_peak_mb": m_ours,
            "peer_peak_mb": m_sem,
            "target": "at least as fast as lavaan",
            "note": f"semopy {semopy.__version__}; max |loading diff| vs ours {diff:.3g}",
        }
    )
    r = run_r(R_CFA, df, REPEATS, MODEL.replace("\n", "\\n"))
    if r is not None:
        rows.append(
            {
                "benchmark": label,
                "ours_s": t_ours,
                "peer": "R lavaan::cfa + fitMeasures + parameterEstimates + modindices",
                "peer_s": r["elapsed"],
                "ratio": r["elapsed"] / t_ours,
                "ours_peak_mb": m_ours,
                "peer_peak_mb": np.nan,
                "target": "at least as fast as lavaan",
                "note": "R timed inside R (median system.time); max |est diff| vs ours "
                f"{np.max(np.abs(est - np.asarray(r['est'], float))):.3g}",
            }
        )
    return rows


def _poly_rows() -> list[dict]:
    df = simulate(5000, [10, 10, 10], seed=30)
    label = "polychoric 30 items x 5000"
    t_ours, m_ours, res = measure(how="median", repeats=REPEATS, fn=lambda: polychoric(df))
    r = run_r(R_POLY, df, 3)
    if r is None:
        return []
    diff = np.max(np.abs(res.rho.to_numpy() - np.asarray(r["rho"], float)))
    return [
        {
            "benchmark": label,
            "ours_s": t_ours,
            "peer": "R psych::polychoric",
            "peer_s": r["elapsed"],
            "ratio": r["elapsed"] / t_ours,
            "ours_peak_mb": m_ours,
            "peer_peak_mb": np.nan,
            "target": ">= 10x faster than psych",
            "note": f"R timed inside R (median system.time); max |rho diff| vs ours {diff:.3g}",
        }
    ]


def main() -> list[dict]:
    """Run with BLAS limited to one thread (small matrices; the machine is shared)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _cfa_rows(168) + _cfa_rows(5000) + _poly_rows()


if __name__ == "__main__":
    out = pd.DataFrame(main())
    with pd.option_context("display.width", 250, "display.max_colwidth", 200):
        print(out.drop(columns="note").to_string(index=False, float_format=lambda x: f"{x:.3g}"))
        for _, row in out.iterrows():
            print(f"- {row['benchmark']} vs {row['peer']}: {row['note']}")
