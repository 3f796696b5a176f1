"""Identity files: decisions, made by people, about which records across catalogs are one
product and which are not, each with its reason.

    same:
      - ids: [laics-nvidia-h100-card, epoch-nvidia-h100-sxm5-80gb]
        reason: LAICS gives its H100 700 W; only the SXM5 is a 700 W part
    distinct:
      - ids: [laics-amd-mi300-card, epoch-amd-radeon-instinct-mi300]
        reason: ...

A `same` group is merged whatever the automatic rules say (a name without its variant,
two kinds, two records of one catalog); a `distinct` group is never merged, not even
through a third record. Decisions name record ids; a decision whose ids are not loaded
does nothing (the catalogs it is about are not in use), but `validate` reports every id
that no loaded catalog has (a typo would otherwise do nothing, silently). A pair decided
both same and distinct is an error wherever the files are read. The bundled identity file
(data/identity.yaml) holds the decisions the bundled catalog and the public datasets need.
Files are read and validated like catalogs: every problem located.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Iterable

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from chipcmp.catalog.documents import IDENTITY_KEYS
from chipcmp.read import bundled
from chipcmp.model.groups import UnionFind
from chipcmp.model.schema import Id, Strict, Text, empty
from chipcmp.model.problems import CatalogError, Problem, Severity, error

KEYS = IDENTITY_KEYS


class Decision(Strict):
    ids: Annotated[list[Id], Field(min_length=2)]
    reason: Text

    @field_validator("ids")
    @classmethod
    def _each_id_once(cls, ids: list[str]) -> list[str]:
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise PydanticCustomError("duplicate-id", "{detail}", {
                "detail": f"{', '.join(twice)} named twice in one decision"})
        return ids


class IdentityFile(Strict):
    """The top level of an identity file."""

    same: list[Decision] = empty()
    distinct: list[Decision] = empty()


@dataclass
class Decisions:
    same: list[tuple[Decision, str]] = field(default_factory=list)      # (decision, file)
    distinct: list[tuple[Decision, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Where each decision was written, for locating problems found later: by id() of the
    # decision, its document and path in it (("same", 0) ...).
    origins: dict[int, tuple[Any, tuple[Any, ...]]] = field(default_factory=dict)

    def locate(self, decision: Decision, *more: Any) -> tuple[str, int, int]:
        document, path = self.origins[id(decision)]
        line, col = document.locate(path + more)
        return document.path, line, col


NOT_A_MAPPING = "the top level must be a mapping with 'same' and 'distinct' lists"


def check(paths: Iterable[str | Path]) -> tuple[Decisions, list[Problem]]:
    """Read and validate identity files; every problem located."""
    from chipcmp.catalog.load import read_shipped, remember

    decisions, problems = Decisions(), []
    for raw in paths:
        path = bundled.identity_path() if bundled.is_keyword(raw) else Path(raw)
        document, found = read_shipped(path, NOT_A_MAPPING, "identity file")
        if document is not None:
            found = found + add_document(decisions, document)
            remember(document, found)
        problems.extend(found)
    return decisions, problems


def add_document(decisions: Decisions, document) -> list[Problem]:
    """Validate one parsed identity file and add its decisions."""
    from chipcmp.catalog.load import validate_section

    decisions.files.append(document.path)
    model, problems = validate_section(IdentityFile, document.data, document, (),
                                       top_level=KEYS)
    if model is not None:
        for section in KEYS:
            made = getattr(model, section)
            getattr(decisions, section).extend((d, document.path) for d in made)
            for index, decision in enumerate(made):
                decisions.origins[id(decision)] = (document, (section, index))
    return problems


def conflicts(decisions: Decisions) -> list[Problem]:
    """Records decided both one product and not: a `distinct` decision two of whose ids
    `same` decisions join (directly, or through a chain of them). Each is located at the
    decision written later, which is the one that contradicts the other."""
    joined = UnionFind()
    joined_by: dict[str, Decision] = {}
    for decision, _ in decisions.same:
        for other in decision.ids[1:]:
            joined.union(decision.ids[0], other)
        for i in decision.ids:
            joined_by.setdefault(i, decision)
    problems = []
    order = {id(d): n for n, (d, _) in enumerate(decisions.same + decisions.distinct)}
    for decision, _ in decisions.distinct:
        ids = decision.ids
        for n, a in enumerate(ids):
            clash = next((b for b in ids[n + 1:] if joined.joined(a, b)), None)
            if clash is None:
                continue
            same = joined_by[a]
            later, earlier = ((decision, same) if order[id(decision)] > order[id(same)]
                              else (same, decision))
            place = decisions.locate(earlier)
            problems.append(error(*decisions.locate(later), "identity-conflict",
                                  f"{a} and {clash} are decided both the same product and "
                                  "distinct products (the other decision: "
                                  f"{':'.join(map(str, place))}); keep one of the two"))
            break
    return problems


def unknown_records(decisions: Decisions, known: set[str], files: Iterable[str],
                    not_loaded: tuple[str, ...] = ()) -> list[Problem]:
    """Ids that the decisions of `files` name and no loaded catalog has (`known`): a typo,
    or a decision about a catalog that is not loaded. Ids that start with a prefix in
    `not_loaded` (a dataset's, whose catalog is not loaded) are not checked: the bundled
    identity file speaks of datasets a user may never import."""
    from chipcmp.catalog.load import unknown_records as unknown

    wanted = set(files)
    named = [(record, lambda d=decision, i=index: decisions.locate(d, "ids", i))
             for section in KEYS for decision, path in getattr(decisions, section)
             if path in wanted for index, record in enumerate(decision.ids)]
    return unknown(named, known, not_loaded, "unknown-id", "")


def load(paths: Iterable[str | Path]) -> Decisions:
    """Every identity file in `paths`, checked: CatalogError when one is broken, cannot
    be read, or decides a pair both same and distinct."""
    decisions, problems = check(paths)
    if not any(p.severity is Severity.ERROR for p in problems):
        problems += conflicts(decisions)
    if any(p.severity is Severity.ERROR for p in problems):
        raise CatalogError(problems, "identity file")
    return decisions
