"""Does the grader agree with a TA on notebooks written from the assignment text, not from our template?

``tests/corpus`` holds 72 notebooks that a helper wrote from the seed's task text alone, without ever
seeing the grader, the rubric or the template — other names (``weight1``, ``W1`` arrays, dicts,
classes), other free parameters (start 5 or -8, rates 0.01–0.45, 8–100 steps, ``while`` loops,
recursion), other headings or none, split and merged cells, extra training, printing only — with the
helper's own TA grades in ``grades.json``, written before any grader ran and never edited since. 49
are honest; 23 carry one mistake each. This file grades them all once and holds the grader to the
TA: honest work earns every point, each mistake costs points on the checks it touches and nowhere
else, and the catalogued mistakes are named.

``tests/corpus2`` is a second set of 54 (32 honest, 22 with one mistake), written the same way by
another helper asked to imitate thirty different students (variables in other languages, generators,
``functools.reduce``, dataclasses, pandas tables, linear output layers …). Graded before the grader
was changed for it, it agreed with its TA on 50 of 54 notebooks; what it taught (labelled values in
tuples, values returned in dicts, a linear output layer as a fair reading, mistakes under either MSE
convention) is now held here too.

``tests/corpus3`` (20 whole notebooks, quiz scored per question), ``tests/corpus4`` (26 notebooks,
17 honest and 9 with one mistake, quiz scored as a whole) and ``tests/corpus5`` (22 notebooks, 14
honest and 8 with one mistake, quiz scored per question) were written the same way, each by a helper
that saw only the assignment text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TEST_LIMITS
from scipy import stats

from grader import Rubric, grade_batch

pytestmark = pytest.mark.kernel

CORPUS = ROOT / "tests" / "corpus"
CORPUS2 = ROOT / "tests" / "corpus2"
GRADES = {Path(entry["file"]).stem: entry for entry in json.loads((CORPUS / "grades.json").read_text())}
GRADES2 = {Path(entry["file"]).stem: entry for entry in json.loads((CORPUS2 / "grades.json").read_text())}
HONEST = sorted(name for name, entry in GRADES.items() if entry["mistake"] is None)
MISTAKEN = sorted(name for name, entry in GRADES.items() if entry["mistake"] is not None)
HONEST2 = sorted(name for name, entry in GRADES2.items() if entry["mistake"] is None)
MISTAKEN2 = sorted(name for name, entry in GRADES2.items() if entry["mistake"] is not None)
TASK_OF = {1: "descent", 2: "backprop"}

#: The checks each of the TA's mistakes may cost points on (a TA's reading of what the mistake touches).
TOUCHES = {
    "gradient_ascent": {"trajectory"},
    "wrong_derivative": {"trajectory"},
    "diverging_learning_rate": {"trajectory", "plot"},
    "oscillating_learning_rate": {"trajectory", "plot"},
    "no_plot": {"plot"},
    "descent_not_visualized": {"plot"},
    "function_value_as_gradient": {"trajectory", "plot"},
    "wrong_function": {"trajectory", "plot"},
    "sigmoid_derivative_wrong": {"dL_dw2", "dL_dw1", "w1", "w2"},
    "sigmoid_instead_of_derivative": {"dL_dw2", "dL_dw1", "w1", "w2"},
    "update_sign_flipped": {"w1", "w2"},
    "missing_chain_factor": {"dL_dw1", "w1"},
    "stale_w2_in_backprop": {"dL_dw1", "w1"},
    "wrong_given_value": {"h", "y_pred", "loss", "dL_dw2", "dL_dw1", "w1", "w2"},
    "wrong_activation": {"h", "y_pred", "loss", "dL_dw2", "dL_dw1", "w1", "w2"},
    "inconsistent_loss_gradient": {"loss", "dL_dw2", "dL_dw1", "w1", "w2"},
    "no_update_step": {"w1", "w2"},
    "loss_gradient_sign_wrong": {"dL_dw2", "dL_dw1", "w1", "w2"},
}

#: The TA's mistake → the diagnoses of our catalog that name it.
NAMED_AS = {
    "gradient_ascent": {"gradient_sign"},
    "wrong_derivative": {"derivative_missing_factor_2", "derivative_of_constant_kept", "wrong_update_rule"},
    "function_value_as_gradient": {"wrong_update_rule"},
    "wrong_function": {"wrong_update_rule", "derivative_of_constant_kept"},  # x² + 4x: its slope is 2x + 4
    "diverging_learning_rate": {"learning_rate_too_large"},
    "oscillating_learning_rate": {"learning_rate_too_large"},
    "sigmoid_derivative_wrong": {"activation_derivative_formula"},
    "sigmoid_instead_of_derivative": {"activation_instead_of_derivative"},
    "update_sign_flipped": {"update_sign"},
    "missing_chain_factor": {"missing_weight_factor", "missing_activation_derivative"},
    "stale_w2_in_backprop": {"stale_weight_update"},
    "wrong_given_value": {"wrong_given_value", "forward_pass_error"},
    "wrong_activation": {"forward_pass_error"},
    "loss_gradient_sign_wrong": {"gradient_sign"},
    "no_update_step": {"no_update_step"},
    "no_plot": {"descent_not_plotted"},
    "descent_not_visualized": {"descent_not_plotted"},
    "inconsistent_loss_gradient": {"loss_gradient_mismatch"},
}
#: Every mistake of the corpus is named since the catch-alls for a plot that does not show the descent
#: (or no plot) and for a loss that is not the MSE the gradients differentiate.
UNNAMED: set[str] = set()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("corpus-out")
    grade_batch([CORPUS / "honest", CORPUS / "mistaken"], rubric, out, limits=TEST_LIMITS, jobs=2)
    return {path.stem: json.loads(path.read_text()) for path in (out / "reports").rglob("*.json")}


@pytest.fixture(scope="module")
def corpus2(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("corpus2-out")
    grade_batch([CORPUS2 / "honest", CORPUS2 / "mistaken"], rubric, out, limits=TEST_LIMITS, jobs=2)
    return {path.stem: json.loads(path.read_text()) for path in (out / "reports").rglob("*.json")}


def level(task: dict[str, Any]) -> str:
    if task["score"] >= task["max_score"]:
        return "full"
    return "zero" if task["score"] == 0 else "partial"


def assert_honest(report: dict[str, Any]) -> None:
    """Every point, no mistake named, no flag of typed-in answers, nothing said to be missing."""
    assert report["status"] == "graded", report["message"]
    for task in report["tasks"]:
        assert task["score"] == task["max_score"], (task["id"], [c["message"] for c in task["checks"]])
        assert all(d["kind"] == "convention" for d in task["diagnoses"]), task["diagnoses"]
        for check in task["checks"]:
            assert "not defined" not in check["feedback"] and "could not find" not in check["feedback"]
    assert not {"hard_coded", "typed_answer"} & set(report["flags"])


def assert_levels(entry: dict[str, Any], report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The TA's full / partial / zero on both tasks; returns the report's tasks by id."""
    tasks = {task["id"]: task for task in report["tasks"]}
    assert {task_id: level(tasks[task_id]) for task_id in TASK_OF.values()} == {
        "descent": entry["task1"],
        "backprop": entry["task2"],
    }
    return tasks


