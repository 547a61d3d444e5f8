"""The IPS outcomes and fidelity report: disclosure-controlled tables and figures in fi/sv/en.

Called by ``notebooks/ips_outcomes.ipynb`` and by the region report::

    from vaikuttavuus.ips import ips_report, simulate_ips, simulate_fidelity
    records, jobs = simulate_ips(seed=1)
    report = ips_report(records, jobs, simulate_fidelity(seed=1), region="13", language="fi")
    report.section("employment")
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice, check_int
from ..disclosure import MIN_CELL_SIZE, SUPPRESSED, groups_to_withhold, small_cell_mask
from ..present import (
    LANGUAGES,
    Column,
    Figure,
    Note,
    Report,
    Section,
    Table,
    figure_png,
    format_number,
    label,
    msg,
)
from .benchmarks import effect_benchmarks, place_sites
from .compare import GroupComparison, compare_groups
from .data import IPSData, IPSDataWarning, ips_data
from .fidelity import caseload_item_score, fidelity_table
from .metrics import (
    QuarterlyMetrics,
    SurvivalByGroup,
    employment_outcome,
    job_tenure,
    quarterly_metrics,
    time_to_first_job,
)
from .plots import (
    plot_employment_trend,
    plot_fidelity_profile,
    plot_km,
    plot_site_funnel,
    shown_rate,
)

__all__ = ["IPSReport", "ips_inputs", "ips_report"]

SECTIONS = ("overview", "employment", "benchmarks", "job_start", "tenure", "caseload",
            "comparison", "fidelity", "data")  # fmt: skip
COVARIATES = ("age", "female", "psychosis", "worked_past_5y")


def _pct(x: Any) -> Any:
    return x if isinstance(x, str) or pd.isna(x) else round(100 * float(x), 1)


def _rate_cells(working: pd.Series, served: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Working count and rate as published: hidden where either part of served is 1-4."""
    counts = pd.DataFrame({"w": working.to_numpy(), "r": (served - working).to_numpy()})
    hide = (
        small_cell_mask(counts, complementary=True)["w"].to_numpy()
        | ((served > 0) & (served < MIN_CELL_SIZE)).to_numpy()
    )
    rate = shown_rate(working, served)
    w = working.astype(object).where(~hide, SUPPRESSED)
    r = pd.Series([SUPPRESSED if h else _pct(v) for h, v in zip(hide, rate, strict=True)],
                  index=working.index, dtype=object)  # fmt: skip
    return w, r


def _count(x: pd.Series) -> pd.Series:
    return x.astype(object).where(~((x > 0) & (x < MIN_CELL_SIZE)), SUPPRESSED)


def _figure(draw: Any, size: tuple[float, float]) -> bytes | None:
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=size)
    try:
        draw(fig.subplots())
    except ValueError:
        return None
    return figure_png(fig)


def text(key: str, language: str, **kw: object) -> str:
    """The report text ``ips.<key>`` in ``language``."""
    return msg(f"ips.{key}", language, **kw)


def header(key: object, language: str) -> object:
    """Header or coded value ``key`` in ``language`` (``ips.label.*``; data unchanged)."""
    return label("ips.label", key, language)


#: Columns shown as percentages (values already in percent) or with one decimal.
_PERCENT = ("employment_rate", "employment_rate_out_of_work", "share_20h", "share")
_ONE_DECIMAL = ("caseload_mean",)


