"""The page's first view and its layout on a desktop, a tablet and a phone, in real Chromium,
with the sizes of its parts measured exactly."""
from __future__ import annotations

import pytest

from conftest import ROOT
from test_html import OfflinePage, browser, page_file, page_files  # noqa: F401  (test_html's fixtures)
from relgraph.check.runner import load_dataset
from relgraph.export.html import to_html

pytestmark = pytest.mark.browser
PAGE = ROOT / "output" / "graph.html"
BOXES = "(sel) => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')" \
        ".map(e => { const b = e.getBoundingClientRect(); return [e.id || e.tagName, Math.round(b.width), Math.round(b.height)]; })"


def box(page, selector):
    return page.js(f"(() => {{ const b = document.querySelector('{selector}').getBoundingClientRect();"
                   " return [Math.round(b.left), Math.round(b.top), Math.round(b.width), Math.round(b.height)]; })()")


def test_desktop_gives_the_graph_the_space_between_the_panels(browser, page_file):
    page = OfflinePage(browser, page_file, 1440, 900)
    try:
        header, network, key = box(page, "header"), box(page, "#network"), box(page, "#status-key")
        assert box(page, "#controls")[2] == 280 and box(page, "#card")[2] == 360
        # The key takes a strip under the graph (never over it): the graph has the rest.
        assert network[:3] == [280, header[3], 1440 - 280 - 360] and abs(network[3] + key[3] + header[3] - 900) <= 1
        assert [key[0], key[2]] == [280, 800] and abs(key[1] - header[3] - network[3]) <= 1 and key[3] < 200
        assert page.js("getComputedStyle(document.getElementById('tabs')).display") == "none"
    finally:
        page.close()


@pytest.mark.parametrize("width, height", [(390, 844), (768, 1024)])
def test_on_phones_and_tablets_the_graph_gets_the_screen_and_panels_are_drawers(browser, page_file, width, height):
    page = OfflinePage(browser, page_file, width, height)
    try:
        header, network, tabs = box(page, "header"), box(page, "#network"), box(page, "#tabs")
        assert network == [0, header[3], width, height - header[3] - tabs[3]]
        assert tabs[3] == 49 and tabs[1] + tabs[3] == height  # 48 px buttons and a 1 px border
        hidden = page.js("['controls', 'card'].map(id => getComputedStyle(document.getElementById(id)).visibility)")
        assert hidden == ["hidden", "hidden"]
        page.page.click('#tabs button[data-drawer="controls"]')
        assert page.js("getComputedStyle(document.getElementById('controls')).visibility") == "visible"
        assert box(page, "#controls")[2] == round(min(0.92 * width, 400))
        # Every control in the open drawer is at least 44 px tall (WCAG 2.5.5).
        targets = page.js(BOXES.replace("(sel) =>", "((sel) =>") + ")('#controls button, #controls input:not([type=checkbox]), #controls fieldset label')")
        assert targets and [t for t in targets if t[2] < 44] == []
        assert [t for t in page.js(BOXES.replace("(sel) =>", "((sel) =>") + ")('#tabs button, header button')") if t[2] < 44] == []
        page.page.click('#tabs button[data-drawer="controls"]')
        page.js("relgraph.focusEntity('china')")
        assert page.js("['controls', 'card'].map(id => getComputedStyle(document.getElementById(id)).visibility)") == ["hidden", "visible"]
        assert page.page.inner_text("#card-entity") == "China"
        page.page.keyboard.press("Escape")
        assert page.js("getComputedStyle(document.getElementById('card')).visibility") == "hidden"
        assert page.errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_the_first_view_shows_the_core_labelled(browser, page_file, width, height):
    page = OfflinePage(browser, page_file, width, height)
    try:
        state = page.js("""(() => {
          const rect = document.getElementById('network').getBoundingClientRect(), scale = relgraph.network.getScale();
          const core = relgraph.nodes.get(relgraph.opening);
          const inView = core.every(n => { const d = relgraph.network.canvasToDOM(relgraph.network.getPositions([n.id])[n.id]);
            return d.x >= 0 && d.y >= 0 && d.x <= rect.width && d.y <= rect.height; });
          const drawn = new Set(relgraph.labels().drawn.map(b => b.id));
          return {inView, labelled: core.filter(n => drawn.has(n.id) && n.font.size * scale >= 9).map(n => n.id).sort(),
                  core: core.map(n => n.id).sort(), scale};
        })()""")
    finally:
        page.close()
    assert state["inView"] is True
    assert state["labelled"] == state["core"]  # every core actor's label is drawn at the opening zoom, over no other
    assert {"china", "russia", "united-states", "vladimir-putin", "xi-jinping"} <= set(state["core"])
    # As many of the best-connected as fit with every label drawn: at most 8 on a phone, 20 on a desktop.
    # The counts move with the data (a sixth reading: 12 and 6 before it); check a screenshot when they do.
    assert len(state["core"]) == (7 if width < 600 else 9)


