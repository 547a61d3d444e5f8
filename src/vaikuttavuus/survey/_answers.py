"""Standard Likert answer sets in Finnish, Swedish and English.

An answer set lists the verbal answers of a k-point scale from the lowest to the highest
value; the i-th answer (0-based) of an item whose scale starts at ``min`` is coded
``min + i``. "Don't know" answers are never numbers: they become missing.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ANSWER_SETS", "DONT_KNOW", "normalise_text", "answer_map"]

# name -> language -> answers from lowest to highest. Alternatives for one answer are
# separated by "|" (e.g. different wordings in common use).
ANSWER_SETS: dict[str, dict[str, tuple[str, ...]]] = {
    "agree4": {
        "fi": (
            "Täysin eri mieltä",
            "Jokseenkin eri mieltä|Osittain eri mieltä",
            "Jokseenkin samaa mieltä|Osittain samaa mieltä",
            "Täysin samaa mieltä",
        ),
        "sv": (
            "Helt av annan åsikt|Helt oenig",
            "Delvis av annan åsikt|Delvis oenig",
            "Delvis av samma åsikt|Delvis enig",
            "Helt av samma åsikt|Helt enig",
        ),
        "en": ("Strongly disagree", "Disagree", "Agree", "Strongly agree"),
    },
    "agree5": {
        "fi": (
            "Täysin eri mieltä",
            "Jokseenkin eri mieltä|Osittain eri mieltä",
            "Ei samaa eikä eri mieltä|Ei samaa mieltä eikä eri mieltä",
            "Jokseenkin samaa mieltä|Osittain samaa mieltä",
            "Täysin samaa mieltä",
        ),
        "sv": (
            "Helt av annan åsikt|Helt oenig",
            "Delvis av annan åsikt|Delvis oenig",
            "Varken av samma eller av annan åsikt|Varken av samma eller annan åsikt|"
            "Varken enig eller oenig",
            "Delvis av samma åsikt|Delvis enig",
            "Helt av samma åsikt|Helt enig",
        ),
        "en": (
            "Strongly disagree",
            "Disagree|Somewhat disagree",
            "Neither agree nor disagree",
            "Agree|Somewhat agree",
            "Strongly agree",
        ),
    },
    "agree7": {
        "fi": (
            "Täysin eri mieltä",
            "Eri mieltä",
            "Jokseenkin eri mieltä|Osittain eri mieltä",
            "Ei samaa eikä eri mieltä|Ei samaa mieltä eikä eri mieltä",
            "Jokseenkin samaa mieltä|Osittain samaa mieltä",
            "Samaa mieltä",
            "Täysin samaa mieltä",
        ),
        "sv": (
            "Helt av annan åsikt|Helt oenig",
            "Av annan åsikt|Oenig",
            "Delvis av annan åsikt|Delvis oenig",
            "Varken av samma eller av annan åsikt|Varken av samma eller annan åsikt|"
            "Varken enig eller oenig",
            "Delvis av samma åsikt|Delvis enig",
            "Av samma åsikt|Enig",
            "Helt av samma åsikt|Helt enig",
        ),
        "en": (
            "Strongly disagree",
            "Disagree",
            "Somewhat disagree",
            "Neither agree nor disagree",
            "Somewhat agree",
            "Agree",
            "Strongly agree",
        ),
    },
}

#: Answers that mean "no opinion": always set missing, never a number.
DONT_KNOW: dict[str, tuple[str, ...]] = {
    "fi": ("En osaa sanoa", "Ei osaa sanoa", "EOS"),
    "sv": ("Vet inte", "Kan inte säga", "Kan ej säga"),
    "en": ("Don't know", "Do not know", "Don’t know", "Cannot say", "Can't say"),
}

_SPACE = re.compile(r"\s+")


def normalise_text(value: object) -> str:
    """Unicode NFC, case-folded, whitespace collapsed: the key used to match answers.

    Examples
    --------
    >>> normalise_text("  Täysin   SAMAA mieltä ")
    'täysin samaa mieltä'
    """
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("\u00a0", " ").replace("’", "'")
    return _SPACE.sub(" ", text).strip().casefold()


def answer_labels(name: str, language: str) -> tuple[str, ...]:
    """First wording of each answer of set ``name`` in ``language`` (lowest first)."""
    return tuple(a.split("|")[0] for a in ANSWER_SETS[name][language])


def answer_map(name: str, minimum: int) -> dict[str, int]:
    """Normalised text -> code for every language of answer set ``name``.

    Examples
    --------
    >>> m = answer_map("agree5", 1)
    >>> m["täysin samaa mieltä"], m["helt av annan åsikt"], m["agree"]
    (5, 1, 4)
    """
    out: dict[str, int] = {}
    for answers in ANSWER_SETS[name].values():
        for i, alternatives in enumerate(answers):
            for text in alternatives.split("|"):
                out[normalise_text(text)] = minimum + i
    return out


def dont_know_texts() -> frozenset[str]:
    """Normalised "don't know" answers of every language."""
    return frozenset(normalise_text(t) for texts in DONT_KNOW.values() for t in texts)


def answer_set_for(n_points: int) -> str | None:
    """Name of the standard answer set with ``n_points`` answers, or None."""
    name = f"agree{n_points}"
    return name if name in ANSWER_SETS else None
