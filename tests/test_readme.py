"""Do the README's snippets work as written?

The pre-commit snippet a student copies must name the release tag of this version, whose tree holds
the hook, and must run the self-check on the notebook they submit only, not on a scratch notebook.
"""

from __future__ import annotations

import re
import subprocess

import yaml
from conftest import ROOT

from grader.version import __version__


def readme_block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    return next(block for block in blocks if containing in block)


def test_the_pre_commit_snippet_names_a_real_release_and_only_the_submitted_notebook() -> None:
    (repo,) = yaml.safe_load(readme_block("yaml", ".pre-commit-config.yaml"))["repos"]
    assert repo["rev"] == f"v{__version__}"  # the release tag of this version
    # The tag is cut from this version's tree when it is released, so the tree must hold the hook the
    # snippet names. A clone without tags (CI clones main only) checks the tree; where the tag is
    # present it must hold the hook too.
    revisions = ["HEAD"]
    tagged = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"refs/tags/{repo['rev']}"],
        capture_output=True,
        check=False,
    )
    if tagged.returncode == 0:
        revisions.append(repo["rev"])
    for revision in revisions:
        hooks = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{revision}:.pre-commit-hooks.yaml"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert hooks.returncode == 0, f"{revision} holds no .pre-commit-hooks.yaml: {hooks.stderr}"
        assert any(hook["id"] == "grader-check" for hook in yaml.safe_load(hooks.stdout)), revision
    (hook,) = repo["hooks"]
    assert hook["id"] == "grader-check"
    assert re.search(hook["files"], "homework.ipynb")
    assert not re.search(hook["files"], "scratch.ipynb") and not re.search(hook["files"], "old/homework.ipynb")


def test_the_test_command_installs_what_the_tests_need() -> None:
    """The sandbox and browser tests fail without bubblewrap, Chromium and ChromeDriver: the README's
    test command installs them, and it ends by running pytest in a fresh virtual environment."""
    command = readme_block("sh", "pytest").strip()
    assert "apt-get install -y bubblewrap chromium chromium-driver" in command
    assert command.endswith("pip install '.[test]' && pytest")
