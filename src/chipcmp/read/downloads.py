"""The datasets `chipcmp update` downloads: fetched with a deadline and a size budget,
unpacked only after the archive was checked, imported, and installed only when the
catalog made loads cleanly.

Each dataset is one catalog, `<data home>/chipcmp/<dataset>.yaml` ($XDG_DATA_HOME, else
~/.local/share), with a record beside it (`<dataset>.json`: where it came from, when, its
checksum and size). Commands load the installed catalogs by default, after the bundled
ones; one replaces the bundled snapshot of the same dataset (catalog/load.py).

What a download may cost is bounded (LIMITS): a total time, a rate below which it is cut
as too slow (a server that trickles, headers included), a size (a dataset's importer
reads no more; an endless body stops there), and free disk space left. Everything an
update writes before it installs lives in one folder, `.update-<pid>-*` in the data
folder, removed on every way out (an error, Ctrl-C, SIGTERM: the command line turns the
signals into exceptions); one left by a process that no longer runs (kill -9) is removed
by the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator

from chipcmp.model.problems import ChipcmpError, Problem, readable
from chipcmp.read import inputs, places

WORK_PREFIX = ".update-"
_WORK = re.compile(r"^\.update-(\d+)-")


def data_home() -> Path:
    return Path(places.data_folder())


def installed_catalogs() -> list[Path]:
    """The installed datasets' catalogs, in name order (each with its record)."""
    home = data_home()
    try:
        names = sorted(os.listdir(home))
    except OSError:
        return []
    if any(name.startswith(WORK_PREFIX) for name in names):
        remove_stale_work(home)
    return [home / name for name in names
            if name.endswith(".yaml") and not name.startswith(".")
            and f"{name[:-5]}.json" in names]


def record_of(catalog: Path) -> dict[str, Any]:
    """What `update` recorded about an installed catalog ({} when unreadable)."""
    try:
        data = json.loads(inputs.read_bytes(catalog.with_suffix(".json"),
                                            inputs.MAX_CONFIG_BYTES, "record"))
    except (inputs.Refused, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class DatasetCopy:
    """The copy of a dataset that commands use: installed by `update`, a bundled
    snapshot, or none; where it came from, its date, and the downloaded files' (or the
    bundled catalog's) checksums and size."""

    dataset: str
    in_use: str
    date: str | None
    sources: tuple[str, ...]
    sha256: tuple[str, ...]       # one a source; empty when not known
    size: int | None
    page: str


def copies() -> list[DatasetCopy]:
    """Each dataset `update` knows, with the copy in use (`chipcmp update --list`)."""
    from chipcmp.read import bundled

    snapshots = {b.dataset: b for b in bundled.BUNDLED if b.dataset}
    installed = {path.stem: record_of(path) for path in installed_catalogs()}
    found = []
    for name, download in DOWNLOADS.items():
        record = installed.get(name)
        if record:
            sources = [s for s in record.get("sources") or [] if isinstance(s, dict)]
            found.append(DatasetCopy(
                name, f"installed: {data_home() / name}.yaml", record.get("date"),
                tuple(str(s.get("url")) for s in sources),
                tuple(str(s["sha256"]) for s in sources if s.get("sha256")),
                sum(s.get("size") or 0 for s in sources) or None, download.page))
        elif name in snapshots:
            snapshot = snapshots[name]
            data = inputs.read_bytes(bundled.data_file(snapshot.file))
            found.append(DatasetCopy(name, f"bundled snapshot ({snapshot.keyword})",
                                     snapshot.snapshot, snapshot.sources,
                                     (hashlib.sha256(data).hexdigest(),), len(data),
                                     download.page))
        else:
            found.append(DatasetCopy(name, f"none (chipcmp update {name}"
                                     + (")" if download.urls else " --url URL)"), None,
                                     download.urls, (), None, download.page))
    return found


# ------------------------------------------------------------------------- the limits
@dataclass(frozen=True)
class Limits:
    """What one update may cost. `max_bytes` None: each dataset's own budget."""

    deadline: float = 3600.0        # seconds for one download, all of it
    window: float = 30.0            # seconds over which the rate is judged
    min_rate: float = 1024.0        # bytes a second below which a download is too slow
    max_bytes: int | None = None    # a download's size
    reserve: int = 1 << 30          # bytes of disk left free in the data folder
    max_members: int = 500_000      # entries of an archive, read or not
    max_unpacked: int = 4 << 30     # bytes unpacked from an archive

    @property
    def stall(self) -> float:
        """The window, but never longer than the deadline (--timeout 5 judges 5 s)."""
        return min(self.window, self.deadline)


LIMITS = Limits()


# ------------------------------------------------------------------- what can be updated
@dataclass(frozen=True)
class Download:
    """A dataset `chipcmp update` can fetch: the importer that reads it, where its
    publisher publishes it, whether it comes as archives of results repositories, and
    how large a download may be (a CSV dataset: what its importer reads at most)."""

    name: str
    importer: str
    urls: tuple[str, ...]
    page: str
    archives: bool = False
    max_bytes: int = inputs.MAX_FILE_BYTES


_MLPERF_COMMITS = (  # the rounds of the bundled slice, at the commits it was taken from
    ("training_results_v1.0", "50619b5df63f1d646715a82c1fb8c35f271e25fa"),
    ("training_results_v1.1", "ebe92f81f7a69255a3b0a907595d8be623d75ec6"),
    ("inference_results_v0.5", "f5acb8be3da3ebc13cf6ba783cce371f96d275ac"),
    ("inference_results_v0.7", "31060d57b30c7d61f974c91204df538398ec0b46"),
    ("inference_results_v1.0", "f7759baf2fdb9e17d97f07326db6d461d6dc1ef2"),
    ("inference_results_v4.1", "198fc46799b3328b36ee4bcbdebfa2db5a8e6183"),
    ("inference_results_v6.0", "4d3916ac9cf474b679cdfcf492d43a0559418ad1"),
    ("training_results_v5.0", "0fdc28f013256aea84fa36fdaf1e0fa46094b18c"),
    ("training_results_v5.1", "441d65f4445cd59687466533fd9f55399136e7a4"))

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
             "https://mlcommons.org/benchmarks/", archives=True,
             max_bytes=4 << 30),  # a whole results repository is gigabytes
    # Price tables are the user's choice (SkyPilot's catalogs may not be bundled, and
    # prices change daily): no default download, --url names each table.
    Download("prices", "prices", (), "https://github.com/skypilot-org/skypilot-catalog"),
)}

