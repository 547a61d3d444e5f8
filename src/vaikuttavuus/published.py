"""Published figures as data: national and Tampere context for reports, each with its source.

The tables are CSV files shipped inside the package (``vaikuttavuus/data/published/``; the
repository's ``data/published/README.md`` points there, so there is one copy). Every row has a
``source`` (a seed file and line, ``seed <file>:<line> (...)``, or a URL), the ``quote`` it was
read from and a ``note`` on ambiguities (OCR, ranges, estimates).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

from ._validation import check_choice

__all__ = ["published_table", "published_tables"]

_PACKAGE = "vaikuttavuus"
_FOLDER = ("data", "published")


def _folder():  # importlib.resources Traversable
    node = resources.files(_PACKAGE)
    for part in _FOLDER:
        node = node.joinpath(part)
    return node


@cache
def _names() -> tuple[str, ...]:
    return tuple(
        sorted(p.name[: -len(".csv")] for p in _folder().iterdir() if p.name.endswith(".csv"))
    )


def published_tables() -> list[str]:
    """Names of the published-figure tables shipped with the package.

    Returns
    -------
    list of str
        Table names for :func:`published_table`, sorted.

    References
    ----------
    Tampereen kaupunki (2020). Kuntouttavan työtoiminnan palvelut Tampereella (seed 002).
    Kuntaliitto (2022-2024). TE24 financing slides (seeds 001 and 003).

    Examples
    --------
    >>> from vaikuttavuus.published import published_tables
    >>> "unemployment_benefit_financing_shares" in published_tables()
    True
    """
    return list(_names())


@cache
def _read(name: str) -> pd.DataFrame:
    text = _folder().joinpath(f"{name}.csv").open("r", encoding="utf-8")
    with text as handle:
        frame = pd.read_csv(handle, keep_default_na=False, na_values=[""])
    return frame


def published_table(name: str) -> pd.DataFrame:
    """One table of published figures, with ``source``, ``quote`` and ``note`` columns.

    Parameters
    ----------
    name : str
        One of :func:`published_tables`: ``"tampere_rehabilitative_work"`` (client volumes,
        budget, outcome-based shares, 2019-2020), ``"tampere_providers"`` (the six largest
        providers), ``"rehabilitative_work_starts"`` (persons starting rehabilitative work
        activity per year 2011-2023), ``"unemployment_benefit_financing_shares"`` (who pays the
        unemployment benefits, 2019 vs 2025), ``"te24_financing_transition"`` (the two-year
        transition of the service financing), ``"te24_national_figures"`` (other TE24 sums and
        Kela's 2025 averages) and ``"pohjanmaa_te24_context"`` (Vaasa and the Pohjanmaa area).

    Returns
    -------
    DataFrame
        A fresh copy (changing it does not change later calls).

    References
    ----------
    Tampereen kaupunki (17.9.2020). Kuntouttavan työtoiminnan palvelut Tampereella (seed 002).
    Kuntaliitto/Mehtonen (2022-2023) in Vaasa's TE24 and KOTO24 briefing 1.11.2023 (seed 003).
    Kuntaliitto (2024). TE-palvelut 2024 and the sote interface (seed 001).

    Examples
    --------
    >>> from vaikuttavuus.published import published_table
    >>> t = published_table("unemployment_benefit_financing_shares")
    >>> t.pivot(index="payer", columns="year", values="share_pct").loc["municipalities"].tolist()
    [11, 21]
    """
    check_choice("name", name, _names())
    return _read(name).copy()
