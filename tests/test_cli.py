import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import DATA
from chipcmp.cli import app, main

runner = CliRunner()
INVALID = sorted(str(p) for p in (DATA / "invalid").glob("*.yaml"))
LOCATED = re.compile(r"^(.+):(\d+):(\d+): (error|warning) ([a-z0-9-]+) .+$")


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_validate_bundled_catalog_is_clean():
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "clean" in result.stderr


def test_validate_invalid_fixtures_reports_every_one_located():
    result = invoke("validate", *INVALID)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(LOCATED.match(line) for line in lines), lines
    assert {LOCATED.match(line)[1] for line in lines} == set(INVALID)
    assert "Traceback" not in result.output
    assert "error(s)" in result.stderr


def test_validate_json_format():
    result = invoke("validate", "--format", "json", str(DATA / "invalid" / "zero.yaml"))
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["status"] == "fail"
    problem = payload["problems"][0]
    assert set(problem) == {"path", "line", "col", "severity", "code", "message"}
    assert (problem["line"], problem["code"]) == (10, "not-positive")


def test_validate_json_ok():
    payload = json.loads(invoke("validate", "--format", "json").stdout)
    assert payload == {"status": "ok", "problems": []}


def test_validate_together_shares_ids(write):
    other = write("products:\n  - {id: alpha-chip, name: A, vendor: V, kind: chip, "
                  "segment: edge}\n")
    small = str(DATA / "valid" / "small.yaml")
    assert invoke("validate", small, str(other)).exit_code == 0
    together = invoke("validate", "--together", small, str(other))
    assert together.exit_code == 1
    assert "duplicate-id" in together.stdout


def test_usage_errors_exit_2():
    assert invoke("validate", "--format", "xml").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_main_returns_exit_codes_without_traceback(capsys):
    assert main(["validate", str(DATA / "invalid" / "empty.yaml")]) == 1
    assert main(["--version"]) == 0
    assert main(["validate", "--bogus"]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_installed_command_runs_from_any_directory(tmp_path):
    """The console script (or python -m chipcmp) finds the bundled catalog from elsewhere."""
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "chipcmp", "validate"], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run([sys.executable, "-m", "chipcmp", "validate", *INVALID],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert len(bad.stdout.splitlines()) >= len(INVALID)
