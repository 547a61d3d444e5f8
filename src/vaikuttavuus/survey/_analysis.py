"""The analysis steps of the survey report, each on top of the package's public core.

Every function returns aggregate tables only (never respondent rows). Disclosure control
(suppressing cells < 5) is applied when the tables are shown, in ``report``.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from ..adequacy import bartlett_sphericity, kmo
from ..cfa import cfa
from ..correlation import corr_test
from ..disclosure import MIN_CELL_SIZE, groups_to_withhold
from ..factor import efa
from ..omega import omega, omega_total
from ..ordinal import ordinal_alpha
from ..reliability import NegativeItemWarning, cronbach_alpha
from ..scales import scale_scores
from .io import SurveyData
from .likert import likert_table


def distributions(survey: SurveyData) -> pd.DataFrame:
    """Per item: counts on each scale point, don't-know answers, no answer, valid n."""
    cb = survey.codebook
    log = survey.reading_log.per_column.set_index("column")
    rows = []
    for item in cb.items:
        if item.min is None:
            continue
        t = likert_table(survey.data, [item.column], scale=(item.min, item.max))
        counts = {f"p{p}": int(t.iloc[0][p]) for p in range(item.min, item.max + 1)}
        dk = int(log.loc[item.column, "dont_know"]) if item.column in log.index else 0
        rows.append(
            {"item": item.column, **counts, "dont_know": dk,
             "no_answer": int(t.iloc[0]["missing"]) - dk, "n": int(t.iloc[0]["n"])}
        )  # fmt: skip
    return pd.DataFrame(rows).set_index("item")


def missing_per_item(survey: SurveyData) -> pd.DataFrame:
    items = survey.items
    n = len(items)
    miss = items.isna().sum()
    return pd.DataFrame(
        {"n_answered": (n - miss).astype(int), "n_missing": miss.astype(int),
         "pct_missing": 100.0 * miss / max(n, 1)}
    ).rename_axis("item")  # fmt: skip


def missing_per_respondent(survey: SurveyData) -> pd.DataFrame:
    """Distribution: how many respondents miss 0, 1, 2, ... item answers."""
    k = survey.items.isna().sum(axis=1)
    counts = k.value_counts().sort_index()
    out = pd.DataFrame({"n_respondents": counts.astype(int)})
    out["pct"] = 100.0 * out["n_respondents"] / max(len(k), 1)
    out.index = out.index.astype(int).rename("n_missing_items")
    return out


def analysable_items(survey: SurveyData) -> list[str]:
    """Items with a scale, at least 2 distinct answers and at least 5 answers."""
    out = []
    for item in survey.codebook.items:
        x = survey.data[item.column]
        if item.min is not None and x.notna().sum() >= MIN_CELL_SIZE and x.nunique() >= 2:
            out.append(item.column)
    return out


def adequacy(keyed: pd.DataFrame) -> tuple[Any, Any]:
    return kmo(keyed), bartlett_sphericity(keyed)


def parallel_suggestion(keyed: pd.DataFrame, n_iter: int, seed: int) -> tuple[Any, int | None]:
    """(parallel analysis result, suggested number of factors) or (None, None) if unavailable."""
    try:
        from ..parallel import parallel_analysis
    except ImportError:
        return None, None
    res = parallel_analysis(keyed, n_iter=n_iter, seed=seed)
    k = getattr(res, "suggested_factors", None)
    return res, (None if k is None else int(k))


def run_efa(keyed: pd.DataFrame, n_factors: int, method: str, rotation: str) -> Any:
    return efa(keyed, n_factors, method=method, rotation=rotation)


def assignment(loadings: pd.DataFrame, declared: dict[str, str]) -> tuple[pd.DataFrame, int, int]:
    """Primary factor of each item with a declared scale; factors mapped to scales by majority."""
    rows = []
    for item, scale in declared.items():
        if item not in loadings.index:
            continue
        row = loadings.loc[item]
        f = row.abs().idxmax()
        rows.append({"item": item, "scale": scale, "factor": f, "loading": float(row[f])})
    table = pd.DataFrame(rows, columns=["item", "scale", "factor", "loading"])
    mapping = {}
    for f, grp in table.groupby("factor", sort=False):
        mapping[f] = grp["scale"].value_counts().idxmax()
    table["factor_scale"] = table["factor"].map(mapping)
    table["agrees"] = table["factor_scale"] == table["scale"]
    return table.set_index("item"), int(table["agrees"].sum()), len(table)


