"""Report helpers of the financing module: tables in fi/sv/en, disclosure, charts."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from vaikuttavuus.financing import spell_cost
from vaikuttavuus.financing.report import (
    financing_shares_table,
    municipal_cost_by_group,
    outcome_value_table,
    plot_cumulative_cost,
    plot_financing_shares,
    plot_tier_shares,
    rehabilitative_work_starts_table,
    tier_table,
    transition_table,
)

LANGS = ("fi", "sv", "en")


@pytest.mark.parametrize("language", LANGS)
def test_tier_table(language):
    tab = tier_table(language=language)
    assert tab.shape == (7, 4)
    assert tab.iloc[:, 0].tolist() == [
        "1–100", "101–200", "201–300", "301–400", "401–700", "701–1000", "1001–",
    ]  # fmt: skip
    assert tab.iloc[:, 1].tolist() == [0, 10, 20, 30, 40, 50, 50]  # labour market subsidy 2025
    assert tab.iloc[:, 2].tolist() == [0, 10, 20, 30, 40, 40, 40]  # basic allowance 2025
    assert tab.iloc[:, 3].tolist() == [0, 0, 0, 50, 50, 50, 70]  # labour market subsidy < 2025


def test_tier_table_headers_translated():
    heads = {lang: list(tier_table(language=lang).columns) for lang in LANGS}
    assert heads["fi"][0] == "Etuuspäivien kertymä"
    assert heads["sv"][1].startswith("Arbetsmarknadsstöd")
    assert heads["en"][3] == "Labour market subsidy, until 31.12.2024"
    with pytest.raises(ValueError, match="language='de' is not allowed; choose one of 'fi'"):
        tier_table(language="de")
    with pytest.raises(ValueError, match="benefit_types has 'x'"):
        tier_table(benefit_types=["x"])


def test_outcome_value_table_by_hand():
    tab = outcome_value_table([250, 700], [100], language="en")
    # 2025, exit at 250: days 251-350 = 50 x 20 % + 50 x 30 % of 37.21
    assert tab.iloc[0, 0] == round((50 * 0.2 + 50 * 0.3) * 37.21)
    # 2025, exit at 700: day 701-800 at 50 %
    assert tab.iloc[1, 0] == round(100 * 0.5 * 37.21)
    # pre-2025: 251-300 free, 301-350 at 50 %; 701-800 at 50 %
    assert tab.iloc[2, 0] == round(50 * 0.5 * 37.21)
    assert tab.iloc[3, 0] == round(100 * 0.5 * 37.21)
    assert tab.index.names == ["Financing rule", "Employment at benefit day"]
    assert list(tab.columns) == ["+100 d"]


def test_financing_and_transition_tables():
    fin = financing_shares_table(language="fi")
    assert fin.iloc[:, 0].tolist() == ["Valtio", "Palkansaajat", "Työnantajat", "Kunnat"]
    assert fin.iloc[:, 1].tolist() == [54, 21, 14, 11]
    assert fin.iloc[:, 2].tolist() == [45, 21, 14, 21]
    assert fin.iloc[0, 3] == -350 and fin.iloc[3, 3] == 350
    assert fin.iloc[1:3, 3].isna().all()
    tr = transition_table(language="sv")
    assert tr.iloc[:, 0].tolist() == [2025, 2026, 2027]
    assert (tr.iloc[:, 1] + tr.iloc[:, 2] == 100).all()
    starts = rehabilitative_work_starts_table(language="en")
    assert len(starts) == 13 and starts.iloc[-1, 0] == "2023*"


def _persons(rng, sizes):
    rows = []
    for g, n in sizes.items():
        for _ in range(n):
            rows.append(
                {
                    "area": g,
                    "before": int(rng.integers(0, 800)),
                    "paid": int(rng.integers(1, 300)),
                    "type": str(rng.choice(["labour_market_subsidy", "earnings_related"])),
                    "eur": float(rng.uniform(30, 80)),
                }
            )
    return pd.DataFrame(rows)


def test_municipal_cost_by_group_totals_and_suppression():
    rng = np.random.default_rng(3)
    data = _persons(rng, {"A": 40, "B": 12, "C": 3})
    tab = municipal_cost_by_group(data, "area", "before", "paid", "type", "eur", language="en")
    assert tab["Group"].tolist() == ["A", "B", "C"]
    # C has 3 persons (primary); the smallest other group B is withheld with it (secondary)
    assert (tab.iloc[2, 1:] == "<5").all() and (tab.iloc[1, 1:] == "<5").all()
    a = data[data["area"] == "A"]
    expected = spell_cost(a["before"], a["paid"], a["type"], a["eur"]).sum()
    assert tab.iloc[0, 4] == pytest.approx(round(expected, 2), abs=1e-9)
    assert tab.iloc[0, 1] == 40
    assert tab.iloc[0, 2] == a["paid"].sum()
    assert tab.iloc[0, 5] == pytest.approx(round(expected / 40, 2), abs=1e-9)


def test_municipal_cost_by_group_no_small_groups():
    rng = np.random.default_rng(4)
    data = _persons(rng, {"x": 6, "y": 9})
    tab = municipal_cost_by_group(data, "area", "before", "paid", "type", "eur", rule="pre2025")
    assert not (tab == "<5").any().any()
    assert tab.columns[4] == "Kunnan osuus (€)"


def test_municipal_cost_by_group_errors():
    data = pd.DataFrame({"g": ["a", None], "b": [1, 2], "p": [1, 2], "t": ["basic_allowance"] * 2,
                         "e": [1.0, 2.0]})  # fmt: skip
    with pytest.raises(ValueError, match="missing group"):
        municipal_cost_by_group(data, "g", "b", "p", "t", "e")
    with pytest.raises(ValueError, match="not in data"):
        municipal_cost_by_group(data, "zz", "b", "p", "t", "e")


@pytest.mark.parametrize("language", LANGS)
def test_plots(language):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plot_tier_shares(language=language)
    lines = ax.get_lines()
    assert len(lines) == 2
    y = lines[0].get_ydata()
    assert y[99] == 0 and y[100] == 10 and y[700] == 50  # days 100, 101, 701
    ax = plot_cumulative_cost(max_day=1200, language=language)
    assert float(ax.get_lines()[0].get_ydata()[-1]) == pytest.approx(16000.30, abs=1e-6)
    assert float(ax.get_lines()[1].get_ydata()[-1]) == pytest.approx(18232.90, abs=1e-6)
    ax = plot_financing_shares(language=language)
    heights = [p.get_height() for p in ax.patches]
    assert heights == [54, 45, 21, 21, 14, 14, 11, 21]
    plt.close("all")


def test_import_does_not_load_matplotlib():
    code = (
        "import sys\n"
        "import vaikuttavuus.financing, vaikuttavuus.financing.report, vaikuttavuus.published\n"
        "assert 'matplotlib' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
