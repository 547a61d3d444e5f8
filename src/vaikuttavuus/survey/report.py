"""The full psychometric report of a survey read through its codebook."""

from __future__ import annotations

import base64
import html
import io
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._numbers import display_table
from .._results import ResultMixin, Summary
from .._validation import check_choice, check_int
from ..disclosure import (
    MIN_CELL_SIZE,
    SUPPRESSED,
    groups_to_withhold,
    small_cell_mask,
    suppress_small_cells,
)
from . import _analysis as A
from ._answers import answer_labels, answer_set_for
from ._i18n import LANGUAGES, header, reading_note, text
from ._present import factor_labels, factor_match, localize, row_labels
from ._present import num as _num
from ._present import p_strings as _p_strings
from ._present import suppress_rows as _suppress_rows
from .codebook import load_codebook, min_valid_text
from .io import ReadingLog, SurveyData, read_survey

__all__ = ["ReportSection", "SurveyReport", "render_survey_report", "survey_report"]

SECTIONS = (
    "reading",
    "responses",
    "missing",
    "adequacy",
    "factors",
    "reliability",
    "scores",
    "groups",
)


@dataclass(frozen=True, eq=False)
class ReportSection:
    """One section of the report: heading, text, tables (already disclosure-controlled),
    figures (PNG bytes) and notes. Displays as HTML in JupyterLab."""

    title: str
    intro: str = ""
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    figures: tuple[bytes, ...] = ()
    notes: tuple[str, ...] = ()
    language: str | None = None  # numbers shown as this language writes them (None: as is)

    def _repr_html_(self) -> str:
        parts = [f"<h2>{html.escape(self.title)}</h2>"]
        if self.intro:
            parts.append(f"<p>{html.escape(self.intro)}</p>")
        for png in self.figures:
            b64 = base64.b64encode(png).decode("ascii")
            parts.append(
                f"<img style='max-width:100%' alt='{html.escape(self.title)}' src='data:image/png;base64,{b64}'/>"
            )
        for name, table in self.tables.items():
            if name:
                parts.append(f"<h4>{html.escape(name)}</h4>")
            parts.append(
                display_table(_p_strings(table), self.language).to_html(
                    na_rep="", float_format=_num, classes="dataframe"
                )
            )
        for note in self.notes:
            parts.append(f"<p><em>{html.escape(note)}</em></p>")
        return "\n".join(parts)

    def __str__(self) -> str:
        lines = [self.title, "=" * len(self.title)]
        if self.intro:
            lines.append(self.intro)
        for name, table in self.tables.items():
            lines += ["", name, table.to_string(na_rep="")]
        lines += list(self.notes)
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class SurveyReport(ResultMixin):
    """Everything :func:`survey_report` computed: aggregate tables only, no respondent rows.

    Tables are stored unsuppressed for further analysis; :meth:`section` (what the
    notebook shows) applies disclosure control (cells < 5 respondents read ``"<5"``).
    """

    name: str
    language: str
    n_respondents: int
    reading_log: ReadingLog
    distributions: pd.DataFrame
    missing_items: pd.DataFrame
    missing_respondents: pd.DataFrame
    kmo: Any
    bartlett: Any
    parallel: Any
    n_factors: int
    n_factors_source: str
    efa: Any
    assignment: pd.DataFrame
    reliability: pd.DataFrame
    item_stats: Mapping[str, pd.DataFrame]
    omega: pd.DataFrame
    score_descriptives: pd.DataFrame
    correlations: pd.DataFrame
    group_means: Mapping[str, pd.DataFrame]
    group_tests: Mapping[str, pd.DataFrame]
    small_groups: Mapping[str, tuple[str, ...]]
    item_texts: Mapping[str, str]
    scale_texts: Mapping[str, str]
    variable_texts: Mapping[str, str]
    likert_png: bytes | None
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    min_valid: float | int = 1

    sections = SECTIONS

    @property
    def assignment_agreement(self) -> tuple[int, int]:
        """(items whose EFA factor matches their codebook scale, items with a scale)."""
        return int(self.assignment["agrees"].sum()), len(self.assignment)

    def to_frame(self) -> pd.DataFrame:
        """One row per declared scale: reliability and score descriptives."""
        return self.reliability.join(
            self.score_descriptives.drop(columns="n"), how="left"
        ).reset_index()

    def _summary_parts(self) -> Summary:
        agree, total = self.assignment_agreement
        lang = self.language
        rel = _suppress_rows(self.reliability)[0]
        rel.index = [self.scale_texts.get(s, s) for s in rel.index]
        return Summary(
            title=f"{text('title', self.language)}: {self.name}",
            figures={
                text("respondents", lang): self.n_respondents,
                text("items", lang): len(self.item_texts),
                "KMO": float(self.kmo.msa),
                header("n_factors", lang): self.n_factors,
                header("efa_agreement", lang): f"{agree}/{total}",
            },
            tables={text("reliability", lang): localize(rel, lang)},
            notes=(text("disclosure", self.language),),
        )

    # ----------------------------------------------------------------- sections
    def section(self, name: str) -> ReportSection:
        """A disclosure-controlled section of the report in the report's language."""
        check_choice("name", name, SECTIONS)
        sec = getattr(self, f"_section_{name}")()
        tables = {k: localize(t, self.language) for k, t in sec.tables.items()}
        return ReportSection(sec.title, sec.intro, tables, sec.figures, sec.notes)

    def _t(self, key: str, **kw: object) -> str:
        return text(key, self.language, **kw)

    def _section_reading(self) -> ReportSection:
        log = self.reading_log
        t = log.totals
        figures = pd.DataFrame(
            {
                "value": [
                    log.n_rows,
                    t["answers"],
                    t["recoded"],
                    t["dont_know"] + t["missing_code"] + t["out_of_range"],
                ]
            },
            index=row_labels(
                ["rows_read", "answers_read", "recoded_from_text", "set_missing"], self.language
            ),
        )
        per = log.per_column.set_index("column")
        counts = per.drop(columns="role")
        roles = per[["role"]].assign(role=row_labels(per["role"], self.language))
        per = pd.concat([roles, suppress_small_cells(counts)], axis=1)
        per.index = [self.variable_texts.get(c, c) for c in per.index]
        notes = [reading_note(n, self.language) for n in log.notes]
        if log.ignored_columns:
            notes.append(self._t("ignored_columns", columns=", ".join(log.ignored_columns)))
        notes.append(self._t("disclosure"))
        return ReportSection(
            self._t("reading"), self._t("reading_text"),
            {"": suppress_small_cells(figures), self._t("per_item"): per}, notes=tuple(notes),
        )  # fmt: skip

    def _section_responses(self) -> ReportSection:
        d = self.distributions
        points = [c for c in d.columns if c.startswith("p")]
        counts = d[[*points, "dont_know", "no_answer"]]
        pct = counts.div(d[points + ["dont_know"]].sum(axis=1).where(lambda s: s > 0), axis=0) * 100
        pct = pct.drop(columns="no_answer").round(1)
        # complementary: a row's cells split its respondents, so one hidden cell alone could be
        # recovered from n and the other shares
        shown = suppress_small_cells(pct, counts.drop(columns="no_answer"), complementary=True)
        labels = _point_labels(len(points), self.language) or [c[1:] for c in points]
        shown.columns = [*labels, self._t("dont_know")]
        shown["n"] = suppress_small_cells(d[["n"]])["n"]
        shown.index = [self.item_texts.get(i, i) for i in shown.index]
        notes = (self._t("likert_hidden"), self._t("disclosure"))
        figs = (self.likert_png,) if self.likert_png else ()
        summary = pd.DataFrame({"value": [self.n_respondents]}, index=[self._t("respondents")])
        return ReportSection(
            self._t("responses"), self._t("responses_text"),
            {"": suppress_small_cells(summary), header("distribution", self.language): shown},
            figs, notes,
        )  # fmt: skip

    def _section_missing(self) -> ReportSection:
        per_item = self.missing_items.copy()
        # answered + missing = all respondents: withhold both when either is small
        hide = small_cell_mask(per_item[["n_answered", "n_missing"]], complementary=True)
        hide["pct_missing"] = hide["n_missing"]
        shown = per_item.round(1).astype(object).mask(hide[per_item.columns], SUPPRESSED)
        shown.index = [self.item_texts.get(i, i) for i in shown.index]
        resp = self.missing_respondents
        # the rows split all respondents: withhold small rows and a complement
        primary, secondary = groups_to_withhold(resp["n_respondents"])
        resp_shown = resp.round(1).astype(object)
        resp_shown.loc[primary + secondary] = SUPPRESSED
        return ReportSection(
            self._t("missing"), self._t("missing_text"),
            {self._t("per_item"): shown, self._t("per_respondent"): resp_shown},
            notes=(self._t("disclosure"),),
        )  # fmt: skip

    def _section_adequacy(self) -> ReportSection:
        b = self.bartlett
        overall = pd.DataFrame(
            {
                "value": [
                    _num(float(self.kmo.msa)),
                    _num(float(b.chi_square)),
                    _num(float(b.df)),
                    _p_strings(pd.DataFrame({"p_value": [float(b.p_value)]}))["p_value"][0],
                    str(int(b.n)),
                ]
            },
            index=row_labels(
                ["kmo", "bartlett_chi_square", "bartlett_df", "bartlett_p_value", "n"],
                self.language,
            ),
        )
        items = self.kmo.msa_items.rename("msa").to_frame()
        items.index = [self.item_texts.get(i, i) for i in items.index]
        return ReportSection(
            self._t("adequacy"),
            f"{self._t('kmo')}; {self._t('bartlett')}.",
            {"": overall, "MSA": items},
        )

    def _section_factors(self) -> ReportSection:
        e = self.efa
        key = {
            "parallel": "n_factors_parallel",
            "given": "n_factors_given",
            "scales": "n_factors_scales",
        }
        intro = (
            self._t(key[self.n_factors_source], k=self.n_factors)
            + " "
            + self._t("efa_method", method=e.method, rotation=e.rotation, n=e.n_obs)
        )
        lang = self.language
        names = factor_labels(e.loadings.columns, lang)
        loadings = e.loadings.rename(columns=names)
        declared = self.assignment["scale"]
        loadings.insert(
            0, "scale", [self.scale_texts.get(declared.get(i), "") for i in loadings.index]
        )
        loadings["h2"] = e.communalities
        loadings.index = [self.item_texts.get(i, i) for i in loadings.index]
        match = factor_match(e.loadings.columns, self.assignment, self.scale_texts, lang)
        tables: dict[str, pd.DataFrame] = {
            header("factor_match", lang): match,
            self._t("loadings"): loadings.round(3),
        }
        if e.phi is not None:
            tables[self._t("phi")] = e.phi.rename(index=names, columns=names).round(3)
        variance = e.variance.rename(columns=names).round(3)
        variance.index = row_labels(variance.index, lang)
        tables[header("variance", lang)] = variance
        if self.parallel is not None and hasattr(self.parallel, "to_frame"):
            eig = self.parallel.to_frame().dropna(axis=1, how="all")
            eig["number"] = eig["number"].astype(int)
            tables[header("parallel", lang)] = eig.set_index("number").round(3)
        agree, total = self.assignment_agreement
        notes = [self._t("factor_match_note"), self._t("assignment", agree=agree, total=total)]
        return ReportSection(self._t("factors"), intro, tables, notes=tuple(notes))

    def _section_reliability(self) -> ReportSection:
        if self.reliability.empty:
            return ReportSection(self._t("reliability"), self._t("no_scales"))
        rel, _ = _suppress_rows(self.reliability.round(3))
        rel.index = [self.scale_texts.get(s, s) for s in rel.index]
        tables: dict[str, pd.DataFrame] = {"": rel}
        if not self.omega.empty:
            omega = self.omega.rename(columns={"n_factors": "group_factors"}).round(3)
            omega.index = [header("all_items", self.language)] * len(omega)
            tables[header("omega_all", self.language)] = omega
        for s, stats in self.item_stats.items():
            shown, _ = _suppress_rows(stats.round(3))
            shown.index = [self.item_texts.get(i, i) for i in shown.index]
            tables[f"{self._t('item_stats')}: {self.scale_texts.get(s, s)}"] = shown
        notes = [self._t("omega_scale_note")]
        few = self._t("omega_few_items", scales="")[:12]
        notes += [n for n in self.notes if n.startswith(few)]
        if not self.omega.empty:
            notes.append(self._t("omega_note"))
        notes += [n for n in self.notes if n.startswith(self._t("reverse_note", items="")[:12])]
        return ReportSection(self._t("reliability"), "", tables, notes=tuple(notes))

    def _section_scores(self) -> ReportSection:
        desc, _ = _suppress_rows(self.score_descriptives.round(3))
        desc.index = [self.scale_texts.get(s, s) for s in desc.index]
        corr, n_sup = _suppress_rows(self.correlations.round(3), self.correlations.get("n"))
        for c in ("x", "y"):
            if c in corr:
                corr[c] = [self.variable_texts.get(v, v) for v in corr[c]]
        corr.index = range(1, len(corr) + 1)
        notes = [n for n in self.notes if n.startswith(self._t("constant", variables="")[:12])]
        notes.insert(0, min_valid_text(self.min_valid, self.language))
        notes.append(self._t("disclosure"))
        if n_sup:
            notes.append(self._t("suppressed_rows", n=n_sup))
        if not any(
            v in self.variable_texts and v not in self.scale_texts
            for v in self.correlations.get("y", [])
        ):
            notes.append(self._t("no_outcomes"))
        return ReportSection(
            self._t("scores"),
            "",
            {self._t("scale_desc"): desc, self._t("scale_corr"): corr},
            notes=tuple(notes),
        )

    def _section_groups(self) -> ReportSection:
        if not self.group_means and not self.small_groups:
            return ReportSection(self._t("groups"), self._t("no_background"))
        tables: dict[str, pd.DataFrame] = {}
        notes: list[str] = []
        for var in self.group_means:
            label = self.variable_texts.get(var, var)
            means = self.group_means[var]
            if not means.empty:
                shown, _ = _suppress_rows(means.round(3))
                shown["scale"] = [self.scale_texts.get(s, s) for s in shown["scale"]]
                tables[f"{label}: {self._t('group_means')}"] = shown.set_index(["scale", "group"])
            tests = self.group_tests[var]
            if tests.empty:
                notes.append(self._t("too_few_groups", variable=label))
            else:
                shown, _ = _suppress_rows(tests.round(4))
                shown["scale"] = [self.scale_texts.get(s, s) for s in shown["scale"]]
                tables[f"{label}: {self._t('group_tests')}"] = shown.set_index("scale")
            if self.small_groups.get(var):
                notes.append(
                    f"{label}: " + self._t("small_groups", groups=", ".join(self.small_groups[var]))
                )
        notes.append(self._t("disclosure"))
        return ReportSection(self._t("groups"), self._t("groups_text"), tables, notes=tuple(notes))


