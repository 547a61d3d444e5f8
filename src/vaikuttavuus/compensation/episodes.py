"""Client-episode data: one row per client's service episode with one provider.

Columns (``REQUIRED_COLUMNS``): ``episode_id`` (unique), ``client_id`` (pseudonymous),
``provider``, ``service_type`` (``1A``, ``1B``, ``1C``, ``individual``, ``theme_group``),
``contract_type`` (``outcome_based``, ``fixed``), ``start``, ``end`` (empty while active; days
are counted inclusively, so an episode may start the day after another ends), ``end_status``
(``work``, ``education``, ``work_trial``, ``other_service``, ``unemployment``, ``interrupted``,
``active``). Case-mix covariates, checked when present: ``age`` (15-100), ``sex``
(``female``/``male``), ``months_unemployed`` (>= 0), ``mother_tongue`` (``fi``/``sv``/``other``),
``prior_services`` (whole number >= 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..io import ReadError, ReadingNotes, clean_keys, parse_dates, parse_numbers, read_table
from ._constants import (
    CONTRACT_TYPES,
    END_STATUSES,
    MOTHER_TONGUES,
    REQUIRED_COLUMNS,
    SERVICE_TYPES,
    SEXES,
)

__all__ = ["EpisodeError", "read_episodes", "validate_episodes"]


class EpisodeError(ValueError):
    """The episode table breaks the data model (the message names the rows)."""


def _ids(frame: pd.DataFrame, mask: Any, k: int = 5) -> str:
    ids = frame.loc[np.asarray(mask), "episode_id"].astype(str).tolist()
    more = ", ..." if len(ids) > k else ""
    return ", ".join(ids[:k]) + more


def _problem(frame: pd.DataFrame, mask: Any, what: str) -> str | None:
    mask = np.asarray(mask, dtype=bool)
    count = int(mask.sum())
    if not count:
        return None
    return f"{count} episode(s) {what} (first episode_id: {_ids(frame, mask)})"


def _codes(
    frame: pd.DataFrame, column: str, allowed: tuple[str, ...], missing_ok: bool
) -> str | None:
    values = frame[column]
    present = values.notna().to_numpy()
    bad = present & ~values.astype(str).isin(allowed).to_numpy()
    if not missing_ok:
        bad |= ~present
    if not bad.any():
        return None
    seen = sorted({str(v) for v in values[bad]})[:5]
    return _problem(
        frame,
        bad,
        f"have a {column} that is not allowed ({', '.join(seen)}); "
        f"allowed: {', '.join(allowed)}" + ("" if missing_ok else " (no missing values)"),
    )


def _dates(
    frame: pd.DataFrame, column: str, date_format: str | None, where: dict[str, Any]
) -> tuple[pd.Series, str | None]:
    """The column's dates in one format decided for the whole column (``vaikuttavuus.io``)."""
    try:
        return parse_dates(frame[column], column=column, date_format=date_format, **where), None
    except ReadError as err:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]"), _misread(
            frame, err, f"have a {column} that is not a date"
        )


def _misread(frame: pd.DataFrame, err: ReadError, what: str) -> str | None:
    mask = np.zeros(len(frame), dtype=bool)
    mask[err.positions] = True
    return _problem(frame, mask, f"{what} ({err})") if mask.any() else str(err)


def _numeric(
    frame: pd.DataFrame, column: str, lo: float, hi: float, whole: bool, where: dict[str, Any]
) -> str | None:
    try:
        values = parse_numbers(frame[column], column=column, **where)
    except ReadError as err:
        return _misread(frame, err, f"have {column} that is not a number")
    frame[column] = values
    v = values.to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(v) & ((v < lo) | (v > hi))
        if whole:
            bad |= ~np.isnan(v) & (v != np.round(v))
    kind = "a whole number" if whole else "a number"
    return _problem(frame, bad, f"have {column} that is not {kind} between {lo:g} and {hi:g}")


