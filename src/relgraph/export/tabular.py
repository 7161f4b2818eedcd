"""Exports for the tools users already have: GraphML (Gephi, yEd), GEXF (Gephi), CSV nodes and
edges (Kumu, Graph Commons), NetworkX node-link JSON. Each reads back with its ecosystem's reader.

GraphML and GEXF take only scalar attributes: lists become '; '-joined text (aliases) or JSON
text (figures), and missing values are left out rather than written as 'None'.
"""
from __future__ import annotations

import csv
import io
import json

import networkx as nx

from ..model import Dataset
from ..network import build_network

NODE_COLUMNS = ("id", "label", "type", "aliases", "description", "wikidata")
EDGE_COLUMNS = ("id", "from", "to", "predicate", "label", "category", "polarity", "symmetric", "status", "date",
                "end_date", "source", "source_title", "publisher", "source_date", "quote", "reported_by",
                "denied_by", "figures", "note")


def flat_node(attrs: dict) -> dict:
    out = {k: v for k, v in attrs.items() if v is not None and k != "aliases"}
    out["aliases"] = "; ".join(attrs.get("aliases") or [])
    return out


def flat_edge(attrs: dict) -> dict:
    out = {k: v for k, v in attrs.items() if v is not None and k != "figures"}
    out["figures"] = json.dumps(attrs.get("figures") or [], ensure_ascii=False, sort_keys=True)
    return out


def flat_network(dataset: Dataset) -> nx.MultiDiGraph:
    graph = build_network(dataset)
    flat = nx.MultiDiGraph(name="relgraph")
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **flat_node(attrs))
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=key, **flat_edge(attrs))
    return flat


def to_graphml(dataset: Dataset) -> bytes:
    return ("\n".join(nx.generate_graphml(flat_network(dataset), named_key_ids=True)) + "\n").encode("utf-8")


def to_gexf(dataset: Dataset) -> bytes:
    return ("\n".join(nx.generate_gexf(flat_network(dataset))) + "\n").encode("utf-8")


def to_node_link_json(dataset: Dataset) -> bytes:
    # Endpoints as "from"/"to": NetworkX's default "source" would clobber the edge's source article.
    data = nx.node_link_data(build_network(dataset), edges="edges", source="from", target="to")
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def _csv(rows, columns) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: "" if row.get(c) is None else row[c] for c in columns})
    return buffer.getvalue().encode("utf-8")


def to_csv_files(dataset: Dataset) -> dict[str, bytes]:
    """nodes.csv and edges.csv: the two files Kumu and Graph Commons import."""
    graph = build_network(dataset)
    nodes = [{"id": n, **flat_node(a)} for n, a in graph.nodes(data=True)]
    edges = [{"from": u, "to": v, **flat_edge(a)} for u, v, a in graph.edges(data=True)]
    for edge in edges:
        edge["symmetric"] = "true" if edge["symmetric"] else "false"
    return {"nodes.csv": _csv(nodes, NODE_COLUMNS), "edges.csv": _csv(edges, EDGE_COLUMNS)}
