"""`chipcmp update` against hostile servers, files and archives (read/downloads.py): a
download that trickles is cut at its deadline, one that never ends at its budget; a local
FIFO, device or folder is refused at once; an archive that would unpack past its limits
writes nothing; a truncated archive, a short body and a name that is not UTF-8 are exit 2
with the URL and the reason; a SIGTERM or a kill -9 leaves no work folder behind; and an
archive whose results are not measurements installs nothing. No test reaches the internet."""

import http.server
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import DATA, serve
from chipcmp.read import downloads
from chipcmp.read.importers import IMPORTERS

SMALL_LAICS = DATA / "datasets" / "laics_small.csv"
ROUND = "inference_results_v1.0"


class Hostile(http.server.BaseHTTPRequestHandler):
    """Each path is a way a server can misbehave."""

    protocol_version = "HTTP/1.1"
    bodies: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        name = self.path.rsplit("/", 1)[-1]
        try:
            if name == "trickle.csv":  # the body, one byte every 0.2 s
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(100000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            elif name == "slow-headers.csv":  # the headers, a byte at a time
                for byte in b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 10000:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.2)
            elif name == "endless.csv":  # no length, no end
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"0" * 65536
                while True:
                    self.wfile.write(chunk)
            elif name == "redirect.csv":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif name == "short.tar.gz":  # says more than it sends
                body = Hostile.bodies["round.tar.gz"]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) + 1000))
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True
            elif name in Hostile.bodies:
                body = Hostile.bodies[name]
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def system(accelerators="1"):
    return json.dumps({"accelerator_model_name": "NVIDIA T4", "accelerators_per_node":
                       accelerators, "number_of_nodes": "1", "division": "closed",
                       "submitter": "Acme", "status": "available",
                       "system_name": "Acme T4 box"}).encode()


def summary(samples="1234.5", valid="VALID"):
    return (f"================================================\n"
            f"MLPerf Results Summary\n"
            f"================================================\n"
            f"SUT name : PySUT\nScenario : Offline\nMode     : PerformanceOnly\n"
            f"Samples per second: {samples}\nResult is : {valid}\n").encode()


def round_archive(members: dict[str, bytes], top=f"{ROUND}-0123abc", mode="w:gz",
                  fmt=tarfile.PAX_FORMAT) -> bytes:
    """A results repository as GitHub serves it: one `<repo>-<commit>/` folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=fmt) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(f"{top}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def good_round(samples="1234.5"):
    results = "closed/Acme/results/t4box/resnet50/Offline/performance/run_1"
    return {"closed/Acme/systems/t4box.json": system(),
            f"{results}/mlperf_log_summary.txt": summary(samples)}


@pytest.fixture(scope="module")
def server():
    Hostile.bodies = {
        "laics.csv": SMALL_LAICS.read_bytes(),
        "round.tar.gz": round_archive(good_round()),
        "nan.tar.gz": round_archive(good_round("nan")),
        "huge.tar.gz": round_archive(good_round("1e308")),
    }
    whole = Hostile.bodies["round.tar.gz"]
    Hostile.bodies["truncated.tar.gz"] = whole[: len(whole) // 2]
    url, httpd = serve(Hostile)
    yield url
    httpd.shutdown()


pytestmark = pytest.mark.usefixtures("data_home")


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.glob(".*")) if home.is_dir() else []


def update(cli, *args):
    """`chipcmp update` run by a test's `cli` fixture."""
    return cli("update", *args)


# ------------------------------------------------------------------- time and size
def test_a_trickling_body_is_cut_at_the_deadline(server, data_home, cli):
    start = time.monotonic()
    updated = update(cli, "laics", "--url", f"{server}/trickle.csv", "--timeout", "2")
    assert updated.exit_code == 2
    assert time.monotonic() - start < 10
    err = updated.stderr
    assert f"{server}/trickle.csv" in err and "too slow" in err
    assert leftovers(data_home) == [] and not (data_home / "laics.yaml").exists()