def validate_episodes(
    data: pd.DataFrame,
    *,
    date_format: str | None = None,
    notes: ReadingNotes | None = None,
    file: str | None = None,
    rows: Any = None,
) -> pd.DataFrame:
    """Check an episode table against the data model and return a clean copy.

    Every problem found is reported in one :class:`EpisodeError` that names the rows
    (a count and the first ``episode_id`` values). Nothing is dropped or recoded silently:
    dates are read in one format per column (ISO, ``d.m.yyyy``, ``yyyymmdd``, Excel; see
    :func:`vaikuttavuus.io.parse_dates`), covariates as numbers with a decimal comma allowed,
    ids, providers and codes trimmed; each coercion is counted in the reading log
    (``attrs["reading_log"]`` of the result, a :class:`vaikuttavuus.io.ReadingLog`).

    Parameters
    ----------
    data : DataFrame
        Episodes with the columns described in the module docstring.
    date_format : str, optional
        Format of ``start`` and ``end`` (see :data:`vaikuttavuus.io.DATE_FORMATS`); default
        detected per column.
    notes : ReadingNotes, optional
        Collects the reading log (a fresh one by default).
    file : str, optional
        The file the table came from (named in messages).
    rows : array-like, optional
        File row numbers of the rows (named in messages).

    Returns
    -------
    DataFrame
        A copy with ``start``/``end`` as ``datetime64[ns]``, codes as strings, covariates as
        float, rows in their original order.

    References
    ----------
    Tampereen kaupunki (2020). Kuntouttavan työtoiminnan palvelut Tampereella (slides):
    service types 1A/1B/1C, individual placement and theme groups; indicator: share of ended
    client relationships moving to work, education or a work trial.

    Examples
    --------
    >>> import pandas as pd
    >>> ep = pd.DataFrame({
    ...     "episode_id": ["e1", "e2"], "client_id": ["c1", "c1"], "provider": ["A", "A"],
    ...     "service_type": ["1A", "1B"], "contract_type": ["fixed", "fixed"],
    ...     "start": ["2019-01-01", "2019-03-01"], "end": ["2019-04-30", None],
    ...     "end_status": ["work", "active"]})
    >>> validate_episodes(ep)
    Traceback (most recent call last):
    ...
    vaikuttavuus.compensation.episodes.EpisodeError: the episode table has 1 problem(s):
    - 1 episode(s) overlap an earlier episode of the same client with the same provider (first episode_id: e2)
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame of episodes, got {type(data).__name__}.")
    what = file or "the episode table"
    missing = [c for c in REQUIRED_COLUMNS if c not in data.columns]
    if missing:
        raise EpisodeError(
            f"{what} lacks column(s) {', '.join(missing)}; required columns: "
            f"{', '.join(REQUIRED_COLUMNS)} (found: {', '.join(map(str, data.columns))})."
        )
    if len(data) == 0:
        raise EpisodeError(f"{what} has no episodes (0 rows); payments need at least one.")
    notes = ReadingNotes() if notes is None else notes
    where = {"file": file, "notes": notes, "rows": rows}
    frame = data.reset_index(drop=True).copy()
    problems: list[str | None] = []
    ids = frame["episode_id"]
    if ids.isna().any():
        raise EpisodeError(
            f"episode_id is missing on {int(ids.isna().sum())} row(s) "
            f"(first row positions: {np.flatnonzero(ids.isna().to_numpy())[:5].tolist()})."
        )
    frame["episode_id"] = clean_keys(ids, column="episode_id", **where)
    problems.append(
        _problem(frame, frame["episode_id"].duplicated(keep=False), "share an episode_id")
    )
    keys = ["client_id", "provider", "service_type", "contract_type", "end_status"]
    keys += [c for c in ("sex", "mother_tongue") if c in frame.columns]
    for col in keys:
        frame[col] = clean_keys(frame[col], column=col, **where)
    for col in ("client_id", "provider"):
        problems.append(_problem(frame, frame[col].isna(), f"have no {col}"))
    problems.append(_codes(frame, "service_type", SERVICE_TYPES, missing_ok=False))
    problems.append(_codes(frame, "contract_type", CONTRACT_TYPES, missing_ok=False))
    problems.append(_codes(frame, "end_status", END_STATUSES, missing_ok=False))
    start, p1 = _dates(frame, "start", date_format, where)
    end, p2 = _dates(frame, "end", date_format, where)
    problems += [p1, p2, _problem(frame, start.isna() & frame["start"].isna(), "have no start")]
    frame["start"], frame["end"] = start, end
    active = (frame["end_status"] == "active").to_numpy()
    problems.append(
        _problem(frame, active & end.notna().to_numpy(), "are 'active' but have an end date")
    )
    problems.append(
        _problem(
            frame,
            ~active & end.isna().to_numpy() & frame["end_status"].notna().to_numpy(),
            "have ended (end_status) but no end date",
        )
    )
    problems.append(_problem(frame, (end < start).to_numpy(), "end before they start"))
    if all(p is None for p in problems):
        problems.append(_overlaps(frame))
    checks = {
        "age": (15, 100, False),
        "months_unemployed": (0, 1200, False),
        "prior_services": (0, 1000, True),
    }
    for col, (lo, hi, whole) in checks.items():
        if col in frame.columns:
            problems.append(_numeric(frame, col, lo, hi, whole, where))
    if "sex" in frame.columns:
        problems.append(_codes(frame, "sex", SEXES, missing_ok=True))
    if "mother_tongue" in frame.columns:
        problems.append(_codes(frame, "mother_tongue", MOTHER_TONGUES, missing_ok=True))
    found = [p for p in problems if p]
    if found:
        raise EpisodeError(
            f"{what} has {len(found)} problem(s):\n" + "\n".join(f"- {p}" for p in found)
        )
    frame.attrs["vaikuttavuus_validated"] = True
    frame.attrs["reading_log"] = notes.log()
    return frame


def _overlaps(frame: pd.DataFrame) -> str | None:
    """Episodes starting on or before the latest end of an earlier one (same client, provider)."""
    far = np.datetime64("2262-01-01", "ns").astype("int64")
    client = pd.factorize(frame["client_id"])[0].astype(np.int64)
    prov, provs = pd.factorize(frame["provider"])
    key = client * max(len(provs), 1) + prov  # integer codes: sorting strings is slow
    start = frame["start"].to_numpy().astype("int64")
    end = frame["end"].to_numpy().astype("datetime64[ns]")
    end_i = np.where(np.isnat(end), far, end.astype("int64"))
    order = np.lexsort((start, key))
    k = key[order]
    running = pd.Series(end_i[order]).groupby(k, sort=False).cummax().to_numpy()
    same = np.r_[False, k[1:] == k[:-1]]
    prev = np.r_[np.iinfo(np.int64).min, running[:-1]]
    bad_sorted = same & (start[order] <= prev)
    mask = np.zeros(len(frame), dtype=bool)
    mask[order[bad_sorted]] = True
    return _problem(
        frame, mask, "overlap an earlier episode of the same client with the same provider"
    )


def read_episodes(
    path: str | Path,
    *,
    sep: str | None = None,
    encoding: str | None = None,
    sheet: str | int = 0,
    header_row: int | None = None,
    skip_rows: Iterable[int] = (),
    date_format: str | None = None,
) -> pd.DataFrame:
    """Read episodes from a CSV (also ``.csv.gz``) or Excel file and validate them.

    Parameters
    ----------
    path : str or Path
        File with the columns of the data model (Finnish exports as they are: ``;``
        separators, Windows-1252, ``d.m.yyyy`` dates and decimal commas are read right).
    sep, encoding, sheet, header_row, skip_rows
        See :func:`vaikuttavuus.io.read_table` (default: detected).
    date_format : str, optional
        Format of ``start`` and ``end``; default detected per column, never per value.

    Returns
    -------
    DataFrame
        The validated episodes (see :func:`validate_episodes`); ``attrs["reading_log"]``
        lists what was read and coerced.

    Raises
    ------
    EpisodeError
        An empty or header-only file, a missing column, a row with too many fields (named),
        dates that fit no single format, and every data-model problem.

    References
    ----------
    See :func:`validate_episodes`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from vaikuttavuus.compensation import simulate_episodes
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "episodes.csv"
    >>> simulate_episodes(monthly_clients=50, seed=1).to_csv(path, index=False)
    >>> read_episodes(path)["service_type"].isin(["1A", "1B", "1C", "individual", "theme_group"]).all()
    np.True_
    """
    notes = ReadingNotes()
    try:
        table = read_table(
            path, sheet=sheet, header_row=header_row, skip_rows=skip_rows, encoding=encoding,
            sep=sep, notes=notes,
        )  # fmt: skip
    except ReadError as err:
        raise EpisodeError(str(err)) from err
    return validate_episodes(
        table.frame, date_format=date_format, notes=notes, file=table.name, rows=table.rows
    )
