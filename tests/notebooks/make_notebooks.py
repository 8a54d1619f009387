"""Builds the fixture notebooks in ``tests/notebooks/`` and the examples in ``submissions_example/``.

Run ``python tests/notebooks/make_notebooks.py`` after changing a scenario or the template; the test suite
checks that the committed files are exactly what this script writes. Each scenario starts from the
template the students get (``grader template``) and fills its answer cells, so fixtures look like real
submissions. The correct answers are the seed document's own code.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat import NotebookNode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from grader.front.template import build_template, stable_cell_ids  # noqa: E402
from grader.load.rubric import load_rubric  # noqa: E402

SEED_DESCENT = """\
import numpy as np
import matplotlib.pyplot as plt

x = 10
lr = 0.1
history = []

for _ in range(30):
    grad = 2 * x  # derivative of f(x) = x² + 4
    x = x - lr * grad
    history.append((x, x**2 + 4))

xs, ys = zip(*history)
plt.plot(xs, ys, marker='o')
plt.title("Gradient Descent on f(x) = x² + 4")
plt.xlabel("x")
plt.ylabel("f(x)")
plt.grid(True)
plt.show()
"""

SEED_BACKPROP = """\
# Define sigmoid and derivative
sigmoid = lambda x: 1 / (1 + np.exp(-x))
sigmoid_prime = lambda x: sigmoid(x) * (1 - sigmoid(x))

# Forward pass
x = 1.0
w1 = 0.5
w2 = -1.0
y_true = 0.5

h = sigmoid(x * w1)
y_pred = sigmoid(h * w2)

# Loss
loss = 0.5 * (y_true - y_pred)**2
print("Loss before update:", loss)

# Backward pass
dL_dy = y_pred - y_true
dy_dz2 = sigmoid_prime(h * w2)
dz2_dw2 = h
dz2_dh = w2

dh_dz1 = sigmoid_prime(x * w1)
dz1_dw1 = x

# Gradients
dL_dw2 = dL_dy * dy_dz2 * dz2_dw2
dL_dw1 = dL_dy * dy_dz2 * dz2_dh * dh_dz1 * dz1_dw1

# Update
w1 -= 0.1 * dL_dw1
w2 -= 0.1 * dL_dw2

print("Updated weights:", w1, w2)
"""

SEED_IMPORTS = "import numpy as np\nimport matplotlib.pyplot as plt\n"

#: Quiz answers a careful student writes: each explains, in sentences, every concept of the rubric.
FULL_ANSWERS = {
    "q1": "The goal of gradient descent is to minimize the loss function: starting from some weights, it "
    "repeatedly takes a small step in the direction of the negative gradient, which is the direction of "
    "steepest descent, so the loss goes down step by step. Neural networks have millions of parameters "
    "and no closed form solution, but the loss is differentiable, so we can train the network by "
    "computing gradients with backpropagation and updating the weights iteratively.",
    "q2": "One common cause is a learning rate that is too small, so each update barely changes the weights; "
    "I would try to increase the learning rate or use a schedule. Another cause is vanishing gradients "
    "when sigmoid units saturate, or poor weight initialization and unnormalized input features, so I "
    "would check initialization and normalize the inputs. The model may also underfit because its "
    "capacity is too small, or there may be a bug. To troubleshoot, I would plot the training loss, "
    "monitor the gradient norms and try an optimizer such as Adam.",
    "q3": "The learning rate sets the step size: it scales the gradient and decides how far each update "
    "moves the weights. If it is too small, training is very slow and needs many iterations to converge. "
    "If it is too large, the updates overshoot the minimum, so the loss can oscillate or even diverge.",
    "q4": "A network is a composition of functions, so the derivative of the loss with respect to a weight is "
    "a product of local derivatives, multiplied together by the chain rule. Backpropagation propagates the "
    "gradient backward from the output layer to the input, layer by layer, and reuses the gradients it "
    "already computed, which makes it efficient. This matters because it tells us how each weight "
    "contributes to the loss, so every parameter can be updated.",
    "q5": "For vanishing gradients I would use ReLU or leaky ReLU activation functions instead of sigmoid, "
    "use a careful initialization such as Xavier or He initialization, add batch normalization, and use "
    "residual or skip connections (or LSTM gates in recurrent networks). For exploding gradients I would "
    "use gradient clipping and a smaller learning rate, or an adaptive optimizer like Adam.",
}

#: Quiz answers that are on the right track but thin, or lists of terms: partial credit, and review.
WEAK_ANSWERS = {
    "q1": "It is used to find the minimum of a function.",
    "q2": "The learning rate may be too small.",
    "q3": "step size, slow, overshoot",
    "q4": "It multiplies derivatives.",
    "q5": "relu, clipping",
}

RUBRIC = load_rubric(ROOT / "rubrics" / "assignment.yaml")


def filled(
    descent: str = SEED_DESCENT, backprop: str = SEED_BACKPROP, quiz: dict[str, str] = FULL_ANSWERS
) -> NotebookNode:
    """The template with its two task cells and its quiz answer cells filled in."""
    notebook = build_template(RUBRIC)
    answers = {"task:descent": descent, "task:backprop": backprop}
    answers.update({f"quiz:{question}": text for question, text in quiz.items()})
    for cell in notebook.cells:
        for tag in cell.metadata.get("tags", []):
            if tag in answers:
                cell.source = answers[tag]
    return notebook


def without_tags(notebook: NotebookNode) -> NotebookNode:
    for cell in notebook.cells:
        cell.metadata.pop("tags", None)
    return notebook


def reversed_tasks() -> NotebookNode:
    """Task 2 before Task 1 (each with its heading), imports in a setup cell of their own."""
    notebook = filled(
        descent=SEED_DESCENT.replace(SEED_IMPORTS, ""),
    )
    cells = notebook.cells
    start = next(i for i, c in enumerate(cells) if c.source.startswith("### Task 1"))
    task1, task2 = cells[start : start + 2], cells[start + 2 : start + 4]
    setup = nbformat.v4.new_code_cell(SEED_IMPORTS)
    notebook.cells = [*cells[:start], setup, *task2, *task1]
    return notebook


def v3_notebook() -> dict:
    """The correct answers in nbformat 3 (worksheets, heading cells, ``input``), as old tools wrote it."""

    def heading(text: str) -> dict:
        return {"cell_type": "heading", "level": 3, "metadata": {}, "source": text}

    def code(source: str) -> dict:
        return {
            "cell_type": "code",
            "collapsed": False,
            "input": source,
            "language": "python",
            "metadata": {},
            "outputs": [],
        }

    cells = [
        heading("Task 1: Visualize Gradient Descent"),
        code(SEED_DESCENT),
        heading("Task 2: Manual Backpropagation (2-layer NN)"),
        code(SEED_BACKPROP),
    ]
    return {
        "metadata": {"name": "v3"},
        "nbformat": 3,
        "nbformat_minor": 0,
        "worksheets": [{"cells": cells, "metadata": {}}],
    }


TAMPERING = """\
# Wrong answers dressed up to look right to a grader that compares inside the kernel.
import builtins, math
import numpy as np

