"""Benchmark: the full compensation evaluation on 10k, 100k and 1M episodes.

Run:  .venv/bin/python bench/bench_compensation.py      (or via bench/run.py compensation)

Data: ``simulate_episodes`` sized to about 10k, 100k and 1M episodes (six providers, one
year). Ours, timed together: validation, ``payments`` by quarter under the illustrative
card, ``outcome_rates`` (Wilson and Clopper-Pearson), ``risk_adjusted_rates`` (case-mix
logistic model, indirect standardisation, provider-effects model, funnel data with the
additive over-dispersion), ``shrunk_rates`` and ``compare_contracts`` (logistic marginal
standardisation with delta method + IPW). Peer: the straightforward pandas/statsmodels way
of the same figures: payments per episode with ``groupby`` on day counts per quarter,
rates by ``groupby`` + ``proportion_confint``, the logistic models through the formula API
(``smf.logit`` with ``C()`` terms, patsy design) and counterfactual ``predict`` calls; no
over-dispersion, EB or input validation (so the peer does less). Times: best of 2 calls
(1 at 1M); peak memory from tracemalloc in a separate call. Growth: time(1M)/time(100k),
about 10 when the cost is linear.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

from _common import measure  # noqa: E402

from vaikuttavuus.compensation import (  # noqa: E402
    compare_contracts,
    load_rate_card,
    outcome_rates,
    payments,
    risk_adjusted_rates,
    shrunk_rates,
    simulate_episodes,
    validate_episodes,
)

SIZES = (10_000, 100_000, 1_000_000)
EPISODES_PER_MONTHLY_CLIENT = 2.65  # simulate_episodes: about 5,800 episodes per 2,200
FORMULA = (
    "y ~ age + C(sex, Treatment('female')) + np.log1p(months_unemployed)"
    " + C(mother_tongue, Treatment('fi')) + prior_services + C(service_type, Treatment('1A'))"
)


def ours(ep: pd.DataFrame, card) -> dict:
    v = validate_episodes(ep)
    pay = payments(v, card, period="quarter")
    rates = outcome_rates(v)
    adj = risk_adjusted_rates(v)
    eb = shrunk_rates(v)
    con = compare_contracts(v)
    return {"total": pay.total, "rate": rates.overall_rate, "adj": adj, "eb": eb, "con": con}


def peer(ep: pd.DataFrame, card) -> dict:
    import statsmodels.formula.api as smf
    from statsmodels.stats.proportion import proportion_confint

    t = card.table.set_index("service_type")
    d = ep.copy()
    as_of = max(d["end"].max(), d["start"].max())
    end = d["end"].fillna(as_of)
    rows = []
    for q in pd.period_range("2019-01-01", "2019-12-31", freq="Q"):
        lo = d["start"].clip(lower=q.start_time.normalize())
        hi = end.clip(upper=q.end_time.normalize())
        days = ((hi - lo).dt.days + 1).clip(lower=0)
        price = np.where(
            d["contract_type"] == "outcome_based",
            d["service_type"].map(t["daily_outcome_based"]),
            d["service_type"].map(t["daily_fixed"]),
        )
        billed = days * d["service_type"].map(t["days_per_week"]) / 7
        rows.append(pd.DataFrame({"provider": d["provider"], "q": str(q), "daily": billed * price}))
    daily = pd.concat(rows).groupby(["provider", "q"])["daily"].sum()
    pay = _vector_pay(d, t)
    outcome = pay.groupby([d["provider"], d["end"].dt.to_period("Q").astype(str)]).sum()
    e = d[d["end_status"] != "active"].copy()
    e["y"] = e["end_status"].isin(["work", "education", "work_trial"]).astype(float)
    g = e.groupby("provider")["y"].agg(["sum", "size"])
    proportion_confint(g["sum"], g["size"], method="wilson")
    proportion_confint(g["sum"], g["size"], method="beta")
    fit = smf.logit(FORMULA, e).fit(disp=0)
    e["p"] = fit.predict(e)
    oe = e.groupby("provider").agg(o=("y", "sum"), ex=("p", "sum"))
    smf.logit(FORMULA + " + C(provider)", e).fit(disp=0)
    e["t"] = (e["contract_type"] == "outcome_based").astype(float)
    fc = smf.logit(FORMULA.replace("y ~ ", "y ~ t + "), e).fit(disp=0)
    rd = (fc.predict(e.assign(t=1.0)) - fc.predict(e.assign(t=0.0))).mean()
    ps = smf.logit(FORMULA.replace("y ~ ", "t ~ "), e).fit(disp=0).predict(e)
    w = np.where(e["t"] == 1, 1 / ps, 1 / (1 - ps))
    return {"daily": daily, "outcome": outcome, "oe": oe, "rd": rd, "w": w}


def _vector_pay(d: pd.DataFrame, t: pd.DataFrame) -> pd.Series:
    pay = pd.Series(0.0, index=d.index)
    for status in ("work", "education", "work_trial"):
        sel = (d["contract_type"] == "outcome_based") & (d["end_status"] == status)
        pay[sel] = d.loc[sel, "service_type"].map(t[f"pay_{status}"])
    return pay


def main(sizes: tuple[int, ...] = SIZES, with_peer: bool = True) -> list[dict]:
    warnings.simplefilter("ignore")
    card = load_rate_card("tampere_illustrative")
    rows, times = [], {}
    for n in sizes:
        ep = simulate_episodes(monthly_clients=round(n / EPISODES_PER_MONTHLY_CLIENT), seed=1)
        repeats = 1 if len(ep) > 200_000 else 2
        ours_s, ours_mb, _ = measure(lambda ep=ep: ours(ep, card), repeats)
        times[n] = ours_s
        peer_s = peer_mb = None
        if with_peer:
            peer_s, peer_mb, _ = measure(lambda ep=ep: peer(ep, card), repeats)
        target = "about linear growth"
        if n == sizes[-1] and len(sizes) > 1:
            growth = ours_s / times[sizes[-2]]
            target = f"time({sizes[-1]:,})/time({sizes[-2]:,}) = {growth:.1f} (linear: 10)"
        rows.append(
            {
                "benchmark": f"compensation evaluation, {len(ep):,} episodes",
                "ours_s": round(ours_s, 3),
                "peer": "pandas groupby + statsmodels formula API" if with_peer else "",
                "peer_s": round(peer_s, 3) if peer_s is not None else None,
                "ratio": round(peer_s / ours_s, 2) if peer_s is not None else None,
                "ours_peak_mb": round(ours_mb, 1),
                "peer_peak_mb": round(peer_mb, 1) if peer_mb is not None else None,
                "target": target,
            }
        )
        print(rows[-1], flush=True)
    return rows


if __name__ == "__main__":
    print(pd.DataFrame(main()).to_string(index=False))
