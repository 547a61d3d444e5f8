"""Benchmark: every municipality's report in each official language (the monthly municipal run).

Ours: ``vaikuttavuus render --regions municipalities --language all`` (292 municipalities,
the 33 bilingual ones in Finnish and Swedish: 325 reports), as in :mod:`bench_render`.
Peer: the sequential ``papermill`` CLI + ``jupyter nbconvert`` loop of :mod:`bench_render`,
timed over an evenly spaced sample of the same jobs (``VAIKUTTAVUUS_BENCH_PEER_N``, default
12) in the same run; its time for the whole run is the sample's mean per report times the
number of reports (a loop over all 325 would take about an hour). The row says so.
``VAIKUTTAVUUS_BENCH_RENDER_N=k`` renders only the first k municipalities (a quick check).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_render import _overhead, kernel_floor, run_ours, run_peer

from vaikuttavuus.render import region_jobs


def main() -> list[dict]:
    n_env = os.environ.get("VAIKUTTAVUUS_BENCH_RENDER_N")
    jobs = region_jobs("municipalities", language="all")
    if n_env:
        codes = sorted({j.parameters["region_code"] for j in jobs})[: int(n_env)]
        jobs = [j for j in jobs if j.parameters["region_code"] in codes]
    regions = ",".join(dict.fromkeys(j.parameters["region_code"] for j in jobs))
    k = min(len(jobs), int(os.environ.get("VAIKUTTAVUUS_BENCH_PEER_N", "12")))
    sample = [jobs[round(i * (len(jobs) - 1) / max(k - 1, 1))] for i in range(k)]
    workers = os.cpu_count() or 1
    floor = kernel_floor()
    tmp = Path(tempfile.mkdtemp(prefix="bench-municipal-"))
    try:
        ours, each, cells, _ = run_ours(
            regions, tmp, workers, name="municipal", extra=("--language", "all")
        )
        _, peer_each, _ = run_peer(sample, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    peer = statistics.mean(peer_each) * len(jobs)
    over = _overhead(each, cells)
    return [
        {
            "benchmark": f"render {len(jobs)} municipality reports ({workers} workers; "
            f"ok {len(each)})",
            "ours_s": ours,
            "peer": f"papermill CLI + nbconvert loop, mean of {len(peer_each)} sampled "
            f"reports x {len(jobs)}",
            "peer_s": peer,
            "ratio": peer / ours,
            "ours_peak_mb": float("nan"),
            "peer_peak_mb": float("nan"),
            "target": f">= 8x; ours {ours / len(jobs):.2f} s/report wall, overhead "
            f"{over:.2f} s/report vs kernel floor {floor:.2f} s",
        }
    ]


if __name__ == "__main__":
    for row in main():
        print(row)
