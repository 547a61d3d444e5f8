"""Reading the open-data snapshots: PxWeb JSON and CSV files, shipped or updated.

Every table has a key in :data:`TABLES` with its file, authority, table id, period and
provenance. :func:`table_path` returns the file to read: a valid newer file in the user
cache written by ``vaikuttavuus data update`` when there is one, else the packaged snapshot.
Readers raise :class:`SnapshotError` naming the file and what was expected.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

WITHHELD = "..."
MAPS = "OskarWestmeijer/maps"
LICENCE = "CC BY 4.0"


class SnapshotError(ValueError):
    """An open-data file is missing, truncated or not of the expected shape."""


@dataclass(frozen=True)
class Table:
    """One open-data table: where its snapshot is and where it comes from."""

    key: str
    file: str
    authority: str
    table: str
    period: str
    retrieved_from: str
    commit: str
    url: str

    def source(self, period: str | None = None, *, origin: str = "package snapshot") -> dict:
        """The provenance as a plain dict (``period`` overrides the snapshot's period)."""
        return {
            "authority": self.authority,
            "table": self.table,
            "period": period or self.period,
            "retrieved_from": self.retrieved_from,
            "commit": self.commit,
            "url": self.url,
            "licence": LICENCE,
            "origin": origin,
        }


STATFIN = "https://pxdata.stat.fi/PxWeb/api/v1/fi/StatFin"
TABLES: dict[str, Table] = {
    t.key: t
    for t in (
        Table(
            "population",
            "statfin_vaerak_11ra_2025_municipalities.json",
            "Tilastokeskus (Statistics Finland), Väestörakenne",
            "11ra",
            "31.12.2025",
            f"{MAPS} static/data/age_register_kunnat_11ra.json",
            "1dccc323f4f1bcc94f30ec8cf172888777e0bb8b",
            f"{STATFIN}/vaerak/statfin_vaerak_pxt_11ra.px",
        ),
        Table(
            "unemployment",
            "statfin_tyonv_12r5_2026M06_all_areas.json",
            "Tilastokeskus / KEHA-keskus, Työnvälitystilasto (Employment Service Statistics)",
            "12r5",
            "2026M06",
            f"{MAPS} static/data/unemployment_register_kunnat_12r5.json",
            "94494b450b94319490435776e3511f05b5595ab1",
            f"{STATFIN}/tyonv/statfin_tyonv_pxt_12r5.px",
        ),
        Table(
            "unemployment_series",
            "statfin_tyonv_12r5_2006M01-2023M10_kohtaantoindeksit.csv.gz",
            "Tilastokeskus / KEHA-keskus, Työnvälitystilasto (Employment Service Statistics)",
            "12r5",
            "2006M01-2023M10",
            "pttry/kohtaantoindeksit data/tyonv_12r5.rda",
            "ad3341826db4be1b343d88c860f90a4df044412c",
            f"{STATFIN}/tyonv/statfin_tyonv_pxt_12r5.px",
        ),
        Table(
            "cofinancing",
            "kela_kuntaosuus_tyottomyysetuudet_2025_kunnat.csv",
            "Kela, municipal share of unemployment benefits (TE24 co-financing)",
            "Kela open data (kuntaosuus)",
            "2025",
            "mikkokesa/tyottomyysturvatyokalu mk_kela_osarahoittama_kunnittain_2025.csv",
            "fd0bb911a785ff39159abbe919c3ca1eeadd3883",
            "https://www.kela.fi/tilastot",
        ),
    )
}
#: Tables the updater fetches from Statistics Finland's PxWeb API (the rest: package only).
UPDATABLE = ("population", "unemployment")


def package_dir() -> Path:
    """Folder of the packaged snapshots."""
    return Path(str(resources.files("vaikuttavuus.opendata") / "data"))


def cache_dir() -> Path:
    """User cache of ``vaikuttavuus data update`` (``VAIKUTTAVUUS_OPENDATA_CACHE`` overrides)."""
    env = os.environ.get("VAIKUTTAVUUS_OPENDATA_CACHE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("vaikuttavuus")) / "opendata"


def cached_file(key: str) -> Path:
    """Where the updater stores table ``key`` (PxWeb JSON)."""
    return cache_dir() / f"{key}.json"


def stamp(path: Path) -> tuple[str, int, int]:
    """An immutable cache key for a file: path, modification time and size."""
    if not path.is_file():
        raise SnapshotError(f"{path}: open-data file missing; expected a snapshot of the table.")
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


def read_text(path: Path, what: str) -> str:
    """The text of a (possibly gzipped) snapshot; ``SnapshotError`` if it is missing."""
    if not path.is_file():
        raise SnapshotError(f"{path}: open-data file missing; expected {what}.")
    try:
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{path}: unreadable ({exc}); expected {what}.") from None


def parse_pxweb(text: str, path: Path | str, *, time_code: str | None = None) -> pd.DataFrame:
    """A PxWeb ``json`` response as a frame: ``area``, ``period`` and one column per measure
    (float; withheld ``"..."`` cells NaN).

    Expected shape: ``{"columns": [{"code", "type"}...], "data": [{"key": [area, period],
    "values": [...]}...]}`` with two dimension/time columns ("d", "t") first, then the
    measures ("c").
    """
    what = (
        "a PxWeb JSON response with 'columns' (an area and a time column, then measures) "
        "and 'data' rows of 'key' [area, period] and 'values'"
    )
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SnapshotError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); expected {what}."
        ) from None
    if (
        not isinstance(doc, dict)
        or not isinstance(doc.get("columns"), list)
        or not isinstance(doc.get("data"), list)
    ):
        raise SnapshotError(f"{path}: unexpected shape; expected {what}.")
    cols = doc["columns"]
    types = [c.get("type") if isinstance(c, dict) else None for c in cols]
    if len(cols) < 3 or sorted(types[:2]) != ["d", "t"] or any(t != "c" for t in types[2:]):
        raise SnapshotError(f"{path}: columns of types {types}; expected {what}.")
    if not doc["data"]:
        raise SnapshotError(f"{path}: no data rows; expected {what}.")
    area_i = types.index("d")
    measures = [c["code"] for c in cols[2:]]
    n = len(measures)
    keys, values = [], []
    for i, row in enumerate(doc["data"]):
        key, vals = (
            row.get("key") if isinstance(row, dict) else None,
            row.get("values") if isinstance(row, dict) else None,
        )
        if not (
            isinstance(key, list) and len(key) == 2 and isinstance(vals, list) and len(vals) == n
        ):
            raise SnapshotError(
                f"{path}: data row {i} has key {key!r} and {len(vals) if isinstance(vals, list) else 'no'} values; expected {what} ({n} values per row)."
            )
        keys.append((key[area_i], key[1 - area_i]))
        values.append(vals)
    arr = np.array(values, dtype=object)
    frame = pd.DataFrame(arr, columns=measures)
    bad = []
    for m in measures:
        col = frame[m].replace({WITHHELD: np.nan, "-": np.nan, ".": np.nan})
        num = pd.to_numeric(col, errors="coerce")
        if (num.isna() & col.notna()).any():
            bad.append(m)
        frame[m] = num.astype(float)
    if bad:
        raise SnapshotError(
            f"{path}: non-numeric values in {', '.join(bad)}; expected numbers or '...' (withheld)."
        )
    frame.insert(0, "period", [k[1] for k in keys])
    frame.insert(0, "area", [k[0] for k in keys])
    frame.attrs["updated"] = _updated(doc)
    return frame


