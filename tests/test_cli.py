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
