"""The `chipcmp` console script and `python -m chipcmp`: one short process a command.

Two settings for such a process, made by `run()` before the command line is imported
(never as a side effect of importing anything): the cyclic garbage collector is off,
since it would walk every object typer, pydantic and the catalog create and find no
cycles to free (~15 ms at start-up, three quarters of the load time at 10,000 products);
and pydantic's plugins are off (its documented PYDANTIC_DISABLE_PLUGINS), since
chipcmp's models take none.
"""

import gc
import os
import sys


def run() -> None:
    from chipcmp.cli.completion import COMPLETE

    if sys.argv[1:2] == [COMPLETE]:  # a shell's Tab: answered before anything heavy
        from chipcmp.cli.completion import main as complete

        sys.exit(complete(sys.argv[2:]))
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from chipcmp.cli.app import main  # after the settings above, on purpose

    sys.exit(main())