def test_trickling_headers_are_cut_at_the_deadline(server, data_home, cli):
    start = time.monotonic()
    updated = update(cli, "laics", "--url", f"{server}/slow-headers.csv", "--timeout", "2")
    assert updated.exit_code == 2
    assert time.monotonic() - start < 10
    assert "too slow" in updated.stderr


def test_a_download_below_the_least_rate_is_cut_before_the_deadline(server, data_home):
    limits = downloads.Limits(deadline=60, window=1, min_rate=100)
    start = time.monotonic()
    with pytest.raises(downloads.UpdateError, match="too slow"):
        downloads.update("laics", [f"{server}/trickle.csv"], limits=limits)
    assert time.monotonic() - start < 10
    assert leftovers(data_home) == []


def test_an_endless_body_stops_at_the_budget(server, data_home, cli):
    updated = update(cli, "laics", "--url", f"{server}/endless.csv", "--max-size", "1000000")
    assert updated.exit_code == 2
    err = updated.stderr
    assert "more than 1,000,000 bytes" in err and f"{server}/endless.csv" in err
    assert leftovers(data_home) == []


def test_a_csv_dataset_is_never_larger_than_its_importer_reads():
    from chipcmp.read import inputs

    assert downloads.DOWNLOADS["laics"].max_bytes == inputs.MAX_FILE_BYTES
    assert downloads.DOWNLOADS["epoch"].max_bytes == inputs.MAX_FILE_BYTES


def test_the_disk_keeps_its_reserve(server, data_home, cli, monkeypatch):
    monkeypatch.setattr(downloads, "LIMITS", downloads.Limits(reserve=1 << 62))
    updated = update(cli, "laics", "--url", f"{server}/laics.csv")
    assert updated.exit_code == 2
    assert "free" in updated.stderr
    assert leftovers(data_home) == []


# ------------------------------------------------------------------- local inputs
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_a_local_special_file_is_refused_at_once(tmp_path, data_home, cli, special):
    path = {"fifo": tmp_path / "pipe", "/dev/zero": Path("/dev/zero"),
            "folder": tmp_path}[special]
    if special == "fifo":
        os.mkfifo(path)
    start = time.monotonic()
    updated = update(cli, "laics", "--url", str(path))
    assert updated.exit_code == 2
    assert time.monotonic() - start < 5
    err = updated.stderr
    assert str(path) in err
    assert {"fifo": "FIFO", "/dev/zero": "character device",
            "folder": "directory"}[special] in err
    assert leftovers(data_home) == []


def test_a_file_url_goes_through_the_same_reader(tmp_path, data_home, cli):
    os.mkfifo(tmp_path / "pipe")
    updated = update(cli, "laics", "--url", (tmp_path / "pipe").as_uri())
    assert updated.exit_code == 2
    assert "FIFO" in updated.stderr


def test_a_local_file_installs(data_home, cli):
    assert update(cli, "laics", "--url", str(SMALL_LAICS)).exit_code == 0
    assert (data_home / "laics.yaml").is_file()


@pytest.mark.parametrize("url", ["ftp://example.invalid/laics.csv",
                                 "data://text/plain,a,b", "gopher://x/y"])
def test_other_schemes_are_refused(data_home, cli, url):
    updated = update(cli, "laics", "--url", url)
    assert updated.exit_code == 2
    assert "not a way chipcmp downloads" in updated.stderr


def test_a_redirect_to_a_file_is_refused(server, data_home, cli):
    updated = update(cli, "laics", "--url", f"{server}/redirect.csv")
    assert updated.exit_code == 2
    err = updated.stderr.lower()
    assert "redirect" in err and "file:///etc/passwd" in err


