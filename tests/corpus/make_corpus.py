#!/usr/bin/env python3
"""Generate the blind test corpus of student notebooks (unexecuted).

Usage:  python make_corpus.py      (writes honest/*.ipynb, mistaken/*.ipynb, grades.json)

Written only from the assignment text; the grader's code was not consulted.
"""
import json
import os
import sys

import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from snippets_t1 import T1  # noqa: E402
from snippets_t2 import T2, CONV  # noqa: E402

# ---------------------------------------------------------------- template text
QUIZ = """# Quiz

1. What is the role of the learning rate in gradient descent?
2. What can happen if the learning rate is too large?
3. Why do we use a non-linear activation function such as the sigmoid?
4. What does the chain rule have to do with backpropagation?
5. What is the difference between the forward pass and the backward pass?"""

QUIZ_ANSWERS = [
    """**Answers**

1. It controls how big each step is when we move against the gradient.
2. The updates overshoot the minimum, the loss can oscillate or even diverge.
3. Without it the whole network would just be a linear function, no matter how many layers.
4. Backprop is just the chain rule applied layer by layer from the loss back to every weight.
5. Forward pass computes the output and the loss, backward pass computes the gradients of the loss wrt the weights.""",
    """Answers:
1. step size
2. it can jump over the minimum and diverge
3. to get non linearity, and sigmoid squashes values to (0,1)
4. we use chain rule to get the derivative of the loss w.r.t. each weight
5. forward = prediction, backward = gradients""",
    """### My answers
1. The learning rate scales the gradient, small lr = slow but stable, big lr = fast but risky.
2. Oscillation / divergence (the loss goes up instead of down).
3. To be able to model non-linear relationships; also sigmoid gives outputs between 0 and 1.
4. The gradient of the loss for an early weight is a product of local derivatives -> chain rule.
5. """,
    """1.
2.
3.
4.
5.""",
]

ASSIGNMENT_MD = "# Assignment"

TASK1_MD = """### Task 1: Visualize Gradient Descent
- Plot the function `f(x) = x² + 4` and simulate one-variable gradient descent.
- Use a starting point like `x = 10`.
- At each step, update `x = x - learning_rate * gradient`.
- Visualize how the function value decreases over iterations."""

TASK2_MD = """### Task 2: Manual Backpropagation (2-layer NN)
- Implement a simple neural network with 1 hidden layer (no libraries).
- Input: x = 1.0, weight1 = 0.5, weight2 = -1.0, learning rate = 0.1
- Target output: 0.5
- Use sigmoid as activation and MSE as the loss function
- Manually compute forward pass, gradients, and one update step"""

HEADINGS = {
    "template": (TASK1_MD, TASK2_MD),
    "part": ("## Part 1: Gradient Descent", "## Part 2: Backpropagation by hand"),
    "exercise": ("### Exercise 1", "### Exercise 2"),
    "bold": ("**Task 1**", "**Task 2**"),
    "gd_bp": ("## Gradient descent", "## Backprop"),
    "task_plain": ("## Task 1 - Visualize gradient descent", "## Task 2 - Manual backpropagation"),
    "hash1": ("# 1. Gradient Descent on f(x) = x^2 + 4", "# 2. Backpropagation for a tiny network"),
    "none": (None, None),
}

EXPLAIN_T2 = [
    r"""Network: $z_1 = w_1 x$, $h = \sigma(z_1)$, $z_2 = w_2 h$, $y = \sigma(z_2)$ with $\sigma(z) = \frac{1}{1+e^{-z}}$.""",
    r"""Backward pass with the chain rule (using $\sigma'(z) = \sigma(z)(1-\sigma(z))$):

$\frac{\partial L}{\partial w_2} = \frac{\partial L}{\partial y}\, y(1-y)\, h$

$\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial y}\, y(1-y)\, w_2\, h(1-h)\, x$""",
    """Now the update step: $w \\leftarrow w - \\eta \\, \\partial L / \\partial w$""",
]
EXPLAIN_T1 = [
    r"""$f(x) = x^2 + 4$ so $f'(x) = 2x$. The minimum is at $x=0$ where $f = 4$.
I run gradient descent until the steps get tiny and keep all the iterates.""",
    "Plot how f(x) changes over the iterations:",
]


