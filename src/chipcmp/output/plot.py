"""Drawing the field: a log-log scatter of peak compute against power (matplotlib, an
optional extra), and a text version for the terminal.

Honest on purpose: one precision, compute and power of one scope, a bounded figure drawn
hollow with an arrow the way it may move ("at least" up or right, "at most" down or
left), the products left out counted in the caption.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from chipcmp.analyses.field import Field, Point
from chipcmp.model.problems import ChipcmpError
from chipcmp.model.units import format_number
from chipcmp.model.bounds import MAX, MIN, render
from chipcmp.model.bounds import symbol as symbol_of

# Okabe-Ito colours, told apart with the common colour-vision deficiencies.
SEGMENT_COLOURS = {"datacenter": "#0072B2", "edge": "#009E73", "automotive": "#D55E00",
                   "mobile": "#CC79A7", "embedded": "#E69F00", "desktop": "#56B4E9",
                   "research": "#000000", "unspecified": "#999999"}
KIND_MARKERS = {"chip": "o", "soc": "h", "card": "s", "module": "D", "superchip": "P",
                "system": "^"}
KIND_SIZES = {"chip": 36, "soc": 40, "card": 70, "module": 70, "superchip": 80, "system": 90}
DRAW_ORDER = ("system", "superchip", "module", "card", "soc", "chip")
EFFICIENCY_LINES = (0.1, 1.0, 10.0, 100.0)
LABEL_CHOICES = ("all", "frontier", "none")
FORMATS = (".svg", ".png")


class PlotUnavailable(ChipcmpError):
    """matplotlib is not installed: say how to get it (exit 2)."""


def _matplotlib():
    try:
        import matplotlib
    except ImportError:
        raise PlotUnavailable("plotting needs matplotlib: pip install 'chipcmp[plot]' "
                              "(or leave out --output for the text version)") from None
    matplotlib.use("Agg")  # files only: no display, no GUI toolkit
    return matplotlib


def draw(field: Field, output: Path, label: str = "frontier") -> None:
    """Write the scatter to `output` (.svg or .png). Writes nothing on failure."""
    if output.suffix.lower() not in FORMATS:
        raise ChipcmpError(f"--output must end in {' or '.join(FORMATS)}, not {output.name!r}")
    matplotlib = _matplotlib()
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, selectable
    matplotlib.rcParams["svg.hashsalt"] = "chipcmp"  # the same input gives the same file
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    unit = field.request.precision.unit
    figure = Figure(figsize=(10, 7), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    axes.set_xscale("log")
    axes.set_yscale("log")
    (x_low, x_high), (y_low, y_high) = _limits(field.points)
    axes.set_xlim(x_low, x_high)
    axes.set_ylim(y_low, y_high)
    axes.set_xlabel("power (W), at the product's own scope")
    axes.set_ylabel(f"peak compute ({unit}, {field.request.precision})")
    axes.grid(True, which="major", color="#dddddd", linewidth=0.6)

    iso_labels = []
    for efficiency in EFFICIENCY_LINES:
        xs = [x_low, x_high]
        axes.plot(xs, [efficiency * x for x in xs], linestyle="--", linewidth=0.8,
                  color="#999999", zorder=1)
        # Labelled well inside the axes, below the line near where it leaves them: clear
        # of the title above and of the legend on the right.
        label_x = min(x_high / 2.5, y_high / efficiency / 2.5)
        if label_x > x_low * 2 and efficiency * label_x > y_low * 2:
            iso_labels.append(axes.annotate(
                f"{efficiency:g} {unit}/W", (label_x, efficiency * label_x), fontsize=7,
                color="#777777", ha="left", va="top", xytext=(3, -3),
                textcoords="offset points", gid=f"iso-{efficiency:g}"))

    if len(field.frontier) > 1:
        axes.plot([p.x.value for p in field.frontier],
                  [p.y.value for p in field.frontier], color="#444444", linewidth=1.2,
                  zorder=2, label="Pareto frontier", gid="frontier")

    # Big markers first, so a chip that sits on its own card stays visible on top.
    for point in sorted(field.points, key=lambda p: DRAW_ORDER.index(p.entry.kind)):
        _draw_point(axes, point)

    labelled = field.points if label == "all" else field.frontier if label == "frontier" else []
    placed = _place_labels(axes, figure, labelled, field.points, iso_labels)

    segments = sorted({p.entry.segment for p in field.points})
    kinds = sorted({p.entry.kind for p in field.points})
    handles = [Line2D([], [], marker="o", linestyle="", color=SEGMENT_COLOURS[s], label=s)
               for s in segments]
    handles += [Line2D([], [], marker=KIND_MARKERS[k], linestyle="", color="#555555",
                       label=k) for k in kinds]
    handles += [Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                       color="#555555", label="bounded figure (arrow: may move)")]
    if len(field.frontier) > 1:
        handles.append(Line2D([], [], color="#444444", label="Pareto frontier"))
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
                frameon=False)
    figure.suptitle("AI accelerators: peak compute against power", fontsize=12)
    caption = field.caption()
    if placed < len(labelled):
        caption += (f"; {placed} of {len(labelled)} points named, the others would overlap "
                    "(chipcmp plot without --output lists every point)")
    figure.supxlabel(caption, fontsize=8, color="#333333", x=0.01, ha="left", wrap=True,
                     gid="caption")

    _save(figure, output)


def _save(figure: Any, output: Path) -> None:
    """The figure as SVG or PNG (by the file's suffix), written whole or not at all; an
    SVG without its date, so the same plot is the same bytes."""
    import io

    from chipcmp.output.writing import write_atomically

    buffer = io.BytesIO()
    figure.savefig(buffer, format=output.suffix.lower()[1:],
                   metadata={"Date": None} if output.suffix.lower() == ".svg" else None)
    write_atomically(output, buffer.getvalue())


def _limits(points: list[Point]) -> tuple[tuple[float, float], tuple[float, float]]:
    if not points:
        return (0.1, 10_000.0), (0.01, 10_000.0)
    xs = [p.x.value for p in points]
    ys = [p.y.value for p in points]
    return ((min(xs) / 4, max(xs) * 4), (min(ys) / 4, max(ys) * 4))


def _draw_point(axes, point: Point) -> None:
    product = point.entry
    colour = SEGMENT_COLOURS[product.segment]
    x, y = point.x.value, point.y.value
    bounded = point.y.bound != "exact" or point.x.bound != "exact"
    axes.scatter([x], [y], s=KIND_SIZES[product.kind],
                 marker=KIND_MARKERS[product.kind], zorder=3, linewidths=1.4,
                 facecolors="none" if bounded else colour,
                 edgecolors=colour if bounded else "white",  # a white rim shows overlaps
                 gid=f"point-{product.id}")
    for bound, axis in ((point.y.bound, "y"), (point.x.bound, "x")):
        if bound not in ("min", "max"):
            continue
        factor = 1.8 if bound == "min" else 1 / 1.8
        end = (x, y * factor) if axis == "y" else (x * factor, y)
        arrow = axes.annotate("", xy=end, xytext=(x, y),
                              arrowprops={"arrowstyle": "->", "color": colour,
                                          "linewidth": 1.1}, zorder=3)
        arrow.arrow_patch.set_gid(f"bound-{product.id}-{axis}")


def _place_labels(axes, figure, labelled: list[Point], everything: list[Point],
                  fixed: list = ()) -> int:
    """Greedy placement, the biggest products first: each label takes the first of eight
    spots around its point that overlaps no label placed before it, no marker and no
    fixed text (the iso-efficiency labels); a label with no free spot is left out.
    Returns how many were placed."""
    figure.canvas.draw()  # fixes the transforms
    transform = axes.transData
    fontsize, dpi = 8, figure.dpi
    markers = [transform.transform((p.x.value, p.y.value)) for p in everything]
    taken: list[tuple[float, float, float, float]] = [
        (x - 5, y - 5, x + 5, y + 5) for x, y in markers]
    renderer = figure._get_renderer()  # the Agg renderer the draw above made
    for text in fixed:
        box = text.get_window_extent(renderer)
        taken.append((box.x0, box.y0, box.x1, box.y1))
    area = axes.get_window_extent(renderer)
    placed = 0
    spots = ((7, 5, "left", "bottom"), (7, -5, "left", "top"), (-7, 5, "right", "bottom"),
             (-7, -5, "right", "top"), (0, 9, "center", "bottom"), (0, -9, "center", "top"),
             (12, 0, "left", "center"), (-12, 0, "right", "center"))
    for point in sorted(labelled, key=lambda p: -p.y.value):
        text = point.entry.name
        width = 0.62 * fontsize * len(text) * dpi / 72
        height = 1.25 * fontsize * dpi / 72
        x, y = transform.transform((point.x.value, point.y.value))
        best, best_overlap = None, math.inf
        for dx, dy, ha, va in spots:
            ox, oy = x + dx * dpi / 72, y + dy * dpi / 72
            left = ox if ha == "left" else ox - width if ha == "right" else ox - width / 2
            bottom = oy if va == "bottom" else oy - height if va == "top" else oy - height / 2
            box = (left, bottom, left + width, bottom + height)
            inside = (box[0] >= area.x0 and box[2] <= area.x1 and box[1] >= area.y0
                      and box[3] <= area.y1)
            overlap = sum(_overlap(box, other) for other in taken) if inside else math.inf
            if overlap < best_overlap:
                best, best_overlap = (dx, dy, ha, va, box), overlap
            if overlap == 0:
                break
        if best is None or best_overlap > 0:
            continue  # no free spot: a pile of names helps nobody
        dx, dy, ha, va, box = best
        taken.append(box)
        placed += 1
        axes.annotate(text, (point.x.value, point.y.value), xytext=(dx, dy),
                      textcoords="offset points", ha=ha, va=va, fontsize=fontsize,
                      gid=f"label-{point.entry.id}")
    return placed


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _symbol(index: int) -> str:
    """A..Z, a..z for the first 52 points; '+' for the rest (their key lines give
    their figures)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    if index < len(letters):
        return letters[index]
    return "+"


def text_plot(field: Field, width: int = 64, height: int = 20, label: str = "all") -> str:
    """A log-log scatter in characters: each point a letter, explained below the grid."""
    unit = field.request.precision.unit
    lines = [field.caption()]
    if not field.points:
        return "\n".join(lines + ["(nothing to plot)"]) + "\n"
    (x_low, x_high), (y_low, y_high) = _limits(field.points)

    def column(value: float) -> int:
        span = math.log10(x_high) - math.log10(x_low)
        return min(width - 1, int((math.log10(value) - math.log10(x_low)) / span * width))

    def row(value: float) -> int:
        span = math.log10(y_high) - math.log10(y_low)
        return min(height - 1, int((math.log10(value) - math.log10(y_low)) / span * height))

    grid = [[" "] * width for _ in range(height)]
    for efficiency in EFFICIENCY_LINES:  # the iso-efficiency diagonals, dotted
        for c in range(width):
            x = 10 ** (math.log10(x_low) + (c + 0.5) / width * (math.log10(x_high) -
                                                                   math.log10(x_low)))
            y = efficiency * x
            if y_low <= y < y_high:
                grid[row(y)][c] = "."
    frontier = {p.entry.id for p in field.frontier}
    keys = []
    for index, point in enumerate(sorted(field.points, key=lambda p: p.entry.id)):
        symbol = _symbol(index)
        cell_row, cell_column = row(point.y.value), column(point.x.value)
        occupied = grid[cell_row][cell_column] not in (" ", ".")
        grid[cell_row][cell_column] = "*" if occupied else symbol
        bound = f" ({symbol_of(point.y.bound)})" if point.y.bound in (MIN, MAX) else ""
        keys.append(f"  {symbol}  {point.entry.id}: {point.y.value:g} {unit}{bound}, "
                    f"{point.x.value:g} W {point.power_kind}, "
                    f"{point.efficiency:.3g} {unit}/W"
                    + (" [frontier]" if point.entry.id in frontier else ""))
    lines.append(f"{unit} (log) ^")
    for r in range(height - 1, -1, -1):
        lines.append("  |" + "".join(grid[r]))
    lines.append("  +" + "-" * width + "> W (log)")
    lines.append(f"  x: {x_low:.3g}..{x_high:.3g} W   y: {y_low:.3g}..{y_high:.3g} {unit}   "
                 f"dots: {', '.join(f'{e:g}' for e in EFFICIENCY_LINES)} {unit}/W   "
                 "*: several points in one cell")
    if label != "none":
        lines.extend(keys if label == "all" else [k for k in keys if "[frontier]" in k])
    return "\n".join(lines) + "\n"


def _svg_log_axes(size: tuple[int, int], area: tuple[float, float, float, float],
                  xs: tuple[float, float], ys: tuple[float, float], name: str, title: str,
                  x_label: str, y_label: str) -> tuple[Any, Any, list[str]]:
    """The frame of a log-log inline SVG: the scales (value -> pixel), and the opening
    tags, title, grid, ticks at each power of ten and the axis labels."""
    from html import escape

    width, height = size
    left, top, plot_w, plot_h = area
    lx0, lx1 = (math.log10(v) for v in xs)
    ly0, ly1 = (math.log10(v) for v in ys)

    def sx(value: float) -> float:
        return left + (math.log10(value) - lx0) / (lx1 - lx0) * plot_w

    def sy(value: float) -> float:
        return top + plot_h - (math.log10(value) - ly0) / (ly1 - ly0) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-labelledby="{name}-title" class="{name}">',
             f'<title id="{name}-title">{escape(title)}</title>',
             f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" class="frame"/>']
    for exponent in range(math.ceil(lx0), math.floor(lx1) + 1):
        x = sx(10 ** exponent)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + plot_h}" '
                     f'class="grid"/><text x="{x:.1f}" y="{top + plot_h + 14}" '
                     f'class="tick" text-anchor="middle">{10.0 ** exponent:g}</text>')
    for exponent in range(math.ceil(ly0), math.floor(ly1) + 1):
        y = sy(10 ** exponent)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                     f'class="grid"/><text x="{left - 4}" y="{y + 3:.1f}" class="tick" '
                     f'text-anchor="end">{10.0 ** exponent:g}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle" '
                 f'class="axis">{escape(x_label, quote=False)}</text>')
    parts.append(f'<text transform="translate(14 {top + plot_h / 2}) rotate(-90)" '
                 f'text-anchor="middle" class="axis">{escape(y_label, quote=False)}</text>')
    return sx, sy, parts


