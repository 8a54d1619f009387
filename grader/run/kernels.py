"""The jupyter_client and nbclient pieces a student kernel is started and driven with.

Kept apart from :mod:`grader.run.execute` (which decides *what* runs, in which order, under which budget)
because these only adapt the libraries: a scrubbed kernel environment, a kernel manager whose command
goes through the sandbox, a client that does not wait a fixed 0.2 s at start, and an nbclient that
caps what a cell may keep. Each is selected through the libraries' own extension points.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from queue import Empty
from typing import Any

import zmq
import zmq.asyncio
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async
from nbclient import NotebookClient
from nbformat import NotebookNode
from traitlets import default

from grader.run.probe import TRUNCATION_NOTE
from grader.run.sandbox import matplotlib_cache_dir

MARKER_VARIABLE = "GRADER_KERNEL_ID"


def kernel_environment(workdir: Path, marker: str) -> dict[str, str]:
    """A scrubbed environment: none of the grader's own variables (tokens, CI secrets) reaches a kernel.

    Output-shaping variables are fixed so that two runs of one notebook print the same thing;
    BLAS threads are pinned to one (measured: about 9% less CPU per kernel, and no oversubscription
    when notebooks run in parallel).
    """
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "IPYTHONDIR": str(workdir / ".ipython"),
        "MPLCONFIGDIR": str(workdir / ".matplotlib"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "MALLOC_ARENA_MAX": "2",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "COLUMNS": "80",
        "LINES": "24",
        "IPYKERNEL_CELL_NAME": "<IPY-INPUT>",
        MARKER_VARIABLE: marker,
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:  # needed for numpy to compute correctly on some CPUs
            env[name] = os.environ[name]
    return env


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel command runs under the limits launcher, inside bwrap if chosen.

    jupyter_client builds the kernel command in ``format_kernel_cmd``; wrapping it there keeps every
    other part of the launch (connection file, ipc sockets, process group) as jupyter_client does it.
    """

    wrapper: Any = None
    #: (zygote, workdir, log, uid) when the warm launcher provides the kernel
    warm: Any = None
    #: the kernel's own uid (grading as root in the sandbox), which must be able to read the
    #: connection file jupyter_client wrote (mode 0600) just before the command is formatted
    owner: int | None = None

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        if self.owner is not None and os.path.exists(self.connection_file):
            os.chown(self.connection_file, self.owner, self.owner)
        command: list[str] = super().format_kernel_cmd(extra_arguments)
        command.append("--HistoryManager.enabled=False")  # a discarded kernel needs no history database
        return self.wrapper(command) if self.wrapper is not None else command

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        """Wait for the killed kernel to be gone, looking every 5 ms instead of jupyter_client's 100 ms.

        ``shutdown_kernel(now=True)`` SIGKILLs the kernel and then polls it; the first poll almost
        always comes before the exit is reaped, so the default interval cost a sleeping 0.1 s per
        notebook (measured: 102 ms of a 0.5 s warm-launched notebook). The method is private, but it
        is the one place the interval is chosen; the timeout around it is jupyter_client's own.
        """
        await super()._async_wait(pollinterval=min(pollinterval, 0.005))


class PromptKernelClient(AsyncKernelClient):
    """jupyter_client's async client, minus the fixed 0.2 s it spends draining IOPub once a kernel is up.

    ``wait_for_ready`` ends by reading IOPub until it has been quiet for 0.2 s — a pure wait on every
    kernel start (measured: 0.2 s of a 0.9 s warm-launched notebook). Stale status messages are
    harmless to nbclient, which matches every message to its request, so here the drain takes only
    what is already there. Selected through the kernel manager's documented ``client_class``.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout if timeout is not None else math.inf)
        while True:
            self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # IOPub is connected once the reply's own status message arrives there
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:
            try:
                await ensure_async(self.iopub_channel.get_msg(timeout=0))
            except Empty:
                return

    wait_for_ready = _async_wait_for_ready  # the public name is bound to the base's method at class creation

    @default("context")
    def _prompt_context(self) -> zmq.asyncio.Context:
        """A ZeroMQ context whose sockets retry a refused connection after 5 ms, not the default 100 ms.

        The client connects as soon as the kernel process exists, before the kernel has bound its
        sockets (a forked kernel binds them ≈40 ms later); each refused ipc connect then waited
        ZeroMQ's reconnect interval (measured: ≈100 ms of every warm kernel start).
        """
        self._created_context = True  # so that stop_channels destroys it, as it does its default one
        context = zmq.asyncio.Context()
        context.setsockopt(zmq.RECONNECT_IVL, 5)
        return context


class CappedNotebookClient(NotebookClient):
    """nbclient with a cap on the output a cell may keep in memory; a flood is dropped, not stored."""

    output_cap: int = 0
    #: positions of the grader's own probe cells, whose (already size-capped) output is always kept
    uncapped: frozenset[int] = frozenset()
    truncated = False

    def note_reply_error(self, cell: NotebookNode, cell_index: int, execute_reply: dict[str, Any]) -> None:
        """nbclient's ``on_cell_error`` hook: keep the error of a reply whose cell got no error output.

        IPython reports some errors only in the execute reply and on stderr — a mistyped magic
        (``UsageError: Line magic function `%matplotlb` not found.``) — so the cell's outputs alone
        would make the run look clean.
        """
        content = execute_reply.get("content", {})
        errors: dict[int, tuple[str, str]] = self.__dict__.setdefault("_reply_errors", {})
        errors[cell_index] = (str(content.get("ename", "Error")), str(content.get("evalue", "")))

    @property
    def reply_errors(self) -> dict[int, tuple[str, str]]:
        """Step position → (ename, evalue) of each execute reply with status ``error``."""
        errors: dict[int, tuple[str, str]] = self.__dict__.setdefault("_reply_errors", {})
        return errors

    def output(self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None, cell_index: int) -> Any:
        sizes = self.__dict__.setdefault("_output_sizes", {})
        content = msg.get("content", {})
        if TRUNCATION_NOTE in str(content.get("text", "")):
            self.truncated = True
        sizes[cell_index] = sizes.get(cell_index, 0) + len(json.dumps(content, default=str))
        # the kernel caps each stream at output_cap characters; this second cap also bounds rich
        # output (images, HTML) and kernels that removed the first one
        cap = 2 * self.output_cap + 65_536
        if self.output_cap and cell_index not in self.uncapped and sizes[cell_index] > cap:
            self.truncated = True
            return None
        return super().output(outs, msg, display_id, cell_index)


def warm_matplotlib_cache() -> Path | None:
    """Build matplotlib's font list once (≈1 s) so that no kernel has to; returns its folder."""
    folder = matplotlib_cache_dir()
    if not any(folder.glob("fontlist-*.json")):
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-c", "import matplotlib.font_manager"],
            env={"MPLCONFIGDIR": str(folder), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            timeout=120,
            check=False,
        )
    return folder if any(folder.glob("fontlist-*.json")) else None


def seed_matplotlib(cache: Path | None, target: Path) -> None:
    """Copy the font list into the kernel's private matplotlib folder: shared by copy, never by mount."""
    target.mkdir(parents=True, exist_ok=True)
    if cache is not None:
        for fontlist in cache.glob("fontlist-*.json"):
            shutil.copy2(fontlist, target / fontlist.name)
