"""survey_report: round trip of a simulated Vates survey through every format, disclosure
control, languages, and the rendered report in headless Chromium."""

from __future__ import annotations

import copy
import warnings

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from _survey_fixtures import ROLES, SMALL_CODEBOOK, small_codes, write_codebook, write_formats

from vaikuttavuus.omega import omega_total
from vaikuttavuus.reliability import NegativeItemWarning, cronbach_alpha
from vaikuttavuus.studies.vates2020.example import simulate_export
from vaikuttavuus.studies.vates2020.simulate import simulate
from vaikuttavuus.survey import plot_likert, read_survey, survey_report
from vaikuttavuus.survey._answers import answer_labels
from vaikuttavuus.survey.codebook import load_codebook

N_ROUND_TRIP = 300


@pytest.fixture(scope="module")
def vates_files(tmp_path_factory):
    """A survey simulated from the Vates model written as a Webropol CSV (verbal Finnish
    answers), a comma CSV with Swedish answers, XLSX with numbers and SAV with labels."""
    folder = tmp_path_factory.mktemp("vates")
    sim = simulate(N_ROUND_TRIP, seed=7)
    items = [c for c in sim.columns if c.startswith("v")]
    export = simulate_export(N_ROUND_TRIP, seed=7, dont_know=0.0)
    paths = {"csv": folder / "vates.csv", "csv_sv": folder / "vates_sv.csv"}
    export.to_csv(paths["csv"], sep=";", index=False, encoding="utf-8-sig")
    sv = export.copy()
    fi, sv_words = answer_labels("agree5", "fi"), answer_labels("agree5", "sv")
    sv[items] = sv[items].replace(dict(zip(fi, sv_words, strict=True)))
    for col in [c for c in sim.columns if c.startswith("p_")]:
        sv[col] = sim[col]
    sv.to_csv(paths["csv_sv"], index=False, encoding="cp1252")
    numeric = sim.rename(columns={"respondent": "vastaaja_id"})
    numeric["nimike"] = export["nimike"]
    numeric["kunta"] = export["kunta"]
    paths["xlsx"] = folder / "vates.xlsx"
    numeric.to_excel(paths["xlsx"], index=False)
    coded = numeric.copy()
    cb = load_codebook("vates2020")
    from vaikuttavuus.studies.vates2020.example import example_codebook

    ecb = example_codebook()
    labels = {c: {float(i + 1): w for i, w in enumerate(fi)} for c in items}
    for bg in ecb.background:
        inv = {v: float(k) for k, v in bg.categories.items()}
        coded[bg.column] = coded[bg.column].map(inv)
        labels[bg.column] = {v: k for k, v in inv.items()}
    paths["sav"] = folder / "vates.sav"
    pyreadstat.write_sav(coded, str(paths["sav"]), variable_value_labels=labels)
    codebook = folder / "codebook.yaml"
    codebook.write_text(ecb.to_yaml(), encoding="utf-8")
    assert len(cb.items) == 31
    return sim, paths, codebook


def test_round_trip_every_format_reads_the_simulation(vates_files):
    sim, paths, codebook = vates_files
    items = [c for c in sim.columns if c.startswith("v")]
    shares = [c for c in sim.columns if c.startswith("p_")]
    frames = {}
    for fmt, path in paths.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            s = read_survey(path, codebook)
        log = s.reading_log
        assert log.n_rows == N_ROUND_TRIP
        per = log.per_column.set_index("column")
        n_answers = int(sim[items].notna().sum().sum())
        assert per.loc[items, "answers"].sum() == n_answers
        assert per.loc[items, "valid"].sum() == n_answers
        expected_recoded = n_answers if fmt.startswith("csv") else 0
        assert per.loc[items, "recoded"].sum() == expected_recoded, fmt
        np.testing.assert_array_equal(s.data[items].to_numpy(), sim[items].to_numpy())
        np.testing.assert_allclose(s.data[shares].to_numpy(), sim[shares].to_numpy())
        frames[fmt] = s.data
    first = frames.pop("csv")
    for fmt, frame in frames.items():
        pd.testing.assert_frame_equal(frame, first, obj=fmt)


