"""Are quiz answers found in every layout students produce, and scored the way a careful reader would?

Pure tests (no kernel: the quiz is read, not run): notebooks are built here in each layout, from the
same answer texts. ``test_quiz_layouts.py`` and ``test_quiz_calibration.py`` hold the blind corpora.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS

from grader import Rubric
from grader.front.template import build_template
from grader.load.quizrubric import load_quiz
from grader.quiz.grade import Answer, extract_answers, grade_quiz, score_answer
from grader.records import QuizResult
from grader.run.segment import segment

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import FULL_ANSWERS, WEAK_ANSWERS, filled

md = nbformat.v4.new_markdown_cell
QUIZ = Path(__file__).resolve().parent.parent / "rubrics" / "quiz.yaml"


def question_texts(rubric: Rubric) -> list[str]:
    return [question.text for question in rubric.quiz.questions]


def answers_of(notebook: nbformat.NotebookNode, rubric: Rubric) -> dict[str, Answer]:
    return extract_answers(notebook, rubric.quiz)[0]


def test_tagged_answer_cells(rubric: Rubric) -> None:
    answers = answers_of(filled(), rubric)
    assert {qid: a.text for qid, a in answers.items()} == FULL_ANSWERS
    assert {a.method for a in answers.values()} == {"tags"}


def test_answers_after_each_question_when_tags_were_lost(rubric: Rubric) -> None:
    notebook = filled()
    for cell in notebook.cells:
        cell.metadata.pop("tags", None)
    answers = answers_of(notebook, rubric)
    assert {qid: a.text for qid, a in answers.items()} == FULL_ANSWERS
    assert {a.method for a in answers.values()} == {"after_question"}


def test_labelled_answers_after_the_question_list(rubric: Rubric) -> None:
    """The seed's layout: all questions in one cell, then "Answer 1:" … paragraphs in another."""
    questions = "### Questions\n\n" + "\n\n".join(f"{n}. {t}" for n, t in enumerate(question_texts(rubric), 1))
    answers = "\n\n".join(f"**Answer {n}:** {FULL_ANSWERS[f'q{n}']}" for n in range(1, 6))
    notebook = nbformat.v4.new_notebook(cells=[md(questions), md(answers)])
    found = answers_of(notebook, rubric)
    assert {qid: a.text.strip() for qid, a in found.items()} == FULL_ANSWERS
    assert {a.method for a in found.values()} == {"labelled"}


def test_short_labels_a1(rubric: Rubric) -> None:
    notebook = nbformat.v4.new_notebook(cells=[md("A1. " + FULL_ANSWERS["q1"] + "\n\nA2) " + WEAK_ANSWERS["q2"])])
    found = answers_of(notebook, rubric)
    assert found["q1"].text.strip() == FULL_ANSWERS["q1"] and found["q2"].text.strip() == WEAK_ANSWERS["q2"]
    assert found["q3"].method == "none" and found["q3"].text == ""


def test_question_and_answer_in_one_cell_never_counts_the_question(rubric: Rubric) -> None:
    cells = [md(f"{n}. {text}\n\n{FULL_ANSWERS[f'q{n}']}") for n, text in enumerate(question_texts(rubric), 1)]
    found = answers_of(nbformat.v4.new_notebook(cells=cells), rubric)
    assert {qid: a.text for qid, a in found.items()} == FULL_ANSWERS
    assert {a.method for a in found.values()} == {"same_cell"}


def test_the_empty_template_has_empty_answers(rubric: Rubric) -> None:
    result = grade_quiz(build_template(rubric), rubric.quiz)
    assert result.score == 0 and all(q.answer == "" and not q.needs_review for q in result.questions)


