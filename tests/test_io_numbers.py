"""vaikuttavuus.io.numbers and keys: Finnish numbers, flags, trimmed keys, municipality codes."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.io import (
    ReadError,
    ReadingNotes,
    clean_keys,
    municipality_codes,
    parse_flags,
    parse_numbers,
)


def test_finnish_numbers():
    values = ["37,5", "12,50", "1 234", "1\u00a0234,5", "1\u202f000", "\u22122", "+3", "-0,5",
              "7", "", None, "0.25"]  # fmt: skip
    got = parse_numbers(values, column="x").tolist()
    want = [37.5, 12.5, 1234.0, 1234.5, 1000.0, -2.0, 3.0, -0.5, 7.0, np.nan, np.nan, 0.25]
    np.testing.assert_array_equal(got, want)


def test_coercions_are_counted_with_examples():
    notes = ReadingNotes()
    parse_numbers(["37,5", "37,5", "1 234", "\u22122", "5"], column="h", file="j.csv", notes=notes)
    got = {e.code: (e.count, e.examples) for e in notes.entries}
    assert got == {
        "decimal_comma": (2, ("37,5",)),
        "thousands_separator": (1, ("1 234",)),
        "unicode_minus": (1, ("\u22122",)),
    }


@pytest.mark.parametrize("bad", ["20 h", "n. 30", "1.234,5", "12,", "1 23", "--1", "€5"])
def test_anything_else_is_refused_naming_the_value(bad):
    with pytest.raises(ReadError) as err:
        parse_numbers(["1", bad], column="hours", file="jobs.csv", rows=[2, 3])
    assert f"jobs.csv, column 'hours': 1 value(s) are not numbers: row 3: {bad!r}" in str(err.value)
    assert err.value.positions.tolist() == [1]


def test_invalid_missing_counts_and_names_the_values():
    notes = ReadingNotes()
    got = parse_numbers(["20 h", "30", "20 h"], column="hours", invalid="missing", notes=notes)
    assert np.isnan(got.iloc[0]) and got.iloc[1] == 30
    (entry,) = notes.entries
    assert (entry.code, entry.count, entry.examples) == ("not_a_number", 2, ("20 h",))


def test_numeric_columns_pass_and_bools_are_refused():
    assert parse_numbers(pd.Series([1, 2]), column="x").dtype == np.float64
    with pytest.raises(ReadError, match="true/false values are not numbers"):
        parse_numbers(pd.Series([True, False]), column="x")


def test_flags():
    got = parse_flags(["True", "FALSE", "1", 0, True, "0.0"], column="c").tolist()
    assert got == [True, False, True, False, True, False]
    with pytest.raises(
        ReadError, match=r"2 value\(s\) are not True/False: row 1: 'kyllä', row 2: None"
    ):
        parse_flags(["kyllä", None], column="competitive")


def test_keys_trimmed_and_nfc_normalised_with_counts():
    decomposed = unicodedata.normalize("NFD", "Ääritalo")
    notes = ReadingNotes()
    got = clean_keys(["Provider C ", " Provider C", "Provider C", decomposed, 12.0, "  ", None],
                     column="provider", file="ep.csv", notes=notes)  # fmt: skip
    assert got.tolist()[:5] == ["Provider C", "Provider C", "Provider C", "Ääritalo", "12"]
    assert pd.isna(got.iloc[5]) and pd.isna(got.iloc[6])
    counts = {e.code: e.count for e in notes.entries}
    assert counts == {"key_trimmed": 3, "key_normalised": 1}  # two names and "  "


def test_municipality_codes():
    notes = ReadingNotes()
    got = municipality_codes(["91", 5, "837", " 049"], notes=notes)
    assert got.tolist() == ["091", "005", "837", "049"]
    assert {e.code: e.count for e in notes.entries} == {
        "key_trimmed": 1,
        "municipality_zero_padded": 2,
    }
    with pytest.raises(ReadError, match=r"ep.csv, column 'municipality': 2 row\(s\) have no valid "
                       r"municipality code \(1 to 3 digits\): row 3: None, row 4: 'KU091'"):  # fmt: skip
        municipality_codes(["091", "837", None, "KU091"], file="ep.csv")


def test_keys_of_a_long_column_with_few_distinct_values():
    decomposed = unicodedata.normalize("NFD", "Ääritalo")
    values = pd.Series(["Provider C ", "Provider C", decomposed, None] * 15000, dtype="str")
    notes = ReadingNotes()
    got = clean_keys(values, column="provider", notes=notes)
    assert (
        got.iloc[:3].tolist() == ["Provider C", "Provider C", "Ääritalo"]
        and got.isna().sum() == 15000
    )
    assert {e.code: e.count for e in notes.entries} == {
        "key_trimmed": 15000,
        "key_normalised": 15000,
    }
    clean = pd.Series(["a", "b"] * 30000, dtype="str")
    assert clean_keys(clean, column="x") is clean  # nothing to change: the column as read
