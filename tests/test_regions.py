"""Region registry: seed checks, one county and one area per municipality, lookups, bad files."""

from __future__ import annotations

import csv
import importlib.util
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from vaikuttavuus import regions as R
from vaikuttavuus.regions import RegionDataError, load_regions
from vaikuttavuus.regions._load import default_data_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_001 = SEEDS / "001_09ce0bd927ec60a5.txt"
SEED_003 = SEEDS / "003_89ff57224bc5a1c7.txt"
DATA = default_data_dir()

# Seed 001 (lines 76-89), written out for when the seed file is not beside the repository.
SEED_AREAS_PER_COUNTY = {
    "Kainuun": 1,
    "Keski-Pohjanmaan": 1,
    "Keski-Uudenmaan": 1,
    "Pohjois-Karjalan": 1,
    "Etelä-Karjalan": 1,
    "Helsingin kaupunki": 1,
    "Lapin": 4,
    "Länsi-Uudenmaan": 4,
    "Pohjois-Pohjanmaan": 4,
    "Etelä-Pohjanmaan": 3,
    "Etelä-Savon": 3,
    "Keski-Suomen": 3,
    "Pirkanmaan": 3,
    "Pohjanmaan": 3,
    "Pohjois-Savon": 3,
    "Itä-Uudenmaan": 2,
    "Kanta-Hämeen": 2,
    "Kymenlaakson": 2,
    "Päijät-Hämeen": 2,
    "Satakunnan": 2,
    "Vantaan ja Keravan": 2,
    "Varsinais-Suomen": 2,
}
SEED_CROSS_COUNTY = [
    "Kainuu - Koillismaan työllisyysalue",
    "Suupohjan työllisyysalue",
    "Keski-Savon työllisyysalue",
    "Eteläisen Keski-Suomen työllisyysalue",
    "Kerava - Sipoo",
]
SEED_VAASA_MEMBERS = [
    "Uusikaarlepyy",
    "Vöyri",
    "Mustasaari",
    "Laihia",
    "Maalahti",
    "Närpiö",
    "Korsnäs",
]


def _norm(s: str) -> str:
    return re.sub(r"\s*[-\u2013]\s*", "-", s.strip().casefold())


def _seed_counts() -> dict[str, int]:
    """Areas per county as stated in seed 001 (parsed from the file when present)."""
    if not SEED_001.exists():
        return dict(SEED_AREAS_PER_COUNTY)
    lines = SEED_001.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "vain yksi työllisyysalue" in line)
    out: dict[str, int] = {}
    for line in lines[start : start + 10]:
        if not line.startswith("- "):
            continue
        for part in re.split(r"[;,]", line[2:]):
            part = part.strip()
            m = re.match(r"(.+?) HVA(?: \((\d)\))?$", part)
            if m:
                out[m.group(1)] = int(m.group(2) or 1)
            elif part == "Helsingin kaupunki":
                out[part] = 1
    return out


def _seed_cross_county() -> list[str]:
    if not SEED_001.exists():
        return list(SEED_CROSS_COUNTY)
    text = SEED_001.read_text(encoding="utf-8")
    line = text.split("useamman kuin yhden hyvinvointialueen alueelle:")[1].strip().splitlines()[0]
    return [p.strip() for p in line.lstrip("- ").split(",")]


def _seed_vaasa_members() -> list[str]:
    if not SEED_003.exists():
        return list(SEED_VAASA_MEMBERS)
    line = next(
        x for x in SEED_003.read_text(encoding="utf-8").splitlines() if x.startswith("31.10.2023")
    )
    names = line.split(":", 1)[1].strip().rstrip(".")
    return [n.strip() for n in re.split(r",| sekä ", names) if n.strip()]


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def regions() -> R.Regions:
    return load_regions()


# ---------------------------------------------------------------------- seed checks
def test_seed_parsed_as_written_out():
    assert _seed_counts() == SEED_AREAS_PER_COUNTY
    assert _seed_cross_county() == SEED_CROSS_COUNTY
    assert _seed_vaasa_members() == SEED_VAASA_MEMBERS


def test_areas_per_county_match_seed(regions):
    # A cross-county area counts in both counties' tallies; then the seed's numbers add up
    # to 45 areas + 5 cross-county areas = 50.
    expected = _seed_counts()
    assert sum(expected.values()) == 45 + 5
    for genitive, n in expected.items():
        name = genitive if genitive == "Helsingin kaupunki" else f"{genitive} hyvinvointialue"
        code = regions.resolve(name)
        tally = sum(code in cc.split(";") for cc in regions.areas["county_codes"])
        assert tally == n, (name, tally, n)


