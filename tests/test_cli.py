"""Does the command line map arguments, streams and exit codes as the README documents?

In-process calls of :func:`grader.front.cli.main` cover argument mapping; a few real ``python -m grader``
subprocesses cover exit codes and streams as a shell or CI sees them.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import EXAMPLES, NOTEBOOKS, run_grader

from grader import Rubric
from grader.front.arguments import build_parser
from grader.front.cli import EXIT_OK, EXIT_UNGRADED, EXIT_USAGE, main
from grader.options import DEFAULT_OUT, DEFAULT_RUBRIC, ExecutionLimits

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import filled, render


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m grader`` with its caches in a folder of the test's own, so no run is served from
    another test's (or the developer's) report cache."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / ".cache-of-test")}
    return run_grader(*args, cwd=cwd, env=env)


def test_grade_defaults_come_from_the_library() -> None:
    args = build_parser().parse_args(["grade", "subs"])
    assert args.out == DEFAULT_OUT and args.rubric == DEFAULT_RUBRIC
    assert args.cell_timeout is None and args.notebook_timeout is None  # the rubric's limits apply
    assert args.jobs is None and not args.no_cache and args.cache_dir is None  # cores, and the user cache


@pytest.mark.parametrize("value", ["0", "-3", "soon"])
def test_timeouts_must_be_positive_numbers(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["grade", "x", "--cell-timeout", value])
    assert caught.value.code == EXIT_USAGE
    assert "--cell-timeout" in capsys.readouterr().err


def test_missing_path_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["grade", str(tmp_path / "absent"), "--out", str(tmp_path / "out")])
    assert code == EXIT_USAGE
    assert "no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_folder_without_notebooks_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CI job that grades an empty folder must not go green with an empty gradebook."""
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    (tmp_path / "subs" / "alice" / "notes.txt").write_text("not a notebook")
    code = main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "out")])
    assert code == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"no notebooks found in {tmp_path / 'subs'}" in err and "nothing was graded" in err
    assert not (tmp_path / "out").exists()


