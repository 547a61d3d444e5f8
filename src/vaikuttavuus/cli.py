"""Command line: ``vaikuttavuus vates``, ``vaikuttavuus survey``, ``vaikuttavuus render-all``.

Every command renders parameterised notebooks from ``notebooks/`` to HTML (see
:mod:`vaikuttavuus.reports`). A failing report is reported and the others still render;
the exit status is 1 if any report failed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .reports import BatchResult, RenderJob, ReportError, notebook_path, render_batch

__all__ = ["main"]

VATES_NOTEBOOK = "vates2020_reproduction.ipynb"
SURVEY_NOTEBOOK = "survey_report.ipynb"


def _vates_jobs(
    out: Path, languages: Sequence[str], n: int, seed: int, n_replications: int
) -> list[RenderJob]:
    nb = notebook_path(VATES_NOTEBOOK)
    return [
        RenderJob(
            name=f"vates2020_{lang}",
            notebook=nb,
            html=out / f"vates2020_reproduction_{lang}.html",
            parameters={"n": n, "seed": seed, "n_replications": n_replications, "language": lang},
        )
        for lang in languages
    ]


def _survey_job(data: Path, codebook: Path, out: Path, language: str, n_factors: str) -> RenderJob:
    return RenderJob(
        name=f"survey_{data.stem}_{language}",
        notebook=notebook_path(SURVEY_NOTEBOOK),
        html=out / f"survey_{data.stem}_{language}.html",
        parameters={
            "data_path": str(data.resolve()),
            "codebook_path": str(codebook.resolve()),
            "language": language,
            "n_factors": n_factors,
        },
    )


def _example_survey(out_dir: Path) -> tuple[Path, Path]:
    """Write the example export (simulated from the Vates model) and its codebook."""
    from .survey.example import write_example_survey

    return write_example_survey(out_dir)


def _finish(batch: BatchResult) -> int:
    print(batch.summary().as_text())
    return 0 if batch.ok else 1


def _n_factors(value: str) -> str:
    if value != "auto" and not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"--n-factors must be 'auto' or a positive integer, got {value!r}"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vaikuttavuus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    v = sub.add_parser("vates", help="render the Vates 2020 reproduction report")
    v.add_argument("--out", type=Path, default=Path("reports"))
    v.add_argument(
        "--language",
        choices=["fi", "en"],
        action="append",
        help="report language (repeatable; default: fi and en)",
    )
    v.add_argument("--n", type=int, default=168, help="sample size of the simulated study")
    v.add_argument("--seed", type=int, default=2020)
    v.add_argument("--replications", type=int, default=500, help="Monte Carlo replications")

    s = sub.add_parser("survey", help="render the psychometric report of a survey export")
    s.add_argument("data", type=Path, help="survey export: .csv, .xlsx or .sav")
    s.add_argument(
        "--codebook", required=True, help="codebook: .yaml or .csv, or a shipped one (vates2020)"
    )
    s.add_argument("--out", type=Path, default=Path("reports"))
    s.add_argument("--language", choices=["fi", "sv", "en"], default="fi")
    s.add_argument("--n-factors", type=_n_factors, default="auto")

    a = sub.add_parser("render-all", help="render every report (the package's main job)")
    a.add_argument("--out", type=Path, default=Path("reports"))
    a.add_argument("--replications", type=int, default=500)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vaikuttavuus`` command."""
    args = build_parser().parse_args(argv)
    if args.command == "vates":
        jobs = _vates_jobs(
            args.out, args.language or ["fi", "en"], args.n, args.seed, args.replications
        )
        return _finish(render_batch(jobs))
    if args.command == "survey":
        from .survey import render_survey_report

        try:
            html = render_survey_report(
                args.data, args.codebook, args.out, language=args.language, n_factors=args.n_factors
            )
        except (OSError, ValueError, TypeError, ReportError) as exc:
            print(f"vaikuttavuus survey: {exc}", file=sys.stderr)
            return 1
        print(f"vaikuttavuus survey: report written to {html}")
        return 0
    # render-all
    jobs = _vates_jobs(args.out, ["fi", "en"], 168, 2020, args.replications)
    data, codebook = _example_survey(Path("data") / "example")
    jobs += [_survey_job(data, codebook, args.out, lang, "auto") for lang in ("fi", "en")]
    return _finish(render_batch(jobs))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
