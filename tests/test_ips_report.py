"""IPS report: sections in fi/sv/en, disclosure control of every table, region filter, inputs."""

from __future__ import annotations

import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from _ips_fixtures import AS_OF, jobs, records

from vaikuttavuus.disclosure import SUPPRESSED
from vaikuttavuus.ips import (
    ips_data,
    ips_inputs,
    ips_report,
    plot_employment_trend,
    plot_fidelity_profile,
    plot_km,
    plot_site_funnel,
    quarterly_metrics,
    simulate_fidelity,
    simulate_ips,
    time_to_first_job,
)
from vaikuttavuus.ips.report import header

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def synthetic():
    records_, jobs_ = simulate_ips(n_clients=600, seed=4)
    return records_, jobs_, simulate_fidelity(seed=4)


@pytest.fixture(scope="module")
def report(synthetic):
    return ips_report(*synthetic, region="13", language="en", synthetic=True)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_section_renders(synthetic, language):
    rep = ips_report(*synthetic, language=language, period="2024Q1:2025Q4")
    titles = set()
    # every section once (fi); the figure-free sections in sv and en (keeps the file fast)
    names = rep.sections if language == "fi" else ("overview", "caseload", "comparison", "data")
    for name in names:
        sec = rep.section(name)
        titles.add(sec.title)
        if name in ("employment", "job_start", "tenure", "fidelity", "benchmarks"):
            assert len(sec.figures) == 1 and sec.figures[0].png[:4] == b"\x89PNG", name
        html = sec._repr_html_()
        assert sec.title in html and str(sec)
    assert len(titles) == len(names)
    assert rep.title.startswith(
        {"fi": "IPS-työhön", "sv": "IPS-arbets", "en": "IPS supported"}[language]
    )


def test_region_filter(report, synthetic):
    assert report.region == "13"
    assert set(report.data.records["county"]) == {"13"}
    assert set(report.quarterly.table["site"]) == {"PSA-SII", "PSA-PTH"}
    assert set(report.fidelity["site"]) == {"PSA-SII", "PSA-PTH"}
    with pytest.raises(
        ValueError, match=r"region='99' has no clients; counties in the data: \['05'"
    ):
        ips_report(*synthetic, region="99")
    with pytest.raises(ValueError, match="'county' column"):
        ips_report(synthetic[0].drop(columns="county"), synthetic[1], region="13")
    with pytest.raises(ValueError, match="language"):
        ips_report(*synthetic, language="de")


@pytest.fixture(scope="module")
def tiny():
    # the hand-made data: site A has 4 IPS clients, site B 1, comparison 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ips_report(records(), jobs(), language="en", as_of=AS_OF, outcome_days=60)


def test_small_sites_are_suppressed(tiny):
    emp = tiny.section("employment")
    total, by_site = emp.tables.values()
    # 4 clients served in every quarter of 2024 (A's 3 + B's 1): every cell withheld
    assert (total.loc["2024Q1"] == SUPPRESSED).all()
    assert (by_site.to_numpy() == SUPPRESSED).sum() >= 4
    km = tiny.section("job_start").tables[""]
    # A: n = 4, B: n = 1; pooled n = 5 is shown, its 2 events and 3 censored are not
    assert km.iloc[0, 0] == 5 and (km.to_numpy().ravel()[1:] == SUPPRESSED).all()
    bench = tiny.section("benchmarks").tables[""]
    assert (bench.iloc[:, 1:3].to_numpy() == SUPPRESSED).all()


def test_no_individual_ids_in_any_section(tiny):
    for name in tiny.sections:
        sec = tiny.section(name)
        text = str(sec) + sec._repr_html_()
        for client in ("c1", "c2", "c3", "c4", "c5"):
            assert f"'{client}'" not in text and f" {client} " not in text


def test_comparison_suppressed_when_small(synthetic):
    rec, job = synthetic[0].copy(), synthetic[1]
    # keep 3 comparison clients with complete follow-up -> counts under 5
    comp = rec.index[rec["group"] == "comparison"]
    rec = rec.drop(index=comp[3:])
    rec.loc[comp[:3], "enrolled"] = pd.Timestamp("2023-01-05")
    job = job[job["client"].isin(rec["client"])]
    rep = ips_report(rec, job, language="en")
    sec = rep.section("comparison")
    assert rep.comparison is None and not sec.tables
    assert sec.intro.startswith("No comparison: the IPS or the comparison group has fewer than 5")


