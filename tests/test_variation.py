"""Where the hard-coding check may rewrite a parameter, and where it must not (no kernel needed)."""

from __future__ import annotations

from grader.run.variation import rewrite_parameters

NAMES = {"x0": ["x0", "x"], "lr": ["lr", "learning_rate"]}
NEW = {"x0": 3.0, "lr": 0.05}


def test_top_level_assignments_are_rewritten_and_nothing_else() -> None:
    source = "%matplotlib inline\nx = 10  # start at x = 10\nlr = 0.1\nlabel = 'x = 10'\nprint(x * lr)\n"
    rewrite = rewrite_parameters([source], NEW, NAMES)
    assert rewrite.changed == NEW and rewrite.names == {"x0": "x", "lr": "lr"}
    assert (
        rewrite.sources[0]
        == "%matplotlib inline\nx = 3.0  # start at x = 10\nlr = 0.05\nlabel = 'x = 10'\nprint(x * lr)\n"
    )


def test_tuple_unpacking_annotations_and_keyword_arguments() -> None:
    rewrite = rewrite_parameters(["x0, lr = 10, 0.1\nprint(x0, lr)\n"], NEW, NAMES)
    assert rewrite.sources[0].startswith("x0, lr = 3.0, 0.05")
    source = "def run(x, learning_rate): pass\nx0: float = 10\nrun(x0, learning_rate=0.1)\n"
    rewrite = rewrite_parameters([source], NEW, NAMES)
    assert rewrite.sources[0] == source.replace("10", "3.0").replace("0.1)", "0.05)")


def test_a_parameter_nobody_reads_is_not_found() -> None:
    """Rewriting an unread assignment would change nothing, and honest code would look hard-coded."""
    source = "x0 = 10\nlr = 0.1\ndef run(x0, lr):\n    return x0 * lr\nresult = run(10, 0.1)\n"
    assert rewrite_parameters([source], NEW, NAMES).changed == {}


def test_a_global_read_inside_a_function_counts() -> None:
    source = "x0 = 10\ndef run():\n    return x0 * 2\nresult = run()\n"
    assert rewrite_parameters([source], NEW, NAMES).changed == {"x0": 3.0}


def test_computed_values_defaults_and_later_cells() -> None:
    sources = ["def run(x0=10, lr=0.1):\n    return x0\n", "x = 2 * 5\nlr = 0.1\nrun(lr=lr)\n"]
    rewrite = rewrite_parameters(sources, NEW, NAMES)
    assert rewrite.changed == {"lr": 0.05}  # `x = 2 * 5` is not a literal; defaults are never touched
    assert rewrite.sources[0] == sources[0] and "lr = 0.05" in rewrite.sources[1]


def test_a_cell_that_does_not_parse_is_left_alone() -> None:
    rewrite = rewrite_parameters(["x = 10\nprint(x\n"], NEW, NAMES)
    assert rewrite.changed == {} and rewrite.sources == ("x = 10\nprint(x\n",)


def test_a_library_calls_keyword_is_not_a_parameter() -> None:
    """``plt.plot(..., alpha=0.5)`` is an opacity, not a learning rate: only the notebook's own functions'
    keywords are rewritten (rewriting it made an honest notebook look hard-coded)."""
    names = {"lr": ["lr", "alpha"]}
    source = "def gd(x0, lr): return x0\npath = gd(10, 0.1)\nplt.plot(path, alpha=0.5)\n"
    rewritten = rewrite_parameters([source], {"lr": 0.05}, names).sources[0]
    assert "alpha=0.5" in rewritten and "gd(10, 0.05)" in rewritten  # the notebook's own function's `lr`


def test_positional_arguments_of_the_notebooks_own_functions_and_classes() -> None:
    """``descend(10.0, 0.15, 25)`` with ``def descend(x, lr, steps)``, ``TinyNet(0.5, -1.0)`` with
    ``__init__(self, w1, w2)``: the argument in a parameter's position is that parameter (a blind
    corpus passed its start and rate so, and its hard-coding check could not be run)."""
    source = "def descend(x, lr, steps):\n    return x\ntrace = descend(10.0, 0.15, 25)\nprint(max(1.0, 2.0))\n"
    rewrite = rewrite_parameters([source], {"x0": 3.0, "lr": 0.05}, {"x0": ["x0", "x"], "lr": ["lr"]})
    assert rewrite.changed == {"x0": 3.0, "lr": 0.05}
    assert "descend(3.0, 0.05, 25)" in rewrite.sources[0] and "max(1.0, 2.0)" in rewrite.sources[0]
    net = "class Net:\n    def __init__(self, w1, w2):\n        self.w1, self.w2 = w1, w2\nnet = Net(0.5, -1.0)\n"
    rewrite = rewrite_parameters([net], {"w1": 0.3, "w2": 0.7}, {"w1": ["w1"], "w2": ["w2"]})
    assert rewrite.changed == {"w1": 0.3, "w2": 0.7} and "Net(0.3, 0.7)" in rewrite.sources[0]


def test_the_same_value_stated_again_is_rewritten_too() -> None:
    """``x = 5`` before a demonstration and again before the loop: rewriting only the first would leave
    the loop at 5, and every computed value would look typed in. A different value is left alone."""
    sources = ["x = 5\nprint(x)\n", "x = 5\nfor _ in range(3):\n    x = x - 0.1 * 2 * x\nx = 0.4\n"]
    rewrite = rewrite_parameters(sources, {"x0": 3.0}, {"x0": ["x"]})
    assert rewrite.sources[0].startswith("x = 3.0") and rewrite.sources[1].startswith("x = 3.0")
    assert rewrite.sources[1].endswith("x = 0.4\n")


def test_array_literals_are_rewritten_inside_np_array_and_as_lists() -> None:
    """A vector or matrix parameter (the network's input, its weights) is stated as a literal too; the
    call around a list stays, so the re-run's value is an array again."""
    source = "import numpy as np\nW1 = np.array([[0.5, -0.3], [0.2, 0.8]])\nx = [1.0, 0.5]\nh = np.tanh(W1 @ x)\n"
    new = {"W1": [[1.0, 2.0], [3.0, 4.0]], "x": [2.0, -1.0]}
    rewrite = rewrite_parameters([source], new, {"W1": ["W1"], "x": ["x"]})
    assert rewrite.changed == new
    assert rewrite.sources[0] == (
        "import numpy as np\nW1 = np.array([[1.0, 2.0], [3.0, 4.0]])\nx = [2.0, -1.0]\nh = np.tanh(W1 @ x)\n"
    )


def test_a_number_is_never_written_over_a_list_nor_a_list_over_a_number() -> None:
    source = "x = [10.0, 8.0, 6.4]\nprint(x)\n"
    assert rewrite_parameters([source], {"x0": 3.0}, NAMES).changed == {}
    computed = "import numpy as np\nx = np.array(range(3))\nprint(x)\n"
    assert rewrite_parameters([computed], {"x0": [1.0, 2.0]}, NAMES).changed == {}
