"""Funnel plots for comparing institutional performance (Spiegelhalter 2005).

Units (providers, sites) are plotted by their proportion against their size ``n``, with
control limits ``target ± z sqrt(target(1 - target) / n)`` at 95 % and 99.8 %, optionally the
exact binomial limits with Spiegelhalter's interpolation, and an adjustment for
over-dispersion: either multiplicative (``phi``) or additive random effects (``tau2``).

Default adjustment: **additive random effects**. Employment-service providers are few and
large (hundreds of episodes each); multiplicative limits still collapse onto the target as
``n`` grows, so any unexplained between-provider variation (case mix the model does not see)
flags every large provider. The additive version treats it as genuine heterogeneity and
keeps a floor ``tau2`` under the limits, as Spiegelhalter (2005, section 6) recommends.
``tau2`` is 0 when the winsorised ``phi`` shows no over-dispersion (``I phi <= I - 1``), so
the limits are then the plain binomial ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from ._results import ResultMixin, Summary
from ._validation import check_choice, check_columns, check_probability
from .disclosure import MIN_CELL_SIZE

__all__ = [
    "ADJUSTMENTS",
    "Overdispersion",
    "funnel_data",
    "funnel_limits",
    "overdispersion",
    "plot_funnel",
]

#: Over-dispersion adjustments of :func:`funnel_data`.
ADJUSTMENTS = ("additive", "multiplicative", "none")
_LIMIT_METHODS = ("normal", "exact")
_LANGUAGES = ("fi", "sv", "en")

_TEXT = {
    "x": {
        "fi": "Päättyneitä jaksoja (n)",
        "sv": "Avslutade perioder (n)",
        "en": "Ended episodes (n)",
    },
    "y": {"fi": "Osuus", "sv": "Andel", "en": "Proportion"},
    "target": {"fi": "Tavoitetaso", "sv": "Målnivå", "en": "Target"},
    "limit": {"fi": "{level} %:n rajat", "sv": "{level} % gränser", "en": "{level} % limits"},
    "units": {"fi": "Yksiköt", "sv": "Enheter", "en": "Units"},
}


def _suffix(level: float) -> str:
    return f"{level * 100:g}".replace(".", "")


def _levels(levels: Any) -> tuple[float, ...]:
    if isinstance(levels, float | int):
        levels = (levels,)
    out = tuple(check_probability("levels", float(v)) for v in levels)
    if not out:
        raise ValueError("levels must name at least one coverage, e.g. (0.95, 0.998).")
    return out


def _exact_limit(target: float, n: np.ndarray, p: float) -> np.ndarray:
    """Spiegelhalter (2005), appendix A.1.1: interpolated binomial quantile divided by n."""
    r = stats.binom.ppf(p, n, target)
    f_r = stats.binom.cdf(r, n, target)
    f_r1 = stats.binom.cdf(r - 1, n, target)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = np.where(f_r > f_r1, (f_r - p) / (f_r - f_r1), 0.0)
        return (r - alpha) / n


def funnel_limits(
    target: float,
    n: Any,
    *,
    levels: Any = (0.95, 0.998),
    phi: float = 1.0,
    tau2: float = 0.0,
    method: str = "normal",
) -> pd.DataFrame:
    """Control limits of a funnel plot for a proportion.

    Parameters
    ----------
    target : float
        Target proportion ``θ`` in (0, 1) (usually the overall rate).
    n : int or array-like
        Unit sizes (denominators) at which to compute the limits; must be positive (and
        whole numbers with ``method="exact"``).
    levels : sequence of float, default (0.95, 0.998)
        Two-sided coverages; column names drop the ``0.`` (``lower_95``, ``upper_998``).
    phi : float, default 1.0
        Multiplicative over-dispersion: ``θ ± z sqrt(phi θ(1-θ)/n)``.
    tau2 : float, default 0.0
        Additive random-effects variance: ``θ ± z sqrt(θ(1-θ)/n + tau2)``.
    method : {"normal", "exact"}, default "normal"
        ``"exact"``: binomial limits with the interpolation of Spiegelhalter's appendix
        A.1.1, ``(r_p - a)/n`` with ``a = (F(r_p) - p)/(F(r_p) - F(r_p - 1))``; cannot be
        combined with ``phi`` or ``tau2``.

    Returns
    -------
    DataFrame
        Columns ``n``, ``target``, then ``lower_XX``/``upper_XX`` per level, clipped to [0, 1].

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
    *Statistics in Medicine*, 24(8), 1185-1202. https://doi.org/10.1002/sim.1970

    Examples
    --------
    >>> funnel_limits(0.3, [50, 500]).round(4)
         n  target  lower_95  upper_95  lower_998  upper_998
    0   50     0.3    0.1730    0.4270     0.0997     0.5003
    1  500     0.3    0.2598    0.3402     0.2367     0.3633
    """
    target = check_probability("target", target)
    check_choice("method", method, _LIMIT_METHODS)
    lv = _levels(levels)
    nn = np.atleast_1d(np.asarray(n, dtype=np.float64))
    if nn.ndim != 1 or not np.all(np.isfinite(nn)) or np.any(nn <= 0):
        raise ValueError("n must be a positive number or a 1-D array of positive numbers.")
    if not np.isfinite(phi) or phi <= 0:
        raise ValueError(f"phi={phi!r} is not allowed; it must be a positive number.")
    if not np.isfinite(tau2) or tau2 < 0:
        raise ValueError(f"tau2={tau2!r} is not allowed; it must be 0 or a positive number.")
    if method == "exact" and (phi != 1.0 or tau2 != 0.0):
        raise ValueError(
            "method='exact' gives the plain binomial limits; use method='normal' with phi or tau2."
        )
    whole = bool(np.all(nn == np.round(nn)))
    if method == "exact" and not whole:
        raise ValueError(
            "method='exact' needs whole-number sizes n (binomial denominators); "
            "use method='normal' for a continuous grid of n."
        )
    out = pd.DataFrame({"n": nn.astype(np.int64) if whole else nn, "target": target})
    sd = np.sqrt(phi * target * (1 - target) / nn + tau2)
    for level in lv:
        tail = (1 - level) / 2
        if method == "exact":
            lo, hi = _exact_limit(target, nn, tail), _exact_limit(target, nn, 1 - tail)
        else:
            z = stats.norm.isf(tail)
            lo, hi = target - z * sd, target + z * sd
        out[f"lower_{_suffix(level)}"] = np.clip(lo, 0.0, 1.0)
        out[f"upper_{_suffix(level)}"] = np.clip(hi, 0.0, 1.0)
    return out


@dataclass(frozen=True, eq=False)
class Overdispersion(ResultMixin):
    """Spiegelhalter's over-dispersion estimate from winsorised z-scores.

    Attributes
    ----------
    phi : float
        Mean of the squared winsorised z-scores (1 under no over-dispersion).
    tau2 : float
        Additive random-effects variance, ``(I phi - (I-1)) / (Σw - Σw²/Σw)``, 0 if negative.
    n_units : int
        Number of units ``I``.
    p_value : float
        Test of no over-dispersion, ``I phi ~ χ²(I-1)``.
    target : float
        Target proportion.
    winsorize : float
        Fraction winsorised at each end of the z-scores.
    z : ndarray
        Unwinsorised z-scores per unit.
    """

    phi: float
    tau2: float
    n_units: int
    p_value: float
    target: float
    winsorize: float
    z: np.ndarray

    def to_frame(self) -> pd.DataFrame:
        """One row: phi, tau2, n_units, p_value, target, winsorize."""
        return self._row("phi", "tau2", "n_units", "p_value", "target", "winsorize")

    def _summary_parts(self) -> Summary:
        return Summary(
            title="Over-dispersion (Spiegelhalter 2005)",
            figures={
                **self._fields("phi", "tau2"),
                "units": self.n_units,
                "p (chi2, I-1 df)": self.p_value,
            },
        )


def _unit_arrays(
    observed: Any, expected_or_target: Any, n: Any, target: float | None = None
) -> tuple[np.ndarray, ...]:
    o = np.asarray(observed, dtype=np.float64).ravel()
    nn = np.asarray(n, dtype=np.float64).ravel()
    if o.shape != nn.shape:
        raise ValueError(f"observed ({o.size} values) and n ({nn.size} values) must match.")
    if np.any(~np.isfinite(nn) | (nn <= 0)) or np.any(~np.isfinite(o) | (o < 0) | (o > nn)):
        raise ValueError("n must be positive and observed between 0 and n for every unit.")
    e = np.asarray(expected_or_target, dtype=np.float64)
    if e.ndim == 0:
        if target is not None:
            raise ValueError(
                "target is only for expected counts; a target proportion is already given "
                "as expected_or_target."
            )
        target = check_probability("expected_or_target", float(e))
        y = o / nn
    else:
        e = e.ravel()
        if e.shape != o.shape or np.any(~np.isfinite(e) | (e <= 0)):
            raise ValueError(
                "expected_or_target must be a target proportion or positive expected counts, "
                "one per unit."
            )
        overall = check_probability("overall rate", float(o.sum() / nn.sum()))
        y = o / e * overall  # indirectly standardised rate
        target = overall if target is None else check_probability("target", target)
    s = np.sqrt(target * (1 - target) / nn)
    return y, s, target


def overdispersion(
    observed: Any,
    expected_or_target: Any,
    n: Any,
    *,
    winsorize: float = 0.1,
    target: float | None = None,
) -> Overdispersion:
    """Estimate over-dispersion of unit proportions around a target.

    Parameters
    ----------
    observed : array-like
        Observed successes per unit.
    expected_or_target : float or array-like
        A target proportion, or expected successes per unit (risk adjustment); with expected
        counts the unit's value is ``O/E`` times the overall rate ``ΣO/Σn``.
    n : array-like
        Unit sizes.
    winsorize : float, default 0.1
        z-scores below the ``winsorize`` and above the ``1 - winsorize`` quantile (linear
        interpolation) are set to those quantiles before ``phi`` is computed.
    target : float, optional
        Only with expected counts: the target proportion the standardised rates are compared
        with (z-scores ``(y - target) / sqrt(target(1 - target)/n)``); default the overall
        rate ``ΣO/Σn``.

    Returns
    -------
    Overdispersion
        ``phi``, ``tau2``, the chi-square test and the z-scores.

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
    *Statistics in Medicine*, 24(8), 1185-1202, sections 6.1-6.2.

    Examples
    --------
    >>> res = overdispersion([30, 55, 20, 90, 41], 0.3, [100, 150, 90, 250, 120])
    >>> round(res.phi, 3), round(res.tau2, 5)
    (1.784, 0.0019)
    """
    y, s, target = _unit_arrays(observed, expected_or_target, n, target)
    if isinstance(winsorize, bool) or not 0 <= float(winsorize) < 0.5:
        raise ValueError(f"winsorize={winsorize!r} is not allowed; it must be in [0, 0.5).")
    units = y.size
    if units < 2:
        raise ValueError(f"overdispersion needs at least 2 units, got {units}.")
    z = (y - target) / s
    lo, hi = np.quantile(z, [winsorize, 1 - winsorize])
    phi = float(np.mean(np.clip(z, lo, hi) ** 2))
    w = 1 / s**2
    tau2 = max(0.0, (units * phi - (units - 1)) / (w.sum() - (w**2).sum() / w.sum()))
    p = float(stats.chi2.sf(units * phi, units - 1))
    return Overdispersion(phi, float(tau2), units, p, target, float(winsorize), z)


def funnel_data(
    data: pd.DataFrame,
    unit: str,
    outcome: str,
    *,
    expected: str | None = None,
    target: float | None = None,
    adjustment: str = "additive",
    levels: Any = (0.95, 0.998),
    winsorize: float = 0.1,
) -> pd.DataFrame:
    """One row per unit with its rate, z-score and funnel limits at its size.

    Parameters
    ----------
    data : DataFrame
        Individual rows (e.g. ended episodes).
    unit : str
        Column naming the unit (provider, site).
    outcome : str
        Column with 0/1 (or True/False) outcomes; missing values are refused.
    expected : str, optional
        Column of predicted probabilities from a risk model; the plotted rate is then the
        indirectly standardised rate ``O/E × overall rate``.
    target : float, optional
        Target proportion; default the overall rate.
    adjustment : {"additive", "multiplicative", "none"}, default "additive"
        Over-dispersion adjustment (module docstring explains the default).
    levels : sequence of float, default (0.95, 0.998)
        Coverages of the limits.
    winsorize : float, default 0.1
        Winsorising fraction for :func:`overdispersion`.

    Returns
    -------
    DataFrame
        Columns ``unit``, ``n``, ``observed``, ``expected``, ``rate``, ``target``, ``z``,
        the limits per level and ``position`` (``"above_998"``, ``"above_95"``, ``"within"``,
        ``"below_95"``, ``"below_998"``; the outermost level crossed). ``attrs`` holds
        ``phi``, ``tau2``, ``adjustment``, ``levels``, ``p_value``, ``target`` and ``n_range``
        for :func:`plot_funnel` (which can then draw the limits even when every unit is
        filtered out).

    References
    ----------
    Spiegelhalter, D. J. (2005). Funnel plots for comparing institutional performance.
    *Statistics in Medicine*, 24(8), 1185-1202.

    Examples
    --------
    >>> import pandas as pd
    >>> d = pd.DataFrame({"site": list("AAAABBBBBB") * 10, "job": [1, 0, 0, 0, 1] * 20})
    >>> funnel_data(d, "site", "job")[["unit", "n", "rate", "position"]]
      unit   n  rate position
    0    A  40  0.25   within
    1    B  60  0.50   within
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, got {type(data).__name__}.")
    cols = [unit, outcome] + ([expected] if expected is not None else [])
    check_columns(data, cols, "unit/outcome/expected")
    check_choice("adjustment", adjustment, ADJUSTMENTS)
    lv = _levels(levels)
    y = data[outcome]
    if y.isna().any():
        raise ValueError(f"{outcome} has {int(y.isna().sum())} missing value(s); code them 0/1.")
    yv = y.to_numpy(dtype=np.float64)
    if not np.isin(yv, (0.0, 1.0)).all():
        raise ValueError(f"{outcome} must hold only 0/1 (or True/False).")
    frame = pd.DataFrame({"unit": data[unit].to_numpy(), "observed": yv, "n": 1.0})
    frame["expected"] = (
        data[expected].to_numpy(dtype=np.float64) if expected is not None else np.nan
    )
    g = frame.groupby("unit", sort=True, observed=True).sum(min_count=1)
    n = g["n"].to_numpy()
    o = g["observed"].to_numpy()
    overall = float(o.sum() / n.sum())
    tgt = overall if target is None else check_probability("target", target)
    if expected is not None:
        e = g["expected"].to_numpy()
        rate = np.where(e > 0, o / e * overall, np.nan)
    else:
        e = np.full(n.shape, np.nan)
        rate = o / n
    s = np.sqrt(tgt * (1 - tgt) / n)
    phi, tau2, p = 1.0, 0.0, np.nan
    if adjustment != "none" and len(n) >= 2:
        if expected is not None:  # z-scores around the same target as the limits
            od = overdispersion(o, e, n, winsorize=winsorize, target=tgt)
        else:
            od = overdispersion(o, tgt, n, winsorize=winsorize)
        p = od.p_value
        if adjustment == "multiplicative":
            phi = max(od.phi, 1.0)
        else:
            tau2 = od.tau2
    out = pd.DataFrame(
        {
            "unit": g.index.to_numpy(),
            "n": n.astype(np.int64),
            "observed": o.astype(np.int64),
            "expected": e,
            "rate": rate,
            "target": tgt,
            "z": (rate - tgt) / np.sqrt(phi * s**2 + tau2),
        }
    )
    lim = funnel_limits(tgt, n, levels=lv, phi=phi, tau2=tau2)
    position = np.full(len(out), "within", dtype=object)
    for level in sorted(lv):  # outermost level crossed wins
        sfx = _suffix(level)
        out[f"lower_{sfx}"] = lim[f"lower_{sfx}"].to_numpy()
        out[f"upper_{sfx}"] = lim[f"upper_{sfx}"].to_numpy()
        position[rate > out[f"upper_{sfx}"].to_numpy()] = f"above_{sfx}"
        position[rate < out[f"lower_{sfx}"].to_numpy()] = f"below_{sfx}"
    out["position"] = position
    out.attrs.update(
        {
            "phi": phi,
            "tau2": tau2,
            "adjustment": adjustment,
            "levels": lv,
            "p_value": p,
            "target": tgt,
            "n_range": (float(n.min()), float(n.max())),
        }
    )
    return out


