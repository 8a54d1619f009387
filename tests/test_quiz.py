"""Are quiz answers found in every layout students produce, and scored the way a careful reader would?

Pure tests (no kernel): notebooks are built here in each layout, from the same answer texts.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS

from grader import Rubric
from grader.quiz import Answer, extract_answers, grade_quiz, score_answer
from grader.template import build_template

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import FULL_ANSWERS, WEAK_ANSWERS, filled

md = nbformat.v4.new_markdown_cell


def question_texts(rubric: Rubric) -> list[str]:
    return [question.text for question in rubric.quiz.questions]


def test_tagged_answer_cells(rubric: Rubric) -> None:
    answers = extract_answers(filled(), rubric.quiz)
    assert {qid: a.text for qid, a in answers.items()} == FULL_ANSWERS
    assert {a.method for a in answers.values()} == {"tags"}


def test_answers_after_each_question_when_tags_were_lost(rubric: Rubric) -> None:
    notebook = filled()
    for cell in notebook.cells:
        cell.metadata.pop("tags", None)
    answers = extract_answers(notebook, rubric.quiz)
    assert {qid: a.text for qid, a in answers.items()} == FULL_ANSWERS
    assert {a.method for a in answers.values()} == {"after_question"}


def test_labelled_answers_after_the_question_list(rubric: Rubric) -> None:
    """The seed's layout: all questions in one cell, then "Answer 1:" … paragraphs in another."""
    questions = "### Questions\n\n" + "\n\n".join(f"{n}. {t}" for n, t in enumerate(question_texts(rubric), 1))
    answers = "\n\n".join(f"**Answer {n}:** {FULL_ANSWERS[f'q{n}']}" for n in range(1, 6))
    notebook = nbformat.v4.new_notebook(cells=[md(questions), md(answers)])
    found = extract_answers(notebook, rubric.quiz)
    assert {qid: a.text.strip() for qid, a in found.items()} == FULL_ANSWERS
    assert {a.method for a in found.values()} == {"labelled"}


def test_short_labels_a1(rubric: Rubric) -> None:
    notebook = nbformat.v4.new_notebook(cells=[md("A1. " + FULL_ANSWERS["q1"] + "\n\nA2) " + WEAK_ANSWERS["q2"])])
    found = extract_answers(notebook, rubric.quiz)
    assert found["q1"].text.strip() == FULL_ANSWERS["q1"] and found["q2"].text.strip() == WEAK_ANSWERS["q2"]
    assert found["q3"].method == "none" and found["q3"].text == ""


def test_question_and_answer_in_one_cell_never_counts_the_question(rubric: Rubric) -> None:
    cells = [md(f"{n}. {text}\n\n{FULL_ANSWERS[f'q{n}']}") for n, text in enumerate(question_texts(rubric), 1)]
    found = extract_answers(nbformat.v4.new_notebook(cells=cells), rubric.quiz)
    assert {qid: a.text for qid, a in found.items()} == FULL_ANSWERS
    assert {a.method for a in found.values()} == {"same_cell"}


def test_the_empty_template_has_empty_answers(rubric: Rubric) -> None:
    result = grade_quiz(build_template(rubric), rubric.quiz)
    assert result.score == 0 and all(q.answer == "" and not q.needs_review for q in result.questions)


@pytest.mark.parametrize("question_id", ["q1", "q2", "q3", "q4", "q5"])
def test_full_answers_beat_weak_beat_empty(rubric: Rubric, question_id: str) -> None:
    question, scoring = rubric.quiz.question(question_id), rubric.quiz.scoring
    full = score_answer(question, Answer(FULL_ANSWERS[question_id], "tags"), scoring)
    weak = score_answer(question, Answer(WEAK_ANSWERS[question_id], "tags"), scoring)
    empty = score_answer(question, Answer("", "tags"), scoring)
    assert full.score == question.max_score and not full.needs_review and full.missing == ()
    assert question.max_score > weak.score > empty.score == 0
    assert weak.needs_review


