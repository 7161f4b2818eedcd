"""Exports for the tools users already have: GraphML (Gephi, yEd), GEXF (Gephi), CSV nodes and
edges (Kumu, Graph Commons), NetworkX node-link JSON. Each reads back with its ecosystem's reader.

GraphML and GEXF take only scalar attributes: lists become '; '-joined text (aliases) or JSON
text (figures, anchor), and missing values are left out rather than written as 'None'.

Edges are the relation record of fields.py. Like `relgraph.load()`, every format here holds by
default only the relations whose status is a fact; `include="all"` (the CLI's `--statuses all`)
brings in the others, each with its status.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

from relgraph.model.records import Dataset
from relgraph.model.fields import FIELD_NAMES
from relgraph.build.network import build_network

NODE_COLUMNS = ("id", "label", "type", "aliases", "description", "wikidata")
EDGE_COLUMNS = FIELD_NAMES


def flat_node(attrs: dict) -> dict:
    out = {k: v for k, v in attrs.items() if v is not None and k != "aliases"}
    out["aliases"] = "; ".join(attrs.get("aliases") or [])
    return out


def flat_edge(attrs: dict) -> dict:
    """Scalars as they are; lists and mappings (figures, anchor) as JSON text."""
    out = {}
    for key, value in attrs.items():
        if isinstance(value, (list, dict)):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif value is not None:
            out[key] = value
    return out


def flat_network(dataset: Dataset, include="facts") -> nx.MultiDiGraph:
    graph = build_network(dataset, include)
    flat = nx.MultiDiGraph(name="relgraph")
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **flat_node(attrs))
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **flat_edge(attrs))
    return flat


def to_graphml(dataset: Dataset, include="facts") -> bytes:
    return ("\n".join(nx.generate_graphml(flat_network(dataset, include), named_key_ids=True)) + "\n").encode("utf-8")


def to_gexf(dataset: Dataset, include="facts") -> bytes:
    return ("\n".join(nx.generate_gexf(flat_network(dataset, include))) + "\n").encode("utf-8")


def to_node_link_json(dataset: Dataset, include="facts") -> bytes:
    # Endpoints as "from"/"to": NetworkX's default "source" would clobber the edge's source article.
    data = nx.node_link_data(build_network(dataset, include), edges="edges", source="from", target="to")
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _csv(rows, columns) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})
    return buffer.getvalue().encode("utf-8")


def to_csv_files(dataset: Dataset, include="facts") -> dict[str, bytes]:
    """nodes.csv and edges.csv: the two files Kumu and Graph Commons import."""
    graph = build_network(dataset, include)
    nodes = [{"id": n, **flat_node(a)} for n, a in graph.nodes(data=True)]
    edges = [{"from": u, "to": v, **flat_edge(a)} for u, v, a in graph.edges(data=True)]
    for edge in edges:
        for key, value in edge.items():
            if isinstance(value, bool):
                edge[key] = "true" if value else "false"
    return {"nodes.csv": _csv(nodes, NODE_COLUMNS), "edges.csv": _csv(edges, EDGE_COLUMNS)}
