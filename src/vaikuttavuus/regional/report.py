"""The region report: what ``notebooks/region_report.ipynb`` shows for one region and period."""

from __future__ import annotations

import re
import time
import warnings
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice
from ..disclosure import MIN_CELL_SIZE, suppress_small_cells
from . import _registry as R
from . import _sections as S
from ._i18n import LANGUAGES, header, language_label, number, text
from ._published import published_section
from ._section import RegionSection, suppress_column_split
from .data import RegionData
from .plots import municipality_png

__all__ = ["SECTIONS", "RegionReport", "RegionSection", "region_report"]

#: The sections of the report, in order.
SECTIONS = ("region", "published", "compensation", "ips", "survey")


@dataclass(frozen=True, eq=False)
class RegionReport(ResultMixin):
    """The region report in one language: disclosure-controlled sections and the results
    behind them (``results``: the other subpackages' result objects, for further analysis).
    """

    data: RegionData
    language: str
    sections: Mapping[str, RegionSection]
    results: Mapping[str, Any]
    municipality_table: pd.DataFrame
    seconds: float = 0.0

    @property
    def name(self) -> str:
        """The region's name in the report language."""
        return self.data.name(self.language)

    def heading(self) -> str:
        """Markdown of the report's first heading (``# <region name>``) and its subtitle."""
        lang = self.language
        kind = text(self.data.region_type, lang)
        if self.data.region_type == "wellbeing_county" and self.data.region_code == "90":
            kind = text("helsinki", lang)
        source = (
            text("source_default", lang)
            if self.data.embedded
            else text("source_dir", lang, path=self.data.data_dir)
        )
        sub = text("subtitle", lang, kind=kind, period=self.data.period, source=source)
        return f"# {self.name}\n\n{text('report', lang)}: {sub}"

    def section(self, name: str) -> RegionSection:
        """One section (an omitted one is its heading and one sentence saying why)."""
        check_choice("name", name, tuple(self.sections))
        return self.sections[name]

    @property
    def omitted(self) -> tuple[str, ...]:
        """Keys of the omitted sections."""
        return tuple(k for k, s in self.sections.items() if s.omitted)

    def to_frame(self) -> pd.DataFrame:
        """One row per section: ``section``, ``title``, ``shown``, ``reason`` (if omitted)."""
        return pd.DataFrame(
            [
                {
                    "section": k,
                    "title": s.title,
                    "shown": not s.omitted,
                    "reason": s.intro if s.omitted else "",
                }
                for k, s in self.sections.items()
            ]
        )

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"{text('report', self.language)}: {self.name} ({self.data.period})",
            figures={
                header("municipality", self.language): len(self.data.municipalities),
                header("population", self.language): self.data.population,
            },
            tables={"": self.to_frame()},
        )


def region_report(
    data: RegionData,
    *,
    language: str = "fi",
    sections: tuple[str, ...] | list[str] = SECTIONS,
    regions: Any = None,
) -> RegionReport:
    """Compute every section of the region report in one language.

    Parameters
    ----------
    data : RegionData
        From :func:`~vaikuttavuus.regional.region_data`.
    language : {"fi", "sv", "en"}, default "fi"
        Language of every heading, label and sentence.
    sections : sequence of str, default :data:`SECTIONS`
        The sections to compute (``"region"`` is always computed); the others are left out
        of ``RegionReport.sections``.
    regions : Regions, optional
        The registry used to name the related areas/counties (default: the shipped one).

    Returns
    -------
    RegionReport
        Sections ``region``, ``published``, ``compensation``, ``ips``, ``survey``. A section
        whose data do not exist for the region (or could not be computed) is omitted: its
        heading and one sentence saying so.

    References
    ----------
    Statistics Finland. Statistical data protection of research data (threshold rule of 5),
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    >>> from vaikuttavuus.regional import region_data
    >>> rep = region_report(region_data("employment_area", "TA40", period="2024"), language="sv")
    >>> rep.heading().splitlines()[0]
    '# Fjäll-Lappland - Pello'
    >>> rep.section("survey").intro
    'Det finns ingen personalenkät från området för period 2024, så avsnittet utelämnas.'
    """
    start = time.perf_counter()
    if not isinstance(data, RegionData):
        raise TypeError(f"data must be a RegionData from region_data(), got {type(data).__name__}.")
    check_choice("language", language, LANGUAGES)
    if isinstance(sections, str):
        raise TypeError(f"sections must be a list or tuple of names, got the string {sections!r}.")
    wanted = tuple(sections)
    for name in wanted:
        check_choice("sections", name, SECTIONS)
    reg = R.load(regions)
    table, counts = _municipality_table(data, language, reg)
    shown = {"region": _region_section(data, language, reg, table, counts)}
    results: dict[str, Any] = {}
    national = int(R.municipalities(reg)["population"].sum())
    builders = {
        "published": partial(published_section, national_population=national),
        "compensation": S.compensation_section,
        "ips": S.ips_section,
        "survey": S.survey_section,
    }
    for key, build in builders.items():
        if key not in wanted:
            continue
        title = text(key, language)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                section, result = build(data, language, title)
            except Exception as exc:  # a failing section must not stop the region's report
                msg = _error_text(exc)
                sentence = text("failed", language, error=msg)
                section, result = RegionSection(key, title, sentence, omitted=True), None
        if caught and not section.omitted:  # shown in the section, not as stderr of a cell
            counts = Counter(f"{w.category.__name__}: {w.message}" for w in caught)
            notes = [
                text("warning", language, message=m if n == 1 else f"{m} (× {n})")
                for m, n in counts.items()
            ]
            section = replace(section, notes=(*section.notes, *notes))
        shown[key] = replace(section, language=language)
        if result is not None:
            results[key] = result
    return RegionReport(
        data=data,
        language=language,
        sections=shown,
        results=results,
        municipality_table=counts,
        seconds=time.perf_counter() - start,
    )