def plot_funnel(
    frame: pd.DataFrame,
    *,
    ax: Any = None,
    language: str = "fi",
    labels: bool = True,
    min_n: int = MIN_CELL_SIZE,
) -> Any:
    """Draw a funnel plot from :func:`funnel_data`.

    Units with fewer than ``min_n`` persons are not drawn (disclosure control).

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`funnel_data` (its ``attrs`` give the adjustment of the limits).
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure otherwise.
    language : {"fi", "sv", "en"}, default "fi"
        Language of the axis labels and legend.
    labels : bool, default True
        Write the unit names next to the points.
    min_n : int, default 5
        Smallest unit shown.

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Spiegelhalter (2005), cited in full at :func:`funnel_data` (which computes the limits).

    Examples
    --------
    >>> import pandas as pd
    >>> from matplotlib.figure import Figure
    >>> d = pd.DataFrame({"site": list("AAAABBBBBB") * 10, "job": [1, 0, 0, 0, 1] * 20})
    >>> ax = plot_funnel(funnel_data(d, "site", "job"), ax=Figure().subplots(), language="en")
    >>> ax.get_xlabel()
    'Ended episodes (n)'
    """
    import matplotlib.pyplot as plt

    check_choice("language", language, _LANGUAGES)
    need = {"unit", "n", "rate", "target"}
    if not isinstance(frame, pd.DataFrame) or not need <= set(frame.columns):
        raise ValueError(f"frame must be the output of funnel_data (columns {sorted(need)}).")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    shown = frame[frame["n"] >= min_n]
    attrs = frame.attrs
    if len(frame):
        tgt, n_lo, n_hi = float(frame["target"].iloc[0]), frame["n"].min(), frame["n"].max()
    elif "target" in attrs:  # every unit withheld: draw the limits only
        tgt, (n_lo, n_hi) = float(attrs["target"]), attrs.get("n_range", (min_n, 10 * min_n))
    else:
        raise ValueError("frame has no units and no target in its attrs; nothing to draw.")
    lv = attrs.get("levels", (0.95, 0.998))
    nmax = max(float(n_hi) * 1.1, 10.0)
    lowest = float(shown["n"].min()) if len(shown) else max(float(n_lo), float(min_n))
    grid = np.linspace(max(1.0, 0.5 * lowest), nmax, 300)
    lim = funnel_limits(
        tgt, grid, levels=lv, phi=attrs.get("phi", 1.0), tau2=attrs.get("tau2", 0.0)
    )
    ax.axhline(tgt, color="black", lw=1, label=_TEXT["target"][language])
    styles = ["--", ":", "-."]
    for i, level in enumerate(sorted(lv)):
        sfx = _suffix(level)
        pct = f"{level * 100:g}"
        lab = _TEXT["limit"][language].format(
            level=pct if language == "en" else pct.replace(".", ",")
        )
        ls = styles[i % 3]
        ax.plot(grid, lim[f"lower_{sfx}"], color="grey", ls=ls, lw=1, label=lab)
        ax.plot(grid, lim[f"upper_{sfx}"], color="grey", ls=ls, lw=1)
    ax.scatter(shown["n"], shown["rate"], color="#1f5f8b", zorder=3, label=_TEXT["units"][language])
    if labels:
        for _, row in shown.iterrows():
            ax.annotate(
                str(row["unit"]).replace("$", r"\$"),  # a unit name is text, never maths
                (row["n"], row["rate"]),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=8,
            )
    ax.set_xlabel(_TEXT["x"][language])
    ax.set_ylabel(_TEXT["y"][language])
    if language != "en":  # decimal comma on the tick labels (this Axes only)
        from matplotlib.ticker import FuncFormatter

        comma = FuncFormatter(lambda v, _pos: f"{v:g}".replace(".", ",").replace("-", "\u2212"))
        ax.xaxis.set_major_formatter(comma)
        ax.yaxis.set_major_formatter(comma)
    ax.legend(fontsize=8, loc="best")
    return ax
