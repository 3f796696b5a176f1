import sys
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import DATA, request, view_of
from chipcmp.analyses import field
from chipcmp.output import plot
from chipcmp.analyses.filters import Filter

VIEW = view_of([DATA / "valid" / "ranking.yaml"])
FIELD = field.build(VIEW, request())
SVG = "{http://www.w3.org/2000/svg}"


def svg_ids_and_texts(path):
    root = ElementTree.parse(path).getroot()
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    texts = ["".join(e.itertext()).strip() for e in root.iter(f"{SVG}text")]
    return ids, texts


def test_svg_has_one_marker_per_plotted_product_and_the_labels_asked(tmp_path):
    pytest.importorskip("matplotlib")
    output = tmp_path / "field.svg"
    plot.draw(FIELD, output, label="all")
    ids, texts = svg_ids_and_texts(output)
    markers = [i for i in ids if i.startswith("point-")]
    assert sorted(markers) == sorted(f"point-{p.entry.id}" for p in FIELD.points)
    for point in FIELD.points:
        assert point.entry.name in texts
    assert "point-zeta-nopower" not in ids  # no power: left out ...
    assert any("5 left out" in t and "1 no power" in t for t in texts)  # ... and counted
    assert {f"iso-{e:g}" for e in plot.EFFICIENCY_LINES} & set(ids)
    assert "frontier" in ids
    assert {"bound-gamma-y", "bound-gamma-x"} <= set(ids)  # at least / at most arrows


def test_frontier_labels_only(tmp_path):
    pytest.importorskip("matplotlib")
    output = tmp_path / "field.svg"
    plot.draw(field.build(VIEW, request(), Filter(kind="card")), output, label="frontier")
    ids, _ = svg_ids_and_texts(output)
    assert sorted(i for i in ids if i.startswith("label-")) == ["label-beta",
                                                                "label-epsilon-board"]
    plot.draw(FIELD, output, label="none")
    ids, _ = svg_ids_and_texts(output)
    assert not [i for i in ids if i.startswith("label-")]


def test_png_is_written(tmp_path):
    pytest.importorskip("matplotlib")
    output = tmp_path / "field.png"
    plot.draw(FIELD, output)
    assert output.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_wrong_suffix_is_refused_and_writes_nothing(tmp_path):
    with pytest.raises(plot.ChipcmpError, match=".svg or .png"):
        plot.draw(FIELD, tmp_path / "field.pdf")
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(plot.PlotUnavailable, match=r"pip install 'chipcmp\[plot\]'"):
        plot.draw(FIELD, tmp_path / "field.svg")


def test_text_plot_names_every_point():
    text = plot.text_plot(FIELD, label="all")
    assert text.splitlines()[0] == FIELD.caption()
    for point in FIELD.points:
        assert f"{point.entry.id}:" in text
    assert "gamma: 10 TOPS (>=)" in text
    assert "[frontier]" in text


def test_names_that_would_pile_up_are_left_out_and_counted(tmp_path):
    pytest.importorskip("matplotlib")
    lines = ["sources: {s: {title: T, url: https://example.com}}", "products:"]
    for i in range(60):  # sixty chips within a factor of two of one another
        lines.append(f"  - {{id: c{i}, name: Crowded chip number {i}, vendor: V, kind: chip, "
                     f"segment: edge, compute: [{{precision: int8, peak: {10 + i / 6:.2f} TOPS, "
                     f"source: s}}], power: [{{kind: tdp, scope: chip, value: {2 + i / 30:.2f} W,"
                     " source: s}]}")
    path = tmp_path / "crowd.yaml"
    path.write_text("\n".join(lines) + "\n")
    crowd = field.build(view_of([path]), request())
    output = tmp_path / "crowd.svg"
    plot.draw(crowd, output, label="all")
    ids, texts = svg_ids_and_texts(output)
    named = [i for i in ids if i.startswith("label-")]
    assert 0 < len(named) < 60
    assert any(f"{len(named)} of 60 points named" in t for t in texts)
