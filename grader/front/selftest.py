"""Rubric self-test: does the rubric reject known-wrong work, and credit it as it says?

``grader selftest`` writes, from ``reference/solution.py``: the reference solution (must earn every
point of every task), the untouched template (must earn none), one *mutant* per catalogued mistake and
variant (the solution with that mistake written in: it must be diagnosed as that mistake and earn the
points the rubric intends), and one *hard-coded* mutant per task with a variation (the solution's
values typed in at the end: it must be flagged). Everything is graded by the real pipeline on real
kernels. The intended points are worked out here from the rubric and the reference alone — never
from the grader's own report — so a regression in extraction, diagnosis or scoring shows up as a
difference.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from grader.batch.grade import default_jobs, grade_batch
from grader.errors import ReferenceUnusable
from grader.front.template import build_template, filled_template, stable_cell_ids
from grader.judge.compare import same_quantity
from grader.judge.plots import DATA_SHARE
from grader.load.specs import CheckSpec, MistakeSpec, Reading, Rubric, TaskSpec
from grader.options import ExecutionLimits
from grader.records import Report


@dataclass(frozen=True, slots=True)
class Case:
    """One notebook of the self-test and what the rubric says it must get."""

    name: str
    #: task id → the score the task must get
    expected: Mapping[str, float]
    #: task id → the diagnosis id that must be reported for it
    diagnosis: Mapping[str, str]
    sources: Mapping[str, str]
    #: tasks holding known-wrong work, which must not earn every point whatever the rubric intends
    wrong: tuple[str, ...] = ()
    #: accepted readings whose note is optional (the grader may grade a value the reading does not touch)
    noted_if_followed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    case: Case
    scores: Mapping[str, float]
    diagnoses: Mapping[str, tuple[str, ...]]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def build_cases(rubric: Rubric) -> list[Case]:
    """The solution, the template, every mutant and every hard-coded mutant of ``rubric``."""
    lacking = [task for task in rubric.tasks if task.reference.solution is None]
    if lacking:
        named = "; ".join(f"task {task.id!r} (reference {task.reference.name!r})" for task in lacking)
        raise ReferenceUnusable(
            f"{rubric.source}: grader selftest writes each task's solution, but {named} has no "
            "`solution(params) -> str` function in its reference module; add one (see the README)"
        )
    solution = {task.id: task.reference.render(task.params) for task in rubric.tasks}
    full = {task.id: task.max_score for task in rubric.tasks}
    cases = [
        Case("solution", full, {}, solution),
        Case("template", dict.fromkeys(full, 0.0), {}, {}),
    ]
    for task in rubric.tasks:
        for mistake in task.mistakes:
            for index, params in enumerate(mistake.mutants):
                suffix = f"-{index + 1}" if len(mistake.mutants) > 1 else ""
                source = task.reference.render({**task.params, **params})
                cases.append(
                    Case(
                        f"{task.id}-{mistake.id}{suffix}",
                        {**full, task.id: intended_score(task, mistake, params)},
                        {task.id: mistake.id},
                        {**solution, task.id: source},
                        () if mistake.accepted else (task.id,),
                        (mistake.id,) if mistake.accepted else (),
                    )
                )
        if task.variation is not None:
            cases.append(
                Case(
                    f"{task.id}-hard_coded",
                    {**full, task.id: hard_coded_score(task)},
                    {task.id: "hard_coded"},
                    {**solution, task.id: typed_in(task)},
                    (task.id,),
                )
            )
    return cases


def intended_score(task: TaskSpec, mistake: MistakeSpec, params: Mapping[str, Any]) -> float:
    """What the rubric says a notebook with only this mistake earns on ``task``."""
    if mistake.accepted:
        return task.max_score
    values = task.reference.evaluate({**task.params, **params})
    # the mutant is judged against the reading it follows most (the grader's choice too): a gradient
    # of the other MSE convention matches that convention's gradients and misses only its loss
    reading = max(task.readings, key=lambda r: sum(same_quantity(c, values, r.expected) for c in task.checks))
    expected = reading.expected
    total = 0.0
    for check in task.checks:
        same = same_quantity(check, values, expected)
        if check.compare == "plot" and params.get("plot") == "none":
            total += check.points * (mistake.credit if check.id in mistake.when_failing else 0.0)
            continue  # a solution that draws nothing
        if check.compare == "plot":
            # the mutant plots f along its own descent: error carried forward where the rubric says so
            # (a free parameter outside its range is the whole task's mistake: its credit binds the plot)
            outside = any(param.outside == mistake.id for param in task.free)
            carried = check.carried_credit if check.carried_from and not outside else 0.0
            data = 1.0 if same else max(mistake.credit, carried)
            total += check.points * ((DATA_SHARE * data + 1 - DATA_SHARE) if check.requires else data)
            continue
        if same:
            total += check.points
            continue
        credit = mistake.credit if (not mistake.when_failing or check.id in mistake.when_failing) else 0.0
        if _carried(task, check, values, reading):
            credit = max(credit, check.carried_credit)
        total += check.points * credit
    return round(total, 10)


def hard_coded_score(task: TaskSpec) -> float:
    """Checks whose reference value moves with the variation's parameters were typed in: they keep the
    variation's credit; the others (and plots, which the variation does not look at) keep everything."""
    assert task.variation is not None
    varied = task.reference.evaluate({**task.params, **task.variation.params})
    total = 0.0
    for check in task.checks:
        moved = check.compare != "plot" and not same_quantity(check, varied, task.expected)
        total += check.points * (task.variation.credit if moved else 1.0)
    return round(total, 10)


