"""How product names and vendors are read: the one tokenizer that matching records across
catalogs and searching for a product both use (so that a name one of them takes apart the
same way the other does), and a name read as vendor, model and variant (read_name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words, letters and digits only ("1.5" stays one number); a number and a
    memory unit joined ("80 GB" is "80gb", as "80GB" is)."""
    joined: list[str] = []
    for token in _TOKEN.findall(text.lower().replace("-", " ")):
        if token in ("gb", "tb") and joined and _NUMBER.match(joined[-1]):
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def squash(text: str) -> str:
    """Letters and digits only, lower case: "DGX-A100" is "dgxa100"."""
    return _NOT_LETTER_OR_DIGIT.sub("", text.lower())


# Words a vendor field carries that do not tell vendors apart.
VENDOR_STOPWORDS = frozenset({
    "inc", "ltd", "co", "corp", "corporation", "company", "technology", "technologies",
    "tech", "systems", "semiconductor", "semiconductors", "computing", "labs", "lab", "the",
    "of", "for", "and", "ai", "electronics", "group", "limited", "unspecified"})
# Subsidiaries and brands read as their parent.
VENDOR_PARENTS = {"habana": "intel", "hisilicon": "huawei", "kunlunxin": "baidu",
                  "aws": "amazon", "thead": "alibaba"}
# Product-line and architecture words that one source writes and another leaves out.
LINE_WORDS = frozenset({"tesla", "geforce", "jetson", "ampere", "volta", "pascal", "turing", "hopper",
                        "radeon", "instinct"})
FORM_FACTORS = frozenset({"pcie", "sxm", "sxm2", "sxm3", "sxm4", "sxm5", "nvl", "dgxs",
                          "oam"})
_MEMORY = re.compile(r"^\d+(\.\d+)?[gt]b$")


@dataclass(frozen=True)
class Name:
    """One name of a record, read as vendor words, model and variant."""

    record: str                   # the record's product id
    text: str                     # the name as written
    vendors: frozenset[str]
    model: tuple[str, ...]
    form: str | None
    memory: str | None

    @property
    def variant(self) -> dict[str, str]:
        return {k: v for k, v in (("form", self.form), ("memory", self.memory)) if v}

    def describe_variant(self) -> str:
        return " ".join(self.variant.values()) or "no variant"


def vendor_words(vendor: str) -> frozenset[str]:
    found = {VENDOR_PARENTS.get(w, w) for w in words(vendor.replace("-", ""))}
    return frozenset(w for w in found if w not in VENDOR_STOPWORDS)


def vendor_groups(entries: Iterable[Any]) -> list[list[Any]]:
    """Products (anything with a `vendor`) grouped by vendor, read as matching reads it
    (a subsidiary as its parent, legal words left out)."""
    groups: dict[frozenset[str], list[Any]] = {}
    for entry in entries:
        groups.setdefault(vendor_words(entry.vendor), []).append(entry)
    return list(groups.values())


def read_name(record: str, text: str, vendor: str) -> Name:
    vendors = vendor_words(vendor)
    own = set(vendors) | {w for w, parent in VENDOR_PARENTS.items() if parent in vendors}
    model, form, memory = [], None, None
    found = words(text)
    # A vendor's name written with a hyphen ("T-Head") reads as two words: one vendor.
    joined = {i for i in range(len(found) - 1) if found[i] + found[i + 1] in own}
    found = [w for i, w in enumerate(found) if i not in joined and i - 1 not in joined]
    for word in found:
        if word in FORM_FACTORS:
            form = word
        elif _MEMORY.match(word):
            memory = word
        elif word not in own and word not in LINE_WORDS:
            model.append(word)
    return Name(record, text, vendors, tuple(model), form, memory)
