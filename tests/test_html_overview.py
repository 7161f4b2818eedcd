"""Above PAGE_RELATION_LIMIT the page is an overview: one node per community (export/communities.py,
label propagation in numpy), sized by members, labelled by its best-connected actors, with the
relations between communities counted; a community expands into its embedded actors (a bounded
share of OVERVIEW_RELATIONS). Tested on the communities themselves and in real Chromium."""
from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pytest

from test_html import OfflinePage, browser, synthetic_dataset  # noqa: F401  (the module's browser fixture)
from test_html_views import axe_violations
from relgraph.export import html as html_export
from relgraph.export.communities import communities
from relgraph.export.html import (COMMUNITY_LINKS, MAX_COMMUNITIES, OVERVIEW_RELATIONS, PAGE_RELATION_LIMIT, SUBCOMMUNITIES,
                                  SUBCOMMUNITY_ABOVE, to_html)
from relgraph.export.renderers import renderer_notice

pytestmark = pytest.mark.browser
SIZES = [(1440, 900), (390, 844)]


def cliques(count: int, size: int) -> tuple[int, np.ndarray]:
    """count cliques of size actors, each joined to the next by one relation (a ring of cliques)."""
    pairs = [(c * size + i, c * size + j) for c in range(count) for i in range(size) for j in range(i + 1, size)]
    pairs += [(c * size, ((c + 1) % count) * size + 1) for c in range(count)]
    return count * size, np.array(pairs)


def test_label_propagation_finds_planted_cliques_and_is_deterministic():
    n, pairs = cliques(6, 8)
    found = communities(n, pairs)
    assert sorted(sorted(np.flatnonzero(found == label).tolist()) for label in set(found.tolist())) == \
        [list(range(c * 8, c * 8 + 8)) for c in range(6)]
    assert np.array_equal(found, communities(n, pairs))


@pytest.mark.parametrize("count, size", [(40, 5), (20, 10), (10, 20)])
def test_levels_merge_whole_cliques_never_split_one(count, size):
    merged = communities(*cliques(count, size))
    assert all(len(set(merged[c * size:(c + 1) * size].tolist())) == 1 for c in range(count))
    assert len(set(merged.tolist())) <= count


def test_beyond_max_communities_the_smallest_are_one_group(monkeypatch):
    monkeypatch.setattr(html_export, "MAX_COMMUNITIES", 3)
    Rel = type("Rel", (), {})
    relations = []
    for c, size in enumerate((6, 5, 4, 3)):  # four cliques, largest first, joined by nothing
        members = [f"c{c}-{i}" for i in range(size)]
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                r = Rel()
                r.subject, r.object = a, b
                relations.append(r)
    degree = Counter(e for r in relations for e in (r.subject, r.object))
    groups = html_export.community_groups(relations, degree)
    assert [sorted(g) for g in groups] == [[f"c0-{i}" for i in range(6)], [f"c1-{i}" for i in range(5)],
                                           sorted([f"c2-{i}" for i in range(4)] + [f"c3-{i}" for i in range(3)])]


@pytest.fixture(scope="module")
def big():
    return synthetic_dataset(PAGE_RELATION_LIMIT + 1000, edges_per_node=3)


@pytest.fixture(scope="module")
def overview(big):
    return html_export.community_overview(big, list(big.relations), len(big.entities))


