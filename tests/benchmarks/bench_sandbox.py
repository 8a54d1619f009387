"""What does the bubblewrap sandbox cost per notebook, next to a kernel's own start-up?

Grades N copies of the correct example, serially, with each sandbox, R times each (interleaved so
that drift in the machine's speed hits both alike), and prints the median wall and CPU seconds per
notebook. Usage: ``python tests/benchmarks/bench_sandbox.py --notebooks 10 --runs 3``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from measure import interleaved, per_notebook_table

from grader import NbclientExecutor, grade_batch, load_rubric
from grader.options import DEFAULT_RUBRIC
from grader.run.sandbox import bwrap_works

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    modes = ["none", "bwrap"] if bwrap_works() else ["none"]
    rubric = load_rubric(DEFAULT_RUBRIC)
    source = (ROOT / "submissions_example" / "alice_correct.ipynb").read_bytes()
    with tempfile.TemporaryDirectory() as scratch:
        subs = Path(scratch) / "subs"
        subs.mkdir()
        for number in range(args.notebooks):
            (subs / f"s{number:03d}.ipynb").write_bytes(source)
        ways = {
            mode: (
                lambda run, mode=mode: grade_batch(
                    [subs], rubric, Path(scratch) / f"out-{mode}-{run}", executor=NbclientExecutor(sandbox=mode)
                )
            )
            for mode in modes
        }
        wall, cpu = interleaved(ways, args.runs)
    medians = per_notebook_table("sandbox", wall, cpu, args.notebooks)
    if len(modes) == 2:
        extra = medians["bwrap"] - medians["none"]
        print(f"sandbox cost: {extra * 1000:+.0f} ms per notebook ({extra / medians['none']:+.0%})")


if __name__ == "__main__":
    main()