def _point_labels(k: int, language: str) -> list[str] | None:
    name = answer_set_for(k)
    return list(answer_labels(name, language)) if name else None


def survey_report(
    survey: SurveyData,
    *,
    n_factors: int | str = "auto",
    language: str = "fi",
    method: str = "minres",
    rotation: str = "oblimin",
    seed: int = 2020,
    parallel_iter: int = 100,
    min_valid: float | int | None = None,
) -> SurveyReport:
    """Run the full psychometric workup of a survey read with :func:`read_survey`.

    Response counts and distributions (with a diverging Likert chart), missingness per item
    and per respondent (as distributions), KMO and Bartlett's test, parallel analysis, EFA,
    alpha and omega total per declared scale (reverse-keyed items reversed as the codebook says)
    with item statistics, omega hierarchical of all scale items, scale scores and their
    correlations with the declared outcomes, and group comparisons of scale scores by each
    background variable (Welch's ANOVA and Kruskal-Wallis with effect sizes; groups under 5
    respondents are neither shown nor compared).

    Parameters
    ----------
    survey : SurveyData
    n_factors : int or "auto", default "auto"
        Factors to extract; ``"auto"`` takes parallel analysis' suggestion (or, if it is
        unavailable, the number of scales in the codebook).
    language : {"fi", "sv", "en"}, default "fi"
        Language of every text of the report.
    method : str, default "minres"
        Factor extraction method of :func:`vaikuttavuus.factor.efa`.
    rotation : str, default "oblimin"
        Rotation of :func:`vaikuttavuus.factor.efa`.
    seed : int, default 2020
        Seed of parallel analysis' simulations.
    parallel_iter : int, default 100
        Simulated data sets of parallel analysis (psych's default is 20).
    min_valid : int or float, optional
        Answered items a respondent needs for a scale score: an int count or a fraction of
        the scale's items (:func:`vaikuttavuus.scale_scores`). Default: the codebook's
        ``defaults: min_valid``, else 1 (psych's ``scoreItems(impute = "none")``: the mean
        of the answered items). The report states the rule used.

    Returns
    -------
    SurveyReport
        Display its sections with ``report.section(name)`` for ``name`` in ``report.sections``.

    References
    ----------
    Likert, R. (1932). A technique for the measurement of attitudes. Archives of Psychology,
    22(140), 1-55.
    Heiberger, R. M., & Robbins, N. B. (2014). Design of diverging stacked bar charts for
    Likert scales and other applications. Journal of Statistical Software, 57(5), 1-32.
    Kaiser, H. F. (1974). An index of factorial simplicity. Psychometrika, 39, 31-36.
    Bartlett, M. S. (1950). Tests of significance in factor analysis. British Journal of
    Psychology, Statistical Section, 3, 77-85.
    Horn, J. L. (1965). A rationale and test for the number of factors in factor analysis.
    Psychometrika, 30, 179-185.
    Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
    Psychometrika, 16, 297-334.
    McDonald, R. P. (1999). Test Theory: A Unified Treatment. Mahwah, NJ: Erlbaum.
    Welch, B. L. (1951). On the comparison of several mean values: an alternative approach.
    Biometrika, 38, 330-336.
    Kruskal, W. H., & Wallis, W. A. (1952). Use of ranks in one-criterion variance analysis.
    Journal of the American Statistical Association, 47, 583-621.
    Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research.
    R package, Northwestern University. https://CRAN.R-project.org/package=psych
    Statistics Finland. Remote access to research data, ch. 3: Statistical data protection
    of research data.
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    A small two-scale survey (60 simulated respondents, six items):

    >>> import pathlib, tempfile
    >>> import numpy as np, pandas as pd
    >>> from vaikuttavuus.survey import Codebook, read_survey, survey_report
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=(60, 2))
    >>> answers = pd.DataFrame({f"q{j + 1}": np.clip(np.round(3 + f[:, j // 3]
    ...                         + rng.normal(size=60)), 1, 5) for j in range(6)})
    >>> cb = Codebook.from_dict({"defaults": {"scale": [1, 5]}, "items": [
    ...     {"column": c, "factor": "AB"[j // 3]} for j, c in enumerate(answers)]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     answers.to_csv(pathlib.Path(d) / "export.csv", index=False)
    ...     survey = read_survey(pathlib.Path(d) / "export.csv", cb)
    >>> report = survey_report(survey, n_factors=2, language="en", parallel_iter=5)
    >>> report.sections
    ('reading', 'responses', 'missing', 'adequacy', 'factors', 'reliability', 'scores', 'groups')
    >>> report.reliability[["k", "n", "alpha", "omega_total"]].round(2)
           k   n  alpha  omega_total
    scale
    A      3  60   0.77         0.77
    B      3  60   0.68         0.70
    """
    start = time.perf_counter()
    if not isinstance(survey, SurveyData):
        raise TypeError(
            f"survey must be a SurveyData from read_survey, got {type(survey).__name__}."
        )
    check_choice("language", language, LANGUAGES)
    cb = survey.codebook
    notes: list[str] = []
    items = A.analysable_items(survey)
    keyed = survey.keyed_items()[items]
    if len(items) < 3:
        raise ValueError(
            f"only {len(items)} item(s) have a scale and at least two different answers from at "
            "least 5 respondents; the factor analysis needs at least 3."
        )
    kmo_res, bartlett_res = A.adequacy(keyed)
    parallel, suggested = A.parallel_suggestion(
        keyed, check_int("parallel_iter", parallel_iter, minimum=1), seed
    )
    if isinstance(n_factors, str) and n_factors.strip().isdigit():
        n_factors = int(n_factors)
    if n_factors == "auto":
        if suggested:
            k, source = suggested, "parallel"
        else:
            k, source = max(1, len(cb.scales)), "scales"
    elif isinstance(n_factors, str):
        raise ValueError(
            f"n_factors={n_factors!r} is not allowed; use 'auto' or a positive integer."
        )
    else:
        k, source = check_int("n_factors", n_factors, minimum=1, maximum=len(items) - 1), "given"
    efa_res = A.run_efa(keyed, k, method, rotation)
    declared = {i.column: i.factor for i in cb.items if i.factor is not None and i.column in items}
    assignment, _, _ = A.assignment(efa_res.loadings, declared)

    reliability, item_stats, no_omega = A.reliability(survey)
    if no_omega:
        labels = ", ".join(cb.scale_label(s, language) for s in no_omega)
        notes.append(text("omega_few_items", language, scales=labels))
    if cb.reverse_items:
        notes.append(text("reverse_note", language, items=", ".join(cb.reverse_items)))
    min_valid = cb.min_valid if min_valid is None else min_valid  # checked by scale_scores
    scores = A.scores(survey, min_valid)
    outcomes = [o.column for o in cb.outcomes]
    frame = pd.concat([scores, survey.data[outcomes]], axis=1)
    corr, constant = A.correlations(frame, list(scores.columns), outcomes, language)
    if constant:
        notes.append(text("constant", language, variables=", ".join(constant)))
    group_means, group_tests, small = {}, {}, {}
    for bg in cb.background:
        m, t, s = A.group_comparison(scores, survey.data[bg.column], list(scores.columns))
        group_means[bg.column], group_tests[bg.column], small[bg.column] = m, t, tuple(s)

    item_texts = {
        i.column: f"{i.column} {i.label(language)}" if i.label(language) != i.column else i.column
        for i in cb.items
    }
    scale_texts = {s: cb.scale_label(s, language) for s in cb.scales}
    variable_texts = {**item_texts, **scale_texts}
    variable_texts.update({o.column: o.name(language) for o in cb.outcomes})
    variable_texts.update({b.column: b.name(language) for b in cb.background})
    png = _likert_png(survey, language, item_texts)
    return SurveyReport(
        name=str(cb.title.get(language) or cb.title.get(cb.language) or cb.name),
        language=language,
        n_respondents=len(survey.data),
        reading_log=survey.reading_log,
        distributions=A.distributions(survey),
        missing_items=A.missing_per_item(survey),
        missing_respondents=A.missing_per_respondent(survey),
        kmo=kmo_res,
        bartlett=bartlett_res,
        parallel=parallel,
        n_factors=k,
        n_factors_source=source,
        efa=efa_res,
        assignment=assignment,
        reliability=reliability,
        item_stats=item_stats,
        omega=A.instrument_omega(survey, items),
        score_descriptives=A.score_descriptives(scores),
        correlations=corr,
        group_means=group_means,
        group_tests=group_tests,
        small_groups=small,
        item_texts=item_texts,
        scale_texts=scale_texts,
        variable_texts=variable_texts,
        likert_png=png,
        notes=tuple(notes),
        seconds=time.perf_counter() - start,
        min_valid=min_valid,
    )


