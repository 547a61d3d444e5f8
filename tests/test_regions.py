"""Region registry: Statistics Finland's classification by year, exact memberships, lookups,
bad files."""

from __future__ import annotations

import csv
import importlib.util
import shutil
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from vaikuttavuus import regions as R
from vaikuttavuus.regions import RegionDataError, load_regions
from vaikuttavuus.regions._load import default_data_dir

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"
DATA = default_data_dir()
DATA_2024 = default_data_dir(2024)


def _read_csv(name: str, folder: Path = DATA) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def regions() -> R.Regions:
    return load_regions()


# ---------------------------------------------------------------------- official classification
def test_official_codes_and_names(regions):
    areas = regions.areas.set_index("area_code")
    # Statistics Finland's codes: 1 = Espoo-Kauniainen, 39 = Tampereen seutu (README of realdata)
    assert areas.loc["TA01", ["name_fi", "name_sv"]].tolist() == [
        "Espoo-Kauniainen",
        "Esbo-Grankulla",
    ]
    assert areas.loc["TA39", "name_fi"] == "Tampereen seutu"
    assert areas.loc["TA44", "name_fi"] == "Ylivieska-Kalajoki-Nivala"
    assert areas.loc["TA08", "name_en"] == "Helsinki"
    assert R.municipality_region("Pieksämäki").area_code == "TA13"  # Keski-Savo
    assert R.region_name("TA13") == "Keski-Savo"
    assert R.municipality_region("Rantasalmi").area_code == "TA36"  # Savonlinna
    for name in ("Ylivieska", "Kalajoki", "Nivala"):
        assert R.municipality_region(name).area_code == "TA44"


@pytest.mark.skipif(not REALDATA.exists(), reason="shared/realdata not beside the repository")
@pytest.mark.parametrize("year", [2025, 2026])
def test_memberships_equal_the_geofi_key(regions, year):
    # the classification as retrieved (geofi keys 2025 and 2026): every mainland membership
    name = {
        2025: "geofi_municipality_key_2025_tyollisyysalue_hyvinvointialue.csv",
        2026: "geofi_municipality_key_2026_tyollisyysalue_evk.csv",
    }[year]
    key = pd.read_csv(REALDATA / name, dtype={"kunta_code": str})
    key = key[key["tyollisyysalue_code"] != 46]
    assert len(key) == 292
    ours = R.load_regions(year=year).municipalities.set_index("code")
    assert set(ours.index) == set(key["kunta_code"])
    k = key.set_index("kunta_code").loc[ours.index]
    assert (ours["area_code"] == "TA" + k["tyollisyysalue_code"].map("{:02d}".format)).all()
    assert (ours["county_code"] == k["hyvinvointialue_code"].map("{:02d}".format)).all()
    assert (ours["name_fi"] == k["municipality_name_fi"]).all()


def test_codes_and_counts(regions):
    assert regions.counties["code"].tolist() == [f"{i:02d}" for i in range(1, 22)] + ["90"]
    assert regions.areas["area_code"].tolist() == [f"TA{i:02d}" for i in range(1, 46)]
    assert len(regions.municipalities) == 292  # mainland Finland from 1.1.2025
    assert "588" not in set(regions.municipalities["code"])
    assert regions.municipalities["code"].str.fullmatch(r"\d{3}").all()
    old = load_regions(year=2024)
    assert len(old.municipalities) == 293
    assert (
        old.municipality_region("Pertunmaa").area_code
        == R.municipality_region("Mäntyharju").area_code
    )
    assert load_regions(year=2030).year == 2025
    with pytest.raises(ValueError, match="years before 2024 are not available"):
        load_regions(year=2020)


@pytest.mark.parametrize("folder", [DATA, DATA_2024], ids=["2025", "2024"])
def test_every_municipality_in_exactly_one_county_and_area(folder):
    rows = _read_csv("municipalities.csv", folder)
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    counties = {r["code"] for r in _read_csv("counties.csv", folder)}
    areas = {r["area_code"]: r for r in _read_csv("areas.csv", folder)}
    for r in rows:
        assert r["county_code"] in counties
        assert r["area_code"] in areas
        assert r["county_code"] in areas[r["area_code"]]["county_codes"].split(";")
    assert {r["area_code"] for r in rows} == set(areas)
    assert {r["county_code"] for r in rows} == counties
    # Åland is outside both: its 16 municipalities are listed apart, none in the registry
    aland = {r["code"] for r in _read_csv("outside_reform.csv", folder.parent)}
    assert len(aland) == 16 and not aland & set(codes)


