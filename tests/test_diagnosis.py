"""Partial credit a careful TA would give, on real notebooks graded on real kernels.

Solutions in several honest styles (loops, functions with keyword or positional arguments, numpy and
tuple unpacking, ``%matplotlib inline`` with ``plt.close``) must earn every point and never be flagged;
a notebook with typed-in answers must be flagged; a wrong forward pass must keep the chain-rule points
(error carried forward); figures are checked for data and labels. The catalogued mistakes and accepted
conventions each have a mutant in ``grader selftest``, which runs here too.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import NOTEBOOKS, TEST_LIMITS, checks_of, task_of

from grader import Rubric, grade_batch
from grader.front.selftest import run_selftest
from grader.judge.compare import number_text
from grader.judge.plots import judge_plot
from grader.run.probe import figures_from

sys.path.insert(0, str(NOTEBOOKS))
from make_notebooks import SEED_BACKPROP, SEED_DESCENT, filled, render

pytestmark = pytest.mark.kernel

DESCENT_KEYWORDS = """\
import numpy as np
import matplotlib.pyplot as plt

def gradient_descent(x0, lr, steps):
    x = x0
    history = []
    for _ in range(steps):
        x = x - lr * 2 * x
        history.append((x, x**2 + 4))
    return history

history = gradient_descent(x0=10, lr=0.1, steps=30)
x = history[-1][0]
plt.plot(range(1, 31), [f for _, f in history])
plt.title("Gradient descent")
plt.xlabel("step")
plt.ylabel("f(x)")
plt.show()
"""

DESCENT_POSITIONAL = DESCENT_KEYWORDS.replace(
    "gradient_descent(x0=10, lr=0.1, steps=30)", "gradient_descent(10, 0.1, 30)"
)

DESCENT_WHILE_INLINE = """\
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt

x_start = 10.0
learning_rate = 0.1
x = x_start
history = []
step = 0
while step < 30:
    x -= learning_rate * 2 * x
    history.append((x, x * x + 4))
    step += 1

points = np.array(history)
fig, ax = plt.subplots()
ax.plot(points[:, 0], points[:, 1], "o-")
ax.set_title("Descent on x² + 4")
ax.set_xlabel("x")
ax.set_ylabel("f(x)")
plt.show()
plt.close(fig)
"""

BACKPROP_UNPACKED = """\
import numpy as np

def forward(x, w1, w2):
    h = 1 / (1 + np.exp(-w1 * x))
    return h, 1 / (1 + np.exp(-w2 * h))

