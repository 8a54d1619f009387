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
(:func:`grader.judge.diagnose.judge_variation`; typed-in literals, :mod:`grader.judge.typed`), and with the warm
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

import ast
import atexit
import contextlib
import math
import os
import secrets
import shutil
import tempfile
import time
import uuid
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Protocol

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

from grader.errors import GraderError, UsageError
from grader.options import DEFAULT_LAUNCHER, EVALUE_MAX_CHARS, KERNEL_STARTUP_TIMEOUT, ExecutionLimits
from grader.records import CellError, Execution, Plan, Probe, Snapshot
from grader.run.kernels import (
    MARKER_VARIABLE,
    CappedNotebookClient,
    PromptKernelClient,
    SandboxedKernelManager,
    kernel_environment,
    seed_matplotlib,
    warm_matplotlib_cache,
)
from grader.run.probe import preamble_source, probe_source, read_snapshot
from grader.run.processes import become_subreaper, boot_ticks, kill_marked, kill_orphans, remove_stale_scratch
from grader.run.sandbox import choose_sandbox, hand_over, kernel_uid, wrap_command

#: Seconds a probe cell may take; it reads a few variables and should finish in milliseconds.
PROBE_TIMEOUT = 10
#: ``ename`` recorded for a cell stopped at its time limit, and for one during which the kernel died.
TIMEOUT_ENAME = "CellTimeoutError"
DEAD_KERNEL_ENAME = "DeadKernelError"
STDIN_ENAME = "StdinNotImplementedError"
#: Cell tags with a meaning for execution, as nbclient and papermill read them.
SKIP_TAG = "skip-execution"
RAISES_TAG = "raises-exception"
LAUNCHERS = ("fresh", "warm")
#: The task id of the probe after the notebook's last code cell, which takes what no task's probe took.
NOTEBOOK_PROBE = "__notebook__"


class KernelStartError(GraderError):
    """A kernel could not be started: the grading machine's problem (missing ipykernel, a sandbox that
    cannot run, limits too tight for Python itself), reported on the submission as ``status: "error"``."""


class Executor(Protocol):
    """Runs a notebook's code cells and snapshots values; swapped for a faster launcher or a sandbox."""

    def run(self, notebook: NotebookNode, plan: Plan, limits: ExecutionLimits) -> Execution: ...

    def close(self) -> None:
        """Release what outlives one notebook (a warm launcher's zygote, a spare kernel); the executor
        may be used again afterwards and starts them again. Nothing to release: do nothing."""