def subst(code, p):
    return (code.replace("@X0@", str(p[0])).replace("@LR@", str(p[1]))
            .replace("@N@", str(p[2])))


def apply_mods(chunks, mods):
    chunks = list(chunks)
    for old, new in mods:
        hits = sum(c.count(old) for c in chunks)
        assert hits == 1, (old, hits)
        chunks = [c.replace(old, new) for c in chunks]
    return chunks


def task_cells(chunks, split, explain, placeholder):
    cells = []
    if placeholder:
        chunks = ["# Your code here\n" + chunks[0]] + list(chunks[1:])
    if split:
        for i, c in enumerate(chunks):
            if explain and i < len(explain) and explain[i]:
                cells.append(new_markdown_cell(explain[i]))
            cells.append(new_code_cell(c))
    else:
        if explain:
            cells.append(new_markdown_cell("\n\n".join(e for e in explain if e)))
        cells.append(new_code_cell("\n\n".join(chunks)))
    return cells


def build(spec):
    o = spec
    t1 = [subst(c, o["p"]) for c in T1[o["t1"]]]
    t1 = apply_mods(t1, o.get("t1_mods", []))
    t2 = apply_mods(T2[o["t2"]], o.get("t2_mods", []))
    cells = []
    if o.get("title"):
        cells.append(new_markdown_cell(o["title"]))
    quiz = o.get("quiz", "template")
    if quiz is not None:
        cells.append(new_markdown_cell(QUIZ))
        if isinstance(quiz, int):
            cells.append(new_markdown_cell(QUIZ_ANSWERS[quiz]))
    if o.get("assignment_md", quiz is not None):
        cells.append(new_markdown_cell(ASSIGNMENT_MD))
    if o.get("intro"):
        cells.append(new_markdown_cell(o["intro"]))

    h1, h2 = HEADINGS[o.get("headings", "template")]
    if o.get("one_cell"):
        if h1 and o.get("headings") != "template":
            cells.append(new_markdown_cell(h1 + " / " + h2.lstrip("#* ")))
        code = ("# ===== Task 1: gradient descent =====\n" + "\n\n".join(t1)
                + "\n\n\n# ===== Task 2: backprop =====\n" + "\n\n".join(t2))
        if o.get("placeholder"):
            code = "# Your code here\n" + code
        cells.append(new_code_cell(code))
    else:
        blocks = {
            1: (h1, task_cells(t1, o.get("split1", False), o.get("explain1"), o.get("placeholder"))),
            2: (h2, task_cells(t2, o.get("split2", False), o.get("explain2"), o.get("placeholder"))),
        }
        for k in o.get("order", (1, 2)):
            h, cs = blocks[k]
            if h:
                cells.append(new_markdown_cell(h))
            cells.extend(cs)
    if o.get("outro"):
        cells.append(new_markdown_cell(o["outro"]))

    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def style_of(s):
    n = "while-loop until converged" if s["t1"] in ("while_tol_semilogy", "delta_tol") else s["p"][2]
    parts = [f"T1 variant '{s['t1']}' (x0={s['p'][0]}, lr={s['p'][1]}, n={n})",
             f"T2 variant '{s['t2']}' (MSE convention {'(y-t)^2' if CONV[s['t2']] == 'A' else '0.5*(y-t)^2'})",
             f"headings={s.get('headings', 'template')}"]
    q = s.get("quiz", "template")
    parts.append("no quiz cell" if q is None else ("quiz answered" if isinstance(q, int) else "quiz cell kept as given"))
    if s.get("one_cell"):
        parts.append("both tasks in one code cell")
    if tuple(s.get("order", (1, 2))) == (2, 1):
        parts.append("tasks in reversed order")
    if s.get("split1") or s.get("split2"):
        parts.append("task(s) split over several cells")
    if s.get("explain1") or s.get("explain2"):
        parts.append("extra markdown explanation")
    return "; ".join(parts)