def field_svg(field: Field, width: int = 760, height: int = 500,
              link: str = "#p-{id}") -> str:
    """The field as a small inline SVG, without matplotlib, for the report page: each point
    a link to its product (`link` formats the id), shaped by kind and coloured by segment
    (the shape and a tooltip carry what colour does not), bounded figures hollow, the
    iso-efficiency lines and the Pareto frontier, the frontier's points named."""
    from html import escape

    unit = field.request.precision.unit
    left, right, top, bottom = 64, 150, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    (x_low, x_high), (y_low, y_high) = _limits(field.points)
    sx, sy, parts = _svg_log_axes(
        (width, height), (left, top, plot_w, plot_h), (x_low, x_high), (y_low, y_high),
        "field", field.caption(), "power (W), the product's own scope",
        f"peak {unit} ({field.request.precision})")
    parts.append(f'<clipPath id="plot-area"><rect x="{left}" y="{top}" width="{plot_w}" '
                 f'height="{plot_h}"/></clipPath><g clip-path="url(#plot-area)">')
    for efficiency in EFFICIENCY_LINES:
        x0, x1 = x_low, x_high
        parts.append(f'<line x1="{sx(x0):.1f}" y1="{sy(efficiency * x0):.1f}" '
                     f'x2="{sx(x1):.1f}" y2="{sy(efficiency * x1):.1f}" class="iso"/>')
        label_x = min(x_high / 2.5, y_high / efficiency / 2.5)
        if label_x > x_low * 2 and efficiency * label_x > y_low * 2:
            parts.append(f'<text x="{sx(label_x) - 3:.1f}" y="{sy(efficiency * label_x) - 4:.1f}"'
                         f' class="iso-label" text-anchor="end">{efficiency:g} {unit}/W</text>')
    if len(field.frontier) > 1:
        path = " ".join(f"{sx(p.x.value):.1f},{sy(p.y.value):.1f}" for p in field.frontier)
        parts.append(f'<polyline points="{path}" class="frontier"/>')
    frontier = {p.entry.id for p in field.frontier}
    drawn = sorted(field.points, key=lambda p: DRAW_ORDER.index(p.entry.kind))
    where = {p.entry.id: (sx(p.x.value), sy(p.y.value)) for p in drawn}
    for point in drawn:  # every marker first: no name is drawn under a later marker
        entry = point.entry
        x, y = where[entry.id]
        colour = SEGMENT_COLOURS[entry.segment]
        hollow = point.x.bound != "exact" or point.y.bound != "exact"
        fill = "none" if hollow else colour
        tip = (f"{entry.name} ({entry.id}, {entry.kind}, {entry.segment}): "
               f"{point.y.value:g} {unit}, {point.x.value:g} W, "
               f"{point.efficiency:.3g} {unit}/W")
        parts.append(f'<a href="{escape(link.format(id=entry.id))}" class="point" '
                     f'data-id="{escape(entry.id)}"><title>{escape(tip)}</title>'
                     f'{_svg_marker(entry.kind, x, y, colour, fill)}</a>')
    # Then the frontier's names, each where it overlaps no marker, no other name and
    # stays inside the plot; one with no such place is left to its tooltip, and counted.
    markers = [(x - 7, y - 7, x + 7, y + 7) for x, y in where.values()]
    area = (left, top, left + plot_w, top + plot_h)
    named: list[tuple[float, float, float, float]] = []
    wanted = [p for p in drawn if p.entry.id in frontier]
    for point in wanted:
        x, y = where[point.entry.id]
        width_px = 5.6 * len(point.entry.name)
        for dx, dy, anchor in ((8, -6, "start"), (8, 13, "start"), (-8, -6, "end"),
                               (-8, 13, "end")):
            x0 = x + dx if anchor == "start" else x + dx - width_px
            box = (x0, y + dy - 10, x0 + width_px, y + dy + 2)
            inside = area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and \
                box[3] <= area[3]
            if inside and not any(_overlap(box, other) for other in markers + named):
                named.append(box)
                parts.append(f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" class="name" '
                             f'text-anchor="{anchor}">{escape(point.entry.name)}</text>')
                break
    if len(named) < len(wanted):
        parts.append(f'<text x="{left + 4}" y="{top + plot_h - 6}" class="tick">'
                     f'{len(named)} of {len(wanted)} frontier points named; the others '
                     'would overlap (their tooltips name them)</text>')
    parts.append("</g>")
    legend_x, legend_y = left + plot_w + 12, top + 8
    for index, segment in enumerate(sorted({p.entry.segment for p in field.points})):
        y = legend_y + index * 16
        parts.append(f'<circle cx="{legend_x + 5}" cy="{y}" r="5" fill="{SEGMENT_COLOURS[segment]}"'
                     f'/><text x="{legend_x + 14}" y="{y + 4}" class="legend">{segment}</text>')
    kinds = sorted({p.entry.kind for p in field.points})
    base = legend_y + 16 * len({p.entry.segment for p in field.points}) + 8
    for index, kind in enumerate(kinds):
        y = base + index * 16
        parts.append(_svg_marker(kind, legend_x + 5, y, "#555", "#555") +
                     f'<text x="{legend_x + 14}" y="{y + 4}" class="legend">{kind}</text>')
    parts.append(f'<text x="{legend_x}" y="{base + 16 * len(kinds) + 10}" class="legend">'
                 'hollow: a bounded figure</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_marker(kind: str, x: float, y: float, colour: str, fill: str) -> str:
    """A marker whose shape says the kind: circle chip, hexagon SoC, square card, diamond
    module, triangle system."""
    style = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    if kind == "chip":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" {style}/>'
    if kind == "card":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" {style}/>'
    if kind == "module":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
    elif kind == "system":
        points = f"{x:.1f},{y - 7:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}"
    else:
        points = " ".join(f"{x + 5.5 * math.cos(math.pi / 3 * k):.1f},"
                          f"{y + 5.5 * math.sin(math.pi / 3 * k):.1f}" for k in range(6))
    return f'<polygon points="{points}" {style}/>'


# ------------------------------------------------------------------------ rooflines
def roofline_text(found: Any) -> str:
    """The ridge points, one product a line, with the figures they come from."""
    unit = found.request.precision.unit
    lines = [f"rooflines at {found.request.describe()}: attainable {unit} = min(peak, "
             "bandwidth x operations a byte); below its ridge point a part is "
             "bandwidth-bound"]
    for roof in sorted(found.roofs, key=lambda r: r.ridge):
        lines.append(f"  {roof.entry.id} ({roof.entry.name}): ridge at "
                     f"{render(roof.ridge_bounded)} operations a byte ({roof.peak.basis}; "
                     f"{roof.bandwidth.basis})")
    for entry, why in found.missing:
        lines.append(f"  {entry.id}: no roofline: {why}")
    return "\n".join(lines) + "\n"


def draw_rooflines(found: Any, output: Path) -> None:
    """Each product's roof, log-log, labelled at its ridge point (.svg or .png)."""
    if output.suffix.lower() not in FORMATS:
        raise ChipcmpError(f"--output must end in {' or '.join(FORMATS)}, not {output.name!r}")
    if not found.roofs:
        raise ChipcmpError("no product has both a peak at this precision and a memory "
                           "bandwidth: " + "; ".join(f"{e.id}: {w}" for e, w in found.missing))
    matplotlib = _matplotlib()
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = "chipcmp"
    from matplotlib.figure import Figure

    unit = found.request.precision.unit
    ridges = [r.ridge for r in found.roofs]
    low, high = min(ridges) / 30, max(ridges) * 30
    intensities = [low * (high / low) ** (i / 200) for i in range(201)]
    figure = Figure(figsize=(9, 6), dpi=110, layout="constrained")
    axes = figure.add_subplot()
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("arithmetic intensity (operations a byte of memory traffic)")
    axes.set_ylabel(f"attainable compute ({unit}, {found.request.precision})")
    axes.grid(True, which="major", color="#dddddd", linewidth=0.6)
    for index, roof in enumerate(sorted(found.roofs, key=lambda r: -r.peak.value.value)):
        colour = f"C{index % 10}"
        axes.plot(intensities, [roof.attainable(i) for i in intensities], color=colour,
                  linewidth=1.6, label=f"{roof.entry.name} ({roof.entry.id})",
                  gid=f"roof-{roof.entry.id}")
        axes.plot([roof.ridge], [roof.peak.value.value], marker="o", color=colour)
        axes.annotate(f"{roof.entry.name}: ridge {format_number(roof.ridge, 3)} op/B",
                      (roof.ridge, roof.peak.value.value), xytext=(6, 6),
                      textcoords="offset points", fontsize=8, color=colour)
    axes.legend(loc="lower right", fontsize=8, frameon=False)
    figure.suptitle("Rooflines: attainable compute against arithmetic intensity",
                    fontsize=12)
    note = "peak and bandwidth as each product's sources give them"
    if found.missing:
        note += "; no roofline: " + "; ".join(f"{e.id} ({w})" for e, w in found.missing)
    figure.supxlabel(note, fontsize=8, color="#333333", x=0.01, ha="left", wrap=True)

    _save(figure, output)


def roofline_svg(found: Any, width: int = 760, height: int = 440) -> str:
    """The rooflines as a small inline SVG for the report page (no matplotlib): each
    product's roof, its ridge point marked and named."""
    from html import escape

    unit = found.request.precision.unit
    left, right, top, bottom = 64, 20, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    ridges = [r.ridge for r in found.roofs]
    x_low, x_high = min(ridges) / 30, max(ridges) * 30
    peaks = [r.peak.value.value for r in found.roofs]
    y_low = min(r.attainable(x_low) for r in found.roofs) / 2
    y_high = max(peaks) * 2
    sx, sy, parts = _svg_log_axes(
        (width, height), (left, top, plot_w, plot_h), (x_low, x_high), (y_low, y_high),
        "roofline", "Rooflines: attainable compute against arithmetic intensity",
        "arithmetic intensity (operations a byte)",
        f"attainable {unit} ({found.request.precision})")
    palette = list(SEGMENT_COLOURS.values())
    for index, roof in enumerate(sorted(found.roofs, key=lambda r: -r.peak.value.value)):
        colour = palette[index % len(palette)]
        points = (f"{sx(x_low):.1f},{sy(roof.attainable(x_low)):.1f} "
                  f"{sx(roof.ridge):.1f},{sy(roof.peak.value.value):.1f} "
                  f"{sx(x_high):.1f},{sy(roof.peak.value.value):.1f}")
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="1.8" data-id="{escape(roof.entry.id)}"/>'
                     f'<circle cx="{sx(roof.ridge):.1f}" cy="{sy(roof.peak.value.value):.1f}" '
                     f'r="3.5" fill="{colour}"/>'
                     f'<text x="{sx(roof.ridge) + 6:.1f}" y="{sy(roof.peak.value.value) - 6:.1f}"'
                     f' class="name" fill="{colour}">{escape(roof.entry.name)}: ridge '
                     f'{format_number(roof.ridge, 3)}</text>')
    parts.append("</svg>")
    return "".join(parts)
