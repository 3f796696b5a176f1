"""Importers for public datasets: each turns a CSV file into a chipcmp catalog (YAML text)
that validates, and accounts for every row: imported, or reported with its place in the
file (`path:line:col: severity code message`) and the reason. Nothing is dropped
silently, and damaged input is reported, never a crash (read/csvfile.py reads the rows).

- LAICS 2023 (MIT Lincoln Laboratory): one row per product x precision x form factor;
  PeakPerformance in ops/s, Power in W, which LAICS means as peak power of the form
  factor (chip, card or system): imported as power kind "max" at that scope.
- Epoch AI, "Data on Machine Learning Hardware": one row per product; FLOP/s and OP/s
  per precision, TDP in W (imported as kind "tdp" at card scope: the accelerator as
  sold), release price, memory, process, datasheet links.

Segments: neither dataset states one. LAICS surveys AI accelerators (no consumer
graphics), so its power says it: at most limits.EDGE_MAX_W is edge, at least
limits.DATACENTER_MIN_W is datacenter, in between unspecified. Epoch also lists consumer
and workstation GPUs, so only the edge rule applies to it.

Ids are stable across runs: derived from the names, never from row order, with a suffix
only for names that collide after slugging (in file order, which is stable too).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chipcmp.model.problems import error, warning

if TYPE_CHECKING:
    from chipcmp.read.importers.common import Dataset, ImportResult

# The datasets `chipcmp import` knows, in the order the command line lists them: each is a
# module of this package and the name of the importer it defines (a Dataset for a CSV
# file; anything with key, name, id_prefix, about() and import_paths()). A new dataset is
# a module and an entry here. The modules are imported on first use of IMPORTERS: the
# command line needs only the keys to offer them (a test checks each key is its
# importer's).
REGISTRY = {"laics": ("laics", "LAICS"), "epoch": ("epoch", "EPOCH"),
            "mlperf": ("mlperf", "MLPERF"), "prices": ("prices", "PRICES")}


def importers() -> dict[str, Any]:
    """The registry's importers by key (IMPORTERS), their modules imported once."""
    found = globals().get("IMPORTERS")
    if found is None:
        found = {key: getattr(import_module(f"{__name__}.{module}"), attribute)
                 for key, (module, attribute) in REGISTRY.items()}
        globals()["IMPORTERS"] = found
    return found


def __getattr__(name: str) -> Any:
    if name == "IMPORTERS":
        return importers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------------------- reading
def import_file(dataset: Dataset | str, path: Path) -> ImportResult:
    """Import one dataset file. Rows that cannot be read are reported and left out; a
    file that cannot be read as the dataset at all gives `unreadable` and no rows."""
    from chipcmp.read.importers.common import DatasetRow, ImportResult, Sources

    dataset = importers()[dataset] if isinstance(dataset, str) else dataset
    name = str(path)
    sources = Sources(dataset.name, f"{dataset.title} ({dataset.licence})", dataset.url)
    result = ImportResult({"about": dataset.about(), "sources": sources.table, "products": []})
    table = _read_table(path, result)
    if table is None:
        return result
    missing = dataset.lacking(lambda column: table.column(column) is not None)
    if missing:
        result.problems.append(error(name, 1, 1, "not-the-dataset",
                                     f"not a file of the {dataset.title}: no column(s) "
                                     f"{', '.join(missing)}"))
        result.unreadable = True
        return result
    absent = [c for c in dataset.columns if table.column(c) is None]
    if absent:
        result.problems.append(warning(name, 1, 1, "missing-column",
                                       f"no column(s) {', '.join(absent)} (another edition "
                                       "of the dataset?): read as empty in every row"))
    index = {column: table.column(column) for column in table.header if column}
    products: dict[str, dict[str, Any]] = {}
    result.rows = len(table.rows)
    for raw in table.rows:
        if raw.problem is not None:
            result.problems.append(raw.problem)
            continue
        row = DatasetRow(name, raw.line, {c: raw.cells[i] for c, i in index.items()},
                   {c: raw.places[i] for c, i in index.items()}, result)
        if dataset.convert(row, sources, products):
            result.imported_rows += 1
    result.catalog["products"] = [
        {k: v for k, v in entry.items() if not k.startswith("_") and v != []}
        for entry in products.values()]
    return result


