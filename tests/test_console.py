"""The console process: its start-up settings, which the pre-commit hook pays on every commit."""

import subprocess
import sys

import pytest


def _words_printed_after_console_import(code: str, before: str = "") -> list[str]:
    """Run `code` in a fresh interpreter after `from chipcmp import console`."""
    program = f"{before}\nimport sys\nfrom chipcmp import console\n{code}"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=False)
    assert not done.stderr.strip() or "ok:" in done.stderr, done.stderr
    return done.stdout.split()


def test_validate_scans_no_distribution_metadata():
    """pydantic's plugin lookup is answered without importing importlib.metadata."""
    words = _words_printed_after_console_import(
        "sys.argv = ['chipcmp', 'validate']\n"
        "try:\n    console.run()\n"
        "except SystemExit as stop:\n    print(stop.code, 'importlib.metadata' in sys.modules)")
    assert words == ["0", "False"]


def test_the_stand_in_loader_answers_no_plugins_and_defers_the_rest_to_pydantic():
    words = _words_printed_after_console_import(
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print(list(loader.get_plugins()), loader.PYDANTIC_ENTRY_POINT_GROUP)")
    assert words == ["[]", "pydantic"]


@pytest.mark.parametrize("setting", ["", "some_plugin"])
def test_plugins_the_user_asked_for_are_looked_for(setting):
    words = _words_printed_after_console_import(
        "print('pydantic.plugin._loader' in sys.modules)",
        before=f"import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = {setting!r}")
    assert words == ["False"]
