"""IPS-25 Supported Employment Fidelity Scale: score a review, bands, change between reviews.

Items, sections and bands come from ``fidelity.yaml`` beside this module (with its source).

References
----------
Becker, D. R., Swanson, S. J., Reese, S. L., Bond, G. R., & McLeman, B. M. (2019).
Supported Employment Fidelity Review Manual (4th ed.). IPS Employment Center, Westat.
Bond, G. R., Peterson, A. E., Becker, D. R., & Drake, R. E. (2012). Validation of the
revised Individual Placement and Support Fidelity Scale (IPS-25). Psychiatric Services,
63(8), 758-763.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice, check_columns
from ..present import LANGUAGES
from ._package_data import package_yaml

__all__ = [
    "FidelityChange",
    "FidelityScore",
    "caseload_item_score",
    "fidelity_band",
    "fidelity_bands",
    "fidelity_change",
    "fidelity_items",
    "fidelity_table",
    "score_fidelity",
]

SECTIONS = ("staffing", "organisation", "services")


def _config() -> dict[str, Any]:
    return package_yaml("fidelity.yaml")


def fidelity_items(language: str = "fi") -> pd.DataFrame:
    """The 25 items of the IPS fidelity scale: id, section, position and short name.

    Parameters
    ----------
    language : {"fi", "sv", "en"}, default "fi"
        Language of the ``name`` and ``section_name`` columns.

    Returns
    -------
    DataFrame
        Columns ``item, section, number, name, section_name, source`` (25 rows, scale order).

    References
    ----------
    Becker et al. (2019), the fidelity review manual (in full in the module docstring).

    Examples
    --------
    >>> items = fidelity_items("en")
    >>> items.groupby("section", sort=False).size().to_dict()
    {'staffing': 3, 'organisation': 8, 'services': 14}
    >>> items.loc[0, ["item", "name"]].tolist()
    ['staffing_1', 'Caseload size']
    """
    check_choice("language", language, LANGUAGES)
    cfg = _config()
    rows = [
        {
            "item": it["item"],
            "section": it["section"],
            "number": int(it["item"].rsplit("_", 1)[1]),
            "name": it[language],
            "section_name": cfg["sections"][it["section"]][language],
            "source": " ".join(cfg["source"].split()),
        }
        for it in cfg["items"]
    ]
    return pd.DataFrame(rows)


def fidelity_bands(language: str = "fi") -> pd.DataFrame:
    """Score bands of the IPS-25 total (25-125) with labels and source.

    Parameters
    ----------
    language : {"fi", "sv", "en"}, default "fi"
        Language of the ``label`` column.

    Returns
    -------
    DataFrame
        Columns ``band, low, high, label, source``; bounds are inclusive.

    References
    ----------
    Becker et al. (2019), the fidelity review manual (in full in the module docstring).

    Examples
    --------
    >>> fidelity_bands("en")[["band", "low", "high"]]
            band  low  high
    0  exemplary  115   125
    1       good  100   114
    2       fair   74    99
    3    not_ips   25    73
    """
    check_choice("language", language, LANGUAGES)
    cfg = _config()
    source = " ".join(cfg["source"].split())
    return pd.DataFrame(
        [
            {"band": b["band"], "low": b["low"], "high": b["high"], "label": b[language],
             "source": source}
            for b in cfg["bands"]
        ]
    )  # fmt: skip


def fidelity_band(total: float) -> str:
    """The band (``exemplary``, ``good``, ``fair``, ``not_ips``) of an IPS-25 total score.

    Parameters
    ----------
    total : number
        Total score, 25-125. A non-integer total (a mean over reviewers, say) is banded by the
        lower bounds: 115 or more exemplary, 100 or more good, 74 or more fair.

    Returns
    -------
    str
        The band id (see :func:`fidelity_bands`).

    Raises
    ------
    ValueError
        When ``total`` is outside 25-125 or NaN.

    References
    ----------
    Becker et al. (2019), the fidelity review manual (in full in the module docstring).

    Examples
    --------
    >>> fidelity_band(115), fidelity_band(114), fidelity_band(74), fidelity_band(73)
    ('exemplary', 'good', 'fair', 'not_ips')
    >>> fidelity_band(99.5), fidelity_band(73.5)
    ('fair', 'not_ips')
    """
    if isinstance(total, bool) or not isinstance(total, int | float | np.integer | np.floating):
        raise TypeError(f"total must be a number, got {total!r}.")
    bands = sorted(_config()["bands"], key=lambda b: b["low"], reverse=True)
    if not bands[-1]["low"] <= total <= bands[0]["high"]:  # also NaN
        raise ValueError(f"total={total} is outside the IPS-25 range; it must be 25-125.")
    # by lower bounds, so that a non-integer total (e.g. a mean of reviewers) between two
    # integer bands, such as 99.5, falls in the band below the next bound (fair)
    return next(str(b["band"]) for b in bands if total >= b["low"])


def caseload_item_score(caseload: float) -> int:
    """Fidelity item 1 (caseload size) anchor for a number of clients per specialist.

    Parameters
    ----------
    caseload : number
        Active clients per full-time employment specialist (>= 0).

    Returns
    -------
    int
        5 for 20 or fewer, 4 for 21-25, 3 for 26-30, 2 for 31-40, 1 for 41 or more.

    References
    ----------
    Becker et al. (2019), item Staffing 1 (in full in the module docstring).

    Examples
    --------
    >>> [caseload_item_score(c) for c in (12, 20, 21, 30, 40, 41)]
    [5, 5, 4, 3, 2, 1]
    """
    if isinstance(caseload, bool) or not isinstance(
        caseload, int | float | np.integer | np.floating
    ):
        raise TypeError(f"caseload must be a number, got {caseload!r}.")
    if not caseload >= 0:
        raise ValueError(f"caseload={caseload} is not allowed; it must be >= 0.")
    for score, upper in sorted(_config()["caseload_anchors"].items(), reverse=True):
        if caseload <= upper:
            return int(score)
    return 1


def _as_scores(review: Any, name: str) -> pd.Series:
    """A review as a Series item -> score, validated (25 known items, integers 1-5)."""
    if isinstance(review, pd.DataFrame):
        check_columns(review, ["item", "score"], name)
        dup = review["item"][review["item"].duplicated()].unique().tolist()
        if dup:
            raise ValueError(f"{name} scores item(s) {dup[:5]} more than once.")
        series = pd.Series(review["score"].to_numpy(), index=review["item"].astype(str))
    elif isinstance(review, pd.Series):
        series = review.copy()
        series.index = series.index.astype(str)
    elif isinstance(review, Mapping):
        series = pd.Series({str(k): v for k, v in review.items()}, dtype=object)
    else:
        raise TypeError(
            f"{name} must be a mapping item -> score, a Series indexed by item, or a DataFrame "
            f"with columns 'item' and 'score'; got {type(review).__name__}."
        )
    known = [it["item"] for it in _config()["items"]]
    unknown = [i for i in series.index if i not in known]
    if unknown:
        raise ValueError(
            f"{name} has {len(unknown)} unknown item id(s) {unknown[:5]}; the IPS-25 items are "
            f"{', '.join(known)}."
        )
    missing = [i for i in known if i not in series.index]
    if missing:
        raise ValueError(
            f"{name} lacks {len(missing)} of the 25 items: {missing[:5]}"
            f"{' ...' if len(missing) > 5 else ''}; a total needs every item scored 1-5."
        )
    values = pd.to_numeric(series, errors="coerce")
    bad = values.isna() | (values < 1) | (values > 5) | (values != values.round())
    bad |= series.map(lambda v: isinstance(v, bool))
    if bad.any():
        shown = {i: series[i] for i in series.index[bad.to_numpy()][:5]}
        raise ValueError(
            f"{name} has {int(bad.sum())} score(s) that are not whole numbers 1-5: {shown}."
        )
    return values.astype(int).reindex(known)


@dataclass(frozen=True, eq=False)
class FidelityScore(ResultMixin):
    """A scored IPS-25 fidelity review.

    Attributes
    ----------
    total : int
        Sum of the 25 item scores (25-125).
    band : str
        ``exemplary`` (115-125), ``good`` (100-114), ``fair`` (74-99) or ``not_ips`` (<= 73).
    staffing, organisation, services : int
        Section subtotals (3, 8 and 14 items: 3-15, 8-40, 14-70).
    items : DataFrame
        ``item, section, name, score`` in scale order (English names).
    """

    total: int
    band: str
    staffing: int
    organisation: int
    services: int
    items: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """One row: total, band and section subtotals."""
        return self._row("total", "band", *SECTIONS)

    def _summary_parts(self) -> Summary:
        return Summary(
            title="IPS-25 fidelity review",
            figures={"total (25-125)": self.total, "band": self.band,
                     "staffing (3-15)": self.staffing, "organisation (8-40)": self.organisation,
                     "services (14-70)": self.services},
            tables={"items": self.items.set_index("item")},
        )  # fmt: skip


def score_fidelity(review: Any) -> FidelityScore:
    """Score one IPS-25 fidelity review: total, band and section subtotals.

    Parameters
    ----------
    review : mapping, Series or DataFrame
        Scores 1-5 of all 25 items keyed by item id (``staffing_1`` ... ``services_14``,
        see :func:`fidelity_items`): a dict, a Series indexed by item id, or a DataFrame
        with columns ``item`` and ``score``.

    Returns
    -------
    FidelityScore
        ``total``, ``band``, ``staffing``, ``organisation``, ``services`` and ``items``.

    Raises
    ------
    ValueError
        Unknown item ids, missing or duplicated items, scores that are not whole numbers 1-5.

    References
    ----------
    Becker et al. (2019) and Bond et al. (2012), in full in the module docstring.

    Examples
    --------
    >>> items = fidelity_items("en")["item"]
    >>> review = {item: 4 for item in items}
    >>> review["staffing_1"] = 5
    >>> res = score_fidelity(review)
    >>> res.total, res.band, res.staffing, res.organisation, res.services
    (101, 'good', 13, 32, 56)
    """
    scores = _as_scores(review, "review")
    items = fidelity_items("en")[["item", "section", "name"]]
    items["score"] = scores.to_numpy()
    sub = items.groupby("section")["score"].sum()
    total = int(items["score"].sum())
    return FidelityScore(
        total=total,
        band=fidelity_band(total),
        staffing=int(sub["staffing"]),
        organisation=int(sub["organisation"]),
        services=int(sub["services"]),
        items=items,
    )


@dataclass(frozen=True, eq=False)
class FidelityChange(ResultMixin):
    """Change between two IPS-25 reviews of one programme.

    Attributes
    ----------
    before, after : FidelityScore
        The two scored reviews.
    items : DataFrame
        ``item, section, name, before, after, change`` per item.
    """

    before: FidelityScore
    after: FidelityScore
    items: pd.DataFrame

    @property
    def total_change(self) -> int:
        """``after.total - before.total``."""
        return self.after.total - self.before.total

    def to_frame(self) -> pd.DataFrame:
        """Section subtotals and the total: ``part, before, after, change``."""
        parts = [*SECTIONS, "total"]
        b = [getattr(self.before, p) for p in parts]
        a = [getattr(self.after, p) for p in parts]
        return pd.DataFrame({"part": parts, "before": b, "after": a, "change": np.subtract(a, b)})

    def _summary_parts(self) -> Summary:
        moved = self.items[self.items["change"] != 0].set_index("item")
        return Summary(
            title="IPS-25 fidelity: change between reviews",
            figures={"total before": self.before.total, "total after": self.after.total,
                     "change": self.total_change,
                     "band": f"{self.before.band} -> {self.after.band}"},
            tables={"sections": self.to_frame().set_index("part"), "items that changed": moved},
        )  # fmt: skip


def fidelity_change(before: Any, after: Any) -> FidelityChange:
    """Per-item and per-section change between two IPS-25 reviews.

    Parameters
    ----------
    before, after : mapping, Series or DataFrame
        The earlier and the later review, each as accepted by :func:`score_fidelity`.

    Returns
    -------
    FidelityChange
        ``items`` (before/after/change per item), ``to_frame()`` per section and total,
        ``total_change``.

    References
    ----------
    Becker et al. (2019), the fidelity review manual (in full in the module docstring).

    Examples
    --------
    >>> items = fidelity_items("en")["item"]
    >>> first = {item: 3 for item in items}
    >>> second = {**first, "services_4": 5, "staffing_1": 2}
    >>> ch = fidelity_change(first, second)
    >>> ch.total_change, ch.before.band, ch.after.band
    (1, 'fair', 'fair')
    >>> ch.items.query("change != 0")[["item", "before", "after", "change"]]
              item  before  after  change
    0   staffing_1       3      2      -1
    14  services_4       3      5       2
    """
    b = _score_named(before, "before")
    a = _score_named(after, "after")
    items = b.items[["item", "section", "name"]].copy()
    items["before"] = b.items["score"].to_numpy()
    items["after"] = a.items["score"].to_numpy()
    items["change"] = items["after"] - items["before"]
    return FidelityChange(before=b, after=a, items=items)


def _score_named(review: Any, name: str) -> FidelityScore:
    """:func:`score_fidelity` with error messages naming the review (internal helper)."""
    try:
        return score_fidelity(review)
    except ValueError as exc:
        raise ValueError(str(exc).replace("review", name, 1)) from None


def fidelity_table(
    reviews: pd.DataFrame,
    by: Any = ("site", "review_date"),
    *,
    item: str = "item",
    score: str = "score",
) -> pd.DataFrame:
    """Score many reviews in long format: one row per review with total, band and sections.

    Parameters
    ----------
    reviews : DataFrame
        Long format: one row per review and item.
    by : column name or sequence of column names, default ("site", "review_date")
        Columns identifying a review.
    item, score : str
        Columns of the item id and its score.

    Returns
    -------
    DataFrame
        ``by`` columns, then ``total, band, staffing, organisation, services``.

    References
    ----------
    Becker et al. (2019), the fidelity review manual (in full in the module docstring).

    Examples
    --------
    >>> import pandas as pd
    >>> items = fidelity_items("en")["item"]
    >>> long = pd.DataFrame({"site": ["A"] * 25 + ["B"] * 25, "review_date": "2024-05-01",
    ...                      "item": list(items) * 2, "score": [5] * 25 + [3] * 25})
    >>> fidelity_table(long)[["site", "total", "band"]]
      site  total       band
    0    A    125  exemplary
    1    B     75       fair
    """
    by = [by] if isinstance(by, str) else list(by)
    check_columns(reviews, [*by, item, score], "reviews")
    rows = []
    for key, grp in reviews.groupby(by, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        label = ", ".join(f"{c}={k}" for c, k in zip(by, key, strict=True))
        res = _score_named(
            grp.rename(columns={item: "item", score: "score"})[["item", "score"]],
            f"review ({label})",
        )
        rows.append({**dict(zip(by, key, strict=True)), **res.to_frame().iloc[0].to_dict()})
    return pd.DataFrame(rows)
