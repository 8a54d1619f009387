"""Grading on a Dask cluster: each submission is a task, run by the same sandboxed engine as locally.

``grader grade --executor dask --scheduler ADDRESS`` (install with ``pip install '.[dask]'``). Each
worker grades with its own resident executor (one warm zygote per worker process), results stream
back as they finish and the batch writes each report as it arrives. Figures are drawn by the process
that writes the reports, since workers may not share its disk. If a worker dies mid-task the
scheduler reruns the task elsewhere; a task that keeps killing workers ends, after the scheduler's
``distributed.scheduler.allowed-failures`` retries (set it to 1 for "two dead workers and out"), as
``KilledWorker`` — reported as that submission's ``status: "error"``, never retried forever.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from grader.batch.worker import grade_and_draw
from grader.errors import UsageError
from grader.load.specs import Rubric
from grader.load.submissions import SubmissionFile
from grader.options import ExecutionLimits
from grader.pipeline import failed_report
from grader.records import Report, SubmissionInfo
from grader.run.executor import Executor


def grade_on_dask(
    items: list[tuple[SubmissionFile, str | None]],
    rubric: Rubric,
    executor: Executor,
    limits: ExecutionLimits,
    scheduler: Any,
) -> Iterator[tuple[tuple[SubmissionFile, str | None], Report]]:
    """Reports in the order they finish on the cluster (``scheduler``: an address or a Client)."""
    try:
        from distributed import Client, as_completed
        from distributed.scheduler import KilledWorker
    except ImportError as error:
        raise UsageError("--executor dask needs Dask: pip install 'backprop-grader[dask]'") from error
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    batch = uuid.uuid4().hex[:8]
    try:
        futures = {
            client.submit(
                grade_and_draw, submission, rubric, executor, limits, None, key=f"grade-{batch}-{submission.id}"
            ): (submission, key)
            for submission, key in items
        }
        for future in as_completed(futures):
            item = futures[future]
            try:
                report = future.result()
            except KilledWorker:
                report = _error(item[0], rubric, "grading it killed Dask workers repeatedly; it was not retried again")
            except Exception as error:  # a worker-side failure outside `guarded`: still a report
                report = _error(item[0], rubric, f"the Dask task failed ({type(error).__name__}: {error})")
            yield item, report
    finally:
        if client is not scheduler:
            client.close()


def _error(submission: SubmissionFile, rubric: Rubric, message: str) -> Report:
    return failed_report(SubmissionInfo(submission.id, submission.path, ""), rubric, "error", message)
