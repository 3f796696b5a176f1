"""The README and the docs cannot go stale: the README's two set-up commands are the ones
CI runs, and every console example is what the command prints (tests/readme_examples.py).
The README stays short: the set-up, a few examples and links."""

import re

import pytest

from readme_examples import DOCUMENTS, README, check, examples, matches


def _texts():
    return [document.read_text(encoding="utf-8") for document in DOCUMENTS]


def test_every_console_example_is_what_the_command_prints(tmp_path):
    failures = [f for text in _texts() for f in check(text, tmp_path)]
    assert not failures, ("examples differ from what the commands print; run "
                          "python tests/readme_examples.py to rewrite them:\n\n"
                          + "\n\n".join(failures))


def test_the_generated_tables_are_what_the_code_says():
    from readme_examples import GENERATED, GENERATED_BLOCK, generated_blocks

    texts = _texts()
    assert {m.group(2) for text in texts for m in GENERATED_BLOCK.finditer(text)} == \
        set(GENERATED)
    # The CLI reference is the help text click lays out, which differs between click
    # versions: it is checked for what chipcmp says in it (below), not byte for byte.
    texts = [text for text in texts if "<!-- cli:" not in text]
    assert all(generated_blocks(text) == text for text in texts), \
        "run python tests/readme_examples.py"


def test_the_cli_reference_has_every_command_and_option():
    """docs/cli.md is `--help` of each command (python tests/readme_examples.py writes
    it): every command has its section, with its summary and each of its options."""
    import typer

    from chipcmp.cli.app import app

    text = (DOCUMENTS[0].parent / "docs" / "cli.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (chipcmp[\w ]*)\n\n```text\n(.*?)```", text,
                               re.S | re.M))
    command = typer.main.get_command(app)
    assert set(sections) == {"chipcmp", *(f"chipcmp {name}" for name in command.commands)}
    for name, sub in command.commands.items():
        section = " ".join(sections[f"chipcmp {name}"].split())
        assert " ".join((sub.help or "").split()[:6]) in section, name
        for parameter in sub.params:
            for option in parameter.opts:
                if option.startswith("-"):
                    assert option in section, f"{name}: {option}"


def test_the_readme_is_the_set_up_a_few_examples_and_links():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    for document in DOCUMENTS[1:]:
        assert f"](docs/{document.name})" in text


def test_the_prose_states_the_tolerances_limits_gives():
    """Numbers the docs restate in words are the ones limits.py holds."""
    from chipcmp.model import limits
    from chipcmp.model.units import format_number

    text = " ".join(" ".join(_texts()).split())
    agree = format_number(limits.FIGURES_AGREE * 100)
    for found in re.findall(r"(?:beyond|apart|within|disagree[^.]{0,40}?) (\d+)%", text):
        assert found == agree, f"the README says {found}% where limits says {agree}%"
    edge = re.search(r"at most (\d+) W is `edge`", text)
    datacenter = re.search(r"(\d+) W or more is `datacenter`", text)
    assert edge and edge.group(1) == format_number(limits.EDGE_MAX_W)
    assert datacenter and datacenter.group(1) == format_number(limits.DATACENTER_MIN_W)


def test_the_readme_starts_with_the_two_set_up_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1).splitlines()
    assert block[0].startswith("python3 -m venv .venv") and \
        "chipcmp rank --metric tops-per-watt" in block[0]
    assert block[1].startswith("python3 -m venv .venv") and "pytest" in block[1]


def test_a_changed_output_is_caught():
    assert matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert not matches(["a", "b"], ["a", "c"])
    assert not matches(["a"], ["a", "extra"])
    assert examples("$ chipcmp x\none\n$ pip y\n")[0].expected == ["one"]


@pytest.mark.parametrize("text", ["```console\n$ chipcmp --version\nchipcmp 9.9\n```\n"])
def test_a_stale_example_fails(tmp_path, text):
    assert check(text, tmp_path)


def test_the_python_example_runs_as_written():
    """The docs' ```pycon blocks, run as doctests from the repository root."""
    import doctest
    import os

    blocks = [b for text in _texts() for b in re.findall(r"```pycon\n(.*?)```", text, re.S)]
    assert blocks
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE |
                                   doctest.ELLIPSIS)
    here = os.getcwd()
    os.chdir(README.parent)
    try:
        for number, block in enumerate(blocks):
            test = parser.get_doctest(block, {}, f"pycon {number}", str(README), 0)
            runner.run(test)
    finally:
        os.chdir(here)
    assert runner.summarize(verbose=False).failed == 0
