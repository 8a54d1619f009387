"""Execute stage: run a submission's code cells on fresh, sandboxed ``python3`` kernels with nbclient.

Outputs stored in the submission are never trusted: every code cell is re-executed in notebook order.
A cell that raises does not stop the rest, so Task 2 is graded even when Task 1 crashes. Right after
the last cell of each task a probe cell (:mod:`grader.run.probe`) snapshots that task's variables, because
later cells may reuse the names (both tasks of the seed assign ``x``).

A task never loses its points because another task broke the kernel. When a cell kills the kernel
(``os._exit``, a segfault, the memory limit) or runs past its time limit, that task is failed with a
message saying so, the kernel is killed, and a fresh kernel continues with the next cells after
re-running the *recovery* code: the setup cells that succeeded (cells outside any task) and the
``import`` statements of the cells already run (the seed imports numpy inside Task 1).

After the notebook, when a task has a *variation* (:mod:`grader.run.variation`), the notebook is *replayed*
on a new kernel with those tasks' parameter assignments rewritten, and each such task's probe in the
replay is its variation snapshot. The replay must be a run the student's code cannot tell from the
first, or a notebook could type in its answers and compute only when it sees it is being re-run: the
same cells in the same order with the same probes and history, the same working directory path
(removed and made again, so nothing the first run wrote is there, and its creation time is new), the
same ``HOME``, ``TMPDIR``, environment, connection file name (``sys.argv``) and log file, ``/tmp``
and ``/dev/shm`` emptied in the sandbox, every process of the first run killed and reaped, and the
same time limits counted afresh. What it can still see is the values themselves — ``x == 3.0``
where the notebook says ``x = 10`` — and whatever it does with them is judged
(:func:`grader.judge.hardcoding.judge_variation`; typed-in literals, :mod:`grader.judge.typed`), and with the warm
launcher the kernel's PID (a zygote's kernels share its PID namespace). The replay stops after the
last varied task, and whatever happens in it (an error, a timeout) only makes the hard-coding check
impossible for that task — never a student error or a lost point.

Limits: a cell gets ``cell_timeout`` seconds, capped by what is left of its task's and the notebook's
budgets. ``input()`` fails at once (nbclient offers no stdin) and is flagged. Output beyond
``output_bytes`` per cell is dropped and flagged.

Cell tags are honoured as nbclient and papermill honour them: a cell tagged ``skip-execution`` is not
run (nor in its task's variation: see :func:`skipped`), and an error in a cell tagged
``raises-exception`` is expected (the student shows an error on purpose), so it is neither recorded nor
flagged. An error IPython reports without an error output (a mistyped magic, ``%matplotlb inline``: a
``UsageError`` printed to stderr) is read from the execute reply, so it is recorded like any other. A
notebook whose kernelspec names another language (R, Julia) still runs on Python — the assignment's
language — and the execution says so (``declared_language``), so that the student is told why their
cells fail.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Protocol

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

from grader.errors import GraderError
from grader.options import EVALUE_MAX_CHARS, KERNEL_STARTUP_TIMEOUT, ExecutionLimits
from grader.records import CellError, Execution, Plan, Snapshot
from grader.run.kernels import (
    CappedNotebookClient,
    SandboxedKernelManager,
    kernel_environment,
)
from grader.run.probe import preamble_source, read_snapshot
from grader.run.steps import Step, code_cell, declared_language, error_of, imports_of, notebook_steps

#: Seconds a probe cell may take; it reads a few variables and should finish in milliseconds.
PROBE_TIMEOUT = 10
#: ``ename`` recorded for a cell stopped at its time limit, and for one during which the kernel died.
TIMEOUT_ENAME = "CellTimeoutError"
DEAD_KERNEL_ENAME = "DeadKernelError"
STDIN_ENAME = "StdinNotImplementedError"
#: The task id of the probe after the notebook's last code cell, which takes what no task's probe took.
NOTEBOOK_PROBE = "__notebook__"


class KernelStartError(GraderError):
    """A kernel could not be started: the grading machine's problem (missing ipykernel, a sandbox that
    cannot run, limits too tight for Python itself), reported on the submission as ``status: "error"``."""


@dataclass(slots=True)
class NotebookKernel:
    """One notebook's kernel folders, marker and first kernel manager — made ahead for a spare."""

    workdir: Path
    runtime: Path
    marker: str
    limits: ExecutionLimits
    slot: int  # which of the worker's zygotes forks its kernels (warm launcher)
    manager: Any = None  # SandboxedKernelManager; its kernel is already running for a spare
    log: IO[bytes] | None = None  # a fresh spare kernel's output file
    since: int = 0  # when its notebook began (boot ticks): what started later and was left is its own
    uid: int | None = None  # the kernel's own uid in the sandbox when grading as root (sandbox.kernel_uid)

    def log_path(self, number: int) -> Path:
        """Where the notebook's ``number``-th kernel (1, then 2… after restarts) writes its output."""
        return self.runtime / f"kernel-{number}.log"


