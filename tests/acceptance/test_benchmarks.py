"""Every benchmark script runs (its --quick mode: tiny sizes, one run), so that none rots
unnoticed; the figures are for docs/reference.md, not for tests. Slow: `pytest -m slow`."""

import subprocess
import sys

import pytest

from conftest import REPO, tool

BENCHMARKS = REPO / "benchmarks"
SCRIPTS = sorted(p.name for p in BENCHMARKS.glob("*.py") if p.name != "quick.py")
NEEDS = {"hook.py": "yamllint", "report.py": "chromium"}

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_benchmark_runs_in_its_quick_mode(script):
    import shutil

    needed = NEEDS.get(script)
    if needed and not (tool(needed) or shutil.which(needed)):
        pytest.skip(f"{script} needs {needed} (pip install '.[bench]'; Debian's chromium)")
    args = ["5"] if script == "generate.py" else ["--quick"]
    done = subprocess.run([sys.executable, str(BENCHMARKS / script), *args],
                          capture_output=True, text=True, timeout=900, cwd=REPO)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert done.stdout.strip()
