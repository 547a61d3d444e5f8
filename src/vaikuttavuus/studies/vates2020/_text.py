"""Texts of the Vates reproduction (reports and notebook): the ``vates2020.*`` messages."""

from __future__ import annotations

from vaikuttavuus._validation import check_choice
from vaikuttavuus.present import catalogue, msg

__all__ = ["LANGUAGES", "text"]

#: Languages of the Vates report (the catalogue also has Swedish for every text).
LANGUAGES = ("fi", "en")

_PREFIX = "vates2020."


def text(key: str, language: str) -> str:
    """Return the text ``key`` in ``language`` ("fi" or "en"), placeholders unfilled.

    The texts are the ``vates2020.*`` messages of ``vaikuttavuus/present/messages.yaml``.

    Parameters
    ----------
    key : str
        One of the labels of the Vates 2020 report (table headings, verdicts ...).
    language : {"fi", "en"}
        Language of the string.

    Returns
    -------
    str
        The label; an unknown ``key`` or ``language`` raises a ``ValueError`` listing the
        allowed values.

    References
    ----------
    Kallio (2020) for the study; the texts themselves are this package's.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import text
    >>> text("rotation", "fi"), text("rotation", "en")
    ('rotaatio', 'rotation')
    """
    check_choice("language", language, LANGUAGES)
    keys = sorted(k.removeprefix(_PREFIX) for k in catalogue() if k.startswith(_PREFIX))
    check_choice("key", key, keys)
    return msg(_PREFIX + key, language)
