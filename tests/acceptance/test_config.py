"""Setting the catalogs once: options, then environment, then the config file."""

import os

import pytest

from conftest import DATA
from chipcmp.read import settings as config
from chipcmp.model.problems import CatalogError

SURVEY = str(DATA / "merge" / "survey_a.yaml")


def test_default_is_the_bundled_catalog_and_identity():
    settings = config.resolve()
    assert settings.catalogs == ["@bundled"] and settings.identity == ["@bundled"]


def test_environment_then_option(monkeypatch):
    monkeypatch.setenv("CHIPCMP_CATALOG", os.pathsep.join(["@bundled", SURVEY]))
    assert config.resolve().catalogs == ["@bundled", SURVEY]
    assert config.resolve(["other.yaml"]).catalogs == ["other.yaml"]


def test_config_file_with_paths_relative_to_it(monkeypatch, tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('catalogs = ["@bundled", "mine.yaml"]\nprefer = ["mine"]\n')
    monkeypatch.setenv("CHIPCMP_CONFIG", str(path))
    settings = config.resolve()
    assert settings.catalogs == ["@bundled", str(tmp_path / "mine.yaml")]
    assert settings.prefer == ["mine"] and settings.origin == str(path)


@pytest.mark.parametrize("text, where", [('catalogs = "one.yaml"\n', ":1:1: error bad-value"),
                                         ('catalog = []\n', ":1:1: error unknown-key"),
                                         ('catalogs = [\n', ":2:1: error bad-config")])
def test_a_broken_config_file_is_a_located_error(monkeypatch, tmp_path, cli, text, where):
    path = tmp_path / "config.toml"
    path.write_text(text)
    monkeypatch.setenv("CHIPCMP_CONFIG", str(path))
    with pytest.raises(CatalogError):
        config.resolve()
    ranked = cli("rank")
    assert ranked.exit_code == 1
    assert where in ranked.stderr


def test_the_environment_reaches_every_command(monkeypatch, cli):
    monkeypatch.setenv("CHIPCMP_CATALOG", os.pathsep.join(["@bundled", SURVEY]))
    shown = cli("show", "a-t9", "--format", "json")
    assert shown.exit_code == 0
    assert '"id": "a-t9"' in shown.stdout


def test_a_config_named_by_the_environment_must_exist(monkeypatch, tmp_path, cli):
    monkeypatch.setenv("CHIPCMP_CONFIG", str(tmp_path / "missing.toml"))
    ranked = cli("rank")
    assert ranked.exit_code == 2
    err = ranked.stderr
    assert "missing.toml:1:1: error read-error" in err and "CHIPCMP_CONFIG" in err


def test_a_missing_config_at_the_default_place_is_no_config(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config.resolve().catalogs == ["@bundled"]


@pytest.mark.parametrize("make, code, status", [
    (lambda p: p.write_bytes(b"\x00\xff\xfe binary"), "not-utf8", 1),
    (lambda p: p.mkdir(), "not-a-file", 2),
    (lambda p: p.write_bytes(b"#" * (2 * 1024 * 1024)), "file-too-large", 2),
])
def test_config_mistakes_read_as_sentences_with_the_path(monkeypatch, tmp_path, cli,
                                                          make, code, status):
    path = tmp_path / "config.toml"
    make(path)
    monkeypatch.setenv("CHIPCMP_CONFIG", str(path))
    ranked = cli("rank")
    assert ranked.exit_code == status
    err = ranked.stderr
    assert f"{path}:" in err and f" error {code} " in err
    assert "Errno" not in err and "codec" not in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_as_config_is_refused_at_once(monkeypatch, cli):
    monkeypatch.setenv("CHIPCMP_CONFIG", "/dev/zero")
    ranked = cli("rank")
    assert ranked.exit_code == 2
    assert "/dev/zero:1:1: error not-a-file" in ranked.stderr


def test_one_catalog_given_twice_is_read_once(monkeypatch, tmp_path, cli):
    path = tmp_path / "config.toml"
    path.write_text('catalogs = ["@bundled", "@bundled"]\n')
    monkeypatch.setenv("CHIPCMP_CONFIG", str(path))
    ranked = cli("rank", "--format", "json")
    assert ranked.exit_code == 0
    assert "duplicate" not in ranked.stderr
    assert cli("rank", "--catalog", SURVEY, "--catalog", SURVEY, "--format", "json").exit_code == 0


def test_a_catalog_the_config_names_must_exist(monkeypatch, tmp_path, cli):
    path = tmp_path / "config.toml"
    path.write_text('catalogs = ["@bundled", "gone.yaml"]\n')
    monkeypatch.setenv("CHIPCMP_CONFIG", str(path))
    ranked = cli("rank")
    assert ranked.exit_code == 2
    assert "gone.yaml:1:1: error read-error" in ranked.stderr
