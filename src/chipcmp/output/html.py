"""HTML: the report page (`chipcmp report`) and the html format of every other command.

One self-contained file that works from file:// with no network: inline CSS, a small
inline script, the field as inline SVG, no fonts, images or scripts from elsewhere.
Accessible and printable: real table markup with header cells, sorting by buttons in the
header cells (keyboard-operable, announced with aria-sort and a status line), filters as
labelled form controls, marks in words and symbols as well as colour, and a print style
that opens every product's details.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from chipcmp.model.bounds import render
from chipcmp.output.results import Result, Table

CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --line: #d7d7d7; --band: #f4f4f4;
  --accent: #0b5394; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { color: var(--ink); margin: 0 auto; max-width: 78rem; padding: 1rem 1.5rem 3rem;
  line-height: 1.45; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.2rem; margin-top: 2rem;
  border-bottom: 1px solid var(--line); } h3 { font-size: 1rem; margin: .2rem 0; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .45rem; text-align: left;
  vertical-align: top; }
th { background: var(--band); position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0;
  cursor: pointer; color: inherit; text-align: inherit; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort=ascending] button::after { content: " \\25B2"; }
th[aria-sort=descending] button::after { content: " \\25BC"; }
button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible,
summary:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.controls { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: end;
  background: var(--band); padding: .6rem .8rem; border-radius: .4rem; }
.controls label { display: flex; flex-direction: column; font-size: .8rem; }
.muted, .note { color: var(--muted); font-size: .85rem; }
.mark { font-size: .78rem; border: 1px solid currentColor; border-radius: .6rem;
  padding: 0 .35rem; margin-right: .2rem; white-space: nowrap; }
.mark.conflict { color: #8a4b00; } .mark.flagged { color: #9b1c1c; }
.mark.ambiguous { color: #4b3a8a; }
details.product { border: 1px solid var(--line); border-radius: .4rem; margin: .35rem 0;
  padding: .2rem .6rem; }
details.product[open] { background: #fcfcfc; }
details.product > summary { cursor: pointer; }
.verdict { font-weight: 700; }
.claim { border-left: 4px solid var(--line); padding: .1rem .8rem; margin: .8rem 0; }
.claim.contradicted { border-color: #9b1c1c; } .claim.extraordinary { border-color: #8a4b00; }
.claim.consistent { border-color: #2e7d32; }
svg.field { width: 100%; max-width: 760px; height: auto; font-size: 10px; }
svg .frame { fill: none; stroke: #999; } svg .grid { stroke: #e6e6e6; }
svg .iso { stroke: #aaa; stroke-dasharray: 4 3; } svg .iso-label, svg .tick { fill: #777; }
svg .frontier { fill: none; stroke: #444; stroke-width: 1.2; }
svg .name { fill: #222; font-size: 9px; } svg .axis, svg .legend { fill: #333; }
svg a.point:focus-visible { outline: 2px solid #f5a623; }
pre { white-space: pre-wrap; font-size: .85rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .controls, .skip, th button::after { display: none; }
  th { position: static; } body { max-width: none; padding: 0; }
  details.product { break-inside: avoid; } a { color: inherit; text-decoration: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  var status = document.getElementById("status");
  function say(text) { if (status) { status.textContent = text; } }
  if (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead th button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.closest("th");
        var index = Array.prototype.indexOf.call(th.parentNode.children, th);
        var order = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        table.querySelectorAll("thead th").forEach(function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", order);
        var numeric = th.dataset.type === "number";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[index].dataset.sort, y = b.cells[index].dataset.sort;
          if (x === undefined) { x = a.cells[index].textContent.trim(); }
          if (y === undefined) { y = b.cells[index].textContent.trim(); }
          var result;
          if (numeric) {
            var fx = x === "" ? NaN : parseFloat(x), fy = y === "" ? NaN : parseFloat(y);
            if (isNaN(fx) && isNaN(fy)) { result = 0; }
            else if (isNaN(fx)) { return 1; } else if (isNaN(fy)) { return -1; }
            else { result = fx - fy; }
          } else { result = x.localeCompare(y); }
          return order === "ascending" ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        say("Sorted by " + button.textContent.trim() + ", " + order + ".");
      });
    });
    var controls = document.querySelectorAll("[data-filter]");
    function apply() {
      var wanted = {};
      controls.forEach(function (c) { wanted[c.dataset.filter] = c.value.trim().toLowerCase(); });
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var ok = (!wanted.segment || row.dataset.segments.split(" ").indexOf(wanted.segment) >= 0)
          && (!wanted.kind || row.dataset.kind === wanted.kind)
          && (!wanted.vendor || row.dataset.vendor === wanted.vendor)
          && (!wanted.text || row.dataset.text.indexOf(wanted.text) >= 0);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      say(shown + " of " + body.rows.length + " ranked products shown.");
    }
    controls.forEach(function (c) {
      c.addEventListener("input", apply);
      c.addEventListener("change", apply);
    });
  }
  function openProduct(id) {
    var target = document.getElementById(id);
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#p-']");
    if (link) { openProduct(link.getAttribute("href").slice(1)); }
  });
  window.addEventListener("hashchange", function () { openProduct(location.hash.slice(1)); });
  if (location.hash) { openProduct(location.hash.slice(1)); }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
}());
"""


