"""Gradescope integration: grade the one notebook in a submission folder, and build the upload zip.

Gradescope unpacks the instructor's zip into ``/autograder/source`` and runs its ``setup.sh`` once;
then, for each submission, ``run_autograder``, which calls ``grader gradescope``. Both scripts ship in
``grader/data/gradescope``; ``grader gradescope-bundle`` puts them at the zip's root beside the
package's source, so ``setup.sh`` can ``pip install /autograder/source``. It works from a checkout
and from an installed package alike: the wheel carries ``pyproject.toml`` and ``README.md`` in
``grader/data/project`` (see pyproject's ``force-include``).

With ``--rubric``, the rubric's folder goes into the zip as ``rubric/`` (the YAML files, so a quiz it
names comes along, and the Python files, its reference modules), and ``run_autograder`` is written to
pass that rubric on: an instructor's own assignment needs nothing else installed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from grader.errors import UsageError
from grader.formats.gradescope import gradescope_results
from grader.load.specs import Rubric
from grader.load.submissions import discover
from grader.pipeline import guarded
from grader.run.executor import NbclientExecutor

#: ``grader/`` (this module lives in ``grader/front/``) and the checkout or installation that holds it
PACKAGE = Path(__file__).resolve().parent.parent
SCRIPTS = PACKAGE / "data" / "gradescope"
SOURCE = PACKAGE.parent
#: The project files a wheel carries, for an installation without the checkout.
PACKAGED_PROJECT = PACKAGE / "data" / "project"


def _rubric_files(rubric: Rubric) -> list[Path]:
    folder = rubric.source.resolve().parent
    for task in rubric.tasks:
        origin = task.reference.origin
        if origin is None:
            continue
        where = Path(origin).resolve()
        if where.parent != folder and (SOURCE / "reference") not in where.parents:
            raise UsageError(
                f"task {task.id!r} of {rubric.source}: its reference {task.reference.name!r} is {where}, "
                f"outside the rubric's folder, so the bundle would not carry it; move it beside the rubric"
            )
    return sorted(path for path in folder.iterdir() if path.is_file() and path.suffix in (".yaml", ".yml", ".py"))


def gradescope_for_folder(folder: Path, rubric: Rubric) -> dict[str, Any]:
    """results.json content for the notebook in ``folder`` (the first by name if there are several)."""
    notebooks = discover([folder]) if folder.is_dir() else []
    if not notebooks:
        return {
            "score": 0.0,
            "output": f"No Jupyter notebook (.ipynb) was found in your submission ({folder.name}). "
            "Upload the notebook you worked in.",
            "output_format": "text",
            "tests": [],
        }
    report = guarded(notebooks[0], rubric, NbclientExecutor(), rubric.limits)
    results = gradescope_results(report, rubric)
    if len(notebooks) > 1:
        others = ", ".join(n.path.name for n in notebooks[1:])
        results["output"] = f"Graded {notebooks[0].path.name}; also found (not graded): {others}.\n" + results["output"]
    return results


#: Where a ``--rubric`` bundle keeps the rubric's folder, relative to Gradescope's source folder.
BUNDLED_RUBRIC = "rubric"


def write_bundle(target: Path, rubric: Rubric | None = None) -> Path:
    """The autograder zip: setup.sh and run_autograder at its root, and the installable source; with
    ``rubric``, its folder too (see the module docstring). A reference that lives neither beside the
    rubric nor in the bundled ``reference`` package would be missing on Gradescope: that is refused."""
    project = SOURCE if (SOURCE / "pyproject.toml").is_file() else PACKAGED_PROJECT
    if not (project / "pyproject.toml").is_file():
        raise UsageError(
            "gradescope-bundle found neither the source checkout nor the project files of an installed "
            "package; reinstall it (pip install backprop-grader) or run it in the checkout"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        extra = _rubric_files(rubric) if rubric is not None else []
        for name in ("setup.sh", "run_autograder"):
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o100755 & 0xFFFF) << 16  # executable: Gradescope runs them directly
            script = (SCRIPTS / name).read_bytes()
            if rubric is not None and name == "run_autograder":
                chosen = f'BUNDLED_RUBRIC="{BUNDLED_RUBRIC}/{rubric.source.name}"'.encode()
                script = script.replace(b'BUNDLED_RUBRIC=""', chosen, 1)
            bundle.writestr(info, script)
        for path in extra:
            bundle.write(path, f"{BUNDLED_RUBRIC}/{path.name}")
        for name in ("pyproject.toml", "README.md"):
            bundle.write(project / name, name)
        for package in ("grader", "reference", "rubrics"):
            for path in sorted((SOURCE / package).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and PACKAGED_PROJECT not in path.parents:
                    bundle.write(path, path.relative_to(SOURCE).as_posix())
    return target
