"""`chipcmp about`'s answer: each catalog in use with its title, the date its data is as
of, its terms and where it comes from (every other command's header names them in one
short line)."""

from __future__ import annotations

from typing import Any

from chipcmp.output.results import Result

ABOUT_COLUMNS = ["catalog", "kind", "title", "as_of", "licence", "attribution", "url",
                 "file"]


def about_result(view: Any) -> Result:
    records = [{"catalog": info.name, "kind": info.kind, "title": info.title,
                "as_of": info.snapshot, "licence": info.licence,
                "attribution": info.attribution, "url": info.url, "file": info.path}
               for info in sorted(view.infos.values(), key=lambda i: i.position)]
    blocks = []
    for record in records:
        lines = [f"  {key.replace('_', ' ')}: {record[key]}" for key in ABOUT_COLUMNS[1:]
                 if record[key]]
        blocks.append("\n".join([record["catalog"], *lines]) + "\n")
    replaced = [f"{used} is used instead of the bundled snapshot {shipped}"
                for shipped, used in view.catalog.replaced.items()]
    return Result([*blocks, *replaced], ABOUT_COLUMNS, records)