def page(title: str, body: str, script: bool = True) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{body}\n" + (f"<script>{SCRIPT}</script>\n" if script else "") +
            "</body>\n</html>\n")


def table_html(table: Table, attributes: str = "") -> str:
    """A results.Table as an HTML table: header cells, right-aligned number columns."""
    align = table.align or ["l"] * len(table.headers)
    head = "".join(f'<th scope="col"{" class=num" if a == "r" else ""}>{escape(h)}</th>'
                   for h, a in zip(table.headers, align))
    rows = "".join("<tr>" + "".join(f'<td{" class=num" if a == "r" else ""}>{escape(c)}</td>'
                                    for c, a in zip(row, align)) + "</tr>"
                   for row in table.rows)
    caption = f"<caption>{escape(table.title)}</caption>" if table.title else ""
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in table.notes)
    if not table.headers:
        return f"<p>{escape(table.title)}</p>{notes}"
    return (f"<table{attributes}>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}"
            f"</tbody></table>{notes}")


def result_page(result: Result) -> str:
    """Any command's Result as a page: its tables, and its text as preformatted text."""
    title = next((b.title for b in result.blocks if isinstance(b, Table) and b.title),
                 "chipcmp")
    body = "".join(table_html(b) if isinstance(b, Table) else f"<pre>{escape(b)}</pre>"
                   for b in result.blocks)
    summary = f'<p class="muted">{escape(result.summary)}</p>' if result.summary else ""
    return page(title, f"<main><h1>{escape(title)}</h1>{body}{summary}</main>", script=False)


# ------------------------------------------------------------------------------ report
def report_page(report: Any) -> str:
    """The comparison as one page (report.Report)."""
    from chipcmp.analyses.filters import SEGMENT_GROUPS

    title = f"chipcmp report: {report.title}"
    sections = [_header(report), _ranking(report, SEGMENT_GROUPS), _field(report),
                _rooflines(report), _costs(report), _claims(report), _products(report)]
    body = ('<a class="skip sr-only" href="#ranking-section">Skip to the ranking</a>'
            f"<header><h1>{escape(title)}</h1></header><main>{''.join(sections)}</main>"
            '<p id="status" role="status" aria-live="polite" class="sr-only"></p>')
    return page(title, body)


