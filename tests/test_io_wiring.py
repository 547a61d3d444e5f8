"""The reading layer wired into the package: episodes, IPS data, surveys, rate cards, regions.

Each case is the exact file a user would have (tests/data/io/), read right or refused with a
message naming file, column, row and value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from vaikuttavuus.compensation import EpisodeError, payments, read_episodes, validate_episodes
from vaikuttavuus.compensation.ratecard import RateCardError, load_rate_card
from vaikuttavuus.ips import ips_data
from vaikuttavuus.ips.report import ips_inputs
from vaikuttavuus.regional import default_data_dir, region_data
from vaikuttavuus.survey import read_survey

DATA = Path(__file__).parent / "data" / "io"
CODEBOOK = Path(__file__).parent / "data" / "survey" / "mini_codebook.yaml"
CARD_FILE = Path(__file__).parents[1] / "data" / "ratecards" / "tampere_illustrative.yaml"


def _card_2024():
    """The illustrative Tampere prices, for a 2024 contract period (the fixtures' year)."""
    spec = yaml.safe_load(CARD_FILE.read_text("utf-8"))
    spec["periods"][0]["start"], spec["periods"][0]["end"] = "2024-01-01", "2024-12-31"
    return load_rate_card(spec)


def test_finnish_episodes_with_days_at_most_12_read_day_first():
    ep = read_episodes(DATA / "episodes_fi_days_le_12.csv")
    iso = read_episodes(DATA / "episodes_iso.csv")
    assert ep["start"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-01", "2024-01-02", "2024-04-05", "2024-02-10"]  # fmt: skip
    pd.testing.assert_frame_equal(ep, iso)  # same episodes, ISO export: identical frames
    assert ep["provider"].nunique() == 2  # 'Provider C ' is 'Provider C'
    assert ep["months_unemployed"].tolist() == [9.5, 24.0, 3.25, 1200.0]
    log = ep.attrs["reading_log"].to_frame().set_index(["code", "column"])
    assert log.loc[("key_trimmed", "provider"), "count"] == 1
    assert log.loc[("key_trimmed", "provider"), "examples"] == "Provider C "
    assert log.loc[("decimal_comma", "months_unemployed"), "count"] == 2
    assert log.loc[("date_format", "start"), "detail"] == "d.m.yyyy"
    p_fi = payments(ep, _card_2024(), as_of="2024-12-31")
    p_iso = payments(iso, _card_2024(), as_of="2024-12-31")
    assert p_fi.total > 0 and p_fi.total == p_iso.total


def test_registry_yyyymmdd_episodes_are_paid():
    ep = read_episodes(DATA / "registry_yyyymmdd.csv")
    assert ep["start"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-01",
        "2024-01-15",
        "2024-04-02",
    ]
    assert payments(ep, _card_2024(), as_of="2024-12-31").total > 0
    frame = pd.read_csv(DATA / "registry_yyyymmdd.csv")  # integers, as pandas reads them
    assert validate_episodes(frame)["end"].iloc[0] == pd.Timestamp("2024-06-30")


def test_episode_files_refused_with_clear_messages():
    with pytest.raises(EpisodeError, match=r"empty.csv is empty \(0 bytes\)"):
        read_episodes(DATA / "empty.csv")
    with pytest.raises(EpisodeError, match=r"episodes_header_only.csv has a header .*no data rows"):
        read_episodes(DATA / "episodes_header_only.csv")
    with pytest.raises(EpisodeError, match=r"row 3 has 10: .*siirtyi; palkkatuki"):
        read_episodes(DATA / "episodes_extra_separator.csv")
    with pytest.raises(EpisodeError, match=r"episodes_no_client.csv lacks column\(s\) client_id"):
        read_episodes(DATA / "episodes_no_client.csv")
    empty = pd.read_csv(DATA / "episodes_iso.csv").iloc[:0]
    with pytest.raises(EpisodeError, match=r"has no episodes \(0 rows\)"):
        payments(empty, "tampere_illustrative")


def test_episode_dates_in_two_formats_name_rows_and_ids():
    frame = pd.read_csv(DATA / "episodes_iso.csv", dtype=str)
    frame.loc[2, "start"] = "5.4.2024"
    with pytest.raises(EpisodeError) as err:
        validate_episodes(frame)
    msg = str(err.value)
    assert "start that is not a date" in msg and "row 3: '5.4.2024'" in msg
    assert "first episode_id: e3" in msg


def test_ips_files_with_finnish_numbers_and_dates():
    records, jobs, _fid, synthetic = ips_inputs(
        str(DATA / "ips_records_fi.csv"), str(DATA / "ips_jobs_fi.csv")
    )
    assert not synthetic
    d = ips_data(records, jobs, as_of="2024-12-31")
    assert d.jobs["hours_per_week"].tolist() == [37.5, 20.0]
    assert d.jobs["hourly_wage"].tolist() == [12.5, 13.05]
    assert d.records["enrolled"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-10", "2024-02-01"]
    assert d.records["site"].nunique() == 1  # 'Tampere ' is 'Tampere'
    raw_rec = pd.read_csv(DATA / "ips_records_fi.csv", sep=";", dtype=str)
    raw_jobs = pd.read_csv(DATA / "ips_jobs_fi.csv", sep=";", dtype=str)
    d2 = ips_data(raw_rec, raw_jobs, as_of="2024-12-31")
    codes = d2.reading_log.to_frame().set_index(["code", "column"])["count"]
    assert codes[("key_trimmed", "site")] == 1 and codes[("decimal_comma", "hours_per_week")] == 1
    assert codes[("decimal_comma", "hourly_wage")] == 2


def test_ips_units_in_cells_and_missing_site_column_are_refused():
    rec = pd.read_csv(DATA / "ips_records_fi.csv", sep=";", dtype=str)
    jobs = pd.read_csv(DATA / "ips_jobs_units.csv", sep=";", dtype=str)
    with pytest.raises(
        ValueError, match=r"jobs.hours_per_week must be a number.*'c2'.*row 2: '20 h'"
    ):
        ips_data(rec, jobs)
    no_site = pd.read_csv(DATA / "ips_records_no_site.csv", sep=";", dtype=str)
    with pytest.raises(ValueError, match=r"records lacks column\(s\) \['site'\]"):
        ips_data(no_site, jobs.iloc[:0])


def test_read_survey_sheet_by_name_and_missing_sheet():
    autumn = read_survey(DATA / "two_sheets.xlsx", CODEBOOK, sheet="Syksy")
    assert autumn.data["id"].tolist() == [11, 12, 13]
    assert read_survey(DATA / "two_sheets.xlsx", CODEBOOK).data["id"].tolist() == [1, 2]
    with pytest.raises(ValueError, match=r"no sheet 'syksy'; sheets: 'Kevät', 'Syksy'"):
        read_survey(DATA / "two_sheets.xlsx", CODEBOOK, sheet="syksy")


def test_read_survey_webropol_title_row_and_question_row():
    s = read_survey(DATA / "webropol_title_row.csv", CODEBOOK)
    assert s.data["q1"].tolist() == [5.0, 1.0, 4.0]
    assert any("title row above the header was skipped (row 1" in n for n in s.reading_log.notes)
    q = read_survey(DATA / "webropol_question_row.csv", CODEBOOK)
    assert q.data["id"].tolist() == [1, 2] and q.data["q1"].tolist() == [5.0, 1.0]
    assert any("row 2 under the header holds question texts" in n for n in q.reading_log.notes)
    entry = next(e for e in q.reading_log.file_log.entries if e.code == "question_row_skipped")
    assert entry.examples[0] == "Työni on mielekästä"
    same = read_survey(DATA / "webropol_question_row.csv", CODEBOOK, skip_rows=[2])
    pd.testing.assert_frame_equal(same.data, q.data)


def test_read_survey_formulas_without_values_refused():
    with pytest.raises(ValueError, match=r"formula without a stored value"):
        read_survey(DATA / "formulas_without_values.xlsx", CODEBOOK)


def test_rate_card_period_dates_finnish(tmp_path):
    spec = yaml.safe_load(CARD_FILE.read_text("utf-8"))
    spec["periods"][0]["start"] = "1.2.2019"
    card = load_rate_card(spec)
    assert card.table["period_start"].min() == pd.Timestamp("2019-02-01")
    spec["periods"][0]["start"] = "1/2/2019"
    with pytest.raises(RateCardError, match="more than one format"):
        load_rate_card(spec)
    path = tmp_path / "card.yaml"
    spec["periods"][0]["start"] = "1.2.2019"
    path.write_bytes(yaml.safe_dump(spec, allow_unicode=True).encode("cp1252", "replace"))
    assert load_rate_card(path).table["period_start"].min() == pd.Timestamp("2019-02-01")


@pytest.fixture(scope="module")
def region_dir(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("regions")
    for f in default_data_dir().iterdir():
        if f.name.endswith(".csv.gz") or f.name == "manifest.json":
            shutil.copy(f, base / f.name)
    return base


def test_region_data_empty_municipality_cell_and_truncated_gz(region_dir, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(region_dir, bad)
    ep = pd.read_csv(bad / "episodes.csv.gz", dtype=str)
    ep.loc[4, "municipality"] = None
    (bad / "episodes.csv.gz").unlink()
    ep.to_csv(bad / "episodes.csv", index=False)
    with pytest.raises(ValueError, match=r"episodes.csv, column 'municipality': 1 row\(s\) have "
                       r"no valid municipality code \(1 to 3 digits\): row 6: None"):  # fmt: skip
        region_data("wellbeing_county", "17", period="2024", data_dir=bad)
    (bad / "episodes.csv").unlink()
    raw = (region_dir / "ips_clients.csv.gz").read_bytes()
    (bad / "ips_clients.csv.gz").write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ValueError, match="ips_clients.csv.gz is truncated or damaged"):
        region_data("wellbeing_county", "17", period="2024", data_dir=bad)


def test_region_data_missing_client_or_site_column(region_dir, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(region_dir, bad)
    clients = pd.read_csv(bad / "ips_clients.csv.gz", dtype=str).drop(columns="site")
    clients.to_csv(bad / "ips_clients.csv.gz", index=False)
    with pytest.raises(
        ValueError, match=r"ips_clients.csv.gz: required column\(s\) 'site' are missing"
    ):
        region_data("wellbeing_county", "17", period="2024", data_dir=bad)


def test_episode_file_rows_named_and_excel_dates(tmp_path):
    text = (DATA / "episodes_fi_days_le_12.csv").read_bytes().decode("cp1252")
    lines = text.split("\r\n")
    lines[3] = lines[3].replace("05.04.2024", "2024-04-05")  # file row 4
    (tmp_path / "ep.csv").write_bytes("\r\n".join(lines).encode("cp1252"))
    with pytest.raises(EpisodeError, match=r"ep.csv, column 'start'.*row 4: '2024-04-05'.*e3"):
        read_episodes(tmp_path / "ep.csv")
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Jaksot"
    ws.append(["Palveluraportti 2024"])  # a title row
    ws.append(["episode_id", "client_id", "provider", "service_type", "contract_type", "start",
               "end", "end_status"])  # fmt: skip
    ws.append(["e1", "c1", "A", "1A", "fixed", pd.Timestamp("2024-03-01").to_pydatetime(),
               45473, "work"])  # fmt: skip  # end as an Excel day number: 2024-06-30
    book.save(tmp_path / "ep.xlsx")
    ep = read_episodes(tmp_path / "ep.xlsx", sheet="Jaksot")
    assert ep["start"].iloc[0] == pd.Timestamp("2024-03-01")
    assert ep["end"].iloc[0] == pd.Timestamp("2024-06-30")
