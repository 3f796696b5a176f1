"""`chipcmp update` (read/downloads.py) against an HTTP server the tests start: a good
download installs the dataset, which then loads by default; a 404, a refused connection,
a body cut short, a file that is not the dataset and a damaged archive exit 2 and leave
what was installed as it was. No test reaches the internet."""

import http.server
import io
import json
import tarfile
from pathlib import Path

import pytest

from conftest import DATA, EXTERNAL, serve
from chipcmp.read import downloads

LAICS = EXTERNAL / "laics_2023.csv"
SMALL_LAICS = DATA / "datasets" / "laics_small.csv"
SLICE_ROUND = EXTERNAL / "mlperf" / "training_results_v1.0"


class Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        name = self.path.rsplit("/", 1)[-1]   # a proxied request carries the whole URL
        Handler.seen.append(self.path)
        if name == "short.csv":
            body = Handler.files["laics.csv"]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])   # then the connection closes
            return
        if name not in Handler.files:
            self.send_error(404, "Not Found")
            return
        body = Handler.files[name]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


Handler.seen = []


@pytest.fixture(scope="module")
def server():
    laics = LAICS if LAICS.is_file() else SMALL_LAICS
    archive = io.BytesIO()
    if SLICE_ROUND.is_dir():
        with tarfile.open(fileobj=archive, mode="w:gz") as tar:
            tar.add(SLICE_ROUND / "Graphcore", arcname="training_results_v1.0-abc123/Graphcore")
    Handler.files = {"laics.csv": laics.read_bytes(),
                     "page.html": b"<!DOCTYPE html><html><body>Not a CSV</body></html>",
                     "round.tar.gz": archive.getvalue(),
                     "broken.tar.gz": b"\x1f\x8b\x08 this is not gzip"}
    url, httpd = serve(Handler)
    yield url
    httpd.shutdown()


pytestmark = pytest.mark.usefixtures("data_home")


def state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*")} if folder.is_dir() else {}


def test_a_download_installs_the_dataset_which_then_loads(server, data_home, cli):
    updated = cli("update", "laics", "--url", f"{server}/laics.csv")
    assert updated.exit_code == 0
    assert "installed laics" in updated.stdout
    assert {"laics.yaml", "laics.json"} <= set(state(data_home))
    record = json.loads((data_home / "laics.json").read_text())
    assert record["sources"][0]["url"] == f"{server}/laics.csv"
    assert record["sources"][0]["size"] == len(Handler.files["laics.csv"])
    assert len(record["sources"][0]["sha256"]) == 64
    ranked = cli("rank", "--top", "1")
    assert ranked.exit_code == 0
    assert "laics-2023 " in ranked.stdout.splitlines()[0]    # named in the header
    if LAICS.is_file():
        finding = cli("find", "mythic", "--format", "json")
        assert finding.exit_code == 0
        found = json.loads(finding.stdout)
        assert found and all(r["id"].startswith("laics-") for r in found)


@pytest.mark.parametrize("url, reason", [
    ("/missing.csv", "HTTP 404"),
    ("/short.csv", "cut short"),
    ("/page.html", "not the laics dataset"),
])
def test_a_failed_update_exits_2_and_changes_nothing(server, data_home, cli, url, reason):
    assert cli("update", "laics", "--url", f"{server}/laics.csv").exit_code == 0
    before = state(data_home)
    failed = cli("update", "laics", "--url", server + url)
    assert failed.exit_code == 2
    err = failed.stderr
    assert server + url in err and reason in err and "unchanged" in err
    assert state(data_home) == before                 # no leftovers, nothing replaced


def test_a_refused_connection_exits_2(data_home, cli):
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    failed = cli("update", "laics", "--url", f"http://127.0.0.1:{port}/laics.csv")
    assert failed.exit_code == 2
    assert "cannot connect" in failed.stderr
    assert state(data_home) == {}


def test_the_proxy_variables_are_honoured(server, data_home, monkeypatch, cli):
    Handler.seen.clear()
    monkeypatch.setenv("http_proxy", server)
    assert cli("update", "laics", "--url",
               "http://datasets.example.invalid/laics.csv").exit_code == 0
    assert Handler.seen == ["http://datasets.example.invalid/laics.csv"]


def test_an_mlperf_round_from_its_archive(server, data_home, cli):
    assert cli("update", "mlperf", "--url", f"{server}/round.tar.gz").exit_code == 0
    assert cli("results", "--format", "json").exit_code == 0
    listed = cli("results", "--format", "json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    # the installed round replaces the bundled slice: Graphcore's training v1.0 only
    assert rows and {(r["round"], r["submitter"]) for r in rows} == {("training v1.0",
                                                                       "Graphcore")}
    broken = cli("update", "mlperf", "--url", f"{server}/broken.tar.gz")
    assert broken.exit_code == 2
    assert "not an archive of a results repository" in broken.stderr


def test_list_shows_each_datasets_copy(server, data_home, cli):
    listed = cli("update", "--list", "--format", "json")
    assert listed.exit_code == 0
    rows = {r["dataset"]: r for r in json.loads(listed.stdout)}
    assert rows["epoch"]["in_use"].startswith("bundled snapshot")
    assert rows["laics"]["in_use"].startswith("none")
    assert cli("update", "laics", "--url", f"{server}/laics.csv").exit_code == 0
    listed = cli("update", "--list", "--format", "json")
    assert listed.exit_code == 0
    rows = {r["dataset"]: r for r in json.loads(listed.stdout)}
    assert rows["laics"]["in_use"].startswith("installed") and rows["laics"]["size"]


def test_usage_errors(cli):
    assert cli("update").exit_code == 2
    assert cli("update", "laics", "epoch", "--url", "x").exit_code == 2
    assert cli("update", "nothing").exit_code == 2


def test_default_urls_are_the_publishers():
    assert downloads.DOWNLOADS["epoch"].urls == ("https://epoch.ai/data/ml_hardware.csv",)
    assert all(u.startswith("https://") for d in downloads.DOWNLOADS.values() for u in d.urls)