def reliability(survey: SurveyData) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], list[str]]:
    """Alpha and omega total per declared scale, with item statistics.

    Reverse-keyed items are reversed as the codebook says, for alpha and omega alike. Omega
    total comes from a one-factor fit of the scale's items (``omega_total``, psych's
    ``omega(x, nfactors = 1)$omega.tot``) and is computed for the scale as scored
    (``flip=False``); scales of fewer than 3 items get NaN and are returned as the third
    element (a one-factor model of 1-2 items is not identified)."""
    cb = survey.codebook
    rows, item_tables, no_omega = [], {}, []
    for name, cols in cb.scales.items():
        lo, hi = cb.item(cols[0]).min, cb.item(cols[0]).max
        reverse = [c for c in cols if cb.item(c).reverse]
        row: dict[str, Any] = {"scale": name, "k": len(cols)}
        if len(cols) < 2:
            rows.append(row)
            no_omega.append(name)
            continue
        a = cronbach_alpha(survey.data, list(cols), reverse=reverse or None, scale=(lo, hi))
        row.update({"n": a.n, "alpha": a.alpha, "ci_low": a.ci_low, "ci_high": a.ci_high,
                    "omega_total": _scale_omega(survey.data, list(cols), reverse),
                    "std_alpha": a.std_alpha, "average_r": a.average_r})  # fmt: skip
        row["ordinal_alpha"] = _ordinal_alpha(survey.keyed_items(), list(cols))
        if len(cols) < 3:
            no_omega.append(name)
        rows.append(row)
        stats = a.item_stats[["n", "mean", "sd", "r_drop", "alpha_if_deleted"]].copy()
        item_tables[name] = stats
    return pd.DataFrame(rows).set_index("scale"), item_tables, no_omega


