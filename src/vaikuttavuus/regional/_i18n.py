"""Texts of the region report: the ``region.*`` keys of the one catalogue
(:mod:`vaikuttavuus.present`, ``messages.yaml``)."""

from __future__ import annotations

from ..present import LANGUAGES, catalogue, check_language, format_number, has, label, msg

__all__ = ["LANGUAGES", "all_texts", "header", "keys", "language_label", "number", "text"]


def text(key: str, language: str, **kw: object) -> str:
    """The text ``region.<key>`` in ``language`` with ``{placeholders}`` filled from ``kw``."""
    return msg(f"region.{key}", language, **kw)


def header(key: str, language: str) -> str:
    """A table header ``region.label.<key>`` in ``language`` (unknown keys returned unchanged)."""
    return label("region.label", key, language)


def language_label(value: object, language: str) -> str:
    """A municipality's language code (``fi``, ``sv``, ``fi-sv``, ``sv-fi``) as words."""
    check_language(language)
    key = str(value).strip().lower().replace("_", "-").replace("/", "-")
    if key in ("fi,sv", "fi+sv"):
        key = "fi-sv"
    if key in ("sv,fi", "sv+fi"):
        key = "sv-fi"
    return msg(f"region.language.{key}", language) if has(f"region.language.{key}") else str(value)


def number(value: float, language: str, digits: int = 0) -> str:
    """A number as the language writes it, the rule of every report table
    (:func:`vaikuttavuus.present.format_number`)."""
    return format_number(value, language, digits)


def keys() -> tuple[str, ...]:
    """Every text and header key of the region report (without the ``region.`` namespace)."""
    return tuple(all_texts())


def all_texts() -> dict[str, dict[str, str]]:
    """Texts and headers by key (``region.`` and ``region.label.`` stripped), then language."""
    out: dict[str, dict[str, str]] = {}
    for key, entry in catalogue().items():
        if key.startswith("region.label."):
            out.setdefault(key.removeprefix("region.label."), dict(entry))
        elif key.startswith("region.") and not key.startswith("region.language."):
            out[key.removeprefix("region.")] = dict(entry)
    return out
