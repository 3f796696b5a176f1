"""The console process's start-up settings, which the pre-commit hook pays on every commit:
the collector off and pydantic's plugins off by its documented setting, made before
chipcmp's command line is imported; no private module of a dependency is touched."""

import subprocess
import sys


def test_the_console_process_turns_the_collector_and_plugins_off():
    program = ("import gc, os, sys\nimport chipcmp.cli.console\n"
               "print(gc.isenabled(), os.environ['PYDANTIC_DISABLE_PLUGINS'],\n"
               "      any(m.startswith('pydantic.plugin._loader') and\n"
               "          not hasattr(sys.modules[m], '__file__') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "__all__", "False"]
