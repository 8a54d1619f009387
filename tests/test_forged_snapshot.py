"""Can a student's hook pre-empt the grader's probe with a forged snapshot? A snapshot published by
student code — prepared before the probe cell existed, or copied from the probe cell's own text and
published beside the real one — must never be taken for the probe's: the grader accepts a probe cell
only when it published exactly one payload carrying that cell's fresh random nonce."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from conftest import NOTEBOOKS, TEST_LIMITS

from grader import Rubric, grade_batch
from grader.run.probe import MIME

pytestmark = pytest.mark.kernel


def forged_payload(rubric: Rubric) -> str:
    """What full marks look like to the grader, typed in: Task 1's iterates, Task 2's quantities."""
    descent, backprop = rubric.task("descent"), rubric.task("backprop")
    values = {"history": descent.expected["xs"]}
    values.update({name: value for name, value in backprop.expected.items() if isinstance(value, float)})
    return json.dumps({"values": values, "problems": {}, "figures": [], "series": []})


#: Published before every cell runs, so also before each probe: the first snapshot the kernel sends.
BEFORE = """
from IPython.display import publish_display_data
def _forge(*args):
    publish_display_data({{{mime!r}: {payload!r}}})
get_ipython().events.register("pre_run_cell", _forge)
"""

#: Reads the probe cell's nonce from its text and publishes a forged payload carrying it, too.
WITH_NONCE = """
import json, re
from IPython.display import publish_display_data
def _forge(info):
    found = re.search(r"'_nonce': '([0-9a-f]+)'", info.raw_cell or "")
    if found:
        payload = dict(json.loads({payload!r}), nonce=found.group(1))
        publish_display_data({{{mime!r}: json.dumps(payload)}})
get_ipython().events.register("pre_run_cell", _forge)
"""


@pytest.mark.parametrize("hook", [BEFORE, WITH_NONCE], ids=["before-the-probe", "with-the-nonce"])
def test_a_forged_snapshot_earns_nothing(tmp_path: Path, rubric: Rubric, hook: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / "empty_template.ipynb", as_version=4)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(hook.format(mime=MIME, payload=forged_payload(rubric))))
    (tmp_path / "subs").mkdir()
    nbformat.write(notebook, tmp_path / "subs" / "forger.ipynb")
    (report,) = grade_batch([tmp_path / "subs"], rubric, tmp_path / "out", limits=TEST_LIMITS, figures=False).reports
    assert report.status == "graded"
    assert [task.score for task in report.tasks] == [0.0, 0.0]  # before the nonce: 5 and 9, nothing computed
