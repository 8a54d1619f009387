"""The ``grader`` command's arguments: every subcommand, its options and their defaults (read from
:mod:`grader.options` and the library, never repeated here). :mod:`grader.front.cli` runs what they ask.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from grader.options import DEFAULT_LAUNCHER, DEFAULT_OUT, DEFAULT_RUBRIC, DEFAULT_SANDBOX
from grader.run.executor import LAUNCHERS
from grader.run.sandbox import SANDBOX_CHOICES
from grader.version import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="grader", description="Grade backpropagation & gradient-descent notebooks.")
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade notebooks or folders of notebooks")
    grade.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="notebooks, or folders searched recursively")
    grade.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    grade.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    limits = grade.add_argument_group("limits (override the rubric's)")
    limits.add_argument("--cell-timeout", type=_positive(float), metavar="S", help="seconds per cell")
    limits.add_argument("--task-timeout", type=_positive(float), metavar="S", help="seconds per task")
    limits.add_argument("--notebook-timeout", type=_positive(float), metavar="S", help="seconds per notebook")
    limits.add_argument("--memory-mb", type=_positive(int), metavar="MB", help="address space of each kernel")
    grade.add_argument(
        "--sandbox",
        choices=SANDBOX_CHOICES,
        default=DEFAULT_SANDBOX,
        help=f"isolate kernels with bubblewrap; auto uses it where it works (default: {DEFAULT_SANDBOX})",
    )
    grade.add_argument(
        "--jobs",
        type=_positive(int),
        metavar="N",
        help="notebooks graded at once (default: CPU cores + 1; 1 on one core)",
    )
    grade.add_argument(
        "--launcher",
        choices=LAUNCHERS,
        default=DEFAULT_LAUNCHER,
        help=f"warm: fork each kernel from a sandboxed zygote; fresh: a new Python each (default: {DEFAULT_LAUNCHER})",
    )
    grade.add_argument("--no-cache", action="store_true", help="grade every notebook, even unchanged ones")
    grade.add_argument("--cache-dir", type=Path, metavar="DIR", help="report cache (default: ~/.cache/backprop-grader)")
    grade.add_argument("--overrides", type=Path, metavar="FILE", help="instructor decisions to merge (YAML)")
    grade.add_argument(
        "--resume", action="store_true", help="keep complete reports already in --out; grade only the rest"
    )
    grade.add_argument("--no-figures", action="store_true", help="do not draw students' figures into feedback/")
    scale = grade.add_argument_group("scale-out")
    scale.add_argument("--executor", choices=("local", "dask"), default="local", help="where notebooks are graded")
    scale.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler (with --executor dask)")
    scale.add_argument(
        "--shard", metavar="K/N", help="grade only the K-th of N slices (auto: from Slurm or a Kubernetes indexed Job)"
    )
    _lms_options(grade)
    ci = grade.add_argument_group("CI")
    ci.add_argument("--junit", type=Path, metavar="FILE", help="also write JUnit XML (one test case per check)")
    ci.add_argument("--fail-under", type=float, metavar="SCORE", help="exit 1 when any submission scores below SCORE")
    grade.add_argument("--quiet", action="store_true", help="print only the final summary line")

    review = commands.add_parser("review", help="list quiz answers that need a human, write an overrides skeleton")
    review.add_argument("out", type=Path, metavar="OUT_DIR", help="the --out folder of a grading run")
    review.add_argument("--write", type=Path, metavar="FILE", help="skeleton path (default: OUT_DIR/review.yaml)")

    check = commands.add_parser("check", help="self-check one notebook against the public checks, before submitting")
    check.add_argument("notebooks", nargs="+", type=Path, metavar="NOTEBOOK")
    check.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.add_argument("--quiet", action="store_true", help="print only the verdict, one line per notebook")
    check.add_argument(
        "--sandbox", choices=SANDBOX_CHOICES, default=DEFAULT_SANDBOX, help="as for grade (default: auto)"
    )

    merge = commands.add_parser("merge", help="combine the --out folders of sharded runs into one")
    merge.add_argument("shards", nargs="+", type=Path, metavar="OUT_DIR")
    merge.add_argument("--out", type=Path, required=True, help="where the merged outputs go")
    merge.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="the rubric the shards used")
    _lms_options(merge)

    scope = commands.add_parser("gradescope", help="grade a Gradescope submission folder into results.json")
    scope.add_argument("--submission", type=Path, default=Path("/autograder/submission"), metavar="DIR")
    scope.add_argument("--results", type=Path, default=Path("/autograder/results/results.json"), metavar="FILE")
    scope.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    bundle = commands.add_parser("gradescope-bundle", help="write the zip to upload as a Gradescope autograder")
    bundle.add_argument("--out", type=Path, default=Path("autograder.zip"), metavar="ZIP")
    bundle.add_argument(
        "--rubric", type=Path, help="assignment rubric to bundle with its folder (default: the bundled one)"
    )

    selftest = commands.add_parser(
        "selftest", help="check that the rubric credits the solution and diagnoses every catalogued mistake"
    )
    selftest.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    selftest.add_argument(
        "--jobs", type=_positive(int), metavar="N", help="notebooks graded at once (default: cores + 1; 1 on one core)"
    )

    template = commands.add_parser("template", help="write the student notebook")
    template.add_argument("--out", type=Path, required=True, help="where to write the .ipynb")
    template.add_argument("--rubric", type=Path, default=DEFAULT_RUBRIC, help="assignment rubric (default: bundled)")
    return parser


def _lms_options(command: argparse.ArgumentParser) -> None:
    """--roster and --late, for every command that writes a gradebook (grade, merge)."""
    lms = command.add_argument_group("gradebook for an LMS")
    lms.add_argument("--roster", type=Path, metavar="CSV", help="id plus columns to add to each row (names, LMS ids)")
    lms.add_argument("--late", type=Path, metavar="CSV", help="id,penalty: points to deduct (adds final_score)")


def _positive(kind: type[float] | type[int]) -> Callable[[str], float | int]:
    def parse(text: str) -> float | int:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {kind.__name__}") from None
        if not value > 0:
            raise argparse.ArgumentTypeError(f"{text!r}: a limit must be positive")
        return value

    return parse


__all__ = ["build_parser"]