def score(rubric: Rubric, question_id: str, text: str, method: str = "tags"):  # type: ignore[no-untyped-def]
    return score_answer(rubric.quiz.question(question_id), Answer(text, method), rubric.quiz.scoring)


def test_buzzword_list_is_capped_and_sent_to_review(rubric: Rubric) -> None:
    result = score(
        rubric, "q5", "ReLU\n- gradient clipping\n- batch normalization\n- residual connections\n- Xavier\n- Adam"
    )
    question = rubric.quiz.question("q5")
    assert len(result.concepts) == 6  # every term is there…
    assert result.score == rubric.quiz.scoring.buzzwords * question.max_score  # …but nothing is explained
    assert "a list of terms without explanation" in result.reasons and result.needs_review


def test_copy_of_the_question_gets_nothing(rubric: Rubric) -> None:
    result = score(rubric, "q3", rubric.quiz.question("q3").text)
    assert result.score == 0 and "the answer repeats the question" in result.reasons and result.needs_review


def test_too_short_answer_is_capped(rubric: Rubric) -> None:
    result = score(rubric, "q3", "Step size; too large overshoots.")
    assert result.score <= rubric.quiz.scoring.too_short * rubric.quiz.question("q3").max_score
    assert any(reason.startswith("short answer") for reason in result.reasons)


def test_another_language_goes_to_review(rubric: Rubric) -> None:
    text = (
        "La tasa de aprendizaje controla el tamaño del paso en cada actualización. Si es demasiado pequeña, "
        "el entrenamiento es muy lento; si es demasiado grande, el descenso oscila y diverge sin converger."
    )
    result = score(rubric, "q3", text)
    assert result.needs_review and "fluent text with few English words: another language?" in result.reasons


def test_fluent_off_topic_answer_goes_to_review(rubric: Rubric) -> None:
    text = (
        "I think that this question is really interesting and I have always enjoyed learning about new "
        "things in class, especially when the teacher explains them clearly with many good examples."
    )
    result = score(rubric, "q4", text)
    assert result.score == 0 and result.needs_review
    assert "a long answer that matches few concepts: off-topic, or phrased unusually?" in result.reasons


def test_answer_found_without_its_tag_is_flagged_for_review(rubric: Rubric) -> None:
    result = score(rubric, "q3", FULL_ANSWERS["q3"], method="after_question")
    assert result.score == rubric.quiz.question("q3").max_score
    assert result.needs_review and "answer found without its tag (after question)" in result.reasons


@pytest.mark.parametrize(
    ("phrase_answer", "expected"),
    [
        ("if it is too small the training will be slow", True),  # "small ... slow" within a sentence
        ("small " + "filler " * 20 + "slow", False),  # …but not across a paragraph
        ("training converges slowly when the rate is small", False),  # order matters
    ],
)
def test_gapped_phrases_match_in_order_and_nearby(rubric: Rubric, phrase_answer: str, expected: bool) -> None:
    result = score(rubric, "q3", phrase_answer)
    assert ("too_small_slow" in result.concepts) is expected


def test_stemming_and_prefixes(rubric: Rubric) -> None:
    result = score(
        rubric, "q5", "We could apply initialisation schemes and clipping of the gradients, normalising layers."
    )
    assert {"initialization", "gradient_clipping", "normalization"} <= set(result.concepts)


def test_quiz_yaml_problems_have_paths_and_lines(tmp_path: Path) -> None:
    from grader import RubricError
    from grader.quizrubric import load_quiz

    source = (Path(__file__).resolve().parent.parent / "rubrics" / "quiz.yaml").read_text()
    bad = tmp_path / "quiz.yaml"
    bad.write_text(source.replace("too_short: 0.5", "too_short: 5").replace("points: 2\n", "points: -2\n", 1))
    with pytest.raises(RubricError) as caught:
        load_quiz(bad)
    found = [str(problem) for problem in caught.value.problems]
    assert any(p.startswith("scoring.caps.too_short: must be a fraction between 0 and 1, got 5") for p in found)
    assert any(
        p.startswith("questions[0].concepts[0].points: must be a non-negative number, got -2 (line ") for p in found
    )
