"""Open-data layer: totals against the authorities' own published totals, aggregation rules,
withheld cells, bad input, caching, and the updater on recorded responses (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus import opendata
from vaikuttavuus.opendata import _snapshots as S
from vaikuttavuus.opendata import tables as T
from vaikuttavuus.opendata._aggregate import aggregate
from vaikuttavuus.opendata._update import UpdateError, main, update
from vaikuttavuus.regions import load_regions
from vaikuttavuus.regions._load import default_data_dir

RECORDED = Path(__file__).parent / "data" / "opendata"
PKG = S.package_dir()


def _raw(key: str) -> dict:
    return json.loads((PKG / S.TABLES[key].file).read_text(encoding="utf-8"))


def _rows(key: str) -> pd.DataFrame:
    """The PxWeb snapshot read independently of the package's reader."""
    doc = _raw(key)
    measures = [c["code"] for c in doc["columns"][2:]]
    areas = [d["key"][0] for d in doc["data"]]
    vals = [[np.nan if v == "..." else float(v) for v in d["values"]] for d in doc["data"]]
    return pd.DataFrame(vals, index=areas, columns=measures)


@pytest.fixture(autouse=True)
def _no_user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VAIKUTTAVUUS_OPENDATA_CACHE", str(tmp_path / "cache"))


REG = load_regions()
ALAND = set(pd.read_csv(default_data_dir().parent / "outside_reform.csv", dtype=str)["code"])


# ---------------------------------------------------------------------- checks against totals
def test_population_sums_to_the_published_country_total():
    rows = _rows("population")["vaerak-vaesto"]
    sss = rows["SSS"]
    assert sss == 5652881
    ku = rows[rows.index.str.startswith("KU")]
    assert len(ku) == 308 and ku.sum() == sss  # 292 mainland + 16 Åland
    mainland = opendata.population("municipality")
    assert len(mainland) == 292
    aland = sum(rows[f"KU{c}"] for c in ALAND)
    assert int(mainland["population"].sum()) + aland == sss
    assert int(opendata.population("country")["population"].iloc[0]) == sss
    for level in ("employment_area", "wellbeing_county"):
        assert int(opendata.population(level)["population"].sum()) == sss - aland


def test_area_and_county_figures_are_sums_over_the_registry():
    rows = _rows("unemployment")
    m = REG.municipalities
    for level, col in (("employment_area", "area_code"), ("wellbeing_county", "county_code")):
        u = opendata.unemployment(level).set_index("region_code")
        for code, members in m.groupby(col)["code"]:
            block = rows.loc["KU" + members, ["TYOTTOMATLOPUSSA", "TYOVOIMATK"]]
            assert u.loc[code, "labour_force"] == block["TYOVOIMATK"].sum()
            if block["TYOTTOMATLOPUSSA"].notna().all():
                assert u.loc[code, "unemployed"] == block["TYOTTOMATLOPUSSA"].sum()
                rate = 100 * block["TYOTTOMATLOPUSSA"].sum() / block["TYOVOIMATK"].sum()
                assert u.loc[code, "unemployment_rate"] == pytest.approx(rate, abs=1e-9)


def test_12r5_published_totals_of_regions_sub_regions_and_country():
    # Statistics Finland's own totals in the snapshot: regions (MK), sub-regions (SK),
    # whole country (SSS). Our aggregation over the registry must give them back.
    rows = _rows("unemployment")
    measures = {"TYOVOIMATK": "labour_force", "TYOTTOMATLOPUSSA": "unemployed"}
    ku = rows[rows.index.str.fullmatch(r"KU\d{3}")].rename(columns=measures)
    ku.index = ku.index.str[2:]
    counts = tuple(measures.values())
    for column, prefix, width in (("maakunta_code", "MK", 2), ("seutukunta_code", "SK", 3)):
        got = aggregate(ku, f"_{column}", REG, counts=counts)
        checked = 0
        for row in got.itertuples():
            published = rows.loc[f"{prefix}{int(row.region_code):0{width}d}"]
            assert row.labour_force == published["TYOVOIMATK"], row.region_code
            if row.withheld == 0 and not np.isnan(published["TYOTTOMATLOPUSSA"]):
                assert row.unemployed == published["TYOTTOMATLOPUSSA"], row.region_code
                checked += 1
        assert checked >= len(got) - 2
    # country: every KU row incl. Åland, abroad (KU199) and unknown (KUJOU) adds up to SSS;
    # where cells are withheld the published total exceeds the sum of the published cells
    all_ku = rows[rows.index.str.startswith("KU")]
    assert all_ku["TYOVOIMATK"].sum() == rows.loc["SSS", "TYOVOIMATK"]
    for m in ("TYOTTOMATLOPUSSA", "PITKAAIKAISTYOTTOMAT", "MTPPALVELUTLOP"):
        known = all_ku[m].sum()
        gap = rows.loc["SSS", m] - known
        assert gap >= 0
        if all_ku[m].notna().all():
            assert gap == 0


