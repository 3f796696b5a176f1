from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
# The public datasets: the real files where the project's shared materials are, else
# small fixtures in the same layout (tests/data/external/README.md). REAL_EXTERNAL says
# which, for the few figures that only the complete files give (row counts).
REAL_EXTERNAL = (SHARED / "external").is_dir()
EXTERNAL = SHARED / "external" if REAL_EXTERNAL else DATA / "external"


@pytest.fixture
def write(tmp_path: Path):
    """Write a catalog text to a temporary file and return its path."""

    def _write(text: str | bytes, name: str = "catalog.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


def tool(name: str) -> str | None:
    """A console script installed beside this Python (the venv's bin), else on PATH: the
    test command runs .venv/bin/python without activating the venv."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def import_datasets(folder, files):
    """Import (dataset, csv path) pairs into catalogs in `folder`; their paths, after the
    bundled catalog's name."""
    from chipcmp.read import importers
    from chipcmp.read import bundled

    paths = [bundled.KEYWORD]
    for dataset, csv_path in files:
        result = importers.import_file(dataset, Path(csv_path))
        path = Path(folder) / f"{dataset}.yaml"
        path.write_text(importers.to_yaml(result, dataset, Path(Path(csv_path).name)),
                        encoding="utf-8")
        paths.append(path)
    return paths


def view_of(paths=None, prefer=(), merge=True, decisions=None):
    """The view every command reads, over catalog files (None: the curated catalog)."""
    from chipcmp.catalog import load as catalog
    from chipcmp.figures import flags

    return flags.build_view(catalog.load(paths or ["@curated"]), prefer, merge, decisions)


def request(precision="int8", **kwargs):
    """A figure request at a precision (a family, variant or comma list)."""
    from chipcmp.figures.select import Request
    from chipcmp.model.precision import parse_query

    return Request(parse_query(precision), **kwargs)


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch, tmp_path_factory):
    """Tests see the bundled catalogs only, whatever the machine's config and environment
    say (config.py reads CHIPCMP_CATALOG, CHIPCMP_IDENTITY and a config file)."""
    monkeypatch.delenv("CHIPCMP_CATALOG", raising=False)
    monkeypatch.delenv("CHIPCMP_IDENTITY", raising=False)
    monkeypatch.delenv("CHIPCMP_CONFIG", raising=False)  # a named config must exist
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-config"))
    # nothing `chipcmp update` installed, and a cache of the tests' own
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "no-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


MLPERF_SLICE = SHARED / "external" / "mlperf"


@pytest.fixture(scope="session")
def measured_slice(tmp_path_factory) -> Path:
    """The MLPerf slice's results as a catalog: the real slice imported once (`chipcmp
    import mlperf`) when present, else the bundled snapshot made from it."""
    if not MLPERF_SLICE.is_dir():
        from chipcmp.read import bundled

        return bundled.catalog_paths("@mlperf")[0]
    from chipcmp.read.importers import import_paths, IMPORTERS, to_yaml

    paths = sorted(p for p in MLPERF_SLICE.iterdir() if p.is_dir())
    result = import_paths(IMPORTERS["mlperf"], paths)
    out = tmp_path_factory.mktemp("mlperf") / "measured.yaml"
    out.write_text(to_yaml(result, "mlperf", paths), encoding="utf-8")
    return out


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """A data folder of the test's own for `chipcmp update`, and no proxy: the tests'
    HTTP servers are reached directly. Its chipcmp folder is returned."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy",
                 "NO_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "data" / "chipcmp"


def serve(handler):
    """Serve `handler` on a free port of 127.0.0.1 in a thread: (base URL, server)."""
    import http.server
    import threading

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


@dataclass
class Ran:
    """What a chipcmp command did: its exit status and what it printed."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def json(self):
        import json

        return json.loads(self.stdout)


@pytest.fixture
def cli(capsys):
    """Run a chipcmp command in this process as the console script does (cli/app.main:
    the same errors, exit statuses and streams): the one way tests drive the command line
    in process (tests of the process itself, its signals and encodings, start one)."""
    from chipcmp.cli.app import main

    def run(*args) -> Ran:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
