"""survey_report's presentation layer: every header, row label and note of the shown tables in
the report's language (the API tables keep their snake_case names), EFA factors numbered and
matched to the codebook's scales, and the parallel-analysis table as computed."""

from __future__ import annotations

import html
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.studies.vates2020.example import write_example_survey
from vaikuttavuus.survey import read_survey, survey_report
from vaikuttavuus.survey._i18n import header, reading_note
from vaikuttavuus.survey.report import factor_match

LANGS = ("fi", "sv", "en")
FACTOR_WORD = {"fi": "Faktori", "sv": "Faktor", "en": "Factor"}
# names that are the same in every language (statistical notation)
NEUTRAL = {"n", "r"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The shipped example (Vates 2020 codebook: scales named F1..F4, like EFA's factors)."""
    data, codebook = write_example_survey(tmp_path_factory.mktemp("example"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        survey = read_survey(data, codebook)
        out = {lang: survey_report(survey, language=lang, parallel_iter=10) for lang in LANGS}
    return survey, out


def _api_names(report) -> set[str]:
    """Every column, index name and row label of the report's API tables."""
    frames = [report.reliability, report.omega, report.score_descriptives, report.correlations,
              report.distributions, report.missing_items, report.missing_respondents,
              report.reading_log.per_column, report.efa.variance, report.parallel.to_frame(),
              report.assignment, *report.item_stats.values(), *report.group_means.values(),
              *report.group_tests.values()]  # fmt: skip
    names: set[str] = set()
    for f in frames:
        names |= {str(c) for c in f.columns} | {str(n) for n in f.index.names if n}
    names |= set(report.efa.variance.index)
    names |= {"value", "rows_read", "answers_read", "recoded_from_text", "set_missing", "kmo",
              "bartlett_chi_square", "bartlett_df", "bartlett_p_value", "msa", "h2", "item",
              "background", "outcome", "n_factors", "efa_agreement", "reliability", "variance",
              "parallel analysis", "omega"}  # fmt: skip
    return names - NEUTRAL


@pytest.mark.parametrize("lang", LANGS)
def test_shown_tables_use_no_api_names(reports, lang):
    _, rep = reports
    report = rep[lang]
    api = _api_names(report)
    assert {"alpha", "ci_low", "omega_total", "observed_fa", "dont_know", "ss_loadings"} <= api
    for name in report.sections:
        sec = report.section(name)
        for key, table in sec.tables.items():
            shown = {str(c) for c in table.columns} | {str(n) for n in table.index.names if n}
            assert not shown & api, (name, key, shown & api)
            assert key not in api, (name, key)
            if name in ("reading", "adequacy") or key == header("variance", lang):
                labels = {str(i) for i in table.index}
                assert not labels & api, (name, key, labels & api)
        for note in sec.notes:
            assert not re.search(r"decimal comma|ignored columns", note) or lang == "en", note
    roles = report.section("reading").tables[text_per_item(lang)][header("role", lang)]
    assert set(roles) == {header(r, lang) for r in ("item", "background", "outcome")}
    summary = report.summary()
    assert not set(summary.figures) & api
    assert not set(summary.tables) & api
    for table in summary.tables.values():
        assert not {str(c) for c in table.columns} & api
    # the API objects keep their stable snake_case English names
    assert list(report.reliability.columns) == ["k", "n", "alpha", "ci_low", "ci_high",
                                                "omega_total", "std_alpha", "average_r",
                                                "ordinal_alpha"]  # fmt: skip
    assert "omega_total" in report.to_frame().columns
    assert list(report.efa.loadings.columns) == [f"F{j + 1}" for j in range(report.n_factors)]


def text_per_item(lang):
    from vaikuttavuus.survey._i18n import text

    return text("per_item", lang)


def test_reading_notes_are_translated(reports):
    survey, rep = reports
    english = survey.reading_log.notes
    assert "numbers with a decimal comma were read as decimals" in english  # the API note
    fi = rep["fi"].section("reading").notes
    assert "Desimaalipilkulliset luvut luettiin desimaalilukuina." in fi
    assert any(n.startswith("Koodikirjaan kuulumattomia sarakkeita ei luettu: ") for n in fi)
    sv = rep["sv"].section("reading").notes
    assert "Tal med decimalkomma lästes som decimaltal." in sv
    # every note read_survey writes has a translation; unknown notes pass through unchanged
    notes = {
        "3 completely empty row(s) were skipped": "3 täysin tyhjää riviä ohitettiin.",
        "SPSS value labels were mapped through the codebook":
            "SPSS-arvoselitteet muunnettiin koodikirjan avulla.",
        "the file is not UTF-8; it was read as Windows-1252":
            "Tiedosto ei ole UTF-8-muodossa; se luettiin merkistöllä Windows-1252.",
        "12 answer(s) outside the scale were set missing: 'v01': 7 (12 times)":
            "12 asteikon ulkopuolista vastausta merkittiin puuttuviksi: 'v01': 7 (12 kertaa).",
        # disclosure control: counts of fewer than 5 persons are not published
        "4 answer(s) outside the scale were set missing: 'v01': 7 (3 times); 'v02': 0 (1 times)":
            "<5 asteikon ulkopuolista vastausta merkittiin puuttuviksi: 'v01': 7 (<5 kertaa); "
            "'v02': 0 (<5 kertaa).",
        "something new": "something new",
    }  # fmt: skip
    for english_note, finnish in notes.items():
        assert reading_note(english_note, "fi") == finnish


@pytest.mark.parametrize("lang", LANGS)
def test_efa_factors_are_numbered_and_matched_to_the_scales(reports, lang):
    survey, rep = reports
    report = rep[lang]
    cb = survey.codebook
    sec = report.section("factors")
    k = report.n_factors
    labels = [f"{FACTOR_WORD[lang]} {j + 1}" for j in range(k)]
    loadings = sec.tables[text_loadings(lang)]
    assert list(loadings.columns) == [header("scale", lang), *labels, header("h2", lang)]
    # the codebook's scale names (F1..F4) appear nowhere as a factor name
    for table in sec.tables.values():
        shown = set(map(str, table.columns)) | set(map(str, table.index))
        assert not shown & set(cb.scales), shown & set(cb.scales)
    # loadings in the table are EFA's, column j = EFA factor j
    values = loadings[labels].to_numpy(dtype=float)
    np.testing.assert_allclose(values, report.efa.loadings.round(3).to_numpy())
    # the match table, recomputed from the loadings: each item's primary factor, then the
    # declared scale most of whose items have that factor as primary factor
    match = sec.tables[header("factor_match", lang)]
    assert list(match.index) == labels
    load = report.efa.loadings
    declared = {i.column: i.factor for i in cb.items if i.factor and i.column in load.index}
    primary = {item: int(np.argmax(np.abs(load.loc[item].to_numpy()))) for item in declared}
    for j, label in enumerate(labels):
        on = [declared[i] for i, f in primary.items() if f == j]
        row = match.loc[label]
        assert row[header("primary_items", lang)] == len(on)
        if not on:
            assert row[header("best_scale", lang)] == header("no_scale", lang)
            continue
        best = pd.Series(on).value_counts().idxmax()
        assert row[header("best_scale", lang)] == cb.scale_label(best, lang)
        size = sum(1 for s in declared.values() if s == best)
        assert row[header("scale_items_here", lang)] == f"{on.count(best)}/{size}"
    assert any(FACTOR_WORD[lang] in n for n in sec.notes)


def text_loadings(lang):
    from vaikuttavuus.survey._i18n import text

    return text("loadings", lang)


def test_factor_match_handles_factors_without_items():
    assignment = pd.DataFrame(
        {"scale": ["F2", "F2", "F2", "F1", "F1"], "factor": ["F1", "F1", "F3", "F3", "F3"],
         "loading": [0.7, 0.6, 0.4, 0.8, 0.7]},
        index=["a", "b", "c", "d", "e"],
    )  # fmt: skip
    assignment["factor_scale"] = assignment["factor"].map({"F1": "F2", "F3": "F1"})
    table = factor_match(["F1", "F2", "F3"], assignment, {"F1": "Eka", "F2": "Toka"}, "fi")
    # API names here; SurveyReport.section translates the headers
    assert list(table.index) == ["Faktori 1", "Faktori 2", "Faktori 3"]
    assert list(table["best_scale"]) == ["Toka", "ei vastaavaa summamuuttujaa", "Eka"]
    assert list(table["primary_items"]) == [2, 0, 3]
    assert list(table["scale_items_here"]) == ["2/3", "", "2/2"]


@pytest.mark.parametrize("lang", LANGS)
def test_parallel_table_shows_only_computed_columns_numbered_from_one(reports, lang):
    _, rep = reports
    report = rep[lang]
    table = report.section("factors").tables[header("parallel", lang)]
    api = report.parallel.to_frame()
    computed = [c for c in api.columns if c != "number" and api[c].notna().any()]
    assert computed and len(computed) < len(api.columns) - 1  # some API columns are empty
    assert list(table.columns) == [header(c, lang) for c in computed]
    assert table.index.name == header("number", lang)
    assert list(table.index) == list(range(1, len(api) + 1))
    np.testing.assert_allclose(table.to_numpy(dtype=float), api[computed].round(3).to_numpy())
    assert not table.isna().all().any()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_finnish_and_swedish_reports_have_no_decimal_point(reports, lang):
    from vaikuttavuus.present import numbers_with_point

    _, rep = reports
    report = rep[lang]
    page = report.presentation().html()
    assert numbers_with_point(page) == []
    assert numbers_with_point(report.summary()._repr_html_()) == []
    assert numbers_with_point(str(report.summary())) == []
    # fixed decimals per column: every loading has three decimals (no ragged 0,5 | 0,24)
    sec = report.section("factors")
    loadings = next(t for t in sec.table_parts if t.title == text_loadings(lang))
    cells = loadings.text_frame(lang).iloc[:, 1:].to_numpy().ravel()
    assert all(re.fullmatch(r"-?\d+,\d{3}", c) for c in cells), cells[:10]
    assert not any(c.startswith("-0,000") for c in cells)


def test_example_data_are_said_once_at_the_top(reports):
    survey, rep = reports
    plain = rep["fi"].presentation().html()
    assert "Esimerkkiaineisto" not in plain  # real data: nothing said
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        example = survey_report(survey, language="sv", parallel_iter=5, example=True)
    page = example.presentation().html()
    assert page.count("Exempeldata:") == 1
    assert page.index("Exempeldata:") < page.index("<h2>")
    assert "Exempeldata:" in example.header()._repr_html_()
    # the disclosure note is said once though four sections give it
    note = example.section("reading").notes[-1]
    assert page.count(html.escape(note)) == 1 and "Dataskydd" in note


def test_hostile_codebook_texts_are_escaped(reports):
    from dataclasses import replace

    _, rep = reports
    hostile = '<img src=x onerror="alert(1)"> $\\alpha$ # *x*'
    report = replace(
        rep["en"],
        name=hostile,
        item_texts={k: hostile for k in rep["en"].item_texts},
        scale_texts={k: hostile for k in rep["en"].scale_texts},
    )
    page = report.presentation().html()
    assert "<img src=x" not in page and 'onerror="' not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<img" not in report.heading_markdown() and "\\#" in report.heading_markdown()
    assert "<img src=x" not in report.header()._repr_html_()


def test_survey_report_leaves_matplotlib_state_alone(reports):
    import matplotlib
    import matplotlib.pyplot as plt

    survey, _ = reports
    was = matplotlib.is_interactive()
    before = dict(matplotlib.rcParams)
    figures = plt.get_fignums()
    plt.ion()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            survey_report(survey, language="fi", parallel_iter=5)
        assert matplotlib.is_interactive()  # JupyterLab keeps showing plots
        assert plt.get_fignums() == figures  # no pyplot figure left open
    finally:
        matplotlib.interactive(was)
    assert dict(matplotlib.rcParams) == before