def _ordinal_alpha(keyed: pd.DataFrame, cols: list[str]) -> float:
    """Alpha on the polychoric correlations of the keyed items (psych's
    ``alpha(polychoric(x)$rho)``); NaN when the polychoric matrix cannot be estimated (an item
    with one answer category only, or too few complete rows)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return float(ordinal_alpha(keyed, cols).alpha)
    except (ValueError, np.linalg.LinAlgError):
        return float("nan")


#: Fit measures shown per estimator (WLSMV: the scaled, mean-and-variance adjusted ones).
CFA_MEASURES = ("chisq", "df", "pvalue", "cfi", "tli", "rmsea", "rmsea_ci_lower",
                "rmsea_ci_upper", "srmr")  # fmt: skip


def confirmatory(survey: SurveyData) -> tuple[pd.DataFrame, list[str]]:
    """CFA of the declared scales (each item on its own scale, scales correlated) on the keyed
    items: ML (answers as numbers) and WLSMV (ordinal). One row per estimator with
    :data:`CFA_MEASURES` (lavaan's names); the second element lists the estimators that could
    not be fitted, with the reason (a scale of fewer than 3 items makes no identified model on
    its own, so such scales are left out and said)."""
    scales = {s: list(c) for s, c in survey.codebook.scales.items() if len(c) >= 3}
    if len(scales) < 1 or sum(len(c) for c in scales.values()) < 4:
        return pd.DataFrame(columns=list(CFA_MEASURES)), []
    keyed = survey.keyed_items()[[c for cols in scales.values() for c in cols]]
    rows, failed = {}, []
    for estimator, ordered in (("ML", None), ("WLSMV", True)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fit = cfa(keyed, scales, ordered=ordered).fit()
        except (ValueError, np.linalg.LinAlgError) as exc:
            failed.append(f"{estimator}: {exc}")
            continue
        suffix = "_scaled" if ordered else ""
        rows[estimator] = {
            m: float(fit.get(f"{m}{suffix}", fit.get(m, np.nan))) for m in CFA_MEASURES
        }
        rows[estimator]["n"] = int(fit["ntotal"]) if "ntotal" in fit else len(keyed.dropna())
    return pd.DataFrame.from_dict(rows, orient="index"), failed


def _scale_omega(data: pd.DataFrame, cols: list[str], reverse: list[str]) -> float:
    """Omega total of one scale as keyed by the codebook (NaN for fewer than 3 items)."""
    if len(cols) < 3:
        return float("nan")
    with warnings.catch_warnings():
        # cronbach_alpha has already warned about items correlating negatively with the scale
        warnings.simplefilter("ignore", NegativeItemWarning)
        return omega_total(data, cols, reverse=reverse or None, flip=False).omega_total


def instrument_omega(survey: SurveyData, items: list[str]) -> pd.DataFrame:
    """Omega total and hierarchical of all scale items (group factors = number of scales,
    at least 2; psych::omega's Schmid-Leiman solution). Empty if there are too few items."""
    scales = survey.codebook.scales
    cols = [c for cols in scales.values() for c in cols if c in items] or items
    k = max(2, len(scales)) if len(scales) >= 2 else 3
    if len(cols) < 2 * k:
        return pd.DataFrame()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        o = omega(survey.keyed_items()[cols], n_factors=k)
    return pd.DataFrame(
        [{"items": len(cols), "n_factors": k, "omega_total": float(o.omega_total),
          "omega_hierarchical": float(o.omega_hierarchical), "alpha": float(o.alpha)}]
    )  # fmt: skip


def scores(survey: SurveyData, min_valid: float | int | None = None) -> pd.DataFrame:
    """Scale scores; ``min_valid`` (default: the codebook's, 1 = psych's rule)."""
    cb = survey.codebook
    min_valid = cb.min_valid if min_valid is None else min_valid
    parts = []
    for name, cols in cb.scales.items():
        lo, hi = cb.item(cols[0]).min, cb.item(cols[0]).max
        reverse = [c for c in cols if cb.item(c).reverse]
        parts.append(
            scale_scores(
                survey.data,
                {name: list(cols)},
                reverse=reverse or None,
                scale=(lo, hi),
                min_valid=min_valid,
            )
        )
    return pd.concat(parts, axis=1) if parts else pd.DataFrame(index=survey.data.index)


def score_descriptives(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {"n": frame.notna().sum().astype(int), "mean": frame.mean(), "sd": frame.std(),
         "median": frame.median()}
    ).rename_axis("scale")  # fmt: skip


def correlations(
    frame: pd.DataFrame, scales: list[str], outcomes: list[str], language: str
) -> tuple[pd.DataFrame, list[str]]:
    """Pearson correlations of the scale scores with each other and with the outcomes.

    Returns the table and the variables left out because they are constant."""
    columns = ["x", "y", "n", "r", "ci_low", "ci_high", "p_value", "label"]
    constant = [c for c in scales + outcomes if frame[c].nunique() < 2]
    scales = [c for c in scales if c not in constant]
    outcomes = [c for c in outcomes if c not in constant]
    cols = scales + outcomes
    rows = []
    for i, x in enumerate(scales):
        for y in cols[i + 1 :]:
            pair = frame[[x, y]].dropna()
            if len(pair) < 3 or pair[x].nunique() < 2 or pair[y].nunique() < 2:
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                rows.append(corr_test(frame[[x, y]], x, y, language=language).iloc[0])
    if not rows:
        return pd.DataFrame(columns=columns), constant
    return pd.DataFrame(rows)[columns].reset_index(drop=True), constant


def group_comparison(
    frame: pd.DataFrame, group: pd.Series, scales: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Group means (groups of >= 5 only) and Welch ANOVA / Kruskal-Wallis per scale."""
    import pingouin as pg

    categories = list(group.cat.categories)
    withheld: dict[str, list[str]] = {}  # group -> scales on which it is withheld
    means, tests = [], []
    for s in scales:
        d = pd.DataFrame({"y": frame[s], "g": group.astype(object)}).dropna()
        # per scale, on the persons who have this scale's score: a group of 1-4 scores is
        # withheld, and so is the smallest other group when the withheld persons number
        # under 5 (else their mean follows from the overall mean by difference)
        sizes = d["g"].value_counts().reindex(categories, fill_value=0)
        primary, secondary = groups_to_withhold(sizes)
        for g in primary + secondary:
            withheld.setdefault(str(g), []).append(s)
        ok = [g for g in categories if sizes[g] >= MIN_CELL_SIZE and g not in secondary]
        d = d[d["g"].isin(ok)]
        n_g = d.groupby("g")["y"].agg(["count", "mean", "std"])
        for g in ok:
            means.append({"scale": s, "group": g, "n": int(n_g.loc[g, "count"]),
                          "mean": n_g.loc[g, "mean"], "sd": n_g.loc[g, "std"]})  # fmt: skip
        if len(ok) < 2:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = pg.welch_anova(d, dv="y", between="g").iloc[0]
            kw = pg.kruskal(d, dv="y", between="g").iloc[0]
        n = len(d)
        tests.append(
            {"scale": s, "groups": len(ok), "n": n, "welch_f": float(w["F"]),
             "df1": float(w["ddof1"]), "df2": float(w["ddof2"]), "welch_p_value": float(w["p_unc"]),
             "eta_sq": float(w["np2"]), "kruskal_h": float(kw["H"]), "kruskal_p_value": float(kw["p_unc"]),
             "epsilon_sq": float(kw["H"]) / (n - 1)}
        )  # fmt: skip
    small = [
        g if len(on) == len(scales) else f"{g} ({', '.join(on)})" for g, on in withheld.items()
    ]
    return pd.DataFrame(means), pd.DataFrame(tests), small
