"""The compensation report: payments, outcome rates, risk adjustment, funnel plot, contract
comparison and the municipal value of outcomes, in fi/sv/en, disclosure-controlled.

Used by ``notebooks/compensation.ipynb`` and by the region report.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from .._numbers import display_number, fixed_number
from .._results import ResultMixin, Summary
from .._validation import check_choice, check_int
from ..disclosure import MIN_CELL_SIZE, SUPPRESSED
from ..survey.report import ReportSection
from . import _present as P
from ._constants import OUTCOME_STATUSES
from ._design import ModelError, SparseLevelWarning
from ._i18n import LANGUAGES, header, text
from .adjustment import (
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
    sections: Mapping[str, ReportSection]
    payments: Payments | None
    rates: OutcomeRates
    adjusted: RiskAdjustedRates | None
    shrunk: ShrunkRates | None
    contracts: ContractComparison | None
    provider_table: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)

    def section(self, name: str) -> ReportSection:
        """One section (HTML in JupyterLab): ``payments``, ``rates``, ``adjusted``, ``funnel``,
        ``contracts`` or ``financing``."""
        check_choice("name", name, tuple(self.sections))
        return replace(self.sections[name], language=self.language)

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
            return SUPPRESSED if 0 < n < MIN_CELL_SIZE else display_number(n, lang)

        figures: dict[str, object] = {
            header("ended", lang): count(ended),
            header("active", lang): count(active),
            header("rate", lang): SUPPRESSED
            if small
            else display_number(round(self.rates.overall_rate, 3), lang),
        }
        if self.payments is not None:
            figures[header("total", lang)] = display_number(round(self.payments.total), lang)
            figures[header("outcome_share", lang)] = (
                SUPPRESSED if small else display_number(round(self.payments.outcome_share, 3), lang)
            )
        return Summary(
            title=f"{text('title', lang)} {self.year}", figures=figures, notes=self.notes
        )

    def _repr_html_(self) -> str:
        return "\n".join(self.section(name)._repr_html_() for name in self.sections)


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


def _card_for(card: RateCard | None, year: int) -> tuple[RateCard, str | None]:
    card = load_rate_card("tampere_illustrative") if card is None else card
    periods = card.table["period_start"].nunique()
    if periods == 1 and card.table["period_start"].iloc[0].year != year:
        t = card.table.copy()
        t["period_start"], t["period_end"] = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
        moved = RateCard(card.name, card.title, card.currency, card.illustrative, card.source,
                         card.notes, t)  # fmt: skip
        return moved, f"{card.name}: {card.table['period_start'].iloc[0].year} -> {year}"
    return card, None


def _png(draw: Any) -> bytes:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4.3), dpi=90)
    draw(fig.subplots())
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return buf.getvalue()


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
    notes: list[str] = [text("disclosure", lang)]
    if moved:
        notes.append(moved)
    sections: dict[str, ReportSection] = {}

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
    intro = text("payments_text", lang, card=card.name, window=f"{year}")
    pay_notes = ((text("illustrative", lang),) if card.illustrative else ()) + (
        (moved,) if moved else ()
    )
    sections["payments"] = ReportSection(
        text("payments", lang), intro, {"": P.localize(shown, lang)}, notes=pay_notes
    )

    rates = outcome_rates(ep)
    rt = rates.table.set_index("provider")
    rate_cols = ["rate", "wilson_low", "wilson_high", "cp_low", "cp_high"]
    rshown = P.suppress_provider_table(
        P.rounded(rt.drop(columns=["episodes"]), rates=rate_cols),
        counts=["active", "outcomes"], rate_columns=rate_cols, outcomes="outcomes",
    )  # fmt: skip
    sections["rates"] = ReportSection(
        text("rates", lang),
        text("rates_text", lang, active=rates.active if rates.active >= 5 else SUPPRESSED),
        {"": P.localize(rshown, lang)},
        notes=(text("disclosure", lang),),
    )

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
            contracts = compare_contracts(ep, language=lang)
        except (ModelError, ValueError) as err:
            notes.append(str(err))
    merged = sorted({str(w.message).split(": ", 1)[-1] for w in caught
                     if issubclass(w.category, SparseLevelWarning)})  # fmt: skip
    model_notes = (text("merged", lang, levels="; ".join(merged)),) if merged else ()
    if adjusted is not None and shrunk is not None:
        at = adjusted.table.set_index("provider")
        at["shrunk_rate"] = shrunk.table.set_index("provider")["shrunk_rate"]
        at["position"] = adjusted.funnel.set_index("unit")["position"]
        cols = ["oe_ratio", "adjusted_rate", "adjusted_low", "adjusted_high", "shrunk_rate"]
        ashown = P.suppress_provider_table(
            P.rounded(at.drop(columns=["rate"]), rates=["expected", *cols]),
            counts=["outcomes"], rate_columns=[*cols, "expected", "position"], outcomes="outcomes",
        )  # fmt: skip
        sections["adjusted"] = ReportSection(
            text("adjusted", lang),
            text("adjusted_text", lang),
            {"": P.localize(ashown, lang)},
            notes=model_notes,
        )
        funnel = adjusted.funnel[~adjusted.funnel["unit"].isin(withheld)]
        funnel.attrs.update(adjusted.funnel.attrs)
        from ..funnel import plot_funnel

        png = _png(lambda ax: plot_funnel(funnel, ax=ax, language=lang))
        tau2 = fixed_number(adjusted.funnel.attrs.get("tau2", 0.0), lang, 4)
        sections["funnel"] = ReportSection(
            text("funnel", lang), text("funnel_text", lang, tau2=tau2), figures=(png,)
        )
    if contracts is not None:
        ct = P.rounded(
            contracts.table.set_index("method")[["estimate", "ci_low", "ci_high"]],
            rates=["estimate", "ci_low", "ci_high"],
        )
        if min(contracts.n_outcome_based, contracts.n_fixed) < 5:
            ct = ct.astype(object).map(lambda _: SUPPRESSED)
        sections["contracts"] = ReportSection(
            text("contracts", lang), text("contracts_text", lang),
            {"": P.localize(ct, lang)}, notes=contracts.notes,
        )  # fmt: skip
    sections["financing"] = _financing(ep, pay, lang, avoided_days, daily_amount, withheld)

    table = rshown.join(pay_t[["total", "cost_per_outcome"]].round(0).astype(object), how="left")
    table.loc[withheld, ["total", "cost_per_outcome"]] = SUPPRESSED
    return CompensationReport(
        language=lang, year=year, sections=sections, payments=pay, rates=rates,
        adjusted=adjusted, shrunk=shrunk, contracts=contracts,
        provider_table=table.reset_index(), notes=tuple(notes),
    )  # fmt: skip


def _financing(
    ep: pd.DataFrame, pay: Payments, lang: str, avoided: int, amount: float, withheld: list
) -> ReportSection:
    """Gross TE24 value of the providers' outcomes to the paying municipalities."""
    from ..financing import outcome_value
    from ..financing.report import outcome_value_table

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
    headers = {
        "municipal_value": {"fi": "Arvo kunnalle €", "sv": "Värde för kommunen €",
                            "en": "Value to municipality €"},
    }  # fmt: skip
    local = P.localize(shown, lang).rename(
        columns={"municipal_value": headers["municipal_value"][lang]}
    )
    amount_text = fixed_number(amount, lang, 2)
    intro = {
        "fi": f"TE24-rahoitusvastuu: jos jokainen tulos lyhentää työttömyysjaksoa {avoided} "
        f"etuuspäivällä (työmarkkinatuki {amount_text} €/pv), kunta säästää taulukon bruttoarvon. "
        "Nollavaikutusta ei ole vähennetty.",
        "sv": f"TE24-finansieringsansvar: om varje resultat förkortar arbetslösheten med {avoided} "
        f"förmånsdagar (arbetsmarknadsstöd {amount_text} €/dag) sparar kommunen tabellens "
        "bruttovärde. Dödvikt är inte avdragen.",
        "en": f"TE24 co-financing: if each outcome shortens the unemployment spell by {avoided} "
        f"benefit days (labour market subsidy {amount:.2f} €/day), the municipality saves the "
        "gross value in the table. Deadweight is not deducted.",
    }[lang]
    caption = {
        "fi": "Yhden tuloksen arvo kunnalle (€) etuuspäivän ja vältettyjen päivien mukaan",
        "sv": "Värdet av ett resultat för kommunen (€) efter förmånsdag och undvikta dagar",
        "en": "Value of one outcome to the municipality (EUR) by benefit day and days avoided",
    }[lang]
    return ReportSection(
        text("financing", lang), intro,
        {"": local, caption: outcome_value_table(language=lang)},
    )  # fmt: skip
