"""What does the bubblewrap sandbox cost per notebook, next to a kernel's own start-up?

Grades N copies of the correct example, serially, with each sandbox, R times each (interleaved so
that drift in the machine's speed hits both alike), and prints the median wall and CPU seconds per
notebook. Usage: ``python benchmarks/bench_sandbox.py --notebooks 10 --runs 3``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from measure import machine_cpu

from grader import NbclientExecutor, grade_batch, load_rubric
from grader.options import DEFAULT_RUBRIC
from grader.sandbox import bwrap_works

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    modes = ["none", "bwrap"] if bwrap_works() else ["none"]
    rubric = load_rubric(DEFAULT_RUBRIC)
    source = (ROOT / "submissions_example" / "alice_correct.ipynb").read_bytes()
    wall: dict[str, list[float]] = {mode: [] for mode in modes}
    cpu: dict[str, list[float]] = {mode: [] for mode in modes}
    with tempfile.TemporaryDirectory() as scratch:
        subs = Path(scratch) / "subs"
        subs.mkdir()
        for number in range(args.notebooks):
            (subs / f"s{number:03d}.ipynb").write_bytes(source)
        for run in range(args.runs):
            for mode in modes:
                executor = NbclientExecutor(sandbox=mode)
                started, cpu_before = time.perf_counter(), machine_cpu()
                grade_batch([subs], rubric, Path(scratch) / f"out-{mode}-{run}", executor=executor)
                wall[mode].append((time.perf_counter() - started) / args.notebooks)
                cpu[mode].append((machine_cpu() - cpu_before) / args.notebooks)
    print(f"{args.notebooks} notebooks x {args.runs} runs, serial, {os.cpu_count()} cores")
    print(f"{'sandbox':<8} {'wall s/notebook':>16} {'CPU s/notebook':>15}")
    for mode in modes:
        print(f"{mode:<8} {statistics.median(wall[mode]):>16.3f} {statistics.median(cpu[mode]):>15.3f}")
    if len(modes) == 2:
        extra = statistics.median(wall["bwrap"]) - statistics.median(wall["none"])
        print(f"sandbox cost: {extra * 1000:+.0f} ms per notebook ({extra / statistics.median(wall['none']):+.0%})")


if __name__ == "__main__":
    main()
