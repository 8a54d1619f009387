"""What do the hard-coding re-runs cost? Grading one notebook with and without the rubric's variations.

The variation replays the notebook on a new kernel, with the varied tasks' parameters rewritten, up to
the last varied task (a run the notebook cannot tell from the first: see grader.run.execute), so it costs
a kernel start and that part of the notebook's run time again. This grades N copies
of the correct example serially with the bundled rubric and with the same rubric minus its
``variation`` blocks, interleaved R times, and prints the medians. Figures are not drawn in either
(that cost is the same in both). Usage: ``python tests/benchmarks/bench_diagnosis.py --notebooks 10 --runs 3``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml
from measure import interleaved, per_notebook_table

from grader import grade_batch, load_rubric
from grader.options import DEFAULT_QUIZ, DEFAULT_RUBRIC

ROOT = Path(__file__).resolve().parents[2]


def without_variations(folder: Path) -> Path:
    """A copy of the bundled rubric with every task's ``variation`` removed."""
    data = yaml.safe_load(DEFAULT_RUBRIC.read_text(encoding="utf-8"))
    for task in data["tasks"]:
        task.pop("variation", None)
    target = folder / "assignment.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    shutil.copy(DEFAULT_QUIZ, folder / DEFAULT_QUIZ.name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    source = (ROOT / "submissions_example" / "alice_correct.ipynb").read_bytes()
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        rubrics = {"with variations": load_rubric(DEFAULT_RUBRIC), "without": load_rubric(without_variations(base))}
        subs = base / "subs"
        subs.mkdir()
        for number in range(args.notebooks):
            (subs / f"s{number:03d}.ipynb").write_bytes(source)

        def grading(name: str) -> Callable[[int], object]:
            return lambda run: grade_batch([subs], rubrics[name], base / f"{name}-{run}", figures=False)

        wall, cpu = interleaved({name: grading(name) for name in rubrics}, args.runs)
    medians = per_notebook_table("rubric", wall, cpu, args.notebooks)
    extra = medians["with variations"] - medians["without"]
    print(f"variation re-runs cost {extra * 1000:+.0f} ms per notebook ({extra / medians['without']:+.1%} wall)")


if __name__ == "__main__":
    main()
