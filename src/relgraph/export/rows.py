"""What every graph-tool export shares: the rows it starts from and how a value becomes a cell.

Every format (tabular.py, graphml.py, gexf.py, tools.py) starts from the same rows: the entities
in the dataset's order and the relation record (fields.py) of each selected relation in the
dataset's order. Like `relgraph.load()`, they hold by default only the relations whose status is a
fact; `include="all"` (the CLI's `--statuses all`) brings in the others, each with its status.

Formats that take only scalars get lists and mappings (figures, anchor, accept) as JSON text;
missing values are left out (XML) or empty cells (CSV), never the text 'None'.
"""
from __future__ import annotations

import csv
import io
import json

from relgraph.model.fields import record_maker
from relgraph.model.records import Dataset
from relgraph.model.statuses import select

NODE_FIELDS = ("id", "label", "type", "aliases", "description", "wikidata")


def node_rows(dataset: Dataset) -> list[dict]:
    return [{"id": e.id, "label": e.label, "type": e.type, "aliases": list(e.aliases),
             "description": e.description, "wikidata": e.wikidata} for e in dataset.entities.values()]


def relation_rows(dataset: Dataset, include="facts") -> list[dict]:
    """The relation record of every relation whose status is included, in the dataset's order."""
    wanted = select(include)
    record = record_maker(dataset)
    return [record(r) for r in dataset.relations if r.status in wanted]


def scalar(value):
    """A value a scalar-only format can hold: lists and mappings as JSON text, None stays None."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def cell(value) -> str:
    """A CSV cell: booleans as true/false (what Gephi and Kumu detect as booleans), None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(scalar(value))


def gephi_kinds(rows: list[dict]) -> dict[str, str]:
    """Relation id -> an edge kind unique among the relations joining the same two nodes.

    Gephi keeps one edge per two nodes and kind and merges the rest (its graph store), so the kind
    is the predicate's label, numbered from the second relation with the same label between the
    same two nodes on (either direction, so a symmetric relation cannot collide either).
    """
    seen: dict[tuple, int] = {}
    kinds = {}
    for row in rows:
        group = (frozenset((row["from"], row["to"])), row["label"])
        seen[group] = seen.get(group, 0) + 1
        kinds[row["id"]] = row["label"] if seen[group] == 1 else f"{row['label']} ({seen[group]})"
    return kinds


def csv_bytes(header: tuple[str, ...] | list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[cell(v) for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