def test_the_overview_embeds_a_bounded_share_of_each_community(big, overview):
    among, shown, account = overview
    relations = list(big.relations)
    degree = Counter(e for r in relations for e in (r.subject, r.object))
    groups = html_export.community_groups(relations, degree)
    community_of = {e: i for i, g in enumerate(groups) for e in g}
    inside = Counter(community_of[r.subject] for r in relations if community_of[r.subject] == community_of[r.object])
    between = Counter(tuple(sorted((community_of[r.subject], community_of[r.object]))) for r in relations
                      if community_of[r.subject] != community_of[r.object])
    summaries = account["communities"]
    assert len(summaries) == len(groups) <= MAX_COMMUNITIES
    assert [c["members"] for c in summaries] == [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
    assert [c["relations"] for c in summaries] == [inside[i] for i in range(len(groups))]
    assert len(among) == sum(c["shown_relations"] for c in summaries) == OVERVIEW_RELATIONS
    assert max(c["shown_relations"] for c in summaries) == account["per_community"]
    by_id = {c["id"]: c for c in summaries}
    for r in among:  # every embedded relation lies inside one community, among its embedded actors
        c = summaries[community_of[r.subject]]
        assert community_of[r.object] == community_of[r.subject] and {r.subject, r.object} <= set(c["actors"])
    assert shown == {e for c in summaries for e in c["actors"]}
    for i, c in enumerate(summaries):  # labelled by the best-connected members
        names = [big.entities[e].label for e in groups[i][:3]]
        assert c["label"] == ", ".join(names) + (f" +{len(groups[i]) - 3:,}" if len(groups[i]) > 3 else "")
    heaviest = sorted(between.items(), key=lambda kv: (-kv[1], kv[0]))[:COMMUNITY_LINKS]
    assert account["community_links"] == [{"from": summaries[a]["id"], "to": summaries[b]["id"], "relations": n} for (a, b), n in heaviest]
    assert account["links_between"] == len(between)
    assert set(by_id) == {f"community-{i + 1}" for i in range(len(groups))}


def test_above_the_page_size_build_writes_communities_and_says_so(browser, big, overview, tmp_path, capsys):
    full = to_html(synthetic_dataset(PAGE_RELATION_LIMIT))  # exactly the limit: the whole graph, drawn with WebGL
    assert capsys.readouterr().err == f"relgraph: html: {renderer_notice('auto', PAGE_RELATION_LIMIT)}\n"
    data = json.loads(full.split(b'type="application/json">')[1].split(b"</script>")[0])
    assert data["network"]["overview"] is None
    assert data["renderer"] == {"renderer": "webgl", "forced": False}
    among, shown, account = overview
    path = tmp_path / "overview.html"
    path.write_bytes(to_html(big))
    notice = html_export.overview_notice(account)
    assert capsys.readouterr().err == f"relgraph: html: {notice}\nrelgraph: html: {renderer_notice('auto', len(among))}\n"
    assert notice == (f"overview: {len(big.relations):,} relations are more than one page draws (10,000); the page shows "
                      f"{len(account['communities'])} communities of actors (label propagation), each one node that expands into "
                      f"its best-connected members with up to {account['per_community']} of the relations among them "
                      f"({len(among):,} relations, {len(shown):,} of 11,000 actors embedded); "
                      "`relgraph html --around NAME` writes any actor's neighbourhood in full")
    page = OfflinePage(browser, path)
    try:
        first = page.js("[document.getElementById('overview-note').textContent, relgraph.visibleNodeIds().length,"
                        " relgraph.nodes.get().filter(n => !n.hidden).map(n => n.id),"
                        " relgraph.edges.get().filter(e => !e.hidden).map(e => [e.from, e.to, e.label]),"
                        " document.getElementById('counts').textContent]")
        c = account["communities"][1]
        page.js(f"void relgraph.network.emit('click', {{nodes: ['{c['id']}'], edges: [], pointer: {{}}}})")
        opened = page.js("[relgraph.visibleNodeIds(), relgraph.nodes.get('%s').hidden, location.hash,"
                         " document.getElementById('card-community').textContent, document.querySelector('.community-bound').textContent,"
                         " relgraph.edges.get().filter(e => !e.hidden && e.id.startsWith('link:')).length]" % c["id"])
        assert page.errors == []
    finally:
        page.close()
    ids = [x["id"] for x in account["communities"]]
    assert first[0] == "Overview: " + notice[len("overview: "):] + "."
    assert first[1:3] == [0, ids]
    assert first[3] == [[link["from"], link["to"], f"{link['relations']:,}"] for link in account["community_links"]]
    assert first[4] == f"0 of {len(ids)} communities expanded · 0 of {len(shown):,} actors · {len(among):,} of {len(among):,} relations shown".replace(",", "")
    touching = sum(1 for link in account["community_links"] if c["id"] in (link["from"], link["to"]))
    assert opened == [sorted(c["actors"]), True, f"#community={c['id']}&expanded={c['id']}", c["label"],
                      f"Expanded, it shows its best-connected members with {c['shown_relations']} of those relations "
                      f"({len(c['actors'])} actors); `relgraph html --around {c['top'][0]}` writes the neighbourhood of any of them in full.",
                      len(account["community_links"]) - touching]


@pytest.fixture(scope="module")
def overview_page(big, tmp_path_factory):
    path = tmp_path_factory.mktemp("overview") / "overview.html"
    path.write_bytes(to_html(big))
    return path


@pytest.mark.parametrize("width, height", SIZES)
def test_a_community_expands_from_the_keyboard_and_a_link_reopens_it(browser, overview, overview_page, width, height):
    _, _, account = overview
    c = next(c for c in account["communities"] if not c["subs"])  # the largest that expands into its actors
    page = OfflinePage(browser, overview_page, width, height)
    try:
        if width < 1000:
            page.page.click('#tabs button[data-drawer="controls"]')
        button = f'#community-list button[data-community="{c["id"]}"]'
        page.page.focus(button)
        page.page.keyboard.press("Enter")
        state = page.js(f"[relgraph.visibleNodeIds(), document.querySelector('{button}').getAttribute('aria-expanded'), location.hash]")
        found = axe_violations(page)
        page.page.keyboard.press("Escape")
        if width < 1000:
            page.page.click('#tabs button[data-drawer="controls"]')
        page.page.focus(button)
        page.page.keyboard.press("Enter")
        closed = page.js(f"[relgraph.visibleNodeIds().length, relgraph.nodes.get('{c['id']}').hidden]")
        assert page.errors == []
    finally:
        page.close()
    assert state == [sorted(c["actors"]), "true", f"#community={c['id']}&expanded={c['id']}"]
    assert found == []
    assert closed == [0, False]
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    try:
        fresh = context.new_page()
        fresh.goto(overview_page.resolve().as_uri() + f"#expanded={c['id']}")
        fresh.wait_for_function("document.body.dataset.ready === 'true'")
        reopened = fresh.evaluate("relgraph.visibleNodeIds()")
    finally:
        context.close()
    assert reopened == sorted(c["actors"])


def test_search_opens_an_embedded_actors_community_and_names_one_outside(browser, big, overview, overview_page):
    _, shown, account = overview
    c = account["communities"][2]
    actor = c["top"][0]
    outside = next(e for e in sorted(big.entities) if e not in shown)
    page = OfflinePage(browser, overview_page)
    try:
        page.page.fill("#search", big.entities[actor].label)
        page.page.click("#search-form button")
        state = page.js(f"[relgraph.network.getSelectedNodes(), relgraph.visibleNodeIds().includes('{actor}'), location.hash]")
        page.page.fill("#search", big.entities[outside].label)
        page.page.click("#search-form button")
        message = page.page.inner_text("#search-message")
        assert page.errors == []
    finally:
        page.close()
    assert state == [[actor], True, f"#actor={actor}&expanded={c['id']}"]
    assert message == f"{big.entities[outside].label} is not in this overview. A page that has them: relgraph html --around {outside}"


def test_a_large_community_is_split_into_sub_communities_at_build_time(big, overview):
    among, _, account = overview
    large = [c for c in account["communities"] if len(c["actors"]) > SUBCOMMUNITY_ABOVE]
    assert large and [c["id"] for c in account["communities"] if c["subs"]] == [c["id"] for c in large]
    embedded = {r.id for r in among}
    for c in large:
        subs = c["subs"]
        assert 2 <= len(subs) <= SUBCOMMUNITIES
        assert [s["id"] for s in subs] == [f"{c['id']}.{k}" for k in range(1, len(subs) + 1)]
        members = [a for s in subs for a in s["actors"]]
        # Its embedded actors with a relation embedded among them, each in exactly one sub-community.
        with_relations = {e for r in big.relations if r.id in embedded and {r.subject, r.object} <= set(c["actors"])
                          for e in (r.subject, r.object)}
        assert sorted(members) == sorted(with_relations)
        assert all(s["parent"] == c["id"] and s["members"] == len(s["actors"]) for s in subs)
    # The same on every build.
    again = html_export.community_overview(big, list(big.relations), len(big.entities))[2]
    assert [c["subs"] for c in again["communities"]] == [c["subs"] for c in account["communities"]]


@pytest.fixture(scope="module")
def overview_pages(big, overview_page, tmp_path_factory):
    webgl = tmp_path_factory.mktemp("overview-webgl") / "overview.html"
    webgl.write_bytes(to_html(big, renderer="webgl"))
    return {"auto": overview_page, "webgl": webgl}


@pytest.mark.parametrize("renderer", ["auto", "webgl"])
@pytest.mark.parametrize("width, height", SIZES)
def test_a_large_community_expands_into_sub_communities_then_one_into_its_actors(browser, overview, overview_pages, renderer, width, height):
    _, _, account = overview
    c = next(c for c in account["communities"] if c["subs"])
    sub = c["subs"][1]
    page = OfflinePage(browser, overview_pages[renderer], width, height)
    try:
        page.js(f"void relgraph.network.emit('click', {{nodes: ['{c['id']}'], edges: []}})")
        first = page.js(f"[relgraph.visibleNodeIds(), relgraph.nodes.get().filter(n => !n.hidden && n.id.startsWith('{c['id']}.')).map(n => n.id),"
                        " [...document.querySelectorAll('.community-subs button')].map(b => b.dataset.community)]")
        page.page.click(f'.community-subs button[data-community="{sub["id"]}"]')
        second = page.js(f"[relgraph.visibleNodeIds(), relgraph.nodes.get('{sub['id']}').hidden, location.hash,"
                         " document.getElementById('card-community').textContent]")
        assert page.errors == []
    finally:
        page.close()
    subs = [s["id"] for s in c["subs"]]
    assert first == [[], subs, subs]  # the sub-communities, not yet an actor
    assert second[0] == sorted(sub["actors"])
    assert second[1:] == [True, f"#community={sub['id']}&expanded={c['id']}%2C{sub['id']}", sub["label"]]
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    try:
        fresh = context.new_page()
        fresh.goto(overview_pages[renderer].resolve().as_uri() + f"#expanded={sub['id']}")
        fresh.wait_for_function("document.body.dataset.ready === 'true'")
        reopened = fresh.evaluate(f"[relgraph.visibleNodeIds(), relgraph.nodes.get('{c['id']}').hidden]")
    finally:
        context.close()
    assert reopened == [sorted(sub["actors"]), True]  # its community opened with it