@dataclass(frozen=True)
class _Draft:
    """A section before it is put into the report language's tables (private)."""

    title: str
    intro: str = ""
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    figures: tuple[bytes, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class IPSReport(ResultMixin):
    """Everything :func:`ips_report` computed. API tables are unsuppressed; :meth:`section`
    (what the notebook and the region report show) applies disclosure control.

    Attributes
    ----------
    language, region, region_name, period : str
        Report language, county code (or ``""``), its name and the quarters covered.
    data : IPSData
        The validated data (after the region filter).
    quarterly, pooled : QuarterlyMetrics
        Per site and all sites pooled.
    placement : DataFrame
        Sites against the employment-rate benchmarks (last four quarters).
    first_job, tenure : SurvivalByGroup
        Kaplan-Meier time to the first competitive job and job tenure.
    comparison : GroupComparison or None
        IPS vs the comparison group (when the data have one).
    outcomes : DataFrame
        Per-client outcome within ``outcome_days`` (not for publication).
    fidelity : DataFrame or None
        Fidelity reviews scored (``fidelity_table``) and ``fidelity_reviews`` the long input.
    notes : tuple of str
        Data warnings raised while reading (counts only).
    synthetic : bool
        True when the data came from the synthetic generator.
    """

    language: str
    region: str
    region_name: str
    period: str
    data: IPSData
    quarterly: QuarterlyMetrics
    pooled: QuarterlyMetrics
    placement: pd.DataFrame
    first_job: SurvivalByGroup
    tenure: SurvivalByGroup
    comparison: GroupComparison | None
    outcomes: pd.DataFrame
    outcome_days: int
    fidelity: pd.DataFrame | None
    fidelity_reviews: pd.DataFrame | None
    notes: tuple[str, ...] = ()
    synthetic: bool = False

    sections = SECTIONS

    @property
    def title(self) -> str:
        """Report title with the region."""
        return f"{text('title', self.language)}: {self.region_name}"

    def to_frame(self) -> pd.DataFrame:
        """Sites against the benchmarks (unsuppressed API table)."""
        return self.placement

    def _summary_parts(self) -> Summary:
        ov = self._overview()
        return Summary(title=self.title, figures=dict(zip(ov.index, ov["value"], strict=True)),
                       notes=(text("disclosure", self.language),))  # fmt: skip

    def _h(self, key: str) -> str:
        return header(key, self.language)

    def _t(self, key: str, **kw: object) -> str:
        return text(key, self.language, **kw)

    def _dec(self, value: float) -> str:
        """Two decimals as the report's language writes them; inf as ∞, NaN empty."""
        return format_number(value, self.language, 2)

    def section(self, name: str) -> Section:
        """A disclosure-controlled section in the report's language."""
        check_choice("name", name, SECTIONS)
        sec = getattr(self, f"_section_{name}")()
        parts: list[Any] = [self._table(k, v, name == "employment" and k == self._h("employment_rate"))
                            for k, v in sec.tables.items()]  # fmt: skip
        parts += [Figure(png, alt=sec.title) for png in sec.figures]
        parts += [Note(n) for n in (*sec.notes, self._t("disclosure"))]
        return Section(sec.title, tuple(parts), intro=sec.intro, language=self.language,
                       example=self.synthetic, key=name)  # fmt: skip

    def report(self) -> Report:
        """The whole report (:class:`vaikuttavuus.present.Report`); notes said once."""
        sections = tuple(self.section(name) for name in SECTIONS)
        example = "all" if self.synthetic else None
        return Report(self.title, self.language, sections, example_data=example)

    def _repr_html_(self) -> str:
        return self.report().html()

    def _table(self, title: str, table: pd.DataFrame, percent: bool) -> Table:
        inferred, columns = Table(table), {}
        for c in table.columns:
            col = inferred.column(c)
            kind, dec = ("percent", 1) if percent or c in _PERCENT else ("number", 1) if (
                c in _ONE_DECIMAL) else (col.kind, col.decimals)  # fmt: skip
            columns[c] = Column(str(self._h(c)), kind, dec)
        names = [n for n in table.index.names if n]
        index_label = " / ".join(str(self._h(n)) for n in names) if names else None
        return Table(table, title=title, columns=columns, index_label=index_label)

    # ------------------------------------------------------------------ sections
    def _overview(self) -> pd.DataFrame:
        rec = self.data.records
        ips = rec["group"] == "ips"
        jobs = self.data.jobs
        comp_jobs = jobs["competitive"] & (rec["group"].to_numpy()[jobs["client_idx"]] == "ips")
        values = {
            "period": self.period,
            "follow_up": self.data.as_of.date().isoformat(),
            "sites": str(rec.loc[ips, "site"].nunique()),
            "clients": _count(pd.Series([int(ips.sum())]))[0],
            "comparison_clients": _count(pd.Series([int((~ips).sum())]))[0],
            "competitive_jobs": _count(pd.Series([int(comp_jobs.sum())]))[0],
        }
        return pd.DataFrame({"value": [str(v) for v in values.values()]},
                            index=[self._h(k) for k in values])  # fmt: skip

    def _section_overview(self) -> _Draft:
        notes = (self._t("warnings", n="; ".join(self.notes)),) if self.notes else ()
        return _Draft(self._t("overview"), self._t("overview_text"),
                             {"": self._overview()}, notes=notes)  # fmt: skip

    def _quarter_table(self, t: pd.DataFrame) -> pd.DataFrame:
        out = pd.DataFrame(index=t.index)
        out["served"] = _count(t["served"])
        out["working"], out["employment_rate"] = _rate_cells(t["working"], t["served"])
        out["served_out_of_work"] = _count(t["served_out_of_work"])
        out["working_out_of_work"], out["employment_rate_out_of_work"] = _rate_cells(
            t["working_out_of_work"], t["served_out_of_work"]
        )
        out["job_starts"] = _count(t["job_starts"])
        out["first_job_starts"] = _count(t["first_job_starts"])
        _, out["share_20h"] = _rate_cells(t["working_20h"], t["hours_known"])
        # the out-of-work columns split served and working: the employed-at-referral rest
        # (served - served_out_of_work, working - working_out_of_work) must not be 1-4
        rest = pd.DataFrame({"s": t["served"] - t["served_out_of_work"],
                             "w": t["working"] - t["working_out_of_work"]})  # fmt: skip
        split = ((rest > 0) & (rest < MIN_CELL_SIZE)).any(axis=1).to_numpy()
        grow = ["served_out_of_work", "working_out_of_work", "employment_rate_out_of_work"]
        out.loc[split, grow] = SUPPRESSED
        small = (t["served"] > 0) & (t["served"] < MIN_CELL_SIZE)
        out.loc[small.to_numpy()] = SUPPRESSED
        return out

    def _section_employment(self) -> _Draft:
        pooled = self.pooled.table.set_index("quarter")
        t = self.quarterly.table
        pivot = {}
        for site, grp in t.groupby(self.quarterly.by, sort=True):
            _, rate = _rate_cells(grp["working"], grp["served"])
            small = ((grp["served"] > 0) & (grp["served"] < MIN_CELL_SIZE)).to_numpy()
            rate = rate.where(~small, SUPPRESSED).where(grp["served"].to_numpy() > 0, "")
            pivot[site] = pd.Series(rate.to_numpy(), index=grp["quarter"].to_numpy())
        by_site = pd.DataFrame(pivot).T.rename_axis("site")
        fig = _figure(lambda ax: plot_employment_trend(self.quarterly, ax=ax,
                                                       language=self.language), (8, 4.5))  # fmt: skip
        return _Draft(
            self._t("employment"), self._t("employment_text"),
            {self._h("total"): self._quarter_table(pooled).drop(columns=[]),
             self._h("employment_rate"): by_site},
            tuple(f for f in (fig,) if f),
        )  # fmt: skip

    def _section_benchmarks(self) -> _Draft:
        p = self.placement.set_index(self.quarterly.by)
        out = pd.DataFrame(index=p.index)
        out["served"] = _count(p["served"])
        out["working"], out["employment_rate"] = _rate_cells(p["working"], p["served"])
        out["level"] = [self._h(v) for v in p["level"]]
        # the sites' served and working sum to the pooled quarters of the employment table:
        # one withheld site (or withheld sites of 1-4 persons together) could be recovered
        served_hidden = [*sum(groups_to_withhold(p["served"]), [])]
        out.loc[served_hidden, "served"] = SUPPRESSED
        hidden = (out["working"] == SUPPRESSED) | out.index.isin(served_hidden)
        while True:
            w = p.loc[hidden, "working"].sum()
            r = (p.loc[hidden, "served"] - p.loc[hidden, "working"]).sum()
            if not (hidden.sum() == 1 or 0 < w < MIN_CELL_SIZE or 0 < r < MIN_CELL_SIZE):
                break
            shown = p.loc[~hidden, "working"].sort_values(kind="stable")
            if shown.empty:
                break
            hidden = hidden | (out.index == shown.index[0])
        out.loc[hidden, ["working", "employment_rate", "level"]] = SUPPRESSED
        e = effect_benchmarks().set_index("study")
        eff = pd.DataFrame({"risk_ratio": e["rr"].map(lambda v: self._dec(v)),
                            "ci": [f"{self._dec(lo)}–{self._dec(hi)}" for lo, hi in
                                   zip(e["ci_low"], e["ci_high"], strict=True)]},
                           index=e.index)  # fmt: skip
        fig = None
        done = self.outcomes[
            (self.outcomes["group"] == "ips") & self.outcomes["follow_up_complete"]
        ]
        notes = [self._t("funnel_text", days=self.outcome_days)]
        if len(done) >= 2 * MIN_CELL_SIZE and done["site"].nunique() > 1:
            fig = _figure(
                lambda ax: plot_site_funnel(done, ax=ax, language=self.language), (7, 4.5)
            )
        if fig is None:
            notes = [self._t("no_funnel")]
        return _Draft(
            self._t("benchmarks"), self._t("benchmarks_text"),
            {"": out, self._h("study"): eff}, tuple(f for f in (fig,) if f), tuple(notes),
        )  # fmt: skip

    def _km_table(self, surv: SurvivalByGroup) -> pd.DataFrame:
        f = surv.to_frame().set_index(surv.by)
        if f.empty:
            return f
        hide = small_cell_mask(f[["n_events", "n_censored"]], complementary=True)
        out = pd.DataFrame(index=f.index)
        out["n"] = _count(f["n"])
        out["n_events"] = f["n_events"].astype(object).where(~hide["n_events"], SUPPRESSED)
        out["n_censored"] = f["n_censored"].astype(object).where(~hide["n_censored"], SUPPRESSED)
        few = (f["n"] < MIN_CELL_SIZE) | (f["n_events"] < MIN_CELL_SIZE)
        med = f["median"].map(lambda v: "" if pd.isna(v) else f"{v:.0f}")
        ci = [("" if pd.isna(lo) else f"{lo:.0f}") + "–" + ("∞" if np.isinf(hi) else
              "" if pd.isna(hi) else f"{hi:.0f}") for lo, hi in
              zip(f["median_ci_low"], f["median_ci_high"], strict=True)]  # fmt: skip
        out["median"] = med.where(~few, SUPPRESSED)
        out["median_ci"] = pd.Series(ci, index=f.index).where(~few, SUPPRESSED)
        # a site withheld for size could be recovered from the pooled row minus the others:
        # withhold the smallest other site too (complementary suppression)
        sites = f.index[f.index != "all"]
        primary, secondary = groups_to_withhold(f.loc[sites, "n"])
        out.loc[primary + secondary] = SUPPRESSED
        out = out.rename(index={"all": self._t("all_sites")})
        return out

    def _section_job_start(self) -> _Draft:
        fig = _figure(lambda ax: plot_km(self.first_job, ax=ax, language=self.language), (7, 4.5))
        return _Draft(self._t("job_start"), self._t("job_start_text"),
                             {"": self._km_table(self.first_job)},
                             tuple(f for f in (fig,) if f))  # fmt: skip

    def _section_tenure(self) -> _Draft:
        fig = _figure(lambda ax: plot_km(self.tenure, ax=ax, language=self.language), (7, 4.5))
        return _Draft(self._t("tenure"), self._t("tenure_text"),
                             {"": self._km_table(self.tenure)},
                             tuple(f for f in (fig,) if f))  # fmt: skip

    def _section_caseload(self) -> _Draft:
        t = self.quarterly.table
        seen = t[t["quarter_start"] <= self.data.as_of]  # quarters after as_of: no caseload
        seen = seen if len(seen) else t
        last = t[t["quarter"] == seen["quarter"].max()].set_index(self.quarterly.by)
        out = last[["active_end", "specialists", "caseload_mean", "caseload_max",
                    "specialists_over_20"]].astype(object)  # fmt: skip
        out["caseload_mean"] = last["caseload_mean"].round(1)
        out["item1_score"] = [caseload_item_score(v) if pd.notna(v) else ""
                              for v in last["caseload_mean"]]  # fmt: skip
        out = out.astype(object)
        small = ((last["active_end"] > 0) & (last["active_end"] < MIN_CELL_SIZE)).to_numpy()
        out.loc[small] = SUPPRESSED
        # counts of 1-4 persons read <5, staff included. With 1-4 specialists the mean and the
        # largest caseload would give their number back (clients / mean) and describe one or a
        # few named specialists' caseloads: those sites show the item 1 score only.
        few = ((last["specialists"] > 0) & (last["specialists"] < MIN_CELL_SIZE)).to_numpy()
        out.loc[few, ["specialists", "caseload_mean", "caseload_max", "specialists_over_20"]] = (
            SUPPRESSED
        )
        for col in ("caseload_max", "specialists_over_20"):
            out[col] = [SUPPRESSED if isinstance(v, int | np.integer) and 0 < v < 5 else v
                        for v in out[col]]  # fmt: skip
        intro = f"{self._t('caseload_text')} ({seen['quarter'].max()})"
        return _Draft(self._t("caseload"), intro, {"": out})

    def _section_comparison(self) -> _Draft:
        c = self.comparison
        if c is None:
            has = (self.outcomes["group"] == "comparison").any()
            key = "small_comparison" if has else "no_comparison"
            return _Draft(self._t("comparison"), self._t(key, days=self.outcome_days))
        cells = pd.DataFrame({"w": [c.x_treated, c.x_control],
                              "r": [c.n_treated - c.x_treated, c.n_control - c.x_control]})  # fmt: skip
        hide = small_cell_mask(cells, complementary=True).to_numpy().any()
        counts = pd.DataFrame(
            {"persons": _count(pd.Series([c.n_treated, c.n_control])).to_numpy(),
             "worked": [c.x_treated, c.x_control],
             "share": [_pct(c.p_treated), _pct(c.p_control)]},
            index=pd.Index([self._h("ips"), self._h("comparison")], name="group"),
        ).astype(object)  # fmt: skip
        effects = (
            c.to_frame()
            .set_index("measure")
            .loc[["risk_ratio", "risk_difference", "odds_ratio_adjusted"]]
        )
        scale = np.array([1.0, 100.0, 1.0])[:, None]
        vals = effects[["estimate", "ci_low", "ci_high"]].to_numpy() * scale
        shown = pd.DataFrame(
            {"estimate": [self._dec(v) for v in vals[:, 0]],
             "ci": ["" if np.isnan(lo) or np.isnan(hi) else f"{self._dec(lo)}–{self._dec(hi)}"
                    for lo, hi in vals[:, 1:]],
             "method": [self._h(m) for m in effects["method"]]},
            index=pd.Index([self._h(m) for m in effects.index], name="measure"),
        )  # fmt: skip
        if hide:
            counts[["worked", "share"]] = SUPPRESSED
            shown[["estimate", "ci"]] = SUPPRESSED
        covs = ", ".join(c.covariates) or "-"
        return _Draft(
            self._t("comparison"), self._t("comparison_text", days=self.outcome_days, covariates=covs),
            {"": counts, self._h("estimate"): shown}, notes=(self._t("meta_note"),),
        )  # fmt: skip

    def _section_fidelity(self) -> _Draft:
        if self.fidelity is None or self.fidelity.empty:
            return _Draft(self._t("fidelity"), self._t("no_fidelity"))
        f = self.fidelity.copy()
        f["review_date"] = pd.to_datetime(f["review_date"])
        f["band"] = [self._h(b) for b in f["band"]]
        f = f.set_index(["site", "review_date"])[["total", "band", "staffing", "organisation",
                                                  "services"]]  # fmt: skip
        fig = _figure(lambda ax: plot_fidelity_profile(self.fidelity_reviews, ax=ax,
                                                       language=self.language), (7, 8))  # fmt: skip
        return _Draft(self._t("fidelity"), self._t("fidelity_text"), {"": f},
                             tuple(g for g in (fig,) if g))  # fmt: skip

    def _section_data(self) -> _Draft:
        log = self.data.log[["check", "count", "action"]].copy()
        log["check"] = [self._h(v) for v in log["check"]]
        log["action"] = [self._h(v) for v in log["action"]]
        log = log.set_index("check")
        log["count"] = _count(log["count"])
        return _Draft(self._t("data"), self._t("data_text"), {"": log})


def _region_name(code: str, language: str, records: pd.DataFrame) -> str:
    try:  # helper D's register of regions, when installed
        from ..regions import region_name  # type: ignore[attr-defined]

        return str(region_name(code, language=language))
    except Exception:
        from .synthetic import ips_sites

        s = ips_sites()
        names = s.loc[s["county_code"] == code, "county_fi"]
        return str(names.iloc[0]) if len(names) else code


def ips_report(
    records: pd.DataFrame,
    jobs: pd.DataFrame,
    fidelity: pd.DataFrame | None = None,
    *,
    region: str | None = None,
    period: Any = None,
    language: str = "fi",
    as_of: Any = None,
    outcome_days: int = 365,
    synthetic: bool = False,
) -> IPSReport:
    """Compute the IPS outcomes and fidelity report of one region (or all).

    Parameters
    ----------
    records, jobs : DataFrame
        Client records and jobs in the schema of :func:`vaikuttavuus.ips.ips_data`.
    fidelity : DataFrame, optional
        Fidelity reviews in long format ``site, review_date, item, score``.
    region : str, optional
        Wellbeing services county code (Statistics Finland, e.g. ``"13"``); needs a
        ``county`` column in ``records``. Default: every region.
    period : str or (start, end), optional
        Quarters shown, e.g. ``"2024Q1:2025Q4"``; default all.
    language : {"fi", "sv", "en"}, default "fi"
        Language of every text.
    as_of : date-like, optional
        End of follow-up (default the data's last date). Clients enrolled after it are left
        out (their number is in the notes of the overview section).
    outcome_days : int, default 365
        Follow-up of the IPS vs comparison outcome and the site funnel plot.
    synthetic : bool, default False
        Adds a note that the data are synthetic.

    Returns
    -------
    IPSReport
        Show its parts with ``report.section(name)`` for ``name`` in ``report.sections``.

    References
    ----------
    Becker, Drake & Bond (2011), in full in :mod:`vaikuttavuus.ips.benchmarks`.
    Becker et al. (2019), in full in :mod:`vaikuttavuus.ips.fidelity`.
    Statistics Finland. Statistical data protection of research data.
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    >>> import warnings
    >>> from vaikuttavuus.ips import ips_report, simulate_fidelity, simulate_ips
    >>> records, jobs = simulate_ips(n_clients=600, seed=1)
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     rep = ips_report(records, jobs, simulate_fidelity(seed=1), region="13",
    ...                      language="en")
    >>> rep.region, rep.sections[:3]
    ('13', ('overview', 'employment', 'benchmarks'))
    >>> rep.section("comparison").title
    'IPS and the comparison group'
    """
    check_choice("language", language, LANGUAGES)
    outcome_days = check_int("outcome_days", outcome_days, minimum=1)
    if not isinstance(records, pd.DataFrame) or not isinstance(jobs, pd.DataFrame):
        raise TypeError("records and jobs must be pandas DataFrames.")
    region_code = ""
    if region is not None and str(region).strip() != "":
        region_code = str(region).strip().zfill(2)
        if "county" not in records.columns:
            raise ValueError(
                "region needs a 'county' column (wellbeing services county code) in records."
            )
        codes = records["county"].astype(str).str.zfill(2)
        if not (codes == region_code).any():
            raise ValueError(
                f"region={region!r} has no clients; counties in the data: {sorted(codes.unique())}."
            )
        records = records.loc[(codes == region_code).to_numpy()]
        jobs = jobs.loc[jobs["client"].isin(records["client"])] if "client" in jobs else jobs
    later: list[str] = []
    if as_of is not None and str(as_of).strip() != "" and "enrolled" in records.columns:
        # a report as of a past date leaves out later enrolments (counted in the notes)
        after = pd.to_datetime(records["enrolled"], errors="coerce") > pd.Timestamp(as_of)
        if after.any():
            later.append(text("enrolled_later", language, n=int(after.sum()),
                              as_of=pd.Timestamp(as_of).date().isoformat()))  # fmt: skip
            records = records.loc[~after.to_numpy()]
            jobs = jobs.loc[jobs["client"].isin(records["client"])] if "client" in jobs else jobs
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IPSDataWarning)
        data = ips_data(records, jobs, as_of=as_of or None)
    notes = tuple(later) + tuple(str(w.message).split(" (first")[0] for w in caught
                                 if issubclass(w.category, IPSDataWarning))  # fmt: skip
    quarterly = quarterly_metrics(data, "site", period=period)
    pooled = quarterly_metrics(data, None, period=period)
    quarters = quarterly.table["quarter"]
    outcomes = employment_outcome(data, days=outcome_days)
    comparison = None
    done = outcomes[outcomes["follow_up_complete"]]
    sizes = done["group"].value_counts()
    if sizes.get("ips", 0) >= MIN_CELL_SIZE and sizes.get("comparison", 0) >= MIN_CELL_SIZE:
        covs = [c for c in COVARIATES if c in done.columns]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IPSDataWarning)
            comparison = compare_groups(done, covariates=covs, complete=None)
    fid = reviews = None
    if fidelity is not None:
        reviews = fidelity
        ips_sites_here = set(data.records.loc[data.records["group"] == "ips", "site"])
        if region_code:
            reviews = fidelity[fidelity["site"].isin(ips_sites_here)]
        fid = fidelity_table(reviews) if len(reviews) else None
    name = (
        _region_name(region_code, language, records)
        if region_code
        else text("all_regions", language)
    )
    return IPSReport(
        language=language, region=region_code, region_name=name,
        period=f"{quarters.min()}–{quarters.max()}" if len(quarters) else "",
        data=data, quarterly=quarterly, pooled=pooled,
        placement=place_sites(quarterly), first_job=time_to_first_job(data),
        tenure=job_tenure(data), comparison=comparison, outcomes=outcomes,
        outcome_days=outcome_days, fidelity=fid, fidelity_reviews=reviews, notes=notes,
        synthetic=synthetic,
    )  # fmt: skip


