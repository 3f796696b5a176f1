"""Where the datasets `chipcmp update` downloads are installed, and what is installed.

Each dataset is one catalog, `<data home>/chipcmp/<dataset>.yaml` ($XDG_DATA_HOME, else
~/.local/share), with a record beside it (`<dataset>.json`: where it came from, when, its
checksum and size). Commands load the installed catalogs by default, after the bundled
ones; one replaces the bundled snapshot of the same dataset (catalog/load.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


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


# ------------------------------------------------------------------- what can be updated
@dataclass(frozen=True)
class Download:
    """A dataset `chipcmp update` can fetch: the importer that reads it, where its
    publisher publishes it, and whether it comes as archives of results repositories."""

    name: str
    importer: str
    urls: tuple[str, ...]
    page: str
    archives: bool = False


_MLPERF_COMMITS = (  # the rounds of the bundled slice, at the commits it was taken from
    ("training_results_v1.0", "50619b5df63f1d646715a82c1fb8c35f271e25fa"),
    ("training_results_v1.1", "ebe92f81f7a69255a3b0a907595d8be623d75ec6"),
    ("inference_results_v0.5", "f5acb8be3da3ebc13cf6ba783cce371f96d275ac"),
    ("inference_results_v0.7", "31060d57b30c7d61f974c91204df538398ec0b46"),
    ("inference_results_v1.0", "f7759baf2fdb9e17d97f07326db6d461d6dc1ef2"))

DOWNLOADS = {d.name: d for d in (
    Download("laics", "laics",
             ("https://raw.githubusercontent.com/areuther/ai-accelerators/"
              "82ec8006cc8dad073c88d3f9b9149ac64b7a8647/peak_accelerators_ieee_hpec_2023.csv",),
             "https://github.com/areuther/ai-accelerators"),
    Download("epoch", "epoch", ("https://epoch.ai/data/ml_hardware.csv",),
             "https://epoch.ai/data/machine-learning-hardware"),
    Download("mlperf", "mlperf",
             tuple(f"https://github.com/mlcommons/{repo}/archive/{commit}.tar.gz"
                   for repo, commit in _MLPERF_COMMITS),
             "https://mlcommons.org/benchmarks/", archives=True),
)}

MAX_DOWNLOAD_BYTES = 8 * 1024 ** 3  # a whole results repository is gigabytes
CHUNK = 1 << 16
Progress = Callable[[str, int, "int | None"], None]  # (url, bytes so far, total or None)


class UpdateError(Exception):
    """A download or import that failed: the URL and why; nothing was installed."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass
class Installed:
    dataset: str
    catalog: Path
    record: dict[str, Any]
    summary: str


def fetch(url: str, target: Path, progress: Progress | None = None) -> tuple[str, int]:
    """Download `url` (http, https, file, or a local path) to `target`; its sha256 and
    size. The usual proxy variables are honoured (urllib reads them); a failed, refused
    or cut-short transfer is an UpdateError."""
    import http.client
    import urllib.error
    import urllib.request

    if "://" not in url:
        url = Path(url).resolve().as_uri()
    digest, size = hashlib.sha256(), 0
    try:
        # An opener of its own: its ProxyHandler reads the proxy variables now (urlopen's
        # shared opener keeps whatever they were at its first use).
        opener = urllib.request.build_opener()
        with opener.open(url, timeout=60) as response, open(target, "wb") as out:
            status = getattr(response, "status", None)
            if status is not None and status >= 400:
                raise UpdateError(url, f"HTTP {status}")
            length = response.headers.get("Content-Length") if response.headers else None
            total = int(length) if length and length.isdigit() else None
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_DOWNLOAD_BYTES:
                    raise UpdateError(url, f"larger than {MAX_DOWNLOAD_BYTES:,} bytes")
                digest.update(chunk)
                out.write(chunk)
                if progress is not None:
                    progress(url, size, total)
            if total is not None and size != total:
                raise UpdateError(url, f"cut short: {size:,} of {total:,} bytes")
    except urllib.error.HTTPError as exc:
        raise UpdateError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise UpdateError(url, f"cannot connect: {exc.reason}") from None
    except http.client.IncompleteRead as exc:
        raise UpdateError(url, f"cut short after {len(exc.partial):,} bytes") from None
    except (OSError, http.client.HTTPException) as exc:
        raise UpdateError(url, f"the transfer failed: {exc}") from None
    return digest.hexdigest(), size


