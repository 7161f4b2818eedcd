"""Build stage (NetworkX): the curated graph as a MultiDiGraph keyed by relation id.

Keys are relation ids, never NetworkX's default integer keys, so A→B and B→A edges cannot
collide (networkx#5618). Node and edge attributes are plain values a notebook can use directly;
edge attributes are the relation record of fields.py.

By default only relations whose status is a fact (statuses.py) are edges, so that
`nx.shortest_path` and every graph algorithm walk only what the sources state in their own voice.
"""
from __future__ import annotations

import networkx as nx

from relgraph import collector
from relgraph.model.fields import edge_attributes, record_maker
from relgraph.model.records import Dataset, Entity
from relgraph.model.statuses import select

__all__ = ["build_network", "edge_attributes"]


def build_network(dataset: Dataset, include="facts") -> nx.MultiDiGraph:
    """Every entity as a node; every relation whose status is included as an edge subject→object
    keyed by its id. `include`: "facts" (default), "all", or status ids and standings (statuses.select).

    The graph network_by_add_edge() builds, made faster (tests/test_fast_paths.py compares the two)."""
    wanted = select(include)
    graph = nx.MultiDiGraph(name="relgraph")
    with collector.paused():  # a few hundred thousand dicts that live as long as the graph
        _fill(graph, dataset, wanted)
    return graph


def _fill(graph: nx.MultiDiGraph, dataset: Dataset, wanted) -> None:
    """The nodes and edges put straight into the graph's dicts, laid out as add_node and add_edge
    lay them out (networkx's documented subclassing structure: _node, _succ, _pred): add_edge
    copies its keyword arguments twice into a fresh dict, and each record is fresh already."""
    nodes, successors, predecessors = graph._node, graph._succ, graph._pred
    for entity in dataset.entities.values():
        successors[entity.id], predecessors[entity.id] = {}, {}
        nodes[entity.id] = _node_attributes(entity)
    attributes = record_maker(dataset, endpoints=False)  # edge_attributes(), made faster for many
    for relation in dataset.relations:
        if relation.status in wanted:
            subject, obj = relation.subject, relation.object
            if subject not in successors or obj not in successors:  # an end no entity names: as add_edge does
                graph.add_edge(subject, obj, key=relation.id, **attributes(relation))
                continue
            keyed = successors[subject].get(obj)
            if keyed is None:
                keyed = successors[subject][obj] = predecessors[obj][subject] = {}
            keyed[relation.id] = attributes(relation)


def _node_attributes(entity: Entity) -> dict:
    return {"label": entity.label, "type": entity.type, "aliases": list(entity.aliases),
            "description": entity.description, "wikidata": entity.wikidata}


def network_by_add_edge(dataset: Dataset, include="facts") -> nx.MultiDiGraph:
    """build_network through networkx's public add_node and add_edge: the reference its fast path
    is tested against."""
    wanted = select(include)
    graph = nx.MultiDiGraph(name="relgraph")
    for entity in dataset.entities.values():
        graph.add_node(entity.id, **_node_attributes(entity))
    for relation in dataset.relations:
        if relation.status in wanted:
            graph.add_edge(relation.subject, relation.object, key=relation.id, **edge_attributes(dataset, relation))
    return graph
