"""The cache of parsed files (read/cache.py): the same bytes give the cached data, other
bytes another key; an entry is plain JSON that runs no code, and a damaged, planted,
foreign or unwritable one is rebuilt or skipped, never trusted; data that does not
validate as the file's own parse is read again from the file."""

import json
import os
import pickle

from hypothesis import HealthCheck, given, settings, strategies as st

from chipcmp.catalog import load
from chipcmp.read import bundled, cache

CURATED = bundled.catalog_path()


def entries():
    return sorted(cache.folder().glob("*.json")) if cache.folder().is_dir() else []


def stored(data, checked=False):
    """An entry as the cache writes one."""
    return {"data": data, "checked": checked}


def entry_of(path):
    return cache.folder() / f"{cache.key(path.read_bytes())}.json"


def test_a_clean_catalog_is_cached_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, problems = load.check(["@curated"])
    assert problems == [] and entries() == [entry_of(CURATED)]
    second, _ = load.check(["@curated"])
    assert second.products.keys() == first.products.keys()
    assert second.products["nvidia-t4"] == first.products["nvidia-t4"]
    assert second.sources == first.sources  # dates read back as dates


def test_an_entry_is_plain_json_of_the_parsed_data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load.check(["@curated"])
    stored = json.loads(entry_of(CURATED).read_text(encoding="utf-8"))
    assert set(stored) == {"data", "checked"}
    assert {"sources", "products", "claims"} <= set(stored["data"])
    assert stored["checked"] is True   # a bundled file that validated
    assert not list(cache.folder().glob("*.pickle"))


