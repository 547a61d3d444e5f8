"""Benchmark: the open-data layer, cold and warm, and situation() for all 67 regions.

Run:  .venv/bin/python bench/bench_opendata.py      (or via bench/run.py opendata)

Ours, three measurements in one process:

* cold: every cache emptied, then every table read from the packaged snapshots (11ra, 12r5
  2026M06, the 12r5 series 2006-2023, Kela 2025) and aggregated to all four levels
  (municipality, employment area, wellbeing county, country);
* warm: the same calls again (served from the frozen caches, returning copies);
* situation warm: ``regional.situation(code)`` for the 45 areas and 22 counties after one
  warm-up call, total and per region. Goal: the layer adds under 0.2 s per report.

The "peer" of the warm rows is the cold run (ratio = cold / warm): what a report would pay
without the caches. Times: best of 3 calls (shared machine), except cold (each call starts
from empty caches); peak memory by tracemalloc in a separate call.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from _common import measure  # noqa: E402

from vaikuttavuus import opendata  # noqa: E402
from vaikuttavuus.opendata import _aggregate, tables  # noqa: E402
from vaikuttavuus.regional import situation as sit  # noqa: E402
from vaikuttavuus.regions import list_regions  # noqa: E402

TARGET = "open-data layer under 0.2 s per report (situation warm)"


def _clear() -> None:
    for fn in (
        tables._pxweb,
        tables._population,
        tables._unemployment,
        tables._series_table,
        tables._series,
        tables._cofinancing,
        _aggregate.registry,
        sit._tables,
        sit._country,
        sit._series,
    ):
        fn.cache_clear()


def _all_tables() -> int:
    rows = 0
    for level in opendata.LEVELS:
        rows += len(opendata.population(level))
        rows += len(opendata.unemployment(level))
        rows += len(opendata.unemployment_series(level))
        rows += len(opendata.cofinancing(level))
    return rows


def _cold() -> int:
    _clear()
    return _all_tables()


def main() -> list[dict]:
    codes = list_regions()["code"].tolist()
    cold_s, cold_mb, n_rows = measure(_cold, repeats=3)
    _all_tables()
    warm_s, warm_mb, _ = measure(_all_tables, repeats=3)
    sit.situation(codes[0])

    def _situations() -> int:
        return sum(len(sit.situation(c).municipalities) for c in codes)

    all_s, all_mb, _ = measure(_situations, repeats=3)
    _clear()
    first_s, _, _ = measure(lambda: sit.situation(codes[0]), repeats=1)
    return [
        {
            "benchmark": f"opendata cold: 4 tables x 4 levels ({n_rows} rows)",
            "ours_s": cold_s,
            "peer": "",
            "peer_s": None,
            "ratio": None,
            "ours_peak_mb": cold_mb,
            "peer_peak_mb": None,
            "target": "",
        },
        {
            "benchmark": "opendata warm: 4 tables x 4 levels",
            "ours_s": warm_s,
            "peer": "cold (no cache)",
            "peer_s": cold_s,
            "ratio": cold_s / warm_s,
            "ours_peak_mb": warm_mb,
            "peer_peak_mb": cold_mb,
            "target": "",
        },
        {
            "benchmark": "situation() first call, empty caches",
            "ours_s": first_s,
            "peer": "",
            "peer_s": None,
            "ratio": None,
            "ours_peak_mb": None,
            "peer_peak_mb": None,
            "target": "",
        },
        {
            "benchmark": f"situation() warm, {len(codes)} regions, per region",
            "ours_s": all_s / len(codes),
            "peer": "",
            "peer_s": None,
            "ratio": None,
            "ours_peak_mb": all_mb,
            "peer_peak_mb": None,
            "target": TARGET,
        },
    ]


if __name__ == "__main__":
    import pandas as pd

    pd.set_option("display.width", 200)
    print(pd.DataFrame(main()).to_string(index=False))
