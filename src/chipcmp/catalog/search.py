"""Finding a product's id: a forgiving search over every record's id, name, aliases and
vendor, so that nobody has to export the catalog to learn what to type.

A query matches (best first): a name, alias or id that is the query itself; one that
holds the query as a whole word ("t4" in "NVIDIA Tesla T4"); one that holds it anywhere
(letters and digits only: "a100" in "DGX-A100"); a close spelling ("jetsn xavier"); a
vendor. Each product of the view appears once, with the catalogs it comes from.
"""

from __future__ import annotations

from typing import Any

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chipcmp.catalog.names import squash, words

if TYPE_CHECKING:
    from chipcmp.catalog.view import Entry, View

EXACT, WORD, PART, CLOSE, VENDOR = 100, 80, 60, 40, 20


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: int
    matched: str  # the text that matched: "name 'NVIDIA Tesla T4' (epoch-nvidia-tesla-t4)"


def _score(query: str, text: str) -> int:
    squashed, target = squash(query), squash(text)
    if not squashed or not target:
        return 0
    if squashed == target:
        return EXACT
    query_words, text_words = words(query), words(text)
    if query_words and all(w in text_words for w in query_words):
        return WORD
    if squashed in target:
        return PART
    ratio = difflib.SequenceMatcher(None, squashed, target).ratio()
    return int(CLOSE * ratio) if ratio >= 0.75 else 0


def find(view: View, query: str) -> list[Hit]:
    """Every product that matches, best first (then by id)."""
    hits = []
    for entry in view:
        best = (0, "")
        for record in entry.records:
            product = record.product
            texts = [("id", record.id), ("name", product.name)] + \
                [("alias", alias) for alias in product.aliases]
            for what, text in texts:
                score = _score(query, text)
                if score > best[0]:
                    best = (score, f"{what} {text!r}" + (f" ({record.id})" if what != "id"
                                                         else ""))
            if best[0] == 0 and squash(query) in {squash(w) for w in
                                                   words(product.vendor)}:
                best = (VENDOR, f"vendor {product.vendor!r}")
        if best[0]:
            hits.append(Hit(entry, *best))
    hits.sort(key=lambda h: (-h.score, h.entry.id))
    return hits


def resolve(view: View, key: str) -> Any:
    """The product a key names: any record's id, else a name or alias that is the key
    (in letters and digits), else one that holds it as whole words ("H100 SXM5" in
    "NVIDIA H100 SXM5 80GB"), when that is one product. A key several products fit, or
    none, is a usage error listing the candidates (or close ids); nothing is guessed."""
    from chipcmp.model.problems import UsageError

    entry = view.find(key)
    if entry is not None:
        return entry
    hits = find(view, key)
    best = [h for h in hits if h.score >= EXACT] or [h for h in hits if h.score >= WORD]
    entries = list(dict.fromkeys(h.entry for h in best))
    if len(entries) > 1:
        raise UsageError(f"{key!r} names {len(entries)} products: " + ", ".join(
            f"{e.id} ({e.name})" for e in entries[:8]) + "; use an id")
    if not entries:
        view.get(key)  # raises, with close ids
    return entries[0]
