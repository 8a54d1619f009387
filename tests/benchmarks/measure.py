"""Shared by the benchmark scripts: how CPU time is measured."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine (from /proc/stat): kernels inside bwrap are not our
    waited-for children, so ``getrusage`` would miss them. Run on an otherwise idle machine."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def interleaved(
    ways: Mapping[str, Callable[[int], object]], runs: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Run every way once per run, interleaved so that drift in the machine's speed hits all alike;
    return the wall and machine-CPU seconds of each run, by way."""
    wall: dict[str, list[float]] = {name: [] for name in ways}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    for run in range(runs):
        for name, way in ways.items():
            started, cpu_before = time.perf_counter(), machine_cpu()
            way(run)
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(machine_cpu() - cpu_before)
    return wall, cpu


def per_notebook_table(
    label: str, wall: dict[str, list[float]], cpu: dict[str, list[float]], notebooks: int
) -> dict[str, float]:
    """Print median wall and CPU seconds per notebook for each way; return the median wall by way."""
    runs = len(next(iter(wall.values()), []))
    print(f"{notebooks} notebooks x {runs} runs, serial, {os.cpu_count()} cores")
    print(f"{label:<16} {'wall s/notebook':>16} {'CPU s/notebook':>15}")
    medians = {}
    for name in wall:
        medians[name] = statistics.median(wall[name]) / notebooks
        print(f"{name:<16} {medians[name]:>16.3f} {statistics.median(cpu[name]) / notebooks:>15.3f}")
    return medians
