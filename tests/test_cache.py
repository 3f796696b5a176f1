"""The cache of loaded catalogs (read/cache.py): the same bytes give the cached catalog,
other bytes another key; a damaged, foreign or unwritable cache is rebuilt or skipped,
never trusted, and a catalog with problems is never cached."""

import os
import pickle

from chipcmp.catalog import load
from chipcmp.read import cache


def entries():
    return sorted(cache.folder().glob("*.pickle")) if cache.folder().is_dir() else []


def test_a_clean_catalog_is_cached_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, problems = load.check(["@curated"])
    assert problems == [] and len(entries()) == 1
    second, _ = load.check(["@curated"])
    assert second.products.keys() == first.products.keys()
    assert second.products["nvidia-t4"] == first.products["nvidia-t4"]


def test_changed_bytes_are_another_key(tmp_path, monkeypatch, write):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write("products:\n  - {id: a, name: A, vendor: V, kind: chip, segment: edge}\n")
    load.check([path])
    path.write_text("products:\n  - {id: b, name: B, vendor: V, kind: chip, segment: edge}\n")
    loaded, _ = load.check([path])
    assert list(loaded.products) == ["b"] and len(entries()) == 2


def test_a_damaged_or_foreign_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load.check(["@curated"])
    (entry,) = entries()
    entry.write_bytes(b"\x80\x05not a pickle")
    loaded, problems = load.check(["@curated"])
    assert problems == [] and "nvidia-t4" in loaded.products
    entry.write_bytes(pickle.dumps({"not": "a catalog"}))
    loaded, _ = load.check(["@curated"])
    assert "nvidia-t4" in loaded.products
    assert isinstance(pickle.loads(entry.read_bytes()), load.LoadedCatalog)  # rewritten


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    loaded, problems = load.check(["@curated"])
    assert problems == [] and "nvidia-t4" in loaded.products


def test_a_catalog_with_problems_is_never_cached(tmp_path, monkeypatch, write):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write("products:\n  - {id: a, name: A, vendor: V, kind: chip, segment: edge,\n"
                 "     power: [{kind: tdp, value: 75 TOPS, source: nowhere}]}\n")
    for _ in range(2):
        _, problems = load.check([path])
        assert {p.code for p in problems} >= {"wrong-dimension"}
    assert entries() == []


def test_the_key_follows_the_code_that_reads(tmp_path, monkeypatch):
    contents = [("x.yaml", b"products: []\n")]
    before = cache.key(contents)
    assert cache.key(contents) == before
    package = tmp_path / "chipcmp"
    (package / "model").mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "1"\n')
    monkeypatch.setattr(cache, "_PACKAGE", package)
    one = cache.key(contents)
    (package / "__init__.py").write_text('__version__ = "22"\n')   # an upgrade
    assert cache.key(contents) != one != before
    assert os.path.isabs(str(cache.folder()))


def test_old_entries_are_removed(tmp_path, monkeypatch, write):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "KEEP", 2)
    path = write("products: []\n")
    for n in range(4):
        path.write_text(f"products: []\n# {n}\n")
        load.check([path])
    assert len(entries()) == 2
