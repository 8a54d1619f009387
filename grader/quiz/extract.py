"""Finding each quiz answer wherever the student wrote it, and everything else the student wrote.

Students don't keep our tagged answer cells. They type under each question inside the one cell
that lists all five, write one "Answers" cell as a numbered list, "Q1:" lines, bullets in question
order or a table, give each question its own heading, answer in code comments or strings, merge
"4 & 5", or put an answer under the wrong number. The notebook is read as one document of lines
(markdown as written; code cells' comments and string literals), and the lines are cut at
*anchors*:

- the question's own words (a line that is mostly the question) — the line itself is never an answer;
- strong labels: "Q3", "Question 3", "Answer 3", "A3:", "#### 3", "**4 & 5.**";
- weak labels: "3." / "3)" / "**3.**" list items. These count only where a list of answers is
  expected: after a cell that asked several questions with no answer yet, or before any question.
  Under a single question a numbered list is that answer's own list;
- bullets in question order, after a cell that asked all the questions, when their count matches.

An answer runs from its anchor to the next anchor, a heading that is not a label, or a code cell.
An answer found under one question that plainly answers another (the two concepts scores say so
both ways) is moved, with a note for the reviewer. Student text attributed to no question is kept
as *unattributed*, so that an empty answer beside it goes to a person.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from nbformat import NotebookNode

from grader.load.quizrubric import QuestionSpec, QuizSpec
from grader.quiz.lines import HEADING_NUMBER, STRONG, WORD, Line, notebook_lines
from grader.quiz.sense import ENGLISH_FUNCTION_WORDS
from grader.quiz.text import stem

_WEAK = re.compile(  # "3.", "3)", "(3)", "**3.**", "- **3)**" (a bullet whose item is numbered)
    r"^\s{0,3}(?:[-*•+]\s+)?(?:\*\*|__)?\(?(\d{1,2})(?:\s*(?:&|and|/|\+)\s*(\d{1,2}))?\s*[.):\-–—]+\s*(?:\*\*|__)?\s*"
    r"|^\s{0,3}(?:[-*•+]\s+)?(?:\*\*|__)(\d{1,2})(?:\*\*|__)\s*"
)
_HEADING_TITLED = re.compile(
    r"^\s{0,3}#{1,6}\s*(?:\*\*|__)?\s*(\d{1,2})\s*[.):\-–—]\s*(?P<title>[^\d\s].*?)\s*(?:\*\*|__)?\s*$"
)
_BULLET = re.compile(r"^\s{0,3}[-*•+]\s+")
#: A label without a number ("**Answer:**", "*Ans:*", "My answer -") is dropped from the text.
_BARE_LABEL = re.compile(
    r"^[\s>*_]*(?:my\s+)?(?:answer|ans|response|respuesta|antwort|réponse)(?:\s*/\s*\S{1,12})?\s*[:.\-–—]+[\s*_]*",
    re.I,
)
#: After a blank line, "(I used ChatGPT for the grammar.)", "Note: …", "P.S. …" are not the answer.
_ASIDE = re.compile(r"^\s*(?:\(.*\)\s*$|(?:note|p\.?\s?s\.?|disclaimer|reflection|comment)\b\s*[:.\-])", re.I)
#: "**Part A answers**", "My answers (in order):": a line that introduces, not answers.
_INTRO = re.compile(r"^\s*(?:\*\*|__)[^*_]{1,60}(?:\*\*|__)\s*$|^[^.!?]{1,50}:\s*$")


@dataclass(frozen=True, slots=True)
class Found:
    """An answer as extracted: its text, how it was found, and what a reviewer should know."""

    text: str
    method: str  # "tags" | "after_question" | "labelled" | "same_cell" | "list_order" | "code" | "none"
    note: str = ""


@dataclass(slots=True)
class _Open:
    questions: tuple[int, ...]  # indexes into quiz.questions
    method: str
    cell: int
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Extraction:
    answers: dict[str, Found]
    unattributed: tuple[str, ...]


def extract(
    notebook: NotebookNode,
    quiz: QuizSpec,
    scorer: Callable[[QuestionSpec, str], float],
    task_cells: frozenset[int] = frozenset(),
) -> Extraction:
    """Every question's answer, and the student text no question got. ``scorer`` rates a text as an
    answer to a question (concept points only), to move answers written under the wrong number.
    ``task_cells`` are the code cells the segmentation gave to the assignment's tasks: a numbered
    heading whose section holds one of them heads a task, not an answer (see :func:`_task_headings`)."""
    tagged = _tagged(notebook, quiz)
    lines = list(notebook_lines(notebook))
    task_headings = _task_headings(lines, task_cells)
    pieces: dict[int, list[tuple[str, str, int]]] = {index: [] for index in range(len(quiz.questions))}
    used: set[int] = set()  # ids of lines that are anchors, question text or answers
    current: _Open | None = None
    asked_without_answer: list[int] = []  # questions asked since the last answer text
    count = len(quiz.questions)

    def close() -> None:
        nonlocal current
        if current is not None and "\n".join(current.lines).strip():
            for question in current.questions:
                pieces[question].append(("\n".join(current.lines).strip(), current.method, current.cell))
        current = None

    previous_blank = True
    for position, line in enumerate(lines):
        text = line.text
        if position and line.cell != lines[position - 1].cell:
            previous_blank = True
            if current is not None and not any(current.lines) and len(set(asked_without_answer)) >= 2:
                current = None  # a cell of questions ended: the next cell may list their answers
        if line.boundary:
            close()
            continue
        if not text.strip():
            if current is not None:
                current.lines.append("")
            previous_blank = True
            continue
        after_blank, previous_blank = previous_blank, False
        asked = _asks(text, quiz)
        if asked is not None:
            close()
            used.add(position)
            current = _Open((asked,), "after_question" if not line.code else "code", line.cell)
            asked_without_answer.append(asked)
            rest = _after_question(text, quiz.questions[asked])
            if rest:
                current.lines.append(rest)
                current.method = "same_cell"
                asked_without_answer.clear()
            continue
        titled = _titled(text, quiz) if line.heading and position not in task_headings else None
        if titled is not None:
            close()
            used.add(position)
            current = _Open((titled,), "labelled", line.cell)
            asked_without_answer.clear()
            continue
        after = max(current.questions) if current is not None and current.method == "labelled" else -1
        label = _label(text, count, _list_expected(current, asked_without_answer), after)
        if label is not None:
            numbers, rest = label
            close()
            used.add(position)
            current = _Open(numbers, "code" if line.code else "labelled", line.cell)
            rest = _BARE_LABEL.sub("", rest)
            if rest.strip():
                current.lines.append(rest)
            asked_without_answer.clear()
            continue
        if line.heading or (line.code and current is not None and current.method not in ("code",)):
            close()
            if line.heading:
                asked_without_answer.clear()
            continue
        waiting = list(dict.fromkeys(asked_without_answer))
        if current is None and _BULLET.match(text) and len(waiting) >= 2:
            bullets = _bullets_from(lines, position)
            if len(bullets) == len(waiting):
                for question, (ids, body) in zip(waiting, bullets, strict=True):
                    pieces[question].append((body, "list_order", line.cell))
                    used.update(ids)
                asked_without_answer.clear()
                continue
        if position in used:
            continue
        if current is not None and after_blank and _ASIDE.match(text) and current.lines:
            close()
            continue
        if current is None and _INTRO.match(text):
            used.add(position)
            continue
        if current is not None:
            current.lines.append(_BARE_LABEL.sub("", text))
            if current.method == "after_question" and line.cell == current.cell and text.strip():
                current.method = "same_cell"
            used.add(position)
            if text.strip():
                asked_without_answer.clear()
    close()

    answers: dict[str, Found] = {}
    for index, spec in enumerate(quiz.questions):
        if spec.id in tagged:
            answers[spec.id] = Found(tagged[spec.id], "tags")
            continue
        found = [piece for piece in pieces[index] if WORD.search(piece[0])]
        if found:
            answers[spec.id] = Found("\n\n".join(text for text, _, _ in found), found[0][1])
        else:
            answers[spec.id] = Found("", "none")
    answers = _moved_to_the_question_they_answer(answers, quiz, scorer)
    unattributed = tuple(
        line.text.strip()
        for position, line in enumerate(lines)
        if position not in used
        and not line.heading
        and not line.code
        and len(WORD.findall(line.text)) >= 3
        and not _is_assignment_text(line.text)
    )
    tagged_texts = " ".join(tagged.values())
    return Extraction(answers, tuple(text for text in unattributed if text not in tagged_texts))


# --- reading the notebook -----------------------------------------------------------------------


def _tagged(notebook: NotebookNode, quiz: QuizSpec) -> dict[str, str]:
    found: dict[str, str] = {}
    for question in quiz.questions:
        cells = [
            cell.source
            for cell in notebook.cells
            if cell.cell_type in ("markdown", "raw") and question.tag in cell.get("metadata", {}).get("tags", [])
        ]
        text = "\n".join(
            line for source in cells for line in source.splitlines() if _asks_question(line, question) is False
        )
        if text.strip():
            found[question.id] = text.strip()
    return found


# --- anchors ------------------------------------------------------------------------------------


def _asks(text: str, quiz: QuizSpec) -> int | None:
    words = [word.lower() for word in WORD.findall(text)]  # once per line, not once per question
    for index, question in enumerate(quiz.questions):
        if _asks_question(text, question, words):
            return index
    return None


def _asks_question(line: str, question: QuestionSpec, words: list[str] | None = None) -> bool:
    """Whether a line states the question: most of the question's first words, in order, are there."""
    window = _opening(question.text)
    if words is None:
        words = [word.lower() for word in WORD.findall(line)]
    if len(words) < len(window):
        return False
    present = set(words)
    if sum(word in present for word in window) < len(window) - 1:  # most lines: not even the words
        return False
    return any(
        sum(a == b for a, b in zip(words[start : start + len(window)], window, strict=False)) >= len(window) - 1
        for start in range(len(words) - len(window) + 1)
    )