class NbclientExecutor:
    """Fresh ipykernels driven by nbclient, one notebook at a time, each in its own scratch folder.

    ``sandbox`` is ``auto`` (bwrap where it works), ``bwrap`` (refuse without it) or ``none``; it is
    resolved once, here, so that every notebook of a batch is graded the same way. ``launcher`` is
    ``fresh`` (a new Python per kernel) or ``warm`` (each kernel forked from one of this process's
    sandboxed zygotes, :mod:`grader.run.warm`); either way every notebook gets a kernel of its own. Once
    an executor has graded one notebook it assumes a batch and keeps the next kernel started ahead
    (a *spare*, see :attr:`overlaps`); :meth:`close` stops it.
    """

    def __init__(self, kernel_name: str = "python3", sandbox: str = "auto", launcher: str = DEFAULT_LAUNCHER) -> None:
        if launcher not in LAUNCHERS:
            raise UsageError(f"unknown launcher {launcher!r}; choose one of {', '.join(LAUNCHERS)}")
        self.kernel_name = kernel_name
        self.sandbox = choose_sandbox(sandbox)
        self.launcher = launcher
        self._font_cache = warm_matplotlib_cache()
        remove_stale_scratch((tempfile.gettempdir(), _socket_friendly_tempdir() or tempfile.gettempdir()))
        self._zygotes: dict[int, Any] = {}  # slot → this process's zygote (warm launcher)
        #: whether the next kernel may start while a notebook runs (see :attr:`overlaps`); a batch turns
        #: it off when its workers already keep every core busy
        self.overlap = True
        self._spare: _Kernel | None = None
        self._runs = 0

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        # process handles: each worker process starts its own zygotes and spare kernel
        state.update(_zygotes={}, _spare=None, _runs=0)
        return state

    @property
    def overlaps(self) -> bool:
        """Whether the next notebook's kernel may start while this one's code runs.

        Only where that kernel is out of this one's reach: in the bwrap sandbox a fresh kernel has
        namespaces and folders of its own, and a warm one is forked by the worker's *other* zygote
        (two per worker, taking turns), whose sandbox this notebook cannot see. Without bwrap, every
        kernel could read the next one's connection file and drive it, so the next kernel starts only
        once this notebook's processes are gone — still while this notebook is being graded.

        The overlap saves a lone worker's waiting, at the price of a second zygote (≈0.8 s of CPU and
        its memory). When a batch has a worker for every core, another worker fills that wait, so the
        batch turns :attr:`overlap` off and each worker keeps one zygote.
        """
        return self.sandbox == "bwrap" and self.overlap

    def run(self, notebook: NotebookNode, plan: Plan, limits: ExecutionLimits) -> Execution:
        self._runs += 1
        since = boot_ticks()
        kernel = self._take_spare(limits) or self._prepare(limits, slot=0)
        kernel.since = since
        if self.sandbox == "none":  # without a PID namespace, orphans must come back here (see _finish)
            become_subreaper()
        # from the second notebook on, this executor is grading a batch: keep the next kernel ready
        prestart = self._runs > 1
        on_ready = (lambda: self._prestart(limits, slot=1 - kernel.slot)) if prestart and self.overlaps else None
        try:
            execution = _Run(notebook, plan, limits, kernel, self, on_ready).execute()
            replay = _replay_steps(notebook, plan, execution)
            if replay is None:
                return execution
            try:
                self._reset(kernel)
                return _Run(notebook, plan, limits, kernel, self, steps=replay).replay(execution)
            except GraderError as error:  # the machine's trouble with the replay costs the check, not the report
                why = f"not re-run: {error}"
                return replace(execution, variant_missed={v.task: why for v in plan.variations})
        finally:
            self._finish(kernel)
            if prestart and not self.overlaps:
                self._prestart(limits, slot=kernel.slot)

    def _prepare(self, limits: ExecutionLimits, slot: int) -> _Kernel:
        """Folders, marker and kernel manager for one notebook's kernels; the kernel is not started."""
        zygote = self._zygote_for(limits, slot) if self.launcher == "warm" else None
        if zygote is None:
            workdir = Path(tempfile.mkdtemp(prefix=f"grader-kernel-{os.getpid()}-"))
            runtime = Path(tempfile.mkdtemp(prefix=f"grader-conn-{os.getpid()}-"))
        else:  # inside the zygote's mounted folders; short names: ipc socket paths have ~107 characters
            workdir = Path(tempfile.mkdtemp(prefix="k-", dir=zygote.root / "w"))
            runtime = Path(tempfile.mkdtemp(prefix="c-", dir=zygote.root / "r"))
        marker = uuid.uuid4().hex
        kernel = _Kernel(workdir, runtime, marker, limits, slot, uid=kernel_uid(self.sandbox, marker))
        seed_matplotlib(self._font_cache, workdir / ".matplotlib")
        hand_over([workdir, runtime], kernel.uid)
        kernel.manager = self._manager(kernel, 0)
        return kernel

    def _manager(self, kernel: _Kernel, index: int) -> SandboxedKernelManager:
        """A kernel manager for the ``index``-th kernel of a notebook (more than one after a restart)."""
        manager = SandboxedKernelManager(
            kernel_name=self.kernel_name,
            transport="ipc",
            connection_file=str(kernel.runtime / f"k{index}.json"),  # short: ipc socket paths are too
        )
        manager.wrapper = lambda command: wrap_command(
            command, self.sandbox, kernel.limits, kernel.workdir, kernel.runtime, kernel.uid
        )
        manager.owner = kernel.uid
        manager.client_factory = PromptKernelClient
        if self.launcher == "warm":
            from grader.run.warm import PROVISIONER_NAME

            spec = manager.kernel_spec
            assert spec is not None, f"no kernel named {self.kernel_name!r}"
            spec.metadata = {**spec.metadata, "kernel_provisioner": {"provisioner_name": PROVISIONER_NAME}}
            zygote = self._zygote_for(kernel.limits, kernel.slot)
            manager.warm = (zygote, kernel.workdir, kernel.log_path(index + 1), kernel.uid)
        return manager

    def _reset(self, kernel: _Kernel) -> None:
        """Between a notebook's run and its replay: nothing of the first run may remain for the replay to
        see, and everything it can look at must be as it was when the first run began.

        Every process of the first run is killed (the zygote's sweep also empties its private ``/tmp``;
        a fresh bwrap kernel's ``/tmp`` and PID namespace died with it), and the scratch and connection
        folders are removed and made again *at the same paths*, so ``os.getcwd()``, ``HOME``,
        ``TMPDIR``, the connection file in ``sys.argv`` and the log behind the kernel's stdout are the
        same names, while nothing the first run wrote is there. Without bwrap ``/tmp`` is the machine's
        and is left alone (one more reason ``--sandbox none`` is not for untrusted code).
        """
        with contextlib.suppress(Exception):
            if kernel.manager.has_kernel:
                run_sync(kernel.manager.shutdown_kernel)(now=True)
        zygote = self._zygotes.get(kernel.slot) if self.launcher == "warm" else None
        if zygote is not None:
            from grader.run.warm import ZygoteError

            with contextlib.suppress(ZygoteError):
                zygote.sweep()
            _tidy(zygote.root, keep={kernel.workdir, kernel.runtime})
        kill_marked(f"{MARKER_VARIABLE}={kernel.marker}")
        if self.sandbox == "none" and kernel.since:
            kill_orphans(kernel.since, keep={z.process.pid for z in self._zygotes.values()})
        if kernel.log is not None:
            kernel.log.close()
            kernel.log = None
        for folder in (kernel.workdir, kernel.runtime):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(mode=0o700)  # as mkdtemp made it
        seed_matplotlib(self._font_cache, kernel.workdir / ".matplotlib")
        hand_over([kernel.workdir, kernel.runtime], kernel.uid)
        kernel.manager = self._manager(kernel, 0)

    def _prestart(self, limits: ExecutionLimits, slot: int) -> None:
        """Start the next notebook's kernel now, so that it is up when that notebook arrives.

        A spare that cannot start is dropped quietly: the next notebook then starts its own kernel
        and reports whatever goes wrong with it.
        """
        if self._spare is not None:
            return
        kernel: _Kernel | None = None
        try:
            kernel = self._prepare(limits, slot)
            if self.launcher == "fresh":
                kernel.log = kernel.log_path(1).open("wb")
            run_sync(kernel.manager.start_kernel)(
                env=kernel_environment(kernel.workdir, kernel.marker),
                stdout=kernel.log,
                stderr=kernel.log,
                cwd=str(kernel.workdir),
                extra_arguments=[f"--HistoryManager.hist_file={NotebookClient.ipython_hist_file.default_value}"],
            )
        except Exception:
            if kernel is not None:
                self._finish(kernel)
            return
        self._spare = kernel

    def _take_spare(self, limits: ExecutionLimits) -> _Kernel | None:
        """The kernel started for this notebook, if there is one, it is alive and has these limits."""
        kernel, self._spare = self._spare, None
        if kernel is None:
            return None
        alive = False
        with contextlib.suppress(Exception):
            alive = kernel.limits == limits and bool(run_sync(kernel.manager.is_alive)())
        if alive:
            return kernel
        self._finish(kernel)
        return None

    def _finish(self, kernel: _Kernel) -> None:
        """Kill whatever the notebook's kernels left and remove their folders."""
        with contextlib.suppress(Exception):
            if kernel.manager.has_kernel:  # a spare never used, or a kernel nbclient did not shut down
                run_sync(kernel.manager.shutdown_kernel)(now=True)
        zygote = self._zygotes.get(kernel.slot) if self.launcher == "warm" else None
        if zygote is not None:
            self._after_notebook(zygote, kernel.slot)
        kill_marked(f"{MARKER_VARIABLE}={kernel.marker}")
        if self.sandbox == "none" and kernel.since:
            # whatever the notebook's code started and abandoned was re-parented to this process
            kill_orphans(kernel.since, keep={z.process.pid for z in self._zygotes.values()})
            become_subreaper(False)
        if kernel.log is not None:
            kernel.log.close()
        shutil.rmtree(kernel.workdir, ignore_errors=True)
        shutil.rmtree(kernel.runtime, ignore_errors=True)

    def _zygote_for(self, limits: ExecutionLimits, slot: int = 0) -> Any:
        """This process's zygote in ``slot``, started (or replaced, in the same folders) when needed."""
        from grader.run.warm import Zygote

        zygote = self._zygotes.get(slot)
        if zygote is not None and zygote.limits != limits:
            self.close()
            zygote = None
        if zygote is not None and not zygote.alive:
            root = zygote.root  # a student killed it: a new one takes over the notebook's folders
            zygote.close()
            zygote = self._zygotes[slot] = Zygote(self.sandbox, limits, root, self._zygote_environment(root))
        if zygote is None:
            root = Path(tempfile.mkdtemp(prefix=f"grader-z-{os.getpid()}-", dir=_socket_friendly_tempdir()))
            try:
                zygote = self._zygotes[slot] = Zygote(self.sandbox, limits, root, self._zygote_environment(root))
            except BaseException:  # a full disk, a zygote that would not start: leave no folder behind
                shutil.rmtree(root, ignore_errors=True)
                raise
            atexit.register(_close_if_alive, weakref.ref(self))  # weak: an unused executor can still go
        return zygote

    def _zygote_environment(self, root: Path) -> dict[str, str]:
        (root / "w").mkdir(parents=True, exist_ok=True)
        if self._font_cache is not None:
            seed_matplotlib(self._font_cache, root / "w" / ".matplotlib")
        environment = kernel_environment(root / "w", "zygote")
        environment["MPLCONFIGDIR"] = str(root / "w" / ".matplotlib")
        return environment

    def _after_notebook(self, zygote: Any, slot: int) -> None:
        """Kill what the notebook's kernels left; retire a zygote that died or served its lifetime."""
        from grader.run.warm import ZYGOTE_LIFETIME, ZygoteError

        with contextlib.suppress(ZygoteError):
            zygote.sweep()
        if not zygote.alive or zygote.spawned >= ZYGOTE_LIFETIME:
            if self._zygotes.get(slot) is zygote:
                del self._zygotes[slot]  # the next notebook in this slot starts a new one
            _retire(zygote)

    def __del__(self) -> None:
        # an executor nobody holds any more takes its zygotes with it (refcounting makes this prompt)
        with contextlib.suppress(Exception):
            self.close()

    def close(self) -> None:
        """Stop the spare kernel and this process's zygotes, and remove their folders (also at exit)."""
        spare, self._spare = self._spare, None
        if spare is not None:
            self._finish(spare)
        zygotes, self._zygotes = self._zygotes, {}
        for zygote in zygotes.values():
            _retire(zygote)


