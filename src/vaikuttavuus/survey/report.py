"""The full psychometric report of a survey read through its codebook."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import pandas as pd

from .._results import ResultMixin, Summary
from .._validation import check_choice, check_int
from ..disclosure import MIN_CELL_SIZE
from ..present import (
    Column,
    Figure,
    Note,
    NumberFormat,
    Report,
    Section,
    Table,
    figure_png,
    markdown_text,
)
from . import _analysis as A
from ._answers import answer_labels, answer_set_for
from ._i18n import LANGUAGES, header, reading_note, text
from .codebook import Codebook, min_valid_text
from .io import ReadingLog, SurveyData

__all__ = ["SurveyReport", "survey_report"]

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


def _p_column(c: object) -> bool:
    return isinstance(c, str) and (c == "p_value" or c.endswith("_p_value"))


def factor_labels(factors: Any, language: str) -> dict[str, str]:
    """EFA factor names (``F1``, ``F2``, ...) as "Faktori 1", "Faktor 1", "Factor 1", ...

    Numbered in the order of the EFA output, so that they cannot be mistaken for the
    codebook's scale names (which may also be called ``F1``...)."""
    return {f: header("factor_n", language, k=j + 1) for j, f in enumerate(factors)}


def factor_match(
    factors: Any, assignment: pd.DataFrame, scale_texts: Mapping[str, str], language: str
) -> pd.DataFrame:
    """One row per EFA factor: the declared scale most of whose items load highest on it
    (``assignment``'s ``factor_scale``), how many declared items load highest on it and how
    many of that scale's items do (e.g. ``5/5``)."""
    texts = dict(scale_texts)
    labels = factor_labels(factors, language)
    scale_size = assignment["scale"].value_counts()
    rows = []
    for f, label in labels.items():
        on = assignment[assignment["factor"] == f]
        if on.empty:
            rows.append({"factor": label, "best_scale": header("no_scale", language),
                         "primary_items": 0, "scale_items_here": ""})  # fmt: skip
            continue
        best = str(on["factor_scale"].iloc[0])
        here = int((on["scale"] == best).sum())
        rows.append({"factor": label, "best_scale": texts.get(best, best),
                     "primary_items": len(on),
                     "scale_items_here": f"{here}/{int(scale_size[best])}"})  # fmt: skip
    return pd.DataFrame(rows).set_index("factor").rename_axis(None)