@functools.lru_cache(maxsize=256)
def _opening(text: str) -> tuple[str, ...]:
    """A question's first (up to eight) words, lower-cased: what a line stating it begins with."""
    return tuple(word.lower() for word in WORD.findall(text))[:8]


def _after_question(line: str, question: QuestionSpec) -> str:
    """What follows the question on its own line ("… too large? **Answer:** it is the step size")."""
    asked = {word.lower() for word in WORD.findall(question.text)}
    last = question.text.strip().split()[-1].lower().strip("?.!:")
    lowered = line.lower()
    cut = lowered.rfind(last)
    rest = line[cut + len(last) :] if cut >= 0 else ""
    rest = re.sub(r"^[\s?.!:*_)]+", "", rest)
    rest = _BARE_LABEL.sub("", rest)
    words = [word.lower() for word in WORD.findall(rest)]
    if words and sum(word in asked for word in words) / len(words) > 0.8 and len(words) < 6:
        return ""
    return rest.strip()


def _label(text: str, count: int, list_expected: bool, after: int = -1) -> tuple[tuple[int, ...], str] | None:
    """The question numbers a line labels, and the rest of the line. A weak label must come after the
    labelled answer it follows (under answer 2, "1." starts that answer's own list)."""
    for pattern, strong in ((STRONG, True), (HEADING_NUMBER, True), (_WEAK, False)):
        match = pattern.match(text)
        if match is None or (not strong and not list_expected):
            continue
        numbers = tuple(int(group) - 1 for group in match.groups() if group)
        if not strong and numbers and min(numbers) <= after:
            continue
        if numbers and all(0 <= number < count for number in numbers):
            return numbers, text[match.end() :]
    return None