def test_kela_total_and_per_inhabitant():
    c = opendata.cofinancing("municipality")
    assert len(c) == 292
    assert c["municipal_share_eur"].sum() == pytest.approx(781_133_237.62, abs=0.005)
    country = opendata.cofinancing("country").iloc[0]
    assert country["municipal_share_eur"] == pytest.approx(781_133_237.62, abs=0.005)
    raw = S.read_csv(
        PKG / S.TABLES["cofinancing"].file,
        {"kunta_code": "str", "kuntaosuus_eur_per_asukas": "float"},
        "kela",
    ).set_index("kunta_code")
    ours = c.set_index("region_code")["eur_per_inhabitant"]
    assert np.allclose(ours, raw.loc[ours.index, "kuntaosuus_eur_per_asukas"], atol=0.005)
    areas = opendata.cofinancing("employment_area")
    assert areas["municipal_share_eur"].sum() == pytest.approx(781_133_237.62, abs=0.01)
    a = areas.set_index("region_code").loc["TA39"]
    assert a["eur_per_inhabitant"] == pytest.approx(
        a["municipal_share_eur"] / a["population"], rel=1e-12
    )


def test_rates_are_from_sums_never_averaged():
    u = opendata.unemployment("employment_area").set_index("region_code").loc["TA39"]
    munis = opendata.unemployment("municipality").set_index("region_code")
    members = REG.municipalities.loc[REG.municipalities["area_code"] == "TA39", "code"]
    part = munis.loc[members]
    assert u["unemployment_rate"] == pytest.approx(
        100 * part["unemployed"].sum() / part["labour_force"].sum(), abs=1e-9
    )
    assert abs(u["unemployment_rate"] - part["unemployment_rate"].mean()) > 0.1
    assert u["long_term_share"] == pytest.approx(
        100 * part["long_term_unemployed"].sum() / part["unemployed"].sum(), abs=1e-9
    )


def test_withheld_cells_are_unknown_and_counted():
    rows = _rows("unemployment")
    munis = opendata.unemployment("municipality").set_index("region_code")
    hidden = [c for c in munis.index if np.isnan(rows.loc[f"KU{c}", "MTPPALVELUTLOP"])]
    assert hidden, "the snapshot has withheld 'other services' cells"
    code = hidden[0]
    assert pd.isna(munis.loc[code, "other_services"])  # never 0
    assert munis.loc[code, "withheld"] == 1
    area = REG.municipalities.set_index("code").loc[code, "area_code"]
    a = opendata.unemployment("employment_area").set_index("region_code").loc[area]
    members = REG.municipalities.loc[REG.municipalities["area_code"] == area, "code"]
    block = rows.loc["KU" + members, list(T.UNEMPLOYMENT_MEASURES)]
    assert a["withheld"] == int(block.isna().any(axis=1).sum())
    assert a["other_services"] == block["MTPPALVELUTLOP"].sum()  # over the published cells
    assert a["withheld_other_services"] == block["MTPPALVELUTLOP"].isna().sum()
    assert a["withheld_labour_force"] == 0
    assert int(munis["withheld"].sum()) == int(
        rows.loc["KU" + munis.index, list(T.UNEMPLOYMENT_MEASURES)].isna().any(axis=1).sum()
    )


def test_rate_uses_only_municipalities_with_both_parts():
    values = pd.DataFrame(
        {"unemployed": [10.0, np.nan, 30.0], "labour_force": [100.0, 50.0, 300.0]},
        index=["091", "049", "092"],
    )
    regions = load_regions()
    out = aggregate(
        values,
        "country",
        regions,
        counts=("unemployed", "labour_force"),
        rates={"rate": ("unemployed", "labour_force", 100.0)},
    ).iloc[0]
    assert out["unemployed"] == 40 and out["labour_force"] == 450 and out["withheld"] == 1
    assert out["rate"] == pytest.approx(100 * 40 / 400)