def _updated(doc: dict) -> str:
    meta = doc.get("metadata")
    if isinstance(meta, list) and meta and isinstance(meta[0], dict):
        return str(meta[0].get("updated", ""))
    return ""


def read_csv(path: Path, columns: dict[str, str], what: str) -> pd.DataFrame:
    """A CSV snapshot with ``columns`` (name -> dtype "str"/"float"); ``SnapshotError`` if a
    column is missing, a number unparsable or the file empty."""
    import io

    text = read_text(path, what)
    fast = _read_csv_fast(text, columns)
    if fast is not None:
        return fast
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SnapshotError(f"{path}: not a CSV table ({exc}); expected {what}.") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing or frame.empty:
        raise SnapshotError(
            f"{path}: {'missing column(s) ' + ', '.join(missing) if missing else 'no rows'}; "
            f"expected {what} with columns {', '.join(columns)}."
        )
    frame = frame[list(columns)].copy()
    for col, kind in columns.items():
        if kind != "float":
            continue
        raw = frame[col].replace({"": np.nan, "NA": np.nan, WITHHELD: np.nan})
        num = pd.to_numeric(raw, errors="coerce")
        bad = num.isna() & raw.notna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise SnapshotError(
                f"{path}: column {col!r}, row {i + 2}: value {frame[col].iloc[i]!r} is not a "
                "number; expected numbers (empty or NA = withheld)."
            )
        frame[col] = num.astype(float)
    return frame


def pxweb_files(key: str) -> tuple[tuple[Path, str], ...]:
    """The PxWeb files of table ``key`` in reading order with their origin: the packaged
    snapshot, then the user cache of ``vaikuttavuus data update`` if it holds the table (its
    periods replace the snapshot's, so the newest data win)."""
    files = [(package_dir() / TABLES[key].file, "package snapshot")]
    cached = cached_file(key)
    if key in UPDATABLE and cached.is_file():
        retrieved = ""
        try:
            manifest = json.loads((cache_dir() / "manifest.json").read_text(encoding="utf-8"))
            retrieved = f", retrieved {manifest[key]['retrieved']}"
        except (OSError, ValueError, KeyError, TypeError):
            pass
        files.append((cached, f"user cache (vaikuttavuus data update{retrieved})"))
    return tuple(files)


def _read_csv_fast(text: str, columns: dict[str, str]) -> pd.DataFrame | None:
    """The common case in one C-parser pass; None when anything is off (the careful path
    then names the problem)."""
    import io

    try:
        frame = pd.read_csv(
            io.StringIO(text),
            usecols=list(columns),
            dtype={c: (str if k == "str" else float) for c, k in columns.items()},
            na_values={c: ["", "NA", WITHHELD] for c, k in columns.items() if k == "float"},
            keep_default_na=False,
        )
    except (ValueError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    return None if frame.empty else frame[list(columns)]
