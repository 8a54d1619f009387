"""Score stage: turn a task's snapshot into check results, points and messages a student can act on.

Statuses follow the report schema: ``pass``, ``partial`` and ``fail`` judge a value (partial credit
comes from :mod:`grader.diagnose`); ``missing`` means none of the check's names was defined (or no
figure was drawn) and nothing crashed; ``error`` means the value could not be obtained because the
task's code did not run to the end (a cell raised, the kernel died, time ran out).
"""

from __future__ import annotations

from dataclasses import replace

from grader.diagnose import Observed, judge_task, judge_variation, penalise_hard_coded
from grader.execute import TIMEOUT_ENAME, CellError, Execution
from grader.records import CheckResult, Diagnosis, TaskResult
from grader.rubric import CheckSpec, TaskSpec
from grader.segment import Segmentation
from grader.variation import Rewrite


def score_task(
    task: TaskSpec, segmentation: Segmentation, execution: Execution, rewrite: Rewrite | None = None
) -> TaskResult:
    cells = segmentation.cells.get(task.id, ())
    errors = [error for error in execution.errors if error.cell in cells]
    results: dict[str, CheckResult] = {}
    observed: list[Observed] = []
    for check in task.checks:
        outcome = _observe(task, check, cells, errors, execution)
        if isinstance(outcome, CheckResult):
            results[check.id] = outcome
        else:
            observed.append(outcome)
    diagnoses: list[Diagnosis] = []
    variation = None
    if observed:
        judgement = judge_task(task, observed)
        results.update(judgement.results)
        diagnoses.extend(judgement.diagnoses)
        variation = judge_variation(
            task,
            judgement,
            observed,
            rewrite,
            execution.variant_snapshots.get(task.id),
            execution.variant_missed.get(task.id),
        )
        if variation is not None and variation.status == "hard_coded":
            diagnoses.append(penalise_hard_coded(task, results, variation))
    if errors:
        note = f" (note: {_crash(errors[0])})"
        for check_id, result in results.items():
            if result.status in ("fail", "partial") and "(note: " not in result.message:
                results[check_id] = replace(result, message=result.message + note, feedback=result.feedback + note)
    checks = tuple(results[check.id] for check in task.checks)
    snapshot = execution.snapshots.get(task.id)
    return TaskResult(
        id=task.id,
        title=task.title,
        score=round(sum(check.score for check in checks), 10),
        max_score=task.max_score,
        checks=checks,
        diagnoses=tuple(diagnoses),
        cells=cells,
        segmentation=segmentation.method.get(task.id, "none"),
        figures=snapshot.figures if snapshot is not None and task.has_plot else (),
        variation=variation,
    )


def _observe(
    task: TaskSpec, check: CheckSpec, cells: tuple[int, ...], errors: list[CellError], execution: Execution
) -> CheckResult | Observed:
    """The student's value for ``check``, or the result that says why there is none."""
    expected = task.expected[check.quantity]

    def result(status: str, message: str, name: str | None = None) -> CheckResult:
        return CheckResult(check.id, status, 0.0, check.points, expected, None, message, name, feedback=message)

    if not cells:
        where = f"under a heading '{task.headings[0]}'" if task.headings else "in the task's cell"
        return result(
            "missing",
            f"no code cell found for {task.title}: tag your cell `{task.tag}` or put your code {where}",
        )
    snapshot = execution.snapshots.get(task.id)
    if snapshot is None:
        return result("error", execution.missed.get(task.id, "not graded: the task's cells did not run"))
    if check.compare == "plot":
        if snapshot.figures:
            return Observed(check, "figure", snapshot.figures)
        if errors:
            return result("error", f"no figure was drawn because {_crash(errors[0])}")
        return result("missing", f"no figure was drawn by {task.title}'s code. {check.feedback}".strip())
    name = next((name for name in check.names if name in snapshot.values), None)
    if name is None:
        unreadable = next((name for name in check.names if name in snapshot.problems), None)
        if unreadable is not None:
            return result("fail", f"`{unreadable}` {snapshot.problems[unreadable]}", name=unreadable)
        looked_for = " or ".join(f"`{name}`" for name in check.names)
        if errors:
            return result("error", f"{looked_for} is not defined because {_crash(errors[0])}")
        return result("missing", f"{looked_for} is not defined after the task's last cell")
    return Observed(check, name, snapshot.values[name])


def _crash(error: CellError) -> str:
    if error.ename == TIMEOUT_ENAME:
        return f"cell {error.cell + 1} ran past its time limit and was stopped"
    detail = f": {error.evalue}" if error.evalue else ""
    return f"cell {error.cell + 1} raised {error.ename}{detail}"
