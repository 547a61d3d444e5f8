"""The embedded default data: sized from population, per-municipality seeds, regions are exact
unions of their municipalities, and the committed files are what the generators give."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.regional import (
    DATASETS,
    build_default_data,
    default_data_dir,
    municipality_data,
    region_data,
)
from vaikuttavuus.regional._generators import (
    IPS_YEARLY_RATE,
    MONTHLY_CLIENT_RATE,
    ips_counties,
    ips_size,
)
from vaikuttavuus.regional.build import MASTER_SEED, SURVEY_COUNTIES, registry_fingerprint
from vaikuttavuus.regional.data import read_dataset
from vaikuttavuus.regions import default_regions

REG = default_regions()
MUNIS = REG.municipalities.set_index("code")
BASE = default_data_dir()


@pytest.fixture(scope="module")
def files() -> dict[str, pd.DataFrame]:
    return {k: read_dataset(BASE, k) for k in DATASETS}


def test_manifest_matches_files_and_registry():
    manifest = json.loads((BASE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == MASTER_SEED
    # the data were built from the current registry (else: rebuild with build_default_data())
    assert manifest["registry_sha256"] == registry_fingerprint(REG.municipalities)
    assert manifest["municipalities"] == len(REG.municipalities)
    sizes = sum((BASE / f["file"]).stat().st_size for f in manifest["files"])
    assert sizes < 2_000_000  # small enough to commit
    for f in manifest["files"]:
        assert len(read_dataset(BASE, f["dataset"])) == f["rows"]


def test_committed_files_equal_the_generators(tmp_path):
    """Rebuild three municipalities (a small one, one in an IPS county, one in a survey
    county) and compare with their rows in the committed files."""
    codes = ["005", "905", "837"]  # Alajärvi, Vaasa (IPS + survey), Tampere
    one = SimpleNamespace(municipalities=REG.municipalities[REG.municipalities.code.isin(codes)])
    build_default_data(tmp_path, regions=one)
    for key in ("episodes", "ips_clients", "staff_survey"):
        fresh = read_dataset(tmp_path, key)
        committed = read_dataset(BASE, key)
        committed = committed[committed["municipality"].isin(codes)].reset_index(drop=True)
        pd.testing.assert_frame_equal(fresh, committed, check_dtype=False)
    fresh_jobs, jobs = read_dataset(tmp_path, "ips_jobs"), read_dataset(BASE, "ips_jobs")
    jobs = jobs[jobs["client"].isin(set(fresh_jobs["client"]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(fresh_jobs, jobs, check_dtype=False)
    pd.testing.assert_frame_equal(
        read_dataset(tmp_path, "ips_fidelity"), read_dataset(BASE, "ips_fidelity")
    )


def test_municipality_data_is_deterministic_and_seeded_per_municipality():
    a = municipality_data("905", 67551, "17", seed=7)
    b = municipality_data("905", 67551, "17", seed=7)
    c = municipality_data("905", 67551, "17", seed=8)
    for key in ("episodes", "ips_clients", "staff_survey"):
        pd.testing.assert_frame_equal(a[key], b[key])
        assert not a[key].equals(c[key])
    # Helsinki: not an IPS county nor a survey county
    h = municipality_data("091", 656920, "90", seed=7)
    assert h["ips_clients"].empty and h["staff_survey"].empty and len(h["episodes"]) > 1000


def test_sizes_follow_population(files):
    ep = files["episodes"]
    per = ep.groupby("municipality").size().reindex(MUNIS.index, fill_value=0)
    pop = MUNIS["population"]
    # episodes in service during a year per monthly client, in the simulator's steady state:
    # (mean duration + 365) / (mean duration + 30.4 days between episodes), mean duration
    # 0.35*180 + 0.25*200 + 0.10*220 + 0.10*150 + 0.20*90 = 168 days
    per_monthly = (168 + 365) / (168 + 30.4)
    monthly = (pop * MONTHLY_CLIENT_RATE).round()
    expected = per_monthly * monthly
    assert abs(per.sum() / expected.sum() - 1) < 0.04
    big = pop > 20000
    assert ((per - expected).abs()[big] < 5 * np.sqrt(expected[big])).all()
    # population explains the counts: correlation over municipalities
    assert np.corrcoef(per, pop)[0, 1] > 0.99
    # starts in the year ~ the published national level (18 161 in 2022)
    starts = (pd.to_datetime(ep["start"]).dt.year == 2024).sum()
    assert 0.9 < starts / 18161 < 1.1
    # IPS clients only in the counties with IPS sites, Poisson around population x rate
    clients = files["ips_clients"]
    county = clients["municipality"].map(MUNIS["county_code"])
    assert set(county) == set(ips_counties())
    for c in ips_counties():
        expected = ips_size(int(pop[MUNIS["county_code"] == c].sum()), "2024")
        n = int((county == c).sum())
        assert abs(n - expected) < 4 * np.sqrt(expected) + 1, (c, n, expected)
    assert IPS_YEARLY_RATE > 0
    # survey respondents only in the six survey counties, ~0.5 per 1,000 inhabitants
    survey = files["staff_survey"]
    s_county = survey["municipality"].map(MUNIS["county_code"])
    assert set(s_county) == set(SURVEY_COUNTIES)
    for c in SURVEY_COUNTIES:
        expected = 0.5e-3 * pop[MUNIS["county_code"] == c].sum()
        n = int((s_county == c).sum())
        assert abs(n - expected) < 4 * np.sqrt(expected) + 1, (c, n, expected)


def test_ids_are_unique_and_carry_the_municipality(files):
    ep = files["episodes"]
    assert ep["episode_id"].is_unique
    assert (ep["episode_id"].str[:3] == ep["municipality"]).all()
    clients = files["ips_clients"]
    assert clients["client"].is_unique
    assert set(files["ips_jobs"]["client"]) <= set(clients["client"])
    assert files["staff_survey"]["respondent_id"].is_unique


def _rows(d, key: str) -> int:
    frame = d.get(key)
    return 0 if frame is None else len(frame)


def test_counties_and_areas_are_consistent_unions(files):
    """Every row belongs to exactly one county and one area; an area's rows in a county are
    rows of that county too, including the areas that extend over two counties."""
    counties = {c: region_data("wellbeing_county", c, period="2024") for c in REG.counties.code}
    areas = {a: region_data("employment_area", a, period="2024") for a in REG.areas.area_code}
    for key in ("episodes", "ips_clients", "staff_survey"):
        total = len(files[key])
        assert sum(_rows(d, key) for d in counties.values()) == total
        assert sum(_rows(d, key) for d in areas.values()) == total
    for area, d in areas.items():
        frame = d.get("episodes")
        for county in set(d.municipalities["county_code"]):
            part = frame[frame["municipality"].map(MUNIS["county_code"]) == county]
            whole = counties[county].get("episodes")
            assert set(part["episode_id"]) <= set(whole["episode_id"]), (area, county)


def test_cross_county_area_holds_rows_of_both_counties():
    area = REG.areas[REG.areas["county_codes"].str.contains(";")].iloc[0]
    d = region_data("employment_area", area["area_code"], period="2024")
    counties = set(d.get("episodes")["municipality"].map(MUNIS["county_code"]))
    assert counties == set(area["county_codes"].split(";"))


def test_ips_rows_follow_their_clients_and_sites():
    d = region_data("wellbeing_county", "17", period="2024")  # Pohjanmaa: IPS county
    clients, jobs, fid = d.get("ips_clients"), d.get("ips_jobs"), d.get("ips_fidelity")
    assert set(jobs["client"]) <= set(clients["client"])
    assert set(fid["site"]) <= set(clients["site"])
    assert set(fid["period"]) == {"2023", "2024"}  # reviews up to the period
    none = region_data("wellbeing_county", "90", period="2024")
    assert none.get("ips_clients") is None and none.get("ips_fidelity") is None
    later = region_data("wellbeing_county", "17", period="2025")
    assert later.get("ips_clients") is None and later.periods["ips_clients"] == ("2024",)
