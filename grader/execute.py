"""Execute stage: run a submission's code cells on a fresh ``python3`` kernel with nbclient.

Outputs stored in the submission are never trusted: every code cell is re-executed, in notebook
order, in a new kernel that is discarded afterwards. A cell that raises does not stop the rest, so
Task 2 is graded even when Task 1 crashes. Right after the last cell of each task a probe cell (see
:mod:`grader.probe`) snapshots that task's variables, because later cells may reuse the same names
(both tasks of the seed assign ``x``).

Time limits: each cell gets ``cell_timeout`` seconds, capped by what is left of ``notebook_timeout``.
A cell that times out is interrupted and recorded; when the notebook's budget is spent, the remaining
cells are not run. ``input()`` fails at once (nbclient never offers stdin) and is flagged.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode

from grader.options import EVALUE_MAX_CHARS, KERNEL_STARTUP_TIMEOUT, ExecutionLimits
from grader.probe import Snapshot, probe_source, read_snapshot

#: Seconds a probe cell may take; it reads a few variables and should finish in milliseconds.
PROBE_TIMEOUT = 10
#: ``ename`` nbclient reports for a cell interrupted at its time limit.
TIMEOUT_ENAME = "CellTimeoutError"
STDIN_ENAME = "StdinNotImplementedError"


@dataclass(frozen=True, slots=True)
class Probe:
    """Snapshot ``names`` for task ``task`` right after code cell ``after_cell`` has run."""

    task: str
    names: tuple[str, ...]
    after_cell: int


@dataclass(frozen=True, slots=True)
class CellError:
    """A code cell that raised (or timed out); ``cell`` is its 0-based index in the notebook."""

    cell: int
    ename: str
    evalue: str


@dataclass(frozen=True, slots=True)
class Execution:
    """What running one notebook produced: errors, per-task snapshots, and facts worth flagging."""

    status: str  # "ok" | "errors" | "timeout" | "kernel_died"
    seconds: float
    errors: tuple[CellError, ...] = ()
    snapshots: Mapping[str, Snapshot] = field(default_factory=dict)
    #: task id → why it has no snapshot (its cells never finished: time limit, dead kernel, …)
    missed: Mapping[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


class Executor(Protocol):
    """Runs a notebook's code cells and snapshots values; swapped for a faster launcher or a sandbox."""

    def run(self, notebook: NotebookNode, probes: Sequence[Probe], limits: ExecutionLimits) -> Execution: ...


def kernel_environment(workdir: Path) -> dict[str, str]:
    """A scrubbed environment: nothing of the grader's own variables (tokens, CI secrets) reaches a kernel.

    Output-shaping variables are fixed so that two runs of one notebook print the same thing;
    BLAS threads are pinned to one (measured: about 9% less CPU per kernel, and no oversubscription
    when notebooks run in parallel).
    """
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "IPYTHONDIR": str(workdir / ".ipython"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": _matplotlib_config_dir(),
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "COLUMNS": "80",
        "LINES": "24",
        "IPYKERNEL_CELL_NAME": "<IPY-INPUT>",
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "SYSTEMROOT"):
        if name in os.environ:  # needed for numpy to run correctly on some CPUs (and Windows)
            env[name] = os.environ[name]
    return env


def _matplotlib_config_dir() -> str:
    """Share the invoking user's matplotlib cache, so that kernels do not rebuild the font list (≈1 s) each."""
    if "MPLCONFIGDIR" in os.environ:
        return os.environ["MPLCONFIGDIR"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "matplotlib")


class NbclientExecutor:
    """One fresh ipykernel per notebook, driven by nbclient, in a scratch directory removed afterwards."""

    def __init__(self, kernel_name: str = "python3") -> None:
        self.kernel_name = kernel_name

    def run(self, notebook: NotebookNode, probes: Sequence[Probe], limits: ExecutionLimits) -> Execution:
        workdir = Path(tempfile.mkdtemp(prefix="grader-kernel-"))
        runtime = Path(tempfile.mkdtemp(prefix="grader-conn-"))
        try:
            return _Run(notebook, probes, limits, workdir, runtime, self.kernel_name).execute()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
            shutil.rmtree(runtime, ignore_errors=True)