@pytest.mark.parametrize("question_id", ["q1", "q2", "q3", "q4", "q5"])
def test_full_answers_beat_weak_beat_empty(rubric: Rubric, question_id: str) -> None:
    question = rubric.quiz.question(question_id)
    full = score_answer(question, Answer(FULL_ANSWERS[question_id], "tags"), rubric.quiz)
    weak = score_answer(question, Answer(WEAK_ANSWERS[question_id], "tags"), rubric.quiz)
    empty = score_answer(question, Answer("", "tags"), rubric.quiz)
    assert full.score >= question.max_score - 0.5 and not full.needs_review
    assert full.score > weak.score > empty.score == 0


def score(rubric: Rubric, question_id: str, text: str, method: str = "tags"):  # type: ignore[no-untyped-def]
    return score_answer(rubric.quiz.question(question_id), Answer(text, method), rubric.quiz)


def test_a_bare_list_of_terms_is_capped() -> None:
    quiz = load_quiz(QUIZ)
    result = score_answer(
        quiz.question("q3"), Answer("hyperparameter, step size, slow, overshoot, divergence", "tags"), quiz
    )
    assert result.score <= quiz.scoring.buzzwords * quiz.question("q3").max_score
    assert "a list of terms without explanation" in result.reasons


def test_q5_asks_for_a_list_so_a_list_of_remedies_caps_higher(rubric: Rubric) -> None:
    result = score(rubric, "q5", "ReLU\n- gradient clipping\n- batch normalization\n- residual connections\n- Xavier")
    question = rubric.quiz.question("q5")
    assert result.score == question.cap("buzzwords", rubric.quiz.scoring) * question.max_score
    assert result.score > rubric.quiz.scoring.buzzwords * question.max_score


def test_a_list_that_relates_its_terms_is_an_answer(rubric: Rubric) -> None:
    result = score(rubric, "q2", "Causes: low LR, vanishing grads, bad init. Fix: LR sweep, He init, normalize inputs.")
    assert "a list of terms without explanation" not in result.reasons and result.score >= 5


def test_copy_of_the_question_gets_nothing(rubric: Rubric) -> None:
    result = score(rubric, "q3", rubric.quiz.question("q3").text)
    assert result.score == 0 and "the answer repeats the question" in result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "LR too small → slow convergence; too large → overshoot/diverge. It's the step size multiplying the gradient.",
        "η scales ∇L: η↓ → slow, η↑ → diverges.",
        r"$\eta$ is the step size in $w \leftarrow w - \eta \nabla L$; too small: training converges slowly, "
        r"too large: it overshoots.",
        "step size. small = slow; big = oscillates",
    ],
)
def test_a_complete_terse_or_notated_answer_gets_full_marks(rubric: Rubric, text: str) -> None:
    result = score(rubric, "q3", text)
    assert result.score >= 5.5, result


def test_a_reversed_relation_earns_nothing_and_says_so(rubric: Rubric) -> None:
    result = score(rubric, "q3", "The LR is the step size. Too small and it diverges; too large and training is slow.")
    assert "too_small_slow" not in result.concepts and "too_large_unstable" not in result.concepts
    assert any("wrong way round" in reason for reason in result.reasons)
    correct = score(rubric, "q3", "The LR is the step size. Too small and training is slow; too large and it diverges.")
    assert {"too_small_slow", "too_large_unstable"} <= set(correct.concepts)


def test_terms_inside_a_false_claim_earn_nothing(rubric: Rubric) -> None:
    result = score(rubric, "q5", "Switch to sigmoid activations everywhere, they bound the gradients.")
    assert result.score == 0 and any(reason.startswith("a false claim") for reason in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "La tasa de aprendizaje controla el tamaño del paso. Si es demasiado pequeña, el entrenamiento es muy lento; "
        "si es demasiado grande, oscila y diverge.",
        "学习率决定每次参数更新的步长。太小：收敛很慢；太大：会越过最小值，损失震荡甚至发散。",
        "Die Lernrate bestimmt die Schrittweite. Ist sie zu klein, konvergiert das Training langsam.",
    ],
)
def test_an_answer_in_another_language_always_goes_to_review(rubric: Rubric, text: str) -> None:
    result = score(rubric, "q3", text)
    assert result.needs_review and any("another language" in reason for reason in result.reasons)