class KernelSource(Protocol):
    """What a run needs from the executor that prepared its kernel (:class:`~grader.run.executor.NbclientExecutor`):
    the kernel's name, the sandbox, the launcher (a warm kernel ran the preamble as it started), and a
    new kernel manager after the kernel died or timed out."""

    kernel_name: str
    sandbox: str
    launcher: str

    def _manager(self, kernel: NotebookKernel, index: int) -> SandboxedKernelManager: ...


class NotebookRun:
    """The state of one notebook's execution across one or more kernels; lives for :meth:`execute`."""

    def __init__(
        self,
        notebook: NotebookNode,
        plan: Plan,
        limits: ExecutionLimits,
        kernel: NotebookKernel,
        executor: KernelSource,
        on_ready: Callable[[], None] | None = None,
        steps: list[Step] | None = None,
    ) -> None:
        self.notebook = notebook
        self.plan = plan
        self.limits = limits
        self.kernel = kernel
        self.executor = executor
        self.on_ready = on_ready  # called once the notebook's first kernel answers
        self.steps = notebook_steps(notebook, plan) if steps is None else steps
        self.errors: list[CellError] = []
        self.snapshots: dict[str, Snapshot] = {}
        self.missed: dict[str, str] = {}
        self.flags: set[str] = set()
        self.status = "ok"
        self.spent: dict[str, float] = {}
        self.recovered_setup: list[int] = []  # setup cells that ran cleanly: re-run after a restart
        self.kernels = 0
        self.deadline = 0.0

    def execute(self) -> Execution:
        started = time.monotonic()
        self.deadline = started + self.limits.notebook_timeout
        position = 0
        while position < len(self.steps):
            position = self._session(position)
        language = declared_language(self.notebook)
        if language is not None:
            self.flags.add("other_language")
        return Execution(
            status=self.status,
            seconds=round(time.monotonic() - started, 3),
            errors=tuple(self.errors),
            snapshots=self.snapshots,
            missed=self.missed,
            flags=tuple(sorted(self.flags)),
            sandbox=self.executor.sandbox,
            kernels_started=self.kernels,
            declared_language=language,
        )

    def replay(self, first: Execution) -> Execution:
        """Run :attr:`steps` (the notebook with varied tasks rewritten, see :func:`replay_steps`) exactly
        as the first run ran, and return ``first`` with each varied task's snapshot, or why it has none.

        The replay is judged only for the hard-coding check: its errors, flags and restarts are not the
        student's. A varied task's cell that raises here but did not the first time failed because of
        the new parameters; one that raised both times is the same honest error and is no reason to
        give up on the check.
        """
        self.execute()
        before = {error.cell for error in first.errors}
        snapshots, missed = {}, {}
        for variation in self.plan.variations:
            task = variation.task
            raised = [e for e in self.errors if self.plan.task_of_cell.get(e.cell) == task and e.cell not in before]
            if task in first.missed:
                missed[task] = "not re-run: the task did not finish the first time"
            elif task in self.missed:
                missed[task] = f"the re-run with the new parameters did not finish: {self.missed[task]}"
            elif raised:
                missed[task] = f"the task's cells raised {raised[0].ename} with the new parameters"
            elif task in self.snapshots:
                snapshots[task] = self.snapshots[task]
            else:
                missed[task] = "the values could not be read after the re-run"
        return replace(first, variant_snapshots=snapshots, variant_missed=missed)

    def _client(self, manager: SandboxedKernelManager) -> CappedNotebookClient:
        # one spare cell at the end: where the recovery code of a restarted kernel runs
        cells = [step.cell for step in self.steps] + [code_cell("")]
        client = CappedNotebookClient(
            nbformat.from_dict({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
            km=manager,
            kernel_name=self.executor.kernel_name,
            timeout=math.ceil(self.limits.cell_timeout),
            startup_timeout=int(KERNEL_STARTUP_TIMEOUT),
            allow_errors=True,
            interrupt_on_timeout=False,  # a timed-out kernel is killed and replaced, never trusted again
            shutdown_kernel="immediate",  # the kernel is discarded; a graceful shutdown only polls (≈0.3 s)
            record_timing=False,
            resources={"metadata": {"path": str(self.kernel.workdir)}},
        )
        client.output_cap = self.limits.output_bytes
        client.on_cell_error = client.note_reply_error
        client.uncapped = frozenset(i for i, step in enumerate(self.steps) if step.probe is not None)
        return client

    def _session(self, position: int) -> int:
        """Run steps from ``position`` on a new kernel; return where the next kernel must start."""
        if self.kernels > len(self.plan.probes) + len(self.plan.variations) + 2:
            return self._stop(position, "not run: the kernel kept dying", "kernel_died")
        first = self.kernels == 0  # of this run: a replay's first kernel has the first run's names
        manager = self.kernel.manager if first else self.executor._manager(self.kernel, self.kernels)
        client = self._client(manager)
        self.kernels += 1
        log_path = self.kernel.log_path(self.kernels)
        env = kernel_environment(self.kernel.workdir, self.kernel.marker)
        started = False
        try:
            with contextlib.ExitStack() as stack:
                # a spare kernel is running already, writing to its own log; nbclient only connects to it
                log = None if manager.has_kernel else stack.enter_context(log_path.open("wb"))
                stack.enter_context(client.setup_kernel(cleanup_kc=True, env=env, stdout=log, stderr=log))
                started = True
                if first and self.on_ready is not None:
                    self.on_ready()
                return self._run_steps(client, position)
        except (RuntimeError, TimeoutError) as error:
            if started:
                raise
            raise KernelStartError(start_failure(error, log_path, self.executor.sandbox)) from error

    def _run_steps(self, client: CappedNotebookClient, position: int) -> int:
        try:
            if self.executor.launcher != "warm":  # a warm kernel ran it as it started (grader.run.warm)
                preamble = code_cell(preamble_source(self.limits.output_bytes))
                client.timeout = PROBE_TIMEOUT
                client.execute_cell(preamble, len(self.steps), store_history=False)
            if position > 0:
                self._recover(client, position)
            while position < len(self.steps):
                outcome = self._run_step(client, position)
                if outcome == "stop":
                    return len(self.steps)
                position += 1
                if outcome == "restart":
                    return position
            return position
        finally:
            if client.truncated:
                self.flags.add("output_truncated")

    def _recover(self, client: CappedNotebookClient, position: int) -> None:
        """Bring a fresh kernel to where the notebook's tasks can go on: setup cells, then imports."""
        source = [self.steps[index].cell.source for index in self.recovered_setup]
        source += [imports_of(step.cell.source) for step in self.steps[:position] if step.task is not None]
        code = "\n".join(part for part in source if part.strip())
        if code:
            client.timeout = max(1, math.ceil(min(self.limits.cell_timeout, self._remaining())))
            cell = code_cell(code)
            client.execute_cell(cell, len(self.steps), store_history=False)

    def _remaining(self) -> float:
        return self.deadline - time.monotonic()

    def _run_step(self, client: CappedNotebookClient, position: int) -> str:
        """Run one step; return "next", "restart" (the kernel must be replaced) or "stop"."""
        step = self.steps[position]
        if step.task is not None and step.task in self.missed:
            return "next"  # the task already failed; its remaining cells and probe are skipped
        budget, limit, reason = self._budget(step)
        if budget <= 0 and limit == "notebook":
            self._stop(position, f"not run: the notebook used up its {self.limits.notebook_timeout:g} s", "timeout")
            return "stop"
        if budget <= 0 and step.task is not None:
            self._fail_task(step.task, f"not finished: the task used up its {self.limits.task_timeout:g} s", "timeout")
            return "next"
        started = time.monotonic()
        lost = _execute(client, step, position, budget, store_history=step.probe is None)
        if step.task is not None:
            self.spent[step.task] = self.spent.get(step.task, 0.0) + time.monotonic() - started
        if lost == TIMEOUT_ENAME:
            self._lost(step, TIMEOUT_ENAME, f"the cell ran past its time limit ({reason})", "timeout")
            return "restart"
        if lost == DEAD_KERNEL_ENAME:
            self._lost(step, DEAD_KERNEL_ENAME, "the kernel died while running this cell", "kernel_died")
            return "restart"
        if step.probe is not None:
            snapshot = read_snapshot(step.cell.outputs, step.nonce)
            if snapshot is None:
                self.missed[step.probe.task] = "not graded: the task's variables could not be read from the kernel"
            else:
                self.snapshots[step.probe.task] = snapshot
            return "next"
        error = error_of(step.cell) or client.reply_errors.get(position)
        if error is None:
            if step.task is None:
                self.recovered_setup.append(position)
            return "next"
        if step.raises:  # an error the student shows on purpose; never replayed after a restart
            return "next"
        self.errors.append(CellError(step.original, error[0], error[1][:EVALUE_MAX_CHARS]))
        self.flags.add("cell_error")
        if error[0] == STDIN_ENAME:
            self.flags.add("stdin_requested")
        if self.status == "ok":
            self.status = "errors"
        return "next"

    def _budget(self, step: Step) -> tuple[float, str, str]:
        """Seconds this step may take, which limit binds ("cell", "task", "notebook"), and its wording."""
        limits = [(self.limits.cell_timeout, "cell", f"{self.limits.cell_timeout:g} s per cell")]
        if step.task is not None:
            left = self.limits.task_timeout - self.spent.get(step.task, 0.0)
            limits.append((left, "task", f"{self.limits.task_timeout:g} s per task"))
        limits.append((self._remaining(), "notebook", f"{self.limits.notebook_timeout:g} s per notebook"))
        return min(limits, key=lambda limit: limit[0])

    def _lost(self, step: Step, ename: str, evalue: str, flag: str) -> None:
        """The kernel is gone or no longer trustworthy: record it and fail the step's task, if any."""
        self.errors.append(CellError(step.original, ename, evalue))
        self.flags.add("cell_error")
        what = "ran past its time limit" if flag == "timeout" else "killed the kernel"
        reason = f"not graded: cell {step.original + 1} {what}; the other tasks ran on a new kernel"
        if step.task is not None:
            self._fail_task(step.task, reason, flag)
        else:
            self._flag(flag)

    def _fail_task(self, task: str, reason: str, flag: str) -> None:
        self.missed.setdefault(task, reason)
        self._flag(flag)

    def _flag(self, flag: str) -> None:
        """Raise the flag; the execution status is the most serious thing seen (timeout over death)."""
        self.flags.add(flag)
        if self.status != "timeout":
            self.status = flag

    def _stop(self, position: int, reason: str, flag: str) -> int:
        """No step from ``position`` on will run; every task still without a snapshot says why."""
        for step in self.steps[position:]:
            if step.probe is not None and step.probe.task not in self.snapshots:
                self.missed.setdefault(step.probe.task, reason)
        self._flag(flag)
        return len(self.steps)


def _execute(client: CappedNotebookClient, step: Step, position: int, budget: float, store_history: bool) -> str | None:
    """Run one step's cell within ``budget`` seconds (a probe within :data:`PROBE_TIMEOUT`); ``None``
    when the kernel answered, else why it did not (:data:`TIMEOUT_ENAME`, :data:`DEAD_KERNEL_ENAME`)."""
    client.timeout = max(1, math.ceil(min(PROBE_TIMEOUT, budget) if step.probe else budget))
    try:
        client.execute_cell(step.cell, position, store_history=store_history)
    except CellTimeoutError:
        return TIMEOUT_ENAME
    except DeadKernelError:
        return DEAD_KERNEL_ENAME
    return None


def start_failure(error: BaseException, log_path: Path, sandbox: str) -> str:
    """Why a kernel did not start, with the end of its log; this is the machine's problem, not the student's."""
    try:
        tail = log_path.read_text(errors="replace").strip().splitlines()[-5:]
    except OSError:
        tail = []
    log = " | ".join(tail) if tail else "(empty)"
    return (
        f"the kernel did not start ({error}); sandbox {sandbox!r}; its log ends: {log}. "
        "Check that ipykernel is installed, or try --sandbox none to rule out the sandbox"
    )
