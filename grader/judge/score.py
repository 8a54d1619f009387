"""Score stage: turn a task's snapshot into check results, points and messages a student can act on.

Statuses follow the report schema: ``pass``, ``partial`` and ``fail`` judge a value (partial credit
comes from :mod:`grader.judge.diagnose`); ``missing`` means none of the check's names was defined (or no
figure was drawn) and nothing crashed; ``error`` means the value could not be obtained because the
task's code did not run to the end (a cell raised, the kernel died, time ran out).
"""

from __future__ import annotations

from dataclasses import replace

from grader.judge.diagnose import judge_task, name_absent
from grader.judge.hardcoding import judge_variation, penalise_hard_coded
from grader.load.specs import CheckSpec, TaskSpec
from grader.observe.evidence import Evidence
from grader.observe.locate import Located, locate_task
from grader.records import CellError, CheckResult, Diagnosis, Execution, TaskResult
from grader.run.execute import TIMEOUT_ENAME
from grader.run.segment import Segmentation
from grader.run.variation import Rewrite


def score_task(
    task: TaskSpec,
    segmentation: Segmentation,
    execution: Execution,
    evidence: Evidence,
    rewrite: Rewrite | None = None,
) -> TaskResult:
    """Find the task's values in the notebook's evidence, judge them, and say what was found where.

    A task's cells are those its tags or headings give, else those its values were computed in (the
    report's ``segmentation`` says ``content``)."""
    elsewhere = frozenset(i for other, cells in segmentation.cells.items() if other != task.id for i in cells)
    located = locate_task(task, evidence, elsewhere, crashed=bool(execution.errors))
    method = segmentation.method.get(task.id, "none")
    cells = segmentation.cells.get(task.id, ())
    if not cells and located.cells:
        cells, method = located.cells, "content"
    errors = [error for error in execution.errors if error.cell in cells] or (
        list(execution.errors) if method == "none" or (method == "content" and located.absent) else []
    )
    results: dict[str, CheckResult] = {}
    for check in task.checks:
        if all(item.check.id != check.id for item in located.observed):
            results[check.id] = _absent(task, check, located, execution, errors)
    diagnoses: list[Diagnosis] = []
    variation = None
    if located.observed:
        judgement = judge_task(task, located.observed, located.fitter, located.outside, located.stated)
        results.update(judgement.results)
        diagnoses.extend(judgement.diagnoses)
        variation = judge_variation(
            task,
            judgement,
            located.observed,
            rewrite,
            execution.variant_snapshots.get(task.id),
            execution.variant_missed.get(task.id),
            located.fitter,
        )
        if variation is not None and variation.status == "hard_coded":
            diagnoses.append(penalise_hard_coded(task, results, variation))
        named = {check for diagnosis in diagnoses for check in diagnosis.checks}
        diagnoses.extend(d for d in name_absent(task, results) if not set(d.checks) & named)
    if errors:
        note = f" (note: {_crash(errors[0])})"
        for check_id, result in results.items():
            if result.status in ("fail", "partial") and "(note: " not in result.message:
                results[check_id] = replace(result, message=result.message + note, feedback=result.feedback + note)
    checks = tuple(results[check.id] for check in task.checks)
    return TaskResult(
        id=task.id,
        title=task.title,
        score=round(sum(check.score for check in checks), 10),
        max_score=task.max_score,
        checks=checks,
        diagnoses=tuple(diagnoses),
        cells=cells,
        segmentation=method,
        figures=evidence.figures if task.has_plot else (),
        variation=variation,
        params={name: located.params[name] for name in sorted(task.free_names) if name in located.params},
    )


def _absent(
    task: TaskSpec, check: CheckSpec, located: Located, execution: Execution, errors: list[CellError]
) -> CheckResult:
    """The result of a check whose value was not found, and the true reason why."""
    expected = task.expected[check.quantity]
    missed = execution.missed.get(task.id)
    reason = located.absent.get(check.id, "could not find this value")
    if missed is not None:
        status, message = "error", missed
    elif errors:
        status, message = "error", f"not found: {_crash(errors[0])}, and no value computed before that is this one"
    else:
        status, message = "missing", reason
    return CheckResult(check.id, status, 0.0, check.points, expected, None, message, None, feedback=message)


def _crash(error: CellError) -> str:
    if error.ename == TIMEOUT_ENAME:
        return f"cell {error.cell + 1} ran past its time limit and was stopped"
    detail = f": {error.evalue.strip().rstrip('.')}" if error.evalue.strip() else ""  # no ".," after it
    return f"cell {error.cell + 1} raised {error.ename}{detail}"
