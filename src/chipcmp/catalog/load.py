"""Loading catalogs: read, validate item by item, resolve references, locate problems.

One file or several: ids share one namespace across the files loaded together, so a
claim in one file may name a product in another, and an id defined twice is an error
at the second definition. Every problem of every file is collected; a file that
cannot be read or parsed is one problem, and the other files are still checked.
"""

from __future__ import annotations

import difflib
import functools
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel, ValidationError

from chipcmp.catalog.documents import CATALOG_KEYS
from chipcmp.read import bundled, cache, inputs
from chipcmp.model import precision
from chipcmp.model.construct import construct

from chipcmp.model.schema import (About, AcceleratorPrice, Claim, MeasuredResult, ProductSpec,
                                  Source)
from chipcmp.model.problems import CatalogError, Problem, Severity, error
from chipcmp.read.yamlfile import Document, decode, parse

TOP_LEVEL_KEYS = CATALOG_KEYS
SECTION_MODELS = {"product": ProductSpec, "claim": Claim, "result": MeasuredResult,
                  "price": AcceleratorPrice}


@dataclass
class Origin:
    """Where an item was defined: for locating later problems about it."""

    document: Document
    path: tuple[Any, ...]

    def locate(self, *more: Any, key: bool = False) -> tuple[str, int, int]:
        line, col = self.document.locate(self.path + more, key=key)
        return self.document.path, line, col


@dataclass
class LoadedCatalog:
    sources: dict[str, Source] = field(default_factory=dict)
    products: dict[str, ProductSpec] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)  # schema.MeasuredResult by id
    prices: dict[str, Any] = field(default_factory=dict)  # schema.AcceleratorPrice by id
    claims: dict[str, Claim] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    cited_sources: set[str] = field(default_factory=set)  # also by items that failed
    about: dict[str, About] = field(default_factory=dict)  # by file, where a file says
    file_of: dict[str, str] = field(default_factory=dict)  # product id -> its file
    corrections: list[Any] = field(default_factory=list)  # corrections.Applied, if any
    bundled_path: Path = field(default_factory=bundled.catalog_path)
    replaced: dict[str, str] = field(default_factory=dict)  # bundled file -> the file used
    documents: list[Document] = field(default_factory=list)  # while being checked only


def prefixes_not_loaded(catalog: LoadedCatalog) -> tuple[str, ...]:
    """The id prefixes of the datasets whose catalogs are not loaded (laics-, when LAICS
    is not): a record id in one of them is about a catalog not in use, not a typo; the
    bundled identity and corrections files speak of datasets a user may never import."""
    from chipcmp.read.importers import IMPORTERS

    names = {about.name for about in catalog.about.values()}
    return tuple(d.id_prefix for d in IMPORTERS.values() if d.name not in names)


def unknown_records(named: Iterable[tuple[str, Any]], known: set[str],
                    not_loaded: tuple[str, ...], code: str, why: str) -> list[Problem]:
    """A problem for each (record id, locate) that a file (identity, corrections) names
    and no loaded catalog has (`known`): a typo, or a catalog that is not loaded. An id
    in the namespace of a dataset that is not loaded is not checked. `why`: what the
    mistake would do."""
    return [error(*locate(), code, f"no loaded catalog has a record {record!r}{why}; fix "
                                   "the id, or load the catalog it is in (--together with "
                                   "it, or the catalogs configured)")
            for record, locate in named
            if record not in known and not record.startswith(not_loaded)]


def load(paths: Iterable[str | Path] | None = None) -> LoadedCatalog:
    """The catalog from `paths` (the bundled one when None), or CatalogError with every
    problem when any error was found. Warnings do not stop loading."""
    catalog, problems = check(paths)
    if any(p.severity is Severity.ERROR for p in problems):
        raise CatalogError(problems)
    return catalog


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalog is built. Loading creates
    millions of objects that live on (nodes, dicts, models) and none of them form
    cycles, yet each generation-2 collection walks all of them: at 10,000 products the
    collector took three quarters of the load time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve_paths(paths: Iterable[str | Path] | None) -> list[Path]:
    """Catalog paths, a keyword (`@bundled`, `@curated`, `@epoch`, `@mlperf`; no paths at
    all: `@bundled`) standing for the bundled files it names. A file named twice (also
    through another spelling or a link) is read once: its ids would otherwise all be
    duplicates of themselves."""
    chosen: dict[str, Path] = {}
    for raw in (paths if paths is not None else [bundled.KEYWORD]):
        found = bundled.catalog_paths(str(raw)) if bundled.is_catalog_keyword(raw) \
            else [Path(raw)]
        for path in found:
            chosen.setdefault(os.path.realpath(path), path)
    return list(chosen.values())