@dataclass(slots=True)
class _Kernel:
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


@dataclass(slots=True)
class _Step:
    cell: NotebookNode
    original: int  # index of the code cell in the submitted notebook
    task: str | None
    probe: Probe | None = None
    nonce: str | None = None  # a probe's: its payload must carry it (see probe.read_snapshot)
    raises: bool = False  # tagged raises-exception: an error here is expected


class _Run:
    """The state of one notebook's execution across one or more kernels; lives for :meth:`execute`."""

    def __init__(
        self,
        notebook: NotebookNode,
        plan: Plan,
        limits: ExecutionLimits,
        kernel: _Kernel,
        executor: NbclientExecutor,
        on_ready: Callable[[], None] | None = None,
        steps: list[_Step] | None = None,
    ) -> None:
        self.notebook = notebook
        self.plan = plan
        self.limits = limits
        self.kernel = kernel
        self.executor = executor
        self.on_ready = on_ready  # called once the notebook's first kernel answers
        self.steps = _steps(notebook, plan) if steps is None else steps
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
        """Run :attr:`steps` (the notebook with varied tasks rewritten, see :func:`_replay_steps`) exactly
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
        cells = [step.cell for step in self.steps] + [_code_cell("")]
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
            raise KernelStartError(_start_failure(error, log_path, self.executor.sandbox)) from error

    def _run_steps(self, client: CappedNotebookClient, position: int) -> int:
        try:
            if self.executor.launcher != "warm":  # a warm kernel ran it as it started (grader.run.warm)
                preamble = _code_cell(preamble_source(self.limits.output_bytes))
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
        source += [_imports_of(step.cell.source) for step in self.steps[:position] if step.task is not None]
        code = "\n".join(part for part in source if part.strip())
        if code:
            client.timeout = max(1, math.ceil(min(self.limits.cell_timeout, self._remaining())))
            cell = _code_cell(code)
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
        error = _error_of(step.cell) or client.reply_errors.get(position)
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

    def _budget(self, step: _Step) -> tuple[float, str, str]:
        """Seconds this step may take, which limit binds ("cell", "task", "notebook"), and its wording."""
        limits = [(self.limits.cell_timeout, "cell", f"{self.limits.cell_timeout:g} s per cell")]
        if step.task is not None:
            left = self.limits.task_timeout - self.spent.get(step.task, 0.0)
            limits.append((left, "task", f"{self.limits.task_timeout:g} s per task"))
        limits.append((self._remaining(), "notebook", f"{self.limits.notebook_timeout:g} s per notebook"))
        return min(limits, key=lambda limit: limit[0])

    def _lost(self, step: _Step, ename: str, evalue: str, flag: str) -> None:
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


def _execute(
    client: CappedNotebookClient, step: _Step, position: int, budget: float, store_history: bool
) -> str | None:
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


def _tidy(root: Path, keep: set[Path]) -> None:
    """Remove what a kernel left in its zygote's folders beside its own (``w/seen.txt``): grading as an
    ordinary user, kernels and zygote share a uid, so a kernel may write there, and a file left there
    would tell the replay of its notebook apart from the first run. (As root they cannot: 0711.)"""
    for folder in (root / "w", root / "r"):
        for path in folder.iterdir() if folder.is_dir() else ():
            if path in keep or path.name in (".matplotlib", ".ipython"):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()


def _retire(zygote: Any) -> None:
    """Stop a zygote for good and remove its folders (a replacement gets new ones)."""
    zygote.close()
    shutil.rmtree(zygote.root, ignore_errors=True)


def _close_if_alive(reference: weakref.ref[NbclientExecutor]) -> None:
    executor = reference()
    if executor is not None:
        executor.close()


def _socket_friendly_tempdir() -> str | None:
    """The temp folder, unless it is so deep that the zygote's ipc socket paths (``<tmp>/grader-z-<pid>-…/
    r/c-…/k0-ipc-4``, about 53 more characters) would pass the 107 a Unix socket path may have."""
    base = tempfile.gettempdir()
    return base if len(base) <= 52 else "/tmp"


def _start_failure(error: BaseException, log_path: Path, sandbox: str) -> str:
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


def _steps(notebook: NotebookNode, plan: Plan, sources: Mapping[int, str] | None = None) -> list[_Step]:
    """The cells to run: each code cell (outputs cleared; its source from ``sources`` where that has
    one), each probe right after its task's last cell."""
    steps: list[_Step] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        task = plan.task_of_cell.get(index)
        source = (sources or {}).get(index, cell.source)
        if not skipped(cell):
            raises = RAISES_TAG in cell.get("metadata", {}).get("tags", [])
            steps.append(_Step(_code_cell(source), index, task, raises=raises))
        for probe in plan.probes:
            if probe.after_cell == index:
                nonce = secrets.token_hex(16)
                probe_cell = _code_cell(probe_source(None, probe.figures, nonce=nonce))
                steps.append(_Step(probe_cell, index, probe.task, probe, nonce=nonce))
    return steps


