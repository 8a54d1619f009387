"""The ``grader`` command: parse → call the library → render → exit. The only module that prints.

Exit codes (also in the README):

* 0 — every submission was graded (whatever the scores);
* 2 — usage error or invalid rubric: nothing was graded;
* 3 — some submission could not be graded (invalid notebook file or an internal error); every
  submission still has a report.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from grader.errors import GraderError
from grader.formats.summary import summary_lines
from grader.options import DEFAULT_OUT, DEFAULT_RUBRIC
from grader.pipeline import grade_batch, with_limits
from grader.records import Report
from grader.report import write_atomic
from grader.rubric import load_rubric
from grader.template import template_text
from grader.version import __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_UNGRADED = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader", description="Grade backpropagation & gradient-descent notebooks.")
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade notebooks or folders of notebooks")
    grade.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="notebooks, or folders searched recursively")
    grade.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    grade.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    grade.add_argument("--cell-timeout", type=_seconds, metavar="S", help="override the rubric's per-cell limit")
    grade.add_argument(
        "--notebook-timeout", type=_seconds, metavar="S", help="override the rubric's per-notebook limit"
    )
    grade.add_argument("--quiet", action="store_true", help="print only the final summary line")

    template = commands.add_parser("template", help="write the student notebook")
    template.add_argument("--out", type=Path, required=True, help="where to write the .ipynb")
    template.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a time limit must be positive")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "template":
            return _template(args)
        return _grade(args)
    except GraderError as error:
        print(f"grader: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _template(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    write_atomic(args.out, template_text(rubric))
    print(f"wrote {args.out}")
    return EXIT_OK


def _grade(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    limits = with_limits(rubric.limits, args.cell_timeout, args.notebook_timeout)

    def progress(report: Report) -> None:
        if not args.quiet:
            print(f"graded {report.submission.id}: {report.status}", file=sys.stderr, flush=True)

    result = grade_batch(args.paths, rubric, args.out, limits=limits, on_report=progress)
    lines = summary_lines(result.reports)
    for line in lines if not args.quiet else lines[-1:]:
        print(line)
    print(f"reports in {args.out / 'reports'}, gradebook {result.gradebook}")
    return EXIT_OK if result.all_graded else EXIT_UNGRADED


def entry() -> None:
    sys.exit(main())
