"""Interactive HTML export: one self-contained, offline page.

The vis-network nodes and per-relation edge styles are the records pyvis's Node and Edge make
(vis_node, vis_edge); the page template is our own (Jinja2 with autoescaping), the vis-network
script pyvis ships is inlined (its style sheet is not: it is mostly navigation-button images the
page never shows), and every text from the data reaches the page as JSON that the script puts
into the DOM with textContent only.

The layout is computed here, at build time, so that the first view is the same on every machine and
needs no physics in the browser: each connected component is laid out by a force simulation run to
its end, the largest in the middle and the small ones set aside in a column to its right. Parallel
relations of the same status between two actors are drawn as one edge (a bundle) with a count.
"""
from __future__ import annotations

import heapq
import json
import math
import sys
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from relgraph import collector
from relgraph.check.anchors import SourceText
from relgraph.export.layout import community_layout, remembered_layout
from relgraph.export.renderers import chosen_renderer, renderer_notice
from relgraph.model import schema
from relgraph.model.fields import FIELD_NAMES, record_maker
from relgraph.model.records import Dataset
from relgraph.model.statuses import STANDINGS, STATUSES
from relgraph.model.text import normalize_quote

# Okabe–Ito and Tol colours, every one at least 3:1 against the white canvas (WCAG AA for graphics),
# and a shape per type, so that no type is told apart by colour alone.
TYPE_STYLE = {
    "person": ("#0072b2", "dot"),
    "country": ("#d55e00", "diamond"),
    "city-or-region": ("#6f6f6f", "triangle"),
    "government-body": ("#a0522d", "square"),
    "international-organization": ("#117733", "hexagon"),
    "company": ("#332288", "triangleDown"),
    "bank": ("#1d7a6e", "star"),
    "media-outlet": ("#aa3377", "square"),
    "think-tank-or-university": ("#7a5c00", "hexagon"),
    "event-or-agreement": ("#cc3311", "triangle"),
    "group": ("#5e3c99", "dot"),
}
# vis-network has seven shapes that keep the label outside the symbol; the four types that reuse a
# shape draw it with a dashed outline, so that shape and outline, not colour alone, tell every type apart.
DASHED_OUTLINE = {"media-outlet", "think-tank-or-university", "event-or-agreement", "group"}
CATEGORY_COLORS = {
    "diplomacy": "#0072b2",
    "economy-and-trade": "#117733",
    "military": "#b2182b",
    "sanctions-and-legal": "#6a3d9a",
    "role-and-affiliation": "#5f5f5f",
    "statement-and-stance": "#a34a00",
}
MIXED_CATEGORIES = "#374151"  # a bundle whose relations belong to several categories
LARGE_GRAPH = 500
# The page size: up to this many relations the page draws them all (10,000 open in about 2 s in
# Chromium; see docs/html-page.md); above it, `build` writes an overview (one node per community,
# each expanding into its best-connected members) and says so on stderr and in the page.
PAGE_RELATION_LIMIT = 10_000
OVERVIEW_RELATIONS = 5_000  # relations an overview embeds across its communities (half a page)
MAX_COMMUNITIES = 120  # an overview's communities at most (the smallest beyond it are drawn as one)
COMMUNITY_LINKS = 2_000  # the heaviest links between communities drawn (each with its count)
COMMUNITY_LABEL_NAMES = 3  # a community is labelled by its best-connected members
SUBCOMMUNITY_ABOVE = 200  # a community with more embedded actors expands into sub-communities first
SUBCOMMUNITIES = 8  # at most, per community (the smallest beyond it are one)
OUTSIDE_ACTORS = 5_000  # names of actors not on the page that it knows (a few hundred KB at most)
OPENING_ACTORS = 20  # the first view is fitted to this many best-connected actors


def _vis_script() -> str:
    from importlib.util import find_spec

    # pyvis's folder, found without importing the package: its __init__ imports networkx and IPython (0.15 s)
    folder = Path(find_spec("pyvis").submodule_search_locations[0]) / "templates" / "lib" / "vis-9.1.2"
    return (folder / "vis-network.min.js").read_text(encoding="utf-8")


def _static_script(name: str) -> str:
    return (resources.files("relgraph") / "static" / name).read_text(encoding="utf-8")