def _error_text(exc: Exception) -> str:
    """Exception type and first line, without the row ids error messages list ("first ...")
    so that no pseudonymous id reaches a published report."""
    first = str(exc).splitlines()[0] if str(exc) else ""
    first = re.split(r"\s*\(?first\b", first)[0].strip()
    return f"{type(exc).__name__}: {first[:160]}" if first else type(exc).__name__


def _municipality_table(
    data: RegionData, language: str, reg: Any
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown table, unsuppressed API table) of the region's municipalities."""
    m = data.municipalities
    api = pd.DataFrame(
        {
            "code": m["code"],
            "name": [R.name(r, language) for _, r in m.iterrows()],
            "population": m["population"].astype(int),
            "language": m["language"],
        }
    )
    other = "county_code" if data.region_type == "employment_area" else "area_code"
    other_type = "wellbeing_county" if other == "county_code" else "employment_area"
    names = _names(reg, other_type, language)
    api["other_region"] = [names.get(str(c), str(c)) for c in m[other]]
    episodes = data.get("episodes")
    if episodes is not None:
        per = episodes.groupby("municipality").size()
        api["episodes"] = [int(per.get(c, 0)) for c in m["code"]]
        api["episodes_per_1000"] = (
            1000 * api["episodes"] / api["population"].where(api["population"] > 0)
        )
    shown = api.drop(columns="code").copy()
    shown["language"] = [language_label(v, language) for v in shown["language"]]
    shown["population"] = [number(v, language) for v in api["population"]]
    total = {
        "name": header("total", language),
        "population": number(int(api["population"].sum()), language),
        "language": "",
        "other_region": "",
    }
    if episodes is not None:
        counts = pd.DataFrame({"episodes": api["episodes"], "episodes_per_1000": api["episodes"]})
        rates = [number(v, language, 1) if pd.notna(v) else "" for v in api["episodes_per_1000"]]
        values = pd.DataFrame({"episodes": api["episodes"], "episodes_per_1000": rates})
        shown[["episodes", "episodes_per_1000"]] = suppress_column_split(values, counts)
        n_all = int(api["episodes"].sum())
        total["episodes"] = suppress_small_cells(pd.DataFrame({"n": [n_all]}))["n"][0]
        total["episodes_per_1000"] = (
            number(1000 * n_all / max(int(api["population"].sum()), 1), language, 1)
            if n_all >= MIN_CELL_SIZE or n_all == 0
            else total["episodes"]
        )
    shown = pd.concat([shown, pd.DataFrame([total])], ignore_index=True)
    shown = shown.set_index("name")
    shown.index.name = header("municipality", language)
    year = m["population_year"].dropna() if "population_year" in m.columns else pd.Series()
    pop_header = header("population", language) + (f" ({int(year.max())})" if len(year) else "")
    shown.columns = [
        pop_header
        if c == "population"
        else header(c, language)
        if c in ("language", "episodes")
        else text("episodes_per_1000", language)
        if c == "episodes_per_1000"
        else header("county" if other == "county_code" else "area", language)
        for c in shown.columns
    ]
    return shown, api


def _names(reg: Any, region_type: str, language: str) -> dict[str, str]:
    frame = R.region_frame(reg, region_type)
    return {str(r["code"]): R.name(r, language) for _, r in frame.iterrows()}


def _region_section(
    data: RegionData, language: str, reg: Any, table: pd.DataFrame, api: pd.DataFrame
) -> RegionSection:
    m = data.municipalities
    pop = number(data.population, language)
    if data.region_type == "employment_area":
        counties = _names(reg, "wellbeing_county", language)
        intro = text(
            "region_intro_area", language, name=data.name(language), k=len(m), population=pop,
            counties=", ".join(counties.get(c, c) for c in sorted(set(m["county_code"]))),
        )  # fmt: skip
    else:
        areas = _names(reg, "employment_area", language)
        intro = text(
            "region_intro_county", language, name=data.name(language), k=len(m), population=pop,
            areas=", ".join(areas.get(c, c) for c in sorted(set(m["area_code"]))),
        )  # fmt: skip
    notes = []
    if data.region_type == "employment_area":  # county membership is official; area splits not
        unsure = m[R.uncertain(m["certainty"])]
        if len(unsure):
            listed = ", ".join(R.name(r, language) for _, r in unsure.iterrows())
            notes.append(text("uncertain", language, municipalities=listed))
    sources = R.source_text(reg, m["source"])
    if sources:
        notes.append(text("registry_source", language, source=sources))
    if data.embedded:
        notes.append(text("synthetic_note", language))
    notes.append(text("disclosure", language))
    png = municipality_png(api, language, data.name(language))
    return RegionSection(
        "region", text("region", language), intro, {text("municipalities", language): table},
        figures=(png,), notes=tuple(notes),
    )  # fmt: skip
