"""Command line: ``vaikuttavuus render``, ``render-all``, ``vates``, ``survey``, ``--version``.

``render`` renders the region reports (one per employment area / wellbeing services
county) and ``render-all`` the package's main job (study reports plus every region
report) through :func:`vaikuttavuus.render.run_reports`: parallel workers, a run
directory ``reports/<run-id>/`` with ``index.html`` and ``manifest.json``, unchanged
reports skipped. ``vates`` and ``survey`` render single reports. A failing report is
reported by name and the others still render; the exit status is 1 if any report failed
or the input was rejected (nothing is run then), 130 after Ctrl-C (the finished reports,
index and manifest are kept; the next run renders only the unfinished ones). Every path
given is resolved against the current directory before a kernel starts.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

from ._version import __version__
from .render import BatchResult, RenderInterrupted, ReportError, render_batch

__all__ = ["main"]


def _finish(batch: BatchResult) -> int:
    print(batch.summary().as_text())
    if batch.index is not None:
        print(f"index: {batch.index}")
    if batch.failed:
        names = ", ".join(r.name for r in batch.failed)
        print(f"vaikuttavuus: {len(batch.failed)} report(s) failed: {names}", file=sys.stderr)
    return 0 if batch.ok else 1


def _n_factors(value: str) -> str:
    if value != "auto" and not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"--n-factors must be 'auto' or a positive integer, got {value!r}"
        )
    return value


def _workers(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"--workers must be an integer >= 0, got {value!r}")
    return int(value)


def _run_options(p: argparse.ArgumentParser) -> None:
    from .render import LANGUAGE_CHOICES

    p.add_argument("--regions", default="all",
                   help="all | employment_areas | wellbeing_counties | municipalities | CODE,...")  # fmt: skip
    p.add_argument("--language", choices=LANGUAGE_CHOICES, default="auto",
                   help="report language; auto = the region's language (default)")  # fmt: skip
    p.add_argument("--period", default="2024", help="reporting period (default 2024)")
    p.add_argument("--data-dir", default="", help="region data directory (default: embedded)")
    p.add_argument("--workers", type=_workers, default=None,
                   help="worker processes (default: number of cores; 0 = in this process)")  # fmt: skip
    p.add_argument("--scheduler", default=None,
                   help="render on Dask: tcp://HOST:8786, or 'local' (a LocalCluster)")  # fmt: skip
    p.add_argument("--run-id", default=None, help="run directory name (default: UTC time)")
    p.add_argument("--force", action="store_true", help="re-render unchanged reports too")
    p.add_argument("--out", type=Path, default=Path("reports"), help="HTML reports root")
    p.add_argument("--runs", type=Path, default=Path("papermill_runs"),
                   help="executed notebooks and logs root")  # fmt: skip
    p.add_argument("--timeout", type=int, default=1800, help="seconds a cell may run")
    p.add_argument("--retries", type=int, default=2, help="retries of a failed kernel start")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on stderr (default: when stderr is a terminal)")  # fmt: skip
    p.add_argument("--pdf", action="store_true",
                   help="also print each report to PDF (A4) with headless Chromium")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vaikuttavuus", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"vaikuttavuus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    r = sub.add_parser("render", help="render the region reports (parallel, resumable)")
    _run_options(r)
    a = sub.add_parser(
        "render-all", help="the main job: study reports and every region report, one run"
    )
    _run_options(a)
    a.add_argument("--replications", type=int, default=500, help="Vates Monte Carlo replications")

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
    s.add_argument(
        "--missing-codes",
        type=_codes,
        default=(),
        help="codes every item treats as missing, comma-separated (e.g. 9 or 9,99)",
    )
    s.add_argument(
        "--out-of-range",
        choices=["error", "missing"],
        default="error",
        help="answers outside an item's scale: stop with an error (default) or set missing",
    )
    s.add_argument(
        "--min-valid",
        type=_min_valid,
        default=None,
        help="answered items a scale score needs: a count (default 1, as psych) or a "
        "fraction such as 0.5",
    )

    d = sub.add_parser("data", help="open data: `data update` fetches the newest tables")
    d.add_argument("action", choices=["update"], help="update: Statistics Finland tables -> cache")
    return parser


def _codes(value: str) -> tuple[float, ...]:
    try:
        return tuple(float(v) for v in value.split(",") if v.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--missing-codes must be numbers separated by commas (e.g. 9,99), got {value!r}"
        ) from None


def _min_valid(value: str) -> float | int:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if number.is_integer() and number >= 1 and "." not in value:
        return int(number)
    if 0 < number <= 1:
        return number
    raise argparse.ArgumentTypeError(
        f"--min-valid must be an item count >= 1 or a fraction in (0, 1], got {value!r}"
    )


def _check_period(period: str, data_dir: str) -> None:
    """Refuse a missing data directory, and a period without rows (it would render every
    region with its sections left out)."""
    from .regional import data_periods

    if data_dir and not Path(data_dir).is_dir():
        raise ValueError(f"--data-dir {data_dir!r} is not a directory.")
    periods = data_periods(data_dir or None)
    if periods and str(period) not in periods:
        where = data_dir or "the embedded data"
        raise ValueError(
            f"--period {period!r} has no rows in {where}; periods in the data: "
            f"{', '.join(periods)}."
        )


#: Options of ``render``/``render-all`` passed on to :func:`vaikuttavuus.render.run_reports`
#: under the same names.
_RUN_OPTIONS = ("out", "runs", "run_id", "workers", "force", "timeout", "retries", "progress",
                "pdf")  # fmt: skip


def _render(args: argparse.Namespace) -> int:
    from . import render

    missing = None
    if args.data_dir:  # resolved against the caller's directory, before anything runs
        args.data_dir = str(Path(args.data_dir).expanduser().resolve())
    try:
        jobs = []
        if args.command == "render-all":
            jobs += render.study_jobs(replications=args.replications)
        try:
            jobs += render.region_jobs(
                args.regions, language=args.language, period=args.period, data_dir=args.data_dir
            )
            _check_period(args.period, args.data_dir)
        except (ImportError, FileNotFoundError) as exc:
            if args.command == "render":
                raise
            missing = f"region reports cannot be rendered: {type(exc).__name__}: {exc}"
            print(f"vaikuttavuus render-all: {missing}", file=sys.stderr)
        client, close = None, None
        if args.scheduler:
            from .render._dask import open_client

            client, close = open_client(args.scheduler, workers=args.workers)
        try:
            options = {name: getattr(args, name) for name in _RUN_OPTIONS}
            batch = render.run_reports(jobs, client=client, **options)
        finally:
            if close is not None:
                close()
    except RenderInterrupted as exc:
        print(f"vaikuttavuus {args.command}: {exc}", file=sys.stderr)
        return 130
    except (ImportError, OSError, ValueError, TypeError) as exc:  # nothing was run
        print(f"vaikuttavuus {args.command}: {exc}", file=sys.stderr)
        return 1
    code = _finish(batch)
    return 1 if missing else code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vaikuttavuus`` command."""
    args = build_parser().parse_args(argv)
    if args.command in ("render", "render-all"):
        return _render(args)
    if args.command == "data":
        from .opendata._update import main as data_main

        return data_main()
    if args.command == "vates":
        from .render import vates_jobs

        jobs = [
            dataclasses.replace(job, html=args.out / f"{job.name}.html")
            for job in vates_jobs(
                args.language or ["fi", "en"], n=args.n, seed=args.seed,
                replications=args.replications,
            )
        ]  # fmt: skip
        return _finish(render_batch(jobs))
    # survey
    from .render import render_survey_report

    try:
        html = render_survey_report(
            args.data, args.codebook, args.out, language=args.language, n_factors=args.n_factors,
            missing_codes=args.missing_codes, out_of_range=args.out_of_range,
            min_valid=args.min_valid,
        )  # fmt: skip
    except (OSError, ValueError, TypeError, ReportError) as exc:
        print(f"vaikuttavuus survey: {exc}", file=sys.stderr)
        return 1
    print(f"vaikuttavuus survey: report written to {html}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
