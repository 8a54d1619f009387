"""The warm kernel launcher's zygote: a Python that has imported the kernel's stack, and forks kernels.

Run by :mod:`grader.run.warm` as ``python -c <this file's text>`` (inside the same bubblewrap sandbox and
limits launcher as a fresh kernel), so it imports nothing of the grader: an editable install's
checkout is not visible in the sandbox. It speaks JSON lines on stdin/stdout with the grading worker,
a pipe no kernel can reach (every child closes it before it runs a line of student code). It never
runs student code itself, keeps no thread alive when it forks, and marks itself non-dumpable, so a child (same user)
can neither ptrace it nor read or write its memory; what a child can do is kill it, which costs the
worker a new zygote, not another student's isolation.

Requests: ``preamble`` (the code every kernel runs before the student's: compiled here once),
``spawn`` (fork a child that becomes a fresh ipykernel on the given connection file, with its own
session, limits, folder and environment), ``poll``, ``signal``, ``sweep`` (kill every process below
the zygote, wipe ``/tmp``, reap) and ``exit``.
"""

import contextlib
import copy
import ctypes
import functools
import gc
import json
import os
import resource
import secrets
import shutil
import signal
import sys
import threading
import time
from typing import Any

_TMP_AT_START: set[str] = set()
#: the grader's preamble (output caps, recorder, figures), compiled once: run by every child kernel
#: right after its initialisation, before any student code (see the ``preamble`` request)
_PREAMBLE: list[Any] = []
_SHM_AT_START: set[str] = set()
#: what traitlets makes of the kernel's command line (``KERNEL_ARGV``), parsed once here: see
#: :func:`parse_once`; empty if that parse did not give what this file expects (then every kernel parses)
_PARSED: list[Any] = []
#: a kernel's command line; ``{}`` is its connection file
KERNEL_ARGV = ("-f", "{}", "--HistoryManager.enabled=False")  # no history: the kernel is thrown away
_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE, _PR_SET_CHILD_SUBREAPER = 1, 4, 36


