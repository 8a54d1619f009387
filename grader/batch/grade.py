"""Grading a class: many submissions, in parallel, with a cache, resumable, never losing a grade.

Each report is written as soon as it is ready (an interrupted batch keeps what it finished) and the
gradebook last, sorted by id, so the order in which parallel workers finish never shows. Workers are
separate processes, forked from the grader on Linux when it runs no other thread and spawned otherwise
(:func:`pool_context`); each grades whole submissions, and each submission still gets its own fresh
kernel. Student code never runs in a worker: it runs in kernels that the worker's zygote forks inside
the sandbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import errno
import logging
import multiprocessing
import multiprocessing.util
import os
import signal
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path

from grader.batch.cache import ReportCache
from grader.batch.lms import GradebookExtras
from grader.batch.overrides import OverrideEntry, apply_overrides, check_submissions
from grader.batch.shard import Shard, write_manifest
from grader.batch.worker import close_residents, draw_report_figures, grade_and_draw, resident_rubric
from grader.errors import GraderError, NotebookInvalid, UsageError
from grader.formats.dashboard import FILENAME as DASHBOARD
from grader.formats.dashboard import write_dashboard
from grader.formats.feedback import write_feedback
from grader.formats.gradebook import FILENAME as GRADEBOOK
from grader.formats.gradebook import write_gradebook
from grader.formats.report import read_report, report_path, write_report
from grader.load.specs import Rubric
from grader.load.submissions import SubmissionFile, discover, read_submission, sha256_of
from grader.options import ExecutionLimits
from grader.pipeline import NO_SPACE, failed_report
from grader.quiz.grade import prepare as prepare_quiz
from grader.records import Report, SubmissionInfo
from grader.run.executor import Executor, NbclientExecutor
from grader.run.processes import die_with_parent, remove_stale_scratch
from grader.version import __version__

#: Called after each report is written: (report, reports done, reports in the batch).
Progress = Callable[[Report, int, int], None]


@dataclass(frozen=True, slots=True)
class BatchResult:
    reports: tuple[Report, ...]
    out_dir: Path
    gradebook: Path
    graded: int  # reports that needed a kernel in this run (not from the cache or --resume)
    found: int = 0  # submissions in the given paths, before a shard took its slice
    dashboard: Path | None = None  # report.html
    #: outputs that could not be written (disk full, a read-only folder), a line each: the grades are
    #: in ``reports`` all the same
    unwritten: tuple[str, ...] = ()
    #: things the instructor should know that stopped nothing (an untrusted cache entry ignored)
    warnings: tuple[str, ...] = ()

    @property
    def out_of_space(self) -> bool:
        """The disk under ``--out`` or the scratch folder filled up: some output or grade is missing."""
        return any(NO_SPACE in line for line in self.unwritten) or any(
            report.status == "error" and (report.message or "").startswith(NO_SPACE) for report in self.reports
        )

    @property
    def all_graded(self) -> bool:
        return all(report.status == "graded" for report in self.reports)


def usable_cores() -> int:
    """The CPU cores this process may use (fewer than ``os.cpu_count()`` under a CPU quota or affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def default_jobs() -> int:
    """Workers for a batch: one more than the cores. A worker spends part of each notebook waiting on
    its kernel (replies, starts, kills) while neither uses the CPU; with a worker per core those waits
    left a quarter of the machine idle (measured on 2 cores, 100 notebooks: 4.8-5.1 s idle of 19 s),
    and a third worker fills them (1.2-1.5 s idle, 5.1-5.6 → 5.6-6.5 notebooks/s). One core keeps one
    worker: its spare kernel, started while a notebook runs, already fills the wait."""
    cores = usable_cores()
    return cores + 1 if cores > 1 else 1


def grade_batch(
    paths: Iterable[Path | str],
    rubric: Rubric,
    out_dir: Path,
    executor: Executor | None = None,
    limits: ExecutionLimits | None = None,
    on_report: Progress | None = None,
    resume: bool = False,
    overrides: Sequence[OverrideEntry] = (),
    jobs: int = 1,
    cache: ReportCache | None = None,
    figures: bool = True,
    extras: GradebookExtras | None = None,
    shard: Shard | None = None,
    scheduler: str | None = None,
) -> BatchResult:
    """Grade every notebook under ``paths`` into ``out_dir`` (reports/, feedback/, gradebook.csv).

    Raises :class:`~grader.errors.UsageError` (or :class:`~grader.batch.overrides.OverridesError`) before
    grading anything if a path does not exist, no notebook is found under any path (a CI job must not
    go green having graded nothing), two files would share an id, or an override names an unknown
    submission; after that, every submission gets a report. ``jobs`` submissions are graded at
    once. A submission found in ``cache`` costs no kernel. With ``resume``, a submission whose complete
    report is already in ``out_dir`` — same bytes, rubric and grader version, not an ``error`` — is
    kept. ``overrides`` (see :mod:`grader.batch.overrides`) are applied to every report, however obtained.
    Each submission gets ``feedback/<id>.md``; with ``figures`` its figures are drawn as PNGs (by the
    worker that graded it, so drawing runs in parallel too). With ``scheduler`` (a Dask scheduler's
    address, or a ``distributed.Client``) each submission is a task on that cluster instead
    (:mod:`grader.batch.dask_executor`); ``jobs`` is then ignored.
    """
    paths = list(paths)
    files = discover(paths)
    if not files:
        given = ", ".join(str(path) for path in paths)
        raise UsageError(
            f"no notebooks found in {given}: give notebooks (*.ipynb) or folders that contain them; nothing was graded"
        )
    check_submissions(overrides, [submission.id for submission in files])
    found = len(files)
    if shard is not None:  # overrides are checked against the whole class, then the slice is taken
        files = [submission for submission in files if shard.owns(submission.id)]
    executor = executor or NbclientExecutor()
    limits = limits or rubric.limits
    sandbox = str(getattr(executor, "sandbox", type(executor).__name__))
    reports: list[Report] = []
    unwritten: list[str] = []

    def output(what: str, write: Callable[[], object]) -> None:
        """Write one output; a full disk costs that output (named in ``unwritten``), not the batch."""
        try:
            write()
        except OSError as error:
            unwritten.append(f"{what}: {_why(error, out_dir)}")

    def finish(report: Report) -> None:
        report = apply_overrides(report, overrides)
        output(f"report of {report.submission.id}", lambda: write_report(out_dir, report))
        images = draw_report_figures(out_dir, report, rubric) if figures else {}
        output(f"feedback of {report.submission.id}", lambda: write_feedback(out_dir, report, images))
        reports.append(report)
        if on_report is not None:
            on_report(report, len(reports), len(files))

    to_grade: list[tuple[SubmissionFile, str | None]] = []
    for submission in files:
        known = _finished_report(out_dir, submission, rubric) if resume else None
        key = None
        if known is None and cache is not None:
            info = _info(submission)
            key = cache.key(info.sha256, rubric, limits, sandbox) if info.sha256 else None
            known = cache.get(key, info, rubric) if key else None
        if known is not None:
            finish(known)
        else:
            to_grade.append((submission, key))
    draw_in = out_dir if figures else None
    try:
        if scheduler is not None:
            from grader.batch.dask_executor import grade_on_dask  # Dask only when asked for

            graded = grade_on_dask(to_grade, rubric, executor, limits, scheduler)
        else:
            graded = _grade_all(to_grade, rubric, executor, limits, jobs, draw_in)
        for (_, key), report in graded:
            if cache is not None and key is not None:
                cache.put(key, report)
            finish(report)
    finally:
        executor.close()  # a warm launcher's zygote; started again if the executor is used again
    gradebook = out_dir / GRADEBOOK
    output("gradebook", lambda: write_gradebook(out_dir, reports, rubric, extras, absent_students=shard is None))
    if shard is not None:
        output("shard manifest", lambda: write_manifest(out_dir, shard, reports, rubric))
    dashboard = out_dir / DASHBOARD
    output("dashboard", lambda: write_dashboard(out_dir, reports, rubric, figures))
    return BatchResult(
        reports=tuple(reports),
        out_dir=out_dir,
        gradebook=gradebook,
        graded=len(to_grade),
        found=found,
        dashboard=dashboard,
        unwritten=tuple(unwritten),
        warnings=tuple(cache.warnings) if cache is not None else (),
    )


def _why(error: OSError, out_dir: Path) -> str:
    what = NO_SPACE if error.errno == errno.ENOSPC else (error.strerror or str(error))
    return f"{what} ({error.filename or out_dir})"


def _grade_all(
    items: list[tuple[SubmissionFile, str | None]],
    rubric: Rubric,
    executor: Executor,
    limits: ExecutionLimits,
    jobs: int,
    draw_in: Path | None,
) -> Iterator[tuple[tuple[SubmissionFile, str | None], Report]]:
    """Reports in the order they finish; a worker that dies becomes an error report, not a lost batch."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield item, grade_and_draw(item[0], rubric, executor, limits, draw_in, in_worker=False)
        return
    context = pool_context()
    workers = min(jobs, len(items))
    if context.get_start_method() == "fork":
        rubric = _shared_with_workers(rubric)
    if workers >= usable_cores() and isinstance(executor, NbclientExecutor):
        executor = copy.copy(executor)  # the caller's executor keeps its setting
        executor.overlap = False  # every core has a worker: one zygote each, no spare kernel ahead
    # workers die with the grader (PR_SET_PDEATHSIG): a killed grader must not leave them grading
    pool_of = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    )
    with pool_of as pool:
        try:
            futures = {pool.submit(grade_and_draw, item[0], rubric, executor, limits, draw_in): item for item in items}
            for future in as_completed(futures):
                item = futures[future]
                try:
                    report = future.result()
                except Exception as error:  # a worker process died: BrokenProcessPool, or a pickling failure
                    info = SubmissionInfo(item[0].id, item[0].path, "")
                    message = f"the grading worker failed ({type(error).__name__}: {error}); please report it"
                    report = failed_report(info, rubric, "error", message)
                yield item, report
        except BaseException:  # Ctrl-C, or the caller stopped: do not wait for the notebooks under way
            _stop_workers(pool)
            raise


#: Seconds stopped workers get to shut their kernels and zygotes down before they are killed: about
#: 0.5 s on an idle machine (measured), but a zygote's polite exit may wait 5 s on a loaded one, and a
#: worker killed before it is done leaves the zygote's folder behind.
STOP_PATIENCE = 15.0


def pool_context() -> BaseContext:
    """How the pool starts its workers: forked from the grader on Linux, spawned elsewhere.

    A spawned worker is a new interpreter that imports the grader again (measured: ≈0.5 CPU-s a
    worker, ≈5% of a 100-notebook batch on two cores at -j3); a forked one starts with the grader's
    modules, the rubric and the references already loaded. Forking is safe only from a process with
    a single thread (another thread's locks would be copied held), so a caller that runs threads of
    its own — an embedding application, a notebook UI — gets spawned workers, as on macOS and Windows.
    Student code never runs in a worker either way: its kernels are started by the worker's zygote.
    """
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _shared_with_workers(rubric: Rubric) -> Rubric:
    """The rubric as every forked worker will hold it (see ``resident_rubric``), with its quiz's model
    and exemplar embeddings loaded here, once, instead of once in each worker (≈0.4 CPU-s each).
    A model that will not load is left to fail in the workers, where each report says so."""
    rubric = resident_rubric(rubric)
    if rubric.quiz is not None:
        with contextlib.suppress(GraderError):
            prepare_quiz(rubric.quiz)
    return rubric


def _worker_start(parent: int) -> None:
    die_with_parent(parent)
    _own_event_loop()
    _worker_signals()
    quiet_library_logs()
    # multiprocessing runs a worker's finalizers when its loop ends, spawned or forked; atexit handlers
    # run only in a spawned one, and a forked one inherits the grader's (its executors' zygotes)
    multiprocessing.util.Finalize(None, _leave, exitpriority=0)


def _own_event_loop() -> None:
    """Give a forked worker an event loop of its own (a spawned one has none yet).

    A grader that has run notebooks before (a serial batch, ``grader check``, a test) holds an asyncio
    loop, which jupyter_client reuses; in a forked worker its epoll instance and wake-up pipe would be
    the grader's and every other worker's, so each worker's sockets would wake the others. Closing
    this process's copy leaves the grader's loop as it is, and jupyter_client then makes a new one.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            inherited = asyncio.get_event_loop_policy().get_event_loop()
        except RuntimeError:
            return
    if not inherited.is_closed() and not inherited.is_running():
        inherited.close()
    asyncio.set_event_loop(None)


#: the exit status a worker leaves with (see _leave): 0, or 128 + the signal that stopped it
_EXIT_STATUS = [0]


def _leave() -> None:
    """A worker's last act: close its zygotes, then exit without tearing the interpreter down.

    By the time this runs the worker has handed in its last report; what is left after its zygotes is
    freeing a heap of numpy, the quiz's model and jupyter_client object by object, which the grader
    waited for at the end of every batch (measured: the last report to the batch's return, 0.4 s → 0.2 s).
    """
    close_residents()
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(_EXIT_STATUS[0])


def quiet_library_logs() -> None:
    """jupyter_client logs a dying or timed-out kernel as "ERROR:traitlets:…", and matplotlib its font
    cache at INFO: events of the student's notebook that each report already records (``kernel_died``,
    ``timeout``), which on the terminal look like the grader failing."""
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    logging.getLogger("matplotlib").setLevel(logging.WARNING)


def _worker_signals() -> None:
    """A worker leaves Ctrl-C to the parent, which stops the batch (a terminal sends SIGINT to every
    process of its group: each worker printed its own traceback, and the batch waited for the
    notebooks under way); SIGTERM, the parent's stop, unwinds the worker so that its kernels and
    zygotes are shut down by the same ``finally`` blocks as after any notebook."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_now)


def _exit_now(signum: int, frame: object) -> None:
    # once: the pool's manager terminates the remaining workers again when the first one exits, and a
    # second SystemExit in the middle of the clean-up would leave a zygote's folder behind (seen)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _EXIT_STATUS[0] = 128 + signum
    # the notebook under way is abandoned: nbclient's tasks then complain that their kernel died,
    # which is no news to someone who pressed Ctrl-C, so the worker's last words go nowhere
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    raise SystemExit(128 + signum)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (``ProcessPoolExecutor`` has no public way
    to do the second before Python 3.14's ``terminate_workers``)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + STOP_PATIENCE
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.is_alive():  # stuck in a call that does not return to Python; its sandbox dies with it
                process.kill()
                process.join(timeout=5)
    # a worker killed before its clean-up ended leaves its zygotes' folders; they carry its PID, and it
    # is gone now, so the sweep every executor does at start removes them at once instead of next run
    remove_stale_scratch((tempfile.gettempdir(),))


def _info(submission: SubmissionFile) -> SubmissionInfo:
    try:
        return SubmissionInfo(submission.id, submission.path, sha256_of(read_submission(submission)))
    except NotebookInvalid:
        return SubmissionInfo(submission.id, submission.path, "")


def _finished_report(out_dir: Path, submission: SubmissionFile, rubric: Rubric) -> Report | None:
    report = read_report(report_path(out_dir, submission.id))
    if report is None or report.status == "error":
        return None
    same = (report.submission.sha256, report.rubric_sha256, report.grader_version)
    return report if same == (_info(submission).sha256, rubric.sha256, __version__) else None
