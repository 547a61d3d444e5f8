"""Report tables of the Vates 2020 reproduction in Finnish or English.

The result objects keep their stable snake_case English columns (the API); these functions
only present them: headers, row labels, yes/no and class texts in the report's language
(strings from :mod:`._text`), numbers rounded, shares as percentages. Aggregate figures only.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from vaikuttavuus._validation import check_choice
from vaikuttavuus.present import msg
from vaikuttavuus.present.formatting import format_number
from vaikuttavuus.studies.vates2020._analysis import DEFAULT_METHOD, DEFAULT_ROTATION
from vaikuttavuus.studies.vates2020._text import LANGUAGES, text
from vaikuttavuus.studies.vates2020.confirm import FIT_MEASURES
from vaikuttavuus.studies.vates2020.consistency import consistency
from vaikuttavuus.studies.vates2020.instrument import FACTORS, OUTCOMES, instrument, scale_items
from vaikuttavuus.studies.vates2020.published import ambiguities, hypotheses, published_alphas
from vaikuttavuus.studies.vates2020.replicate import ReplicationResult
from vaikuttavuus.studies.vates2020.reproduce import VatesReproduction

__all__ = [
    "figure_label",
    "key_figures",
    "factor_table",
    "comparison_table",
    "comparison_note",
    "methods_table",
    "methods_note",
    "star_legend",
    "wording_table",
    "correlation_table",
    "hypothesis_table",
    "hypothesis_shares",
    "replication_table",
    "alpha_table",
    "assignment_table",
    "assignment_note",
    "ambiguity_table",
    "cfa_fit_table",
]

#: Sample sizes from which the large-N calibration tolerances are the comparison's test.
LARGE_N = 10_000


def _lang(language: str) -> int:
    check_choice("language", language, LANGUAGES)
    return LANGUAGES.index(language)


def _yes_no(value: object, language: str) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "n/a":
        return text("not_available", language)
    ok = value is True or value == "yes" or (isinstance(value, np.bool_) and bool(value))
    return text("yes" if ok else "no", language)


def _class(value: object, language: str) -> str:
    """Significance / verdict classes of the comparison in ``language``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return text("not_available", language)
    return {
        "n.s.": text("ns", language),
        "as published": text("as_published", language),
        "differs": text("differs", language),
    }.get(str(value), _p_class(str(value), language))


@cache
def _statements(language: str) -> dict[str, str]:
    inst = instrument("likert")
    texts = inst[f"text_{language}"].str.replace(
        "[PLACEHOLDER]", text("placeholder", language), regex=False
    )
    return dict(zip(inst["item"], texts, strict=True))


def _outcome(outcome: str, language: str) -> str:
    return OUTCOMES[outcome][_lang(language)]


def figure_label(figure: str, language: str = "fi", *, statement: bool = True) -> str:
    """The report label of a comparison ``figure`` id (e.g. ``"r F1 x p_open"``).

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020.tables import figure_label
    >>> figure_label("r F1 x p_open", "fi")
    'r F1 × Avoimet työmarkkinat'
    >>> figure_label("explained variance F2 (%)", "fi")
    'Selitetty varianssi F2 (%)'
    """
    _lang(language)
    parts = figure.split()
    if parts[0] == "loading":
        item, k = parts[1], parts[2][1:]
        body = _statements(language)[item] if statement else ""
        return text("fig_loading", language).format(k=k, item=item, text=body).rstrip()
    if parts[0] == "explained":
        return text("fig_variance", language).format(k=parts[2][1:])
    if parts[0] == "alpha":
        return text("fig_alpha", language).format(k=parts[1][1:])
    if parts[0] == "r":
        return text("fig_correlation", language).format(
            k=parts[1][1:], outcome=_outcome(parts[3], language)
        )
    if parts[0] == "pairwise":
        return text("fig_n", language).format(k=parts[2][1:])
    if parts[0] == "hypothesis":
        return text("fig_hypothesis", language).format(h=parts[1])
    return figure


@cache
def _hypotheses() -> pd.DataFrame:
    return hypotheses().set_index("id")