def test_series_levels_and_country():
    s = opendata.unemployment_series("country")
    assert len(s) == 214
    assert s["month"].iloc[0] == pd.Timestamp("2006-01-01")
    assert s["month"].iloc[-1] == pd.Timestamp("2023-10-01")
    raw = S.read_csv(
        PKG / S.TABLES["unemployment_series"].file,
        {"alue": "str", "kuukausi": "str", "TYOVOIMATK": "float", "TYOTTOMATLOPUSSA": "float"},
        "series",
    )
    jan = raw[raw["kuukausi"] == "2015-01"].set_index("alue")
    ku = jan[jan.index.str.fullmatch(r"KU\d{3}")]
    assert ku["TYOVOIMATK"].sum() == jan.loc["SSS", "TYOVOIMATK"]
    areas = opendata.unemployment_series("employment_area", start="2015-01", end="2015-01")
    assert len(areas) == 45
    # Pertunmaa (588) is in the series and counted in Mikkelin seutu
    ta23 = areas.set_index("region_code").loc["TA23"]
    members = load_regions(year=2024).municipalities
    members = members.loc[members["area_code"] == "TA23", "code"]
    assert "588" in set(members)
    assert ta23["labour_force"] == ku.loc["KU" + members, "TYOVOIMATK"].sum()
    munis = opendata.unemployment_series("municipality", start="2015-01", end="2015-01")
    assert len(munis) == 293


def test_names_and_attrs():
    u = opendata.unemployment("employment_area")
    assert list(u.columns[:5]) == ["region_code", "name", "name_fi", "name_sv", "name_en"]
    assert u.set_index("region_code").loc["TA01", "name_sv"] == "Esbo-Grankulla"
    src = u.attrs["source"]
    assert src["table"] == "12r5" and src["period"] == "2026M06"
    assert src["commit"] == "94494b450b94319490435776e3511f05b5595ab1"
    assert src["origin"] == "package snapshot" and src["licence"] == "CC BY 4.0"
    assert opendata.population("country").attrs["source"]["period"] == "31.12.2025"
    counties = opendata.population("wellbeing_county")
    assert counties["region_code"].tolist() == [f"{i:02d}" for i in range(1, 22)] + ["90"]


def test_returns_copies_of_the_cache():
    first = opendata.unemployment("wellbeing_county")
    first.loc[0, "unemployed"] = -1
    first.attrs["source"]["period"] = "changed"
    again = opendata.unemployment("wellbeing_county")
    assert again.loc[0, "unemployed"] != -1
    assert again.attrs["source"]["period"] == "2026M06"


# ---------------------------------------------------------------------- bad input
def test_unknown_level_and_periods_outside_the_data():
    with pytest.raises(ValueError, match="level='area' is not allowed; choose one of"):
        opendata.population("area")
    with pytest.raises(ValueError, match=r"month='2026-07'.*the data hold '2026-06'"):
        opendata.unemployment("country", month="2026-07")
    with pytest.raises(ValueError, match="expected a month as 'YYYY-MM'"):
        opendata.unemployment("country", month="June 2026")
    with pytest.raises(ValueError, match=r"year='2024'.*the data hold '2025'"):
        opendata.population("country", year=2024)
    with pytest.raises(ValueError, match=r"start='2005-12' is outside.*2006-01\.\.2023-10"):
        opendata.unemployment_series("country", start="2005-12")
    with pytest.raises(ValueError, match="Kela's co-financing data hold the year 2025 only"):
        opendata.cofinancing("country", year=2024)


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    folder = tmp_path / "pkg"
    folder.mkdir()
    for t in S.TABLES.values():
        (folder / t.file).write_bytes((PKG / t.file).read_bytes())
    monkeypatch.setattr(S, "package_dir", lambda: folder)
    return folder


def test_missing_truncated_and_misshapen_snapshots(fake_package):
    pop = fake_package / S.TABLES["population"].file
    text = pop.read_text(encoding="utf-8")
    pop.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(
        opendata.SnapshotError, match=r"11ra_2025_municipalities.json: not valid JSON"
    ):
        opendata.population("country")
    pop.write_text(json.dumps({"columns": [], "data": []}), encoding="utf-8")
    with pytest.raises(opendata.SnapshotError, match="columns of types .*expected a PxWeb JSON"):
        opendata.population("country")
    doc = json.loads(text)
    doc["data"] = [d for d in doc["data"] if d["key"][0] != "KU091"]
    pop.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(
        opendata.SnapshotError, match=r"1 municipalities of the 2025 registry missing \(091\)"
    ):
        opendata.population("municipality")
    pop.unlink()
    with pytest.raises(
        opendata.SnapshotError, match=r"11ra_2025_municipalities.json: open-data file missing"
    ):
        opendata.population("country")
    kela = fake_package / S.TABLES["cofinancing"].file
    kela.write_text("kunta_code,vuosi\n005,2025\n", encoding="utf-8")
    with pytest.raises(opendata.SnapshotError, match=r"missing column\(s\) saajat_vuoden_aikana"):
        opendata.cofinancing("country")