def _json_for_script(data) -> str:
    """JSON that cannot end the <script> element it sits in, nor break a JS string."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def neighbourhood(dataset: Dataset, centre: str, depth: int) -> set[str]:
    adjacent = defaultdict(set)
    for r in dataset.relations:
        adjacent[r.subject].add(r.object)
        adjacent[r.object].add(r.subject)
    seen, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {n for node in frontier for n in adjacent[node]} - seen
        seen |= frontier
    return seen


def label_size(degree: int) -> int:
    # Labels by importance: vis-network does not draw a label smaller than drawThreshold px on
    # screen, so hubs are labelled at the opening zoom and the rest appear as one zooms in.
    return min(30, 13 + round(2 * math.sqrt(degree)))


def vis_options(actors: int) -> dict:
    return {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": False},  # positions come from layout() above
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": actors > LARGE_GRAPH,
                        "hideEdgesOnZoom": actors > LARGE_GRAPH,
                        "navigationButtons": False,
                        # Arrow keys pan and +/- zoom while the graph has the focus (it is tabbable).
                        "keyboard": {"enabled": True, "bindToWindow": False}, "selectConnectedEdges": False},
        "edges": {"font": {"size": 11, "align": "middle", "strokeWidth": 4},
                  "scaling": {"label": {"drawThreshold": 13}}, "selectionWidth": 2, "hoverWidth": 1.5},
        "nodes": {"font": {"size": 13, "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 9}}, "borderWidth": 1.5},
    }


def _kept(dataset: Dataset, keep: set[str] | None, chunks=None):
    """The relations and actors on the page, each actor's number of relations there, and the
    overview's account when there are too many to draw (None for a full page). `chunks`: see to_html."""
    relations = [r for r in dataset.relations if keep is None or (r.subject in keep and r.object in keep)]
    overview = None
    if len(relations) > PAGE_RELATION_LIMIT:
        actors = len(dataset.entities) if keep is None else len(keep)
        relations, keep, overview = community_overview(dataset, relations, actors, chunks)
    entity_ids = [e for e in dataset.entities if keep is None or e in keep]
    degree = defaultdict(int)
    for r in relations:
        degree[r.subject] += 1
        degree[r.object] += 1
    return relations, entity_ids, degree, overview


def relation_counts(relations, ends: tuple[list, list] | None = None) -> Counter:
    """Each actor's number of relations (Counter counts a list in C: 0.3 s at 1M, not 2). `ends`: the
    relations' subjects and objects, when known (relation_ends)."""
    subjects, objects = relation_ends(relations) if ends is None else ends
    degree = Counter(subjects)
    degree.update(objects)
    return degree


def relation_ends(relations) -> tuple[list, list]:
    """The relations' subjects and objects: each pass through 100,000 relations costs 35 ms, so an
    overview makes these once for its counts, communities and split."""
    return [r.subject for r in relations], [r.object for r in relations]


def end_indexes(relations, index: dict[str, int], ends: tuple[list, list] | None = None) -> tuple:
    """Each relation's subject and object as their numbers in `index`, as two numpy arrays (a lookup
    a relation, mapped in C, rather than one a relation and end in a Python loop)."""
    import numpy as np

    subjects, objects = relation_ends(relations) if ends is None else ends
    return (np.fromiter(map(index.__getitem__, subjects), dtype=np.int64, count=len(subjects)),
            np.fromiter(map(index.__getitem__, objects), dtype=np.int64, count=len(objects)))


def community_groups(relations: list, degree: Counter, limit: int | None = None, chunks=None,
                     ends: tuple[list, list] | None = None) -> list[list[str]]:
    """The actors of the relations in communities (export/communities.py), largest first; members
    best-connected first. `chunks`: see to_html; `ends`: see relation_counts."""
    import numpy as np

    from relgraph.export.communities import remembered_communities

    ids = sorted(degree)
    a, b = end_indexes(relations, {e: i for i, e in enumerate(ids)}, ends)
    other = a != b  # a relation of an actor with itself links no two
    pairs = np.stack([a[other], b[other]], axis=1)
    groups: dict[int, list[str]] = defaultdict(list)
    for actor, label in zip(ids, remembered_communities(len(ids), pairs, chunks).tolist()):
        groups[label].append(actor)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    limit = MAX_COMMUNITIES if limit is None else limit
    if len(ordered) > limit:  # the page's bound: the smallest communities become one group
        ordered = ordered[:limit - 1] + [sorted(e for g in ordered[limit - 1:] for e in g)]
    return [sorted(g, key=lambda e: (-degree[e], e)) for g in ordered]


