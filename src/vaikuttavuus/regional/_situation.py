"""The real-figure sections that lead the region report: the presentation of a
:class:`~vaikuttavuus.regional.situation.RegionSituation` (numbers from open data) in one
language. Each builder returns a :class:`vaikuttavuus.present.Section`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..present import (
    Column,
    Figure,
    Note,
    Report,
    Section,
    Source,
    Table,
    figure_png,
    format_period,
    label,
    msg,
    plot_text,
    set_axis_format,
)

#: The real-figure sections, in order.
SITUATION_SECTIONS = ("situation", "trend", "comparison", "municipalities")

_DECIMALS = {"population": ("count", 0), "unemployment_rate": ("percent", 1),
             "long_term_share": ("percent", 1), "other_services": ("count", 0),
             "cofinancing_per_inhabitant": ("number", 2)}  # fmt: skip
_PERSONS = ("population", "other_services")


def source_of(situation: Any, key: str, language: str) -> Source:
    """The :class:`Source` of ``situation.sources[key]`` (authority named in ``language``)."""
    info: Mapping[str, Any] = situation.sources.get(key, {})
    authority = "kela" if "kela" in str(info.get("authority", "")).lower() else "statistics_finland"
    table = str(info.get("table", ""))
    if authority == "kela":
        table = ""  # Kela's open data has no table id
    return Source(authority, table, format_period(info.get("period", ""), language))


def _name(row: Mapping[str, Any] | pd.Series, language: str) -> str:
    return str(row.get(f"name_{language}") or row.get("name_fi") or "")


def region_name(situation: Any, language: str) -> str:
    """The region's name in ``language`` (from the ranking of its level)."""
    rows = situation.ranking[situation.ranking["is_region"]]
    return _name(rows.iloc[0], language) if len(rows) else str(situation.region_code)


def summary_section(situation: Any, language: str) -> Section:
    """Each measure beside the whole country and the region's rank among its level."""
    s = situation.summary.set_index("measure")
    rows = [m for m in _DECIMALS if m in s.index]
    labels = {m: msg(f"region.measure.{m}", language) for m in rows}
    rank = [
        f"{int(s.loc[m, 'rank'])}/{int(s.loc[m, 'n_regions'])}"
        if pd.notna(s.loc[m, "rank"])
        else ""
        for m in rows
    ]
    frame = pd.DataFrame(
        {"value": s.loc[rows, "value"].astype(float).to_numpy(),
         "country": s.loc[rows, "country"].astype(float).to_numpy(),
         "rank": rank, "period": [format_period(p, language) for p in s.loc[rows, "period"]]},
        index=[labels[m] for m in rows],
    )  # fmt: skip
    persons = pd.DataFrame(index=frame.index, columns=["value"], dtype=float)
    for m in _PERSONS:
        if m in rows:
            persons.loc[labels[m], "value"] = float(s.loc[m, "value"])
    formats = {labels[m]: Column(None, *_DECIMALS[m]) for m in rows}
    columns = {c: Column(label("region.label", c, language), "number", 1) for c in frame.columns}
    columns["rank"] = Column(label("region.label", "rank", language), "text")
    columns["period"] = Column(label("region.label", "period", language), "text")
    keys = list(dict.fromkeys(s.loc[rows, "source_key"]))
    table = Table(
        frame, "", columns=columns, row_formats=formats, cell_persons=persons,
        source=tuple(source_of(situation, k, language) for k in keys),
        index_label=label("region.label", "measure", language),
    )  # fmt: skip
    intro = msg("region.situation_intro", language,
                levels=msg(f"region.levels.{situation.level}", language))  # fmt: skip
    return Section(msg("region.situation", language), (table,), intro=intro, language=language,
                   key="situation")  # fmt: skip


def _new_figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure as MplFigure

    return MplFigure(figsize=(width, height), dpi=90)


