"""How product names and vendors are read into words: the one tokenizer that matching
records across catalogs and searching for a product both use, so that a name one of them
takes apart the same way the other does."""

from __future__ import annotations

import re

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
