"""The real pre-commit, running this repository's hook on a broken and a fixed catalog.
Slow (pre-commit builds the hook's environment): `pytest -m slow`, which .ci/run runs."""

import os
import shutil
import subprocess

import pytest

from conftest import REPO, tool

PRE_COMMIT = tool("pre-commit")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    PRE_COMMIT is None or shutil.which("git") is None
    or not (REPO / ".git").exists(),
    reason="needs pre-commit, git and this repository as a git checkout")]

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


def test_this_repositorys_hook_catches_an_edited_quote_and_says_when_documents_are_absent(
        tmp_path):
    """A fresh clone has no ../shared/seeds: the hook says so, and a quote edited from
    200TOPS to 300TOPS still fails, its figure no longer being a number the quote states."""
    import sys
    from pathlib import Path

    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    clone = tmp_path / "deep" / "clone"
    run("git", "clone", "-q", str(REPO), str(clone), cwd=tmp_path, env=env)
    for name in (".pre-commit-config.yaml", "data/chips.yaml", "data/identity.yaml"):
        (clone / name).write_bytes((REPO / name).read_bytes())  # the working tree's
    clean = run(PRE_COMMIT, "run", "--all-files", cwd=clone, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "quotes NOT checked against the source documents" in clean.stdout
    chips = clone / "data" / "chips.yaml"
    chips.write_text(chips.read_text(encoding="utf-8").replace(
        'quote: "INT8峰值算力达到200TOPS"', 'quote: "INT8峰值算力达到300TOPS"'), encoding="utf-8")
    edited = run(PRE_COMMIT, "run", "--all-files", cwd=clone, env=env)
    assert edited.returncode != 0
    assert "error number-not-in-quote peak 200 is not a number its quote states" in edited.stdout