def trend_section(situation: Any, language: str) -> Section:
    """The monthly unemployment rate of the region beside the country's."""
    title = msg("region.trend", language)
    t = situation.trend.dropna(subset=["region_rate"])
    if t.empty:
        return Section(title, (), intro=msg("region.no_trend", language), language=language,
                       omitted=True, key="trend")  # fmt: skip
    name = region_name(situation, language)
    fig = _new_figure(7.5, 3.4)
    ax = fig.subplots()
    ax.plot(t["month"], t["region_rate"], color="#c0392b", linewidth=1.6, label=plot_text(name))
    ax.plot(t["month"], t["country_rate"], color="0.35", linewidth=1.2, linestyle="--",
            label=msg("common.country", language))  # fmt: skip
    set_axis_format(ax, language, axis="y", kind="percent", decimals=0)
    ax.set_ylabel(msg("region.axis_rate", language))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False, fontsize=9)
    ax.grid(axis="y", color="0.9")
    src = source_of(situation, "unemployment_series", language)
    start, end = t["month"].min(), t["month"].max()
    intro = msg("region.trend_intro", language, name=name,
                start=format_period(f"{start:%Y}M{start:%m}", language),
                end=format_period(f"{end:%Y}M{end:%m}", language))  # fmt: skip
    fig.subplots_adjust(left=0.1, right=0.98, top=0.96, bottom=0.09)
    figure = Figure(figure_png(fig, tight=False), alt=f"{title}: {name}", source=src)
    return Section(title, (figure,), intro=intro, language=language, key="trend")


def comparison_section(situation: Any, language: str) -> Section:
    """Every region of the level by unemployment rate, the region highlighted, the country
    marked."""
    r = situation.ranking.dropna(subset=["unemployment_rate"]).sort_values("unemployment_rate")
    name = region_name(situation, language)
    many = len(r) > 60  # municipalities: no name per dot
    fig = _new_figure(7.5, 3.6 if many else 0.9 + 0.2 * len(r))
    ax = fig.subplots()
    y = range(len(r))
    colours = ["#c0392b" if b else "#7f8c8d" for b in r["is_region"]]
    ax.scatter(r["unemployment_rate"], list(y), c=colours, s=14 if many else 22, zorder=3)
    country = situation.summary.set_index("measure").loc["unemployment_rate", "country"]
    ax.axvline(float(country), color="0.2", linestyle="--", linewidth=1,
               label=msg("common.country", language))  # fmt: skip
    if many:
        ax.set_yticks([])
        pos = [i for i, b in enumerate(r["is_region"]) if b]
        for i in pos:
            ax.annotate(plot_text(name), (r["unemployment_rate"].iloc[i], i), xytext=(6, -3),
                        textcoords="offset points", color="#c0392b", fontsize=9)  # fmt: skip
    else:
        ax.set_yticks(list(y), [plot_text(_name(row, language)) for _, row in r.iterrows()],
                      fontsize=7)  # fmt: skip
        for tick, is_region in zip(ax.get_yticklabels(), r["is_region"], strict=True):
            if is_region:
                tick.set_color("#c0392b")
                tick.set_fontweight("bold")
    set_axis_format(ax, language, axis="x", kind="percent", decimals=0)
    ax.set_xlabel(msg("region.axis_rate", language))
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.grid(axis="x", color="0.9")
    height = fig.get_figheight()
    fig.subplots_adjust(left=0.06 if many else 0.32, right=0.97, top=1 - 0.15 / height,
                        bottom=0.6 / height)  # fmt: skip
    src = source_of(situation, "unemployment", language)
    intro = msg("region.comparison_intro", language, month=src.period, n=len(r), name=name,
                levels=msg(f"region.levels.{situation.level}", language))  # fmt: skip
    title = msg("region.comparison", language)
    figure = Figure(figure_png(fig, tight=False), alt=f"{title}: {name}", source=src)
    return Section(title, (figure,), intro=intro, language=language, key="comparison")


