"""The analysis steps of the Vates reproduction, each a thin layer over the public core.

Shared by :func:`~.reproduce.reproduce`, the calibration and the Monte Carlo replications so
that all three analyse data in exactly the same way.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from vaikuttavuus.correlation import corr_test
from vaikuttavuus.factor import efa
from vaikuttavuus.scales import scale_scores
from vaikuttavuus.studies.vates2020.instrument import OUTCOMES, item_ids, scale_items
from vaikuttavuus.studies.vates2020.published import published_loadings

__all__ = [
    "PUBLISHED_OUTCOMES",
    "CANDIDATES",
    "DEFAULT_METHOD",
    "DEFAULT_ROTATION",
    "published_pattern",
    "match_factors",
    "fit_efa",
    "efa_figures",
    "score_scales",
    "factor_correlations",
    "p_class",
    "hypothesis_tests",
]

#: The four destinations of the published correlation table ("other" is not in it).
PUBLISHED_OUTCOMES: tuple[str, ...] = ("p_open", "p_education", "p_services", "p_unemployment")
#: Extraction/rotation candidates compared by :func:`~.reproduce.compare_methods`.
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("pa_spss", "promax"),
    ("pa_spss", "varimax"),
    ("pa_spss", "oblimin"),
    ("minres", "oblimin"),
    ("pa", "promax"),
    ("ml", "varimax"),
    ("ml", "promax"),
)
#: The reproduction's choice (SPSS principal axis factoring with promax, see reproduce.py).
DEFAULT_METHOD = "pa_spss"
DEFAULT_ROTATION = "promax"


@cache
def _pattern() -> pd.DataFrame:
    pl = published_loadings()
    out = pd.DataFrame(0.0, index=item_ids(), columns=[1, 2, 3, 4])
    for item, factor, loading in zip(pl["item"], pl["factor"], pl["loading"], strict=True):
        out.loc[item, factor] = loading
    return out


def published_pattern() -> pd.DataFrame:
    """31 x 4 matrix of the published loadings (0 where nothing was published)."""
    return _pattern().copy()


def match_factors(loadings: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Match reproduced factors to the published ones by item content.

    Tucker's congruence between each published factor (its loading column, zeros for the
    other published statements) and each reproduced factor over the 26 published statements
    (the five unpublished ones carry no published information), then the assignment maximising total |congruence|
    (Hungarian algorithm). Returns ``(column, sign, congruence)`` per published factor 1..4.
    """
    pattern = published_pattern()
    rows_used = [i for i in loadings.index if i in pattern.index and pattern.loc[i].any()]
    target = pattern.loc[rows_used].to_numpy()
    lo = loadings.loc[rows_used].to_numpy()
    num = target.T @ lo
    den = np.sqrt(np.outer((target**2).sum(axis=0), (lo**2).sum(axis=0)))
    cong = num / den
    rows, cols = linear_sum_assignment(-np.abs(cong))
    col = np.empty(4, dtype=int)
    col[rows] = cols
    chosen = cong[np.arange(4), col]
    return col, np.where(chosen < 0, -1.0, 1.0), np.abs(chosen)


