"""Reading input files, bounded: catalogs, identity and config files, datasets, documents.

Every file chipcmp reads comes through `read_bytes`, which reads a regular file of at most
a size limit and refuses anything else quickly, before reading it: a directory, a device
(`/dev/zero` never ends), a FIFO or a socket (a reader could wait for ever or read without
end), and a file over the limit, including one that grows past it while it is read. A
refusal is a problem at line 1, column 1 of the file, with one of the codes in problems.UNUSABLE:
an input that cannot be used at all, which makes the exit code 2 (docs/reference.md's exit-code
table), not 1 as a problem inside a file does.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from chipcmp.model.problems import Problem

MAX_FILE_BYTES = 64 * 1024 * 1024   # catalogs, identity files, datasets
MAX_CONFIG_BYTES = 1024 * 1024      # a config file is a few lines
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # a source document (a news article)


# O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one; the file's type
# is then checked before a byte is read. (Windows has neither flag; it has no FIFOs.)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_SPECIAL = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
            (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"))


class Refused(Exception):
    """A file that cannot be used at all: its problem says why."""

    def __init__(self, problem: Problem, missing: bool = False):
        super().__init__(str(problem))
        self.problem = problem
        self.missing = missing  # the file does not exist (some files are optional)


def open_regular(path: Path | str, what: str = "file") -> int:
    """A descriptor open for reading on a regular file; Refused for anything else, at
    once (a FIFO without a writer, a device, a folder), before a byte is read."""
    name = str(path)
    try:
        descriptor = os.open(name, _OPEN_FLAGS)
    except FileNotFoundError:
        raise Refused(_problem(name, "READ_ERROR", f"no such {what}"), missing=True) from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise Refused(_problem(name, "READ_ERROR",
                            f"cannot open the {what}: {_reason(exc)}")) from None
    try:
        _check_type(name, os.fstat(descriptor).st_mode, what)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_bytes(path: Path | str, limit: int = MAX_FILE_BYTES, what: str = "file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; Refused otherwise. `what`
    names the file in messages ("catalog", "config file", ...)."""
    name = str(path)
    descriptor = open_regular(path, what)
    try:
        info = os.fstat(descriptor)
        if info.st_size > limit:
            raise Refused(_too_large(name, info.st_size, limit, what))
        return _read_at_most(descriptor, name, info.st_size, limit, what)
    except OSError as exc:
        raise Refused(_problem(name, "READ_ERROR",
                            f"cannot read the {what}: {_reason(exc)}")) from None
    finally:
        os.close(descriptor)


def _check_type(name: str, mode: int, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise Refused(_problem(name, "NOT_A_FILE", f"is a directory, not a {what}"))
    kind = next((label for test, label in _SPECIAL if test(mode)), "not a regular file")
    raise Refused(_problem(name, "NOT_A_FILE",
                        f"is {kind}, not a regular file; a {what} is read only from a "
                        "regular file (copy the data into one)"))


def _read_at_most(descriptor: int, name: str, size: int, limit: int, what: str) -> bytes:
    """Read to the end, refusing the file once it is over `limit` (it may have grown since
    it was measured)."""
    chunks: list[bytes] = []
    total = 0
    wanted = min(size, limit) + 1  # one byte more than expected tells that it grew
    while True:
        chunk = os.read(descriptor, wanted)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise Refused(_too_large(name, total, limit, what, growing=True))
        wanted = min(limit + 1 - total, 1 << 20)


def _problem(name: str, code: str, message: str) -> Problem:
    """A refusal as a problem at the file's start; `code` names a constant of
    model/problems.py. Imported only when a file is refused: reading one imports nothing
    more (shell completion reads small files through here on every Tab)."""
    from chipcmp.model import problems

    return problems.error(name, 1, 1, getattr(problems, code), message)


def _too_large(name: str, size: int, limit: int, what: str, growing: bool = False) -> Problem:
    seen = "more than" if growing else ""
    return _problem(name, "TOO_LARGE",
                 f"{seen} {size:,} bytes; a {what} over {limit:,} bytes is refused".strip())


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def read_problems(path: Path | str, limit: int = MAX_FILE_BYTES, what: str = "file"
                  ) -> tuple[bytes | None, list[Problem]]:
    """`read_bytes` for callers that collect problems: (bytes, []) or (None, [why])."""
    try:
        return read_bytes(path, limit, what), []
    except Refused as refused:
        return None, [refused.problem]