def test_the_corpus_is_what_the_ta_graded() -> None:
    assert len(HONEST) >= 40 and len(MISTAKEN) >= 15
    assert all((CORPUS / entry["file"]).exists() for entry in GRADES.values())
    assert len(HONEST2) >= 30 and len(MISTAKEN2) >= 15
    assert all((CORPUS2 / entry["file"]).exists() for entry in GRADES2.values())


@pytest.mark.kernel
@pytest.mark.parametrize("name", HONEST)
def test_honest_work_earns_every_point_and_hears_nothing_untrue(corpus: dict[str, dict[str, Any]], name: str) -> None:
    assert_honest(corpus[name])


@pytest.mark.kernel
@pytest.mark.parametrize("name", MISTAKEN)
def test_a_mistake_costs_points_where_the_ta_says_and_nowhere_else(
    corpus: dict[str, dict[str, Any]], name: str
) -> None:
    entry = GRADES[name]
    tasks = assert_levels(entry, corpus[name])
    wrong = TASK_OF[entry["task_with_mistake"]]
    lost = {check["id"] for check in tasks[wrong]["checks"] if check["score"] < check["max_score"]}
    assert lost and lost <= TOUCHES[entry["mistake"]], (entry["mistake"], lost)


@pytest.mark.kernel
@pytest.mark.parametrize("name", [n for n in MISTAKEN if GRADES[n]["mistake"] not in UNNAMED])
def test_catalogued_mistakes_are_named(corpus: dict[str, dict[str, Any]], name: str) -> None:
    entry = GRADES[name]
    task = next(t for t in corpus[name]["tasks"] if t["id"] == TASK_OF[entry["task_with_mistake"]])
    named = {d["id"] for d in task["diagnoses"] if d["kind"] == "mistake"}
    assert named & NAMED_AS[entry["mistake"]], (entry["mistake"], named)


