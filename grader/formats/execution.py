"""What happened when a notebook ran, in words a student can act on.

The report records each cell that raised, ran out of time or killed its kernel as ``ename`` and
``evalue`` (``CellTimeoutError``, ``StdinNotImplementedError: raw_input was called, but this frontend
does not support input requests.``). Those names are for the instructor; a student who waited 30 s
for ``grader check`` needs to read that their loop never ended. :func:`execution_notes` turns the
report's execution into one sentence per event, and feedback Markdown and ``grader check`` show them
before the checks those events explain.

Only what the JSON report keeps is read (status, errors, declared language), so feedback rebuilt
from a report (``--resume``, ``grader merge``) says the same.
"""

from __future__ import annotations

import re

from grader.records import CellError, Execution
from grader.run.execute import DEAD_KERNEL_ENAME, STDIN_ENAME, TIMEOUT_ENAME

#: Third-party packages the grading kernel has besides the standard library (pyproject's dependencies).
KERNEL_PACKAGES = "numpy, matplotlib, sympy, scipy and pandas"


def execution_notes(execution: Execution | None) -> list[str]:
    """One plain sentence per thing that went wrong while the notebook ran; empty for a clean run."""
    if execution is None:
        return []
    notes = []
    if execution.declared_language is not None:
        notes.append(
            f"This notebook is set up for {execution.declared_language}, but the assignment is graded in "
            "Python, so its cells were run as Python. Write your answers in a Python notebook (start from "
            "the assignment's template)."
        )
    notes += [_error_note(error) for error in execution.errors]
    timed_out = any(error.ename == TIMEOUT_ENAME for error in execution.errors)
    if execution.status == "timeout" and not timed_out:
        notes.append(
            "The notebook used up the time it may run in all, so the cells after that point were not run. "
            "Make the slow cells finish sooner."
        )
    return notes


def _error_note(error: CellError) -> str:
    cell = f"Cell {error.cell + 1}"
    ename, evalue = error.ename, error.evalue.strip()
    if ename == TIMEOUT_ENAME:
        limit = re.search(r"\(([^()]*)\)\s*$", evalue)
        within = f" ({limit.group(1)})" if limit else ""
        return (
            f"{cell} was stopped because it ran past its time limit{within}. Look for a loop that never ends "
            "(a `while` whose condition never becomes false) or far more steps than the task needs."
        )
    if ename == DEAD_KERNEL_ENAME:
        return (
            f"{cell} stopped Python itself (the kernel died), so that cell's work was lost. `os._exit()`, "
            "a crash inside a library or far more memory than a notebook may use does this."
        )
    if ename == STDIN_ENAME:
        return (
            f"{cell} calls `input()`, which waits for someone to type; nobody can while the notebook is "
            "graded. Write the value into your code instead (`lr = 0.1`)."
        )
    if ename in ("ModuleNotFoundError", "ImportError"):
        module = re.search(r"No module named '([^']+)'", evalue)
        what = f"`{module.group(1)}`, which is" if module else "something that is"
        return (
            f"{cell} imports {what} not installed where notebooks are graded ({ename}: {evalue}). "
            f"The grading kernel has the standard library and {KERNEL_PACKAGES}; use those."
        )
    if ename == "MemoryError":
        return (
            f"{cell} ran out of memory ({evalue or 'MemoryError'}): a notebook may use only a limited amount. "
            "Look for an array or list far bigger than the task needs."
        )
    if ename == "RecursionError":
        return (
            f"{cell} raised RecursionError: a function kept calling itself and never reached a case that "
            "stops. Give it a stopping condition (or use a loop); the rest of that cell did not run."
        )
    if ename == "UsageError":
        return (
            f"{cell} has an IPython command (a line starting with `%`) that IPython does not know: {evalue} "
            "Check its spelling (`%matplotlib inline`); none of that cell ran."
        )
    if ename in ("SyntaxError", "IndentationError", "TabError"):
        return f"{cell} is not valid Python ({ename}: {evalue}), so none of it ran."
    detail = f": {evalue}" if evalue else ""
    return f"{cell} raised {ename}{detail}. The rest of that cell did not run."
