"""The published national context of the region report (tables of :mod:`vaikuttavuus.published`
with labels in the report language and each figure's source)."""

from __future__ import annotations

import re

import pandas as pd

from ..disclosure import MIN_CELL_SIZE
from ..present import Note, Section, Table, label
from ._i18n import number, text
from .data import RegionData


def _l(key: str, language: str) -> str:
    """``region.published.<key>`` of the catalogue (indicator names, units, titles); a key
    the catalogue lacks is returned as is."""
    return label("region.published", key, language)


def published_section(
    data: RegionData, language: str, title: str, *, national_population: int | None = None
) -> tuple[Section, object]:
    """National context: rehabilitative work starts, TE24 co-financing tiers and transition,
    who pays the unemployment benefits (tables of :mod:`vaikuttavuus.financing.report`) and
    the TE24 national sums (:func:`vaikuttavuus.published.published_table`), with sources."""
    from ..financing import report as F
    from ..published import published_table, published_tables

    names = set(published_tables())
    tables: dict[str, pd.DataFrame] = {}
    notes: list[str] = []
    raw: dict[str, pd.DataFrame] = {}
    sources: list[str] = []
    if "rehabilitative_work_starts" in names:
        t = published_table("rehabilitative_work_starts")
        raw["rehabilitative_work_starts"] = t
        tables[_l("starts_title", language)] = _index(
            F.rehabilitative_work_starts_table(language=language).tail(6)
        )
        sources += sorted(set(t["source"]))
        full = t[t["months"] == 12].sort_values("year")
        episodes = data.get("episodes")
        if national_population and len(full) and episodes is not None:
            starts = (
                pd.to_datetime(episodes["start"], errors="coerce") if "start" in episodes else None
            )
            n = len(episodes) if starts is None else int((starts.dt.year == int(data.period)).sum())
            if n >= MIN_CELL_SIZE:
                last = full.iloc[-1]
                notes.append(
                    _l("compare", language).format(
                        period=data.period, n=number(n, language),
                        rate=number(1000 * n / max(data.population, 1), language, 1),
                        year=int(last["year"]), starts=number(int(last["starts"]), language),
                        national=number(1000 * last["starts"] / national_population, language, 1),
                    )
                )  # fmt: skip
    tables[_l("tiers_title", language)] = _index(F.tier_table(language=language))
    if "te24_financing_transition" in names:
        tables[_l("transition_title", language)] = _index(F.transition_table(language=language))
        sources += sorted(set(published_table("te24_financing_transition")["source"]))
    if "unemployment_benefit_financing_shares" in names:
        t = published_table("unemployment_benefit_financing_shares")
        raw["unemployment_benefit_financing_shares"] = t
        tables[_l("shares_title", language)] = _index(F.financing_shares_table(language=language))
        sources += sorted(set(t["source"]))
    if "te24_national_figures" in names:
        t = published_table("te24_national_figures")
        raw["te24_national_figures"] = t
        tables[_l("te24_title", language)] = _te24(t, language)
    if not raw:
        sentence = text("no_published", language)
        return Section(title, (), intro=sentence, language=language, omitted=True), None
    notes.append(_l("sources", language).format(s="; ".join(_publications(sources))))
    intro = text("published_intro", language, period=data.period)
    parts = [Table(t, name, decimals=1) for name, t in tables.items()]
    return Section(title, (*parts, *map(Note, notes)), intro=intro, language=language), raw


def _publications(sources: list[str]) -> list[str]:
    """What a reader can look up: the publication of a slide (``seed 001_x.txt:285 (Kuntaliitto,
    TE24 sote-yhdyspinta, 2024)`` -> ``Kuntaliitto, TE24 sote-yhdyspinta, 2024``) or the web
    address; each once. The package's own seed file names and line numbers stay in the data."""
    out = []
    for src in sources:
        m = re.fullmatch(r"seed \S+?(?::[\d–, ]+)?\s*\((.*)\)", str(src).strip())
        out.append(m.group(1) if m else str(src).strip())
    return list(dict.fromkeys(out))


def _index(table: pd.DataFrame) -> pd.DataFrame:
    """First column as the index (no 0, 1, 2 row numbers in the report)."""
    return table.set_index(table.columns[0])


def _te24(t: pd.DataFrame, language: str) -> pd.DataFrame:
    qual = [_l(q, language) + " " if isinstance(q, str) else "" for q in t["qualifier"]]
    digits = [0 if float(v).is_integer() else 2 for v in t["value"]]
    return pd.DataFrame(
        {
            _l("value", language): [
                f"{q}{number(v, language, d)} {_l(u, language)}"
                for q, v, d, u in zip(qual, t["value"], digits, t["unit"], strict=True)
            ],
            _l("year", language): t["year"].astype(int).to_numpy(),
            _l("source", language): [_publications([v])[0] for v in t["source"]],
        },
        index=pd.Index([_l(i, language) for i in t["indicator"]], name=_l("indicator", language)),
    )
