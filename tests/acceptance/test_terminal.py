"""`chipcmp rank` as a new user sees it: run in a real pseudo-terminal of 80x24, 120x40
and 40x24 (and with COLUMNS=0), the first screen shows the top products' names and
values; and the field screen compares single accelerators unless --kind asks."""

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios

import pytest

import chipcmp

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def in_terminal(args: list[str], columns: int, lines: int, **env: str) -> list[str]:
    """What `chipcmp ARGS` prints to a terminal of that size, as screen lines."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("COLUMNS", "LINES", "NO_COLOR") and not k.startswith("CHIPCMP_")}
    environment.update({"TERM": "xterm-256color", **env})
    process = subprocess.Popen([sys.executable, "-m", "chipcmp", *args], stdin=follower,
                               stdout=follower, stderr=follower, env=environment,
                               close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:          # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r", "").splitlines()


def top(n: int) -> list[dict]:
    return chipcmp.load().rank("tops-per-watt", top=n).records


@pytest.mark.parametrize("columns, lines, shown", [(80, 24, 10), (120, 40, 10), (40, 24, 3)])
def test_the_first_screen_shows_the_top_products_names_and_values(columns, lines, shown):
    screen = in_terminal(["rank", "--metric", "tops-per-watt"], columns, lines)[:lines]
    assert all(len(line) <= columns for line in screen)
    words = " ".join(screen).split()
    text = " ".join(words)
    for record in top(shown):
        assert all(word in words for word in record["name"].split()), record["name"]
        value = record["tops_per_watt_int8"]
        assert f"{value:.4g}".rstrip("0").rstrip(".") in text, (record["name"], value)


def test_columns_zero_is_not_a_width():
    screen = in_terminal(["rank", "--metric", "tops-per-watt"], 80, 24, COLUMNS="0")[:24]
    assert any("Cloud AI 100 Ultra" in line for line in screen) or \
        any(top(1)[0]["name"] in line for line in screen)
    assert all(len(line) <= 80 for line in screen)


def test_the_datacenter_fp16_screen_lists_no_system_unless_asked(cli):
    ran = cli("rank", "--metric", "tops", "--precision", "fp16", "--segment", "datacenter",
              "--top", "10", "--format", "json")
    assert ran.exit_code == 0
    rows = ran.json()
    assert len(rows) == 10 and not any(r["kind"] in ("system", "superchip") for r in rows)
    asked = cli("rank", "--metric", "tops", "--precision", "fp16", "--segment", "datacenter",
                "--kind", "system", "--top", "10", "--format", "json").json()
    assert asked and all(r["kind"] == "system" for r in asked)
