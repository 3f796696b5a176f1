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
does nothing (the catalogs it is about are not in use). The bundled identity file
(data/identity.yaml) holds the decisions the bundled catalog and the public datasets need.
Files are read and validated like catalogs: every problem located.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable

from pydantic import Field

from .model import Id, Strict, Text
from .problems import CatalogError, Problem, Severity

BUNDLED_IDENTITY = "@bundled"
KEYS = ("same", "distinct")


class Decision(Strict):
    ids: Annotated[list[Id], Field(min_length=2)]
    reason: Text


class IdentityFile(Strict):
    """The top level of an identity file."""

    same: list[Decision] = []
    distinct: list[Decision] = []


@dataclass
class Decisions:
    same: list[tuple[Decision, str]] = field(default_factory=list)      # (decision, file)
    distinct: list[tuple[Decision, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def bundled_identity_path() -> Path:
    installed = Path(__file__).with_name("data") / "identity.yaml"  # placed by the wheel
    if installed.is_file():
        return installed
    return Path(__file__).resolve().parents[2] / "data" / "identity.yaml"


def is_identity_document(data: object) -> bool:
    """A YAML mapping with an identity file's keys and none of a catalog's."""
    from .catalog import TOP_LEVEL_KEYS

    return isinstance(data, dict) and bool(set(data) & set(KEYS)) and \
        not set(data) & set(TOP_LEVEL_KEYS)


NOT_A_MAPPING = "the top level must be a mapping with 'same' and 'distinct' lists"


def check(paths: Iterable[str | Path]) -> tuple[Decisions, list[Problem]]:
    """Read and validate identity files; every problem located."""
    from .catalog import read_document

    decisions, problems = Decisions(), []
    for raw in paths:
        path = bundled_identity_path() if str(raw) == BUNDLED_IDENTITY else Path(raw)
        document, found = read_document(path, NOT_A_MAPPING)
        problems.extend(found)
        if document is not None:
            problems.extend(add_document(decisions, document))
    return decisions, problems


def add_document(decisions: Decisions, document) -> list[Problem]:
    """Validate one parsed identity file and add its decisions."""
    from .catalog import validate_section

    decisions.files.append(document.path)
    model, problems = validate_section(IdentityFile, document.data, document, (),
                                       top_level=KEYS)
    if model is not None:
        decisions.same.extend((d, document.path) for d in model.same)
        decisions.distinct.extend((d, document.path) for d in model.distinct)
    return problems


def load(paths: Iterable[str | Path]) -> Decisions:
    decisions, problems = check(paths)
    if any(p.severity is Severity.ERROR for p in problems):
        raise CatalogError(problems, "identity file")
    return decisions
