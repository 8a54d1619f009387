"""Every default the grader has, declared once; the CLI and the rubric loader read them from here."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: Where the bundled rubrics live: the top-level ``rubrics`` package, installed beside ``grader``.
RUBRICS_DIR = Path(__file__).resolve().parent.parent / "rubrics"
DEFAULT_RUBRIC = RUBRICS_DIR / "assignment.yaml"
DEFAULT_QUIZ = RUBRICS_DIR / "quiz.yaml"
DEFAULT_OUT = Path("grader-out")


def default_cache_dir() -> Path:
    """Where ``grader grade`` keeps its report cache: the user's cache folder (XDG), shared by runs."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "backprop-grader" / "reports"


def default_cache_key_file() -> Path:
    """The secret that signs report cache entries: in the user's config folder, not the cache folder
    (which may be shared or restored from a CI cache), and never mounted into a sandbox."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "backprop-grader" / "cache.key"


#: Tolerances a check gets when the rubric names none: tight enough that a wrong chain-rule factor
#: (a relative error of order 1e-1) can never pass, loose enough for float reordering (~1e-15).
DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-9

#: Time limits when the rubric gives none. A correct notebook runs its cells in about 0.1 s.
DEFAULT_CELL_TIMEOUT = 30.0
DEFAULT_TASK_TIMEOUT = 60.0
DEFAULT_NOTEBOOK_TIMEOUT = 120.0
#: Resource limits of each kernel and everything it starts. A kernel that has drawn a matplotlib
#: figure maps 0.93 GB of address space (measured; mostly thread stacks and shared libraries) while
#: using 0.1 GB, so the address-space limit leaves room for that plus what the tasks need (a few kB).
DEFAULT_MEMORY_MB = 2048
DEFAULT_CPU_SECONDS = 300
DEFAULT_PROCESSES = 64
DEFAULT_FILE_SIZE_MB = 64
#: Most a bwrap sandbox's private ``/tmp`` may hold (a tmpfs: memory). Less under a smaller memory limit.
SANDBOX_TMP_MB = 256
#: Output a cell may produce before the rest is dropped (and the submission flagged ``output_truncated``).
DEFAULT_OUTPUT_BYTES = 1_000_000
DEFAULT_SANDBOX = "auto"
#: How kernels start: ``warm`` forks each one from a sandboxed zygote (about twice as fast per notebook),
#: ``fresh`` starts a new Python each time.
DEFAULT_LAUNCHER = "warm"
#: How long a kernel may take to start before the submission is reported as not executed.
KERNEL_STARTUP_TIMEOUT = 60.0

#: Largest snapshot of a task's values that crosses from the kernel, in bytes of JSON.
SNAPSHOT_MAX_BYTES = 1_000_000
#: Text of a notebook the quiz reads: each cell's first 20,000 characters (an honest answer is a
#: paragraph or two) and 200,000 in all. Scoring takes about 5 s per MB of answer (a 98 MB answer
#: took 8 minutes, outside every time limit); capped, a notebook's quiz is scored in well under 1 s.
QUIZ_CELL_MAX_CHARS = 20_000
QUIZ_MAX_CHARS = 200_000
#: Longest error message (``evalue``) kept in a report.
EVALUE_MAX_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class ExecutionLimits:
    """Limits for one submission; the rubric sets them and the CLI may override them.

    Time: a cell gets ``cell_timeout`` seconds, capped by what is left of its task's ``task_timeout``
    and of the notebook's ``notebook_timeout``. Resources bind each kernel (0 = unlimited).
    """

    cell_timeout: float = DEFAULT_CELL_TIMEOUT
    task_timeout: float = DEFAULT_TASK_TIMEOUT
    notebook_timeout: float = DEFAULT_NOTEBOOK_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    cpu_seconds: int = DEFAULT_CPU_SECONDS
    processes: int = DEFAULT_PROCESSES
    file_size_mb: int = DEFAULT_FILE_SIZE_MB
    output_bytes: int = DEFAULT_OUTPUT_BYTES


#: The range each limit may take, wherever it is set (rubric ``limits:``, command line); ``True`` when
#: 0 means "no limit". Outside these a run cannot work: ``cell_timeout: 0`` fails every cell,
#: ``memory_mb: 1e20`` overflows ``setrlimit`` (every kernel fails to start), and below 256 MB of
#: address space Python with numpy does not start (it maps about 0.3 GB before any student code).
LIMIT_BOUNDS: dict[str, tuple[float, float, bool]] = {
    "cell_timeout": (0.1, 86_400, False),
    "task_timeout": (0.1, 86_400, False),
    "notebook_timeout": (0.1, 86_400, False),
    "memory_mb": (256, 1_048_576, True),
    "cpu_seconds": (1, 86_400, True),
    "processes": (1, 100_000, True),
    "file_size_mb": (1, 1_048_576, True),
    "output_bytes": (1_000, 1_000_000_000, True),
}


def limit_problem(name: str, value: float) -> str | None:
    """Why ``value`` cannot be limit ``name`` (``None`` when it can): the message names the range."""
    low, high, zero_is_none = LIMIT_BOUNDS[name]
    if zero_is_none and value == 0:
        return None
    if low <= value <= high:
        return None
    unlimited = " (0: no limit)" if zero_is_none else ""
    return f"must be between {_plain(low)} and {_plain(high)}{unlimited}, got {value:g}"


def _plain(number: float) -> str:
    return f"{int(number):,}" if number == int(number) else f"{number:g}"