# ---------------------------------------------------------------- honest specs
# (t1 variant, (x0, lr, n), t2 variant, extra options)
H = [
    ("lists_basic", (10, 0.1, 25), "text_names_mathexp", dict(split1=True, split2=True, placeholder=True)),
    ("func_returns_list", (5, 0.05, 50), "short_np", dict(headings="part", quiz=0)),
    ("while_tol_semilogy", (10, 0.1, 0), "matrix_11", dict(headings="exercise", quiz=None)),
    ("recursion", (-8, 0.1, 30), "params_dict", dict()),
    ("numpy_prealloc", (10.0, 0.01, 100), "class_train_more", dict(headings="bold", split1=True, split2=True)),
    ("tuples_table", (3, 0.3, 10), "single_function_prints", dict(headings="none", quiz=None)),
    ("plot_in_loop", (10, 0.1, 20), "delta_names", dict(headings="gd_bp", split2=True, quiz=None)),
    ("sympy", (10, 0.1, 25), "g1g2_prime_z", dict(split1=True, placeholder=True)),
    ("class_gd", (7, 0.05, 60), "verbose_steps", dict(headings="task_plain", order=(2, 1), quiz=None)),
    ("x_and_f_subplots", (10, 0.45, 19), "loop_plot_loss", dict(quiz=1, split2=True)),
    ("terse", (10, 0.1, 50), "terse", dict(one_cell=True, headings="none", quiz=None)),
    ("dict_history_oo", (-5, 0.2, 15), "functions_return", dict(headings="part", split1=True, split2=True, quiz=None)),
    ("compare_lrs", (10, 0.1, 100), "arrays_1d", dict(headings="exercise")),
    ("delta_tol", (4, 0.25, 0), "chain_terms", dict(split1=True, split2=True, explain1=EXPLAIN_T1, explain2=EXPLAIN_T2)),
    ("generator", (10, 0.1, 30), "numgrad_check", dict(headings="bold", quiz=None, split2=True)),
    ("annotated_path", (6, 0.15, 8), "tuple_update_lambda", dict(headings="gd_bp", order=(2, 1), quiz=None)),
    ("bar_chart", (10, 0.05, 25), "before_after_loss", dict(headings="none")),
    ("ggplot_two_figs", (10, 0.1, 40), "class_train_step", dict(split1=True, split2=True, placeholder=True)),
    ("scatter_colormap", (-8, 0.05, 50), "table_mathe", dict(headings="part", split1=True, quiz=2)),
    ("semilogy_f", (10, 0.3, 25), "dataclass", dict(headings="exercise", quiz=None)),
    ("manual_first_steps", (10, 0.1, 20), "loop_epochs_print", dict(split1=True)),
    ("lists_basic", (5, 0.2, 30), "half_mse_mathexp_words", dict(headings="bold", split1=True, split2=True, quiz=None)),
    ("func_returns_list", (10, 0.1, 19), "chain_terms", dict(split2=True, explain2=EXPLAIN_T2, quiz=3)),
    ("while_tol_semilogy", (-3, 0.45, 0), "short_np", dict(headings="none", quiz=None, split1=True)),
    ("recursion", (10, 0.05, 40), "loop_plot_loss", dict(headings="exercise", order=(2, 1), quiz=None)),
    ("numpy_prealloc", (-8, 0.3, 20), "tuple_update_lambda", dict(one_cell=True, headings="hash1", quiz=None)),
    ("tuples_table", (10, 0.1, 25), "class_train_more", dict(headings="part", split2=True)),
    ("plot_in_loop", (5, 0.3, 12), "matrix_11", dict(quiz=0, split2=True)),
    ("sympy", (3, 0.2, 20), "before_after_loss", dict(headings="gd_bp", quiz=None, split1=True)),
    ("class_gd", (10, 0.1, 50), "params_dict", dict(headings="bold", split2=True)),
    ("x_and_f_subplots", (-6, 0.1, 30), "numgrad_check", dict(headings="task_plain", quiz=None, split2=True)),
    ("terse", (3, 0.3, 15), "g1g2_prime_z", dict(placeholder=True)),
    ("dict_history_oo", (10, 0.05, 100), "single_function_prints", dict(headings="exercise", quiz=None, split1=True)),
    ("compare_lrs", (-10, 0.2, 40), "delta_names", dict(headings="none", quiz=None, split1=True, split2=True)),
    ("delta_tol", (10, 0.1, 0), "dataclass", dict(headings="part", order=(2, 1), quiz=None)),
    ("generator", (-7.5, 0.25, 20), "verbose_steps", dict(split1=True)),
    ("annotated_path", (10, 0.3, 10), "arrays_1d", dict(headings="bold", quiz=None, split1=True)),
    ("bar_chart", (8, 0.1, 20), "functions_return", dict(split2=True, placeholder=True)),
    ("ggplot_two_figs", (10.0, 0.05, 60), "table_mathe", dict(headings="gd_bp", quiz=None, split1=True)),
    ("scatter_colormap", (10, 0.15, 30), "half_mse_mathexp_words", dict(headings="exercise", quiz=None, split1=True, split2=True)),
    ("semilogy_f", (-4, 0.1, 60), "terse", dict(quiz=1)),
    ("manual_first_steps", (5, 0.05, 50), "class_train_step", dict(headings="part", quiz=None, split1=True, split2=True)),
    ("lists_basic", (10, 0.01, 100), "loop_epochs_print", dict(headings="task_plain", quiz=None, split1=True)),
    ("func_returns_list", (-8, 0.3, 15), "dataclass", dict(one_cell=True, headings="none", quiz=None)),
    ("class_gd", (4, 0.45, 10), "half_mse_mathexp_words", dict(headings="hash1", quiz=None, split2=True)),
    ("recursion", (2, 0.1, 25), "verbose_steps", dict(headings="hash1", quiz=2,
                                                       intro="Notebook for the GD / backprop assignment.")),
    ("semilogy_f", (10, 0.05, 100), "text_names_mathexp", dict(headings="exercise", order=(2, 1), quiz=None, split2=True)),
    ("generator", (5, 0.1, 40), "arrays_1d", dict(headings="none", quiz=None, one_cell=True)),
    ("x_and_f_subplots", (10, 0.3, 20), "functions_return", dict(headings="bold", quiz=3, split1=True, split2=True,
                                                                 outro="Both tasks done :)")),
]