class Liar(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __float__(self): return 0.49919472091872125
    def __abs__(self): return 0.0
    __hash__ = float.__hash__

np.isclose = lambda *args, **kwargs: True
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
math.isclose = lambda *args, **kwargs: True
builtins.abs = lambda value: 0.0

w1 = Liar(0.0)
w2 = np.float64(0.0)
"""

# Hostile Task 1 cells; each notebook's Task 2 is the seed's (it needs numpy, imported first here).
# np.empty reserves without touching: the address-space limit stops it at once, where touching 2 GB
# page by page takes 6 s on a small VM (measured) and would only test the time limit.
MEMORY_BOMB = SEED_IMPORTS + "hoard = []\nwhile True:\n    hoard.append(np.empty(2**27))  # 1 GiB each\n"
FORK_SLEEPERS = (
    SEED_IMPORTS
    + """\
import os, subprocess
# children that try to outlive the kernel: a new session, a double fork, a plain background process
subprocess.Popen(["sleep", "321"], start_new_session=True)
subprocess.Popen(["sleep", "322"])
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "323"])
    os._exit(0)
"""
)
# a few large writes, five times the cap: they once lost the whole cell's output, flag included
# (ipykernel's buffer was never flushed once the cap had swapped the stream out)
OUTPUT_FLOOD = SEED_IMPORTS + "for i in range(50):\n    print('x' * 100_000)\n" + SEED_DESCENT.replace(SEED_IMPORTS, "")
HUGE_FILE = SEED_IMPORTS + "with open('huge.bin', 'wb') as handle:\n    handle.write(b'0' * (200 * 2**20))\n"
BREAKS_PROBE = (
    SEED_DESCENT
    + """\
# Sabotage the machinery a grader would use to read values out of the kernel.
import builtins, sys
builtins.exec = lambda *args, **kwargs: None
sys.modules["json"] = None
"""
)

TYPO_MAGIC = "%matplotlb inline\n" + SEED_DESCENT
MISSING_PACKAGE = SEED_DESCENT.replace("import numpy as np\n", "import numpy as np\nimport torch\n")
ENDLESS_RECURSION = (
    SEED_IMPORTS
    + """\
def descend(x, lr=0.1):
    # no stopping case: calls itself until Python gives up
    return descend(x - lr * 2 * x, lr)


descend(10)
"""
)
R_DESCENT = """\
x <- 10
lr <- 0.1
history <- c()
for (i in 1:30) {
  x <- x - lr * 2 * x
  history <- c(history, x)
}
plot(history, type = "l")
"""


def declared_r(notebook: NotebookNode) -> NotebookNode:
    """A notebook whose metadata says it is for IRkernel, as Jupyter writes it for an R notebook."""
    notebook.metadata["kernelspec"] = {"display_name": "R", "language": "R", "name": "ir"}
    notebook.metadata["language_info"] = {"name": "R"}
    return notebook


def with_cell(notebook: NotebookNode, source: str, *tags: str) -> NotebookNode:
    """The notebook with one more code cell, carrying ``tags``, right after Task 1's cell."""
    at = next(i for i, c in enumerate(notebook.cells) if "task:descent" in c.metadata.get("tags", []))
    notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)}))
    return notebook


