"""Region report: sections, omission sentences, disclosure of every table, fi/sv/en texts.

Runs on a small made-up registry (tests/_regional_fixtures.py) and hand-written data
directories, so the expected counts are known exactly.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _regional_fixtures import MUNICIPALITIES, fake_registry

from vaikuttavuus.disclosure import SUPPRESSED
from vaikuttavuus.present import Section, Table, markdown_text
from vaikuttavuus.regional import (
    RegionData,
    RegionDataWarning,
    region_data,
    region_report,
)
from vaikuttavuus.regional._i18n import LANGUAGES, all_texts, language_label, number
from vaikuttavuus.regional.report import EXAMPLE_SECTIONS as SECTIONS

REG = fake_registry()


def visible_small_counts(table: pd.DataFrame, count_columns: list[str]) -> int:
    """How many cells of ``count_columns`` show a number 1-4 (0 for a table that passes)."""
    bad = 0
    for c in count_columns:
        vals = pd.to_numeric(table[c], errors="coerce").to_numpy(dtype=float)
        bad += int(np.sum((vals > 0) & (vals < 5)))
    return bad


def suppress_column_split(table: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """What the report's tables do for counts whose rows split a shown total."""
    return Table(table, persons=tuple(counts.columns), split="column").shown()


def _write_episodes(tmp_path, per_municipality: dict[str, int], period: str = "2024") -> None:
    rows = [(code, period) for code, n in per_municipality.items() for _ in range(n)]
    pd.DataFrame(rows, columns=["municipality", "period"]).to_csv(
        tmp_path / "episodes.csv", index=False
    )


def _report(tmp_path, region_type, code, language="fi", period="2024"):
    data = region_data(region_type, code, period=period, data_dir=tmp_path, regions=REG)
    return region_report(data, language=language, regions=REG)


# ------------------------------------------------------------------------------------ texts
def test_every_text_has_fi_sv_en_and_they_differ():
    for key, texts in all_texts().items():
        assert set(texts) == set(LANGUAGES), key
        assert all(t.strip() for t in texts.values()), key
    # Finnish and Swedish really are different texts (not copies) for the sentences
    texts = all_texts()
    for key in ("no_compensation", "no_ips", "no_survey", "no_published", "region"):
        assert len({texts[key][lang] for lang in LANGUAGES}) == 3, key


def test_language_labels_and_numbers():
    assert language_label("sv-fi", "sv") == "tvåspråkig (svenska, finska)"
    assert language_label("fi", "en") == "Finnish"
    assert number(18161, "fi") == "18\u00a0161"
    assert number(0.46, "sv", 1) == "0,5"
    assert number(18161, "en") == "18,161"


# ---------------------------------------------------------------------------- region data
def test_region_rows_are_the_union_of_its_municipalities(tmp_path):
    counts = {c: 3 + i for i, c in enumerate(MUNICIPALITIES["code"])}
    _write_episodes(tmp_path, counts)
    m = MUNICIPALITIES.set_index("code")
    for region_type, col in (("wellbeing_county", "county_code"), ("employment_area", "area_code")):
        codes = sorted(set(m[col]))
        total = 0
        for code in codes:
            d = region_data(region_type, code, period="2024", data_dir=tmp_path, regions=REG)
            expected = sum(n for c, n in counts.items() if m.loc[c, col] == code)
            assert len(d.get("episodes")) == expected
            assert set(d.get("episodes")["municipality"]) == set(m.index[m[col] == code])
            total += len(d.get("episodes"))
        assert total == sum(counts.values())  # every row in exactly one region of each type


def test_other_period_and_missing_files(tmp_path):
    _write_episodes(tmp_path, {"905": 12}, period="2023")
    d = region_data("employment_area", "TA90", period="2024", data_dir=tmp_path, regions=REG)
    assert isinstance(d, RegionData)
    assert d.get("episodes") is None and d.periods["episodes"] == ("2023",)
    assert d.get("staff_survey") is None and d.get("ips_clients") is None
    assert d.to_frame()["rows"].tolist() == [0, 0, 0, 0, 0]


def test_unknown_municipality_rows_are_counted_in_a_warning(tmp_path):
    _write_episodes(tmp_path, {"905": 6, "999": 2})
    with pytest.warns(RegionDataWarning, match="2 row"):
        d = region_data("wellbeing_county", "15", period="2024", data_dir=tmp_path, regions=REG)
    assert len(d.get("episodes")) == 6