def _published_text(row: pd.Series, language: str) -> str:
    kind = row["kind"]
    if kind == "alpha":
        values = " / ".join(_num(a, 3, language) for a in published_alphas()["alpha"])
        return text("alpha_not_legible", language).format(values=values)
    if kind == "hypothesis":
        return str(_hypotheses().loc[row["figure"].split()[1], f"verdict_{language}"])
    if kind == "correlation" and np.isnan(row["published"]):
        return text("ns", language)
    if kind == "correlation":  # published_text is "0.236, p<0.01"
        cls = _p_class(str(row["published_text"]).split(", ")[-1], language)
        return f"{_num(row['published'], 3, language)}, {cls}"
    if kind == "variance":
        return f"{_num(row['published'], 1, language)} %"
    if kind in ("loading", "n"):
        return _num(row["published"], _DIGITS[kind], language)
    return str(row["published_text"])


def _num(x: object, digits: int, language: str) -> str:
    """A number as the report's language writes it (decimal comma in Finnish) with ``digits``
    decimals; missing as a dash (no "NaN" in a report)."""
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return text("not_available", language)
    return format_number(float(x), language, digits)


def _nums(values: object, digits: int, language: str) -> list[str]:
    return [_num(x, digits, language) for x in np.asarray(values, dtype=float)]


def _p_class(value: str, language: str) -> str:
    """``p<0.01`` as the language writes it (``p<0,01`` in Finnish, as on the slides)."""
    return value.replace("0.0", "0,0") if language == "fi" else value


_DIGITS = {"loading": 3, "variance": 2, "alpha": 3, "correlation": 3, "n": 0, "hypothesis": 3}


def factor_table(language: str = "fi") -> pd.DataFrame:
    """The four factors: name and number of statements."""
    i = _lang(language)
    sizes = {k: len(v) for k, v in scale_items().items()}
    out = pd.DataFrame(
        {
            text("factor_name", language): [v[i] for v in FACTORS.values()],
            text("n_items", language): [sizes[k] for k in FACTORS],
        },
        index=pd.Index([f"F{k}" for k in FACTORS], name=text("factor", language)),
    )
    return out


def _consistency(res: VatesReproduction, rep: ReplicationResult) -> pd.DataFrame:
    """:func:`~.consistency.consistency` indexed by figure."""
    return consistency(res, rep).table.set_index("figure")


def key_figures(
    res: VatesReproduction, replications: ReplicationResult | None = None, language: str = "fi"
) -> pd.DataFrame:
    """Key figures of the reproduction (replaces ``res.summary()`` in a report)."""
    _lang(language)
    comp = res.comparison
    rows: list[tuple[str, object]] = [
        (text("n_respondents", language), str(res.n)),
        (text("method", language), f"{res.method} / {res.rotation}"),
        (text("kmo", language), _num(res.kmo.msa, 3, language)),
        (text("min_congruence", language), _num(float(res.congruence.min()), 3, language)),
    ]
    if replications is not None and res.n < LARGE_N:
        ok = _consistency(res, replications)["consistent"]
        tested = ok[ok != "n/a"]
        rows.append(
            (text("consistent_count", language), f"{int((tested == 'yes').sum())} / {len(tested)}")
        )
    else:
        numeric = comp["within_tolerance"] != "n/a"
        ok = int((comp.loc[numeric, "within_tolerance"] == "yes").sum())
        rows.append((text("within_tolerance_count", language), f"{ok} / {int(numeric.sum())}"))
    for h, ok in res.verdicts.items():
        rows.append(
            (text("hypothesis_as_published", language).format(h=h), _yes_no(bool(ok), language))
        )
    return pd.DataFrame(
        {text("value", language): [v for _, v in rows]}, index=pd.Index([k for k, _ in rows])
    )


