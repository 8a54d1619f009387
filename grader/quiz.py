"""Quiz stage: extract each free-text answer from the notebook and give it a fair first score.

No offline algorithm grades free text as well as a person, so this does what a good TA does with 200
scripts: a first score from the concepts an answer expresses, capped where the answer shows no
explanation (too short, a list of buzzwords, the question given back), and ``needs_review`` where
that score is doubtful, so that a human looks at those first (``grader review``).

Extraction, in order of trust: the template's tagged answer cells (``quiz:q1``); the markdown after
each numbered question; "Answer 1:" / "A1." paragraphs; a question and its answer in one cell. The
question's own text is removed from whatever is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nbformat import NotebookNode

from grader.quizrubric import ConceptSpec, QuestionSpec, QuizScoring, QuizSpec
from grader.records import QuestionResult, QuizResult

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SUFFIXES = ("ingly", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")
#: Words that glue a sentence together; an answer with almost none of them is not prose.
_FUNCTION_WORDS = frozenset(
    "a an the is are was were be been it its this that these those if then so because when which to "
    "of in on for with by as at from and or but not can will would could should may might do does "
    "we you they he she i our their there than too very also into how what why".split()
)
_GAP = 8  # words a "..." in a phrase may skip: within a sentence or two, not across an essay
#: "Answer 1:", "**Answer 1:**", "Ans. 2)", "A3." at the start of a line (not "a 2-layer net").
_ANSWER_LABEL = re.compile(
    r"^\s*(?:\*\*)?\s*(?:answer\s*|ans\.?\s*|a)(\d+)\s*(?:\*\*)?\s*[:.)]+\s*(?:\*\*)?\s*", re.I | re.M
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


@dataclass(frozen=True, slots=True)
class Answer:
    text: str
    method: str  # "tags" | "after_question" | "labelled" | "same_cell" | "none"


def grade_quiz(notebook: NotebookNode, quiz: QuizSpec) -> QuizResult:
    answers = extract_answers(notebook, quiz)
    questions = tuple(score_answer(q, answers[q.id], quiz.scoring) for q in quiz.questions)
    return QuizResult(score=sum(q.score for q in questions), max_score=quiz.max_score, questions=questions)


# --- extraction -------------------------------------------------------------------------------


def extract_answers(notebook: NotebookNode, quiz: QuizSpec) -> dict[str, Answer]:
    markdown = [(i, cell) for i, cell in enumerate(notebook.cells) if cell.cell_type in ("markdown", "raw")]
    found: dict[str, Answer] = {}
    for question in quiz.questions:
        tagged = [cell.source for _, cell in markdown if question.tag in cell.get("metadata", {}).get("tags", [])]
        if tagged:
            found[question.id] = Answer(_without_question("\n\n".join(tagged), question), "tags")
    labelled = _labelled_answers(cell.source for _, cell in markdown)
    for number, question in enumerate(quiz.questions, start=1):
        if question.id in found:
            continue
        if labelled.get(number, "").strip():
            found[question.id] = Answer(_without_question(labelled[number], question), "labelled")
            continue
        found[question.id] = _after_question(notebook, question, number, quiz)
    return found


def _labelled_answers(sources: Iterable[str]) -> dict[int, str]:
    """ "Answer 1: …" / "A1. …" paragraphs, each running to the next label or heading."""
    text = "\n".join(sources)
    answers: dict[int, str] = {}
    matches = list(_ANSWER_LABEL.finditer(text))
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        body = text[match.end() : end]
        heading = re.search(r"^\s{0,3}#{1,6}\s", body, re.M)
        answers.setdefault(int(match.group(1)), body[: heading.start()] if heading else body)
    return answers


def _after_question(notebook: NotebookNode, question: QuestionSpec, number: int, quiz: QuizSpec) -> Answer:
    """The markdown after the cell that asks ``question``, up to the next question or heading."""
    cells = notebook.cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown" or not _asks(cell.source, question):
            continue
        rest = _without_question(cell.source, question)
        rest = _cut_at_next_question(rest, quiz, question)
        if _words(rest):
            return Answer(rest, "same_cell")
        parts = []
        for following in cells[index + 1 :]:
            if following.cell_type != "markdown":
                break
            if _HEADING.match(following.source) or any(
                _asks(following.source, other) for other in quiz.questions if other is not question
            ):
                break
            parts.append(following.source)
        return Answer(_without_question("\n\n".join(parts), question), "after_question" if parts else "none")
    return Answer("", "none")


def _asks(source: str, question: QuestionSpec) -> bool:
    """Whether a cell contains the question: most of its words, in a row, appear there."""
    asked, text = _words(question.text), _words(source)
    window = asked[: min(8, len(asked))]
    return any(text[i : i + len(window)] == window for i in range(len(text) - len(window) + 1))


def _without_question(text: str, question: QuestionSpec) -> str:
    """Drop the lines that are (mostly) the question's own words, and its number."""
    asked = set(_words(question.text))
    kept = []
    for line in text.splitlines():
        words = _words(line)
        if words and sum(word in asked for word in words) / len(words) >= 0.8 and len(words) >= 4:
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _cut_at_next_question(text: str, quiz: QuizSpec, current: QuestionSpec) -> str:
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if any(_asks(line, other) for other in quiz.questions if other is not current):
            return "\n".join(lines[:index])
    return text


