"""model/construct: the models built without validating are the models validation
builds, for every record chipcmp ships; and a warm load of the bundled catalogs uses it."""

import pytest

from chipcmp.catalog import load
from chipcmp.model import construct as construct_module
from chipcmp.model.construct import construct
from chipcmp.model.schema import (About, Claim, MeasuredResult, ProductSpec, Source)
from chipcmp.read import bundled
from chipcmp.read.yamlfile import parse

SECTIONS = {"products": ProductSpec, "claims": Claim, "results": MeasuredResult}


def _records():
    for path in bundled.catalog_paths():
        document, problems = parse(path.read_text(encoding="utf-8"), str(path))
        assert not problems
        data = document.data
        if "about" in data:
            yield About, data["about"]
        for item in data.get("sources", {}).values():
            yield Source, item
        for section, model in SECTIONS.items():
            for item in data.get(section, []):
                yield model, item


def test_construct_gives_what_validation_gives_for_every_bundled_record():
    records = list(_records())
    assert len(records) > 500
    for model, item in records:
        validated, built = model.model_validate(item), construct(model, item)
        assert built == validated, item
        assert built.model_dump() == validated.model_dump()
        # the same types, not only equal values (an int where a float belongs is equal)
        assert [type(v) for v in built.__dict__.values()] == \
            [type(v) for v in validated.__dict__.values()]


def test_construct_calls_each_fields_converter():
    figure = construct(ProductSpec, {"id": "x", "name": "X", "vendor": "V", "kind": "chip",
                                     "segment": "edge",
                                     "power": [{"kind": "tdp", "scope": "chip",
                                                "value": "7.5 W", "source": "s"}]})
    assert figure.power[0].value == ProductSpec.model_validate(
        {"id": "x", "name": "X", "vendor": "V", "kind": "chip", "segment": "edge",
         "power": [{"kind": "tdp", "scope": "chip", "value": "7.5 W",
                    "source": "s"}]}).power[0].value
    assert figure.compute == []   # the model's own default


def _loads_without_validating(monkeypatch):
    calls = []
    real = construct_module.construct

    def counting(model, data):
        calls.append(model)
        return real(model, data)

    monkeypatch.setattr(load, "construct", counting)
    return calls


def test_a_warm_load_of_the_bundled_catalogs_does_not_validate_them(monkeypatch):
    cold = load.load()                     # validates, and marks the cache entries
    calls = _loads_without_validating(monkeypatch)
    warm = load.load()
    assert calls                           # built without validating
    assert warm.products == cold.products and warm.claims == cold.claims
    assert warm.results == cold.results and warm.sources == cold.sources


def test_a_users_file_is_always_validated(tmp_path, monkeypatch):
    mine = tmp_path / "mine.yaml"
    mine.write_text((bundled.catalog_path()).read_text(encoding="utf-8"), encoding="utf-8")
    load.load([mine])
    calls = _loads_without_validating(monkeypatch)
    load.load([mine])
    assert calls == []


@pytest.mark.parametrize("damage", ["flag", "data"])
def test_an_entry_that_is_not_what_was_written_is_not_trusted(damage, monkeypatch):
    import json

    from chipcmp.read import cache

    load.load(["@curated"])
    raw = bundled.catalog_path().read_bytes()
    entry = cache.folder() / f"{cache.key(raw)}{cache.SUFFIX}"
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert stored["checked"] is True
    if damage == "flag":
        stored["checked"] = "yes"
    else:
        stored["extra"] = 1
    entry.write_text(json.dumps(stored), encoding="utf-8")
    calls = _loads_without_validating(monkeypatch)
    load.load(["@curated"])
    assert calls == []


def test_construct_gives_what_validation_gives_for_the_shipped_decision_files():
    from chipcmp.catalog.corrections import CorrectionsFile
    from chipcmp.catalog.identity import IdentityFile

    for model, name in ((CorrectionsFile, bundled.CORRECTIONS_FILE),
                        (IdentityFile, bundled.IDENTITY_FILE)):
        path = bundled.data_file(name)
        document, problems = parse(path.read_text(encoding="utf-8"), str(path))
        assert not problems
        assert construct(model, document.data) == model.model_validate(document.data)


def test_a_warm_load_of_the_shipped_corrections_does_not_validate_them(monkeypatch):
    from chipcmp.catalog import corrections

    first = corrections.load(["@bundled"])
    calls = _loads_without_validating(monkeypatch)
    second = corrections.load(["@bundled"])
    assert calls and [c for c, _ in second.items] == [c for c, _ in first.items]
    assert [a for a, _ in second.architectures] == [a for a, _ in first.architectures]
