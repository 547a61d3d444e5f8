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
from ..present import Column, Figure, Note, Report, Section, Source, Table, markdown_text
from . import _registry as R
from . import _sections as S
from ._i18n import LANGUAGES, header, language_label, number, text
from ._published import published_section
from ._situation import SITUATION_SECTIONS, situation_sections
from .data import RegionData
from .plots import municipality_png

__all__ = ["EXAMPLE_SECTIONS", "SECTIONS", "RegionReport", "region_report"]

#: Sections on the region's data (embedded example data by default), after the real figures.
EXAMPLE_SECTIONS = ("region", "published", "compensation", "ips", "survey")
#: The sections of the report, in order: real figures first.
SECTIONS = SITUATION_SECTIONS + EXAMPLE_SECTIONS


@dataclass(frozen=True, eq=False)
class RegionReport(ResultMixin):
    """The region report in one language: disclosure-controlled sections and the results
    behind them (``results``: the other subpackages' result objects, for further analysis;
    ``situation``: the official figures the report leads with, or None).
    """

    data: RegionData
    language: str
    sections: Mapping[str, Section]
    results: Mapping[str, Any]
    municipality_table: pd.DataFrame
    seconds: float = 0.0
    situation: Any = None

    @property
    def name(self) -> str:
        """The region's name in the report language."""
        return self.data.name(self.language)

    def _subtitle(self) -> str:
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
        return f"{text('report', lang)}: {sub}"

    def heading(self) -> str:
        """Markdown of the report's first heading (``# <region name>``) and its subtitle,
        user text (a data directory's path) escaped."""
        return f"# {markdown_text(self.name)}\n\n{markdown_text(self._subtitle())}"

    def presentation(self) -> Report:
        """The whole report (:class:`vaikuttavuus.present.Report`): HTML in JupyterLab."""
        example = any(s.example and not s.omitted for s in self.sections.values())
        return Report(
            self.name, self.language, tuple(self.sections.values()), subtitle=self._subtitle(),
            example_data="some" if example else None,
        )  # fmt: skip

    def header(self) -> Any:
        """Title, subtitle and the example-data sentence (what a notebook shows first;
        user text escaped)."""
        return self.presentation().header()

    def section(self, name: str) -> Section:
        """One section (an omitted one is its heading and one sentence saying why); notes
        said in an earlier section are not repeated."""
        check_choice("name", name, tuple(self.sections))
        return self.presentation().section(name)

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
    situation: Any = None,
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
    situation : RegionSituation or bool, optional
        The official figures the report leads with (sections ``situation``, ``trend``,
        ``comparison``, ``municipalities``). Default: computed with
        :func:`~vaikuttavuus.regional.situation.situation` when the shipped registry is used;
        ``False`` leaves those sections out.

    Returns
    -------
    RegionReport
        Sections ``situation``, ``trend``, ``comparison``, ``municipalities`` (official
        figures), then ``region``, ``published``, ``compensation``, ``ips``, ``survey``
        (example data when the embedded data are used). A section
        whose data do not exist for the region (or could not be computed) is omitted: its
        heading and one sentence saying so.

    References
    ----------
    Statistics Finland. Statistical data protection of research data (threshold rule of 5),
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    >>> from vaikuttavuus.regional import region_data
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")  # the embedded data's unknown codes
    ...     rep = region_report(region_data("wellbeing_county", "15", period="2024"), language="sv")
    >>> rep.heading().splitlines()[0]
    '# Mellersta Finlands välfärdsområde'
    >>> rep.section("situation").table_parts[0].text_frame("sv").iloc[1].tolist()
    ['15,8\xa0%', '12,8\xa0%', '1/22', 'juni 2026']
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
    shown: dict[str, Section] = {}
    leads = any(k in wanted for k in SITUATION_SECTIONS)
    real = _situation(data, regions, situation) if leads else None
    if isinstance(real, Exception):
        sentence = text("no_situation", language, error=_error_text(real))
        shown["situation"] = Section(text("situation", language), (), intro=sentence,
                                     language=language, omitted=True, key="situation")  # fmt: skip
        for key in [k for k in SITUATION_SECTIONS[1:] if k in wanted]:  # said once, above
            shown[key] = Section("", (), language=language, omitted=True, key=key)
    elif real is not None:
        shown.update(situation_sections(real, language, keys=wanted))
    api = _municipality_table(data, language, reg)
    shown["region"] = _region_section(data, language, reg, api)
    results: dict[str, Any] = {}
    national = int(R.municipalities(reg)["population"].sum())
    builders = {
        "published": partial(published_section, national_population=national),
        "compensation": S.compensation_section,
        "ips": S.ips_section,
        "survey": S.survey_section,
    }
    for key, build in builders.items():
        if key in wanted:
            shown[key], result = _build(key, build, data, language)
            if result is not None:
                results[key] = result
    ordered = {k: shown[k] for k in SECTIONS if k in shown}
    return RegionReport(
        data=data, language=language, sections=ordered, results=results,
        municipality_table=api, seconds=time.perf_counter() - start,
        situation=None if isinstance(real, Exception) else real,
    )  # fmt: skip


