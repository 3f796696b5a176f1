"""A cache of parsed catalog files: the plain data a YAML file parses into, kept as JSON so
that the bundled snapshots are not parsed again on every command.

What is kept: for each file that parsed without a problem, the data its text parses into
(mappings with text keys, lists, text, numbers, booleans, null and dates), as JSON, in
the user's cache folder ($XDG_CACHE_HOME/chipcmp, else ~/.cache/chipcmp), one entry a
file, named by a key of the file's bytes, chipcmp's version, the versions of Python,
PyYAML (and whether it has libyaml) and pydantic, and the state of the reading and
validating code; and whether that data validated without a problem (`checked`).

Why it is safe: an entry is data, never code. It is read only from a folder and a file
that this user owns and no one else can write, through the bounded reader (a
regular file of at most a few times its catalog's size), decoded by the json module, and
checked to hold only what a YAML parse gives, no deeper than the parser allows; anything
else is a miss, and the file is parsed again. What an entry gives is then validated
exactly as a fresh parse would be, so it cannot bring in what the file could not; and a
catalog whose cached data has a problem is read again from its file. The one exception
is a file chipcmp ships (read/bundled.py) whose entry says it validated: its models are
built without validating again (catalog/load.py), as the same bytes, read by the same
code, validated before; `chipcmp validate` always validates.
An entry that cannot be written is skipped (the command works the same without it).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, NamedTuple

from chipcmp.read import places

FORMAT = 3  # bump when what is stored changes shape (1 was a pickle: never read again)
KEEP = 16   # entries kept; older ones (other files, other versions) are removed
SUFFIX = ".json"
# An entry is a few times the size of its file at most (JSON of the same data); a larger
# one is not what this module wrote.
MAX_ENTRY_FACTOR, MAX_ENTRY_SLACK = 8, 64 * 1024
_PACKAGE = Path(__file__).resolve().parents[1]  # src/chipcmp, or site-packages/chipcmp
# The code that decides what a file parses into, and whether it validates: chipcmp's
# __init__ (its version), the YAML reader, this module, the models and the loader (an
# editable install changes these without changing the version).
_CODE = ("__init__.py", "read/yamlfile.py", "read/cache.py", "model/*.py", "catalog/load.py")
_DATE, _DATETIME = "\x00date", "\x00datetime"  # how a date is written in an entry

MISS = object()  # what get() returns when there is no usable entry


class CachedParse(NamedTuple):
    """A cached parse: the data, and whether it validated without a problem."""

    data: dict[str, Any]
    checked: bool


class _NotCachable(Exception):
    """Data a JSON entry would not give back exactly as it is."""


def folder() -> Path:
    return Path(places.cache_folder())


@functools.cache
def _environment() -> bytes:
    """What the parse of the same bytes depends on, beyond the bytes."""
    import yaml
    from pydantic.version import VERSION as pydantic_version

    parts = [str(FORMAT), sys.version, yaml.__version__, str(yaml.__with_libyaml__),
             pydantic_version]
    for pattern in _CODE:
        for module in sorted(_PACKAGE.glob(pattern)):
            stat = module.stat()
            parts.append(f"{module.relative_to(_PACKAGE)} {stat.st_size} {stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def key(raw: bytes) -> str:
    """The entry's name for a file's bytes: another file, another version of chipcmp or
    of a library that reads it, another key."""
    digest = hashlib.sha256(_environment())
    digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


def get(raw: bytes) -> Any:
    """The CachedParse kept for a file's bytes, or MISS when there is none usable."""
    from chipcmp.read import inputs
    from chipcmp.read.yamlfile import MAX_DEPTH

    entry = folder() / f"{key(raw)}{SUFFIX}"
    try:
        if not places.private(entry.parent) or not places.private(entry):
            return MISS
        text = inputs.read_bytes(entry, MAX_ENTRY_FACTOR * len(raw) + MAX_ENTRY_SLACK,
                                 "cache entry")
        stored = json.loads(text)
        data = _decode(stored["data"], MAX_DEPTH)
        checked = stored["checked"]
    except Exception:  # missing, damaged, planted, too deep: parsed again, never trusted
        return MISS
    if not isinstance(data, dict) or not isinstance(checked, bool) or len(stored) != 2:
        return MISS  # only a mapping is ever kept, with its flag and nothing else
    return CachedParse(data, checked)


def forget(raw: bytes) -> None:
    """Remove the entry of a file's bytes (its data did not validate as the file's)."""
    try:
        (folder() / f"{key(raw)}{SUFFIX}").unlink(missing_ok=True)
    except OSError:
        pass


def put(raw: bytes, data: Any, checked: bool = False) -> None:
    """Keep a file's parsed data, atomically, and whether it validated without a problem;
    data JSON would not give back exactly, or a cache that cannot be written, is skipped."""
    try:
        text = json.dumps({"data": _encode(data), "checked": checked}, ensure_ascii=False,
                          separators=(",", ":"))
    except (_NotCachable, ValueError, TypeError):
        return
    if places.keep(str(folder()), f"{key(raw)}{SUFFIX}", text):
        try:
            _prune(folder())
        except OSError:
            pass


def _prune(target: Path) -> None:
    """Keep the KEEP newest entries; remove entries of older formats."""
    for old in target.glob("*.pickle"):
        old.unlink(missing_ok=True)
    entries = sorted(target.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEEP]:
        old.unlink(missing_ok=True)


def _encode(value: Any) -> Any:
    """Parsed YAML data as JSON data: a date becomes a one-key mapping that no parsed
    mapping can hold (its key starts with NUL, and such a file is not cached)."""
    kind = type(value)
    if kind is dict:
        encoded = {}
        for name, item in value.items():
            if type(name) is not str or name.startswith("\x00"):
                raise _NotCachable(name)
            encoded[name] = _encode(item)
        return encoded
    if kind is list:
        return [_encode(item) for item in value]
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind is datetime.date:
        return {_DATE: value.isoformat()}
    if kind is datetime.datetime:
        return {_DATETIME: value.isoformat()}
    raise _NotCachable(kind)


def _decode(value: Any, depth: int) -> Any:
    """JSON data back as parsed YAML data; ValueError for what no parse gives (nesting
    deeper than the parser allows, a malformed date)."""
    if isinstance(value, dict):
        if len(value) == 1:
            (name, item), = value.items()
            if name == _DATE:
                return datetime.date.fromisoformat(item)
            if name == _DATETIME:
                return datetime.datetime.fromisoformat(item)
        if depth <= 0:
            raise ValueError("nested too deep")
        return {name: _decode(item, depth - 1) for name, item in value.items()}
    if isinstance(value, list):
        if depth <= 0:
            raise ValueError("nested too deep")
        return [_decode(item, depth - 1) for item in value]
    return value
