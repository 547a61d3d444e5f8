"""vaikuttavuus.io.tables: the files a user has, read right or refused with file, row, value."""

from __future__ import annotations

import gzip
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from vaikuttavuus.io import ReadError, ReadingNotes, read_table, read_text

DATA = Path(__file__).parent / "data" / "io"


def _codes(notes: ReadingNotes) -> dict[str, str]:
    return {e.code: e.detail for e in notes.entries}


def test_webropol_title_row_is_skipped_and_logged():
    notes = ReadingNotes()
    t = read_table(DATA / "webropol_title_row.csv", notes=notes)
    assert list(t.frame.columns) == ["id", "q1", "q2", "ryhmä", "osuus"]
    assert t.frame["id"].tolist() == ["1", "2", "3"]
    assert t.rows.tolist() == [3, 4, 5]  # file rows: title 1, header 2
    entry = next(e for e in notes.entries if e.code == "title_row_skipped")
    assert entry.detail == "1" and entry.examples[0].startswith("Henkilöstökysely 2024")
    assert _codes(notes)["encoding"] == "utf-8-sig" and _codes(notes)["separator"] == ";"


def test_header_row_and_skip_rows_given_explicitly():
    notes = ReadingNotes()
    t = read_table(DATA / "webropol_question_row.csv", skip_rows=[2], notes=notes)
    assert t.frame["id"].tolist() == ["1", "2"] and t.rows.tolist() == [3, 4]
    assert _codes(notes)["rows_skipped"] == "2"
    t2 = read_table(DATA / "webropol_title_row.csv", header_row=2)
    assert t2.frame.shape == (3, 5)
    with pytest.raises(ValueError, match="header_row must be a row number"):
        read_table(DATA / "webropol_title_row.csv", header_row=0)


def test_cp1252_decimal_comma_file_is_decoded():
    notes = ReadingNotes()
    t = read_table(DATA / "episodes_fi_days_le_12.csv", notes=notes)
    assert _codes(notes)["encoding"] == "cp1252"
    assert t.frame["provider"].iloc[0] == "Palvelu Ääritalo Oy"
    assert t.frame["provider"].iloc[1] == "Provider C "  # kept as read: keys are cleaned later
    assert pd.isna(t.frame["end"].iloc[2])


def test_xlsx_sheet_by_name_and_position_and_missing_sheet():
    path = DATA / "two_sheets.xlsx"
    assert read_table(path).frame["id"].tolist() == [1, 2]
    autumn = read_table(path, sheet="Syksy").frame
    assert autumn["id"].tolist() == [11, 12, 13]
    assert read_table(path, sheet=1).frame.equals(autumn)
    with pytest.raises(
        ReadError, match=r"two_sheets.xlsx has no sheet 'Syys'; sheets: 'Kevät', 'Syksy'"
    ):
        read_table(path, sheet="Syys")
    with pytest.raises(ReadError, match=r"has 2 sheet\(s\), so sheet=2 does not exist"):
        read_table(path, sheet=2)


def test_formula_cells_without_stored_values_are_refused():
    with pytest.raises(
        ReadError, match=r"2 cell\(s\) hold a formula without a stored value.*E2 \(=1/4\)"
    ):
        read_table(DATA / "formulas_without_values.xlsx")


def test_duplicate_header_is_refused_naming_the_columns():
    with pytest.raises(ReadError, match=r"duplicate_header.csv: .*'q1' in columns 2, 3"):
        read_table(DATA / "duplicate_header.csv")


def test_empty_header_only_and_truncated_files():
    with pytest.raises(ReadError, match=r"empty.csv is empty \(0 bytes\)"):
        read_table(DATA / "empty.csv")
    with pytest.raises(
        ReadError, match=r"episodes_header_only.csv has a header \(row 1\) but no data rows"
    ):
        read_table(DATA / "episodes_header_only.csv")
    with pytest.raises(ReadError, match="truncated.csv.gz is truncated or damaged"):
        read_table(DATA / "truncated.csv.gz")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        read_table(DATA / "nope.csv")


def test_extra_separator_row_is_named():
    with pytest.raises(ReadError) as err:
        read_table(DATA / "episodes_extra_separator.csv")
    msg = str(err.value)
    assert "the header (row 1) has 9 fields separated by ';'" in msg
    assert "row 3 has 10" in msg and "siirtyi; palkkatuki" in msg


def test_separator_decided_on_the_whole_file(tmp_path):
    # 60 rows where a comma would also split consistently in the first 50 lines
    lines = ["a;b"] + [f"{i},5;x" for i in range(59)] + ["7;y,z,w"]
    (tmp_path / "s.csv").write_text("\n".join(lines) + "\n")
    notes = ReadingNotes()
    t = read_table(tmp_path / "s.csv", notes=notes)
    assert _codes(notes)["separator"] == ";" and t.frame.shape == (60, 2)


def test_quoted_fields_keep_separators_and_line_breaks(tmp_path):
    (tmp_path / "q.csv").write_text('a;b\n"x;y";1\n"p\nq";2\n', encoding="utf-8")
    t = read_table(tmp_path / "q.csv")
    assert t.frame["a"].tolist() == ["x;y", "p\nq"] and t.rows.tolist() == [2, 3]


def test_gzip_csv_and_empty_rows(tmp_path):
    (tmp_path / "d.csv.gz").write_bytes(gzip.compress(b"a;b;\n1;2;\n;;\n3;4;\n"))
    notes = ReadingNotes()
    t = read_table(tmp_path / "d.csv.gz", notes=notes)
    assert t.frame.to_dict("list") == {"a": ["1", "3"], "b": ["2", "4"]}
    assert t.rows.tolist() == [2, 4] and _codes(notes)["empty_rows_skipped"] == "3"


def test_nameless_column_with_data_is_refused(tmp_path):
    (tmp_path / "n.csv").write_text("a;;c\n1;2;3\n")
    with pytest.raises(
        ReadError, match=r"column 2 has no name in the header \(row 1\) but holds data"
    ):
        read_table(tmp_path / "n.csv")


def test_file_kind_checked_from_bytes(tmp_path):
    (tmp_path / "x.xlsx").write_text("a;b\n1;2\n")
    with pytest.raises(ReadError, match=r"is a text \(CSV\) file, not an Excel workbook"):
        read_table(tmp_path / "x.xlsx")
    (tmp_path / "y.pdf").write_text("x")
    with pytest.raises(ReadError, match="unknown file type '.pdf'"):
        read_table(tmp_path / "y.pdf")


def test_xlsx_title_row_and_dates(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Rekisteriote 2024"])
    ws.append(["client", "start"])
    ws.append(["c1", pd.Timestamp("2024-03-01").to_pydatetime()])
    book.save(tmp_path / "r.xlsx")
    notes = ReadingNotes()
    t = read_table(tmp_path / "r.xlsx", notes=notes)
    assert t.frame["start"].iloc[0] == pd.Timestamp("2024-03-01") and t.rows.tolist() == [3]
    assert _codes(notes)["title_row_skipped"] == "1" and _codes(notes)["sheet"] == "Sheet"


def test_read_text_detects_cp1252(tmp_path):
    (tmp_path / "c.yaml").write_bytes("nimi: Pohjanmaan hyvinvointialue\nä: 1\n".encode("cp1252"))
    assert "ä: 1" in read_text(tmp_path / "c.yaml")
    (tmp_path / "e.yaml").write_text("")
    with pytest.raises(ReadError, match="is empty"):
        read_text(tmp_path / "e.yaml")
