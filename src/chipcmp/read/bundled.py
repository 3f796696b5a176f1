"""The data shipped with chipcmp, and the keywords that name it.

Four catalogs are bundled (BUNDLED): the curated one (`data/chips.yaml`, from the seed
documents and cited datasheets), the datasheet catalog of 2022-2026 accelerators
(`data/datasheets.yaml`, each figure from its vendor's document, curated too, so it speaks
before the datasets), a snapshot derived from Epoch AI's hardware data (CC BY 4.0) and one
derived from a slice of MLPerf's results (Apache 2.0). Wherever a catalog path is taken
(--catalog, CHIPCMP_CATALOG, the config file, the API), `@bundled` names all of them and
`@curated`, `@datasheets`, `@epoch`, `@mlperf` one each; wherever an identity or corrections
path is taken, `@bundled` names the bundled file of that kind. The files live in the
wheel at chipcmp/data/; in a source checkout (an editable install does not copy them)
they are the repository's data/ folder.

A snapshot is made by `chipcmp import DATASET SOURCE... --snapshot DATE` from the
published files (`tests/acceptance/test_bundled_snapshots.py` makes it again when ../shared/external
holds them, and checks the bundled file is what it makes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

KEYWORD = "@bundled"
CATALOG_FILE, IDENTITY_FILE, CORRECTIONS_FILE = "chips.yaml", "identity.yaml", "corrections.yaml"

_PACKAGE = Path(__file__).resolve().parents[1]  # src/chipcmp, or site-packages/chipcmp


@dataclass(frozen=True)
class Bundled:
    """One bundled catalog: its keyword, its file, and, for a dataset's snapshot, the
    importer, the published files it is made from and the date the data is as of."""

    keyword: str
    file: str
    dataset: str | None = None          # the importer (read/importers) that made it
    sources: tuple[str, ...] = ()       # published files, as ../shared/external names them
    snapshot: str | None = None         # the date the data is as of


BUNDLED = (
    Bundled("@curated", CATALOG_FILE),
    Bundled("@datasheets", "datasheets.yaml"),
    Bundled("@epoch", "epoch.yaml", "epoch", ("epoch_ml_hardware.csv",), "2026-03-31"),
    Bundled("@mlperf", "mlperf.yaml", "mlperf",
            ("mlperf/training_results_v1.0", "mlperf/training_results_v1.1",
             "mlperf/inference_results_v0.5", "mlperf/inference_results_v0.7",
             "mlperf/inference_results_v1.0", "mlperf/inference_results_v4.1",
             "mlperf/inference_results_v6.0", "mlperf/training_results_v5.0",
             "mlperf/training_results_v5.1"), "2026-12-03"),
)
CATALOG_KEYWORDS = {KEYWORD: BUNDLED, **{b.keyword: (b,) for b in BUNDLED}}


def data_file(name: str) -> Path:
    """A bundled data file: installed inside the package, else the checkout's data/."""
    installed = _PACKAGE / "data" / name  # placed there by the wheel
    if installed.is_file():
        return installed
    return _PACKAGE.parents[1] / "data" / name


def catalog_path() -> Path:
    """The curated catalog (what `validate` checks by default)."""
    return data_file(CATALOG_FILE)


def catalog_paths(keyword: str = KEYWORD) -> list[Path]:
    """The files a catalog keyword names (`@bundled`: all of them)."""
    return [data_file(b.file) for b in CATALOG_KEYWORDS[keyword]]


def bundled_files() -> set[str]:
    """The real paths of every bundled catalog (a user's file is never one of them)."""
    import os

    return {os.path.realpath(data_file(b.file)) for b in BUNDLED}


def shipped_files() -> set[str]:
    """The real paths of every file chipcmp ships: the catalogs, identity and corrections
    files (whose cached parse, once it validated, is trusted: catalog/load.py)."""
    import os

    return bundled_files() | {os.path.realpath(data_file(name))
                              for name in (IDENTITY_FILE, CORRECTIONS_FILE)}


def identity_path() -> Path:
    return data_file(IDENTITY_FILE)


def is_keyword(value: object) -> bool:
    """`@bundled`: the bundled file of the kind a path is taken for."""
    return str(value) == KEYWORD


def is_catalog_keyword(value: object) -> bool:
    """`@bundled` or one bundled catalog's keyword (`@curated`, ...), where a catalog path
    is taken."""
    return str(value) in CATALOG_KEYWORDS
