"""Report helpers for TE24 co-financing: tables and charts in Finnish, Swedish or English.

Rule tables and charts describe no persons; :func:`municipal_cost_by_group` aggregates person
data and suppresses groups of fewer than 5 persons. matplotlib is imported inside the plotting
functions only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validation import as_frame, check_columns, check_int
from ..disclosure import MIN_CELL_SIZE, SUPPRESSED, groups_to_withhold
from ..present import check_language, format_number, format_value, msg, set_axis_format
from ..published import published_table
from ..te24 import outcome_value_grid, share_rates, spell_cost
from ..te24._tiers import BENEFIT_TYPES, resolve_rule

__all__ = [
    "financing_shares_table",
    "municipal_cost_by_group",
    "outcome_value_table",
    "plot_cumulative_cost",
    "plot_financing_shares",
    "plot_tier_shares",
    "rehabilitative_work_starts_table",
    "tier_table",
    "transition_table",
]

_PAYERS = ("state", "employees", "employers", "municipalities")


def _rule_label(rule: str, language: str) -> str:
    key = f"rule_{rule}"
    return msg(f"financing.{key}", language) if key in ("rule_2025", "rule_pre2025") else rule


def tier_table(
    rules: Sequence[str] = ("2025", "pre2025"),
    *,
    benefit_types: Sequence[str] = ("labour_market_subsidy", "basic_allowance"),
    language: str = "fi",
) -> pd.DataFrame:
    """The municipality's share (%) by accumulated benefit days, rules side by side.

    Parameters
    ----------
    rules : sequence of str
        Co-financing rules to compare (``"2025"``, ``"pre2025"``).
    benefit_types : sequence of str
        Benefit types to show (columns ``<type> <rule>``); the earnings-related allowance has
        the basic allowance's shares, charged on the basic-part-sized portion.
    language : {"fi", "sv", "en"}
        Language of the headers.

    Returns
    -------
    DataFrame
        One row per day class (union of the rules' boundaries), shares in percent.

    References
    ----------
    Kela (2024). Kelan laskutus muuttuu, kun kuntien rahoitusvastuu työttömyystuista laajenee
    1.1.2025 alkaen. Kela: Työmarkkinatuen laskutus kunnilta.

    Examples
    --------
    >>> from vaikuttavuus.financing.report import tier_table
    >>> tier_table(language="en").iloc[:, 1].tolist()
    [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 50.0]
    """
    language = check_language(language)
    schedules = [resolve_rule(r) for r in rules]
    for kind in benefit_types:
        if kind not in BENEFIT_TYPES:
            raise ValueError(f"benefit_types has {kind!r}; allowed: {', '.join(BENEFIT_TYPES)}.")
    starts = sorted({int(d) for s in schedules for d in s.first_days})
    ends = [*(d - 1 for d in starts[1:]), None]
    labels = [f"{a}–{b}" if b is not None else f"{a}–" for a, b in zip(starts, ends, strict=True)]
    out = pd.DataFrame({msg("financing.day_class", language): labels})
    for s in schedules:
        for kind in benefit_types:
            if s.name == "pre2025" and not s.shares[kind].any():
                continue  # not co-financed before 2025: leave the column out
            col = f"{msg(f'financing.{kind}', language)}, {_rule_label(s.name, language)}".capitalize()
            out[col] = 100 * share_rates(np.array(starts), kind, rule=s)
    return out


def outcome_value_table(
    accumulated_days: Sequence[int] = (100, 200, 300, 400, 700),
    remaining_days: Sequence[int] = (20, 60, 120, 250),
    *,
    benefit_type: str = "labour_market_subsidy",
    daily_amount: float = 37.21,
    rules: Sequence[str] = ("2025", "pre2025"),
    language: str = "fi",
) -> pd.DataFrame:
    """What an outcome is worth to the municipality: savings (EUR) by exit day and days avoided.

    The numbers are :func:`vaikuttavuus.te24.outcome_value_grid`; this adds the headers and
    rule names in ``language``.

    Parameters
    ----------
    accumulated_days, remaining_days, benefit_type, daily_amount, rules
        As :func:`vaikuttavuus.te24.outcome_value_grid` (rows, columns, benefit, EUR per day,
        rules one under the other).
    language : {"fi", "sv", "en"}
        Language of the headers.

    Returns
    -------
    DataFrame
        Rows (rule, exit day), one column per number of avoided days, EUR rounded to whole euros.

    References
    ----------
    See :func:`vaikuttavuus.te24.outcome_value_grid`.

    Examples
    --------
    >>> from vaikuttavuus.financing.report import outcome_value_table
    >>> tab = outcome_value_table([300], [100], rules=["2025", "pre2025"], language="en")
    >>> tab.iloc[:, 0].tolist()
    [1116.0, 1860.0]
    """
    language = check_language(language)
    grid = outcome_value_grid(accumulated_days, remaining_days, benefit_type=benefit_type,
                              daily_amount=daily_amount, rules=[str(r) for r in rules])  # fmt: skip
    grid.index = grid.index.set_levels(
        [[_rule_label(r, language) for r in grid.index.levels[0]], grid.index.levels[1]]
    ).set_names([msg("financing.rule", language), msg("financing.exit_day", language)])
    grid.columns = [msg("financing.avoided", language, d=int(d)) for d in grid.columns]
    return grid


def financing_shares_table(*, language: str = "fi") -> pd.DataFrame:
    """Who pays the unemployment benefits: shares 2019 and 2025 (estimate), from seed 003.

    Parameters
    ----------
    language : {"fi", "sv", "en"}
        Language of the headers and payer names.

    Returns
    -------
    DataFrame
        One row per payer: share 2019 (%), share 2025 (%), change in EUR million.

    References
    ----------
    Kuntaliitto/Mehtonen (11.10.2022), source KELA, VM, HE; in Vaasa's TE24 briefing
    1.11.2023 (seed 003_89ff57224bc5a1c7.txt:593-612).

    Examples
    --------
    >>> from vaikuttavuus.financing.report import financing_shares_table
    >>> tab = financing_shares_table(language="en")
    >>> tab.iloc[3, 0], tab.iloc[3, 1:].to_numpy(dtype=float).tolist()
    ('Municipalities', [11.0, 21.0, 350.0])
    """
    language = check_language(language)
    raw = published_table("unemployment_benefit_financing_shares")
    wide = raw.pivot(index="payer", columns="year", values="share_pct").loc[list(_PAYERS)]
    change = raw[raw["year"] == 2025].set_index("payer")["change_meur"].reindex(list(_PAYERS))
    return pd.DataFrame(
        {
            msg("financing.payer", language): [msg(f"financing.{p}", language) for p in _PAYERS],
            msg("financing.share_year", language, year=2019): wide[2019].to_numpy(),
            msg("financing.share_year", language, year=2025): wide[2025].to_numpy(),
            msg("financing.change_meur", language): change.to_numpy(),
        }
    )


def transition_table(*, language: str = "fi") -> pd.DataFrame:
    """The two-year transition of the TE service financing (2025-2027), from seed 003.

    Parameters
    ----------
    language : {"fi", "sv", "en"}
        Language of the headers.

    Returns
    -------
    DataFrame
        Year, share based on the estimated actual cost (%), share of calculated state aid (%).

    References
    ----------
    Kuntaliitto in Vaasa's TE24 briefing 1.11.2023 (seed 003_89ff57224bc5a1c7.txt:550-556).

    Examples
    --------
    >>> from vaikuttavuus.financing.report import transition_table
    >>> transition_table(language="en").iloc[:, 1].tolist()
    [50, 25, 0]
    """
    language = check_language(language)
    raw = published_table("te24_financing_transition")
    return pd.DataFrame(
        {
            msg("financing.year", language): raw["year"].to_numpy(),
            msg("financing.actual", language): raw["actual_cost_estimate_pct"].to_numpy(),
            msg("financing.state_aid", language): raw["calculated_state_aid_pct"].to_numpy(),
        }
    )


def rehabilitative_work_starts_table(*, language: str = "fi") -> pd.DataFrame:
    """Persons starting rehabilitative work activity in Finland per year, 2011-2023 (seed 001).

    Parameters
    ----------
    language : {"fi", "sv", "en"}
        Language of the headers; the partial year 2023 (January-November) is labelled.

    Returns
    -------
    DataFrame
        Year (text, the partial year marked with ``*``) and the number of persons starting.

    References
    ----------
    Kuntaliitto (2024), seed 001_09ce0bd927ec60a5.txt:276-297.

    Examples
    --------
    >>> from vaikuttavuus.financing.report import rehabilitative_work_starts_table
    >>> tab = rehabilitative_work_starts_table(language="en")
    >>> tab.iloc[:, 0].tolist()[-2:], tab.iloc[:, 1].to_numpy().tolist()[-2:]
    (['2022', '2023*'], [18161, 15504])
    """
    language = check_language(language)
    raw = published_table("rehabilitative_work_starts")
    years = [f"{y}*" if m < 12 else str(y) for y, m in zip(raw["year"], raw["months"], strict=True)]
    return pd.DataFrame(
        {msg("financing.year", language): years, msg("financing.starts", language): raw["starts"]}
    )


def municipal_cost_by_group(
    data: pd.DataFrame,
    group: str,
    days_before: str,
    days_paid: str,
    benefit_type: str,
    daily_amount: str,
    *,
    rule: str = "2025",
    min_n: int = MIN_CELL_SIZE,
    language: str = "fi",
) -> pd.DataFrame:
    """The municipality's cost of benefit spells by group, with small groups suppressed.

    Each row of ``data`` is one person's run of benefit days (see
    :func:`~vaikuttavuus.financing.spell_cost`). Groups of ``1..min_n-1`` persons, and the
    smallest other group when needed so that no suppressed figure can be recovered from the
    total, show ``"<5"``.

    Parameters
    ----------
    data : DataFrame
        One row per person (or spell).
    group : str
        Column to group by (e.g. municipality, provider).
    days_before, days_paid : str
        Columns of accumulated days before the run and days in the run.
    benefit_type : str
        Column of benefit types.
    daily_amount : str
        Column of EUR per day.
    rule : {"2025", "pre2025"}
        Co-financing rule.
    min_n : int
        Smallest number of persons a shown group may describe.
    language : {"fi", "sv", "en"}
        Language of the headers.

    Returns
    -------
    DataFrame
        Per group: persons, benefit days, benefits (EUR), municipal share (EUR) and per person
        (object dtype; suppressed cells read ``"<5"``).

    References
    ----------
    Hundepool, A. et al. (2012). Statistical Disclosure Control. Wiley, ch. 4.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.financing.report import municipal_cost_by_group
    >>> d = pd.DataFrame({"area": ["A"] * 6 + ["B"] * 7 + ["C"] * 2, "before": 100,
    ...                   "paid": 100, "type": "labour_market_subsidy", "eur": 37.21})
    >>> tab = municipal_cost_by_group(d, "area", "before", "paid", "type", "eur", language="en")
    >>> [str(v) for v in tab["Municipal share (EUR)"]]  # C < 5 persons; A withheld with it
    ['<5', '2604.7', '<5']
    """
    language = check_language(language)
    min_n = check_int("min_n", min_n, minimum=1)
    frame = as_frame(data)
    cols = check_columns(
        frame, [group, days_before, days_paid, benefit_type, daily_amount], "columns"
    )
    if frame[group].isna().any():
        raise ValueError(f"column {group!r} has {int(frame[group].isna().sum())} missing group(s).")
    cost = spell_cost(
        frame[cols[1]].to_numpy(),
        frame[cols[2]].to_numpy(),
        frame[cols[3]].to_numpy(),
        frame[cols[4]].to_numpy(),
        rule=rule,
    )
    work = pd.DataFrame(
        {
            "group": frame[group].to_numpy(),
            "days": frame[days_paid].to_numpy(dtype=np.float64),
            "benefit": frame[days_paid].to_numpy(dtype=np.float64)
            * frame[daily_amount].to_numpy(dtype=np.float64),
            "cost": cost,
        }
    )
    agg = work.groupby("group", sort=True).agg(
        n=("cost", "size"), days=("days", "sum"), benefit=("benefit", "sum"), cost=("cost", "sum")
    )
    agg["per_person"] = agg["cost"] / agg["n"]
    primary, secondary = groups_to_withhold(agg["n"], min_n=min_n)
    out = agg.round(2).astype(object)
    out.loc[primary + secondary, :] = SUPPRESSED
    out = out.reset_index()
    out.columns = [
        msg("financing.group", language),
        msg("financing.persons", language),
        msg("financing.benefit_days", language),
        msg("financing.benefit_eur", language),
        msg("financing.municipal_eur", language),
        msg("financing.per_person", language),
    ]
    return out


def _axes(ax: Any) -> Any:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    return ax


def _day_chart(max_day: int, ax: Any) -> tuple[np.ndarray, Any]:
    """Benefit days ``1..max_day`` (checked) and the axes of a chart by accumulated day."""
    max_day = check_int("max_day", max_day, minimum=2)
    return np.arange(1, max_day + 1), _axes(ax)


def _finish_day_chart(ax: Any, y_key: str, language: str) -> Any:
    """Axis labels, number format and legend of a chart by accumulated day (one per rule)."""
    ax.set_xlabel(msg("financing.day_axis", language))
    ax.set_ylabel(msg(y_key, language))
    set_axis_format(ax, language, axis="both")
    ax.legend()
    return ax


def plot_tier_shares(
    *,
    rules: Sequence[str] = ("2025", "pre2025"),
    benefit_type: str = "labour_market_subsidy",
    max_day: int = 1200,
    ax: Any = None,
    language: str = "fi",
) -> Any:
    """Step chart of the municipality's share by accumulated benefit days.

    Parameters
    ----------
    rules : sequence of str
        Rules to draw.
    benefit_type : str
        Benefit type.
    max_day : int
        Last day on the x axis.
    ax : matplotlib Axes, optional
        Axes to draw on (default a new figure).
    language : {"fi", "sv", "en"}
        Language of the labels.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Kela (2024). Kelan laskutus muuttuu, kun kuntien rahoitusvastuu työttömyystuista laajenee
    1.1.2025 alkaen.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from vaikuttavuus.financing.report import plot_tier_shares
    >>> ax = plot_tier_shares(language="en")
    >>> len(ax.get_lines())
    2
    """
    language = check_language(language)
    days, ax = _day_chart(max_day, ax)
    for rule in rules:
        rates = 100 * share_rates(days, benefit_type, rule=rule)
        ax.step(days, rates, where="post", label=_rule_label(str(rule), language))
    ax.set_title(
        f"{msg('financing.tier_title', language)}: {msg(f'financing.{benefit_type}', language)}"
    )
    ax.set_ylim(0, 75)
    return _finish_day_chart(ax, "financing.share_axis", language)


def plot_cumulative_cost(
    *,
    rules: Sequence[str] = ("2025", "pre2025"),
    benefit_type: str = "labour_market_subsidy",
    daily_amount: float = 37.21,
    max_day: int = 1200,
    ax: Any = None,
    language: str = "fi",
) -> Any:
    """The municipality's cumulative cost of one uninterrupted spell, by benefit day.

    One line per rule: :func:`vaikuttavuus.te24.spell_cost` of a spell that starts on day 1.

    Parameters
    ----------
    daily_amount : float
        Benefit per day in EUR.
    max_day : int
        Length of the spell in benefit days.
    rules, benefit_type, ax, language
        As in :func:`plot_tier_shares`.

    Returns
    -------
    matplotlib Axes

    References
    ----------
    Kela. Työmarkkinatuen laskutus kunnilta. https://www.kela.fi/tyomarkkinatuen-kuntarahoitus1

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from vaikuttavuus.financing.report import plot_cumulative_cost
    >>> ax = plot_cumulative_cost(max_day=300, language="sv")
    >>> round(float(ax.get_lines()[0].get_ydata()[-1]), 2)  # 100 d x 10 % + 100 d x 20 %
    1116.3
    """
    language = check_language(language)
    days, ax = _day_chart(max_day, ax)
    for rule in rules:
        cum = spell_cost(0, days, benefit_type, daily_amount, rule=rule)
        ax.plot(days, cum, label=_rule_label(str(rule), language))
    amount = format_number(daily_amount, language, 2)
    ax.set_title(msg("financing.cum_title", language, amount=amount))
    return _finish_day_chart(ax, "financing.cum_axis", language)


def plot_financing_shares(*, ax: Any = None, language: str = "fi") -> Any:
    """Stacked bars: who pays the unemployment benefits, 2019 vs 2025 (estimate).

    Parameters
    ----------
    ax, language
        As in :func:`plot_tier_shares`.

    Returns
    -------
    matplotlib Axes
        Two bars (2019, 2025), one segment per payer labelled with its share.

    References
    ----------
    Kuntaliitto/Mehtonen (11.10.2022), seed 003_89ff57224bc5a1c7.txt:593-612.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from vaikuttavuus.financing.report import plot_financing_shares
    >>> plot_financing_shares(language="en").get_legend_handles_labels()[1]  # 2 bars x 4 payers
    ['State', 'Employees', 'Employers', 'Municipalities']
    """
    language = check_language(language)
    table = financing_shares_table(language=language)
    ax = _axes(ax)
    years = ["2019", "2025"]
    bottom = np.zeros(2)
    for _, row in table.iterrows():
        values = np.array([row.iloc[1], row.iloc[2]], dtype=float)
        bars = ax.bar(years, values, bottom=bottom, label=row.iloc[0])
        ax.bar_label(
            bars, labels=[format_value(v, "percent", language) for v in values], label_type="center"
        )
        bottom += values
    ax.set_ylabel("%")
    set_axis_format(ax, language)
    ax.set_title(msg("financing.shares_title", language))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax
