"""The relation record, declared once: every field a relation carries outside relgraph.

NetworkX edge attributes, path and show JSON, the HTML page's data, CSV columns, GraphML/GEXF
attributes and node-link JSON are all made by `relation_record()` from this list, so a field
added here appears everywhere at once, and none can be forgotten in one surface (a test sets
every optional field and looks for it in each representation).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from relgraph.model.records import Dataset, Relation, claim_id
from relgraph.model.statuses import STATUSES


@dataclass(frozen=True)
class RecordField:
    name: str
    description: str
    value: Callable[[Dataset, Relation], Any]  # a plain JSON value (None when absent)
    endpoint: bool = False  # the edge's ends: NetworkX holds them as the edge's nodes, not attributes


def _date(value):
    return str(value) if value else None


def _anchor(_, r: Relation):
    a = r.anchor
    return None if a is None else {"start": a.start, "end": a.end, "line": a.line, "paragraph": a.paragraph}


RELATION_RECORD: tuple[RecordField, ...] = (
    RecordField("id", "Stable relation id (`r` + 12 hex digits); the RDF statement and reference IRIs end with it.",
                lambda d, r: r.id),
    RecordField("from", "Subject entity id: who acts.", lambda d, r: r.subject, endpoint=True),
    RecordField("to", "Object entity id: to whom or what.", lambda d, r: r.object, endpoint=True),
    RecordField("predicate", "Predicate id.", lambda d, r: r.predicate),
    RecordField("label", "The predicate's label, reading subject → object.", lambda d, r: d.predicates[r.predicate].label),
    RecordField("inverse", "The predicate's label, reading object → subject.", lambda d, r: d.predicates[r.predicate].inverse),
    RecordField("category", "The predicate's category.", lambda d, r: d.predicates[r.predicate].category),
    RecordField("polarity", "The predicate's polarity.", lambda d, r: d.predicates[r.predicate].polarity),
    RecordField("symmetric", "Whether `A p B` also means `B p A`.", lambda d, r: d.predicates[r.predicate].symmetric),
    RecordField("status", "The relation's status (see statuses).", lambda d, r: r.status),
    RecordField("is_fact", "Whether the status is a fact: stated by the source in its own voice.",
                lambda d, r: STATUSES[r.status].is_fact),
    RecordField("date", "When it happened or starts, at the text's precision.", lambda d, r: _date(r.date)),
    RecordField("end_date", "When it ends.", lambda d, r: _date(r.end_date)),
    RecordField("reported_by", "Entity id of who claims, judges, announces or expects it.", lambda d, r: r.reported_by),
    RecordField("denied_by", "Entity id of who denies it.", lambda d, r: r.denied_by),
    RecordField("claim", "Id of the claim this relation states (`c` + 12 hex digits): the same for every source "
                "stating the same subject, predicate and object; `relgraph claims` lists those whose status differs.",
                lambda d, r: claim_id(d, r)),
    # Not "source": NetworkX and pandas call an edge's first end that (nx.to_pandas_edgelist).
    RecordField("source_id", "Id of the source article quoted.", lambda d, r: r.source),
    RecordField("source_title", "The source article's title.", lambda d, r: d.sources[r.source].title),
    RecordField("publisher", "The source's publisher, when the text names one.", lambda d, r: d.sources[r.source].publisher),
    RecordField("source_date", "The source's publication date.", lambda d, r: str(d.sources[r.source].date)),
    RecordField("quote", "The words of the source that state the relation.", lambda d, r: r.quote),
    RecordField("anchor", "Where the quote sits in the seed file: character offsets `start`–`end`, `line`, `paragraph`.",
                _anchor),
    RecordField("occurrence", "Which occurrence of a repeated quote is meant, when the curator said so.",
                lambda d, r: r.occurrence),
    RecordField("figures", "Numbers the quote gives: a list of {value, unit, measure}.",
                lambda d, r: [{"value": f.value, "unit": f.unit, "measure": f.measure} for f in r.figures]),
    RecordField("note", "The curator's note on how the relation was read.", lambda d, r: r.note),
    RecordField("accept", "Reading-lint warnings the curator checked and keeps, each `CODE: reason`.",
                lambda d, r: list(r.accept)),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in RELATION_RECORD)
ATTRIBUTE_NAMES: tuple[str, ...] = tuple(f.name for f in RELATION_RECORD if not f.endpoint)


def relation_record(dataset: Dataset, relation: Relation) -> dict:
    """The relation as plain values, every field of RELATION_RECORD in order."""
    return {f.name: f.value(dataset, relation) for f in RELATION_RECORD}


def edge_attributes(dataset: Dataset, relation: Relation) -> dict:
    """The record without its ends: a NetworkX edge's attributes."""
    return {f.name: f.value(dataset, relation) for f in RELATION_RECORD if not f.endpoint}