def _header(report: Any) -> str:
    catalogs = "".join(
        f"<li><strong>{escape(c.name)}</strong> ({escape(c.kind)}"
        + (f", {_link(c.url, c.title or c.url)}" if c.url else "")
        + (f", as of {escape(c.snapshot)}" if c.snapshot else "")
        + f"): <code>{escape(c.stem + Path(c.path).suffix)}</code>"  # never a local path
        + (f"; terms: {escape(c.licence)}" if c.licence else "")
        + (f"; cite: {escape(c.attribution)}" if c.attribution else "") + "</li>"
        for c in report.catalogs)
    where = (f"<p>Filters: {escape(report.where.describe())}.</p>"
             if report.where is not None and report.where.active else "")
    sources = report.source_table
    listed = "".join(f'<li id="s-{escape(sid)}">{_source_link(sid, source)}'
                     + (f" ({escape(source.kind)})" if source.kind else "") + "</li>"
                     for sid, source in sources.items())
    where += (f"<details><summary>The {len(sources)} sources</summary><ul>{listed}</ul>"
              "</details>" if sources else "")
    return (f'<section aria-labelledby="about"><h2 id="about">About this page</h2>'
            f"<p>Made by chipcmp on {escape(report.generated)} from {len(report.catalogs)} "
            f"catalog(s), {len(report.entries)} products and {report.sources} sources. Every "
            "figure carries its bound (&ge; at least, &le; at most, ~ approximate), its "
            "source and, when read from a document, its quote; * marks a derived figure "
            "(from parts, halved from sparse, an assumed precision, or a figure given for "
            "either of two precisions).</p>"
            f"<ul>{catalogs}</ul>{where}</section>")