def intersecting(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(p["id"], q["id"]) for i, p in enumerate(boxes) for q in boxes[i + 1:]
            if p["x"] < q["x"] + q["w"] and q["x"] < p["x"] + p["w"] and p["y"] < q["y"] + q["h"] and q["y"] < p["y"] + p["h"]]


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_no_two_drawn_labels_intersect_and_a_label_gives_way_only_to_a_more_important_one(browser, page_file, width, height):
    page = OfflinePage(browser, page_file, width, height)
    views = {}
    try:
        views["opening"] = page.js("relgraph.labels()")
        page.js("relgraph.fitMain(); relgraph.network.redraw()")
        views["fit"] = page.js("relgraph.labels()")
        page.js("relgraph.network.moveTo({scale: relgraph.network.getScale() * 2.5, animation: false}); relgraph.network.redraw()")
        views["zoomed in"] = page.js("relgraph.labels()")
        page.js("(() => { const c = relgraph.nodes.get('china'), r = relgraph.nodes.get('russia');"
                " relgraph.network.moveTo({position: {x: (c.x + r.x) / 2, y: (c.y + r.y) / 2}, scale: 0.8, animation: false});"
                " relgraph.network.redraw(); })()")
        views["dense centre"] = page.js("relgraph.labels()")
        degree = page.js("Object.fromEntries(relgraph.nodes.get().map(n => [n.id, n.degree]))")
        skipped = views["dense centre"]["skipped"]
        assert skipped, "in the dense centre some label gives way"
        gave_way = skipped[0]["id"]
        page.js(f"relgraph.focusEntity('{gave_way}'); relgraph.network.redraw()")
        views["focus"] = page.js("relgraph.labels()")
        assert page.errors == []
    finally:
        page.close()
    for name, labels in views.items():
        drawn = {b["id"]: b for b in labels["drawn"]}
        assert intersecting(labels["drawn"]) == [], name
        rank = {id_: i for i, id_ in enumerate(labels["order"])}
        for box in labels["skipped"]:  # each left out for a label drawn before it, which it would overlap
            other = drawn[box["by"]]
            assert intersecting([box, other]) == [(box["id"], other["id"])], name
            assert rank[other["id"]] < rank[box["id"]] or name == "focus", name
    assert {"china", "russia", "united-states", "vladimir-putin", "xi-jinping"} <= {b["id"] for b in views["opening"]["drawn"]}
    # The dense centre (between China and Russia): a label that would run into another gives way
    # to the actor with as many relations or more, instead of running into it.
    centre = {b["id"] for b in views["dense centre"]["drawn"]}
    for box in skipped:
        assert box["id"] not in centre and box["by"] in centre
        assert degree[box["by"]] >= degree[box["id"]], box
    # On focus, the actor's label is drawn first, whatever its rank: one that gave way above.
    assert gave_way in {b["id"] for b in views["focus"]["drawn"]}


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_relation_labels_give_way_to_actor_labels_and_to_one_another(browser, page_file, width, height):
    """The page draws relation labels itself (not vis-network, not sigma.js), after every actor's
    label: one that would cross a label already placed is left out, and never an actor's for it."""
    page = OfflinePage(browser, page_file, width, height)
    views = {}
    try:
        views["fit"] = page.js("relgraph.fitMain(); relgraph.network.redraw(); relgraph.labels()")
        for actor in ("china", "xi-jinping"):
            views[actor] = page.js(f"(() => {{ const v = relgraph.network; v.moveTo({{position: v.getPositions(['{actor}'])['{actor}'],"
                                   " scale: 1.6}); v.redraw(); return relgraph.labels(); })()")
        views["focus"] = page.js("relgraph.focusEntity('vladimir-putin'); relgraph.network.moveTo({scale: 1.6}); relgraph.network.redraw();"
                                 " relgraph.labels()")
        bundles = set(page.js("relgraph.edges.getIds()"))
        assert page.errors == []
    finally:
        page.close()
    assert views["fit"]["relations"]["drawn"] == []  # below the edges' drawThreshold (11 px * scale < 13 px)
    for name in ("china", "xi-jinping", "focus"):
        labels = views[name]
        relations = labels["relations"]
        assert len(relations["drawn"]) >= 5, name
        assert {b["id"] for b in relations["drawn"]} <= bundles
        drawn = labels["drawn"] + relations["drawn"]
        assert intersecting(drawn) == [], name
        by_id = {b["id"]: b for b in drawn}
        for box in relations["skipped"]:
            assert intersecting([box, by_id[box["by"]]]) == [(box["id"], box["by"])], name
        assert not any(box["by"] in bundles for box in labels["skipped"]), name  # no actor label gives way to a relation's
    # Some relation labels were left out for actors' labels in the dense centre (around China or
    # Xi Jinping, or on focus: which depends on the screen).
    assert any(box["by"] in {b["id"] for b in views[name]["drawn"]}
               for name in ("china", "xi-jinping", "focus") for box in views[name]["relations"]["skipped"])


def test_fit_shows_the_main_component_and_sets_small_groups_aside(browser, page_file):
    page = OfflinePage(browser, page_file, 1440, 900)
    try:
        page.page.click("#fit")
        state = page.js("""(() => {
          const data = JSON.parse(document.getElementById('relgraph-data').textContent).network;
          const rect = document.getElementById('network').getBoundingClientRect();
          const pos = relgraph.network.getPositions();
          const view = (id) => { const d = relgraph.network.canvasToDOM(pos[id]); return d.x >= -1 && d.y >= -1 && d.x <= rect.width + 1 && d.y <= rect.height + 1; };
          const shown = new Set(relgraph.visibleNodeIds()), main = data.components[0].filter(id => shown.has(id)), rest = data.components.slice(1).flat().filter(id => shown.has(id));
          const right = Math.max(...main.map(id => pos[id].x));
          return {main: main.every(view), aside: rest.every(id => pos[id].x > right)};
        })()""")
    finally:
        page.close()
    assert state == {"main": True, "aside": True}


def test_the_page_is_deterministic_and_carries_no_unused_images(tmp_path):
    dataset = load_dataset(ROOT)
    first, second = to_html(dataset), to_html(dataset)
    assert first == second
    assert b"data:image/png" not in first  # vis-network.css: 220 KB of navigation-button images
    assert PAGE.read_bytes() == first
