"""read_survey: the same survey from every format, encodings, and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _survey_fixtures import (
    FI,
    SMALL_CODEBOOK,
    expected_frame,
    small_codes,
    write_codebook,
    write_formats,
)

from vaikuttavuus.survey import SurveyWarning, load_codebook, read_survey


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    codes = small_codes()
    return codes, write_formats(codes, folder), write_codebook(folder / "codebook.yaml")


@pytest.mark.parametrize("fmt", ["csv_comma", "csv_semicolon", "xlsx", "sav"])
def test_every_format_gives_the_same_frame(small, fmt):
    codes, paths, cb = small
    survey = read_survey(paths[fmt], codebook=cb)
    pd.testing.assert_frame_equal(survey.data, expected_frame(codes))


def test_reading_log_counts(small):
    codes, paths, cb = small
    logs = {fmt: read_survey(p, codebook=cb).reading_log for fmt, p in paths.items()}
    items = [f"k{k}" for k in range(1, 7)]
    n_dk = int((codes[items] == 9).sum().sum())
    n_empty = int(codes[items].isna().sum().sum())
    n_valid = codes[items].size - n_dk - n_empty
    for fmt, log in logs.items():
        assert log.n_rows == len(codes)
        per = log.per_column.set_index("column").loc[items]
        assert per["answers"].sum() == n_valid + n_dk, fmt
        assert per["valid"].sum() == n_valid, fmt
        assert per["empty"].sum() == n_empty, fmt
        # text answers were recoded; SPSS codes were numbers mapped through their labels
        recoded = per["recoded"].sum()
        assert recoded == (0 if fmt == "sav" else n_valid), fmt
        assert per["dont_know"].sum() == n_dk, fmt
    assert logs["csv_comma"].ignored_columns == ("Aloitusaika",)
    assert logs["csv_comma"].encoding == "utf-8-sig"
    assert logs["csv_comma"].separator == ","
    assert logs["csv_semicolon"].separator == ";"
    assert logs["csv_semicolon"].encoding == "cp1252"
    assert any("not UTF-8" in n for n in logs["csv_semicolon"].notes)
    assert any("decimal comma" in n for n in logs["csv_semicolon"].notes)
    # the municipality's missing code 9 is counted as set missing
    kunta = logs["sav"].per_column.set_index("column").loc["kunta"]
    assert kunta["missing_code"] == 1
    text = str(logs["csv_comma"])
    assert "rows read" in text and "Aloitusaika" in text


def test_committed_fixtures_encodings():
    """Committed small exports: UTF-8 without BOM, Latin-1, UTF-16 tab-separated."""
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "survey"
    cb = folder / "mini_codebook.yaml"
    frames = {}
    for name, enc in [
        ("mini_utf8.csv", "utf-8"),
        ("mini_latin1.csv", "cp1252"),
        ("mini_utf16.txt", "utf-16"),
    ]:
        s = read_survey(folder / name, codebook=cb)
        assert s.reading_log.encoding == enc, name
        frames[name] = s.data
    first = frames.pop("mini_utf8.csv")
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, first, obj=name)
    assert first["q1"].tolist()[:3] == [5.0, 1.0, 4.0]


def test_unicode_normalisation(tmp_path):
    import unicodedata

    cb = write_codebook(
        tmp_path / "cb.yaml", {"defaults": {"scale": [1, 5]}, "items": [{"column": "q"}]}
    )
    decomposed = unicodedata.normalize("NFD", "TÄYSIN SAMAA MIELTÄ")
    assert decomposed != "TÄYSIN SAMAA MIELTÄ"
    f = tmp_path / "s.csv"
    f.write_text(f"q\n{decomposed}\n\u00a0täysin\u00a0  eri mieltä\n3\n", encoding="utf-8")
    assert read_survey(f, cb).data["q"].tolist() == [5.0, 1.0, 3.0]


# ------------------------------------------------------------------------- bad input
def _one(tmp_path, text, spec=None, name="s.csv", **kw):
    cb = write_codebook(
        tmp_path / "cb.yaml", spec or {"id": "id", "defaults": {"scale": [1, 5]},
                                       "items": [{"column": "q1"}, {"column": "q2"}]}
    )  # fmt: skip
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return read_survey(f, cb, **kw)


def test_unmapped_answers_are_all_listed_with_counts(tmp_path):
    text = "id,q1,q2\n1,Samaa mieltä,5\n2,Samaa mieltä,kyllä\n3,Täysin samaa mieltä,ehkä\n"
    with pytest.raises(ValueError) as err:
        _one(tmp_path, text)
    msg = str(err.value)
    assert "4 answer(s) in 2 column(s) could not be mapped" in msg
    assert "3 distinct text(s)" in msg
    assert "'Samaa mieltä': 2 times in 'q1'" in msg
    assert "'kyllä': 1 time in 'q2'" in msg and "'ehkä': 1 time in 'q2'" in msg
    assert "standard set 'agree7'" in msg  # 'Samaa mieltä' is a 6/7-point answer


def test_unmapped_answers_grouped_with_at_most_20_texts(tmp_path):
    rows = [f"{i},vastaus {i % 30},vastaus {i % 30}" for i in range(120)]
    with pytest.raises(ValueError) as err:
        _one(tmp_path, "id,q1,q2\n" + "\n".join(rows) + "\n")
    msg = str(err.value)
    assert "240 answer(s) in 2 column(s)" in msg and "30 distinct text(s)" in msg
    assert msg.count("times in 'q1', 'q2'") == 20  # each text once, both columns named
    assert "... and 10 more distinct text(s) (80 answers)" in msg
    assert len(msg) < 2500


def test_unmapped_hints_header_row_and_other_scale(tmp_path):
    text = "id,q1,q2\n0,q1,q2\n1,Usein,Aina\n2,Joskus,Ei koskaan\n"
    with pytest.raises(ValueError) as err:
        _one(tmp_path, text)
    msg = str(err.value)
    assert "second header row" in msg and "'q1'" in msg
    assert "standard set 'frequency5' (5 points)" in msg and "`answers: frequency5`" in msg


def test_out_of_range_error_or_missing_with_warning(tmp_path):
    text = "id,q1,q2\n1,6,5\n2,6,0\n3,2,3.5\n"
    with pytest.raises(ValueError, match=r"outside") as err:
        _one(tmp_path, text)
    assert "'q1': 6 (2 times)" in str(err.value)
    assert "'q2': 0 (1 times)" in str(err.value) and "'q2': 3.5 (1 times)" in str(err.value)
    with pytest.warns(SurveyWarning, match="4 answer"):
        s = _one(tmp_path, text, out_of_range="missing")
    assert s.data["q1"].isna().sum() == 2
    assert s.reading_log.totals["out_of_range"] == 4


def test_duplicate_ids(tmp_path):
    with pytest.raises(
        ValueError, match=r"1 respondent id\(s\) occur more than once.*7 \(2 rows\)"
    ):
        _one(tmp_path, "id,q1,q2\n7,1,2\n8,1,2\n7,3,3\n")
    with pytest.raises(ValueError, match=r"'a7' \(2 rows\)"):
        _one(tmp_path, "id,q1,q2\na7,1,2\na8,1,2\na7,3,3\n")


def test_missing_codebook_column(tmp_path):
    with pytest.raises(ValueError, match=r"lacks 1 column\(s\).*'q2'"):
        _one(tmp_path, "id,q1,q3\n1,1,2\n")


def test_empty_and_header_only_files(tmp_path):
    with pytest.raises(ValueError, match="is empty"):
        _one(tmp_path, "")
    with pytest.raises(ValueError, match="header.*no data rows"):
        _one(tmp_path, "id,q1,q2\n")


def test_file_not_what_extension_says(tmp_path):
    with pytest.raises(ValueError, match=r"is a text \(CSV\) file, not an Excel workbook"):
        _one(tmp_path, "id,q1,q2\n1,1,2\n", name="s.xlsx")
    with pytest.raises(ValueError, match="HTML page.*xls"):
        _one(tmp_path, "<html><body><table><tr><td>1</td></tr></table></body></html>", name="s.xls")
    pd.DataFrame({"id": [1], "q1": [1], "q2": [2]}).to_excel(tmp_path / "book.xlsx", index=False)
    (tmp_path / "book.csv").write_bytes((tmp_path / "book.xlsx").read_bytes())
    cb = write_codebook(tmp_path / "cb2.yaml", {"items": [{"column": "q1"}]})
    with pytest.raises(ValueError, match=r"is an Excel workbook \(.xlsx\), not a text"):
        read_survey(tmp_path / "book.csv", cb)


def test_wrong_explicit_encoding(tmp_path):
    cb = write_codebook(
        tmp_path / "cb.yaml", {"defaults": {"scale": [1, 5]}, "items": [{"column": "q"}]}
    )
    f = tmp_path / "s.csv"
    f.write_bytes("q\nTäysin samaa mieltä\n".encode("latin-1"))
    with pytest.raises(ValueError, match="cannot be read as utf-8"):
        read_survey(f, cb, encoding="utf-8")
    assert read_survey(f, cb).data["q"].tolist() == [5.0]


def test_doubly_encoded_text_warns(tmp_path):
    cb = write_codebook(
        tmp_path / "cb.yaml", {"defaults": {"scale": [1, 5]}, "items": [{"column": "q"}]}
    )
    f = tmp_path / "s.csv"
    f.write_text("q\n" + "Täysin samaa mieltä".encode().decode("latin-1") + "\n", encoding="utf-8")
    with (
        pytest.warns(SurveyWarning, match="doubly encoded"),
        pytest.raises(ValueError, match="mapped"),
    ):
        read_survey(f, cb)


def test_no_warning_on_clean_read(small):
    _, paths, cb = small
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_survey(paths["csv_comma"], cb)


def test_keyed_items_reverse(small):
    _, paths, cb = small
    s = read_survey(paths["sav"], cb)
    np.testing.assert_array_equal(s.keyed_items()["k3"], 6 - s.data["k3"])
    np.testing.assert_array_equal(s.keyed_items()["k1"], s.data["k1"])
    assert load_codebook(cb).reverse_items == ("k3",)
    assert SMALL_CODEBOOK["items"][0]["column"] == "k1"
    assert FI[4] == "Täysin samaa mieltä"
