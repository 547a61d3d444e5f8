"""The survey report's CFA of the declared scales and ordinal alpha: the report shows what
``cfa`` and ``ordinal_alpha`` give on the keyed items (both validated against lavaan/psych in
test_cfa*.py and test_polychoric.py), with reverse-keyed items reversed, in the report language."""

from __future__ import annotations

import pytest

from vaikuttavuus.cfa import cfa
from vaikuttavuus.ordinal import ordinal_alpha
from vaikuttavuus.studies.vates2020.example import write_example_survey
from vaikuttavuus.survey import read_survey, survey_report


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    data, codebook = write_example_survey(tmp_path_factory.mktemp("cfa"))
    return read_survey(data, codebook)


@pytest.fixture(scope="module")
def report(survey):
    return survey_report(survey, language="fi")


def test_fit_is_the_cfa_of_the_declared_scales(survey, report):
    scales = {s: list(c) for s, c in survey.codebook.scales.items()}
    keyed = survey.keyed_items()[[c for cols in scales.values() for c in cols]]
    ml = cfa(keyed, scales).fit()
    wlsmv = cfa(keyed, scales, ordered=True).fit()
    assert report.cfa.loc["ML", "chisq"] == pytest.approx(ml["chisq"], rel=1e-12)
    assert report.cfa.loc["ML", "cfi"] == pytest.approx(ml["cfi"], rel=1e-12)
    assert report.cfa.loc["WLSMV", "chisq"] == pytest.approx(wlsmv["chisq_scaled"], rel=1e-12)
    assert report.cfa.loc["WLSMV", "rmsea"] == pytest.approx(wlsmv["rmsea_scaled"], rel=1e-12)
    assert report.cfa.loc["ML", "n"] == keyed.dropna().shape[0]


def test_ordinal_alpha_beside_alpha(survey, report):
    keyed = survey.keyed_items()
    for scale, cols in survey.codebook.scales.items():
        expected = ordinal_alpha(keyed, list(cols)).alpha
        assert report.reliability.loc[scale, "ordinal_alpha"] == pytest.approx(expected)
        # Likert items: alpha on polychorics exceeds alpha on the numbers here
        assert (
            report.reliability.loc[scale, "ordinal_alpha"] > report.reliability.loc[scale, "alpha"]
        )


def test_cfa_table_in_the_report_language(report):
    section = report.section("factors")
    title = next(t for t in section.tables if t.startswith("Vahvistava faktorianalyysi"))
    table = next(p for p in section.parts if getattr(p, "title", None) == title)
    text = table.text_frame("fi")
    assert list(text.index) == ["ML (vastaukset lukuina)", "WLSMV (järjestysasteikko, skaalattu)"]
    assert text.iloc[0, 1] == "293" and "," in text.iloc[0, 3]
    assert not any("." in cell for cell in text.to_numpy().ravel())