CHUNK = 1 << 16
Progress = Callable[[str, int, "int | None"], None]  # (url, bytes so far, total or None)
Verify = Callable[[Path], list[Problem]]  # a candidate catalog -> its problems


class UpdateError(ChipcmpError):
    """A download or import that failed: the URL and why; nothing was installed.
    `problems`: the located problems behind it, where there are some. Exit 2."""

    exit_code = 2

    def __init__(self, url: str, reason: str, problems: list[Problem] | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason
        self.problems = problems or []


@dataclass
class Installed:
    dataset: str
    catalog: Path
    record: dict[str, Any]
    summary: str


# ----------------------------------------------------------------------- the work folder
@contextmanager
def work_folder(home: Path) -> Iterator[Path]:
    """The one folder an update writes in before it installs, removed on every way out;
    folders that earlier updates left (a kill -9) are removed first."""
    import tempfile

    remove_stale_work(home)
    work = Path(tempfile.mkdtemp(dir=home, prefix=f"{WORK_PREFIX}{os.getpid()}-"))
    _OURS.add(work.name)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        _OURS.discard(work.name)


_OURS: set[str] = set()  # this process's work folders, in use


def remove_stale_work(home: Path) -> None:
    """Remove what updates left in the data folder whose process no longer runs."""
    try:
        names = [n for n in os.listdir(home) if n.startswith(WORK_PREFIX)]
    except OSError:
        return
    for name in names:
        match = _WORK.match(name)
        if name in _OURS or match is not None and _running(int(match.group(1))):
            continue
        path = home / name
        if match is None and _age(path) < 3600:  # an older chipcmp's: only once stale
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                pass


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # not one of ours (_OURS): left by an earlier process of this pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return 0.0


# -------------------------------------------------------------------------- downloading
@dataclass
class _Transfer:
    """What the worker thread of one download shares with the thread that watches it."""

    done: int = 0
    total: int | None = None
    result: tuple[str, int] | None = None
    error: BaseException | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)