def test_bad_parameters_name_the_allowed_values(tmp_path):
    with pytest.raises(ValueError, match="'TA90', 'TA91', 'TA92'"):
        region_data("employment_area", "TA99", period="2024", data_dir=tmp_path, regions=REG)
    with pytest.raises(ValueError, match="employment_area"):
        region_data("county", "15", period="2024", data_dir=tmp_path, regions=REG)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        region_data("wellbeing_county", "15", period="2024", data_dir=tmp_path / "x", regions=REG)
    d = region_data("wellbeing_county", "15", period="2024", data_dir=tmp_path, regions=REG)
    with pytest.raises(ValueError, match="'fi', 'sv', 'en'"):
        region_report(d, language="de", regions=REG)


# ---------------------------------------------------------------- sections and omissions
@pytest.mark.parametrize("language", LANGUAGES)
def test_sections_without_data_are_omitted_with_one_sentence(tmp_path, language):
    rep = _report(tmp_path, "employment_area", "TA92", language)
    assert tuple(rep.sections) == SECTIONS
    texts = all_texts()
    assert rep.omitted == ("compensation", "ips", "survey")
    assert rep.section("compensation").intro == texts["no_compensation"][language].format(
        period="2024"
    )
    assert rep.section("ips").intro == texts["no_ips"][language]
    assert rep.section("survey").intro == texts["no_survey"][language].format(period="2024")
    for key in rep.omitted:
        sec = rep.section(key)
        assert sec.intro.count(". ") == 0 and sec.intro.endswith(".")  # one sentence
        assert not sec.tables and not sec.parts and not sec.figures
        assert sec.title == texts[key][language]
        assert sec.intro in sec._repr_html_()
    assert rep.to_frame()["shown"].tolist() == [True, True, False, False, False]


def test_heading_is_the_region_name_in_the_language(tmp_path):
    fi = _report(tmp_path, "wellbeing_county", "15", "fi").heading()
    sv = _report(tmp_path, "wellbeing_county", "15", "sv").heading()
    assert fi.splitlines()[0] == "# Pohjanmaan hyvinvointialue"
    assert sv.splitlines()[0] == "# Österbottens välfärdsområde"
    # the data directory is user text: escaped for Markdown
    assert markdown_text(f"aineisto: {tmp_path}") in fi
    assert markdown_text(f"data: {tmp_path}") in sv


# ------------------------------------------------------------------------------ disclosure
def test_municipality_table_suppresses_small_counts_with_a_complement(tmp_path):
    # TA90: Vaasa 40, Mustasaari 9, Pedersöre 3 -> Pedersöre withheld, and the smallest shown
    # (Mustasaari) as its complement, since the total 52 is shown
    _write_episodes(tmp_path, {"905": 40, "499": 9, "599": 3})
    rep = _report(tmp_path, "employment_area", "TA90", "fi")
    table = rep.section("region").tables["Kunnat"]
    episodes = table["Jaksot"]
    assert episodes["Vaasa"] == 40
    assert episodes["Mustasaari"] == SUPPRESSED and episodes["Pedersöre"] == SUPPRESSED
    assert episodes["Yhteensä"] == 52
    shown = rep.section("region").table_parts[0].text_frame("fi")  # as the reader sees it
    rate = shown["Jaksoja / 1 000 asukasta"]
    assert rate["Pedersöre"] == SUPPRESSED and rate["Mustasaari"] == SUPPRESSED
    assert rate["Vaasa"] == number(1000 * 40 / 68000, "fi", 1)
    assert rate["Yhteensä"] == number(1000 * 52 / (68000 + 19500 + 300), "fi", 1)
    assert visible_small_counts(table, ["Jaksot"]) == 0
    # the API table keeps the unsuppressed counts for analysis
    assert rep.municipality_table.set_index("code")["episodes"].to_dict() == {
        "599": 3,
        "499": 9,
        "905": 40,
    }


def test_small_total_is_suppressed(tmp_path):
    _write_episodes(tmp_path, {"005": 2, "301": 1})
    rep = _report(tmp_path, "employment_area", "TA92", "en")
    table = rep.section("region").tables["Municipalities"]
    assert table.loc["Total", "Episodes"] == SUPPRESSED
    assert table.loc["Total", "Episodes / 1,000 inhabitants"] == SUPPRESSED
    text = rep.section("region").table_parts[0].text_frame("en")
    assert text.loc["Total", "Episodes"] == SUPPRESSED
    assert visible_small_counts(table, ["Episodes"]) == 0


def test_suppress_column_split_hand_case():
    counts = pd.DataFrame({"a": [40, 9, 3, 0], "b": [6, 7, 8, 9]})
    out = suppress_column_split(counts, counts)
    assert out["a"].tolist() == [40, SUPPRESSED, SUPPRESSED, 0]
    assert out["b"].tolist() == [6, 7, 8, 9]


