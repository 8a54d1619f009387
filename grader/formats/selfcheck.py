"""How a self-check looks: friendly lines (coloured on a terminal) and a rich block in Jupyter."""

from __future__ import annotations

import os

from jinja2 import Environment, select_autoescape

from grader.formats.execution import execution_notes
from grader.quiz.grade import states_something_false
from grader.records import QuestionResult, SelfCheckResult

_GREEN, _YELLOW, _RED, _DIM, _BOLD, _RESET = "\x1b[32m", "\x1b[33m", "\x1b[31m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_SYMBOL = {"pass": ("✓", _GREEN), "partial": ("◐", _YELLOW), "fail": ("✗", _RED), "missing": ("?", _RED)}


def use_colour(stream_is_tty: bool) -> bool:
    """Colour on a terminal unless NO_COLOR is set (https://no-color.org)."""
    return stream_is_tty and not os.environ.get("NO_COLOR")


def verdict_line(result: SelfCheckResult) -> str:
    """Never a bare "all tests passed": say what was checked and what is held back for grading."""
    if result.problem is not None:
        return f"could not check this notebook: {result.problem}"
    hidden = (
        f"; {result.hidden} hidden check{'s' if result.hidden != 1 else ''} run at grading" if result.hidden else ""
    )
    plots = f"; {result.skipped_plots} plot check(s) run with `grader check NOTEBOOK`" if result.skipped_plots else ""
    unanswered = result.unanswered
    quiz = (
        f"; {len(unanswered)} of {len(result.quiz.questions)} quiz questions not answered yet"
        if unanswered and result.quiz is not None
        else ""
    )
    if result.passed == result.checks:
        return f"all {result.checks} public checks pass{hidden}{plots}{quiz}"
    return f"{result.passed} of {result.checks} public checks pass{hidden}{plots}{quiz}"


def quiz_items(result: SelfCheckResult) -> list[tuple[str, str, str]]:
    """Each quiz question as the student may see it: (id, status, what to do)."""
    questions = result.quiz.questions if result.quiz is not None else ()
    return [(question.id, *question_verdict(question)) for question in questions]


def question_verdict(question: QuestionResult) -> tuple[str, str]:
    """(``unanswered``/``complete``/``partial``, what to do) for one quiz answer: the ideas still
    missing, never a score or a model answer. One wording for the self-check and Gradescope."""
    if not question.answer.strip():
        return "unanswered", "no answer found below the question yet"
    complete = question.score >= question.max_score or not question.missing
    detail = (
        "covers the main ideas"
        if complete
        else "could also discuss " + ", ".join(item.replace("_", " ") for item in question.missing)
    )
    if states_something_false(question):
        complete = False
        detail += "; something in it is stated the wrong way round or is not true: reread it"
    return ("complete" if complete else "partial"), detail


def selfcheck_lines(result: SelfCheckResult, colour: bool) -> list[str]:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines: list[str] = []
    notes = execution_notes(result.execution)
    if notes:
        lines.append(paint("When your notebook ran", _BOLD))
        lines += [f"  {paint('!', _RED)} {note}" for note in notes]
    for task in result.tasks:
        lines.append(paint(f"{task.title}", _BOLD))
        for check in task.checks:
            symbol, code = _SYMBOL.get(check.status, ("!", _RED))
            lines.append(f"  {paint(symbol, code)} {check.id}: {check.feedback or check.message}")
        for diagnosis in task.diagnoses:
            label = "note" if diagnosis.kind == "convention" else "hint"
            lines.append(f"    {paint(label + ':', _YELLOW)} {diagnosis.message}")
    if result.quiz is not None:
        lines.append(paint("Quiz", _BOLD))
        for question_id, status, detail in quiz_items(result):
            symbol, code = {"unanswered": ("?", _RED), "complete": ("✓", _GREEN)}.get(status, ("◐", _YELLOW))
            lines.append(f"  {paint(symbol, code)} {question_id}: {detail}")
    final = verdict_line(result)
    lines.append(paint(final, _GREEN if result.ok else _YELLOW))
    return lines


_HTML = Environment(autoescape=select_autoescape(default=True)).from_string(
    """<div class="grader-selfcheck" style="font-family: sans-serif; line-height: 1.4">
{% for task in result.tasks %}<p style="margin: 0.6em 0 0.2em"><b>{{ task.title }}</b></p>
<ul style="margin: 0; padding-left: 1.2em; list-style: none">
{% for check in task.checks %}<li><span style="color: {{ colours.get(check.status, '#b00') }}">
{{ symbols.get(check.status, '!') }}</span> <code>{{ check.id }}</code>: {{ check.feedback or check.message }}</li>
{% endfor %}{% for d in task.diagnoses %}<li style="color: #8a6d00">{{ 'note' if d.kind == 'convention' else 'hint' }}:
{{ d.message }}</li>{% endfor %}</ul>{% endfor %}
<p style="margin-top: 0.6em"><b>{{ verdict }}</b></p></div>"""
)


def selfcheck_html(result: SelfCheckResult) -> str:
    return _HTML.render(
        result=result,
        verdict=verdict_line(result),
        colours={"pass": "#1a7f37", "partial": "#9a6700", "fail": "#cf222e", "missing": "#cf222e"},
        symbols={"pass": "✓", "partial": "◐", "fail": "✗", "missing": "?"},
    )