def _read_table(path: str) -> pd.DataFrame:
    from pathlib import Path

    from ..io import Schema, apply_schema, read_table

    p = Path(path)
    if p.suffix.lower() == ".parquet":
        if not p.is_file():
            raise FileNotFoundError(f"{path!r} is not a file.")
        return pd.read_parquet(p)
    if not p.name.lower().endswith((".csv", ".csv.gz", ".xlsx", ".xls")):
        raise ValueError(f"{path!r}: allowed file types are .csv, .csv.gz, .xlsx and .parquet.")
    table = read_table(p)  # csv (any separator or encoding), .csv.gz, .xlsx
    schema = Schema(
        keys=("client", "site", "specialist", "county", "group", "item"),
        dates=("enrolled", "discharged", "start", "end", "review_date"),
    )
    return apply_schema(table.frame, schema, file=table.name, rows=table.rows)


def ips_inputs(
    records_path: str = "",
    jobs_path: str = "",
    fidelity_path: str = "",
    *,
    n_clients: int = 6000,
    seed: int = 2024,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None, bool]:
    """Read the report's inputs from files, or simulate them when the paths are empty.

    Parameters
    ----------
    records_path, jobs_path : str, default ""
        CSV (comma or semicolon, UTF-8), Excel or Parquet files in the schema of
        :func:`vaikuttavuus.ips.ips_data`. Both empty: synthetic data
        (:func:`simulate_ips`); one empty: an error.
    fidelity_path : str, default ""
        Fidelity reviews (long format ``site, review_date, item, score``); empty gives the
        synthetic reviews with synthetic data and none with real data.
    n_clients : int, default 6000
        Size of the synthetic data.
    seed : int, default 2024
        Seed of the synthetic data.

    Returns
    -------
    (records, jobs, fidelity, synthetic) : tuple
        ``synthetic`` is True when the data were simulated.

    References
    ----------
    pandas: read_csv, read_excel, read_parquet. https://pandas.pydata.org/docs/

    Examples
    --------
    >>> records, jobs, fidelity, synthetic = ips_inputs(n_clients=100, seed=1)
    >>> synthetic, len(records), fidelity.shape[1]
    (True, 100, 4)
    >>> ips_inputs("records.csv")
    Traceback (most recent call last):
    ...
    ValueError: give both records_path and jobs_path (or neither, for synthetic data).
    """
    from .synthetic import simulate_fidelity, simulate_ips

    records_path, jobs_path = str(records_path or ""), str(jobs_path or "")
    if bool(records_path) != bool(jobs_path):
        raise ValueError("give both records_path and jobs_path (or neither, for synthetic data).")
    if not records_path:
        records, jobs = simulate_ips(n_clients=n_clients, seed=seed)
        fidelity = _read_table(fidelity_path) if fidelity_path else simulate_fidelity(seed=seed)
        return records, jobs, fidelity, True
    fidelity = _read_table(fidelity_path) if fidelity_path else None
    return _read_table(records_path), _read_table(jobs_path), fidelity, False
