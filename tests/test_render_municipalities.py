"""Municipality report jobs (render/jobs.py) on the real region registry."""

from __future__ import annotations

import pytest

from vaikuttavuus import regions
from vaikuttavuus.render import region_jobs


def _table():
    return regions.default_regions().municipalities


def test_every_municipality_once_in_its_majority_language():
    table = _table()
    jobs = region_jobs("municipalities")
    assert len(jobs) == len(table) == table["code"].nunique()
    assert {j.parameters["region_code"] for j in jobs} == set(table["code"].astype(str))
    assert {j.parameters["region_type"] for j in jobs} == {"municipality"}
    majority = {
        str(c): str(lang).split(",")[0]
        for c, lang in zip(table["code"], table["language"], strict=True)
    }
    assert all(j.language == majority[j.parameters["region_code"]] for j in jobs)


def test_bilingual_municipalities_in_both_languages():
    table = _table()
    bilingual = table["language"].astype(str).str.contains(",").sum()
    jobs = region_jobs("municipalities", language="all")
    assert len(jobs) == len(table) + bilingual


def test_single_codes_mixed_with_regions():
    jobs = region_jobs("837,091,TA01", language="all")
    names = [j.name for j in jobs]
    assert names[:3] == ["municipality_837_fi", "municipality_091_fi", "municipality_091_sv"]
    assert names[3].startswith("area_TA01_")
    titles = {j.name: j.title for j in jobs}
    assert titles["municipality_837_fi"] == "Tampere (837)"
    assert titles["municipality_091_sv"] == "Helsingfors (091)"


def test_unknown_municipality_code_is_named():
    with pytest.raises(ValueError, match="unknown region code\\(s\\) '999'"):
        region_jobs("999")


def test_bilingual_municipality_renders_end_to_end_in_both_languages(tmp_path):
    """The shipped region notebook for a municipality code, through the renderer (forked
    kernels from a warmed zygote): Finnish and Swedish pages, each in its language, with the
    official sections and no number written with a decimal point."""
    from vaikuttavuus.present import numbers_with_point
    from vaikuttavuus.render import run_reports

    jobs = region_jobs("091", language="all")
    result = run_reports(jobs, out=tmp_path / "r", runs=tmp_path / "p", workers=1, run_id="m")
    assert [r.status for r in result.results] == ["ok", "ok"]
    for language, title in (("fi", "Helsinki"), ("sv", "Helsingfors")):
        page = (tmp_path / "r" / "m" / f"municipality_091_{language}.html").read_text("utf-8")
        assert f'<html lang="{language}"' in page and title in page
        assert numbers_with_point(page) == []