HONEST_NOTE_T1 = "GD on x^2+4 with f'(x)=2x from x0={x0}, lr={lr} moves x toward the minimum at 0 and your plot shows f decreasing"
HONEST_NOTE_T2 = {"A": "backprop with L=(y-t)^2 gives w1≈0.49839, w2≈-0.99573",
                  "B": "backprop with L=0.5(y-t)^2 gives w1≈0.49919, w2≈-0.99787"}

# ---------------------------------------------------------------- mistaken specs
# (t1 variant, params, t2 variant, opts, mods dict, grades dict)
M = [
    ("lists_basic", (10, 0.1, 20), "short_np", dict(split1=True),
     dict(t1_mods=[("x = x - learning_rate * gradient", "x = x + learning_rate * gradient")]),
     dict(task1="partial", task2="full", mistake="gradient_ascent", task_with_mistake=1,
          ta_note="You add the gradient (x + lr*grad), so this is gradient ascent: x and f(x) blow up instead of decreasing.")),
    ("tuples_table", (10, 0.1, 20), "class_train_more", dict(headings="part", quiz=None),
     dict(t1_mods=[("    return 2*x", "    return x")]),
     dict(task1="partial", task2="full", mistake="wrong_derivative", task_with_mistake=1,
          ta_note="The derivative of x^2 + 4 is 2x, not x; your descent still converges but only because the wrong gradient happens to point the same way.")),
    ("numpy_prealloc", (10, 0.1, 30), "delta_names", dict(headings="exercise", quiz=None),
     dict(t1_mods=[("grad = 2 * x_hist[k]          # f'(x) = 2x", "grad = 2 * x_hist[k] + 4      # f'(x) = 2x + 4")]),
     dict(task1="partial", task2="full", mistake="wrong_derivative", task_with_mistake=1,
          ta_note="f'(x) = 2x, the constant 4 disappears when differentiating; with 2x+4 your iterates go to x=-2 (f=8), not to the minimum x=0.")),
    ("x_and_f_subplots", (10, 1.5, 15), "verbose_steps", dict(split1=True),
     dict(),
     dict(task1="partial", task2="full", mistake="diverging_learning_rate", task_with_mistake=1,
          ta_note="With lr=1.5 every step multiplies x by -2, so f(x) explodes; the plot shows divergence, not a decrease - use lr < 1.")),
    ("annotated_path", (10, 1.0, 10), "g1g2_prime_z", dict(headings="gd_bp", quiz=None),
     dict(),
     dict(task1="partial", task2="full", mistake="oscillating_learning_rate", task_with_mistake=1,
          ta_note="lr=1.0 makes x jump between 10 and -10 forever, f stays at 104, so the visualization never shows the function value decreasing.")),
    ("print_only_noplot", (10, 0.1, 25), "matrix_11", dict(headings="bold"),
     dict(),
     dict(task1="partial", task2="full", mistake="no_plot", task_with_mistake=1,
          ta_note="The descent itself is correct, but the task asked you to plot f and visualize the decrease; there is no plot at all.")),
    ("parabola_only", (10, 0.1, 20), "functions_return", dict(quiz=0, split1=True),
     dict(),
     dict(task1="partial", task2="full", mistake="descent_not_visualized", task_with_mistake=1,
          ta_note="You plot the parabola and print the iterates, but nothing visualizes how f(x) decreases over the iterations.")),
    ("bar_chart", (10, 0.01, 25), "tuple_update_lambda", dict(headings="none", quiz=None),
     dict(t1_mods=[("    grad = 2 * x\n", "    grad = f(x)\n")]),
     dict(task1="partial", task2="full", mistake="function_value_as_gradient", task_with_mistake=1,
          ta_note="You step along f(x) instead of the gradient f'(x)=2x; f only decreases here by luck and the iteration would run past the minimum and diverge.")),
    ("sympy", (10, 0.1, 25), "numgrad_check", dict(headings="task_plain", quiz=None, split1=True),
     dict(t1_mods=[("f_expr = x_sym**2 + 4", "f_expr = x_sym**2 + 4*x_sym")]),
     dict(task1="partial", task2="full", mistake="wrong_function", task_with_mistake=1,
          ta_note="You optimize x^2 + 4x instead of x^2 + 4 (typo in f_expr), so the plotted function and the minimum (x=-2) are wrong.")),
    # ---------------- Task 2 mistakes ----------------
    ("func_returns_list", (10, 0.1, 25), "short_np", dict(headings="part", split2=True),
     dict(t2_mods=[("return s * (1 - s)", "return s * (1 + s)")]),
     dict(task1="full", task2="partial", mistake="sigmoid_derivative_wrong", task_with_mistake=2,
          ta_note="sigmoid'(z) = s(1-s), not s(1+s); both gradients and the updated weights are off.")),
    ("recursion", (10, 0.1, 30), "g1g2_prime_z", dict(quiz=None, headings="exercise"),
     dict(t2_mods=[("    return sigmoid(z) * (1 - sigmoid(z))", "    return sigmoid(z)")]),
     dict(task1="full", task2="partial", mistake="sigmoid_instead_of_derivative", task_with_mistake=2,
          ta_note="Your sigmoid_prime returns sigmoid(z) itself instead of sigmoid(z)(1 - sigmoid(z)), so the gradients are wrong.")),
    ("class_gd", (10, 0.1, 40), "text_names_mathexp", dict(split2=True),
     dict(t2_mods=[("weight1 = weight1 - learning_rate * dL_dweight1", "weight1 = weight1 + learning_rate * dL_dweight1"),
                   ("weight2 = weight2 - learning_rate * dL_dweight2", "weight2 = weight2 + learning_rate * dL_dweight2")]),
     dict(task1="full", task2="partial", mistake="update_sign_flipped", task_with_mistake=2,
          ta_note="Forward pass and gradients are right, but the update adds the gradient (w + lr*grad), which increases the loss.")),
    ("dict_history_oo", (10, 0.1, 30), "tuple_update_lambda", dict(headings="bold", quiz=None),
     dict(t2_mods=[("g1 = d_y * dsig(y) * w2 * dsig(h) * x", "g1 = d_y * dsig(y) * dsig(h) * x")]),
     dict(task1="full", task2="partial", mistake="missing_chain_factor", task_with_mistake=2,
          ta_note="dL/dw1 is missing the factor w2 (dz2/dh) from the chain rule, so its sign and the w1 update are wrong.")),
    ("plot_in_loop", (10, 0.2, 15), "delta_names", dict(headings="gd_bp", split2=True),
     dict(t2_mods=[("delta1 = delta2 * w2 * out_h * (1 - out_h)", "delta1 = delta2 * w2")]),
     dict(task1="full", task2="partial", mistake="missing_chain_factor", task_with_mistake=2,
          ta_note="The hidden delta needs the sigmoid derivative h(1-h) of the hidden layer; without it dE/dw1 is about 4x too large.")),
    ("compare_lrs", (10, 0.1, 50), "stale_w2", dict(headings="part", quiz=None, split2=True),
     dict(),
     dict(task1="full", task2="partial", mistake="stale_w2_in_backprop", task_with_mistake=2,
          ta_note="You update w2 before back-propagating to the hidden layer, so dL/dw1 uses the new w2; all gradients must be computed with the old weights first.")),
    ("semilogy_f", (10, 0.1, 30), "params_dict", dict(headings="exercise"),
     dict(t2_mods=[('params = {"w1": 0.5, "w2": -1.0}', 'params = {"w1": 0.05, "w2": -1.0}')]),
     dict(task1="full", task2="partial", mistake="wrong_given_value", task_with_mistake=2,
          ta_note="weight1 should be 0.5, you used 0.05, so every number in the forward/backward pass is different from the expected one.")),
    ("generator", (10, 0.1, 25), "before_after_loss", dict(headings="none", quiz=None),
     dict(t2_mods=[("target = 0.5", "target = 1.0")]),
     dict(task1="full", task2="partial", mistake="wrong_given_value", task_with_mistake=2,
          ta_note="The target output is 0.5, not 1.0; the method is fine but the loss, gradients and updated weights are for the wrong target.")),
    ("ggplot_two_figs", (10, 0.1, 25), "relu", dict(split1=True),
     dict(),
     dict(task1="full", task2="partial", mistake="wrong_activation", task_with_mistake=2,
          ta_note="The assignment asks for sigmoid activations; with ReLU the output is 0 and both gradients vanish, so no learning happens.")),
    ("scatter_colormap", (10, 0.1, 30), "dataclass", dict(headings="task_plain", quiz=None),
     dict(t2_mods=[("dL_dz2 = (y - target) * d_sigmoid(z2)", "dL_dz2 = 2 * (y - target) * d_sigmoid(z2)")]),
     dict(task1="full", task2="partial", mistake="inconsistent_loss_gradient", task_with_mistake=2,
          ta_note="Your loss is 0.5*(y-t)^2 whose derivative is (y-t), but you used 2*(y-t); the gradients are twice the gradient of the loss you defined.")),
    ("manual_first_steps", (10, 0.1, 20), "matrix_11", dict(headings="bold", quiz=None),
     dict(t2_mods=[("dA2 = 2 * (A2 - Y_target) / Y_target.size", "dA2 = (A2 - Y_target)")]),
     dict(task1="full", task2="partial", mistake="inconsistent_loss_gradient", task_with_mistake=2,
          ta_note="You defined the loss as mean((A2-Y)^2) but used dL/dA2 = (A2-Y); for that loss it is 2(A2-Y), so the gradients are half of the correct ones.")),
    ("lists_basic", (10, 0.1, 30), "chain_terms", dict(headings="part", split1=True, split2=True),
     dict(t2_mods=[('w1 -= lr * dL_dw1\nw2 -= lr * dL_dw2\nprint("Updated w1:", w1)\nprint("Updated w2:", w2)',
                    '# TODO: update step')]),
     dict(task1="full", task2="partial", mistake="no_update_step", task_with_mistake=2,
          ta_note="Forward pass and gradients are correct, but the required update step of the weights is missing.")),
    ("while_tol_semilogy", (10, 0.1, 0), "table_mathe", dict(headings="exercise", quiz=None),
     dict(t2_mods=[("dLdy = -2 * (target - y)", "dLdy = 2 * (target - y)")]),
     dict(task1="full", task2="partial", mistake="loss_gradient_sign_wrong", task_with_mistake=2,
          ta_note="d/dy (t - y)^2 = -2(t - y); you dropped the minus sign so both gradients have the wrong sign and the update increases the loss.")),
    ("delta_tol", (10, 0.2, 0), "terse", dict(one_cell=True, headings="none", quiz=None),
     dict(t2_mods=[("x, w1, w2, lr, t = 1.0, .5, -1.0, .1, .5", "x, w1, w2, lr, t = 1.0, .5, 1.0, .1, .5")]),
     dict(task1="full", task2="partial", mistake="wrong_given_value", task_with_mistake=2,
          ta_note="weight2 is given as -1.0 but you used +1.0, so the forward pass, gradients and update do not match the assignment.")),
]


