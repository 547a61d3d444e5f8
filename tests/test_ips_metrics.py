"""Quarterly IPS metrics, KM times and the 12-month outcome on a hand-made data set.

Every expected number is worked out by hand in the comments from tests/_ips_fixtures.py.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from _ips_fixtures import AS_OF, jobs, records

from vaikuttavuus.ips import (
    employment_outcome,
    ips_data,
    job_tenure,
    quarterly_metrics,
    time_to_first_job,
)


@pytest.fixture(scope="module")
def data():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ips_data(records(), jobs(), as_of=AS_OF)


@pytest.fixture(scope="module")
def table(data):
    return quarterly_metrics(data, period="2024Q1:2024Q2").table.set_index(["site", "quarter"])


def test_served_and_working(table):
    # 2024Q1, site A: c1 (enrolled 15.1.), c2 (1.1.-15.2.), c3 (1.3.) served; c4 enrols 20.4.
    # working: c1 (spell 1.2.-10.4.), c2 (job since 2023, employed at referral); c3's Q1 job
    # is not competitive. Out of work at referral: c1, c3; of them c1 works.
    q1 = table.loc[("A", "2024Q1")]
    assert (q1["served"], q1["working"]) == (3, 2)
    assert q1["employment_rate"] == pytest.approx(2 / 3)
    assert (q1["served_out_of_work"], q1["working_out_of_work"]) == (2, 1)
    assert q1["employment_rate_out_of_work"] == pytest.approx(1 / 2)
    # 2024Q2: c1, c3, c4 served (c2 discharged); c1 works until 10.4., c3 from 1.5.
    q2 = table.loc[("A", "2024Q2")]
    assert (q2["served"], q2["working"]) == (3, 2)
    assert (q2["served_out_of_work"], q2["working_out_of_work"]) == (3, 2)


def test_job_starts(table):
    # Q1: c1's two competitive jobs (1.2., 15.2.); c2's began before enrolment; c3's March job
    # is not competitive. First-job starts: c1. Q2: c3's competitive job (1.5.).
    assert table.loc[("A", "2024Q1"), ["job_starts", "first_job_starts"]].tolist() == [2, 1]
    assert table.loc[("A", "2024Q2"), ["job_starts", "first_job_starts"]].tolist() == [1, 1]
    # site B: c5's job starts 5.6., after discharge 31.5.: not a job start, not working
    assert table.loc[("B", "2024Q2"), ["served", "working", "job_starts"]].tolist() == [1, 0, 0]


def test_days_worked_never_double_counted(table):
    # Q1: c1 1.2.-31.3. = 29 + 31 = 60 days (two overlapping jobs merged), c2 1.1.-15.2. = 46
    assert table.loc[("A", "2024Q1"), "days_worked"] == 60 + 46
    # Q2: c1 1.4.-10.4. = 10, c3 1.5.-30.6. = 61
    assert table.loc[("A", "2024Q2"), "days_worked"] == 10 + 61


def test_hours(table):
    # Q1: c1 has a 20 h job, c2 30 h -> 2 of 2 working with known hours
    q1 = table.loc[("A", "2024Q1")]
    assert (q1["working_20h"], q1["hours_known"], q1["share_20h"]) == (2, 2, 1.0)
    # Q2: c1's 10 h job (known), c3's job has no hours -> 0 of 1 known
    q2 = table.loc[("A", "2024Q2")]
    assert (q2["working_20h"], q2["hours_known"], q2["share_20h"]) == (0, 1, 0.0)


def test_caseload(table):
    # 31.3.: c1 (s1), c3 (s2) active -> 2 specialists, 1 each; 30.6.: c1 (s1), c3, c4 (s2)
    q1, q2 = table.loc[("A", "2024Q1")], table.loc[("A", "2024Q2")]
    assert (q1["active_end"], q1["specialists"], q1["caseload_mean"], q1["caseload_max"]) == (
        2,
        2,
        1.0,
        1,
    )
    assert (q2["active_end"], q2["specialists"], q2["caseload_mean"], q2["caseload_max"]) == (
        3,
        2,
        1.5,
        2,
    )
    assert q2["specialists_over_20"] == 0


def test_comparison_group_not_served(table):
    assert "VERT" not in table.index.get_level_values("site")


def test_default_period_starts_at_first_enrolment(data):
    t = quarterly_metrics(data).table
    assert t["quarter"].unique().tolist() == ["2023Q4", "2024Q1", "2024Q2"]
    assert t.set_index(["site", "quarter"]).loc[("B", "2023Q4"), "served"] == 1
    assert t.set_index(["site", "quarter"]).loc[("A", "2023Q4"), "served"] == 0


def test_pooled_and_by_county(data):
    pooled = quarterly_metrics(data, None, period="2024Q1:2024Q2")
    assert pooled.table["served"].tolist() == [4, 4]  # A's 3 + B's c5
    by_site = quarterly_metrics(data, period="2024Q1:2024Q2")
    assert by_site.totals()["working"].tolist() == [2, 2]
    county = quarterly_metrics(data, "county", period=("2024-01-01", "2024-06-30")).table
    assert county["county"].unique().tolist() == ["05", "13"]


@pytest.mark.parametrize("period", ["2024", "2024Q3:2024Q1", ("2024Q1",)])
def test_bad_period(data, period):
    with pytest.raises(ValueError, match="period"):
        quarterly_metrics(data, period=period)


def test_bad_by_and_data(data):
    with pytest.raises(ValueError, match="by='region' is not a column"):
        quarterly_metrics(data, "region")
    with pytest.raises(TypeError, match="IPSData"):
        quarterly_metrics(records())


def test_time_to_first_job_with_censoring(data):
    km = time_to_first_job(data)
    # site A: c1 event at 17 days (15.1. -> 1.2.); c2 censored at discharge (15.2.) = 45;
    # c3 event at 61 (1.3. -> 1.5.); c4 censored at as_of = 71 (20.4. -> 30.6.)
    a = km.curves["A"]
    assert a.table["time"].tolist() == [17, 61]
    assert a.table["n_at_risk"].tolist() == [4, 2]
    np.testing.assert_allclose(a.table["survival"], [3 / 4, 3 / 4 * 1 / 2])
    assert a.median == 61 and (a.n, a.n_events, a.n_censored) == (4, 2, 2)
    # site B: c5's job starts after discharge -> censored at discharge, 1.11.2023 -> 31.5.2024
    b = km.curves["B"]
    assert b.n_events == 0 and b.n_censored == 1
    frame = km.to_frame().set_index("site")
    assert frame.loc["all", "n"] == 5 and "VERT" not in frame.index


def test_job_tenure(data):
    km = job_tenure(data).curves["A"]
    # c1: 1.2.-29.2. = 29 days, 15.2.-10.4. = 56 days (both ended); c3 1.5.- censored at 61
    assert km.table["time"].tolist() == [29, 56]
    np.testing.assert_allclose(km.table["survival"], [2 / 3, 1 / 3])
    assert km.median == 56 and km.n_censored == 1
    # site B: c5's job started after discharge but on or after enrolment: it is a job
    assert job_tenure(data).curves["B"].n == 1


def test_employment_outcome_any_and_at(data):
    out = employment_outcome(data, days=60).set_index("client")
    # windows [enrolled, enrolled + 60]: c1 to 15.3. (spell from 1.2.) yes; c2 job ongoing
    # yes; c3 to 30.4. (competitive job 1.5.) no; c4 no; c5 no; c6 (job 10.1.) yes
    assert out["worked"].to_dict() == {"c1": True, "c2": True, "c3": False, "c4": False,
                                       "c5": False, "c6": True}  # fmt: skip
    # complete follow-up: enrolled + 60 <= 30.6. (c4: 20.4. + 60 = 19.6.)
    assert out["follow_up_complete"].all()
    at = employment_outcome(data, days=60, definition="at").set_index("client")["worked"]
    assert at.to_dict() == {"c1": True, "c2": True, "c3": False, "c4": False, "c5": False,
                            "c6": True}  # fmt: skip
    at100 = employment_outcome(data, days=100, definition="at").set_index("client")
    # c1 on 24.4.: spell ended 10.4. -> not working then, although working within 100 days
    assert not at100.loc["c1", "worked"] and not at100.loc["c4", "follow_up_complete"]
    year = employment_outcome(data)
    assert not year["follow_up_complete"].any()


def test_employment_outcome_bad_options(data):
    with pytest.raises(ValueError, match="definition"):
        employment_outcome(data, definition="ever")
    with pytest.raises(ValueError, match="days"):
        employment_outcome(data, days=0)


def test_summaries(data):
    assert "IPS quarterly metrics" in str(quarterly_metrics(data))
    assert "medians" in str(time_to_first_job(data))
    assert pd.api.types.is_float_dtype(time_to_first_job(data).to_frame()["median"])


def test_missing_specialist_is_in_no_caseload():
    rec = records()
    rec.loc[0, "specialist"] = None  # c1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = ips_data(rec, jobs(), as_of=AS_OF)
    q2 = quarterly_metrics(data, period="2024Q2:2024Q2").table.set_index("site").loc["A"]
    # 30.6.: c1 (no specialist), c3 and c4 (s2) active -> 3 clients, 1 specialist with 2;
    # c1 is in no caseload, so the mean caseload is 2 / 1 (not 3 / 1, above the largest, 2)
    assert (q2["active_end"], q2["caseload_clients"], q2["specialists"]) == (3, 2, 1)
    assert (q2["caseload_mean"], q2["caseload_max"]) == (2.0, 2)


def test_no_jobs(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        empty = ips_data(records(), jobs().iloc[:0], as_of=AS_OF)
    t = quarterly_metrics(empty).table
    assert t["working"].sum() == 0 and t["served"].sum() > 0
    assert job_tenure(empty).to_frame().empty
    assert time_to_first_job(empty).to_frame()["n_events"].sum() == 0


# ---------------------------------------------------------------------------------------------
# an independent reference: day-by-day loops over the raw records and jobs (no package helpers)


def _d(x):
    return None if pd.isna(x) else pd.Timestamp(x).date()


def _reference(rec, jobs, as_of, quarters):
    """Every count of quarterly_metrics from its definition, client by client."""
    as_of = _d(as_of)
    jl = []
    for j in jobs.itertuples():
        start, end = _d(j.start), _d(j.end)
        if start > as_of or not j.competitive:
            continue
        jl.append((j.client, start, as_of if end is None or end > as_of else end,
                   j.hours_per_week))  # fmt: skip
    rows = []
    for q in quarters:
        qs, qe = pd.Period(q, "Q").start_time.date(), pd.Period(q, "Q").end_time.date()
        ref = min(qe, as_of)
        for site, g in rec.groupby("site"):
            c = dict.fromkeys(["served", "working", "served_out_of_work", "working_out_of_work",
                               "job_starts", "first_job_starts", "working_20h", "hours_known",
                               "days_worked", "active_end", "caseload_clients"], 0)  # fmt: skip
            spec = {}
            for r in g.itertuples():
                enr = _d(r.enrolled)
                send = min(_d(r.discharged) or as_of, as_of)
                served = enr <= qe and send >= qs
                lo, hi = max(qs, enr), min(qe, send)
                mine = [j for j in jl if j[0] == r.client]
                act = [j for j in mine if served and j[1] <= hi and j[2] >= lo]
                if served:
                    days = {pd.Timestamp(day).date() for j in act
                            for day in pd.date_range(max(j[1], lo), min(j[2], hi))}  # fmt: skip
                    c["served"] += 1
                    c["working"] += bool(act)
                    c["served_out_of_work"] += not r.employed_at_referral
                    c["working_out_of_work"] += bool(act) and not r.employed_at_referral
                    c["working_20h"] += any(j[3] >= 20 for j in act)
                    c["hours_known"] += any(not np.isnan(j[3]) for j in act)
                    c["days_worked"] += len(days)
                starts = [j[1] for j in mine if enr <= j[1] <= send]
                c["job_starts"] += sum(qs <= x <= qe for x in starts)
                c["first_job_starts"] += bool(starts) and qs <= min(starts) <= qe
                if qs <= as_of and enr <= ref <= send:
                    c["active_end"] += 1
                    if isinstance(r.specialist, str) and r.specialist.strip():
                        c["caseload_clients"] += 1
                        spec[r.specialist] = spec.get(r.specialist, 0) + 1
            c["specialists"] = len(spec)
            c["caseload_max"] = max(spec.values(), default=0)
            c["specialists_over_20"] = sum(v > 20 for v in spec.values())
            rows.append({"site": site, "quarter": q, **c})
    return pd.DataFrame(rows).set_index(["site", "quarter"])


def _edge_case_data():
    # a: job on the quarter's last day only, then back-to-back and overlapping jobs;
    # b: enrolled on the quarter's last day, job 31.3.-1.4.; c: discharged on the last day,
    # job ending on the first day of Q1; d: discharged on the first day of Q2, job from that
    # day; e: job starting on as_of; f: enrolled 31.12., employed at referral, job ending the
    # day before a new one; g: non-competitive job; h: a site with one client, job with no
    # end and no hours
    rec = pd.DataFrame(
        {
            "client": list("abcdefgh"),
            "site": ["S"] * 7 + ["ONE"],
            "specialist": ["x", "x", "y", None, "y", "x", "y", "z"],
            "enrolled": [
                "2024-02-15",
                "2024-03-31",
                "2024-01-01",
                "2024-01-01",
                "2024-04-01",
                "2023-12-31",
                "2024-05-10",
                "2024-01-05",
            ],
            "discharged": [None, None, "2024-03-31", "2024-04-01", "2024-06-30", None, None, None],
            "employed_at_referral": [False, False, True, False, False, True, False, False],
        }
    )
    jobs = pd.DataFrame({
        "client": ["a", "a", "a", "b", "c", "d", "e", "f", "f", "g", "h"],
        "start": ["2024-03-31", "2024-04-01", "2024-04-01", "2024-03-31", "2023-06-01",
                  "2024-04-01", "2024-06-30", "2023-01-01", "2024-07-01", "2024-05-10",
                  "2024-02-01"],
        "end": ["2024-03-31", None, "2024-05-01", "2024-04-01", "2024-01-01", None, None,
                "2024-06-30", "2024-07-02", "2024-05-10", None],
        "hours_per_week": [25, np.nan, 19, 20, np.nan, 30, 10, 20, 5, 40, np.nan],
        "competitive": [True] * 9 + [False, True]})  # fmt: skip
    return rec, jobs


COUNTS = ["served", "working", "served_out_of_work", "working_out_of_work", "job_starts",
          "first_job_starts", "working_20h", "hours_known", "days_worked", "active_end",
          "caseload_clients", "specialists", "caseload_max", "specialists_over_20"]  # fmt: skip


@pytest.mark.parametrize("as_of", ["2024-05-15", "2024-06-30", "2024-07-01", "2024-07-02"])
def test_counts_agree_with_a_day_by_day_reference_on_edge_cases(as_of):
    rec, jobs_ = _edge_case_data()
    rec = rec[pd.to_datetime(rec["enrolled"]) <= as_of]
    jobs_ = jobs_[jobs_["client"].isin(rec["client"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = ips_data(rec, jobs_, as_of=as_of)
    got = quarterly_metrics(data, period="2023Q4:2024Q4").table.set_index(["site", "quarter"])
    ref = _reference(rec, jobs_, as_of, ["2023Q4", "2024Q1", "2024Q2", "2024Q3", "2024Q4"])
    pd.testing.assert_frame_equal(
        got.loc[ref.index, COUNTS].astype(np.int64), ref[COUNTS].astype(np.int64)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = ref["caseload_clients"] / ref["specialists"]
    np.testing.assert_allclose(got.loc[ref.index, "caseload_mean"], mean, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        got.loc[ref.index, "employment_rate"], ref["working"] / ref["served"], rtol=0, atol=1e-12
    )
    # the quarter after as_of: nothing observed, no caseload carried over from as_of
    assert (got.xs("2024Q4", level="quarter")[["served", "active_end", "specialists"]] == 0).all(
        axis=None
    )


def test_counts_agree_with_the_reference_on_simulated_data():
    from vaikuttavuus.ips import simulate_ips

    rec, jobs_ = simulate_ips(n_clients=150, seed=11)
    as_of = "2025-06-15"
    rec = rec[(pd.to_datetime(rec["enrolled"]) <= as_of) & (rec["group"] == "ips")]
    jobs_ = jobs_[jobs_["client"].isin(rec["client"])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = ips_data(rec, jobs_, as_of=as_of)
    quarters = ["2024Q4", "2025Q1", "2025Q2"]
    got = quarterly_metrics(data, period="2024Q4:2025Q2").table.set_index(["site", "quarter"])
    ref = _reference(rec, jobs_, as_of, quarters)
    pd.testing.assert_frame_equal(
        got.loc[ref.index, COUNTS].astype(np.int64), ref[COUNTS].astype(np.int64)
    )


def test_km_times_agree_with_statsmodels_on_simulated_data():
    from statsmodels.duration.survfunc import SurvfuncRight

    from vaikuttavuus.ips import simulate_ips

    rec, jobs_ = simulate_ips(n_clients=300, seed=6)
    as_of = pd.Timestamp("2024-12-15")
    rec = rec[pd.to_datetime(rec["enrolled"]) <= as_of]
    jobs_ = jobs_[jobs_["client"].isin(rec["client"]) & (jobs_["start"] <= as_of)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = ips_data(rec, jobs_, as_of=as_of)
    # derived by hand: first competitive job on/after enrolment and by the end of service
    first, tenure = [], []
    for r in rec[rec["group"] == "ips"].itertuples():
        enr = pd.Timestamp(r.enrolled)
        send = min(pd.Timestamp(r.discharged), as_of) if pd.notna(r.discharged) else as_of
        mine = jobs_[(jobs_["client"] == r.client) & jobs_["competitive"]]
        mine = mine[pd.to_datetime(mine["start"]) >= enr]
        fs = pd.to_datetime(mine["start"]).min()
        ev = pd.notna(fs) and fs <= send
        first.append((r.site, ((fs if ev else send) - enr).days, ev))
        for j in mine.itertuples():
            ended = pd.notna(j.end) and pd.Timestamp(j.end) <= as_of
            stop = pd.Timestamp(j.end) if ended else as_of
            tenure.append((r.site, (stop - pd.Timestamp(j.start)).days + 1, ended))
    for res, rows in ((time_to_first_job(data), first), (job_tenure(data), tenure)):
        frame = pd.DataFrame(rows, columns=["site", "time", "event"])
        for key, curve in res.curves.items():
            f = frame if key == "all" else frame[frame["site"] == key]
            assert (curve.n, curve.n_events) == (len(f), int(f["event"].sum()))
            if not f["event"].any():
                continue
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                sf = SurvfuncRight(f["time"].to_numpy(float), f["event"].to_numpy(int))
                ci = sf.quantile_ci(0.5, method="cloglog")
            np.testing.assert_array_equal(curve.table["time"], sf.surv_times)
            np.testing.assert_allclose(curve.table["survival"], sf.surv_prob, rtol=0, atol=1e-10)
            np.testing.assert_allclose(curve.table["se"], sf.surv_prob_se, rtol=0, atol=1e-10)
            np.testing.assert_allclose(
                [curve.median_ci_low, curve.median_ci_high], ci, rtol=0, atol=1e-10
            )
