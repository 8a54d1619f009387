"""Load stage: a rubric file → validated, frozen :class:`Rubric`, with expected values computed.

Rubrics are safe YAML with a ``schema_version``; unknown keys are errors (a typo such as ``rtoll``
would otherwise silently fall back to a default tolerance). Validation collects every problem with its
YAML path and line before raising one :class:`~grader.errors.RubricError`. Expected values come from
``reference/`` at load time, so a rubric whose reference cannot produce a checked quantity fails here,
before any student notebook is run. The reference is found by import path (:mod:`grader.load.references`),
and everything the rubric asks of it (a hook such as ``fit``, a mistake it must reproduce, a feedback
placeholder it must fill) is checked here too.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from grader.load.checks import check_spec, hide_what_gives_away
from grader.load.expectations import check_links, expected_values, free_params, outside_of, reference_params
from grader.load.mistakes import mistake_spec, variation_spec
from grader.load.quizrubric import QuizSpec, load_quiz
from grader.load.specs import (
    CheckSpec,
    FreeParam,
    MistakeSpec,
    Reading,
    Rubric,
    TaskSpec,
    VariationSpec,
)
from grader.load.yamlsource import SCHEMA_VERSION, Problems, check_schema_version, join, load_yaml
from grader.options import ExecutionLimits, limit_problem

__all__ = [
    "SCHEMA_VERSION",
    "CheckSpec",
    "FreeParam",
    "MistakeSpec",
    "Reading",
    "Rubric",
    "TaskSpec",
    "VariationSpec",
    "hidden_check_ids",
    "load_rubric",
    "public_rubric",
]


def hidden_check_ids(rubric: Rubric) -> frozenset[str]:
    """``task.check`` ids of the checks students may not see the verdicts of (``visibility: hidden``)."""
    return frozenset(
        f"{task.id}.{check.id}" for task in rubric.tasks for check in task.checks if check.visibility == "hidden"
    )


def public_rubric(rubric: Rubric, plots: bool = True) -> Rubric:
    """The rubric a student's self-check runs: hidden checks removed (and, with ``plots=False``, plot
    checks), along with every reference to them, so that nothing about a hidden check is computed."""
    tasks = []
    for task in rubric.tasks:
        kept = [check for check in task.checks if check.visibility == "public" and (plots or check.compare != "plot")]
        ids = {check.id for check in kept}
        checks = tuple(
            replace(check, carried_from=tuple(up for up in check.carried_from if up in ids)) for check in kept
        )
        mistakes = tuple(
            replace(mistake, when_failing=tuple(c for c in mistake.when_failing if c in ids))
            for mistake in task.mistakes
            if not mistake.when_failing or any(c in ids for c in mistake.when_failing)
        )
        tasks.append(replace(task, checks=checks, mistakes=mistakes, variation=None))
    return replace(rubric, tasks=tuple(tasks))


def load_rubric(source: Path | str) -> Rubric:
    """Read and validate an assignment rubric (and the quiz file it names), computing expectations.

    Raises :class:`RubricError` listing every problem, e.g.
    ``tasks[1].checks[2].rtol: must be a non-negative number, got -1 (line 57)``.
    """
    doc = load_yaml(Path(source))
    problems = Problems(doc)
    root = problems.mapping(doc.data, "", {"schema_version", "title", "tasks"}, {"limits", "quiz"})
    check_schema_version(root.get("schema_version"), problems)
    problems.raise_if_any()

    title = problems.text(root.get("title"), "title")
    limits = _limits(root.get("limits"), problems)
    raw_tasks = problems.sequence(root.get("tasks"), "tasks")
    folder = doc.source.parent
    tasks = [_task(raw, join("tasks", index), folder, problems) for index, raw in enumerate(raw_tasks)]
    problems.unique([task.id for task in tasks], "tasks", "task")
    quiz: QuizSpec | None = None
    if root.get("quiz") is not None:
        quiz_name = problems.text(root.get("quiz"), "quiz")
        problems.raise_if_any()
        quiz = load_quiz(doc.source.parent / quiz_name)
    problems.raise_if_any()
    return Rubric(
        title=title,
        source=doc.source,
        # the quiz file is part of the rubric: a change to either must change every fingerprint
        sha256=hashlib.sha256(doc.raw + b"\0" + (quiz.raw if quiz is not None else b"")).hexdigest(),
        limits=limits,
        tasks=tuple(tasks),
        quiz=quiz,
    )


def _limits(value: Any, problems: Problems) -> ExecutionLimits:
    """Every field of :class:`ExecutionLimits` may be set; integers stay integers (they become rlimits)."""
    defaults = ExecutionLimits()
    if value is None:
        return defaults
    names = {item.name for item in fields(ExecutionLimits)}
    raw = problems.mapping(value, "limits", set(), names)
    chosen: dict[str, Any] = {}
    for name in sorted(names & set(raw)):
        default = getattr(defaults, name)
        number = problems.number(raw[name], join("limits", name), default, maximum=math.inf)
        if isinstance(default, int) and number != int(number):
            problems.add(join("limits", name), f"must be a whole number, got {raw[name]!r}")
            number = default
        if (problem := limit_problem(name, number)) is not None:
            problems.add(join("limits", name), problem)
            number = default
        chosen[name] = type(default)(number)
    return replace(defaults, **chosen)


def _task(value: Any, path: str, folder: Path, problems: Problems) -> TaskSpec:
    raw = problems.mapping(
        value,
        path,
        {"id", "title", "reference", "checks"},
        {"tag", "headings", "description", "mistakes", "variation"},
    )
    task_id = problems.text(raw.get("id"), join(path, "id"))
    headings = raw.get("headings", [])
    if not isinstance(headings, list) or not all(isinstance(item, str) and item.strip() for item in headings):
        problems.add(join(path, "headings"), "must be a list of non-empty strings")
        headings = []
    function, expected = expected_values(raw.get("reference"), join(path, "reference"), folder, problems)
    checks = [
        check_spec(item, join(join(path, "checks"), index), expected, problems)
        for index, item in enumerate(problems.sequence(raw.get("checks"), join(path, "checks")))
    ]
    problems.unique([check.id for check in checks], join(path, "checks"), "check")
    reference_raw: dict[str, Any] = raw["reference"] if isinstance(raw.get("reference"), dict) else {}
    params = dict(reference_raw.get("params") or {}) if isinstance(reference_raw.get("params"), dict) else {}
    check_links(checks, expected, function, params, path, problems)
    checks = hide_what_gives_away(checks)
    mistakes: list[MistakeSpec] = []
    if raw.get("mistakes") is not None:
        for index, item in enumerate(problems.sequence(raw.get("mistakes"), join(path, "mistakes"))):
            mistake_path = join(join(path, "mistakes"), index)
            mistakes.append(
                mistake_spec(
                    item, mistake_path, checks, function, params, bool(expected), problems, outside_of(reference_raw)
                )
            )
        problems.unique([mistake.id for mistake in mistakes], join(path, "mistakes"), "mistake")
    free = free_params(reference_raw.get("free"), join(join(path, "reference"), "free"), params, mistakes, problems)
    stated = free_params(
        reference_raw.get("stated"), join(join(path, "reference"), "stated"), params, mistakes, problems
    )
    for param in stated:
        if param.name in {item.name for item in free}:
            problems.add(join(join(join(path, "reference"), "stated"), param.name), "is free; list it under free only")
    variation = None
    if raw.get("variation") is not None:
        variation = variation_spec(
            raw["variation"], join(path, "variation"), function, params, bool(expected), problems
        )
    readings = [Reading(None, params, expected)]
    if expected:
        for mistake in mistakes:
            if mistake.accepted:
                for variant in mistake.variants:
                    variant_expected = function.values({**params, **variant})
                    if variant_expected is not None:
                        readings.append(Reading(mistake.id, {**params, **variant}, variant_expected))
    return TaskSpec(
        id=task_id,
        title=problems.text(raw.get("title"), join(path, "title")),
        tag=problems.text(raw.get("tag"), join(path, "tag"), default=f"task:{task_id}"),
        headings=tuple(headings),
        description=str(raw.get("description") or ""),
        reference=function,
        params=params,
        expected=expected,
        checks=tuple(checks),
        mistakes=tuple(mistakes),
        variation=variation,
        readings=tuple(readings),
        free=free,
        stated=stated,
        equivalent=tuple(
            reference_params(item, join(join(join(path, "reference"), "equivalent"), index), function, params, problems)
            for index, item in enumerate(reference_raw.get("equivalent") or [])
        ),
    )