def typed_in(task: TaskSpec) -> str:
    """A task done by typing its answers in and computing nothing: the parameters are set (and read,
    so the variation can rewrite them), each checked value is a literal under one of its names, and a
    plot check draws the typed values. The grader finds every value — it just was not computed."""
    assert task.variation is not None
    lines = ["# answers typed in, nothing computed"]
    params = [names[0] for parameter, names in task.variation.names.items() if parameter in task.variation.params]
    for parameter, names in task.variation.names.items():
        if parameter in task.variation.params:
            lines.append(f"{names[0]} = {_literal(task.params[parameter])}")
    if params:
        lines.append(f"_parameters = ({', '.join(params)},)")
    used: set[str] = set()
    for check in task.checks:
        if check.compare == "plot":
            along = task.expected[check.along] if check.along else list(range(len(task.expected[check.quantity])))
            lines += [
                "import matplotlib.pyplot as plt",
                f"plt.plot({_literal(along)}, {_literal(task.expected[check.quantity])})",
                'plt.title("typed in")\nplt.xlabel("x")\nplt.ylabel("y")\nplt.show()',
            ]
            continue
        name = next((n for n in check.names if n not in used), check.names[0])
        used.add(name)
        lines.append(f"{name} = {_literal(task.expected[check.quantity])}")
    return "\n".join(lines) + "\n"


def _literal(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return repr(float(value))


def _carried(task: TaskSpec, check: CheckSpec, values: Mapping[str, Any], reading: Reading) -> bool:
    """Whether the reference, started from the mutant's own upstream values, gives the mutant's value."""
    if not check.carried_from:
        return False
    upstream = [task.check(check_id) for check_id in check.carried_from]
    if all(same_quantity(up, values, reading.expected) for up in upstream):
        return False
    given = {up.quantity: values[up.quantity] for up in upstream}
    carried = task.reference.evaluate({**reading.params, "given": given})
    return same_quantity(check, carried, values)


def run_selftest(
    rubric: Rubric,
    limits: ExecutionLimits | None = None,
    jobs: int | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    only: Callable[[Case], bool] | None = None,
) -> list[Outcome]:
    """Write every case (or those ``only`` keeps) as a notebook, grade them with the real pipeline, compare."""
    cases = [case for case in build_cases(rubric) if only is None or only(case)]
    with tempfile.TemporaryDirectory(prefix="grader-selftest-") as scratch:
        folder = Path(scratch) / "notebooks"
        folder.mkdir()
        for case in cases:
            answers = {rubric.task(task_id).tag: source for task_id, source in case.sources.items()}
            notebook = filled_template(rubric, answers) if answers else build_template(rubric)
            stable_cell_ids(notebook)
            (folder / f"{case.name}.ipynb").write_text(nbformat.writes(notebook), encoding="utf-8")
        result = grade_batch([folder], rubric, Path(scratch) / "out", limits=limits, jobs=jobs or default_jobs())
        reports = {report.submission.id: report for report in result.reports}
    outcomes = [_outcome(case, reports.get(case.name)) for case in cases]
    for outcome in outcomes:
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes


def _outcome(case: Case, report: Report | None) -> Outcome:
    if report is None or report.status != "graded":
        why = "no report" if report is None else f"{report.status}: {report.message}"
        return Outcome(case, {}, {}, (f"not graded ({why})",))
    scores = {task.id: task.score for task in report.tasks}
    diagnoses = {task.id: tuple(d.id for d in task.diagnoses) for task in report.tasks}
    problems = []
    for task_id, expected in case.expected.items():
        if abs(scores.get(task_id, -1.0) - expected) > 1e-9:
            problems.append(f"{task_id}: scored {scores.get(task_id, 0.0):g}, the rubric intends {expected:g}")
    for task_id in case.wrong:
        task = next(task for task in report.tasks if task.id == task_id)
        if task.score >= task.max_score:
            problems.append(f"{task_id}: known-wrong work earned every point; the rubric does not reject it")
    for task_id, diagnosis in case.diagnosis.items():
        if diagnosis in case.noted_if_followed:
            continue  # an accepted reading earns full marks; it is noted only where the graded value shows it
        if diagnosis not in diagnoses.get(task_id, ()):
            found = ", ".join(diagnoses.get(task_id, ())) or "none"
            problems.append(f"{task_id}: diagnosis {diagnosis!r} missing (found: {found})")
    for task_id, named in diagnoses.items():
        named = tuple(n for n in named if n not in case.noted_if_followed)
        if task_id not in case.diagnosis and named:
            problems.append(f"{task_id}: unexpected diagnoses {', '.join(named)}")
    return Outcome(case, scores, diagnoses, tuple(problems))


__all__ = ["Case", "Outcome", "build_cases", "hard_coded_score", "intended_score", "run_selftest"]