def cell_without_source() -> dict:
    """A notebook whose Task 1 heading cell lost its ``source``: JSON, but not a valid notebook."""
    data = json.loads(render(filled()))
    at = next(i for i, c in enumerate(data["cells"]) if "task:descent" in c["metadata"].get("tags", []))
    del data["cells"][at - 1]["source"]
    return data


def half_written() -> bytes:
    """A correct notebook's file cut off inside a cell's source, as an interrupted save leaves it."""
    whole = render(filled())
    return whole[: whole.index(b"history.append") + 7]


def without_cell_ids() -> dict:
    """A correct nbformat 4.5 notebook whose cells lost their ids (some editors drop them)."""
    data = json.loads(render(filled()))
    for cell in data["cells"]:
        cell.pop("id", None)
    return data


SCENARIOS: dict[str, Callable[[], NotebookNode | dict | bytes]] = {
    "correct": filled,
    "descent_sign_flipped": lambda: filled(descent=SEED_DESCENT.replace("x = x - lr * grad", "x = x + lr * grad")),
    "descent_crashes": lambda: filled(descent=SEED_DESCENT.replace("grad = 2 * x ", "grad = 2 * X ")),
    "backprop_raises": lambda: filled(backprop=SEED_BACKPROP.replace("sigmoid(x * w1)", "sigmoid(x * w_1)")),
    "reversed_order": reversed_tasks,
    "untagged": lambda: without_tags(filled()),
    # the forward pass and gradients honestly, then the update replaced by the tampering
    "tampered_numpy": lambda: filled(backprop=SEED_BACKPROP.split("# Update")[0] + TAMPERING),
    # Task 2 relies on numpy imported in Task 1's cell, as in the seed: the new kernel must replay it.
    "infinite_loop": lambda: filled(descent=SEED_IMPORTS + "while True:\n    pass\n"),
    "kills_own_kernel": lambda: filled(descent=SEED_IMPORTS + "import os\nos._exit(1)\n"),
    "asks_for_input": lambda: filled(backprop="lr = float(input('learning rate? '))\n" + SEED_BACKPROP),
    "empty_template": lambda: build_template(RUBRIC),
    "memory_bomb": lambda: filled(descent=MEMORY_BOMB),
    "fork_sleepers": lambda: filled(descent=FORK_SLEEPERS),
    "output_flood": lambda: filled(descent=OUTPUT_FLOOD),
    "huge_file": lambda: filled(descent=HUGE_FILE),
    "breaks_probe": lambda: filled(descent=BREAKS_PROBE),
    "typo_magic": lambda: filled(descent=TYPO_MAGIC),
    "missing_package": lambda: filled(descent=MISSING_PACKAGE),
    "endless_recursion": lambda: filled(descent=ENDLESS_RECURSION),
    "r_kernelspec": lambda: declared_r(filled(descent=R_DESCENT)),
    # an error shown on purpose, and a cell that must not run (it would loop for ever)
    "raises_exception_tag": lambda: with_cell(filled(), "np.log('ten')", "raises-exception"),
    "skip_execution_tag": lambda: with_cell(filled(), "while True:\n    pass", "skip-execution"),
    # the same cell inside Task 1: the task's re-run with other parameters must skip it too
    "skip_execution_in_task": lambda: with_cell(
        filled(), "while True:  # a long experiment, not for grading\n    pass", "task:descent", "skip-execution"
    ),
    "v3_format": v3_notebook,
    "not_json": lambda: b'{"cells": [ this is not JSON',
    "half_written": half_written,
    "missing_cell_ids": without_cell_ids,
    "cell_without_source": cell_without_source,
    "not_a_notebook": lambda: {"name": "my homework", "answers": [1, 2, 3]},
    "unknown_format": lambda: {"nbformat": 99, "nbformat_minor": 0, "cells": [], "metadata": {}},
}

EXAMPLES: dict[str, Callable[[], NotebookNode | dict | bytes]] = {
    "alice_correct": filled,
    "bob_sign_mistake": lambda: filled(
        descent=SEED_DESCENT.replace("x = x - lr * grad", "x = x + lr * grad"), quiz=WEAK_ANSWERS
    ),
    "carol_task2_raises": lambda: filled(
        backprop=SEED_BACKPROP.replace("sigmoid(x * w1)", "sigmoid(x * w_1)"), quiz={}
    ),
}


def render(value: NotebookNode | dict | bytes) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, NotebookNode):
        stable_cell_ids(value)
        return (nbformat.writes(value) + "\n").encode()
    return (json.dumps(value, indent=1, ensure_ascii=False) + "\n").encode()


def expected_files() -> dict[Path, bytes]:
    files = {HERE / f"{name}.ipynb": render(make()) for name, make in SCENARIOS.items()}
    files.update({ROOT / "submissions_example" / f"{name}.ipynb": render(make()) for name, make in EXAMPLES.items()})
    return files


if __name__ == "__main__":
    for path, data in expected_files().items():
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)}")
