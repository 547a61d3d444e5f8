"""Disclosure control for published tables: no cell describing fewer than 5 persons."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validation import check_int

__all__ = [
    "MIN_CELL_SIZE",
    "SUPPRESSED",
    "groups_to_withhold",
    "small_cell_mask",
    "suppress_small_cells",
]

#: Smallest number of persons a published table cell may describe (Statistics Finland practice).
MIN_CELL_SIZE = 5
#: Marker shown in place of a suppressed cell.
SUPPRESSED = "<5"


def suppress_small_cells(
    table: pd.DataFrame,
    counts: pd.DataFrame | pd.Series | None = None,
    *,
    min_n: int = MIN_CELL_SIZE,
    complementary: bool = False,
) -> pd.DataFrame:
    """Blank every cell that describes fewer than ``min_n`` persons.

    Parameters
    ----------
    table : DataFrame
        The table to publish (counts, shares, means, correlations ...).
    counts : DataFrame or Series, optional
        Number of persons behind each cell, aligned with ``table``: a DataFrame of the same
        shape, or a Series indexed like ``table.index`` (one count per row, e.g. ``n``).
        When omitted, ``table`` itself is taken to hold counts.
    min_n : int, default 5
        Cells with ``0 < count < min_n`` are suppressed. Zero counts are not disclosive and
        are kept.
    complementary : bool, default False
        For tables whose rows split a known number of persons into disjoint cells (answer
        distributions, a row total shown elsewhere): also withhold, row by row, the cells
        :func:`groups_to_withhold` names as secondary, so a suppressed cell cannot be
        recovered by difference. Needs ``counts`` per cell (a DataFrame, or ``table``
        itself).

    Returns
    -------
    DataFrame
        A copy with object dtype in which suppressed cells read ``"<5"``.

    References
    ----------
    Statistics Finland. Remote access to research data, ch. 3: Statistical data protection
    of research data. https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection
    Statistics Finland. Output checking (FIONA): cell suppression and threshold rules.
    https://stat.fi/en/services/services-for-researchers/instructions-for-researchers/using-the-datasets/output-checking-fiona
    Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
    Spicer, K., & de Wolf, P.-P. (2012). Statistical Disclosure Control. Chichester: Wiley.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"yes": [12, 3], "no": [7, 0]}, index=["A", "B"])
    >>> suppress_small_cells(t)
       yes no
    A   12  7
    B   <5  0
    >>> row = pd.DataFrame({"agree": [40], "neutral": [9], "disagree": [3]})
    >>> suppress_small_cells(row, complementary=True)  # 3 = total - 49 otherwise
      agree neutral disagree
    0    40      <5       <5
    """
    min_n = check_int("min_n", min_n, minimum=1)
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}.")
    if counts is None:
        counts_frame = table
    elif isinstance(counts, pd.Series):
        if not counts.index.equals(table.index):
            raise ValueError("counts (Series) must be indexed exactly like table.index.")
        counts_frame = pd.DataFrame(
            np.repeat(counts.to_numpy()[:, None], table.shape[1], axis=1),
            index=table.index,
            columns=table.columns,
        )
    elif isinstance(counts, pd.DataFrame):
        if counts.shape != table.shape:
            raise ValueError(
                f"counts has shape {counts.shape} but table has shape {table.shape}; they must match."
            )
        counts_frame = counts
    else:
        raise TypeError(
            f"counts must be a DataFrame, a Series or None, got {type(counts).__name__}."
        )
    if complementary and isinstance(counts, pd.Series):
        raise ValueError(
            "complementary=True needs a count per cell (a DataFrame shaped like table, or "
            "counts=None when table holds the counts), not one count per row."
        )
    small = small_cell_mask(counts_frame, min_n=min_n, complementary=complementary).to_numpy()
    label = f"<{min_n}"
    out = table.astype(object).copy()
    out = out.mask(pd.DataFrame(small, index=table.index, columns=table.columns), label)
    return out


def small_cell_mask(
    counts: pd.DataFrame, *, min_n: int = MIN_CELL_SIZE, complementary: bool = False
) -> pd.DataFrame:
    """Which cells to withhold: ``0 < count < min_n``, plus row-wise complements if asked.

    Parameters
    ----------
    counts : DataFrame
        Number of persons behind each cell (NaN: not a count, never withheld as primary).
    min_n : int, default 5
        Smallest number of persons a published cell may describe.
    complementary : bool, default False
        Treat each row as a split of its persons into disjoint cells and add the secondary
        cells of :func:`groups_to_withhold`, so that no withheld cell can be recovered from
        the row total.

    Returns
    -------
    DataFrame of bool
        True where the cell must not be published (same index and columns as ``counts``).

    References
    ----------
    Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, ch. 4.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"a": [40, 40], "b": [9, 0], "c": [3, 30]})
    >>> small_cell_mask(c, complementary=True).to_numpy().tolist()
    [[False, True, True], [False, False, False]]
    """
    min_n = check_int("min_n", min_n, minimum=1)
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(f"counts must be a pandas DataFrame, got {type(counts).__name__}.")
    if not isinstance(complementary, bool):
        raise TypeError(f"complementary must be True or False, got {complementary!r}.")
    c = counts.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    small = (c > 0) & (c < min_n)
    if complementary:
        for i in range(c.shape[0]):
            cells = pd.Series(c[i]).dropna()
            primary, secondary = groups_to_withhold(cells, min_n=min_n)
            small[i, [int(j) for j in primary + secondary]] = True
    return pd.DataFrame(small, index=counts.index, columns=counts.columns)


def groups_to_withhold(
    sizes: pd.Series, *, min_n: int = MIN_CELL_SIZE
) -> tuple[list[object], list[object]]:
    """Groups a table by group must not show: primary and complementary (secondary) suppression.

    Groups of ``0 < n < min_n`` persons are withheld (primary). If the withheld persons are
    together still fewer than ``min_n``, their figures could be recovered by differencing from
    a published total (e.g. an overall mean minus the shown group means), so the smallest
    shown group is withheld as well, which brings the withheld persons to at least ``min_n``
    (secondary suppression).

    Parameters
    ----------
    sizes : Series
        Number of persons per group (index: group labels).
    min_n : int, default 5
        Smallest number of persons a published cell may describe.

    Returns
    -------
    (primary, secondary) : tuple of lists
        Group labels withheld because they are small, and those withheld only to protect them.

    References
    ----------
    Hundepool, A. et al. (2012). *Statistical Disclosure Control*. Wiley, ch. 4 (secondary
    cell suppression). Statistics Finland: statistical data protection of research data,
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    >>> import pandas as pd
    >>> groups_to_withhold(pd.Series({"coach": 80, "manager": 9, "other": 3}))
    (['other'], ['manager'])
    >>> groups_to_withhold(pd.Series({"coach": 80, "manager": 9, "a": 3, "b": 2}))
    (['a', 'b'], [])
    """
    min_n = check_int("min_n", min_n, minimum=1)
    if not isinstance(sizes, pd.Series):
        raise TypeError(f"sizes must be a pandas Series of counts, got {type(sizes).__name__}.")
    if sizes.isna().any():
        raise ValueError(
            f"sizes has no count for group(s) {list(sizes.index[sizes.isna()])}; "
            "give a number of persons (0 for an empty group) for every group."
        )
    counts = pd.to_numeric(sizes, errors="raise").astype(int)
    primary = [g for g, n in counts.items() if 0 < n < min_n]
    withheld = int(counts[primary].sum())
    secondary: list[object] = []
    if 0 < withheld < min_n:  # the withheld persons alone could be derived by difference
        shown = counts[counts >= min_n].sort_values(kind="stable")
        if len(shown):  # one shown group (>= min_n persons) always suffices
            secondary.append(shown.index[0])
    return primary, secondary