# ------------------------------------------------------------------------- archives
def test_an_archive_installs_only_what_its_reader_opens(server, data_home, cli):
    assert update(cli, "mlperf", "--url", f"{server}/round.tar.gz").exit_code == 0
    listed = cli("results", "--format", "json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert [(r["submitter"], r["value"]) for r in rows] == [("Acme", 1234.5)]


@pytest.mark.parametrize("name, reason", [
    ("truncated.tar.gz", "truncated"),
    ("short.tar.gz", "cut short"),
])
def test_a_truncated_archive_or_short_body_exits_2_with_the_reason(server, data_home,
                                                                    cli, name, reason):
    updated = update(cli, "mlperf", "--url", f"{server}/{name}")
    assert updated.exit_code == 2
    err = updated.stderr
    assert f"{server}/{name}" in err and reason in err and "Aborted" not in err
    assert leftovers(data_home) == []


def spy_on_writes(monkeypatch):
    written = []
    real = downloads._extract
    monkeypatch.setattr(downloads, "_extract",
                        lambda *args: written.append(args) or real(*args))
    return written


def test_a_member_past_its_readers_limit_writes_nothing(tmp_path, data_home, cli,
                                                        monkeypatch):
    """A few hundred kilobytes of gzip that would unpack to 100 MB where the reader takes
    a 1 MiB summary: refused before anything is written."""
    bomb = tmp_path / "bomb.tar.gz"
    members = good_round()
    members[next(n for n in members if n.endswith("summary.txt"))] = b"\0" * (100 << 20)
    bomb.write_bytes(round_archive(members))
    assert bomb.stat().st_size < 1 << 20
    written = spy_on_writes(monkeypatch)
    updated = update(cli, "mlperf", "--url", str(bomb))
    assert updated.exit_code == 2
    assert "is 104,857,600 bytes" in updated.stderr
    assert written == [] and leftovers(data_home) == []


def test_an_archive_past_the_total_or_the_count_writes_nothing(tmp_path, data_home,
                                                               monkeypatch):
    members = good_round()
    for n in range(5):
        members[f"closed/Acme/results/t4box/resnet50/Offline/performance/run_{n + 2}/"
                f"mlperf_log_summary.txt"] = summary() + b" " * 300_000
    archive = tmp_path / "big.tar.gz"
    archive.write_bytes(round_archive(members))
    written = spy_on_writes(monkeypatch)
    with pytest.raises(downloads.UpdateError, match="more than 1,000,000 bytes"):
        downloads.update("mlperf", [str(archive)],
                         limits=downloads.Limits(max_unpacked=1_000_000))
    with pytest.raises(downloads.UpdateError, match="more than 4 entries"):
        downloads.update("mlperf", [str(archive)], limits=downloads.Limits(max_members=4))
    assert written == [] and leftovers(data_home) == []


@pytest.mark.parametrize("name, reason", [
    (b"closed/Acme/systems/caf\xe9.json", "not valid UTF-8"),
    (b"../../escape/systems/x.json", "outside"),
    (b"/etc/systems/x.json", "outside"),
])
def test_a_bad_member_name_exits_2_with_a_readable_name(tmp_path, data_home, cli,
                                                        name, reason):
    archive = tmp_path / "names.tar"
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT, encoding="utf-8",
                      errors="surrogateescape") as tar:
        full = name if name.startswith((b"/", b"..")) else f"{ROUND}-x/".encode() + name
        info = tarfile.TarInfo(full.decode("utf-8", "surrogateescape"))
        info.size = 2
        tar.addfile(info, io.BytesIO(b"{}"))
    updated = update(cli, "mlperf", "--url", str(archive))
    assert updated.exit_code == 2
    err = updated.stderr
    assert reason in err and str(archive) in err
    if b"\xe9" in name:
        assert "caf\\xe9" in err


def test_a_link_where_results_belong_is_refused(tmp_path, data_home, cli):
    archive = tmp_path / "links.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo(f"{ROUND}-x/closed/Acme/systems/t4box.json")
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    updated = update(cli, "mlperf", "--url", str(archive))
    assert updated.exit_code == 2
    assert "a link or a special file" in updated.stderr


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(
    st.lists(st.sampled_from(["closed", "Acme", "systems", "results", "..", ".", "x.json",
                              "performance", "mlperf_log_summary.txt", "a\udce9", "/", ""]),
             min_size=1, max_size=8),
    st.binary(max_size=64),
    st.sampled_from([tarfile.REGTYPE, tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE,
                     tarfile.FIFOTYPE, tarfile.CHRTYPE])), max_size=8))
