"""The page's view as data and for everyone, in real Chromium: the view in the address, export of
the view (PNG, SVG, CSV, JSON), the table of relations and the keyboard, axe-core (from the npm
registry, tests/js) on every state at 1440x900 and 390x844, the palette, the overview above the
page size, and the article's address on the evidence card."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT
from test_html import OfflinePage, browser, page_file, page_files  # noqa: F401  (test_html's fixtures)
from relgraph.check.runner import load_dataset
from relgraph.export.html import CATEGORY_COLORS, DASHED_OUTLINE, TYPE_STYLE, to_html
from relgraph.export.rows import csv_bytes
from relgraph.model.fields import FIELD_NAMES, relation_record
from relgraph.model.statuses import STATUSES
from relgraph.model.text import fold_name

pytestmark = pytest.mark.browser
PAGE = ROOT / "output" / "graph.html"
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = [(1440, 900), (390, 844)]
DEFAULT_HIDDEN = {s.id for s in STATUSES.values() if s.standing == "contradicted"}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


def xi_putin_call(dataset) -> str:
    return next(r.id for r in dataset.relations if (r.subject, r.predicate, r.object) == ("xi-jinping", "holds-call-with", "vladimir-putin")
                and str(r.date) == "2024-02-08")


def axe_violations(page) -> list:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run scripts/install-node-readers.sh (make test does)")
    if not page.js("typeof axe !== 'undefined'"):
        page.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.js("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v =>"
                   " [v.id, v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)]))")


@pytest.mark.parametrize("width, height", SIZES)
def test_axe_finds_no_violation_in_any_state_of_the_page(browser, page_file, dataset, width, height):
    page = OfflinePage(browser, page_file, width, height)
    found = {}
    try:
        found["first view"] = axe_violations(page)
        page.js("relgraph.focusEntity('china')")
        found["actor card"] = axe_violations(page)
        page.js(f"relgraph.selectRelation('{xi_putin_call(dataset)}')")
        found["relation card"] = axe_violations(page)
        page.page.keyboard.press("Escape")
        if width < 1000:
            page.page.click('#tabs button[data-drawer="controls"]')
        page.page.fill("#path-from", "Xi")
        page.page.fill("#path-to", "Zelensky")
        page.page.click("#path-form button[type=submit]")
        found["path"] = axe_violations(page)
        page.page.keyboard.press("Escape")
        page.js("relgraph.showTable(true)")
        found["table"] = axe_violations(page)
        assert page.errors == []
    finally:
        page.close()
    assert found == {"first view": [], "actor card": [], "relation card": [], "path": [], "table": []}


def test_the_view_is_in_the_address_and_a_link_reopens_it(browser, page_file, dataset, tmp_path):
    call = xi_putin_call(dataset)
    page = OfflinePage(browser, page_file)
    try:
        assert page.js("location.hash") == ""
        page.js("relgraph.focusEntity('china')")
        assert page.js("location.hash") == "#actor=china"
        page.page.uncheck('#filter-categories input[value="military"]')
        page.page.fill("#date-from", "2023")
        page.page.uncheck("#date-undated")
        page.page.fill("#path-from", "Xi")
        page.page.fill("#path-to", "Putin")
        page.page.check("#path-unconfirmed")
        page.page.click("#path-form button[type=submit]")
        page.js(f"relgraph.selectRelation('{call}')")
        hash_ = page.js("location.hash")
        before = page.js("[relgraph.visibleRelationIds(), document.getElementById('path-summary').textContent,"
                         " document.getElementById('card-relation').textContent, relgraph.pinned()]")
    finally:
        page.close()
    categories = ",".join(sorted(c for c in CATEGORY_COLORS if c != "military"))
    assert hash_ == (f"#relation={call}&path=xi-jinping%2Cvladimir-putin&unconfirmed=1&categories={categories.replace(',', '%2C')}"
                     "&from=2023&undated=0")
    assert before[0] == sorted(r.id for r in dataset.relations if r.status not in DEFAULT_HIDDEN and r.date
                               and dataset.predicates[r.predicate].category != "military"
                               and str(r.end_date or r.date)[:4] >= "2023")
    # The link, opened afresh, is the same view: filters, path, card and selection.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    try:
        fresh = context.new_page()
        fresh.goto(page_file.resolve().as_uri() + hash_)
        fresh.wait_for_function("document.body.dataset.ready === 'true'")
        after = fresh.evaluate("[relgraph.visibleRelationIds(), document.getElementById('path-summary').textContent,"
                               " document.getElementById('card-relation').textContent, relgraph.pinned()]")
        boxes = fresh.evaluate("[document.querySelector('#filter-categories input[value=military]').checked,"
                               " document.getElementById('date-from').value, document.getElementById('date-undated').checked,"
                               " document.getElementById('path-unconfirmed').checked, location.hash]")
    finally:
        context.close()
    assert after == before
    assert boxes == [False, "2023", False, True, hash_]


def test_export_csv_and_json_are_the_relations_shown_with_the_record_columns(browser, page_file, dataset, tmp_path):
    page = OfflinePage(browser, page_file)
    try:
        page.page.uncheck('#filter-categories input[value="military"]')
        shown = page.js("relgraph.visibleRelationIds()")
        with page.page.expect_download() as got:
            page.page.click("#export-csv")
        csv_path = tmp_path / "view.csv"
        got.value.save_as(csv_path)
        assert got.value.suggested_filename == "relgraph-relations.csv"
        with page.page.expect_download() as got:
            page.page.click("#export-json")
        json_path = tmp_path / "view.json"
        got.value.save_as(json_path)
        assert page.errors == []
    finally:
        page.close()
    by_id = {r.id: r for r in dataset.relations}
    records = [relation_record(dataset, by_id[i]) for i in shown]
    assert shown == sorted(r.id for r in dataset.relations if r.status not in DEFAULT_HIDDEN
                           and dataset.predicates[r.predicate].category != "military")
    # Byte for byte what relgraph's own CSV export writes for those relations (export/rows.py).
    assert csv_path.read_bytes() == csv_bytes(FIELD_NAMES, [[rec[f] for f in FIELD_NAMES] for rec in records])
    assert next(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8")))) == list(FIELD_NAMES)
    assert json.loads(json_path.read_text(encoding="utf-8")) == records


def test_export_png_and_svg_draw_the_view(browser, page_file, tmp_path):
    page = OfflinePage(browser, page_file)
    try:
        page.js("relgraph.focusEntity('china'); relgraph.network.moveTo({scale: 1.25}); relgraph.network.redraw()")
        relation_labels = page.js("relgraph.labels().relations.drawn.map(b => b.id)")
        actor_labels = page.js("relgraph.labels().drawn.map(b => relgraph.nodes.get(b.id).label)")
        size = page.js("[...document.querySelectorAll('#network canvas')].map(c => [c.width, c.height])[0]")
        shown = page.js("[relgraph.edges.get({filter: b => !b.hidden}).length, relgraph.nodes.get({filter: n => !n.hidden}).length]")
        with page.page.expect_download() as got:
            page.page.click("#export-png")
        png = tmp_path / "view.png"
        got.value.save_as(png)
        with page.page.expect_download() as got:
            page.page.click("#export-svg")
        svg_path = tmp_path / "view.svg"
        got.value.save_as(svg_path)
        view = page.js("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
        assert page.errors == []
    finally:
        page.close()
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert [int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")] == size
    svg = etree.parse(str(svg_path)).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert [svg.get("width"), svg.get("height")] == [str(v) for v in view]
    assert [len(svg.findall("s:line", ns)), len(svg.findall("s:g", ns))] == shown
    # The actors' labels drawn on screen, China's among them.
    assert sorted(t.text for t in svg.findall("s:text", ns) if t.get("data-bundle") is None) == sorted(actor_labels)
    assert "China" in actor_labels
    # The relation labels on screen, each with its bundle.
    assert [t.get("data-bundle") for t in svg.findall("s:text[@data-bundle]", ns)] == relation_labels and relation_labels
    # China's neighbours are drawn at full strength, the rest faded, as on screen.
    assert svg.find("s:g[@data-node='china']", ns).get("opacity") == "1"


def test_the_table_is_keyboard_operable_and_searchable(browser, page_file, dataset):
    page = OfflinePage(browser, page_file)
    try:
        page.page.keyboard.press("Tab")
        assert page.js("document.activeElement.className") == "skip"
        page.page.keyboard.press("Enter")
        assert page.js("[document.getElementById('table-view').hidden, document.activeElement.id]") == [False, "table-filter"]
        page.page.keyboard.type("Zelensky")
        rows = page.js("[...document.querySelectorAll('#relations-table tbody tr')].map(r => r.dataset.relation)")
        count = page.page.inner_text("#table-count")
        page.page.keyboard.press("Tab")  # to the "Back to the graph" button, then the scrolling table, then the first row's button
        page.page.keyboard.press("Tab")
        page.page.keyboard.press("Tab")
        focused = page.js("document.activeElement.dataset.relation")
        page.page.keyboard.press("Enter")
        card = page.page.inner_text("#card-relation")
        outline = page.js("getComputedStyle(document.activeElement).outlineStyle")
        assert page.js("location.hash") == f"#relation={focused}&table=Zelensky"
        page.page.click("#hide-table")
        back = page.js("[document.getElementById('table-view').hidden, document.activeElement.hasAttribute('data-graph-keys'), location.hash]")
        assert page.errors == []
    finally:
        page.close()
    sources = dataset.sources

    def text(r):
        names = [n for e in (r.subject, r.object) for n in (dataset.entities[e].label, *dataset.entities[e].aliases)]
        return fold_name(" ".join(names + [dataset.predicates[r.predicate].label, STATUSES[r.status].label, str(r.date or ""),
                                           r.quote, sources[r.source].title, sources[r.source].publisher or ""]))
    expected = sorted(r.id for r in dataset.relations if r.status not in DEFAULT_HIDDEN and "zelensky" in text(r))
    assert rows == expected and rows
    assert count == f"{len(expected)} of {len([r for r in dataset.relations if r.status not in DEFAULT_HIDDEN])} relations shown"
    assert focused == expected[0]
    by_id = {r.id: r for r in dataset.relations}
    r = by_id[focused]
    assert card == f"{dataset.entities[r.subject].label} —{dataset.predicates[r.predicate].label}→ {dataset.entities[r.object].label}"
    assert outline == "solid"  # focus visible
    assert back == [True, True, f"#relation={focused}"]  # the graph's tab stop


def test_the_graph_pans_and_zooms_from_the_keyboard(browser, page_file):
    page = OfflinePage(browser, page_file)
    try:
        page.page.focus("#network [data-graph-keys], #network[data-graph-keys]")  # the renderer's tab stop
        scale = page.js("relgraph.network.getScale()")
        page.page.keyboard.down("+")
        page.page.wait_for_timeout(300)
        page.page.keyboard.up("+")
        zoomed = page.js("relgraph.network.getScale()")
        start = page.js("relgraph.network.getViewPosition()")
        page.page.keyboard.down("ArrowLeft")
        page.page.wait_for_timeout(300)
        page.page.keyboard.up("ArrowLeft")
        moved = page.js("relgraph.network.getViewPosition()")
        assert page.errors == []
    finally:
        page.close()
    assert zoomed > scale
    assert moved["x"] < start["x"] and moved["y"] == start["y"]


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def test_palette_meets_aa_for_graphics_and_meaning_never_rests_on_colour_alone():
    colours = {**{f"type {t}": c for t, (c, _) in TYPE_STYLE.items()}, **{f"category {k}": c for k, c in CATEGORY_COLORS.items()},
               **{f"status {s.id}": s.style.color for s in STATUSES.values()}}
    assert {name: round(contrast_on_white(c), 2) for name, c in colours.items() if contrast_on_white(c) < 3} == {}
    # Types: every (shape, outline) pair different; statuses: every dash pattern different.
    symbols = [(shape, t in DASHED_OUTLINE) for t, (_, shape) in TYPE_STYLE.items()]
    assert len(set(symbols)) == len(symbols)
    dashes = [tuple(s.style.dashes) for s in STATUSES.values()]
    assert len(set(dashes)) == len(dashes)


def test_the_desktop_key_sits_under_the_graph_not_on_it(browser, page_file):
    page = OfflinePage(browser, page_file, 1440, 900)
    try:
        network = page.js("(() => { const b = document.getElementById('network').getBoundingClientRect(); return [b.left, b.bottom, b.right]; })()")
        key = page.js("(() => { const b = document.getElementById('status-key').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; })()")
    finally:
        page.close()
    assert key[1] >= network[1] and [key[0], key[2]] == [network[0], network[2]] and key[3] <= 900


def test_the_evidence_card_links_the_article_and_its_archived_copy(browser, dataset, tmp_path):
    call = xi_putin_call(dataset)
    source_id = next(r.source for r in dataset.relations if r.id == call)
    sources = dict(dataset.sources)
    sources[source_id] = dataclasses.replace(sources[source_id], url="https://example.org/article?a=1&b=2",
                                             archive_url="https://web.archive.org/web/2024/https://example.org/article")
    path = tmp_path / "urls.html"
    path.write_bytes(to_html(dataclasses.replace(dataset, sources=sources)))
    page = OfflinePage(browser, path)
    try:
        page.js(f"relgraph.selectRelation('{call}')")
        links = page.js("[...document.querySelectorAll('#card .source-links a')].map(a => [a.className, a.href, a.textContent, a.rel])")
        assert page.external == [] and page.errors == []
    finally:
        page.close()
    assert links == [["source-url", "https://example.org/article?a=1&b=2", "Article: https://example.org/article?a=1&b=2", "noopener noreferrer"],
                     ["source-archive-url", "https://web.archive.org/web/2024/https://example.org/article",
                      "Archived copy: https://web.archive.org/web/2024/https://example.org/article", "noopener noreferrer"]]
