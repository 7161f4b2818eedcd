"""GraphML for Gephi, yEd, igraph and graph-tool, valid against the GraphML schema.

Written here rather than by NetworkX, whose writer declares one key id for a node and an edge
attribute of the same name (the schema's key constraint rejects that), writes Python's True/False,
puts the graph's data after its edges and sorts nothing it was not given sorted.

Key ids name their domain (`node.label`, `edge.label`); types are the schema's own (boolean, int,
string); every relation is its own edge, with the relation id as the edge's id (not repeated as
data: igraph would read two `id` attributes); lists and mappings are JSON text.
"""
from __future__ import annotations

from relgraph.export.rows import NODE_FIELDS, node_rows, relation_rows, scalar
from relgraph.export.xmltext import attribute, text, typed, value_kind
from relgraph.model.fields import ATTRIBUTE_NAMES
from relgraph.model.records import Dataset

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
          'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
          'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
NODE_DATA = tuple(f for f in NODE_FIELDS if f != "id")  # the node's id is the node element's id
EDGE_DATA = tuple(f for f in ATTRIBUTE_NAMES if f != "id")


def _flat_node(row: dict) -> dict:
    return {**row, "aliases": "; ".join(row["aliases"])}


def _keys(domain: str, names, rows) -> list[str]:
    return [f'  <key id={attribute(f"{domain}.{n}")} for="{domain}" attr.name={attribute(n)} '
            f'attr.type="{value_kind(scalar(r.get(n)) for r in rows)}"/>' for n in names]


def _data(domain: str, names, row: dict, indent: str) -> list[str]:
    return [f'{indent}<data key={attribute(f"{domain}.{n}")}>{text(typed(scalar(row[n])))}</data>'
            for n in names if row.get(n) is not None]


def to_graphml(dataset: Dataset, include="facts") -> bytes:
    nodes = [_flat_node(n) for n in node_rows(dataset)]
    edges = relation_rows(dataset, include)
    every_relation = relation_rows(dataset, "all")  # types from every relation: the same whatever is included
    lines = [HEADER,
             '  <key id="graph.name" for="graph" attr.name="name" attr.type="string"/>',
             *_keys("node", NODE_DATA, nodes), *_keys("edge", EDGE_DATA, every_relation),
             '  <graph id="relgraph" edgedefault="directed">',
             '    <data key="graph.name">relgraph</data>']
    for node in nodes:
        lines += [f'    <node id={attribute(node["id"])}>', *_data("node", NODE_DATA, node, "      "), "    </node>"]
    for edge in edges:
        lines += [f'    <edge id={attribute(edge["id"])} source={attribute(edge["from"])} target={attribute(edge["to"])}>',
                  *_data("edge", EDGE_DATA, edge, "      "), "    </edge>"]
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines).encode("utf-8")
