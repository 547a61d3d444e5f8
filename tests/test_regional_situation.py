"""situation(): the numbers of the region report, held against the open-data tables and the
raw snapshots, for every area and county and for municipalities."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus import opendata
from vaikuttavuus.opendata import _snapshots as S
from vaikuttavuus.regional.situation import MEASURES, RegionSituation, situation
from vaikuttavuus.regions import list_regions, load_regions

REG = load_regions()


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VAIKUTTAVUUS_OPENDATA_CACHE", str(tmp_path / "cache"))


def _rank(values: pd.Series, code: str) -> int:
    """1 + the number of regions with a strictly higher value (rank 1 = highest)."""
    return int((values.dropna() > values[code]).sum()) + 1


def test_fields_and_types():
    s = situation("TA39")
    assert isinstance(s, RegionSituation)
    assert (s.region_code, s.level, s.year, s.month) == ("TA39", "employment_area", 2025, "2026-06")
    assert s.summary["measure"].tolist() == list(MEASURES)
    assert list(s.summary.columns) == [
        "measure",
        "value",
        "country",
        "rank",
        "n_regions",
        "unit",
        "source_key",
        "period",
        "withheld",
    ]
    assert list(s.trend.columns) == ["month", "region_rate", "country_rate"]
    assert list(s.ranking.columns) == [
        "region_code",
        "name_fi",
        "name_sv",
        "name_en",
        "unemployment_rate",
        "long_term_share",
        "cofinancing_per_inhabitant",
        "is_region",
    ]
    assert s.municipalities.columns[-1] == "withheld"
    assert set(s.sources) == {"population", "unemployment", "cofinancing", "unemployment_series"}
    for src in s.sources.values():
        assert {"authority", "table", "period", "retrieved_from", "commit"} <= set(src)
    with pytest.raises(TypeError):
        s.sources["x"] = {}
    assert s.to_frame().equals(s.summary)
    assert "Rank 1 = highest value." in str(s)


@pytest.mark.parametrize(
    ("code", "level", "n"),
    [("TA39", "employment_area", 45), ("08", "wellbeing_county", 22), ("507", "municipality", 292)],
)
def test_summary_values_country_and_rank(code, level, n):
    s = situation(code).summary.set_index("measure")
    tables = {
        "population": opendata.population(level),
        "unemployment": opendata.unemployment(level),
        "cofinancing": opendata.cofinancing(level),
    }
    for measure, (key, column, unit) in MEASURES.items():
        frame = tables[key].set_index("region_code")[column].astype(float)
        country = opendata.__dict__[key]("country")[column].astype(float).iloc[0]
        row = s.loc[measure]
        assert row["value"] == pytest.approx(frame[code], rel=1e-12)
        assert row["country"] == pytest.approx(country, rel=1e-12)
        assert row["rank"] == _rank(frame, code)
        assert row["n_regions"] == frame.notna().sum()
        assert row["unit"] == unit and row["source_key"] == key
    assert s.loc["population", "n_regions"] == n
    assert s.loc["population", "country"] == 5652881
    assert s.loc["unemployment_rate", "period"] == "2026M06"


def test_withheld_per_measure():
    u = opendata.unemployment("municipality").set_index("region_code")
    codes = list_regions("employment_areas")["code"]
    seen = 0
    for code in codes:
        s = situation(code).summary.set_index("measure")["withheld"]
        members = REG.municipalities.loc[REG.municipalities["area_code"] == code, "code"]
        part = u.loc[members]
        assert s["other_services"] == part["other_services"].isna().sum()
        assert (
            s["unemployment_rate"]
            == (part["unemployed"].isna() | part["labour_force"].isna()).sum()
        )
        assert s["population"] == 0 and s["cofinancing_per_inhabitant"] == 0
        seen += int(s["other_services"])
    assert seen > 0  # the snapshot has withheld 'other services' cells in mainland areas


def test_trend_region_and_country():
    s = situation("TA39")
    assert len(s.trend) == 214
    assert s.trend["month"].iloc[0] == pd.Timestamp("2006-01-01")
    series = opendata.unemployment_series("employment_area")
    mine = series[series["region_code"] == "TA39"]["unemployment_rate"].to_numpy()
    assert np.allclose(s.trend["region_rate"], mine)
    country = opendata.unemployment_series("country")["unemployment_rate"].to_numpy()
    assert np.allclose(s.trend["country_rate"], country)
    assert np.allclose(situation("08").trend["country_rate"], country)


def test_municipality_trend_adds_the_merged_pertunmaa():
    # the series has the 2024 division: Mäntyharju 2025 = Mäntyharju + Pertunmaa of 2024
    raw = S.read_csv(
        S.package_dir() / S.TABLES["unemployment_series"].file,
        {"alue": "str", "kuukausi": "str", "TYOVOIMATK": "float", "TYOTTOMATLOPUSSA": "float"},
        "series",
    )
    jan = raw[raw["kuukausi"] == "2010-01"].set_index("alue")
    parts = jan.loc[["KU507", "KU588"]]
    expected = 100 * parts["TYOTTOMATLOPUSSA"].sum() / parts["TYOVOIMATK"].sum()
    trend = situation("507").trend.set_index("month")
    assert trend.loc[pd.Timestamp("2010-01-01"), "region_rate"] == pytest.approx(expected)


def test_ranking_and_municipalities():
    s = situation("TA26")  # Pohjanmaa
    assert len(s.ranking) == 45 and s.ranking["is_region"].sum() == 1
    assert s.ranking.loc[s.ranking["is_region"], "region_code"].item() == "TA26"
    members = REG.municipalities.loc[REG.municipalities["area_code"] == "TA26"]
    assert s.municipalities["code"].tolist() == members["code"].tolist()
    doc = json.loads((S.package_dir() / S.TABLES["population"].file).read_text("utf-8"))
    pop = {d["key"][0]: int(d["values"][0]) for d in doc["data"]}
    for row in s.municipalities.itertuples():
        assert row.population == pop[f"KU{row.code}"]
        assert row.unemployment_rate == pytest.approx(100 * row.unemployed / row.labour_force)
    assert len(situation("17").ranking) == 22
    assert len(situation("091").ranking) == 292
    assert situation("091").municipalities["code"].tolist() == ["091"]


def test_every_area_and_county():
    codes = list_regions()["code"].tolist()
    assert len(codes) == 67
    for code in codes:
        s = situation(code)
        assert s.summary["value"].notna().all(), code
        assert s.summary["rank"].between(1, s.summary["n_regions"]).all(), code
        assert s.trend["region_rate"].notna().all(), code
        assert len(s.municipalities) == int(
            list_regions().set_index("code").loc[code, "n_municipalities"]
        )


def test_hva_form_and_bad_input():
    assert situation("HVA08").region_code == "08"
    with pytest.raises(ValueError, match=r"Unknown region_code 'TA46'.*Did you mean 'TA45'"):
        situation("TA46")
    with pytest.raises(ValueError, match=r"Unknown region_code '588'.*292 municipality codes"):
        situation("588")
    with pytest.raises(ValueError, match=r"month='2026-07'.*the data hold '2026-06'"):
        situation("TA01", month="2026-07")
    with pytest.raises(ValueError, match=r"year='2026'.*the data hold '2025'"):
        situation("TA01", year=2026)