def test_comparison_counts_suppressed_complementarily(synthetic):
    rec, job = synthetic[0].copy(), synthetic[1]
    # 8 comparison clients with complete follow-up, of whom at most a few worked
    comp = rec.index[rec["group"] == "comparison"]
    rec = rec.drop(index=comp[8:])
    rec.loc[comp[:8], "enrolled"] = pd.Timestamp("2023-01-05")
    job = job[job["client"].isin(rec["client"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(rec, job, language="en")
    c = rep.comparison
    counts, effects = rep.section("comparison").tables.values()
    small = 0 < c.x_control < 5 or 0 < c.n_control - c.x_control < 5
    assert small  # 8 persons always split into a part under 5
    assert counts.iloc[1, 0] == 8
    assert (counts.iloc[:, 1:].to_numpy() == SUPPRESSED).all()
    assert (effects.iloc[:, :2].to_numpy() == SUPPRESSED).all()


def test_rates_never_reveal_small_counts(report):
    t = report.quarterly.table
    shown = report.section("employment").tables
    by_site = list(shown.values())[1]
    for _, row in t.iterrows():
        cell = by_site.loc[row["site"], row["quarter"]]
        small = (
            0 < row["working"] < 5
            or 0 < row["served"] - row["working"] < 5
            or 0 < row["served"] < 5
        )
        if small:
            assert cell == SUPPRESSED
        elif row["served"] > 0:
            assert cell == pytest.approx(round(100 * row["working"] / row["served"], 1))


def test_km_complementary_suppression(synthetic):
    rec, job = synthetic[0].copy(), synthetic[1]
    keep = rec.index[rec["site"] == "PSA-PTH"][:3]  # a site of 3 IPS clients
    rec = rec[(rec["site"] != "PSA-PTH") | rec.index.isin(keep)]
    job = job[job["client"].isin(rec["client"])]
    rep = ips_report(rec, job, region="13", language="en")
    km = rep.section("job_start").tables[""]
    assert (km.loc["PSA-PTH"] == SUPPRESSED).all()
    assert (km.loc["PSA-SII"] == SUPPRESSED).all()  # else PSA-PTH = all - PSA-SII


def test_data_section_counts_only(tiny):
    log = tiny.section("data").tables[""]
    assert "first_ids" not in " ".join(map(str, log.columns))
    assert SUPPRESSED in set(log.iloc[:, 0])  # 1 client with overlapping jobs -> "<5"


def test_summary(report):
    text = str(report)
    assert "IPS clients" in text and report.placement.shape[0] == 2


def test_inputs_from_files(tmp_path, synthetic):
    rec, job, fid = synthetic
    rec.to_csv(tmp_path / "r.csv", index=False, sep=";")
    job.to_csv(tmp_path / "j.csv", index=False)
    fid.to_csv(tmp_path / "f.csv", index=False)
    r2, j2, f2, synthetic_flag = ips_inputs(
        tmp_path / "r.csv", tmp_path / "j.csv", tmp_path / "f.csv"
    )
    assert (
        not synthetic_flag and len(r2) == len(rec) and r2["county"].iloc[0] == rec["county"].iloc[0]
    )
    rep = ips_report(r2, j2, f2, region="05", language="sv")
    assert rep.region == "05" and rep.fidelity is not None
    with pytest.raises(ValueError, match="both records_path and jobs_path"):
        ips_inputs(tmp_path / "r.csv")
    with pytest.raises(FileNotFoundError):
        ips_inputs(tmp_path / "nope.csv", tmp_path / "j.csv")
    (tmp_path / "x.txt").write_text("a")
    with pytest.raises(ValueError, match="allowed file types"):
        ips_inputs(tmp_path / "x.txt", tmp_path / "j.csv")


def test_plot_functions(synthetic):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = ips_data(synthetic[0], synthetic[1])
    ax = plot_employment_trend(quarterly_metrics(data), language="sv", denominator="out_of_work")
    assert ax.get_ylabel() == "Sysselsättningsgrad (%)"
    ax = plot_km(time_to_first_job(data), groups=["all"], language="fi")
    assert len(ax.get_lines()) == 1
    # the curve stops before fewer than 5 are at risk
    km = time_to_first_job(data).curves["all"]
    drawn = ax.get_lines()[0].get_xdata()
    assert np.max(drawn) == km.table.loc[km.table["n_at_risk"] >= 5, "time"].max()
    ax = plot_fidelity_profile(synthetic[2], latest=False, language="en")
    assert len(ax.get_legend().get_texts()) == 16
    out = pd.DataFrame({"site": ["A"] * 30 + ["B"] * 40 + ["C"] * 3,
                        "worked": [True, False] * 15 + [True] * 10 + [False] * 30 + [True] * 3})  # fmt: skip
    ax = plot_site_funnel(out, language="en")
    assert ax.get_xlabel() == "Persons (n)"
    assert [t.get_text() for t in ax.texts] == ["A", "B"]  # C: 3 of 10 worked (1-4: not drawn)
    out2 = pd.DataFrame({"site": ["A"] * 30 + ["B"] * 40 + ["D"] * 10,
                         "worked": [True, False] * 15 + [True] * 10 + [False] * 30
                         + [True] * 2 + [False] * 8})  # fmt: skip
    ax = plot_site_funnel(out2, language="en")
    assert [t.get_text() for t in ax.texts] == ["A", "B"]  # D: 2 of 10 worked
    with pytest.raises(ValueError, match="language"):
        plot_km(time_to_first_job(data), language="xx")


def test_render_fails_fast(tmp_path, synthetic):
    from vaikuttavuus.ips import render_ips_report

    with pytest.raises(ValueError, match="language"):
        render_ips_report(tmp_path, language="de")
    rec, job, _ = synthetic
    rec.to_csv(tmp_path / "r.csv", index=False)
    job.to_csv(tmp_path / "j.csv", index=False)
    with pytest.raises(ValueError, match="region='99' has no clients"):
        render_ips_report(tmp_path / "out", region="99", records_path=tmp_path / "r.csv",
                          jobs_path=tmp_path / "j.csv")  # fmt: skip
    bad = job.copy()
    bad.loc[0, "end"] = "2000-01-01"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(ValueError, match="end before they start"):
        render_ips_report(tmp_path / "out", records_path=tmp_path / "r.csv",
                          jobs_path=tmp_path / "bad.csv")  # fmt: skip
    assert not (tmp_path / "out").exists()


def test_as_of_leaves_out_later_enrolments(synthetic):
    rec, job, _ = synthetic
    n_later = int((rec["enrolled"] > pd.Timestamp("2024-12-31")).sum())
    rep = ips_report(rec, job, as_of="2024-12-31", language="en")
    assert len(rep.data.records) == len(rec) - n_later
    assert (
        rep.notes[0]
        == f"{n_later} clients enrolled after the end of follow-up (2024-12-31) are left out."
    )
    assert rep.quarterly.table["quarter"].max() == "2024Q4"


@pytest.mark.parametrize(
    ("language", "check", "action"),
    [
        ("fi", "Asiakkaita, joilla päällekkäisiä töitä", "yhdistetty yhtäjaksoisiksi työjaksoiksi"),
        ("sv", "Klienter med överlappande arbeten", "sammanslagna till sammanhängande perioder"),
        ("en", "Clients with overlapping jobs", "merged into spells"),
    ],
)
def test_data_checks_are_labelled_in_the_report_language(language, check, action):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(records(), jobs(), language=language, as_of=AS_OF, outcome_days=60)
    log = rep.section("data").tables[""]
    assert check in log.index
    assert action in set(log.iloc[:, -1])
    assert not set(rep.data.log["check"]) & set(log.index)  # no snake_case keys shown


def test_caseload_hides_staff_counts_of_one_to_four(report):
    table = report.section("caseload").tables[""]
    raw = report.quarterly.table
    last = raw[raw["quarter"] == raw["quarter"].max()].set_index(report.quarterly.by)
    for col in ("specialists", "specialists_over_20"):
        small = (last[col] > 0) & (last[col] < 5)
        assert small.any() or col == "specialists_over_20"
        shown = table.loc[small[small].index, header(col, "en")]
        assert (shown == SUPPRESSED).all(), col
    # with 1-4 specialists the mean would give their number back (clients / mean): withheld,
    # the item 1 score stays
    few = last.index[(last["specialists"] > 0) & (last["specialists"] < 5)]
    for col in ("caseload_mean", "caseload_max"):
        assert (table.loc[few, header(col, "en")] == SUPPRESSED).all(), col
    score = table.loc[few, header("item1_score", "en")]
    assert score.isin([1, 2, 3, 4, 5]).all()
    many = last.index[last["specialists"] >= 5]
    mean = pd.to_numeric(table.loc[many, header("caseload_mean", "en")], errors="coerce")
    assert mean.notna().all()


def _three_client_site(n_big=30, employed=3, seed=0):
    """Site BIG with n_big clients (employed of them employed at referral), site MID with 12
    clients and site TINY with 3; working counts known by construction."""
    rows, jobs_ = [], []
    sizes = {"BIG": n_big, "MID": 12, "TINY": 3}
    working = {"BIG": 12, "MID": 3, "TINY": 2}
    for site, n in sizes.items():
        for i in range(n):
            cid = f"{site}{i}"
            rows.append({"client": cid, "site": site, "specialist": f"{site}-s", "group": "ips",
                         "enrolled": "2024-01-02", "discharged": None,
                         "employed_at_referral": site == "BIG" and i < employed})  # fmt: skip
            if i < working[site]:
                jobs_.append({"client": cid, "start": "2024-02-01", "end": None,
                              "hours_per_week": 25, "competitive": True})  # fmt: skip
    return pd.DataFrame(rows), pd.DataFrame(jobs_), working


def test_out_of_work_columns_hidden_when_the_employed_rest_is_one_to_four():
    # 33 + 12 + 3 = 45 served, 3 employed at referral (all working, jobs continue): the IPS
    # Grow columns would give served - served_out_of_work = 3 employed-at-referral clients
    rec, jobs_, working = _three_client_site(employed=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(rec, jobs_, language="en", as_of="2024-06-30")
    total = rep.section("employment").tables[header("total", "en")]
    q2 = total.loc["2024Q2"]
    assert q2[header("served", "en")] == 45 and q2[header("working", "en")] == 17
    for col in ("served_out_of_work", "working_out_of_work", "employment_rate_out_of_work"):
        assert q2[header(col, "en")] == SUPPRESSED
    # 8 employed at referral: 45 - 8 = 37 out of work and 17 - 8 = 9 of them working: shown
    rec, jobs_, _ = _three_client_site(n_big=35, employed=8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(rec, jobs_, language="en", as_of="2024-06-30")
    q2 = rep.section("employment").tables[header("total", "en")].loc["2024Q2"]
    served = 35 + 12 + 3
    assert q2[header("served_out_of_work", "en")] == served - 8
    assert q2[header("working_out_of_work", "en")] == 17 - 8
    assert q2[header("employment_rate_out_of_work", "en")] == round(100 * 9 / (served - 8), 1)


def test_benchmark_sites_cannot_be_recovered_from_the_pooled_total():
    # last four quarters 2023Q3..2024Q2 (as_of 30.6.2024) with clients served 2024Q1-Q2:
    # working client-quarters BIG 24, MID 6, TINY 4 (served 6: 2 of them not working, 1-4)
    rec, jobs_, working = _three_client_site(employed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(rec, jobs_, language="en", as_of="2024-06-30")
    tab = rep.section("benchmarks").tables[""]
    w = tab[header("working", "en")]
    pooled_working = 2 * sum(working.values())  # two quarters, everyone keeps the job
    assert pooled_working == 24 + 6 + 4
    hidden = w.index[w == SUPPRESSED]
    # TINY alone would be pooled - BIG - MID = 4: MID (the smallest shown) is withheld too
    assert sorted(hidden) == ["MID", "TINY"]
    assert w["BIG"] == 24 and pooled_working - 24 >= 5
    assert (tab.loc[hidden, header("employment_rate", "en")] == SUPPRESSED).all()


def test_caseload_is_of_the_last_observed_quarter():
    rec, jobs_, _ = _three_client_site()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(rec, jobs_, language="en", as_of="2024-06-30", period="2024Q1:2024Q4")
    sec = rep.section("caseload")
    assert "2024Q2" in sec.intro
    # BIG: 30 clients of one specialist on 30.6.2024
    assert sec.tables[""].loc["BIG", header("active_end", "en")] == 30


def test_inestimable_odds_ratio_is_shown_empty(synthetic):
    records_, jobs_, _ = synthetic
    jobs_ = jobs_[~jobs_["client"].isin(records_.loc[records_["group"] == "comparison", "client"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rep = ips_report(records_, jobs_, language="en")
    assert rep.comparison is not None and rep.comparison.x_control == 0
    shown = rep.section("comparison").tables[header("estimate", "en")]
    row = shown.loc[header("odds_ratio_adjusted", "en")]
    assert (row[header("estimate", "en")], row[header("ci", "en")]) == ("", "")
    assert "nan" not in shown.to_string().lower()
