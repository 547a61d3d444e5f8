"""An example survey export simulated from the Vates 2020 model, with its codebook.

It looks like a Webropol CSV export (UTF-8 with BOM, semicolons, decimal comma, Finnish
verbal answers, "En osaa sanoa", a start-time column the codebook does not declare) and
has two background variables, one with a group of fewer than 5 respondents, so that the
example report shows disclosure control at work.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from vaikuttavuus.survey import DONT_KNOW, Codebook, answer_labels

__all__ = ["EXAMPLE_BACKGROUND", "example_codebook", "simulate_export", "write_example_survey"]

#: Background variables of the example: column -> (labels fi/sv/en, categories, probabilities).
EXAMPLE_BACKGROUND: dict[str, tuple[dict[str, str], list[str], list[float]]] = {
    "nimike": (
        {"fi": "Tehtävänimike", "sv": "Befattning", "en": "Job title"},
        ["Työhönvalmentaja", "Ohjaaja", "Esihenkilö", "Muu"],
        [0.5, 0.36, 0.125, 0.015],
    ),
    "kunta": (
        {"fi": "Kunnan koko", "sv": "Kommunens storlek", "en": "Municipality size"},
        ["Alle 20 000 asukasta", "20 000–100 000 asukasta", "Yli 100 000 asukasta"],
        [0.3, 0.4, 0.3],
    ),
}
ID_COLUMN = "vastaaja_id"


def example_codebook() -> Codebook:
    """The shipped Vates codebook plus a respondent id and the two background variables.

    Returns
    -------
    Codebook
        The 31 Likert items of the Vates 2020 survey, the respondent id ``vastaaja_id`` and
        the background variables of :data:`EXAMPLE_BACKGROUND`.

    Examples
    --------
    >>> cb = example_codebook()
    >>> cb.name, cb.id_column, len(cb.items), [b.column for b in cb.background]
    ('vates2020_example', 'vastaaja_id', 31, ['nimike', 'kunta'])
    """
    from vaikuttavuus.studies.vates2020.codebook import vates_codebook

    spec = vates_codebook().to_dict()
    spec["name"] = "vates2020_example"
    spec["id"] = ID_COLUMN
    spec["background"] = [
        {"column": col, "label": label, "categories": {i + 1: c for i, c in enumerate(cats)}}
        for col, (label, cats, _) in EXAMPLE_BACKGROUND.items()
    ]
    return Codebook.from_dict(spec)


def simulate_export(n: int = 168, seed: int = 2020, *, dont_know: float = 0.02) -> pd.DataFrame:
    """A simulated export as strings: verbal Finnish answers, decimal-comma shares.

    The numeric truth is :func:`vaikuttavuus.studies.vates2020.simulate` ``(n, seed)``; a
    share ``dont_know`` of the answered items is replaced by "En osaa sanoa".

    Parameters
    ----------
    n : int, default 168
        Respondents.
    seed : int, default 2020
        Seed of the simulation (the same seed gives the same export).
    dont_know : float, default 0.02
        Share of answered items replaced by "En osaa sanoa".

    Returns
    -------
    DataFrame
        One row per respondent, every column as text, as a Webropol export reads.

    Examples
    --------
    >>> export = simulate_export(20, seed=1)
    >>> export.shape
    (20, 40)
    >>> export.iloc[0, :4].tolist()
    ['1', '2020-03-02 09:00', 'Jokseenkin samaa mieltä', 'Jokseenkin samaa mieltä']
    >>> export["p_open"].head(3).tolist()
    ['55,0', '5,0', '5,0']
    """
    from vaikuttavuus.studies.vates2020.simulate import simulate

    sim = simulate(n, seed)
    rng = np.random.default_rng([seed, 4])
    words = answer_labels("agree5", "fi")
    out = pd.DataFrame({ID_COLUMN: sim["respondent"].astype(int).astype(str)})
    out["Aloitusaika"] = "2020-03-02 09:00"
    for col in [c for c in sim.columns if c.startswith("v")]:
        x = sim[col].to_numpy()
        text = np.array([words[int(v) - 1] if np.isfinite(v) else "" for v in x], dtype=object)
        dk = np.isfinite(x) & (rng.random(n) < dont_know)
        text[dk] = DONT_KNOW["fi"][0]
        out[col] = text
    for col, (_, cats, probs) in EXAMPLE_BACKGROUND.items():
        out[col] = rng.choice(cats, size=n, p=probs)
    for col in [c for c in sim.columns if c.startswith("p_")]:
        out[col] = [f"{v:.1f}".replace(".", ",") if np.isfinite(v) else "" for v in sim[col]]
    return out


def write_example_survey(
    out_dir: str | Path, *, n: int = 168, seed: int = 2020
) -> tuple[Path, Path]:
    """Write ``vates_example.csv`` and ``vates_example_codebook.yaml`` to ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        Directory (created if needed).
    n : int, default 168
        Respondents.
    seed : int, default 2020
        Seed of the simulation.

    Returns
    -------
    (data path, codebook path)
        The CSV (UTF-8 with BOM, semicolons) and the YAML codebook, ready for
        :func:`~vaikuttavuus.survey.read_survey`.

    Examples
    --------
    >>> import tempfile
    >>> from vaikuttavuus.survey import read_survey
    >>> data, codebook = write_example_survey(tempfile.mkdtemp(), n=20)
    >>> data.name, codebook.name
    ('vates_example.csv', 'vates_example_codebook.yaml')
    >>> read_survey(data, codebook).items.shape
    (20, 31)
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = out / "vates_example.csv"
    simulate_export(n, seed).to_csv(data, sep=";", index=False, encoding="utf-8-sig")
    codebook = out / "vates_example_codebook.yaml"
    codebook.write_text(example_codebook().to_yaml(), encoding="utf-8")
    return data, codebook
