"""Setting the catalogs once: options, then environment, then the config file."""

import os

import pytest

from conftest import DATA
from chipcmp import config
from chipcmp.cli import main
from chipcmp.problems import CatalogError

SURVEY = str(DATA / "merge" / "survey_a.yaml")


def test_default_is_the_bundled_catalog_and_identity():
    settings = config.resolve()
    assert settings.catalogs is None and settings.identity == ["@bundled"]


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
def test_a_broken_config_file_is_a_located_error(monkeypatch, tmp_path, capsys, text, where):
    path = tmp_path / "config.toml"
    path.write_text(text)
    monkeypatch.setenv("CHIPCMP_CONFIG", str(path))
    with pytest.raises(CatalogError):
        config.resolve()
    assert main(["rank"]) == 1
    assert where in capsys.readouterr().err


def test_the_environment_reaches_every_command(monkeypatch, capsys):
    monkeypatch.setenv("CHIPCMP_CATALOG", os.pathsep.join(["@bundled", SURVEY]))
    assert main(["show", "a-t9", "--format", "json"]) == 0
    assert '"id": "a-t9"' in capsys.readouterr().out
