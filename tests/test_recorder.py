"""What the kernel's recorder sees of a student's computation, construct by construct.

The recorder is kernel code (an IPython AST transformer installed by the preamble); here it runs in an
in-process IPython shell so that each construct can be checked in milliseconds. The graded notebooks
of ``test_corpus.py`` run it on real kernels. Each test states a way students write the assignment
and asserts the values the grader would be handed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from grader.records import Series
from grader.run import probe
from grader.run.probe import preamble_source, read_snapshot

IPython = pytest.importorskip("IPython")


@pytest.fixture(scope="module")
def shell() -> Iterator[Any]:
    from IPython.core.interactiveshell import InteractiveShell

    instance = InteractiveShell.instance()
    instance.run_cell(preamble_source(100_000))
    yield instance
    InteractiveShell.clear_instance()  # later tests must not find a running IPython in this process


def recorded(shell: Any, source: str) -> dict[str, Series]:
    """Run ``source`` as a student's cell and drain the record, by target (the first series of each;
    ``kind`` tells a start ``x = 10`` from the loop's ``x = x - …``, which is ``x@update``)."""
    result = shell.run_cell(source)
    assert result.error_in_exec is None, result.error_in_exec
    payloads: list[dict[str, Any]] = []
    exec(probe.KERNEL_SOURCE, {**probe._probe_settings(None, False, True), "_publish": payloads.append})
    snapshot = read_snapshot([{"output_type": "display_data", "data": item} for item in payloads])
    assert snapshot is not None
    found: dict[str, Series] = {}
    for series in snapshot.series:
        found.setdefault(series.target, series)
        found.setdefault(f"{series.target}@{series.kind}", series)
    return found


def test_a_loop_records_every_iterate_and_the_start_as_typed(shell: Any) -> None:
    found = recorded(shell, "x = 10\nlr = 0.1\nfor _ in range(3):\n    x = x - lr * 2 * x\n")
    assert found["x@update"].values == pytest.approx((8.0, 6.4, 5.12))
    assert found["x@assign"].literal and found["x@assign"].values == (10.0,)
    assert "_" not in found  # a range() counter is not recorded


def test_values_inside_functions_methods_dicts_and_objects(shell: Any) -> None:
    source = (
        "import numpy as np\n"
        "class Net:\n"
        "    def __init__(self, w1):\n"
        "        self.w1 = w1\n"
        "    def forward(self, x):\n"
        "        h = 1 / (1 + np.exp(-self.w1 * x))\n"
        "        return h\n"
        "params = {'w1': 0.5, 'w2': -1.0}\n"
        "params['w1'] -= 0.25\n"
        "net = Net(0.5)\n"
        "out = net.forward(1.0)\n"
    )
    found = recorded(shell, source)
    assert found["h"].scope == "Net.forward" and found["h"].values[0] == pytest.approx(0.6224593312)
    assert found["forward"].kind == "return"
    assert found["self.w1"].values == (0.5,)
    assert found["params['w1']@update"].values == (0.25,) and found["params['w2']"].literal
    assert found["w1@arg"].values == (0.5,)


def test_numpy_arrays_float32_and_tuple_unpacking(shell: Any) -> None:
    source = (
        "import numpy as np\nW1 = np.array([[0.5]])\nW1 -= 0.1\ng = np.float32(0.25)\na, b = 1.0, np.float64(2.0)\n"
    )
    found = recorded(shell, source)
    assert found["W1@update"].values == ([[0.4]],) and found["W1"].values == ([[0.5]],)
    assert found["g"].values == (0.25,)
    assert found["a"].values == (1.0,) and found["b"].values == (2.0,) and found["a"].literal


def test_printed_values_and_f_strings_are_seen(shell: Any) -> None:
    found = recorded(
        shell, "import math\nprint('loss', 0.5 * (0.3 - 0.5) ** 2)\nprint(f'h={1 / (1 + math.exp(-0.5)):.4f}')\n"
    )
    printed = {value for series in found.values() if series.kind == "print" for value in series.values}
    assert any(abs(value - 0.02) < 1e-12 for value in printed)
    assert any(abs(value - 0.6224593312) < 1e-9 for value in printed)


def test_an_array_filled_by_index_is_one_series_in_order(shell: Any) -> None:
    source = "import numpy as np\nxs = np.zeros(4)\nxs[0] = 10\nfor k in range(3):\n    xs[k + 1] = xs[k] * 0.8\n"
    found = recorded(shell, source)
    assert found["xs[…]"].values == pytest.approx((8.0, 6.4, 5.12))


def test_a_typed_in_history_is_marked_as_typed(shell: Any) -> None:
    history = [(8.0 * 0.8**k, 0.0) for k in range(30)]
    found = recorded(shell, f"history = {history!r}\n")
    assert found["history"].kind == "literal" and found["history"].values == (30.0,)


def test_an_array_updated_in_place_keeps_its_history(shell: Any) -> None:
    """Values are copied when recorded: a later in-place update does not rewrite the first value."""
    found = recorded(shell, "import numpy as np\nw = np.array([1.0])\nv = w\nw *= 0.5\n")
    assert found["v"].values == ([1.0],) and found["w@update"].values == ([0.5],)


def test_the_graders_own_cells_and_broken_code_are_left_alone(shell: Any) -> None:
    """A cell that does not parse raises as it would without the recorder (the student sees it)."""
    result = shell.run_cell("x = (1,\n")
    assert result.error_before_exec is not None
    assert recorded(shell, "#grader-internal\nsecret = 1.5\n") == {}
