"""The presentation layer: formatting, catalogue, disclosure per table, escaping, dedup."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.present import (
    LANGUAGES,
    Column,
    Figure,
    Note,
    Report,
    Section,
    Source,
    Table,
    catalogue,
    format_date,
    format_number,
    format_value,
    html_text,
    markdown_text,
    msg,
    numbers_with_point,
    plot_text,
    set_axis_format,
)

NB = "\u00a0"


# ------------------------------------------------------------------------------ formatting
@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (1462447, "fi", 0, f"1{NB}462{NB}447"),
        (1462447, "sv", 0, f"1{NB}462{NB}447"),
        (1462447, "en", 0, "1,462,447"),
        (2024, "fi", 0, "2024"),
        (9999.5, "sv", 1, "9999,5"),
        (0.24, "fi", 3, "0,240"),  # fixed decimals: no ragged columns
        (0.5, "sv", 3, "0,500"),
        (0.377, "en", 3, "0.377"),
        (-0.0004, "fi", 3, "0,000"),  # no -0 after rounding
        (-0.4, "en", 0, "0"),
        (-12345.5, "fi", 1, f"-12{NB}345,5"),
        (2.675, "en", 2, "2.67" if round(2.675, 2) == 2.67 else "2.68"),
        (float("nan"), "fi", 2, ""),
        (float("inf"), "fi", 2, "∞"),
    ],
)
def test_format_number(value, language, decimals, expected):
    assert format_number(value, language, decimals) == expected


@pytest.mark.parametrize(
    ("value", "kind", "language", "decimals", "expected"),
    [
        (0.111, "share", "fi", 1, f"11,1{NB}%"),
        (0.111, "share", "sv", 1, f"11,1{NB}%"),
        (0.998, "share", "en", 1, "99.8%"),
        (11.1, "percent", "fi", 1, f"11,1{NB}%"),
        (-0.0001, "share", "fi", 1, f"0,0{NB}%"),
        (0.0004, "p_value", "fi", 3, "<0,001"),
        (0.0004, "p_value", "en", 3, "<0.001"),
        (0.04567, "p_value", "sv", 3, "0,046"),
        (12.0, "count", "fi", 0, "12"),
        ("2023-10-15", "date", "fi", 0, "15.10.2023"),
        ("2023-10-15", "date", "sv", 0, "15.10.2023"),
        (pd.Timestamp("2023-10-05"), "date", "en", 0, "5 Oct 2023"),
        ("<5", "count", "fi", 0, "<5"),
        (None, "number", "fi", 2, ""),
        (np.nan, "share", "fi", 1, ""),
        ("Provider A", "text", "sv", 0, "Provider A"),
    ],
)
def test_format_value(value, kind, language, decimals, expected):
    assert format_value(value, kind, language, decimals) == expected


def test_format_rejects_unknown_kind_and_language():
    with pytest.raises(ValueError, match="kind='ratio' is not allowed"):
        format_value(1.0, "ratio", "fi")
    with pytest.raises(ValueError, match="language='de'"):
        format_number(1.0, "de")
    assert format_date(pd.NaT, "fi") == ""


def test_axis_formatter_is_local_to_the_axes():
    import matplotlib
    from matplotlib.figure import Figure as MplFigure

    before = dict(matplotlib.rcParams)
    interactive = matplotlib.is_interactive()
    fig = MplFigure()
    ax, other = fig.subplots(1, 2)
    ax.plot([0, 1], [0.0, 0.5])
    assert set_axis_format(ax, "fi", kind="number", decimals=1) is ax
    labels = [ax.yaxis.get_major_formatter()(v, 0) for v in (0.25, 1234.5, -0.01)]
    assert labels == ["0,25", "1234,5", "-0,01"]  # ticks keep the decimals they need
    assert ax.yaxis.get_major_formatter()(-1e-12, 0) == "0,0"  # no -0 (float noise of a 0 tick)
    set_axis_format(ax, "sv", axis="x", kind="share")
    assert ax.xaxis.get_major_formatter()(0.25, 0) == f"25{NB}%"
    assert ax.xaxis.get_major_formatter()(0.025, 0) == f"2,5{NB}%"  # a tick is never misstated
    set_axis_format(ax, "fi", axis="y", kind="percent")
    assert [ax.yaxis.get_major_formatter()(v, 0) for v in (2.5, 10.0)] == [f"2,5{NB}%", f"10{NB}%"]
    assert other.yaxis.get_major_formatter().__class__.__name__ != "FuncFormatter"
    assert dict(matplotlib.rcParams) == before and matplotlib.is_interactive() == interactive
    with pytest.raises(ValueError, match="axis='z'"):
        set_axis_format(ax, "fi", axis="z")


# ------------------------------------------------------------------------------- catalogue
def test_every_key_has_all_three_languages():
    for key, entry in catalogue().items():
        assert set(entry) == set(LANGUAGES), key
        for lang in LANGUAGES:
            assert isinstance(entry[lang], str) and entry[lang].strip(), (key, lang)
        fields = [{m for m in re.findall(r"\{(\w*)\}", entry[lang])} for lang in LANGUAGES]
        assert fields[0] == fields[1] == fields[2], (key, fields)


_IDENTIFIER = re.compile(
    r"\b[a-z]+_[a-z0-9_]+\b|\[[A-Z_]+\]|\.(csv|yaml|json|ipynb|py)\b|tampere_illustrative|deduced"
)


def test_no_internal_identifier_reaches_a_reader():
    for key, entry in catalogue().items():
        for lang, text in entry.items():
            visible = re.sub(r"\{\w*\}", "", text)
            assert not _IDENTIFIER.search(visible), (key, lang, text)


def test_swedish_has_no_finnish_or_english_glossary_terms():
    terms = {k: v for k, v in catalogue().items() if k.startswith("glossary.")}
    assert msg("glossary.te24", "sv") == "AN24"
    for key, entry in catalogue().items():
        sv = entry["sv"]
        for term, forms in terms.items():
            for lang in ("fi", "en"):
                other = forms[lang]
                if other.lower() in forms["sv"].lower():
                    continue  # the same word in Swedish (e.g. IPS)
                pattern = r"(?<!\w)" + re.escape(other.lower()) + r"(?!\w)"
                assert not re.search(pattern, sv.lower()), (key, term, other, sv)


def test_msg_names_close_keys():
    with pytest.raises(KeyError, match="common.source"):
        msg("common.sorce", "fi")
    assert msg("common.example_data", "en", what="x").startswith("Example data: x")


# ------------------------------------------------------------------------------ disclosure
def test_persons_columns_are_withheld_with_derived_rates():
    data = pd.DataFrame(
        {"episodes": [40, 3, 9, 0], "rate": [4.0, 0.3, 0.9, 0.0]}, index=list("ABCD")
    )
    t = Table(data, persons=("episodes",), follows={"rate": "episodes"})
    shown = t.shown()
    assert shown.loc["B", "episodes"] == "<5" and shown.loc["B", "rate"] == "<5"
    assert shown.loc["D", "episodes"] == 0 and shown.loc["C", "rate"] == 0.9
    assert data.loc["B", "episodes"] == 3  # the data are not changed


def test_split_down_columns_withholds_a_complement():
    # a total of 52 is shown elsewhere: 52 - 40 - 9 would give the 3 back
    data = pd.DataFrame({"n": [40, 9, 3]}, index=["A", "B", "C"])
    shown = Table(data, persons=("n",), split="column").shown()
    assert list(shown["n"]) == [40, "<5", "<5"]


def test_split_by_row_uses_counts_behind_percentages():
    counts = pd.DataFrame({"agree": [40, 50], "neutral": [9, 30], "disagree": [3, 20]})
    pct = counts.div(counts.sum(axis=1), axis=0)
    t = Table(pct, cell_persons=counts, split="row", decimals=1)
    shown = t.shown()
    assert list(shown.iloc[0]) == [pct.iloc[0, 0], "<5", "<5"]
    assert "<5" not in list(shown.iloc[1])


def test_row_persons_withholds_the_whole_row():
    data = pd.DataFrame({"n": [12, 4], "alpha": [0.81, 0.66]}, index=["S1", "S2"])
    shown = Table(data, row_persons="n", columns={"alpha": Column("α", "number", 2)})
    frame = shown.text_frame("fi")
    assert list(frame.loc["S2"]) == ["<5", "<5"] and list(frame.loc["S1"]) == ["12", "0,81"]


def test_table_names_undeclared_columns():
    with pytest.raises(ValueError, match=r"declares column\(s\) \['m'\]"):
        Table(pd.DataFrame({"n": [1]}), persons=("m",))


# -------------------------------------------------------------------------------- escaping
HOSTILE = '<img src=x onerror="alert(1)"> $x^2$ # *b*'


def test_every_user_string_is_escaped_in_html():
    data = pd.DataFrame({HOSTILE: [1.5]}, index=[HOSTILE])
    t = Table(data, title=HOSTILE, index_label=HOSTILE)
    sec = Section(HOSTILE, (t, Note(HOSTILE), Figure(b"png", alt=HOSTILE)), intro=HOSTILE)
    rep = Report(HOSTILE, "en", (sec,), subtitle=HOSTILE)
    page = rep.html()
    assert "<img src=x" not in page and 'onerror="' not in page
    assert page.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") >= 7


def test_markdown_and_plot_escaping():
    md = markdown_text("# Title <script>alert(1)</script> $5")
    assert "<script>" not in md and md.startswith("\\#") and "\\$5" in md
    assert plot_text("$x$ costs $5") == r"\$x\$ costs \$5"
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure()
    fig.subplots().set_title(plot_text("Cost $5 and $10 ^_^"))
    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    assert html_text("a&b") == "a&amp;b"


# ------------------------------------------------------------- notes, sources, example data
def test_notes_and_sources_are_collected_once():
    src = Source("statistics_finland", "12r5", "2026M06")
    t1 = Table(pd.DataFrame({"x": [1.0]}), title="T1", source=src, note="Same note.")
    t2 = Table(pd.DataFrame({"x": [2.0]}), title="T2", source=src, note="Same note.")
    kela = Source("kela", "", "2025")
    sections = (
        Section("A", (t1, Note("Other.")), language="sv", key="a"),
        Section("B", (t2, Figure(b"", source=kela), Note("Other.")), language="sv", key="b"),
    )
    rep = Report("R", "sv", sections, example_data="all")
    page = rep.html()
    assert page.count("Same note.") == 1 and page.count("Other.") == 1
    assert rep.sources() == [src, kela]
    assert page.count("<li>Statistikcentralen, tabell 12r5, 2026M06</li>") == 1
    assert "<li>FPA, 2025</li>" in page
    assert page.count(msg("common.example_data", "sv", what=msg("common.example_all", "sv"))) == 1
    # a section displayed on its own (a notebook cell) skips what earlier sections said
    assert "Same note." not in rep.section("b").html()
    assert "Same note." in rep.section("a").html()
    assert rep.notes() == ["Same note.", "Other."]


def test_example_sections_say_so_in_their_heading():
    sec = Section("IPS", (), language="fi", example=True)
    assert sec.heading() == "IPS (esimerkkiaineisto)"
    rep = Report("R", "fi", (sec,), example_data="some")
    assert "esimerkkiaineistoksi merkityt osiot" in rep.html()


def test_numbers_with_point_finds_decimal_points():
    t = Table(pd.DataFrame({"a": [0.24, 0.377, 0.5]}), decimals=3)
    page_fi = Report("R", "fi", (Section("S", (t,), language="fi"),)).html()
    page_en = Report("R", "en", (Section("S", (t,), language="en"),)).html()
    assert numbers_with_point(page_fi) == []
    assert numbers_with_point(page_en) == ["0.240", "0.377", "0.500"]


def test_linked_sums_get_complements_until_nothing_can_be_recovered():
    # answers = valid + dont_know; valid = numeric + recoded; rows = answers + empty (shown)
    data = pd.DataFrame(
        {"answers": [161, 168], "numeric": [0, 100], "recoded": [158, 65],
         "dont_know": [3, 3], "valid": [158, 165], "empty": [7, 0]}
    )  # fmt: skip
    sums = {"answers": ("valid", "dont_know"), "valid": ("numeric", "recoded"),
            None: ("answers", "empty")}  # fmt: skip
    shown = Table(data, persons=tuple(data.columns), sums=sums).shown()
    for i in range(2):
        row = shown.iloc[i]
        assert row["dont_know"] == "<5"
        # no relation gives the withheld count back
        known = {c: row[c] for c in data.columns if row[c] != "<5"}
        assert not ("answers" in known and "valid" in known)
        assert (
            not ("valid" in known and {"numeric", "recoded"} <= set(known)) or "valid" not in known
        )
    assert shown.loc[0, "recoded"] == "<5"  # valid = numeric + recoded would give valid back


def test_undeclared_columns_get_one_number_of_decimals_each():
    t = Table(pd.DataFrame({"whole": [10.0, 20.0], "frac": [0.5, 0.25], "n": [3, 12]}), decimals=2)
    frame = t.text_frame("fi")
    assert list(frame["whole"]) == ["10", "20"] and list(frame["frac"]) == ["0,50", "0,25"]
    assert list(frame["n"]) == ["3", "12"]  # counts are not persons unless declared


def test_present_imports_no_domain_and_the_core_no_present():
    """present/ sits below the domains (it may use disclosure and validation only), and the
    statistics core never imports present/ (analysis returns numbers, language enters here)."""
    import ast
    from pathlib import Path

    import vaikuttavuus

    root = Path(vaikuttavuus.__file__).parent

    def imports(path: Path) -> set[str]:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                found.add("." * node.level + (node.module or ""))
        return found

    allowed = {"..disclosure", ".._validation", "."}
    for path in (root / "present").glob("*.py"):
        outside = {m for m in imports(path) if m.startswith("..")}
        assert outside <= allowed, (path.name, outside - allowed)
    for name in ("factor.py", "parallel.py", "reliability.py", "omega.py", "disclosure.py",
                 "_results.py", "scales.py", "correlation.py"):  # fmt: skip
        assert not any("present" in m for m in imports(root / name)), name
