"""A data-dependent test of the Vates 2020 reproduction at small N.

The calibrated model reproduces the published figures at large N by construction, so asking
whether a *published* figure lies inside the interval of the model's own replications says
nothing about the data analysed (pure noise passes it). :func:`consistency` asks the question
that depends on the data: is the figure *reproduced from the analysed data* a plausible value
of that statistic in a survey of the same size drawn from the model calibrated to the
published figures? It is, when it lies inside the central interval of the replications
(:func:`~.replicate.replicate` at the same ``n``). For data from the calibrated model about
95 % of the figures read "yes" (by the definition of a 95 % interval); for data that do not
carry the published structure (permuted columns, noise) most figures read "no".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from vaikuttavuus._results import ResultMixin, Summary
from vaikuttavuus._validation import check_probability
from vaikuttavuus.studies.vates2020.replicate import ReplicationResult
from vaikuttavuus.studies.vates2020.reproduce import VatesReproduction

__all__ = ["ConsistencyResult", "consistency", "TESTED_KINDS"]

#: Comparison kinds with a published value per figure (26 loadings, 4 variances, 16 cells).
TESTED_KINDS = ("loading", "variance", "correlation")


@dataclass(frozen=True, eq=False)
class ConsistencyResult(ResultMixin):
    """Result of :func:`consistency`.

    Attributes
    ----------
    table : DataFrame
        One row per figure: ``figure, kind, published, reproduced, rep_low, rep_high, z,
        consistent`` (``"yes"``/``"no"``; ``"n/a"`` when the reproduced value is missing).
        ``published`` is NaN for cells published as not significant (the model assumes 0).
    n : int
        Respondents of the analysed data (and of each replication).
    n_replications : int
        Replications behind the interval.
    level : float
        Coverage of the central interval.
    """

    table: pd.DataFrame
    n: int
    n_replications: int
    level: float

    @property
    def n_consistent(self) -> int:
        """Number of figures whose reproduced value lies inside the interval."""
        return int((self.table["consistent"] == "yes").sum())

    @property
    def n_tested(self) -> int:
        """Number of figures tested (reproduced value available)."""
        return int((self.table["consistent"] != "n/a").sum())

    def to_frame(self) -> pd.DataFrame:
        """The per-figure table."""
        return self.table.copy()

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"Vates 2020: consistency of the analysed data at N = {self.n}",
            figures={
                "consistent": f"{self.n_consistent} / {self.n_tested}",
                "replications": self.n_replications,
                "level": self.level,
            },
            tables={"Figures": self.table.set_index("figure")},
            notes=(
                "consistent: the value reproduced from the analysed data lies inside the "
                "central interval of the same statistic in replications of the calibrated "
                "model at the same N.",
            ),
        )


def consistency(
    result: VatesReproduction, replications: ReplicationResult, *, level: float = 0.95
) -> ConsistencyResult:
    """Whether each figure of the analysed data is consistent with the published one.

    For each published figure (26 loadings, 4 explained variances, 16 correlation cells),
    the value reproduced from the analysed data is compared with the sampling distribution
    of the same statistic in surveys of the same size simulated from the model calibrated
    to the published figures: "yes" when it lies inside the central ``level`` interval of
    the replications. Unlike asking whether the published figure lies in that interval
    (true by construction of the calibration), the answer depends on the data analysed.

    Parameters
    ----------
    result : VatesReproduction
        :func:`~.reproduce.reproduce` of the analysed data.
    replications : ReplicationResult
        :func:`~.replicate.replicate` at the same ``n`` (independent of the analysed data).
    level : float, default 0.95
        Coverage of the central interval (between 0 and 1).

    Returns
    -------
    ConsistencyResult
        ``table`` with ``figure, kind, published, reproduced, rep_low, rep_high, z,
        consistent``; ``z`` is (reproduced - replication mean) / replication SD.

    Raises
    ------
    ValueError
        If the replications were run at another sample size than the analysed data.

    Notes
    -----
    For data drawn from the calibrated model about ``level`` of the figures read "yes";
    the interval bounds are Monte Carlo estimates (use a few hundred replications for a
    report). Figures are correlated (loadings of one factor move together), so the count
    of "yes" is a description, not a single test with a known error rate.

    References
    ----------
    Morris, T. P., White, I. R., & Crowther, M. J. (2019). Using simulation studies to
    evaluate statistical methods. Statistics in Medicine, 38, 2074-2102.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import consistency, replicate, reproduce, simulate
    >>> res = reproduce(simulate(168, seed=2020), parallel_iterations=0)
    >>> c = consistency(res, replicate(20, seed=1))
    >>> list(c.table.columns)
    ['figure', 'kind', 'published', 'reproduced', 'rep_low', 'rep_high', 'z', 'consistent']
    >>> c.n_tested
    46
    """
    level = check_probability("level", level)
    if result.n != replications.n:
        raise ValueError(
            f"consistency: the replications were run at n = {replications.n} but the analysed "
            f"data have n = {result.n} respondents; run replicate(..., n={result.n})."
        )
    comp = result.comparison
    comp = comp.loc[comp["kind"].isin(TESTED_KINDS)].reset_index(drop=True)
    draws = replications.draws
    lo_q, hi_q = (1 - level) / 2, 1 - (1 - level) / 2
    rows = []
    for r in comp.itertuples(index=False):
        x = draws[r.figure].astype(float).dropna()
        low, high = float(x.quantile(lo_q)), float(x.quantile(hi_q))
        rep = float(r.reproduced)
        sd = float(x.std())
        if np.isnan(rep):
            ok = "n/a"
        else:
            ok = "yes" if low <= rep <= high else "no"
        rows.append(
            {
                "figure": r.figure,
                "kind": r.kind,
                "published": float(r.published),
                "reproduced": rep,
                "rep_low": low,
                "rep_high": high,
                "z": (rep - float(x.mean())) / sd if sd > 0 else np.nan,
                "consistent": ok,
            }
        )
    return ConsistencyResult(
        table=pd.DataFrame(rows),
        n=result.n,
        n_replications=replications.n_replications,
        level=float(level),
    )
