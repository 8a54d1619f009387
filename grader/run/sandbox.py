"""Sandbox for student kernels: bubblewrap namespaces where available, resource limits always.

With ``bwrap`` the kernel sees a read-only system (``/usr``, ``/etc``, the Python installation), a
private ``/tmp``, its own writable scratch folder and the folder of its ipc sockets — nothing else: not
the submissions, the rubric, ``reference/``, the output folder or anyone's home. It has no network
(its own empty network namespace; the grader talks to it over ipc sockets, which are files), its own
PID namespace (every process it starts dies with it), and it dies with the grader.

Without ``bwrap`` (``--sandbox none``, or ``auto`` where it is missing or cannot create namespaces)
the kernel still gets the scratch folder, a scrubbed environment and the limits, and the report says
``"sandbox": "none"``: that is isolation by convention, not enforcement.

Limits are set by a tiny launcher that runs before the kernel (``setrlimit`` then ``exec``): address
space (memory), CPU seconds, processes, size of any file written. They bind the kernel and everything
it starts. ``RLIMIT_NPROC`` does not bind root: when the grader runs as root, a sandboxed kernel
becomes a uid of its own (:func:`kernel_uid`) before any student code runs, and the PID namespace still
guarantees that nothing outlives the kernel. Without bwrap a root grader's kernels stay root.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import shutil
import site
import stat
import subprocess
import sys
from pathlib import Path

from grader.errors import UsageError
from grader.options import SANDBOX_TMP_MB, ExecutionLimits, default_cache_dir

SANDBOX_CHOICES = ("auto", "bwrap", "none")

#: Runs first inside the sandbox: apply the limits given as arguments, then become the kernel. Given
#: the grader's PID (outside bwrap, whose --die-with-parent does the same), it first asks Linux to
#: SIGKILL it when that parent dies (``PR_SET_PDEATHSIG``, kept across exec), and exits at once if the
#: parent is already gone: a killed grader leaves no kernel or zygote running.
_LIMITER = (
    "import os, resource, sys\n"
    "mem, cpu, nproc, fsize, parent, uid = (int(v) for v in sys.argv[1:7])\n"
    "workdir = sys.argv[7]\n"
    "for kind, value in ((resource.RLIMIT_AS, mem), (resource.RLIMIT_CPU, cpu),\n"
    "                    (resource.RLIMIT_NPROC, nproc), (resource.RLIMIT_FSIZE, fsize)):\n"
    "    if value > 0:\n"
    "        resource.setrlimit(kind, (value, value))\n"
    "if uid:\n"
    "    os.setgroups([])\n"
    "    os.setgid(uid)\n"
    "    os.setuid(uid)\n"
    "os.chdir(workdir)\n"
    "if parent:\n"
    "    import ctypes, signal\n"
    "    ctypes.CDLL(None).prctl(1, int(signal.SIGKILL), 0, 0, 0)\n"
    "    if os.getppid() != parent:\n"
    "        os._exit(1)\n"
    "os.execv(sys.argv[9], sys.argv[9:])\n"
)
#: Where the uids of sandboxed kernels start when the grader runs as root (see :func:`kernel_uid`): far
#: above any account a system creates, so that no file outside the sandbox belongs to one.
KERNEL_UID_BASE = 2_000_000_000


def runs_as_root() -> bool:
    return os.geteuid() == 0


def kernel_uid(sandbox: str, marker: str) -> int | None:
    """The uid a kernel runs as, or ``None`` for the grader's own.

    A grader running as root would make the kernel root inside bwrap's user namespace too (bwrap maps
    the real uid): able to read root-only files, and not bound by ``RLIMIT_NPROC``. So in the sandbox
    each kernel gets a uid of its own, one no account has (``KERNEL_UID_BASE`` + 24 bits of its
    random marker): it owns only its scratch folder and connection file, its process limit binds, and
    it cannot signal or ptrace the zygote or any other notebook's kernel.
    """
    if sandbox != "bwrap" or not runs_as_root():
        return None
    return KERNEL_UID_BASE + int(marker[:6], 16)


def hand_over(paths: list[Path], uid: int | None) -> None:
    """Give ``paths`` (folders recursively) to ``uid``, so that a kernel running as it can use them."""
    if uid is None:
        return
    for path in paths:
        os.chown(path, uid, uid)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                for name in subfolders + files:
                    os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def bwrap_works() -> bool:
    """Whether ``bwrap`` is installed *and* may create the namespaces we need (containers often forbid it)."""
    binary = shutil.which("bwrap")
    if binary is None:
        return False
    try:
        probe = subprocess.run(
            [binary, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def choose_sandbox(choice: str) -> str:
    """Resolve ``auto`` to what this machine can do; ``bwrap`` refuses to run without it."""
    if choice not in SANDBOX_CHOICES:
        raise UsageError(f"unknown sandbox {choice!r}; choose one of {', '.join(SANDBOX_CHOICES)}")
    if choice == "none":
        return "none"
    if bwrap_works():
        return "bwrap"
    if choice == "bwrap":
        raise UsageError(
            "--sandbox bwrap: bubblewrap is missing or cannot create namespaces here; install it "
            "(Debian/Ubuntu: apt-get install bubblewrap) or choose --sandbox auto or none"
        )
    return "none"


def wrap_command(
    command: list[str], sandbox: str, limits: ExecutionLimits, workdir: Path, runtime: Path, uid: int | None = None
) -> list[str]:
    """The kernel command, with the limits launcher in front, inside bwrap when ``sandbox == "bwrap"``;
    with ``uid`` the launcher becomes that user before the kernel starts (see :func:`kernel_uid`)."""
    limited = [
        sys.executable,
        "-I",
        "-S",
        "-c",
        _LIMITER,
        str(limits.memory_mb * 2**20),
        str(limits.cpu_seconds),
        str(limits.processes),
        str(limits.file_size_mb * 2**20),
        str(0 if sandbox == "bwrap" else os.getpid()),
        str(uid or 0),
        str(workdir),
        "--",
        *command,
    ]
    if sandbox != "bwrap":
        return limited
    binary = shutil.which("bwrap") or "bwrap"
    return [binary, *_bwrap_arguments(workdir, runtime, tmp_bytes(limits)), "--", *limited]


def tmp_bytes(limits: ExecutionLimits) -> int:
    """How much the sandbox's private ``/tmp`` (memory, not disk) may hold: :data:`SANDBOX_TMP_MB`, or
    the kernel's own memory limit where that is smaller — a tmpfs is memory the limit does not count."""
    megabytes = SANDBOX_TMP_MB if limits.memory_mb <= 0 else min(SANDBOX_TMP_MB, limits.memory_mb)
    return megabytes * 2**20


