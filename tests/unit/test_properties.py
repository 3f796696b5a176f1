"""Property-based tests: whatever the input, a model or located problems, never an
exception; a figure printed and parsed again is the same quantity."""

import math

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chipcmp.catalog import load as catalog
from chipcmp.model.units import FAST_UNITS, Measure, QuantityKind, UnitError, parse_quantity
from chipcmp.read.yamlfile import parse

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
    from chipcmp.catalog import identity

    path = tmp_path_factory.mktemp("identity") / "identity.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    decisions, problems = identity.check([path])
    assert located(problems, text)
    if not problems:  # a valid file: its conflicts are located problems too
        assert located(identity.conflicts(decisions), text)


ID_WORDS = st.sampled_from(["a", "b", "c", "d"])
DECISION_LISTS = st.lists(st.lists(ID_WORDS, min_size=2, max_size=3, unique=True), max_size=4)


@SETTINGS
@given(DECISION_LISTS, DECISION_LISTS)
def test_any_same_and_distinct_decisions_give_one_conflict_per_contradicting_decision(
        tmp_path_factory, same, distinct):
    from chipcmp.catalog import identity

    def block(groups):
        return "".join(f"  - ids: [{', '.join(g)}]\n    reason: r\n" for g in groups)

    text = (f"same:\n{block(same)}" if same else "") + \
        (f"distinct:\n{block(distinct)}" if distinct else "")
    if not text:
        return
    path = tmp_path_factory.mktemp("identity") / "identity.yaml"
    path.write_text(text, encoding="utf-8")
    decisions, problems = identity.check([path])
    assert problems == []
    found = identity.conflicts(decisions)
    assert located(found, text)
    # what a reference union-find says: a distinct decision with two joined ids conflicts
    parent = {}

    def find(i):
        while parent.setdefault(i, i) != i:
            i = parent[i]
        return i

    for group in same:
        for other in group[1:]:
            parent[find(other)] = find(group[0])
    joined = set(parent)
    clashing = [g for g in distinct if any(
        a in joined and b in joined and find(a) == find(b)
        for n, a in enumerate(g) for b in g[n + 1:])]
    assert len(found) == len(clashing)


@SETTINGS
@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_any_config_text_is_settings_or_a_located_error(tmp_path_factory, text):
    import os

    from chipcmp.read import settings as config
    from chipcmp.model.problems import CatalogError

    path = tmp_path_factory.mktemp("config") / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
        text = text.decode("utf-8", errors="replace")
    else:
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


def _special_file(kind, folder):
    """A path that is not a regular file of reasonable size, made in `folder`."""
    import os

    path = folder / f"special-{kind.replace('/', '_')}"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "oversize":
        with open(path, "wb") as stream:
            stream.truncate(65 * 1024 * 1024)  # sparse: no time spent writing
    elif kind == "missing":
        pass
    elif kind.startswith("link-to-"):
        path.symlink_to(_special_file(kind[len("link-to-"):], folder))
    else:  # a device
        return __import__("pathlib").Path(kind)
    return path


SPECIAL = [k for k in ["directory", "fifo", "oversize", "missing", "/dev/zero", "/dev/null",
                       "link-to-fifo", "link-to-/dev/zero"]
           if not k.startswith("/") or __import__("os").path.exists(k)]


def _read_catalog(path):
    return catalog.check([path])[1]


def _read_identity(path):
    from chipcmp.catalog import identity

    return identity.check([path])[1]


def _read_config(path):
    from chipcmp.read import settings as config
    from chipcmp.model.problems import CatalogError

    try:
        config.read_config(path, explicit=True)
    except CatalogError as error:
        return error.problems
    return []


def _read_dataset(path):
    from chipcmp.read import importers

    return importers.import_file("laics", path).problems


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([_read_catalog, _read_identity, _read_config, _read_dataset]),
       st.sampled_from(SPECIAL))
def test_every_reader_refuses_special_files_with_an_unusable_code(tmp_path_factory, read,
                                                                  kind):
    from chipcmp.model.problems import is_unusable

    if kind != "/dev/null" and "fifo" in kind and not hasattr(__import__("os"), "mkfifo"):
        return
    path = _special_file(kind, tmp_path_factory.mktemp("special"))
    problems = read(path)
    # /dev/null is an empty character device: refused like any device, never read as
    # an empty file
    assert problems and all(is_unusable(p) for p in problems), problems
    assert all((p.line, p.col) == (1, 1) for p in problems)
