"""Throughput: notebooks per second for the ways of grading a class, side by side on the same files.

Generates N submissions (the correct example with a distinct comment in each, so that no cache can
help a cold run), then times, R times each and interleaved:

* ``nbclient``      — plain nbclient, one kernel at a time, executing each notebook (no grading at all);
* ``grader <launcher> -j1``  — our grader, cold (no cache), one notebook at a time, fresh or warm launcher;
* ``grader <launcher> -jC``  — the same with C = CPU cores at once, and with the default (C + 1);
* ``grader cached``   — re-grading the same unchanged files with the report cache.

Every grader run grades the full rubric (tasks, plots, diagnoses, hard-coding re-runs, quiz) with the
sandbox ``auto`` picks, and draws no figures. ``nbgrader autograde`` grades an equivalent assignment
(:mod:`nbgrader_baseline`, in its own virtual environment, ``--nbgrader-venv``; ``--no-nbgrader``
skips it). Prints medians: seconds, notebooks/s, machine CPU seconds per notebook, and ratios to plain
nbclient and to nbgrader.
Usage: ``python tests/benchmarks/bench_throughput.py --notebooks 100 --runs 3``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import nbformat
from measure import interleaved
from nbclient import NotebookClient

from grader import NbclientExecutor, grade_batch, load_rubric
from grader.batch.cache import ReportCache
from grader.batch.grade import default_jobs, usable_cores
from grader.options import DEFAULT_RUBRIC

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
#: nbgrader 0.9.6 ``autograde``, serial, on this machine class (2 cores), as the issue measured it:
#: the reference when the harness runs without nbgrader.
NBGRADER_RATE = 0.64


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--nbgrader-venv", type=Path, default=None, help="nbgrader's virtualenv (made if missing)")
    parser.add_argument("--no-nbgrader", action="store_true", help="skip nbgrader (use the issue's 0.64/s)")
    parser.add_argument("--launchers", default="fresh,warm", help="which of our launchers to time (comma-separated)")
    args = parser.parse_args()
    cores, jobs = usable_cores(), default_jobs()
    rubric = load_rubric(DEFAULT_RUBRIC)
    source = (ROOT / "submissions_example" / "alice_correct.ipynb").read_text()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        subs = scratch / "subs"
        subs.mkdir()
        for number in range(args.notebooks):
            text = source.replace("# Your code here", f"# submission {number}", 1)
            text = text.replace("lr = 0.1\\n", f"lr = 0.1  # student {number}\\n", 1)
            (subs / f"s{number:04d}.ipynb").write_text(text)
        files = sorted(subs.glob("*.ipynb"))

        def nbclient_serial(run: int) -> None:
            for path in files:
                notebook = nbformat.read(path, as_version=4)
                NotebookClient(notebook, timeout=60, kernel_name="python3").execute()

        def grader(launcher: str, workers: int) -> Callable[[int], None]:
            def go(run: int) -> None:
                executor = NbclientExecutor(launcher=launcher)
                out = scratch / f"out-{launcher}-{workers}-{run}"
                grade_batch([subs], rubric, out, executor=executor, jobs=workers, figures=False)

            return go

        warm_cache = ReportCache(scratch / "cache")
        grade_batch([subs], rubric, scratch / "prime", jobs=cores, cache=warm_cache, figures=False)

        def cached(run: int) -> None:
            result = grade_batch([subs], rubric, scratch / f"cached-{run}", cache=warm_cache, figures=False)
            assert result.graded == 0

        def nbgrader(run: int) -> None:
            command = [sys.executable, str(HERE / "nbgrader_baseline.py"), "--notebooks", str(args.notebooks)]
            if args.nbgrader_venv is not None:
                command += ["--venv", str(args.nbgrader_venv)]
            subprocess.run(command, check=True, capture_output=True)

        ways: dict[str, Callable[[int], None]] = {"nbclient (serial)": nbclient_serial}
        if not args.no_nbgrader:
            ways["nbgrader autograde"] = nbgrader
        for launcher in args.launchers.split(","):
            ways[f"grader {launcher} -j1"] = grader(launcher, 1)
            ways[f"grader {launcher} -j{cores}"] = grader(launcher, cores)
            if jobs != cores:  # the default: a worker more than the cores
                ways[f"grader {launcher} -j{jobs}"] = grader(launcher, jobs)
        ways["grader cached"] = cached
        seconds, cpu = interleaved(ways, args.runs)
    nbgrader_rate = (
        args.notebooks / statistics.median(seconds["nbgrader autograde"])
        if "nbgrader autograde" in seconds
        else NBGRADER_RATE
    )
    base = statistics.median(seconds["nbclient (serial)"])
    print(f"{args.notebooks} notebooks, median of {args.runs} runs, {cores} cores")
    print(f"{'way':<22} {'seconds':>8} {'notebooks/s':>12} {'CPU s/nb':>9} {'vs nbclient':>12} {'vs nbgrader':>12}")
    for name in ways:
        total = statistics.median(seconds[name])
        per_cpu = statistics.median(cpu[name]) / args.notebooks
        rate = args.notebooks / total
        print(
            f"{name:<22} {total:>8.2f} {rate:>12.2f} {per_cpu:>9.3f} {base / total:>11.2f}x"
            f" {rate / nbgrader_rate:>11.2f}x"
        )


if __name__ == "__main__":
    main()
