"""What one grading worker process does with one submission: grade it, then draw its figures there.

Shared by the local process pool (:mod:`grader.batch.grade`) and Dask (:mod:`grader.batch.dask_executor`),
so neither imports the other. A worker keeps one executor and one rubric per configuration for its
whole life (``resident``): tasks arrive as pickled copies, but a warm launcher's zygote and the quiz's
embeddings must outlive a single task.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from grader.formats.figures import draw_figures, draw_overlays
from grader.load.specs import Rubric
from grader.load.submissions import SubmissionFile
from grader.options import ExecutionLimits
from grader.pipeline import guarded
from grader.records import Report
from grader.run.executor import Executor

#: One executor per worker process and configuration: tasks arrive with a pickled copy each, but a warm
#: launcher's zygote must live as long as the worker, not as long as one task.
_RESIDENT: dict[tuple[str, ...], Executor] = {}


def resident(executor: Executor) -> Executor:
    """The executor this worker process already holds for the same configuration, or this one."""
    key = tuple(str(getattr(executor, name, "")) for name in ("kernel_name", "sandbox", "launcher"))
    return _RESIDENT.setdefault((type(executor).__name__, *key), executor)


#: One rubric per worker process and content: what grading derives from a rubric once (the quiz's
#: exemplar embeddings and vocabulary, keyed by the object) lives as long as the object, and each task
#: arrives with a new unpickled copy. Without this a worker re-embedded every exemplar for every
#: notebook (measured: -j2 took 38% more CPU per notebook than -j1).
_RESIDENT_RUBRICS: dict[str, Rubric] = {}


def resident_rubric(rubric: Rubric) -> Rubric:
    """The copy of ``rubric`` this worker process already holds (same file contents), or this one."""
    if rubric.sha256 not in _RESIDENT_RUBRICS and len(_RESIDENT_RUBRICS) >= 4:
        _RESIDENT_RUBRICS.clear()
    return _RESIDENT_RUBRICS.setdefault(rubric.sha256, rubric)


def close_residents() -> None:
    """Stop this worker's zygotes and spare kernels and remove their folders: before it exits."""
    for held in _RESIDENT.values():
        with contextlib.suppress(Exception):
            held.close()


def grade_and_draw(
    submission: SubmissionFile,
    rubric: Rubric,
    executor: Executor,
    limits: ExecutionLimits,
    draw_in: Path | None,
    in_worker: bool = True,
) -> Report:
    """Grade one submission and, in the same (worker) process, draw its figures into ``draw_in``."""
    try:
        if in_worker:
            rubric, executor = resident_rubric(rubric), resident(executor)
        report = guarded(submission, rubric, executor, limits)
    except SystemExit as stop:
        if not in_worker:
            raise
        # stopped by the parent (SIGTERM, see _worker_signals): the notebook's own kernel was shut down
        # on the way here; now the worker's zygotes and spare kernels. Exit at once: the pool's worker
        # loop would take the SystemExit for this task's result and wait for the next task.
        close_residents()
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    if draw_in is not None:
        draw_report_figures(draw_in, report, rubric)
    return report


def draw_report_figures(out_dir: Path, report: Report, rubric: Rubric) -> dict[str, list[str]]:
    """The student's figures and their sequence over the reference (the dashboard embeds the latter).

    Figures are a courtesy: a figure that cannot be drawn never costs a submission its report."""
    try:
        draw_overlays(out_dir, report, rubric)
        return draw_figures(out_dir, report)
    except Exception:  # matplotlib refusing odd data must not lose a grade
        return {}
