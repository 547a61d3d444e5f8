"""vaikuttavuus.io.dates: one format per column, decided over all values."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.io import ReadError, ReadingNotes, parse_date, parse_dates


def _iso(series: pd.Series) -> list:
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in series]


def test_finnish_dates_with_every_day_at_most_12_are_day_first():
    got = parse_dates(["1.3.2024", "12.1.2024", "05.04.2024", "", None], column="start")
    assert _iso(got) == ["2024-03-01", "2024-01-12", "2024-04-05", None, None]
    assert got.dtype == "datetime64[ns]"


def test_finnish_dates_with_times_and_iso_mixed_date_datetime():
    got = parse_dates(["1.3.2024 8.30", "2.3.2024 12:15"], column="t")
    assert got.tolist() == [pd.Timestamp("2024-03-01 08:30"), pd.Timestamp("2024-03-02 12:15")]
    iso = parse_dates(["2024-03-01", "2024-03-02T10:00:00", "2024-03-03 11:00"], column="t")
    assert iso.tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-02 10:00"),
                            pd.Timestamp("2024-03-03 11:00")]  # fmt: skip


def test_registry_yyyymmdd_as_integers_and_text():
    assert _iso(parse_dates([20240301, 20241231], column="d")) == ["2024-03-01", "2024-12-31"]
    assert _iso(parse_dates(["20240301", "20240102"], column="d")) == ["2024-03-01", "2024-01-02"]
    floats = pd.Series([20240301.0, np.nan])  # an integer column with a missing value
    assert _iso(parse_dates(floats, column="d")) == ["2024-03-01", None]


def test_excel_serials_and_date_cells():
    # Excel: 45352 is 2024-03-01 (=DATE(2024;3;1) shows 45352 as a number)
    assert _iso(parse_dates([45352, 45657], column="d")) == ["2024-03-01", "2024-12-31"]
    assert _iso(parse_dates(["45352"], column="d")) == ["2024-03-01"]
    cells = [dt.datetime(2024, 3, 1), dt.date(2024, 3, 2), None]
    assert _iso(parse_dates(cells, column="d")) == ["2024-03-01", "2024-03-02", None]


def test_slash_dates_decided_by_the_column_or_refused_as_ambiguous():
    assert _iso(parse_dates(["13/1/2024", "1/2/2024"], column="d")) == ["2024-01-13", "2024-02-01"]
    assert _iso(parse_dates(["1/13/2024", "2/1/2024"], column="d")) == ["2024-01-13", "2024-02-01"]
    with pytest.raises(ReadError, match=r"a.csv, column 'd': the dates fit more than one format "
                       r"\(d/m/yyyy, m/d/yyyy\); first rows: row 1: '1/3/2024'"):  # fmt: skip
        parse_dates(["1/3/2024", "2/4/2024"], column="d", file="a.csv")
    got = parse_dates(["1/3/2024", "2/4/2024"], column="d", date_format="d/m/yyyy")
    assert _iso(got) == ["2024-03-01", "2024-04-02"]


def test_mixed_formats_name_file_column_rows_values_and_accepted_formats():
    values = ["1.3.2024", "2.3.2024", "2024-03-03", "4.3.2024"]
    with pytest.raises(ReadError) as err:
        parse_dates(values, column="start", file="ep.csv", rows=[2, 3, 4, 5])
    msg = str(err.value)
    assert msg.startswith("ep.csv, column 'start': the column has no single date format")
    assert "most values fit d.m.yyyy" in msg and "row 4: '2024-03-03'" in msg
    assert "d.m.yyyy (1.3.2024 or 01.03.2024)" in msg and "yyyymmdd (20240301)" in msg
    assert err.value.positions.tolist() == [2]


def test_no_value_by_value_guessing():
    # pandas would read '13.1.2024' day-first and '1.2.2024' month-first in one column;
    # here a non-date is refused and valid days are never swapped
    with pytest.raises(ReadError, match=r"row 2: '31.2.2024'"):
        parse_dates(["1.2.2024", "31.2.2024"], column="d")
    with pytest.raises(ReadError, match="numbers that are neither yyyymmdd"):
        parse_dates([5, 7], column="d")
    with pytest.raises(ReadError, match="values are not dates"):
        parse_dates([True], column="d")


def test_explicit_format_and_misfits():
    assert _iso(parse_dates(["1-3-2024"], column="d", date_format="%d-%m-%Y")) == ["2024-03-01"]
    with pytest.raises(ReadError, match=r"do not fit date_format='d.m.yyyy'.*row 2: '2024-03-01'"):
        parse_dates(["1.3.2024", "2024-03-01"], column="d", date_format="d.m.yyyy")


def test_datetime_column_passes_and_log_counts():
    s = pd.Series(pd.to_datetime(["2024-03-01", None]))
    assert parse_dates(s, column="d").equals(s.astype("datetime64[ns]"))
    notes = ReadingNotes()
    parse_dates(["1.3.2024", None, "2.3.2024", "1.3.2024"], column="d", file="f", notes=notes)
    (entry,) = notes.entries
    assert (entry.code, entry.count, entry.detail) == ("date_format", 3, "d.m.yyyy")


def test_parse_date_single_value():
    assert parse_date("1.2.2019", what="start") == pd.Timestamp("2019-02-01")
    assert parse_date(20190201, what="start") == pd.Timestamp("2019-02-01")
    assert parse_date(dt.date(2019, 2, 1), what="start") == pd.Timestamp("2019-02-01")
    with pytest.raises(ReadError, match="more than one format"):
        parse_date("1/2/2019", what="start")
    with pytest.raises(ReadError, match="must be a date"):
        parse_date([1], what="start")