def test_any_archive_is_unpacked_inside_its_folder_or_refused(tmp_path, entries):
    archive = tmp_path / "any.tar"
    with tarfile.open(archive, "w", format=tarfile.GNU_FORMAT, encoding="utf-8",
                      errors="surrogateescape") as tar:
        for parts, data, kind in entries:
            info = tarfile.TarInfo("/".join(parts))
            info.type = kind
            if kind == tarfile.REGTYPE:
                info.size = len(data)
            else:
                info.linkname = "../../outside"
            tar.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)
    into = tmp_path / "out"
    try:
        repository = downloads.unpack(archive, into, "any.tar", IMPORTERS["mlperf"].reads)
    except downloads.UpdateError:
        return
    for path in into.rglob("*"):
        assert path.resolve().is_relative_to(into.resolve())
        assert path.is_dir() or (path.is_file() and not path.is_symlink())
    assert repository.parent == into


# ---------------------------------------------------------------- install what loads
@pytest.mark.parametrize("name", ["nan.tar.gz", "huge.tar.gz"])
def test_results_that_are_not_measurements_install_nothing(server, data_home, cli, name):
    assert update(cli, "mlperf", "--url", f"{server}/round.tar.gz").exit_code == 0
    before = (data_home / "mlperf.yaml").read_bytes()
    updated = update(cli, "mlperf", "--url", f"{server}/{name}")
    assert updated.exit_code == 2
    err = updated.stderr
    assert "not-a-measurement" in err
    assert f"{server}/{name}!/{ROUND}/closed/Acme/results/" in err
    assert "mlperf_log_summary.txt:7:21:" in err
    assert (data_home / "mlperf.yaml").read_bytes() == before
    assert cli("rank", "--top", "1").exit_code == 0


def test_a_catalog_that_would_not_load_is_not_installed(server, data_home, cli,
                                                        monkeypatch):
    """Whatever an importer makes, it is installed only when it loads as every command
    loads it: here an importer's output that breaks a rule the import did not check."""
    from chipcmp.read import importers

    real = importers.to_yaml

    def broken(result, *args, **kwargs):
        return real(result, *args, **kwargs) + "claims:\n  - {id: x, kind: ratio}\n"

    monkeypatch.setattr(importers, "to_yaml", broken)
    updated = update(cli, "laics", "--url", f"{server}/laics.csv")
    assert updated.exit_code == 2
    err = updated.stderr
    assert "does not load" in err and "missing-key" in err and "unchanged" in err
    assert not (data_home / "laics.yaml").exists()
    monkeypatch.undo()
    assert cli("rank", "--top", "1").exit_code == 0


# ---------------------------------------------------------------- the work folder
def test_a_sigterm_during_update_leaves_no_work_folder(server, tmp_path):
    home = tmp_path / "data"
    env = {**os.environ, "XDG_DATA_HOME": str(home), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "chipcmp", "update", "laics", "--url",
         f"{server}/trickle.csv"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    folder = home / "chipcmp"
    deadline = time.monotonic() + 20
    while not list(folder.glob(".update-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(folder.glob(".update-*")), "the update never started"
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 128 + signal.SIGTERM
    assert b"interrupted (SIGTERM)" in err
    assert leftovers(folder) == []


def test_what_a_killed_update_left_is_removed_by_the_next(server, data_home, cli):
    data_home.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = data_home / f".update-{dead.pid}-abcd1234"
    (left / "0").mkdir(parents=True)
    (left / "0" / "partial.tar.gz").write_bytes(b"\0" * 100_000)
    assert cli("rank", "--top", "1").exit_code == 0  # any command that reads the data folder
    assert not left.exists()
    (left / "0").mkdir(parents=True)
    assert update(cli, "laics", "--url", f"{server}/laics.csv").exit_code == 0
    assert leftovers(data_home) == []


def test_a_running_updates_folder_is_left_alone(data_home):
    data_home.mkdir(parents=True)
    alive = data_home / f".update-{os.getppid()}-abcd1234"
    alive.mkdir()
    downloads.remove_stale_work(data_home)
    assert alive.exists()
