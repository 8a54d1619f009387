"""Gradescope: results.json in the documented format, the run_autograder script, the upload zip.

The format check follows Gradescope's autograder specification: top-level ``score`` (number),
optional ``execution_time``, ``output``, ``output_format`` (text, html, simple_format, md, ansi),
``tests`` (each with optional ``score``, ``max_score``, ``status`` passed|failed, ``name``,
``number``, ``output``, ``tags``, ``visibility`` hidden|after_due_date|after_published|visible).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT, run_grader

from grader import Rubric

TOP = {"score": (int, float), "execution_time": (int, float), "output": str, "output_format": str, "tests": list}
TEST = {
    "score": (int, float),
    "max_score": (int, float),
    "status": str,
    "name": str,
    "number": str,
    "output": str,
    "tags": list,
    "visibility": str,
}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def assert_gradescope_format(results: dict[str, Any]) -> None:
    assert set(results) <= set(TOP) | {"visibility", "stdout_visibility", "extra_data", "leaderboard"}
    for key, kind in TOP.items():
        if key in results:
            assert isinstance(results[key], kind), key
    assert results.get("output_format", "text") in FORMATS
    for test in results["tests"]:
        assert set(test) <= set(TEST) | {"extra_data", "name_format", "output_format"}
        for key, kind in TEST.items():
            if key in test:
                assert isinstance(test[key], kind), (key, test)
        assert test.get("status", "passed") in ("passed", "failed")
        assert test.get("visibility", "visible") in VISIBILITIES
    json.dumps(results, allow_nan=False)  # strict JSON


def run_autograder(root: Path) -> subprocess.CompletedProcess[str]:
    grader_bin = shutil.which("grader") or str(Path(sys.executable).parent / "grader")
    return subprocess.run(
        ["bash", str(ROOT / "grader" / "data" / "gradescope" / "run_autograder")],
        env={**os.environ, "AUTOGRADER_ROOT": str(root), "GRADER": grader_bin},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def bob_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("autograder")
    (root / "submission").mkdir()
    shutil.copy(EXAMPLES / "bob_sign_mistake.ipynb", root / "submission" / "homework.ipynb")
    result = run_autograder(root)
    assert result.returncode == 0, result.stderr
    return json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))


@pytest.mark.kernel
def test_results_json_follows_the_documented_format(bob_results: dict[str, Any], rubric: Rubric) -> None:
    assert_gradescope_format(bob_results)
    assert bob_results["score"] == pytest.approx(sum(test["score"] for test in bob_results["tests"]))
    checks = sum(len(task.checks) for task in rubric.tasks)
    assert len(bob_results["tests"]) == checks + len(rubric.quiz.questions)
    assert "gradient sign" in bob_results["output"]
    # a quiz answer passes when it covers every idea, as `grader check` says; a partial one says what to add
    quiz = [test for test in bob_results["tests"] if test["name"].startswith("Quiz: ")]
    for test in quiz:
        if test["status"] == "failed":
            assert test["output"].startswith(("Could also discuss", "No answer found")), test["output"]
        else:
            assert test["output"].startswith("Covers the main ideas"), test["output"]


@pytest.mark.kernel
def test_hidden_checks_are_shown_after_publishing_and_reveal_no_hidden_answer(
    bob_results: dict[str, Any], rubric: Rubric
) -> None:
    by_name = {test["name"]: test for test in bob_results["tests"]}
    for task in rubric.tasks:
        for check in task.checks:
            test = by_name[f"{task.title}: {check.id}"]
            wanted = "after_published" if check.visibility == "hidden" else "visible"
            assert test["visibility"] == wanted


@pytest.mark.kernel
def test_an_empty_submission_still_gets_results(tmp_path: Path) -> None:
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission" / "notes.txt").write_text("oops", encoding="utf-8")
    assert run_autograder(tmp_path).returncode == 0
    results = json.loads((tmp_path / "results" / "results.json").read_text(encoding="utf-8"))
    assert_gradescope_format(results)
    assert results["score"] == 0 and "No Jupyter notebook" in results["output"]


def test_the_bundle_holds_executable_scripts_and_an_installable_source(tmp_path: Path) -> None:
    result = run_grader("gradescope-bundle", "--out", str(tmp_path / "autograder.zip"), timeout=60)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "autograder.zip") as bundle:
        names = set(bundle.namelist())
        assert {"setup.sh", "run_autograder", "pyproject.toml", "rubrics/assignment.yaml"} <= names
        assert "reference/solution.py" in names and not any("__pycache__" in name for name in names)
        for script in ("setup.sh", "run_autograder"):
            assert (bundle.getinfo(script).external_attr >> 16) & 0o111
        assert b"pip install" in bundle.read("setup.sh")


@pytest.mark.kernel  # no kernel, but it builds and installs the package twice: not the fast loop
def test_the_bundle_is_made_from_an_installed_package_too(tmp_path: Path) -> None:
    """After `pip install .` there is no checkout beside the package: the bundle still holds the real
    pyproject.toml and README, and its source builds and installs."""
    installed = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile", "--target"]
    subprocess.run([*pip, str(installed), str(ROOT)], check=True, capture_output=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(installed)}  # before the development install on sys.path
    where = subprocess.run(
        [sys.executable, "-c", "import grader; print(grader.__file__)"],
        cwd=tmp_path,  # not the checkout, which `python -c` would put first on sys.path
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert where.stdout.startswith(str(installed)), where.stdout + where.stderr
    zipped = tmp_path / "autograder.zip"
    result = run_grader("gradescope-bundle", "--out", str(zipped), timeout=60, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(zipped) as bundle:
        assert bundle.read("pyproject.toml") == (ROOT / "pyproject.toml").read_bytes()
        assert bundle.read("README.md") == (ROOT / "README.md").read_bytes()
        assert bundle.read("grader/front/cli.py") == (ROOT / "grader" / "front" / "cli.py").read_bytes()
        bundle.extractall(tmp_path / "source")
    subprocess.run([*pip, str(tmp_path / "again"), str(tmp_path / "source")], check=True, timeout=300)
    assert (tmp_path / "again" / "grader" / "front" / "cli.py").is_file()
