"""Render the IPS notebook to HTML (for the command line and batch renderers)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from .._validation import check_choice
from ..present import LANGUAGES
from .data import IPSDataWarning, ips_data
from .report import ips_inputs

__all__ = ["render_ips_report"]


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
    """Render ``notebooks/ips_outcomes.ipynb`` for one region; return the HTML path.

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
    RuntimeError
        When the notebook fails to execute or convert.

    References
    ----------
    papermill: parameterize and execute Jupyter notebooks. https://papermill.readthedocs.io

    Examples
    --------
    >>> render_ips_report("reports", language="de")
    Traceback (most recent call last):
    ...
    ValueError: language='de' is not allowed; choose one of 'fi', 'sv', 'en'.
    >>> render_ips_report("reports", region="13")  # doctest: +SKIP
    PosixPath('reports/ips_13_fi.html')
    """
    from ..reports import notebook_path, render_notebook

    check_choice("language", language, LANGUAGES)
    paths = [
        str(Path(p).resolve()) if str(p) else "" for p in (records_path, jobs_path, fidelity_path)
    ]
    if any(paths):  # fail fast on files, before a kernel starts
        records, jobs, _, _ = ips_inputs(*paths)
        if region:
            if "county" not in records.columns:
                raise ValueError("region needs a 'county' column in the records.")
            if not (records["county"].astype(str).str.zfill(2) == str(region).zfill(2)).any():
                raise ValueError(f"region={region!r} has no clients in {paths[0]}.")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", IPSDataWarning)
            ips_data(records, jobs, as_of=as_of or None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = name or f"ips_{region or 'all'}_{language}"
    params: dict[str, Any] = {"region": str(region), "period": str(period), "language": language,
                              "records_path": paths[0], "jobs_path": paths[1],
                              "fidelity_path": paths[2], "as_of": str(as_of)}  # fmt: skip
    result = render_notebook(notebook_path("ips_outcomes.ipynb"), out / f"{stem}.html", params,
                             executed=out / f"{stem}.ipynb")  # fmt: skip
    if not getattr(result, "ok", True):
        raise RuntimeError(f"the IPS report {stem} failed: {getattr(result, 'error', '')}")
    return getattr(result, "html", None) or out / f"{stem}.html"