def community_overview(dataset: Dataset, relations: list, actors: int, chunks=None) -> tuple[list, set[str], dict]:
    """Too many relations for one page: one node per community, and for each its best-connected
    members with the relations among them (the first of its share of OVERVIEW_RELATIONS by the
    rank of their lesser end, so a community's core comes first), which the page draws when the
    community is expanded. Relations between communities are counted, not embedded; the
    COMMUNITY_LINKS heaviest pairs are drawn as links with their count. `chunks`: see to_html."""
    ends = relation_ends(relations)
    degree = relation_counts(relations, ends)
    groups = community_groups(relations, degree, chunks=chunks, ends=ends)
    inside, between = split_by_community(relations, groups, ends)
    share = budget_shares([len(inside[i]) for i in range(len(groups))], OVERVIEW_RELATIONS)
    summaries, chosen = [], set()
    for i, members in enumerate(groups):
        picked = core_relations(members, inside[i], share[i])
        chosen.update(r.id for r in picked)
        summary = community_summary(dataset, i, members, len(inside[i]), picked)
        summary["subs"] = sub_communities(dataset, summary, picked, degree, chunks)
        summaries.append(summary)
    among = [r for r in relations if r.id in chosen]
    shown = {e for c in summaries for e in c["actors"]}
    links = [{"from": summaries[a]["id"], "to": summaries[b]["id"], "relations": n}
             for (a, b), n in sorted(between.items(), key=lambda kv: (-kv[1], kv[0]))[:COMMUNITY_LINKS]]
    account = {"relations": len(relations), "actors": actors, "communities": summaries, "community_links": links,
               "links_between": len(between), "per_community": max(share), "shown_actors": len(shown),
               "shown_relations": len(among), "limit": PAGE_RELATION_LIMIT,
               "degree": {e: degree[e] for e in sorted(shown)}}
    return among, shown, account


def split_by_community(relations: list, groups: list[list[str]],
                       ends: tuple[list, list] | None = None) -> tuple[dict[int, list], Counter]:
    """The relations inside each community (in their order), and the number between each pair of
    communities. In numpy: an overview splits every relation of the dataset. `ends`: see relation_counts."""
    import numpy as np

    a, b = end_indexes(relations, {e: i for i, g in enumerate(groups) for e in g}, ends)
    inside: dict[int, list] = defaultdict(list)
    same = np.flatnonzero(a == b)
    order = same[np.argsort(a[same], kind="stable")]  # by community, each in the relations' order
    found, firsts = np.unique(a[order], return_index=True)
    for community, run in zip(found.tolist(), np.split(order, firsts[1:])):
        inside[community] = [relations[k] for k in run.tolist()]
    crossing = a != b
    low, high = np.minimum(a[crossing], b[crossing]), np.maximum(a[crossing], b[crossing])
    pairs, counts = np.unique(low * len(groups) + high, return_counts=True)
    between = Counter({divmod(pair, len(groups)): n for pair, n in zip(pairs.tolist(), counts.tolist())})
    return inside, between


