"""The reading log: structured, language-free entries; every code has a catalogue message."""

from __future__ import annotations

import re

import pytest

from vaikuttavuus.io import CODES, ReadingLog, ReadingNotes
from vaikuttavuus.present import msg
from vaikuttavuus.present._messages import catalogue

FIELDS = {"count", "file", "column", "detail", "examples"}


def test_entries_are_counted_and_framed():
    notes = ReadingNotes()
    notes.add("decimal_comma", 3, file="j.csv", column="hours", examples=["37,5", "12,5"])
    notes.add("key_trimmed", 0, file="j.csv", column="site")  # nothing happened: no entry
    log = notes.log()
    assert isinstance(log, ReadingLog) and len(log.entries) == 1
    row = log.to_frame().iloc[0].to_dict()
    assert row == {"code": "decimal_comma", "count": 3, "file": "j.csv", "column": "hours",
                   "examples": "37,5 | 12,5", "detail": ""}  # fmt: skip
    assert log.counts() == {"decimal_comma": 3}
    assert "Reading log" in str(log.summary())
    with pytest.raises(ValueError, match="unknown reading-log code 'guessed'"):
        notes.add("guessed", 1, file="j.csv")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_a_message_in_three_languages(code):
    entry = catalogue()[f"reading.{code}"]
    for lang in ("fi", "sv", "en"):
        used = set(re.findall(r"\{(\w+)\}", entry[lang]))
        assert used <= FIELDS, (code, lang, used)
        text = msg(f"reading.{code}", lang, count=2, file="a.csv", column="x", detail="d",
                   examples="'1,5'")  # fmt: skip
        assert "{" not in text


def test_paths_resolved_against_the_working_directory_and_hashed(tmp_path, monkeypatch):
    import hashlib

    from vaikuttavuus.io import file_digest, resolve_path

    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.csv").write_bytes(b"a;b\n1;2\n")
    monkeypatch.chdir(tmp_path)
    assert resolve_path("x/a.csv") == tmp_path / "x" / "a.csv"
    with pytest.raises(FileNotFoundError, match=r"data_dir '../nope' does not exist \(resolved"):
        resolve_path("../nope", what="data_dir")
    assert file_digest("x/a.csv") == "sha256:" + hashlib.sha256(b"a;b\n1;2\n").hexdigest()
