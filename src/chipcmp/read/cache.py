"""A cache of loaded catalogs, so that the bundled snapshots are not parsed and validated
again on every command: keyed by the files' contents, chipcmp's version and the code that
reads them, in the user's cache folder ($XDG_CACHE_HOME/chipcmp, else ~/.cache/chipcmp).

A cache entry is only a copy of what loading the same bytes with the same code gives: one
that is missing, damaged, from another version or of another kind is rebuilt, never
trusted; one that cannot be written is skipped (the command works the same without it).
Only catalogs that loaded without a problem are kept, so every problem is still found
and located from the files themselves.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when what is stored changes shape
KEEP = 8    # entries kept; older ones (other catalogs, other versions) are removed
_PACKAGE = Path(__file__).resolve().parents[1]  # src/chipcmp, or site-packages/chipcmp
# The code that decides what a catalog loads into: chipcmp's __init__ (its version), the
# model, the catalog layer and the readers.
_CODE = ("__init__.py", "model/*.py", "catalog/*.py", "read/*.py")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "chipcmp"


def key(contents: list[tuple[str, bytes]]) -> str:
    """The files' paths and bytes, Python's version, and the state of the code that reads
    them (the size and time of each module, chipcmp's version among them: an upgrade or
    a changed checkout is another key)."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for pattern in _CODE:
        for module in sorted(_PACKAGE.glob(pattern)):
            stat = module.stat()
            digest.update(f"{module.name} {stat.st_size} {stat.st_mtime_ns}".encode())
    for path, data in contents:
        digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def get(name: str, expected: type) -> Any:
    """The cached object, or None when there is none usable."""
    try:
        with open(folder() / f"{name}.pickle", "rb") as handle:
            found = pickle.load(handle)
    except Exception:  # missing, damaged, from other code: rebuilt, never trusted
        return None
    return found if isinstance(found, expected) else None


def put(name: str, value: Any) -> None:
    """Keep a value under a key, atomically; a cache that cannot be written is skipped."""
    try:
        target = folder()
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target, delete=False,
                                         suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, target / f"{name}.pickle")
        entries = sorted(target.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-KEEP]:
            old.unlink(missing_ok=True)
    except Exception:
        try:
            os.unlink(handle.name)  # type: ignore[possibly-undefined]
        except Exception:
            pass
