"""Verbal descriptions of correlations for Finnish, Swedish and English reports.

Private vocabulary used by :func:`vaikuttavuus.correlation.corr_test` (column ``label``).
The strength cut-offs live in :data:`vaikuttavuus.correlation.STRENGTH_THRESHOLDS`.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

# strength key -> word, per language (the adjective agrees with the noun that follows).
_STRENGTH: dict[str, dict[str, str]] = {
    "fi": {
        "negligible": "hyvin heikko",
        "weak": "heikko",
        "moderate": "kohtalainen",
        "strong": "vahva",
    },
    "sv": {
        "negligible": "mycket svagt",
        "weak": "svagt",
        "moderate": "måttligt",
        "strong": "starkt",
    },
    "en": {
        "negligible": "very weak",
        "weak": "weak",
        "moderate": "moderate",
        "strong": "strong",
    },
}

_DIRECTION: dict[str, dict[str, str]] = {
    "fi": {"positive": "positiivinen", "negative": "negatiivinen"},
    "sv": {"positive": "positivt", "negative": "negativt"},
    "en": {"positive": "positive", "negative": "negative"},
}

_SIGNIFICANT: dict[str, str] = {
    "fi": "{strength} tilastollisesti merkitsevä {direction} yhteys",
    "sv": "{strength} statistiskt signifikant {direction} samband",
    "en": "{strength} statistically significant {direction} association",
}

_NOT_SIGNIFICANT: dict[str, str] = {
    "fi": "ei tilastollisesti merkitsevää yhteyttä",
    "sv": "inget statistiskt signifikant samband",
    "en": "no statistically significant association",
}


def correlation_label(strength: str, r: float, significant: bool, language: str) -> str:
    """Return the verbal label for one correlation.

    ``strength`` is a key of the strength vocabulary (``negligible``, ``weak``, ``moderate``,
    ``strong``); ``significant`` says whether the (adjusted) p-value is below alpha.
    """
    if not significant:
        return _NOT_SIGNIFICANT[language]
    direction = "positive" if r > 0 else "negative"
    return _SIGNIFICANT[language].format(
        strength=_STRENGTH[language][strength], direction=_DIRECTION[language][direction]
    )
