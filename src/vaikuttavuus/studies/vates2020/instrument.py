"""The Vates 2020 survey instrument as data.

The 31 statements of the staff survey (26 published with their factor and loading, five
unpublished placeholders) and the five progression shares, read from ``instrument.csv``.
Source of every row: ``seeds/002_349f75f0734fef79.txt`` (OCR of the slides of Vates-säätiö,
9.6.2020); the line numbers are in the ``source`` column.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

from vaikuttavuus._validation import check_choice

__all__ = [
    "FACTORS",
    "OUTCOMES",
    "factors",
    "instrument",
    "item_ids",
    "outcomes",
    "scale_items",
]

#: Factor number -> (Finnish name, English name); slide "Aineiston ryhmittely vastausten mukaan".
FACTORS: dict[int, tuple[str, str]] = {
    1: (
        "Organisaation toimintamalli, sen kehittäminen ja johtaminen",
        "Organisation's operating model, its development and management",
    ),
    2: ("Ohjaajan suhde yritysyhteistyöhön", "The coach's relation to company cooperation"),
    3: (
        "Ohjaajan suhtautuminen asiakkaan etenemiseen",
        "The coach's attitude to the client's progression",
    ),
    4: (
        "Asiakkaan työkyvyn ja ammattiosaamisen suunnitelmallinen ja avoin kehittäminen",
        "Planned and open development of the client's work ability and professional skills",
    ),
}

#: Progression share column -> (Finnish name, English name).
OUTCOMES: dict[str, tuple[str, str]] = {
    "p_open": ("Avoimet työmarkkinat", "Open labour market"),
    "p_education": ("Koulutus", "Education"),
    "p_services": ("Työllisyyspalvelu", "Employment services"),
    "p_unemployment": ("Työttömyys", "Unemployment"),
    "p_other": ("Muu", "Other"),
}


@cache
def _read() -> pd.DataFrame:
    path = resources.files("vaikuttavuus.studies.vates2020").joinpath("instrument.csv")
    with path.open("r", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype={"item": str})
    frame["factor"] = frame["factor"].astype("Int64")
    return frame


def instrument(kind: str | None = None) -> pd.DataFrame:
    """Return the survey instrument, one row per variable.

    Parameters
    ----------
    kind : {None, "likert", "share"}
        ``"likert"``: the 31 statements (v01..v31); ``"share"``: the five progression shares;
        ``None`` (default): both.

    Returns
    -------
    pandas.DataFrame
        Columns ``item, kind, order, factor, factor_name_fi, factor_name_en,
        published_loading, published, placeholder, text_fi, text_en, response_scale, source,
        note``. ``factor`` is empty (``<NA>``) for the five statements outside the factors;
        their ``text_fi``/``text_en`` start with ``[PLACEHOLDER]``.

    References
    ----------
    Kallio (2020), cited in full in :mod:`vaikuttavuus.studies.vates2020`; every row names
    its OCR line in ``source``.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import instrument
    >>> inst = instrument("likert")
    >>> len(inst), int(inst["published"].sum()), int(inst["placeholder"].sum())
    (31, 26, 5)
    """
    check_choice("kind", kind, [None, "likert", "share"])
    frame = _read().copy()
    if kind is not None:
        frame = frame.loc[frame["kind"] == kind].reset_index(drop=True)
    return frame


@cache
def _item_ids() -> tuple[str, ...]:
    return tuple(instrument("likert")["item"])


def item_ids() -> list[str]:
    """Return the ids of the 31 statements, ``["v01", ..., "v31"]``.

    Returns
    -------
    list of str
        Statement ids in questionnaire order (v27-v31 are the five statements the slides
        do not publish).

    References
    ----------
    The questionnaire order of Kallio (2020): "yhteensä 31 väittämää" (OCR line 801).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import item_ids
    >>> ids = item_ids()
    >>> len(ids), ids[0], ids[-1]
    (31, 'v01', 'v31')
    """
    return list(_item_ids())


def scale_items() -> dict[int, list[str]]:
    """Return factor number -> item ids of its published statements (by published loading).

    Returns
    -------
    dict of int to list of str
        Factor 1..4 -> ids of the statements that load on it in the slides, highest
        published loading first (26 statements in all).

    References
    ----------
    Kallio (2020), loadings of the 26 statements that load on a factor (OCR lines
    1232-1275).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import scale_items
    >>> {k: len(v) for k, v in scale_items().items()}
    {1: 12, 2: 5, 3: 6, 4: 3}
    """
    return {k: list(v) for k, v in _scale_items().items()}


@cache
def _scale_items() -> dict[int, tuple[str, ...]]:
    inst = instrument("likert")
    inst = inst.loc[inst["factor"].notna()]
    return {int(k): tuple(g["item"]) for k, g in inst.groupby("factor", sort=True)}


def factors() -> pd.DataFrame:
    """Return the four factors: ``factor, name_fi, name_en, n_items``.

    Returns
    -------
    DataFrame
        One row per factor (1..4): its name in the slides (``name_fi``), an English
        translation (``name_en``) and the number of published statements (``n_items``).

    References
    ----------
    Factor names of Kallio (2020), slide "Aineiston ryhmittely vastausten mukaan".

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import factors
    >>> f = factors()
    >>> list(f.columns), f["n_items"].tolist()
    (['factor', 'name_fi', 'name_en', 'n_items'], [12, 5, 6, 3])
    """
    sizes = {k: len(v) for k, v in scale_items().items()}
    return pd.DataFrame(
        {
            "factor": list(FACTORS),
            "name_fi": [v[0] for v in FACTORS.values()],
            "name_en": [v[1] for v in FACTORS.values()],
            "n_items": [sizes[k] for k in FACTORS],
        }
    )


def outcomes() -> pd.DataFrame:
    """Return the five progression destinations: ``item, name_fi, name_en``.

    Returns
    -------
    DataFrame
        One row per destination share (``p_open`` ... ``p_other``, percent of a
        respondent's clients), with its Finnish name from the slides and an English one.

    References
    ----------
    Kallio (2020): the progression shares asked of each respondent (OCR line 1130).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import outcomes
    >>> outcomes()[["item", "name_en"]]
                 item              name_en
    0          p_open   Open labour market
    1     p_education            Education
    2      p_services  Employment services
    3  p_unemployment         Unemployment
    4         p_other                Other
    """
    return pd.DataFrame(
        {
            "item": list(OUTCOMES),
            "name_fi": [v[0] for v in OUTCOMES.values()],
            "name_en": [v[1] for v in OUTCOMES.values()],
        }
    )
