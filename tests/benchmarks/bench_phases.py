"""Where one notebook's time goes: wall milliseconds per phase of grading, one notebook after another.

Grades the correct example N times with one executor (as a batch worker does) and times the phases
by wrapping the library calls that make them: starting the kernel, connecting to it, each cell,
shutting it down, the zygote's requests. Phases nest (``grade_submission`` contains all), so the
rows do not add up; what is outside ``NbclientExecutor.run`` is the grader's own work (diagnosis,
scoring, the report). This is how the warm launcher's waits were found (see README.md here).
Usage: ``python tests/benchmarks/bench_phases.py [--notebooks 30] [--launcher warm|fresh] [--sandbox auto]``.
"""

from __future__ import annotations

import argparse
import collections
import functools
import inspect
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

from grader import NbclientExecutor, load_rubric
from grader.load.submissions import discover
from grader.options import DEFAULT_RUBRIC
from grader.pipeline import grade_submission
from grader.run import executor as executor_stage
from grader.run import kernels, warm

ROOT = Path(__file__).resolve().parents[2]
SECONDS: collections.Counter[str] = collections.Counter()
CALLS: collections.Counter[str] = collections.Counter()


def timed(owner: Any, name: str) -> None:
    """Replace ``owner.name`` by a wrapper that adds its wall time to :data:`SECONDS`."""
    original: Callable[..., Any] = getattr(owner, name)
    label = f"{getattr(owner, '__name__', owner)}.{name}"

    if inspect.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                SECONDS[label] += time.perf_counter() - started
                CALLS[label] += 1

    else:

        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                SECONDS[label] += time.perf_counter() - started
                CALLS[label] += 1

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=30)
    parser.add_argument("--launcher", default="warm")
    parser.add_argument("--sandbox", default="auto")
    args = parser.parse_args()
    for owner, name in [
        (executor_stage.NbclientExecutor, "run"),
        (NotebookClient, "start_new_kernel"),
        (NotebookClient, "start_new_kernel_client"),
        (NotebookClient, "execute_cell"),
        (NotebookClient, "_cleanup_kernel"),
        (AsyncKernelManager, "shutdown_kernel"),
        (AsyncKernelManager, "_async_wait"),
        (AsyncKernelClient, "stop_channels"),
        (warm.Zygote, "spawn"),
        (warm.Zygote, "sweep"),
        (executor_stage, "kill_marked"),
    ]:
        timed(owner, name)
    # bound to the base class's coroutine at class creation: time the subclass's own method
    timed(kernels.PromptKernelClient, "_async_wait_for_ready")
    kernels.PromptKernelClient.wait_for_ready = kernels.PromptKernelClient._async_wait_for_ready  # type: ignore[method-assign]

    rubric = load_rubric(DEFAULT_RUBRIC)
    submission = discover([ROOT / "submissions_example" / "alice_correct.ipynb"])[0]
    executor = NbclientExecutor(launcher=args.launcher, sandbox=args.sandbox)
    for _ in range(3):  # start the zygotes and the spare kernel: a batch's steady state is what counts
        grade_submission(submission, rubric, executor)
    SECONDS.clear()
    CALLS.clear()
    started = time.perf_counter()
    for _ in range(args.notebooks):
        report = grade_submission(submission, rubric, executor)
        assert report.score == rubric.max_score, report.message
    total = time.perf_counter() - started
    executor.close()
    print(f"{args.notebooks} notebooks, launcher {args.launcher}, sandbox {executor.sandbox}, one after another")
    print(f"{'grade_submission (all of it)':<45} {total / args.notebooks * 1000:7.1f} ms/notebook")
    for label, seconds in SECONDS.most_common():
        per = CALLS[label] / args.notebooks
        print(f"{label:<45} {seconds / args.notebooks * 1000:7.1f} ms/notebook  ({per:g} calls)")


if __name__ == "__main__":
    main()
