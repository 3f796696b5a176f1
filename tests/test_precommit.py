"""The real pre-commit, running this repository's hook on a broken and a fixed catalog."""

import os
import shutil
import subprocess

import pytest

from conftest import REPO, tool

PRE_COMMIT = tool("pre-commit")

pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None
    or not (REPO / ".git").exists(),
    reason="needs pre-commit, git and this repository as a git checkout")

BROKEN = """\
sources:
  s: {title: T, url: https://example.com}
products:
  - id: p
    name: P
    vendor: V
    kind: chip
    segment: edge
    power:
      - {kind: tdp, scope: chip, value: 75 TOPS, source: s}
"""


def run(*args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_try_repo_fails_on_a_broken_edit_and_passes_on_the_fix(tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    work = tmp_path / "user-repo"
    work.mkdir()
    run("git", "init", "-q", cwd=work, env=env)
    catalog = work / "chips.yaml"
    catalog.write_text(BROKEN, encoding="utf-8")
    run("git", "add", "chips.yaml", cwd=work, env=env)

    broken = run(PRE_COMMIT, "try-repo", str(REPO), "chipcmp-validate", "--files",
                 "chips.yaml", cwd=work, env=env)
    assert broken.returncode != 0, broken.stdout + broken.stderr
    assert "chips.yaml:10:41: error wrong-dimension" in broken.stdout

    catalog.write_text(BROKEN.replace("75 TOPS", "75 W"), encoding="utf-8")
    run("git", "add", "chips.yaml", cwd=work, env=env)
    fixed = run(PRE_COMMIT, "try-repo", str(REPO), "chipcmp-validate", "--files",
                "chips.yaml", cwd=work, env=env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