def _ranking(report: Any, groups: dict[str, tuple[str, ...]]) -> str:
    from chipcmp.analyses.metrics import describe_counts
    from chipcmp.output import answers as reports

    ranking = report.ranking
    ranking_notes = reports.rank_result(ranking, report.where).blocks[0].notes
    unit = ranking.unit
    rows = []
    for row in ranking.ranked:
        entry, pick = row.entry, row.answer
        segments = " ".join(sorted({entry.segment} | {g for g, members in groups.items()
                                                      if entry.segment in members}))
        text = " ".join([entry.id, entry.name, entry.vendor] + list(entry.ids)).lower()
        marks = "".join(f'<span class="mark {m}">{m}</span>'
                        for m in reports.marks(pick, entry))
        rows.append(
            f'<tr data-segments="{escape(segments)}" data-kind="{escape(entry.kind)}" '
            f'data-vendor="{escape(entry.vendor.lower())}" data-text="{escape(text)}">'
            f'<td class="num" data-sort="{row.rank}">{row.rank}</td>'
            f'<td><a href="#p-{escape(entry.id)}">{escape(entry.id)}</a></td>'
            f"<td>{escape(entry.name)}</td><td>{escape(entry.vendor)}</td>"
            f"<td>{escape(entry.kind)}</td><td>{escape(entry.segment)}</td>"
            f'<td class="num" data-sort="{pick.value.value!r}">'
            f"{escape(reports.shown(pick.value))}</td>"
            f"<td>{escape(pick.basis)}</td><td>{marks}</td></tr>")
    headers = [("#", "number"), ("id", "text"), ("name", "text"), ("vendor", "text"),
               ("kind", "text"), ("segment", "text"), (unit, "number"), ("basis", "text"),
               ("marks", "text")]
    head = "".join(f'<th scope="col" data-type="{kind}"'
                   + (' class="num"' if kind == "number" else "")
                   + f'><button type="button">{escape(name)}</button></th>'
                   for name, kind in headers)
    segments = sorted({r.entry.segment for r in ranking.ranked} |
                      {g for g, members in groups.items()
                       if any(r.entry.segment in members for r in ranking.ranked)})
    kinds = sorted({r.entry.kind for r in ranking.ranked})
    vendors = sorted({r.entry.vendor for r in ranking.ranked}, key=str.lower)

    def select(name: str, label: str, values: list[str]) -> str:
        options = "".join(f'<option value="{escape(v.lower())}">{escape(v)}</option>'
                          for v in values)
        return (f'<label>{label}<select data-filter="{name}" id="filter-{name}">'
                f'<option value="">all</option>{options}</select></label>')

    controls = ('<form class="controls" role="search" aria-label="Filter the ranking" '
                'onsubmit="return false">'
                + select("segment", "Segment", segments) + select("kind", "Kind", kinds)
                + select("vendor", "Vendor", vendors)
                + '<label>Search<input type="search" data-filter="text" id="filter-text" '
                  'placeholder="id, name or vendor"></label></form>')
    left_out = ""
    if ranking.unranked:
        items = "".join(f'<tr><td><a href="#p-{escape(r.entry.id)}">{escape(r.entry.id)}</a>'
                        f"</td><td>{escape(r.omission.label)}</td>"
                        f"<td>{escape(r.omission.detail)}</td></tr>"
                        for r in ranking.unranked)
        left_out = (f'<details class="left-out"><summary>{len(ranking.unranked)} not ranked: '
                    f"{escape(describe_counts(ranking.omission_counts()))}</summary>"
                    '<table><thead><tr><th scope="col">id</th><th scope="col">why</th>'
                    f'<th scope="col">detail</th></tr></thead><tbody>{items}</tbody></table>'
                    "</details>")
    notes = "".join(f'<p class="note">{escape(n)}</p>'
                    for n in ranking_notes
                    if not n.startswith(("not ranked", "  ")))
    return (f'<section id="ranking-section" aria-labelledby="ranking-title">'
            f'<h2 id="ranking-title">{escape(report.title)}</h2>'
            f'<p>{len(ranking.ranked)} ranked, {len(ranking.unranked)} without a figure. '
            "Sort by any column with its header button; filter below.</p>"
            f'{controls}<table id="ranking"><caption class="sr-only">{escape(report.title)}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{notes}{left_out}</section>")


def _field(report: Any) -> str:
    from chipcmp.output.plot import field_svg

    return ('<section aria-labelledby="field-heading"><h2 id="field-heading">The field: '
            "peak compute against power</h2>"
            f'<p class="note">{escape(report.field.caption())}. Each point links to its '
            "product; a hollow marker is a bounded figure; the line is the Pareto frontier."
            f"</p>{field_svg(report.field)}</section>")


def _rooflines(report: Any) -> str:
    """The rooflines of the products asked for (report --roofline), with their ridges."""
    found = report.rooflines
    if found is None:
        return ""
    from chipcmp.output.plot import roofline_svg

    rows = "".join(
        f"<tr><td>{escape(r.entry.name)} ({escape(r.entry.id)})</td>"
        f"<td>{escape(render(r.ridge_bounded))}</td><td>{escape(r.peak.basis)}</td>"
        f"<td>{escape(r.bandwidth.basis)}</td></tr>"
        for r in sorted(found.roofs, key=lambda r: r.ridge))
    missing = "".join(f"<li>{escape(e.id)}: {escape(str(w))}</li>" for e, w in found.missing)
    return ('<section aria-labelledby="roof-heading"><h2 id="roof-heading">Rooflines</h2>'
            '<p class="note">Attainable compute = min(peak, bandwidth x operations a byte) '
            f"at {escape(found.request.describe())}; below its ridge point a part is "
            "bandwidth-bound.</p>"
            + (roofline_svg(found) if found.roofs else "")
            + "<table><thead><tr><th>product</th><th>ridge (operations a byte)</th>"
            f"<th>peak</th><th>bandwidth</th></tr></thead><tbody>{rows}</tbody></table>"
            + (f"<p>No roofline:</p><ul>{missing}</ul>" if missing else "") + "</section>")


def _costs(report: Any) -> str:
    """The cost rankings (prices loaded): each as rank's table, with its notes."""
    if not report.costs:
        return ""
    from chipcmp.output import answers as reports

    tables = "".join(table_html(reports.rank_result(ranking, report.where).blocks[0])
                     for ranking in report.costs)
    return ('<section aria-labelledby="costs-heading"><h2 id="costs-heading">Costs</h2>'
            '<p class="note">Prices per accelerator-hour over peak compute (a spec) and '
            "over measured throughput (MLPerf): never the one ranked among the other."
            f"</p>{tables}</section>")


def _claims(report: Any) -> str:
    items = []
    for result in report.claims:
        claim = result.claim
        lines = "".join(f"<li>{escape(sentence)}</li>" for sentence in result.explanation)
        missing = (f"<p class=\"note\">missing: {escape('; '.join(result.missing))}</p>"
                   if result.missing else "")
        source = report.source_table.get(claim.source)
        quote = (f"<blockquote>{escape(claim.quote)}</blockquote>" if claim.quote else "")
        cited = (f'<p class="note">source: {_source_link(claim.source, source)}</p>'
                 if source is not None else "")
        items.append(f'<article class="claim {escape(result.verdict)}" id="c-{escape(claim.id)}">'
                     f"<h3>{escape(claim.id)}: <span class=\"verdict\">"
                     f"{escape(result.verdict)}</span></h3><p>{escape(result.summary())}</p>"
                     f"{quote}<ul>{lines}</ul>{missing}{cited}</article>")
    return (f'<section aria-labelledby="claims-heading"><h2 id="claims-heading">Claims '
            f"({len(report.claims)})</h2><p class=\"note\">Each claim checked against the specs "
            "and against the other claims, with the arithmetic; a claim the source leaves "
            "open is checked under each reading.</p>" + "".join(items) + "</section>")


def _products(report: Any) -> str:
    from chipcmp.output.answers import inferred_text, show_result

    items = []
    for entry in report.entries:
        detail = show_result(report.sheets[entry.id])
        rows = "".join(
            "<tr>" + f"<td>{escape(r['what'])}</td>"
            f'<td class="num">{escape(_value(r))}</td><td>{escape(r["scope"] or "")}</td>'
            f"<td>{escape(r['detail'] or '')}</td>"
            f"<td>{_source_link(r['source'], report.source_table.get(r['source']))}</td>"
            f"<td>{escape(r['catalog'] or '')}</td><td>{escape(r['used'] or '')}</td>"
            f"<td>{escape(r['quote'] or '')}</td><td>{escape(inferred_text(r['inferred']))}</td>"
            "</tr>"
            for r in detail.records)
        head = "".join(f'<th scope="col">{h}</th>' for h in (
            "what", "value", "scope", "detail", "source", "catalog", "used", "quote",
            "inferred"))
        claims = "".join(f'<li><a href="#c-{escape(c["id"])}">{escape(c["id"])}</a>: '
                         f"{escape(c['verdict'])}</li>" for c in detail.document["claims"])
        facts = ", ".join(escape(f"{k} {v}") for k, v in (
            ("vendor", entry.vendor), ("kind", entry.kind), ("segment", entry.segment)))
        records = (f'<p class="note">records: {escape(", ".join(entry.ids))}</p>'
                   if len(entry.ids) > 1 else "")
        may_be = (f'<p class="note">ambiguous: may be {escape(", ".join(entry.ambiguous))}'
                  "</p>" if entry.ambiguous else "")
        items.append(f'<details class="product" id="p-{escape(entry.id)}"><summary>'
                     f"<strong>{escape(entry.name)}</strong> <code>{escape(entry.id)}</code> "
                     f'<span class="muted">{facts}</span></summary>{records}{may_be}'
                     f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
                     + (f"<p>claims: </p><ul>{claims}</ul>" if claims else "") + "</details>")
    return (f'<section aria-labelledby="products-heading"><h2 id="products-heading">Products '
            f"({len(report.entries)})</h2><p class=\"note\">Every figure of every source, with "
            "its bound, scope, source and quote, and which one each command uses.</p>"
            + "".join(items) + "</section>")


def _value(record: dict[str, Any]) -> str:
    from chipcmp.output.answers import value_text

    return value_text(record)


def _link(url: str | None, text: str) -> str:
    if url and url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}" rel="noreferrer">{escape(text)}</a>'
    return escape(text)


def _source_link(source_id: str | None, source: Any) -> str:
    if source_id is None:
        return ""
    if source is None:
        return escape(source_id)
    where = source.url or source.document or ""
    title = f"{source.title} ({source_id})"
    if source.url:
        return _link(source.url, title)
    return escape(title) + (f", document {escape(where)}" if where else "")