def test_a_planted_pickle_runs_nothing(tmp_path, monkeypatch):
    """A file planted under a real entry's name (or the old pickle format's) that would
    create a file when unpickled: the command works and nothing is created."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    payload = pickle.dumps(Exploit())
    cache.folder().mkdir(parents=True)
    entry_of(CURATED).write_bytes(payload)
    (cache.folder() / f"{cache.key(CURATED.read_bytes())}.pickle").write_bytes(payload)
    loaded, problems = load.check(["@curated"])
    assert problems == [] and "nvidia-t4" in loaded.products
    assert not marker.exists()


def test_planted_data_that_does_not_validate_is_read_again(tmp_path, monkeypatch, write):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write("products:\n  - {id: a, name: A, vendor: V, kind: chip, segment: edge}\n")
    cache.folder().mkdir(parents=True)
    entry_of(path).write_text(json.dumps(stored(
        {"products": [{"id": "a", "name": "A", "vendor": "V", "kind": "chip",
                       "segment": "edge", "power": [{"value": "75 TOPS"}]}]})))
    loaded, problems = load.check([path])
    assert problems == [] and list(loaded.products) == ["a"]
    assert not entry_of(path).exists()  # the doubtful entry was dropped


def test_changed_bytes_are_another_key(tmp_path, monkeypatch, write):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = write("products:\n  - {id: a, name: A, vendor: V, kind: chip, segment: edge}\n")
    load.check([path])
    path.write_text("products:\n  - {id: b, name: B, vendor: V, kind: chip, segment: edge}\n")
    loaded, _ = load.check([path])
    assert list(loaded.products) == ["b"] and len(entries()) == 2


def test_special_files_at_an_entrys_name_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache.folder().mkdir(parents=True)
    os.mkfifo(entry_of(CURATED))   # a reader would wait for a writer for ever
    loaded, problems = load.check(["@curated"])
    assert problems == [] and "nvidia-t4" in loaded.products
    os.unlink(entry_of(CURATED))
    os.symlink("/dev/zero", entry_of(CURATED))   # would never end
    loaded, problems = load.check(["@curated"])
    assert problems == [] and "nvidia-t4" in loaded.products


def test_a_huge_or_deep_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    raw = CURATED.read_bytes()
    cache.folder().mkdir(parents=True)
    entry_of(CURATED).write_text("[" * 100_000 + "]" * 100_000)
    assert cache.get(raw) is cache.MISS
    deep: list = []
    for _ in range(100):
        deep = [deep]
    entry_of(CURATED).write_text(json.dumps(stored({"a": deep})))
    assert cache.get(raw) is cache.MISS   # deeper than any parse gives
    entry_of(CURATED).write_bytes(b" " * (len(raw) * cache.MAX_ENTRY_FACTOR
                                         + cache.MAX_ENTRY_SLACK + 1))
    assert cache.get(raw) is cache.MISS
    entry_of(CURATED).write_text(json.dumps(stored({"x": {"\x00date": 20}})))
    assert cache.get(raw) is cache.MISS


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planted=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                         st.recursive(st.none() | st.booleans() | st.integers()
                                      | st.floats() | st.text(max_size=8),
                                      lambda inner: st.lists(inner, max_size=4)
                                      | st.dictionaries(st.text(max_size=6), inner,
                                                        max_size=4),
                                      max_leaves=30).map(
                                          lambda v: json.dumps(stored(v)).encode())))
def test_any_planted_entry_runs_nothing_and_never_breaks_a_load(tmp_path, monkeypatch, planted):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = ("sources:\n  s: {title: S, url: 'https://example.com', published: 2021-05-04}\n"
            "products:\n  - {id: a, name: A, vendor: V, kind: chip, segment: edge,\n"
            "     power: [{kind: tdp, scope: chip, value: 5 W, source: s}]}\n")
    path = tmp_path / "catalog.yaml"
    path.write_text(text)
    cache.folder().mkdir(parents=True, exist_ok=True)
    entry_of(path).write_bytes(planted)
    loaded, problems = load.check([path])
    assert problems == []
    if list(loaded.products) != ["a"]:  # only a planted catalog that validates in full
        planted_data = json.loads(planted)["data"]
        assert isinstance(planted_data, dict)
        assert len(loaded.products) == len(planted_data.get("products") or [])
    else:
        assert loaded.products["a"].power[0].value.value == 5.0


def test_a_cache_others_can_write_is_not_read(tmp_path, monkeypatch):
    """Entries in a folder that other users can write (a shared or careless
    XDG_CACHE_HOME) may be anyone's: the cache is not used there."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache.folder().mkdir(parents=True)
    entry_of(CURATED).write_text(json.dumps(stored({"products": []})))  # not the file's
    cache.folder().chmod(0o777)
    loaded, problems = load.check(["@curated"])
    assert problems == [] and "nvidia-t4" in loaded.products
    assert json.loads(entry_of(CURATED).read_text())["data"] == {"products": []}  # kept
    cache.folder().chmod(0o700)
    entry_of(CURATED).chmod(0o666)
    loaded, _ = load.check(["@curated"])
    assert "nvidia-t4" in loaded.products


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


def test_the_key_holds_the_versions_and_the_code_that_reads(tmp_path, monkeypatch):
    raw = b"products: []\n"
    before = cache.key(raw)
    assert cache.key(raw) == before
    package = tmp_path / "chipcmp"
    (package / "read").mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "1"\n')
    monkeypatch.setattr(cache, "_PACKAGE", package)
    cache._environment.cache_clear()
    one = cache.key(raw)
    (package / "__init__.py").write_text('__version__ = "22"\n')   # an upgrade
    cache._environment.cache_clear()
    assert cache.key(raw) != one != before
    import yaml

    monkeypatch.setattr(yaml, "__version__", "0.0-another")
    cache._environment.cache_clear()
    assert cache.key(raw) not in (one, before)
    monkeypatch.undo()
    cache._environment.cache_clear()
    assert os.path.isabs(str(cache.folder()))


def test_old_entries_are_removed(tmp_path, monkeypatch, write):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "KEEP", 2)
    cache.folder().mkdir(parents=True)
    (cache.folder() / "0123.pickle").write_bytes(b"an entry of the old format")
    path = write("products: []\n")
    for n in range(4):
        path.write_text(f"products: []\n# {n}\n")
        load.check([path])
    assert len(entries()) == 2
    assert not list(cache.folder().glob("*.pickle"))
