"""The grader's exceptions: one root, a small tree, and messages that say what, where and the fix.

A student's mistake is never an exception: cell errors, timeouts, dead kernels and missing variables
become fields of the report. These exceptions are for the instructor's and the system's mistakes::

    GraderError                  root; the CLI maps it to exit code 2 unless a subclass says otherwise
    ├── UsageError               a bad command line: missing path, clashing submission ids, bad option
    ├── ReferenceUnusable        a rubric's reference cannot be imported or lacks what is asked of it
    │                            (grader.load.references); loading a rubric turns it into a RubricError
    │                            problem at the YAML path that names the reference
    ├── RubricError              a rubric that fails validation; carries every problem found, each
    │   │                        with its YAML path and line
    │   └── OverridesError       an instructor's overrides file that fails validation or names an
    │                            unknown submission, question or check (grader.batch.overrides)
    └── NotebookInvalid          a file that is not a gradable notebook; caught per submission and
                                 turned into a ``status: "invalid"`` report, never fatal to a batch
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class GraderError(Exception):
    """Root of every error the grader raises on purpose."""


class UsageError(GraderError):
    """The command line or the library call asked for something impossible."""


class ReferenceUnusable(GraderError):
    """A reference module cannot be imported, lacks its function, or lacks a hook a command needs
    (``grader selftest`` without ``solution``); the message names the module and what to add."""


@dataclass(frozen=True, slots=True)
class RubricProblem:
    """One validation failure: ``tasks[1].checks[2].rtol: must be a non-negative number (line 40)``."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line is not None else ""
        return f"{self.path}: {self.message}{where}"


class RubricError(GraderError):
    """A rubric file is unreadable or invalid; all problems are collected before this is raised."""

    what = "rubric"

    def __init__(self, source: Path | str, problems: list[RubricProblem]) -> None:
        self.source = str(source)
        self.problems = tuple(problems)
        listing = "\n".join(f"  - {problem}" for problem in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            f"invalid {self.what} {self.source}: {count} {noun}\n{listing}\n"
            f"Fix the {self.what} and run the command again."
        )


class NotebookInvalid(GraderError):
    """The submission is not a notebook the grader can run (not JSON, not a notebook, unknown format)."""
