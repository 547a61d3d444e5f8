"""TE24 co-financing: the municipality's share of unemployment benefits by accumulated days.

From 1.1.2025 (the TE24 reform) the municipality of residence pays a share of the labour market
subsidy, the basic allowance and the basic-part-sized portion of the earnings-related allowance,
growing with the accumulated benefit days. Until 31.12.2024 it paid only a share of the labour
market subsidy after 300 days. The day classes and shares are configuration (``tiers.yaml``, with
sources); :func:`load_tier_schedule` reads an edited copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice
from ._tiers import BENEFIT_TYPES, TierSchedule, load_schedules, resolve_rule

__all__ = [
    "BENEFIT_TYPES",
    "RULES",
    "MunicipalShare",
    "TierSchedule",
    "expected_outcome_value",
    "load_tier_schedule",
    "municipal_share",
    "outcome_value",
    "outcome_value_grid",
    "share_rates",
    "spell_cost",
]

#: Packaged co-financing rules.
RULES = ("2025", "pre2025")


def load_tier_schedule(path: str | Path | None = None, rule: str = "2025") -> TierSchedule:
    """Read one co-financing rule from a tiers YAML file.

    Parameters
    ----------
    path : str or Path, optional
        A YAML file laid out like the packaged ``vaikuttavuus/te24/tiers.yaml``
        (default: that file).
    rule : str
        Name of the rule in the file, e.g. ``"2025"`` or ``"pre2025"``.

    Returns
    -------
    TierSchedule
        Day classes, shares per benefit type, charged amounts, sources and caveats; pass it as
        ``rule=`` to the other functions.

    References
    ----------
    Kela (2024). Kelan laskutus muuttuu, kun kuntien rahoitusvastuu työttömyystuista laajenee
    1.1.2025 alkaen. https://www.kela.fi/ajankohtaista/kelan-laskutus-muuttuu-kun-kuntien-rahoitusvastuu-tyottomyystuista-laajenee-1.1.2025-alkaen

    Examples
    --------
    >>> from vaikuttavuus.financing import load_tier_schedule
    >>> s = load_tier_schedule(rule="2025")
    >>> s.first_days.tolist(), s.shares["labour_market_subsidy"].tolist()
    ([1, 101, 201, 301, 401, 701], [0.0, 0.1, 0.2, 0.3, 0.4, 0.5])
    """
    schedules = load_schedules(path)
    check_choice("rule", rule, tuple(schedules))
    return schedules[rule]


def _indexes(mask: np.ndarray) -> str:
    if mask.ndim == 0:
        return "the value"
    bad = np.argwhere(mask)
    shown = ", ".join(
        str(tuple(int(i) for i in row)) if len(row) > 1 else str(int(row[0])) for row in bad[:5]
    )
    return f"{len(bad)} value(s), first at position(s) {shown}"


def _days(name: str, values: Any, *, minimum: int) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.number)):
        raise TypeError(f"{name} must hold whole numbers of benefit days, got dtype {arr.dtype}.")
    arr = arr.astype(np.float64)
    bad = ~np.isfinite(arr) | (arr != np.round(arr)) | (arr < minimum)
    if bad.any():
        raise ValueError(
            f"{name} must be whole numbers >= {minimum} (no NaN); {_indexes(bad)} are not."
        )
    return arr.astype(np.int64)


def _amounts(name: str, values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be numeric (EUR per day), got dtype {arr.dtype}.")
    arr = arr.astype(np.float64)
    bad = ~np.isfinite(arr) | (arr < 0)
    if bad.any():
        raise ValueError(f"{name} must be finite and >= 0 EUR; {_indexes(bad)} are not.")
    return arr


def _types(values: Any) -> np.ndarray:
    """Benefit types as integer codes into BENEFIT_TYPES (validated)."""
    if isinstance(values, str):
        check_choice("benefit_type", values, BENEFIT_TYPES)
        return np.asarray(BENEFIT_TYPES.index(values), dtype=np.int64)
    arr = np.asarray(values, dtype=object)
    codes = pd.Index(BENEFIT_TYPES).get_indexer(arr.ravel()).astype(np.int64)
    if (codes < 0).any():
        unknown = sorted({str(v) for v in pd.unique(arr.ravel()[codes < 0])})
        raise ValueError(
            f"benefit_type has unknown value(s) {unknown}; allowed: {', '.join(BENEFIT_TYPES)}."
        )
    return codes.reshape(arr.shape)


def _charged(
    schedule: TierSchedule, codes: np.ndarray, amount: np.ndarray, base_part: float | None
) -> np.ndarray:
    base = schedule.base_part if base_part is None else float(base_part)
    if not np.isfinite(base) or base <= 0:
        raise ValueError(f"base_part must be a positive amount in EUR per day, got {base_part!r}.")
    on_base = [i for i, kind in enumerate(BENEFIT_TYPES) if schedule.charged[kind] == "base_part"]
    mask = np.isin(codes, on_base)
    return np.where(mask, np.minimum(amount, base), amount).astype(np.float64)


def share_rates(
    benefit_days: Any,
    benefit_type: Any = "labour_market_subsidy",
    *,
    rule: str | TierSchedule = "2025",
) -> np.ndarray:
    """The municipality's share (0-1) of the charged amount on given accumulated benefit days.

    Parameters
    ----------
    benefit_days : int or array-like of int
        Day numbers in the accumulation (the 1st, 2nd, ... benefit day), each >= 1.
    benefit_type : str or array-like of str
        ``"labour_market_subsidy"``, ``"basic_allowance"`` or ``"earnings_related"``
        (broadcast against ``benefit_days``).
    rule : {"2025", "pre2025"} or TierSchedule
        Co-financing rule.

    Returns
    -------
    ndarray of float
        The share for every day (shape of the broadcast inputs).

    References
    ----------
    Kela. Työmarkkinatuen laskutus kunnilta. https://www.kela.fi/tyomarkkinatuen-kuntarahoitus1

    Examples
    --------
    >>> from vaikuttavuus.financing import share_rates
    >>> share_rates([100, 101, 200, 201, 700, 701]).tolist()
    [0.0, 0.1, 0.1, 0.2, 0.4, 0.5]
    >>> share_rates([300, 301, 1000, 1001], rule="pre2025").tolist()
    [0.0, 0.5, 0.5, 0.7]
    """
    schedule = resolve_rule(rule)
    days = _days("benefit_days", benefit_days, minimum=1)
    kinds = _types(benefit_type)
    days, kinds = np.broadcast_arrays(days, kinds)
    return schedule.rates(days, kinds)


@dataclass(frozen=True, eq=False)
class MunicipalShare(ResultMixin):
    """The municipality's cost of a benefit-day history.

    Attributes
    ----------
    rule : str
        Co-financing rule used.
    days : ndarray of int
        Accumulated day number of every benefit day.
    benefit_type : ndarray of str
        Benefit type of every day.
    daily_amount : ndarray of float
        Benefit paid for the day (EUR).
    charged_amount : ndarray of float
        Amount the share applies to (the benefit, or for the earnings-related allowance the
        basic-part-sized portion).
    rate : ndarray of float
        The municipality's share of ``charged_amount``.
    cost : ndarray of float
        The municipality's cost of the day, ``rate * charged_amount`` (EUR).
    total : float
        Sum of ``cost``.
    benefit_total : float
        Sum of ``daily_amount``.
    tiers : DataFrame
        Cost by day class and benefit type (see :meth:`to_frame`).
    note : str
        Caveats of the rule.
    """

    rule: str
    days: np.ndarray
    benefit_type: np.ndarray
    daily_amount: np.ndarray
    charged_amount: np.ndarray
    rate: np.ndarray
    cost: np.ndarray
    total: float
    benefit_total: float
    tiers: pd.DataFrame
    note: str

    def to_frame(self) -> pd.DataFrame:
        """By day class and benefit type: ``rule, benefit_type, first_day, last_day, share,
        days, benefit_eur, charged_eur, municipal_eur`` (aggregated; no per-day rows)."""
        return self.tiers.copy()

    def _summary_parts(self) -> Summary:
        share = self.total / self.benefit_total if self.benefit_total > 0 else float("nan")
        figures: dict[str, object] = {
            "rule": self.rule,
            "benefit days": int(self.days.size),
            "benefit paid (EUR)": round(self.benefit_total, 2),
            "municipality's cost (EUR)": round(self.total, 2),
            "municipality's share of the benefit": share,
        }
        return Summary(
            title="Municipal co-financing of unemployment benefits",
            figures=figures,
            tables={"By day class": self.tiers},
            notes=(self.note,) if self.note else (),
        )


def municipal_share(
    benefit_days: Any,
    benefit_type: Any,
    daily_amount: Any,
    *,
    rule: str | TierSchedule = "2025",
    base_part: float | None = None,
) -> MunicipalShare:
    """The municipality's cost of a benefit-day history under a co-financing rule.

    Every element is one paid benefit day, numbered by the accumulated day count of the
    person (day 1 = first day of the accumulation). Inputs broadcast, so one call covers many
    persons (e.g. a 2-D array persons x days, or long-format columns of a DataFrame).

    Parameters
    ----------
    benefit_days : int or array-like of int
        Accumulated day number of each paid day (>= 1). Under ``"pre2025"`` only labour market
        subsidy days paid on the basis of unemployment were counted (service days were not).
    benefit_type : str or array-like of str
        ``"labour_market_subsidy"``, ``"basic_allowance"`` or ``"earnings_related"``; under the
        2025 rule the count continues when a person moves from one to another.
    daily_amount : float or array-like
        Benefit paid for the day in EUR (>= 0), e.g. 37.21 for a full labour market subsidy.
    rule : {"2025", "pre2025"} or TierSchedule
        Co-financing rule (``load_tier_schedule`` reads an edited configuration).
    base_part : float, optional
        For the earnings-related allowance the share applies to an amount equal to the basic
        part; default the configured 37.21 EUR/day. A day paid below it (adjusted allowance) is
        charged at the amount paid (an approximation of Kela's pro-rata rule).

    Returns
    -------
    MunicipalShare
        Per-day ``rate`` and ``cost`` arrays, the ``total``, and a table by day class.

    References
    ----------
    Kela (2024). Kelan laskutus muuttuu, kun kuntien rahoitusvastuu työttömyystuista laajenee
    1.1.2025 alkaen. https://www.kela.fi/ajankohtaista/kelan-laskutus-muuttuu-kun-kuntien-rahoitusvastuu-tyottomyystuista-laajenee-1.1.2025-alkaen
    Kela. Työmarkkinatuen laskutus kunnilta. https://www.kela.fi/tyomarkkinatuen-kuntarahoitus1

    Examples
    --------
    >>> import numpy as np
    >>> from vaikuttavuus.financing import municipal_share
    >>> res = municipal_share(np.arange(1, 251), "labour_market_subsidy", 37.21)
    >>> round(res.total, 2)  # 100 days at 10 %, 50 days at 20 %
    744.2
    >>> round(municipal_share(np.arange(1, 251), "labour_market_subsidy", 37.21,
    ...                       rule="pre2025").total, 2)
    0.0
    """
    schedule = resolve_rule(rule)
    days = _days("benefit_days", benefit_days, minimum=1)
    kinds = _types(benefit_type)
    amount = _amounts("daily_amount", daily_amount)
    days, kinds, amount = np.broadcast_arrays(days, kinds, amount)
    days, kinds, amount = (np.array(a) for a in (days, kinds, amount))
    charged = _charged(schedule, kinds, amount, base_part)
    rate = schedule.rates(days, kinds)
    cost = rate * charged
    tiers = _tier_table(schedule, days, kinds, amount, charged, cost)
    names = np.asarray(BENEFIT_TYPES)[kinds]
    return MunicipalShare(
        rule=schedule.name,
        days=days,
        benefit_type=names,
        daily_amount=amount,
        charged_amount=charged,
        rate=rate,
        cost=cost,
        total=float(cost.sum()),
        benefit_total=float(amount.sum()),
        tiers=tiers,
        note=schedule.note,
    )


def _tier_table(
    schedule: TierSchedule,
    days: np.ndarray,
    kinds: np.ndarray,
    amount: np.ndarray,
    charged: np.ndarray,
    cost: np.ndarray,
) -> pd.DataFrame:
    idx = np.searchsorted(schedule.first_days, days.ravel(), side="right") - 1
    rows = []
    flat_kind = kinds.ravel()
    for code, kind in enumerate(BENEFIT_TYPES):
        in_kind = flat_kind == code
        if not in_kind.any():
            continue
        for t in range(len(schedule.first_days)):
            sel = in_kind & (idx == t)
            last = schedule.last_days[t]
            rows.append(
                {
                    "rule": schedule.name,
                    "benefit_type": kind,
                    "first_day": int(schedule.first_days[t]),
                    "last_day": float("nan") if np.isinf(last) else float(last),
                    "share": float(schedule.shares[kind][t]),
                    "days": int(sel.sum()),
                    "benefit_eur": float(amount.ravel()[sel].sum()),
                    "charged_eur": float(charged.ravel()[sel].sum()),
                    "municipal_eur": float(cost.ravel()[sel].sum()),
                }
            )
    columns = [
        "rule", "benefit_type", "first_day", "last_day", "share",
        "days", "benefit_eur", "charged_eur", "municipal_eur",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def spell_cost(
    days_before: Any,
    days_paid: Any,
    benefit_type: Any,
    daily_amount: Any,
    *,
    rule: str | TierSchedule = "2025",
    base_part: float | None = None,
) -> np.ndarray:
    """The municipality's cost of a run of benefit days, per person, in closed form.

    The run covers accumulated days ``days_before + 1`` to ``days_before + days_paid`` with one
    benefit type and a constant daily amount; inputs broadcast (one element per person), so
    millions of spells cost no per-day expansion.

    Parameters
    ----------
    days_before : int or array-like of int
        Benefit days already accumulated before the run (>= 0).
    days_paid : int or array-like of int
        Benefit days in the run (>= 0).
    benefit_type : str or array-like of str
        ``"labour_market_subsidy"``, ``"basic_allowance"`` or ``"earnings_related"``.
    daily_amount : float or array-like
        Benefit per day in EUR (>= 0).
    rule : {"2025", "pre2025"} or TierSchedule
        Co-financing rule.
    base_part : float, optional
        Basic-part amount for the earnings-related allowance (default from the configuration).

    Returns
    -------
    ndarray of float
        The municipality's cost in EUR (shape of the broadcast inputs; 0-d for scalars).

    References
    ----------
    See :func:`municipal_share` (the same rules, summed in closed form over the run's overlap
    with each day class).

    Examples
    --------
    >>> from vaikuttavuus.financing import spell_cost
    >>> spell_cost([0, 200], [250, 50], "labour_market_subsidy", 37.21).round(2).tolist()
    [744.2, 372.1]
    """
    schedule = resolve_rule(rule)
    before = _days("days_before", days_before, minimum=0)
    paid = _days("days_paid", days_paid, minimum=0)
    kinds = _types(benefit_type)
    amount = _amounts("daily_amount", daily_amount)
    before, paid, kinds, amount = (
        np.array(a) for a in np.broadcast_arrays(before, paid, kinds, amount)
    )
    charged = _charged(schedule, kinds, amount, base_part)
    start = before + 1
    end = before + paid  # inclusive; end < start means an empty run
    weighted = np.zeros(before.shape, dtype=np.float64)
    matrix = schedule.share_matrix()
    for t in range(len(schedule.first_days)):
        lo = np.maximum(start, schedule.first_days[t])
        hi = np.minimum(end.astype(np.float64), schedule.last_days[t])
        overlap = np.clip(hi - lo + 1, 0, None)
        weighted += overlap * matrix[kinds, t]
    return weighted * charged


def outcome_value(
    accumulated_days_at_exit: Any,
    remaining_days_avoided: Any,
    benefit_type: Any,
    daily_amount: Any,
    *,
    rule: str | TierSchedule = "2025",
    base_part: float | None = None,
) -> np.ndarray:
    """What an outcome (e.g. employment) that ends a benefit spell early saves the municipality.

    The saving is the municipal cost of the benefit days that are no longer paid: accumulated
    days ``accumulated_days_at_exit + 1`` to ``accumulated_days_at_exit +
    remaining_days_avoided``. It is a gross value to the paying municipality: it does not count
    deadweight (exits that would have happened anyway), the restart of the day count after a new
    employment condition, taxes, or the state's compensation, which TE24 fixes in advance.

    Parameters
    ----------
    accumulated_days_at_exit : int or array-like of int
        Benefit days accumulated when the spell ends (>= 0).
    remaining_days_avoided : int or array-like of int
        Benefit days the spell would otherwise have continued (>= 0).
    benefit_type, daily_amount, rule, base_part
        As in :func:`spell_cost`.

    Returns
    -------
    ndarray of float
        Saving in EUR per person (broadcast shape; 0-d for scalars).

    References
    ----------
    Kuntaliitto/Mehtonen (2022), via seed 003_89ff57224bc5a1c7.txt:521 ("Työttömyysjaksoja
    lyhentävä kunta hyötyy taloudellisesti, kun kuntalainen työllistyy").

    Examples
    --------
    >>> from vaikuttavuus.financing import outcome_value
    >>> float(outcome_value(300, 100, "labour_market_subsidy", 37.21))  # 100 days at 30 %
    1116.3
    >>> float(outcome_value(300, 100, "labour_market_subsidy", 37.21, rule="pre2025"))
    1860.5
    """
    return spell_cost(
        accumulated_days_at_exit,
        remaining_days_avoided,
        benefit_type,
        daily_amount,
        rule=rule,
        base_part=base_part,
    )


def expected_outcome_value(
    accumulated_days_at_exit: Any,
    remaining_days: Sequence[int] | np.ndarray,
    probabilities: Sequence[float] | np.ndarray,
    benefit_type: Any,
    daily_amount: Any,
    *,
    rule: str | TierSchedule = "2025",
    base_part: float | None = None,
) -> np.ndarray:
    """Expected saving of an outcome over a distribution of the spell's remaining length.

    ``sum_k p_k * outcome_value(accumulated_days_at_exit, remaining_days[k], ...)``: the value
    when it is uncertain how long the spell would have gone on (e.g. a distribution estimated
    from comparable spells that did not end in an outcome).

    Parameters
    ----------
    accumulated_days_at_exit : int or array-like of int
        Benefit days accumulated at the outcome, one per person (>= 0).
    remaining_days : sequence of int
        Possible remaining spell lengths in benefit days (>= 0).
    probabilities : sequence of float
        Their probabilities (>= 0, summing to 1 within 1e-8).
    benefit_type, daily_amount, rule, base_part
        As in :func:`spell_cost`; ``benefit_type`` and ``daily_amount`` broadcast against
        ``accumulated_days_at_exit``.

    Returns
    -------
    ndarray of float
        Expected saving in EUR per person (shape of the broadcast person inputs).

    References
    ----------
    See :func:`outcome_value`.

    Examples
    --------
    >>> from vaikuttavuus.financing import expected_outcome_value
    >>> float(expected_outcome_value(100, [0, 100], [0.5, 0.5], "labour_market_subsidy", 37.21))
    186.05
    """
    lengths = _days("remaining_days", remaining_days, minimum=0)
    probs = np.asarray(probabilities, dtype=np.float64)
    if lengths.ndim != 1 or probs.shape != lengths.shape or lengths.size == 0:
        raise ValueError(
            "remaining_days and probabilities must be 1-D sequences of the same non-zero "
            f"length, got shapes {lengths.shape} and {probs.shape}."
        )
    if not np.isfinite(probs).all() or (probs < 0).any() or abs(probs.sum() - 1.0) > 1e-8:
        raise ValueError(f"probabilities must be >= 0 and sum to 1, got sum {probs.sum()!r}.")
    acc = np.asarray(accumulated_days_at_exit)
    values = outcome_value(
        acc[..., None],
        lengths,
        np.asarray(benefit_type)[..., None],
        np.asarray(daily_amount)[..., None],
        rule=rule,
        base_part=base_part,
    )
    return values @ probs


def outcome_value_grid(
    accumulated_days: Sequence[int] = (100, 200, 300, 400, 700),
    remaining_days: Sequence[int] = (20, 60, 120, 250),
    *,
    benefit_type: str = "labour_market_subsidy",
    daily_amount: float = 37.21,
    rules: Sequence[str] = ("2025", "pre2025"),
) -> pd.DataFrame:
    """:func:`outcome_value` over a grid: rows (rule, accumulated days at exit), one column per
    number of benefit days avoided; EUR rounded to whole euros.

    Parameters
    ----------
    accumulated_days : sequence of int
        Benefit days accumulated when the spell ends (rows).
    remaining_days : sequence of int
        Benefit days the spell would otherwise have lasted (columns; about 21 a month).
    benefit_type : str
        ``"labour_market_subsidy"``, ``"basic_allowance"`` or ``"earnings_related"``.
    daily_amount : float
        Benefit per day in EUR.
    rules : sequence of str
        Rules, one block of rows each.

    Returns
    -------
    DataFrame
        Index levels ``rule`` and ``exit_day``; integer column labels (days avoided).

    References
    ----------
    See :func:`outcome_value`.

    Examples
    --------
    >>> outcome_value_grid([300], [100]).to_numpy().ravel().tolist()  # 2025, then pre-2025
    [1116.0, 1860.0]
    """
    acc = np.asarray(accumulated_days)
    rem = np.asarray(remaining_days)
    pieces = []
    for rule in rules:
        values = outcome_value(acc[:, None], rem[None, :], benefit_type, daily_amount, rule=rule)
        index = pd.MultiIndex.from_product([[str(rule)], acc.tolist()], names=["rule", "exit_day"])
        pieces.append(pd.DataFrame(np.round(values), index=index, columns=rem.tolist()))
    return pd.concat(pieces)
