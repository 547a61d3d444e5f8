"""Replicability of the Vates 2020 results at N = 168: Monte Carlo from the calibrated model.

Each replication simulates a survey of ``n`` respondents and runs the full
:func:`~.reproduce.reproduce` except the parallel analysis (skipped for speed; it does not
change any compared figure). Replication ``i`` uses the ``i``-th child of
``SeedSequence(seed)``, so results are identical for any number of workers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing as mp
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import permutations
from typing import Any

import numpy as np
import pandas as pd

from vaikuttavuus._memo import memoize
from vaikuttavuus._results import ResultMixin, Summary
from vaikuttavuus._validation import check_int
from vaikuttavuus.reliability import cronbach_alpha
from vaikuttavuus.studies.vates2020._threads import single_thread
from vaikuttavuus.studies.vates2020.instrument import item_ids, scale_items
from vaikuttavuus.studies.vates2020.model import ModelParams, load_params
from vaikuttavuus.studies.vates2020.published import published_alphas
from vaikuttavuus.studies.vates2020.reproduce import reproduce
from vaikuttavuus.studies.vates2020.simulate import simulate

__all__ = ["ReplicationResult", "replicate", "model_alphas", "alpha_assignments"]


def _one(seed: np.random.SeedSequence, n: int, params: ModelParams) -> dict[str, Any]:
    data = simulate(n, np.random.default_rng(seed), params=params)
    res = reproduce(data, parallel_iterations=0, language="en")
    comp = res.comparison
    out: dict[str, Any] = dict(zip(comp["figure"], comp["reproduced"], strict=True))
    for _, r in res.correlations.iterrows():
        out[f"p F{r['factor']} x {r['outcome']}"] = r["p_value"]
    loads = comp.loc[comp["kind"] == "loading"]
    for fig, ok in zip(loads["figure"], loads["class_matches"], strict=True):
        out["primary " + fig] = ok == "yes"
    out["same_assignment"] = bool((loads["class_matches"] == "yes").all())
    lo = res.loadings
    published_items = [i for v in scale_items().values() for i in v]
    others = [i for i in item_ids() if i not in published_items]
    on_own = all(
        lo.loc[i, k] >= 0.40 and (lo.loc[i].abs().drop(k) < 0.40).all()
        for k, v in scale_items().items()
        for i in v
    )
    out["same_assignment_strict"] = bool(on_own and (lo.loc[others].abs() < 0.40).all().all())
    out["min_congruence"] = float(res.congruence.min())
    for h, ok in res.verdicts.items():
        out[h] = ok
    for _, r in res.hypothesis_table.iterrows():
        out[f"r {r['x']} x {r['y']}"] = r["r"]
    return out


def _chunk(seeds: list[np.random.SeedSequence], n: int, params: ModelParams) -> list[dict]:
    with single_thread():
        return [_one(s, n, params) for s in seeds]


@dataclass(frozen=True, eq=False)
class ReplicationResult(ResultMixin):
    """Result of :func:`replicate`.

    Attributes
    ----------
    draws : DataFrame
        One row per replication: every reproduced figure, p-values of the 16 cells, the
        item-level hypothesis r, ``same_assignment`` (each of the 26 statements has its largest
        loading on its published factor), ``same_assignment_strict`` (additionally >= .40 on
        it, < .40 elsewhere, and the 5 others < .40 everywhere), ``H1..H3``. Simulated
        replications, not respondents.
    figures : DataFrame
        Per published figure: ``figure, kind, published, reference, mean, sd, q025, q975,
        reference_in_interval, share_as_published`` (correlations: share with the published
        significance and sign at p < .05, i.e. power for significant cells; loadings: share
        with the statement on its published factor). ``reference_in_interval`` checks the
        calibration (the published figure inside the model's own interval, true almost by
        construction); it does not depend on any analysed data. The data-dependent test is
        :func:`~.consistency.consistency`.
    hypotheses : DataFrame
        ``hypothesis, share_as_published`` (and ``all``).
    alphas : DataFrame
        ``factor, model_alpha, mean, q025, q975`` (model-implied alpha from a large sample).
    assignments : DataFrame
        :func:`alpha_assignments` of the three published alphas.
    """

    draws: pd.DataFrame
    figures: pd.DataFrame
    hypotheses: pd.DataFrame
    alphas: pd.DataFrame
    assignments: pd.DataFrame
    n: int
    n_replications: int
    seed: int
    workers: int

    @property
    def share_same_assignment(self) -> float:
        """Share of replications recovering the published item-to-factor assignment."""
        return float(self.draws["same_assignment"].mean())

    def to_frame(self) -> pd.DataFrame:
        """The per-figure table."""
        return self.figures.copy()

    def _summary_parts(self) -> Summary:
        figs = {
            "n": self.n,
            "replications": self.n_replications,
            "same_assignment": self.share_same_assignment,
            "same_assignment_strict": float(self.draws["same_assignment_strict"].mean()),
        }
        figs.update(
            dict(
                zip(
                    self.hypotheses["hypothesis"],
                    self.hypotheses["share_as_published"],
                    strict=True,
                )
            )
        )
        return Summary(
            title=f"Vates 2020: replicability at N = {self.n}",
            figures=figs,
            tables={
                "Figures": self.figures.set_index("figure"),
                "Alpha assignments": self.assignments,
            },
        )


def model_alphas(
    params: ModelParams | None = None, *, n: int = 40_000, seed: int = 7
) -> pd.DataFrame:
    """Model-implied Cronbach's alpha of each published scale (large simulated sample).

    Parameters
    ----------
    params : ModelParams, optional
        Model; default the committed calibration.
    n : int, default 40000
        Size of the simulated sample (no missing answers).
    seed : int, default 7
        Seed of :func:`simulate`.

    Returns
    -------
    DataFrame
        Four rows: ``factor`` (1..4) and ``model_alpha``.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16, 297-334.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import model_alphas
    >>> model_alphas(n=2000).round(2)
       factor  model_alpha
    0       1         0.90
    1       2         0.79
    2       3         0.75
    3       4         0.63
    """
    data = simulate(n, seed, params=params, missing=False)
    rows = []
    for k, items in scale_items().items():
        rows.append({"factor": k, "model_alpha": cronbach_alpha(data, items, scale=(1, 5)).alpha})
    return pd.DataFrame(rows)


def _bound_ci(x: np.ndarray, q: float, z: float = 1.959964) -> tuple[float, float]:
    """Distribution-free 95 % confidence interval of the ``q`` quantile from order statistics.

    The number of draws below the true quantile is Binomial(R, q); the interval is given by
    the order statistics at ranks ``R q -+ z sqrt(R q (1 - q))`` (normal approximation).
    """
    xs = np.sort(np.asarray(x, dtype=float))
    r = xs.size
    half = z * np.sqrt(r * q * (1 - q))
    lo = int(np.clip(np.floor(r * q - half), 1, r)) - 1
    hi = int(np.clip(np.ceil(r * q + half), 1, r)) - 1
    return float(xs[lo]), float(xs[hi])


def _verdict(a: float, low: tuple[float, float], high: tuple[float, float]) -> str:
    """``yes`` inside even at the worst Monte Carlo bounds, ``no`` outside at the best."""
    if low[1] <= a <= high[0]:
        return "yes"
    if a < low[0] or a > high[1]:
        return "no"
    return "borderline"


def alpha_assignments(alpha_draws: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """Which assignments of the three published alphas to 3 of the 4 factors are consistent.

    Parameters
    ----------
    alpha_draws : DataFrame
        Columns ``alpha F1..alpha F4``: sampling distribution of alpha per factor at N = 168.
    level : float
        Central interval used for consistency.

    Returns
    -------
    DataFrame
        One row per assignment (24): ``factors`` (factor for slide positions 1, 2, 3),
        ``missing_factor``, ``consistent``, ``max_abs_z`` (largest ``|value - mean| / sd``) and
        ``slide_order`` (the three values in factor order, as a slide would list them).
        ``consistent`` accounts for the Monte Carlo error of the interval bounds: each
        bound's 95 % confidence interval (order statistics) is computed; ``"yes"`` when every
        value is inside even at the narrowest bounds, ``"no"`` when some value is outside
        even at the widest, else ``"borderline"``. So a verdict does not flip between
        "yes" and "no" with the number of replications (up to the 5 % error of each bound's
        confidence interval); more replications only turn "borderline" into a decision.

    References
    ----------
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16, 297-334.
    David, H. A., & Nagaraja, H. N. (2003). Order Statistics (3rd ed.), section 7.1
    (distribution-free confidence intervals for quantiles). Wiley.

    Examples
    --------
    Draws around plausible alphas (in practice: ``replicate(...).draws``):

    >>> import numpy as np, pandas as pd
    >>> from vaikuttavuus.studies.vates2020 import alpha_assignments
    >>> rng = np.random.default_rng(1)
    >>> draws = pd.DataFrame({f"alpha F{k}": rng.normal(m, 0.03, 200)
    ...                       for k, m in zip((1, 2, 3, 4), (0.80, 0.71, 0.72, 0.60))})
    >>> a = alpha_assignments(draws)
    >>> len(a), int((a["consistent"] == "yes").sum()), a.loc[0, "factors"]
    (24, 2, 'F1-F2-F3')
    """
    pub = published_alphas()["alpha"].to_numpy()
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    stats = {}
    for k in (1, 2, 3, 4):
        x = alpha_draws[f"alpha F{k}"].dropna().to_numpy(dtype=float)
        stats[k] = (_bound_ci(x, lo_q), _bound_ci(x, hi_q), x.mean(), x.std(ddof=1))
    rows = []
    for perm in permutations((1, 2, 3, 4), 3):
        verdicts = [_verdict(a, stats[k][0], stats[k][1]) for k, a in zip(perm, pub, strict=True)]
        z = [abs(a - stats[k][2]) / stats[k][3] for k, a in zip(perm, pub, strict=True)]
        if "no" in verdicts:
            verdict = "no"
        elif "borderline" in verdicts:
            verdict = "borderline"
        else:
            verdict = "yes"
        rows.append(
            {
                "factors": "-".join(f"F{k}" for k in perm),
                "missing_factor": f"F{({1, 2, 3, 4} - set(perm)).pop()}",
                "consistent": verdict,
                "max_abs_z": float(max(z)),
                "slide_order": "yes" if list(perm) == sorted(perm) else "no",
            }
        )
    return pd.DataFrame(rows).sort_values("max_abs_z", kind="stable").reset_index(drop=True)


def _figure_table(draws: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for _, r in reference.iterrows():
        fig = r["figure"]
        if fig not in draws.columns or r["kind"] in ("hypothesis",):
            continue
        x = draws[fig].astype(float)
        row = {
            "figure": fig,
            "kind": r["kind"],
            "published": r["published"],
            "published_text": r["published_text"],
            "reference": r["reference"],
            "mean": x.mean(),
            "sd": x.std(),
            "q025": x.quantile(0.025),
            "q975": x.quantile(0.975),
        }
        ref = r["reference"]
        row["reference_in_interval"] = (
            "n/a" if np.isnan(ref) else ("yes" if row["q025"] <= ref <= row["q975"] else "no")
        )
        share = np.nan
        if r["kind"] == "correlation":
            p = draws["p " + fig[2:]].to_numpy()
            if np.isnan(r["published"]):
                share = float(np.mean(p >= 0.05))
            else:
                share = float(np.mean((p < 0.05) & (np.sign(x) == np.sign(r["published"]))))
        elif r["kind"] == "loading":
            share = float(draws["primary " + fig].mean())
        row["share_as_published"] = share
        rows.append(row)
    return pd.DataFrame(rows)


def replicate(
    n_replications: int = 500,
    *,
    n: int = 168,
    seed: int = 2020,
    workers: int = 1,
    params: ModelParams | None = None,
    cache: str | os.PathLike[str] | bool | None = None,
    client: Any = None,
) -> ReplicationResult:
    """Monte Carlo replications of the full reproduction at sample size ``n``.

    Parameters
    ----------
    n_replications : int
        Number of simulated surveys (500 for the report).
    n : int
        Respondents per survey (published: 168).
    seed : int
        Root seed; replication ``i`` uses ``SeedSequence(seed).spawn(n_replications)[i]``.
    workers : int
        Worker processes (results do not depend on it).
    params : ModelParams, optional
        Model; default the committed calibration.
    cache : path, bool or None, default None
        Directory of the shared-work cache (:mod:`vaikuttavuus._memo`): a result for the
        same inputs and package source is read, not recomputed. None: the directory in
        ``$VAIKUTTAVUUS_CACHE_DIR`` when set (the report runner sets it per run, so the
        fi and en reports compute the replications once); False: never cached.
    client : dask.distributed.Client, optional
        Run the replications on this Dask cluster (chunks of replications as tasks;
        ``workers`` chunks, at least the cluster's worker count). Same results.

    Returns
    -------
    ReplicationResult

    References
    ----------
    NumPy. Parallel random number generation (``SeedSequence.spawn``).
    https://numpy.org/doc/stable/reference/random/parallel.html
    Morris, T. P., White, I. R., & Crowther, M. J. (2019). Using simulation studies to
    evaluate statistical methods. Statistics in Medicine, 38, 2074-2102.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import replicate
    >>> rep = replicate(2, seed=1)
    >>> rep.draws.shape[0], rep.hypotheses["hypothesis"].tolist()
    (2, ['H1', 'H2', 'H3', 'all'])
    """
    n_replications = check_int("n_replications", n_replications, minimum=2)
    n = check_int("n", n, minimum=30)
    workers = check_int("workers", workers, minimum=1)
    model = "calibrated" if params is None else hashlib.sha256(pickle.dumps(params)).hexdigest()
    params = load_params() if params is None else params
    inputs = {"n_replications": n_replications, "n": n, "seed": seed, "params": model}
    result = memoize(
        "vates2020.replicate",
        inputs,
        lambda: _replicate(n_replications, n, seed, workers, params, client),
        cache=cache,
    )
    return dataclasses.replace(result, workers=workers)


def _draws(
    n_replications: int, n: int, seed: int, workers: int, params: ModelParams, client: Any
) -> list[dict[str, Any]]:
    children = np.random.SeedSequence(seed).spawn(n_replications)
    if client is not None:  # chunks as Dask tasks; the same interleaving as below
        workers = max(workers, len(client.scheduler_info().get("workers", {})) or 1)
    if workers == 1:
        return _chunk(children, n, params)
    parts = [children[i::workers] for i in range(workers)]
    if client is not None:
        chunks = client.gather(client.map(_chunk, parts, n=n, params=params, pure=False))
    else:
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            chunks = list(pool.map(_chunk, parts, [n] * workers, [params] * workers))
    results: list[Any] = [None] * n_replications
    for w, chunk in enumerate(chunks):
        for j, res in enumerate(chunk):
            results[w + j * workers] = res
    return results


def _replicate(
    n_replications: int, n: int, seed: int, workers: int, params: ModelParams, client: Any
) -> ReplicationResult:
    draws = pd.DataFrame(_draws(n_replications, n, seed, workers, params, client))
    draws.insert(0, "replication", np.arange(1, n_replications + 1))
    reference = reproduce(
        simulate(n, seed, params=params), parallel_iterations=0, language="en"
    ).comparison
    figures = _figure_table(draws, reference)
    hyp = pd.DataFrame(
        {
            "hypothesis": ["H1", "H2", "H3", "all"],
            "share_as_published": [
                float(draws["H1"].mean()),
                float(draws["H2"].mean()),
                float(draws["H3"].mean()),
                float((draws["H1"] & draws["H2"] & draws["H3"]).mean()),
            ],
        }
    )
    ma = model_alphas(params)
    alpha_cols = [f"alpha F{k}" for k in (1, 2, 3, 4)]
    ma["mean"] = draws[alpha_cols].mean().to_numpy()
    ma["q025"] = draws[alpha_cols].quantile(0.025).to_numpy()
    ma["q975"] = draws[alpha_cols].quantile(0.975).to_numpy()
    return ReplicationResult(
        draws=draws,
        figures=figures,
        hypotheses=hyp,
        alphas=ma,
        assignments=alpha_assignments(draws[alpha_cols]),
        n=n,
        n_replications=n_replications,
        seed=seed,
        workers=workers,
    )
