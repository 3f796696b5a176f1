"""`chipcmp update`'s answers: what was installed, and `--list` (every dataset that can
be updated: the copy in use, its source, date, checksum and size)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chipcmp.output.results import Result, Table

if TYPE_CHECKING:
    from chipcmp.read.downloads import DatasetCopy, Installed

LIST_COLUMNS = ["dataset", "in_use", "date", "source", "sha256", "size", "page"]


def list_result(copies: list[DatasetCopy]) -> Result:
    records = [{"dataset": c.dataset, "in_use": c.in_use, "date": c.date,
                "source": " ".join(c.sources), "sha256": " ".join(c.sha256) or None,
                "size": c.size, "page": c.page} for c in copies]
    rows = [[c.dataset, c.in_use, c.date or "-",
             " ".join(h[:12] for h in c.sha256) or "-",
             f"{c.size:,}" if c.size else "-", " ".join(c.sources)] for c in copies]
    table = Table("datasets", ["dataset", "in use", "date", "sha256", "bytes", "source"], rows,
                  ["l", "l", "l", "l", "r", "l"],
                  ["installed copies load by default after the bundled catalogs and replace "
                   "a bundled snapshot of the same dataset; sizes and checksums are of the "
                   "downloaded files (of the catalog file for a bundled snapshot)"])
    return Result([table], LIST_COLUMNS, records)


def installed_result(installed: list[Installed]) -> Result:
    records = [{"dataset": i.dataset, "catalog": str(i.catalog), "date": i.record["date"],
                "summary": i.summary} for i in installed]
    text = "\n".join(f"installed {r['dataset']} ({r['date']}): {r['catalog']}: {r['summary']}"
                     for r in records)
    return Result([text + "\n"] if text else [], ["dataset", "catalog", "date", "summary"],
                  records)