def comparison_table(
    res: VatesReproduction, replications: ReplicationResult | None = None, language: str = "fi"
) -> pd.DataFrame:
    """The published-versus-reproduced table of a report, in ``language``.

    With ``replications`` (from :func:`~.replicate.replicate` at the same ``n``) and a small
    sample, the test is :func:`~.consistency.consistency`: whether the figure reproduced from
    the analysed data lies inside the 95 % interval of the same statistic in the replications
    of the calibrated model; the large-N calibration tolerances are then not shown. Without them (or
    at ``n >= 10,000``) the calibration tolerance and its test are shown, labelled as such.
    The API column ``within_tolerance`` of ``res.comparison`` is unchanged.
    """
    _lang(language)
    comp = res.comparison
    small = replications is not None and res.n < LARGE_N
    out = pd.DataFrame(index=pd.Index(comp["figure"].map(lambda f: figure_label(f, language))))
    out.index.name = text("figure", language)
    out[text("published", language)] = [_published_text(r, language) for _, r in comp.iterrows()]
    digits = [_DIGITS[k] for k in comp["kind"]]

    def fmt(values: pd.Series) -> list[str]:
        return [_num(x, d, language) for x, d in zip(values, digits, strict=True)]

    out[text("reproduced", language)] = fmt(comp["reproduced"])
    out[text("difference", language)] = fmt(comp["difference"])
    if small:
        iv = _consistency(res, replications).reindex(comp["figure"])
        out[text("rep_low", language)] = fmt(iv["rep_low"])
        out[text("rep_high", language)] = fmt(iv["rep_high"])
        out[text("in_interval", language)] = [_yes_no(x, language) for x in iv["consistent"]]
    else:
        out[text("tolerance_large_n", language)] = fmt(comp["tolerance"])
        out[text("within_tolerance_large_n", language)] = [
            _yes_no(x, language) for x in comp["within_tolerance"]
        ]
    hyp = (comp["kind"] == "hypothesis").to_numpy()
    pub_class = [
        text("not_available", language) if h else _class(x, language)
        for x, h in zip(comp["published_class"], hyp, strict=True)
    ]
    out[text("published_class", language)] = pub_class
    out[text("reproduced_class", language)] = [
        _class(x, language) for x in comp["reproduced_class"]
    ]
    out[text("class_matches", language)] = [_yes_no(x, language) for x in comp["class_matches"]]
    return out


def comparison_note(
    res: VatesReproduction, replications: ReplicationResult | None = None, language: str = "fi"
) -> str:
    """The text explaining which test the comparison table applies."""
    if replications is not None and res.n < LARGE_N:
        return text("comparison_note_small_n", language).format(
            n=res.n, reps=replications.n_replications, alphas=text("alphas", language)
        )
    return text("comparison_note_large_n", language).format(n=res.n)


def methods_table(methods: pd.DataFrame, language: str = "fi") -> pd.DataFrame:
    """:func:`~.reproduce.compare_methods` with headers in ``language``."""
    _lang(language)
    out = pd.DataFrame(
        {
            text("extraction", language): methods["method"],
            text("rotation", language): methods["rotation"],
            text("max_abs_loading_diff", language): _nums(
                methods["max_abs_loading_diff"], 3, language
            ),
            text("rmse_loading", language): _nums(methods["rmse_loading"], 3, language),
            text("max_abs_variance_diff", language): _nums(
                methods["max_abs_variance_diff"], 2, language
            ),
            text("min_congruence", language): _nums(methods["min_congruence"], 3, language),
            text("items_on_published_factor", language): methods["items_on_published_factor"],
            text("within_tolerance_large_n", language): [
                _yes_no(x, language) for x in methods["within_tolerance"]
            ],
        }
    )
    return out.set_index([text("extraction", language), text("rotation", language)])


def correlation_table(res: VatesReproduction, language: str | None = None) -> pd.DataFrame:
    """Factor x destination ``r`` with stars and the verbal label (cells of < 5 persons
    suppressed by :func:`vaikuttavuus.disclosure.suppress_small_cells`)."""
    from vaikuttavuus.disclosure import suppress_small_cells

    language = res.language if language is None else language
    i = _lang(language)
    c = res.correlations.copy()
    c["dest"] = [OUTCOMES[o][i] for o in c["outcome"]]
    c["cell"] = [f"{_num(r, 3, language)}{s}" for r, s in zip(c["r"], c["stars"], strict=True)]
    order = [OUTCOMES[o][i] for o in OUTCOMES if o in set(c["outcome"])]
    table = c.pivot(index="x", columns="dest", values="cell")[order]
    counts = c.pivot(index="x", columns="dest", values="n")[order]
    table = suppress_small_cells(table, counts)
    labels = c.pivot(index="x", columns="dest", values="label")[order]
    table.columns = [str(x) for x in table.columns]
    labels.columns = [f"{x}: {text('interpretation', language).lower()}" for x in labels.columns]
    out = pd.concat([table, labels], axis=1)
    out.insert(0, text("min_pairwise_n", language), counts.min(axis=1).astype(int))
    out.index = pd.Index(
        [f"{x} {FACTORS[int(x[1:])][i]}" for x in out.index], name=text("factor", language)
    )
    return out


def star_legend(language: str = "fi") -> str:
    """The legend of the significance stars of the correlation tables."""
    return text("star_legend", language).format(table=text("wording", language))


