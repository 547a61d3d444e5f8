"""The published figures of the Vates 2020 study, each with its source line in the OCR.

Loaders over ``published.json`` (figures) and ``instrument.csv`` (loadings). Reading
ambiguities of the OCR are data too (:func:`ambiguities`).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from vaikuttavuus.studies.vates2020.instrument import instrument

__all__ = [
    "SOURCE_FILE",
    "ambiguities",
    "published_alphas",
    "published_correlations",
    "published_loadings",
    "published_variance",
    "hypotheses",
]

SOURCE_FILE = "seeds/002_349f75f0734fef79.txt"


@cache
def _raw() -> dict[str, Any]:
    path = resources.files("vaikuttavuus.studies.vates2020").joinpath("published.json")
    with path.open("r", encoding="utf-8") as handle:
        return json.load(handle)


def _table(name: str) -> pd.DataFrame:
    """The table ``name`` of ``published.json``, its OCR lines prefixed with the source file."""
    out = pd.DataFrame(_raw()[name])
    out["source"] = SOURCE_FILE + " " + out["source"]
    return out


def published_loadings() -> pd.DataFrame:
    """Return the 26 published loadings: ``item, factor, loading, text_fi, source``.

    Returns
    -------
    DataFrame
        One row per statement with a published loading (26 of the 31), in instrument
        order; ``source`` names the OCR line it was read from.

    References
    ----------
    Kallio (2020), the loading slides: OCR lines 1232-1275, one per statement.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020.published import published_loadings
    >>> pl = published_loadings()
    >>> len(pl), float(pl["loading"].max()), float(pl["loading"].min())
    (26, 0.847, 0.427)
    """
    return _published_loadings().copy()


@cache
def _published_loadings() -> pd.DataFrame:
    inst = instrument("likert")
    inst = inst.loc[inst["published"]]
    out = pd.DataFrame(
        {
            "item": inst["item"].to_numpy(),
            "factor": inst["factor"].astype(int).to_numpy(),
            "loading": inst["published_loading"].to_numpy(dtype=float),
            "text_fi": inst["text_fi"].to_numpy(),
            "source": [f"{SOURCE_FILE} {s.split('.txt ')[-1]}" for s in inst["source"]],
        }
    )
    return out


def published_variance() -> pd.DataFrame:
    """Return the explained variance per factor: ``factor, percent, source``.

    Read as SPSS extraction sums of squared loadings in % of 31 items (see
    :func:`ambiguities`, ``variance_reading``).

    Returns
    -------
    DataFrame
        Four rows (factors 1..4); ``percent`` as printed on the slides.

    References
    ----------
    IBM Corp. IBM SPSS Statistics Algorithms, FACTOR: "Total Variance Explained"
    (extraction sums of squared loadings).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import published_variance
    >>> pv = published_variance()
    >>> pv["percent"].tolist(), round(float(pv["percent"].sum()), 1)
    ([20.1, 8.2, 5.5, 4.5], 38.3)
    """
    return _table("variance")


def published_alphas() -> pd.DataFrame:
    """Return the three legible Cronbach's alphas in slide order: ``position, alpha, source``.

    Four factors but three values: the factor lacking its value is unknown.

    Returns
    -------
    DataFrame
        Three rows (slide positions 1..3), see :func:`alpha_assignments` for which
        factors they can belong to.

    References
    ----------
    Kallio (2020), OCR lines 1213-1217; which factor each alpha belongs to is not legible.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import published_alphas
    >>> published_alphas()["alpha"].tolist()
    [0.799, 0.714, 0.717]
    """
    return _table("alphas")


def published_correlations() -> pd.DataFrame:
    """Return the 16 cells of "Yhteys etenemiseen".

    Columns ``factor, outcome, n, r, p_threshold, text_fi, source``; ``r`` is NaN for the
    cells published as not significant (``p_threshold == "n.s."``).

    Returns
    -------
    DataFrame
        16 rows: the four factors by four outcomes as published, with the pairwise ``n``.

    References
    ----------
    Kallio (2020), slide "Yhteys etenemiseen" (OCR lines 1294-1381).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020.published import published_correlations
    >>> pc = published_correlations()
    >>> pc.groupby("factor")["n"].first().tolist()
    [155, 161, 159, 162]
    >>> int(pc["r"].isna().sum())
    7
    """
    out = _table("correlations")
    out["r"] = out["r"].astype(float)
    return out


def hypotheses() -> pd.DataFrame:
    """Return the three starting hypotheses with their items, outcomes and verdicts.

    Returns
    -------
    DataFrame
        Three rows (``H1``..``H3``): ``id, text_fi, text_en, items, outcomes, verdict,
        verdict_fi, verdict_en, source``; ``items`` and ``outcomes`` are lists of columns.

    References
    ----------
    Kallio (2020): the hypotheses at OCR lines 780-788, their verdicts at 1139-1178.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import hypotheses
    >>> h = hypotheses()
    >>> h["id"].tolist(), h["items"].tolist()
    (['H1', 'H2', 'H3'], [['v26'], ['v27'], ['v25', 'v24']])
    """
    return _table("hypotheses")


def ambiguities() -> pd.DataFrame:
    """Return the reading ambiguities and how the reproduction resolves them.

    Returns
    -------
    DataFrame
        One row per ambiguity of the OCR text: ``id, text`` (English), ``text_fi`` and
        ``source`` (the OCR lines concerned).

    References
    ----------
    The OCR text of Kallio (2020), :data:`SOURCE_FILE`, as read for this package.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import ambiguities
    >>> a = ambiguities()
    >>> list(a.columns), "variance_reading" in set(a["id"])
    (['id', 'kind', 'text', 'text_fi', 'source'], True)
    """
    return _table("ambiguities")
