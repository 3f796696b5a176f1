"""`chipcmp update`'s answers: what was installed, and `--list` (every dataset that can
be updated: the copy in use, its source, date, checksum and size)."""

from __future__ import annotations

from typing import Any

from chipcmp.output.results import Result, Table

LIST_COLUMNS = ["dataset", "in_use", "date", "source", "sha256", "size", "page"]


def list_result() -> Result:
    from chipcmp.read import bundled, downloads

    snapshots = {b.dataset: b for b in bundled.BUNDLED if b.dataset}
    installed = {path.stem: downloads.record_of(path)
                 for path in downloads.installed_catalogs()}
    records = []
    for name, download in downloads.DOWNLOADS.items():
        record = installed.get(name)
        if record:
            sources = record.get("sources") or [{}]
            records.append({
                "dataset": name, "in_use": f"installed: {downloads.data_home() / name}.yaml",
                "date": record.get("date"),
                "source": " ".join(str(s.get("url")) for s in sources),
                "sha256": " ".join(str(s.get("sha256")) for s in sources),
                "size": sum(s.get("size") or 0 for s in sources) or None,
                "page": download.page})
        elif name in snapshots:
            snapshot = snapshots[name]
            path = bundled.data_file(snapshot.file)
            import hashlib

            data = path.read_bytes()
            records.append({"dataset": name, "in_use": f"bundled snapshot ({snapshot.keyword})",
                            "date": snapshot.snapshot, "source": " ".join(snapshot.sources),
                            "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                            "page": download.page})
        else:
            records.append({"dataset": name, "in_use": "none (chipcmp update " + name + ")",
                            "date": None, "source": " ".join(download.urls), "sha256": None,
                            "size": None, "page": download.page})
    rows = [[r["dataset"], r["in_use"], r["date"] or "-", _short(r["sha256"]),
             f"{r['size']:,}" if r["size"] else "-", r["source"]] for r in records]
    table = Table("datasets", ["dataset", "in use", "date", "sha256", "bytes", "source"], rows,
                  ["l", "l", "l", "l", "r", "l"],
                  ["installed copies load by default after the bundled catalogs and replace "
                   "a bundled snapshot of the same dataset; sizes and checksums are of the "
                   "downloaded files (of the catalog file for a bundled snapshot)"])
    return Result([table], LIST_COLUMNS, records)


def installed_result(installed: list[Any]) -> Result:
    records = [{"dataset": i.dataset, "catalog": str(i.catalog), "date": i.record["date"],
                "summary": i.summary} for i in installed]
    text = "\n".join(f"installed {r['dataset']} ({r['date']}): {r['catalog']}: {r['summary']}"
                     for r in records)
    return Result([text + "\n"] if text else [], ["dataset", "catalog", "date", "summary"],
                  records)


def _short(sha256: str | None) -> str:
    if not sha256 or sha256 == "None":
        return "-"
    return " ".join(part[:12] for part in sha256.split())