# ---------------------------------------------------------------------- updater
def _recorded_http(calls: list, *, post: bytes | dict | None = None, offline: bool = False):
    def http(method, url, body, timeout):
        calls.append((method, url, body))
        if offline:
            raise OSError("[Errno -3] Temporary failure in name resolution")
        key = "population" if "11ra" in url else "unemployment"
        if method == "GET":
            return (RECORDED / f"pxweb_{S.TABLES[key].table}_metadata.json").read_bytes()
        if isinstance(post, dict):
            return post[key]
        return post if post is not None else (PKG / S.TABLES[key].file).read_bytes()

    return http


def test_update_posts_queries_and_fills_the_cache(tmp_path):
    calls: list = []
    stored = update(http=_recorded_http(calls))
    assert [s["table"] for s in stored] == ["11ra", "12r5"]
    assert [s["period"] for s in stored] == ["2025", "2026M06"]
    posts = [json.loads(b) for m, _, b in calls if m == "POST"]
    assert posts[1]["response"] == {"format": "json"}
    assert posts[1]["query"][1] == {
        "code": "timeperiod_m",
        "selection": {"filter": "top", "values": ["1"]},
    }
    assert posts[1]["query"][0]["selection"] == {"filter": "all", "values": ["*"]}
    assert all(u.startswith("https://pxdata.stat.fi/PxWeb/api/v1/") for _, u, _ in calls)
    u = opendata.unemployment("country")
    assert u.attrs["source"]["origin"].startswith("user cache (vaikuttavuus data update")


def test_the_layer_prefers_the_newest_data(tmp_path):
    # a response for a later month (the recorded June response relabelled as July: a test
    # fixture only, to see the newest month win while June stays available)
    doc = _raw("unemployment")
    for d in doc["data"]:
        d["key"][1] = "2026M07"
    newer = json.dumps(doc).encode("utf-8")
    pop = (PKG / S.TABLES["population"].file).read_bytes()
    update(http=_recorded_http([], post={"population": pop, "unemployment": newer}))
    latest = opendata.unemployment("employment_area")
    assert latest.attrs["period"] == "2026M07"
    assert latest.attrs["source"]["origin"].startswith("user cache")
    june = opendata.unemployment("employment_area", month="2026-06")
    assert june.attrs["source"]["origin"] == "package snapshot"


def test_update_offline_changes_nothing(capsys):
    cache = S.cache_dir()
    assert main(http=_recorded_http([], offline=True)) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "Could not reach Statistics Finland's PxWeb API" in err and "nothing was changed" in err
    assert not cache.exists()


@pytest.mark.parametrize(
    ("post", "message"),
    [
        (b"<html>Service unavailable</html>", "did not parse.*not valid JSON"),
        (b'{"columns": [], "data": []}', "did not parse"),
        ("no_kunnat", "municipalities missing"),
    ],
)
def test_unparsable_response_leaves_the_cache(post, message):
    update(http=_recorded_http([]))  # a good cache first
    before = {p.name: p.read_bytes() for p in S.cache_dir().iterdir()}
    if post == "no_kunnat":
        doc = _raw("unemployment")
        doc["data"] = [d for d in doc["data"] if not d["key"][0].startswith("KU")]
        pop = (PKG / S.TABLES["population"].file).read_bytes()
        post = {"population": pop, "unemployment": json.dumps(doc).encode("utf-8")}
    with pytest.raises(UpdateError, match=message):
        update(http=_recorded_http([], post=post))
    after = {p.name: p.read_bytes() for p in S.cache_dir().iterdir()}
    assert after == before


def test_cli_has_the_data_update_command(monkeypatch):
    from vaikuttavuus import cli

    seen = []
    monkeypatch.setattr("vaikuttavuus.opendata._update.main", lambda: seen.append(1) or 0)
    assert cli.main(["data", "update"]) == 0 and seen == [1]
