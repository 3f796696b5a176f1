"""Hostile and broken input: every case a located problem or a clean message, never a
traceback, and bounded time and memory (each runs as a real process with a timeout)."""

import os
import subprocess
import sys

import pytest

from conftest import DATA

MINIMAL = """\
sources:
  s: {{title: T, url: https://example.com}}
products:
  - id: p
    name: {name}
    vendor: V
    kind: chip
    segment: edge
    compute: [{{precision: int8, peak: {peak}, source: s}}]
"""


def chipcmp(*args, timeout=120):
    done = subprocess.run([sys.executable, "-m", "chipcmp", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in done.stdout + done.stderr
    return done


def codes(done):
    return [line.split()[2] for line in done.stdout.splitlines() if ": error " in line
            or ": warning " in line]


def test_billion_laughs_is_refused_quickly_with_bounded_memory(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 20):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    done = chipcmp("validate", str(path), timeout=30)
    assert done.returncode == 1 and codes(done) == ["yaml-too-large"]


@pytest.mark.parametrize("text", ["a: " + "[" * 200_000 + "]" * 200_000,
                                  "a: " + "{b: " * 50_000 + "1" + "}" * 50_000,
                                  "\n".join("  " * i + f"k{i}:" for i in range(300)) + " 1"])
def test_deep_nesting_is_refused_not_crashed(tmp_path, text):
    path = tmp_path / "deep.yaml"
    path.write_text(text + "\n")
    done = chipcmp("validate", str(path), timeout=30)
    assert done.returncode == 1 and codes(done) == ["yaml-too-deep"]


def test_self_referencing_alias_is_refused(tmp_path):
    path = tmp_path / "cycle.yaml"
    path.write_text("sources: &a {s: {title: T, url: *a}}\n")
    done = chipcmp("validate", str(path), timeout=30)
    assert done.returncode == 1 and "unsupported-yaml" in codes(done)


def test_fifty_megabyte_catalog_is_handled(tmp_path):
    path = tmp_path / "big.yaml"
    padding = ("# " + "x" * 98 + "\n") * 500_000  # 50 MB of comments around a real catalog
    path.write_text(MINIMAL.format(name="P", peak="1 TOPS") + padding)
    assert path.stat().st_size > 50_000_000
    done = chipcmp("validate", str(path), timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_catalog_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as stream:
        stream.truncate(70 * 1024 * 1024)  # sparse file: no time spent writing it
    done = chipcmp("validate", str(path), timeout=30)
    assert done.returncode == 2 and codes(done) == ["file-too-large"]


def test_very_long_strings(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(MINIMAL.format(name="N" * 1_000_000, peak="1 TOPS"))
    done = chipcmp("validate", str(path))
    assert done.returncode == 1
    assert codes(done) == ["bad-value"]
    assert ":5:11: error bad-value name: String should have at most 10000 characters" in \
        done.stdout


def test_unicode_and_right_to_left_names(tmp_path):
    path = tmp_path / "rtl.yaml"
    path.write_text(MINIMAL.format(name="\"שבב עברי ‏ مُسرّع 加速器 🚀\"", peak="1 TOPS"),
                    encoding="utf-8")
    assert chipcmp("validate", str(path)).returncode == 0
    done = chipcmp("rank", "--metric", "tops", "--catalog", str(path))
    assert done.returncode == 0 and "מ" not in done.stderr
    assert "加速器" in done.stdout


@pytest.mark.parametrize("peak, code", [("1e400 TOPS", "not-finite"), ("-0 TOPS", "not-positive"),
                                        ("0x10 TOPS", "unknown-unit"), ("0x10", "missing-unit"),
                                        (".inf", "not-finite"), ("1_000 TOPS", None)])
def test_odd_numbers(tmp_path, peak, code):
    path = tmp_path / "numbers.yaml"
    path.write_text(MINIMAL.format(name="P", peak=peak))
    done = chipcmp("validate", str(path))
    assert codes(done) == ([code] if code else [])


def test_directory_missing_and_symlink_loop(tmp_path):
    loop_a, loop_b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    done = chipcmp("validate", str(tmp_path), str(tmp_path / "missing.yaml"), str(loop_a),
                   str(DATA / "valid" / "small.yaml"))
    # Files that cannot be used at all: exit 2, after every file was checked.
    assert done.returncode == 2
    assert codes(done) == ["not-a-file", "read-error", "read-error"]
    lines = done.stdout.splitlines()
    assert "is a directory" in lines[0] and "no such catalog" in lines[1]


def test_unwritable_output_leaves_no_partial_file(tmp_path):
    # The folder is a file: nothing can be created in it, even by root.
    (tmp_path / "not-a-folder").write_text("x")
    done = chipcmp("export", "--output", str(tmp_path / "not-a-folder" / "x.csv"))
    assert done.returncode == 2 and "cannot write" in done.stderr
    # The output is a folder: the temporary file is written, the rename fails, and the
    # temporary file is removed (pathlib's glob sees hidden names too).
    (tmp_path / "taken.csv").mkdir()
    done = chipcmp("export", "--output", str(tmp_path / "taken.csv"))
    assert done.returncode == 2 and "cannot write" in done.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["not-a-folder", "taken.csv"]


def test_no_command_writes_to_a_catalog(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_bytes((DATA / "valid" / "small.yaml").read_bytes())
    before = path.read_bytes()
    for args in (["validate", str(path)], ["rank", "--catalog", str(path)],
                 ["export", "--catalog", str(path)], ["claims", "--catalog", str(path)],
                 ["show", "beta", "--catalog", str(path)]):
        chipcmp(*args)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.yaml"]


SPECIAL_COMMANDS = [("validate", "{}"), ("rank", "--catalog", "{}"),
                    ("import", "laics", "{}"), ("rank", "--identity", "{}")]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("command", SPECIAL_COMMANDS)
def test_a_device_that_never_ends_is_refused_quickly(command):
    done = chipcmp(*(a.format("/dev/zero") for a in command), timeout=30)
    assert done.returncode == 2
    assert "/dev/zero:1:1: error not-a-file" in done.stdout + done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("command", SPECIAL_COMMANDS)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, command):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done = chipcmp(*(a.format(fifo) for a in command), timeout=30)
    assert done.returncode == 2
    assert f"{fifo}:1:1: error not-a-file" in done.stdout + done.stderr


def test_a_bad_date_hides_no_other_problem(tmp_path):
    path = tmp_path / "dated.yaml"
    path.write_text(MINIMAL.format(name="P", peak="1 TOPS")
                    + "    power: [{kind: max, scope: chip, value: 75 TOPS, source: s}]\n"
                    + "    milestones: [{event: released, date: 2023-02-30, source: s}]\n")
    done = chipcmp("validate", str(path))
    assert done.returncode == 1
    assert sorted(codes(done)) == ["bad-date", "wrong-dimension"]
    assert ":11:42: error bad-date" in done.stdout and ":10:45: error wrong-dimension" in \
        done.stdout
