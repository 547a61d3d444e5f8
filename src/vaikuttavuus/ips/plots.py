"""Figures of the IPS report (matplotlib imported inside the functions)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..disclosure import MIN_CELL_SIZE
from ..present import LANGUAGES, format_value, msg, plot_text, set_axis_format
from .benchmarks import employment_benchmarks
from .fidelity import fidelity_items
from .metrics import QuarterlyMetrics, SurvivalByGroup

__all__ = ["plot_employment_trend", "plot_fidelity_profile", "plot_km", "plot_site_funnel"]


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r} is not allowed; choose one of 'fi', 'sv', 'en'.")


def shown_rate(working: Any, served: Any, min_n: int = MIN_CELL_SIZE) -> np.ndarray:
    """Rates that may be published: NaN where ``served < min_n`` or where the working or the
    not-working count is 1 to ``min_n - 1`` (either would disclose a small group)."""
    w = np.asarray(working, dtype=float)
    s = np.asarray(served, dtype=float)
    rest = s - w
    bad = (s < min_n) | ((w > 0) & (w < min_n)) | ((rest > 0) & (rest < min_n))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(bad, np.nan, w / s)


def plot_employment_trend(
    metrics: QuarterlyMetrics,
    *,
    ax: Any = None,
    language: str = "fi",
    denominator: str = "all",
    pooled: bool = True,
) -> Any:
    """Quarterly employment rate per site with the 31/41/50 % benchmark lines.

    Parameters
    ----------
    metrics : QuarterlyMetrics
        From :func:`vaikuttavuus.ips.quarterly_metrics`.
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure otherwise.
    language : {"fi", "sv", "en"}, default "fi"
        Language of labels.
    denominator : {"all", "out_of_work"}, default "all"
        All clients served, or those out of work at referral (IPS Grow).
    pooled : bool, default True
        Also draw all sites pooled (thick line).

    Returns
    -------
    matplotlib.axes.Axes
        Points that would disclose fewer than 5 persons are not drawn.

    References
    ----------
    Becker, Drake & Bond (2011), in full in :mod:`vaikuttavuus.ips.benchmarks`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import warnings
    >>> from vaikuttavuus.ips import ips_data, quarterly_metrics, simulate_ips
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     d = ips_data(*simulate_ips(n_clients=400, seed=1))
    >>> ax = plot_employment_trend(quarterly_metrics(d), language="en")
    >>> ax.get_ylabel()
    'Employment rate (%)'
    """
    _check_language(language)
    served, working = (("served", "working") if denominator == "all"
                       else ("served_out_of_work", "working_out_of_work"))  # fmt: skip
    ax = _axes(ax, (8, 4.5))
    t = metrics.table
    quarters = sorted(t["quarter"].unique())
    x = {q: i for i, q in enumerate(quarters)}
    for site, grp in t.groupby(metrics.by, sort=True):
        rate = shown_rate(grp[working], grp[served])
        ax.plot([x[q] for q in grp["quarter"]], 100 * rate, marker="o", ms=3, lw=1, alpha=0.7,
                label=plot_text(site))  # fmt: skip
    if pooled:
        tot = metrics.totals()
        rate = shown_rate(tot[working], tot[served])
        ax.plot([x[q] for q in tot["quarter"]], 100 * rate, color="black", lw=2.5,
                label=msg("ips.all_sites", language))  # fmt: skip
    for _, b in employment_benchmarks(language).iterrows():
        ax.axhline(100 * b["value"], color="grey", ls="--", lw=0.8)
        ax.text(len(quarters) - 0.5, 100 * b["value"], f" {b['label']} {format_value(100 * b['value'], 'percent', language)}",
                va="center", fontsize=7, color="grey")  # fmt: skip
    step = max(1, len(quarters) // 12)
    ax.set_xticks(range(0, len(quarters), step), quarters[::step], rotation=45, fontsize=7)
    ax.set_xlabel(msg("ips.axis_quarter", language))
    ax.set_ylabel(msg("ips.axis_rate", language))
    set_axis_format(ax, language)
    values = [np.asarray(line.get_ydata(), dtype=float) for line in ax.get_lines()]
    finite = [v[np.isfinite(v)].max() for v in values if np.isfinite(v).any()]
    top = max(finite, default=90.0)
    ax.set_ylim(0, max(60.0, 10.0 * np.ceil(top / 10.0) + 5))
    ax.legend(fontsize=7, ncol=2, loc="upper left")
    return ax


def plot_km(
    survival: SurvivalByGroup,
    *,
    groups: Any = None,
    ax: Any = None,
    language: str = "fi",
    min_at_risk: int = MIN_CELL_SIZE,
) -> Any:
    """Kaplan-Meier curves per group, cut where fewer than ``min_at_risk`` are at risk.

    Parameters
    ----------
    survival : SurvivalByGroup
        From :func:`vaikuttavuus.ips.time_to_first_job` or :func:`job_tenure`.
    groups : sequence of str, optional
        Groups to draw (default all, with ``"all"`` pooled as a thick line).
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure otherwise.
    language : {"fi", "sv", "en"}, default "fi"
        Language of labels.
    min_at_risk : int, default 5
        The curve stops before the first event time with fewer persons at risk (disclosure
        control); groups with fewer events are not drawn.

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Kaplan & Meier (1958), in full in :func:`vaikuttavuus.kaplan_meier`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import warnings
    >>> from vaikuttavuus.ips import ips_data, simulate_ips, time_to_first_job
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     d = ips_data(*simulate_ips(n_clients=400, seed=1))
    >>> ax = plot_km(time_to_first_job(d), language="en")
    >>> ax.get_xlabel()
    'Days'
    """
    _check_language(language)
    ax = _axes(ax, (7, 4.5))
    keys = list(survival.curves) if groups is None else [str(g) for g in groups]
    for key in keys:
        km = survival.curves.get(key)
        if km is None or km.n_events < min_at_risk:
            continue
        tab = km.table[km.table["n_at_risk"] >= min_at_risk]
        t = np.concatenate([[0.0], tab["time"].to_numpy()])
        s = np.concatenate([[1.0], tab["survival"].to_numpy()])
        label = msg("ips.all_sites", language) if key == "all" else plot_text(key)
        ax.step(t, s, where="post", lw=2.5 if key == "all" else 1, label=label,
                color="black" if key == "all" else None)  # fmt: skip
    ax.set_xlabel(msg("ips.axis_days", language))
    what = "axis_no_job" if survival.what == "time_to_first_job" else "axis_in_job"
    ax.set_ylabel(msg(f"ips.{what}", language))
    set_axis_format(ax, language, axis="both", decimals=1)
    ax.set_ylim(0, 1.02)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7)
    return ax


def plot_fidelity_profile(
    reviews: pd.DataFrame, *, ax: Any = None, language: str = "fi", latest: bool = True
) -> Any:
    """Item profile of IPS-25 reviews: one marker per site and item (latest review per site).

    Parameters
    ----------
    reviews : DataFrame
        Long format ``site, review_date, item, score`` (as :func:`simulate_fidelity`).
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure otherwise.
    language : {"fi", "sv", "en"}, default "fi"
        Language of item names.
    latest : bool, default True
        Only each site's latest review (otherwise every review, labelled by date).

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Becker et al. (2019), in full in :mod:`vaikuttavuus.ips.fidelity`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from vaikuttavuus.ips import simulate_fidelity
    >>> ax = plot_fidelity_profile(simulate_fidelity(seed=1), language="en")
    >>> len(ax.get_yticklabels())
    25
    """
    _check_language(language)
    items = fidelity_items(language)
    r = reviews.copy()
    r["review_date"] = pd.to_datetime(r["review_date"])
    if latest:
        last = r.groupby("site")["review_date"].transform("max")
        r = r[r["review_date"] == last]
    ax = _axes(ax, (7, 8))
    y = {it: len(items) - 1 - i for i, it in enumerate(items["item"])}
    keys = sorted({(s, d) for s, d in zip(r["site"], r["review_date"], strict=True)})
    offsets = np.linspace(-0.3, 0.3, max(len(keys), 1))
    for off, (site, date) in zip(offsets, keys, strict=True):
        g = r[(r["site"] == site) & (r["review_date"] == date)]
        label = (
            plot_text(site)
            if latest
            else f"{plot_text(site)} {format_value(date, 'date', language)}"
        )
        ax.plot(g["score"], [y[i] + off for i in g["item"]], "o", ms=4, label=label)
    ax.set_yticks(list(y.values()), [f"{n}" for n in items["name"]], fontsize=7)
    for b in (len(items) - 3.5, len(items) - 11.5):  # between staffing | organisation | services
        ax.axhline(b, color="grey", lw=0.6)
    ax.set_xlim(0.5, 5.5)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel(msg("ips.axis_score", language))
    ax.set_title(msg("ips.label.staffing", language) + " / " + msg("ips.label.organisation", language)
                 + " / " + msg("ips.label.services", language), fontsize=8)  # fmt: skip
    ax.legend(fontsize=6, loc="lower left")
    return ax


def plot_site_funnel(
    outcomes: pd.DataFrame,
    *,
    site: str = "site",
    outcome: str = "worked",
    ax: Any = None,
    language: str = "fi",
) -> Any:
    """Funnel plot of a per-client 0/1 outcome by site (Spiegelhalter limits).

    Parameters
    ----------
    outcomes : DataFrame
        One row per client (e.g. IPS clients with complete follow-up from
        :func:`vaikuttavuus.ips.employment_outcome`).
    site : str, default "site"
        Unit column.
    outcome : str, default "worked"
        0/1 outcome column.
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure otherwise.
    language : {"fi", "sv", "en"}, default "fi"
        Language of the labels.

    Returns
    -------
    matplotlib.axes.Axes
        Sites with fewer than 5 clients, or with 1-4 clients with or without the outcome, are
        not drawn (their limits use every site).

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
    Statistics in Medicine, 24(8), 1185-1202.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> d = pd.DataFrame({"site": list("AAAABBBBBB") * 10, "worked": [1, 0, 0, 0, 1] * 20})
    >>> ax = plot_site_funnel(d, language="en")  # A: 10 of 40 worked, B: 30 of 60
    >>> ax.get_xlabel() != ""
    True
    """
    _check_language(language)
    from ..funnel import funnel_data, plot_funnel

    frame = outcomes[[site, outcome]].copy()
    frame[outcome] = frame[outcome].astype(int)
    data = funnel_data(frame, site, outcome)
    # like the tables: a site whose working or not-working count is 1-4 is not drawn (its rate
    # would disclose them); the limits still use every site
    x, n = data["observed"].to_numpy(), data["n"].to_numpy()
    small = ((x > 0) & (x < MIN_CELL_SIZE)) | ((n - x > 0) & (n - x < MIN_CELL_SIZE))
    shown = data.loc[~small]
    shown.attrs = dict(data.attrs)
    ax = plot_funnel(shown, ax=ax, language=language)
    ax.set_xlabel(f"{msg('ips.label.persons', language)} (n)")
    ax.set_ylabel(msg("ips.label.share", language).replace(" %", ""))
    return ax
