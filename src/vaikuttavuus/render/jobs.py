"""The package's report jobs: one region report per region, and the study reports.

Region reports (the shipped ``region_report.ipynb``) are named ``county_<code>_<language>``
(wellbeing services counties, Statistics Finland codes), ``area_<code>_<language>``
(employment areas) and ``municipality_<code>_<language>``; the region list, names and
languages come from :mod:`vaikuttavuus.regions` (municipalities: the registry's
``municipalities`` table, each in its official language(s), majority first).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._shipped import notebook_path
from .results import RenderJob, resolve_path

__all__ = [
    "LANGUAGE_CHOICES",
    "REGION_SELECTIONS",
    "region_jobs",
    "study_jobs",
    "vates_jobs",
]

REGION_NOTEBOOK = "region_report.ipynb"
REGION_SELECTIONS = ("all", "employment_areas", "wellbeing_counties", "municipalities")
LANGUAGE_CHOICES = ("auto", "all", "fi", "sv", "en")
_KINDS = {
    "employment_area": ("area", "employment_areas"),
    "wellbeing_county": ("county", "wellbeing_counties"),
    "municipality": ("municipality", "municipalities"),
}
STUDY_GROUP = "studies"  # group keys are shown translated in the index


def _registry() -> Any:
    """The region registry module (:mod:`vaikuttavuus.regions`); tests substitute a fake."""
    from .. import regions

    return regions


def _region_table() -> list[tuple[str, str]]:
    """``(region_type, code)`` of every wellbeing county and employment area."""
    table = _registry().list_regions()
    return list(zip(table["region_type"].astype(str), table["code"].astype(str), strict=True))


def _municipalities() -> dict[str, dict[str, Any]]:
    """Municipality code -> its row of the registry (names, ``language`` "fi", "sv,fi", ...)."""
    table = _registry().default_regions().municipalities
    return {str(row["code"]): dict(row) for _, row in table.iterrows()}


def _municipality_languages(row: dict[str, Any]) -> list[str]:
    return [x.strip() for x in str(row["language"]).replace(";", ",").split(",") if x.strip()]


def _languages(code: str, language: str, kind: str = "") -> list[str]:
    if language not in ("auto", "all"):
        return [language]
    if kind == "municipality":
        langs = _municipality_languages(_municipalities()[code])
    else:
        langs = _registry().region_language(code)
        langs = [langs] if isinstance(langs, str) else list(langs)
    return langs[:1] if language == "auto" else langs


def _title(code: str, language: str, kind: str = "") -> str:
    try:
        if kind == "municipality":
            row = _municipalities()[code]
            name = row.get(f"name_{language}") or row["name_fi"]
            return f"{name} ({code})"
        return f"{_registry().region_name(code, language=language)} ({code})"
    except (KeyError, ValueError):
        return code


def _select(table: list[tuple[str, str]], regions: str) -> list[tuple[str, str]]:
    if regions == "all":
        return table
    if regions == "employment_areas":
        return [r for r in table if r[0] == "employment_area"]
    if regions == "wellbeing_counties":
        return [r for r in table if r[0] == "wellbeing_county"]
    if regions == "municipalities":
        return [("municipality", code) for code in sorted(_municipalities())]
    by_code = {code.upper(): (kind, code) for kind, code in table}
    wanted = [c.strip() for c in regions.split(",") if c.strip()]
    if any(c.isdigit() and len(c) == 3 for c in wanted):  # municipality codes, e.g. 837
        by_code.update({code: ("municipality", code) for code in _municipalities()})
    unknown = [c for c in wanted if c.upper() not in by_code]
    if unknown or not wanted:
        hints = []
        for c in unknown:
            close = difflib.get_close_matches(c.upper(), list(by_code), n=3, cutoff=0.5)
            hints.append(f"{c!r}" + (f" (close: {', '.join(close)})" if close else ""))
        raise ValueError(
            f"regions={regions!r}: unknown region code(s) {', '.join(hints) or '(none given)'}; "
            f"use {', '.join(REGION_SELECTIONS)} or codes such as "
            f"{', '.join(code for _, code in table[:3])}, ..."
        )
    return list(dict.fromkeys(by_code[c.upper()] for c in wanted))


def _region_inputs(data_dir: str) -> tuple[Path, ...]:
    """The data a region report reads (``VAIKUTTAVUUS_REGIONS`` is added by the runner)."""
    if data_dir:
        return (Path(data_dir),)
    # package data the report reads: embedded synthetic data, registry, open-data snapshots
    # (also covered by the package hash; listed so that the manifest names and hashes them)
    from ..opendata._snapshots import package_dir
    from ..regional.data import default_data_dir
    from ..regions._load import default_data_dir as registry_dir

    package = (default_data_dir(), registry_dir().parent, package_dir())
    return tuple(dict.fromkeys(p for p in package if p.exists()))


def region_jobs(
    regions: str = "all",
    *,
    language: str = "auto",
    period: str = "2024",
    data_dir: str = "",
    notebook: str | Path | None = None,
) -> list[RenderJob]:
    """The region report jobs of a selection of regions.

    Parameters
    ----------
    regions : str, default "all"
        "all" (counties and employment areas), "employment_areas", "wellbeing_counties",
        "municipalities" (every municipality of the registry) or comma-separated codes
        of counties, areas or municipalities (three digits, e.g. ``837``).
    language : {"auto", "all", "fi", "sv", "en"}, default "auto"
        "auto": the region's (first) report language, "all": each of its languages.
    period : str, default "2024"
    data_dir : str, default ""
        Data directory passed to the notebook ("" = the embedded default data); resolved
        against the current working directory here, before any kernel starts.
    notebook : path, optional
        Default: the package's own ``region_report.ipynb``.

    Returns
    -------
    list of RenderJob
        Named ``county_<code>_<lang>`` / ``area_<code>_<lang>`` /
        ``municipality_<code>_<lang>`` (``region_type="municipality"``), the region data
        as inputs.

    References
    ----------
    Työllisyyspalvelut 2024 -uudistus (TE24): https://tyomarkkinatori.fi/te24-uudistus

    Examples
    --------
    >>> from vaikuttavuus.render import region_jobs
    >>> region_jobs("all", language="de")
    Traceback (most recent call last):
    ...
    ValueError: language='de'; allowed: auto, all, fi, sv, en.
    """
    if language not in LANGUAGE_CHOICES:
        raise ValueError(f"language={language!r}; allowed: {', '.join(LANGUAGE_CHOICES)}.")
    nb = resolve_path(notebook) if notebook is not None else notebook_path(REGION_NOTEBOOK)
    data_dir = str(resolve_path(data_dir)) if data_dir else ""
    inputs = _region_inputs(data_dir)
    jobs = []
    for kind, code in _select(_region_table(), regions):
        prefix, group = _KINDS[kind]
        for lang in _languages(code, language, kind):
            jobs.append(
                RenderJob(
                    name=f"{prefix}_{code}_{lang}",
                    notebook=nb,
                    parameters={
                        "region_type": kind,
                        "region_code": code,
                        "period": str(period),
                        "language": lang,
                        "data_dir": data_dir,
                    },
                    inputs=inputs,
                    title=_title(code, lang, kind),
                    language=lang,
                    group=group,
                )
            )
    return jobs


_STUDY_TITLES = {"compensation": "Effectiveness-based compensation", "ips_outcomes": "IPS outcomes"}


def _optional_study(name: str, languages: Sequence[str]) -> list[RenderJob]:
    """A study notebook of another module, rendered with its defaults (per language)."""
    from ._params import declared_parameters

    try:
        nb = notebook_path(f"{name}.ipynb")
    except FileNotFoundError:
        return []
    # no inputs: rate cards and synthetic data are package data (hashed)
    title = _STUDY_TITLES.get(name, name)
    if "language" not in declared_parameters(nb):
        return [RenderJob(name, nb, title=title, group=STUDY_GROUP)]
    return _per_language(name, nb, title, languages, {})


def _per_language(
    stem: str, nb: Path, title: str, languages: Sequence[str], parameters: dict[str, Any]
) -> list[RenderJob]:
    """A study job per language: ``<stem>_<lang>``, ``language`` added to the parameters."""
    return [
        RenderJob(
            f"{stem}_{lang}",
            nb,
            parameters={**parameters, "language": lang},
            title=f"{title} ({lang})",
            language=lang,
            group=STUDY_GROUP,
        )
        for lang in languages
    ]


def vates_jobs(
    languages: Sequence[str] = ("fi", "en"),
    *,
    n: int = 168,
    seed: int = 2020,
    replications: int = 500,
) -> list[RenderJob]:
    """The Vates 2020 reproduction report, one job per language.

    Parameters
    ----------
    languages : sequence of str, default ("fi", "en")
    n : int, default 168
        Sample size of the simulated study.
    seed : int, default 2020
    replications : int, default 500
        Monte Carlo replications.

    Returns
    -------
    list of RenderJob
        Named ``vates2020_reproduction_<lang>``.

    References
    ----------
    Vates-säätiö (2020), see :mod:`vaikuttavuus.studies.vates2020`.

    Examples
    --------
    >>> from vaikuttavuus.render import vates_jobs
    >>> [j.name for j in vates_jobs(["en"])]
    ['vates2020_reproduction_en']
    """
    nb = notebook_path("vates2020_reproduction.ipynb")
    params = {"n": n, "seed": seed, "n_replications": replications}
    return _per_language("vates2020_reproduction", nb, "Vates 2020 reproduction", languages, params)


def study_jobs(
    *,
    languages: Sequence[str] = ("fi", "en"),
    replications: int = 500,
    example_dir: str | Path = Path("data") / "example",
) -> list[RenderJob]:
    """The study reports of the main job.

    Vates 2020 reproduction, the survey report of the example export (written to
    ``example_dir``) and, when their notebooks exist, ``compensation`` and
    ``ips_outcomes``, each per language.

    Parameters
    ----------
    languages : sequence of str, default ("fi", "en")
    replications : int, default 500
        Monte Carlo replications of the Vates reproduction.
    example_dir : path, default "data/example"

    Returns
    -------
    list of RenderJob

    References
    ----------
    Vates-säätiö (2020), see :mod:`vaikuttavuus.studies.vates2020`; the survey, compensation
    and IPS reports cite their sources in their own modules.

    Examples
    --------
    >>> from vaikuttavuus.render import study_jobs
    >>> study_jobs(languages=("fi",), replications=0)
    Traceback (most recent call last):
    ...
    ValueError: replications=0 must be a positive integer.
    """
    if not isinstance(replications, int) or replications < 1:
        raise ValueError(f"replications={replications!r} must be a positive integer.")
    from ..studies.vates2020.example import write_example_survey

    jobs = vates_jobs(languages, replications=replications)
    data, codebook = write_example_survey(Path(example_dir))
    survey = notebook_path("survey_report.ipynb")
    for lang in languages:
        params = {"data_path": str(data.resolve()), "codebook_path": str(codebook.resolve()),
                  "language": lang, "n_factors": "auto"}  # fmt: skip
        jobs.append(
            RenderJob(
                f"survey_{data.stem}_{lang}",
                survey,
                parameters=params,
                title=f"Survey report: {data.stem} ({lang})",
                language=lang,
                group=STUDY_GROUP,
            )  # fmt: skip
        )
    for name in ("compensation", "ips_outcomes"):
        jobs += _optional_study(name, languages)
    return jobs
