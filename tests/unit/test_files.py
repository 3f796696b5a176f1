"""--output writes only where a user expects: a file atomically, through a link to its
target, to a FIFO or character device as a stream; it never replaces a link, FIFO or
device with a regular file."""

import os
import stat
import threading

import pytest

from chipcmp.output.writing import OutputError, write_atomically


def test_a_regular_file_is_replaced_whole_keeping_its_mode(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new")
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["out.csv"]  # no temporary file left


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path, cli):
    target, link = tmp_path / "target.csv", tmp_path / "link.csv"
    target.write_text("old")
    link.symlink_to(target)
    assert cli("export", "--output", link).exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("id,")


def test_a_dangling_symlink_creates_its_target(tmp_path):
    target, link = tmp_path / "made.csv", tmp_path / "link.csv"
    link.symlink_to(target)
    write_atomically(link, "x")
    assert link.is_symlink() and target.read_text() == "x"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_stays_a_fifo_and_its_reader_gets_the_output(tmp_path, cli):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert cli("export", "--format", "json", "--output", fifo).exit_code == 0
    reader.join(timeout=30)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].lstrip().startswith("[")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_a_character_device_is_written_in_place():
    write_atomically(__import__("pathlib").Path("/dev/null"), "x")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_device_that_refuses_the_write_is_an_error_and_stays_a_device(cli):
    exported = cli("export", "--output", "/dev/full")
    assert exported.exit_code == 2
    assert "cannot write /dev/full" in exported.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(OutputError, match="directory"):
        write_atomically(tmp_path, "x")
    assert tmp_path.is_dir()


def test_a_symlink_loop_is_an_error(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(OutputError, match="cannot write"):
        write_atomically(a, "x")
    assert a.is_symlink() and b.is_symlink()
