"""Disclosure rules of the compensation report's provider tables and how they are shown (private).

Rules (every table shown in a report): a provider with 1-4 ended episodes gets no rate,
interval or payment figures (the row is withheld, with one complementary provider when the
withheld persons could be derived from the overall figures); count cells of 1-4 persons read
``<5`` (with a complement down the column); a rate, the outcome count and every figure derived
from outcomes (outcome part, cost per outcome and the total, since total - daily part = outcome
part) are withheld when the outcomes or the non-outcomes behind them are 1-4 persons, together
with a complementary provider when only one row would be withheld.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..disclosure import MIN_CELL_SIZE, SUPPRESSED, groups_to_withhold
from ..present import Column, Table, has, msg


def withheld_providers(sizes: pd.Series) -> list[object]:
    """Providers whose rows are withheld: 1-4 persons, plus the complementary one."""
    primary, secondary = groups_to_withhold(sizes.astype(int), min_n=MIN_CELL_SIZE)
    return [*primary, *secondary]


def _small(values: pd.Series) -> np.ndarray:
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    return (v > 0) & (v < MIN_CELL_SIZE)


def suppress_provider_table(
    table: pd.DataFrame,
    *,
    ended: str = "ended",
    counts: Iterable[str] = (),
    rate_columns: Iterable[str] = (),
    outcomes: str | None = None,
) -> pd.DataFrame:
    """Apply the report's rules to a table indexed by provider (see the module docstring)."""
    out = table.astype(object).copy()
    rows = withheld_providers(table[ended])
    keep_cols = [c for c in out.columns if c not in (ended,)]
    out.loc[rows, keep_cols] = SUPPRESSED
    out.loc[rows, ended] = SUPPRESSED
    for col in counts:
        if col not in table.columns:
            continue
        complement = withheld_providers(table[col])
        out.loc[complement, col] = SUPPRESSED
    if outcomes is not None:
        x = pd.to_numeric(table[outcomes], errors="coerce")
        n = pd.to_numeric(table[ended], errors="coerce")
        bad = pd.Series(_small(x) | _small(n - x), index=table.index)
        # the outcome count itself reveals the 1-4 non-outcomes (ended - outcomes)
        cols = [c for c in [*rate_columns, outcomes] if c in out.columns]
        out.loc[bad.to_numpy(), cols] = SUPPRESSED
        # complementary: the report shows overall figures (total, overall rate), so a single
        # withheld row in these columns could be derived by difference; withhold the row with
        # the fewest outcomes among those still shown as well
        derived = [c for c in rate_columns if c in out.columns]
        hidden = (out[derived] == SUPPRESSED).all(axis=1) if derived else bad
        if int(hidden.sum()) == 1:
            shown = x[~hidden.to_numpy()].dropna()
            if not shown.empty:
                out.loc[[shown.idxmin()], cols] = SUPPRESSED
    return out


def header(column: str, language: str) -> str:
    """Header of ``column``: ``compensation.label.*``, else ``common.*``, else the name itself."""
    for key in (f"compensation.label.{column}", f"common.{column}"):
        if has(key):
            return msg(key, language)
    return column


def value(code: object, language: str) -> object:
    """A coded value (method, funnel position) in ``language``; data values unchanged."""
    key = f"compensation.value.{code}"
    return msg(key, language) if isinstance(code, str) and has(key) else code


#: How each column of the provider tables is shown: (kind, decimals).
_COLUMNS = {
    **{c: ("share", 1) for c in ("rate", "wilson_low", "wilson_high", "cp_low", "cp_high",
                                 "adjusted_rate", "adjusted_low", "adjusted_high",
                                 "shrunk_rate", "outcome_share", "estimate", "ci_low",
                                 "ci_high")},
    **{c: ("count", 0) for c in ("episodes", "ended", "active", "outcomes", "billed_days",
                                 "daily_part", "outcome_part", "total", "cost_per_outcome",
                                 "municipal_value")},
    "expected": ("number", 1),
    "oe_ratio": ("number", 2),
    "position": ("text", 0),
}  # fmt: skip


def table(shown: pd.DataFrame, language: str, title: str = "") -> Table:
    """A disclosure-controlled provider table as a report :class:`~vaikuttavuus.present.Table`:
    coded values and headers in ``language``, fixed decimals per column, rates as percentages."""
    frame = shown.copy()
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = [value(v, language) for v in frame[col]]
    if frame.index.dtype == object or pd.api.types.is_string_dtype(frame.index):
        frame.index = pd.Index([value(v, language) for v in frame.index], name=frame.index.name)
    columns = {
        c: Column(header(c, language), *_COLUMNS.get(c, ("number", 2))) for c in frame.columns
    }
    index_label = header(frame.index.name, language) if frame.index.name else None
    return Table(frame, title=title, columns=columns, index_label=index_label)


def rounded(
    table: pd.DataFrame, money: Iterable[str] = (), rates: Iterable[str] = ()
) -> pd.DataFrame:
    """Euros to whole euros, rates to three decimals."""
    out = table.copy()
    for c in money:
        if c in out.columns:
            out[c] = out[c].astype(float).round(0)
    for c in rates:
        if c in out.columns:
            out[c] = out[c].astype(float).round(3)
    return out