@dataclass(frozen=True, eq=False)
class SurveyReport(ResultMixin):
    """Everything :func:`survey_report` computed: aggregate tables only, no respondent rows.

    Tables are stored unsuppressed for further analysis; :meth:`section` (what the
    notebook shows) applies disclosure control (cells < 5 respondents read ``"<5"``) through
    :mod:`vaikuttavuus.present`, in the report's language.
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
    example: bool = False
    min_valid: float | int = 1
    cfa: pd.DataFrame = field(default_factory=pd.DataFrame)
    cfa_failed: tuple[str, ...] = ()

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
        rel = self._table(self.reliability, "", row_persons="n").frame()
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
            tables={text("reliability", lang): rel},
            notes=(text("disclosure", self.language),),
            float_format=NumberFormat(lang, 3),
        )

    # ----------------------------------------------------------------- presentation
    def presentation(self) -> Report:
        """The whole report (:class:`vaikuttavuus.present.Report`): HTML in JupyterLab."""
        return self._presentation

    @cached_property
    def _presentation(self) -> Report:  # built once: every section() call shares it
        sections = tuple(
            replace(getattr(self, f"_section_{name}")(), key=name) for name in SECTIONS
        )
        return Report(
            f"{text('title', self.language)}: {self.name}", self.language, sections,
            example_data="all" if self.example else None,
        )  # fmt: skip

    def header(self) -> Any:
        """The report's title and (for example data) the sentence saying so, as a display
        object (user text escaped); what a notebook shows first."""
        return self.presentation().header()

    def heading_markdown(self) -> str:
        """``# <title>`` as Markdown, the title escaped (a codebook title is user text)."""
        return f"# {markdown_text(self.name)}"

    def section(self, name: str) -> Section:
        """A disclosure-controlled section of the report in the report's language (notes
        shown in an earlier section are not repeated)."""
        check_choice("name", name, SECTIONS)
        return self.presentation().section(name)

    def _t(self, key: str, **kw: object) -> str:
        return text(key, self.language, **kw)

    def _section(self, key: str, parts: list[Any], intro: str = "") -> Section:
        return Section(self._t(key), tuple(parts), intro=intro, language=self.language,
                       example=False)  # fmt: skip

    def _table(
        self,
        frame: pd.DataFrame,
        title: str,
        *,
        decimals: int = 3,
        kinds: Mapping[str, tuple[str, int]] | None = None,
        **disclosure: Any,
    ) -> Table:
        """``frame`` as a Table: headers in the report language, fixed decimals, p-values."""
        lang, kinds = self.language, dict(kinds or {})
        columns = {}
        for c in frame.columns:
            kind, dec = kinds.get(c, ("p_value", 3) if _p_column(c) else (None, decimals))
            if kind is None:
                columns[c] = replace(
                    Table(frame[[c]], decimals=dec).column(c), label=header(c, lang)
                )
            else:
                columns[c] = Column(header(c, lang), kind, dec)
        names = [header(n, lang) if isinstance(n, str) else n for n in frame.index.names]
        frame = frame.rename_axis(names)
        shown = [str(n) for n in names if n is not None]
        return Table(
            frame, title, columns=columns, decimals=decimals,
            index_label=" / ".join(shown) if shown else None, **disclosure,
        )  # fmt: skip

    def _section_reading(self) -> Section:
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
            index=[header(k, self.language) for k in
                   ["rows_read", "answers_read", "recoded_from_text", "set_missing"]],
        )  # fmt: skip
        per = log.per_column.set_index("column")
        counts = [c for c in per.columns if c != "role"]
        per = per.assign(role=[header(r, self.language) for r in per["role"]])
        per[counts] = per[counts].astype(int)
        per.index = [self.variable_texts.get(c, c) for c in per.index]
        parts: list[Any] = [
            self._table(figures, "", persons=("value",)),
            # answers = valid + don't know + missing code + out of range; valid = numeric +
            # recoded; answers + empty = rows read: a withheld count gets complements in each
            self._table(
                per,
                self._t("per_item"),
                persons=tuple(counts),
                sums={
                    "answers": ("valid", "dont_know", "missing_code", "out_of_range"),
                    "valid": ("numeric", "recoded"),
                    None: ("answers", "empty"),
                },
            ),  # fmt: skip
        ]
        parts += [Note(reading_note(n, self.language)) for n in log.notes]
        if log.ignored_columns:
            parts.append(Note(self._t("ignored_columns", columns=", ".join(log.ignored_columns))))
        parts.append(Note(self._t("disclosure")))
        return self._section("reading", parts, self._t("reading_text"))

    def _section_responses(self) -> Section:
        d = self.distributions
        points = [c for c in d.columns if c.startswith("p")]
        counts = d[[*points, "dont_know"]]
        pct = counts.div(counts.sum(axis=1).where(lambda s: s > 0), axis=0) * 100
        labels = _point_labels(len(points), self.language) or [c[1:] for c in points]
        kinds = {c: ("number", 1) for c in [*points, "dont_know"]}
        # a row's cells split its respondents: a withheld cell gets a complement, so that it
        # cannot be recovered from n (the answers on the scale) and the other shares; a row of
        # 1-4 respondents is withheld
        table = self._table(
            pct.assign(n=d["n"]).set_axis([self.item_texts.get(i, i) for i in d.index]),
            header("distribution", self.language), kinds=kinds,
            cell_persons=counts.set_axis([self.item_texts.get(i, i) for i in d.index]),
            split="row", row_persons="n", sums={"n": tuple(points)},
        )  # fmt: skip
        names = dict(zip([*points, "dont_know"], [*labels, self._t("dont_know")], strict=True))
        table = replace(
            table,
            columns={
                c: replace(col, label=names.get(c, col.label)) for c, col in table.columns.items()
            },
        )
        summary = pd.DataFrame({"value": [self.n_respondents]}, index=[self._t("respondents")])
        parts: list[Any] = [self._table(summary, "", persons=("value",))]
        if self.likert_png:
            parts.append(Figure(self.likert_png, alt=self._t("responses")))
        parts += [table, Note(self._t("likert_hidden")), Note(self._t("disclosure"))]
        return self._section("responses", parts, self._t("responses_text"))

    def _section_missing(self) -> Section:
        per_item = self.missing_items.set_axis(
            [self.item_texts.get(i, i) for i in self.missing_items.index]
        ).rename_axis(self.missing_items.index.name)
        # answered + missing = all respondents: withhold both when either is small
        items = self._table(
            per_item, self._t("per_item"), kinds={"pct_missing": ("number", 1)},
            persons=("n_answered", "n_missing"), split="row", follows={"pct_missing": "n_missing"},
        )  # fmt: skip
        resp = self.missing_respondents
        # the rows split all respondents: withhold small rows and a complement
        rows = self._table(
            resp, self._t("per_respondent"), kinds={"pct": ("number", 1)},
            persons=("n_respondents",), split="column", follows={"pct": "n_respondents"},
        )  # fmt: skip
        parts = [items, rows, Note(self._t("disclosure"))]
        return self._section("missing", parts, self._t("missing_text"))

    def _section_adequacy(self) -> Section:
        b = self.bartlett
        overall = pd.DataFrame(
            {"kmo": [float(self.kmo.msa)], "bartlett_chi_square": [float(b.chi_square)],
             "bartlett_df": [int(b.df)], "bartlett_p_value": [float(b.p_value)],
             "n": [int(b.n)]}, index=[""],
        )  # fmt: skip
        items = self.kmo.msa_items.rename("msa").to_frame()
        items.index = [self.item_texts.get(i, i) for i in items.index]
        parts = [
            self._table(overall, "", kinds={"bartlett_chi_square": ("number", 2)}),
            self._table(items, "MSA"),
        ]
        return self._section("adequacy", parts, f"{self._t('kmo')}; {self._t('bartlett')}.")

    def _section_factors(self) -> Section:
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
        parts: list[Any] = [
            self._table(match, header("factor_match", lang)),
            self._table(loadings.round(3), self._t("loadings")),
        ]
        if e.phi is not None:
            phi = e.phi.rename(index=names, columns=names).round(3)
            parts.append(self._table(phi, self._t("phi")))
        variance = e.variance.rename(columns=names).round(3)
        variance.index = [header(i, lang) for i in variance.index]
        parts.append(self._table(variance, header("variance", lang)))
        if self.parallel is not None and hasattr(self.parallel, "to_frame"):
            eig = self.parallel.to_frame().dropna(axis=1, how="all")
            eig["number"] = eig["number"].astype(int)
            parts.append(self._table(eig.set_index("number").round(3), header("parallel", lang)))
        agree, total = self.assignment_agreement
        parts += [
            Note(self._t("factor_match_note")),
            Note(self._t("assignment", agree=agree, total=total)),
        ]
        if not self.cfa.empty:
            fit = self.cfa.copy()
            fit.index = [header(f"cfa_{e.lower()}", lang) for e in fit.index]
            kinds = {c: ("number", 3) for c in fit.columns}
            kinds.update({"chisq": ("number", 2), "df": ("count", 0), "n": ("count", 0)})
            parts += [self._table(fit, self._t("cfa_title"), kinds=kinds, row_persons="n"),
                      Note(self._t("cfa_note"))]  # fmt: skip
        parts += [Note(self._t("cfa_failed", reason=r)) for r in self.cfa_failed]
        return self._section("factors", parts, intro)

    def _scale_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame.set_axis([self.scale_texts.get(s, s) for s in frame.index])

    def _section_reliability(self) -> Section:
        if self.reliability.empty:
            return self._section("reliability", [], self._t("no_scales"))
        parts: list[Any] = [
            self._table(self._scale_rows(self.reliability.round(3)), "", row_persons="n")
        ]
        if not self.omega.empty:
            omega = self.omega.rename(columns={"n_factors": "group_factors"}).round(3)
            omega.index = [header("all_items", self.language)] * len(omega)
            parts.append(self._table(omega, header("omega_all", self.language)))
        for s, stats in self.item_stats.items():
            shown = stats.round(3).set_axis([self.item_texts.get(i, i) for i in stats.index])
            title = f"{self._t('item_stats')}: {self.scale_texts.get(s, s)}"
            parts.append(self._table(shown, title, row_persons="n" if "n" in shown else None))
        notes = [self._t("omega_scale_note")]
        few = self._t("omega_few_items", scales="")[:12]
        notes += [n for n in self.notes if n.startswith(few)]
        if not self.omega.empty:
            notes.append(self._t("omega_note"))
        notes += [n for n in self.notes if n.startswith(self._t("reverse_note", items="")[:12])]
        return self._section("reliability", [*parts, *map(Note, notes)])

    def _section_scores(self) -> Section:
        desc = self._table(
            self._scale_rows(self.score_descriptives.round(3)), self._t("scale_desc"),
            row_persons="n",
        )  # fmt: skip
        corr = self.correlations.round(3)
        for c in ("x", "y"):
            if c in corr:
                corr[c] = [self.variable_texts.get(v, v) for v in corr[c]]
        corr.index = range(1, len(corr) + 1)
        has_n = "n" in corr.columns
        corr_table = self._table(corr, self._t("scale_corr"), row_persons="n" if has_n else None)
        notes = [n for n in self.notes if n.startswith(self._t("constant", variables="")[:12])]
        notes.insert(0, min_valid_text(self.min_valid, self.language))
        notes.append(self._t("disclosure"))
        n_sup = int(corr_table.withheld().all(axis=1).sum()) if has_n and len(corr) else 0
        if n_sup:
            notes.append(self._t("suppressed_rows", n=n_sup))
        if not any(
            v in self.variable_texts and v not in self.scale_texts
            for v in self.correlations.get("y", [])
        ):
            notes.append(self._t("no_outcomes"))
        return self._section("scores", [desc, corr_table, *map(Note, notes)])

    def _section_groups(self) -> Section:
        if not self.group_means and not self.small_groups:
            return self._section("groups", [], self._t("no_background"))
        parts: list[Any] = []
        notes: list[str] = []
        for var in self.group_means:
            label = self.variable_texts.get(var, var)
            means = self.group_means[var]
            if not means.empty:
                shown = means.round(3).assign(
                    scale=[self.scale_texts.get(s, s) for s in means["scale"]]
                )
                title = f"{label}: {self._t('group_means')}"
                parts.append(
                    self._table(shown.set_index(["scale", "group"]), title, row_persons="n")
                )
            tests = self.group_tests[var]
            if tests.empty:
                notes.append(self._t("too_few_groups", variable=label))
            else:
                shown = tests.round(4).assign(
                    scale=[self.scale_texts.get(s, s) for s in tests["scale"]]
                )
                title = f"{label}: {self._t('group_tests')}"
                n_col = "n" if "n" in shown.columns else None
                parts.append(self._table(shown.set_index("scale"), title, row_persons=n_col))
            if self.small_groups.get(var):
                notes.append(
                    f"{label}: " + self._t("small_groups", groups=", ".join(self.small_groups[var]))
                )
        notes.append(self._t("disclosure"))
        return self._section("groups", [*parts, *map(Note, notes)], self._t("groups_text"))


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
    example: bool = False,
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
    example : bool, default False
        The answers are simulated example data: the report says so once, at the top.
    min_valid : int or float, optional
        Answered items a respondent needs for a scale score: an int count or a fraction of
        the scale's items (:func:`vaikuttavuus.scale_scores`). Default: the codebook's
        ``defaults: min_valid``, else 1 (psych's ``scoreItems(impute = "none")``: the mean
        of the answered items). The report states the rule used.

    Returns
    -------
    SurveyReport
        Display its sections with ``report.section(name)`` for ``name`` in ``report.sections``.

    Notes
    -----
    Each statistic's sources are cited by the function that computes it: answer
    distributions :func:`~vaikuttavuus.survey.likert_table` and
    :func:`~vaikuttavuus.survey.plot_likert`, KMO and Bartlett's test
    :mod:`vaikuttavuus.adequacy`, parallel analysis :mod:`vaikuttavuus.parallel`, the EFA
    :func:`vaikuttavuus.factor.efa`, alpha :func:`vaikuttavuus.reliability.cronbach_alpha`,
    omega :mod:`vaikuttavuus.omega`. Below, the sources of what the report adds.

    References
    ----------
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
    cfa_fit, cfa_failed = A.confirmatory(survey)
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
    texts = _texts(cb, language)
    png = _likert_png(survey, language, texts["item_texts"])
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
        cfa=cfa_fit,
        cfa_failed=tuple(cfa_failed),
        score_descriptives=A.score_descriptives(scores),
        correlations=corr,
        **_group_comparisons(survey, scores),
        **texts,
        likert_png=png,
        notes=tuple(notes),
        seconds=time.perf_counter() - start,
        example=bool(example),
        min_valid=min_valid,
    )


