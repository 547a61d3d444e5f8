"""The datasets of one region: read from a data directory and filtered to its municipalities.

File layout of a data directory (the embedded default data, package data
``vaikuttavuus/data/synthetic/``, use the
same layout, so a user's own directory is a drop-in replacement):

============================  ===============================================================
``episodes.csv[.gz]``         one row per rehabilitative work activity episode
``ips_clients.csv[.gz]``      one row per IPS client (status, site)
``ips_jobs.csv[.gz]``         one row per job an IPS client held (``client`` links)
``ips_fidelity.csv[.gz]``     one row per fidelity review of an IPS site (``site`` links)
``staff_survey.csv[.gz]``     one row per staff survey respondent (Vates 2020 instrument)
``manifest.json``             optional: how the files were made (seed, row counts, hashes)
============================  ===============================================================

Every file except ``ips_jobs`` and ``ips_fidelity`` has the columns ``municipality`` (the
official 3-digit municipality code of the person's home municipality or, for staff, their
workplace) and ``period`` (e.g. ``"2024"``); a region's rows are those of its municipalities in
the period, so an employment area and a wellbeing county are unions of the same municipality
rows and always agree. ``ips_jobs`` rows follow their clients; ``ips_fidelity`` rows are the
reviews, up to and including the period, of the sites that served the region's clients (its
``period`` is the review year). A missing file means
"no such data" (the report then omits the section with one sentence), not an error.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice
from ..io import ReadingLog, ReadingNotes, Schema, apply_schema, read_table
from . import _registry as R

__all__ = [
    "DATASETS",
    "RegionData",
    "RegionDataWarning",
    "data_periods",
    "default_data_dir",
    "read_dataset",
    "region_data",
]

#: Dataset names and what their rows are.
DATASETS: dict[str, str] = {
    "episodes": "rehabilitative work activity episodes",
    "ips_clients": "IPS clients",
    "ips_jobs": "jobs held by IPS clients",
    "ips_fidelity": "IPS site fidelity reviews",
    "staff_survey": "staff survey respondents",
}
_BY_MUNICIPALITY = ("episodes", "ips_clients", "staff_survey")
_KEYS = (
    "period", "county", "client", "site", "specialist", "group", "episode_id", "client_id",
    "provider", "service_type", "contract_type", "end_status", "sex", "mother_tongue",
    "respondent_id", "item",
)  # fmt: skip
_DATES = ("start", "end", "enrolled", "discharged", "review_date")
#: Column kinds of each dataset (declared here; read by :func:`vaikuttavuus.io.apply_schema`).
SCHEMAS: dict[str, Schema] = {
    name: Schema(
        required=(("municipality", "period") if name in _BY_MUNICIPALITY else ())
        + {
            "ips_clients": ("client", "site"),
            "ips_jobs": ("client",),
            "ips_fidelity": ("site",),
        }.get(name, ()),  # fmt: skip
        keys=_KEYS,
        dates=_DATES,
        municipality="municipality",
    )
    for name in DATASETS
}


class RegionDataWarning(UserWarning):
    """Rows of a data file that could not be placed in any municipality (counted, not used)."""


def default_data_dir() -> Path:
    """Directory of the embedded default data (package data ``vaikuttavuus/data/synthetic``).

    Returns
    -------
    pathlib.Path
        The folder inside the installed package (read with :mod:`importlib.resources`).

    References
    ----------
    See :func:`vaikuttavuus.regional.build_default_data`, which writes it.

    Examples
    --------
    >>> default_data_dir().name
    'synthetic'
    """
    return Path(str(resources.files("vaikuttavuus") / "data" / "synthetic"))


def read_dataset(data_dir: str | Path, name: str) -> pd.DataFrame | None:
    """Read one dataset file of a data directory (``.csv.gz`` or ``.csv``); None if absent.

    Parameters
    ----------
    data_dir : str or Path
        A data directory in the layout described in :mod:`vaikuttavuus.regional.data`.
    name : str
        One of :data:`DATASETS`.

    Returns
    -------
    DataFrame or None
        ``municipality`` read as 3-digit text, ``period``, ids and codes as trimmed text,
        dates (ISO, ``d.m.yyyy``, ``yyyymmdd``; one format per column) as datetimes, other
        columns as True/False or numbers when every cell is one (decimal comma allowed),
        else text; ``attrs["reading_log"]`` says what was coerced. ``;`` separators,
        Windows-1252 and ``.csv.gz`` are read as they are.

    Raises
    ------
    ValueError
        (:class:`vaikuttavuus.io.ReadError`) a truncated ``.csv.gz``, a missing required
        column (``municipality``, ``period``, ``client``, ``site``), an empty municipality
        cell, a date column in no single format: the message names file, column, row, value.

    References
    ----------
    See :mod:`vaikuttavuus.io` (the reading layer).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (pathlib.Path(d) / "episodes.csv").write_text("municipality,period\\n91,2024\\n")
    ...     read_dataset(d, "episodes")["municipality"].tolist()
    ['091']
    """
    check_choice("name", name, tuple(DATASETS))
    base = Path(data_dir)
    for suffix in (".csv.gz", ".csv"):
        path = base / f"{name}{suffix}"
        if path.is_file():
            stat = path.stat()
            frame, log = _read_csv(str(path.resolve()), stat.st_mtime_ns, stat.st_size, name)
            frame = frame.copy()
            frame.attrs["reading_log"] = log
            return frame
    return None


def data_periods(data_dir: str | Path | None = None) -> tuple[str, ...]:
    """The periods that have rows in a data directory's region datasets.

    Parameters
    ----------
    data_dir : str or Path, optional
        A data directory in the layout of this module; default the embedded data.

    Returns
    -------
    tuple of str
        Sorted periods of the datasets read by municipality (episodes, IPS clients, staff
        survey); empty when the directory has none of them.

    References
    ----------
    See :func:`region_data`, which selects one of these periods.

    Examples
    --------
    >>> data_periods()  # the embedded synthetic data
    ('2024',)
    """
    base = Path(data_dir) if data_dir else default_data_dir()
    found: set[str] = set()
    for name in _BY_MUNICIPALITY:
        table = read_dataset(base, name)
        if table is not None and "period" in table.columns:
            found.update(str(v) for v in table["period"].dropna().unique())
    return tuple(sorted(found))


@lru_cache(maxsize=16)
def _read_csv(path: str, mtime_ns: int, size: int, name: str) -> tuple[pd.DataFrame, ReadingLog]:
    """Read once per file version (67 regions from one file in one process read it once)."""
    notes = ReadingNotes()
    table = read_table(path, notes=notes)
    schema = SCHEMAS[name]
    if "municipality" not in table.frame.columns:
        schema = Schema(schema.required, schema.keys, schema.dates, None)
    frame = apply_schema(table.frame, schema, file=table.name, rows=table.rows, notes=notes)
    return frame, notes.log()


@dataclass(frozen=True, eq=False)
class RegionData(ResultMixin):
    """The datasets of one region and period (no rows of other municipalities).

    ``datasets`` maps each name of :data:`DATASETS` to a DataFrame or None (no such file or,
    for IPS, the region has no IPS clients). ``periods`` gives, per dataset read by
    municipality, the periods in which the region has rows at all. Aggregate use only: the
    report never shows rows.
    """

    region_type: str
    region_code: str
    period: str
    names: Mapping[str, str]
    region: pd.Series
    municipalities: pd.DataFrame
    datasets: Mapping[str, pd.DataFrame | None]
    data_dir: Path
    embedded: bool
    manifest: Mapping[str, Any] = field(default_factory=dict)
    periods: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    reading_log: ReadingLog = field(default_factory=ReadingLog)

    def name(self, language: str = "fi") -> str:
        """The region's name in ``language`` (``en`` uses the Finnish name)."""
        check_choice("language", language, ("fi", "sv", "en"))
        return self.names[language]

    def get(self, name: str) -> pd.DataFrame | None:
        """One dataset, or None when the region has none (a frame with rows otherwise)."""
        check_choice("name", name, tuple(DATASETS))
        frame = self.datasets.get(name)
        return None if frame is None or frame.empty else frame

    @property
    def population(self) -> int:
        """Population of the region (sum over its municipalities)."""
        return int(self.municipalities["population"].sum())

    def to_frame(self) -> pd.DataFrame:
        """One row per dataset: ``dataset``, ``rows`` (0 if absent), ``available``."""
        rows = []
        for key in DATASETS:
            frame = self.datasets.get(key)
            rows.append(
                {
                    "dataset": key,
                    "rows": 0 if frame is None else len(frame),
                    "available": self.get(key) is not None,
                }
            )
        return pd.DataFrame(rows)

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"{self.names['fi']} ({self.region_type} {self.region_code}, {self.period})",
            figures={
                "municipalities": len(self.municipalities),
                "population": self.population,
                "data": "embedded synthetic" if self.embedded else str(self.data_dir),
            },
            tables={"datasets": self.to_frame()},
        )


