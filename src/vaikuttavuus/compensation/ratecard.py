"""Rate cards: daily prices and outcome payments per service type, by contract period (YAML).

A card has ``name``, ``title``, ``currency``, ``illustrative`` (true when the prices are not
real), ``source``, ``notes`` and ``periods``; each period has ``start``, ``end`` (inclusive)
and ``services``::

    periods:
      - start: 2019-01-01
        end: 2019-12-31
        services:
          1A:
            days_per_week: 3            # attendance days billed per week in service
            daily_price: {outcome_based: 19.0, fixed: 24.0}   # € per attendance day
            outcome_payment: {work: 900, education: 700, work_trial: 400}  # € per ended episode

Outcome payments are paid to outcome-based contracts only, in the period of the end date.
Packaged cards: :func:`rate_card_names`; ``data/ratecards/`` holds copies for editing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .._results import Summary
from ..io import ReadError, parse_date, read_text
from ._constants import CONTRACT_TYPES, END_STATUSES, SERVICE_TYPES
from ._result import TableResult

__all__ = ["RateCard", "RateCardError", "load_rate_card", "rate_card_names"]

_PAYABLE = tuple(s for s in END_STATUSES if s != "active")


class RateCardError(ValueError):
    """A rate card is malformed (the message names the period, service and field)."""


@dataclass(frozen=True, eq=False)
class RateCard(TableResult):
    """A validated rate card.

    Attributes
    ----------
    name, title, currency, source, notes : str
        Identification and provenance.
    illustrative : bool
        True when the prices are invented (never cite them as real prices).
    table : DataFrame
        One row per period and service type: ``period_start``, ``period_end``,
        ``service_type``, ``days_per_week``, ``daily_outcome_based``, ``daily_fixed`` and
        ``pay_<status>`` for every end status except ``active`` (0 when not paid).
    """

    name: str
    title: str
    currency: str
    illustrative: bool
    source: str
    notes: str
    table: pd.DataFrame

    def service_types(self) -> set[str]:
        """Service types priced in every period of the card."""
        counts = self.table.groupby("service_type").size()
        return set(counts.index[counts == self.table["period_start"].nunique()])

    def _summary_parts(self) -> Summary:
        notes = (self.notes,) if self.notes else ()
        if self.illustrative:
            notes = ("ILLUSTRATIVE prices, not real ones.", *notes)
        return Summary(
            title=f"Rate card: {self.title}",
            figures={"name": self.name, "currency": self.currency, "source": self.source},
            tables={"prices": self.table},
            notes=notes,
        )


def _date(value: Any, where: str) -> pd.Timestamp:
    """A period date by the rules of :func:`vaikuttavuus.io.parse_date` (``1.2.2019`` is
    1 February; ISO and ``yyyymmdd`` too; an ambiguous ``1/2/2019`` is refused)."""
    if isinstance(value, dt.date | str) or (isinstance(value, int) and not isinstance(value, bool)):
        try:
            return parse_date(value, what=where)
        except ReadError as err:
            raise RateCardError(f"{where} must be a date (YYYY-MM-DD or d.m.yyyy): {err}") from err
    raise RateCardError(f"{where} must be a date (YYYY-MM-DD or d.m.yyyy), got {value!r}.")


def _price(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise RateCardError(f"{where} must be a number (a price >= 0), got {value!r}.")
    if value < 0:
        raise RateCardError(f"{where} is negative ({value}); prices must be >= 0.")
    return float(value)


def _parse(spec: Mapping[str, Any]) -> RateCard:
    if not isinstance(spec, Mapping):
        raise RateCardError(f"a rate card must be a mapping, got {type(spec).__name__}.")
    periods = spec.get("periods")
    if not isinstance(periods, list) or not periods:
        raise RateCardError("the rate card needs 'periods': a list of contract periods.")
    rows = []
    for i, period in enumerate(periods):
        where = f"periods[{i}]"
        if not isinstance(period, Mapping):
            raise RateCardError(f"{where} must be a mapping with start, end and services.")
        start = _date(period.get("start"), f"{where}.start")
        end = _date(period.get("end"), f"{where}.end")
        if end < start:
            raise RateCardError(f"{where} ends ({end.date()}) before it starts ({start.date()}).")
        services = period.get("services")
        if not isinstance(services, Mapping) or not services:
            raise RateCardError(f"{where}.services must map service types to prices.")
        unknown = sorted(str(s) for s in services if str(s) not in SERVICE_TYPES)
        if unknown:
            raise RateCardError(
                f"{where}.services has unknown service type(s) {', '.join(unknown)}; "
                f"allowed: {', '.join(SERVICE_TYPES)}."
            )
        for service, p in services.items():
            w = f"{where}.services.{service}"
            if not isinstance(p, Mapping):
                raise RateCardError(f"{w} must be a mapping (days_per_week, daily_price, ...).")
            daily = p.get("daily_price")
            if not isinstance(daily, Mapping):
                raise RateCardError(
                    f"{w}.daily_price must give a price per contract type: "
                    f"{', '.join(CONTRACT_TYPES)}."
                )
            row = {
                "period_start": start,
                "period_end": end,
                "service_type": str(service),
                "days_per_week": _price(p.get("days_per_week"), f"{w}.days_per_week"),
            }
            if row["days_per_week"] > 7:
                raise RateCardError(f"{w}.days_per_week is {row['days_per_week']}; at most 7.")
            for contract in CONTRACT_TYPES:
                key = "daily_outcome_based" if contract == "outcome_based" else "daily_fixed"
                row[key] = _price(daily.get(contract), f"{w}.daily_price.{contract}")
            pay = p.get("outcome_payment", {}) or {}
            if not isinstance(pay, Mapping):
                raise RateCardError(f"{w}.outcome_payment must map end statuses to euros.")
            bad = sorted(str(s) for s in pay if s not in _PAYABLE)
            if bad:
                raise RateCardError(
                    f"{w}.outcome_payment has unknown end status(es) {', '.join(bad)}; "
                    f"allowed: {', '.join(_PAYABLE)}."
                )
            for status in _PAYABLE:
                row[f"pay_{status}"] = _price(pay.get(status, 0.0), f"{w}.outcome_payment.{status}")
            rows.append(row)
    table = pd.DataFrame(rows).sort_values(["period_start", "service_type"], kind="stable")
    table = table.reset_index(drop=True)
    bounds = table.drop_duplicates("period_start")[["period_start", "period_end"]]
    if (
        bounds["period_start"].iloc[1:].to_numpy() <= bounds["period_end"].iloc[:-1].to_numpy()
    ).any():
        raise RateCardError("the rate card's periods overlap; each day may have one price.")
    return RateCard(
        name=str(spec.get("name", "rate_card")),
        title=str(spec.get("title", spec.get("name", "rate card"))),
        currency=str(spec.get("currency", "EUR")),
        illustrative=bool(spec.get("illustrative", False)),
        source=str(spec.get("source", "")),
        notes=str(spec.get("notes", "")).strip(),
        table=table,
    )


def rate_card_names() -> list[str]:
    """Names of the rate cards packaged with vaikuttavuus.

    Returns
    -------
    list of str
        Names accepted by :func:`load_rate_card`.

    References
    ----------
    See the cards' ``source`` fields.

    Examples
    --------
    >>> "tampere_illustrative" in rate_card_names()
    True
    """
    folder = resources.files(__package__) / "ratecards"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_rate_card(card: str | Path | Mapping[str, Any]) -> RateCard:
    """Load and validate a rate card.

    Parameters
    ----------
    card : str, Path or mapping
        A packaged card's name (see :func:`rate_card_names`), a path to a YAML file, or the
        card as a mapping (the parsed YAML).

    Returns
    -------
    RateCard

    References
    ----------
    Tampereen kaupunki (2020), seed 002: effectiveness-based compensation is a daily price plus
    a payment for the client's progress (the structure of these cards).

    Examples
    --------
    >>> card = load_rate_card("tampere_illustrative")
    >>> card.illustrative, sorted(card.service_types())[:3]
    (True, ['1A', '1B', '1C'])
    """
    if isinstance(card, Mapping):
        return _parse(card)
    if isinstance(card, str) and card in rate_card_names():
        text = (resources.files(__package__) / "ratecards" / f"{card}.yaml").read_text("utf-8")
    else:
        path = Path(card)
        if not path.is_file():
            raise FileNotFoundError(
                f"rate card {str(card)!r} is neither a file nor a packaged card; "
                f"packaged cards: {', '.join(rate_card_names())}."
            )
        text = read_text(path)
    try:
        spec = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise RateCardError(f"rate card {card!s} is not valid YAML: {err}") from err
    return _parse(spec)
