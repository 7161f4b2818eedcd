"""GEXF 1.3 for Gephi, written so that a default Gephi import keeps every relation.

Gephi merges edges that join the same two nodes with the same kind, so each edge carries a `kind`
(tabular.gephi_kinds: the predicate's label, numbered where one label joins the same two nodes
more than once) and its `label`. No `lastmodifieddate`, no NetworkX bookkeeping attributes: the
same data gives the same bytes. Attribute ids are the field names; types are GEXF's own
(boolean, integer, string); lists and mappings are JSON text.
"""
from __future__ import annotations

from relgraph.export.rows import NODE_FIELDS, gephi_kinds, node_rows, relation_rows, scalar
from relgraph.export.xmltext import attribute, typed, value_kind
from relgraph.model.fields import ATTRIBUTE_NAMES
from relgraph.model.records import Dataset

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
          'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
          '  <meta>\n'
          '    <creator>relgraph</creator>\n'
          '    <description>Relations quoted from their sources; every edge carries its quote.</description>\n'
          '  </meta>')
NODE_DATA = tuple(f for f in NODE_FIELDS if f not in ("id", "label"))  # id and label are the node's own
EDGE_DATA = tuple(f for f in ATTRIBUTE_NAMES if f not in ("id", "label"))  # the edge's own, as for nodes
GEXF_TYPES = {"boolean": "boolean", "int": "integer", "string": "string"}


def _attributes(cls: str, names, rows) -> list[str]:
    declared = [f'      <attribute id={attribute(n)} title={attribute(n)} '
                f'type="{GEXF_TYPES[value_kind(scalar(r.get(n)) for r in rows)]}"/>' for n in names]
    return [f'    <attributes class="{cls}" mode="static">', *declared, "    </attributes>"]


def _attvalues(names, row: dict, indent: str) -> list[str]:
    values = [f"{indent}  <attvalue for={attribute(n)} value={attribute(typed(scalar(row[n])))}/>"
              for n in names if row.get(n) is not None]
    return [f"{indent}<attvalues>", *values, f"{indent}</attvalues>"] if values else []


def _edge(edge: dict, kind: str) -> list[str]:
    opening = (f'      <edge id={attribute(edge["id"])} source={attribute(edge["from"])} '
               f'target={attribute(edge["to"])} label={attribute(edge["label"])} kind={attribute(kind)}>')
    return [opening, *_attvalues(EDGE_DATA, edge, "        "), "      </edge>"]


def to_gexf(dataset: Dataset, include="facts") -> bytes:
    nodes = [{**n, "aliases": "; ".join(n["aliases"])} for n in node_rows(dataset)]
    edges = relation_rows(dataset, include)
    kinds = gephi_kinds(edges)
    lines = [HEADER, '  <graph defaultedgetype="directed" mode="static">',
             *_attributes("node", NODE_DATA, nodes), *_attributes("edge", EDGE_DATA, relation_rows(dataset, "all")),
             "    <nodes>"]
    for node in nodes:
        lines += [f'      <node id={attribute(node["id"])} label={attribute(node["label"])}>',
                  *_attvalues(NODE_DATA, node, "        "), "      </node>"]
    lines += ["    </nodes>", "    <edges>"]
    for edge in edges:
        lines += _edge(edge, kinds[edge["id"]])
    lines += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(lines).encode("utf-8")