def _unpack(archive: Path, into: Path, url: str) -> Path:
    """A results repository from its archive (GitHub's `<repo>-<commit>/` folder, named
    back to the round it is); a folder given as such is used where it is."""
    import shutil
    import tarfile
    import zipfile

    into.mkdir()
    try:
        if tarfile.is_tarfile(archive):
            with tarfile.open(archive) as tar:
                if hasattr(tarfile, "data_filter"):
                    tar.extractall(into, filter="data")  # no paths outside, no devices
                else:  # Python before 3.11.4: the same refusals by hand
                    for member in tar.getmembers():
                        if not (member.isfile() or member.isdir()) or \
                                member.name.startswith("/") or ".." in Path(member.name).parts:
                            raise UpdateError(url, f"an unsafe member: {member.name}")
                    tar.extractall(into)
        elif zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as package:
                package.extractall(into)
        else:
            raise UpdateError(url, "not an archive of a results repository (.tar.gz or .zip)")
    except (tarfile.TarError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UpdateError(url, f"a damaged archive: {exc}") from None
    folders = [p for p in into.iterdir() if p.is_dir()]
    if len(folders) != 1:
        raise UpdateError(url, "the archive does not hold one repository folder")
    match = re.match(r"^((?:training|inference)_results_v\d+\.\d+)", folders[0].name)
    if match is None:
        raise UpdateError(url, f"{folders[0].name!r} is not an MLPerf results repository")
    named = into / match.group(1)
    if named != folders[0]:
        shutil.move(str(folders[0]), str(named))
    return named


def update(name: str, urls: list[str] | None = None, progress: Progress | None = None,
           today: str | None = None) -> Installed:
    """Download a dataset, import it, and install the catalog only when it imported
    cleanly (atomically, beside its record); on any failure an UpdateError, and what was
    installed before stays as it was."""
    import datetime
    import tempfile

    from chipcmp.read import importers

    download = DOWNLOADS[name]
    sources = list(urls or download.urls)
    today = today or datetime.date.today().isoformat()
    home = data_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UpdateError(sources[0], f"cannot create {home}: {exc}") from None
    with tempfile.TemporaryDirectory(dir=home, prefix=".update-") as work:
        paths, fetched = [], []
        for index, url in enumerate(sources):
            local = Path(url) if "://" not in url else None
            if download.archives and local is not None and local.is_dir():
                paths.append(local)  # a results repository already on disk
                fetched.append({"url": str(local.resolve()), "sha256": None, "size": None})
                continue
            if local is not None:
                url = local.resolve().as_uri()
            named = re.sub(r"[^A-Za-z0-9._-]+", "_", url.rstrip("/").rsplit("/", 1)[-1])
            target = Path(work) / f"{index}" / (named.lstrip(".") or "download")
            target.parent.mkdir()
            sha256, size = fetch(url, target, progress)
            fetched.append({"url": url, "sha256": sha256, "size": size})
            paths.append(_unpack(target, Path(work) / f"repo-{index}", url)
                         if download.archives else target)
        result = importers.import_paths(importers.IMPORTERS[download.importer], paths)
        if result.unreadable or result.errors:
            first = next((p.message for p in result.problems
                          if str(p.severity) == "error"), result.summary)
            raise UpdateError(sources[0], f"not the {name} dataset, or damaged: {first}")
        text = importers.to_yaml(result, name, paths, today)
        record = {"dataset": name, "date": today, "sources": fetched, "page": download.page,
                  "summary": result.summary}
        catalog = home / f"{name}.yaml"
        _replace(catalog, text)
        _replace(catalog.with_suffix(".json"), json.dumps(record, indent=2) + "\n")
    return Installed(name, catalog, record, result.summary)


def _replace(path: Path, text: str) -> None:
    """Write a file whole or not at all (a temporary file beside it, then renamed)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