def _likert_png(survey: SurveyData, language: str, item_texts: Mapping[str, str]) -> bytes | None:
    import matplotlib

    from .likert import plot_likert

    cb = survey.codebook
    groups: dict[tuple[int, int], list[str]] = {}
    for i in cb.items:
        if i.min is not None:
            groups.setdefault((i.min, i.max), []).append(i.column)
    if not groups:
        return None
    (lo, hi), cols = max(groups.items(), key=lambda kv: len(kv[1]))
    with matplotlib.rc_context({"figure.dpi": 90}):
        import matplotlib.pyplot as plt

        fig = plot_likert(
            survey.data, cols, scale=(lo, hi), answer_labels=_point_labels(hi - lo + 1, language),
            item_labels=item_texts, min_n=MIN_CELL_SIZE, xlabel=text("likert_axis", language),
        )  # fmt: skip
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        plt.close(fig)
    return buf.getvalue()


def render_survey_report(
    data_path: str | Path,
    codebook_path: str | Path,
    out_dir: str | Path,
    *,
    language: str = "fi",
    n_factors: int | str = "auto",
    name: str | None = None,
    missing_codes: Sequence[float] = (),
    out_of_range: str = "error",
    min_valid: float | int | None = None,
) -> Path:
    """Render the survey report notebook to HTML; return the HTML path (what the CLI calls).

    The data are read once here first so that bad input fails fast with a clear error.

    Parameters
    ----------
    data_path : str or Path
        The survey export (CSV, Excel .xlsx or SPSS .sav), as for :func:`read_survey`.
    codebook_path : str or Path
        A codebook file (YAML/CSV) or the name of a shipped codebook (e.g. ``"vates2020"``).
    out_dir : str or Path
        Directory of the HTML report and the executed notebook (created if needed).
    language : {"fi", "sv", "en"}, default "fi"
        Language of the report.
    n_factors : int or "auto", default "auto"
        Passed to :func:`survey_report`.
    name : str, optional
        File stem of the outputs; default ``survey_<data file stem>_<language>``.
    missing_codes : sequence of numbers, optional
        Codes every item treats as missing in addition to the codebook's (e.g. ``[9]``).
    out_of_range : {"error", "missing"}, default "error"
        Passed to :func:`read_survey`.
    min_valid : int or float, optional
        Passed to :func:`survey_report` (default: the codebook's rule, else 1).

    Returns
    -------
    pathlib.Path
        The HTML file (``out_dir / f"{name}.html"``); the executed notebook is written
        beside it with the suffix ``.ipynb``.

    Raises
    ------
    ValueError
        Before any kernel starts, for an unknown ``language`` or anything that
        :func:`read_survey` rejects.

    References
    ----------
    papermill: parameterize and execute Jupyter notebooks. https://papermill.readthedocs.io
    nbconvert: convert Jupyter notebooks to other formats. https://nbconvert.readthedocs.io
    Statistics Finland. Remote access to research data, ch. 3: Statistical data protection
    of research data.
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    Bad input fails fast, before a kernel starts or anything is written:

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> d = pathlib.Path(tmp.name)
    >>> _ = (d / "export.csv").write_text("v01;v02\\n3;4\\n", encoding="utf-8")
    >>> render_survey_report(d / "export.csv", "vates2020", d / "out")
    Traceback (most recent call last):
    ...
    ValueError: export.csv lacks 34 column(s) that the codebook declares: 'v03', ...
    >>> (d / "out").exists()
    False
    >>> tmp.cleanup()

    A real export renders the notebook in a Jupyter kernel (slow, hence not run here):

    >>> render_survey_report("export.csv", "vates2020", "reports", language="en")  # doctest: +SKIP
    PosixPath('reports/survey_export_en.html')
    """
    from ..reports import notebook_path, render_notebook

    check_choice("language", language, LANGUAGES)
    data_path, codebook_path = Path(data_path).resolve(), Path(codebook_path)
    if not codebook_path.exists():
        from .codebook import shipped_codebook

        codebook_path = shipped_codebook(str(codebook_path))
    codebook = load_codebook(codebook_path).with_missing_codes(list(missing_codes))
    # fail fast, before starting a kernel
    survey = read_survey(data_path, codebook, out_of_range=out_of_range)
    if min_valid is not None:
        A.scores(survey, min_valid)  # a bad rule fails here too
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = name or f"survey_{data_path.stem}_{language}"
    html_path = out / f"{stem}.html"
    result = render_notebook(
        notebook_path("survey_report.ipynb"),
        html_path,
        {"data_path": str(data_path), "codebook_path": str(codebook_path.resolve()),
         "language": language, "n_factors": str(n_factors),
         "missing_codes": [float(c) for c in missing_codes], "out_of_range": out_of_range,
         "min_valid": min_valid},
        executed=out / f"{stem}.ipynb",
    )  # fmt: skip
    return getattr(result, "html", None) or html_path