def test_every_shown_table_passes_the_five_persons_rule(tmp_path):
    rng = np.random.default_rng(5)
    counts = {c: int(rng.integers(0, 12)) for c in MUNICIPALITIES["code"]}
    _write_episodes(tmp_path, counts)
    for region_type, code in [("wellbeing_county", "14"), ("wellbeing_county", "15")] + [
        ("employment_area", a) for a in ("TA90", "TA91", "TA92")
    ]:
        rep = _report(tmp_path, region_type, code, "sv")
        for key in SECTIONS:
            for name, table in rep.section(key).tables.items():
                count_cols = [c for c in table.columns if c in ("Perioder", "Påbörjade")]
                assert visible_small_counts(table, count_cols) == 0, (code, key, name)


def test_published_context_has_sources(tmp_path):
    rep = _report(tmp_path, "wellbeing_county", "14", "en")
    sec = rep.section("published")
    assert not sec.omitted
    starts = sec.tables["Persons starting rehabilitative work activity, whole country"]
    assert 18161 in starts.iloc[:, 0].tolist()
    # readers see the publications, not the package's seed file names
    assert any(n.startswith("Sources: Kuntaliitto, TE24 sote-yhdyspinta, 2024") for n in sec.notes)
    te24 = sec.tables["National figures of the TE24 reform"]
    assert not te24["Source"].str.contains(r"seed |\.txt").any()
    assert te24["Source"].str.len().gt(5).all()
    assert "seed " not in sec._repr_html_() and ".txt" not in sec._repr_html_()


def test_no_warnings_for_clean_data(tmp_path):
    _write_episodes(tmp_path, {"905": 7})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _report(tmp_path, "wellbeing_county", "15", "fi")


# ------------------------------------------------------------------ failures and warnings
def test_a_failing_section_is_omitted_with_the_error_and_others_stay(tmp_path, monkeypatch):
    import vaikuttavuus.regional.report as report_module

    def broken(data, language, title):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setitem(report_module.__dict__, "S", type("S", (), {
        "compensation_section": staticmethod(broken),
        "ips_section": report_module.S.ips_section,
        "survey_section": report_module.S.survey_section,
    }))  # fmt: skip
    _write_episodes(tmp_path, {"905": 7})
    rep = _report(tmp_path, "wellbeing_county", "15", "sv")
    sec = rep.section("compensation")
    assert sec.omitted
    assert sec.intro == all_texts()["failed"]["sv"].format(error="RuntimeError: disk on fire")
    assert not rep.section("region").omitted and not rep.section("published").omitted


def test_warnings_of_a_section_become_its_notes(tmp_path, monkeypatch):
    import vaikuttavuus.regional.report as report_module

    def noisy(data, language, title):
        for _ in range(3):
            warnings.warn("did not converge", RuntimeWarning, stacklevel=1)
        return Section(title, (), intro="x"), None

    monkeypatch.setitem(report_module.__dict__, "S", type("S", (), {
        "compensation_section": report_module.S.compensation_section,
        "ips_section": staticmethod(noisy),
        "survey_section": report_module.S.survey_section,
    }))  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing escapes to the notebook's stderr
        rep = _report(tmp_path, "wellbeing_county", "15", "en")
    assert rep.section("ips").notes == (
        "Computation warning: RuntimeWarning: did not converge (× 3)",
    )


def test_sections_subset(tmp_path):
    data = region_data("wellbeing_county", "15", period="2024", data_dir=tmp_path, regions=REG)
    rep = region_report(data, sections=["region", "survey"], regions=REG)
    assert tuple(rep.sections) == ("region", "survey")
    with pytest.raises(ValueError, match="'municipalities', 'region', 'published'"):
        region_report(data, sections=["regions"], regions=REG)
    with pytest.raises(TypeError, match="list or tuple"):
        region_report(data, sections="region", regions=REG)


def test_error_text_leaves_out_row_ids():
    from vaikuttavuus.regional.report import _error_text

    exc = ValueError("3 episode(s) have an end before start (first episode_id: E1, E2)\nmore")
    assert _error_text(exc) == "ValueError: 3 episode(s) have an end before start"
    assert _error_text(KeyError()) == "KeyError"


def test_every_published_te24_figure_has_labels():
    from vaikuttavuus.present import catalogue
    from vaikuttavuus.published import published_table

    t = published_table("te24_national_figures")
    keys = set(t["indicator"]) | set(t["unit"]) | set(t["qualifier"].dropna())
    texts = catalogue()
    missing = sorted(
        k for k in keys if set(texts.get(f"region.published.{k}", {})) != {"fi", "sv", "en"}
    )
    assert not missing  # add them to present/messages.yaml as region.published.<key>
