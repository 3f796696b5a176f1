"""Shell completion: `chipcmp completion bash|zsh|fish` prints a script that asks
`chipcmp __complete INDEX WORD...` for the candidates of the word at INDEX.

The candidates come from chipcmp itself: the commands and their options (from the typer
app), the values of the options that take names (metrics, precisions, segments, kinds,
formats, datasets), and product and claim ids from the catalogs configured. A shell asks
on every Tab, so `__complete` is answered by cli/console.py before typer, pydantic or a
catalog is imported, from two small files (read/completion_data.py): the command tree,
made once a version of chipcmp, and the ids, which every command that loads the
configured catalogs keeps up to date.
"""

from __future__ import annotations

COMPLETE = "__complete"

# Arguments and options whose values are product ids.
PRODUCT_COMMANDS = frozenset({"show", "compare", "plot"})
PRODUCT_OPTIONS = frozenset({"--product"})


def candidates(index: int, words: list[str], tree: dict[str, object] | None = None
               ) -> list[str]:
    """What may stand at words[index] (the word being typed, '' for a new one), from the
    command tree (commands_tree(): the commands, their options and the values of the
    options that take names)."""
    if not 0 <= index <= len(words):  # a word the shell did not give: nothing to offer
        return []
    words = list(words) + [""] * (index + 1 - len(words))
    current = words[index]
    tree = tree if tree is not None else commands_tree()
    commands = tree["commands"]
    if index <= 1:
        return _starting(current, sorted(commands))
    command = commands.get(words[1])
    if command is None:
        return []
    options = command["options"]  # option -> whether it takes a value
    previous = words[index - 1]
    if options.get(previous):
        values = _ids("products") if previous in PRODUCT_OPTIONS else \
            tree["values"].get(previous, [])
        return _starting(current, values)
    if current.startswith("-"):
        return _starting(current, sorted(options))
    if words[1] in PRODUCT_COMMANDS:
        return _starting(current, _ids("products"))
    if words[1] == "claims":
        return _starting(current, _ids("claims"))
    return _starting(current, command["positional"])


def _starting(current: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(current)]


# ------------------------------------------------------------------ the command tree
def commands_tree() -> dict[str, object]:
    """The commands, their options and the option values, from the cache (written the
    first time, and again after an upgrade or an edit of chipcmp's code)."""
    from chipcmp.read import completion_data

    key = completion_data.code_key()
    found = completion_data.commands(key)
    if found is None:
        found = tree_from_app()
        completion_data.keep_commands(key, found)
    return found


def tree_from_app() -> dict[str, object]:
    """The command tree made from the typer app and chipcmp's registries."""
    import typer

    from chipcmp.cli.app import app

    root = typer.main.get_command(app)
    commands = {}
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        if getattr(command, "hidden", False):
            continue
        options = {flag: not getattr(param, "is_flag", False) for param in command.params
                   for flag in getattr(param, "opts", []) + getattr(param, "secondary_opts",
                                                                    [])
                   if flag.startswith("-")}
        commands[name] = {"options": options, "positional": _positional(name)}
    return {"commands": commands, "values": {option: values() for option, values
                                             in VALUES.items()}}


def _positional(command: str) -> list[str]:
    """The names a command's arguments take that no catalog holds (datasets, shells)."""
    if command in ("import", "update"):
        from chipcmp.cli.options import DatasetName

        return [d.value for d in DatasetName]
    if command == "completion":
        from chipcmp.cli.shells import SCRIPTS

        return list(SCRIPTS)
    return []


def _enum(name: str) -> object:
    def values() -> list[str]:
        from chipcmp.cli import options

        return [member.value for member in getattr(options, name)]
    return values


def _precisions() -> list[str]:
    from chipcmp.model import precision

    return list(precision.ORDER)


def _keywords() -> list[str]:
    from chipcmp.read import bundled

    return list(bundled.CATALOG_KEYWORDS)


def _segments() -> list[str]:
    from chipcmp.model.vocabulary import SEGMENTS

    return list(SEGMENTS)


def _kinds() -> list[str]:
    from chipcmp.model.vocabulary import KIND_GROUPS, KINDS

    return list(KINDS) + list(KIND_GROUPS)


def _verdicts() -> list[str]:
    from chipcmp.analyses.claims.result import VERDICTS

    return list(VERDICTS)


VALUES = {"--metric": _enum("MetricName"), "--format": _enum("Format"),
          "--unit": _enum("UnitChoice"), "--sparse": _enum("SparseChoice"),
          "--precision": _precisions, "--catalog": _keywords, "--segment": _segments,
          "--kind": _kinds, "--verdict": _verdicts}


# ------------------------------------------------------------------ catalog ids
def _ids(which: str) -> list[str]:
    """The product or claim ids of the catalogs configured: from the list every command
    that loads them keeps (api.load), else by loading them once (which writes it).
    Nothing when they cannot be loaded: completion never prints an error."""
    from chipcmp.read import completion_data

    try:
        found = completion_data.ids()
        if found is None:
            from chipcmp import api

            api.load(settings=True)  # keeps them (api._keep_ids_for_completion)
            found = completion_data.ids() or {}
        return list(found.get(which) or [])
    except Exception:
        return []


def main(argv: list[str]) -> int:
    """`chipcmp __complete INDEX WORD...`: one candidate a line. Answered before typer or
    any catalog is imported (cli/console.py), from the small files completion_data keeps."""
    # An index is a word's place on a command line: at most a few digits. Anything else
    # (20 digits, a sign, text) gets no candidates, never an error a shell would show.
    if not argv or not (argv[0].isascii() and argv[0].isdigit()) or len(argv[0]) > 6:
        return 0
    for name in candidates(int(argv[0]), argv[1:]):
        print(name)
    return 0