def budget_shares(sizes: list[int], budget: int) -> list[int]:
    """Each community's share of the budget, given out from the one with the fewest relations
    inside: what a small one cannot use goes to the larger ones."""
    share = [0] * len(sizes)
    left = budget
    for n, i in enumerate(sorted(range(len(sizes)), key=lambda i: (sizes[i], i))):
        share[i] = min(sizes[i], left // (len(sizes) - n))
        left -= share[i]
    return share


def core_relations(members: list[str], inside: list, count: int) -> list:
    """The first `count` relations among the best-connected members (members in rank order): by
    the rank of the lesser end, then of the better, then in dataset order. Sorted in numpy: a
    community may hold most of a million relations."""
    import numpy as np

    if count >= len(inside):
        return list(inside)
    rank = {e: k for k, e in enumerate(members)}
    a = np.fromiter((rank[r.subject] for r in inside), dtype=np.int64, count=len(inside))
    b = np.fromiter((rank[r.object] for r in inside), dtype=np.int64, count=len(inside))
    order = np.lexsort((np.minimum(a, b), np.maximum(a, b)))[:count]
    return [inside[k] for k in np.sort(order).tolist()]


def community_summary(dataset: Dataset, index: int, members: list[str], inside: int, picked: list) -> dict:
    embedded = {e for r in picked for e in (r.subject, r.object)} or set(members[:1])
    return {"id": f"community-{index + 1}", "members": len(members), "relations": inside, "shown_relations": len(picked),
            "label": community_label(dataset, members),
            "top": [e for e in members if e in embedded][:COMMUNITY_LABEL_NAMES], "actors": sorted(embedded)}


def sub_communities(dataset: Dataset, community: dict, picked: list, degree: Counter, chunks=None) -> list[dict]:
    """A large community's embedded actors in communities of their own (the same label propagation,
    on the relations embedded among them), so that it expands one level at a time: into these, then
    each into its actors. None when it embeds SUBCOMMUNITY_ABOVE actors or fewer, or they form one."""
    if len(community["actors"]) <= SUBCOMMUNITY_ABOVE:
        return []
    groups = community_groups(picked, relation_counts(picked), SUBCOMMUNITIES, chunks)
    if len(groups) < 2:
        return []
    inside, _ = split_by_community(picked, groups)
    subs = []
    for k, members in enumerate(groups):
        ranked = sorted(members, key=lambda e: (-degree[e], e))
        subs.append({"id": f"{community['id']}.{k + 1}", "parent": community["id"], "members": len(members),
                     "relations": len(inside[k]), "shown_relations": len(inside[k]), "label": community_label(dataset, ranked),
                     "top": ranked[:COMMUNITY_LABEL_NAMES], "actors": sorted(members)})
    return subs


def community_label(dataset: Dataset, members: list[str]) -> str:
    names = ", ".join(dataset.entities[e].label for e in members[:COMMUNITY_LABEL_NAMES])
    more = len(members) - COMMUNITY_LABEL_NAMES
    return names + (f" +{more:,}" if more > 0 else "")


def overview_notice(account: dict) -> str:
    """The line `build` prints on stderr and the page shows in its header when it is an overview."""
    return (f"overview: {account['relations']:,} relations are more than one page draws ({account['limit']:,}); "
            f"the page shows {len(account['communities']):,} communities of actors (label propagation), each one node that "
            f"expands into its best-connected members with up to {account['per_community']:,} of the relations among them "
            f"({account['shown_relations']:,} relations, {account['shown_actors']:,} of {account['actors']:,} actors embedded); "
            f"`relgraph html --around NAME` writes any actor's neighbourhood in full")


def network_data(dataset: Dataset, keep: set[str] | None = None, chunks=None) -> dict:
    return drawn_network(dataset, keep, chunks)[0]


def drawn_network(dataset: Dataset, keep: set[str] | None = None, chunks=None) -> tuple[dict, list]:
    """network_data()'s record, and the relations it draws (in the dataset's order)."""
    # vis-network's data format as pyvis's Node and Edge give it. Network.add_node/add_edge are not used:
    # they check membership in plain lists, so they take quadratic time (56 s at 100k relations).
    # Validation has already made node ids unique and every edge end a node. `chunks`: the build's
    # chunk store, where each layout is kept under its inputs (layout.remembered_layout).
    relations, entity_ids, degree, overview = _kept(dataset, keep, chunks)
    links = {tuple(sorted((r.subject, r.object))) for r in relations if r.subject != r.object}
    if overview:
        positions, groups, core = overview_places(overview, links, degree, chunks)
    else:
        positions, groups = remembered_layout(entity_ids, links, degree, chunks)
        # The opening view: the best-connected actors of the main component, where the story is.
        core = sorted(groups[0], key=lambda e: (-degree[e], e))[:OPENING_ACTORS] if groups else []
    component_of = {m: i for i, group in enumerate(groups) for m in group}
    nodes = [node_options(dataset.entities[e], degree[e], positions[e], component_of[e]) for e in entity_ids]
    edges = [edge_options(dataset, r) for r in relations]
    options = vis_options(len(entity_ids))
    return {"nodes": nodes, "edges": edges, "bundles": bundles(dataset, relations),
            "components": groups, "core": core, "options": options, "overview": overview}, relations


def overview_places(overview: dict, links: set, degree: dict, chunks=None) -> tuple[dict, list[list[str]], list[str]]:
    """An overview's positions (export/layout.py's community_layout); each community's place and
    size go into its record. The groups are the communities (the page's components: each actor's
    `component` is its community's index) and the opening view is fitted to the largest ones."""
    communities = overview["communities"]
    group_links = {(link["from"], link["to"]) for link in overview["community_links"]}
    positions, places = community_layout({c["id"]: c["actors"] for c in communities}, group_links, links, degree, chunks)
    for c in communities:
        place = places[c["id"]]
        # Collapsed, a community covers about the area its expanded actors take.
        c.update(x=place["x"], y=place["y"], size=round(max(16.0, 0.45 * place["radius"]), 1))
        for sub in c["subs"]:  # a sub-community sits where its actors are, as large as they spread
            xs, ys = [positions[a]["x"] for a in sub["actors"]], [positions[a]["y"] for a in sub["actors"]]
            x, y = sum(xs) / len(xs), sum(ys) / len(ys)
            spread = max(math.hypot(ax - x, ay - y) for ax, ay in zip(xs, ys))
            sub.update(x=round(x, 1), y=round(y, 1), size=round(min(c["size"] / 2, max(12.0, 0.45 * spread)), 1))
    return positions, [c["actors"] for c in communities], [c["id"] for c in communities[:OPENING_ACTORS]]


def vis_node(n_id: str, shape: str, label: str, **options) -> dict:
    """The node record of pyvis.node.Node(n_id, shape, label, **options): pyvis builds the network's
    records (its Network.add_node is not used: quadratic in the nodes)."""
    from pyvis.node import Node

    return Node(n_id, shape, label=label, **options).options


def vis_edge(source: str, dest: str, **options) -> dict:
    """The edge record of pyvis.edge.Edge(source, dest, True, **options) (a directed edge)."""
    from pyvis.edge import Edge

    return Edge(source, dest, True, **options).options


def node_options(entity, degree: int, position: dict, component: int, make=vis_node) -> dict:
    color, shape = TYPE_STYLE[entity.type]
    node = make(entity.id, shape, label=entity.label, color=color, title=f"{entity.label} ({entity.type.replace('-', ' ')})",
                size=round(8 + 2.5 * math.sqrt(degree), 2), **position)
    node["font"] = {"size": label_size(degree)}
    if entity.type in DASHED_OUTLINE:
        node["shapeProperties"] = {"borderDashes": [3, 2]}
        node["borderWidth"] = 2.5
        node["color"] = {"background": "#ffffff", "border": color}
    node["component"] = component
    node["degree"] = degree
    return node


def edge_options(dataset: Dataset, r, make=vis_edge) -> dict:
    """One relation's drawing: the vis-network edge options of its status and category."""
    predicate = dataset.predicates[r.predicate]
    status = STATUSES[r.status]
    style = status.style
    # Each status is drawn as statuses.py declares it: its dash pattern, width and marker; a
    # contradicted relation in its status colour, labelled with its status, so it never passes for a link.
    contradicted = status.standing == "contradicted"
    color = style.color if contradicted else CATEGORY_COLORS[predicate.category]
    label = f"{style.marker} {status.label}: {predicate.label}" if contradicted else f"{style.marker} {predicate.label}"
    return make(r.subject, r.object, id=r.id, label=label.strip(),
                color=color, dashes=list(style.dashes) or False, width=style.width,
                title=f"{predicate.label} ({r.status})", arrows="" if predicate.symmetric else "to")


def bundles(dataset: Dataset, relations) -> list[dict]:
    """The drawn edges: the relations of one status between two actors, whatever their direction."""
    grouped: dict[tuple, list] = defaultdict(list)
    for r in relations:
        a, b = sorted((r.subject, r.object))
        grouped[(a, b, r.status)].append(r)
    per_pair = defaultdict(int)
    drawn = []
    for (a, b, status_id), members in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1], STATUSES[kv[0][2]].rank)):
        members.sort(key=lambda r: (str(r.date or ""), r.id))
        index = per_pair[(a, b)]
        per_pair[(a, b)] += 1
        drawn.append(bundle(dataset, a, b, status_id, members, index))
    return drawn