def wording_table(res: VatesReproduction, language: str | None = None) -> pd.DataFrame:
    """Per published cell: the slide's own wording beside the package's label.

    The slides' wording is quoted in Finnish as printed; the package's label is the verbal
    label of :func:`vaikuttavuus.corr_test` (Cohen's strength words, p < .05) in ``language``.
    """
    from vaikuttavuus.studies.vates2020.published import published_correlations

    language = res.language if language is None else language
    i = _lang(language)
    pc = published_correlations().set_index(["factor", "outcome"])
    c = res.correlations.set_index(["factor", "outcome"])
    rows = []
    for (k, o), r in pc.iterrows():
        pub = (
            text("ns", language)
            if np.isnan(r["r"])
            else f"{_num(r['r'], 3, language)}, {_p_class(r['p_threshold'], language)}"
        )
        got = c.loc[(k, o)]
        rows.append(
            {
                text("factor", language): f"F{k}",
                text("destination", language): OUTCOMES[o][i],
                text("published", language): pub,
                text("slide_wording", language): r["text_fi"],
                text("reproduced", language): f"{_num(got['r'], 3, language)}{got['stars']}",
                text("package_label", language): got["label"],
            }
        )
    return pd.DataFrame(rows).set_index([text("factor", language), text("destination", language)])


def methods_note(n: int, language: str = "fi") -> str:
    """The caveat of the method comparison at sample size ``n``."""
    key = "methods_note_large_n" if n >= LARGE_N else "methods_note"
    method = f"{DEFAULT_METHOD} / {DEFAULT_ROTATION}"
    return text(key, language).format(n=f"{n:,}".replace(",", " "), method=method)


def hypothesis_table(res: VatesReproduction, language: str = "fi") -> pd.DataFrame:
    """Item-level tests of H1-H3: statement and destination in words, r, p, verdict."""
    _lang(language)
    h = res.hypothesis_table
    st = _statements(language)
    out = pd.DataFrame(
        {
            text("hypothesis", language): h["hypothesis"].to_numpy(),
            text("statement", language): [f"{x} {st[x]}" for x in h["x"]],
            text("destination", language): [_outcome(y, language) for y in h["y"]],
            "n": h["n"].to_numpy(),
            "r": _nums(h["r"], 3, language),
            "p": _nums(h["p_value"], 3, language),
            text("interpretation", language): h["label"].to_numpy(),
            text("as_published", language): [_yes_no(bool(x), language) for x in h["as_published"]],
        }
    )
    return out.set_index([text("hypothesis", language), text("statement", language)])


def hypothesis_shares(rep: ReplicationResult, language: str = "fi") -> pd.DataFrame:
    """Share of replications in which each hypothesis comes out as published (percent)."""
    _lang(language)
    hyp = _hypotheses()
    labels, verdicts = [], []
    for h in rep.hypotheses["hypothesis"]:
        if h == "all":
            labels.append(text("all_hypotheses", language))
            verdicts.append("")
        else:
            labels.append(f"{h}: {hyp.loc[h, f'text_{language}']}")
            verdicts.append(str(hyp.loc[h, f"verdict_{language}"]))
    return pd.DataFrame(
        {
            text("published_verdict", language): verdicts,
            text("share_pct", language): [
                f"{100 * s:.0f} %" for s in rep.hypotheses["share_as_published"]
            ],
        },
        index=pd.Index(labels, name=text("hypothesis", language)),
    )


def replication_table(rep: ReplicationResult, language: str = "fi") -> pd.DataFrame:
    """Per figure: mean and SD over the replications and the share as published (percent)."""
    _lang(language)
    f = rep.figures
    keep = f["kind"] != "n"
    f = f.loc[keep]
    comp_text = {r["figure"]: _published_text(r, language) for _, r in f.iterrows()}
    out = pd.DataFrame(
        {
            text("published", language): [comp_text[x] for x in f["figure"]],
            text("mean", language): _nums(f["mean"], 3, language),
            text("sd", language): _nums(f["sd"], 3, language),
            text("share_figure_pct", language): [
                text("not_available", language) if np.isnan(s) else f"{100 * s:.0f} %"
                for s in f["share_as_published"]
            ],
        },
        index=pd.Index(
            [figure_label(x, language) for x in f["figure"]], name=text("figure", language)
        ),
    )
    return out


