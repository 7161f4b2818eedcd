"""Interactive HTML export: one self-contained, offline page.

pyvis builds the vis-network nodes, edges and options; the page template is our own (Jinja2 with
autoescaping), the vis-network bundle pyvis ships is inlined, and every text from the data reaches
the page as JSON that the script puts into the DOM with textContent only.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from importlib import resources
from pathlib import Path

from relgraph.model import schema
from relgraph.model.fields import relation_record
from relgraph.model.records import Dataset
from relgraph.model.statuses import STANDINGS, STATUSES

TYPE_STYLE = {
    "person": ("#4e79a7", "dot"),
    "country": ("#e15759", "diamond"),
    "city-or-region": ("#bab0ac", "triangle"),
    "government-body": ("#f28e2b", "square"),
    "international-organization": ("#76b7b2", "square"),
    "company": ("#59a14f", "triangleDown"),
    "bank": ("#2f7d32", "star"),
    "media-outlet": ("#b07aa1", "box"),
    "think-tank-or-university": ("#9c755f", "ellipse"),
    "event-or-agreement": ("#edc948", "hexagon"),
    "group": ("#ff9da7", "dot"),
}
CATEGORY_COLORS = {
    "diplomacy": "#1f77b4",
    "economy-and-trade": "#2ca02c",
    "military": "#d62728",
    "sanctions-and-legal": "#9467bd",
    "role-and-affiliation": "#7f7f7f",
    "statement-and-stance": "#ff7f0e",
}
LARGE_GRAPH = 500


def _vis_bundle() -> tuple[str, str]:
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return ((folder / "vis-network.min.js").read_text(encoding="utf-8"),
            (folder / "vis-network.css").read_text(encoding="utf-8"))


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


def spiral_positions(entity_ids: list[str], degree: dict[str, int]) -> dict[str, dict]:
    """Deterministic positions on a sunflower spiral, best-connected nodes in the middle."""
    order = sorted(entity_ids, key=lambda e: (-degree[e], e))
    golden_angle = math.pi * (3 - math.sqrt(5))
    return {entity_id: {"x": round(40 * math.sqrt(i) * math.cos(i * golden_angle), 1),
                        "y": round(40 * math.sqrt(i) * math.sin(i * golden_angle), 1)}
            for i, entity_id in enumerate(order)}


def network_data(dataset: Dataset, keep: set[str] | None = None) -> dict:
    # pyvis's Node and Edge give vis-network's data format. Network.add_node/add_edge are not used:
    # they check membership in plain lists, so they take quadratic time (56 s at 100k relations).
    # Validation has already made node ids unique and every edge end a node.
    from pyvis.edge import Edge
    from pyvis.node import Node

    relations = [r for r in dataset.relations if keep is None or (r.subject in keep and r.object in keep)]
    entity_ids = [e for e in dataset.entities if keep is None or e in keep]
    degree = defaultdict(int)
    for r in relations:
        degree[r.subject] += 1
        degree[r.object] += 1
    nodes, edges = [], []
    large = len(entity_ids) > LARGE_GRAPH
    positions = spiral_positions(entity_ids, degree) if large else {}
    for entity_id in entity_ids:
        entity = dataset.entities[entity_id]
        color, shape = TYPE_STYLE[entity.type]
        nodes.append(Node(entity.id, shape, label=entity.label, color=color, title=f"{entity.label} ({entity.type})",
                          size=round(10 + 4 * math.sqrt(degree[entity.id]), 2), **positions.get(entity.id, {})).options)
    parallel = defaultdict(int)
    for r in relations:
        pair = tuple(sorted((r.subject, r.object)))
        edges.append(edge_options(Edge, dataset, r, parallel[pair]))
        parallel[pair] += 1
    options = {
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        # A large graph gets precomputed positions and no physics: simulating thousands of nodes
        # in the browser blocks the page for tens of seconds.
        "physics": {
            "enabled": not large,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "springLength": 160, "springConstant": 0.02, "avoidOverlap": 0.2},
            "stabilization": {"enabled": not large, "iterations": 400, "updateInterval": 50},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "navigationButtons": False},
        "edges": {"font": {"size": 9, "align": "middle", "strokeWidth": 3}, "width": 1.2},
        "nodes": {"font": {"size": 13}},
    }
    return {"nodes": nodes, "edges": edges, "options": options}


def edge_options(Edge, dataset: Dataset, r, index: int) -> dict:
    """One relation as a vis-network edge; `index` counts the relations already drawn between its ends."""
    predicate = dataset.predicates[r.predicate]
    # Parallel edges get growing curvature so that every one stays visible.
    smooth = ({"enabled": True, "type": "curvedCW" if index % 2 else "curvedCCW", "roundness": round(0.08 + 0.12 * (index // 2 + index % 2), 2)}
              if index else {"enabled": True, "type": "continuous", "roundness": 0.2})
    style = STATUSES[r.status].style
    # Each status is drawn as statuses.py declares it: its dash pattern, width and marker; a
    # contradicted relation in its status colour, so it can never pass for a link.
    color = style.color if STATUSES[r.status].standing == "contradicted" else CATEGORY_COLORS[predicate.category]
    return Edge(r.subject, r.object, True, id=r.id, label=f"{style.marker} {predicate.label}".strip(),
                color=color, dashes=list(style.dashes) or False, width=style.width,
                title=f"{predicate.label} ({r.status})", smooth=smooth,
                arrows="" if predicate.symmetric else "to").options


def page_data(dataset: Dataset, keep: set[str] | None = None, title: str = "relgraph") -> dict:
    net = network_data(dataset, keep)
    kept_relations = {e["id"] for e in net["edges"]}
    kept_entities = {n["id"] for n in net["nodes"]}
    relations = {r.id: relation_record(dataset, r) for r in dataset.relations if r.id in kept_relations}
    entities = {
        e.id: {"id": e.id, "label": e.label, "type": e.type, "aliases": list(e.aliases),
               "description": e.description, "wikidata": e.wikidata}
        for e in dataset.entities.values() if e.id in kept_entities or any(
            e.id in (rel["reported_by"], rel["denied_by"]) for rel in relations.values())
    }
    sources = {
        s.id: {"id": s.id, "title": s.title, "publisher": s.publisher, "original_publisher": s.original_publisher,
               "author": s.author, "date": str(s.date), "file": s.file}
        for s in dataset.sources.values()
    }
    return {
        "title": title,
        "network": net,
        "entities": entities,
        "relations": relations,
        "sources": sources,
        "legend": {
            "types": {t: {"color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1]} for t in schema.ENTITY_TYPES},
            "categories": CATEGORY_COLORS,
            "statuses": list(STATUSES),
        },
        # The status declarations themselves: the page draws, explains, filters and admits path
        # hops from these, with no status named in its script or style sheet.
        "statuses": {s.id: s.as_data() for s in STATUSES.values()},
        "standings": STANDINGS,
    }


def to_html(dataset: Dataset, around: str | None = None, depth: int = 1) -> bytes:
    from jinja2 import Environment, select_autoescape

    keep = neighbourhood(dataset, around, depth) if around else None
    title = "relgraph"
    if around:
        title = f"relgraph: {dataset.entities[around].label} and {depth} hop{'s' if depth != 1 else ''} around"
    data = page_data(dataset, keep, title)
    vis_js, vis_css = _vis_bundle()
    package = resources.files("relgraph")
    template_text = (package / "templates" / "graph.html.j2").read_text(encoding="utf-8")
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), keep_trailing_newline=True)
    page = env.from_string(template_text).render(
        title=title,
        data_json=_json_for_script(data),
        vis_js=vis_js,
        vis_css=vis_css,
        app_js=(package / "templates" / "graph.js").read_text(encoding="utf-8"),
        app_css=(package / "templates" / "graph.css").read_text(encoding="utf-8"),
    )
    return page.encode("utf-8")