def fit_efa(
    data: pd.DataFrame, *, method: str = DEFAULT_METHOD, rotation: str = DEFAULT_ROTATION
) -> Any:
    """Four-factor EFA of the 31 statements (pairwise correlations, as psych)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Heywood/convergence are reported by the result
        return efa(data[item_ids()], 4, method=method, rotation=rotation)


def efa_figures(res: Any) -> dict[str, Any]:
    """Matched loadings (31 x 4, published factor order), extraction % and congruences."""
    col, sign, cong = match_factors(res.loadings)
    lo = res.loadings.to_numpy()[:, col] * sign[None, :]
    matched = pd.DataFrame(lo, index=res.loadings.index, columns=[1, 2, 3, 4])
    table = res.spss_variance_table()
    ext = table["extraction_pct_variance"].to_numpy()[:4]
    primary = np.abs(lo).argmax(axis=1) + 1
    return {
        "loadings": matched,
        "extraction_pct": ext,
        "congruence": cong,
        "primary": pd.Series(primary, index=res.loadings.index),
        "variance_table": table,
    }


def score_scales(data: pd.DataFrame) -> pd.DataFrame:
    """Scale scores: mean of each factor's published statements (half of them needed).

    The half rule is the reproduction's assumption (the slides do not state one; see
    ``ambiguities()``, ``methods_not_stated``); the model is calibrated with it.
    """
    blocks = {f"F{k}": v for k, v in scale_items().items()}
    return scale_scores(data, blocks, scale=(1, 5), min_valid=0.5)


def p_class(p: float) -> str:
    """The slides' significance classes: ``"p<0.01"``, ``"p<0.05"`` or ``"n.s."``."""
    if p < 0.01:
        return "p<0.01"
    if p < 0.05:
        return "p<0.05"
    return "n.s."


def factor_correlations(
    data: pd.DataFrame, scores: pd.DataFrame, *, language: str = "fi", method: str = "pearson"
) -> pd.DataFrame:
    """Scale score x progression share correlations (pairwise N) in the slides' layout."""
    frame = pd.concat([scores, data[list(PUBLISHED_OUTCOMES)]], axis=1)
    # The slides print unadjusted p thresholds (p<0,01 / p<0,05) per cell: no adjustment.
    out = corr_test(
        frame,
        list(scores.columns),
        list(PUBLISHED_OUTCOMES),
        method=method,
        adjust="none",
        language=language,
    )
    out.insert(0, "factor", out["x"].str[1:].astype(int))
    out.insert(1, "outcome", out["y"])
    out["p_class"] = [p_class(p) for p in out["p_value"]]
    names = {k: v[0 if language == "fi" else 1] for k, v in OUTCOMES.items()}
    out["outcome_name"] = out["outcome"].map(names)
    return out


_HYP_PAIRS: dict[str, list[tuple[str, str]]] = {
    "H1": [("v26", "p_open"), ("v26", "p_education")],
    "H2": [("v27", "p_open"), ("v27", "p_education")],
    "H3": [("v25", "p_open"), ("v24", "p_open")],
}


def hypothesis_tests(
    data: pd.DataFrame, *, language: str = "fi", method: str = "pearson"
) -> tuple[pd.DataFrame, dict[str, bool]]:
    """Item x progression tests of H1-H3 and whether each comes out as published.

    H1 (v26 vs open labour market and education): both not significant (p >= .05).
    H2 (placeholder v27 vs the same two): both significant and positive.
    H3: v25 (professional skills) vs open labour market significant and positive, and v24
    (work ability) vs open labour market not significant.
    """
    items = ["v24", "v25", "v26", "v27"]
    res = corr_test(
        data[[*items, "p_open", "p_education"]],
        items,
        ["p_open", "p_education"],
        method=method,
        adjust="none",  # the slides' verdicts are per test, unadjusted
        language=language,
    ).set_index(["x", "y"], drop=False)
    rows = []
    for hyp, pairs in _HYP_PAIRS.items():
        for pair in pairs:
            row = res.loc[pair].to_dict()
            row["hypothesis"] = hyp
            rows.append(row)
    table = pd.DataFrame(rows)
    table = table[["hypothesis", *[c for c in table.columns if c != "hypothesis"]]]
    sig = table["p_value"].to_numpy() < 0.05
    pos = table["r"].to_numpy() > 0
    verdict = {
        "H1": bool(not sig[0] and not sig[1]),
        "H2": bool(sig[2] and pos[2] and sig[3] and pos[3]),
        "H3": bool(sig[4] and pos[4] and not sig[5]),
    }
    table["as_published"] = table["hypothesis"].map(verdict)
    return table, verdict