def alpha_table(rep: ReplicationResult, language: str = "fi") -> pd.DataFrame:
    """Model alpha and the replications' mean and 95 % interval per factor."""
    i = _lang(language)
    a = rep.alphas
    return pd.DataFrame(
        {
            text("factor_name", language): [FACTORS[int(k)][i] for k in a["factor"]],
            text("model_alpha", language): _nums(a["model_alpha"], 3, language),
            text("mean", language): _nums(a["mean"], 3, language),
            text("rep_low", language): _nums(a["q025"], 3, language),
            text("rep_high", language): _nums(a["q975"], 3, language),
        },
        index=pd.Index([f"F{int(k)}" for k in a["factor"]], name=text("factor", language)),
    )


def assignment_table(rep: ReplicationResult, language: str = "fi") -> pd.DataFrame:
    """:func:`~.replicate.alpha_assignments` with headers in ``language``."""
    _lang(language)
    a = rep.assignments
    return pd.DataFrame(
        {
            text("missing_factor", language): a["missing_factor"].to_numpy(),
            text("consistent", language): [
                text("borderline", language) if x == "borderline" else _yes_no(x, language)
                for x in a["consistent"]
            ],
            text("max_abs_z", language): _nums(a["max_abs_z"], 2, language),
            text("slide_order", language): [_yes_no(x, language) for x in a["slide_order"]],
        },
        index=pd.Index(a["factors"].to_numpy(), name=text("assignment", language)),
    )


def assignment_note(rep: ReplicationResult, language: str = "fi") -> str:
    """The alpha-assignment explanation and its robust finding, computed from ``rep``."""
    a = rep.assignments
    robust = []
    for k in (1, 2, 3, 4):
        has_value = a["missing_factor"] != f"F{k}"
        if (a.loc[has_value, "consistent"] == "no").all():
            robust.append(str(k))
    finding = (
        text("alpha_robust_no", language).format(factors=", ".join(robust))
        if robust
        else text("alpha_robust_none", language)
    )
    return f"{text('alpha_note', language)} {finding}"


def _source(source: str, language: str) -> str:
    if language == "en":
        return source
    return (
        source.replace("whole Vates part", "koko Vates-osuus")
        .replace("lines", "rivit")
        .replace("line", "rivi")
    )


def ambiguity_table(language: str = "fi") -> pd.DataFrame:
    """The reading choices in ``language`` with their OCR lines."""
    _lang(language)
    a = ambiguities()
    col = "text_fi" if language == "fi" else "text"
    kinds = {"assumption": text("kind_assumption", language),
             "reading of the slides": text("kind_reading", language)}  # fmt: skip
    return pd.DataFrame(
        {
            text("kind", language): [kinds[k] for k in a["kind"]],
            text("resolution", language): a[col].to_numpy(),
            text("source", language): [_source(s, language) for s in a["source"]],
        },
        index=pd.Index(np.arange(1, len(a) + 1), name=text("ambiguity", language)),
    )


#: Decimals of each fit measure in the CFA table.
_FIT_DIGITS = {"chisq": 2, "df": 0, "pvalue": 3, "cfi": 3, "tli": 3, "rmsea": 3,
               "rmsea_ci_lower": 3, "rmsea_ci_upper": 3, "srmr": 3}  # fmt: skip


def cfa_fit_table(fits: dict[str, object], language: str = "fi") -> pd.DataFrame:
    """Fit of the four-factor CFA, one column per estimator (``{"ML": result, "WLSMV": ...}``).

    Rows: chi-square, df, p, CFI, TLI, RMSEA with its 90 % interval, SRMR; for WLSMV the
    scaled (mean-and-variance adjusted) measures, as lavaan reports them.

    Examples
    --------
    >>> from vaikuttavuus.studies.vates2020 import confirm_factors, simulate
    >>> ml = confirm_factors(simulate(168, seed=2020))
    >>> cfa_fit_table({"ML": ml}, "en").index.tolist()[:3]
    ['Chi-square', 'Degrees of freedom', 'p']
    """
    _lang(language)
    rows = {}
    for name, result in fits.items():
        fit = result.fit()
        keys = FIT_MEASURES[name]
        base = [k.removesuffix("_scaled") for k in keys]
        rows[msg(f"vates2020.cfa_{name.lower()}", language)] = [
            _num(fit[k], _FIT_DIGITS[b], language) for k, b in zip(keys, base, strict=True)
        ]
    index = [msg(f"vates2020.fit_{b}", language) for b in _FIT_DIGITS]
    return pd.DataFrame(rows, index=index)
