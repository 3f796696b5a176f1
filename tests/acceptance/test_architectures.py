"""Architectures (catalog/corrections.py): what a source says of every product of one
design. A part whose matrix units compute the asked format is never ranked at a vector
figure by the default choice; formats the design lacks answer nothing."""

import yaml

from conftest import TESTS

FIXTURE = yaml.safe_load((TESTS / "data" / "architectures.yaml").read_text(encoding="utf-8"))


def files(tmp_path, corrections=None):
    catalog, fixes = tmp_path / "catalog.yaml", tmp_path / "corrections.yaml"
    catalog.write_text(yaml.safe_dump(FIXTURE["catalog"]), encoding="utf-8")
    fixes.write_text(yaml.safe_dump(corrections or FIXTURE["corrections"]), encoding="utf-8")
    return ["--catalog", catalog, "--corrections", fixes]


def rows(ran):
    assert ran.exit_code == 0, ran.stderr
    return {row["id"]: row for row in ran.json()}


def test_a_part_with_matrix_units_is_not_ranked_at_its_vector_figure(cli, tmp_path):
    ranked = rows(cli("rank", "--metric", "tops", "--precision", "fp16", "--format", "json",
                      *files(tmp_path)))
    assert ranked["acme-m1"]["peak_fp16_tflops"] == 120.0        # its matrix peak
    lite = ranked["acme-m1-lite"]
    assert lite["rank"] is None and lite["not_ranked_code"] == "no-matrix-peak"
    assert "--unit vector" in lite["not_ranked_because"]
    assert ranked["acme-v0"]["peak_fp16_tflops"] == 10.0         # no matrix units: its peak


def test_unit_vector_ranks_the_vector_figures(cli, tmp_path):
    ranked = rows(cli("rank", "--metric", "tops", "--precision", "fp16", "--unit", "vector",
                      "--format", "json", *files(tmp_path)))
    assert ranked["acme-m1"]["peak_fp16_tflops"] == 30.0
    assert ranked["acme-m1-lite"]["peak_fp16_tflops"] == 20.0


def test_a_format_outside_the_matrix_units_keeps_its_vector_peak(cli, tmp_path):
    ranked = rows(cli("rank", "--metric", "tops", "--precision", "fp32", "--format", "json",
                      *files(tmp_path)))
    assert ranked["acme-m1"]["peak_fp32_tflops"] == 15.0


def test_a_format_the_architecture_lacks_answers_nothing(cli, tmp_path):
    ranked = rows(cli("rank", "--metric", "tops", "--precision", "bf16", "--format", "json",
                      *files(tmp_path)))
    assert ranked["acme-m1"]["rank"] is None   # its fp16/bf16 figure is its fp16 one


def test_a_correction_naming_the_formats_wins_over_the_architecture(cli, tmp_path):
    corrections = {**FIXTURE["corrections"], "corrections": [
        {"records": ["acme-m1"], "formats": ["fp32", "fp16", "bf16"],
         "source": "acme-whitepaper", "reason": "the Pro also runs bf16"}]}
    ranked = rows(cli("rank", "--metric", "tops", "--precision", "bf16", "--format", "json",
                      *files(tmp_path, corrections)))
    assert ranked["acme-m1"]["peak_bf16_tflops"] == 120.0


def test_show_credits_the_architecture(cli, tmp_path):
    ran = cli("show", "acme-m1-lite", *files(tmp_path))
    assert ran.exit_code == 0, ran.stderr
    assert "architecture Acme M: matrix units in fp16" in ran.stdout
    assert "acme-whitepaper" in ran.stdout


def _validate(cli, tmp_path, **change):
    broken = {**FIXTURE["corrections"], "architectures": [
        {**FIXTURE["corrections"]["architectures"][0], **change}]}
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(yaml.safe_dump(broken), encoding="utf-8")
    return fixes, cli("validate", fixes)


def test_a_pattern_that_is_not_a_regular_expression_is_a_located_error(cli, tmp_path):
    fixes, ran = _validate(cli, tmp_path, products=["M1("])
    assert ran.exit_code == 1
    assert f"{fixes}:" in ran.stdout and "error bad-pattern" in ran.stdout


def test_an_architecture_citing_an_unknown_source_is_a_located_error(cli, tmp_path):
    fixes, ran = _validate(cli, tmp_path, source="nowhere")
    assert ran.exit_code == 1
    assert f"{fixes}:" in ran.stdout and "error unknown-source" in ran.stdout
