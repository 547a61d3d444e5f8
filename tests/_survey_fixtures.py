"""Small test surveys written to CSV/XLSX/SAV in the formats survey tools export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import yaml

FI = ["Täysin eri mieltä", "Jokseenkin eri mieltä", "Ei samaa eikä eri mieltä",
      "Jokseenkin samaa mieltä", "Täysin samaa mieltä"]  # fmt: skip
SV = ["Helt av annan åsikt", "Delvis av annan åsikt", "Varken av samma eller annan åsikt",
      "Delvis av samma åsikt", "Helt av samma åsikt"]  # fmt: skip
EN = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
DK = {"fi": "En osaa sanoa", "sv": "Vet inte", "en": "Don't know"}
ROLES = ["Esihenkilö", "Työhönvalmentaja", "Ohjaaja"]
SIZES = ["Alle 20 000", "20 000–100 000", "Yli 100 000"]

SMALL_CODEBOOK = {
    "name": "small",
    "language": "fi",
    "id": "vastaaja",
    "defaults": {"scale": [1, 5], "missing_codes": [9]},
    "items": [
        {"column": "k1", "text": {"fi": "Työ on mielekästä", "en": "Work is meaningful"}, "factor": "A"},
        {"column": "k2", "text": {"fi": "Saan tukea", "en": "I get support"}, "factor": "A"},
        {"column": "k3", "text": {"fi": "Työ kuormittaa", "en": "Work is a strain"}, "factor": "A",
         "reverse": True},
        {"column": "k4", "text": {"fi": "Asiakas etenee", "en": "The client progresses"}, "factor": "B"},
        {"column": "k5", "text": {"fi": "Yhteistyö toimii", "en": "Cooperation works"}, "factor": "B"},
        {"column": "k6", "text": {"fi": "Tavoitteet ovat selvät", "en": "Goals are clear"}, "factor": "B"},
    ],
    "scales": {"A": {"label": {"fi": "Työn imu", "en": "Engagement"}},
               "B": {"label": {"fi": "Asiakastyö", "en": "Client work"}}},
    "background": [
        {"column": "nimike", "label": {"fi": "Tehtävänimike", "en": "Job title"},
         "categories": {1: ROLES[0], 2: ROLES[1], 3: ROLES[2]}},
        {"column": "kunta", "label": {"fi": "Kunnan koko", "en": "Municipality size"},
         "categories": {1: SIZES[0], 2: SIZES[1], 3: SIZES[2]}, "missing_codes": [9]},
    ],
    "outcomes": [{"column": "osuus", "label": {"fi": "Työllistyneiden osuus", "en": "Share employed"}}],
}  # fmt: skip


def write_codebook(path: Path, spec: dict | None = None) -> Path:
    path.write_text(yaml.safe_dump(spec or SMALL_CODEBOOK, allow_unicode=True), encoding="utf-8")
    return path


def small_codes(n: int = 40, seed: int = 1) -> pd.DataFrame:
    """Numeric codes as stored in SPSS: items 1..5 or 9 (don't know), background 1..3."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=n)
    b = rng.normal(size=n)
    out = {"vastaaja": np.arange(101, 101 + n)}
    for k, (f, sign) in enumerate([(a, 1), (a, 1), (a, -1), (b, 1), (b, 1), (b, 1)]):
        x = np.clip(np.round(3 + sign * f + rng.normal(scale=0.7, size=n)), 1, 5)
        x[rng.random(n) < 0.05] = 9
        out[f"k{k + 1}"] = x
    out["nimike"] = rng.integers(1, 4, size=n).astype(float)
    out["kunta"] = rng.integers(1, 4, size=n).astype(float)
    out["kunta"][3] = 9
    out["osuus"] = np.round(rng.uniform(0, 1, size=n), 2)
    out["osuus"][5] = np.nan
    out["k1"][7] = np.nan  # skipped question
    return pd.DataFrame(out)


def expected_frame(codes: pd.DataFrame) -> pd.DataFrame:
    """What read_survey must return for ``codes``."""
    out = pd.DataFrame({"vastaaja": codes["vastaaja"].astype("int64")})
    for k in range(1, 7):
        out[f"k{k}"] = codes[f"k{k}"].where(codes[f"k{k}"] != 9)
    out["nimike"] = pd.Categorical.from_codes(codes["nimike"].astype(int) - 1, ROLES, ordered=True)
    kunta = codes["kunta"].where(codes["kunta"] != 9)
    out["kunta"] = pd.Categorical(kunta.map(dict(enumerate(SIZES, 1))), SIZES, ordered=True)
    out["osuus"] = codes["osuus"]
    return out


def _as_text(codes: pd.DataFrame, words: list[str], dk: str) -> pd.DataFrame:
    out = codes.astype(object).copy()
    for k in range(1, 7):
        col = f"k{k}"
        out[col] = [
            np.nan if pd.isna(v) else dk if v == 9 else words[int(v) - 1] for v in codes[col]
        ]
    out["osuus"] = codes["osuus"].astype(float)
    return out


def write_formats(codes: pd.DataFrame, folder: Path) -> dict[str, Path]:
    """The same survey as comma CSV (Finnish text), semicolon CSV (Swedish text, decimal
    comma, Windows-1252), XLSX (English text, background labels) and SAV (codes + labels)."""
    paths = {}
    # 1. Webropol-like comma CSV, UTF-8 with BOM, Finnish answers, background as labels
    t = _as_text(codes, FI, DK["fi"])
    t["nimike"] = codes["nimike"].map(dict(enumerate(ROLES, 1)))
    t["kunta"] = codes["kunta"].map({**dict(enumerate(SIZES, 1)), 9: 9})
    t.insert(1, "Aloitusaika", "2020-03-01 10:00")  # extra column not in the codebook
    paths["csv_comma"] = folder / "survey_comma.csv"
    t.to_csv(paths["csv_comma"], index=False, encoding="utf-8-sig")
    # 2. semicolon CSV as Excel writes it in Finland: cp1252, decimal comma, Swedish answers
    t = _as_text(codes, SV, DK["sv"])
    for k in (2, 4):  # some answers in upper case and with odd spacing
        t[f"k{k}"] = t[f"k{k}"].map(lambda v: f"  {v.upper()} " if isinstance(v, str) else v)
    t["nimike"] = codes["nimike"].astype(int)
    t["kunta"] = codes["kunta"].astype(int)
    paths["csv_semicolon"] = folder / "survey_semicolon.csv"
    t.to_csv(paths["csv_semicolon"], index=False, sep=";", decimal=",", encoding="cp1252")
    # 3. Excel, English answers and category labels
    t = _as_text(codes, EN, DK["en"])
    t["nimike"] = codes["nimike"].map(dict(enumerate(ROLES, 1)))
    t["kunta"] = codes["kunta"].astype(int)
    paths["xlsx"] = folder / "survey.xlsx"
    t.to_excel(paths["xlsx"], index=False)
    # 4. SPSS with value labels (9 = "En osaa sanoa" labelled, so it maps to missing)
    labels = {f"k{k}": {**{i + 1.0: FI[i] for i in range(5)}, 9.0: DK["fi"]} for k in range(1, 7)}
    labels["nimike"] = {i + 1.0: r for i, r in enumerate(ROLES)}
    labels["kunta"] = {**{i + 1.0: s for i, s in enumerate(SIZES)}, 9.0: "Ei tietoa"}
    paths["sav"] = folder / "survey.sav"
    pyreadstat.write_sav(codes, str(paths["sav"]), variable_value_labels=labels)
    return paths
