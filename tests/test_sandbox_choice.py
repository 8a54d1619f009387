"""Is grading without the sandbox ever silent? When bubblewrap is missing (or ``--sandbox none`` is
chosen), ``grader grade`` says so on stderr before anything runs, in the summary, on the dashboard and
in the gradebook; ``--sandbox bwrap`` refuses to run at all."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NOTEBOOKS, run_grader

from grader.run.sandbox import bwrap_works

pytestmark = pytest.mark.kernel

NO_BWRAP = pytest.mark.skipif(not bwrap_works(), reason="bubblewrap cannot run here")
#: a PATH with Python but without bwrap: the machine of an instructor who never installed it
WITHOUT_BWRAP = {**os.environ, "PATH": str(Path(sys.executable).parent)}


def grade(tmp_path: Path, *options: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_grader(
        "grade", str(NOTEBOOKS / "correct.ipynb"), "--out", str(tmp_path), "--no-cache", *options, env=env
    )


def sandbox_column(out: Path) -> list[str]:
    rows = csv.DictReader((out / "gradebook.csv").read_text(encoding="utf-8").splitlines())
    return [row["sandbox"] for row in rows]


def test_auto_without_bubblewrap_warns_everywhere(tmp_path: Path) -> None:
    run = grade(tmp_path, env=WITHOUT_BWRAP)
    assert run.returncode == 0, run.stderr
    assert "grading WITHOUT the bwrap sandbox (bubblewrap is missing or cannot run here)" in run.stderr
    assert "WARNING: 1 of 1 submissions ran WITHOUT the bwrap sandbox" in run.stdout
    assert sandbox_column(tmp_path) == ["none"]
    assert 'id="sandbox-warning"' in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_sandbox_bwrap_fails_closed_without_bubblewrap(tmp_path: Path) -> None:
    run = grade(tmp_path, "--sandbox", "bwrap", env=WITHOUT_BWRAP)
    assert run.returncode == 2
    assert "--sandbox bwrap: bubblewrap is missing or cannot create namespaces here" in run.stderr
    assert not (tmp_path / "reports").exists()


def test_sandbox_none_is_said_too(tmp_path: Path) -> None:
    run = grade(tmp_path, "--sandbox", "none", "--quiet")
    assert "grading WITHOUT the bwrap sandbox (--sandbox none)" in run.stderr
    assert sandbox_column(tmp_path) == ["none"]


@NO_BWRAP
def test_with_bubblewrap_nothing_is_said(tmp_path: Path) -> None:
    run = grade(tmp_path)
    assert run.returncode == 0, run.stderr
    assert "WITHOUT" not in run.stderr + run.stdout
    assert sandbox_column(tmp_path) == ["bwrap"]
    assert "sandbox-warning" not in (tmp_path / "report.html").read_text(encoding="utf-8")


@NO_BWRAP
@pytest.mark.parametrize("launcher", ["fresh", "warm"])
def test_root_only_files_stay_unreadable_in_the_sandbox(tmp_path: Path, launcher: str) -> None:
    """When the grader runs as root, so does the kernel inside its user namespace; the owner-only files
    of /etc (``/etc/shadow``) are masked (by an unreadable node), so their content cannot reach the
    student's feedback."""
    import nbformat

    from grader import NbclientExecutor, grade_batch, load_rubric
    from grader.options import DEFAULT_RUBRIC

    secret = Path("/etc/shadow")
    notebook = nbformat.read(NOTEBOOKS / "correct.ipynb", as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell("raise ValueError(open('/etc/shadow').read() or 'empty')"))
    (tmp_path / "subs").mkdir()
    nbformat.write(notebook, tmp_path / "subs" / "reader.ipynb")
    executor = NbclientExecutor(sandbox="bwrap", launcher=launcher)
    (report,) = grade_batch([tmp_path / "subs"], load_rubric(DEFAULT_RUBRIC), tmp_path / "out", executor).reports
    assert report.execution is not None
    (error,) = report.execution.errors
    assert error.ename == "PermissionError"
    first_line = secret.read_text().splitlines()[0] if os.geteuid() == 0 else "root:"
    feedback = (tmp_path / "out" / "feedback" / "reader.md").read_text(encoding="utf-8")
    assert first_line not in feedback and first_line not in error.evalue


@NO_BWRAP
@pytest.mark.parametrize("launcher", ["fresh", "warm"])
def test_the_process_limit_binds_in_the_sandbox(tmp_path: Path, launcher: str) -> None:
    """64 processes per kernel, also when the grader runs as root (the kernel then has a uid of its own,
    which RLIMIT_NPROC counts; root was not bound at all: 300 forks against a limit of 64)."""
    import nbformat

    from grader import NbclientExecutor, grade_batch, load_rubric
    from grader.options import DEFAULT_RUBRIC

    forks = (
        "import subprocess\nchildren = []\ntry:\n    for _ in range(300):\n"
        "        children.append(subprocess.Popen(['sleep', '30']))\n"
        "except OSError:\n    pass\nraise ValueError(f'started {len(children)}')\n"
    )
    notebook = nbformat.read(NOTEBOOKS / "correct.ipynb", as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(forks))
    (tmp_path / "subs").mkdir()
    nbformat.write(notebook, tmp_path / "subs" / "forks.ipynb")
    executor = NbclientExecutor(sandbox="bwrap", launcher=launcher)
    (report,) = grade_batch([tmp_path / "subs"], load_rubric(DEFAULT_RUBRIC), tmp_path / "out", executor).reports
    assert report.execution is not None
    (error,) = report.execution.errors
    assert error.evalue.startswith("started ")
    assert int(error.evalue.split()[1]) < 64
