"""Does a rubric find its reference by import path, and say what the reference lacks before grading?"""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest
from conftest import rubric_problems

from grader import load_rubric
from grader.batch.cache import ReportCache
from grader.errors import ReferenceUnusable
from grader.front.selftest import build_cases
from grader.load.references import load_reference
from grader.options import ExecutionLimits

#: A reference with every hook but the solution: one step of Newton's method on f(x) = x² − 2.
MODULE = """
from dataclasses import dataclass

MISTAKES = ("newton_sign",)
GIVEN = ("x1",)


@dataclass(frozen=True)
class Step:
    x1: float
    x2: float


def newton_two_steps(x0=1.0, mistake=None, given=None):
    sign = 1.0 if mistake == "newton_sign" else -1.0
    step = lambda x: x + sign * (x * x - 2.0) / (2.0 * x)
    x1 = float(given["x1"]) if given else step(x0)
    return Step(x1, step(x1))


def fit(values, params):
    return {"x0": 1.0}
"""

RUBRIC = """
schema_version: 1
title: Newton, two steps
tasks:
  - id: newton
    title: Newton
    reference:
      function: {function}
      params: {{x0: 1.0}}
    checks:
      - {{id: x1, names: [x1], quantity: x1, compare: scalar, points: 1}}
      - {{id: x2, names: [x2], quantity: x2, compare: scalar, points: 1, carried_from: [x1]}}
    mistakes:
{mistakes}
"""

SIGN = """      - id: sign
        params: {mistake: newton_sign}
        credit: 0.5
        feedback: Newton steps x - f(x)/f'(x); yours adds it (official start {official[x0]:g})."""


def write(folder: Path, function: str, mistakes: str = SIGN, module: str = MODULE, name: str = "newton2") -> Path:
    (folder / f"{name}.py").write_text(textwrap.dedent(module), encoding="utf-8")
    path = folder / "rubric.yaml"
    path.write_text(RUBRIC.format(function=function, mistakes=mistakes), encoding="utf-8")
    return path


def test_a_module_beside_the_rubric_is_the_reference(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, "newton2:newton_two_steps"))
    task = rubric.task("newton")
    assert task.expected == {"x1": 1.5, "x2": pytest.approx(1.4166666666666667)}
    assert task.reference.mistakes == ("newton_sign",)
    assert [m.id for m in task.mistakes] == ["sign"]


def test_a_reference_pickles_as_its_name_and_is_imported_again(tmp_path: Path) -> None:
    """Pool workers receive the rubric pickled; the reference must travel as a name, not as code."""
    reference = load_rubric(write(tmp_path, "newton2:newton_two_steps")).task("newton").reference
    again = pickle.loads(pickle.dumps(reference))
    assert again.name == reference.name and again.fingerprint == reference.fingerprint
    assert again.evaluate({"x0": 2.0}) == reference.evaluate({"x0": 2.0})


def test_the_bundled_names_go_through_the_same_seam() -> None:
    descent = load_reference("descent_on_course_function")
    assert descent.fit is not None and descent.solution is not None and descent.given == ("xs",)
    assert descent.values({"steps": 2, "plot": "none"}) is not None  # plot is presentation only


def test_an_unimportable_module_is_named_with_its_yaml_line(tmp_path: Path) -> None:
    found = rubric_problems(write(tmp_path, "no_such_module:step"))
    assert len(found) == 1
    assert found[0].startswith("tasks[0].reference.function: unknown reference 'no_such_module:step': cannot import")
    assert found[0].endswith("(line 8)")


def test_a_missing_function_is_named(tmp_path: Path) -> None:
    found = rubric_problems(write(tmp_path, "newton2:newton_three_steps"))
    assert "has no function 'newton_three_steps'" in found[0]


def test_a_fit_mistake_needs_the_fit_hook(tmp_path: Path) -> None:
    without_fit = MODULE.replace("def fit(", "def not_fit(")
    mistake = "      - {id: start, fit: [x0], credit: 0, feedback: 'You started at {x0}.'}"
    found = rubric_problems(write(tmp_path, "newton2:newton_two_steps", mistake, without_fit))
    assert found == [
        "tasks[0].mistakes[0].fit: reference 'newton2:newton_two_steps' cannot infer parameters from a student's "
        "values: its module has no fit(values, params) function (line 14)"
    ]