def fetch(url: str, target: Path, budget: int, limits: Limits = LIMITS,
          progress: Progress | None = None) -> tuple[str, int]:
    """Download `url` (http, https, file, or a local path) to `target`; its sha256 and
    size. Cut at the deadline or when slower than the limits allow (headers included),
    refused past `budget` bytes or the disk's reserve; a local file is read only when it
    is a regular file. Every failure is an UpdateError naming the URL."""
    transfer = _Transfer()

    def work() -> None:
        try:
            transfer.result = _transfer(url, target, budget, limits, transfer)
        except BaseException as exc:  # handed to the watching thread
            transfer.error = exc

    worker = threading.Thread(target=work, name="chipcmp-download", daemon=True)
    start = time.monotonic()
    mark_time, mark_done = start, 0
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.05)
            now = time.monotonic()
            if progress is not None:
                progress(url, transfer.done, transfer.total)
            if now - start > limits.deadline:
                raise UpdateError(url, f"too slow: {transfer.done:,} bytes in "
                                       f"{limits.deadline:g} s, the time a download may take "
                                       "(--timeout)")
            if now - mark_time >= limits.stall:
                if transfer.done - mark_done < limits.min_rate * limits.stall:
                    raise UpdateError(url, f"too slow: {transfer.done - mark_done:,} bytes in "
                                           f"the last {limits.stall:g} s, below "
                                           f"{limits.min_rate:g} bytes a second")
                mark_time, mark_done = now, transfer.done
    finally:
        transfer.cancelled.set()  # a worker still blocked ends at its socket's timeout
    if transfer.error is not None:
        raise transfer.error
    assert transfer.result is not None
    return transfer.result


def _transfer(url: str, target: Path, budget: int, limits: Limits,
              transfer: _Transfer) -> tuple[str, int]:
    """Open the source and copy it to `target` (in the worker thread)."""
    import http.client
    import urllib.error

    try:
        with _open(url, limits) as (source, total), open(target, "wb") as out:
            transfer.total = total
            if total is not None and total > budget:
                raise UpdateError(url, f"{total:,} bytes, more than the {budget:,} a "
                                       "download of this dataset may be")
            return _copy(url, source, out, budget, limits, transfer)
    except UpdateError:
        raise
    except urllib.error.HTTPError as exc:
        raise UpdateError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise UpdateError(url, f"cannot connect: {exc.reason}") from None
    except http.client.IncompleteRead as exc:
        raise UpdateError(url, f"cut short after {len(exc.partial):,} bytes") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise UpdateError(url, f"the transfer failed: {exc}") from None


@contextmanager
def _open(url: str, limits: Limits) -> Iterator[tuple[Any, int | None]]:
    """The source as a binary stream and its announced size: a regular local file, or
    an HTTP(S) response (redirects only to http and https)."""
    local = _local_path(url)
    if local is not None:
        try:
            descriptor = inputs.open_regular(local, "file")
        except inputs.Refused as refused:
            raise UpdateError(url, refused.problem.message) from None
        with os.fdopen(descriptor, "rb") as handle:
            yield handle, os.fstat(handle.fileno()).st_size
        return
    with _opener().open(url, timeout=limits.stall) as response:
        status = getattr(response, "status", None)
        if status is not None and status >= 400:
            raise UpdateError(url, f"HTTP {status}")
        length = response.headers.get("Content-Length") if response.headers else None
        yield response, int(length) if length and length.isdigit() else None


def _local_path(url: str) -> str | None:
    """The file a local path or file:// URL names; None for http(s); an UpdateError for
    any other scheme."""
    if "://" not in url:
        return url
    scheme = url.split("://", 1)[0].lower()
    if scheme == "file":
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(url).path)
    if scheme not in ("http", "https"):
        raise UpdateError(url, f"{scheme}:// is not a way chipcmp downloads (http, https, "
                               "file or a path)")
    return None


def _opener() -> Any:
    """HTTP and HTTPS only, the proxy variables read now (urlopen's shared opener keeps
    whatever they were at its first use), redirects only to http and https."""
    import urllib.request

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = 10

        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                             newurl: str) -> Any:
            if not newurl.lower().startswith(("http://", "https://")):
                raise UpdateError(req.full_url, f"redirected to {newurl}, which is not "
                                                "http or https")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(), Redirects(),
                    urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
        opener.add_handler(handler)
    return opener


def _copy(url: str, source: Any, out: Any, budget: int, limits: Limits,
          transfer: _Transfer) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    free = _free_bytes(Path(out.name).parent)
    while not transfer.cancelled.is_set():
        chunk = source.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > budget:
            raise UpdateError(url, f"more than {budget:,} bytes, the most a download of "
                                   "this dataset may be (--max-size)")
        if free is not None and free - size < limits.reserve:
            raise UpdateError(url, f"the disk would have less than {limits.reserve:,} bytes "
                                   "free; nothing was installed")
        digest.update(chunk)
        out.write(chunk)
        transfer.done = size
    if transfer.total is not None and size != transfer.total:
        raise UpdateError(url, f"cut short: {size:,} of {transfer.total:,} bytes")
    return digest.hexdigest(), size