def test_five_cross_county_areas(regions):
    multi = regions.areas[regions.areas["county_codes"].str.contains(";")]
    assert sorted(multi["name_fi"]) == sorted(
        ["Eteläinen Keski-Suomi", "Kainuu-Koillismaa", "Kerava-Sipoo", "Keski-Savo", "Suupohja"]
    )
    assert R.municipality_region("Mänttä-Vilppula").county_name_fi == "Pirkanmaan hyvinvointialue"
    assert (
        R.municipality_region("Kristiinankaupunki").area_code
        == R.municipality_region("Teuva").area_code
    )


def test_area_and_county_population_is_sum_of_members(regions):
    rows = _read_csv("municipalities.csv")
    by_area: dict[str, int] = defaultdict(int)
    by_county: dict[str, int] = defaultdict(int)
    for r in rows:
        by_area[r["area_code"]] += int(r["population"])
        by_county[r["county_code"]] += int(r["population"])
    for row in regions.areas.itertuples():
        assert row.population == by_area[row.area_code]
        assert R.region_population(row.area_code) == by_area[row.area_code]
    for row in regions.counties.itertuples():
        assert row.population == by_county[row.code]
    # hand check, table 11ra 31.12.2025: Vantaa + Kerava
    pop = {r["code"]: int(r["population"]) for r in rows}
    assert R.region_population("04") == pop["092"] + pop["245"]
    assert R.region_population("90") == 694392
    assert {r["population_year"] for r in rows} == {"2025"}


def test_sources_name_the_classification(regions):
    keys = set(regions.sources["key"])
    for frame in (regions.counties, regions.areas, regions.municipalities):
        assert frame["source"].str.split(";").map(lambda ks: set(ks) <= keys).all()
        assert frame["source"].str.contains("statfi_class_2025").all()
    text = " ".join(regions.sources["description"])
    assert (
        "tyollisyysalue_1_20250101" in text and "a2fa3e3d618a36b97e61c98cf85496bd225068d0" in text
    )
    assert not any("deduc" in s for s in regions.municipalities["source"])