def test_round_trip_report_recovers_the_scales(vates_files):
    sim, paths, codebook = vates_files
    survey = read_survey(paths["csv"], codebook)
    report = survey_report(survey, language="en", parallel_iter=20)
    cb = survey.codebook
    # alpha per scale equals alpha of the simulated numbers (the file changed nothing)
    for scale, cols in cb.scales.items():
        truth = cronbach_alpha(sim, list(cols), scale=(1, 5)).alpha
        assert report.reliability.loc[scale, "alpha"] == pytest.approx(truth, abs=1e-12)
        assert report.reliability.loc[scale, "alpha"] > 0.6
        # omega total per scale: one-factor fit of the scale's own items, beside alpha
        omega_truth = omega_total(sim, list(cols), flip=False).omega_total
        assert report.reliability.loc[scale, "omega_total"] == pytest.approx(omega_truth, abs=1e-12)
    # the whole-instrument Schmid-Leiman omega stays as an extra table
    assert report.omega.loc[0, "n_factors"] == len(cb.scales)
    section = report.section("reliability")
    assert "Omega total (ω_t)" in section.tables[""].columns
    assert "Omega, all scale items" in section.tables
    assert any("one-factor model" in n for n in section.notes)
    # the EFA puts every declared item on the factor of its scale
    assert report.n_factors_source == "parallel"
    assert report.n_factors >= len(cb.scales)
    agree, total = report.assignment_agreement
    assert total == 26 and agree == 26
    assert report.kmo.msa > 0.7
    # correlations with declared outcomes are there, computed on scale scores
    assert set(report.correlations["y"]) >= {"p_open", "p_education"}
    assert "<5" not in report.to_frame().astype(str).to_numpy()


def test_small_groups_are_not_shown_or_compared(tmp_path):
    codes = small_codes(60, seed=3)
    codes.loc[:2, "nimike"] = 1.0  # make sure group 1 exists ...
    codes.loc[3:, "nimike"] = codes.loc[3:, "nimike"].replace(1.0, 2.0)  # ... with 3 persons
    paths = write_formats(codes, tmp_path)
    s = read_survey(paths["sav"], write_codebook(tmp_path / "cb.yaml"))
    report = survey_report(s, language="en", n_factors=2, parallel_iter=5)
    sizes = s.data["nimike"].value_counts()
    assert sizes[ROLES[0]] == 3
    # primary suppression withholds the 3-person group; on its own it could be worked out by
    # difference (overall mean minus the shown groups), so the smallest other group goes too
    smaller_other = min(ROLES[1:], key=lambda g: sizes[g])
    larger_other = max(ROLES[1:], key=lambda g: sizes[g])
    assert report.small_groups["nimike"] == (ROLES[0], smaller_other)
    assert sizes[ROLES[0]] + sizes[smaller_other] >= 5
    means = report.group_means["nimike"]
    assert set(means["group"]) == {larger_other}
    assert (means["n"] >= 5).all()
    assert report.group_tests["nimike"].empty  # one group left: nothing to compare
    section = report.section("groups")
    assert any(ROLES[0] in n and smaller_other in n and "fewer than 5" in n for n in section.notes)
    html = section._repr_html_()
    assert larger_other in html
    # every shown count table is suppressed below 5 and no respondent row is shown
    for name in report.sections:
        sec = report.section(name)
        for table in sec.tables.values():
            assert len(table) <= 60 // 2, (name, "looks like respondent rows")
            if "n" in table.columns:
                ns = pd.to_numeric(table["n"], errors="coerce")
                assert not ((ns > 0) & (ns < 5)).any(), name
    reading = report.section("reading").tables["Per item"]
    assert (reading.loc["Municipality size", "Missing-value code"]) == "<5"


def test_languages_and_n_factors(tmp_path):
    paths = write_formats(small_codes(80, seed=5), tmp_path)
    s = read_survey(paths["csv_comma"], write_codebook(tmp_path / "cb.yaml"))
    titles = {}
    for lang in ("fi", "sv", "en"):
        r = survey_report(s, language=lang, n_factors="2", parallel_iter=5)
        titles[lang] = r.section("reliability").title
        assert r.n_factors == 2 and r.n_factors_source == "given"
    assert titles == {"fi": "Summamuuttujien reliabiliteetti", "sv": "Skalornas reliabilitet",
                      "en": "Reliability of the scales"}  # fmt: skip
    with pytest.raises(ValueError, match="language='de' is not allowed"):
        survey_report(s, language="de")
    with pytest.raises(ValueError, match="n_factors='many'"):
        survey_report(s, n_factors="many")
    with pytest.raises(TypeError, match="SurveyData"):
        survey_report(s.data)


