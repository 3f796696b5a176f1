"""The `chipcmp` console script and `python -m chipcmp`: one short process a command.

Two settings for such a process, made before anything else is imported (and not by
importing chipcmp as a library): the cyclic garbage collector is off, since it would walk
every object typer, pydantic and the catalog create and find no cycles to free (~15 ms at
start-up, three quarters of the load time at 10,000 products); and pydantic's plugins are
off, since chipcmp's models take none and looking for them scans every installed
distribution's metadata. pydantic still imports its plugin loader, and with it
importlib.metadata (~10 ms, a twentieth of `chipcmp validate`), to learn that there are
none; the process gives it that answer itself.
"""

import gc
import importlib
import os
import sys
import types

gc.disable()
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _answer_no_plugins() -> None:
    """Stand in for pydantic's plugin loader: `get_plugins()` is `()`, as the setting above
    makes the real one answer; any other name loads the real module (a later pydantic)."""
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] != "__all__" or name in sys.modules:
        return
    loader = types.ModuleType(name)
    loader.get_plugins = tuple  # type: ignore[attr-defined]

    def real(attribute: str) -> object:
        if attribute.startswith("__"):  # the import system asking whether it is a package
            raise AttributeError(attribute)
        del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    loader.__getattr__ = real  # type: ignore[attr-defined]
    sys.modules[name] = loader


_answer_no_plugins()

from .cli import main  # noqa: E402  (after the settings above, on purpose)


def run() -> None:
    sys.exit(main())
