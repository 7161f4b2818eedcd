"""Spreadsheets laid out the way Gephi, Kumu and Graph Commons import them (one folder each).

- Gephi (File > Import spreadsheet, or Data Laboratory > Import): it takes a table with a
  `Source` or `Target` column as an edge table and one with `Id`/`Label` as a node table, matching
  column names without regard to case; an edge's `Type` is its direction, its `Kind` what tells
  parallel edges apart (tabular.gephi_kinds), `Label` and `Id` its own. Every other column becomes
  an attribute, so no column may be called `source` or `target` but the ends.
- Kumu (Import > spreadsheet): an `Elements` table (Label, Type, Description) and a
  `Connections` table (From, To, Type, Direction, Label, Description, Tags) whose From/To name
  elements by Label; multiple values in one cell are separated by `|`.
- Graph Commons (Import > spreadsheet): `Nodes` (Type, Name, Description) and `Edges` (From Type,
  From Name, Edge, To Type, To Name), each end named by its node type and name.

Every relation row carries the quote, the source's title and date, and the relation's status.
"""
from __future__ import annotations

from relgraph.export.rows import csv_bytes, gephi_kinds, node_rows, relation_rows
from relgraph.model.fields import FIELD_NAMES
from relgraph.model.records import Dataset

# The record's own columns after the ones each tool reads by name; its ends are the tool's columns.
EVIDENCE = ("status", "is_fact", "date", "end_date", "source_title", "source_date", "publisher", "source_id",
            "quote", "reported_by", "denied_by", "claim", "predicate", "category", "polarity", "note")
GEPHI_EDGE_EXTRA = tuple(f for f in FIELD_NAMES if f not in ("id", "from", "to", "label"))


def to_gephi_csv(dataset: Dataset, include="facts") -> dict[str, bytes]:
    rows = relation_rows(dataset, include)
    kinds = gephi_kinds(rows)
    nodes = [[n["id"], n["label"], n["type"], "; ".join(n["aliases"]), n["description"], n["wikidata"]]
             for n in node_rows(dataset)]
    edges = [[r["from"], r["to"], "Undirected" if r["symmetric"] else "Directed", kinds[r["id"]], r["label"], r["id"],
              *(r[f] for f in GEPHI_EDGE_EXTRA)] for r in rows]
    return {"nodes.csv": csv_bytes(("Id", "Label", "type", "aliases", "description", "wikidata"), nodes),
            "edges.csv": csv_bytes(("Source", "Target", "Type", "Kind", "Label", "Id", *GEPHI_EDGE_EXTRA), edges)}


def _evidence_text(row: dict) -> str:
    """A connection's description: the quote and where it comes from, as Kumu's profile shows it."""
    return f"“{row['quote']}” ({row['source_title']}, {row['source_date']})"


# Kumu's guides (docs.kumu.io, "Structure your data for Kumu" and "How do I avoid duplicating data?"):
# Label first on elements, From and To first on connections; an elements sheet with an `ID` column
# makes Kumu match From/To against IDs instead of Labels, so the entity's key is called `Key` (From/To
# stay Labels); a connections sheet's `ID` is what lets a re-import update a connection instead of
# adding a duplicate, so the relation id is the connection's `ID`.
KUMU_ELEMENT_COLUMNS = ("Label", "Type", "Description", "Aliases", "Wikidata", "Key")
KUMU_CONNECTION_COLUMNS = ("From", "To", "Type", "Direction", "Label", "Description", "Tags", "ID", *EVIDENCE)


def kumu_tables(dataset: Dataset, include="facts") -> dict[str, tuple[tuple[str, ...], list[list]]]:
    """Kumu's two tables, {name: (columns, rows)}: the CSV folder and the XLSX workbook hold the same cells."""
    labels = {n["id"]: n["label"] for n in node_rows(dataset)}
    elements = [[n["label"], n["type"], n["description"], "|".join(n["aliases"]), n["wikidata"], n["id"]]
                for n in node_rows(dataset)]
    connections = [[labels[r["from"]], labels[r["to"]], r["label"], "undirected" if r["symmetric"] else "directed",
                    r["label"], _evidence_text(r), "|".join((r["category"], r["status"], r["polarity"])), r["id"],
                    *(r[f] for f in EVIDENCE)] for r in relation_rows(dataset, include)]
    return {"Elements": (KUMU_ELEMENT_COLUMNS, elements), "Connections": (KUMU_CONNECTION_COLUMNS, connections)}


def to_kumu_csv(dataset: Dataset, include="facts") -> dict[str, bytes]:
    return {f"{name.lower()}.csv": csv_bytes(columns, rows)
            for name, (columns, rows) in kumu_tables(dataset, include).items()}


def to_graphcommons_csv(dataset: Dataset, include="facts") -> dict[str, bytes]:
    entities = {n["id"]: n for n in node_rows(dataset)}
    nodes = [[n["type"], n["label"], n["description"], "; ".join(n["aliases"]), n["wikidata"], n["id"]]
             for n in entities.values()]
    edges = [[entities[r["from"]]["type"], entities[r["from"]]["label"], r["label"],
              entities[r["to"]]["type"], entities[r["to"]]["label"], r["id"], *(r[f] for f in EVIDENCE)]
             for r in relation_rows(dataset, include)]
    return {"nodes.csv": csv_bytes(("Type", "Name", "Description", "Aliases", "Wikidata", "ID"), nodes),
            "edges.csv": csv_bytes(("From Type", "From Name", "Edge", "To Type", "To Name", "Relation ID", *EVIDENCE),
                                   edges)}
