"""The ``vaikuttavuus`` command: reports render, bad input fails clearly, batches go on.

``render`` / ``render-all`` (the batch runner) are tested in test_render.py.
"""

from __future__ import annotations

import pytest

from vaikuttavuus import cli


def test_vates_renders_a_report(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = cli.main(["vates", "--language", "en", "--replications", "5", "--out", str(tmp_path)])
    assert code == 0
    html = tmp_path / "vates2020_reproduction_en.html"
    text = html.read_text(encoding="utf-8")
    assert "Vates 2020" in text and "data:image/png" in text  # figures are embedded
    assert "Rendered 1 of 1 reports" in capsys.readouterr().out


def test_survey_bad_input_fails_before_a_kernel_starts(tmp_path, capsys):
    data = tmp_path / "export.csv"
    data.write_text("v01;v02\n3;4\n", encoding="utf-8")
    code = cli.main(["survey", str(data), "--codebook", "vates2020", "--out", str(tmp_path / "o")])
    assert code == 1
    err = capsys.readouterr().err
    assert "lacks" in err and "'v03'" in err
    assert not (tmp_path / "o").exists()


def test_survey_missing_file(tmp_path, capsys):
    code = cli.main(["survey", str(tmp_path / "nope.csv"), "--codebook", "vates2020"])
    assert code == 1
    assert "nope.csv" in capsys.readouterr().err


def test_bad_arguments_are_rejected(capsys):
    with pytest.raises(SystemExit):
        cli.main(["survey", "x.csv", "--codebook", "c.yaml", "--n-factors", "many"])
    assert "--n-factors must be 'auto' or a positive integer" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["vates", "--language", "de"])
    with pytest.raises(SystemExit):
        cli.main(["render", "--workers", "-1"])
    assert "--workers must be an integer >= 0" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["render", "--language", "se"])


def test_render_rejects_a_period_without_data(tmp_path, capsys):
    code = cli.main(
        ["render", "--regions", "TA35", "--period", "2042", "--out", str(tmp_path / "r"),
         "--runs", str(tmp_path / "p")]
    )  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "--period '2042' has no rows" in err and "2024" in err
    assert not (tmp_path / "p").exists()  # nothing ran


def test_render_rejects_a_missing_data_dir(tmp_path, capsys):
    code = cli.main(
        ["render", "--regions", "TA35", "--data-dir", str(tmp_path / "nope"),
         "--out", str(tmp_path / "r"), "--runs", str(tmp_path / "p")]
    )  # fmt: skip
    assert code == 1
    assert "is not a directory" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_survey_options_for_missing_codes_out_of_range_and_min_valid(tmp_path, capsys):
    """The options the reading errors mention exist, and bad values are refused."""
    import yaml

    data = tmp_path / "export.csv"
    rows = ["q1;q2;q3"] + [f"{1 + i % 5};{1 + (i * 2) % 5};{9 if i % 7 == 0 else 1 + i % 4}"
                           for i in range(30)]  # fmt: skip
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cb = tmp_path / "cb.yaml"
    cb.write_text(yaml.safe_dump({"defaults": {"scale": [1, 5]}, "items": [
        {"column": "q1", "factor": "A"}, {"column": "q2", "factor": "A"},
        {"column": "q3", "factor": "A"}]}), encoding="utf-8")  # fmt: skip
    code = cli.main(["survey", str(data), "--codebook", str(cb), "--out", str(tmp_path / "o")])
    assert code == 1
    err = capsys.readouterr().err
    assert "--missing-codes 9" in err and "--out-of-range missing" in err
    parser = cli.build_parser()
    args = parser.parse_args(["survey", "x.csv", "--codebook", "c.yaml", "--missing-codes",
                              "9,99", "--out-of-range", "missing", "--min-valid", "0.5"])  # fmt: skip
    assert args.missing_codes == (9.0, 99.0)
    assert args.out_of_range == "missing" and args.min_valid == 0.5
    assert parser.parse_args(["survey", "x", "--codebook", "c", "--min-valid", "2"]).min_valid == 2
    for bad in (["--missing-codes", "nine"], ["--min-valid", "0"], ["--out-of-range", "drop"]):
        with pytest.raises(SystemExit):
            parser.parse_args(["survey", "x.csv", "--codebook", "c.yaml", *bad])
    # a missing code inside the scale is refused before anything runs
    code = cli.main(["survey", str(data), "--codebook", str(cb), "--missing-codes", "3",
                     "--out", str(tmp_path / "o")])  # fmt: skip
    assert code == 1 and "inside the scale" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_survey_renders_with_missing_codes_and_min_valid(tmp_path):
    import numpy as np
    import yaml

    rng = np.random.default_rng(1)
    a, b = rng.normal(size=80), rng.normal(size=80)
    cols = {}
    for k, f in enumerate([a, a, a, b, b, b]):
        x = np.clip(np.round(3 + f + rng.normal(scale=0.7, size=80)), 1, 5).astype(int)
        x[rng.random(80) < 0.05] = 9  # "don't know" stored as 9, as in SPSS exports
        cols[f"q{k + 1}"] = x
    lines = [";".join(cols)] + [";".join(str(cols[c][i]) for c in cols) for i in range(80)]
    (tmp_path / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = [{"column": f"q{k}", "factor": "A" if k <= 3 else "B"} for k in range(1, 7)]
    cb = tmp_path / "cb.yaml"
    cb.write_text(yaml.safe_dump({"defaults": {"scale": [1, 5]}, "items": items}))
    code = cli.main(["survey", str(tmp_path / "export.csv"), "--codebook", str(cb),
                     "--missing-codes", "9", "--min-valid", "2", "--language", "en",
                     "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    html = (tmp_path / "out" / "survey_export_en.html").read_text(encoding="utf-8")
    assert "when at least 2 items are answered" in html
