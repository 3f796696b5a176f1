"""Shell completion (cli/completion.py): `chipcmp completion bash` sourced in a real bash
completes commands, options, their values and product ids; the candidates come from
chipcmp's own registries and catalogs."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chipcmp.cli import completion, shells

BIN = Path(sys.executable).parent


def complete_in_bash(tmp_path, line: list[str]) -> list[str]:
    script = tmp_path / "chipcmp.bash"
    script.write_text(shells.script("bash"))
    words = " ".join(f"'{w}'" for w in line)
    program = (f"source {script}\nCOMP_WORDS=({words})\nCOMP_CWORD={len(line) - 1}\n"
               "_chipcmp_complete\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-c", program], capture_output=True, text=True, env=env,
                          timeout=60)
    return [w for w in done.stdout.splitlines() if w]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_commands_and_product_ids(tmp_path):
    assert complete_in_bash(tmp_path, ["chipcmp", "ra"]) == ["rank"]
    assert complete_in_bash(tmp_path, ["chipcmp", "show", "nvidia-t"]) == ["nvidia-t4"]
    assert "tops-per-watt" in complete_in_bash(tmp_path, ["chipcmp", "rank", "--metric", ""])
    assert complete_in_bash(tmp_path, ["chipcmp", "rank", "--prec"]) == ["--precision"]


def test_the_candidates(capsys):
    def candidates(index, words):
        return completion.candidates(index, words)

    assert candidates(1, ["chipcmp", "up"]) == ["update"]
    assert candidates(3, ["chipcmp", "rank", "--precision", "fp1"]) == ["fp16"]
    assert candidates(2, ["chipcmp", "import", ""]) == ["laics", "epoch", "mlperf", "prices"]
    assert "@curated" in candidates(3, ["chipcmp", "rank", "--catalog", "@"])
    assert "va1-resnet50-vs-t4" in candidates(2, ["chipcmp", "claims", "va1"])
    assert candidates(2, ["chipcmp", "nonsense", ""]) == []
    assert completion.main(["1", "chipcmp", "com"]) == 0
    assert capsys.readouterr().out.split() == ["compare", "completion"]



@pytest.mark.parametrize("index", ["99999999999999999999", "100000000", "-1", "x", "²", "",
                                   "1e9", " 1"])
def test_any_index_gives_an_empty_answer(capsys, index):
    """However large or malformed the index, no candidates, no error, and no memory
    taken for words the shell did not give."""
    import tracemalloc

    tracemalloc.start()
    assert completion.main([index, "chipcmp", "rank"]) == 0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    assert peak < 10_000_000


def test_an_index_past_the_words_given_is_empty(capsys):
    assert completion.main(["5", "chipcmp", "rank"]) == 0
    assert capsys.readouterr().out == ""
    assert completion.main(["2", "chipcmp", "import"]) == 0  # the next word, not typed
    assert capsys.readouterr().out.split() == ["laics", "epoch", "mlperf", "prices"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_asks_chipcmp(shell, cli):
    script = cli("completion", shell)
    assert script.exit_code == 0
    out = script.stdout
    assert "chipcmp __complete" in out
    checker = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}
    if shutil.which(checker[shell][0]):
        done = subprocess.run([*checker[shell], "/dev/stdin"], input=out, text=True,
                              capture_output=True)
        assert done.returncode == 0, done.stderr


def test_completion_reads_small_files_and_makes_them_when_stale(tmp_path, monkeypatch, cli):
    """The command tree is kept once a version of the code, the ids whenever a command
    loads the configured catalogs; a damaged file is made again, and an edited catalog
    is another key."""
    import json

    from chipcmp.read import cache, completion_data

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert "rank" in completion.candidates(1, ["chipcmp", "r"])
    tree = cache.folder() / completion_data.COMMANDS_FILE
    assert tree.is_file()
    tree.write_text("{not json")
    assert completion.candidates(1, ["chipcmp", "ra"]) == ["rank"]
    assert json.loads(tree.read_text())["value"]["commands"]["rank"]["options"]["--metric"]
    catalog = tmp_path / "mine.yaml"
    catalog.write_text("products:\n  - {id: zz-one, name: Z, vendor: V, kind: chip, "
                       "segment: edge}\n")
    monkeypatch.setenv("CHIPCMP_CATALOG", str(catalog))
    assert cli("rank").exit_code in (0, 1)   # a command that loads the configured catalogs
    ids = cache.folder() / completion_data.IDS_FILE
    assert json.loads(ids.read_text())["value"]["products"] == ["zz-one"]
    assert completion.candidates(2, ["chipcmp", "show", "zz"]) == ["zz-one"]
    catalog.write_text("products:\n  - {id: zz-two, name: Z, vendor: V, kind: chip, "
                       "segment: edge}\n")
    assert completion.candidates(2, ["chipcmp", "show", "zz"]) == ["zz-two"]
