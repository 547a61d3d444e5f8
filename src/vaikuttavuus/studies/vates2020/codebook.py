"""Generate the shipped starter codebook of the Vates 2020 instrument from its data.

The codebook ``codebooks/vates2020.yaml`` is derived from
``vaikuttavuus/studies/vates2020/instrument.csv`` (never edited by hand). Regenerate it with::

    python -m vaikuttavuus.studies.vates2020.codebook
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from vaikuttavuus.survey import Codebook

__all__ = ["VATES_CODEBOOK", "vates_codebook", "write_vates_codebook"]

VATES_CODEBOOK = Path(__file__).parents[2] / "survey" / "codebooks" / "vates2020.yaml"
_HEADER = """\
# Starter codebook for the Vates 2020 staff survey (Kallio 2020).
# GENERATED from vaikuttavuus/studies/vates2020/instrument.csv by
# `python -m vaikuttavuus.studies.vates2020.codebook`; do not edit by hand: copy it and adapt
# the copy to your own export (column names, missing codes, background variables).
# Items v27-v31 are placeholders for the five unpublished statements (no scale).
# The response scale 1-5 is assumed (agree5: "Täysin eri mieltä" = 1 ... "Täysin samaa
# mieltä" = 5; "En osaa sanoa" is missing).
"""


def _scale(text: str) -> list[int]:
    m = re.match(r"\s*(\d+)\s*-\s*(\d+)", str(text))
    if not m:
        raise ValueError(f"response_scale {text!r} of the instrument is not of the form 'min-max'.")
    return [int(m.group(1)), int(m.group(2))]


def _texts(row: pd.Series) -> dict[str, str]:
    return {
        lang: str(row[f"text_{lang}"]) for lang in ("fi", "en") if pd.notna(row.get(f"text_{lang}"))
    }


def vates_codebook() -> Codebook:
    """The Vates 2020 codebook built from the instrument data of :mod:`vaikuttavuus.studies.vates2020`.

    Examples
    --------
    >>> cb = vates_codebook()
    >>> len(cb.items), sorted(cb.scales), len(cb.outcomes)
    (31, ['F1', 'F2', 'F3', 'F4'], 5)
    """
    from vaikuttavuus.studies.vates2020 import instrument

    inst = instrument()
    likert = inst[inst["kind"] == "likert"].sort_values("order")
    shares = inst[inst["kind"] == "share"].sort_values("order")
    items = []
    scales: dict[str, dict[str, object]] = {}
    for _, row in likert.iterrows():
        d: dict[str, object] = {
            "column": row["item"],
            "text": _texts(row),
            "scale": _scale(row["response_scale"]),
            "reverse": False,
        }
        if pd.notna(row["factor"]):
            name = f"F{int(row['factor'])}"
            d["factor"] = name
            scales.setdefault(
                name, {"label": {"fi": row["factor_name_fi"], "en": row["factor_name_en"]}}
            )
        items.append(d)
    spec = {
        "name": "vates2020",
        "title": {
            "fi": "Vates 2020: työhönvalmentajien ja ohjaajien kysely",
            "en": "Vates 2020: survey of job coaches and counsellors",
        },
        "language": "fi",
        "items": items,
        "scales": dict(sorted(scales.items())),
        "outcomes": [{"column": row["item"], "label": _texts(row)} for _, row in shares.iterrows()],
    }
    return Codebook.from_dict(spec, source="vaikuttavuus.studies.vates2020")


def write_vates_codebook(path: str | Path = VATES_CODEBOOK) -> Path:
    """Write the generated Vates codebook as YAML to ``path`` and return the path."""
    p = Path(path)
    p.write_text(_HEADER + vates_codebook().to_yaml(), encoding="utf-8")
    return p


if __name__ == "__main__":  # pragma: no cover
    print(write_vates_codebook())