def test_omega_per_scale_reverses_as_the_codebook_says(tmp_path):
    """Scale A has the reverse-keyed k3: omega total as for k3 recoded 6 - x (the scale as
    scored, no automatic flipping), like alpha. Scales of < 3 items get no omega and a note."""
    codes = small_codes(120, seed=11)
    paths = write_formats(codes, tmp_path)
    s = read_survey(paths["sav"], write_codebook(tmp_path / "cb.yaml"))
    report = survey_report(s, language="en", n_factors=2, parallel_iter=5)
    rel = report.reliability
    recoded = s.data[["k1", "k2", "k3"]].assign(k3=6 - s.data["k3"])
    by_hand = omega_total(recoded, flip=False)
    assert by_hand.keys.tolist() == [1, 1, 1]  # recoded k3 loads positively
    assert rel.loc["A", "omega_total"] == pytest.approx(by_hand.omega_total, abs=1e-12)
    with pytest.warns(NegativeItemWarning, match="k3"):
        unreversed = omega_total(s.data, ["k1", "k2", "k3"], flip=False)
    assert abs(rel.loc["A", "omega_total"] - unreversed.omega_total) > 0.1
    b = omega_total(s.data, ["k4", "k5", "k6"], flip=False).omega_total
    assert rel.loc["B", "omega_total"] == pytest.approx(b, abs=1e-12)
    assert 0 < rel.loc["A", "omega_total"] < 1 and 0 < rel.loc["B", "omega_total"] < 1

    spec = copy.deepcopy(SMALL_CODEBOOK)
    spec["items"][5]["factor"] = "C"  # B: k4, k5 (2 items); C: k6 (1 item)
    spec["scales"]["C"] = {"label": {"fi": "Tavoitteet", "en": "Goals"}}
    s2 = read_survey(paths["sav"], write_codebook(tmp_path / "cb2.yaml", spec))
    texts = {}
    for lang in ("fi", "sv", "en"):
        r = survey_report(s2, language=lang, n_factors=2, parallel_iter=5)
        assert np.isnan(r.reliability.loc["B", "omega_total"])
        assert r.reliability.loc["A", "omega_total"] == pytest.approx(
            rel.loc["A", "omega_total"], abs=1e-12
        )
        texts[lang] = r.section("reliability").notes
    assert any("fewer than 3 items: Client work, Goals" in n for n in texts["en"])
    assert any("alle 3 väittämän" in n for n in texts["fi"])
    assert any("färre än 3 påståenden" in n for n in texts["sv"])


def test_plot_likert_hides_small_segments():
    data = pd.DataFrame({"q1": [1] * 3 + [3] * 10 + [5] * 7, "q2": [2] * 10 + [4] * 10})
    ax = plot_likert(data, scale=(1, 5), min_n=5)
    widths = [p.get_width() for p in ax.patches]
    # q1: the 3 answers of "1" are hidden, and so is the smallest other segment ("5", 7
    # answers), else the bar's gap would reveal the 3: 10/20 of q1's bar is not drawn
    assert pytest.approx(sum(w for w in widths if w > 0)) == 100 - 50 + 100
    ax_all = plot_likert(data, scale=(1, 5), min_n=1)
    assert pytest.approx(sum(p.get_width() for p in ax_all.patches)) == 200
    import matplotlib.pyplot as plt

    plt.close("all")
    with pytest.raises(ValueError, match="answer_labels has 2 labels"):
        plot_likert(data, scale=(1, 5), answer_labels=["a", "b"])


@pytest.mark.slow
def test_rendered_report_opens_in_chromium_without_errors(tmp_path):
    from browser import check_page, require_chromium

    require_chromium()
    from vaikuttavuus.studies.vates2020.example import write_example_survey
    from vaikuttavuus.survey import render_survey_report

    data, codebook = write_example_survey(tmp_path / "in")
    html = render_survey_report(data, codebook, tmp_path / "out", language="en")
    text = html.read_text(encoding="utf-8")
    for heading in ("Reading the data", "Number of factors", "Reliability of the scales",
                    "Group comparisons", "data:image/png;base64"):  # fmt: skip
        assert heading in text, heading
    assert "Traceback" not in text and "Error" not in text.split("</style>")[-1]
    # no respondent ids in the report
    assert "vastaaja_id" not in text
    page = check_page(html, tmp_path / "report.png")
    assert page.console_errors == ()
    assert page.js_exceptions == ()
    assert page.external_requests == ()
    assert page.text_length > 5000
    assert page.screenshot_path.stat().st_size > 50_000