@functools.cache
def _bwrap_sizes_tmpfs(binary: str) -> bool:
    """Whether this bwrap has ``--size`` (0.8 and later): without it a ``/tmp`` cannot be capped."""
    try:
        usage = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return "--size" in usage.stdout + usage.stderr


_SYSTEM = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib64", "/lib32")


def _bwrap_arguments(workdir: Path, runtime: Path, tmp_size: int) -> list[str]:
    if runs_as_root():
        # No user namespace: bwrap would map root to root. The launcher (or the zygote, for each kernel
        # it forks) keeps only what it needs to become the kernel's own uid (kernel_uid), which drops
        # every capability; CAP_KILL lets the zygote sweep its kernels, whose uids differ from its own.
        args = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
        args += ["--cap-drop", "ALL"]
        for capability in ("CAP_SETUID", "CAP_SETGID", "CAP_KILL"):
            args += ["--cap-add", capability]
    else:
        args = ["--unshare-all", "--cap-drop", "ALL"]
    args += ["--die-with-parent", "--proc", "/proc", "--dev", "/dev"]
    # ipykernel exits when the PID in JPY_PARENT_PID is gone, and in a PID namespace no outside PID is
    # visible; --die-with-parent does that job here.
    args += ["--unsetenv", "JPY_PARENT_PID"]
    if _bwrap_sizes_tmpfs(shutil.which("bwrap") or "bwrap"):
        args += ["--size", str(tmp_size)]
    # first, so that binds below /tmp (scratch folders, a venv) land on top; anyone may write it
    args += ["--perms", "1777", "--tmpfs", "/tmp"]
    for system in _SYSTEM:
        args += ["--ro-bind-try", system, system]
    for path, is_dir in _private_system_files() if runs_as_root() else ():
        args += ["--tmpfs", path] if is_dir else ["--ro-bind", "/dev/null", path]
    folders = sorted(_python_folders())
    # the folders bwrap makes on the way to a bind would be root's alone: a kernel with its own uid
    # must pass through them (to its scratch folder, to the Python installation under /root)
    for folder in _ancestors([*folders, str(workdir), str(runtime)]):
        args += ["--perms", "0755", "--dir", folder]
    for folder in folders:
        args += ["--ro-bind-try", folder, folder]
    for package in _answer_packages(folders):  # an empty folder over the answer key, bound above
        args += ["--tmpfs", package]
    args += ["--bind", str(workdir), str(workdir), "--bind", str(runtime), str(runtime)]
    # as root, bwrap changes folder after dropping capabilities, and the scratch folder is the kernel's
    # alone: the launcher changes into it once it is that user
    args += ["--chdir", "/" if runs_as_root() else str(workdir)]
    return args


