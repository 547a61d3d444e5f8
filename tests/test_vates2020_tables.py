"""Report tables of the Vates reproduction: language of headers and labels, the N = 168 test."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from vaikuttavuus.present import msg
from vaikuttavuus.studies import vates2020 as v
from vaikuttavuus.studies.vates2020 import tables as T

#: Symbols that read the same in both languages (not English words).
SYMBOLS = {"kmo", "rmse", "q025", "q975"}


@pytest.fixture(scope="module")
def study():
    data = v.simulate(168, seed=2020)
    res = v.reproduce(data, parallel_iterations=0, language="fi")
    rep = v.replicate(4, seed=2020)
    return data, res, rep


def _api_words(data, res, rep) -> set[str]:
    frames = [
        res.comparison,
        res.hypothesis_table,
        res.correlations,
        res.alphas,
        rep.figures,
        rep.hypotheses,
        rep.alphas,
        rep.assignments,
        v.compare_methods(data, candidates=(("pa_spss", "promax"),)),
    ]
    words = {w for f in frames for c in f.columns for w in str(c).lower().split("_")}
    return {w for w in words if len(w) >= 3 and w not in SYMBOLS}


def _finnish_tables(data, res, rep) -> dict[str, pd.DataFrame]:
    methods = v.compare_methods(data, candidates=(("pa_spss", "promax"),))
    return {
        "key_figures": T.key_figures(res, rep, "fi"),
        "factors": T.factor_table("fi"),
        "comparison": T.comparison_table(res, rep, "fi"),
        "comparison_large_n": T.comparison_table(res, None, "fi"),
        "methods": T.methods_table(methods, "fi"),
        "correlations": T.correlation_table(res, "fi"),
        "hypotheses": T.hypothesis_table(res, "fi"),
        "hypothesis_shares": T.hypothesis_shares(rep, "fi"),
        "replications": T.replication_table(rep, "fi"),
        "alphas": T.alpha_table(rep, "fi"),
        "assignments": T.assignment_table(rep, "fi"),
        "ambiguities": T.ambiguity_table("fi"),
        "wording": T.wording_table(res, "fi"),
    }


def _headers(table: pd.DataFrame) -> list[str]:
    return [str(c) for c in table.columns] + [str(n) for n in table.index.names if n is not None]


def test_finnish_tables_have_no_english_headers(study):
    english = _api_words(*study)
    assert {"published", "reproduced", "difference", "within", "tolerance"} <= english
    for name, table in _finnish_tables(*study).items():
        for header in _headers(table):
            tokens = set(re.findall(r"[a-zåäö]+", header.lower()))
            assert not tokens & english, (name, header, tokens & english)


def test_finnish_tables_have_no_english_values_or_labels(study):
    forbidden = {"yes", "no", "true", "false", "n/a", "nan", "none"}
    row_words = re.compile(r"\b(loading|explained|hypothesis|pairwise|alpha|PLACEHOLDER)\b")
    for name, table in _finnish_tables(*study).items():
        cells = {str(x).strip().lower() for x in table.to_numpy().ravel()}
        assert not cells & forbidden, (name, cells & forbidden)
        labels = [str(x) for x in table.index.get_level_values(0)]
        bad = [x for x in labels if row_words.search(x)]
        assert not bad, (name, bad)


def test_comparison_at_n168_uses_replication_interval(study):
    _, res, rep = study
    fi = T.comparison_table(res, rep, "fi")
    en = T.comparison_table(res, rep, "en")
    assert v.text("in_interval", "fi") in fi.columns
    assert v.text("tolerance_large_n", "fi") not in fi.columns
    assert len(fi) == len(en) == len(res.comparison)
    # The column is the data-dependent consistency test, row for row (not the large-N
    # tolerance test, and not "published inside the interval", true by calibration).
    iv = v.consistency(res, rep).table.set_index("figure")["consistent"]
    expected = res.comparison["figure"].map(iv).fillna("n/a")
    assert (expected != "n/a").sum() == 46
    yes_no = {"yes": "yes", "no": "no", "n/a": "–"}
    assert en[v.text("in_interval", "en")].tolist() == [yes_no[x] for x in expected]
    # The API keeps its English snake_case column with the large-N tolerance test.
    assert "within_tolerance" in res.comparison.columns
    assert set(res.comparison["within_tolerance"]) <= {"yes", "no", "n/a"}


def test_comparison_without_replications_labels_large_n_tolerance(study):
    _, res, _ = study
    en = T.comparison_table(res, None, "en")
    col = v.text("within_tolerance_large_n", "en")
    assert col == "within calibration tolerance (large N)"
    assert en[col].tolist() == res.comparison["within_tolerance"].replace("n/a", "–").tolist()
    assert "calibration tolerances" in T.comparison_note(res, None, "en")
    assert "95 % interval" not in T.comparison_note(res, None, "en")


def test_hypothesis_shares_are_percent_with_text(study):
    _, _, rep = study
    fi = T.hypothesis_shares(rep, "fi")
    h1 = v.hypotheses().set_index("id").loc["H1", "text_fi"]
    assert fi.index[0] == f"H1: {h1}"
    share = fi[v.text("share_pct", "fi")]
    expected = [f"{100 * s:.0f} %" for s in rep.hypotheses["share_as_published"]]
    assert share.tolist() == expected


def test_figure_labels():
    assert T.figure_label("loading v01 F1", "en", statement=False) == "Loading F1: v01"
    assert T.figure_label("pairwise N F3", "fi") == "Parittainen N F3"
    assert T.figure_label("hypothesis H2", "en") == "Hypothesis H2"
    with pytest.raises(ValueError, match="language"):
        T.figure_label("alpha F1", "sv")


def test_wording_table_quotes_the_slide_beside_the_package_label(study):
    _, res, _ = study
    en = T.wording_table(res, "en")
    assert len(en) == 16
    pc = v.published_correlations()
    assert en[v.text("slide_wording", "en")].tolist() == pc["text_fi"].tolist()
    f3 = en.loc[("F3", "Open labour market")]
    assert f3[v.text("slide_wording", "en")] == "Tilastollisesti merkittävä yhteys"
    assert f3[v.text("published", "en")] == "0.504, p<0.01"
    c = res.correlations.set_index(["factor", "outcome"]).loc[(3, "p_open")]
    assert f3[v.text("package_label", "en")] == c["label"]
    assert f3[v.text("reproduced", "en")] == f"{c['r']:.3f}{c['stars']}"
    legend = T.star_legend("en")
    assert "* p < .05, ** p < .01, *** p < .001" in legend and "unadjusted" in legend
    assert "0,05" in T.star_legend("fi") and "{" not in T.star_legend("fi")


def test_methods_note_states_the_calibration_caveat():
    en = T.methods_note(20_000, "en")
    assert "N = 20 000" in en and "by construction" in en and "pa_spss / promax" in en
    assert "N = 168" in T.methods_note(168, "en")


def test_assignment_note_is_computed(study):
    _, _, rep = study
    note = T.assignment_note(rep, "en")
    assert note.startswith(v.text("alpha_note", "en"))
    a = rep.assignments
    robust = [
        str(k)
        for k in (1, 2, 3, 4)
        if (a.loc[a["missing_factor"] != f"F{k}", "consistent"] == "no").all()
    ]
    if robust:
        assert f"No assignment giving factor {', '.join(robust)} a value fits" in note
    else:
        assert v.text("alpha_robust_none", "en") in note


def test_every_model_assumption_is_listed_and_marked():
    a = v.ambiguities()
    assert list(a.columns) == ["id", "kind", "text", "text_fi", "source"]
    assert set(a["kind"]) == {"assumption", "reading of the slides"}
    kinds = dict(zip(a["id"], a["kind"], strict=True))
    for ident in ("progression_shares", "likert_marginals", "item_targets",
                  "factor_correlations", "placeholder_cross_loadings", "hypothesis_direction",
                  "ns_cells_values", "missing_answers"):  # fmt: skip
        assert kinds[ident] == "assumption", ident
    for ident in ("factor3_name_restored", "education_header_lost", "verbal_labels",
                  "alpha_three_values", "variance_reading"):  # fmt: skip
        assert kinds[ident] == "reading of the slides", ident
    text = dict(zip(a["id"], a["text"], strict=True))
    # the figures stated are the model's (calibrated.json)
    import json
    from importlib import resources

    raw = json.loads(
        resources.files("vaikuttavuus.studies.vates2020").joinpath("calibrated.json").read_text()
    )
    meta = raw["meta"]
    assert list(meta["mean_shares"].values()) == [15.0, 10.0, 40.0, 20.0, 15.0]
    assert meta["item_targets"]["v25~p_open"] == 0.28 and meta["item_targets"]["v24~p_open"] == 0.12
    assert meta["response_probs"] == [0.05, 0.12, 0.25, 0.38, 0.2]
    assert "5/12/25/38/20 %" in text["likert_marginals"]
    assert (
        "15 % open labour market, 10 % education, 40 % employment services"
        in text["progression_shares"]
    )
    assert (
        "v24 (work ability) .12, v26 (H1) .12, v25 (professional skills) .28"
        in text["item_targets"]
    )
    assert "F1-F2 and F3-F4 exactly at 0" in text["factor_correlations"]
    assert raw["phi"][0][1] == 0.0 and raw["phi"][2][3] == 0.0
    assert (
        meta["cross_loaders"]["v27"] == [3, 4] and "v27 F3/F4" in text["placeholder_cross_loadings"]
    )
    assert "not force" in text["education_header_lost"]
    fi = T.ambiguity_table("fi")
    assert set(fi[v.text("kind", "fi")]) == {"oletus", "kuvien tulkinta"}


def test_finnish_tables_write_decimal_commas(study):
    """No number with a decimal point in the Finnish tables (present.formatting); English
    keeps the point."""
    point = re.compile(r"\d\.\d")
    for name, table in _finnish_tables(*study).items():
        cells = [str(x) for x in table.to_numpy().ravel()] + [str(x) for x in table.index]
        bad = [c for c in cells if point.search(c)]
        assert not bad, (name, bad[:3])
    _, res, rep = study
    fi = T.comparison_table(res, rep, "fi")
    en = T.comparison_table(res, rep, "en")
    row_fi = fi.iloc[0]
    row_en = en.iloc[0]
    assert row_fi[v.text("published", "fi")] == "0,830"
    assert row_en[v.text("published", "en")] == "0.830"
    r = res.comparison["reproduced"].iloc[0]
    assert row_fi[v.text("reproduced", "fi")] == f"{r:.3f}".replace(".", ",").replace("-", "−")
    assert T.wording_table(res, "fi").iloc[0][v.text("published", "fi")] == "0,236, p<0,01"


def test_texts_come_from_the_one_catalogue_and_notes_name_the_method():
    assert v.text("rotation", "en") == msg("vates2020.rotation", "en") == "rotation"
    assert msg("vates2020.rotation", "sv") == "rotation"  # Swedish exists for every text
    with pytest.raises(ValueError, match="language"):
        v.text("rotation", "sv")  # the Vates report itself is in Finnish and English
    with pytest.raises(ValueError, match="'rotation'"):
        v.text("rotaton", "fi")
    for language in ("fi", "en"):
        note = T.methods_note(20_000, language)
        assert "(pa_spss / promax)" in note and "{" not in note
        assert "20 000" in note
