"""The ``grader`` command: parse → call the library → render → exit. The only module that prints.

Exit codes (also in the README):

* 0 — every submission was graded (whatever the scores, unless ``--fail-under`` is given);
* 1 — ``--fail-under SCORE``: some submission scored below SCORE;
* 2 — usage error or invalid rubric: nothing was graded;
* 3 — some submission could not be graded (invalid notebook file or an internal error); every
  submission still has a report.
* 4 — ``grader grade``: an output could not be written under ``--out`` or the scratch folder filled
  up (disk full, a read-only folder); every other submission was graded and the summary printed.

``grader selftest`` exits 0 when the rubric passes its self-test and 1 when any case fails;
``grader check`` exits 0 when every public check passes, 1 when a public check failed, and 3 when a
notebook could not be checked at all (not a notebook, or the grader failed on it) — so that a hook or
an editor can tell "fix your answer" from "fix your file"; 2 for usage errors.

Any command stopped by Ctrl-C exits 130 with one line on stderr, and one whose reader went away
(``grader check … | head``) exits 141 quietly, as a shell reports a process ended by those signals.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Sequence

from grader.batch.cache import ReportCache
from grader.batch.grade import default_jobs, grade_batch, quiet_library_logs
from grader.batch.lms import GradebookExtras, load_extras, shared_lms_ids, unmatched_ids
from grader.batch.overrides import load_overrides
from grader.batch.shard import merge_outputs, parse_shard
from grader.errors import GraderError, UsageError
from grader.formats.github import (
    append_step_summary,
    commands_stopped,
    in_github_actions,
    step_summary,
    workflow_annotations,
)
from grader.formats.junit import write_junit
from grader.formats.report import write_atomic
from grader.formats.review import (
    overrides_skeleton,
    possible_copying,
    read_reports,
    review_groups,
    review_lines,
    review_queue,
)
from grader.formats.selfcheck import selfcheck_lines, use_colour
from grader.formats.summary import printable, summary_lines
from grader.front.arguments import build_parser
from grader.front.gradescope import gradescope_for_folder, write_bundle
from grader.front.selfcheck import check_notebook, selfcheck_data
from grader.front.selftest import run_selftest
from grader.front.template import template_text
from grader.load.rubric import hidden_check_ids, load_rubric
from grader.options import default_cache_dir
from grader.pipeline import with_limits
from grader.records import Report
from grader.run.executor import NbclientExecutor

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNGRADED = 3
EXIT_NO_SPACE = 4


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    quiet_library_logs()
    try:
        if args.command == "template":
            return _template(args)
        if args.command == "review":
            return _review(args)
        if args.command == "selftest":
            return _selftest(args)
        if args.command == "check":
            return _check(args)
        if args.command == "gradescope":
            return _gradescope(args)
        if args.command == "merge":
            return _merge(args)
        if args.command == "gradescope-bundle":
            rubric = load_rubric(args.rubric) if args.rubric is not None else None
            print(f"wrote {write_bundle(args.out, rubric)}: upload it as the autograder of a Gradescope assignment")
            return EXIT_OK
        return _grade(args)
    except GraderError as error:
        print(f"grader: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _template(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    write_atomic(args.out, template_text(rubric))
    print(f"wrote {args.out}")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    if not (args.out / "reports").is_dir():
        raise UsageError(f"{args.out}: no reports/ folder here; give the --out folder of `grader grade`")
    reports = read_reports(args.out)
    groups = review_groups(review_queue(reports))
    for line in review_lines(groups, possible_copying(reports)):
        print(line)
    if groups:
        target = args.write or args.out / "review.yaml"
        write_atomic(target, overrides_skeleton(groups))
        print(
            f"overrides skeleton: {target} (set each group's points and by, copy the decided entries into "
            "your overrides.yaml, then grade again with --overrides overrides.yaml --resume)"
        )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    folders = [str(path) for path in args.notebooks if path.is_dir()]
    if folders:
        raise UsageError(
            f"{', '.join(folders)}: a folder; grader check takes notebook files (grader check "
            f"{folders[0]}/*.ipynb), and grader grade takes folders"
        )
    missing = [str(path) for path in args.notebooks if not path.is_file()]
    if missing:
        raise UsageError(f"no such notebook: {', '.join(missing)}")
    rubric = load_rubric(args.rubric)
    executor = NbclientExecutor(sandbox=args.sandbox)
    failed = unchecked = 0
    several = len(args.notebooks) > 1
    documents = []
    for path in args.notebooks:
        result = check_notebook(path, rubric, executor)
        unchecked += result.problem is not None
        failed += result.problem is None and not result.ok
        if args.json:  # one JSON document: an object, or a list of them for several notebooks
            documents.append(selfcheck_data(result, path))
            continue
        lines = selfcheck_lines(result, colour=use_colour(sys.stdout.isatty()))
        if args.quiet:
            print(f"{path}: {lines[-1]}" if several else lines[-1])
            continue
        if several:
            print(f"== {path}")
        for line in lines:
            print(line)
    if args.json:
        print(json.dumps(documents if several else documents[0], indent=2))
    if unchecked:
        return EXIT_UNGRADED
    return EXIT_FAILED if failed else EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    extras = load_extras(args.roster, args.late)
    merged = merge_outputs(args.shards, args.out, rubric, extras)
    for line in summary_lines(merged.reports, out_dir=str(args.out)):
        print(line)
    print(f"merged {len(args.shards)} shards: gradebook {merged.gradebook}, dashboard {merged.dashboard}")
    _warn_unmatched(args, extras, [report.submission.id for report in merged.reports])  # the whole class
    return EXIT_OK if all(r.status == "graded" for r in merged.reports) else EXIT_UNGRADED


def _gradescope(args: argparse.Namespace) -> int:
    """Always writes results.json (Gradescope shows nothing without it), even for an empty submission."""
    rubric = load_rubric(args.rubric)
    results = gradescope_for_folder(args.submission, rubric)
    write_atomic(args.results, json.dumps(results, indent=2) + "\n")
    print(f"{results['score']:g} points; results in {args.results}")
    return EXIT_OK


def _selftest(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    outcomes = run_selftest(rubric, jobs=args.jobs)
    width = max(len(outcome.case.name) for outcome in outcomes)
    for outcome in outcomes:
        verdict = "ok  " if outcome.ok else "FAIL"
        scores = ", ".join(f"{task} {score:g}" for task, score in outcome.scores.items())
        print(f"{verdict} {outcome.case.name:<{width}}  {scores}")
        for problem in outcome.problems:
            print(f"       {problem}")
    failed = sum(not outcome.ok for outcome in outcomes)
    print(f"{len(outcomes) - failed} of {len(outcomes)} self-test notebooks graded as {args.rubric.name} intends")
    return EXIT_OK if not failed else EXIT_FAILED


def _grade(args: argparse.Namespace) -> int:
    rubric = load_rubric(args.rubric)
    overrides = load_overrides(args.overrides, rubric) if args.overrides else ()
    extras = load_extras(args.roster, args.late)
    shard = parse_shard(args.shard) if args.shard else None
    if (args.executor == "dask") != (args.scheduler is not None):
        raise UsageError("--executor dask and --scheduler ADDRESS go together")
    limits = with_limits(
        rubric.limits,
        cell_timeout=args.cell_timeout,
        task_timeout=args.task_timeout,
        notebook_timeout=args.notebook_timeout,
        memory_mb=args.memory_mb,
    )
    executor = NbclientExecutor(sandbox=args.sandbox, launcher=args.launcher)
    if executor.sandbox == "none":  # said before anything runs, and again in the summary
        why = "bubblewrap is missing or cannot run here" if args.sandbox == "auto" else "--sandbox none"
        print(f"grader: warning: grading WITHOUT the bwrap sandbox ({why}): student code runs as you", file=sys.stderr)

    progress = _Progress(quiet=args.quiet, tty=sys.stderr.isatty())
    cache = None if args.no_cache else ReportCache(args.cache_dir or default_cache_dir())
    github = in_github_actions()
    # under GitHub Actions the log, annotations and summary are read by the pull request's author
    hidden = hidden_check_ids(rubric) if github else frozenset()
    # while anything a student controls may be printed, the Actions runner must take no line as a command
    with commands_stopped(sys.stdout) if github else contextlib.nullcontext():
        result = grade_batch(
            args.paths,
            rubric,
            args.out,
            executor=executor,
            limits=limits,
            on_report=progress,
            resume=args.resume,
            overrides=overrides,
            jobs=args.jobs or default_jobs(),
            cache=cache,
            figures=not args.no_figures,
            extras=extras,
            shard=shard,
            scheduler=args.scheduler,
        )
        progress.close()
        lines = summary_lines(result.reports, hidden, str(args.out))
        if shard is not None and not result.reports:  # "no submissions found" would be false: the class has some
            lines = [
                f"shard {shard}: none of the {result.found} submission(s) falls in this shard (each goes to one "
                "shard, by a hash of its id); its outputs are empty and merge with the other shards'"
            ]
        where = f"open {result.dashboard}; reports in {args.out / 'reports'}, gradebook {result.gradebook}"
        if args.quiet:
            print(f"{lines[-1]}; {where}")
        else:
            for line in lines:
                print(line)
            print(where)
        below = [r for r in result.reports if args.fail_under is not None and r.score < args.fail_under]
        if below:
            names = ", ".join(r.submission.id for r in below[:10]) + (", …" if len(below) > 10 else "")
            print(f"{len(below)} submission(s) below the pass mark {args.fail_under:g}: {names}")
    if shard is None:  # a shard holds a slice of the class: the others' ids are not missing
        _warn_unmatched(args, extras, [report.submission.id for report in result.reports])
    if args.junit:
        print(f"JUnit XML: {write_junit(args.junit, result.reports)}")
    if github:  # what the pull request's author, a student, may see (see grader.formats.github)
        for line in workflow_annotations(result.reports, args.fail_under, hidden):
            print(line)
        append_step_summary(step_summary(result.reports, args.fail_under, hidden))
    for warning in result.warnings:
        print(f"grader: warning: {warning}", file=sys.stderr)
    if result.unwritten:
        shown = "\n".join(f"  - {line}" for line in result.unwritten[:10])
        more = f"\n  … and {len(result.unwritten) - 10} more" if len(result.unwritten) > 10 else ""
        print(
            f"grader: error: {len(result.unwritten)} output(s) could not be written under {args.out}:\n{shown}{more}\n"
            "The scores above are complete; free some space and run the same command with --resume.",
            file=sys.stderr,
        )
    if result.unwritten or result.out_of_space:
        return EXIT_NO_SPACE
    if not result.all_graded:
        return EXIT_UNGRADED
    return EXIT_FAILED if below else EXIT_OK


def _warn_unmatched(args: argparse.Namespace, extras: GradebookExtras, graded: list[str]) -> None:
    """A roster or late-file id that matches no submission of the class (``graded``) is most often a typo,
    and a student with two submissions in an LMS export gets two rows: say so, with the fix."""
    for lms_id, claimed in shared_lms_ids(graded).items():
        print(
            f"grader: warning: LMS id {lms_id} has {len(claimed)} submissions ({', '.join(claimed)}): each is "
            "graded on its own row, but an LMS keeps one grade per student; decide which counts before importing",
            file=sys.stderr,
        )
    roster, late = unmatched_ids(extras, graded)
    ids = "ids are gradebook.csv's `id` (the notebook's path in the folder, without .ipynb) or an LMS id"
    if roster:
        print(
            f"grader: warning: {args.roster}: {len(roster)} id(s) match no submission: {', '.join(roster[:10])}; "
            f"each has a row with status `missing` ({ids})",
            file=sys.stderr,
        )
    if late:
        print(
            f"grader: warning: {args.late}: {len(late)} id(s) match no submission: {', '.join(late[:10])}; "
            f"no penalty was applied for them ({ids})",
            file=sys.stderr,
        )


class _Progress:
    """Counts, rate and ETA: one rewritten line on a terminal, a plain line per report elsewhere (CI logs)."""

    def __init__(self, quiet: bool, tty: bool) -> None:
        self.quiet, self.tty = quiet, tty
        self.started = time.monotonic()

    def __call__(self, report: Report, done: int, total: int) -> None:
        if self.quiet:
            return
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else 0.0
        counts = f"[{done}/{total}] {rate:.1f}/s, ETA {eta:.0f}s"
        ident = printable(report.submission.id)
        if self.tty:
            print(f"\r\x1b[K{counts}  {ident}", end="", file=sys.stderr, flush=True)
        else:
            print(f"{counts}  {ident}: {report.status}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.tty and not self.quiet:
            print(file=sys.stderr)


#: Exit codes of a command stopped from outside, as a shell reports a process ended by the signal.
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away: `grader check … | head` (128 + SIGPIPE)


def entry() -> None:
    """The ``grader`` command: :func:`main`, with Ctrl-C and a closed pipe ending it in one line."""
    try:
        code = main()
        sys.stdout.flush()  # a closed pipe shows here, while it can still be handled
    except KeyboardInterrupt:
        print("grader: interrupted; finished reports are kept (grader grade --resume goes on)", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so that the flush at exit cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_BROKEN_PIPE
    sys.exit(code)
