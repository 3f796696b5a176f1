"""Where the datasets `chipcmp update` downloads are installed, and what is installed.

Each dataset is one catalog, `<data home>/chipcmp/<dataset>.yaml` ($XDG_DATA_HOME, else
~/.local/share), with a record beside it (`<dataset>.json`: where it came from, when, its
checksum and size). Commands load the installed catalogs by default, after the bundled
ones; one replaces the bundled snapshot of the same dataset (catalog/load.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "chipcmp"


def installed_catalogs() -> list[Path]:
    """The installed datasets' catalogs, in name order (each with its record)."""
    home = data_home()
    try:
        names = sorted(os.listdir(home))
    except OSError:
        return []
    return [home / name for name in names
            if name.endswith(".yaml") and f"{name[:-5]}.json" in names]


def record_of(catalog: Path) -> dict[str, Any]:
    """What `update` recorded about an installed catalog ({} when unreadable)."""
    try:
        data = json.loads(catalog.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
