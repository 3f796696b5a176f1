"""Which catalogs, identity and corrections files a command reads, set once instead of on
every call.

In order, the first that says anything wins:
1. the command line: --catalog PATH (repeatable), --identity PATH, --corrections PATH,
   --prefer NAME;
2. the environment: CHIPCMP_CATALOG, CHIPCMP_IDENTITY and CHIPCMP_CORRECTIONS, lists of
   paths separated by the system's path separator (':' on Linux and macOS, ';' on
   Windows);
3. the config file: $CHIPCMP_CONFIG, else $XDG_CONFIG_HOME/chipcmp/config.toml, else
   ~/.config/chipcmp/config.toml, a TOML file such as

       catalogs = ["@bundled", "~/data/laics.yaml", "~/data/epoch.yaml"]
       identity = ["~/data/identity.yaml"]
       corrections = ["~/data/corrections.yaml"]
       prefer = ["bundled"]

   (paths relative to the file's folder);
4. the bundled catalog, and the bundled identity file.

`@bundled` names the bundled catalog (or identity file) in any of them; the bundled
identity file is always read, before any other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chipcmp.model.problems import CatalogError, error
from chipcmp.read.bundled import KEYWORD as BUNDLED
from chipcmp.read.bundled import is_catalog_keyword

HINT = "fix it, or point CHIPCMP_CONFIG at another file"
ENV_CATALOG, ENV_IDENTITY, ENV_CONFIG = "CHIPCMP_CATALOG", "CHIPCMP_IDENTITY", "CHIPCMP_CONFIG"
ENV_CORRECTIONS = "CHIPCMP_CORRECTIONS"
KEYS = ("catalogs", "identity", "corrections", "prefer")


@dataclass
class Settings:
    catalogs: list[str] | None = None     # None: the bundled catalog
    identity: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)  # read after the bundled ones
    prefer: list[str] = field(default_factory=list)
    origin: str = "default"               # where the catalogs came from, for messages


def config_path() -> Path:
    from chipcmp.read import places

    return Path(places.config_file())


def _env_list(name: str) -> list[str] | None:
    value = os.environ.get(name)
    if not value:
        return None
    return [p if is_catalog_keyword(p) else str(Path(p).expanduser())
            for p in value.split(os.pathsep) if p.strip()]


def read_config(path: Path, explicit: bool = False) -> dict[str, list[str]]:
    """The config file's lists, paths made absolute. A file that does not exist is empty,
    unless it was named explicitly (CHIPCMP_CONFIG): then, as when it cannot be read or
    parsed, an error with its location."""
    import tomllib

    from chipcmp.read import inputs

    name = str(path)
    try:
        raw = inputs.read_bytes(path, inputs.MAX_CONFIG_BYTES, "config file")
    except inputs.Refused as refused:
        if refused.missing and not explicit:
            return {}
        problem = refused.problem
        if refused.missing:
            problem = error(name, 1, 1, problem.code,
                            f"no such config file (named by {ENV_CONFIG})")
        raise CatalogError([problem], "config file", HINT) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CatalogError([error(name, line, 1, "not-utf8",
                                  "the config file is not UTF-8 text (a TOML file is)")],
                           "config file", HINT) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(exc, text)
        raise CatalogError([error(name, line, col, "bad-config",
                                  "the config file is not valid TOML: "
                                  + str(exc).split(" (at")[0])],
                           "config file", HINT) from None
    problems = []
    found: dict[str, list[str]] = {}
    for key, value in data.items():
        line = _key_line(text, key)
        if key not in KEYS:
            problems.append(error(name, line, 1, "unknown-key",
                                  f"unknown key {key!r}; expected {', '.join(KEYS)}"))
        elif not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append(error(name, line, 1, "bad-value",
                                  f"{key} must be a list of strings, like [\"@bundled\"]"))
        else:
            found[key] = value if key == "prefer" else [_resolve(v, path.parent) for v in value]
    if problems:
        raise CatalogError(problems, "config file", HINT)
    return found


def _resolve(value: str, folder: Path) -> str:
    if is_catalog_keyword(value):
        return value
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else folder / path)


def _toml_position(exc: Exception, text: str) -> tuple[int, int]:
    """Where tomllib stopped: its attributes (Python 3.14+), else its message's."""
    import re

    if isinstance(getattr(exc, "lineno", None), int):
        return exc.lineno, getattr(exc, "colno", 1)  # type: ignore[attr-defined]
    message = str(exc)
    match = re.search(r"line (\d+), column (\d+)", message)
    if match:
        return int(match[1]), int(match[2])
    if "end of document" in message:
        return text.count("\n") + 1, 1
    return 1, 1


def _key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return 1


def resolve(catalogs: list[str] | None = None, identity: list[str] | None = None,
            prefer: list[str] | None = None, corrections: list[str] | None = None
            ) -> Settings:
    """The settings a command uses, from its options, the environment and the config
    file, in that order."""
    config: dict[str, Any] = {}
    env_catalogs, env_identity = _env_list(ENV_CATALOG), _env_list(ENV_IDENTITY)
    if not (catalogs and identity and prefer):
        config = read_config(config_path(), explicit=bool(os.environ.get(ENV_CONFIG)))
    settings = Settings()
    if catalogs:
        settings.catalogs, settings.origin = list(catalogs), "--catalog"
    elif env_catalogs:
        settings.catalogs, settings.origin = env_catalogs, ENV_CATALOG
    elif config.get("catalogs"):
        settings.catalogs, settings.origin = config["catalogs"], str(config_path())
    else:  # the bundled catalogs, then the datasets `chipcmp update` installed
        from chipcmp.read import downloads

        settings.catalogs = [BUNDLED] + [str(p) for p in downloads.installed_catalogs()]
    chosen = identity or env_identity or config.get("identity") or []
    settings.identity = [BUNDLED] + [p for p in chosen if p != BUNDLED]
    settings.prefer = list(prefer or config.get("prefer") or [])
    settings.corrections = [p for p in (corrections or _env_list(ENV_CORRECTIONS)
                                        or config.get("corrections") or []) if p != BUNDLED]
    return settings