def test_five_cross_county_areas_each_in_two_counties(regions):
    multi = regions.areas[regions.areas["county_codes"].str.contains(";")]
    assert len(multi) == 5
    assert (multi["county_codes"].str.split(";").map(len) == 2).all()
    ours = {_norm(n) for n in multi["name_fi"]}
    for seed_name in _seed_cross_county():
        stem = _norm(seed_name).removesuffix(" työllisyysalue")
        # seed uses the genitive ("Eteläisen Keski-Suomen"), we store "... työllisyysalue"
        assert any(o.startswith(stem) for o in ours), seed_name


def test_seed_counts_of_uniform_counties(regions):
    # seed 001 line 97: 5 areas (incl. Helsinki) coincide with a county; line 98: 7 counties
    # have 2+ areas and no cross-county area; line 99: 10 counties touch a cross-county area.
    areas = regions.areas
    coincide = [
        c
        for c in regions.counties["code"]
        if (areas["county_codes"] == c).sum() == 1
        and not areas["county_codes"].str.contains(c).sum() > 1
    ]
    assert len(coincide) == 5
    touched = {c for cc in areas["county_codes"] if ";" in cc for c in cc.split(";")}
    assert len(touched) == 10
    only_own = [
        c
        for c in regions.counties["code"]
        if c not in touched and (areas["county_codes"] == c).sum() >= 2
    ]
    assert len(only_own) == 7


def test_helsinki_is_its_own_area(regions):
    r = R.municipality_region("Helsinki")
    members = regions.area_municipalities(r.area_code)
    assert members["code"].tolist() == ["091"]
    assert regions.county_municipalities("90")["code"].tolist() == ["091"]
    assert r.certainty.startswith("confirmed")


def test_pohjanmaa_area_members_from_seed_003(regions):
    vaasa = R.municipality_region("Vaasa")
    members = regions.area_municipalities(vaasa.area_code)
    # seed 003 line 20 (31.10.2023) plus Kaskinen, which the Government decision of
    # 22.2.2024 (TEM/2024/18) added to the Pohjanmaa area
    assert set(members["name_fi"]) == {"Vaasa", "Kaskinen", *_seed_vaasa_members()}
    kaskinen = members.set_index("name_fi").loc["Kaskinen"]
    assert "vn_20240222" in kaskinen["source"].split(";")
    area = regions.areas.set_index("area_code").loc[vaasa.area_code]
    assert area["organiser_code"] == "905"
    assert area["name_fi"] == "Pohjanmaan työllisyysalue"
    assert R.region_name(vaasa.area_code, language="sv") == "Österbottens sysselsättningsområde"
    assert members["certainty"].str.startswith("confirmed").all()


def test_government_decisions_of_2024(regions):
    # valtioneuvosto.fi 22.2.2024: Lahti, Kouvola, Helsinki and Vantaa organise alone, the
    # other 41 areas are joint (host municipality or joint municipal authority)
    sizes = regions.areas.set_index("area_code")["n_municipalities"]
    alone = {R.municipality_region(m).area_code for m in ("Lahti", "Kouvola", "Helsinki", "Vantaa")}
    assert set(sizes[sizes == 1].index) == alone
    # TEM/2024/18: Suupohja and Keski-Pohjanmaa members; Valkeakoski in the Tampere region
    suupohja = R.municipality_region("Kauhajoki").area_code
    assert set(R.area_municipalities(suupohja)["name_fi"]) == {
        "Isojoki",
        "Karijoki",
        "Teuva",
        "Kauhajoki",
        "Kristiinankaupunki",
        "Kurikka",
    }
    kp = R.municipality_region("Kokkola").area_code
    assert set(R.area_municipalities(kp)["name_fi"]) == {
        "Kokkola",
        "Kannus",
        "Halsua",
        "Lestijärvi",
        "Kaustinen",
        "Perho",
        "Toholampi",
        "Veteli",
    }
    assert (
        R.municipality_region("Valkeakoski").area_code == R.municipality_region("Tampere").area_code
    )
    # Kymppi (joint municipal authority, seat Kauhava): ten Etelä-Pohjanmaa municipalities
    kymppi = R.municipality_region("Kauhava").area_code
    assert len(R.area_municipalities(kymppi)) == 10


# ---------------------------------------------------------------------- structure
def test_codes_and_counts(regions):
    assert regions.counties["code"].tolist() == [f"{i:02d}" for i in range(1, 22)] + ["90"]
    assert regions.areas["area_code"].tolist() == [f"TA{i:02d}" for i in range(1, 46)]
    assert len(regions.municipalities) == 293  # mainland Finland (309 - 16 on Åland), 2021-
    assert regions.municipalities["code"].str.fullmatch(r"\d{3}").all()


