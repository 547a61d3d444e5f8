"""Region reports for a municipality: the official figures rank it among the 292 municipalities,
the example sections follow, and no number is written with a decimal point in fi/sv."""

from __future__ import annotations

import pytest

from vaikuttavuus.present import numbers_with_point
from vaikuttavuus.regional import region_data, region_report
from vaikuttavuus.regional.situation import situation


@pytest.mark.parametrize(("code", "language"), [("837", "fi"), ("091", "sv")])
def test_municipality_report(code, language):
    data = region_data("municipality", code, period="2024")
    assert list(data.municipalities["code"]) == [code]
    presentation = region_report(data, language=language).presentation()
    keys = [s.key for s in presentation.sections]
    assert keys[:4] == ["situation", "trend", "comparison", "municipalities"]
    assert not any(s.omitted for s in presentation.sections[:4])
    html = presentation.html()
    assert numbers_with_point(html) == []
    summary = situation(code).summary.set_index("measure")
    assert int(summary.loc["unemployment_rate", "n_regions"]) == 292


def test_unknown_municipality_names_the_type():
    with pytest.raises(ValueError, match="is not a municipality of the registry"):
        region_data("municipality", "999", period="2024")
