"""IPS outcome metrics per site and quarter, Kaplan-Meier times and the 12-month outcome.

Definitions (IPS Learning Community / IPS Grow conventions, made precise):

- *served in a quarter*: enrolled on or before the quarter's last day and not discharged
  before its first day (``group == "ips"`` clients only).
- *working in a quarter*: a competitive working spell overlaps the part of the quarter in
  which the client was served (a job that began before enrolment counts while the client is
  served). Employment rate = working / served; the IPS Grow rate (since 2024) uses only
  clients out of work at referral in both numerator and denominator.
- *job starts*: competitive jobs starting on or after enrolment and on or before the end of
  service, by the quarter of their start; *first-job starts*: a client's first such job.
- *20+ hours*: working clients with a competitive job of at least 20 hours a week in the
  quarter (the largest single job counts; overlapping jobs are not summed, since overlaps are
  often double entries). Clients whose jobs in the quarter all lack hours are counted apart.
- *caseload*: clients active on the quarter's last day (or ``as_of`` if earlier) who have an
  employment specialist, per specialist with at least one such client; fidelity item 1
  wants 20 or fewer. ``active_end`` counts every active client, with or without a
  specialist; a quarter that starts after ``as_of`` has nothing observed (all counts 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice, check_int
from ..survival import KaplanMeierResult, kaplan_meier
from .data import IPSData

__all__ = [
    "QuarterlyMetrics",
    "SurvivalByGroup",
    "employment_outcome",
    "job_tenure",
    "quarterly_metrics",
    "time_to_first_job",
]

CASELOAD_LIMIT = 20
_DAY = np.timedelta64(1, "D")


def _check_data(data: Any) -> IPSData:
    if not isinstance(data, IPSData):
        raise TypeError(
            f"data must be an IPSData from vaikuttavuus.ips.ips_data(records, jobs), got "
            f"{type(data).__name__}."
        )
    return data


def _quarter_range(data: IPSData, period: Any) -> pd.PeriodIndex:
    rec = data.records
    if period is None:
        first, last = rec["enrolled"].min(), data.as_of
    else:
        if isinstance(period, str):
            parts = period.replace("/", ":").split(":") if ":" in period or "/" in period else None
            if parts is None and period.count("-") == 1 and "Q" in period.upper():
                parts = period.split("-")
            if parts is None or len(parts) != 2:
                raise ValueError(
                    f"period={period!r} is not understood; use e.g. '2023Q1:2024Q4', a tuple "
                    "(start, end) of quarters or dates, or None for all data."
                )
        else:
            parts = list(period)
            if len(parts) != 2:
                raise ValueError(f"period must have two ends (start, end), got {period!r}.")
        try:
            first, last = (pd.Period(str(p).strip(), freq="Q").start_time for p in parts)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"period={period!r}: {exc}") from None
        if last < first:
            raise ValueError(f"period={period!r} ends before it starts.")
    return pd.period_range(pd.Period(first, "Q"), pd.Period(last, "Q"), freq="Q")


def _days(values: Any) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]")


@dataclass(frozen=True, eq=False)
class QuarterlyMetrics(ResultMixin):
    """IPS metrics per group (site) and quarter; ``table`` is unsuppressed (API use).

    Attributes
    ----------
    table : DataFrame
        One row per group and quarter (columns in :func:`quarterly_metrics`).
    by : str
        The grouping column (``"all"`` when not grouped).
    as_of : Timestamp
        End of follow-up.
    """

    table: pd.DataFrame
    by: str
    as_of: pd.Timestamp

    def to_frame(self) -> pd.DataFrame:
        """The metrics table."""
        return self.table

    def totals(self) -> pd.DataFrame:
        """Pooled over groups: one row per quarter (counts summed, rates recomputed).

        Specialists are summed over groups too: a specialist who works at two sites counts
        twice in the pooled caseload (compute by ``by=None`` for a count of distinct ones).
        """
        t = self.table
        cols = ["served", "working", "served_out_of_work", "working_out_of_work",
                "job_starts", "first_job_starts", "working_20h", "hours_known",
                "days_worked", "active_end", "caseload_clients", "specialists"]  # fmt: skip
        out = t.groupby("quarter", sort=True)[cols].sum().reset_index()
        return _rates(out)

    def _summary_parts(self) -> Summary:
        shown = self.totals()[["quarter", "served", "working", "employment_rate",
                               "employment_rate_out_of_work", "job_starts"]]  # fmt: skip
        return Summary(
            title=f"IPS quarterly metrics by {self.by}",
            figures={"groups": self.table[self.by].nunique(), "quarters": len(shown),
                     "end of follow-up": self.as_of.date().isoformat()},
            tables={"all groups (unsuppressed)": shown.set_index("quarter")},
            notes=("Unsuppressed API table: use vaikuttavuus.ips.ips_report for publication.",),
        )  # fmt: skip


def _rates(t: pd.DataFrame) -> pd.DataFrame:
    with np.errstate(divide="ignore", invalid="ignore"):
        t["employment_rate"] = t["working"] / t["served"].where(t["served"] > 0)
        t["employment_rate_out_of_work"] = t["working_out_of_work"] / t["served_out_of_work"].where(
            t["served_out_of_work"] > 0
        )
        t["share_20h"] = t["working_20h"] / t["hours_known"].where(t["hours_known"] > 0)
        t["caseload_mean"] = t["caseload_clients"] / t["specialists"].where(t["specialists"] > 0)
    return t


def quarterly_metrics(
    data: IPSData, by: str | None = "site", *, period: Any = None
) -> QuarterlyMetrics:
    """Quarterly IPS outcome metrics per site (or another grouping column).

    Parameters
    ----------
    data : IPSData
        From :func:`vaikuttavuus.ips.ips_data`. Only ``group == "ips"`` clients count.
    by : str or None, default "site"
        Grouping column of the records (``"site"``, ``"county"`` ...); None pools everyone
        into one group ``"all"``.
    period : str or (start, end), optional
        Quarters to report, e.g. ``"2023Q1:2024Q4"`` or ``("2023-01-01", "2024-12-31")``;
        default from the first enrolment to ``as_of``.

    Returns
    -------
    QuarterlyMetrics
        ``table`` with one row per group and quarter: ``quarter, quarter_start, quarter_end,
        served, working, employment_rate, served_out_of_work, working_out_of_work,
        employment_rate_out_of_work, job_starts, first_job_starts, working_20h, hours_known,
        share_20h, days_worked, active_end, caseload_clients, specialists, caseload_mean,
        caseload_max, specialists_over_20``. ``caseload_clients`` are the clients of
        ``active_end`` who have a specialist; ``caseload_mean`` is ``caseload_clients /
        specialists`` (clients without a specialist are in no caseload).

    References
    ----------
    Becker, Drake & Bond (2011), in full in :mod:`vaikuttavuus.ips.benchmarks`.
    IPS Employment Center. IPS Learning Community quarterly outcome report (employment rate:
    clients working in a competitive job during the quarter / clients served).
    Becker et al. (2019), item Staffing 1 (caseload), in full in :mod:`vaikuttavuus.ips.fidelity`.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.ips import ips_data
    >>> rec = pd.DataFrame({"client": [1, 2, 3], "site": "A", "specialist": "s1",
    ...                     "enrolled": ["2024-01-10", "2024-02-01", "2024-05-01"],
    ...                     "discharged": [None, "2024-03-31", None],
    ...                     "employed_at_referral": [False, True, False]})
    >>> jobs = pd.DataFrame({"client": [1, 2], "start": ["2024-03-01", "2023-06-01"],
    ...                      "end": [None, None], "hours_per_week": [25, 10],
    ...                      "competitive": [True, True]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     d = ips_data(rec, jobs, as_of="2024-06-30")
    >>> m = quarterly_metrics(d).table
    >>> m[["quarter", "served", "working", "served_out_of_work", "working_out_of_work"]]
      quarter  served  working  served_out_of_work  working_out_of_work
    0  2024Q1       2        2                   1                    1
    1  2024Q2       2        1                   2                    1
    >>> m[["quarter", "job_starts", "first_job_starts", "working_20h", "caseload_mean"]]
      quarter  job_starts  first_job_starts  working_20h  caseload_mean
    0  2024Q1           1                 1            1            2.0
    1  2024Q2           0                 0            1            2.0
    """
    data = _check_data(data)
    rec = data.records
    if by is not None and by not in rec.columns:
        raise ValueError(
            f"by={by!r} is not a column of the records; available: {list(rec.columns)}."
        )
    quarters = _quarter_range(data, period)
    qs = _days(quarters.start_time)
    qe = _days(quarters.end_time.normalize())
    as_of = np.datetime64(data.as_of.date(), "D")
    ref = np.minimum(qe, as_of)
    ips = (rec["group"] == "ips").to_numpy()
    keys = rec[by].astype(str) if by is not None else pd.Series("all", index=rec.index)
    codes = np.full(len(rec), -1, dtype=np.int64)
    ips_codes, groups = pd.factorize(keys[ips], sort=True)
    codes[ips] = ips_codes
    enr, send = _days(rec["enrolled"]), _days(rec["service_end"])
    out_of_work = ~rec["employed_at_referral"].to_numpy()

    served = (enr[:, None] <= qe[None, :]) & (send[:, None] >= qs[None, :]) & ips[:, None]
    w_lo = np.maximum(qs[None, :], enr[:, None])
    w_hi = np.minimum(qe[None, :], send[:, None])

    n, nq = served.shape
    sp = data.spells
    c = sp["client_idx"].to_numpy(dtype=np.int64)
    lo = np.maximum(_days(sp["start"])[:, None], w_lo[c])
    hi = np.minimum(_days(sp["end"])[:, None], w_hi[c])
    overlap = ((hi - lo) / _DAY + 1).clip(min=0) * served[c]
    days = np.zeros((n, nq))
    np.add.at(days, c, overlap)
    working = days > 0

    jobs = data.jobs[data.jobs["competitive"]]
    jc = jobs["client_idx"].to_numpy(dtype=np.int64)
    jlo = np.maximum(_days(jobs["start"])[:, None], w_lo[jc])
    jhi = np.minimum(_days(jobs["end_obs"])[:, None], w_hi[jc])
    active = (jhi >= jlo) & served[jc]
    hours = jobs["hours_per_week"].to_numpy(dtype=float)
    h20 = np.zeros((n, nq), dtype=np.int8)
    known = np.zeros((n, nq), dtype=np.int8)
    np.maximum.at(h20, jc, (active & (hours >= 20)[:, None]).astype(np.int8))
    np.maximum.at(known, jc, (active & ~np.isnan(hours)[:, None]).astype(np.int8))

    jstart = _days(jobs["start"])
    in_service = ~jobs["before_enrolment"].to_numpy() & (jstart <= send[jc]) & ips[jc]
    qidx = np.searchsorted(qs, jstart, side="right") - 1
    valid = in_service & (qidx >= 0) & (jstart <= qe[np.clip(qidx, 0, nq - 1)])
    starts = np.zeros((n, nq))
    np.add.at(starts, (jc[valid], qidx[valid]), 1)
    first = np.zeros((n, nq))
    s_frame = pd.DataFrame({"c": jc[in_service], "s": jstart[in_service]})
    if len(s_frame):
        firsts = s_frame.groupby("c")["s"].min()
        fq = np.searchsorted(qs, firsts.to_numpy(dtype="datetime64[D]"), side="right") - 1
        ok = (fq >= 0) & (firsts.to_numpy(dtype="datetime64[D]") <= qe[np.clip(fq, 0, nq - 1)])
        first[firsts.index.to_numpy()[ok], fq[ok]] = 1

    g = len(groups)
    sel = codes >= 0

    def per_group(mat: np.ndarray) -> np.ndarray:
        out = np.zeros((g, nq))
        np.add.at(out, codes[sel], mat[sel].astype(float))
        return out

    cols = {
        "served": per_group(served),
        "working": per_group(working & served),
        "served_out_of_work": per_group(served & out_of_work[:, None]),
        "working_out_of_work": per_group(working & served & out_of_work[:, None]),
        "job_starts": per_group(starts),
        "first_job_starts": per_group(first),
        "working_20h": per_group((h20 > 0) & working),
        "hours_known": per_group((known > 0) & working),
        "days_worked": per_group(days),
    }
    # caseload on the quarter's last day (or as_of)
    spec = rec["specialist"].where(rec["specialist"].astype(str).str.strip() != "")
    spec_codes, _ = pd.factorize(spec)  # missing specialist -> -1, in no caseload
    observed = (qs <= as_of)[None, :]  # a quarter after as_of has no quarter-end caseload
    active_end = (
        (enr[:, None] <= ref[None, :]) & (send[:, None] >= ref[None, :]) & ips[:, None] & observed
    )
    cols["active_end"] = per_group(active_end)
    cols["caseload_clients"] = per_group(active_end & (spec_codes >= 0)[:, None])
    n_spec, mean_max, over = (np.zeros((g, nq)) for _ in range(3))
    width = int(spec_codes.max()) + 1 if len(spec_codes) and spec_codes.max() >= 0 else 1
    pair = codes.astype(np.int64) * width + spec_codes
    for q in range(nq):
        m = active_end[:, q] & sel & (spec_codes >= 0)
        if not m.any():
            continue
        u, cnt = np.unique(pair[m], return_counts=True)
        grp = u // width
        np.add.at(n_spec[:, q], grp, 1)
        np.maximum.at(mean_max[:, q], grp, cnt)
        np.add.at(over[:, q], grp, (cnt > CASELOAD_LIMIT).astype(float))
    cols["specialists"] = n_spec
    table = pd.DataFrame(
        {
            (by or "all"): np.repeat(np.asarray(groups, dtype=object), nq),
            "quarter": np.tile(quarters.astype(str), g),
            "quarter_start": np.tile(quarters.start_time, g),
            "quarter_end": np.tile(quarters.end_time.normalize(), g),
            **{k: v.ravel().astype(np.int64) for k, v in cols.items()},
            "caseload_max": mean_max.ravel().astype(np.int64),
            "specialists_over_20": over.ravel().astype(np.int64),
        }
    )
    table = _rates(table)
    order = [by or "all", "quarter", "quarter_start", "quarter_end", "served", "working",
             "employment_rate", "served_out_of_work", "working_out_of_work",
             "employment_rate_out_of_work", "job_starts", "first_job_starts", "working_20h",
             "hours_known", "share_20h", "days_worked", "active_end", "caseload_clients",
             "specialists", "caseload_mean", "caseload_max", "specialists_over_20"]  # fmt: skip
    return QuarterlyMetrics(table=table[order], by=by or "all", as_of=data.as_of)


@dataclass(frozen=True, eq=False)
class SurvivalByGroup(ResultMixin):
    """Kaplan-Meier estimates per group (site), plus all groups pooled.

    Attributes
    ----------
    what : str
        ``"time_to_first_job"`` (days from enrolment) or ``"job_tenure"`` (days).
    by : str
        The grouping column.
    curves : dict
        Group label -> :class:`~vaikuttavuus.survival.KaplanMeierResult`; key ``"all"`` pools.
    """

    what: str
    by: str
    curves: dict[str, KaplanMeierResult] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per group: ``n, n_events, n_censored, median, median_ci_low/high``."""
        if not self.curves:
            return pd.DataFrame(columns=[self.by, "n", "n_events", "n_censored", "median",
                                         "median_ci_low", "median_ci_high", "confidence"])  # fmt: skip
        frames = [v.to_frame().assign(**{self.by: k}) for k, v in self.curves.items()]
        out = pd.concat(frames, ignore_index=True)
        return out[[self.by, *[c for c in out.columns if c != self.by]]]

    def _summary_parts(self) -> Summary:
        return Summary(
            title=f"Kaplan-Meier: {self.what} by {self.by}",
            tables={"medians (days)": self.to_frame().set_index(self.by)},
        )


def _records_and_jobs(data: Any, by: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The records (with a column ``by``) and their competitive jobs started after enrolment."""
    data = _check_data(data)
    rec = data.records
    if by not in rec.columns:
        raise ValueError(
            f"by={by!r} is not a column of the records; available: {list(rec.columns)}."
        )
    return rec, data.jobs[data.jobs["competitive"] & ~data.jobs["before_enrolment"]]


def _km_groups(frame: pd.DataFrame, by: str, what: str) -> SurvivalByGroup:
    curves: dict[str, KaplanMeierResult] = {}
    if len(frame):
        curves["all"] = kaplan_meier(frame, "time", "event")
        for key, grp in frame.groupby(by, sort=True):
            curves[str(key)] = kaplan_meier(grp, "time", "event")
    return SurvivalByGroup(what=what, by=by, curves=curves)


def time_to_first_job(data: IPSData, by: str = "site") -> SurvivalByGroup:
    """Days from enrolment to the first competitive job, by Kaplan-Meier with censoring.

    Parameters
    ----------
    data : IPSData
        From :func:`vaikuttavuus.ips.ips_data`; ``group == "ips"`` clients only.
    by : str, default "site"
        Grouping column of the records.

    Returns
    -------
    SurvivalByGroup
        Curves per group and pooled (``"all"``); ``to_frame()`` gives medians with
        Brookmeyer-Crowley CIs.

    Notes
    -----
    The event is the start of the first competitive job on or after enrolment and on or
    before the end of service; clients without one are censored at discharge or at ``as_of``
    (whichever comes first). Jobs that began before enrolment are not events.

    References
    ----------
    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete observations.
    JASA, 53(282), 457-481.
    Brookmeyer, R., & Crowley, J. (1982). A confidence interval for the median survival time.
    Biometrics, 38(1), 29-41.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.ips import ips_data
    >>> rec = pd.DataFrame({"client": [1, 2, 3], "site": "A", "specialist": "s1",
    ...                     "enrolled": "2024-01-01", "discharged": [None, "2024-02-10", None],
    ...                     "employed_at_referral": False})
    >>> jobs = pd.DataFrame({"client": [1, 3], "start": ["2024-01-31", "2024-03-01"],
    ...                      "end": None, "hours_per_week": 20, "competitive": True})
    >>> km = time_to_first_job(ips_data(rec, jobs, as_of="2024-06-30"))
    >>> km.curves["A"].table[["time", "n_at_risk", "n_events"]]
       time  n_at_risk  n_events
    0  30.0        3.0       1.0
    1  60.0        1.0       1.0
    """
    rec, jobs = _records_and_jobs(data, by)
    first = jobs.groupby("client_idx")["start"].min()
    fs = first.reindex(np.arange(len(rec))).to_numpy()
    event = pd.notna(fs) & (fs <= rec["service_end"].to_numpy())
    end = np.where(event, fs, rec["service_end"].to_numpy())
    frame = pd.DataFrame(
        {by: rec[by].astype(str), "time": (pd.to_datetime(end) - rec["enrolled"]).dt.days,
         "event": event}
    )[(rec["group"] == "ips").to_numpy()]  # fmt: skip
    return _km_groups(frame, by, "time_to_first_job")


def job_tenure(data: IPSData, by: str = "site") -> SurvivalByGroup:
    """Competitive job tenure (days, start and end inclusive) by Kaplan-Meier.

    Parameters
    ----------
    data : IPSData
        From :func:`vaikuttavuus.ips.ips_data`; jobs of ``group == "ips"`` clients that
        started on or after enrolment.
    by : str, default "site"
        Grouping column of the records.

    Returns
    -------
    SurvivalByGroup
        Curves per group and pooled; the unit is the job (a client may have several).

    Notes
    -----
    Tenure is ``end - start + 1`` days for jobs that ended by ``as_of``; ongoing jobs are
    censored at ``as_of``. Jobs are not merged here (each job has its own tenure).

    References
    ----------
    Kaplan, E. L., & Meier, P. (1958). Nonparametric estimation from incomplete observations.
    JASA, 53(282), 457-481.
    Bond, G. R., & Kukla, M. (2011). Is job tenure brief in individual placement and support
    (IPS) employment programs? Psychiatric Services, 62(8), 950-953.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.ips import ips_data
    >>> rec = pd.DataFrame({"client": [1, 2], "site": "A", "specialist": "s1",
    ...                     "enrolled": "2024-01-01", "discharged": None,
    ...                     "employed_at_referral": False})
    >>> jobs = pd.DataFrame({"client": [1, 2], "start": ["2024-02-01", "2024-03-01"],
    ...                      "end": ["2024-02-29", None], "hours_per_week": 20,
    ...                      "competitive": True})
    >>> km = job_tenure(ips_data(rec, jobs, as_of="2024-06-30"))
    >>> km.to_frame()[["site", "n", "n_events", "n_censored", "median"]]
      site  n  n_events  n_censored  median
    0  all  2         1           1     NaN
    1    A  2         1           1     NaN
    >>> km.curves["A"].table[["time", "n_at_risk", "n_events", "survival"]]
       time  n_at_risk  n_events  survival
    0  29.0        2.0       1.0       0.5
    """
    rec, jobs = _records_and_jobs(data, by)
    idx = jobs["client_idx"].to_numpy(dtype=np.int64)
    keep = rec["group"].to_numpy()[idx] == "ips"
    frame = pd.DataFrame(
        {by: rec[by].astype(str).to_numpy()[idx],
         "time": (jobs["end_obs"] - jobs["start"]).dt.days.to_numpy() + 1,
         "event": jobs["ended"].to_numpy()}
    )[keep]  # fmt: skip
    return _km_groups(frame, by, "job_tenure")


def employment_outcome(data: IPSData, *, days: int = 365, definition: str = "any") -> pd.DataFrame:
    """Per client: did they work in a competitive job within (or at) ``days`` after enrolment.

    Parameters
    ----------
    data : IPSData
        From :func:`vaikuttavuus.ips.ips_data` (both groups).
    days : int, default 365
        Length of follow-up from enrolment.
    definition : {"any", "at"}, default "any"
        ``"any"``: any competitive work on days ``[enrolled, enrolled + days]`` (the RCT
        meta-analyses' "obtained competitive employment"); ``"at"``: working on day
        ``enrolled + days``.

    Returns
    -------
    DataFrame
        The records' columns plus ``follow_up_complete`` (``enrolled + days <= as_of``) and
        ``worked`` (bool; judged over the observed part when follow-up is incomplete).
        Individual rows: for analysis, never for publication.

    References
    ----------
    Frederick, D. E., & VanderWeele, T. J. (2019). Supported employment: Meta-analysis and
    review of randomized controlled trials of individual placement and support. PLoS ONE,
    14(2), e0212208.

    Examples
    --------
    >>> import pandas as pd
    >>> from vaikuttavuus.ips import ips_data
    >>> rec = pd.DataFrame({"client": [1, 2, 3], "site": "A", "specialist": "s1",
    ...                     "enrolled": ["2023-01-01", "2023-01-01", "2024-05-01"],
    ...                     "discharged": None, "employed_at_referral": False})
    >>> jobs = pd.DataFrame({"client": [1], "start": ["2023-06-01"], "end": ["2023-08-31"],
    ...                      "hours_per_week": 20, "competitive": True})
    >>> out = employment_outcome(ips_data(rec, jobs, as_of="2024-06-30"))
    >>> out[["client", "follow_up_complete", "worked"]]
       client  follow_up_complete  worked
    0       1                True    True
    1       2                True   False
    2       3               False   False
    """
    data = _check_data(data)
    days = check_int("days", days, minimum=1)
    check_choice("definition", definition, ("any", "at"))
    rec = data.records
    target = _days(rec["enrolled"]) + np.timedelta64(days, "D")
    sp = data.spells
    c = sp["client_idx"].to_numpy(dtype=np.int64)
    s, e = _days(sp["start"]), _days(sp["end"])
    if definition == "any":
        hit = (s <= target[c]) & (e >= _days(rec["enrolled"])[c])
    else:
        hit = (s <= target[c]) & (e >= target[c])
    worked = np.zeros(len(rec), dtype=bool)
    worked[c[hit]] = True
    out = rec.drop(columns=["service_end"]).copy()
    out["follow_up_complete"] = target <= np.datetime64(data.as_of.date(), "D")
    out["worked"] = worked
    return out