def test_packaged_csvs_are_the_builder_output(tmp_path):
    path = ROOT / "data" / "regions" / "build_registry.py"
    if not path.exists():
        pytest.skip("builder not in this checkout")
    spec = importlib.util.spec_from_file_location("build_registry", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(tmp_path)
    for year in ("2024", "2025"):
        for name in ("counties.csv", "areas.csv", "municipalities.csv", "sources.csv"):
            ours = (DATA.parent / year / name).read_bytes()
            assert (tmp_path / year / name).read_bytes() == ours, (year, name)
    assert (tmp_path / "outside_reform.csv").read_bytes() == (
        DATA.parent / "outside_reform.csv"
    ).read_bytes()


# ---------------------------------------------------------------------- lookups
@pytest.mark.parametrize(
    "query", ["091", "91", 91, "Helsinki", "helsingfors", "  HELSINKI ", "Helsingfors"]
)
def test_municipality_lookup_codes_and_names(query):
    r = R.municipality_region(query)
    assert (r.code, r.county_code, r.name_sv) == ("091", "90", "Helsingfors")


def test_municipality_lookup_fi_and_sv_names():
    assert R.municipality_region("Pedersöre").code == "599"
    assert R.municipality_region("korsholm").name_fi == "Mustasaari"
    assert R.municipality_region("Kervo").area_code == R.municipality_region("Sibbo").area_code
    assert R.municipality_region("Sipoo").county_code == "01"
    assert R.municipality_region("Kerava").county_code == "04"
    assert R.municipality_region("Savonlinna").county_code == "12"  # Itä-Savo -> Etelä-Savo


def test_region_names_in_three_languages():
    assert R.region_name("90") == "Helsingin kaupunki"
    assert R.region_name("90", language="sv") == "Helsingfors stad"
    assert R.region_name("17", language="en") == "Ostrobothnia wellbeing services county"
    assert R.region_name("HVA17") == R.region_name("17") == R.region_name(17)
    assert R.region_name("Österbottens välfärdsområde") == "Pohjanmaan hyvinvointialue"
    assert R.region_name(2) == "Keski-Uudenmaan hyvinvointialue"
    with pytest.raises(ValueError, match="language='de' is not allowed; choose one of 'fi'"):
        R.region_name("90", language="de")


def test_region_language_rule(regions):
    # Pohjanmaa: compare inhabitants of Swedish- and Finnish-majority municipalities by hand
    rows = [r for r in _read_csv("municipalities.csv") if r["county_code"] == "17"]
    sv = sum(int(r["population"]) for r in rows if r["language"].startswith("sv"))
    fi = sum(int(r["population"]) for r in rows if r["language"].startswith("fi"))
    assert sv > fi
    assert R.region_language("17") == ("sv", "fi")
    assert R.region_language("Pohjanmaan hyvinvointialue") == ("sv", "fi")
    assert R.region_language("20") == ("fi",)
    assert R.region_language("90") == ("fi", "sv")
    assert R.region_language("02") == ("fi",)  # Keski-Uusimaa: all unilingual Finnish
    raasepori = R.municipality_region("Raasepori").area_code
    assert R.region_language(raasepori) == ("sv", "fi")
    # Statistics Finland's language groups 2025 (kielisuhde): 259 Finnish, 18 bilingual
    # Finnish-majority, 15 bilingual Swedish-majority mainland municipalities
    counts = regions.municipalities["language"].value_counts().to_dict()
    assert counts == {"fi": 259, "fi,sv": 18, "sv,fi": 15}


def test_area_and_county_member_lookups():
    assert R.county_municipalities("04")["name_fi"].tolist() == ["Vantaa", "Kerava"]
    assert len(R.county_municipalities("Lapin hyvinvointialue")) == 21
    kk = R.municipality_region("Kajaani").area_code
    assert set(R.area_municipalities(kk)["county_code"]) == {"19", "20"}
    assert len(R.area_municipalities("TA23", year=2024)) == len(R.area_municipalities("TA23")) + 1
    with pytest.raises(
        ValueError,
        match=r"^'17' is a wellbeing services county, not an employment area; use "
        r"county_municipalities\(\) or region_municipalities\(\)\.$",
    ):
        R.area_municipalities("17")
    with pytest.raises(
        ValueError,
        match=r"^'TA01' is an employment area, not a wellbeing services county; use "
        r"area_municipalities\(\) or region_municipalities\(\)\.$",
    ):
        R.county_municipalities("TA01")
    assert R.region_type("TA01") == "employment_area"
    assert R.region_type("ta01") == "employment_area"


def test_unknown_codes_suggest_close_matches():
    with pytest.raises(
        ValueError,
        match=r"Unknown municipality 'Helsinky'. Did you mean '091' \(Helsinki\).*List all",
    ):
        R.municipality_region("Helsinky")
    with pytest.raises(ValueError, match=r"Unknown region 'TA46'.*list_regions\(\)"):
        R.region_name("TA46")
    with pytest.raises(ValueError, match=r"Did you mean '17' \(Pohjanmaan hyvinvointialue\)"):
        R.region_name("Pohjanmaan hyvinvointialu")
    with pytest.raises(ValueError, match=r"Unknown region '91'"):  # Åland is outside
        R.region_name("91")


def test_list_regions():
    all_ = R.list_regions()
    assert len(all_) == 67
    assert all_["code"].is_unique
    assert len(R.list_regions("employment_areas")) == 45
    counties = R.list_regions("wellbeing_counties")
    assert counties["region_type"].eq("wellbeing_county").all() and len(counties) == 22
    with pytest.raises(ValueError, match="kind='areas' is not allowed; choose one of 'all'"):
        R.list_regions("areas")


# ---------------------------------------------------------------------- user files
def _copy_default(tmp_path: Path) -> Path:
    out = tmp_path / "mapping"
    out.mkdir()
    for name in ("counties.csv", "areas.csv", "municipalities.csv", "sources.csv"):
        shutil.copy(DATA / name, out / name)
    return out


def _edit(path: Path, func) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = func(frame)
    frame.to_csv(path, index=False)


def test_user_mapping_overrides_default(tmp_path, monkeypatch):
    folder = _copy_default(tmp_path)
    lohja_area = R.municipality_region("Karkkila").area_code
    kirkkonummi_area = R.municipality_region("Kirkkonummi").area_code
    assert lohja_area != kirkkonummi_area
    karkkila = int(R.area_municipalities(lohja_area).set_index("code").loc["224", "population"])

    def move(frame):
        frame.loc[frame["code"] == "224", "area_code"] = kirkkonummi_area
        return frame

    _edit(folder / "municipalities.csv", move)
    # a single mapping file under any name replaces the municipality table
    single = tmp_path / "my_mapping.csv"
    shutil.copy(folder / "municipalities.csv", single)
    for source in (folder, single):
        user = load_regions(source)
        assert user.municipality_region("Karkkila").area_code == kirkkonummi_area
        assert user.region_population(kirkkonummi_area) == (
            R.region_population(kirkkonummi_area) + karkkila
        )
        assert user.region_population(lohja_area) == R.region_population(lohja_area) - karkkila
    # the packaged default is untouched
    assert R.municipality_region("Karkkila").area_code == lohja_area
    # the module-level lookups follow VAIKUTTAVUUS_REGIONS
    monkeypatch.setenv("VAIKUTTAVUUS_REGIONS", str(folder))
    try:
        assert R.municipality_region("Karkkila").area_code == kirkkonummi_area
    finally:
        monkeypatch.delenv("VAIKUTTAVUUS_REGIONS")
    assert R.municipality_region("Karkkila").area_code == lohja_area


def test_user_areas_file_renames_an_area(tmp_path):
    folder = tmp_path / "only_areas"
    folder.mkdir()
    shutil.copy(DATA / "areas.csv", folder / "areas.csv")

    def rename(frame):
        frame.loc[frame["area_code"] == "TA08", "name_fi"] = "Helsingin kaupungin työllisyysalue"
        return frame

    _edit(folder / "areas.csv", rename)
    user = load_regions(folder)
    assert user.region_name("TA08") == "Helsingin kaupungin työllisyysalue"
    assert user.paths["municipalities.csv"] == DATA / "municipalities.csv"


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        (
            "municipalities.csv",
            lambda f: f.assign(county_code=f["county_code"].mask(f["code"] == "091", "99")),
            r"unknown county_code in 1 row \(line \d+: '091'\); known county codes: 01, 02",
        ),
        (
            "municipalities.csv",
            lambda f: pd.concat(
                [f, f[f["code"] == "091"].assign(area_code="TA01")], ignore_index=True
            ),
            r"listed more than once in 2 rows .*091 in areas TA08/TA01.*exactly one area",
        ),
        (
            "municipalities.csv",
            lambda f: f.assign(area_code=f["area_code"].mask(f["code"] == "905", "")),
            r"column 'area_code' is empty in 1 row \(line \d+: '905'\)",
        ),
        (
            "municipalities.csv",
            lambda f: f.assign(area_code=f["area_code"].mask(f["code"] == "905", "TA99")),
            r"municipality in no known employment area.*'905'",
        ),
        (
            "municipalities.csv",
            lambda f: f.drop(columns="county_code"),
            r"missing column\(s\) county_code",
        ),
        (
            "municipalities.csv",
            lambda f: f.assign(language=f["language"].mask(f["code"] == "091", "bilingual")),
            r"'language' must be one of fi, sv, fi,sv, sv,fi.*'091'",
        ),
        (
            "counties.csv",
            lambda f: pd.concat([f, f.tail(1)], ignore_index=True),
            r"duplicate county code in 2 rows \(line 23: '90', line 24: '90'\)",
        ),
        (
            "areas.csv",
            lambda f: f.assign(county_codes=f["county_codes"].mask(f["area_code"] == "TA11", "04")),
            r"county_codes must list the counties.*TA11: file '04', members 01;04",
        ),
        (
            "areas.csv",
            lambda f: pd.concat(
                [f, f.tail(1).assign(area_code="TA46")],
                ignore_index=True,
            ),
            r"employment area without municipalities in 1 row \(line 47: 'TA46'\)",
        ),
        (
            "areas.csv",
            lambda f: f.assign(source=f["source"].mask(f["area_code"] == "TA01", "nowhere")),
            r"source key not defined in sources.csv.*'TA01'",
        ),
    ],
)
def test_bad_mapping_files_are_rejected(tmp_path, name, edit, message):
    folder = _copy_default(tmp_path)
    _edit(folder / name, edit)
    with pytest.raises(RegionDataError, match=message):
        load_regions(folder)


def test_unreadable_inputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="neither a file nor a folder"):
        load_regions(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="holds none of the mapping files"):
        load_regions(tmp_path)
    latin1 = tmp_path / "municipalities.csv"
    latin1.write_bytes((DATA / "municipalities.csv").read_text("utf-8").encode("latin-1"))
    with pytest.raises(RegionDataError, match="not UTF-8"):
        load_regions(latin1)
    assert issubclass(RegionDataError, ValueError)