def _free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


# ---------------------------------------------------------------------------- archives
@dataclass(frozen=True)
class _Member:
    name: str          # as the archive gives it
    parts: tuple[str, ...]  # inside the repository folder
    size: int


def unpack(archive: Path, into: Path, url: str, reads: Callable[[tuple[str, ...]], int | None],
           limits: Limits = LIMITS) -> Path:
    """A results repository from its archive (GitHub's `<repo>-<commit>/` folder, named
    back to the round it is), holding only the files its reader opens (`reads`: a path
    inside the repository -> the size limit of such a file, or None). The whole archive
    is checked first, and nothing is written unless it passes: every name UTF-8 and
    inside the folder, one folder at the top, the count of entries, each file's size and
    the total within the limits."""
    import tarfile
    import zipfile

    try:
        if tarfile.is_tarfile(archive):
            kind = "tar"
        elif zipfile.is_zipfile(archive):
            kind = "zip"
        else:
            raise UpdateError(url, "not an archive of a results repository (.tar.gz or .zip)")
        top, members = _check_archive(kind, archive, url, reads, limits)
        match = re.match(r"^((?:training|inference)_results_v\d+\.\d+)", top)
        if match is None:
            raise UpdateError(url, f"'{readable(top)}' is not an MLPerf results repository")
        free = _free_bytes(into.parent)
        wanted = sum(m.size for m in members)
        if free is not None and free - wanted < limits.reserve:
            raise UpdateError(url, f"unpacking {wanted:,} bytes would leave less than "
                                   f"{limits.reserve:,} bytes free on the disk")
        repository = into / match.group(1)
        repository.mkdir(parents=True)
        _extract(kind, archive, url, repository, {m.name: m for m in members})
        return repository
    except UpdateError:
        raise
    except Exception as exc:  # the stdlib's readers raise many kinds on damaged input
        raise UpdateError(url, f"a damaged or truncated archive: {type(exc).__name__}: "
                               f"{readable(str(exc))[:200]}") from None


def _entries(kind: str, archive: Path) -> Iterator[tuple[str, int, str, Any]]:
    """(name, size, 'file' | 'dir' | 'other', handle) for each entry, read lazily."""
    import tarfile
    import zipfile

    if kind == "tar":
        with tarfile.open(archive, "r:*") as tar:
            while True:
                member = tar.next()
                if member is None:
                    return
                tar.members.clear()  # kept by tarfile for later look-ups; not needed here
                what = "file" if member.isfile() else "dir" if member.isdir() else "other"
                yield member.name, member.size, what, (tar, member)
    else:
        with zipfile.ZipFile(archive) as package:
            for info in package.infolist():
                what = "dir" if info.is_dir() else "file"
                yield info.filename, info.file_size, what, (package, info)


def _check_archive(kind: str, archive: Path, url: str,
                   reads: Callable[[tuple[str, ...]], int | None], limits: Limits
                   ) -> tuple[str, list[_Member]]:
    """The repository folder's name and the members to unpack; UpdateError at the first
    entry that breaks a rule, before anything is written."""
    tops: set[str] = set()
    members: list[_Member] = []
    count = total = 0
    for name, size, what, _ in _entries(kind, archive):
        count += 1
        if count > limits.max_members:
            raise UpdateError(url, f"more than {limits.max_members:,} entries in the archive")
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise UpdateError(url, f"an entry's name is not valid UTF-8: "
                                   f"'{readable(name)}'") from None
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or "\\" in name or ":" in path.parts[0]:
            raise UpdateError(url, f"an entry outside the archive's folder: {name!r}")
        parts = tuple(p for p in path.parts if p != ".")
        if not parts:
            continue
        tops.add(parts[0])
        if len(tops) > 1:
            raise UpdateError(url, "the archive does not hold one repository folder")
        limit = reads(parts[1:])
        if limit is None:
            continue
        if what != "file":
            raise UpdateError(url, f"{name!r} is a link or a special file where the "
                                   "results hold a file")
        if size > limit:
            raise UpdateError(url, f"{name!r} is {size:,} bytes; such a file is read up to "
                                   f"{limit:,}")
        total += size
        if total > limits.max_unpacked:
            raise UpdateError(url, f"the files to unpack come to more than "
                                   f"{limits.max_unpacked:,} bytes")
        members.append(_Member(name, parts[1:], size))
    if not tops:
        raise UpdateError(url, "the archive does not hold one repository folder")
    return tops.pop(), members


