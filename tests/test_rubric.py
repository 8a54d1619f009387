"""Does a bad rubric fail early, with every problem named by YAML path and line?"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import rubric_problems

from grader import RubricError, load_rubric
from grader.load.rubric import SCHEMA_VERSION
from grader.options import DEFAULT_RUBRIC


def write_variant(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    """Copy the bundled rubric (and its quiz) with ``edit`` applied to the parsed data."""
    data = yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "quiz.yaml").write_text((DEFAULT_RUBRIC.parent / "quiz.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "rubric.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_bundled_rubric_loads_with_expectations_from_reference(rubric) -> None:  # type: ignore[no-untyped-def]
    descent = rubric.task("descent")
    assert len(descent.expected["trajectory"]) == descent.params["steps"]
    assert rubric.assignment_max_score == sum(check.points for task in rubric.tasks for check in task.checks)
    assert rubric.max_score == rubric.assignment_max_score + rubric.quiz.max_score
    assert [q.tag for q in rubric.quiz.questions] == [f"quiz:q{n}" for n in range(1, 6)]


def test_negative_tolerance_names_its_path_and_line(tmp_path: Path) -> None:
    path = write_variant(
        tmp_path, lambda d: d["tasks"][1]["checks"].__setitem__(2, {**d["tasks"][1]["checks"][2], "rtol": -1})
    )
    found = rubric_problems(path)
    assert len(found) == 1
    assert found[0].startswith("tasks[1].checks[2].rtol: must be a non-negative number, got -1 (line ")
    line = int(found[0].rsplit("line ", 1)[1].rstrip(")"))
    assert "rtol" in path.read_text().splitlines()[line - 1]


def test_all_problems_are_collected_before_raising(tmp_path: Path) -> None:
    def edit(data: dict) -> None:
        data["tasks"][0]["checks"][0]["rtoll"] = 1e-3
        data["tasks"][0]["checks"][1]["compare"] = "fuzzy"
        data["tasks"][1]["reference"]["function"] = "backprop_stepp"
        data["tasks"][1]["checks"][0]["names"] = ["not a name"]

    found = rubric_problems(write_variant(tmp_path, edit))
    assert any(p.startswith("tasks[0].checks[0].rtoll: unknown key") for p in found)
    assert any(p.startswith("tasks[0].checks[1].compare: must be one of scalar, sequence, pairs") for p in found)
    assert any(p.startswith("tasks[1].reference.function: unknown reference 'backprop_stepp'") for p in found)
    assert any(p.startswith("tasks[1].checks[0].names: must be a list of Python variable names") for p in found)


def test_quantity_the_reference_does_not_produce(tmp_path: Path) -> None:
    found = rubric_problems(
        write_variant(tmp_path, lambda d: d["tasks"][1]["checks"][0].__setitem__("quantity", "hidden"))
    )
    assert found[0].startswith("tasks[1].checks[0].quantity: the reference has no quantity 'hidden'")


def test_reference_parameters_are_checked_against_its_signature(tmp_path: Path) -> None:
    found = rubric_problems(
        write_variant(tmp_path, lambda d: d["tasks"][0]["reference"]["params"].__setitem__("momentum", 0.9))
    )
    assert found[0].startswith("tasks[0].reference.params: do not fit reference 'descent_on_course_function'")


def test_comparison_must_fit_the_quantity_shape(tmp_path: Path) -> None:
    found = rubric_problems(
        write_variant(tmp_path, lambda d: d["tasks"][0]["checks"][0].__setitem__("compare", "scalar"))
    )
    assert found[0].startswith("tasks[0].checks[0].compare: 'scalar' does not fit the shape of quantity 'xs'")


def test_duplicate_check_ids(tmp_path: Path) -> None:
    found = rubric_problems(write_variant(tmp_path, lambda d: d["tasks"][1]["checks"][1].__setitem__("id", "h")))
    assert found[0].startswith("tasks[1].checks[1].id: duplicate check id 'h'")


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (SCHEMA_VERSION + 1, "newer than this grader understands"),
        (0, "older than the oldest supported"),
        ("1", "must be the integer"),
    ],
)
def test_schema_version_too_new_too_old_or_wrong_type(tmp_path: Path, version: object, expected: str) -> None:
    found = rubric_problems(write_variant(tmp_path, lambda d: d.__setitem__("schema_version", version)))
    assert found[0].startswith("schema_version: ") and expected in found[0]


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\ntitle: x\ntasks:\n  - id: [unclosed\n", encoding="utf-8")
    found = rubric_problems(path)
    assert found[0].startswith("<yaml>: not valid YAML") and "(line " in found[0]


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "unsafe.yaml"
    path.write_text("schema_version: !!python/object/apply:os.getcwd []\n", encoding="utf-8")
    assert rubric_problems(path)[0].startswith("<yaml>: not valid YAML")


def test_missing_rubric_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="cannot read"):
        load_rubric(tmp_path / "nope.yaml")


def test_error_message_says_the_file_and_the_fix(tmp_path: Path) -> None:
    path = write_variant(tmp_path, lambda d: d["limits"].__setitem__("cell_timeout", "soon"))
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    text = str(caught.value)
    assert str(path) in text and "limits.cell_timeout" in text and "Fix the rubric" in text


def test_a_value_computed_from_a_hidden_answer_hides_its_own_expected_value(tmp_path: Path) -> None:
    """The updated w1 = 0.5 − 0.1·dL/dw1 would give away the gradient the rubric hides: a check
    carried from a check with ``show_expected: false`` hides its own expected value too."""
    raw = yaml.safe_load(DEFAULT_RUBRIC.read_text())
    backprop = next(task for task in raw["tasks"] if task["id"] == "backprop")
    shown = {check["id"] for check in backprop["checks"] if check.get("show_expected", True)}
    assert {"w1", "w2"} <= shown  # the file does not say so for the weights ...
    checks = {check.id: check for check in load_rubric(DEFAULT_RUBRIC).task("backprop").checks}
    assert not checks["w1"].show_expected and not checks["w2"].show_expected  # ... the loader does
    assert checks["h"].show_expected and checks["loss"].show_expected  # upstream values stay shown