x, w1, w2, target, lr = 1.0, 0.5, -1.0, 0.5, 0.1
h, y_hat = forward(x, w1, w2)
loss = 0.5 * (y_hat - target) ** 2
delta = (y_hat - target) * y_hat * (1 - y_hat)
grad_w2 = delta * h
grad_w1 = delta * w2 * h * (1 - h) * x
w1, w2 = w1 - lr * grad_w1, w2 - lr * grad_w2
"""

BACKPROP_WRONG_FORWARD = SEED_BACKPROP.replace("h = sigmoid(x * w1)", "h = sigmoid(x + w1)").replace(
    "dh_dz1 = sigmoid_prime(x * w1)", "dh_dz1 = h * (1 - h)"
)

NO_PLOT = SEED_DESCENT.split("xs, ys = zip(*history)")[0]
BARE_PLOT = NO_PLOT + "plt.plot([f for _, f in history])\nplt.show()\n"


def typed_in_descent(rubric: Rubric) -> str:
    """Sets a start and a rate but computes nothing: the history is typed in (say, copied from a
    friend's output), and the plot and the final x come from it."""
    history = [tuple(point) for point in rubric.task("descent").expected["trajectory"]]
    return (
        "import numpy as np\nimport matplotlib.pyplot as plt\n"
        "x = 10\nlr = 0.1\n"
        f"history = {history!r}\n"
        "xs, ys = zip(*history)\n"
        "x = xs[-1] if x and lr else 0\n"
        "plt.plot(xs, ys)\nplt.title('Gradient descent')\nplt.xlabel('x')\nplt.ylabel('f(x)')\nplt.show()\n"
    )


def typed_in_backprop(rubric: Rubric) -> str:
    """An honest forward pass, gradients and updated weights typed in."""
    expected = rubric.task("backprop").expected
    head = SEED_BACKPROP.split("# Loss")[0]
    typed = "".join(f"{name} = {expected[name]!r}\n" for name in ("loss", "dL_dw2", "dL_dw1", "w1", "w2"))
    return head + typed


@pytest.fixture(scope="module")
def styles_out(tmp_path_factory: pytest.TempPathFactory, rubric: Rubric) -> Path:
    folder = tmp_path_factory.mktemp("styles")
    notebooks = {
        "keywords": filled(descent=DESCENT_KEYWORDS, backprop=BACKPROP_UNPACKED),
        "positional": filled(descent=DESCENT_POSITIONAL),
        "while_inline": filled(descent=DESCENT_WHILE_INLINE),
        "typed_in": filled(descent=typed_in_descent(rubric), backprop=typed_in_backprop(rubric)),
        "wrong_forward": filled(backprop=BACKPROP_WRONG_FORWARD),
        "no_plot": filled(descent=NO_PLOT),
        "bare_plot": filled(descent=BARE_PLOT),
    }
    for name, notebook in notebooks.items():
        (folder / f"{name}.ipynb").write_bytes(render(notebook))
    for name in ("correct", "reversed_order", "untagged"):
        (folder / f"{name}.ipynb").write_bytes((NOTEBOOKS / f"{name}.ipynb").read_bytes())
    out = tmp_path_factory.mktemp("styles-out")
    grade_batch([folder], rubric, out, limits=TEST_LIMITS, jobs=2)
    return out


@pytest.fixture(scope="module")
def graded(styles_out: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: json.loads(path.read_text()) for path in (styles_out / "reports").glob("*.json")}


HONEST = ["correct", "reversed_order", "untagged", "keywords", "positional", "while_inline"]


@pytest.mark.parametrize("name", HONEST)
def test_honest_styles_earn_every_point_and_are_never_flagged(
    graded: dict[str, dict[str, Any]], rubric: Rubric, name: str
) -> None:
    report = graded[name]
    for task in report["tasks"]:
        assert task["score"] == task["max_score"], (task["id"], [c["message"] for c in task["checks"]])
        assert task["diagnoses"] == []
        assert task["variation"]["status"] in ("followed", "not_possible")
    assert "hard_coded" not in report["flags"]


@pytest.mark.parametrize("name", ["correct", "keywords", "while_inline"])
def test_parameters_found_in_assignments_keywords_and_tuples_are_rewritten(
    graded: dict[str, dict[str, Any]], name: str
) -> None:
    for task in graded[name]["tasks"]:
        assert task["variation"]["status"] == "followed", task["variation"]
        assert task["variation"]["params"], task["variation"]
    names = {task["id"]: task["variation"]["names"] for task in graded["keywords"]["tasks"]}
    assert names["descent"] == {"x0": "x0", "lr": "lr"}  # keyword arguments of the call
    assert names["backprop"] == {"x": "x", "w1": "w1", "w2": "w2", "y_true": "target"}  # tuple unpacking


def test_values_passed_positionally_are_varied_too(graded: dict[str, dict[str, Any]]) -> None:
    """``gradient_descent(10, 0.1, 30)`` with ``def gradient_descent(x0, lr, steps)``: the arguments in
    the start's and the rate's positions are rewritten, and the honest descent follows them."""
    variation = task_of(graded["positional"], "descent")["variation"]
    assert variation["status"] == "followed", variation
    assert set(variation["params"]) == {"x0", "lr"}


def test_typed_in_answers_are_flagged_and_lose_the_rubrics_points(
    graded: dict[str, dict[str, Any]], rubric: Rubric
) -> None:
    report = graded["typed_in"]
    assert "hard_coded" in report["flags"]
    descent, backprop = task_of(report, "descent"), task_of(report, "backprop")
    assert descent["variation"]["status"] == "hard_coded" and "trajectory" in descent["variation"]["static"]
    assert set(backprop["variation"]["static"]) == {"loss", "dL_dw2", "dL_dw1", "w1", "w2"}
    assert checks_of(report, "descent")["trajectory"]["basis"] == "hard_coded"
    assert checks_of(report, "descent")["trajectory"]["score"] == 0  # the rubric's variation credit is 0
    # honestly computed values keep their points: the forward pass moved with the parameters
    assert checks_of(report, "backprop")["h"]["status"] == "pass"
    assert any(d["id"] == "hard_coded" and d["kind"] == "hard_coded" for d in backprop["diagnoses"])


def test_a_wrong_forward_pass_keeps_the_chain_rule_points(graded: dict[str, dict[str, Any]], rubric: Rubric) -> None:
    report = graded["wrong_forward"]
    backprop = task_of(report, "backprop")
    checks = checks_of(report, "backprop")
    assert checks["h"]["status"] == "fail"
    downstream = ("y_pred", "loss", "dL_dw2", "dL_dw1", "w1", "w2")
    assert all(checks[c]["status"] == "pass" and checks[c]["basis"] == "carried" for c in downstream)
    student_h = number_text(checks["h"]["actual"])
    assert f"your h = {student_h}" in checks["y_pred"]["message"]
    assert "error carried forward" in checks["dL_dw1"]["message"]
    assert backprop["score"] == rubric.task("backprop").max_score - rubric.task("backprop").check("h").points
    assert [d["id"] for d in backprop["diagnoses"]] == ["forward_pass_error"]


def test_hidden_expected_values_stay_out_of_the_students_feedback(
    graded: dict[str, dict[str, Any]], rubric: Rubric
) -> None:
    """dL/dw1 hides its answer (show_expected: false); the instructor's message still shows it."""
    check = checks_of(graded["wrong_forward"], "backprop")["dL_dw1"]
    expected = number_text(rubric.task("backprop").expected["dL_dw1"], check["actual"])
    assert expected in check["message"]
    assert expected not in check["feedback"] and "not the expected value" in check["feedback"]


def test_a_missing_plot_and_an_unlabelled_plot(graded: dict[str, dict[str, Any]], rubric: Rubric) -> None:
    points = rubric.task("descent").check("plot").points
    missing = checks_of(graded["no_plot"], "descent")
    assert missing["plot"]["status"] == "missing" and "no figure" in missing["plot"]["message"]
    assert missing["trajectory"]["status"] == "pass"
    # the seed asks to visualize f decreasing, not for a title or labels: the bundled rubric requires none
    bare = checks_of(graded["bare_plot"], "descent")["plot"]
    assert bare["status"] == "pass" and bare["score"] == points
    # a rubric that does require them takes half the points for an unlabelled figure, and says so
    labelled = replace(rubric.task("descent").check("plot"), requires=("title", "xlabel", "ylabel"))
    figures = figures_from(task_of(graded["bare_plot"], "descent")["figures"])
    verdict = judge_plot(labelled, figures, 1.0)
    assert verdict.score == points / 2 and verdict.lacking == ("title", "xlabel", "ylabel")
    assert "no title" in verdict.message and "x-axis label" in verdict.message


def test_figures_are_captured_as_data_even_after_plt_close(graded: dict[str, dict[str, Any]], rubric: Rubric) -> None:
    """The inline backend and an explicit close both destroy the figure; the data survives."""
    task = task_of(graded["while_inline"], "descent")
    (figure,) = task["figures"]
    (axes,) = figure["axes"]
    assert axes["title"] == "Descent on x² + 4" and axes["xlabel"] == "x"
    line = axes["lines"][0]
    assert line["y"] == pytest.approx(rubric.task("descent").expected["fs"])


def test_selftest_passes_on_the_bundled_rubric(rubric: Rubric) -> None:
    """Every catalogued mistake and convention, on its own mutant notebook, graded as the rubric intends."""
    outcomes = run_selftest(rubric, limits=TEST_LIMITS, jobs=2)
    assert [o.case.name for o in outcomes if not o.ok] == [], [o.problems for o in outcomes if not o.ok]
    names = {o.case.name.split("-")[1] for o in outcomes if "-" in o.case.name}
    catalog = {m.id for task in rubric.tasks for m in task.mistakes} | {"hard_coded"}
    assert names == catalog
    assert len(outcomes) >= 2 + len(catalog)


def test_selftest_fails_on_a_rubric_that_gives_a_sign_error_full_marks(tmp_path: Path, rubric: Rubric) -> None:
    """A catalogued mistake that keeps every point means the rubric does not reject known-wrong work."""
    from grader.load.rubric import load_rubric
    from grader.options import DEFAULT_RUBRIC

    text = DEFAULT_RUBRIC.read_text(encoding="utf-8")
    lenient = text.replace(
        "        credit: 0.25\n        feedback: >-\n          Your x moves",
        "        credit: 1\n        feedback: >-\n          Your x moves",
    )
    assert lenient != text
    (tmp_path / "assignment.yaml").write_text(lenient, encoding="utf-8")
    (tmp_path / "quiz.yaml").write_text((DEFAULT_RUBRIC.parent / "quiz.yaml").read_text(encoding="utf-8"))
    outcomes = run_selftest(
        load_rubric(tmp_path / "assignment.yaml"),
        limits=TEST_LIMITS,
        jobs=2,
        only=lambda case: case.name in ("solution", "descent-gradient_sign"),
    )
    verdicts = {o.case.name: o for o in outcomes}
    assert verdicts["solution"].ok
    assert not verdicts["descent-gradient_sign"].ok


def test_feedback_files_name_the_mistake_hide_what_the_rubric_hides_and_show_the_figure(
    styles_out: Path, graded: dict[str, dict[str, Any]], rubric: Rubric
) -> None:
    assert {path.stem for path in (styles_out / "feedback").glob("*.md")} == set(graded)
    text = (styles_out / "feedback" / "wrong_forward.md").read_text(encoding="utf-8")
    assert "forward pass error" in text and "error carried forward" in text
    dl_dw1 = checks_of(graded["wrong_forward"], "backprop")["dL_dw1"]
    assert number_text(rubric.task("backprop").expected["dL_dw1"], dl_dw1["actual"]) not in text
    typed = (styles_out / "feedback" / "typed_in.md").read_text(encoding="utf-8")
    assert "typed in" in typed
    correct = (styles_out / "feedback" / "correct.md").read_text(encoding="utf-8")
    assert "everything checks out" in correct
    (image,) = [line for line in correct.splitlines() if line.startswith("![")]
    png = styles_out / "feedback" / image.split("(")[-1].rstrip(")")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not any((styles_out / "feedback").glob("no_plot/descent-1-*.png"))  # no figure: none re-drawn
    assert any((styles_out / "feedback").glob("no_plot/descent-trajectory-*.png"))  # the dashboard's overlay


def test_an_unchanged_figure_is_not_drawn_again(tmp_path: Path, rubric: Rubric) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "correct.ipynb").write_bytes((NOTEBOOKS / "correct.ipynb").read_bytes())
    grade_batch([folder], rubric, tmp_path / "out", limits=TEST_LIMITS)
    pngs = sorted((tmp_path / "out" / "feedback" / "correct").glob("*.png"))
    assert len(pngs) == 2  # the student's figure, and their trajectory over the reference
    stamps = [png.stat().st_mtime_ns for png in pngs]
    grade_batch([folder], rubric, tmp_path / "out", limits=TEST_LIMITS)
    assert [png.stat().st_mtime_ns for png in pngs] == stamps
    assert sorted((tmp_path / "out" / "feedback" / "correct").glob("*.png")) == pngs


