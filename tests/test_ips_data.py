"""ips_data: validation errors naming clients, warnings with counts, merged working spells."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from _ips_fixtures import AS_OF, jobs, records

from vaikuttavuus.ips import IPSDataWarning, ips_data


def load(rec=None, job=None, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = ips_data(records() if rec is None else rec, jobs() if job is None else job,
                        as_of=kw.pop("as_of", AS_OF), **kw)  # fmt: skip
    return data, [str(w.message) for w in caught if issubclass(w.category, IPSDataWarning)]


def test_overlapping_jobs_are_merged_and_warned():
    data, messages = load()
    assert len(messages) == 1
    assert messages[0].startswith("1 client(s) have overlapping competitive jobs (2 jobs)")
    assert "'c1'" in messages[0]
    c1 = data.spells[data.spells["client"] == "c1"]
    assert len(c1) == 1
    assert c1["start"].iloc[0] == pd.Timestamp("2024-02-01")
    assert c1["end"].iloc[0] == pd.Timestamp("2024-04-10")
    log = data.log.set_index("check")["count"]
    assert log["clients_with_overlapping_jobs"] == 1
    assert log["jobs_before_enrolment_employed_at_referral"] == 1  # c2: expected, only logged
    assert log["jobs_before_enrolment_out_of_work_at_referral"] == 0


def test_touching_jobs_are_not_an_overlap():
    job = jobs()
    job.loc[1, "start"] = "2024-03-01"  # the day after c1's first job ends
    data, messages = load(job=job)
    assert messages == []
    assert len(data.spells[data.spells["client"] == "c1"]) == 2


def test_open_service_and_ongoing_jobs_end_at_as_of():
    data, _ = load()
    rec = data.records.set_index("client")
    assert rec.loc["c1", "service_end"] == pd.Timestamp(AS_OF)
    assert rec.loc["c2", "service_end"] == pd.Timestamp("2024-02-15")
    job = data.jobs
    assert (job.loc[job["end"].isna(), "end_obs"] == pd.Timestamp(AS_OF)).all()
    assert not job.loc[job["end"].isna(), "ended"].any()


def test_default_as_of_is_last_date():
    data = ips_data(records(), jobs().drop(index=1))
    assert data.as_of == pd.Timestamp("2024-06-05")


def test_job_before_enrolment_of_client_out_of_work_warns():
    rec = records()
    rec.loc[1, "employed_at_referral"] = False
    _, messages = load(rec=rec)
    assert any(
        m.startswith("1 competitive job(s) of 1 client(s) recorded as out of work")
        for m in messages
    )


def test_job_ending_after_as_of_is_censored_with_warning():
    job = jobs()
    job.loc[1, "end"] = "2024-08-01"
    job = pd.concat([job, job.iloc[[6]].assign(start="2024-07-02")], ignore_index=True)
    data, messages = load(job=job)
    assert any(m.startswith("1 job(s) end after as_of=2024-06-30") for m in messages)
    assert any(m.startswith("1 job(s) start after as_of=2024-06-30") for m in messages)
    j2 = data.jobs[(data.jobs["client"] == "c1") & (data.jobs["start"] == "2024-02-15")]
    assert not j2["ended"].iloc[0] and j2["end_obs"].iloc[0] == pd.Timestamp(AS_OF)
    log = data.log.set_index("check")["count"]
    assert log["jobs_starting_after_as_of"] == 1 and log["jobs_ending_after_as_of"] == 1
    assert len(data.jobs) == 7


@pytest.mark.parametrize(
    ("which", "change", "message"),
    [
        ("job", lambda j: j.assign(end=j["end"].where(j.index != 0, "2024-01-01")),
         r"1 job\(s\) end before they start \(first clients: 'c1'\)"),
        ("job", lambda j: pd.concat([j, j.iloc[[0]].assign(client="zz")]),
         r"1 job\(s\) belong to clients not in records \(first clients: 'zz'\)"),
        ("rec", lambda r: r.assign(client=["c1", "c1", "c3", "c4", "c5", "c6"]),
         r"2 records rows repeat a client id.*'c1'"),
        ("rec", lambda r: r.assign(discharged=r["discharged"].where(r.index != 1, "2023-12-01")),
         r"1 client\(s\) were discharged before they were enrolled \(first clients: 'c2'\)"),
        ("rec", lambda r: r.assign(site=r["site"].where(r.index != 3, None)),
         r"1 client\(s\) have no site.*'c4'"),
        ("rec", lambda r: r.assign(enrolled=r["enrolled"].where(r.index != 2, "15.3.2024x")),
         r"records.enrolled must be a date; 1 row\(s\) are not \(first clients: 'c3'\)"),
        ("rec", lambda r: r.assign(employed_at_referral=["no", False, False, False, False, False]),
         r"records.employed_at_referral must be True/False.*'c1'"),
        ("job", lambda j: j.assign(hours_per_week=j["hours_per_week"].where(j.index != 2, -5)),
         r"1 job\(s\) have a negative hours_per_week \(first clients: 'c2'\)"),
        ("rec", lambda r: r.assign(group=r["group"].where(r.index != 0, "control")),
         r"group other than \['ips', 'comparison'\]"),
        ("rec", lambda r: r.drop(columns="specialist"), r"records lacks column\(s\) \['specialist'\]"),
        ("job", lambda j: j.drop(columns="competitive"), r"jobs lacks column\(s\) \['competitive'\]"),
    ],
)  # fmt: skip
def test_bad_input_names_rows(which, change, message):
    rec, job = records(), jobs()
    if which == "rec":
        rec = change(rec)
    else:
        job = change(job)
    with pytest.raises(ValueError, match=message):
        load(rec=rec, job=job)


def test_enrolled_after_as_of():
    with pytest.raises(ValueError, match=r"enrolled after as_of=2024-03-01"):
        load(as_of="2024-03-01")


def test_missing_site_can_be_excluded_with_warning():
    rec = records()
    rec.loc[3, "site"] = " "
    data, messages = load(rec=rec, missing_site="exclude")
    assert "c4" not in set(data.records["client"])
    assert any(m.startswith("1 client(s) without a site were excluded with their 0 job(s)")
               for m in messages)  # fmt: skip
    assert data.log.set_index("check").loc["clients_without_site", "count"] == 1
    with pytest.raises(ValueError, match="missing_site"):
        ips_data(records(), jobs(), missing_site="drop")


def test_summary():
    data, _ = load()
    text = str(data)
    assert "clients_with_overlapping_jobs" in text and "2024-06-30" in text


def test_no_jobs_at_all():
    data, messages = load(job=jobs().iloc[:0])
    assert data.spells.empty and messages == []


def test_missing_specialist_is_warned_and_counted():
    rec = records()
    rec.loc[0, "specialist"] = None
    data, messages = load(rec=rec)
    assert any(m.startswith("1 IPS client(s) have no employment specialist") for m in messages)
    assert data.log.set_index("check").loc["ips_clients_without_specialist", "count"] == 1


def test_duplicate_job_rows_are_dropped_with_warning():
    job = pd.concat([jobs(), jobs().iloc[[2]]], ignore_index=True)  # c2's job entered twice
    data, messages = load(job=job)
    assert any(m.startswith("1 job row(s) repeat another job of the same client") for m in messages)
    assert len(data.jobs) == len(jobs())
    assert data.log.set_index("check").loc["duplicate_jobs", "count"] == 1
