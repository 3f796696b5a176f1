"""What shell completion reads, kept small so that `chipcmp __complete` answers without
importing typer, pydantic or a catalog: two JSON files in the cache folder, plain data,
read only from a folder and file this user owns (places.private), through the bounded
reader.

- `completion-commands.json`: the commands, their options and the values of the options
  that take names, made from the typer app and the registries; keyed by the size and
  time of each of chipcmp's modules (an upgrade or an edit makes it again).
- `completion-ids.json`: the product and claim ids of the catalogs configured, written
  whenever a command loads them (api.load with settings). It holds what they depend on,
  each checked on reading: the settings' environment variables, the config file and the
  data folder (size and time), and every catalog, identity and corrections file loaded
  (size and time): an edit, an `update` or another CHIPCMP_CATALOG makes it stale.

A missing, damaged or stale file is a miss: completion takes the slow way once.
Only os and json are imported here, and the rest of chipcmp's read layer lazily.
"""

from __future__ import annotations

import json
import os

from chipcmp.read import places

COMMANDS_FILE, IDS_FILE = "completion-commands.json", "completion-ids.json"
MAX_BYTES = 8 * 1024 * 1024
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# What the configured catalogs depend on besides the files themselves (read/settings.py).
SETTINGS_VARIABLES = ("CHIPCMP_CATALOG", "CHIPCMP_IDENTITY", "CHIPCMP_CORRECTIONS",
                      places.ENV_CONFIG)


def code_key() -> str:
    """The size and time of each of chipcmp's modules (its version is in __init__.py)."""
    parts = []
    for root, _, files in sorted(os.walk(_PACKAGE)):
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(root, name))
                parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def _stat(path: str) -> list[object]:
    try:
        info = os.stat(path)
        return [path, info.st_size, info.st_mtime_ns]
    except OSError:
        return [path, None, None]


def settings_key() -> list[object]:
    """The environment and the files that say which catalogs are configured."""
    return [[os.environ.get(name) for name in SETTINGS_VARIABLES],
            _stat(places.config_file()), _stat(places.data_folder())]


def read(name: str) -> dict[str, object] | None:
    """The data kept under `name`, or None."""
    from chipcmp.read import inputs

    path = os.path.join(places.cache_folder(), name)
    try:
        if not places.private(os.path.dirname(path)) or not places.private(path):
            return None
        data = json.loads(inputs.read_bytes(path, MAX_BYTES, "completion data"))
    except Exception:  # missing, damaged, foreign: the slow way, once
        return None
    return data if isinstance(data, dict) else None


def commands(key: str) -> dict[str, object] | None:
    data = read(COMMANDS_FILE)
    value = data.get("value") if data and data.get("key") == key else None
    return value if isinstance(value, dict) else None


def ids() -> dict[str, object] | None:
    """The configured catalogs' ids, if what they were made from has not changed."""
    data = read(IDS_FILE)
    if not data or data.get("settings") != settings_key():
        return None
    files = data.get("files")
    if not isinstance(files, list) or any(not isinstance(f, list) or not f
                                          or _stat(str(f[0])) != f for f in files):
        return None
    value = data.get("value")
    return value if isinstance(value, dict) else None


def keep_ids(files: list[str], products: list[str], claims: list[str]) -> None:
    """Keep the configured catalogs' ids with what they depend on (`files`: every
    catalog, identity and corrections file loaded)."""
    data = {"settings": settings_key(), "files": [_stat(os.path.realpath(f)) for f in files],
            "value": {"products": products, "claims": claims}}
    if read(IDS_FILE) != data:
        write(IDS_FILE, data)


def keep_commands(key: str, value: dict[str, object]) -> None:
    write(COMMANDS_FILE, {"key": key, "value": value})


def write(name: str, data: dict[str, object]) -> None:
    """Keep `data` under `name`, atomically; skipped when it cannot be."""
    places.keep(places.cache_folder(), name, json.dumps(data))