# --- scoring ----------------------------------------------------------------------------------


def score_answer(question: QuestionSpec, answer: Answer, scoring: QuizScoring) -> QuestionResult:
    words = _words(answer.text)
    stems = [_stem(word) for word in words]
    matched = [concept for concept in question.concepts if _expresses(stems, words, concept)]
    raw = sum(concept.points for concept in matched)
    full = question.max_score
    caps: list[tuple[float, str]] = []
    reasons: list[str] = []
    if not words:
        caps.append((0.0, "no answer"))
    elif _copies_question(words, question):
        caps.append((scoring.copied_question, "the answer repeats the question"))
    else:
        if len(words) < scoring.min_words:
            caps.append((scoring.too_short, f"short answer ({len(words)} words; {scoring.min_words} expected)"))
        if _is_buzzword_list(answer.text, words):
            caps.append((scoring.buzzwords, "a list of terms without explanation"))
    score = raw
    for fraction, reason in caps:
        score = min(score, fraction * full)
        reasons.append(reason)
    review = [reason for reason in reasons if reason != "no answer"]
    function_share = sum(word in _FUNCTION_WORDS for word in words) / len(words) if words else 0.0
    if len(words) >= 2 * scoring.min_words and function_share < 0.12:
        review.append("fluent text with few English words: another language?")
    elif len(words) >= 2 * scoring.min_words and len(matched) <= 1:
        review.append("a long answer that matches few concepts: off-topic, or phrased unusually?")
    if words and full and scoring.review_low <= score / full <= scoring.review_high:
        review.append("near the middle of the scale")
    if answer.method not in ("tags", "none") and words:
        review.append(f"answer found without its tag ({answer.method.replace('_', ' ')})")
    return QuestionResult(
        id=question.id,
        score=float(round(score, 6)),
        max_score=full,
        needs_review=bool(review),
        answer=answer.text,
        concepts=tuple(concept.id for concept in matched),
        missing=tuple(concept.id for concept in question.concepts if concept not in matched),
        reasons=tuple(dict.fromkeys([*reasons, *review])),
        extraction=answer.method,
    )


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _expresses(stems: list[str], words: list[str], concept: ConceptSpec) -> bool:
    return any(_phrase_matches(stems, words, phrase) for phrase in concept.phrases)


def _phrase_matches(stems: list[str], words: list[str], phrase: str) -> bool:
    """Match ``phrase`` (syntax in rubrics/quiz.yaml) against the answer's words, parts in order."""
    parts = [[token.strip(".,;:!?\"'()") for token in part.split()] for part in phrase.lower().split("...")]
    parts = [part for part in parts if part]
    positions = [0]  # where the next part may start
    for number, part in enumerate(parts):
        found = []
        for start in positions:
            end = len(stems) if number == 0 else min(len(stems), start + _GAP + len(part))
            for index in range(start, end - len(part) + 1):
                if all(_token_matches(stems[index + k], words[index + k], part[k]) for k in range(len(part))):
                    found.append(index + len(part))
        if not found:
            return False
        positions = sorted(set(found))
    return True


def _token_matches(stem: str, word: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return stem == _stem(pattern) or word == pattern


def _copies_question(words: list[str], question: QuestionSpec) -> bool:
    asked = set(_words(question.text))
    return len(words) >= 4 and sum(word in asked for word in words) / len(words) >= 0.8


def _is_buzzword_list(text: str, words: list[str]) -> bool:
    """Terms without sentences: bullet or comma lists of short items, and almost no function words."""
    items = [item for item in re.split(r"[\n,;•]|^\s*[-*]\s", text, flags=re.M) if item.strip()]
    short_items = len(items) >= 3 and sum(len(_words(item)) for item in items) / len(items) <= 3
    function_share = sum(word in _FUNCTION_WORDS for word in words) / len(words)
    return short_items and function_share < 0.15