def _prctl(option: int, value: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def preload() -> None:
    """What every kernel imports, paid for once (measured ≈0.9 s of each fresh kernel's start).

    The list is what ``IPKernelApp.initialize`` imports on top of the kernel's own modules (found by
    diffing ``sys.modules`` across it): imports only, which start no thread and open no socket, so a
    forked child still initialises its kernel from scratch.
    """
    import faulthandler  # noqa: F401
    import pdb  # noqa: F401

    import ipykernel.debugger  # without debugpy (see without_debugger): the kernel's debugger is off
    import ipykernel.ipkernel
    import ipykernel.kernelapp
    import ipykernel.zmqshell  # noqa: F401
    import IPython
    import IPython.core.completerlib
    import IPython.core.debugger
    import IPython.core.oinspect
    import IPython.extensions.storemagic
    import IPython.utils.wildcard  # noqa: F401
    import matplotlib
    import tornado.platform.asyncio  # noqa: F401

    matplotlib.use("Agg")
    import matplotlib.backends.backend_agg  # loaded by the first figure: ≈70 ms of the first task
    import matplotlib.pyplot
    import numpy  # noqa: F401
    import PIL.features  # noqa: F401

    rehearse()


def without_debugger() -> None:
    """Keep debugpy out of the zygote, so that kernels start without Jupyter's visual debugger.

    Nobody attaches a debugger to a notebook being graded, but with debugpy importable every kernel
    makes a debugger, its socket and its stream (≈300 more copy-on-write pages a kernel), and the
    zygote imports debugpy and pydevd (≈0.1 s). ipykernel reads a failed import as "debugger not
    available" (its ``_is_debugpy_available``). Each child takes the block away once its kernel is
    initialised, so a notebook that imports debugpy itself still can.
    """
    if "debugpy" not in sys.modules:
        sys.modules["debugpy"] = None  # type: ignore[assignment]  # Python's own "import blocked" marker


def rehearse() -> None:
    """Fill the pure caches every kernel fills on its first cells, with the grader's own sample code.

    Measured in a forked kernel: IPython's first tokenisation compiles the tokenizer's regular
    expressions (≈70 ms) and matplotlib's first axes fill its property caches (≈30 ms). Done here
    they are shared copy-on-write by every child. Nothing of this is student code, no pyplot figure
    is registered, and nothing is drawn.
    """
    import matplotlib.figure
    from IPython.core.inputtransformer2 import TransformerManager

    sample = "import numpy as np\nx = 10\nfor _ in range(3):\n    x = x - 0.1 * (2 * x)  # step\nprint(f'{x:.3f}')\n"
    compile(TransformerManager().transform_cell(sample), "<rehearsal>", "exec")
    figure = matplotlib.figure.Figure()
    axes = figure.add_subplot()
    axes.plot([0.0, 1.0], [1.0, 0.0], marker="o")
    axes.set_title("t")
    axes.set_xlabel("x")
    axes.set_ylabel("y")
    axes.grid(True)
    axes.scatter([0.5], [0.5])
    figure.clear()


def parse_once() -> None:
    """Parse the kernel's command line once, as traitlets would in every kernel (≈10 ms of its start).

    ``IPKernelApp.parse_command_line`` builds an argparse parser for every configurable class of the
    kernel before reading three arguments; the result differs between kernels only in the connection
    file. The parse is real (the installed ipykernel's own aliases and flags), and its result is used
    only if it has exactly the shape expected, so an ipykernel that reads these arguments otherwise
    falls back to parsing in each kernel.
    """
    from ipykernel.kernelapp import IPKernelApp

    placeholder = "/nonexistent/grader-placeholder.json"
    app = IPKernelApp()  # not the singleton: each kernel still makes its own
    app.parse_command_line([part.format(placeholder) for part in KERNEL_ARGV])  # cli_config: its own copy
    config = app.cli_config
    if config.IPKernelApp.get("connection_file") == placeholder and not app.extra_args:
        _PARSED[:] = [config]


def _apply_parsed(app: Any, connection_file: str, argv: list[str] | None = None) -> None:
    """``parse_command_line`` for a kernel, with the zygote's parse: what traitlets' own does after parsing."""
    config = copy.deepcopy(_PARSED[0])
    config.IPKernelApp.connection_file = connection_file
    app.argv = list(argv or ())
    app.cli_config = config
    app.update_config(config)
    app.extra_args = []


def child(request: dict[str, Any], control: tuple[int, ...]) -> None:
    """Become the kernel: never returns."""
    try:
        for fd in control:
            os.close(fd)
        os.setsid()
        if request.get("uid"):  # grading as root: the kernel's own uid, which drops every capability
            os.setgroups([])
            os.setgid(request["uid"])
            os.setuid(request["uid"])
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # after setuid, which clears it
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(signum, signal.SIG_DFL)
        gc.enable()
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        for kind, value in zip(
            (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_NPROC, resource.RLIMIT_FSIZE),
            request["limits"],
            strict=True,
        ):
            if value > 0:
                resource.setrlimit(kind, (value, value))
        os.chdir(request["workdir"])
        os.environ.clear()
        os.environ.update(request["env"])  # carries the zygote's marker: exec'ed processes keep it
        sys.stdin = open(0)  # noqa: SIM115 - the kernel's own streams, for its whole life
        sys.stdout = open(1, "w", buffering=1)  # noqa: SIM115
        sys.stderr = open(2, "w", buffering=1)  # noqa: SIM115
        sys.argv = ["ipykernel_launcher", "-f", request["connection_file"]]
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        if _PARSED:
            app.parse_command_line = functools.partial(_apply_parsed, app, request["connection_file"])  # type: ignore[method-assign]
        app.initialize([part.format(request["connection_file"]) for part in KERNEL_ARGV])
        blocked: object = sys.modules.get("debugpy", False)
        if blocked is None:  # see without_debugger
            del sys.modules["debugpy"]
        if _PREAMBLE:  # the grader's first cell, run here instead: compiled once, no round trip
            code, settings = _PREAMBLE
            exec(code, dict(settings))
        app.start()
    except BaseException:  # into the kernel's log, or the zygote's before that is open
        import traceback

        traceback.print_exc()
        sys.stderr.flush()
    finally:
        os._exit(0)


def reap(pid: int, patience: float = 1.0) -> int | None:
    """The exit code of a child just sent SIGKILL, once it is gone (within ``patience`` seconds).

    Answering a kill with the child already reaped spares jupyter_client a poll cycle per notebook.
    """
    deadline = time.monotonic() + patience
    while (code := exit_code(pid)) is None and time.monotonic() < deadline:
        time.sleep(0.0005)
    return code


def exit_code(pid: int) -> int | None:
    """A child's exit code if it has ended (0 when it is already reaped, e.g. by a sweep), else None."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return 0
    return os.waitstatus_to_exitcode(status) if done else None


def descendants(root: int, zombies: bool = False) -> set[int]:
    """Every live process (and, with ``zombies``, every unreaped one) below ``root`` in the process tree
    (read from /proc, so it is a snapshot)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if zombies or fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry))
    found: set[int] = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def sweep(me: int) -> int:
    """Kill every process below the zygote, then wipe /tmp; return how many were killed.

    The zygote is a child subreaper (``PR_SET_CHILD_SUBREAPER``): a process a kernel starts stays
    below it whatever it does — double fork, ``setsid``, an emptied environment, another name —
    because an orphan is re-parented to the nearest subreaper, not to init. The zygote itself runs no
    student code, so everything below it belongs to the notebook that just ended. Repeated until a
    pass finds nothing (a process may fork while the tree is read).
    """
    killed = 0
    for _ in range(50):
        found = descendants(me)
        if not found:
            break
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        _reap()
    # until every killed process is reaped: a zombie left over is a process the next kernel sees in
    # /proc (measured: one, on a loaded machine, beside the replay's kernel and not the first run's)
    deadline = time.monotonic() + 2.0
    while descendants(me, zombies=True) and time.monotonic() < deadline:
        _reap()
        time.sleep(0.0005)
    if os.environ.get("GRADER_ZYGOTE_PRIVATE_TMP") == "1":
        # only what appeared since the zygote started: the sandbox's own mounts below /tmp (the grader's
        # folders, a virtualenv) were there from the start and are never touched. /dev/shm too: bwrap's
        # /dev is the sandbox's own, and grading as an ordinary user a kernel may write there (a file
        # left for the next kernel, or for a notebook's own re-run, to find)
        for folder, before in (("/tmp", _TMP_AT_START), ("/dev/shm", _SHM_AT_START)):
            for name in set(_names(folder)) - before:
                path = os.path.join(folder, name)
                shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else _unlink(path)
    return killed


