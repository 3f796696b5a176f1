"""Property-based tests: whatever the input, a model or located problems, never an
exception; a figure printed and parsed again is the same quantity."""

import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipcmp import catalog
from chipcmp.units import FAST_UNITS, Measure, QuantityKind, UnitError, parse_quantity
from chipcmp.yamlread import parse

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
YAML_CHARS = st.sampled_from(list("abc:- []{}#&*!|>'\"%@`,?\n\t 0123456789.eE+") +
                             ["TOPS", "W", "nm", "int8", "products", "sources", "claims",
                              "id", "source", "\u00a0", "\ufeff", "é", "加"])


def located(problems, text):
    lines = text.count("\n") + 2
    return all(1 <= p.line <= lines and p.col >= 1 and p.code for p in problems)


@SETTINGS
@given(st.text())
def test_any_text_parses_or_gives_located_problems(text):
    document, problems = parse(text, "t.yaml")
    assert document is not None or problems
    assert located(problems, text)


@SETTINGS
@given(st.lists(YAML_CHARS, max_size=60).map("".join))
def test_yaml_like_text_never_raises(text):
    document, problems = parse(text, "t.yaml")
    assert located(problems, text)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["200 TOPS", "75 W", "7 nm",
                                                           "int8", "min", "chip", "s", "p"]))
KEYS = st.sampled_from(["id", "name", "vendor", "kind", "segment", "compute", "power",
                        "precision", "peak", "value", "source", "quote", "bound", "scope",
                        "contains", "product", "count", "ratio", "subject", "baseline",
                        "metric", "title", "url", "document", "colour"])
TREES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)), max_leaves=25)
CATALOGS = st.fixed_dictionaries({}, optional={
    "sources": st.dictionaries(st.sampled_from(["s", "t", "S!"]), TREES, max_size=3),
    "products": st.lists(TREES, max_size=4),
    "claims": st.lists(TREES, max_size=3),
})


@SETTINGS
@given(CATALOGS)
def test_any_catalog_shape_gives_a_catalog_or_located_problems(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("cat") / "c.yaml"
    text = yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    loaded, problems = catalog.check([path])
    assert located(problems, text)
    if not problems:
        assert all(p.id for p in loaded.products.values())


UNIT_SPELLINGS = st.sampled_from(sorted(FAST_UNITS))


@SETTINGS
@given(st.text(max_size=30), st.sampled_from(list(QuantityKind)))
def test_any_quantity_text_parses_or_raises_unit_error(text, kind):
    try:
        measure = parse_quantity(text, kind)
    except UnitError as exc:
        assert exc.code and exc.message
    else:
        assert math.isfinite(measure.value)


@SETTINGS
@given(st.floats(min_value=1e-9, max_value=1e12, allow_nan=False), UNIT_SPELLINGS)
def test_printing_and_parsing_back_gives_the_same_quantity(number, unit):
    kind = FAST_UNITS[unit][0]
    measure = parse_quantity(f"{number!r} {unit}", kind)
    again = parse_quantity(str(measure), kind)
    assert again == measure
    assert isinstance(again, Measure)


IDENTITY_TREES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.sampled_from(["same", "distinct", "ids", "reason", "x"]), children,
                    max_size=4)), max_leaves=20)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["same", "distinct", "sames"]), IDENTITY_TREES,
                       min_size=1, max_size=3))
def test_any_identity_file_shape_gives_decisions_or_located_problems(tmp_path_factory, data):
    from chipcmp import identity

    path = tmp_path_factory.mktemp("identity") / "identity.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    decisions, problems = identity.check([path])
    assert located(problems, text)


@SETTINGS
@given(st.text(max_size=200))
def test_any_config_text_is_settings_or_a_located_error(tmp_path_factory, text):
    import os

    from chipcmp import config
    from chipcmp.problems import CatalogError

    path = tmp_path_factory.mktemp("config") / "config.toml"
    path.write_text(text, encoding="utf-8")
    old = os.environ.get("CHIPCMP_CONFIG")
    os.environ["CHIPCMP_CONFIG"] = str(path)
    try:
        config.resolve()
    except CatalogError as error:
        assert located(error.problems, text)
    finally:
        if old is None:
            del os.environ["CHIPCMP_CONFIG"]
        else:
            os.environ["CHIPCMP_CONFIG"] = old
