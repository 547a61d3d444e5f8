"""Presentation helpers of the survey report: number formats, row suppression, and the
translation of table headers, index names and row labels into the report's language.

The API tables of :class:`~vaikuttavuus.survey.report.SurveyReport` keep their stable
snake_case English columns; only what :meth:`SurveyReport.section` shows is translated.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..disclosure import MIN_CELL_SIZE, SUPPRESSED
from ._i18n import header


def num(x: float) -> str:
    """Up to three decimals without trailing zeros (5.600 -> 5.6)."""
    return f"{x:.3f}".rstrip("0").rstrip(".")


def p_strings(table: pd.DataFrame) -> pd.DataFrame:
    """p-value columns as text: '<0.001' below 0.001, else three decimals."""
    cols = [
        c
        for c in table.columns
        if isinstance(c, str) and (c == "p_value" or c.endswith("_p_value"))
    ]
    if not cols:
        return table
    out = table.copy()
    for c in cols:
        out[c] = [
            v
            if isinstance(v, str)
            else ("" if pd.isna(v) else "<0.001" if v < 0.001 else f"{v:.3f}")
            for v in table[c]
        ]
    return out


def suppress_rows(table: pd.DataFrame, n: pd.Series | None = None) -> tuple[pd.DataFrame, int]:
    """Suppress every cell of rows describing 1-4 respondents (column ``n``)."""
    if n is None:
        if "n" not in table.columns:
            return table.copy(), 0
        n = table["n"]
    n = pd.to_numeric(n, errors="coerce")
    small = (n > 0) & (n < MIN_CELL_SIZE)
    out = table.astype(object).copy()
    out.loc[small.to_numpy()] = SUPPRESSED
    return out, int(small.sum())


def localize(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """p-values as text, then column headers and index names in ``language``.

    Names that are not API names (answer labels, item texts, factor labels) stay as they are.
    """
    out = p_strings(table).copy()
    out.columns = [header(c, language) if isinstance(c, str) else c for c in out.columns]
    out.index = out.index.set_names(
        [header(n, language) if isinstance(n, str) else n for n in out.index.names]
    )
    return out


def row_labels(labels: Iterable[str], language: str) -> list[str]:
    """API row labels (e.g. ``rows_read``, ``ss_loadings``) in ``language``."""
    return [header(label, language) for label in labels]


def factor_labels(factors: Iterable[str], language: str) -> dict[str, str]:
    """EFA factor names (``F1``, ``F2``, ...) as "Faktori 1", "Faktor 1", "Factor 1", ...

    Numbered in the order of the EFA output, so that they cannot be mistaken for the
    codebook's scale names (which may also be called ``F1``...)."""
    return {f: header("factor_n", language, k=j + 1) for j, f in enumerate(factors)}


def factor_match(
    factors: Iterable[str],
    assignment: pd.DataFrame,
    scale_texts: dict[str, str] | Iterable[tuple[str, str]],
    language: str,
) -> pd.DataFrame:
    """One row per EFA factor: the declared scale most of whose items load highest on it
    (``assignment``'s ``factor_scale``), how many declared items load highest on it and how
    many of that scale's items do (e.g. ``5/5``)."""
    texts = dict(scale_texts)
    labels = factor_labels(factors, language)
    scale_size = assignment["scale"].value_counts()
    rows = []
    for f, label in labels.items():
        on = assignment[assignment["factor"] == f]
        if on.empty:
            rows.append({"factor": label, "best_scale": header("no_scale", language),
                         "primary_items": 0, "scale_items_here": ""})  # fmt: skip
            continue
        best = str(on["factor_scale"].iloc[0])
        here = int((on["scale"] == best).sum())
        rows.append({"factor": label, "best_scale": texts.get(best, best),
                     "primary_items": len(on),
                     "scale_items_here": f"{here}/{int(scale_size[best])}"})  # fmt: skip
    return pd.DataFrame(rows).set_index("factor").rename_axis(None)
