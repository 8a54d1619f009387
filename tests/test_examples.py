"""Can an instructor write the next assignment without touching grader/?

The two example assignments in ``rubrics/examples/`` (a tanh network with matrix weights, Newton's
method) self-test and grade their example submissions on real kernels; a rubric whose reference lives
in a module outside the package, on ``sys.path``, grades a real notebook; and the Gradescope bundle
carries an example's rubric and reference so that ``run_autograder`` grades with it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, TEST_LIMITS

from grader import Report, grade_batch, load_rubric
from grader.front.gradescope import write_bundle
from grader.front.selftest import run_selftest

EXAMPLES = ROOT / "rubrics" / "examples"
NEWTON = EXAMPLES / "newton" / "newton.yaml"
NETWORK = EXAMPLES / "tanh_network" / "tanh_network.yaml"

pytestmark = pytest.mark.kernel


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, dict[str, Report]]:
    """Each example assignment's example submissions graded once (two workers), by rubric and id, for
    every test that reads their reports."""
    graded = {}
    for rubric_path in (NEWTON, NETWORK):
        out = tmp_path_factory.mktemp(rubric_path.stem)
        result = grade_batch(
            [rubric_path.parent / "submissions"], load_rubric(rubric_path), out, limits=TEST_LIMITS, jobs=2
        )
        graded[rubric_path] = {report.submission.id: report for report in result.reports}
    return graded


@pytest.mark.parametrize("rubric_path", [NEWTON, NETWORK], ids=["newton", "tanh_network"])
def test_an_example_assignment_passes_its_self_test(rubric_path: Path) -> None:
    outcomes = run_selftest(load_rubric(rubric_path), limits=TEST_LIMITS, jobs=2)
    assert [outcome.problems for outcome in outcomes if not outcome.ok] == []
    assert {"solution", "template"} <= {outcome.case.name for outcome in outcomes}
    assert len(outcomes) >= 5  # the solution, the template, a mutant per mistake, a hard-coded one


@pytest.mark.parametrize(
    ("rubric_path", "mistake"),
    [(NEWTON, "newton_sign"), (NETWORK, "tanh_derivative_as_sigmoid")],
    ids=["newton", "tanh_network"],
)
def test_the_example_submissions_grade_as_their_names_say(
    rubric_path: Path, mistake: str, example_reports: dict[Path, dict[str, Report]]
) -> None:
    rubric = load_rubric(rubric_path)
    reports = example_reports[rubric_path]
    assert set(reports) == {"correct", mistake}
    assert reports["correct"].score == rubric.max_score
    wrong = reports[mistake]
    assert 0 < wrong.score < rubric.max_score
    assert [d.id for d in wrong.tasks[0].diagnoses] == [mistake]


def test_a_matrix_answer_is_told_where_it_first_differs(example_reports: dict[Path, dict[str, Report]]) -> None:
    """The network's wrong dL/dW1 is named by its first wrong element, and the update that follows it
    earns its point by error carried forward from the student's own (array) gradient."""
    report = example_reports[NETWORK]["tanh_derivative_as_sigmoid"]
    checks = {check.id: check for check in report.tasks[0].checks}
    assert checks["dL_dW1"].message.startswith("`dL_dW1` first differs at [0, 0]: is -0.1494, expected -0.5935")
    assert checks["W1"].basis == "carried" and checks["W1"].score == checks["W1"].max_score
    assert checks["h"].status == "pass" and checks["dL_dW2"].status == "pass"


def test_a_reference_outside_the_package_grades_a_real_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reference is a module in a folder on sys.path, not beside the rubric and not in the
    package; two worker processes (spawned) must import it again by name."""
    modules = tmp_path / "modules"
    modules.mkdir()
    shutil.copy(NEWTON.parent / "newton.py", modules / "course_newton_outside.py")
    monkeypatch.syspath_prepend(str(modules))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(modules), os.environ.get("PYTHONPATH", "")]))
    folder = tmp_path / "rubric"
    folder.mkdir()
    text = NEWTON.read_text(encoding="utf-8").replace("newton:newton_method", "course_newton_outside:newton_method")
    (folder / "newton.yaml").write_text(text, encoding="utf-8")
    rubric = load_rubric(folder / "newton.yaml")
    assert rubric.tasks[0].reference.origin == str(modules / "course_newton_outside.py")
    result = grade_batch([NEWTON.parent / "submissions"], rubric, tmp_path / "out", limits=TEST_LIMITS, jobs=2)
    reports = {report.submission.id: report for report in result.reports}
    assert reports["correct"].score == rubric.max_score == 4
    assert reports["newton_sign"].score == pytest.approx(1.75)  # 0.25 of 3 for the iterates, the root carried
    assert [d.id for d in reports["newton_sign"].tasks[0].diagnoses] == ["newton_sign"]


def test_the_gradescope_bundle_carries_the_rubric_and_run_autograder_uses_it(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "autograder.zip", load_rubric(NEWTON))
    root = tmp_path / "autograder"
    with zipfile.ZipFile(bundle) as zipped:
        assert {"rubric/newton.yaml", "rubric/newton.py"} <= set(zipped.namelist())
        zipped.extractall(root / "source")
    (root / "submission").mkdir()
    shutil.copy(NEWTON.parent / "submissions" / "newton_sign.ipynb", root / "submission" / "homework.ipynb")
    grader_bin = shutil.which("grader") or str(Path(sys.executable).parent / "grader")
    done = subprocess.run(
        ["bash", str(root / "source" / "run_autograder")],
        env={**os.environ, "AUTOGRADER_ROOT": str(root), "GRADER": grader_bin},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert results["score"] == pytest.approx(1.75)
    assert "moves away from the root" in json.dumps(results)  # the rubric's feedback for the named mistake


def test_a_bundle_refuses_a_reference_it_would_not_carry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modules = tmp_path / "modules"
    modules.mkdir()
    shutil.copy(NEWTON.parent / "newton.py", modules / "course_newton_elsewhere.py")
    monkeypatch.syspath_prepend(str(modules))
    text = NEWTON.read_text(encoding="utf-8").replace("newton:newton_method", "course_newton_elsewhere:newton_method")
    (tmp_path / "newton.yaml").write_text(text, encoding="utf-8")
    from grader.errors import UsageError

    with pytest.raises(UsageError, match="outside the rubric's folder, so the bundle would not carry it"):
        write_bundle(tmp_path / "autograder.zip", load_rubric(tmp_path / "newton.yaml"))