@pytest.mark.kernel
def test_no_message_says_full_credit_beside_lost_points(corpus: dict[str, dict[str, Any]]) -> None:
    for name, report in corpus.items():
        for task in report["tasks"]:
            if task["score"] < task["max_score"]:
                texts = [d["message"] for d in task["diagnoses"]] + [c["feedback"] for c in task["checks"]]
                assert not any("full credit" in text.lower() for text in texts), (name, task["id"])


@pytest.mark.kernel
@pytest.mark.parametrize("name", HONEST2)
def test_the_second_corpus_honest_work_earns_every_point(corpus2: dict[str, dict[str, Any]], name: str) -> None:
    assert_honest(corpus2[name])


@pytest.mark.kernel
@pytest.mark.parametrize("name", MISTAKEN2)
def test_the_second_corpus_mistakes_cost_points_only_in_their_task(
    corpus2: dict[str, dict[str, Any]], name: str
) -> None:
    entry = GRADES2[name]
    tasks = assert_levels(entry, corpus2[name])
    other = TASK_OF[3 - entry["task_with_mistake"]]
    assert tasks[other]["score"] == tasks[other]["max_score"]


# --- a third corpus: whole notebooks (both tasks and the quiz) of a class, graded by its TA ---------

CORPUS3 = ROOT / "tests" / "corpus3"
#: file → {"task1": /7, "task2": /9, "quiz": {"q1": /6, …}, "mistake": "none" | a name, "notes"},
#: written by the TA before any grader saw the notebooks (first run: s19's Task 1 lost to a title
#: heading naming Task 2, s04's and s06's quiz answers in "- **1.**" bullets were not found; both fixed).
GRADES3 = json.loads((CORPUS3 / "grades.json").read_text())


def graded_reports(folder: Path, out: Path, rubric: Rubric) -> dict[str, dict[str, Any]]:
    """Grade a corpus folder on two workers; its JSON reports by notebook stem."""
    grade_batch([folder], rubric, out, limits=TEST_LIMITS, jobs=2)
    return {path.stem: json.loads(path.read_text()) for path in (out / "reports").rglob("*.json")}