def check(paths: Iterable[str | Path] | None = None) -> tuple[LoadedCatalog, list[Problem]]:
    """Load and validate `paths` together; return what was valid and every problem. A
    file parsed before comes from the cache of parsed files (read/cache.py), and is
    validated all the same, except a bundled file whose cached data validated before
    (its models are built as validation would build them: model/construct.py); where
    cached data has a problem, the files are read again."""
    with collector_paused():
        resolved = resolve_paths(paths)
        catalog, problems = _check_paths(resolved, cached=True)
        if problems:
            failed = {p.path for p in problems}
            doubtful = [doc for doc in catalog.documents
                        if doc.from_cache and doc.path in failed]
            if doubtful:  # not what the file parses into: parsed again, entry dropped
                for document in doubtful:
                    cache.forget(document.raw)  # type: ignore[arg-type]
                catalog, problems = _check_paths(resolved, cached=False)
        catalog.documents = []
        return catalog, problems


def _check_paths(resolved: list[Path], cached: bool) -> tuple[LoadedCatalog, list[Problem]]:
    read = [(path, read_document(path, cached=cached)) for path in resolved]
    kept, replaced = replace_snapshots(read)
    catalog, problems = check_documents(kept, keep_data=cached)
    catalog.replaced = replaced
    if cached:
        for document in catalog.documents:
            remember(document, problems)
            document.release()
    return catalog, problems


def replace_snapshots(read: list[tuple[Path, tuple[Document | None, list[Problem]]]]
                      ) -> tuple[list[tuple[Document | None, list[Problem]]], dict[str, str]]:
    """Drop a bundled snapshot of a dataset that a user's file also holds (the same
    `about: name`, such as their own `chipcmp import epoch` or one `chipcmp update`
    installed): theirs is used, and which replaced which is returned."""
    shipped = bundled.bundled_files()

    def name(document: Document | None) -> str | None:
        about = document.data.get("about") if document is not None and \
            isinstance(document.data, dict) else None
        value = about.get("name") if isinstance(about, dict) else None
        return value if isinstance(value, str) else None

    users = {name(doc): str(path) for path, (doc, _) in read
             if os.path.realpath(path) not in shipped and name(doc)}
    kept, replaced = [], {}
    for path, (document, problems) in read:
        own = name(document)
        if os.path.realpath(path) in shipped and own in users:
            replaced[str(path)] = users[own]
            continue
        kept.append((document, problems))
    return kept, replaced


def check_documents(read: list[tuple[Document | None, list[Problem]]], keep_data: bool = False
                    ) -> tuple[LoadedCatalog, list[Problem]]:
    """Validate documents already read (with the problems of reading them) as one
    catalog. `keep_data`: the documents' data stays for the caller (to cache it)."""
    catalog = LoadedCatalog()
    problems: list[Problem] = []
    raw_items: list[tuple[str, dict[str, Any], Origin]] = []
    documents: list[Document] = []
    for document, file_problems in read:
        problems.extend(file_problems)
        if document is None:
            continue
        catalog.files.append(document.path)
        documents.append(document)
        problems.extend(_validate_document(document, catalog, raw_items))
    problems.extend(_check_references(catalog, raw_items))
    catalog.documents = documents
    if not keep_data:
        for document in documents:
            document.release()  # what stays is the models; locate() re-reads the text
    problems.sort(key=lambda p: (p.path, p.line, p.col, p.code))
    return catalog, problems


def read_document(path: Path, not_a_mapping: str = "the top level must be a mapping with "
                  "sources, products and claims", what: str = "catalog",
                  cached: bool = False, trusted_only: bool = False
                  ) -> tuple[Document | None, list[Problem]]:
    """Read and parse one file; every failure is a located problem, never an exception.
    `cached`: the parse may come from, and go to, the cache of parsed files;
    `trusted_only`: only an entry of a shipped file that validated is taken (a file
    whose reader does not read it again on doubt: identity and corrections files)."""
    name = str(path)
    raw, problems = inputs.read_problems(path, inputs.MAX_FILE_BYTES, what)
    if raw is None:
        return None, problems
    text, problems = decode(raw, name)
    if text is None:
        return None, problems
    entry = cache.get(raw) if cached else cache.MISS
    checked = entry is not cache.MISS and entry.checked and _shipped(path)
    if trusted_only and not checked:
        entry = cache.MISS  # only a shipped file's entry that validated is taken here
    if entry is not cache.MISS:
        document = Document(name, entry.data, text, raw=raw, from_cache=True, checked=checked)
        problems = []
    else:
        document, problems = parse(text, name)
        if cached and document is not None and not problems:
            document.raw = raw  # kept in the cache once it validated (check)
    if document is not None and not isinstance(document.data, dict):
        line, col = document.locate(())
        return None, problems + [error(name, line, col, "not-a-mapping", not_a_mapping)]
    return document, problems


