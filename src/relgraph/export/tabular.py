"""Plain tables (nodes.csv, edges.csv) and NetworkX node-link JSON; GraphML and GEXF by name.

The rows, the status selection and the cell conventions are rows.py's; each tool's own layout is
tools.py's.
"""
from __future__ import annotations

import json

import networkx as nx

from relgraph.build.network import build_network
from relgraph.export.rows import NODE_FIELDS, csv_bytes, node_rows, relation_rows
from relgraph.model.fields import FIELD_NAMES
from relgraph.model.records import Dataset

NODE_COLUMNS = NODE_FIELDS
EDGE_COLUMNS = FIELD_NAMES


def to_csv_files(dataset: Dataset, include="facts") -> dict[str, bytes]:
    """nodes.csv and edges.csv: the entities and the relation record, one column per field, for
    pandas and spreadsheets (gephi-csv, kumu and graphcommons follow those tools' own layouts)."""
    nodes = [[n[c] if c != "aliases" else "; ".join(n[c]) for c in NODE_COLUMNS] for n in node_rows(dataset)]
    edges = [[r[c] for c in EDGE_COLUMNS] for r in relation_rows(dataset, include)]
    return {"nodes.csv": csv_bytes(NODE_COLUMNS, nodes), "edges.csv": csv_bytes(EDGE_COLUMNS, edges)}


def to_node_link_json(dataset: Dataset, include="facts") -> bytes:
    # NetworkX's own defaults (nodes, edges, source, target, key), so nx.node_link_graph(data) reads
    # it back: no edge attribute is called source or target (the article is source_id).
    data = nx.node_link_data(build_network(dataset, include))
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def to_graphml(dataset: Dataset, include="facts") -> bytes:
    from relgraph.export.graphml import to_graphml as render

    return render(dataset, include)


def to_gexf(dataset: Dataset, include="facts") -> bytes:
    from relgraph.export.gexf import to_gexf as render

    return render(dataset, include)
