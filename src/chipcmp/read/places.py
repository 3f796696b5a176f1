"""Where chipcmp keeps things on a user's machine, in one place: the cache folder, the data
folder `update` installs into, the config file; and whether a folder or file is this
user's own. Imports nothing heavy: shell completion reads these on every Tab."""

from __future__ import annotations

import os

ENV_CONFIG = "CHIPCMP_CONFIG"


def cache_folder() -> str:
    """$XDG_CACHE_HOME/chipcmp, else ~/.cache/chipcmp."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "chipcmp")


def data_folder() -> str:
    """$XDG_DATA_HOME/chipcmp, else ~/.local/share/chipcmp: the datasets `update`
    installed."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"),
                                                            ".local", "share")
    return os.path.join(base, "chipcmp")


def config_file() -> str:
    """$CHIPCMP_CONFIG, else $XDG_CONFIG_HOME/chipcmp/config.toml, else
    ~/.config/chipcmp/config.toml."""
    explicit = os.environ.get(ENV_CONFIG)
    if explicit:
        return os.path.expanduser(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"),
                                                              ".config")
    return os.path.join(base, "chipcmp", "config.toml")


def private(path: str | os.PathLike[str]) -> bool:
    """Owned by this user and writable by no one else (as ssh asks of its keys): a file in
    a folder others can write may be anyone's. (Windows: no such bits.)"""
    if not hasattr(os, "getuid"):
        return True
    info = os.stat(path)
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def keep(folder: str, name: str, text: str) -> bool:
    """Write `text` to `folder`/`name` whole or not at all (a temporary file beside it,
    then renamed), the folder made private if new; False, and nothing left behind, when
    it cannot be (or the folder is not this user's own)."""
    import tempfile

    handle = None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        if not private(folder):
            return False
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False,
                                         suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, os.path.join(folder, name))
        return True
    except Exception:  # a cache is a convenience: a command never fails for it
        if handle is not None:
            try:
                os.unlink(handle.name)
            except OSError:
                pass
        return False