def _extract(kind: str, archive: Path, url: str, repository: Path,
             members: dict[str, _Member]) -> None:
    """Write the checked members, each no longer than the archive declared it."""
    for name, _, _, (owner, entry) in _entries(kind, archive):
        member = members.get(name)
        if member is None:
            continue
        target = repository.joinpath(*member.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = owner.extractfile(entry) if kind == "tar" else owner.open(entry)
        with source, open(target, "xb") as out:
            written = 0
            while chunk := source.read(CHUNK):
                written += len(chunk)
                if written > member.size:
                    raise UpdateError(url, f"{name!r} holds more than the archive declares")
                out.write(chunk)
        if written != member.size:
            raise UpdateError(url, f"{name!r} is cut short: {written:,} of "
                                   f"{member.size:,} bytes")


# ---------------------------------------------------------------------------- updating
def update(name: str, urls: list[str] | None = None, progress: Progress | None = None,
           today: str | None = None, limits: Limits = LIMITS,
           verify: Verify | None = None, context: dict[str, Any] | None = None
           ) -> Installed:
    """Download a dataset, import it, and install the catalog only when it imported
    without an error and `verify` (the load every command does) finds no problem in it;
    on any failure an UpdateError, and what was installed before stays as it was.
    `context`: what the importer is told beside the files (importers.import_paths)."""
    import datetime

    from chipcmp.read import importers

    download = DOWNLOADS[name]
    importer = importers.IMPORTERS[download.importer]
    budget = limits.max_bytes or download.max_bytes
    sources = list(urls or download.urls)
    if not sources:
        raise UpdateError("(no --url)", "no default download: name the file to fetch with --url "
                                f"(for example a cloud's vms.csv of {download.page})")
    today = today or datetime.date.today().isoformat()
    home = data_home()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UpdateError(sources[0], f"cannot create {home}: {exc}") from None
    with work_folder(home) as work:
        paths, fetched, unpacked = [], [], {}
        for index, url in enumerate(sources):
            local = _local_path(url)
            if download.archives and local is not None and os.path.isdir(local):
                paths.append(Path(local))  # a results repository already on disk
                fetched.append({"url": str(Path(local).resolve()), "sha256": None,
                                "size": None})
                continue
            if local is not None and "://" not in url:
                url = Path(local).resolve().as_uri()
            named = re.sub(r"[^A-Za-z0-9._-]+", "_", url.rstrip("/").rsplit("/", 1)[-1])
            target = work / f"{index}" / (named.lstrip(".") or "download")
            target.parent.mkdir()
            sha256, size = fetch(url, target, budget, limits, progress)
            fetched.append({"url": url, "sha256": sha256, "size": size})
            if download.archives:
                paths.append(unpack(target, work / f"repo-{index}", url, importer.reads,
                                    limits))
                unpacked[str(paths[-1].parent)] = url
                target.unlink()  # the archive: only what was unpacked is needed now
            else:
                paths.append(target)
        result = importers.import_paths(importer, paths, origins=sources, **(context or {}))
        if result.unreadable or result.errors:
            errors = [_in_archive(p, unpacked) for p in result.problems
                      if str(p.severity) == "error"]
            first = errors[0].message if errors else result.summary
            raise UpdateError(sources[0], f"not the {name} dataset, or damaged: "
                                          f"{_printable(first)}", errors)
        text = importers.to_yaml(result, name, paths, today)
        candidate = work / f"{name}.yaml"
        candidate.write_text(text, encoding="utf-8")
        problems = verify(candidate) if verify is not None else []
        if problems:
            raise UpdateError(sources[0], f"the {name} catalog it makes does not load "
                                          f"({len(problems)} problem(s)); not installed",
                              problems)
        record = {"dataset": name, "date": today, "sources": fetched, "page": download.page,
                  "summary": result.summary}
        catalog = home / f"{name}.yaml"
        _replace(catalog, text, work)
        _replace(catalog.with_suffix(".json"), json.dumps(record, indent=2) + "\n", work)
    return Installed(name, catalog, record, result.summary)


def _in_archive(problem: Problem, unpacked: dict[str, str]) -> Problem:
    """A problem in a file unpacked from an archive, located in the archive (the work
    folder it was read from is gone when the user reads it): URL!/round/path."""
    for folder, url in unpacked.items():
        if problem.path.startswith(folder + os.sep):
            return replace(problem, path=f"{url}!/{problem.path[len(folder) + 1:]}")
    return problem


def _printable(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")


def _replace(path: Path, text: str, work: Path) -> None:
    """Write a file whole or not at all: written in the work folder (on the same disk),
    then renamed into place."""
    temporary = work / f".{path.name}.tmp"
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
