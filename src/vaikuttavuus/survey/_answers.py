"""Standard Likert answer sets in Finnish, Swedish and English.

An answer set lists the verbal answers of a k-point scale from the lowest to the highest
value; the i-th answer (0-based) of an item whose scale starts at ``min`` is coded
``min + i``. "Don't know" answers are never numbers: they become missing.

Sets: ``agree4`` .. ``agree7`` (agreement; the default of a 4- to 7-point item),
``frequency5`` (ei koskaan ... aina / aldrig ... alltid / never ... always),
``satisfaction4`` and ``satisfaction5`` (erittäin tyytymätön ... erittäin tyytyväinen /
mycket missnöjd ... mycket nöjd / very dissatisfied ... very satisfied). A codebook picks one
with ``answers: frequency5`` per item or under ``defaults:``.
"""

from __future__ import annotations

import re
import unicodedata

from .._validation import check_choice

__all__ = ["ANSWER_SETS", "DONT_KNOW", "normalise_text", "answer_map", "unmapped_message"]

# agree7 is also the base of agree6 (the same answers without the neutral middle one).
_AGREE7: dict[str, tuple[str, ...]] = {
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
}

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
    "agree7": _AGREE7,
    "agree6": {lang: a[:3] + a[4:] for lang, a in _AGREE7.items()},
    "frequency5": {
        "fi": ("Ei koskaan|En koskaan", "Harvoin", "Joskus", "Usein", "Aina"),
        "sv": ("Aldrig", "Sällan", "Ibland", "Ofta", "Alltid"),
        "en": ("Never", "Rarely|Seldom", "Sometimes", "Often", "Always"),
    },
    "satisfaction4": {
        "fi": (
            "Erittäin tyytymätön",
            "Melko tyytymätön|Jokseenkin tyytymätön",
            "Melko tyytyväinen|Jokseenkin tyytyväinen",
            "Erittäin tyytyväinen",
        ),
        "sv": ("Mycket missnöjd", "Ganska missnöjd", "Ganska nöjd", "Mycket nöjd"),
        "en": ("Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"),
    },
    "satisfaction5": {
        "fi": (
            "Erittäin tyytymätön",
            "Melko tyytymätön|Jokseenkin tyytymätön",
            "Ei tyytyväinen eikä tyytymätön",
            "Melko tyytyväinen|Jokseenkin tyytyväinen",
            "Erittäin tyytyväinen",
        ),
        "sv": (
            "Mycket missnöjd",
            "Ganska missnöjd",
            "Varken nöjd eller missnöjd",
            "Ganska nöjd",
            "Mycket nöjd",
        ),
        "en": (
            "Very dissatisfied",
            "Dissatisfied|Somewhat dissatisfied",
            "Neither satisfied nor dissatisfied",
            "Satisfied|Somewhat satisfied",
            "Very satisfied",
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
    """First wording of each answer of set ``name`` in ``language`` (lowest first).

    Parameters
    ----------
    name : str
        An answer set of :data:`ANSWER_SETS` (``"agree5"``, ``"agree6"``, ``"frequency5"``, ...).
    language : {"fi", "sv", "en"}
        Language of the wordings.

    Returns
    -------
    tuple of str
        One wording per answer, from the lowest code up (what an export shows).

    References
    ----------
    Likert, R. (1932). A technique for the measurement of attitudes. *Archives of
    Psychology*, 140, 1-55.

    Examples
    --------
    >>> answer_labels("agree5", "en")
    ('Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree')
    """
    check_choice("name", name, sorted(ANSWER_SETS))
    check_choice("language", language, ("fi", "sv", "en"))
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


#: Distinct unmapped answer texts listed in full in an error message.
MAX_LISTED = 20


def _likely_set(texts: set[str]) -> tuple[str, int] | None:
    """The standard answer set that contains most of the unmapped ``texts`` (normalised)."""
    best = None
    for name in ANSWER_SETS:
        hits = len(texts & set(answer_map(name, 1)))
        if hits and (best is None or hits > best[1]):
            best = (name, hits)
    return best


def unmapped_message(unmapped: list[tuple[str, str, int]], header_texts: set[str]) -> str:
    """The error text for answers that no codebook mapping covers, grouped by answer text.

    Each distinct text is listed once with its count and the columns it occurs in (at most
    :data:`MAX_LISTED` texts, then how many more), followed by hints when the texts look like
    a second header row (column names or statement texts) or a standard answer set of another
    scale.

    Examples
    --------
    >>> print(unmapped_message([("q1", "Usein", 3), ("q2", "Usein", 2), ("q2", "Aina", 1)],
    ...                        {"q1", "q2"}))  # doctest: +NORMALIZE_WHITESPACE
    6 answer(s) in 2 column(s) could not be mapped through the codebook: 2 distinct text(s)
    (add them as 'answers' or 'categories' in the codebook, or fix the data):
      'Usein': 5 times in 'q1', 'q2'
      'Aina': 1 time in 'q2'
    Hint: 2 of these texts are answers of the standard set 'frequency5' (5 points); declare
    `answers: frequency5` with `scale: [1, 5]` for these items (or under `defaults:`).
    """
    groups: dict[str, list] = {}
    for col, value, n in unmapped:
        key = normalise_text(value)
        g = groups.setdefault(key, [value, 0, []])
        g[1] += n
        if col not in g[2]:
            g[2].append(col)
    ordered = sorted(groups.values(), key=lambda g: -g[1])
    total = sum(g[1] for g in ordered)
    columns = {c for c, _, _ in unmapped}
    lines = [
        f"{total} answer(s) in {len(columns)} column(s) could not be mapped through the "
        f"codebook: {len(ordered)} distinct text(s) (add them as 'answers' or 'categories' in "
        "the codebook, or fix the data):"
    ]
    for value, n, cols in ordered[:MAX_LISTED]:
        shown = ", ".join(repr(c) for c in cols[:5]) + (
            f" and {len(cols) - 5} more" if len(cols) > 5 else ""
        )
        lines.append(f"  {value!r}: {n} time{'s' if n != 1 else ''} in {shown}")
    if len(ordered) > MAX_LISTED:
        rest = ordered[MAX_LISTED:]
        lines.append(
            f"  ... and {len(rest)} more distinct text(s) ({sum(g[1] for g in rest)} answers)"
        )
    headers = {normalise_text(h) for h in header_texts}
    as_header = [g[0] for g in ordered if normalise_text(g[0]) in headers]
    if as_header:
        lines.append(
            f"Hint: {len(as_header)} of these texts are column names or statement texts "
            f"(e.g. {as_header[0]!r}): the file probably has a second header row; remove it."
        )
    likely = _likely_set(set(groups))
    if likely:
        name, hits = likely
        k = len(ANSWER_SETS[name]["fi"])
        lines.append(
            f"Hint: {hits} of these texts are answers of the standard set {name!r} ({k} "
            f"points); declare `answers: {name}` with `scale: [1, {k}]` for these items (or "
            "under `defaults:`)."
        )
    return "\n".join(lines)
