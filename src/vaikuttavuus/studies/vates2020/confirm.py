"""Confirmatory factor analysis of the four published Vates 2020 factors.

The slides report an exploratory solution only. :func:`confirm_factors` fits the four-factor
structure as a CFA (each statement on the factor it loads on in the slides, factors
correlated, no cross-loadings) with :func:`vaikuttavuus.cfa`: maximum likelihood on the
answers as numbers, or WLSMV on polychoric correlations when the answers are treated as
ordinal (``ordered=True``, lavaan's ``ordered=`` default estimator).
"""

from __future__ import annotations

import pandas as pd

from vaikuttavuus.cfa import CFAResult, cfa
from vaikuttavuus.studies.vates2020.instrument import scale_items

__all__ = ["FIT_MEASURES", "confirm_factors", "factor_model"]

#: Fit measures reported for each estimator (lavaan's names in snake_case).
FIT_MEASURES = {
    "ML": ("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea_ci_lower", "rmsea_ci_upper",
           "srmr"),
    "WLSMV": ("chisq_scaled", "df_scaled", "pvalue_scaled", "cfi_scaled", "tli_scaled",
              "rmsea_scaled", "rmsea_ci_lower_scaled", "rmsea_ci_upper_scaled", "srmr"),
}  # fmt: skip


def factor_model() -> dict[str, list[str]]:
    """The published structure as a CFA model: ``{"F1": [items], ..., "F4": [items]}``.

    Returns
    -------
    dict of str to list of str
        Factor name -> the statements that load on it in the slides (26 in all, no
        cross-loadings), in the order of :func:`scale_items`.

    References
    ----------
    The factor structure of Kallio (2020): the loading slides, OCR lines 1232-1275.

    Examples
    --------
    >>> {k: len(v) for k, v in factor_model().items()}
    {'F1': 12, 'F2': 5, 'F3': 6, 'F4': 3}
    """
    return {f"F{k}": items for k, items in scale_items().items()}


def confirm_factors(data: pd.DataFrame, *, ordered: bool = False) -> CFAResult:
    """Fit the four published factors as a CFA to ``data`` (the 26 statements' answers 1-5).

    Parameters
    ----------
    data : DataFrame
        Answers with the statement columns ``v01`` ... (other columns are ignored). Rows with
        a missing answer are left out (listwise), as lavaan does by default.
    ordered : bool, default False
        False: maximum likelihood on the answers as numbers (lavaan ``cfa(model, data)``).
        True: the answers are ordinal; WLSMV on polychoric correlations (lavaan
        ``cfa(model, data, ordered = TRUE)``).

    Returns
    -------
    CFAResult
        ``fit()`` gives the fit measures (see :data:`FIT_MEASURES` for the ones the report
        shows), ``to_frame()`` the parameter table.

    References
    ----------
    Rosseel, Y. (2012). lavaan: An R package for structural equation modeling. *Journal of
    Statistical Software*, 48(2), 1-36.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import confirm_factors, simulate
    >>> fit = confirm_factors(simulate(168, seed=2020)).fit()
    >>> int(fit["df"]), bool(0.9 < fit["cfi"] <= 1)
    (293, True)
    """
    model = factor_model()
    items = [item for group in model.values() for item in group]
    missing = [c for c in items if c not in data.columns]
    if missing:
        raise ValueError(
            f"data lacks the statement column(s) {missing}; the four factors need {items}."
        )
    return cfa(data[items], model, ordered=True if ordered else None)
