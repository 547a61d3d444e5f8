"""The embedded default data: seeded synthetic data for every municipality, hence every region.

:func:`build_default_data` runs the package's own simulators once per municipality of the
registry and writes the files of the layout in :mod:`vaikuttavuus.regional.data` to
package data ``vaikuttavuus/data/synthetic/`` (committed, gzip CSV with a fixed timestamp so that a rebuild is byte
identical). Every municipality gets its own random stream, ``SeedSequence([seed, code])``
with three spawned children (episodes, IPS, staff survey), so a municipality's rows do not
depend on which other municipalities exist, and every employment area and wellbeing county is
the exact union of its municipalities' rows.

Sizes follow the municipality's real population (the registry's ``population``): the number
of rows follows ``population x rate``:

* rehabilitative work activity episodes: every municipality, from
  :func:`vaikuttavuus.compensation.simulate_episodes` with
  ``monthly_clients = population x MONTHLY_CLIENT_RATE`` (see ``_generators``), which gives
  the published national number of starts a year;
* IPS clients (IPS and comparison group, enrolled from 2023 to the end of the period, with
  their jobs): ``IPS_YEARLY_RATE`` a year, from :func:`vaikuttavuus.ips.synthetic.simulate_ips`,
  only in the six wellbeing counties of the national IPS expansion project, whose sites the
  IPS module lists (:func:`vaikuttavuus.ips.synthetic.ips_sites`); IPS-25 fidelity reviews,
  one a year per site, from :func:`~vaikuttavuus.ips.synthetic.simulate_fidelity`;
* staff survey respondents: :data:`SURVEY_RATE`, only in the six wellbeing counties funded in
  2023-2024 to introduce quality-criteria-based job coaching (:data:`SURVEY_COUNTIES`): the
  Vates 2020 instrument asks job-coaching staff about their work, so a staff survey is
  plausible exactly where job coaching was being developed. Elsewhere there is no survey and
  the report says so.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_int
from . import _registry as R
from ._generators import IPS_YEARLY_RATE, MONTHLY_CLIENT_RATE, ips_counties
from .data import DATASETS, default_data_dir

__all__ = [
    "MASTER_SEED",
    "PERIOD",
    "SURVEY_COUNTIES",
    "SURVEY_RATE",
    "BuildResult",
    "build_default_data",
    "municipality_data",
]

#: Master seed of the embedded data.
MASTER_SEED = 2025
#: The period the embedded data describe.
PERIOD = "2024"
#: Staff survey respondents per inhabitant in the survey counties.
SURVEY_RATE = 0.5e-3
#: Wellbeing counties funded 2023-2024 for quality-criteria-based job coaching (seeds/001,
#: "Työkykyohjelman laajentaminen": Pohjois-Pohjanmaa 19, Pohjois-Savo 13, Pohjanmaa 17,
#: Varsinais-Suomi 05, Satakunta 06, Päijät-Häme 09).
SURVEY_COUNTIES = ("05", "06", "09", "13", "17", "19")
#: Key of the fidelity reviews' stream: ``SeedSequence([seed, FIDELITY_KEY])`` (not a
#: municipality code; reviews belong to sites, not municipalities).
FIDELITY_KEY = 1000


@dataclass(frozen=True, eq=False)
class BuildResult(ResultMixin):
    """What :func:`build_default_data` wrote: one row per file (rows, bytes, sha256)."""

    out_dir: Path
    files: pd.DataFrame
    seed: int
    seconds: float

    def to_frame(self) -> pd.DataFrame:
        """One row per file: ``dataset``, ``file``, ``rows``, ``bytes``, ``sha256``."""
        return self.files.copy()

    def _summary_parts(self) -> Summary:
        megabytes = round(float(self.files["bytes"].sum()) / 1e6, 2)
        return Summary(
            title=f"Default data in {self.out_dir}",
            figures={
                **self._fields("seed"),
                "megabytes": megabytes,
                "seconds": round(self.seconds, 1),
            },
            tables={"files": self.files.drop(columns="sha256")},
        )


def _streams(seed: int, code: str) -> list[np.random.SeedSequence]:
    return np.random.SeedSequence([seed, int(code)]).spawn(3)


def municipality_data(
    code: str,
    population: int,
    county_code: str,
    *,
    seed: int = MASTER_SEED,
    period: str = PERIOD,
) -> dict[str, pd.DataFrame]:
    """The synthetic rows of one municipality (what :func:`build_default_data` writes).

    Parameters
    ----------
    code : str
        Official 3-digit municipality code.
    population : int
        The municipality's population (sets the expected number of rows).
    county_code : str
        Its wellbeing county ("01".."21", "90"): IPS clients exist only in the counties with
        IPS sites, survey respondents only in :data:`SURVEY_COUNTIES`.
    seed : int
        Master seed; the municipality's streams are ``SeedSequence([seed, int(code)])``.
    period : str
        Value of the ``period`` column.

    Returns
    -------
    dict of DataFrame
        Keyed by the names of :data:`~vaikuttavuus.regional.data.DATASETS`; empty frames
        where the municipality has no rows.

    References
    ----------
    NumPy: SeedSequence and spawning independent streams,
    https://numpy.org/doc/stable/reference/random/parallel.html

    Examples
    --------
    >>> rows = municipality_data("091", 656_920, "90", seed=1)
    >>> len(rows["staff_survey"]), len(rows["ips_clients"])  # no survey, no IPS in Helsinki
    (0, 0)
    >>> rows["episodes"]["municipality"].unique().tolist()
    ['091']
    """
    code = str(code).zfill(3)
    population = check_int("population", population, minimum=0)
    s_epi, s_ips, s_survey = _streams(seed, code)
    out: dict[str, pd.DataFrame] = {}
    out["episodes"] = _episodes(code, population, s_epi, period)
    out["ips_clients"], out["ips_jobs"] = _ips(code, population, county_code, s_ips, period)
    out["staff_survey"] = _survey(code, population, county_code, s_survey, period)
    return out


def _poisson(mean: float, ss: np.random.SeedSequence) -> tuple[int, np.random.SeedSequence]:
    size_ss, data_ss = ss.spawn(2)
    return int(np.random.default_rng(size_ss).poisson(mean)), data_ss


def _survey(
    code: str, population: int, county: str, ss: np.random.SeedSequence, period: str
) -> pd.DataFrame:
    from ..studies.vates2020.simulate import simulate

    n, data_ss = _poisson(population * SURVEY_RATE, ss) if county in SURVEY_COUNTIES else (0, ss)
    if n == 0:
        return pd.DataFrame()
    # the simulator needs n >= 10: draw at least 10 i.i.d. respondents and keep the first n
    sim = simulate(max(n, 10), data_ss).iloc[:n]
    sim = sim.drop(columns="respondent")
    sim.insert(0, "respondent_id", [f"{code}-{i + 1:04d}" for i in range(n)])
    sim.insert(1, "municipality", code)
    sim.insert(2, "period", period)
    return sim.reset_index(drop=True)


def _episodes(code: str, population: int, ss: np.random.SeedSequence, period: str) -> pd.DataFrame:
    from . import _generators

    return _generators.episodes(code, population, ss, period)


def _ips(
    code: str, population: int, county: str, ss: np.random.SeedSequence, period: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    from . import _generators as G

    if county not in G.ips_counties():
        return pd.DataFrame(), pd.DataFrame()
    n, data_ss = _poisson(G.ips_size(population, period), ss)
    return G.ips(code, county, n, data_ss, period)


def registry_fingerprint(municipalities: pd.DataFrame) -> str:
    """SHA-256 of the municipalities' codes, counties and populations (what sizes the data)."""
    cols = municipalities[["code", "county_code", "population"]].astype(str)
    blob = cols.sort_values("code").to_csv(index=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def build_default_data(
    out_dir: str | Path | None = None,
    *,
    seed: int = MASTER_SEED,
    period: str = PERIOD,
    regions: Any = None,
) -> BuildResult:
    """Generate the embedded synthetic data of every municipality and write them.

    Parameters
    ----------
    out_dir : str or Path, optional
        Target directory (created); default :func:`~vaikuttavuus.regional.default_data_dir`.
    seed : int, default :data:`MASTER_SEED`
        Master seed; the same seed gives byte-identical files.
    period : str, default :data:`PERIOD`
        Value of the ``period`` column of every row.
    regions : Regions, optional
        Registry whose municipalities and populations are used (default
        :func:`vaikuttavuus.regions.load_regions`).

    Returns
    -------
    BuildResult
        The files with row counts, sizes and SHA-256 hashes (also in ``manifest.json``).

    References
    ----------
    NumPy: SeedSequence, https://numpy.org/doc/stable/reference/random/parallel.html

    Examples
    --------
    One municipality (a registry with only Vaasa) instead of all 292:

    >>> import tempfile
    >>> from types import SimpleNamespace
    >>> from vaikuttavuus.regions import default_regions
    >>> m = default_regions().municipalities
    >>> vaasa = SimpleNamespace(municipalities=m[m["code"] == "905"])
    >>> res = build_default_data(tempfile.mkdtemp(), regions=vaasa)
    >>> res.to_frame()["dataset"].tolist()
    ['episodes', 'ips_clients', 'ips_jobs', 'ips_fidelity', 'staff_survey']
    """
    start = time.perf_counter()
    seed = check_int("seed", seed, minimum=0)
    out = default_data_dir() if out_dir is None else Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    munis = R.municipalities(R.load(regions))
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in DATASETS}
    for m in munis.itertuples(index=False):
        rows = municipality_data(m.code, m.population, m.county_code, seed=seed, period=period)
        for key, frame in rows.items():
            if not frame.empty:
                parts[key].append(frame)
    if parts["ips_clients"]:
        from ._generators import fidelity

        parts["ips_fidelity"].append(fidelity(np.random.SeedSequence([seed, FIDELITY_KEY]), period))
    files = []
    for key in DATASETS:
        if not parts[key]:
            continue
        frame = pd.concat(parts[key], ignore_index=True)
        path = out / f"{key}.csv.gz"
        frame.to_csv(
            path, index=False, float_format="%.6g", compression={"method": "gzip", "mtime": 0}
        )
        blob = path.read_bytes()
        files.append(
            {
                "dataset": key,
                "file": path.name,
                "rows": len(frame),
                "bytes": len(blob),
                "sha256": hashlib.sha256(blob).hexdigest(),
            }
        )
    table = pd.DataFrame(files)
    manifest = {
        "description": "Synthetic example data (no real persons), generated per municipality "
        "by vaikuttavuus.regional.build_default_data.",
        "seed": seed,
        "period": period,
        "rates_per_inhabitant": {
            "episodes_monthly_clients": MONTHLY_CLIENT_RATE,
            "ips_clients_per_year": IPS_YEARLY_RATE,
            "staff_survey": SURVEY_RATE,
        },
        "ips_counties": list(ips_counties()),
        "survey_counties": list(SURVEY_COUNTIES),
        "municipalities": len(munis),
        "registry_sha256": registry_fingerprint(munis),
        "files": files,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return BuildResult(out, table, seed, time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    """``python -m vaikuttavuus.regional [--out DIR] [--seed N] [--period YEAR]``."""
    import argparse

    parser = argparse.ArgumentParser(description="Rebuild the embedded synthetic region data.")
    parser.add_argument(
        "--out", default=None, help="target directory (default: the package data folder)"
    )
    parser.add_argument("--seed", type=int, default=MASTER_SEED)
    parser.add_argument("--period", default=PERIOD)
    args = parser.parse_args(argv)
    print(build_default_data(args.out, seed=args.seed, period=args.period))
    return 0
