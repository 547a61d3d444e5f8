"""The one message catalogue (``messages.yaml``) and its lookup function."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from .._validation import check_choice

#: Languages of every report text.
LANGUAGES = ("fi", "sv", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Every message by key, then language (read once from the package data)."""
    text = resources.files("vaikuttavuus.present").joinpath("messages.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict):
        raise ValueError("vaikuttavuus/present/messages.yaml must map keys to {fi, sv, en} texts.")
    return data


def check_language(language: str) -> str:
    """``language`` if it is one of :data:`LANGUAGES`, else a ``ValueError`` naming them."""
    return check_choice("language", language, LANGUAGES)


def msg(key: str, language: str, /, **values: object) -> str:
    """The message ``key`` in ``language``, ``{placeholders}`` filled from ``values``.

    Parameters
    ----------
    key : str
        Namespaced key, e.g. ``"common.source"`` or ``"survey.reliability"``.
    language : {"fi", "sv", "en"}
    **values
        Values of the message's placeholders (already formatted and escaped by the caller
        where they are numbers or user text).

    Returns
    -------
    str

    Raises
    ------
    KeyError
        For a key the catalogue does not have (with the closest existing keys).

    Examples
    --------
    >>> msg("glossary.statistics_finland", "sv")
    'Statistikcentralen'
    >>> msg("glossary.te24", "sv"), msg("glossary.te24", "fi")
    ('AN24', 'TE24')
    """
    check_language(language)
    entry = catalogue().get(key)
    if entry is None:
        import difflib

        close = difflib.get_close_matches(key, catalogue(), n=3)
        raise KeyError(f"message {key!r} is not in messages.yaml; close keys: {close}")
    text = entry[language]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalogue has ``key``."""
    return key in catalogue()


def label(namespace: str, key: str, language: str, /, **values: object) -> str:
    """``namespace.key`` when the catalogue has it, else ``key`` unchanged (data labels).

    For column headers and row labels: API names (``ci_low``) are translated, names that
    are data (answer labels, item texts) pass through.

    >>> label("survey.label", "rows_read", "fi"), label("survey.label", "Q1 Very good", "fi")
    ('Luettuja rivejä', 'Q1 Very good')
    """
    full = f"{namespace}.{key}"
    return msg(full, language, **values) if isinstance(key, str) and has(full) else key