def _group_comparisons(survey: SurveyData, scores: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """``group_means``, ``group_tests`` and ``small_groups`` of :class:`SurveyReport`."""
    means, tests, small = {}, {}, {}
    for bg in survey.codebook.background:
        m, t, s = A.group_comparison(scores, survey.data[bg.column], list(scores.columns))
        means[bg.column], tests[bg.column], small[bg.column] = m, t, tuple(s)
    return {"group_means": means, "group_tests": tests, "small_groups": small}


def _texts(cb: Codebook, language: str) -> dict[str, dict[str, str]]:
    """``item_texts``, ``scale_texts`` and ``variable_texts`` of :class:`SurveyReport`."""
    item_texts = {
        i.column: f"{i.column} {i.label(language)}" if i.label(language) != i.column else i.column
        for i in cb.items
    }
    scale_texts = {s: cb.scale_label(s, language) for s in cb.scales}
    variable_texts = {**item_texts, **scale_texts}
    variable_texts.update({o.column: o.name(language) for o in cb.outcomes})
    variable_texts.update({b.column: b.name(language) for b in cb.background})
    return {"item_texts": item_texts, "scale_texts": scale_texts, "variable_texts": variable_texts}


def _likert_png(survey: SurveyData, language: str, item_texts: Mapping[str, str]) -> bytes | None:
    from matplotlib.figure import Figure as MplFigure

    from .likert import plot_likert

    cb = survey.codebook
    groups: dict[tuple[int, int], list[str]] = {}
    for i in cb.items:
        if i.min is not None:
            groups.setdefault((i.min, i.max), []).append(i.column)
    if not groups:
        return None
    (lo, hi), cols = max(groups.items(), key=lambda kv: len(kv[1]))
    # a Figure without pyplot: no global state, interactive mode untouched
    fig = MplFigure(figsize=(10, 0.45 * len(cols) + 1.6), dpi=90)
    plot_likert(
        survey.data, cols, scale=(lo, hi), answer_labels=_point_labels(hi - lo + 1, language),
        item_labels=item_texts, min_n=MIN_CELL_SIZE, xlabel=text("likert_axis", language),
        ax=fig.subplots(),
    )  # fmt: skip
    return figure_png(fig)
