"""The console examples of the README and the docs are what the commands print.

Each ```console block holds `$ command` lines, each followed by what it prints. Each
block runs from a clean state, as a reader who starts at it would: its own empty scratch
folder, no user settings, the venv's `chipcmp` first on PATH; within a block the commands
run in order, with bash (an `export` holds for the block's later commands). A line `...`
in the expected text stands for any number of lines. Commands that are not chipcmp (pip
install ...) are shown, not run. A fenced block whose info string names a file
(```csv file=prices.csv) is that file, written into the scratch folder of the console
block after it (a reader saves it, then runs the commands). A block whose commands name the public datasets runs
only where ../shared/external holds them (the files, and the MLPerf results
repositories, are linked into its folder under the names they are published with).

    python tests/readme_examples.py      # rewrite them with what the commands print
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
# The documents whose examples are checked, in the order their commands run.
DOCUMENTS = (README, REPO / "docs" / "guide.md", REPO / "docs" / "reference.md",
             REPO / "docs" / "cli.md")
EXTERNAL = REPO.parent / "shared" / "external"
# The public datasets as ../shared/external keeps them -> the names users download them
# under (LAICS's file in its repository, Epoch's download).
DATASETS = {"laics_2023.csv": "peak_accelerators_ieee_hpec_2023.csv",
            "epoch_ml_hardware.csv": "ml_hardware.csv"}
MLPERF_ROUNDS = ("training_results_v1.0", "training_results_v1.1", "inference_results_v0.5",
                 "inference_results_v0.7", "inference_results_v1.0")
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)
FILE_BLOCK = re.compile(r"```\w* file=(\S+)\n(.*?)```", re.S)
ELLIPSIS = "..."


@dataclass
class Example:
    command: str
    expected: list[str]

    @property
    def runs(self) -> bool:
        return self.command.split()[0] in ("chipcmp", "export")

    @property
    def needs_datasets(self) -> bool:
        return any(word in self.command for word in ("laics", "epoch", "mlperf",
                                                     "measured.yaml", *DATASETS.values()))


def examples(body: str) -> list[Example]:
    found: list[Example] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            found.append(Example(line[2:], []))
        elif found:
            found[-1].expected.append(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, `...` standing for any number of lines."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == ELLIPSIS:
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head.rstrip() and matches(rest, actual[1:])


class Scratch:
    """The folder and environment the README's commands run in."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.datasets = all((EXTERNAL / name).is_file() for name in DATASETS) and \
            all((EXTERNAL / "mlperf" / name).is_dir() for name in MLPERF_ROUNDS)
        if self.datasets:
            for name, published in DATASETS.items():
                (folder / published).symlink_to(EXTERNAL / name)
            for name in MLPERF_ROUNDS:
                (folder / name).symlink_to(EXTERNAL / "mlperf" / name)
        (folder / "docs").mkdir()
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("CHIPCMP_CATALOG", "CHIPCMP_IDENTITY", "CHIPCMP_CONFIG",
                                 "COLUMNS")}
        self.env.update({"XDG_CONFIG_HOME": str(folder / "no-config"), "NO_COLOR": "1",
                         "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                                 f"{os.environ.get('PATH', '')}"})

    def run(self, command: str) -> list[str]:
        if command.startswith("export "):  # kept for the commands after it, as a shell would
            name, _, value = command[len("export "):].partition("=")
            self.env[name] = value
            return []
        done = subprocess.run(["bash", "-c", command], cwd=self.folder, env=self.env,
                              capture_output=True, text=True, timeout=300)
        return done.stdout.splitlines()


def fresh(folder: Path, files: list[tuple[str, str]] = ()) -> Scratch:
    """A new scratch folder under `folder`, one a block, holding the files the document
    gives before the block."""
    scratch = Scratch(Path(tempfile.mkdtemp(dir=folder)))
    for name, body in files:
        (scratch.folder / name).write_text(body, encoding="utf-8")
    return scratch


def files_before(text: str) -> dict[int, list[tuple[str, str]]]:
    """The file blocks after each console block's predecessor, by the console block's
    start."""
    found, pending = {}, []
    marks = sorted([(m.start(), "file", m) for m in FILE_BLOCK.finditer(text)] +
                   [(m.start(), "console", m) for m in BLOCK.finditer(text)],
                   key=lambda item: item[0])
    for start, kind, match in marks:
        if kind == "file":
            pending.append((match.group(1), match.group(2)))
        else:
            found[start], pending = pending, []
    return found


def check(text: str, folder: Path) -> list[str]:
    """Every mismatch, as a message naming the command. Each block starts from a clean
    state (fresh); without the datasets, a block's examples from the first one that
    needs them on are not run."""
    failures = []
    given = files_before(text)
    for block in BLOCK.finditer(text):
        scratch = fresh(folder, given[block.start()])
        skipping = False
        for example in examples(block.group(2)):
            if not example.runs:
                if example.expected:
                    failures.append(f"{example.command}: not run, so it must show no output")
                continue
            skipping = skipping or (example.needs_datasets and not scratch.datasets)
            if skipping:
                continue
            actual = scratch.run(example.command)
            if not matches(example.expected, actual):
                failures.append(f"$ {example.command}\n--- documented\n" +
                                "\n".join(example.expected) + "\n--- printed\n" +
                                "\n".join(actual))
    return failures


def update(text: str, folder: Path) -> str:
    """The README with every example's output printed anew (kept to the lines it shows
    before a trailing `...`), each block from a clean state."""
    given = files_before(text)

    def rewrite(block: re.Match) -> str:
        scratch = fresh(folder, given[block.start()])
        lines = []
        for example in examples(block.group(2)):
            lines.append(f"$ {example.command}")
            if not example.runs or (example.needs_datasets and not scratch.datasets):
                lines.extend(example.expected)
                continue
            actual = scratch.run(example.command)
            if example.expected and example.expected[-1] == ELLIPSIS:
                keep = len(example.expected) - 1
                lines.extend(actual[:keep] + ([ELLIPSIS] if len(actual) > keep else []))
            else:
                lines.extend(actual)
        return block.group(1) + "\n".join(lines) + "\n" + block.group(3)

    return generated_blocks(BLOCK.sub(rewrite, text))


def _limits() -> str:
    from chipcmp.model import limits

    return limits.markdown()


def _reading() -> str:
    from chipcmp.read.importers import reading_table

    return reading_table()


def _corrections() -> str:
    from chipcmp.catalog import corrections

    return corrections.markdown(corrections.load(["@bundled"]))


HELP_WIDTH = 100  # the terminal width the CLI reference's help texts are printed at


def _cli() -> str:
    """The CLI reference: `chipcmp --help` and each command's, as the CLI prints them."""
    import typer
    from click.testing import CliRunner

    from chipcmp.cli.app import app

    command = typer.main.get_command(app)
    runner = CliRunner()
    parts = []
    for name in ["", *command.commands]:
        args = [name, "--help"] if name else ["--help"]
        done = runner.invoke(command, args, prog_name="chipcmp", terminal_width=HELP_WIDTH,
                             max_content_width=HELP_WIDTH)
        title = f"chipcmp {name}".strip()
        parts.append(f"## {title}\n\n```text\n{done.output.rstrip()}\n```\n")
    return "\n".join(parts)


# The README's tables generated from the code they describe: marker -> its maker.
GENERATED = {"limits": _limits, "reading": _reading, "corrections": _corrections,
             "cli": _cli}
GENERATED_BLOCK = re.compile(r"(<!-- (\w+): generated from [^>]*-->\n)(.*?)(<!-- /\2 -->)",
                             re.S)


def generated_blocks(text: str) -> str:
    """Every generated table of the README made anew."""
    return GENERATED_BLOCK.sub(lambda m: m.group(1) + GENERATED[m.group(2)]() + m.group(4),
                               text)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        if not Scratch(Path(tempfile.mkdtemp(dir=folder))).datasets:
            print(f"note: {EXTERNAL} is absent: dataset examples left as they are")
        for document in DOCUMENTS:
            document.write_text(update(document.read_text(encoding="utf-8"), Path(folder)),
                                encoding="utf-8")
            print(f"rewrote {document}")


if __name__ == "__main__":
    main()