def _situation(data: RegionData, regions: Any, given: Any) -> Any:
    """The RegionSituation to lead with, None (left out) or the exception that prevented it."""
    if given is False or (given is None and regions is not None):
        return None
    if given is not None and given is not True:
        return given
    from .situation import situation

    try:
        return situation(data.region_code)
    except Exception as exc:  # no official figures: the sections say so, the rest stays
        return exc


def _build(key: str, build: Any, data: RegionData, language: str) -> tuple[Section, Any]:
    """One example section; a failure omits it with the error, warnings become its notes."""
    title = text(key, language)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            section, result = build(data, language, title)
        except Exception as exc:  # a failing section must not stop the region's report
            sentence = text("failed", language, error=_error_text(exc))
            section = Section(title, (), intro=sentence, language=language, omitted=True)
            result = None
    if caught and not section.omitted:  # shown in the section, not as stderr of a cell
        counts = Counter(f"{w.category.__name__}: {w.message}" for w in caught)
        notes = [
            Note(text("warning", language, message=m if n == 1 else f"{m} (× {n})"))
            for m, n in counts.items()
        ]
        section = replace(section, parts=(*section.parts, *notes))
    return replace(section, key=key, language=language), result


def _error_text(exc: Exception) -> str:
    """Exception type and first line, without the row ids error messages list ("first ...")
    so that no pseudonymous id reaches a published report."""
    first = str(exc).splitlines()[0] if str(exc) else ""
    first = re.split(r"\s*\(?first\b", first)[0].strip()
    return f"{type(exc).__name__}: {first[:160]}" if first else type(exc).__name__


def _municipality_table(data: RegionData, language: str, reg: Any) -> pd.DataFrame:
    """The unsuppressed API table of the region's municipalities (names in ``language``)."""
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
    return api


def municipality_table(api: pd.DataFrame, data: RegionData, language: str) -> Table:
    """The shown municipality table: a total row; episode counts of 1-4 withheld with a
    complement down the column (the rows split the total) and their rates with them."""
    shown = api.drop(columns="code").set_index("name")
    shown["language"] = [language_label(v, language) for v in shown["language"]]
    total: dict[str, Any] = {"population": int(api["population"].sum()), "language": "",
                             "other_region": ""}  # fmt: skip
    if "episodes" in api.columns:
        total["episodes"] = int(api["episodes"].sum())
        total["episodes_per_1000"] = 1000 * total["episodes"] / max(total["population"], 1)
    shown = pd.concat([shown, pd.DataFrame([total], index=[header("total", language)])])
    m = data.municipalities
    year = m["population_year"].dropna() if "population_year" in m.columns else pd.Series()
    pop = header("population", language) + (f" ({int(year.max())})" if len(year) else "")
    other = "county" if data.region_type == "employment_area" else "area"
    columns = {
        "population": Column(pop, "count"),
        "language": Column(header("language", language), "text"),
        "other_region": Column(header(other, language), "text"),
        "episodes": Column(header("episodes", language), "count"),
        "episodes_per_1000": Column(text("episodes_per_1000", language), "number", 1),
    }
    has_episodes = "episodes" in shown.columns
    return Table(
        shown, text("municipalities", language),
        columns={c: col for c, col in columns.items() if c in shown.columns},
        persons=("episodes",) if has_episodes else (), split="column" if has_episodes else None,
        follows={"episodes_per_1000": "episodes"} if has_episodes else {},
        index_label=header("municipality", language),
    )  # fmt: skip


def _names(reg: Any, region_type: str, language: str) -> dict[str, str]:
    frame = R.region_frame(reg, region_type)
    return {str(r["code"]): R.name(r, language) for _, r in frame.iterrows()}


def _region_section(data: RegionData, language: str, reg: Any, api: pd.DataFrame) -> Section:
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
    notes.append(text("disclosure", language))
    year = m["population_year"].dropna() if "population_year" in m.columns else pd.Series()
    classification = text("classification", language, year=int(year.max()) if len(year) else "")
    sources = [Source("statistics_finland", "", classification.strip())]
    if len(year):
        sources.append(Source("statistics_finland", "11ra", f"31.12.{int(year.max())}"))
    table = replace(municipality_table(api, data, language), source=tuple(sources))
    png = municipality_png(api, language, data.name(language))
    parts = (table, Figure(png, alt=text("municipalities", language)), *map(Note, notes))
    example = data.embedded and "episodes" in api.columns
    return Section(text("region", language), parts, intro=intro, language=language,
                   example=example, key="region")  # fmt: skip
