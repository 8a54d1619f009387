"""nbgrader's ``autograde`` on an assignment equivalent to ours, for the throughput harness.

Builds an nbgrader course: the assignment's two tasks as solution cells (the seed solution) and an
autograded test cell after each that asserts the same values our rubric checks (trajectory and final
x; h, ŷ, loss, both gradients, both weights), computed in the test cell with numpy. Then N student
copies are submitted and ``nbgrader autograde`` grades them one at a time, as nbgrader does. Runs in
its own virtual environment (``--venv``, created with ``pip install nbgrader==0.9.6`` when missing),
so nbgrader's dependencies never meet ours. Prints the seconds ``autograde`` took.

Usage (the harness calls it): ``python tests/benchmarks/nbgrader_baseline.py --notebooks 40 --venv DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NBGRADER = "nbgrader==0.9.6"

# the seed solution, as the fixture notebooks use it
sys.path.insert(0, str(HERE.parent / "notebooks"))
from make_notebooks import SEED_BACKPROP as BACKPROP  # noqa: E402
from make_notebooks import SEED_DESCENT as DESCENT  # noqa: E402

DESCENT_TESTS = """\
import numpy as np
expected, value = [], 10.0
for _ in range(30):
    value = value - 0.1 * 2 * value
    expected.append((value, value**2 + 4))
assert np.allclose(np.array(history), np.array(expected), rtol=1e-6, atol=1e-9)
assert np.isclose(x, expected[-1][0], rtol=1e-6, atol=1e-9)
"""

BACKPROP_TESTS = """\
s = lambda z: 1 / (1 + np.exp(-z))
eh = s(0.5); ey = s(-eh); d = (ey - 0.5) * ey * (1 - ey)
for got, want in [(h, eh), (y_pred, ey), (loss, 0.5 * (ey - 0.5) ** 2), (dL_dw2, d * eh),
                  (dL_dw1, d * -1.0 * eh * (1 - eh)), (w1, 0.5 - 0.1 * d * -1.0 * eh * (1 - eh)),
                  (w2, -1.0 - 0.1 * d * eh)]:
    assert np.isclose(got, want, rtol=1e-6, atol=1e-9)
"""


def cell(kind: str, source: str, grade_id: str, points: float = 0) -> dict[str, object]:
    nbgrader = {"grade_id": grade_id, "schema_version": 3, "solution": kind == "solution", "grade": kind == "tests"}
    nbgrader["locked"] = kind != "solution"
    if kind == "tests":
        nbgrader["points"] = points
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": grade_id,
        "metadata": {"nbgrader": nbgrader},
        "outputs": [],
        "source": source,
    }


def notebook() -> dict[str, object]:
    return {
        "cells": [
            cell("solution", DESCENT, "descent"),
            cell("tests", DESCENT_TESTS, "test_descent", 5),
            cell("solution", BACKPROP, "backprop"),
            cell("tests", BACKPROP_TESTS, "test_backprop", 9),
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _errors(path: Path) -> int:
    cells = json.loads(path.read_text())["cells"]
    return sum(output.get("output_type") == "error" for cell in cells for output in cell.get("outputs", []))


def ensure_venv(venv: Path) -> Path:
    binary, python = venv / "bin" / "nbgrader", venv / "bin" / "python"
    check = [str(python), "-c", "import nbgrader, numpy, matplotlib"]
    if not binary.exists() or subprocess.run(check, check=False, capture_output=True).returncode != 0:
        if not (venv / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        packages = [NBGRADER, "numpy", "matplotlib", "ipykernel"]
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", *packages], check=True)
    return binary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=40)
    parser.add_argument("--venv", type=Path, default=Path(tempfile.gettempdir()) / "grader-bench-nbgrader")
    args = parser.parse_args()
    nbgrader = ensure_venv(args.venv)
    env = {**os.environ, "PATH": f"{nbgrader.parent}{os.pathsep}{os.environ.get('PATH', '')}", "MPLBACKEND": "Agg"}
    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch) / "course"
        (course / "source" / "ps1").mkdir(parents=True)
        (course / "source" / "ps1" / "ps1.ipynb").write_text(json.dumps(notebook()))
        config = f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n"
        (course / "nbgrader_config.py").write_text(config + "c.CourseDirectory.db_assignments = [dict(name='ps1')]\n")
        run = {"cwd": course, "env": env, "check": True, "capture_output": True}
        subprocess.run([str(nbgrader), "generate_assignment", "ps1", "--force"], **run)  # type: ignore[call-overload]
        released = json.loads((course / "release" / "ps1" / "ps1.ipynb").read_text())
        for number in range(args.notebooks):
            target = course / "submitted" / f"s{number:04d}" / "ps1"
            target.mkdir(parents=True)
            answers = {"descent": f"# student {number}\n{DESCENT}", "backprop": BACKPROP}
            for answer in released["cells"]:  # the student fills the solution cells of the release
                grade_id = answer["metadata"].get("nbgrader", {}).get("grade_id")
                if grade_id in answers:
                    answer["source"] = answers[grade_id]
            (target / "ps1.ipynb").write_text(json.dumps(released))
            (target / "timestamp.txt").write_text("2026-11-24 12:00:00.000000 UTC")
        started = time.perf_counter()
        result = subprocess.run(  # type: ignore[call-overload]
            [str(nbgrader), "autograde", "ps1", "--create", "--force"], cwd=course, env=env, capture_output=True
        )
        seconds = time.perf_counter() - started
        autograded = list((course / "autograded").glob("*/ps1/ps1.ipynb"))
        graded = sum(not _errors(path) for path in autograded)  # full marks: every test cell ran clean
        if result.returncode != 0 or graded != args.notebooks:
            tail = result.stderr.decode(errors="replace")[-800:]
            raise SystemExit(f"nbgrader autograde failed ({graded}/{args.notebooks} graded): {tail}")
    print(json.dumps({"seconds": seconds, "notebooks": args.notebooks}))


if __name__ == "__main__":
    main()
