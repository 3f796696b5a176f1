"""Importers under hostile input: generated CSV text and damaged copies of the real
datasets give a catalog that validates, or located problems, and never an internal
error (exit 70)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXTERNAL
from chipcmp.catalog import load as catalog
from chipcmp.read import importers
from chipcmp.read.importers.common import Dataset

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
CELL = st.one_of(
    st.sampled_from(["", "NVIDIA", "T4", "Card", "chip", "System", "int8", "fp16.32", "bf16",
                     "analog", "1.25E+14", "70", "-5", "nan", "1e999", "2020-05-14",
                     "https://example.com/x", "0", "1,248", "x" * 300]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))

# The importers of one CSV file (MLPerf's reads folders: tests/unit/test_mlperf.py).
CSV_DATASETS = [key for key, d in importers.IMPORTERS.items()
                if isinstance(d, Dataset)]


def csv_cell(text, rng):
    if any(ch in text for ch in ',"\r\n') or rng.random() < 0.2:
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def dataset_text(draw, dataset):
    rng = random.Random(draw(st.integers(0, 2**32)))
    header = list(importers.IMPORTERS[dataset].columns)
    if draw(st.booleans()):
        header.append(draw(st.sampled_from(["Notes", "Extra", header[0]])))  # maybe repeated
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) + draw(st.sampled_from([0, 0, 0, -1, 1, -len(header) + 1]))
        rows.append([draw(CELL) for _ in range(max(1, width))])
    lines = [",".join(csv_cell(c, rng) for c in header)]
    lines += [",".join(csv_cell(c, rng) for c in row) for row in rows]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ("\ufeff" if draw(st.booleans()) else "") + newline.join(lines)
    if draw(st.booleans()):
        text += newline
    cut = draw(st.integers(0, 3))
    if cut and len(text) > 10:
        text = text[:rng.randrange(len(text) // 2, len(text))]
    if draw(st.integers(0, 9)) == 0:
        text += "x" * 70_000  # a cell over the size limit
    return text


def check_import(dataset, path, tmp_path):
    result = importers.import_file(dataset, path)
    for problem in result.problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.code, problem
        assert problem.path == str(path)
    if result.unreadable:
        assert result.problems and result.imported_rows == 0
        return result
    not_imported = result.rows - result.imported_rows
    assert not_imported <= sum(1 for p in result.problems if str(p.severity) == "error")
    written = tmp_path / f"{dataset}.yaml"
    written.write_text(importers.to_yaml(result, dataset, path), encoding="utf-8")
    _, problems = catalog.check([written])
    assert [p for p in problems if str(p.severity) == "error"] == []
    return result


@pytest.mark.parametrize("dataset", CSV_DATASETS)
def test_generated_csv_gives_a_valid_catalog_or_located_problems(dataset, tmp_path):
    @SETTINGS
    @given(dataset_text(dataset))
    def run(text):
        path = tmp_path / "input.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        check_import(dataset, path, tmp_path)

    run()


@pytest.mark.parametrize("dataset", CSV_DATASETS)
def test_the_command_never_exits_70(dataset, tmp_path, cli):
    cases = {"empty": b"", "binary": bytes(range(256)), "header only": b"a,b\n",
             "nul": b"\x00\x00", "not utf-8": b"\xff\xfe\x00a"}
    err = ""
    for name, data in cases.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        imported = cli("import", dataset, path)
        assert imported.exit_code in (1, 2), name
        err += imported.stderr
    assert "internal error" not in err


REAL = [("laics", "laics_2023.csv"), ("epoch", "epoch_ml_hardware.csv")]


@pytest.mark.parametrize("dataset, file", REAL)
def test_the_real_datasets_cut_at_several_points(dataset, file, tmp_path):
    data = (EXTERNAL / file).read_bytes()
    for fraction in (0.1, 1 / 3, 0.5, 0.77, 0.999):
        path = tmp_path / f"cut-{fraction:.3f}.csv"
        cut = data[:int(len(data) * fraction)]
        path.write_bytes(cut)
        result = check_import(dataset, path, tmp_path)
        if result.unreadable:
            continue
        text = cut.decode("utf-8", "ignore")
        # A cut inside the last cell of a row (or right after its comma) leaves a whole
        # row: nothing tells it from a last line without its line break. A cut that
        # leaves the row short of cells, or inside quotes, is a truncated row.
        if not text.endswith(("\n", "\r")) and _row_is_short(text):
            # the last row is cut: reported as truncated at the line where it starts
            truncated = [p for p in result.problems if p.code == "truncated"]
            assert truncated, fraction


@pytest.mark.parametrize("dataset, file", REAL)
def test_the_real_datasets_with_random_byte_edits(dataset, file, tmp_path):
    data = bytearray((EXTERNAL / file).read_bytes())
    rng = random.Random(17)
    for round_ in range(12):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.choice(b'",\n\r\x00x\xff9')
        path = tmp_path / f"edit-{round_}.csv"
        path.write_bytes(bytes(damaged))
        check_import(dataset, path, tmp_path)


def _row_is_short(text):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    in_quotes = text.count('"') % 2 == 1
    return in_quotes or len(rows) > 1 and len(rows[-1]) < len(rows[0])


def test_the_four_reported_cases(tmp_path, cli):
    laics = (EXTERNAL / "laics_2023.csv").read_text(encoding="utf-8-sig")
    epoch = (EXTERNAL / "epoch_ml_hardware.csv").read_text(encoding="utf-8-sig")

    def run(dataset, text, name):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        imported = cli("import", dataset, path, "--output", tmp_path / "out.yaml")
        return imported.exit_code, imported.stderr

    lines = laics.splitlines(keepends=True)
    cut = min(40, len(lines) - 1)   # the real file's row 41, or the fixture's last
    code, err = run("laics", "".join(lines[:cut]) + lines[cut][:30], "laics-cut.csv")
    assert code == 1 and f":{cut + 1}:1: error truncated" in err
    epoch_lines = epoch.splitlines(keepends=True)
    short = epoch_lines[0] + ",".join(epoch_lines[1].split(",")[:5]) + "\n"
    code, err = run("epoch", short, "epoch-short.csv")
    assert code == 1 and ":2:1: error truncated" in err  # the last row is short
    first_company = lines[1].split(",")[0]
    huge = laics.replace(first_company, first_company + "x" * 140_000, 1)
    code, err = run("laics", huge, "laics-huge.csv")
    assert code == 1 and ":2:1: error cell-too-large" in err
    code, err = run("epoch", epoch[:len(epoch) // 3], "epoch-third.csv")
    assert code == 1 and "error truncated" in err
    assert "internal error" not in err


@pytest.mark.parametrize("dataset", CSV_DATASETS)
def test_long_cells_under_the_limit_still_give_a_valid_catalog(dataset, tmp_path):
    columns = list(importers.IMPORTERS[dataset].columns)
    row = ["Vendor " + "v" * 20_000 if c in ("Company", "Manufacturer") else
           "Name " + "n" * 20_000 if c in ("Product", "Hardware name") else
           "card" if c == "FormFactor" else "int8" if c == "Precision" else
           "https://example.com/" + "u" * 20_000 if "URL" in c or "Link" in c else
           "1e14" for c in columns]
    path = tmp_path / "long.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    result = check_import(dataset, path, tmp_path)
    assert result.imported_rows == 1


def test_cells_beyond_any_products_figure_are_reported_and_left_out(tmp_path, capsys):
    """A value no product has (1e40 ops/s, 1e12 W): a unit slip or garbage, reported
    where it is and left out, never ranked."""
    from conftest import DATA

    laics = (DATA / "datasets" / "laics_small.csv").read_text(encoding="utf-8-sig")
    lines = laics.splitlines(keepends=True)
    lines[1] = lines[1].replace("1.31E+14", "1.31E+40")
    lines[2] = lines[2].replace(",150,", ",1E+12,")
    path = tmp_path / "laics.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = importers.import_file("laics", path)
    problems = {(p.line, p.code): p for p in result.problems}
    assert problems[(2, "implausible-cell")].col == 18
    assert "beyond" in problems[(2, "implausible-cell")].message
    assert "up to 500000 W" in problems[(3, "unreadable-cell")].message
    epoch = (DATA / "datasets" / "epoch_small.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "epoch.csv"
    path.write_text(epoch.replace("8141000000000.0", "8.141e+300", 1), encoding="utf-8")
    result = importers.import_file("epoch", path)
    (problem,) = [p for p in result.problems if p.code == "implausible-cell"]
    assert problem.line == 2 and "FP32" in problem.message
    t4 = next(p for p in result.catalog["products"] if p["id"] == "epoch-nvidia-tesla-t4")
    assert all(f["precision"] != "fp32" for f in t4["compute"])
