"""Student self-check: the public checks of the rubric on one notebook, or on a live notebook's values.

``grader check NOTEBOOK`` grades the notebook exactly as ``grader grade`` does (same sandbox, same
engine) but with :func:`~grader.load.rubric.public_rubric`: hidden checks are not run at all, and the
hard-coding re-runs are skipped so the answer comes back in about the time a notebook takes to run.
``grader.check()`` inside Jupyter reads the student's *current* variables instead, without re-running
anything (so run it right after the task's cell: Task 2 reassigns ``x``). Neither ever prints an
expected value the rubric hides: they show each check's ``feedback`` text, never its ``message``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.errors import UsageError
from grader.formats.execution import execution_notes
from grader.formats.selfcheck import quiz_items, selfcheck_html, selfcheck_lines
from grader.judge.score import score_task
from grader.load.rubric import load_rubric, public_rubric
from grader.load.specs import Rubric
from grader.load.submissions import SubmissionFile
from grader.observe.evidence import gather
from grader.options import DEFAULT_RUBRIC
from grader.pipeline import grade_submission
from grader.records import Execution, SelfCheckResult
from grader.run.executor import Executor, NbclientExecutor
from grader.run.probe import snapshot_here
from grader.run.segment import Segmentation


class SelfCheck(SelfCheckResult):
    """A :class:`~grader.records.SelfCheckResult` that shows itself: as lines in a terminal, as a block
    in Jupyter (``grader.check()`` returns one, and Jupyter displays it).
    The data is the leaf record; only the display hooks live here, beside their formatter."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return selfcheck_html(self)

    def __repr__(self) -> str:
        return "\n".join(selfcheck_lines(self, colour=False))


def check_notebook(path: Path, rubric: Rubric, executor: Executor | None = None) -> SelfCheck:
    """Run the notebook on a fresh sandboxed kernel and judge its public checks."""
    public = public_rubric(rubric)
    report = grade_submission(SubmissionFile(path.stem, path), public, executor or NbclientExecutor())
    problem = report.message if report.status != "graded" else None
    return SelfCheck(report.tasks, report.quiz, rubric.hidden_checks, problem=problem, execution=report.execution)


def check(task: str | None = None, rubric: Rubric | Path | str | None = None) -> SelfCheck:
    """Check the live notebook's variables against the public checks (``grader.check("descent")``).

    Reads the variables of the kernel this is called from, as the grader's probe would, and judges
    them with the same code; plot checks need the figures' history and run with ``grader check``.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise UsageError("grader.check() reads a running notebook's variables; from a shell, run `grader check FILE`")
    full = rubric if isinstance(rubric, Rubric) else load_rubric(rubric or DEFAULT_RUBRIC)
    public = public_rubric(full, plots=False)
    known = [spec.id for spec in public.tasks]
    if task is not None and task not in known:
        raise UsageError(f"no task {task!r} in the rubric; choose one of {', '.join(known)}")
    chosen = [spec for spec in public.tasks if task is None or spec.id == task]
    snapshot = snapshot_here(None)
    snapshots = {spec.id: snapshot for spec in chosen if snapshot is not None}
    execution = Execution(status="ok", seconds=0.0, snapshots=snapshots)
    segmentation = Segmentation(cells={spec.id: (0,) for spec in chosen}, method={spec.id: "live" for spec in chosen})
    evidence = gather({}, [snapshot] if snapshot is not None else [])
    results = tuple(score_task(spec, segmentation, execution, evidence) for spec in chosen)
    plots = sum(check.compare == "plot" for spec in full.tasks for check in spec.checks if task in (None, spec.id))
    hidden = sum(
        check.visibility == "hidden" for spec in full.tasks for check in spec.checks if task in (None, spec.id)
    )
    return SelfCheck(results, None, hidden, skipped_plots=plots)


def selfcheck_data(result: SelfCheck, notebook: Path | None = None) -> dict[str, Any]:
    """Machine-readable self-check (``grader check --json``, for editors and hooks): public results
    only, and everything the text output shows — the quiz as each question's status and what to add,
    never a score."""
    return {
        **({"notebook": str(notebook)} if notebook is not None else {}),
        "ok": result.ok,
        "passed": result.passed,
        "checks": result.checks,
        "hidden": result.hidden,
        "problem": result.problem,
        "ran": execution_notes(result.execution),
        "tasks": [
            {
                "id": task.id,
                "score": task.score,
                "max_score": task.max_score,
                "checks": [
                    {"id": c.id, "status": c.status, "score": c.score, "feedback": c.feedback or c.message}
                    for c in task.checks
                ],
                "diagnoses": [{"id": d.id, "message": d.message} for d in task.diagnoses],
            }
            for task in result.tasks
        ],
        "quiz": None
        if result.quiz is None
        else [{"id": qid, "status": status, "feedback": detail} for qid, status, detail in quiz_items(result)],
    }


__all__: Sequence[str] = ["SelfCheck", "check", "check_notebook", "selfcheck_data"]
