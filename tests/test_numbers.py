"""Numbers shown as the report's language writes them (display only)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus._numbers import display_number, display_table, fixed_number

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (1462447.0, "fi", f"1{NB}462{NB}447"),
        (1462447, "sv", f"1{NB}462{NB}447"),
        (1462447.0, "en", "1,462,447"),
        (2024, "fi", "2024"),  # four digits (years) are not grouped
        (0.109, "fi", "0,109"),
        (0.1, "sv", "0,1"),
        (0.1094, "en", "0.109"),
        (-12345.5, "fi", f"-12{NB}345,5"),
        (5.0, "fi", "5"),
        (np.int64(37), "fi", "37"),
        (float("inf"), "fi", "∞"),
        (float("nan"), "fi", ""),
        ("<5", "fi", "<5"),
        (True, "fi", True),
    ],
)
def test_display_number(value, language, expected):
    assert display_number(value, language) == expected


def test_display_table_keeps_text_and_index():
    table = pd.DataFrame(
        {"total": [174646.0, 12.5], "share": [0.096, "<5"]},
        index=pd.Index(["A", "B"], name="provider"),
    )
    shown = display_table(table, "fi")
    assert shown.loc["A", "total"] == f"174{NB}646" and shown.loc["B", "total"] == "12,5"
    assert shown.loc["B", "share"] == "<5" and shown.index.equals(table.index)
    assert table.loc["A", "total"] == 174646.0  # the input is not changed
    assert display_table(table, None) is table


@pytest.mark.parametrize(
    ("value", "language", "digits", "expected"),
    [
        (37.21, "fi", 2, "37,21"),
        (37.2, "sv", 2, "37,20"),  # fixed decimals, unlike display_number
        (16000.3, "fi", 2, f"16{NB}000,30"),
        (1278, "fi", 0, "1278"),
        (0.0033, "en", 4, "0.0033"),
        (float("inf"), "fi", 2, "∞"),
        (float("nan"), "fi", 2, ""),
    ],
)
def test_fixed_number(value, language, digits, expected):
    assert fixed_number(value, language, digits) == expected