def _names(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _scatter_pids() -> None:
    """Use up a random number of PIDs before a kernel is forked.

    A zygote's kernels share its PID namespace, and each kernel (with its threads) takes the same
    number of PIDs, so without this the PIDs ran in a fixed rhythm: a notebook's first run and its
    replay always differed in parity, and ``os.getpid() % 2`` told the replay apart. A thread takes a
    PID too and costs ~50 µs; each is joined before the fork, so the zygote still forks with none.
    """
    for _ in range(secrets.randbelow(48)):
        thread = threading.Thread(target=int)
        thread.start()
        thread.join()


def _reap() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                return
        except ChildProcessError:
            return


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def main() -> None:
    _prctl(_PR_SET_DUMPABLE, 0)
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)  # orphans of the kernels' processes come to the zygote (see sweep)
    _TMP_AT_START.update(os.listdir("/tmp"))
    _SHM_AT_START.update(_names("/dev/shm"))
    # Python's documented recipe for fork without exec: no collection in the parent, everything it
    # holds frozen out of the collector's sight, collection back on in each child. Otherwise the
    # child's first full collection walks (and copies, page by page) the whole preloaded heap:
    # measured ≈80 ms in the middle of a kernel's start.
    gc.disable()
    without_debugger()
    preload()
    parse_once()
    gc.freeze()
    reader, writer = sys.stdin.fileno(), sys.stdout.fileno()
    requests = os.fdopen(os.dup(reader), "r")
    replies = os.fdopen(os.dup(writer), "w", buffering=1)
    control = (reader, writer, requests.fileno(), replies.fileno())
    statuses: dict[int, int] = {}
    me = os.getpid()
    replies.write(json.dumps({"ready": True, "pid": me}) + "\n")
    for line in requests:
        request = json.loads(line)
        op = request.get("op")
        reply: dict[str, Any] = {"ok": True}
        if op == "spawn":
            _reap()  # nothing that ended meanwhile stays a zombie in the new kernel's sight
            _scatter_pids()
            pid = os.fork()
            if pid == 0:
                child(request, control)
            reply["pid"] = pid
        elif op == "poll":
            pid = int(request["pid"])
            if pid not in statuses and (code := exit_code(pid)) is not None:
                statuses[pid] = code
            reply["status"] = statuses.get(pid)
        elif op == "signal":
            pid, signum = int(request["pid"]), int(request["signum"])
            try:
                os.killpg(pid, signum)
            except OSError:
                try:
                    os.kill(pid, signum)
                except OSError as error:
                    reply = {"ok": False, "error": str(error)}
            if signum == signal.SIGKILL and pid not in statuses:
                code = reap(pid)
                if code is not None:
                    statuses[pid] = reply["status"] = code
        elif op == "preamble":
            _PREAMBLE[:] = [compile(request["source"], "<grader-preamble>", "exec"), request["settings"]]
        elif op == "sweep":
            reply["killed"] = sweep(me)
            statuses.clear()
        elif op == "exit":
            sweep(me)
            replies.write(json.dumps(reply) + "\n")
            return
        else:
            reply = {"ok": False, "error": f"unknown op {op!r}"}
        replies.write(json.dumps(reply) + "\n")
    sweep(me)  # the worker went away (end of input): leave nothing behind


if __name__ == "__main__":
    main()