@pytest.fixture(scope="module")
def corpus3(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    return graded_reports(CORPUS3, tmp_path_factory.mktemp("corpus3-out"), rubric)


@pytest.mark.parametrize("name", sorted(GRADES3))
def test_the_third_corpus_agrees_with_its_ta_on_each_task(corpus3: dict[str, dict[str, Any]], name: str) -> None:
    entry, report = GRADES3[name], corpus3[Path(name).stem]
    scores = {task["id"]: task for task in report["tasks"]}
    for task_id, key in (("descent", "task1"), ("backprop", "task2")):
        task = scores[task_id]
        if entry[key] == task["max_score"]:
            assert task["score"] == task["max_score"], (task_id, [c["message"] for c in task["checks"]])
            assert all(d["kind"] == "convention" for d in task["diagnoses"]), task["diagnoses"]
        else:  # a mistake: within a point of the TA, and named
            assert abs(task["score"] - entry[key]) <= 1.0, (task_id, task["score"], entry[key])
            assert any(d["kind"] == "mistake" for d in task["diagnoses"]), task_id


def test_the_third_corpus_quiz_agrees_with_its_ta(corpus3: dict[str, dict[str, Any]]) -> None:
    pairs = [
        (GRADES3[name]["quiz"][question["id"]], question)
        for name in GRADES3
        for question in corpus3[Path(name).stem]["quiz"]["questions"]
    ]
    human = [ta for ta, _ in pairs]
    machine = [question["score"] for _, question in pairs]
    assert stats.pearsonr(human, machine)[0] >= 0.9
    unreviewed = [(ta, q) for ta, q in pairs if not q["needs_review"]]
    assert sum(abs(ta - q["score"]) > 1.5 for ta, q in unreviewed) <= 0.05 * len(unreviewed)


CORPUS4 = ROOT / "tests" / "corpus4"
#: file → {"task1": /7, "task2": /9, "quiz": /30 or null, "mistake": the TA's words or null, "ta_note"},
#: written by a helper that never saw the grader, before any grader ran, and not edited since. First
#: run (2026-12-07): 17 of 17 honest notebooks full marks, 9 of 9 mistakes named; the one far from the
#: TA was sub_14 (f′(x) = 2x + 4: 2/7, TA 5/7), now the catalogued `derivative_of_constant_kept`
#: (4/7; the third corpus's TA gave the same mistake 3/7).
GRADES4 = json.loads((CORPUS4 / "grades.json").read_text())
#: The TA's words for each mistaken notebook → the catalog's names for it (ours, not the TA's).
NAMED4 = {
    "sub_02.ipynb": {"descent_not_plotted"},
    "sub_05.ipynb": {"gradient_sign"},
    "sub_08.ipynb": {"gradient_sign"},
    "sub_11.ipynb": {"activation_derivative_formula"},
    "sub_14.ipynb": {"derivative_of_constant_kept"},
    "sub_17.ipynb": {"stale_weight_update"},
    "sub_20.ipynb": {"missing_activation_derivative"},
    "sub_23.ipynb": {"learning_rate_too_large"},
    "sub_25.ipynb": {"loss_gradient_mismatch"},
}


@pytest.fixture(scope="module")
def corpus4(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    return graded_reports(CORPUS4, tmp_path_factory.mktemp("corpus4-out"), rubric)


@pytest.mark.parametrize("name", sorted(GRADES4))
def test_the_fourth_corpus_agrees_with_its_ta_on_each_task(corpus4: dict[str, dict[str, Any]], name: str) -> None:
    """Honest work: every point, no mistake named. A mistake: named as the catalog calls it, on the task
    the TA marked down, within 1.5 points of the TA (our rubric credits error carried forward and a
    plot of the student's own descent, which this TA did not)."""
    agrees_with_ta(GRADES4[name], corpus4[Path(name).stem], NAMED4.get(name, set()))


def agrees_with_ta(entry: dict[str, Any], report: dict[str, Any], named_as: set[str]) -> None:
    """Each task at the TA's full marks gets every point and no mistake; below them, within 1.5 points;
    the mistakes named are ``named_as``."""
    scores = {task["id"]: task for task in report["tasks"]}
    named = {d["id"] for task in report["tasks"] for d in task["diagnoses"] if d["kind"] == "mistake"}
    for task_id, key in (("descent", "task1"), ("backprop", "task2")):
        task = scores[task_id]
        if entry[key] == task["max_score"]:
            assert task["score"] == task["max_score"], (task_id, [c["message"] for c in task["checks"]])
            assert all(d["kind"] == "convention" for d in task["diagnoses"]), task["diagnoses"]
        else:
            assert abs(task["score"] - entry[key]) <= 1.5, (task_id, task["score"], entry[key])
    assert named == named_as, (entry["mistake"], named)


def test_the_fourth_corpus_quiz_agrees_with_its_ta(corpus4: dict[str, dict[str, Any]]) -> None:
    """The TA scored whole quizzes: the totals agree, and a notebook without a quiz earns nothing."""
    totals = {name: sum(q["score"] for q in corpus4[Path(name).stem]["quiz"]["questions"]) for name in GRADES4}
    answered = [name for name in GRADES4 if GRADES4[name]["quiz"] is not None]
    assert len(answered) >= 8
    assert stats.pearsonr([GRADES4[n]["quiz"] for n in answered], [totals[n] for n in answered])[0] >= 0.9
    assert all(abs(GRADES4[n]["quiz"] - totals[n]) <= 4 for n in answered), {n: totals[n] for n in answered}
    assert all(totals[name] == 0 for name in GRADES4 if GRADES4[name]["quiz"] is None)


CORPUS5 = ROOT / "tests" / "corpus5"
#: [{"file", "honest", "mistake", "task1": /7, "task2": /9, "quiz": {"q1".."q5": /6}, "notes"}], written by
#: a helper that never saw the grader, before any grader ran, and not edited since. First run
#: (2026-12-07): 13 of 14 honest notebooks full marks (thao_nguyen, its weights and gradients in lists
#: `w = [w1, w2]`, got 3/9), three quizzes under numbered topic headings ("### 1) Goal of gradient
#: descent") 0/30 with every answer sent to review (quiz Pearson −0.07), 9 of 14 honest notebooks
#: flagged `unverified` (parameters passed positionally, a tolerance loop, "# Task 2" comments).
GRADES5 = {entry["file"]: entry for entry in json.loads((CORPUS5 / "ta_grades.json").read_text())}
NAMED5 = {
    "olu_okafor.ipynb": {"gradient_sign"},
    "elena_petrova.ipynb": {"derivative_of_constant_kept"},
    "marco_rossi.ipynb": {"learning_rate_too_large"},
    "yuki_sato.ipynb": {"missing_activation_derivative"},
    "wei_tan.ipynb": {"activation_instead_of_derivative"},
    "ali_usman.ipynb": {"stale_weight_update"},
    "nora_varga.ipynb": {"gradient_sign"},
}


@pytest.fixture(scope="module")
def corpus5(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> dict[str, dict[str, Any]]:
    return graded_reports(CORPUS5, tmp_path_factory.mktemp("corpus5-out"), rubric)


@pytest.mark.parametrize("name", sorted(GRADES5))
def test_the_fifth_corpus_agrees_with_its_ta_on_each_task(corpus5: dict[str, dict[str, Any]], name: str) -> None:
    """As the fourth: honest work gets every point and no mistake; a mistake is named and costs within
    1.5 points of what the TA took, on the task the TA marked down."""
    agrees_with_ta(GRADES5[name], corpus5[Path(name).stem], NAMED5.get(name, set()))


def test_the_fifth_corpus_quiz_and_review_load(corpus5: dict[str, dict[str, Any]]) -> None:
    """Quiz totals follow the TA's (every quiz here is answered, so none may come out empty), and few
    honest notebooks are left for a person because their re-run could not be made."""
    ta = {name: sum(entry["quiz"].values()) for name, entry in GRADES5.items()}
    ours = {name: sum(q["score"] for q in corpus5[Path(name).stem]["quiz"]["questions"]) for name in GRADES5}
    assert stats.pearsonr([ta[n] for n in GRADES5], [ours[n] for n in GRADES5])[0] >= 0.8
    assert all(ours[name] > 0 for name in GRADES5), ours
    honest = [name for name, entry in GRADES5.items() if entry["honest"]]
    unverified = [name for name in honest if "unverified" in corpus5[Path(name).stem]["flags"]]
    assert len(unverified) <= 4, unverified