def test_check_page_reports_errors(tmp_path):
    from browser import check_page, require_chromium

    require_chromium()
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<html><body><p>x</p><script>console.error('boom'); undefinedFn();</script>"
        f"<img src='{(tmp_path / 'missing.png').as_uri()}'></body></html>",
        encoding="utf-8",
    )
    page = check_page(bad)
    assert any("boom" in e for e in page.console_errors)
    assert any("missing.png" in e for e in page.console_errors)
    assert any("undefinedFn" in e for e in page.js_exceptions)
    assert page.screenshot_path.exists()


def test_group_means_are_not_derivable_when_a_scale_score_is_missing():
    """Per-scale suppression: a group left with 1-4 scores on one scale is withheld there,
    together with a complement, so its mean cannot be worked out from the overall mean."""
    from vaikuttavuus.survey._analysis import group_comparison

    rng = np.random.default_rng(1)
    group = pd.Series(["a"] * 26 + ["b"] * 26 + ["c"] * 8, dtype="category")
    scores = pd.DataFrame({"A": rng.normal(size=60), "B": rng.normal(size=60)})
    scores.loc[26:47, "A"] = np.nan  # group b keeps 4 scores on scale A
    means, tests, withheld = group_comparison(scores, group, ["A", "B"])
    shown_a = means[means["scale"] == "A"]
    assert set(shown_a["group"]) == {"a"}  # b (4 scores) and c (smallest other) withheld on A
    assert set(means[means["scale"] == "B"]["group"]) == {"a", "b", "c"}
    assert withheld == ["b (A)", "c (A)"]
    assert set(tests["scale"]) == {"B"}  # one group left on A: nothing to compare


def test_scale_scores_follow_psych_rule_by_default_and_min_valid(tmp_path):
    """Default: one answered item gives a score (psych::scoreItems(impute="none")); the
    codebook's ``defaults: min_valid`` and survey_report(min_valid=...) change it, and the
    report states the rule."""
    from vaikuttavuus.survey import _analysis as A

    codes = small_codes(60, seed=7)
    codes.loc[0:9, ["k1", "k2"]] = 9  # ten respondents answer only k3 of scale A
    paths = write_formats(codes, tmp_path)
    s = read_survey(paths["sav"], write_codebook(tmp_path / "cb.yaml"))
    assert s.codebook.min_valid == 1
    keyed = s.data[["k1", "k2", "k3"]].copy()
    keyed["k3"] = 6 - keyed["k3"]
    expected = keyed.mean(axis=1)  # mean of the answered items, NaN only if none
    default = survey_report(s, language="en", n_factors=2, parallel_iter=5)
    np.testing.assert_allclose(A.scores(s)["A"], expected, atol=1e-12)
    assert default.score_descriptives.loc["A", "n"] == int(expected.notna().sum())
    notes = default.section("scores").notes
    assert any("one answered item is enough" in n for n in notes)
    half = survey_report(s, language="fi", n_factors=2, parallel_iter=5, min_valid=0.5)
    need_two = keyed.notna().sum(axis=1) >= 2
    assert half.score_descriptives.loc["A", "n"] == int(need_two.sum())
    assert any("vähintään 50 %" in n for n in half.section("scores").notes)
    spec = {**SMALL_CODEBOOK, "defaults": {**SMALL_CODEBOOK["defaults"], "min_valid": 2}}
    s2 = read_survey(paths["sav"], write_codebook(tmp_path / "cb2.yaml", spec))
    assert s2.codebook.min_valid == 2
    assert s2.codebook.to_dict()["defaults"] == {"min_valid": 2}
    r2 = survey_report(s2, language="sv", n_factors=2, parallel_iter=5)
    assert r2.score_descriptives.loc["A", "n"] == int(need_two.sum())
    assert any("minst 2 påståenden" in n for n in r2.section("scores").notes)
    with pytest.raises(ValueError, match="min_valid"):
        survey_report(s, n_factors=2, parallel_iter=5, min_valid=0)
