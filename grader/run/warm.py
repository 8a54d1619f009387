"""The warm kernel launcher: fork each student's kernel from a zygote that has already imported the
kernel's stack, plugged into jupyter_client as a kernel provisioner (``grader-warm``).

A fresh kernel spends about 0.9 s booting Python and importing ipykernel, numpy and matplotlib, the
same for every student. Here each grading worker starts a *zygote* (:mod:`grader.run.zygote_main`)
that has done those imports, inside the same sandbox and limits launcher a fresh kernel gets (two
per worker in the bwrap sandbox, taking turns, so that the next notebook's kernel can start while
the current one runs without being in its reach: see ``NbclientExecutor.overlaps``). For
each notebook the provisioner asks it to fork a child, which becomes a brand-new ipykernel for that
notebook only — its own process, session, limits, scratch folder and environment — and nbclient
drives it as usual. After each notebook the zygote kills everything its children left and (in the
bwrap sandbox, where ``/tmp`` is its private tmpfs) wipes ``/tmp``; the zygote itself never runs
student code, is non-dumpable (a child cannot ptrace it or touch its memory), and is replaced after
:data:`ZYGOTE_LIFETIME` kernels or as soon as it dies. The fresh launcher stays the fallback
(``--launcher fresh``).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning.local_provisioner import LocalProvisioner

from grader.errors import GraderError
from grader.options import ExecutionLimits
from grader.run.probe import preamble_parts
from grader.run.sandbox import hand_over, wrap_command

PROVISIONER_NAME = "grader-warm"
#: Kernels a zygote forks before it is replaced (bounds what a long-lived process could accumulate).
ZYGOTE_LIFETIME = 200
ZYGOTE_SOURCE = (Path(__file__).resolve().parent / "zygote_main.py").read_text(encoding="utf-8")
MARKER = "GRADER_ZYGOTE_ID"


class ZygoteError(GraderError):
    """The zygote could not start or stopped answering: the machine's problem, not the student's."""


class Zygote:
    """One warm parent per grading worker, in the sandbox; talks JSON lines over a private pipe."""

    def __init__(self, sandbox: str, limits: ExecutionLimits, root: Path, environment: dict[str, str]) -> None:
        self.sandbox, self.limits, self.root = sandbox, limits, root
        self.spawned = 0
        self.marker = uuid.uuid4().hex
        for folder in (root / "w", root / "r"):
            folder.mkdir(parents=True, exist_ok=True)
            # Grading as root, each kernel is a uid of its own (sandbox.kernel_uid) that must pass through
            # these to its scratch and connection folders; under umask 027 they were 0750 and no kernel
            # could start. Search without read: a kernel reaches the folder it owns (0700) but cannot list
            # the others, and on the host the zygote's own folder (mkdtemp, 0700) still keeps everyone out.
            folder.chmod(0o711)
        env = {**environment, MARKER: self.marker, "HOME": str(root / "w"), "TMPDIR": "/tmp"}
        if sandbox == "bwrap":
            env["GRADER_ZYGOTE_PRIVATE_TMP"] = "1"  # /tmp is the sandbox's own tmpfs: safe to wipe
        command = wrap_command([sys.executable, "-I", "-c", ZYGOTE_SOURCE], sandbox, limits, root / "w", root / "r")
        self.log = open(root / "zygote.log", "ab")  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=env,
            cwd=root / "w",
            start_new_session=True,
            text=True,
            bufsize=1,
        )
        ready = self._read()
        if not ready.get("ready"):
            raise ZygoteError(f"the warm launcher did not start: {ready}")
        source, settings = preamble_parts(limits.output_bytes)
        self.request(op="preamble", source=source, settings=settings)

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            tail = (self.root / "zygote.log").read_text(errors="replace")[-500:]
            raise ZygoteError(f"the warm launcher stopped (log: {tail!r})")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def request(self, **fields: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(fields) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise ZygoteError(f"the warm launcher is gone ({error})") from error
        return self._read()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def spawn(self, connection_file: str, workdir: Path, env: dict[str, str], log: Path, uid: int | None = None) -> int:
        self.spawned += 1
        limits = self.limits
        numbers = [limits.memory_mb * 2**20, limits.cpu_seconds, limits.processes, limits.file_size_mb * 2**20]
        child_env = {**env, MARKER: self.marker}
        child_env.pop("JPY_PARENT_PID", None)
        reply = self.request(
            op="spawn",
            connection_file=connection_file,
            workdir=str(workdir),
            env=child_env,
            limits=numbers,
            uid=uid,
            log=str(log),
        )
        return int(reply["pid"])

    def sweep(self) -> None:
        if self.alive:
            self.request(op="sweep")

    def close(self) -> None:
        if self.alive:
            try:
                self.request(op="exit")
                self.process.wait(timeout=5)
            except (ZygoteError, subprocess.TimeoutExpired, ValueError):
                pass
        if self.alive:
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.log):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


class ZygoteChild:
    """What jupyter_client's LocalProvisioner expects of a ``Popen``, answered by the zygote."""

    stdin = stdout = stderr = None

    def __init__(self, zygote: Zygote, pid: int) -> None:
        self.zygote, self.pid = zygote, pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            if not self.zygote.alive:
                self.returncode = -signal.SIGKILL
            else:
                try:
                    self.returncode = self.zygote.request(op="poll", pid=self.pid).get("status")
                except ZygoteError:
                    self.returncode = -signal.SIGKILL
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout or 0)
            time.sleep(0.005)
        return int(self.returncode or 0)

    def send_signal(self, signum: int) -> None:
        if self.zygote.alive:
            reply = self.zygote.request(op="signal", pid=self.pid, signum=int(signum))
            if reply.get("status") is not None and self.returncode is None:
                self.returncode = int(reply["status"])  # a SIGKILL is answered once the child is reaped

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class WarmProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the process forked by the worker's zygote.

    Everything else (connection file, ipc sockets, key) is jupyter_client's own. The kernel manager
    that uses it carries ``warm`` = (zygote, workdir, log path) for the notebook being graded.
    """

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        manager: Any = self.parent
        zygote, workdir, log, uid = manager.warm
        # the kernel (its own uid when grading as root) appends to the log the grader may have opened
        hand_over([path for path in (Path(manager.connection_file), log) if path.exists()], uid)
        env = dict(kwargs.get("env") or {})
        pid = zygote.spawn(manager.connection_file, workdir, env, log, uid)
        self.process = ZygoteChild(zygote, pid)  # type: ignore[assignment]  # duck-typed Popen
        self.pid, self.pgid = pid, None  # signals go through the zygote (its PID namespace)
        self.cwd = str(workdir)
        return self.connection_info

    async def send_signal(self, signum: int) -> None:
        if self.process is not None:
            self.process.send_signal(signum)

    async def wait(self) -> int | None:
        if self.process is None:
            return 0
        import asyncio

        while self.process.poll() is None:
            await asyncio.sleep(0.005)  # the kernel was SIGKILLed: this is microseconds, not 0.1 s
        code = self.process.returncode
        self.process = None
        return code