def _read_table(path: Path, result: ImportResult) -> Any:
    """The file's csvfile.CsvTable, or None when it cannot be read as CSV at all."""
    from chipcmp.read import csvfile as csvread

    from chipcmp.read import inputs

    name = str(path)
    raw, problems = inputs.read_problems(path, inputs.MAX_FILE_BYTES, "dataset file")
    if raw is None:
        result.problems.extend(problems)
    else:
        text, problems = csvread.decode(raw, name)
        if text is not None:
            table = csvread.read(name, text)
            result.problems.extend(table.problems)
            if table.header:
                return table
        result.problems.extend(problems)
    result.unreadable = True
    return None


def to_yaml(result: ImportResult, dataset: str, paths: Path | list[Path],
            snapshot: str | None = None) -> str:
    """The imported catalog as YAML, with a header naming the data and its terms;
    `snapshot`: the date the data is as of, kept in `about`."""
    import yaml

    about = result.catalog["about"]
    if snapshot is not None:
        about["snapshot"] = snapshot
    # A source that nothing imported cites is left out (it would be an unused source).
    cited = set().union(*(_cited(result.catalog.get(section, []))
                          for section in ("products", "results", "prices")))
    result.catalog["sources"] = {sid: source for sid, source in
                                 result.catalog.get("sources", {}).items() if sid in cited}
    names = " ".join(Path(p).name for p in (paths if isinstance(paths, list) else [paths]))
    header = (f"# Imported by 'chipcmp import {dataset} {names}': {result.summary}.\n"
              f"# Data: {about['title']}, {about['url']}\n"
              + (f"# Snapshot: the data as of {snapshot}\n" if snapshot else "") +
              f"# Terms: {about['licence']}; cite: {about['attribution']}\n"
              "# Figures as the dataset gives them; run chipcmp validate and crosscheck on "
              "it.\n")
    # libyaml's emitter where PyYAML has it: the same YAML, several times faster (a whole
    # MLPerf round is tens of thousands of results).
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(result.catalog, Dumper=dumper, allow_unicode=True,
                              sort_keys=False, width=100)


def _cited(node: Any) -> set[str]:
    """Every source id a part of an imported catalog cites."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("source"), str):
            found.add(node["source"])
        for value in node.values():
            found |= _cited(value)
    elif isinstance(node, list):
        for value in node:
            found |= _cited(value)
    return found


def import_paths(importer: Any, paths: list[Path], **context: Any) -> ImportResult:
    """Import with any importer of the registry: a Dataset reads one CSV file; a folder
    importer (MLPerf) its repositories; the prices importer any number of price tables.
    `context`: what an importer of several files is told beside them (origins: where
    each came from; snapshot: the date the data is as of; names: the user's decisions
    of which product a name is)."""
    from chipcmp.read.importers.common import Dataset, ImportResult

    if not isinstance(importer, Dataset):
        return importer.import_paths(paths, **context)
    # a dataset's CSV file says all it is itself
    if len(paths) != 1:
        result = ImportResult({"about": importer.about(), "sources": {}, "products": []})
        result.problems.append(error(str(paths[0]) if paths else ".", 1, 1, "bad-usage",
                                     f"the {importer.key} importer reads one CSV file, not "
                                     f"{len(paths)}"))
        result.unreadable = True
        return result
    return import_file(importer, paths[0])


def reading_table() -> str:
    """What each importer reads from each column (Markdown, for docs/guide.md)."""
    from chipcmp.read.importers.common import Dataset

    rows = ["| dataset | column | read as |", "|---|---|---|"]
    for dataset in (d for d in importers().values() if isinstance(d, Dataset)):
        rows += [f"| {dataset.key} | `{column}` | {how} |"
                 for column, how in dataset.columns.items()]
    return "\n".join(rows) + "\n"
