"""Client-level IPS outcome records and jobs: validation and working spells.

Schema (column names are fixed; rename yours first):

records, one row per client
    ``client`` (id), ``site``, ``specialist`` (employment specialist id), ``enrolled``
    (date), ``discharged`` (date, empty while still served), ``employed_at_referral``
    (bool); optional ``county`` (wellbeing services county code), ``group`` (``"ips"`` or
    ``"comparison"``; default all ``"ips"``) and any covariates.
jobs, one row per job
    ``client``, ``start`` (date), ``end`` (date, empty while ongoing), ``hours_per_week``
    (may be empty), ``hourly_wage`` (optional, may be empty), ``competitive`` (bool).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice
from ..io import (
    ReadError,
    ReadingLog,
    ReadingNotes,
    clean_keys,
    parse_dates,
    parse_flags,
    parse_numbers,
)

__all__ = ["IPSData", "IPSDataWarning", "RECORD_COLUMNS", "JOB_COLUMNS", "ips_data"]

RECORD_COLUMNS = ("client", "site", "specialist", "enrolled", "discharged", "employed_at_referral")
JOB_COLUMNS = ("client", "start", "end", "hours_per_week", "competitive")
GROUPS = ("ips", "comparison")


class IPSDataWarning(UserWarning):
    """IPS data were kept but treated specially (counts and first ids in the message)."""


def _ids(values: Any, k: int = 5) -> str:
    vals = list(pd.unique(pd.Series(values)))
    more = f" ... ({len(vals)} in all)" if len(vals) > k else ""
    return ", ".join(repr(v) for v in vals[:k]) + more


def _require(frame: Any, columns: tuple[str, ...], name: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(frame).__name__}.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} lacks column(s) {missing}; required are {list(columns)} "
            f"(found {list(frame.columns)})."
        )
    return frame.copy()


def _dates(
    frame: pd.DataFrame, col: str, name: str, key: str, notes: ReadingNotes, *, allow_missing: bool
) -> None:
    """Dates in one format per column (see :func:`vaikuttavuus.io.parse_dates`)."""
    try:
        parsed = parse_dates(frame[col], column=col, file=name, notes=notes).dt.normalize()
    except ReadError as err:
        rows = frame.iloc[err.positions]
        raise ValueError(
            f"{name}.{col} must be a date{' or empty' if allow_missing else ''}; "
            f"{len(err.positions)} row(s) are not (first {key}s: {_ids(rows[key])}): {err}"
        ) from err
    if not allow_missing and parsed.isna().any():
        bad = parsed.isna()
        raise ValueError(
            f"{name}.{col} must be a date; {int(bad.sum())} row(s) are empty "
            f"(first {key}s: {_ids(frame.loc[bad, key])})."
        )
    frame[col] = parsed


def _bool(frame: pd.DataFrame, col: str, name: str, key: str) -> None:
    try:
        frame[col] = parse_flags(frame[col], column=col, file=name)
    except ReadError as err:
        raise ValueError(
            f"{name}.{col} must be True/False (or 1/0) in every row; {len(err.positions)} "
            f"row(s) are not (first {key}s: {_ids(frame.iloc[err.positions][key])}): {err}"
        ) from err


def _keys(frame: pd.DataFrame, cols: tuple[str, ...], name: str, notes: ReadingNotes) -> None:
    """Text keys trimmed and NFC-normalised (counted); numeric ids are left as they are."""
    for col in cols:
        if col in frame.columns and not pd.api.types.is_numeric_dtype(frame[col].dtype):
            frame[col] = clean_keys(frame[col], column=col, file=name, notes=notes)


def _check(bad: pd.Series, frame: pd.DataFrame, key: str, message: str) -> None:
    if bad.any():
        raise ValueError(f"{int(bad.sum())} {message} (first {key}s: {_ids(frame.loc[bad, key])}).")


def _warn(bad: pd.Series, frame: pd.DataFrame, message: str) -> None:
    """Warn the caller of :func:`ips_data` about ``bad`` rows of ``frame`` (first clients named)."""
    if bad.any():
        warnings.warn(
            f"{int(bad.sum())} {message} (first clients: {_ids(frame.loc[bad, 'client'])}).",
            IPSDataWarning,
            stacklevel=3,
        )


def _period(
    frame: pd.DataFrame,
    dates: tuple[str, str],
    flag: str,
    name: str,
    notes: ReadingNotes,
    reversed_message: str,
) -> None:
    """A client period in place: start date (required), end date (optional) not before it,
    and a True/False column ``flag``."""
    start, end = dates
    _dates(frame, start, name, "client", notes, allow_missing=False)
    _dates(frame, end, name, "client", notes, allow_missing=True)
    _bool(frame, flag, name, "client")
    _check(frame[end] < frame[start], frame, "client", reversed_message)


@dataclass(frozen=True, eq=False)
class IPSData(ResultMixin):
    """Validated IPS records and jobs, ready for the metrics.

    Attributes
    ----------
    records : DataFrame
        One row per client, dates normalised; ``service_end`` = discharge date, or
        ``as_of`` while still served; ``group`` filled with ``"ips"`` when absent.
    jobs : DataFrame
        One row per job with ``end_obs`` (end date, or ``as_of`` while ongoing),
        ``ended`` (bool: ended by ``as_of``) and ``before_enrolment`` (bool).
    spells : DataFrame
        Competitive working spells per client (overlapping competitive jobs merged):
        ``client, client_idx, start, end`` (inclusive dates, ``as_of`` while ongoing).
    as_of : Timestamp
        End of follow-up (the data's last date unless given).
    log : DataFrame
        ``check, count, action, first_ids``: what was found and what was done.
    reading_log : ReadingLog
        How dates, numbers and keys were read (formats, decimal commas, trimmed keys).
    """

    records: pd.DataFrame
    jobs: pd.DataFrame
    spells: pd.DataFrame
    as_of: pd.Timestamp
    log: pd.DataFrame
    reading_log: ReadingLog = field(default_factory=ReadingLog)

    def to_frame(self) -> pd.DataFrame:
        """The validation log."""
        return self.log

    def _summary_parts(self) -> Summary:
        return Summary(
            title="IPS data",
            figures={"clients": len(self.records), "jobs": len(self.jobs),
                     "competitive working spells": len(self.spells),
                     "end of follow-up": self.as_of.date().isoformat()},
            tables={"checks": self.log.set_index("check")},
        )  # fmt: skip


def _merge_spells(jobs: pd.DataFrame) -> pd.DataFrame:
    """Merge overlapping [start, end] intervals (inclusive dates) per client."""
    j = jobs.sort_values(["client_idx", "start"], kind="stable")
    cid = j["client_idx"].to_numpy()
    s = j["start"].to_numpy()
    e = j["end_obs"].to_numpy()
    if len(j) == 0:
        return pd.DataFrame({"client_idx": np.array([], dtype=np.int64), "start": s, "end": e})
    # running max of end within client
    run = pd.Series(e).groupby(cid).cummax().to_numpy()
    prev = np.empty_like(run)
    prev[1:] = run[:-1]
    new = np.ones(len(j), dtype=bool)
    new[1:] = (cid[1:] != cid[:-1]) | (s[1:] > prev[1:])
    spell = np.cumsum(new) - 1
    out = pd.DataFrame({"spell": spell, "client_idx": cid, "start": s, "end": run})
    return (
        out.groupby("spell")
        .agg(client_idx=("client_idx", "first"), start=("start", "min"), end=("end", "max"))
        .reset_index(drop=True)
    )


def ips_data(
    records: pd.DataFrame,
    jobs: pd.DataFrame,
    *,
    as_of: Any = None,
    missing_site: str = "error",
) -> IPSData:
    """Validate IPS client records and jobs; merge overlapping jobs into working spells.

    Parameters
    ----------
    records : DataFrame
        One row per client (schema in the module docstring).
    jobs : DataFrame
        One row per job (schema in the module docstring); may be empty.
    as_of : date-like, optional
        End of follow-up: ongoing jobs and open service periods are censored here. Default:
        the latest date in the data.
    missing_site : {"error", "exclude"}, default "error"
        Clients without a site raise an error, or are excluded with an
        :class:`IPSDataWarning` (and their jobs with them; both counted in ``log``).

    Returns
    -------
    IPSData
        Validated ``records``, ``jobs``, merged competitive ``spells``, ``as_of``, ``log``.

    Raises
    ------
    ValueError
        Missing columns, duplicate client ids, unparsable dates, discharge before enrolment,
        jobs ending before they start, jobs of unknown clients, negative hours or wages,
        non-boolean flags, enrolment after ``as_of``: each with a count and the first ids.

    Warns
    -----
    IPSDataWarning
        Duplicate job rows (same client, start, end and type; dropped), competitive jobs
        starting before enrolment of clients recorded as out of work at
        referral (kept: they count as working while the client is served, never as job
        starts; the same jobs of clients employed at referral are expected and only logged), overlapping competitive jobs (merged so that no day is
        counted twice; distinct overlapping jobs still count as separate job starts), jobs
        ending after ``as_of`` (treated as ongoing), excluded clients.

    References
    ----------
    Becker, D. R., & Drake, R. E. (2003). A Working Life for People with Severe Mental
    Illness. Oxford University Press.

    Examples
    --------
    >>> import pandas as pd
    >>> rec = pd.DataFrame({"client": [1, 2], "site": "A", "specialist": "s1",
    ...                     "enrolled": ["2024-01-10", "2024-02-01"], "discharged": [None, None],
    ...                     "employed_at_referral": [False, False]})
    >>> jobs = pd.DataFrame({"client": [1, 1], "start": ["2024-03-01", "2024-03-15"],
    ...                      "end": ["2024-04-30", None], "hours_per_week": [20, 10],
    ...                      "competitive": [True, True]})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     d = ips_data(rec, jobs, as_of="2024-06-30")
    >>> str(w[0].message)[:60]
    '1 client(s) have overlapping competitive jobs (2 jobs); they'
    >>> d.spells[["client", "start", "end"]]
       client      start        end
    0       1 2024-03-01 2024-06-30
    """
    check_choice("missing_site", missing_site, ("error", "exclude"))
    rec = _require(records, RECORD_COLUMNS, "records")
    job = _require(jobs, JOB_COLUMNS, "jobs")
    log: list[dict[str, Any]] = []
    notes = ReadingNotes()
    _keys(rec, ("client", "site", "specialist", "county", "group"), "records", notes)
    _keys(job, ("client",), "jobs", notes)

    def note(check: str, count: int, action: str, ids: Any = ()) -> None:
        log.append({"check": check, "count": int(count), "action": action,
                    "first_ids": _ids(ids) if count else ""})  # fmt: skip

    if rec["client"].isna().any():
        raise ValueError(
            f"records.client is empty in {int(rec['client'].isna().sum())} row(s) "
            f"(first row labels {list(rec.index[rec['client'].isna()][:5])})."
        )
    dup = rec["client"].duplicated(keep=False)
    _check(dup, rec, "client", "records rows repeat a client id; one row per client is required")
    no_site = rec["site"].isna() | (rec["site"].astype(str).str.strip() == "")
    if no_site.any():
        if missing_site == "error":
            _check(no_site, rec, "client", "client(s) have no site (use missing_site='exclude' "
                   "to drop them with a warning)")  # fmt: skip
        dropped = rec.loc[no_site, "client"]
        n_jobs = int(job["client"].isin(dropped).sum())
        warnings.warn(
            f"{int(no_site.sum())} client(s) without a site were excluded with their {n_jobs} "
            f"job(s) (first clients: {_ids(dropped)}).",
            IPSDataWarning,
            stacklevel=2,
        )
        note("clients_without_site", int(no_site.sum()), "excluded", dropped)
        rec = rec.loc[~no_site].copy()
        job = job.loc[~job["client"].isin(dropped)].copy()
    else:
        note("clients_without_site", 0, "none")
    if "group" not in rec.columns:
        rec["group"] = "ips"
    bad_group = ~rec["group"].isin(GROUPS)
    _check(bad_group, rec, "client", f"records rows have a group other than {list(GROUPS)}")
    no_spec = (rec["group"] == "ips") & (
        rec["specialist"].isna() | (rec["specialist"].astype(str).str.strip() == "")
    )
    _warn(no_spec, rec, "IPS client(s) have no employment specialist; they count as served but "
          "not towards any specialist's caseload")  # fmt: skip
    note("ips_clients_without_specialist", no_spec.sum(), "no caseload", rec.loc[no_spec, "client"])
    _period(rec, ("enrolled", "discharged"), "employed_at_referral", "records", notes,
            "client(s) were discharged before they were enrolled")  # fmt: skip

    unknown = ~job["client"].isin(rec["client"])
    _check(unknown, job, "client", "job(s) belong to clients not in records")
    _period(job, ("start", "end"), "competitive", "jobs", notes, "job(s) end before they start")
    dup = job.duplicated(["client", "start", "end", "competitive"], keep="first")
    _warn(dup, job, "job row(s) repeat another job of the same client (same start, end and "
          "type) and were dropped, so that no job or day is counted twice")  # fmt: skip
    note("duplicate_jobs", dup.sum(), "dropped", job.loc[dup, "client"])
    job = job.loc[~dup].copy()
    for col in ("hours_per_week", "hourly_wage"):
        if col in job.columns:
            try:
                job[col] = parse_numbers(job[col], column=col, file="jobs", notes=notes)
            except ReadError as err:
                raise ValueError(
                    f"jobs.{col} must be a number or empty; {len(err.positions)} row(s) are not "
                    f"(first clients: {_ids(job.iloc[err.positions]['client'])}): {err}"
                ) from err
            _check(job[col] < 0, job, "client", f"job(s) have a negative {col}")
    if "hourly_wage" not in job.columns:
        job["hourly_wage"] = np.nan

    dates = [rec["enrolled"], rec["discharged"], job["start"], job["end"]]
    last = max((d.max() for d in dates if d.notna().any()), default=pd.NaT)
    as_of = pd.Timestamp(as_of).normalize() if as_of is not None else pd.Timestamp(last)
    _check(
        rec["enrolled"] > as_of,
        rec,
        "client",
        f"client(s) were enrolled after as_of={as_of.date()}",
    )
    late_start = job["start"] > as_of
    _warn(late_start, job, f"job(s) start after as_of={as_of.date()} and were left out")
    note("jobs_starting_after_as_of", late_start.sum(), "excluded", job.loc[late_start, "client"])
    job = job.loc[~late_start].copy()
    late_end = job["end"] > as_of
    if late_end.any():
        warnings.warn(
            f"{int(late_end.sum())} job(s) end after as_of={as_of.date()}; they are treated as "
            "ongoing at as_of (censored).", IPSDataWarning, stacklevel=2,
        )  # fmt: skip
    note(
        "jobs_ending_after_as_of", late_end.sum(), "censored at as_of", job.loc[late_end, "client"]
    )
    job["ended"] = job["end"].notna() & ~late_end
    job["end_obs"] = job["end"].where(job["ended"], as_of)

    rec = rec.reset_index(drop=True)
    rec["service_end"] = rec["discharged"].fillna(as_of).clip(upper=as_of)
    index = pd.Series(np.arange(len(rec)), index=rec["client"])
    job["client_idx"] = index.reindex(job["client"]).to_numpy(dtype=np.int64)
    enrolled = rec["enrolled"].to_numpy()[job["client_idx"].to_numpy()]
    job["before_enrolment"] = job["start"].to_numpy() < enrolled
    before = job["before_enrolment"] & job["competitive"]
    employed = rec["employed_at_referral"].to_numpy()[job["client_idx"].to_numpy()]
    odd = before & ~employed
    _warn(odd, job, f"competitive job(s) of {job.loc[odd, 'client'].nunique()} client(s) "
          "recorded as out of work at referral start before enrolment; they count as working "
          "while the client is served but never as job starts")  # fmt: skip
    note("jobs_before_enrolment_employed_at_referral", (before & employed).sum(),
         "kept, not a job start", job.loc[before & employed, "client"])  # fmt: skip
    note("jobs_before_enrolment_out_of_work_at_referral", odd.sum(),
         "kept, not a job start; warned", job.loc[odd, "client"])  # fmt: skip

    comp = job.loc[job["competitive"]]
    spells = _merge_spells(comp)
    per_client = comp.groupby("client_idx").size()
    spells_per = spells.groupby("client_idx").size()
    merged = per_client.reindex(spells_per.index) > spells_per
    overlap_clients = merged[merged].index
    if len(overlap_clients):
        n_jobs = int(per_client[overlap_clients].sum())
        ids = rec["client"].to_numpy()[overlap_clients]
        warnings.warn(
            f"{len(overlap_clients)} client(s) have overlapping competitive jobs ({n_jobs} jobs); "
            "they were merged into working spells so that no day is counted twice "
            f"(first clients: {_ids(ids)}).",
            IPSDataWarning, stacklevel=2,
        )  # fmt: skip
        note("clients_with_overlapping_jobs", len(overlap_clients), "merged into spells", ids)
    else:
        note("clients_with_overlapping_jobs", 0, "none")
    spells.insert(0, "client", rec["client"].to_numpy()[spells["client_idx"].to_numpy()])
    return IPSData(
        records=rec,
        jobs=job.reset_index(drop=True),
        spells=spells,
        as_of=as_of,
        log=pd.DataFrame(log, columns=["check", "count", "action", "first_ids"]),
        reading_log=notes.log(),
    )