class _Run:
    """The state of one notebook's execution; lives only for the duration of :meth:`execute`."""

    def __init__(
        self,
        notebook: NotebookNode,
        probes: Sequence[Probe],
        limits: ExecutionLimits,
        workdir: Path,
        runtime: Path,
        kernel: str,
    ) -> None:
        self.limits = limits
        self.steps = _steps(notebook, probes)
        self.cells: list[NotebookNode] = [cell for cell, _, _ in self.steps]
        self.workdir = workdir
        self.log_path = runtime / "kernel.log"
        # ipc sockets in a private folder outside the kernel's working directory: no TCP port is
        # opened, and the connection file goes away with the folder.
        manager = AsyncKernelManager(kernel_name=kernel, transport="ipc", connection_file=str(runtime / "kernel.json"))
        self.client = NotebookClient(
            nbformat.v4.new_notebook(cells=self.cells),
            km=manager,
            kernel_name=kernel,
            timeout=math.ceil(limits.cell_timeout),
            startup_timeout=int(KERNEL_STARTUP_TIMEOUT),
            allow_errors=True,
            interrupt_on_timeout=True,
            error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "the cell ran past its time limit"},
            shutdown_kernel="immediate",  # the kernel is discarded; a graceful shutdown only polls (≈0.3 s)
            record_timing=False,
            resources={"metadata": {"path": str(workdir)}},
            on_cell_executed=self._on_cell_executed,
        )
        self.reply: dict[str, Any] | None = None
        self.errors: list[CellError] = []
        self.snapshots: dict[str, Snapshot] = {}
        self.missed: dict[str, str] = {}
        self.flags: set[str] = set()
        self.status = "ok"

    def _on_cell_executed(self, cell: NotebookNode, cell_index: int, execute_reply: dict[str, Any]) -> None:
        self.reply = execute_reply

    def execute(self) -> Execution:
        started = time.monotonic()
        deadline = started + self.limits.notebook_timeout
        with (
            self.log_path.open("wb") as log,
            self.client.setup_kernel(cleanup_kc=True, env=kernel_environment(self.workdir), stdout=log, stderr=log),
        ):
            for position, (cell, original, probe) in enumerate(self.steps):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self._stop(
                        "timeout", position, f"the notebook ran past its {self.limits.notebook_timeout:g} s limit"
                    )
                    break
                cap = PROBE_TIMEOUT if probe else self.limits.cell_timeout
                self.client.timeout = max(1, math.ceil(min(cap, remaining)))
                self.reply = None
                try:
                    self.client.execute_cell(cell, position, store_history=probe is None)
                except DeadKernelError:
                    self.flags.add("kernel_died")
                    self.errors.append(CellError(cell=original, ename="DeadKernelError", evalue="the kernel died"))
                    self._stop("kernel_died", position + (probe is None), f"the kernel died in cell {original + 1}")
                    break
                if probe is not None:
                    snapshot = read_snapshot(cell.outputs)
                    if snapshot is None:
                        self.missed[probe.task] = "the grader could not read this task's variables from the kernel"
                    else:
                        self.snapshots[probe.task] = snapshot
                else:
                    self._record_reply(original)
        return Execution(
            status=self.status,
            seconds=round(time.monotonic() - started, 3),
            errors=tuple(self.errors),
            snapshots=self.snapshots,
            missed=self.missed,
            flags=tuple(sorted(self.flags)),
        )

    def _record_reply(self, original: int) -> None:
        content = (self.reply or {}).get("content", {})
        if content.get("status") != "error":
            return
        ename = str(content.get("ename", "Error"))
        evalue = str(content.get("evalue", ""))[:EVALUE_MAX_CHARS]
        self.errors.append(CellError(cell=original, ename=ename, evalue=evalue))
        self.flags.add("cell_error")
        if ename == TIMEOUT_ENAME:
            self.flags.add("timeout")
            self.status = "timeout"
        elif self.status == "ok":
            self.status = "errors"
        if ename == STDIN_ENAME:
            self.flags.add("stdin_requested")

    def _stop(self, status: str, first_unrun: int, reason: str) -> None:
        """Record why the steps from ``first_unrun`` on did not run; their tasks get no snapshot."""
        self.status = status
        self.flags.add(status)
        for _, _, probe in self.steps[first_unrun:]:
            if probe is not None and probe.task not in self.snapshots:
                self.missed[probe.task] = reason


def _steps(notebook: NotebookNode, probes: Sequence[Probe]) -> list[tuple[NotebookNode, int, Probe | None]]:
    """The cells to run: each code cell (outputs cleared), each probe right after its task's last cell."""
    steps: list[tuple[NotebookNode, int, Probe | None]] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        steps.append((nbformat.v4.new_code_cell(source=cell.source), index, None))
        for probe in probes:
            if probe.after_cell == index:
                steps.append((nbformat.v4.new_code_cell(source=probe_source(probe.names)), index, probe))
    return steps
