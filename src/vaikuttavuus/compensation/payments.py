"""Payments to providers under a rate card, and the what-if comparison of two cards.

Daily part: each calendar day an episode is in service (``start`` to ``end`` inclusive, active
episodes to ``as_of``) bills ``days_per_week / 7`` attendance days at the daily price of its
service type and contract type, in the card period covering that day. Outcome part:
outcome-based episodes ending inside the window get the card's payment for their end status,
in the reporting period of the end date. Days outside the analysis window (default: the
card's span) are outside the analysis; the result records the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._results import Summary
from .._validation import check_choice
from ._constants import CONTRACT_TYPES, OUTCOME_STATUSES, SERVICE_TYPES
from ._result import TableResult
from .episodes import _problem, validate_episodes
from .ratecard import _PAYABLE, RateCard, RateCardError, load_rate_card

__all__ = ["PERIODS", "Payments", "RateCardComparison", "compare_rate_cards", "payments"]

#: Reporting periods of :func:`payments` (``None``: the whole window as one period).
PERIODS = ("year", "quarter", "month", None)
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}
_DAY = np.timedelta64(1, "D")


def _validated(episodes: pd.DataFrame) -> pd.DataFrame:
    if isinstance(episodes, pd.DataFrame) and episodes.attrs.get("vaikuttavuus_validated"):
        return episodes
    out = validate_episodes(episodes)
    out.attrs["vaikuttavuus_validated"] = True
    return out


def _card(card: Any) -> RateCard:
    return card if isinstance(card, RateCard) else load_rate_card(card)


@dataclass(frozen=True, eq=False)
class Payments(TableResult):
    """Payments per provider and reporting period.

    Attributes
    ----------
    table : DataFrame
        One row per provider and period: ``provider``, ``period``, ``episodes`` (in service
        in the period), ``billed_days`` (attendance days), ``daily_part``, ``outcome_part``,
        ``total``, ``outcome_share`` (share of the total paid on outcomes), ``ended``,
        ``outcomes`` (ended in the period in work, education or a work trial, any contract),
        ``cost_per_outcome`` (``total / outcomes``).
    by_provider : DataFrame
        The same columns summed over periods (one row per provider).
    total, daily_total, outcome_total : float
        Sums over providers and periods.
    window : tuple of Timestamp
        First and last day analysed.
    as_of : Timestamp
        Active episodes are billed up to this day.
    rate_card : str
        Name of the card.
    period : str or None
        Reporting period.
    """

    table: pd.DataFrame
    by_provider: pd.DataFrame
    total: float
    daily_total: float
    outcome_total: float
    window: tuple[pd.Timestamp, pd.Timestamp]
    as_of: pd.Timestamp
    rate_card: str
    period: str | None

    @property
    def outcome_share(self) -> float:
        """Share of all payments made on outcomes."""
        return self.outcome_total / self.total if self.total else float("nan")

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"Payments under {self.rate_card}",
            figures={
                "window": f"{self.window[0].date()} - {self.window[1].date()}",
                "total": round(self.total, 2),
                "paid on outcomes": self.outcome_share,
            },
            tables={"by provider": self.by_provider},
        )


_COLUMNS = (
    "episodes",
    "billed_days",
    "daily_part",
    "outcome_part",
    "total",
    "outcome_share",
    "ended",
    "outcomes",
    "cost_per_outcome",
)


def _finish(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table["total"] = table["daily_part"] + table["outcome_part"]
    with np.errstate(divide="ignore", invalid="ignore"):
        table["outcome_share"] = np.where(
            table["total"] > 0, table["outcome_part"] / table["total"], np.nan
        )
        table["cost_per_outcome"] = np.where(
            table["outcomes"] > 0, table["total"] / table["outcomes"], np.nan
        )
    return table[[*keys, *_COLUMNS]]


def _compute(
    ep: pd.DataFrame, card: RateCard, period: str | None, as_of: Any, window: Any
) -> Payments:
    check_choice("period", period, PERIODS)
    missing = sorted(set(ep["service_type"].unique()) - card.service_types())
    if missing:
        mask = ep["service_type"].isin(missing).to_numpy()
        raise RateCardError(
            f"rate card {card.name!r} does not price service type(s) {', '.join(missing)} "
            f"(in every period) found in the data: {_problem(ep, mask, 'are affected')}."
        )
    t = card.table
    if window is None:
        w0, w1 = t["period_start"].min(), t["period_end"].max()
    else:
        w0, w1 = pd.Timestamp(window[0]), pd.Timestamp(window[1])
        if w1 < w0:
            raise ValueError(f"window ends ({w1.date()}) before it starts ({w0.date()}).")
    last = ep["end"].max() if ep["end"].notna().any() else ep["start"].max()
    as_of = pd.Timestamp(max(last, ep["start"].max()) if as_of is None else as_of)
    start = ep["start"].to_numpy().astype("datetime64[D]")
    # active episodes run to as_of; ended ones to their end date (as the docstring says:
    # their outcome payment is in the window, so their days must be too)
    end = ep["end"].fillna(as_of.normalize()).to_numpy().astype("datetime64[D]")
    svc = pd.Categorical(ep["service_type"], categories=SERVICE_TYPES).codes
    outcome_contract = (ep["contract_type"] == "outcome_based").to_numpy()
    prov = pd.Categorical(ep["provider"])
    pcode, k = prov.codes, len(prov.categories)
    if period is None:
        labels = [f"{w0.date()}/{w1.date()}"]
        bounds = [(w0, w1)]
    else:
        pr = pd.period_range(w0, w1, freq=_FREQ[period])
        labels = [str(p) for p in pr]
        bounds = [(max(p.start_time.normalize(), w0), min(p.end_time.normalize(), w1)) for p in pr]
    r = len(bounds)
    days = np.zeros(k * r)
    daily = np.zeros(k * r)
    counted = np.zeros(k * r)
    periods = t.drop_duplicates("period_start")[["period_start", "period_end"]].to_numpy()
    covered = np.zeros(len(ep), dtype=np.int64)
    total_days = np.zeros(len(ep), dtype=np.int64)
    w0d, w1d = np.datetime64(w0.date(), "D"), np.datetime64(w1.date(), "D")
    total_days += np.maximum(0, (np.minimum(end, w1d) - np.maximum(start, w0d)) // _DAY + 1)
    for j, (rs, re_) in enumerate(bounds):
        rs, re_ = np.datetime64(rs.date(), "D"), np.datetime64(re_.date(), "D")
        in_period = np.zeros(len(ep), dtype=bool)
        for ps, pe in periods:
            lo = np.maximum(start, max(rs, np.datetime64(pd.Timestamp(ps).date(), "D")))
            hi = np.minimum(end, min(re_, np.datetime64(pd.Timestamp(pe).date(), "D")))
            n_days = np.maximum(0, (hi - lo) // _DAY + 1)
            if not n_days.any():
                continue
            prices = t[t["period_start"] == ps].set_index("service_type").reindex(SERVICE_TYPES)
            per_week = prices["days_per_week"].to_numpy()[svc] / 7.0
            price = np.where(
                outcome_contract,
                prices["daily_outcome_based"].to_numpy()[svc],
                prices["daily_fixed"].to_numpy()[svc],
            )
            billed = n_days * per_week
            code = pcode * r + j
            days += np.bincount(code, weights=billed, minlength=k * r)
            daily += np.bincount(code, weights=billed * price, minlength=k * r)
            covered += n_days
            in_period |= n_days > 0
        counted += np.bincount(pcode * r + j, weights=in_period, minlength=k * r)
    gap = total_days != covered
    if gap.any():
        raise RateCardError(
            f"rate card {card.name!r} has no price for some days of the window: "
            f"{_problem(ep, gap, 'have unpriced days')}."
        )
    # outcome part: ended inside the window, by the card period and reporting period of the end
    status = ep["end_status"].to_numpy()
    end_day = ep["end"].to_numpy().astype("datetime64[D]")
    ended = ~np.isnat(end_day) & (end_day >= w0d) & (end_day <= w1d)
    positive = ended & np.isin(status, OUTCOME_STATUSES)
    pay = np.zeros(len(ep))
    for ps, pe in periods:
        in_card = ended & (end_day >= np.datetime64(pd.Timestamp(ps).date(), "D"))
        in_card &= end_day <= np.datetime64(pd.Timestamp(pe).date(), "D")
        prices = t[t["period_start"] == ps].set_index("service_type").reindex(SERVICE_TYPES)
        for st in _PAYABLE:
            amount = prices[f"pay_{st}"].to_numpy()[svc]
            sel = in_card & outcome_contract & (status == st)
            pay[sel] = amount[sel]
    end_period = np.zeros(len(ep), dtype=np.int64)
    for j, (rs, re_) in enumerate(bounds):
        sel = (end_day >= np.datetime64(rs.date(), "D")) & (
            end_day <= np.datetime64(re_.date(), "D")
        )
        end_period[sel] = j
    code = pcode * r + end_period
    outcome = np.bincount(code, weights=pay, minlength=k * r)
    n_ended = np.bincount(code, weights=ended, minlength=k * r)
    n_pos = np.bincount(code, weights=positive, minlength=k * r)
    table = pd.DataFrame(
        {
            "provider": np.repeat(np.asarray(prov.categories, dtype=object), r),
            "period": np.tile(np.array(labels, dtype=object), k),
            "episodes": counted.astype(np.int64),
            "billed_days": days,
            "daily_part": daily,
            "outcome_part": outcome,
            "ended": n_ended.astype(np.int64),
            "outcomes": n_pos.astype(np.int64),
        }
    )
    table = _finish(table, ["provider", "period"])
    sums = ["billed_days", "daily_part", "outcome_part", "ended", "outcomes"]
    by = table.groupby("provider", sort=True)[sums].sum().reset_index()
    by.insert(
        1, "episodes", np.bincount(pcode, weights=total_days > 0, minlength=k).astype(np.int64)
    )
    by = _finish(by, ["provider"])
    return Payments(
        table=table,
        by_provider=by,
        total=float(table["total"].sum()),
        daily_total=float(table["daily_part"].sum()),
        outcome_total=float(table["outcome_part"].sum()),
        window=(w0, w1),
        as_of=as_of,
        rate_card=card.name,
        period=period,
    )


def payments(
    episodes: pd.DataFrame,
    rate_card: RateCard | str | Any,
    *,
    period: str | None = "year",
    as_of: Any = None,
    window: tuple[Any, Any] | None = None,
) -> Payments:
    """Payments per provider and period under a rate card.

    Parameters
    ----------
    episodes : DataFrame
        Episodes (validated with :func:`~vaikuttavuus.compensation.validate_episodes`).
    rate_card : RateCard, str, Path or mapping
        The card, or anything :func:`~vaikuttavuus.compensation.load_rate_card` reads.
    period : {"year", "quarter", "month", None}, default "year"
        Reporting period (``None``: the window as one period).
    as_of : date, optional
        Active episodes are billed to this day (default: the latest date in the data).
        Ended episodes are billed to their end date whatever ``as_of``; ``window`` limits
        the days analysed.
    window : (date, date), optional
        First and last day analysed (default: the card's first and last day).

    Returns
    -------
    Payments

    References
    ----------
    Tampereen kaupunki (2020), seed 002: effectiveness-based compensation = daily price plus a
    payment for the client's progress.

    Examples
    --------
    >>> import pandas as pd
    >>> card = {"name": "toy", "periods": [{"start": "2019-01-01", "end": "2019-12-31",
    ...     "services": {"1A": {"days_per_week": 7,
    ...                         "daily_price": {"outcome_based": 10, "fixed": 12},
    ...                         "outcome_payment": {"work": 500}}}}]}
    >>> ep = pd.DataFrame({"episode_id": ["e1", "e2"], "client_id": ["c1", "c2"],
    ...     "provider": ["A", "A"], "service_type": ["1A", "1A"],
    ...     "contract_type": ["outcome_based", "fixed"], "start": ["2019-01-01", "2019-01-01"],
    ...     "end": ["2019-01-10", "2019-01-10"], "end_status": ["work", "work"]})
    >>> payments(ep, card).table[["daily_part", "outcome_part", "total", "cost_per_outcome"]]
       daily_part  outcome_part  total  cost_per_outcome
    0       220.0         500.0  720.0             360.0
    """
    return _compute(_validated(episodes), _card(rate_card), period, as_of, window)


@dataclass(frozen=True, eq=False)
class RateCardComparison(TableResult):
    """Payments and incentives of the same episodes under two rate cards.

    Attributes
    ----------
    table : DataFrame
        One row per provider: ``total_a``, ``total_b``, ``difference`` (b - a),
        ``outcome_share_a/_b``, ``bonus_per_outcome_a/_b`` (all end-status payments divided
        by the paid outcomes, i.e. work, education and work trial: the provider's average
        reward per outcome; a card that also pays for other end statuses, which neither
        packaged card does, counts that money here too), ``cost_per_outcome_a/_b``.
    a, b : Payments
        The two full results.
    """

    table: pd.DataFrame
    a: Payments
    b: Payments

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"Rate cards {self.a.rate_card} vs {self.b.rate_card}",
            figures={
                "total a": round(self.a.total, 2),
                "total b": round(self.b.total, 2),
                "paid on outcomes a": self.a.outcome_share,
                "paid on outcomes b": self.b.outcome_share,
            },
            tables={"by provider": self.table},
        )


def _paid_outcomes(ep: pd.DataFrame, res: Payments) -> pd.Series:
    w0, w1 = res.window
    sel = (
        ep["end"].between(w0, w1)
        & ep["end_status"].isin(OUTCOME_STATUSES)
        & (ep["contract_type"] == CONTRACT_TYPES[0])
    )
    return sel.groupby(ep["provider"]).sum()


def compare_rate_cards(
    episodes: pd.DataFrame,
    card_a: RateCard | str | Any,
    card_b: RateCard | str | Any,
    *,
    as_of: Any = None,
    window: tuple[Any, Any] | None = None,
) -> RateCardComparison:
    """What-if: payments and outcome incentives of the same episodes under two cards.

    Parameters
    ----------
    card_a, card_b : RateCard, str, Path or mapping
        The current and the alternative card; both must price every day of the window.
    episodes, as_of
        As in :func:`payments`.
    window : (date, date), optional
        Days analysed (default: card a's span).

    Returns
    -------
    RateCardComparison

    References
    ----------
    Tampereen kaupunki (2020), seed 002.

    Examples
    --------
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> ep = simulate_episodes(monthly_clients=100, seed=2)
    >>> res = compare_rate_cards(ep, "tampere_illustrative", "outcome_heavy_illustrative")
    >>> res.b.outcome_share > res.a.outcome_share
    True
    """
    ep = _validated(episodes)
    a = _compute(ep, _card(card_a), None, as_of, window)
    b = _compute(ep, _card(card_b), None, as_of, window if window is not None else a.window)
    paid = _paid_outcomes(ep, a)
    ta, tb = a.by_provider.set_index("provider"), b.by_provider.set_index("provider")
    n_paid = paid.reindex(ta.index).fillna(0).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        table = pd.DataFrame(
            {
                "total_a": ta["total"],
                "total_b": tb["total"],
                "difference": tb["total"] - ta["total"],
                "outcome_share_a": ta["outcome_share"],
                "outcome_share_b": tb["outcome_share"],
                "bonus_per_outcome_a": np.where(n_paid > 0, ta["outcome_part"] / n_paid, np.nan),
                "bonus_per_outcome_b": np.where(n_paid > 0, tb["outcome_part"] / n_paid, np.nan),
                "cost_per_outcome_a": ta["cost_per_outcome"],
                "cost_per_outcome_b": tb["cost_per_outcome"],
                "outcomes": ta["outcomes"],
            }
        ).reset_index()
    return RateCardComparison(table=table, a=a, b=b)
