"""Writing results where the user pointed: whole or not at all, and never replacing what
the path is with something else.

- A regular file (or a new path): written to a temporary file beside it, then renamed
  into place, so a reader never sees half a file and a failure leaves the old file (or
  none). An existing file keeps its mode.
- A symbolic link: the file it points to is written that way (a dangling link creates
  its target); the link stays a link.
- A FIFO or a character device (/dev/stdout, /dev/null, a terminal): written as a
  stream, in place; a write that fails (/dev/full) is an error.
- Anything else (a directory, a block device, a socket): refused.
Every failure is an OutputError (exit 2) naming the path.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from chipcmp.model.problems import ChipcmpError


class OutputError(ChipcmpError):
    """The output file cannot be written; nothing was written (exit 2: the request
    cannot be served, as with a file that cannot be read)."""


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write `content` to `path` as the module docstring says."""
    data = content.encode("utf-8", "replace") if isinstance(content, str) else content
    target = Path(os.path.realpath(path))  # through every link, to what is written
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:  # a loop of links, a folder that cannot be searched
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    if mode is None or stat.S_ISREG(mode):
        _replace(path, target, data)
    elif stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        _stream(path, target, data)
    else:
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file, FIFO or " \
                                                         "character device"
        raise OutputError(f"cannot write {path}: it is {kind}; name a file")


def _replace(path: Path, target: Path, data: bytes) -> None:
    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _stream(path: Path, target: Path, data: bytes) -> None:
    """Write to a FIFO or device in place: opened without creating or truncating, so
    it stays what it is (a FIFO waits for its reader, as a shell's `>` does)."""
    try:
        descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(descriptor, view)
            view = view[written:]
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_reason(exc)}") from None
    finally:
        os.close(descriptor)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one gets 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
