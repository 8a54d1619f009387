"""Shared by the benchmark scripts: how CPU time is measured."""

from __future__ import annotations

import os
from pathlib import Path


def machine_cpu() -> float:
    """Busy CPU seconds of the whole machine (from /proc/stat): kernels inside bwrap are not our
    waited-for children, so ``getrusage`` would miss them. Run on an otherwise idle machine."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")
