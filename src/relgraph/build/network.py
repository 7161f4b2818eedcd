"""Build stage (NetworkX): the curated graph as a MultiDiGraph keyed by relation id.

Keys are relation ids, never NetworkX's default integer keys, so A→B and B→A edges cannot
collide (networkx#5618). Node and edge attributes are plain values a notebook can use directly;
edge attributes are the relation record of fields.py.

By default only relations whose status is a fact (statuses.py) are edges, so that
`nx.shortest_path` and every graph algorithm walk only what the sources state in their own voice.
"""
from __future__ import annotations

import networkx as nx

from relgraph.model.fields import edge_attributes, record_maker
from relgraph.model.records import Dataset
from relgraph.model.statuses import select

__all__ = ["build_network", "edge_attributes"]


def build_network(dataset: Dataset, include="facts") -> nx.MultiDiGraph:
    """Every entity as a node; every relation whose status is included as an edge subject→object
    keyed by its id. `include`: "facts" (default), "all", or status ids and standings (statuses.select)."""
    wanted = select(include)
    graph = nx.MultiDiGraph(name="relgraph")
    for entity in dataset.entities.values():
        graph.add_node(entity.id, label=entity.label, type=entity.type, aliases=list(entity.aliases),
                       description=entity.description, wikidata=entity.wikidata)
    attributes = record_maker(dataset, endpoints=False)  # edge_attributes(), made faster for many
    for relation in dataset.relations:
        if relation.status in wanted:
            graph.add_edge(relation.subject, relation.object, key=relation.id, **attributes(relation))
    return graph
