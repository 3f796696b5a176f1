"""The shell completion scripts `chipcmp completion bash|zsh|fish` prints: each asks
`chipcmp __complete INDEX WORD...` (cli/completion.py) for the candidates of the word at
INDEX."""

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


def script(shell: str) -> str:
    return SCRIPTS[shell]