def test_bad_rubric_exits_2_with_the_yaml_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "rubric.yaml"
    bad.write_text(DEFAULT_RUBRIC.read_text().replace("rtol: 1.0e-6", "rtol: -1.0e-6", 1))
    (tmp_path / "quiz.yaml").write_text((DEFAULT_RUBRIC.parent / "quiz.yaml").read_text())
    code = main(["grade", str(NOTEBOOKS / "correct.ipynb"), "--rubric", str(bad), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "tasks[0].checks[0].rtol: must be a non-negative number, got -1e-06 (line " in err
    assert str(bad) in err


def test_template_writes_the_student_notebook(tmp_path: Path, rubric: Rubric) -> None:
    out = tmp_path / "hw.ipynb"
    assert main(["template", "--out", str(out)]) == EXIT_OK
    notebook = nbformat.read(out, as_version=4)
    nbformat.validate(notebook)
    tags = [tag for cell in notebook.cells for tag in cell.metadata.get("tags", [])]
    assert tags == [q.tag for q in rubric.quiz.questions] + [t.tag for t in rubric.tasks]
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert [cell.source.strip() for cell in code] == ["# Your code here"] * len(rubric.tasks)
    answers = [cell for cell in notebook.cells if any(t.startswith("quiz:") for t in cell.metadata.get("tags", []))]
    assert all(cell.cell_type == "markdown" and cell.source == "" for cell in answers)
    again = tmp_path / "again.ipynb"
    assert main(["template", "--out", str(again)]) == EXIT_OK
    assert out.read_bytes() == again.read_bytes()  # stable cell ids: regenerating changes nothing


@pytest.mark.kernel
def test_grade_examples_subprocess_exit_0_summary_on_stdout(tmp_path: Path, rubric: Rubric) -> None:
    """The README's main command: the bundled examples, default rubric, every one graded."""
    result = run("grade", str(EXAMPLES), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stderr
    assert "3 of 3 submissions graded" in result.stdout
    assert result.stdout.splitlines()[-1].startswith(f"open {tmp_path / 'out' / 'report.html'}; ")  # as the README says
    assert "[3/3]" in result.stderr and "alice_correct: graded" in result.stderr  # progress: stderr, plain lines
    with (tmp_path / "out" / "gradebook.csv").open() as handle:
        rows = {row["id"]: {key: value for key, value in row.items()} for row in csv.DictReader(handle)}
    alice, bob, carol = rows["alice_correct"], rows["bob_sign_mistake"], rows["carol_task2_raises"]
    assert float(alice["score"]) == rubric.max_score  # everything right, quiz answers complete
    # bob's sign mistake keeps partial credit only
    assert 0 < float(bob["descent"]) < rubric.task("descent").max_score / 2
    assert float(bob["backprop"]) == rubric.task("backprop").max_score
    assert float(carol["descent"]) == rubric.task("descent").max_score
    assert float(carol["backprop"]) < rubric.task("backprop").max_score / 2
    # full, weak and empty quiz answers order as a reader would order them, question by question
    for question in rubric.quiz.questions:
        column = f"quiz.{question.id}"
        assert float(alice[column]) > float(bob[column]) > float(carol[column]) == 0


@pytest.mark.kernel
def test_an_invalid_notebook_exits_3_but_every_file_gets_a_report(tmp_path: Path, rubric: Rubric) -> None:
    folder = tmp_path / "subs"
    folder.mkdir()
    for name in ("correct", "not_json"):
        (folder / f"{name}.ipynb").write_bytes((NOTEBOOKS / f"{name}.ipynb").read_bytes())
    result = run("grade", str(folder), "--out", str(tmp_path / "out"), "--quiet", cwd=tmp_path)
    assert result.returncode == EXIT_UNGRADED
    full = f"{rubric.max_score:g}"
    (line,) = result.stdout.splitlines()  # --quiet: one line
    assert line.startswith(f"1 of 2 submissions graded, mean {full}/{full}; 1 could not be graded; open ")
    assert "report.html" in line
    statuses = {p.stem: json.loads(p.read_text())["status"] for p in (tmp_path / "out" / "reports").glob("*.json")}
    assert statuses == {"correct": "graded", "not_json": "invalid"}


@pytest.mark.kernel
def test_the_summary_names_the_real_folder_and_shows_a_forged_line_as_text(tmp_path: Path) -> None:
    """A file name with a newline must not print a line of its own ("alice  46 of 46"), and the hint to
    review names the --out folder, not a placeholder."""
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "mallory\nalice  46 of 46.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    nobody = filled(quiz={})  # no quiz answers, but text of the student's own: sent to review
    nobody.cells.append(nbformat.v4.new_markdown_cell("My notes: the gradient points uphill."))
    (folder / "bob.ipynb").write_bytes(render(nobody))
    result = run("grade", str(folder), "--out", str(tmp_path / "out"), cwd=tmp_path)
    for stream in (result.stdout, result.stderr):
        assert not any(line.startswith("alice") for line in stream.splitlines())
        assert "mallory\\nalice" in stream
    assert "(grader review " + str(tmp_path / "out") + ")" in result.stdout and "OUT_DIR" not in result.stdout


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("grader ")


@pytest.mark.kernel
def test_cli_timeout_override_reaches_the_executor(tmp_path: Path) -> None:
    """--cell-timeout replaces the rubric's 30 s: the infinite loop is cut at 2 s, not 30."""
    result = run(
        "grade",
        str(NOTEBOOKS / "infinite_loop.ipynb"),
        "--out",
        str(tmp_path / "out"),
        "--cell-timeout",
        "2",
        cwd=tmp_path,
    )
    assert result.returncode == EXIT_OK
    report = json.loads((tmp_path / "out" / "reports" / "infinite_loop.json").read_text())
    assert "timeout" in report["flags"]
    assert report["execution"]["seconds"] < ExecutionLimits().cell_timeout


@pytest.mark.kernel
def test_ctrl_c_stops_a_batch_at_once_in_one_line_and_leaves_nothing() -> None:
    """Ctrl-C reaches the whole process group (the grader and its workers): one line, exit 130, no
    traceback from any process, no wait for the notebooks under way, and no kernel left running."""
    import shutil
    import signal
    import tempfile

    from test_hostile import kernel_leftovers

    temp = Path(tempfile.mkdtemp(prefix="ctrl-c-"))  # short: the zygotes live in it too
    subs = temp / "subs"
    subs.mkdir()
    for name, fixture in [("a", "correct"), ("b", "infinite_loop"), ("c", "infinite_loop"), ("d", "correct")]:
        (subs / f"{name}.ipynb").write_bytes((NOTEBOOKS / f"{fixture}.ipynb").read_bytes())
    command = ["grade", str(subs), "--out", str(temp / "out"), "--no-cache", "--jobs", "2"]
    command += ["--cell-timeout", "90"]  # the loops would run 90 s if the grader waited for them
    process = subprocess.Popen(
        [sys.executable, "-m", "grader", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, as a terminal's foreground job
        env={**os.environ, "TMPDIR": str(temp)},
        # ... and SIGINT as a terminal gives it: a suite started with `&` from a script inherits
        # SIGINT ignored (POSIX), which the grader rightly keeps, and then Ctrl-C could not stop it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    first = process.stderr.readline()  # a report is done: the workers are busy with loops that never end
    assert first.startswith("[1/4]"), first
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=45)  # within the workers' STOP_PATIENCE, never the loops' 90 s
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()  # closes the pipes: a later test must not meet their ResourceWarning
        raise
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("grader: interrupted")
    shutil.rmtree(subs)
    shutil.rmtree(temp / "out")
    assert kernel_leftovers(temp) == []
    temp.rmdir()


@pytest.mark.kernel
@pytest.mark.parametrize("launcher", ["warm", "fresh"])
def test_files_follow_the_umask_and_the_cache_stays_private(tmp_path: Path, launcher: str) -> None:
    """Under umask 027 (the instructor shares with a TA's group, nobody else) every output is 0640, as
    `open` makes a file; the report cache in the user's home, which holds every student's report, stays
    0600. Graded as root in the sandbox, each kernel is a uid of its own that must still reach the
    folders the grader made under that umask: with either launcher the notebook is graded, not an error."""
    script = (
        f"umask 027 && {sys.executable} -m grader grade {EXAMPLES / 'alice_correct.ipynb'} --out out --quiet"
        f" --launcher {launcher} && {sys.executable} -m grader template --out hw.ipynb"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "reports" / "alice_correct.json").read_text(encoding="utf-8"))
    assert report["status"] == "graded" and report["score"] == report["max_score"], report["message"]
    written = [
        tmp_path / "hw.ipynb",
        tmp_path / "out" / "gradebook.csv",
        tmp_path / "out" / "report.html",
        tmp_path / "out" / "reports" / "alice_correct.json",
        tmp_path / "out" / "feedback" / "alice_correct.md",
        *(tmp_path / "out" / "feedback" / "alice_correct").glob("*.png"),
    ]
    assert {path.name: oct(path.stat().st_mode & 0o777) for path in written} == {p.name: "0o640" for p in written}
    cached = list((tmp_path / "cache" / "backprop-grader" / "reports").rglob("*.json"))
    assert cached and {oct(path.stat().st_mode & 0o777) for path in cached} == {"0o600"}