def test_order_free_within_a_clause_but_not_across_sentences(rubric: Rubric) -> None:
    assert "too_small_slow" in score(rubric, "q3", "training converges slowly when the rate is too small").concepts
    assert (
        "too_small_slow"
        not in score(rubric, "q3", "The rate was small. " + "Filler words here. " * 3 + "Slow.").concepts
    )


def test_stemming_typos_and_prefixes(rubric: Rubric) -> None:
    result = score(
        rubric, "q5", "We could apply initialisation schemes and clipping of the gradients, normalising layers."
    )
    assert {"initialization", "gradient_clipping", "normalization"} <= set(result.concepts)
    typos = score(rubric, "q1", "you take the derivitive of the loss and go the oposite way to minimze the loss")
    assert {"minimize_loss", "follow_negative_gradient"} <= set(typos.concepts)


def test_an_empty_answer_beside_unattributed_text_goes_to_review(rubric: Rubric) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[md("Some thoughts: gradient descent is about going downhill on the loss surface, I think.")]
    )
    result = grade_quiz(notebook, rubric.quiz)
    assert result.unattributed and all(q.needs_review and q.score == 0 for q in result.questions)


def test_quiz_yaml_problems_have_paths_and_lines(tmp_path: Path) -> None:
    from grader import RubricError
    from grader.load.quizrubric import load_quiz

    source = (Path(__file__).resolve().parent.parent / "rubrics" / "quiz.yaml").read_text()
    bad = tmp_path / "quiz.yaml"
    bad.write_text(source.replace("buzzwords: 0.34", "buzzwords: 5").replace("points: 2\n", "points: -2\n", 1))
    with pytest.raises(RubricError) as caught:
        load_quiz(bad)
    found = [str(problem) for problem in caught.value.problems]
    assert any(p.startswith("scoring.caps.buzzwords: must be a fraction between 0 and 1, got 5") for p in found)
    assert any(
        p.startswith("questions[0].concepts[0].points: must be a non-negative number, got -2 (line ") for p in found
    )


def test_an_answer_under_the_wrong_number_moves_to_the_empty_question_it_answers(rubric: Rubric) -> None:
    cells = [
        md("### Questions\n\n" + "\n\n".join(f"{n}. {t}" for n, t in enumerate(question_texts(rubric), 1))),
        md(f"Q1: {FULL_ANSWERS['q1']}\n\nQ2: {FULL_ANSWERS['q3']}\n\nQ3:\n\nQ4: {FULL_ANSWERS['q4']}"),
    ]
    result = grade_quiz(nbformat.v4.new_notebook(cells=cells), rubric.quiz)
    by_id = {question.id: question for question in result.questions}
    assert by_id["q3"].answer == FULL_ANSWERS["q3"] and by_id["q3"].needs_review
    assert "written under q2, but it answers q3" in by_id["q3"].reasons
    assert by_id["q2"].answer == "" and by_id["q2"].score == 0 and by_id["q2"].needs_review
    assert by_id["q5"].answer == "" and not by_id["q5"].needs_review  # nothing anywhere answers q5


