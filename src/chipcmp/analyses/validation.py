"""The core of `chipcmp validate`: read catalog, identity and corrections files, apply the
rules, and give every problem as data (a Validation, with the exit status it means);
output/answers/validate.py renders it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chipcmp.catalog import load as catalog
from chipcmp.catalog.documents import kind_of as documents_kind_of
from chipcmp.read import bundled
from chipcmp.analyses import rules
from chipcmp.model.problems import Problem, Severity, UsageError, is_unusable


@dataclass(frozen=True)
class Validation:
    """Every problem found in the files checked, and what they mean for the exit status:
    0 clean, 1 problems found (warnings only with `strict`), 2 a file that could not be
    read at all."""

    problems: list[Problem]
    files: int
    strict: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def failed(self) -> bool:
        return self.errors > 0 or (self.strict and self.warnings > 0)

    @property
    def status(self) -> int:
        if any(is_unusable(p) for p in self.problems):
            return 2
        return 1 if self.failed else 0


def validate(paths: list[Path] | None, *, strict: bool = False, together: bool = False,
             documents: list[Path] | None = None) -> Validation:
    """Check catalog files (the curated one when none): each alone, or `together` as one
    catalog. A file whose top level is `same` and `distinct` is an identity file, one
    with `corrections` a corrections file, and each is validated as what it is."""
    # No path: the curated catalog, the file people edit (the bundled snapshots are made
    # by an import and checked by the tests that make them again).
    groups = [["@curated"]] if not paths else \
        ([list(paths)] if together else [[p] for p in paths])
    problems: list[Problem] = []
    _check_folders(documents or [])
    for group in groups:
        read = [catalog.read_document(path) for path in catalog.resolve_paths(group)]
        catalogs, identities, corrections = [], [], []
        for document, found in read:
            kind = documents_kind_of(document.data) if document is not None else "catalog"
            if kind == "identity":
                problems.extend(found)
                identities.append(document)
            elif kind == "corrections":
                problems.extend(found)
                corrections.append(document)
            else:
                catalogs.append((document, found))
        loaded = None
        if catalogs:
            with catalog.collector_paused():
                loaded, found = catalog.check_documents(catalogs)
            problems.extend(found)
            _check_named_documents(loaded, documents or [])
            problems.extend(rules.lint(loaded, documents))
        if identities:
            problems.extend(_check_identity(identities, loaded))
        if corrections:
            problems.extend(_check_corrections(corrections, loaded))
    return Validation(problems, len(paths) if paths else 1, strict)


def _check_identity(documents: list, loaded: catalog.LoadedCatalog | None) -> list[Problem]:
    """Identity files: each validated, no pair decided both same and distinct (the
    bundled decisions included), and every id one that a loaded catalog has."""
    from chipcmp.catalog import identity

    return _check_beside_bundled(identity, documents, loaded)


def _check_corrections(documents: list, loaded: catalog.LoadedCatalog | None
                       ) -> list[Problem]:
    """Corrections files: each validated, none disagreeing with another correction of the
    same record (the bundled ones included), and every record one a loaded catalog has."""
    from chipcmp.catalog import corrections

    return _check_beside_bundled(corrections, documents, loaded)


def _check_beside_bundled(kind: Any, documents: list, loaded: catalog.LoadedCatalog | None
                          ) -> list[Problem]:
    """A file of decisions about records (an identity or corrections module's `kind`):
    validated, read after the bundled file of its kind and checked for conflicts with it
    and with itself, and every record it names one that a loaded catalog has: the
    catalogs validated with it (--together), else the catalogs configured. A record in
    the namespace of a dataset that is not loaded (laics-..., when LAICS is not) is about
    a catalog not in use and is not checked."""
    found, problems = kind.check([bundled.KEYWORD])
    for document in documents:
        problems += kind.add_document(found, document)
    if any(p.severity is Severity.ERROR for p in problems):
        return problems
    problems += kind.conflicts(found)
    if loaded is None:
        from chipcmp.read import settings as config

        loaded = catalog.load(config.resolve().catalogs)
    return problems + kind.unknown_records(found, set(loaded.products),
                                           [d.path for d in documents],
                                           catalog.prefixes_not_loaded(loaded))


def _check_folders(folders: list[Path]) -> None:
    """--documents names folders that exist and hold files: a quote check against
    nothing must not pass as a clean one."""
    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"--documents {folder}: no such folder, so no quote could be "
                             "checked")
        if not any(p.is_file() for p in folder.iterdir()):
            raise UsageError(f"--documents {folder}: the folder holds no documents, so no "
                             "quote could be checked")


def _check_named_documents(loaded: catalog.LoadedCatalog, folders: list[Path]) -> None:
    """Every document a source names is in one of the folders (when there are any)."""
    if not folders:
        return
    named = sorted({s.document for s in loaded.sources.values() if s.document})
    missing = [n for n in named if not any((f / n).is_file() for f in folders)]
    if missing:
        raise UsageError(f"--documents: {', '.join(missing)} named by the catalog's sources "
                         f"not found in {', '.join(str(f) for f in folders)}; their quotes "
                         "cannot be checked")
