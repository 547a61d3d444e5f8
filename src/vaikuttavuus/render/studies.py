"""Single study reports rendered from the package's notebooks (moved here from the domains).

:func:`render_survey_report` (what ``vaikuttavuus survey`` runs) and
:func:`render_ips_report` read and validate their input first, so that bad input fails
before a kernel starts, then render through :func:`vaikuttavuus.render.render_notebook`.
Domain packages (``survey``, ``ips``) build report content; only ``render`` executes
notebooks.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._validation import check_choice
from ._shipped import notebook_path
from .results import RenderJob, resolve_path
from .single import render_notebook

__all__ = ["ips_job", "render_ips_report", "render_survey_report", "survey_job"]

LANGUAGES = ("fi", "sv", "en")


def survey_job(
    data_path: str | Path,
    codebook_path: str | Path,
    *,
    language: str = "fi",
    n_factors: int | str = "auto",
    name: str | None = None,
    missing_codes: Sequence[float] = (),
    out_of_range: str = "error",
    min_valid: float | int | None = None,
) -> RenderJob:
    """The survey report job of one export, after reading it once (bad input fails here).

    Parameters
    ----------
    data_path : str or Path
        The survey export (CSV, Excel .xlsx or SPSS .sav), as for
        :func:`vaikuttavuus.read_survey`; resolved against the current directory.
    codebook_path : str or Path
        A codebook file (YAML/CSV) or the name of a shipped codebook (e.g. ``"vates2020"``).
    language : {"fi", "sv", "en"}, default "fi"
    n_factors : int or "auto", default "auto"
    name : str, optional
        File stem of the outputs; default ``survey_<data file stem>_<language>``.
    missing_codes : sequence of numbers, optional
        Codes every item treats as missing in addition to the codebook's (e.g. ``[9]``).
    out_of_range : {"error", "missing"}, default "error"
        Passed to :func:`vaikuttavuus.read_survey`.
    min_valid : int or float, optional
        Passed to :func:`vaikuttavuus.survey_report` (default: the codebook's rule, else 1).

    Returns
    -------
    RenderJob
        With the export and the codebook as inputs (hashed into the manifest).

    References
    ----------
    papermill: parameterize and execute Jupyter notebooks. https://papermill.readthedocs.io

    Examples
    --------
    >>> from vaikuttavuus.render import survey_job
    >>> survey_job("export.csv", "vates2020", language="de")
    Traceback (most recent call last):
    ...
    ValueError: language='de' is not allowed; choose one of 'fi', 'sv', 'en'.
    """
    from ..survey import load_codebook, read_survey
    from ..survey._analysis import scores

    check_choice("language", language, LANGUAGES)
    data = resolve_path(data_path)
    codebook = Path(codebook_path).expanduser()
    if not codebook.exists():
        from ..survey.codebook import shipped_codebook

        codebook = shipped_codebook(str(codebook_path))
    codebook = codebook.resolve()
    # fail fast, before starting a kernel
    book = load_codebook(codebook).with_missing_codes(list(missing_codes))
    survey = read_survey(data, book, out_of_range=out_of_range)
    if min_valid is not None:
        scores(survey, min_valid)  # a bad rule fails here too
    return RenderJob(
        name or f"survey_{data.stem}_{language}",
        notebook_path("survey_report.ipynb"),
        parameters={
            "data_path": str(data),
            "codebook_path": str(codebook),
            "language": language,
            "n_factors": str(n_factors),
            "missing_codes": [float(c) for c in missing_codes],
            "out_of_range": out_of_range,
            "min_valid": min_valid,
        },
        inputs=(data, codebook),
        title=f"Survey report: {data.stem} ({language})",
        language=language,
        group="studies",
    )


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
    """Render the survey report of one export to HTML; return the HTML path.

    The data are read once here first so that bad input fails fast with a clear error.

    Parameters
    ----------
    data_path, codebook_path, language, n_factors, name, missing_codes, out_of_range, min_valid
        As for :func:`survey_job`.
    out_dir : str or Path
        Directory of the HTML report and the executed notebook (created if needed).

    Returns
    -------
    pathlib.Path
        The HTML file (``out_dir / f"{name}.html"``); the executed notebook is written
        beside it with the suffix ``.ipynb``.

    Raises
    ------
    ValueError
        Before any kernel starts, for an unknown ``language`` or anything that
        :func:`vaikuttavuus.read_survey` rejects.

    References
    ----------
    Statistics Finland. Remote access to research data, ch. 3: Statistical data protection
    of research data.
    https://guides.stat.fi/remote-access-to-research-data/statistical-data-protection

    Examples
    --------
    Bad input fails fast, before a kernel starts or anything is written:

    >>> import pathlib, tempfile
    >>> from vaikuttavuus.render import render_survey_report
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
    """
    job = survey_job(data_path, codebook_path, language=language, n_factors=n_factors,
                     name=name, missing_codes=missing_codes, out_of_range=out_of_range,
                     min_valid=min_valid)  # fmt: skip
    return _render(job, out_dir)


def _render(job: RenderJob, out_dir: str | Path) -> Path:
    out = resolve_path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    res = render_notebook(job.notebook, out / f"{job.name}.html", job.parameters,
                          executed=out / f"{job.name}.ipynb", name=job.name,
                          language=job.language)  # fmt: skip
    return res.html or out / f"{job.name}.html"


def _check_ips_files(paths: list[str], region: str, as_of: str) -> None:
    from ..ips import IPSDataWarning, ips_data, ips_inputs

    records, jobs, _, _ = ips_inputs(*paths)
    if region:
        if "county" not in records.columns:
            raise ValueError("region needs a 'county' column in the records.")
        if not (records["county"].astype(str).str.zfill(2) == str(region).zfill(2)).any():
            raise ValueError(f"region={region!r} has no clients in {paths[0]}.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IPSDataWarning)
        ips_data(records, jobs, as_of=as_of or None)


def ips_job(
    *,
    region: str = "",
    period: str = "",
    language: str = "fi",
    records_path: str | Path = "",
    jobs_path: str | Path = "",
    fidelity_path: str | Path = "",
    as_of: str = "",
    name: str | None = None,
) -> RenderJob:
    """The IPS report job of one region; the input files are read and checked first.

    Parameters
    ----------
    region, period, language, records_path, jobs_path, fidelity_path, as_of, name
        As for :func:`render_ips_report`; paths are resolved against the current directory.

    Returns
    -------
    RenderJob
        With the input files as inputs (hashed into the manifest).

    References
    ----------
    Bond, G. R., Peterson, A. E., Becker, D. R. & Drake, R. E. (2012). Validation of the
    revised Individual Placement and Support Fidelity Scale (IPS-25). Psychiatric Services
    63(8), 758-763.

    Examples
    --------
    >>> from vaikuttavuus.render import ips_job
    >>> ips_job(language="de")
    Traceback (most recent call last):
    ...
    ValueError: language='de' is not allowed; choose one of 'fi', 'sv', 'en'.
    """
    check_choice("language", language, LANGUAGES)
    paths = [str(resolve_path(p)) if str(p) else "" for p in (records_path, jobs_path,
                                                             fidelity_path)]  # fmt: skip
    if any(paths):  # fail fast on files, before a kernel starts
        _check_ips_files(paths, str(region), str(as_of))
    params: dict[str, Any] = {"region": str(region), "period": str(period), "language": language,
                              "records_path": paths[0], "jobs_path": paths[1],
                              "fidelity_path": paths[2], "as_of": str(as_of)}  # fmt: skip
    return RenderJob(
        name or f"ips_{region or 'all'}_{language}",
        notebook_path("ips_outcomes.ipynb"),
        parameters=params,
        inputs=tuple(Path(p) for p in paths if p),
        title=f"IPS outcomes ({language})",
        language=language,
        group="studies",
    )


def render_ips_report(
    out_dir: str | Path,
    *,
    region: str = "",
    period: str = "",
    language: str = "fi",
    records_path: str | Path = "",
    jobs_path: str | Path = "",
    fidelity_path: str | Path = "",
    as_of: str = "",
    name: str | None = None,
) -> Path:
    """Render the IPS report (``ips_outcomes.ipynb``) for one region; return the HTML path.

    The inputs are read and validated here first, so that bad input fails before a kernel
    starts.

    Parameters
    ----------
    out_dir : str or Path
        Directory of the HTML report and the executed notebook (created if needed).
    region : str, default ""
        Wellbeing services county code (e.g. ``"13"``); empty for all regions.
    period : str, default ""
        Quarters, e.g. ``"2024Q1:2025Q4"``; empty for all data.
    language : {"fi", "sv", "en"}, default "fi"
        Language of the report.
    records_path, jobs_path, fidelity_path : str or Path, default ""
        Input files (see :func:`vaikuttavuus.ips.ips_inputs`); empty paths give synthetic data.
    as_of : str, default ""
        End of follow-up; empty for the data's last date.
    name : str, optional
        File stem; default ``ips_<region or all>_<language>``.

    Returns
    -------
    pathlib.Path
        The HTML file; the executed notebook is written beside it (suffix ``.ipynb``).

    Raises
    ------
    ValueError
        Before any kernel starts: unknown language, one of records/jobs path missing, a region
        without clients, or anything :func:`vaikuttavuus.ips.ips_data` rejects.
    vaikuttavuus.ReportError
        When the notebook fails to execute or convert.

    References
    ----------
    papermill: parameterize and execute Jupyter notebooks. https://papermill.readthedocs.io

    Examples
    --------
    >>> from vaikuttavuus.render import render_ips_report
    >>> render_ips_report("reports", language="de")
    Traceback (most recent call last):
    ...
    ValueError: language='de' is not allowed; choose one of 'fi', 'sv', 'en'.
    """
    job = ips_job(region=region, period=period, language=language, records_path=records_path,
                  jobs_path=jobs_path, fidelity_path=fidelity_path, as_of=as_of,
                  name=name)  # fmt: skip
    return _render(job, out_dir)
