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


def published_loadings() -> pd.DataFrame:
    """Return the 26 published loadings: ``item, factor, loading, text_fi, source``.

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
    """
    out = pd.DataFrame(_raw()["variance"])
    out["source"] = SOURCE_FILE + " " + out["source"]
    return out


def published_alphas() -> pd.DataFrame:
    """Return the three legible Cronbach's alphas in slide order: ``position, alpha, source``.

    Four factors but three values: the factor lacking its value is unknown.
    """
    out = pd.DataFrame(_raw()["alphas"])
    out["source"] = SOURCE_FILE + " " + out["source"]
    return out


def published_correlations() -> pd.DataFrame:
    """Return the 16 cells of "Yhteys etenemiseen".

    Columns ``factor, outcome, n, r, p_threshold, text_fi, source``; ``r`` is NaN for the
    cells published as not significant (``p_threshold == "n.s."``).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020.published import published_correlations
    >>> pc = published_correlations()
    >>> pc.groupby("factor")["n"].first().tolist()
    [155, 161, 159, 162]
    >>> int(pc["r"].isna().sum())
    7
    """
    out = pd.DataFrame(_raw()["correlations"])
    out["r"] = out["r"].astype(float)
    out["source"] = SOURCE_FILE + " " + out["source"]
    return out


def hypotheses() -> pd.DataFrame:
    """Return the three starting hypotheses with their items, outcomes and verdicts."""
    out = pd.DataFrame(_raw()["hypotheses"])
    out["source"] = SOURCE_FILE + " " + out["source"]
    return out


def ambiguities() -> pd.DataFrame:
    """Return the reading ambiguities and how the reproduction resolves them."""
    out = pd.DataFrame(_raw()["ambiguities"])
    out["source"] = SOURCE_FILE + " " + out["source"]
    return out
