"""The HTML page in a real headless Chromium (Debian's), offline: every external request is
blocked and recorded, and the page must make none."""
from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest

from conftest import ROOT, edit
from relgraph.export.html import to_html
from relgraph.model.records import Dataset, Entity, PartialDate, Predicate, Relation, Source
from relgraph.ask.paths import PathFilter, find_paths, resolve_actor
from relgraph.ask.present import _node_sequence
from relgraph.check.runner import load_dataset

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
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

    def __init__(self, browser, path: Path):
        # bypass_csp lets the test evaluate script; the page's own CSP would forbid eval.
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
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


@pytest.fixture(scope="module")
def real_page(browser):
    page = OfflinePage(browser, ROOT / "output" / "graph.html")
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


def test_page_loads_offline_without_any_request(real_page, reliability):
    assert real_page.external == []
    assert real_page.errors == []
    reliability.record("Outputs", "output/graph.html opened from file:// with every network request blocked", 1,
                       "rendered; 0 requests attempted, 0 script errors")
    ARTIFACTS.mkdir(exist_ok=True)
    real_page.page.screenshot(path=str(ARTIFACTS / "graph.png"))


def test_network_holds_exactly_the_graph(real_page, dataset):
    assert sorted(real_page.js("relgraph.nodes.getIds()")) == sorted(dataset.entities)
    assert sorted(real_page.js("relgraph.edges.getIds()")) == sorted(r.id for r in dataset.relations)
    dashed = set(real_page.js("relgraph.edges.get({filter: e => e.dashes}).map(e => e.id)"))
    assert dashed == {r.id for r in dataset.relations if r.status != "asserted"}


def test_search_finds_an_actor_by_alias(real_page):
    page = real_page.page
    page.fill("#search", "zelenskyy")
    page.click("#search-form button")
    assert real_page.js("relgraph.network.getSelectedNodes()") == ["volodymyr-zelensky"]
    assert page.inner_text("#card-entity") == "Volodymyr Zelensky"
    assert "Also: Zelensky, Zelenskyy, Ukrainian President Volodymyr Zelensky" in page.inner_text("#card")


def test_search_reports_unknown_name(real_page):
    real_page.page.fill("#search", "Pution")
    real_page.page.click("#search-form button")
    assert real_page.page.inner_text("#search-message") == "No actor named 'Pution' on this graph."


def test_source_filter_hides_exactly_that_sources_edges(real_page, dataset):
    page = real_page.page
    box = page.locator('#filter-sources input[value="rock-solid-2023-02"]')
    box.uncheck()
    try:
        visible = set(real_page.js("relgraph.visibleEdgeIds()"))
        assert visible == {r.id for r in dataset.relations if r.source != "rock-solid-2023-02"}
    finally:
        box.check()
    assert len(real_page.js("relgraph.visibleEdgeIds()")) == len(dataset.relations)


def test_status_and_date_filters(real_page, dataset):
    page = real_page.page
    box = page.locator('#filter-statuses input[value="asserted"]')
    box.uncheck()
    page.fill("#date-from", "2024")
    try:
        visible = set(real_page.js("relgraph.visibleEdgeIds()"))
        expected = {r.id for r in dataset.relations if r.status != "asserted"
                    and (r.date is None or str(r.end_date or r.date)[:4] >= "2024")}
        assert visible == expected
    finally:
        box.check()
        page.fill("#date-from", "")


def test_evidence_card_shows_the_quote(real_page, dataset):
    relation = next(r for r in dataset.relations if r.subject == "xi-jinping" and r.predicate == "holds-call-with"
                    and r.object == "vladimir-putin" and str(r.date) == "2024-02-08")
    real_page.js(f"relgraph.network.body.emitter.emit('click', {{nodes: [], edges: ['{relation.id}'], pointer: {{}}}})")
    card = real_page.page
    assert card.inner_text("#card-relation") == "Xi Jinping —holds a call with→ Vladimir Putin"
    assert card.inner_text("#card blockquote") == relation.quote
    assert "China, Russia Double Down on Ties Despite Complications in Trade Relations" in card.inner_text("#card")
    assert "VOA · published 2024-02" in card.inner_text("#card")


def test_hovering_an_edge_shows_its_evidence(real_page, dataset):
    relation = next(r for r in dataset.relations if r.subject == "zhang-hanhui" and r.predicate == "speaks-to")
    real_page.js("relgraph.network.unselectAll()")
    real_page.js(f"relgraph.network.body.emitter.emit('hoverEdge', {{edge: '{relation.id}'}})")
    assert real_page.page.inner_text("#card-relation") == "Zhang Hanhui —speaks to→ Sputnik"
    assert real_page.page.inner_text("#card blockquote") == relation.quote


@pytest.mark.parametrize("start, goal", [("Putin", "Yellen"), ("Xi", "Zelensky"), ("EU", "Sputnik"),
                                          ("Wang Yi", "Blinken"), ("Tong Zhao", "Xi")])
def test_path_finder_agrees_with_cli(real_page, dataset, start, goal):
    page = real_page.page
    page.fill("#path-from", start)
    page.fill("#path-to", goal)
    page.click("#path-form button")
    a, b = resolve_actor(dataset, start), resolve_actor(dataset, goal)
    nodes = _node_sequence(find_paths(dataset, a, b, PathFilter())[0], a)
    assert page.inner_text("#path-summary") == " → ".join(dataset.entities[n].label for n in nodes)
    assert page.locator("#path-hops > li").count() == len(nodes) - 1


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
        relation_id = page.js("relgraph.edges.getIds().find(id => relgraph.edges.get(id).to === 'beijing')")
        page.js(f"relgraph.network.body.emitter.emit('click', {{nodes: [], edges: ['{relation_id}'], pointer: {{}}}})")
        assert page.page.inner_text("#card blockquote") == f"Hostile {closing} text."
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
