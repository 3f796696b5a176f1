"""The console process's start-up settings, which the pre-commit hook pays on every commit:
the collector off and pydantic's plugins off by its documented setting, made before
chipcmp's command line is imported; no private module of a dependency is touched."""

import subprocess
import sys


def test_the_console_process_turns_the_collector_and_plugins_off():
    """In run(), not on import: a program that imports chipcmp keeps its collector."""
    program = ("import gc, os, sys\nimport chipcmp.cli.console as console\n"
               "imported = gc.isenabled(), 'PYDANTIC_DISABLE_PLUGINS' in os.environ\n"
               "sys.argv = ['chipcmp', '--version']\n"
               "try:\n    console.run()\nexcept SystemExit:\n    pass\n"
               "print(*imported, gc.isenabled(), os.environ['PYDANTIC_DISABLE_PLUGINS'],\n"
               "      any(m.startswith('pydantic.plugin._loader') and\n"
               "          not hasattr(sys.modules[m], '__file__') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True, env={k: v for k, v in __import__("os").environ.items()
                                           if k != "PYDANTIC_DISABLE_PLUGINS"})
    assert done.stdout.splitlines()[-1].split() == ["True", "False", "False", "__all__",
                                                    "False"]


def chipcmp(*args, **env):
    import os

    return subprocess.run([sys.executable, "-m", "chipcmp", *args], capture_output=True,
                          env={**os.environ, **env}, timeout=120)


def test_a_stream_that_cannot_encode_a_name_gets_a_replacement():
    done = chipcmp("show", "vastai-sv102", PYTHONIOENCODING="ascii")
    assert done.returncode == 0
    assert b"Vastai Technologies (?????)" in done.stdout
    done = chipcmp("show", "vastai-sv102", "--format", "json", PYTHONIOENCODING="latin-1")
    assert done.returncode == 0 and b'"vendor"' in done.stdout


def test_an_internal_error_is_one_line_and_its_traceback_on_request(tmp_path):
    """A bug is made on purpose: a module chipcmp imports that raises."""
    (tmp_path / "sitecustomize.py").write_text(
        "import chipcmp.analyses.metrics as m\n"
        "def broken(*a, **k):\n    raise RuntimeError('made on purpose')\n"
        "m.rank = broken\n")
    path = {"PYTHONPATH": str(tmp_path)}
    done = chipcmp("rank", **path)
    assert done.returncode == 70
    assert done.stderr.decode().splitlines() == [
        "chipcmp: internal error: RuntimeError: made on purpose (a bug; CHIPCMP_DEBUG=1 "
        "shows where)"]
    done = chipcmp("rank", CHIPCMP_DEBUG="1", **path)
    assert done.returncode == 70
    assert b"Traceback (most recent call last)" in done.stderr
    assert b"made on purpose" in done.stderr