def test_every_municipality_in_exactly_one_county_and_area(regions):
    rows = _read_csv("municipalities.csv")
    codes = [r["code"] for r in rows]
    assert len(codes) == len(set(codes))
    counties = {r["code"] for r in _read_csv("counties.csv")}
    areas = {r["area_code"]: r for r in _read_csv("areas.csv")}
    for r in rows:
        assert r["county_code"] in counties
        assert r["area_code"] in areas
        # the municipality's county is among its area's counties
        assert r["county_code"] in areas[r["area_code"]]["county_codes"].split(";")
    assert {r["area_code"] for r in rows} == set(areas)


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
    # hand check: Vantaa 237231 + Kerava 37105 (Yle geodata, 31.12.2020)
    assert R.region_population("04") == 237231 + 37105 == 274336
    assert sum(by_county.values()) == regions.municipalities["population"].sum()


def test_sources_and_certainty_columns(regions):
    keys = set(regions.sources["key"])
    for frame in (regions.counties, regions.areas, regions.municipalities):
        assert frame["source"].str.split(";").map(lambda ks: set(ks) <= keys).all()
    cert = regions.municipalities["certainty"]
    assert cert.str.match(r"^(confirmed|uncertain): \S").all()
    # a membership resting only on the reconstruction is never marked confirmed
    confirmed = regions.municipalities[cert.str.startswith("confirmed")]
    assert not confirmed["source"].str.contains("reconstructed").any()
    assert cert.str.startswith("uncertain").sum() > 0


def test_packaged_csvs_are_the_builder_output(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "build_registry", ROOT / "data" / "regions" / "build_registry.py"
    )
    if spec is None or not (ROOT / "data" / "regions" / "build_registry.py").exists():
        pytest.skip("builder not in this checkout")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("counties.csv", "areas.csv", "municipalities.csv", "sources.csv"):
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name
    # one copy only: no CSV duplicates under data/regions
    assert not list((ROOT / "data" / "regions").glob("*.csv"))


# ---------------------------------------------------------------------- lookups
@pytest.mark.parametrize(
    "query", ["091", "91", 91, "Helsinki", "helsingfors", "  HELSINKI ", "Helsingfors"]
)
def test_municipality_lookup_codes_and_names(query):
    r = R.municipality_region(query)
    assert (r.code, r.county_code, r.name_sv) == ("091", "90", "Helsingfors")


def test_municipality_lookup_fi_and_sv_names():
    assert R.municipality_region("Pedersöre").code == "599"
    assert R.municipality_region("Pedersören kunta").code == "599"
    assert R.municipality_region("korsholm").name_fi == "Mustasaari"
    assert R.municipality_region("Kervo").area_code == R.municipality_region("Sibbo").area_code
    assert R.municipality_region("Sipoo").county_code == "01"
    assert R.municipality_region("Kerava").county_code == "04"
    assert R.municipality_region("Savonlinna").county_code == "12"  # Itä-Savo -> Etelä-Savo


def test_region_names_in_three_languages():
    assert R.region_name("90") == "Helsingin kaupunki"
    assert R.region_name("90", language="sv") == "Helsingfors stad"
    assert R.region_name("17", language="en") == "Ostrobothnia wellbeing services county"
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
    # 15 bilingual Swedish-majority and 18 Finnish-majority municipalities (2023-2032)
    counts = regions.municipalities["language"].value_counts().to_dict()
    assert counts == {"fi": 260, "fi,sv": 18, "sv,fi": 15}


def test_area_and_county_member_lookups():
    assert R.county_municipalities("04")["name_fi"].tolist() == ["Vantaa", "Kerava"]
    assert len(R.county_municipalities("Lapin hyvinvointialue")) == 21
    kk = R.municipality_region("Kajaani").area_code
    assert set(R.area_municipalities(kk)["county_code"]) == {"19", "20"}
    with pytest.raises(ValueError, match="wellbeing services county, not an employment area"):
        R.area_municipalities("17")
    with pytest.raises(ValueError, match="employment area, not a wellbeing services county"):
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
    karkkila = 8696  # Yle geodata, 31.12.2020

    def move(frame):
        frame.loc[frame["code"] == "224", ["area_code", "certainty"]] = [
            kirkkonummi_area,
            "confirmed: user's file",
        ]
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
        frame.loc[frame["area_code"] == "TA45", "name_fi"] = "Helsingin kaupungin työllisyysalue"
        return frame

    _edit(folder / "areas.csv", rename)
    user = load_regions(folder)
    assert user.region_name("TA45") == "Helsingin kaupungin työllisyysalue"
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
            r"listed more than once in 2 rows .*091 in areas TA45/TA01.*exactly one area",
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
            lambda f: f.assign(certainty=f["certainty"].mask(f["code"] == "091", "maybe")),
            r"must start with 'confirmed' or 'uncertain'.*'091'",
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
            lambda f: f.assign(county_codes=f["county_codes"].mask(f["area_code"] == "TA07", "04")),
            r"county_codes must list the counties.*TA07: file '04', members 01;04",
        ),
        (
            "areas.csv",
            lambda f: pd.concat(
                [f, f.tail(1).assign(area_code="TA46", organiser_code="091")],
                ignore_index=True,
            ),
            r"organiser_code is not a member|without municipalities",
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