def test_a_mistake_the_reference_cannot_reproduce_is_named(tmp_path: Path) -> None:
    found = rubric_problems(write(tmp_path, "newton2:newton_two_steps", SIGN.replace("newton_sign}", "newton_sing}")))
    assert len(found) == 1
    assert "cannot reproduce mistake 'newton_sing' (its MISTAKES: newton_sign)" in found[0]


def test_carried_from_needs_a_quantity_the_reference_can_start_from(tmp_path: Path) -> None:
    found = rubric_problems(write(tmp_path, "newton2:newton_two_steps", module=MODULE.replace('("x1",)', '("x2",)')))
    assert len(found) == 1
    assert found[0].startswith("tasks[0].checks[1].carried_from: reference 'newton2:newton_two_steps' cannot start")
    assert "(its GIVEN: x2)" in found[0]


def test_a_misspelt_feedback_placeholder_is_refused(tmp_path: Path) -> None:
    found = rubric_problems(
        write(tmp_path, "newton2:newton_two_steps", SIGN.replace("{official[x0]:g}", "{offical[x0]}"))
    )
    assert len(found) == 1
    assert found[0].startswith("tasks[0].mistakes[0].feedback: unknown placeholder {offical[x0]}")
    found = rubric_problems(write(tmp_path, "newton2:newton_two_steps", SIGN.replace("official[x0]", "official[x9]")))
    assert found[0].startswith("tasks[0].mistakes[0].feedback: placeholder {official[x9]} names no parameter")


def test_a_bad_rubric_reference_exits_2(tmp_path: Path) -> None:
    from grader.front.cli import main

    assert main(["selftest", "--rubric", str(write(tmp_path, "no_such_module:step"))]) == 2


def test_selftest_says_which_reference_lacks_a_solution(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, "newton2:newton_two_steps"))
    with pytest.raises(ReferenceUnusable, match=r"task 'newton' \(reference 'newton2:newton_two_steps'\) has no"):
        build_cases(rubric)


def test_the_cache_key_follows_the_reference_source(tmp_path: Path) -> None:
    """An edit to the instructor's module changes expected values: no cached grade may survive it."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = load_rubric(write(tmp_path / "one", "newton2:newton_two_steps"))
    second = load_rubric(write(tmp_path / "two", "newton2:newton_two_steps", module=MODULE + "\n# edited\n"))
    assert first.sha256 == second.sha256  # the same YAML
    cache = ReportCache(tmp_path / "cache", tmp_path / "key")
    limits = ExecutionLimits()
    assert cache.key("nb", first, limits, "none") != cache.key("nb", second, limits, "none")


def test_array_checks_are_validated_against_the_reference_shape(tmp_path: Path) -> None:
    mistakes = SIGN + "\n"
    rubric = RUBRIC.replace(
        "{{id: x2, names: [x2], quantity: x2, compare: scalar, points: 1, carried_from: [x1]}}",
        "{{id: x2, names: [x2], quantity: x2, compare: array, orientation: free, points: 1}}",
    )
    (tmp_path / "newton2.py").write_text(textwrap.dedent(MODULE), encoding="utf-8")
    path = tmp_path / "rubric.yaml"
    path.write_text(rubric.format(function="newton2:newton_two_steps", mistakes=mistakes), encoding="utf-8")
    found = rubric_problems(path)
    assert found == ["tasks[0].checks[1].compare: 'array' does not fit the shape of quantity 'x2' (line 12)"]
    path.write_text(
        rubric.replace("compare: array, orientation: free", "compare: scalar, orientation: free").format(
            function="newton2:newton_two_steps", mistakes=mistakes
        ),
        encoding="utf-8",
    )
    assert rubric_problems(path) == ["tasks[0].checks[1].orientation: only an array check has an orientation (line 12)"]


def test_a_module_alone_is_a_reference_through_its_evaluate(tmp_path: Path) -> None:
    """``function: newton3`` names a module implementing the protocol: its ``evaluate`` computes."""
    module = MODULE.replace("def newton_two_steps(", "def evaluate(")
    rubric = load_rubric(write(tmp_path, "newton3", module=module, name="newton3"))
    assert rubric.task("newton").expected["x1"] == 1.5
    found = rubric_problems(write(tmp_path, "newton4", module=MODULE, name="newton4"))
    assert "has no function `evaluate` (or name one: module:function)" in found[0]
