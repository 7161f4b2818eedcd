"""Build stage (NetworkX): the curated graph as a MultiDiGraph keyed by relation id.

Keys are relation ids, never NetworkX's default integer keys, so A→B and B→A edges cannot
collide (networkx#5618). Node and edge attributes are plain values a notebook can use directly.
"""
from __future__ import annotations

import networkx as nx

from .model import Dataset, Relation


def edge_attributes(dataset: Dataset, relation: Relation) -> dict:
    predicate = dataset.predicates[relation.predicate]
    source = dataset.sources[relation.source]
    return {
        "id": relation.id,
        "predicate": predicate.id,
        "label": predicate.label,
        "inverse": predicate.inverse,
        "category": predicate.category,
        "polarity": predicate.polarity,
        "symmetric": predicate.symmetric,
        "status": relation.status,
        "date": str(relation.date) if relation.date else None,
        "end_date": str(relation.end_date) if relation.end_date else None,
        "source": source.id,
        "source_title": source.title,
        "publisher": source.publisher,
        "source_date": str(source.date),
        "quote": relation.quote,
        "reported_by": relation.reported_by,
        "denied_by": relation.denied_by,
        "figures": [{"value": f.value, "unit": f.unit, "measure": f.measure} for f in relation.figures],
        "note": relation.note,
    }


def build_network(dataset: Dataset, include_unconfirmed: bool = True) -> nx.MultiDiGraph:
    """Every entity as a node; every relation as an edge subject→object keyed by its id.

    With include_unconfirmed=False only asserted relations become edges.
    """
    graph = nx.MultiDiGraph(name="relgraph")
    for entity in dataset.entities.values():
        graph.add_node(entity.id, label=entity.label, type=entity.type, aliases=list(entity.aliases),
                       description=entity.description, wikidata=entity.wikidata)
    for relation in dataset.relations:
        if include_unconfirmed or relation.is_asserted:
            graph.add_edge(relation.subject, relation.object, key=relation.id, **edge_attributes(dataset, relation))
    return graph
