"""Are an instructor's decisions merged, recorded with who and why, validated, and kept across re-grades?"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import EXAMPLES, NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch
from grader.batch.overrides import OverridesError, load_overrides
from grader.front.cli import EXIT_OK, EXIT_USAGE, main

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import FULL_ANSWERS, filled


def write(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text(yaml.safe_dump({"schema_version": 1, "overrides": entries}, sort_keys=False))
    return path


@pytest.mark.kernel
def test_override_merges_into_report_and_gradebook_and_survives_regrading(tmp_path: Path, rubric: Rubric) -> None:
    entries = [
        {
            "submission": "bob_sign_mistake",
            "question": "q3",
            "points": 5,
            "by": "Jane (TA)",
            "comment": "Clear enough.",
        },
        {
            "submission": "bob_sign_mistake",
            "check": "descent.trajectory",
            "points": 5,
            "by": "Prof",
            "comment": "Typo only.",
        },
    ]
    overrides = load_overrides(write(tmp_path / "overrides.yaml", entries), rubric)
    out = tmp_path / "out"
    first = grade_batch([EXAMPLES], rubric, out, limits=TEST_LIMITS, overrides=overrides)
    bob = json.loads((out / "reports" / "bob_sign_mistake.json").read_text())
    q3 = next(q for q in bob["quiz"]["questions"] if q["id"] == "q3")
    assert q3["score"] == 5 and q3["needs_review"] is False
    assert q3["override"]["by"] == "Jane (TA)" and q3["override"]["comment"] == "Clear enough."
    auto_q3 = q3["override"]["auto_score"]
    assert auto_q3 < 5
    trajectory = next(c for t in bob["tasks"] for c in t["checks"] if c["id"] == "trajectory")
    assert trajectory["score"] == 5 and trajectory["override"]["auto_score"] < 5
    assert bob["score"] == sum(t["score"] for t in bob["tasks"]) + bob["quiz"]["score"]

    # Re-grading (resumed, and from scratch) gives the same merged result and the same automatic score.
    again = grade_batch([EXAMPLES], rubric, out, limits=TEST_LIMITS, overrides=overrides, resume=True)
    fresh = grade_batch([EXAMPLES], rubric, tmp_path / "fresh", limits=TEST_LIMITS, overrides=overrides)
    for result in (again, fresh):
        rebob = next(r for r in result.reports if r.submission.id == "bob_sign_mistake")
        question = next(q for q in rebob.quiz.questions if q.id == "q3")  # type: ignore[union-attr]
        assert question.score == 5 and question.override is not None and question.override.auto_score == auto_q3
        assert rebob.score == next(r for r in first.reports if r.submission.id == "bob_sign_mistake").score
    assert "5" in (out / "gradebook.csv").read_text().splitlines()[2]


def test_unknown_question_check_and_excess_points_are_errors_with_lines(tmp_path: Path, rubric: Rubric) -> None:
    path = write(
        tmp_path / "o.yaml",
        [
            {"submission": "a", "question": "q9", "points": 1, "by": "T"},
            {"submission": "a", "check": "descent.nope", "points": 1, "by": "T"},
            {"submission": "a", "question": "q1", "points": 99, "by": "T"},
            {"submission": "a", "question": "q1", "check": "descent.trajectory", "points": 1, "by": "T"},
        ],
    )
    with pytest.raises(OverridesError) as caught:
        load_overrides(path, rubric)
    found = [str(problem) for problem in caught.value.problems]
    assert found[0].startswith("overrides[0].question: unknown question 'q9' (known: q1, q2, q3, q4, q5) (line ")
    assert found[1].startswith("overrides[1].check: unknown check 'descent.nope'")
    assert found[2].startswith("overrides[2].points: 99 is more than q1's 6 points")
    assert found[3].startswith("overrides[3]: give exactly one of `question` or `check`")
    assert "invalid overrides file" in str(caught.value)


def test_override_for_an_unknown_submission_stops_before_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "o.yaml", [{"submission": "dave_absent", "question": "q1", "points": 1, "by": "T"}])
    code = main(["grade", str(EXAMPLES), "--out", str(tmp_path / "out"), "--overrides", str(path)])
    assert code == EXIT_USAGE
    assert "overrides[0].submission: no submission 'dave_absent' in this run" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


SPANISH_Q3 = (
    "La tasa de aprendizaje controla el tamaño del paso en cada actualización de los pesos. Si es demasiado "
    "pequeña, el entrenamiento es muy lento; si es demasiado grande, oscila y puede divergir."
)


def class_folder(folder: Path) -> Path:
    """Four students: two hand in the same Spanish answer to q3, one another, one a complete English one."""
    folder.mkdir()
    answers = dict(FULL_ANSWERS)
    for name, q3 in [
        ("ana", SPANISH_Q3),
        ("ben", SPANISH_Q3.replace("muy lento", "lento")),
        ("cho", "Die Lernrate ist die Schrittweite. Zu klein: langsames Training; zu groß: es divergiert."),
        ("dev", FULL_ANSWERS["q3"]),
    ]:
        nbformat.write(filled(quiz={**answers, "q3": q3}), folder / f"{name}.ipynb")
    return folder


@pytest.mark.kernel
def test_review_groups_answers_and_a_group_decision_reaches_every_member(
    tmp_path: Path, rubric: Rubric, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, out = class_folder(tmp_path / "class"), tmp_path / "out"
    grade_batch([folder], rubric, out, limits=TEST_LIMITS)
    assert main(["review", str(out)]) == EXIT_OK
    printed = capsys.readouterr().out
    assert "== q3: 3 to review in 2 groups" in printed
    assert "-- q3-1 (2: ana, ben)" in printed and "-- q3-2 (1: cho)" in printed
    assert "dev" not in printed.split("== possible copying")[0]  # a complete English answer needs no human
    copying = printed.split("== possible copying (near-identical answers)")[1]
    assert "-- q3: ana, ben" in copying

    # the unedited skeleton is refused: nobody decided anything yet
    with pytest.raises(OverridesError) as caught:
        load_overrides(out / "review.yaml", rubric)
    assert "overrides[0].by: say who decided" in str(caught.value.problems[0])

    skeleton = yaml.safe_load((out / "review.yaml").read_text())
    group = next(entry for entry in skeleton["overrides"] if entry["group"] == "q3-1")
    assert group["submissions"] == ["ana", "ben"] and "tasa de aprendizaje" in group["answer"]
    group.update(points=5.5, by="Jane (TA)", comment="Correct, in Spanish.")
    decided = write(tmp_path / "overrides.yaml", [group])
    overrides = load_overrides(decided, rubric)
    grade_batch([folder], rubric, out, limits=TEST_LIMITS, overrides=overrides, resume=True)
    automatic = {}
    for name in ("ana", "ben"):
        report = json.loads((out / "reports" / f"{name}.json").read_text())
        q3 = next(q for q in report["quiz"]["questions"] if q["id"] == "q3")
        automatic[name] = q3["override"]["auto_score"]
        assert q3["score"] == 5.5 and q3["needs_review"] is False
        assert q3["override"] == {
            "auto_score": q3["override"]["auto_score"],
            "by": "Jane (TA)",
            "comment": "Correct, in Spanish.",
            "group": "q3-1",
        }
    gradebook = (out / "gradebook.csv").read_text()
    assert all("5.5" in line for line in gradebook.splitlines() if line.startswith(("ana", "ben")))
    dashboard = (out / "report.html").read_text()
    review_table = dashboard.split('<table id="review">')[1].split("</table>")[0]
    assert "cho" in review_table and "ana" not in review_table and "Schrittweite" in review_table
    assert main(["review", str(out)]) == EXIT_OK
    assert "== q3: 1 to review in 1 groups" in capsys.readouterr().out

    # the decision taken out of the file: a resumed run undoes it (the file is the only record)
    grade_batch([folder], rubric, out, limits=TEST_LIMITS, resume=True)
    ana = json.loads((out / "reports" / "ana.json").read_text())
    q3 = next(q for q in ana["quiz"]["questions"] if q["id"] == "q3")
    assert q3["override"] is None and q3["needs_review"] is True and q3["score"] == automatic["ana"]


def test_review_of_a_folder_without_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path)]) == EXIT_USAGE
    assert "no reports/ folder" in capsys.readouterr().err
