"""The compensation report: payments, outcome rates, risk adjustment, funnel plot, contract
comparison and the municipal value of outcomes, in fi/sv/en, disclosure-controlled.

Used by ``notebooks/compensation.ipynb`` and by the region report.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice, check_int
from ..disclosure import MIN_CELL_SIZE, SUPPRESSED
from ..present import (
    LANGUAGES,
    Column,
    Figure,
    Note,
    Report,
    Section,
    Table,
    figure_png,
    format_number,
    format_value,
    msg,
)
from . import _present as P
from ._constants import OUTCOME_STATUSES
from ._design import ModelError, SparseLevelWarning
from .adjustment import (
    CAVEAT_CODES,
    ContractComparison,
    RiskAdjustedRates,
    compare_contracts,
    risk_adjusted_rates,
)
from .outcomes import OutcomeRates, ShrunkRates, outcome_rates, shrunk_rates
from .payments import Payments, _validated, payments
from .ratecard import RateCard, load_rate_card

__all__ = ["SECTIONS", "CompensationReport", "compensation_report"]

SECTIONS = ("payments", "rates", "adjusted", "funnel", "contracts", "financing")
#: Benefit days a month (about 21.5 payable days) used to turn months unemployed into days.
BENEFIT_DAYS_PER_MONTH = 21.5


@dataclass(frozen=True, eq=False)
class CompensationReport(ResultMixin):
    """Everything :func:`compensation_report` computed; :meth:`section` gives what is shown.

    Results (``payments``, ``rates``, ``adjusted``, ``shrunk``, ``contracts``) are the
    unsuppressed API results; the sections hold disclosure-controlled, localised tables.
    """

    language: str
    year: int
    sections: Mapping[str, Section]
    payments: Payments | None
    rates: OutcomeRates
    adjusted: RiskAdjustedRates | None
    shrunk: ShrunkRates | None
    contracts: ContractComparison | None
    provider_table: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)

    def section(self, name: str) -> Section:
        """One section (HTML in JupyterLab): ``payments``, ``rates``, ``adjusted``, ``funnel``,
        ``contracts`` or ``financing``; notes shown in an earlier section are not repeated."""
        check_choice("name", name, tuple(self.sections))
        return self.report().section(name)

    def report(self, *, example_data: str | None = None) -> Report:
        """The whole report (:class:`vaikuttavuus.present.Report`); ``example_data="all"``
        when the episodes are simulated."""
        title = f"{msg('compensation.title', self.language)} {self.year}"
        return Report(title, self.language, tuple(self.sections.values()),
                      example_data=example_data)  # fmt: skip

    def to_frame(self) -> pd.DataFrame:
        """The disclosure-controlled provider table (snake_case columns)."""
        return self.provider_table.copy()

    def _summary_parts(self) -> Summary:
        lang = self.language
        ended, active = int(self.rates.ended), int(self.rates.active)
        outcomes = int(self.rates.table["outcomes"].sum())
        # the same rules as the tables: counts of 1-4 persons, and figures derived from 1-4
        # outcomes or non-outcomes, are withheld
        small = (0 < outcomes < MIN_CELL_SIZE) or (0 < ended - outcomes < MIN_CELL_SIZE)

        def count(n: int) -> object:
            return SUPPRESSED if 0 < n < MIN_CELL_SIZE else format_value(n, "count", lang)

        figures: dict[str, object] = {
            P.header("ended", lang): count(ended),
            P.header("active", lang): count(active),
            P.header("rate", lang): SUPPRESSED
            if small
            else format_value(self.rates.overall_rate, "share", lang, 1),
        }
        if self.payments is not None:
            figures[P.header("total", lang)] = format_value(self.payments.total, "count", lang)
            figures[P.header("outcome_share", lang)] = (
                SUPPRESSED if small else format_value(self.payments.outcome_share, "share", lang, 1)
            )
        return Summary(
            title=f"{msg('compensation.title', lang)} {self.year}",
            figures=figures,
            notes=self.notes,
        )

    def _repr_html_(self) -> str:
        return self.report().html()


def _restrict(ep: pd.DataFrame, year: int) -> pd.DataFrame:
    """Episodes in service during ``year``; those ending after it are active at its end."""
    w0, w1 = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    live = (ep["start"] <= w1) & (ep["end"].isna() | (ep["end"] >= w0))
    out = ep[live].copy()
    later = out["end"] > w1
    out.loc[later, "end_status"] = "active"
    out.loc[later, "end"] = pd.NaT
    out.attrs["vaikuttavuus_validated"] = True
    return out


def _card_for(card: RateCard | None, year: int) -> tuple[RateCard, int | None]:
    card = load_rate_card("tampere_illustrative") if card is None else card
    periods = card.table["period_start"].nunique()
    if periods == 1 and card.table["period_start"].iloc[0].year != year:
        t = card.table.copy()
        t["period_start"], t["period_end"] = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        moved = RateCard(card.name, card.title, card.currency, card.illustrative, card.source,
                         card.notes, t)  # fmt: skip
        return moved, int(card.table["period_start"].iloc[0].year)
    return card, None


def compensation_report(
    episodes: pd.DataFrame,
    rate_card: RateCard | str | Any = None,
    *,
    period: int | str | None = None,
    language: str = "fi",
    avoided_days: int = 120,
    daily_amount: float = 37.21,
) -> CompensationReport:
    """Compute the compensation report of one calendar year.

    Parameters
    ----------
    episodes : DataFrame
        Client episodes (extra columns such as ``municipality`` are ignored).
    rate_card : RateCard, str, Path or mapping, optional
        Rate card (default: the packaged illustrative card; a one-period card is applied to
        the report year, which the notes say).
    period : int or str, optional
        Report year (default: the year of the latest date in the data). Episodes in service
        during the year are analysed; those ending after it count as active.
    language : {"fi", "sv", "en"}, default "fi"
        Report language.
    avoided_days : int, default 120
        Benefit days an outcome is assumed to avoid, for the municipal value of outcomes.
    daily_amount : float, default 37.21
        Labour market subsidy per day (EUR, 2024) for that value.

    Returns
    -------
    CompensationReport

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
    *Statistics in Medicine*, 24, 1185-1202. Tampereen kaupunki (2020), seed 002.

    Examples
    --------
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> rep = compensation_report(simulate_episodes(monthly_clients=300, seed=1), language="en")
    >>> rep.section("rates").title
    'Outcomes by provider'
    """
    check_choice("language", language, LANGUAGES)
    avoided_days = check_int("avoided_days", avoided_days, minimum=0)
    ep = _validated(episodes)
    latest = max(
        ep["start"].max(), ep["end"].max() if ep["end"].notna().any() else ep["start"].max()
    )
    year = latest.year if period is None else check_int("period", int(period), minimum=1990)
    ep = _restrict(ep, year)
    if ep.empty:
        raise ValueError(f"no episode is in service during {year}.")
    card = (
        rate_card
        if isinstance(rate_card, RateCard) or rate_card is None
        else load_rate_card(rate_card)
    )
    card, moved = _card_for(card, year)
    lang = language
    notes: list[str] = [msg("compensation.disclosure", lang)]
    if moved:
        notes.append(msg("compensation.card_moved", lang, start=moved, year=year))
    sections: dict[str, Section] = {}

    def section(key: str, parts: tuple, intro: str = "") -> None:
        title = msg(f"compensation.{key}", lang)
        sections[key] = Section(title, parts, intro=intro, language=lang, key=key)

    pay = payments(ep, card, period=None, window=(f"{year}-01-01", f"{year}-12-31"))
    pay_t = pay.by_provider.set_index("provider")
    shown = P.suppress_provider_table(
        P.rounded(pay_t.drop(columns=["billed_days"]),
                  money=["daily_part", "outcome_part", "total", "cost_per_outcome"],
                  rates=["outcome_share"]),
        ended="episodes", counts=["ended", "outcomes"],
        rate_columns=["outcome_part", "outcome_share", "cost_per_outcome", "total"],
        outcomes="outcomes",
    )  # fmt: skip
    card_text = msg("compensation.card_illustrative", lang) if card.illustrative else card.title
    pay_notes = (msg("compensation.illustrative", lang),) if card.illustrative else ()
    pay_notes += (notes[-1],) if moved else ()
    section("payments", (P.table(shown, lang), *map(Note, pay_notes)),
            msg("compensation.payments_text", lang, card=card_text, window=f"{year}"))  # fmt: skip

    rates = outcome_rates(ep)
    rt = rates.table.set_index("provider")
    rate_cols = ["rate", "wilson_low", "wilson_high", "cp_low", "cp_high"]
    rshown = P.suppress_provider_table(
        P.rounded(rt.drop(columns=["episodes"]), rates=rate_cols),
        counts=["active", "outcomes"], rate_columns=rate_cols, outcomes="outcomes",
    )  # fmt: skip
    active = format_value(rates.active, "count", lang) if rates.active >= 5 else SUPPRESSED
    section("rates", (P.table(rshown, lang), Note(notes[0])),
            msg("compensation.rates_text", lang, active=active))  # fmt: skip

    adjusted = shrunk = contracts = None
    withheld = P.withheld_providers(rt["ended"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SparseLevelWarning)
        try:
            adjusted = risk_adjusted_rates(ep)
            shrunk = shrunk_rates(ep)
        except (ModelError, ValueError) as err:
            notes.append(str(err))
        try:
            contracts = compare_contracts(ep)
        except (ModelError, ValueError) as err:
            notes.append(str(err))
    merged = sorted({str(w.message).split(": ", 1)[-1] for w in caught
                     if issubclass(w.category, SparseLevelWarning)})  # fmt: skip
    model_notes = (
        (Note(msg("compensation.merged", lang, levels="; ".join(merged))),) if merged else ()
    )
    if adjusted is not None and shrunk is not None:
        at = adjusted.table.set_index("provider")
        at["shrunk_rate"] = shrunk.table.set_index("provider")["shrunk_rate"]
        at["position"] = adjusted.funnel.set_index("unit")["position"]
        cols = ["oe_ratio", "adjusted_rate", "adjusted_low", "adjusted_high", "shrunk_rate"]
        ashown = P.suppress_provider_table(
            P.rounded(at.drop(columns=["rate"]), rates=["expected", *cols]),
            counts=["outcomes"], rate_columns=[*cols, "expected", "position"], outcomes="outcomes",
        )  # fmt: skip
        section("adjusted", (P.table(ashown, lang), *model_notes),
                msg("compensation.adjusted_text", lang))  # fmt: skip
        funnel = adjusted.funnel[~adjusted.funnel["unit"].isin(withheld)]
        funnel.attrs.update(adjusted.funnel.attrs)
        tau2 = format_number(adjusted.funnel.attrs.get("tau2", 0.0), lang, 4)
        section(
            "funnel",
            (_funnel_figure(funnel, lang),),
            msg("compensation.funnel_text", lang, tau2=tau2),
        )
    if contracts is not None:
        ct = P.rounded(
            contracts.table.set_index("method")[["estimate", "ci_low", "ci_high"]],
            rates=["estimate", "ci_low", "ci_high"],
        )
        if min(contracts.n_outcome_based, contracts.n_fixed) < 5:
            ct = ct.astype(object).map(lambda _: SUPPRESSED)
        caveats = tuple(Note(msg(f"compensation.{c}", lang)) for c in CAVEAT_CODES)
        section(
            "contracts", (P.table(ct, lang), *caveats), msg("compensation.contracts_text", lang)
        )
    sections["financing"] = _financing(ep, pay, lang, avoided_days, daily_amount, withheld)

    table = rshown.join(pay_t[["total", "cost_per_outcome"]].round(0).astype(object), how="left")
    table.loc[withheld, ["total", "cost_per_outcome"]] = SUPPRESSED
    return CompensationReport(
        language=lang, year=year, sections=sections, payments=pay, rates=rates,
        adjusted=adjusted, shrunk=shrunk, contracts=contracts,
        provider_table=table.reset_index(), notes=tuple(notes),
    )  # fmt: skip


def _funnel_figure(funnel: pd.DataFrame, lang: str) -> Figure:
    from matplotlib.figure import Figure as MplFigure

    from ..funnel import plot_funnel

    fig = MplFigure(figsize=(7, 4.3), dpi=90)
    plot_funnel(funnel, ax=fig.subplots(), language=lang)
    return Figure(figure_png(fig), alt=msg("compensation.funnel", lang))


def _financing(
    ep: pd.DataFrame, pay: Payments, lang: str, avoided: int, amount: float, withheld: list
) -> Section:
    """Gross TE24 value of the providers' outcomes to the paying municipalities."""
    from ..te24 import outcome_value, outcome_value_grid

    ended = ep[ep["end_status"].isin(OUTCOME_STATUSES)]
    if "months_unemployed" in ended.columns:
        days = np.round(ended["months_unemployed"].fillna(0).to_numpy() * BENEFIT_DAYS_PER_MONTH)
    else:
        days = np.zeros(len(ended))
    value = outcome_value(days.astype(int), avoided, "labour_market_subsidy", amount)
    per = pd.Series(value, index=ended.index).groupby(ended["provider"]).sum()
    t = pay.by_provider.set_index("provider")[["outcomes", "total"]].copy()
    t["municipal_value"] = per.reindex(t.index).fillna(0.0).round(0)
    t["total"] = t["total"].round(0)
    shown = t.astype(object)
    shown.loc[withheld, :] = SUPPRESSED
    small = (t["outcomes"] > 0) & (t["outcomes"] < 5)
    shown.loc[small, ["outcomes", "municipal_value"]] = SUPPRESSED
    values = outcome_value_grid(daily_amount=amount)
    values.index = pd.MultiIndex.from_tuples(
        [(msg(f"financing.rule_{r}", lang), d) for r, d in values.index],
        names=[msg("financing.rule", lang), msg("financing.exit_day", lang)],
    )
    columns = {c: Column(msg("financing.avoided", lang, d=c), "count") for c in values.columns}
    value_table = Table(values, title=msg("compensation.financing_caption", lang),
                        columns=columns)  # fmt: skip
    intro = msg("compensation.financing_text", lang, avoided=avoided,
                amount=format_number(amount, lang, 2))  # fmt: skip
    return Section(msg("compensation.financing", lang), (P.table(shown, lang), value_table),
                   intro=intro, language=lang, key="financing")  # fmt: skip
