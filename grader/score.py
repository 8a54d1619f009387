"""Score stage: turn a task's snapshot into check results, points and messages a student can act on.

Statuses follow the report schema: ``pass`` and ``fail`` compare a value; ``missing`` means none of the
check's names was defined and nothing crashed; ``error`` means the value could not be obtained because
the task's code did not run to the end (a cell raised, the kernel died, time ran out).
"""

from __future__ import annotations

from grader.compare import compare
from grader.execute import TIMEOUT_ENAME, CellError, Execution
from grader.records import CheckResult, TaskResult
from grader.rubric import CheckSpec, TaskSpec
from grader.segment import Segmentation


def score_task(task: TaskSpec, segmentation: Segmentation, execution: Execution) -> TaskResult:
    cells = segmentation.cells.get(task.id, ())
    errors = [error for error in execution.errors if error.cell in cells]
    checks = tuple(_score_check(task, check, cells, errors, execution) for check in task.checks)
    return TaskResult(
        id=task.id,
        title=task.title,
        score=sum(check.score for check in checks),
        max_score=task.max_score,
        checks=checks,
        cells=cells,
        segmentation=segmentation.method.get(task.id, "none"),
    )


def _score_check(
    task: TaskSpec, check: CheckSpec, cells: tuple[int, ...], errors: list[CellError], execution: Execution
) -> CheckResult:
    expected = task.expected[check.quantity]

    def result(status: str, message: str, actual: object = None, name: str | None = None) -> CheckResult:
        score = check.points if status == "pass" else 0.0
        return CheckResult(check.id, status, score, check.points, expected, actual, message, name)

    if not cells:
        where = f"under a heading '{task.headings[0]}'" if task.headings else "in the task's cell"
        return result(
            "missing",
            f"no code cell found for {task.title}: tag your cell `{task.tag}` or put your code {where}",
        )
    snapshot = execution.snapshots.get(task.id)
    if snapshot is None:
        return result("error", execution.missed.get(task.id, "not graded: the task's cells did not run"))
    name = next((name for name in check.names if name in snapshot.values), None)
    if name is None:
        unreadable = next((name for name in check.names if name in snapshot.problems), None)
        if unreadable is not None:
            return result("fail", f"`{unreadable}` {snapshot.problems[unreadable]}", name=unreadable)
        looked_for = " or ".join(f"`{name}`" for name in check.names)
        if errors:
            return result("error", f"{looked_for} is not defined because {_crash(errors[0])}")
        return result("missing", f"{looked_for} is not defined after the task's last cell")
    actual = snapshot.values[name]
    comparison = compare(check, name, actual, expected)
    if comparison.passed:
        return result("pass", comparison.message, actual, name)
    message = comparison.message
    if check.feedback:
        message = f"{message}. {check.feedback}"
    if errors:
        message = f"{message} (note: {_crash(errors[0])})"
    return result("fail", message, actual, name)


def _crash(error: CellError) -> str:
    if error.ename == TIMEOUT_ENAME:
        return f"cell {error.cell + 1} ran past its time limit and was stopped"
    detail = f": {error.evalue}" if error.evalue else ""
    return f"cell {error.cell + 1} raised {error.ename}{detail}"
