"""Round trip: the embedded synthetic data written out the way Finnish exports look
(``d.m.yyyy`` dates, decimal commas, ``;`` separators, Windows-1252) read back give identical
frames and identical report figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from vaikuttavuus.compensation import load_rate_card, payments, read_episodes, simulate_episodes
from vaikuttavuus.ips import ips_data, quarterly_metrics
from vaikuttavuus.regional import DATASETS, default_data_dir, region_data
from vaikuttavuus.regional.data import read_dataset

CARD = Path(__file__).parents[1] / "data" / "ratecards" / "tampere_illustrative.yaml"


def _card(start: str, end: str):
    """The illustrative prices for the years of the synthetic data."""
    spec = yaml.safe_load(CARD.read_text("utf-8"))
    spec["periods"][0]["start"], spec["periods"][0]["end"] = start, end
    return load_rate_card(spec)


def _finnish(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a Finnish Excel export writes them."""
    out = {}
    for col in frame.columns:
        s = frame[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            out[col] = [
                "" if pd.isna(v) else f"{v.day}.{v.month}.{v.year}" for v in s
            ]  # no zero padding, as Excel's default Finnish short date
        elif pd.api.types.is_float_dtype(s.dtype):
            out[col] = ["" if np.isnan(v) else repr(float(v)).replace(".", ",") for v in s]
        else:
            out[col] = s
    return pd.DataFrame(out)


def _write_finnish(frame: pd.DataFrame, path: Path) -> None:
    text = _finnish(frame).to_csv(sep=";", index=False, lineterminator="\r\n")
    path.write_bytes(text.encode("cp1252"))


@pytest.fixture(scope="module")
def dirs(tmp_path_factory) -> tuple[Path, Path]:
    base = default_data_dir()
    fi = tmp_path_factory.mktemp("finnish")
    for name in DATASETS:
        frame = read_dataset(base, name)
        if frame is not None:
            _write_finnish(frame, fi / f"{name}.csv")
    shutil.copy(base / "manifest.json", fi / "manifest.json")
    return base, fi


@pytest.mark.parametrize("name", list(DATASETS))
def test_datasets_identical(dirs, name):
    base, fi = dirs
    raw = (fi / f"{name}.csv").read_bytes()
    assert b";" in raw.split(b"\r\n")[0]
    original, back = read_dataset(base, name), read_dataset(fi, name)
    pd.testing.assert_frame_equal(back, original, check_exact=True)
    codes = back.attrs["reading_log"].counts()
    assert codes["encoding"] == 1
    if any(pd.api.types.is_datetime64_any_dtype(original[c].dtype) for c in original):
        detail = {e.detail for e in back.attrs["reading_log"].entries if e.code == "date_format"}
        assert detail == {"d.m.yyyy"}


def test_region_report_figures_identical(dirs):
    base, fi = dirs
    a = region_data("wellbeing_county", "05", period="2024", data_dir=base)
    b = region_data("wellbeing_county", "05", period="2024", data_dir=fi)
    for key in DATASETS:
        if a.datasets[key] is None:
            assert b.datasets[key] is None
        else:
            pd.testing.assert_frame_equal(b.datasets[key], a.datasets[key], check_exact=True)
    assert a.get("episodes") is not None and a.get("ips_clients") is not None
    ep_cols = [c for c in a.get("episodes").columns if c not in ("municipality", "period")]
    card = _card("2023-01-01", "2024-12-31")
    pa = payments(a.get("episodes")[ep_cols], card, period="quarter")
    pb = payments(b.get("episodes")[ep_cols], card, period="quarter")
    assert pa.total == pb.total and pa.total > 0
    pd.testing.assert_frame_equal(pb.table, pa.table, check_exact=True)
    qa = quarterly_metrics(ips_data(a.get("ips_clients"), a.get("ips_jobs")))
    qb = quarterly_metrics(ips_data(b.get("ips_clients"), b.get("ips_jobs")))
    pd.testing.assert_frame_equal(qb.table, qa.table, check_exact=True)


def test_simulated_episodes_finnish_csv(tmp_path):
    ep = simulate_episodes(monthly_clients=40, seed=3)
    _write_finnish(ep, tmp_path / "ep.csv")
    iso = tmp_path / "iso.csv"
    ep.to_csv(iso, index=False)
    back, plain = read_episodes(tmp_path / "ep.csv"), read_episodes(iso)
    pd.testing.assert_frame_equal(back, plain, check_exact=True)
    pa = payments(plain, "tampere_illustrative")
    pb = payments(back, "tampere_illustrative")
    assert pa.total == pb.total and pa.total > 0
