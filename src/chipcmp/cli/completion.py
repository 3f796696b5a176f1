"""Shell completion: `chipcmp completion bash|zsh|fish` prints a script that asks
`chipcmp __complete INDEX WORD...` for the candidates of the word at INDEX.

The candidates come from chipcmp itself: the commands and their options (from the typer
app), the values of the options that take names (metrics, precisions, segments, kinds,
formats, datasets), and product ids from the catalogs configured, loaded only when a
product is what is being completed. `__complete` is answered before typer parses
anything, so commands that do not complete pay one comparison at start-up.
"""

from __future__ import annotations

from typing import Any

COMPLETE = "__complete"

SCRIPTS = {
    "bash": """\
# chipcmp completion for bash: add to ~/.bashrc:  eval "$(chipcmp completion bash)"
_chipcmp_complete() {
    local IFS=$'\\n'
    COMPREPLY=( $(compgen -W "$(chipcmp __complete "$COMP_CWORD" "${COMP_WORDS[@]}" \\
        2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
}
complete -o default -F _chipcmp_complete chipcmp
""",
    "zsh": """\
#compdef chipcmp
# chipcmp completion for zsh: add to ~/.zshrc:  eval "$(chipcmp completion zsh)"
_chipcmp() {
    local -a candidates
    candidates=("${(@f)$(chipcmp __complete $((CURRENT - 1)) "${words[@]}" 2>/dev/null)}")
    compadd -a candidates
}
compdef _chipcmp chipcmp
""",
    "fish": """\
# chipcmp completion for fish: chipcmp completion fish > ~/.config/fish/completions/chipcmp.fish
complete -c chipcmp -f -a '(chipcmp __complete (count (commandline -opc)) (commandline -opc) (commandline -ct) 2>/dev/null)'
""",
}

# Arguments and options whose values are product ids.
PRODUCT_COMMANDS = frozenset({"show", "compare", "plot"})
PRODUCT_OPTIONS = frozenset({"--product"})


def script(shell: str) -> str:
    return SCRIPTS[shell]


def candidates(root: Any, index: int, words: list[str]) -> list[str]:
    """What may stand at words[index] (the word being typed, '' for a new one), for the
    command tree `root` (the typer app as a click group)."""
    if not 0 <= index <= len(words):  # a word the shell did not give: nothing to offer
        return []
    words = list(words) + [""] * (index + 1 - len(words))
    current = words[index]
    commands = {name: command for name, command in root.commands.items()  # type: ignore[attr-defined]
                if not getattr(command, "hidden", False)}
    if index <= 1:
        return _starting(current, sorted(commands))
    command = commands.get(words[1])
    if command is None:
        return []
    options = {name: param for param in command.params for name in getattr(param, "opts", [])
               if name.startswith("-")}
    previous = words[index - 1]
    taking = options.get(previous)
    if taking is not None and not getattr(taking, "is_flag", False):
        return _starting(current, _values(previous, taking))
    if current.startswith("-"):
        return _starting(current, sorted(options))
    if words[1] in PRODUCT_COMMANDS:
        return _starting(current, _product_ids())
    return _starting(current, _positional(words[1]))


def _starting(current: str, names: list[str]) -> list[str]:
    return [name for name in names if name.startswith(current)]


def _values(option: str, param: Any) -> list[str]:
    """The names an option takes, from chipcmp's own registries."""
    if option in PRODUCT_OPTIONS:
        return _product_ids()
    return VALUES.get(option, lambda: [])()


def _positional(command: str) -> list[str]:
    """The names a command's arguments take (datasets, shells, claim ids)."""
    if command in ("import", "update"):
        from chipcmp.cli.options import DatasetName

        return [d.value for d in DatasetName]
    if command == "completion":
        return list(SCRIPTS)
    if command == "claims":
        return _claim_ids()
    return []


def _enum(name: str) -> Any:
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
    from chipcmp.model.vocabulary import KINDS

    return list(KINDS)


def _verdicts() -> list[str]:
    from chipcmp.analyses.claims.result import VERDICTS

    return list(VERDICTS)


VALUES = {"--metric": _enum("MetricName"), "--format": _enum("Format"),
          "--unit": _enum("UnitChoice"), "--sparse": _enum("SparseChoice"),
          "--precision": _precisions, "--catalog": _keywords, "--segment": _segments,
          "--kind": _kinds, "--verdict": _verdicts}


def _claim_ids() -> list[str]:
    try:
        from chipcmp import api

        return sorted(api.load(settings=True).view.catalog.claims)
    except Exception:
        return []


def _product_ids() -> list[str]:
    """The ids of the products in the catalogs configured (nothing when they cannot be
    loaded: completion never prints an error)."""
    try:
        from chipcmp import api

        return sorted(entry.id for entry in api.load(settings=True).view)
    except Exception:
        return []


def main(root: Any, argv: list[str]) -> int:
    """`chipcmp __complete INDEX WORD...`: one candidate a line."""
    # An index is a word's place on a command line: at most a few digits. Anything else
    # (20 digits, a sign, text) gets no candidates, never an error a shell would show.
    if not argv or not (argv[0].isascii() and argv[0].isdigit()) or len(argv[0]) > 6:
        return 0
    index = int(argv[0])
    for name in candidates(root, index, argv[1:]):
        print(name)
    return 0