def read_shipped(path: Path, not_a_mapping: str, what: str
                 ) -> tuple[Document | None, list[Problem]]:
    """Read an identity or corrections file: a file chipcmp ships from its cached parse
    when that validated before (its models then built without validating again), any
    other file parsed; `remember` keeps a shipped file's parse once it validated."""
    return read_document(path, not_a_mapping, what, cached=_shipped(path), trusted_only=True)


def remember(document: Document | None, problems: list[Problem]) -> None:
    """Keep a document's parse in the cache of parsed files once it read without a
    problem; a file chipcmp ships is marked as validated (also when its parse came from
    an entry not yet marked). A document read from a marked entry is left as it is."""
    if document is None or document.raw is None or document.checked or \
            any(p.path == document.path for p in problems):
        return
    shipped = _shipped(document.path)
    if not document.from_cache or shipped:
        cache.put(document.raw, document.data, checked=shipped)


def _shipped(path: str | Path) -> bool:
    return os.path.realpath(path) in bundled.shipped_files()


def _validate_document(document: Document, catalog: LoadedCatalog,
                       raw_items: list[tuple[str, dict[str, Any], Origin]]) -> list[Problem]:
    problems: list[Problem] = []
    data: dict[str, Any] = document.data
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.append(_at(document, (key,), "unknown-key",
                                f"unknown top-level key {key!r}"
                                f"{_did_you_mean(key, TOP_LEVEL_KEYS)}; "
                                f"expected {', '.join(TOP_LEVEL_KEYS)}", key=True))
    if "about" in data:
        about = data["about"]
        if not isinstance(about, dict):
            problems.append(_at(document, ("about",), "bad-value",
                                "'about' is a mapping: name, kind, title, url, licence, "
                                "attribution"))
        else:
            model, about_problems = validate_section(About, about, document, ("about",))
            problems.extend(about_problems)
            if model is not None:
                catalog.about[document.path] = model
    sections = {"sources": dict, "products": list, "claims": list, "results": list,
                "prices": list}
    for section, expected in sections.items():
        value = data.get(section)
        if value is None:
            continue
        if not isinstance(value, expected):
            problems.append(_at(document, (section,), "bad-value",
                                f"'{section}' must be a {'mapping of id to source' if expected is dict else 'list'}"))
            continue
        items = value.items() if expected is dict else enumerate(value)
        for index, item in items:
            path = (section, index)
            if section == "sources":
                if not isinstance(item, dict):
                    problems.append(_at(document, path, "bad-value", "a source is a mapping"))
                    continue
                raw_items.append(("source", {"id": index, **item}, Origin(document, path)))
                model, item_problems = validate_section(Source, item, document, path)
            else:
                if not isinstance(item, dict):
                    problems.append(_at(document, path, "bad-value",
                                        f"each entry of '{section}' is a mapping"))
                    continue
                kind = section[:-1]  # product, claim, result, price
                raw_items.append((kind, item, Origin(document, path)))
                model, item_problems = validate_section(SECTION_MODELS[kind], item, document,
                                                        path)
            problems.extend(item_problems)
            if model is not None:
                _add(catalog, section, index if section == "sources" else model.id, model,
                     Origin(document, path))
    return problems


def _add(catalog: LoadedCatalog, section: str, item_id: str, model: Any, origin: Origin) -> None:
    table = getattr(catalog, section)
    kind = section[:-1]
    if item_id not in table:  # a duplicate is reported by _check_references
        table[item_id] = model
        catalog.origins[(kind, item_id)] = origin
        if kind == "product":
            catalog.file_of[item_id] = origin.document.path


def validate_section(model: type[BaseModel], item: dict[str, Any], document: Document,
                     path: tuple[Any, ...], top_level: Iterable[str] = ()
                     ) -> tuple[Any, list[Problem]]:
    """Validate one part of a document against a model; every problem located. With
    `top_level`, an unknown key is suggested from those. A document known to validate
    (Document.checked) gives its models without validating again."""
    if document.checked:
        return construct(model, item), []
    try:
        return model.model_validate(item), []
    except ValidationError as exc:
        return None, [_problem_from_error(e, item, document, path, tuple(top_level))
                      for e in exc.errors()]


_PYDANTIC_CODES = {"extra_forbidden": "unknown-key", "missing": "missing-key",
                   "literal_error": "bad-choice", "enum": "bad-choice",
                   "string_pattern_mismatch": "bad-format"}


