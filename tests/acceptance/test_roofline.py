"""Rooflines (analyses/roofline.py, `chipcmp plot --roofline`): peak over bandwidth gives
the ridge point, with its bound; products without both figures say why; the drawing is
a labelled file."""

import pytest

from conftest import request, view_of
from chipcmp.analyses.roofline import rooflines


def test_the_ridge_point_is_peak_over_bandwidth_with_its_bound():
    view = view_of(["@curated"])
    found = rooflines(view, [view.get("nvidia-a100"), view.get("nvidia-t4"),
                             view.get("nvidia-dgx-a100")], request("fp16"))
    roofs = {r.entry.id: r for r in found.roofs}
    assert roofs["nvidia-a100"].ridge == pytest.approx(312e12 / 1555e9)
    assert roofs["nvidia-a100"].attainable(1) == pytest.approx(1.555)   # bandwidth-bound
    assert roofs["nvidia-a100"].attainable(1e4) == 312                  # compute-bound
    assert roofs["nvidia-t4"].ridge_bounded.bound == "max"   # bandwidth "at least 320"
    assert [(e.id, w.code) for e, w in found.missing] == [("nvidia-dgx-a100", "no-bandwidth")]


def test_the_text_form_lists_each_ridge_point(cli):
    plotted = cli("plot", "--roofline", "T4", "A100 40GB SXM", "--precision", "fp16")
    assert plotted.exit_code == 0
    out = plotted.stdout
    assert "nvidia-a100 (A100 40GB SXM): ridge at 200.6 operations a byte" in out
    assert "nvidia-t4 (T4): ridge at <= 203.1" in out
    assert cli("plot", "--roofline").exit_code == 2
    assert cli("plot", "T4").exit_code == 2


def test_the_drawing_is_labelled(tmp_path, cli):
    pytest.importorskip("matplotlib")
    out = tmp_path / "r.svg"
    assert cli("plot", "--roofline", "H100 SXM5", "MI300X", "--precision", "fp16",
               "--output", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "H100 SXM5 80GB: ridge" in text and "Instinct MI300X: ridge" in text
    assert 'id="roof-nvidia-h100-sxm5-80gb"' in text


def test_the_report_draws_the_rooflines_asked_for(tmp_path, cli):
    page = tmp_path / "report.html"
    assert cli("report", "--precision", "fp16", "--roofline", "T4", "--roofline",
               "A100 40GB SXM", "--roofline", "nvidia-dgx-a100", "--output", page).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert '<h2 id="roof-heading">Rooflines</h2>' in text and 'class="roofline"' in text
    assert "A100 40GB SXM: ridge 201" in text and "&lt;= 203.1" in text
    assert "nvidia-dgx-a100: no memory bandwidth" in text
    plain = tmp_path / "plain.html"
    assert cli("report", "--output", plain).exit_code == 0
    assert "roof-heading" not in plain.read_text(encoding="utf-8")