def municipalities_section(situation: Any, language: str) -> Section:
    """The region's municipalities: population and unemployment (person counts of 1-4 and
    their complements withheld; figures the source withholds are blank and counted)."""
    m = situation.municipalities
    cols = ["population", "unemployed", "labour_force", "unemployment_rate",
            "long_term_unemployed", "long_term_share"]  # fmt: skip
    frame = m[cols].astype(float).set_axis([_name(r, language) for _, r in m.iterrows()])
    kinds = {c: ("count", 0) for c in cols} | {"unemployment_rate": ("percent", 1),
                                               "long_term_share": ("percent", 1)}  # fmt: skip
    columns = {c: Column(label("region.label", c, language), *kinds[c]) for c in cols}
    table = Table(
        frame, "", columns=columns,
        persons=("population", "unemployed", "labour_force", "long_term_unemployed"),
        split="column",  # the rows split the region's totals, shown in the summary
        follows={"unemployment_rate": "unemployed", "long_term_share": "long_term_unemployed"},
        source=(source_of(situation, "population", language),
                source_of(situation, "unemployment", language)),
        index_label=label("region.label", "municipality", language),
    )  # fmt: skip
    parts: list[Any] = [table]
    withheld = int(pd.to_numeric(m["withheld"], errors="coerce").fillna(0).sum())
    if withheld:
        parts.append(Note(msg("region.withheld_source", language, n=withheld)))
    intro = msg(
        "region.real_municipalities_intro", language,
        population_period=source_of(situation, "population", language).period,
        month=source_of(situation, "unemployment", language).period,
    )  # fmt: skip
    return Section(msg("region.real_municipalities", language), tuple(parts), intro=intro,
                   language=language, key="municipalities")  # fmt: skip


def situation_sections(
    situation: Any, language: str, *, keys: tuple[str, ...] = SITUATION_SECTIONS
) -> dict[str, Section]:
    """The real-figure sections of ``situation`` in ``language`` (those in ``keys``)."""
    builders = {
        "situation": summary_section,
        "trend": trend_section,
        "comparison": comparison_section,
        "municipalities": municipalities_section,
    }
    return {k: build(situation, language) for k, build in builders.items() if k in keys}


def situation_report(
    region_code: str, *, language: str = "fi", year: int = 2025, month: str = "2026-06"
) -> Report:
    """The official figures of any region (an employment area, a wellbeing county or a
    municipality) as a report of its own, in ``language``.

    For a municipality the data allow the summary (ranked among the 292 municipalities),
    the trend, the comparison and its own row of the municipality table.

    Parameters
    ----------
    region_code : str
        ``"TA01"``..``"TA45"``, ``"01"``..``"21"``/``"90"`` or a 3-digit municipality code.
    language : {"fi", "sv", "en"}, default "fi"
    year, month
        Passed to :func:`~vaikuttavuus.regional.situation.situation`.

    Returns
    -------
    vaikuttavuus.present.Report
        Renders as HTML in JupyterLab (``report.html()`` for the fragment).

    References
    ----------
    Statistics Finland. Employment Service Statistics, table 12r5; Population structure,
    table 11ra. https://pxdata.stat.fi/PxWeb/pxweb/fi/StatFin/
    Kela. Municipal share of unemployment benefits (TE24 co-financing), 2025.
    https://www.kela.fi/tilastot

    Examples
    --------
    >>> rep = situation_report("837", language="en")  # Tampere, a municipality
    >>> rep.title, [s.key for s in rep.sections]
    ('Tampere', ['situation', 'trend', 'comparison', 'municipalities'])
    >>> rep.sections[0].table_parts[0].text_frame("en").iloc[1].tolist()
    ['16.5%', '12.8%', '11/292', 'June 2026']
    """
    from .situation import situation

    s = situation(region_code, year=year, month=month)
    sections = tuple(situation_sections(s, language).values())
    subtitle = msg(f"glossary.{s.level}", language)
    return Report(region_name(s, language), language, sections, subtitle=subtitle.capitalize())
