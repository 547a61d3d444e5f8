"""The Vates 2020 instrument and published figures as data."""

from __future__ import annotations

import numpy as np
import pytest

from vaikuttavuus.studies import vates2020 as v


def test_instrument_rows():
    inst = v.instrument()
    likert = v.instrument("likert")
    assert len(inst) == 36 and len(likert) == 31
    assert likert["item"].tolist() == [f"v{i:02d}" for i in range(1, 32)]
    assert int(likert["published"].sum()) == 26
    placeholders = likert.loc[likert["placeholder"]]
    assert placeholders["item"].tolist() == ["v27", "v28", "v29", "v30", "v31"]
    assert placeholders["text_fi"].str.startswith("[PLACEHOLDER]").all()
    assert placeholders["factor"].isna().all()
    assert inst["source"].str.contains("002_349f75f0734fef79").all()
    assert v.instrument("share")["item"].tolist() == list(v.OUTCOMES)


def test_instrument_choice_error():
    with pytest.raises(ValueError, match="kind"):
        v.instrument("matrix")


def test_scales_and_loadings():
    assert {k: len(x) for k, x in v.scale_items().items()} == {1: 12, 2: 5, 3: 6, 4: 3}
    pl = v.published_loadings()
    # Loadings are listed in descending order within each factor on the slide.
    for _, g in pl.groupby("factor"):
        assert np.all(np.diff(g["loading"].to_numpy()) <= 0)
    assert pl.loc[pl["item"] == "v26", "text_fi"].str.contains("avoimesti yhdessä").all()
    assert v.factors()["n_items"].tolist() == [12, 5, 6, 3]
    assert v.outcomes()["name_fi"].tolist()[:2] == ["Avoimet työmarkkinat", "Koulutus"]


def test_published_figures():
    assert v.published_variance()["percent"].sum() == pytest.approx(38.3)
    assert v.published_alphas()["alpha"].tolist() == [0.799, 0.714, 0.717]
    pc = v.published_correlations()
    assert len(pc) == 16
    assert pc.groupby("factor")["n"].unique().map(list).tolist() == [[155], [161], [159], [162]]
    assert (pc["r"].isna() == (pc["p_threshold"] == "n.s.")).all()
    assert pc.loc[(pc["factor"] == 3) & (pc["outcome"] == "p_open"), "r"].item() == 0.504
    hyp = v.hypotheses()
    assert hyp["id"].tolist() == ["H1", "H2", "H3"]
    assert set(v.ambiguities()["id"]) >= {"alpha_three_values", "education_header_lost"}


def test_variance_reading_is_31_items():
    # The reading in ambiguities(): 38.3 % of 26 items is less than the published primary
    # loadings' own sum of squares, so the percentages must refer to the 31 statements.
    ss = (v.published_loadings()["loading"] ** 2).sum()
    assert 0.383 * 26 < ss < 0.383 * 31


def test_text_languages():
    assert v.text("title", "fi") != v.text("title", "en")
    with pytest.raises(ValueError, match="language"):
        v.text("title", "sv")
