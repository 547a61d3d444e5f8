"""Sections of the region report that call the other subpackages (published figures,
compensation, IPS, staff survey). Each returns ``(RegionSection, result or None)``; a section
without data is omitted with one sentence."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from ..present import Note, Section
from ._i18n import text
from .data import RegionData

#: Fewest staff survey respondents for the psychometric section (31 statements: the
#: correlation matrix needs clearly more respondents than items).
SURVEY_MIN_RESPONDENTS = 50

Built = tuple[Section, Any]


def _omitted(key: str, title: str, sentence: str) -> Built:
    return Section(title, (), intro=sentence, omitted=True, key=key), None


def _shown(
    key: str, title: str, data: RegionData, language: str, parts: Any, intro: str = ""
) -> Section:
    """A shown section; on the embedded (simulated) data it is headed as example data."""
    return Section(title, tuple(parts), intro=intro, language=language, example=data.embedded,
                   key=key)  # fmt: skip


# ------------------------------------------------------------------------------ staff survey
def survey_section(data: RegionData, language: str, title: str) -> Built:
    """Psychometrics of the region's staff survey (Vates 2020 instrument) via survey_report."""
    frame = data.get("staff_survey")
    if frame is None:
        return _omitted("survey", title, text("no_survey", language, period=data.period))
    if len(frame) < SURVEY_MIN_RESPONDENTS:
        sentence = text("few_survey", language, n=len(frame), minimum=SURVEY_MIN_RESPONDENTS)
        return _omitted("survey", title, sentence)
    from ..survey import read_survey, survey_report

    answers = frame.drop(columns=["municipality", "period"], errors="ignore")
    answers = answers.drop(columns=["respondent_id"], errors="ignore")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "staff_survey.csv"
        answers.to_csv(path, index=False)
        survey = read_survey(path, "vates2020")
    rep = survey_report(survey, language=language, seed=1)
    parts = (rep.summary(), rep.section("adequacy"), rep.section("reliability"))
    intro = text("survey_intro", language, n=len(frame))
    return _shown("survey", title, data, language, parts, intro), rep


# ------------------------------------------------------------------------------ compensation
def compensation_section(data: RegionData, language: str, title: str) -> Built:
    """Rehabilitative work activity episodes and effectiveness-based compensation."""
    episodes = data.get("episodes")
    if episodes is None:
        return _omitted(
            "compensation", title, text("no_compensation", language, period=data.period)
        )
    from ..compensation import compensation_report

    rep = compensation_report(episodes, period=int(data.period), language=language)
    parts = tuple(rep.section(n) for n in rep.sections)
    return _shown("compensation", title, data, language, parts), rep


# ----------------------------------------------------------------------------------------- IPS
def ips_section(data: RegionData, language: str, title: str) -> Built:
    """IPS supported employment of the region's clients (only where the region has IPS sites)."""
    clients = data.get("ips_clients")
    if clients is None:
        key = "no_ips_period" if data.periods.get("ips_clients") else "no_ips"
        return _omitted("ips", title, text(key, language, period=data.period))
    from dataclasses import replace

    from ..ips.report import ips_report

    as_of = f"{data.period}-12-31" if data.period.isdigit() and len(data.period) == 4 else None
    records = clients.drop(columns=["municipality", "period"])
    jobs = data.get("ips_jobs")
    if jobs is None:
        jobs = pd.DataFrame(columns=["client", "start", "end", "hours_per_week", "competitive"])
    fidelity = data.get("ips_fidelity")
    if fidelity is not None:
        fidelity = fidelity.drop(columns=["period"], errors="ignore")
    # example data are said once by the region report (no "synthetic" note per IPS part)
    rep = ips_report(records, jobs, fidelity, language=language, as_of=as_of)
    rep = replace(rep, region_name=data.name(language))
    parts: list[Any] = []
    for name in rep.sections:  # one failing part (e.g. a figure) must not drop the others
        try:
            parts.append(rep.section(name))
        except Exception as exc:
            parts.append(Note(text("part_failed", language, part=name, error=type(exc).__name__)))
    return _shown("ips", title, data, language, parts), rep