def skipped(cell: NotebookNode) -> bool:
    """Whether the cell is tagged ``skip-execution``: its author keeps it from running (a long experiment,
    an exercise left undone), in the notebook's run and in a task's re-run with other parameters alike."""
    return SKIP_TAG in cell.get("metadata", {}).get("tags", [])


def _code_cell(source: str) -> NotebookNode:
    """A code cell to run. ``nbformat.v4.new_code_cell`` validates each one against the whole notebook
    schema (about a millisecond, some twenty times a notebook); these cells are built here, from
    strings, and never written to disk."""
    return NotebookNode(
        id=uuid.uuid4().hex[:8],
        cell_type="code",
        metadata=NotebookNode(),
        execution_count=None,
        source=source,
        outputs=[],
    )


def _replay_steps(notebook: NotebookNode, plan: Plan, first: Execution) -> list[_Step] | None:
    """The replay of the notebook for its varied tasks (see the module docstring), or ``None`` when no
    task needs one: the same steps with those tasks' cells rewritten, up to the probe of the last varied
    task the first run finished (a task that timed out or killed its kernel has nothing to confirm).
    What comes after that probe is never run; the kernel is gone before it could tell."""
    wanted = {variation.task for variation in plan.variations if variation.task not in first.missed}
    if not wanted:
        return None
    sources = {index: source for variation in plan.variations for index, source in variation.sources.items()}
    steps = _steps(notebook, plan, sources)
    probes = [i for i, step in enumerate(steps) if step.probe is not None and step.probe.task in wanted]
    return steps[: max(probes) + 1] if probes else None


def declared_language(notebook: NotebookNode) -> str | None:
    """The language the notebook says it is written in, when that is not Python: ``"R (kernel ir)"``.

    Jupyter writes it twice, in ``kernelspec.language`` and ``language_info.name``; a notebook that
    names no language (hand-written, or from an old tool) is taken to be Python.
    """
    metadata = notebook.get("metadata", {})
    spec = metadata.get("kernelspec") or {}
    language = str(spec.get("language") or (metadata.get("language_info") or {}).get("name") or "")
    if not language or language.lower() == "python":
        return None
    kernel = spec.get("name")
    return f"{language} (kernel {kernel})" if kernel else language


def _error_of(cell: NotebookNode) -> tuple[str, str] | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return str(output.get("ename", "Error")), str(output.get("evalue", ""))
    return None


def _imports_of(source: str) -> str:
    """The top-level ``import`` statements of a cell, to replay on a fresh kernel."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics or a syntax error: nothing to replay
        return ""
    return "\n".join(ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom)))
