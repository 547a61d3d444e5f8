"""Reproduce the Vates 2020 analysis on (simulated or real) survey data.

:func:`reproduce` runs the analysis as a researcher would with the package's public
functions: KMO and Bartlett, parallel analysis, a four-factor EFA of the 31 statements,
Cronbach's alpha and mean scale scores of the published factors, Pearson correlations of the
scale scores with the progression shares (pairwise N) and the item-level tests of the three
hypotheses, and compares every figure with the slides.

Chosen extraction and rotation: SPSS principal axis factoring (``pa_spss``) with promax.
The slides print "% of variance" decreasing with the factor number, which is SPSS's
extraction block (oblique rotation sums carry no %); the published variance can only be
reached with correlated factors (calibrate.py); promax is SPSS's usual oblique rotation.
:func:`compare_methods` shows the alternatives: oblique rotations reproduce the published
pattern, varimax does not.

References
----------
IBM Corp. IBM SPSS Statistics Algorithms, FACTOR (principal axis factoring, promax).
Hendrickson, A. E., & White, P. O. (1964). Promax: a quick method for rotation to
oblique simple structure. British Journal of Statistical Psychology, 17, 65-70.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from vaikuttavuus._results import ResultMixin, Summary
from vaikuttavuus._validation import as_frame, check_choice, check_columns, check_int
from vaikuttavuus.adequacy import bartlett_sphericity, kmo
from vaikuttavuus.reliability import cronbach_alpha
from vaikuttavuus.studies.vates2020 import _analysis as A
from vaikuttavuus.studies.vates2020._text import LANGUAGES, text
from vaikuttavuus.studies.vates2020._threads import single_thread
from vaikuttavuus.studies.vates2020.instrument import OUTCOMES, item_ids, scale_items
from vaikuttavuus.studies.vates2020.published import (
    hypotheses,
    published_correlations,
    published_loadings,
    published_variance,
)

__all__ = ["TOLERANCES", "VatesReproduction", "reproduce", "compare_methods"]

#: Tolerances of the comparison (loadings and r absolute, variance in percentage points).
TOLERANCES: dict[str, float] = {"loading": 0.03, "variance": 1.5, "correlation": 0.03, "n": 0}


@dataclass(frozen=True, eq=False)
class VatesReproduction(ResultMixin):
    """Result of :func:`reproduce`.

    Attributes
    ----------
    comparison : DataFrame
        One row per published figure: ``figure, kind, published, published_text,
        reference`` (the published value, or the assumed population value 0 for n.s. cells),
        ``reproduced, difference, tolerance, within_tolerance`` ("yes"/"no"/"n/a"),
        ``published_class, reproduced_class, class_matches`` (p < .01 / < .05 / n.s. for
        correlations, verdicts for hypotheses) and ``source``.
    loadings : DataFrame
        31 x 4 rotated pattern loadings with columns matched to the published factors 1..4.
    congruence : Series
        Tucker congruence of each published factor with its matched reproduced factor.
    variance_table : DataFrame
        SPSS "Total Variance Explained" of the EFA.
    efa, kmo, bartlett, parallel :
        The core results (``parallel`` is None when skipped).
    alphas : DataFrame
        ``factor, alpha, n, k`` per published scale.
    correlations : DataFrame
        Long table of scale score x progression correlations (``corr_test`` columns plus
        ``factor, outcome, p_class, outcome_name``).
    hypothesis_table : DataFrame
        Item-level tests of H1-H3.
    verdicts : dict
        Hypothesis id -> whether it came out as published.
    """

    comparison: pd.DataFrame
    loadings: pd.DataFrame
    congruence: pd.Series
    variance_table: pd.DataFrame
    efa: Any
    kmo: Any
    bartlett: Any
    parallel: Any
    alphas: pd.DataFrame
    correlations: pd.DataFrame
    hypothesis_table: pd.DataFrame
    verdicts: dict[str, bool]
    method: str
    rotation: str
    n: int
    language: str

    def to_frame(self) -> pd.DataFrame:
        """The comparison table."""
        return self.comparison.copy()

    def _summary_parts(self) -> Summary:
        comp = self.comparison
        numeric = comp["within_tolerance"] != "n/a"
        figures = {
            "n": self.n,
            "method": f"{self.method} / {self.rotation}",
            "within_tolerance": f"{int((comp.loc[numeric, 'within_tolerance'] == 'yes').sum())}"
            f" / {int(numeric.sum())}",
            "kmo": self.kmo.msa,
            "min_congruence": float(self.congruence.min()),
        }
        figures.update({f"{k}_as_published": v for k, v in self.verdicts.items()})
        cols = ["figure", "published_text", "reproduced", "difference", "within_tolerance"]
        return Summary(
            title=text("title", self.language),
            figures=figures,
            tables={text("comparison", self.language): comp[cols].set_index("figure")},
            notes=(text("intro", self.language),),
        )


def _yes(ok: bool) -> str:
    return "yes" if ok else "no"


@cache
def _static() -> pd.DataFrame:
    """The data-independent part of the comparison table (published side), built once."""
    src = "seeds/002_349f75f0734fef79.txt"
    rows: list[dict[str, Any]] = []
    for r in published_loadings().itertuples(index=False):
        rows.append(
            {
                "figure": f"loading {r.item} F{r.factor}",
                "kind": "loading",
                "published": r.loading,
                "published_text": f"{r.loading:.3f}",
                "reference": r.loading,
                "tolerance": TOLERANCES["loading"],
                "published_class": f"F{r.factor}",
                "source": r.source,
                "key_item": r.item,
                "key_factor": int(r.factor),
            }
        )
    for r in published_variance().itertuples(index=False):
        rows.append(
            {
                "figure": f"explained variance F{int(r.factor)} (%)",
                "kind": "variance",
                "published": r.percent,
                "published_text": f"{r.percent:.1f} %",
                "reference": r.percent,
                "tolerance": TOLERANCES["variance"],
                "source": r.source + " (read as extraction SS, % of 31 items)",
                "key_factor": int(r.factor),
            }
        )
    for k in (1, 2, 3, 4):
        rows.append(
            {
                "figure": f"alpha F{k}",
                "kind": "alpha",
                "published_text": "0.799 / 0.714 / 0.717 (factor not legible)",
                "source": f"{src} lines 1209-1217",
                "key_factor": k,
            }
        )
    pc = published_correlations()
    for r in pc.itertuples(index=False):
        ns = np.isnan(r.r)
        rows.append(
            {
                "figure": f"r F{r.factor} x {r.outcome}",
                "kind": "correlation",
                "published": r.r,
                "published_text": "n.s." if ns else f"{r.r:.3f}, {r.p_threshold}",
                "reference": 0.0 if ns else r.r,
                "tolerance": TOLERANCES["correlation"],
                "published_class": r.p_threshold,
                "source": r.source,
                "key_factor": int(r.factor),
                "key_outcome": r.outcome,
            }
        )
    for k, g in pc.groupby("factor", sort=True):
        pub = int(g["n"].iloc[0])
        rows.append(
            {
                "figure": f"pairwise N F{k}",
                "kind": "n",
                "published": float(pub),
                "published_text": str(pub),
                "reference": float(pub),
                "tolerance": 0.0,
                "source": g["source"].iloc[0],
                "key_factor": int(k),
            }
        )
    for r in hypotheses().itertuples(index=False):
        rows.append(
            {
                "figure": f"hypothesis {r.id}",
                "kind": "hypothesis",
                "published_text": r.verdict_en,
                "published_class": r.verdict,
                "source": r.source,
                "key_item": r.id,
            }
        )
    out = pd.DataFrame(rows)
    for c in ("published", "reference", "tolerance"):
        out[c] = out[c].astype(float)
    return out


#: Columns of :attr:`VatesReproduction.comparison`, in order.
_COLUMNS = [
    "figure",
    "kind",
    "published",
    "published_text",
    "reference",
    "reproduced",
    "difference",
    "tolerance",
    "within_tolerance",
    "published_class",
    "reproduced_class",
    "class_matches",
    "source",
]


def _comparison(
    fig: dict[str, Any], alphas: pd.DataFrame, corr: pd.DataFrame, verdicts: dict[str, bool]
) -> pd.DataFrame:
    out = _static().copy()
    kind = out["kind"].to_numpy()
    rep = np.full(len(out), np.nan)
    rep_class = np.full(len(out), None, dtype=object)
    lo = fig["loadings"]
    m = kind == "loading"
    rows = lo.index.get_indexer(out.loc[m, "key_item"])
    cols = out.loc[m, "key_factor"].to_numpy(dtype=int) - 1
    rep[m] = lo.to_numpy()[rows, cols]
    rep_class[m] = [f"F{int(k)}" for k in fig["primary"].to_numpy()[rows]]
    m = kind == "variance"
    rep[m] = fig["extraction_pct"][out.loc[m, "key_factor"].to_numpy(dtype=int) - 1]
    m = kind == "alpha"
    rep[m] = alphas.set_index("factor").loc[out.loc[m, "key_factor"], "alpha"].to_numpy()
    m = kind == "correlation"
    c = corr.set_index(["factor", "outcome"])
    keys = list(zip(out.loc[m, "key_factor"].astype(int), out.loc[m, "key_outcome"], strict=True))
    rep[m] = c.loc[keys, "r"].to_numpy()
    rep_class[m] = c.loc[keys, "p_class"].to_numpy()
    m = kind == "n"
    rep[m] = corr.groupby("factor")["n"].min().loc[out.loc[m, "key_factor"]].to_numpy()
    m = kind == "hypothesis"
    ok = np.array([verdicts[h] for h in out.loc[m, "key_item"]])
    rep_class[m] = np.where(ok, "as published", "differs")
    out["reproduced"] = rep
    out["difference"] = rep - out["reference"].to_numpy()
    within = np.abs(out["difference"].to_numpy()) <= out["tolerance"].to_numpy() + 1e-12
    has_ref = ~np.isnan(out["reference"].to_numpy())
    out["within_tolerance"] = np.where(has_ref, np.where(within, "yes", "no"), "n/a")
    out["reproduced_class"] = rep_class
    has_class = out["published_class"].notna().to_numpy() & (kind != "hypothesis")
    match = out["published_class"].to_numpy() == rep_class
    cm = np.where(has_class, np.where(match, "yes", "no"), None)
    cm[kind == "hypothesis"] = np.where(ok, "yes", "no")
    out["class_matches"] = cm
    return out[_COLUMNS]


def reproduce(
    data: pd.DataFrame,
    *,
    method: str = A.DEFAULT_METHOD,
    rotation: str = A.DEFAULT_ROTATION,
    parallel_iterations: int = 100,
    seed: int | None = 2020,
    language: str = "fi",
) -> VatesReproduction:
    """Run the Vates 2020 analysis on survey data and compare it with the slides.

    Parameters
    ----------
    data : DataFrame
        Items ``v01..v31`` (1..5) and the shares ``p_open, p_education, p_services,
        p_unemployment, p_other`` (percent); missing values allowed (pairwise deletion).
    method, rotation : str
        Extraction and rotation of :func:`vaikuttavuus.factor.efa` (default: SPSS principal
        axis factoring with promax; see the module docstring).
    parallel_iterations : int
        Iterations of the parallel analysis; 0 skips it (the Monte Carlo replications do).
    seed : int or Generator
        Seed of the parallel analysis.
    language : {"fi", "en"}
        Language of the verbal correlation labels and the summary.

    Returns
    -------
    VatesReproduction

    See Also
    --------
    vaikuttavuus.adequacy.kmo, vaikuttavuus.adequacy.bartlett_sphericity :
        Sampling adequacy (Kaiser 1974; Bartlett 1950), with their references.
    vaikuttavuus.parallel.parallel_analysis : Number of factors (Horn 1965).
    vaikuttavuus.reliability.cronbach_alpha : Reliability of the scales (Cronbach 1951).

    References
    ----------
    The sources of the statistics are cited by the functions above; those of SPSS principal
    axis factoring and promax in the module docstring.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import simulate, reproduce
    >>> res = reproduce(simulate(168, seed=1), parallel_iterations=0)
    >>> res.comparison.groupby("kind").size().to_dict()
    {'alpha': 4, 'correlation': 16, 'hypothesis': 3, 'loading': 26, 'n': 4, 'variance': 4}
    """
    frame = as_frame(data)
    check_columns(frame, [*item_ids(), *OUTCOMES], "data")
    check_choice("language", language, LANGUAGES)
    parallel_iterations = check_int("parallel_iterations", parallel_iterations, minimum=0)
    with single_thread():
        return _reproduce(frame, method, rotation, parallel_iterations, seed, language)


def _reproduce(
    frame: pd.DataFrame,
    method: str,
    rotation: str,
    parallel_iterations: int,
    seed: int | None,
    language: str,
) -> VatesReproduction:
    items = frame[item_ids()]
    res_par = None
    if parallel_iterations > 0:
        from vaikuttavuus.parallel import parallel_analysis

        res_par = parallel_analysis(items, n_iter=parallel_iterations, seed=seed)
    res_efa = A.fit_efa(frame, method=method, rotation=rotation)
    # KMO and Bartlett from the EFA's pairwise correlation matrix (identical to passing the
    # raw items, without validating the raw data three times); Bartlett's n = rows, as psych.
    res_kmo = kmo(res_efa.correlation)
    res_bart = bartlett_sphericity(res_efa.correlation, n=len(frame))
    fig = A.efa_figures(res_efa)
    alpha_rows = []
    for k, its in scale_items().items():
        a = cronbach_alpha(frame, its, scale=(1, 5))
        alpha_rows.append({"factor": k, "alpha": a.alpha, "n": a.n, "k": a.k})
    alphas = pd.DataFrame(alpha_rows)
    scores = A.score_scales(frame)
    corr = A.factor_correlations(frame, scores, language=language)
    hyp, verdicts = A.hypothesis_tests(frame, language=language)
    comparison = _comparison(fig, alphas, corr, verdicts)
    return VatesReproduction(
        comparison=comparison,
        loadings=fig["loadings"],
        congruence=pd.Series(fig["congruence"], index=[1, 2, 3, 4], name="congruence"),
        variance_table=fig["variance_table"],
        efa=res_efa,
        kmo=res_kmo,
        bartlett=res_bart,
        parallel=res_par,
        alphas=alphas,
        correlations=corr,
        hypothesis_table=hyp,
        verdicts=verdicts,
        method=method,
        rotation=rotation,
        n=len(frame),
        language=language,
    )


def compare_methods(
    data: pd.DataFrame, candidates: tuple[tuple[str, str], ...] = A.CANDIDATES
) -> pd.DataFrame:
    """Compare extraction/rotation candidates on how well they reproduce the published EFA.

    Returns one row per candidate: ``method, rotation, max_abs_loading_diff,
    rmse_loading, max_abs_variance_diff, min_congruence, items_on_published_factor`` (of 26),
    ``within_tolerance`` (all loadings within .03 and variances within 1.5 pp).

    Parameters
    ----------
    data : DataFrame
        Items ``v01..v31`` (1..5), e.g. from :func:`simulate`; missing values allowed.
    candidates : tuple of (method, rotation) pairs
        Extraction methods and rotations of :func:`vaikuttavuus.factor.efa` to try; by
        default SPSS principal axis factoring with promax, varimax and oblimin, and psych's
        minres, pa and ml.

    Returns
    -------
    DataFrame
        One row per candidate, in the order given; ``within_tolerance`` is ``"yes"`` or
        ``"no"``.

    References
    ----------
    SPSS principal axis factoring and promax: see the module docstring.
    Kaiser, H. F. (1958). The varimax criterion for analytic rotation in factor analysis.
    Psychometrika, 23, 187-200.
    Jennrich, R. I., & Sampson, P. F. (1966). Rotation for simple loadings. Psychometrika,
    31, 313-323.
    Lorenzo-Seva, U., & ten Berge, J. M. F. (2006). Tucker's congruence coefficient as a
    meaningful index of factor similarity. Methodology, 2, 57-64.
    Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research.
    R package, Northwestern University. https://CRAN.R-project.org/package=psych

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import compare_methods, simulate
    >>> cm = compare_methods(simulate(168, seed=1),
    ...                      candidates=(("pa_spss", "promax"), ("pa_spss", "varimax")))
    >>> cm[["method", "rotation", "items_on_published_factor"]]
        method rotation  items_on_published_factor
    0  pa_spss   promax                         26
    1  pa_spss  varimax                         26
    """
    frame = as_frame(data)
    pv = published_variance()["percent"].to_numpy()
    pattern = A.published_pattern()
    mask = pattern.to_numpy() > 0
    factor_of = pattern.to_numpy().argmax(axis=1) + 1
    rows = []
    for method, rotation in candidates:
        with single_thread():
            fig = A.efa_figures(A.fit_efa(frame, method=method, rotation=rotation))
        diff = fig["loadings"].to_numpy()[mask] - pattern.to_numpy()[mask]
        vdiff = fig["extraction_pct"] - pv
        on = fig["primary"].to_numpy()[mask.any(axis=1)] == factor_of[mask.any(axis=1)]
        rows.append(
            {
                "method": method,
                "rotation": rotation,
                "max_abs_loading_diff": float(np.abs(diff).max()),
                "rmse_loading": float(np.sqrt(np.mean(diff**2))),
                "max_abs_variance_diff": float(np.abs(vdiff).max()),
                "min_congruence": float(fig["congruence"].min()),
                "items_on_published_factor": int(on.sum()),
                "within_tolerance": _yes(
                    bool(np.abs(diff).max() <= TOLERANCES["loading"])
                    and bool(np.abs(vdiff).max() <= TOLERANCES["variance"])
                ),
            }
        )
    return pd.DataFrame(rows)