TYPED_GRADIENT = """\
import math
def sig(z): return 1/(1+math.exp(-z))
x, w1, w2, y_true, lr = 1.0, 0.5, -1.0, 0.5, 0.1
h = sig(w1*x)
y_pred = sig(w2*h)
loss = 0.5*(y_pred-y_true)**2
dL_dy = (y_pred - y_true)
dL_dz2 = dL_dy * y_pred*(1-y_pred)
dL_dw2 = dL_dz2 * h
dL_dh = dL_dz2 * w2
dL_dw1 = 0.123
w1 = w1 - lr*dL_dw1
w2 = w2 - lr*dL_dw2
"""


def test_a_typed_in_gradient_is_judged_under_its_own_name_and_the_update_is_not_blamed(
    tmp_path: Path, rubric: Rubric
) -> None:
    """A new user's notebook: ``dL_dw1 = 0.123`` typed in. Their ``dL_dh`` (with x = 1 it equals what
    "σ′ missing" would give for dL/dw1) is not taken for their dL/dw1, and their w1, right for their own
    gradient, is told so — no credit carried from a typed-in value, and no "update error" it did not make."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "typed.ipynb").write_bytes(render(filled(backprop=TYPED_GRADIENT)))
    (report,) = grade_batch([subs], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False).reports
    task = next(task for task in report.tasks if task.id == "backprop")
    checks = {check.id: check for check in task.checks}
    assert checks["dL_dw1"].name == "dL_dw1" and checks["dL_dw1"].score == 0
    assert checks["w1"].score == 0 and "typed in, not computed" in checks["w1"].message
    assert {d.id for d in task.diagnoses}.isdisjoint({"update_error", "missing_activation_derivative"})