def bundle(dataset: Dataset, a: str, b: str, status_id: str, members: list, index: int) -> dict:
    status = STATUSES[status_id]
    style = status.style
    predicates = [dataset.predicates[r.predicate] for r in members]
    categories = {p.category for p in predicates}
    contradicted = status.standing == "contradicted"
    color = style.color if contradicted else (CATEGORY_COLORS[predicates[0].category] if len(categories) == 1 else MIXED_CATEGORIES)
    forward = {r.subject == a for r in members if not dataset.predicates[r.predicate].symmetric}
    arrows = {"to": {"enabled": True in forward}, "from": {"enabled": False in forward}}
    # Bundles of other statuses between the same two actors curve away, alternately to each side.
    smooth = ({"enabled": True, "type": "curvedCW" if index % 2 else "curvedCCW", "roundness": round(0.15 * ((index + 1) // 2), 2)}
              if index else {"enabled": False})
    return {"id": f"{a}|{b}|{status_id}", "from": a, "to": b, "status": status_id,
            "relations": [r.id for r in members], "color": {"color": color, "inherit": False},
            "dashes": list(style.dashes) or False, "width": round(style.width + 1.5 * math.log2(len(members)), 2),
            "arrows": arrows, "smooth": smooth}


def paragraph_context(dataset: Dataset, wanted: set[str], among=None) -> tuple[dict, dict]:
    """Each quote's paragraph of its article: the paragraphs (by "source:number") and, per relation,
    which paragraph and where in it the quote lies (None when the quote is not found in it).
    `among`: relations (in the dataset's order) that hold every wanted one, when known."""
    texts: dict[str, SourceText] = {}  # only the articles the page quotes (an overview quotes few)
    paragraphs, where, insides = {}, {}, {}
    for r in dataset.relations if among is None else among:
        if r.id not in wanted or r.anchor is None or r.source not in dataset.source_texts:
            continue
        key = f"{r.source}:{r.anchor.paragraph}"
        if key not in paragraphs:
            if r.source not in texts:
                texts[r.source] = SourceText(dataset.source_texts[r.source])
            paragraphs[key] = texts[r.source].paragraph_text(r.anchor.paragraph)
            insides[key] = SourceText(paragraphs[key])  # once a paragraph, not once a relation
        quote = normalize_quote(r.quote)
        found = insides[key].find(quote, limit=1)
        # where in the paragraph: the line and paragraph number an anchor also holds are not needed
        where[r.id] = {"paragraph": key, "quote": list(insides[key].span(found[0], len(quote))) if found else None}
    return paragraphs, where


def entity_data(e) -> dict:
    return {"id": e.id, "label": e.label, "type": e.type, "aliases": list(e.aliases), "description": e.description,
            "wikidata": e.wikidata}


def source_data(s) -> dict:
    """An article as the card shows it: its title, who published it, when, and where to read it."""
    return {"id": s.id, "title": s.title, "publisher": s.publisher, "original_publisher": s.original_publisher,
            "author": s.author, "date": str(s.date), "file": s.file, "genre": s.genre,
            "url": s.url, "archive_url": s.archive_url}


def page_records(dataset: Dataset, net: dict, drawn=None) -> tuple[dict, dict, dict]:
    """The relations drawn (their records), the actors they name and the articles they quote.
    `drawn`: the relations drawn, when known (drawn_network), so as not to go through every one."""
    kept_relations = {e["id"] for e in net["edges"]}
    kept_entities = {n["id"] for n in net["nodes"]}
    record = record_maker(dataset)  # relation_record(), made faster for many
    relations = {r.id: record(r) for r in (dataset.relations if drawn is None else drawn) if r.id in kept_relations}
    quoted = {rel["source_id"] for rel in relations.values()}
    named = kept_entities | {rel[f] for rel in relations.values() for f in ("reported_by", "denied_by") if rel[f]}
    # by id: a cached vocabulary makes a record when it is first read (check/codec.py's LazyRecords)
    entities = {e: entity_data(dataset.entities[e]) for e in dataset.entities if e in named}
    sources = {s: source_data(dataset.sources[s]) for s in dataset.sources if s in quoted}
    return relations, entities, sources


def outside_names(dataset: Dataset, on_page: set[str], kind: str) -> dict | None:
    """The names (label and aliases) of actors in the dataset but not on this page, so that a search
    for one says where it is rather than "no match": the best-connected OUTSIDE_ACTORS of them, names
    only (no relations), which bounds what a neighbourhood or an overview page carries."""
    missing = len(dataset.entities) - len(on_page & dataset.entities.keys())
    if not missing:
        return None
    degree = relation_counts(dataset.relations)
    outside = (e for e in dataset.entities if e not in on_page)
    chosen = heapq.nsmallest(OUTSIDE_ACTORS, outside, key=lambda e: (-degree[e], e))
    return {"kind": kind, "total": missing,
            "actors": {e: [dataset.entities[e].label, *dataset.entities[e].aliases] for e in sorted(chosen)}}


def page_data(dataset: Dataset, keep: set[str] | None = None, title: str = "relgraph", centre: str | None = None,
              chunks=None) -> dict:
    net, drawn = drawn_network(dataset, keep, chunks)
    relations, entities, sources = page_records(dataset, net, drawn)
    kind = "overview" if net["overview"] else "neighbourhood"
    outside = outside_names(dataset, {n["id"] for n in net["nodes"]}, kind)
    paragraphs, contexts = paragraph_context(dataset, set(relations), drawn)
    return {
        "title": title,
        "centre": centre,
        "outside": outside,
        "network": net,
        "entities": entities,
        "relations": relations,
        "fields": list(FIELD_NAMES),  # the relation record's columns, for the page's CSV and JSON
        "sources": sources,
        "paragraphs": {key: paragraphs[key] for key in sorted({c["paragraph"] for c in contexts.values()})},
        "contexts": contexts,
        "legend": {
            "types": {t: {"color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1], "dashed": t in DASHED_OUTLINE}
                      for t in schema.ENTITY_TYPES},
            "categories": CATEGORY_COLORS,
            "statuses": list(STATUSES),
        },
        # The status declarations themselves: the page draws, explains, filters and admits path
        # hops from these, with no status named in its script or style sheet.
        "statuses": {s.id: s.as_data() for s in STATUSES.values()},
        "standings": STANDINGS,
    }


def to_html(dataset: Dataset, around: str | None = None, depth: int = 1, renderer: str = "auto", chunks=None) -> bytes:
    """The page. `chunks` (a check.cache.ChunkCache, from `relgraph build`): the layouts are kept
    there under their inputs and read back while those are unchanged; the same bytes as without it
    (tests/test_incremental.py)."""
    # The page's data is a few hundred thousand dicts, lists and (sorting its keys for JSON) tuples,
    # none in a cycle: the cyclic collector would walk the whole loaded dataset again and again for
    # nothing (a third of the page's time after an edit at 100k relations).
    with collector.paused():
        return _page(dataset, around, depth, renderer, chunks)


def _page(dataset: Dataset, around: str | None, depth: int, renderer: str, chunks) -> bytes:
    from jinja2 import Environment, select_autoescape

    keep = neighbourhood(dataset, around, depth) if around else None
    title = "relgraph"
    if around:
        title = f"relgraph: {dataset.entities[around].label} and {depth} hop{'s' if depth != 1 else ''} around"
    data = page_data(dataset, keep, title, centre=around, chunks=chunks)
    if data["network"]["overview"]:
        print(f"relgraph: html: {overview_notice(data['network']['overview'])}", file=sys.stderr)
        data["network"]["overview"]["notice"] = overview_notice(data["network"]["overview"])
    drawn = len(data["network"]["edges"])
    data["renderer"] = {"renderer": chosen_renderer(renderer, drawn), "forced": renderer != "auto"}
    if data["renderer"]["renderer"] == "webgl":
        print(f"relgraph: html: {renderer_notice(renderer, drawn)}", file=sys.stderr)
    package = resources.files("relgraph")
    template_text = (package / "templates" / "graph.html.j2").read_text(encoding="utf-8")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), keep_trailing_newline=True)
    page = env.from_string(template_text).render(
        title=title,
        data_json=_json_for_script(data),
        vis_js=_vis_script(),
        webgl_js=[_static_script("graphology.umd.min.js"), _static_script("sigma.min.js")] if data["renderer"]["renderer"] == "webgl" else [],
        renderer_js=(package / "templates" / "renderer.js").read_text(encoding="utf-8"),
        app_js=(package / "templates" / "graph.js").read_text(encoding="utf-8"),
        app_css=(package / "templates" / "graph.css").read_text(encoding="utf-8"),
    )
    return page.encode("utf-8")