def region_data(
    region_type: str,
    region_code: str,
    *,
    period: str,
    data_dir: str | Path | None = None,
    regions: Any = None,
) -> RegionData:
    """Load the datasets of one region and period.

    Parameters
    ----------
    region_type : {"employment_area", "wellbeing_county"}
        Kind of region.
    region_code : str
        Registry code: ``"01"``..``"21"``, ``"90"`` for counties, the registry's area codes
        for employment areas (see :mod:`vaikuttavuus.regions`).
    period : str
        The period whose rows are used (e.g. ``"2024"``).
    data_dir : str or Path, optional
        A directory in the layout of :mod:`vaikuttavuus.regional.data`; None or ``""``: the
        embedded synthetic default data (:func:`default_data_dir`).
    regions : Regions, optional
        A region registry (default :func:`vaikuttavuus.regions.load_regions`).

    Returns
    -------
    RegionData

    Raises
    ------
    ValueError
        Unknown region type or code (the error lists the allowed ones).
    FileNotFoundError
        ``data_dir`` does not exist, or the embedded data are missing.

    References
    ----------
    Statistics Finland, municipality classification (codes), https://stat.fi/fi/luokitukset/kunta/

    Examples
    --------
    >>> d = region_data("wellbeing_county", "17", period="2024")  # embedded synthetic data
    >>> d.name("sv"), len(d.municipalities)
    ('Österbottens välfärdsområde', 14)
    >>> d.to_frame()[["dataset", "available"]].to_numpy().tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['episodes', True], ['ips_clients', True], ['ips_jobs', True], ['ips_fidelity', True],
     ['staff_survey', True]]
    """
    check_choice("region_type", region_type, R.REGION_TYPES)
    if not isinstance(period, str) or not period.strip():
        raise TypeError(f"period must be a non-empty string such as '2024', got {period!r}.")
    reg = R.load(regions)
    row = R.region_row(reg, region_type, str(region_code))
    munis = R.region_municipalities(reg, region_type, str(region_code))
    embedded = data_dir is None or str(data_dir) == ""
    base = default_data_dir() if embedded else Path(data_dir).expanduser().resolve()
    if not base.is_dir():
        hint = (
            " Run vaikuttavuus.regional.build_default_data() to create the embedded data."
            if embedded
            else ""
        )
        raise FileNotFoundError(f"data directory {str(base)!r} does not exist.{hint}")
    manifest: dict[str, Any] = {}
    if (base / "manifest.json").is_file():
        manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    codes = set(munis["code"])
    all_codes = set(R.municipalities(reg)["code"])
    datasets: dict[str, pd.DataFrame | None] = {}
    periods: dict[str, tuple[str, ...]] = {}
    notes = ReadingNotes()
    for key in _BY_MUNICIPALITY:
        frame = read_dataset(base, key)
        if frame is not None:
            notes.extend(frame.attrs["reading_log"])
            frame, periods[key] = _select(frame, key, codes, all_codes, period)
        datasets[key] = frame
    clients = datasets["ips_clients"]
    jobs, fidelity = read_dataset(base, "ips_jobs"), read_dataset(base, "ips_fidelity")
    for extra in (jobs, fidelity):
        if extra is not None:
            notes.extend(extra.attrs["reading_log"])
    if clients is None or clients.empty:
        datasets["ips_jobs"] = datasets["ips_fidelity"] = None
    else:
        ids, sites = set(clients["client"]), set(clients["site"])
        datasets["ips_jobs"] = (
            None if jobs is None else jobs[jobs["client"].isin(ids)].reset_index(drop=True)
        )
        if fidelity is not None:
            keep = fidelity["site"].isin(sites)
            if "period" in fidelity.columns:  # reviews up to the period (change over time)
                keep &= fidelity["period"].astype(str) <= period
            fidelity = fidelity[keep].reset_index(drop=True)
        datasets["ips_fidelity"] = fidelity
    names = {lang: R.name(row, lang) for lang in ("fi", "sv", "en")}
    return RegionData(
        region_type=region_type,
        region_code=str(region_code),
        period=period,
        names=names,
        region=row,
        municipalities=munis,
        datasets=datasets,
        data_dir=base,
        embedded=embedded,
        manifest=manifest,
        periods=periods,
        reading_log=notes.log(),
    )


def _select(
    frame: pd.DataFrame, key: str, codes: set[str], all_codes: set[str], period: str
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    missing = [c for c in ("municipality", "period") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{key}: the file has no column(s) {missing}; every row needs the 3-digit "
            "'municipality' code and the 'period'."
        )
    unknown = ~frame["municipality"].isin(all_codes)
    if unknown.any():
        first = sorted(set(frame.loc[unknown, "municipality"]))[:5]
        warnings.warn(
            f"{key}: {int(unknown.sum())} row(s) have a municipality code the registry does not "
            f"know (first: {first}); they belong to no region and are not used.",
            RegionDataWarning,
            stacklevel=3,
        )
    mine = frame["municipality"].isin(codes)
    periods = tuple(sorted(set(frame.loc[mine, "period"].dropna())))
    return frame[mine & (frame["period"] == period)].reset_index(drop=True), periods
