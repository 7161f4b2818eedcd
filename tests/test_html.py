"""The HTML page in a real headless Chromium (Debian's), offline: every external request is
blocked and recorded, and the page must make none."""
from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from conftest import ROOT, edit
from relgraph.export.html import to_html
from relgraph.model.records import Dataset, Entity, PartialDate, Predicate, Relation, Source
from relgraph.ask.paths import PathFilter, direct_negations, find_paths, resolve_actor
from relgraph.ask.present import _node_sequence
from relgraph.check.runner import load_dataset

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# --enable-unsafe-swiftshader: WebGL without a GPU (SwiftShader), for the WebGL renderer's pages;
# newer Chromium refuses the software fallback without it.
FLAGS = ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-chromium.sh (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page whose non-file requests are aborted and recorded."""

    def __init__(self, browser, path: Path, width: int = 1440, height: int = 900):
        # bypass_csp lets the test evaluate script; the page's own CSP would forbid eval.
        self.context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


# The real page with each renderer (export/renderers.py): output/graph.html as `build` writes it
# (vis-network at this size) and the same page built with `--renderer webgl` (sigma.js).
RENDERERS = ["vis", "webgl"]


@pytest.fixture(scope="session")
def page_files(tmp_path_factory):
    webgl = tmp_path_factory.mktemp("pages") / "graph-webgl.html"
    webgl.write_bytes(to_html(load_dataset(ROOT), renderer="webgl"))
    return {"vis": ROOT / "output" / "graph.html", "webgl": webgl}


@pytest.fixture(params=RENDERERS)
def page_file(request, page_files):
    return page_files[request.param]


@pytest.fixture(scope="module", params=RENDERERS)
def real_page(browser, page_files, request):
    page = OfflinePage(browser, page_files[request.param])
    assert page.js("[relgraph.renderer, relgraph.rendererFallback]") == [request.param, None]
    yield page
    page.close()


def test_the_legend_explains_every_status_from_the_declaration(browser, tmp_path):
    from relgraph.export.html import to_html
    from relgraph.model.statuses import STATUSES

    path = tmp_path / "claims.html"
    path.write_bytes(to_html(load_dataset(ROOT / "tests" / "fixtures" / "claims")))
    page = OfflinePage(browser, path)
    try:
        rows = page.js("[...document.querySelectorAll('.legend-status')].map(r => [r.dataset.status, r.title])")
        dashes = page.js("[...document.querySelectorAll('.legend-status line')].map(l => l.getAttribute('stroke-dasharray'))")
        assert page.errors == []
    finally:
        page.close()
    ordered = sorted(STATUSES.values(), key=lambda s: s.rank)
    assert rows == [[s.id, s.meaning] for s in ordered]
    assert dashes == [" ".join(map(str, s.style.dashes)) or None for s in ordered]


def test_the_path_checkbox_names_every_unconfirmed_status(real_page):
    # It said "include planned and reported"; the page's path finder admits every unconfirmed status.
    from relgraph.model.statuses import UNCONFIRMED

    assert UNCONFIRMED == ("reported", "planned", "expected", "possible")
    label = real_page.js("document.getElementById('path-unconfirmed').parentElement.textContent")
    assert label == " include reported, planned, expected and possible"


def test_page_loads_offline_without_any_request(real_page, reliability):
    assert real_page.external == []
    assert real_page.errors == []
    reliability.record("Outputs", "output/graph.html opened from file:// with every network request blocked", 1,
                       "rendered; 0 requests attempted, 0 script errors")
    ARTIFACTS.mkdir(exist_ok=True)
    real_page.page.screenshot(path=str(ARTIFACTS / "graph.png"))


CONTRADICTED = {s.id for s in __import__("relgraph.model.statuses", fromlist=["STATUSES"]).STATUSES.values()
                if s.standing == "contradicted"}


def shown_by_default(dataset):
    return {r.id for r in dataset.relations if r.status not in CONTRADICTED}


def test_network_holds_exactly_the_graph(real_page, dataset):
    assert sorted(real_page.js("relgraph.nodes.getIds()")) == sorted(dataset.entities)
    bundles = real_page.js("relgraph.edges.get().map(b => [b.from, b.to, b.status, b.relations, !!b.dashes])")
    by_id = {r.id: r for r in dataset.relations}
    assert sorted(r for b in bundles for r in b[3]) == sorted(by_id)
    for a, b, status, members, dashed in bundles:
        # One bundle: the relations of one status between two actors, whatever their direction.
        assert {by_id[r].status for r in members} == {status}
        assert all(sorted((by_id[r].subject, by_id[r].object)) == [a, b] for r in members)
        assert dashed == (status != "asserted")
    china_russia = sorted(len(b[3]) for b in bundles if (b[0], b[1]) == ("china", "russia"))
    assert sum(china_russia) == sum(1 for r in dataset.relations if {r.subject, r.object} == {"china", "russia"})
    assert len(china_russia) == len({r.status for r in dataset.relations if {r.subject, r.object} == {"china", "russia"}})


def test_search_finds_an_actor_by_alias(real_page):
    page = real_page.page
    page.fill("#search", "zelenskyy")
    page.click("#search-form button")
    assert real_page.js("relgraph.network.getSelectedNodes()") == ["volodymyr-zelensky"]
    assert page.inner_text("#card-entity") == "Volodymyr Zelensky"
    assert "Also: Zelensky, Zelenskyy, Ukrainian President Volodymyr Zelensky" in page.inner_text("#card")


def test_search_suggests_the_nearest_name_and_the_suggestion_is_a_button(real_page):
    page = real_page.page
    page.fill("#search", "Pution")
    page.click("#search-form button")
    assert page.inner_text("#search-message") == "No actor named 'Pution'. Did you mean Vladimir Putin?"
    page.locator('#search-message button[data-entity="vladimir-putin"]').focus()
    page.keyboard.press("Enter")
    assert page.inner_text("#card-entity") == "Vladimir Putin"
    assert page.input_value("#search") == "Vladimir Putin"


def test_search_by_one_word_of_a_name_and_accents(real_page):
    page = real_page.page
    page.fill("#search", "Jinping")
    page.click("#search-form button")
    assert page.inner_text("#card-entity") == "Xi Jinping"
    page.fill("#search", "ZELÉNSKY")
    page.click("#search-form button")
    assert page.inner_text("#card-entity") == "Volodymyr Zelensky"
    page.fill("#search", "Qqqqzzzz")
    page.click("#search-form button")
    assert page.inner_text("#search-message") == "No actor named 'Qqqqzzzz' on this graph."


def test_negated_and_denied_are_hidden_by_default_and_never_drawn_as_links(real_page, dataset):
    page = real_page.page
    assert set(real_page.js("relgraph.visibleRelationIds()")) == shown_by_default(dataset)
    hidden = real_page.js("relgraph.edges.get({filter: b => b.hidden}).map(b => b.status)")
    assert set(hidden) == CONTRADICTED
    page.check("#show-contradicted")
    try:
        assert set(real_page.js("relgraph.visibleRelationIds()")) == {r.id for r in dataset.relations}
        negated = next(r for r in dataset.relations if r.status == "negated" and r.subject == "xi-jinping"
                       and r.object == "volodymyr-zelensky")
        bundle = real_page.js(f"relgraph.edges.get(relgraph.bundleOf['{negated.id}'])")
        planned_colors = set(real_page.js("relgraph.edges.get({filter: b => b.status === 'planned'}).map(b => b.color.color)"))
        assert bundle["label"] == "✕ negated: holds a call with"
        assert bundle["dashes"] == [1, 3] and bundle["color"]["color"] == "#dc2626"
        assert "#dc2626" not in planned_colors
        assert real_page.js("document.querySelectorAll('#filter-statuses input:checked').length") == 7
    finally:
        page.uncheck("#show-contradicted")
    assert set(real_page.js("relgraph.visibleRelationIds()")) == shown_by_default(dataset)


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_the_status_key_is_on_screen_without_scrolling(browser, page_file, width, height):
    page = OfflinePage(browser, page_file, width, height)
    try:
        if width < 1000:
            assert page.js("document.getElementById('status-key').open") is False
            page.page.click("#status-key summary")
        rows = page.js("[...document.querySelectorAll('#status-key .key-status')].map(r => { const b = r.getBoundingClientRect();"
                       " return [r.dataset.status, b.top >= 0 && b.bottom <= innerHeight && b.left >= 0 && b.right <= innerWidth]; })")
        toggle = page.js("(() => { const b = document.querySelector('.contradicted-toggle').getBoundingClientRect();"
                         " return [b.bottom <= innerHeight, Math.round(b.height) >= (innerWidth < 1000 ? 44 : 0)]; })()")
        assert page.page.inner_text("#contradicted-label") == ("Show what sources say did not happen or deny (denied, negated): "
                                                          "hidden by default")
        assert page.errors == []
    finally:
        page.close()
    assert rows == [[s, True] for s in ["asserted", "reported", "planned", "expected", "possible", "denied", "negated"]]
    assert toggle == [True, True]


def test_source_filter_hides_exactly_that_sources_edges_and_its_lonely_actors(real_page, dataset):
    page = real_page.page
    box = page.locator('#filter-sources input[value="rock-solid-2023-02"]')
    box.uncheck()
    try:
        expected = {r.id for r in dataset.relations if r.source != "rock-solid-2023-02"} & shown_by_default(dataset)
        assert set(real_page.js("relgraph.visibleRelationIds()")) == expected
        actors = {e for r in dataset.relations if r.id in expected for e in (r.subject, r.object)}
        assert set(real_page.js("relgraph.visibleNodeIds()")) == actors
        assert page.inner_text("#counts") == f"{len(actors)} of {len(dataset.entities)} actors · {len(expected)} of {len(dataset.relations)} relations shown"
    finally:
        box.check()
    assert set(real_page.js("relgraph.visibleRelationIds()")) == shown_by_default(dataset)


def test_status_and_date_filters_with_the_undated_choice(real_page, dataset):
    page = real_page.page
    box = page.locator('#filter-statuses input[value="asserted"]')
    box.uncheck()
    page.fill("#date-from", "2024")
    try:
        in_2024 = lambda r: str(r.end_date or r.date)[:4] >= "2024"
        base = {r.id for r in dataset.relations if r.status != "asserted"} & shown_by_default(dataset)
        by_id = {r.id: r for r in dataset.relations}
        assert set(real_page.js("relgraph.visibleRelationIds()")) == {i for i in base if by_id[i].date is None or in_2024(by_id[i])}
        page.uncheck("#date-undated")
        assert set(real_page.js("relgraph.visibleRelationIds()")) == {i for i in base if by_id[i].date is not None and in_2024(by_id[i])}
    finally:
        box.check()
        page.check("#date-undated")
        page.fill("#date-from", "")


def test_an_invalid_date_is_rejected_with_a_message(real_page, dataset):
    page = real_page.page
    page.fill("#date-from", "2024-13")
    try:
        assert page.inner_text("#date-message") == "'2024-13' is not a date (from): write YYYY, YYYY-MM or YYYY-MM-DD."
        assert page.get_attribute("#date-from", "aria-invalid") == "true"
        assert set(real_page.js("relgraph.visibleRelationIds()")) == shown_by_default(dataset)
        page.fill("#date-from", "2024")
        page.fill("#date-to", "2023")
        assert page.inner_text("#date-message") == "The 'to' date 2023 is before the 'from' date 2024."
    finally:
        page.fill("#date-from", "")
        page.fill("#date-to", "")
    assert page.inner_text("#date-message") == ""


def xi_putin_call(dataset):
    return next(r for r in dataset.relations if r.subject == "xi-jinping" and r.predicate == "holds-call-with"
                and r.object == "vladimir-putin" and str(r.date) == "2024-02-08")


def test_evidence_card_shows_the_quote_in_its_paragraph(real_page, dataset):
    relation = xi_putin_call(dataset)
    real_page.js(f"relgraph.selectRelation('{relation.id}')")
    page = real_page.page
    assert page.inner_text("#card-relation") == "Xi Jinping —holds a call with→ Vladimir Putin"
    assert page.inner_text("#card .evidence blockquote") == relation.quote
    from relgraph.check.anchors import SourceText
    paragraph = SourceText(dataset.source_texts[relation.source]).paragraph_text(relation.anchor.paragraph)
    assert page.inner_text("#card .evidence .context") == " ".join(paragraph.split()) or page.inner_text("#card .evidence .context") == paragraph
    assert " ".join(page.inner_text("#card .evidence .context mark").split()) == " ".join(relation.quote.split())
    assert page.inner_text("#card .evidence .source-line") == "VOA · news · published 2024-02"
    assert page.inner_text("#card .evidence .anchor") == (
        f"000_133436a51ec01ed6.txt: line {relation.anchor.line}, paragraph {relation.anchor.paragraph}, "
        f"characters {relation.anchor.start}–{relation.anchor.end}")


def test_publisher_not_named_only_where_it_is_not(real_page, dataset):
    lines = {}
    for source in dataset.sources.values():
        relation = next(r for r in dataset.relations if r.source == source.id and r.status == "asserted")
        real_page.js(f"relgraph.selectRelation('{relation.id}')")
        lines[source.id] = real_page.page.inner_text("#card .evidence .source-line")
    assert lines == {
        "closer-than-ever-2023-02": "The Limited Times · first published by CNN en Español · analysis · published 2023-02-03",
        "dialog-2022": "by Zhao Huasheng · publisher not named · opinion · published 2022",
        "double-down-2024-02": "VOA · news · published 2024-02",
        "putin-visit-2024-05": "by Tzou Wen-feng · publisher not named · opinion · published 2024-05-17",
        "rock-solid-2023-02": lines["rock-solid-2023-02"],
        "work-with-us-2024-11": lines["work-with-us-2024-11"],
    }
    for source_id in ("rock-solid-2023-02", "work-with-us-2024-11"):
        source = dataset.sources[source_id]
        assert ("publisher not named" in lines[source_id]) == (not source.publisher and not source.original_publisher)


def test_a_clicked_relation_stays_on_the_card_while_the_mouse_crosses_other_edges(real_page, dataset):
    relation = xi_putin_call(dataset)
    other = next(r for r in dataset.relations if r.subject == "zhang-hanhui" and r.predicate == "speaks-to")
    page = real_page.page
    real_page.js(f"relgraph.network.emit('click', {{nodes: [], edges: [relgraph.bundleOf['{relation.id}']], pointer: {{}}}})")
    card = page.inner_text("#card")
    real_page.js(f"relgraph.network.emit('hoverEdge', {{edge: relgraph.bundleOf['{other.id}']}})")
    real_page.js("relgraph.network.emit('hoverNode', {node: 'china'})")
    assert page.inner_text("#card") == card
    assert real_page.js("relgraph.pinned()") is not None
    page.keyboard.press("Escape")
    assert real_page.js("relgraph.pinned()") is None
    real_page.js(f"relgraph.network.emit('hoverEdge', {{edge: relgraph.bundleOf['{other.id}']}})")
    assert page.inner_text("#card-relation") == "Zhang Hanhui —speaks to→ Sputnik"
    assert page.inner_text("#card .evidence blockquote") == other.quote
    real_page.js("relgraph.clearSelection()")


def test_a_bundle_lists_its_relations_and_each_opens_its_evidence(real_page, dataset):
    page = real_page.page
    bundle = "china|russia|asserted"
    real_page.js(f"relgraph.selectBundle('{bundle}')")
    members = [r for r in dataset.relations if {r.subject, r.object} == {"china", "russia"} and r.status == "asserted"]
    assert page.inner_text("#card-bundle") == "China · Russia"
    assert page.locator("#card .relation-link").count() == len(members)
    first = sorted(members, key=lambda r: (str(r.date or ""), r.id))[0]
    page.click(f'#card .relation-link[data-relation="{first.id}"]')
    assert page.inner_text("#card .evidence blockquote") == first.quote
    real_page.js("relgraph.clearSelection()")


def test_the_actor_card_lists_its_relations_like_show(real_page, dataset):
    page = real_page.page
    real_page.js("relgraph.focusEntity('vladimir-putin')")
    mine = [r for r in dataset.relations if "vladimir-putin" in (r.subject, r.object, r.reported_by, r.denied_by)]
    shown = [r for r in mine if r.id in shown_by_default(dataset)]
    hidden = len(mine) - len(shown)
    assert page.inner_text("#card-count") == f"{len(shown)} relations shown" + (f"; {hidden} more hidden by the filters" if hidden else "")
    groups = real_page.js("[...document.querySelectorAll('#card .predicate-group')].map(g => [g.dataset.predicate, g.querySelectorAll('.relation-link').length])")
    expected = {}
    for r in shown:
        expected[r.predicate] = expected.get(r.predicate, 0) + 1
    assert groups == [list(item) for item in sorted(expected.items())]
    target = next(r for r in shown if r.predicate == "attends")
    page.click(f'#card .relation-link[data-relation="{target.id}"]')
    assert page.inner_text("#card .evidence blockquote") == target.quote
    real_page.js("relgraph.clearSelection()")


def test_focus_keeps_neighbours_colours_fades_the_rest_and_brings_neighbours_into_view(real_page):
    real_page.js("relgraph.focusEntity('nikolai-patrushev')")
    state = real_page.js("""(() => {
      const id = 'nikolai-patrushev', near = new Set([id]), through = [];
      for (const b of relgraph.edges.get({filter: b => !b.hidden && (b.from === id || b.to === id)})) { near.add(b.from); near.add(b.to); through.push(b); }
      const pos = relgraph.network.getPositions([...near]);
      const rect = document.getElementById('network').getBoundingClientRect();
      const inView = Object.values(pos).every(p => { const d = relgraph.network.canvasToDOM(p); return d.x >= 0 && d.y >= 0 && d.x <= rect.width && d.y <= rect.height; });
      // As the renderer draws them (vis-network from its DataSets, sigma.js from its own graph).
      const others = relgraph.nodes.getIds().filter(n => !near.has(n)).map(n => relgraph.network.node(n));
      const looks = through.map(b => relgraph.network.edgeLook(b.id));
      return {inView, edgeOpacity: [...new Set(looks.map(l => l.opacity))],
              edgeColours: looks.every(l => l.color !== '#d1d5db'),
              nearFont: [...new Set([...near].map(n => relgraph.network.node(n).color))],
              otherFont: [...new Set(others.map(n => n.color))], otherOpacity: [...new Set(others.map(n => n.opacity))]};
    })()""")
    assert state == {"inView": True, "edgeOpacity": [1], "edgeColours": True, "nearFont": ["#111827"],
                     "otherFont": ["#d1d5db"], "otherOpacity": [0.2]}
    real_page.js("relgraph.clearSelection()")


@pytest.mark.parametrize("start, goal", [("Putin", "Yellen"), ("Xi", "Zelensky"), ("EU", "Sputnik"),
                                          ("Wang Yi", "Blinken"), ("Tong Zhao", "Xi")])
def test_path_finder_agrees_with_cli(real_page, dataset, start, goal):
    page = real_page.page
    page.fill("#path-from", start)
    page.fill("#path-to", goal)
    page.click("#path-form button[type=submit]")
    a, b = resolve_actor(dataset, start), resolve_actor(dataset, goal)
    found = find_paths(dataset, a, b, PathFilter())[0]
    nodes = _node_sequence(found, a)
    assert page.inner_text("#path-summary") == " → ".join(dataset.entities[n].label for n in nodes)
    assert page.locator("#path-hops > li").count() == len(nodes) - 1
    # Every relation of every hop is on the page; those past the first behind "+N more".
    assert page.locator("#path-hops .relation-link").count() == sum(len(hop) for hop in found)
    notes = direct_negations(dataset, a, b)
    assert real_page.js("[...document.querySelectorAll('#path-result .note-not-so strong')].map(n => n.textContent)") == [
        f"not so: {dataset.entities[r.subject].label} —{dataset.predicates[r.predicate].label}→ {dataset.entities[r.object].label} [{r.status}]"
        for r in sorted(notes, key=lambda r: r.id)]


def test_path_more_opens_and_filters_clear_a_stale_path(real_page, dataset):
    page = real_page.page
    page.fill("#path-from", "Xi")
    page.fill("#path-to", "Zelensky")
    page.click("#path-form button[type=submit]")
    assert page.inner_text("#path-result .note-not-so strong") == "not so: Xi Jinping —holds a call with→ Volodymyr Zelensky [negated]"
    more = page.locator("#path-hops details.more").first
    if more.count():
        more.locator("summary").click()
        assert more.evaluate("d => d.open") is True
    source = real_page.js("relgraph.showRelation && document.querySelector('#path-hops > li').dataset.relation")
    source_id = next(r.source for r in dataset.relations if r.id == source)
    box = page.locator(f'#filter-sources input[value="{source_id}"]')
    box.uncheck()
    try:
        assert page.inner_text("#path-stale") == "The filters now hide relations of the path shown: it was cleared. Find the path again."
    finally:
        box.check()


def test_path_with_a_misspelt_end_offers_the_nearest_name(real_page):
    page = real_page.page
    page.fill("#path-from", "Pution")
    page.fill("#path-to", "Xi")
    page.click("#path-form button[type=submit]")
    assert page.inner_text("#path-result") == "No actor named 'Pution'. Did you mean Vladimir Putin?"
    page.click('#path-result button[data-entity="vladimir-putin"]')
    assert page.inner_text("#path-summary") == "Vladimir Putin → Xi Jinping"


def test_injection_fixture_runs_nothing(browser, mini, tmp_path, reliability):
    hostile = '<img src=x onerror="window.__pwned=1">'
    closing = "</script><script>window.__pwned=2</script>"
    seed = mini / "seeds" / "article.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + f"\nHostile {closing} text.\n", encoding="utf-8")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    sources = mini / "graph" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    old_digest = text.split("sha256: ")[1].split()[0]
    sources.write_text(text.replace(old_digest, digest).replace("last_line: 7", "last_line: 9"), encoding="utf-8")
    edit(mini / "graph" / "entities.yaml", "  label: Beijing\n", f"  label: '{hostile}'\n  aliases:\n  - Beijing\n")
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "quote: Russian President Vladimir Putin visited Beijing on May 16",
         f"quote: 'Hostile {closing} text.'")
    page_file = tmp_path / "hostile.html"
    page_file.write_bytes(to_html(load_dataset(mini)))
    page = OfflinePage(browser, page_file)
    try:
        assert page.js("window.__pwned === undefined")
        assert page.dialogs == [] and page.errors == [] and page.external == []
        page.page.fill("#search", "Beijing")
        page.page.click("#search-form button")
        assert page.page.inner_text("#card-entity") == hostile
        bundle_id = page.js("relgraph.edges.getIds().find(id => relgraph.edges.get(id).to === 'beijing' || relgraph.edges.get(id).from === 'beijing')")
        page.js(f"relgraph.network.emit('click', {{nodes: [], edges: ['{bundle_id}'], pointer: {{}}}})")
        assert page.page.inner_text("#card .evidence blockquote") == f"Hostile {closing} text."
        assert page.js("document.querySelectorAll('#card img, #card script').length") == 0
        assert page.js("window.__pwned === undefined")
        reliability.record("Escaping", "an <img onerror> label and a </script> quote, opened in headless Chromium", 1,
                           "shown as text; no script ran, no dialog, no request")
    finally:
        page.close()


def synthetic_dataset(nodes: int, edges_per_node: int = 1) -> Dataset:
    source = Source(id="s", title="Synthetic", date=PartialDate(2024), date_note="generated", genre="news",
                    file="s.txt", sha256="0" * 64, first_line=1, last_line=1, publisher="Bench")
    predicate = Predicate(id="meets", label="meets", inverse="meets", description="d", category="diplomacy",
                          polarity="cooperative", subject_types=("person",), object_types=("person",))
    entities = {f"p{i}": Entity(id=f"p{i}", label=f"Person {i}", type="person", description="d") for i in range(nodes)}
    relations = []
    for i in range(nodes):
        for step in range(1, edges_per_node + 1):
            j = (i * 7 + step * 13) % nodes
            if j != i:
                relations.append(Relation(id=f"r{i}-{step}", source="s", subject=f"p{i}", predicate="meets",
                                          object=f"p{j}", quote="q"))
    return Dataset(sources={"s": source}, entities=entities, predicates={"meets": predicate},
                   relations=tuple(relations), source_texts={"s": "q"})


def test_large_graph_becomes_interactive_within_10_seconds(browser, tmp_path):
    page_file = tmp_path / "large.html"
    page_file.write_bytes(to_html(synthetic_dataset(5000)))
    start = time.perf_counter()
    page = OfflinePage(browser, page_file)
    elapsed = time.perf_counter() - start
    try:
        assert page.js("relgraph.nodes.length") == 5000
        assert page.external == [] and page.errors == []
    finally:
        page.close()
    assert elapsed < 10, f"took {elapsed:.1f}s to become interactive"