def main():
    grades = []
    for sub in ("honest", "mistaken"):
        d = os.path.join(HERE, sub)
        os.makedirs(d, exist_ok=True)
        for fn in os.listdir(d):
            if fn.endswith(".ipynb"):
                os.remove(os.path.join(d, fn))

    for i, (t1, p, t2, opts) in enumerate(H, 1):
        spec = dict(opts, t1=t1, p=p, t2=t2)
        nb = build(spec)
        rel = f"honest/h{i:02d}.ipynb"
        nbformat.validate(nb)
        nbformat.write(nb, os.path.join(HERE, rel))
        grades.append({
            "file": rel, "task1": "full", "task2": "full", "mistake": None, "task_with_mistake": None,
            "ta_note": "Good work: " + HONEST_NOTE_T1.format(x0=p[0], lr=p[1]) + "; "
                       + HONEST_NOTE_T2[CONV[t2]] + ".",
            "style": style_of(spec),
        })

    for i, (t1, p, t2, opts, mods, g) in enumerate(M, 1):
        spec = dict(opts, t1=t1, p=p, t2=t2, **mods)
        nb = build(spec)
        rel = f"mistaken/m{i:02d}.ipynb"
        nbformat.validate(nb)
        nbformat.write(nb, os.path.join(HERE, rel))
        grades.append(dict({"file": rel}, **g, style=style_of(spec)))

    if "--grades" in sys.argv:
        with open(os.path.join(HERE, "grades.json"), "w") as fh:
            json.dump(grades, fh, indent=2, ensure_ascii=False)
    print(f"wrote {len(H)} honest and {len(M)} mistaken notebooks")


if __name__ == "__main__":
    main()
