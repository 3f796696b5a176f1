"""MLPerf results repositories as a catalog of measured results: each result read/mlperf.py
scores becomes an entry of the catalog's `results` section, with its system, accelerator
and count, and the files it was read from; one source a repository (its public page)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chipcmp.model.problems import error
from chipcmp.read.importers.common import Described, ImportResult, slug, slug_text

if TYPE_CHECKING:
    from chipcmp.read import mlperf

REPOSITORIES = "https://github.com/mlcommons"


@dataclass(frozen=True)
class ResultsImporter(Described):
    """An importer of measured results from folders (not one CSV file)."""

    def reads(self, parts: tuple[str, ...]) -> int | None:
        """The size limit of a file of a repository this importer reads, or None for one
        it never opens (what an archive of a round need unpack)."""
        from chipcmp.read import mlperf

        return mlperf.reads(parts)

    def import_paths(self, paths: list[Path], **context: Any) -> ImportResult:
        """The results of MLPerf repositories (`context`: what an importer of prices is
        told; a repository says it all itself)."""
        from chipcmp.read import mlperf

        reading = mlperf.read([Path(p) for p in paths])
        result = ImportResult({"about": self.about(), "sources": {}, "results": []},
                              list(reading.problems), rows=reading.files, made="results")
        if not reading.results and any(p.code == "not-the-dataset"
                                       for p in reading.problems):
            result.unreadable = True
            return result
        taken: set[str] = set()
        for measured in reading.results:
            entry = _entry(measured, result.catalog["sources"])
            if entry["id"] in taken:  # one system's result read twice (a repeated folder)
                continue
            taken.add(entry["id"])
            result.catalog["results"].append(entry)
        result.imported_rows = len(taken)
        if not taken and not reading.problems:
            result.problems.append(error(str(paths[0]) if paths else ".", 1, 1,
                                         "not-the-dataset", "no MLPerf result found"))
            result.unreadable = True
        return result


def _entry(measured: mlperf.Measured, sources: dict[str, Any]) -> dict[str, Any]:
    system = measured.system
    # systems/<id>.json sits in <submitter>/ (training) or <division>/<submitter>/
    repository = Path(system.path).parents[2 if system.round.startswith("training") else 3]
    folder = repository.name
    source_id = slug("mlperf", folder)
    sources.setdefault(source_id, {
        "title": f"MLPerf {system.round.capitalize()} results (MLCommons), {folder}",
        "kind": "dataset", "url": f"{REPOSITORIES}/{folder}"})
    entry = {
        "id": _result_id(MLPERF.key, system.round, system.division, system.submitter,
                         system.id, measured.benchmark, measured.scenario),
        "round": system.round, "division": system.division, "submitter": system.submitter,
        "system": system.id, "system_name": system.name, "status": system.status or None,
        "accelerator": system.accelerator, "accelerator_memory": system.memory or None,
        "accelerators": system.accelerators,
        "benchmark": measured.benchmark, "scenario": measured.scenario,
        "metric": measured.metric, "value": round(measured.value, 6), "unit": measured.unit,
        "latency_limits": {"ttft_ms": measured.latency_limits[0],
                           "tpot_ms": measured.latency_limits[1]}
        if measured.latency_limits else None,
        "power_w": round(measured.power_w, 3) if measured.power_w else None,
        "energy": {"value": round(measured.energy[0], 6), "unit": measured.energy[1]}
        if measured.energy else None,
        "valid": True, "precision": measured.precision, "runs": measured.runs,
        "files": [str(Path(f).relative_to(repository)) for f in measured.files],
        "source": source_id}
    return {k: v for k, v in entry.items() if v is not None}


def _result_id(*parts: str) -> str:
    """A stable id for one result: its parts slugged; when that is too long for an id,
    cut and made unique by a short hash of the whole (ids must stay distinct)."""
    import hashlib

    full = slug_text("-".join(parts))
    if len(full) <= 72:
        return full
    digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:8]
    return f"{full[:63].rstrip('-.')}-{digest}"


MLPERF = ResultsImporter(
    "mlperf", "mlperf-results", "MLPerf Training and Inference results (MLCommons)",
    "https://mlcommons.org/benchmarks/", "Apache License 2.0 (MLCommons)",
    "MLPerf results, MLCommons Association")