def _ancestors(paths: list[str]) -> list[str]:
    """The folders above ``paths`` that bwrap creates (not /tmp, a system folder or a bound path), outermost first."""
    bound = [*_SYSTEM, *paths]
    found: set[str] = set()
    for path in paths:
        parent = os.path.dirname(path)
        while parent not in ("/", "/tmp", ""):
            if not any(parent == b or parent.startswith(b.rstrip("/") + "/") for b in bound):
                found.add(parent)
            parent = os.path.dirname(parent)
    return sorted(found, key=lambda folder: (folder.count("/"), folder))


@functools.cache
def _private_system_files() -> tuple[tuple[str, bool], ...]:
    """Files and folders of ``/etc`` that only their owner or group may read (``/etc/shadow``,
    ``/etc/ssl/private``): masked in the sandbox when the grader runs as root, where the zygote (and the
    launcher, until it becomes the kernel's uid) is root, so that no process in the sandbox can read
    them, whatever goes wrong before the uid is dropped. Each is (path, is a folder)."""
    found: list[tuple[str, bool]] = []
    for folder, subfolders, files in os.walk("/etc"):
        for name in list(subfolders):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                mode = os.lstat(path).st_mode
                if stat.S_ISDIR(mode) and not mode & stat.S_IROTH:
                    found.append((path, True))
                    subfolders.remove(name)
        for name in files:
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                mode = os.lstat(path).st_mode
                if stat.S_ISREG(mode) and not mode & stat.S_IROTH:
                    found.append((path, False))
    return tuple(found)


#: Installed packages a student's code must not import: ``reference`` computes every expected value
#: (``from reference.backprop import backprop_step`` is the whole of Task 2), ``grader`` holds the
#: rubric and the reference's callers, ``rubrics`` the example assignments' reference modules
#: (``rubrics/examples/newton/newton.py``). The kernel needs none: what runs there is sent as source.
ANSWER_PACKAGES = ("reference", "grader", "rubrics")


def _answer_packages(folders: list[str]) -> list[str]:
    """The folders of :data:`ANSWER_PACKAGES` that the sandbox would otherwise show (they lie inside a
    bound Python folder: a regular ``pip install``; an editable install's checkout is not bound)."""
    found = []
    for name in ANSWER_PACKAGES:
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec is not None else []:
            real = os.path.realpath(location)
            if any(real == folder or real.startswith(folder.rstrip("/") + "/") for folder in folders):
                found.append(real)
    return sorted(set(found))


def _python_folders() -> set[str]:
    """The interpreter and its installed packages — and deliberately not ``sys.path`` as a whole, which
    holds the grader's own checkout (rubrics, reference) in an editable install."""
    folders = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    folders.add(str(Path(os.path.realpath(sys.executable)).parent.parent))
    user_site = site.getusersitepackages()
    if isinstance(user_site, str) and os.path.isdir(user_site):
        folders.add(user_site)
    return {folder for folder in folders if os.path.isdir(folder) and folder != "/"}


def matplotlib_cache_dir() -> Path:
    """The grader's own copy of matplotlib's font cache, built once per machine."""
    return default_cache_dir().parent / "matplotlib"
