"""Run stage, the kernels: the :class:`Executor` protocol and :class:`NbclientExecutor`, which starts,
hands out, resets and stops sandboxed kernels for one notebook after another.

It prepares each notebook's folders and kernel (fresh, or forked from a warm zygote, :mod:`grader.run.warm`),
keeps the next notebook's kernel started ahead in a batch, and cleans up after every notebook: the
processes it left, its folders, and what it wrote beside its zygote. Running the cells themselves —
probes, restarts after a dead kernel, the replay with varied parameters — is :mod:`grader.run.execute`.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbformat import NotebookNode

from grader.errors import GraderError, UsageError
from grader.options import DEFAULT_LAUNCHER, ExecutionLimits
from grader.records import Execution, Plan
from grader.run.execute import NotebookKernel, NotebookRun
from grader.run.kernels import (
    MARKER_VARIABLE,
    PromptKernelClient,
    SandboxedKernelManager,
    kernel_environment,
    seed_matplotlib,
    warm_matplotlib_cache,
)
from grader.run.processes import become_subreaper, boot_ticks, kill_marked, kill_orphans, remove_stale_scratch
from grader.run.sandbox import choose_sandbox, hand_over, kernel_uid, wrap_command
from grader.run.steps import replay_steps

LAUNCHERS = ("fresh", "warm")


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
        self._spare: NotebookKernel | None = None
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

        The overlap saves a lone worker's waiting, at the price of a second zygote (≈0.55 s of CPU to start, and
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
            execution = self._run_and_replay(notebook, plan, limits, kernel, on_ready)
        finally:
            self._finish(kernel)
        # only after a notebook that ended: a worker being stopped (SIGTERM unwinds through here) must
        # not start a kernel on its way out (it did, and the batch outlived Ctrl-C by a minute)
        if prestart and not self.overlaps:
            self._prestart(limits, slot=kernel.slot)
        return execution

    def _run_and_replay(
        self,
        notebook: NotebookNode,
        plan: Plan,
        limits: ExecutionLimits,
        kernel: NotebookKernel,
        on_ready: Callable[[], None] | None,
    ) -> Execution:
        execution = NotebookRun(notebook, plan, limits, kernel, self, on_ready).execute()
        replay = replay_steps(notebook, plan, execution)
        if replay is None:
            return execution
        try:
            self._reset(kernel)
            return NotebookRun(notebook, plan, limits, kernel, self, steps=replay).replay(execution)
        except GraderError as error:  # the machine's trouble with the replay costs the check, not the report
            why = f"not re-run: {error}"
            return replace(execution, variant_missed={v.task: why for v in plan.variations})

    def _prepare(self, limits: ExecutionLimits, slot: int) -> NotebookKernel:
        """Folders, marker and kernel manager for one notebook's kernels; the kernel is not started."""
        zygote = self._zygote_for(limits, slot) if self.launcher == "warm" else None
        if zygote is None:
            workdir = Path(tempfile.mkdtemp(prefix=f"grader-kernel-{os.getpid()}-"))
            runtime = Path(tempfile.mkdtemp(prefix=f"grader-conn-{os.getpid()}-"))
        else:  # inside the zygote's mounted folders; short names: ipc socket paths have ~107 characters
            workdir = Path(tempfile.mkdtemp(prefix="k-", dir=zygote.root / "w"))
            runtime = Path(tempfile.mkdtemp(prefix="c-", dir=zygote.root / "r"))
        marker = uuid.uuid4().hex
        kernel = NotebookKernel(workdir, runtime, marker, limits, slot, uid=kernel_uid(self.sandbox, marker))
        seed_matplotlib(self._font_cache, workdir / ".matplotlib")
        hand_over([workdir, runtime], kernel.uid)
        kernel.manager = self._manager(kernel, 0)
        return kernel

    def _manager(self, kernel: NotebookKernel, index: int) -> SandboxedKernelManager:
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

    def _reset(self, kernel: NotebookKernel) -> None:
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
        kernel: NotebookKernel | None = None
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

    def _take_spare(self, limits: ExecutionLimits) -> NotebookKernel | None:
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

    def _finish(self, kernel: NotebookKernel) -> None:
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
