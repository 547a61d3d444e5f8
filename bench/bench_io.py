"""Benchmark: reading 1,000,000 episode rows from a Finnish CSV export.

Run:  .venv/bin/python bench/bench_io.py      (or via bench/run.py io)

Data: 1,000,000 episode rows written the way Finnish exports look: ``;`` separators,
``d.m.yyyy`` dates without zero padding (``start``, ``end``; ``end`` empty while active),
decimal commas in ``months_unemployed``, Windows-1252 provider names. Ours: the reading
layer as :func:`vaikuttavuus.compensation.read_episodes` uses it (``read_table``: encoding,
separator decided over every line, field count of every line checked; then
``parse_dates`` for both date columns, one format per column over all values;
``parse_numbers`` for the numbers, ``clean_keys`` for ids and codes). Peer: plain
``pd.read_csv(path, sep=";", decimal=",", parse_dates=["start", "end"], dayfirst=True,
encoding="cp1252")``, which guesses the date format from the first value and checks
nothing. Times: best of 3 calls; peak memory from tracemalloc in a separate call.
Target: ours at most 1.5x the peer's time (ratio >= 0.67).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from _common import measure  # noqa: E402

from vaikuttavuus.io import (  # noqa: E402
    clean_keys,
    parse_dates,
    parse_numbers,
    read_table,
)

N = 1_000_000
PROVIDERS = ["Palvelu Ääritalo Oy", "Provider B", "Työpaja Örö", "Provider D", "Säätiö E"]


def make_file(path: Path, n: int = N, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2019-01-01", "2024-12-31", freq="D")
    fi = np.array([f"{d.day}.{d.month}.{d.year}" for d in days], dtype=object)
    s = rng.integers(0, len(days) - 400, n)
    e = s + rng.integers(1, 400, n)
    active = rng.random(n) < 0.1
    end = np.where(active, "", fi[np.minimum(e, len(days) - 1)])
    months = np.round(rng.gamma(2.0, 6.0, n), 1).astype(str)
    frame = pd.DataFrame({
        "episode_id": [f"E{i:07d}" for i in range(n)],
        "client_id": [f"C{i:07d}" for i in rng.integers(0, n // 2, n)],
        "provider": np.array(PROVIDERS, dtype=object)[rng.integers(0, len(PROVIDERS), n)],
        "service_type": np.array(["1A", "1B", "1C", "individual"])[rng.integers(0, 4, n)],
        "contract_type": np.where(rng.random(n) < 0.5, "fixed", "outcome_based"),
        "start": fi[s],
        "end": end,
        "end_status": np.where(active, "active", "work"),
        "age": rng.integers(18, 65, n),
        "months_unemployed": np.char.replace(months, ".", ","),
    })  # fmt: skip
    text = frame.to_csv(sep=";", index=False, lineterminator="\r\n")
    path.write_bytes(text.encode("cp1252"))


def ours(path: Path) -> pd.DataFrame:
    t = read_table(path)
    f = t.frame
    out = {}
    for col in ("episode_id", "client_id", "provider", "service_type", "contract_type",
                "end_status"):  # fmt: skip
        out[col] = clean_keys(f[col], column=col, file=t.name)
    for col in ("start", "end"):
        out[col] = parse_dates(f[col], column=col, file=t.name, rows=t.rows)
    for col in ("age", "months_unemployed"):
        out[col] = parse_numbers(f[col], column=col, file=t.name, rows=t.rows)
    return pd.DataFrame(out)


def peer(path: Path) -> pd.DataFrame:
    return pd.read_csv(
        path, sep=";", decimal=",", parse_dates=["start", "end"], dayfirst=True,
        encoding="cp1252",
    )  # fmt: skip


def main() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "episodes.csv"
        make_file(path)
        ours_s, ours_mb, a = measure(lambda: ours(path), repeats=3)
        peer_s, peer_mb, b = measure(lambda: peer(path), repeats=3)
    same = (
        a["start"].equals(b["start"].astype("datetime64[ns]"))
        and a["end"].equals(b["end"].astype("datetime64[ns]"))
        and np.allclose(a["months_unemployed"], b["months_unemployed"])
    )
    return [
        {
            "benchmark": f"read {N:,} Finnish episode rows (d.m.yyyy, ';', cp1252)"
            + ("" if same else " [DATES DIFFER FROM PEER]"),
            "ours_s": ours_s,
            "peer": "pd.read_csv(dayfirst=True)",
            "peer_s": peer_s,
            "ratio": peer_s / ours_s,
            "ours_peak_mb": ours_mb,
            "peer_peak_mb": peer_mb,
            "target": "ours <= 1.5x peer (ratio >= 0.67)",
        }
    ]


if __name__ == "__main__":
    for row in main():
        print(row)
