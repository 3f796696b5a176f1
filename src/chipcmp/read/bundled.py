"""The data shipped with chipcmp, and the one keyword that names it.

`@bundled` names the bundled catalog wherever a catalog path is taken (--catalog,
CHIPCMP_CATALOG, the config file, the API) and the bundled identity file wherever an
identity path is. The files live in the wheel at chipcmp/data/; in a source checkout
(an editable install does not copy them) they are the repository's data/ folder.
"""

from __future__ import annotations

from pathlib import Path

KEYWORD = "@bundled"
CATALOG_FILE, IDENTITY_FILE, CORRECTIONS_FILE = "chips.yaml", "identity.yaml", "corrections.yaml"

_PACKAGE = Path(__file__).resolve().parents[1]  # src/chipcmp, or site-packages/chipcmp


def data_file(name: str) -> Path:
    """A bundled data file: installed inside the package, else the checkout's data/."""
    installed = _PACKAGE / "data" / name  # placed there by the wheel
    if installed.is_file():
        return installed
    return _PACKAGE.parents[1] / "data" / name


def catalog_path() -> Path:
    return data_file(CATALOG_FILE)


def identity_path() -> Path:
    return data_file(IDENTITY_FILE)


def is_keyword(value: object) -> bool:
    return str(value) == KEYWORD