def _problem_from_error(err: dict[str, Any], item: Any, document: Document,
                        base: tuple[Any, ...], top_level: tuple[str, ...] = ()) -> Problem:
    loc = _data_path(item, err["loc"])
    code = _PYDANTIC_CODES.get(err["type"], err["type"] if "-" in err["type"] else "bad-value")
    name = next((str(step) for step in reversed(loc) if isinstance(step, str)), "")
    if code == "unknown-key":
        choices = top_level if len(loc) == 1 and top_level else _field_names()
        message = f"unknown key {name!r}{_did_you_mean(name, choices)}"
        return _at(document, base + loc, code, message, key=True)
    if code == "missing-key":
        return _at(document, base + loc[:-1], code, f"missing required key {name!r}")
    detail = err["msg"]
    if code == "bad-format" and name in ("id", "source", "product", "subject", "baseline"):
        detail = f"{item_value(item, loc)!r} is not a valid id: use lower-case letters, " \
                 "digits, '.', '_' and '-'"
    elif code == "bad-format" and name == "precision":
        detail = f"unknown precision {item_value(item, loc)!r}: use {precision.LABEL_HELP}"
    return _at(document, base + loc, code, f"{name}: {detail}" if name else detail)


def item_value(item: Any, loc: tuple[Any, ...]) -> Any:
    for step in loc:
        item = item[step]
    return item


def _data_path(item: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the steps of a pydantic error location that exist in the data (pydantic adds
    names of union members and validators that are not keys)."""
    path: list[Any] = []
    node = item
    for step in loc:
        if isinstance(node, dict) and step in node:
            node = node[step]
            path.append(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
            path.append(step)
        elif isinstance(node, dict) and isinstance(step, str) and step.isidentifier():
            path.append(step)  # a missing or unknown key: the name is still the place
            break
    return tuple(path)


@functools.cache
def _field_names() -> list[str]:
    from chipcmp.model import schema as model

    names: set[str] = set()
    for cls in vars(model).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            names.update(cls.model_fields)
    return sorted(names)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _at(document: Document, path: tuple[Any, ...], code: str, message: str,
        key: bool = False) -> Problem:
    line, col = document.locate(path, key=key)
    return error(document.path, line, col, code, message)


def _check_references(catalog: LoadedCatalog,
                      raw_items: list[tuple[str, dict[str, Any], Origin]]) -> list[Problem]:
    """Duplicate ids and dangling references, checked on the raw data so that an item
    with other errors still has its references checked."""
    problems: list[Problem] = []
    ids: dict[str, dict[str, Origin]] = {"source": {}, "product": {}, "claim": {},
                                         "result": {}, "price": {}}
    for kind, item, origin in raw_items:
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        first = ids[kind].get(item_id)
        if first is not None:
            where = origin.path + (() if kind == "source" else ("id",))
            path, line, col = origin.locate(*where[len(origin.path):], key=kind == "source")
            first_path, first_line, _ = first.locate(key=kind == "source")
            problems.append(error(path, line, col, "duplicate-id",
                                  f"{kind} id {item_id!r} is already defined at "
                                  f"{first_path}:{first_line}"))
        else:
            ids[kind][item_id] = origin
    for kind, item, origin in raw_items:
        if kind == "source":
            continue
        for sub_path, key, value in _references(item):
            target = "source" if key == "source" else "product"
            if target == "source" and isinstance(value, str):
                catalog.cited_sources.add(value)
            if isinstance(value, str) and value not in ids[target]:
                path, line, col = origin.locate(*sub_path, key)
                problems.append(error(
                    path, line, col, f"unknown-{target}",
                    f"{key} {value!r} is not a {target} id in this catalog"
                    f"{_did_you_mean(value, ids[target])}"))
            elif key == "source" and isinstance(value, str) and "quote" not in _parent(item, sub_path):
                source = catalog.sources.get(value)
                if source is not None and source.document is not None:
                    path, line, col = origin.locate(*sub_path, key, key=True)
                    problems.append(error(path, line, col, "missing-quote",
                                          f"a figure from document {source.document!r} needs "
                                          "the verbatim 'quote' it was read from"))
    return problems


_REFERENCE_KEYS = {"source", "product", "subject", "baseline"}


def _references(item: Any, path: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], str, Any]]:
    """(path of the containing mapping, key, id) for every reference in a raw item."""
    if isinstance(item, dict):
        for key, value in item.items():
            if key in _REFERENCE_KEYS and isinstance(value, str):
                if key == "product" and not path[-2:-1] == ("contains",):
                    continue
                yield path, key, value
            elif isinstance(value, (dict, list)) and key != "inferred":  # inferred: prose
                yield from _references(value, path + (key,))
    elif isinstance(item, list):
        for index, value in enumerate(item):
            yield from _references(value, path + (index,))


def _parent(item: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        item = item[step]
    return item