def _task_headings(lines: list[Line], task_cells: frozenset[int]) -> set[int]:
    """Positions of the headings whose section (up to the next heading) holds a task's code cell.

    "## 1. Gradient descent" over Task 1's code shares words with question 1 ("explain the goal of
    gradient descent"), but the text under it introduces the task; read as answer 1 it gave a student
    who never answered question 1 points for describing their simulation.
    """
    found: set[int] = set()
    if not task_cells:
        return found
    opened: int | None = None
    for position, line in enumerate(lines):
        if line.heading:
            opened = position
        elif line.code and opened is not None and line.cell in task_cells:
            found.add(opened)
            opened = None
    return found


def _titled(text: str, quiz: QuizSpec) -> int | None:
    """The question a numbered heading with a title labels ("### 1) Goal of gradient descent", "## 2.
    Slow decrease of the loss"): its number's, when the title shares a word with that question. A
    task's heading ("## 2) Backprop") shares none with question 2 and stays a heading."""
    match = _HEADING_TITLED.match(text)
    if match is None:
        return None
    number = int(match.group(1)) - 1
    if not 0 <= number < len(quiz.questions):
        return None
    title = {stem(word) for word in WORD.findall(match["title"].lower()) if word not in ENGLISH_FUNCTION_WORDS}
    asked = {stem(word) for word in WORD.findall(quiz.questions[number].text.lower())}
    return number if title & asked else None


