"""The processes a notebook leaves, and the folders a killed grader leaves: found, killed, reaped.

Split from :mod:`grader.run.sandbox` (which decides how a kernel is started and confined) because these
act after the fact, on whatever exists. Processes are found by ancestry, never by something a student
can erase (an environment marker, a process group, a name): a subreaper (``PR_SET_CHILD_SUBREAPER``)
keeps every abandoned process below the grading process while a notebook runs, and parent-death
signals (``PR_SET_PDEATHSIG``) take the grader's helpers with it when it is killed. Scratch folders
carry the PID of the process that made them, so a later run can tell a dead run's folders from a
live one's.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from grader.run.sandbox import KERNEL_UID_BASE, runs_as_root


def die_with_parent(parent: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies (``PR_SET_PDEATHSIG``); for the grader's
    pool workers, which otherwise outlive a killed grader with their zygotes and kernels."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # it died before the request took effect
        os._exit(1)


def become_subreaper(on: bool = True) -> None:
    """Make this process a child subreaper (``PR_SET_CHILD_SUBREAPER``), or stop being one: a process a
    kernel started and abandoned (double fork, ``setsid``) is re-parented here instead of to init, so
    that :func:`kill_orphans` can find it whatever it did to its environment, group, session or name.
    Only while a notebook runs: otherwise every orphan below this process (a killed bwrap's own child)
    would wait here as a zombie."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(36, int(on), 0, 0, 0)


def boot_ticks() -> int:
    """Now, in the unit of a process's start time in ``/proc/<pid>/stat`` (clock ticks since boot)."""
    return int(time.clock_gettime(time.CLOCK_BOOTTIME) * os.sysconf("SC_CLK_TCK"))


def kill_orphans(since: int, keep: set[int]) -> int:
    """SIGKILL the children of this (subreaper) process that started at or after ``since`` (boot ticks)
    and are not in ``keep``, with everything below them, and reap them; returns how many were killed.

    Used without bwrap, after a notebook's kernel is gone: such a child is a process its student code
    left, re-parented here. Repeated until nothing is found (a process may fork meanwhile).
    """
    me, killed = os.getpid(), 0
    for _ in range(50):
        tree = _process_tree()
        # zombies first: processes killed by another sweep (kill_marked) and handed to us to reap
        _reap({pid for pid, start in _zombies(me) if start >= since and pid not in keep}, patience=0)
        roots = [pid for pid, start in tree.get(me, []) if start >= since and pid not in keep]
        doomed, todo = set(roots), list(roots)
        while todo:
            for child, _ in tree.get(todo.pop(), []):
                if child not in doomed:
                    doomed.add(child)
                    todo.append(child)
        if not doomed:
            break
        for pid in doomed:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
        _reap(doomed)
    return killed


def _reap(pids: set[int], patience: float = 1.0) -> None:
    """Wait for killed processes that are (or, orphaned by the kill, become) our children, so that none
    stays a zombie; never touches a child of ours that was not killed here (jupyter_client's, a zygote)."""
    waiting, deadline = set(pids), time.monotonic() + patience
    while waiting:
        for pid in list(waiting):
            try:
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    waiting.discard(pid)
            except ChildProcessError:  # not our child: its own parent, or init, reaps it
                if not Path(f"/proc/{pid}").exists():
                    waiting.discard(pid)
            except OSError:
                waiting.discard(pid)
        if not waiting or time.monotonic() >= deadline:
            return
        time.sleep(0.005)


def _zombies(parent: int) -> list[tuple[int, int]]:
    """(PID, start time) of the zombie children of ``parent``."""
    return [(pid, start) for pid, state, ppid, start in _stats() if state == "Z" and ppid == parent]


def _process_tree() -> dict[int, list[tuple[int, int]]]:
    """Parent PID → [(child PID, start time in boot ticks)] of every live (not zombie) process."""
    tree: dict[int, list[tuple[int, int]]] = {}
    for pid, state, ppid, start in _stats():
        if state != "Z":
            tree.setdefault(ppid, []).append((pid, start))
    return tree


def _stats() -> Iterator[tuple[int, str, int, int]]:
    """(PID, state, parent PID, start time in boot ticks) of every process /proc shows now."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text(errors="replace").rsplit(")", 1)[1].split()
            stat = (int(entry.name), fields[0], int(fields[1]), int(fields[19]))
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or not a stat line we can read
        yield stat


def kill_marked(marker: str) -> int:
    """SIGKILL every process whose environment carries ``marker`` (``NAME=value``); returns how many.

    The kernel's process group is killed by jupyter_client, but a student's ``setsid`` child leaves
    it; without a PID namespace this sweep is how such children are found. Best effort: a process that
    scrubbed its own environment is not found (bwrap's PID namespace covers that case).
    """
    needle = marker.encode()
    killed = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            try:
                os.kill(int(entry.name), signal.SIGKILL)
                killed += 1
            except OSError:
                pass
    return killed


#: Scratch folders of ours: ``<prefix><pid of the process that made it>-<random>``.
SCRATCH_PREFIXES = ("grader-kernel-", "grader-conn-", "grader-z-")


def remove_stale_scratch(folders: Iterable[str]) -> list[str]:
    """Remove the scratch folders of grader processes that are gone (a killed grader's) from ``folders``
    (the temp folders this process uses); a folder whose process still runs, or another user's, is left
    alone."""
    removed = []
    for base in dict.fromkeys(folders):
        try:
            entries = list(os.scandir(base))
        except OSError:
            continue
        for entry in entries:
            owner = _scratch_owner(entry.name)
            if owner is None or not entry.is_dir(follow_symlinks=False) or _running(owner):
                continue
            with contextlib.suppress(OSError):
                owner_uid = entry.stat(follow_symlinks=False).st_uid
                if owner_uid != os.getuid() and not (runs_as_root() and owner_uid >= KERNEL_UID_BASE):
                    continue  # another user's (a kernel's own uid when grading as root is ours)
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
    return removed


def _scratch_owner(name: str) -> int | None:
    for prefix in SCRATCH_PREFIXES:
        if name.startswith(prefix):
            pid = name[len(prefix) :].split("-", 1)[0]
            return int(pid) if pid.isdigit() else None
    return None


def _running(pid: int) -> bool:
    """Whether ``pid`` runs; a zombie (a killed worker its new parent has not reaped yet) does not."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
