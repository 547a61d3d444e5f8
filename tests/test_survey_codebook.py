"""Codebooks: YAML and CSV, validation errors, the shipped Vates codebook."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from vaikuttavuus.survey import CodebookError, load_codebook, shipped_codebook
from vaikuttavuus.survey._answers import ANSWER_SETS, answer_map
from vaikuttavuus.survey.codebook import Codebook


def _cb(**spec):
    return Codebook.from_dict({"defaults": {"scale": [1, 5]}, **spec})


def test_answer_sets_cover_every_language_and_point_count():
    for name, langs in ANSWER_SETS.items():
        k = int(name[-1])  # agree4..agree7, frequency5, satisfaction4/5
        assert set(langs) == {"fi", "sv", "en"}
        assert all(len(a) == k for a in langs.values())
        m = answer_map(name, 1)
        assert set(m.values()) == set(range(1, k + 1))
    m5 = answer_map("agree5", 1)
    assert m5["täysin samaa mieltä"] == m5["helt av samma åsikt"] == m5["strongly agree"] == 5
    assert m5["täysin eri mieltä"] == m5["helt av annan åsikt"] == m5["strongly disagree"] == 1
    assert answer_map("agree4", 0)["jokseenkin samaa mieltä"] == 2
    assert answer_map("agree7", 1)["samaa mieltä"] == 6
    assert answer_map("agree6", 1)["jokseenkin samaa mieltä"] == 4
    assert sorted(ANSWER_SETS) == [
        "agree4", "agree5", "agree6", "agree7", "frequency5", "satisfaction4", "satisfaction5"
    ]  # fmt: skip


def test_validation_lists_every_problem():
    spec = {
        "defaults": {"missing_codes": [9]},
        "colour": "red",
        "items": [
            {"column": "a", "factor": "X", "wording": "?"},
            {"column": "a"},
            {"column": "b", "scale": [5, 1]},
            {"column": "c", "reverse": True, "answers": {"kyllä": 1}},
            {"column": "d", "factor": "X"},
        ],
        "scales": {"X": {"items": ["a", "z"]}, "Y": {"items": ["a", "d"]}},
    }
    with pytest.raises(CodebookError) as err:
        Codebook.from_dict(spec)
    msg = str(err.value)
    for needle in [
        "unknown key(s) ['colour']",
        "unknown key(s) ['wording']",
        "item 'a' is declared more than once",
        "min (5) must be smaller than max (1)",
        "item 'c' is reverse-keyed but has no scale",
        "item 'a' is in two scales: 'X' and 'Y'",
        "item 'd' is in two scales: 'X' (item) and 'Y' (scales)",
        "'z'",
    ]:
        assert needle in msg, needle
    with pytest.raises(CodebookError, match=r"missing code\(s\) \[3.0\] lie inside the scale"):
        _cb(items=[{"column": "e", "missing_codes": [3]}])
    with pytest.raises(CodebookError, match="same items"):
        _cb(items=[{"column": "a"}, {"column": "b"}],
            scales={"X": {"items": ["a", "b"]}, "Y": {"items": ["b", "a"]}})  # fmt: skip
    with pytest.raises(
        CodebookError, match=r"column 'a' is declared more than once \(as item, outcome\)"
    ):
        _cb(items=[{"column": "a"}], outcomes=[{"column": "a"}])
    with pytest.raises(CodebookError, match="answer set 'agree4' has 4 answers but the scale 1..5"):
        _cb(items=[{"column": "a", "answers": "agree4"}])
    with pytest.raises(CodebookError, match="'items' must be a non-empty list"):
        Codebook.from_dict({"items": []})


def test_csv_codebook_equals_yaml(tmp_path):
    rows = [
        {"role": "id", "column": "id"},
        {"role": "item", "column": "q1", "text_fi": "Eka", "text_en": "First", "min": "1",
         "max": "5", "reverse": "false", "factor": "A", "missing_codes": "9;99"},
        {"role": "item", "column": "q2", "text_fi": "Toka", "min": "1", "max": "5",
         "reverse": "true", "factor": "A"},
        {"role": "background", "column": "g", "label_fi": "Ryhmä",
         "categories": "1=Pieni|2=Iso"},
        {"role": "outcome", "column": "y", "label_en": "Share"},
    ]  # fmt: skip
    pd.DataFrame(rows).to_csv(tmp_path / "cb.csv", index=False, sep=";")
    cb = load_codebook(tmp_path / "cb.csv")
    assert cb.id_column == "id" and cb.scales == {"A": ("q1", "q2")}
    assert cb.item("q1").missing_codes == (9.0, 99.0) and cb.reverse_items == ("q2",)
    assert dict(cb.background[0].categories) == {"1": "Pieni", "2": "Iso"}
    # round trip through YAML
    (tmp_path / "cb.yaml").write_text(cb.to_yaml(), encoding="utf-8")
    again = load_codebook(tmp_path / "cb.yaml")
    assert again.to_dict() | {"name": cb.name} == cb.to_dict()
    pd.DataFrame([{**rows[1], "colour": "x"}]).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(CodebookError, match=r"unknown CSV column\(s\) \['colour'\]"):
        load_codebook(tmp_path / "bad.csv")
    pd.DataFrame([{**rows[1], "role": "itme"}]).to_csv(tmp_path / "bad2.csv", index=False)
    with pytest.raises(CodebookError, match="role='itme' is not allowed"):
        load_codebook(tmp_path / "bad2.csv")


def test_bad_yaml_and_unknown_files(tmp_path):
    (tmp_path / "x.yaml").write_text("items: [a, b", encoding="utf-8")
    with pytest.raises(CodebookError, match="not valid YAML"):
        load_codebook(tmp_path / "x.yaml")
    with pytest.raises(FileNotFoundError):
        load_codebook(tmp_path / "nope.yaml")
    with pytest.raises(ValueError, match="not a shipped codebook"):
        shipped_codebook("nope")


def test_shipped_vates_codebook_agrees_with_the_instrument():
    """The YAML is generated from instrument.csv and must stay in sync with it."""
    from vaikuttavuus.studies.vates2020 import instrument, outcomes, scale_items
    from vaikuttavuus.studies.vates2020.codebook import VATES_CODEBOOK, vates_codebook

    shipped = load_codebook("vates2020")
    assert shipped.to_dict() == vates_codebook().to_dict()
    raw = yaml.safe_load(VATES_CODEBOOK.read_text(encoding="utf-8"))
    inst = instrument("likert")
    assert [i["column"] for i in raw["items"]] == inst["item"].tolist()
    assert [i["text"]["fi"] for i in raw["items"]] == inst["text_fi"].tolist()
    assert [i["text"]["en"] for i in raw["items"]] == inst["text_en"].tolist()
    expected_scales = {f"F{k}": tuple(v) for k, v in scale_items().items()}
    assert shipped.scales == expected_scales
    assert sum(len(v) for v in shipped.scales.values()) == 26
    placeholders = inst.loc[inst["placeholder"], "item"].tolist()
    assert [i.column for i in shipped.items if i.factor is None] == placeholders
    assert [o.column for o in shipped.outcomes] == outcomes()["item"].tolist()
    assert all((i.min, i.max) == (1, 5) for i in shipped.items)


@pytest.mark.parametrize("bad", [0, -1, 1.5, "half", True])
def test_defaults_min_valid_is_validated(bad):
    spec = {"defaults": {"scale": [1, 5], "min_valid": bad}, "items": [{"column": "q1"}]}
    with pytest.raises(CodebookError, match="min_valid"):
        Codebook.from_dict(spec)


def test_defaults_min_valid_default_is_psych_rule():
    cb = Codebook.from_dict({"defaults": {"scale": [1, 5]}, "items": [{"column": "q1"}]})
    assert cb.min_valid == 1
    assert "defaults" not in cb.to_dict()
    half = Codebook.from_dict({"defaults": {"min_valid": 0.5}, "items": [{"column": "q1"}]})
    assert Codebook.from_dict(half.to_dict()).min_valid == 0.5


def test_six_point_survey_with_frequency_item_reads_with_the_readme_codebook(tmp_path):
    """The README's codebook example, copied as written, reads a 6-point export in three
    languages with a frequency item."""
    import re
    from pathlib import Path

    from vaikuttavuus.survey import read_survey

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "six_point" in b)
    (tmp_path / "cb.yaml").write_text(block, encoding="utf-8")
    rows = [
        "q1;q2;q3;q4",
        "Täysin eri mieltä;Täysin samaa mieltä;Eri mieltä;Ei koskaan",
        "Jokseenkin eri mieltä;Samaa mieltä;En osaa sanoa;Harvoin",
        "Helt enig;Delvis oenig;Av samma åsikt;Ibland",
        "Somewhat agree;Strongly disagree;9;Often",
        "6;1;Agree;Aina",
    ]
    (tmp_path / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    s = read_survey(tmp_path / "export.csv", tmp_path / "cb.yaml")
    d = s.data
    assert d["q1"].tolist() == [1, 3, 6, 4, 6]
    assert d["q2"].tolist() == [6, 5, 3, 1, 1]
    assert d["q3"].iloc[[0, 2, 4]].tolist() == [2, 5, 5] and d["q3"].iloc[[1, 3]].isna().all()
    assert d["q4"].tolist() == [1, 2, 3, 4, 5]
    assert s.codebook.min_valid == 1


def test_answer_sets_are_complete_and_ordered():
    for name, langs in ANSWER_SETS.items():
        k = {len(v) for v in langs.values()}
        assert len(k) == 1 and set(langs) == {"fi", "sv", "en"}, name
        m = answer_map(name, 1)
        for lang, answers in langs.items():
            for i, alts in enumerate(answers):
                for a in alts.split("|"):
                    assert m[a.casefold()] == i + 1, (name, lang, a)