def test_a_numbered_task_heading_does_not_open_a_quiz_answer(rubric: Rubric) -> None:
    """A task's heading "## 1. Gradient descent" over its code shares words with question 1; the text under it
    describes the simulation and is no answer to "explain the goal of gradient descent"."""
    intro = "Here I simulate gradient descent on f(x) = x^2 + 4 starting from x = 10 and plot f at every step."
    code = nbformat.v4.new_code_cell
    cells = [
        md(f"## 1. Gradient descent\n\n{intro}"),
        code("x, lr = 10.0, 0.1\nfor _ in range(30):\n    x -= lr * 2 * x"),
        md("## 2. Backpropagation"),
        code("w1, w2 = 0.5, -1.0"),
        md(f"## Quiz\n\nQ2: {FULL_ANSWERS['q2']}\n\nQ3: {FULL_ANSWERS['q3']}"),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    segmentation = segment(notebook, rubric)
    assert segmentation.method == {"descent": "headings", "backprop": "headings"}
    result = grade_quiz(notebook, rubric.quiz, segmentation.task_cells)
    by_id = {question.id: question for question in result.questions}
    assert by_id["q1"].answer == "" and by_id["q1"].score == 0
    assert by_id["q3"].answer == FULL_ANSWERS["q3"]
    # the same heading over prose alone is the student's title for answer 1
    quiz_only = nbformat.v4.new_notebook(cells=[md(f"### 1. Gradient descent\n\n{FULL_ANSWERS['q1']}")])
    answers = extract_answers(quiz_only, rubric.quiz, segment(quiz_only, rubric).task_cells)[0]
    assert answers["q1"].text == FULL_ANSWERS["q1"]


def test_feedback_tells_the_student_only_true_things_about_an_answer(rubric: Rubric) -> None:
    from grader.formats.feedback import _quiz

    full = score(
        rubric,
        "q5",
        "Use ReLU instead of sigmoid so derivatives do not shrink, He initialization to keep the variance stable, "
        "batch normalization, and gradient clipping by norm against exploding gradients.",
    )
    reversed_ = score(
        rubric, "q3", "The LR is the step size. Too small and it diverges; too large and training is slow."
    )
    assert full.score == full.max_score and full.missing  # more remedies exist than full marks need…
    quiz = QuizResult(score=0, max_score=12, questions=(full, reversed_))
    text = "\n".join(_quiz(quiz))
    q5_line = next(line for line in text.splitlines() if "**q5**" in line)
    assert "think also about" not in q5_line  # …so a full answer is not told it lacks something
    q3_line = next(line for line in text.splitlines() if "**q3**" in line)
    assert "wrong way round" in q3_line and "Too small and it diverges" in q3_line


@pytest.mark.parametrize("text", ["TODO", "idk", "I don't know.", "see above", "same as q1", "no idea sorry", "N/A"])
def test_what_students_write_instead_of_an_answer_scores_nothing(rubric: Rubric, text: str) -> None:
    result = score(rubric, "q3", text)
    assert result.score == 0 and result.reasons == ("no answer",)


def test_a_list_of_questions_answers_none_of_them(rubric: Rubric) -> None:
    """A student's own list of questions (a new user found one earning 4 of 6 for q2 as "labelled
    answers"): questions given back, in any words, earn nothing."""
    listed = "What can happen if the learning rate is too large?\n3. Why do we use a non-linear activation?"
    result = score(rubric, "q3", listed, "labelled")
    assert result.score == 0 and "only asks questions" in " ".join(result.reasons)
    answered = "Why does it diverge? Because a too large learning rate overshoots the minimum."
    assert score(rubric, "q3", answered, "labelled").score > 0  # a rhetorical question, then the answer


def test_a_run_on_string_of_terms_is_capped_like_a_list_of_them() -> None:
    """A blind attacker's keyword string with no separator scored twice its comma-separated twin."""
    quiz = load_quiz(QUIZ)
    terms = (
        "minimize loss gradient steepest descent negative direction learning rate too small slow too large "
        "overshoot diverge vanishing exploding gradient clipping adam normalize inputs chain rule derivative"
    )
    run_on = score_answer(quiz.question("q3"), Answer(terms, "tags"), quiz)
    listed = score_answer(quiz.question("q3"), Answer(terms.replace(" ", ", "), "tags"), quiz)
    assert "a list of terms without explanation" in run_on.reasons
    assert run_on.score <= max(listed.score, quiz.scoring.buzzwords * quiz.question("q3").max_score)