def _list_expected(current: _Open | None, asked: list[int]) -> bool:
    """Weak labels ("3.") label answers only after several unanswered questions, or before any."""
    return current is None or len(set(asked)) >= 2 or (current.method == "labelled")


def _bullets_from(lines: list[Line], start: int) -> list[tuple[list[int], str]]:
    """Top-level bullets of the cell from ``start``, each with its continuation lines."""
    cell = lines[start].cell
    bullets: list[tuple[list[int], str]] = []
    for position in range(start, len(lines)):
        line = lines[position]
        if line.cell != cell:
            break
        if _BULLET.match(line.text) and not line.text.startswith(("  ", "\t")):
            bullets.append(([position], _BULLET.sub("", line.text)))
        elif bullets and line.text.strip():
            ids, body = bullets[-1]
            bullets[-1] = ([*ids, position], body + "\n" + line.text.strip())
    return bullets


def _is_assignment_text(text: str) -> bool:
    """The assignment's own instructions (the seed's, and our template's), which came with the notebook."""
    lowered = text.lower()
    return bool(
        re.search(
            r"\b(?:your code here|implement a simple|use a starting point|at each step, update|target output"
            r"|use sigmoid as activation|manually compute forward|plot the function|visualize how the"
            r"|input: x = |answer each quiz question in the empty cell|restart the kernel and run all cells)",
            lowered,
        )
    )


# --- answers under the wrong number -------------------------------------------------------------


def _moved_to_the_question_they_answer(
    answers: dict[str, Found], quiz: QuizSpec, scorer: Callable[[QuestionSpec, str], float]
) -> dict[str, Found]:
    """Swap two answers when each plainly answers the other's question and not its own; move an answer
    that plainly answers a question left empty, and not its own. Each move carries a note (review)."""
    questions = list(quiz.questions)
    result = dict(answers)
    for i, first in enumerate(questions):
        for second in questions[i + 1 :]:
            a, b = result[first.id], result[second.id]
            if not a.text or not b.text or a.method == "tags" or b.text == a.text:
                continue
            if scorer(first, a.text) / first.max_score >= 0.34:  # it answers its own question well enough
                continue
            own = scorer(first, a.text) / first.max_score + scorer(second, b.text) / second.max_score
            swapped = scorer(first, b.text) / first.max_score + scorer(second, a.text) / second.max_score
            if swapped >= own + 0.8:
                result[first.id] = Found(b.text, b.method, f"written under {second.id}, but it answers {first.id}")
                result[second.id] = Found(a.text, a.method, f"written under {first.id}, but it answers {second.id}")
    # an answer under one number whose own question is left empty elsewhere, and which answers that one
    for source in questions:
        found = result[source.id]
        if not found.text or found.method == "tags" or found.note:
            continue
        if scorer(source, found.text) / source.max_score >= 0.2:
            continue
        for target in questions:
            if (
                target is not source
                and not result[target.id].text
                and scorer(target, found.text) / target.max_score >= 0.5
            ):
                result[target.id] = Found(
                    found.text, found.method, f"written under {source.id}, but it answers {target.id}"
                )
                result[source.id] = Found("", "none", f"its text answers {target.id} and was moved there")
                break
    return result
