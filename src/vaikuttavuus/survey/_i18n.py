"""Texts of the survey report: the ``survey.*`` keys of the one catalogue
(:mod:`vaikuttavuus.present`, ``messages.yaml``); the reading log's notes matched to them."""

from __future__ import annotations

import re

from ..present import LANGUAGES, check_language, label, msg

__all__ = ["LANGUAGES", "header", "reading_note", "text"]


def text(key: str, language: str, **kwargs: object) -> str:
    """The text ``survey.<key>`` in ``language`` with ``{placeholders}`` filled in."""
    return msg(f"survey.{key}", language, **kwargs)


def header(key: str, language: str, **kwargs: object) -> str:
    """The table header / row label ``survey.label.<key>`` in ``language``; unknown keys are
    returned as is (names that are data, e.g. answer labels, item texts)."""
    return label("survey.label", key, language, **kwargs)


# Notes of the reading log (io.read_survey writes them in English) -> catalogue keys.
_NOTES: tuple[tuple[str, str], ...] = (
    (r"numbers with a decimal comma were read as decimals", "decimal_comma"),
    (r"(?P<n>\d+) completely empty row\(s\) were skipped", "empty_rows"),
    (r"SPSS value labels were mapped through the codebook", "spss_labels"),
    (r"the file is not UTF-8; it was read as (?P<enc>.+)", "not_utf8"),
    (r"the file is UTF-16 \(with a byte order mark\)", "utf16"),
    (r"the text looks doubly encoded.*", "double_encoded"),
    (r"(?P<n>\d+) answer\(s\) outside the scale were set missing: (?P<values>.*)", "out_of_range"),
)


def _count(n: int) -> str:
    """A count as published: fewer than MIN_CELL_SIZE (but not 0) reads "<5" (disclosure control)."""
    from ..disclosure import MIN_CELL_SIZE

    return f"<{MIN_CELL_SIZE}" if 0 < n < MIN_CELL_SIZE else str(n)


def reading_note(note: str, language: str) -> str:
    """A note of the reading log in ``language`` (a note not known here is kept as is)."""
    check_language(language)
    for pattern, key in _NOTES:
        m = re.fullmatch(pattern, note.strip().rstrip("."), flags=re.DOTALL)
        if m:
            kw = m.groupdict()
            if "values" in kw:  # answers outside the scale: counts of persons per value
                kw["n"] = _count(int(kw["n"]))
                times = msg("survey.times", language)
                kw["values"] = re.sub(
                    r"\((\d+) times\)",
                    lambda c, times=times: f"({_count(int(c.group(1)))} {times})",
                    kw["values"],
                )
            return msg(f"survey.reading_note.{key}", language, **kw)
    return note
