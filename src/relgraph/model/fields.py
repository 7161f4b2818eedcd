"""The relation record, declared once: every field a relation carries outside relgraph.

NetworkX edge attributes, path and show JSON, the HTML page's data, CSV columns, GraphML/GEXF
attributes and node-link JSON are all made by `relation_record()` from this list, so a field
added here appears everywhere at once, and none can be forgotten in one surface (a test sets
every optional field and looks for it in each representation).
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Callable

from relgraph.model.records import Dataset, Relation, claim_id
from relgraph.model.statuses import STATUSES


@dataclass(frozen=True)
class RecordField:
    name: str
    description: str
    value: Callable[[Dataset, Relation], Any]  # a plain JSON value (None when absent)
    endpoint: bool = False  # the edge's ends: NetworkX holds them as the edge's nodes, not attributes
    # What the value depends on, for record_maker(): "relation" (anything of it), "attribute" (the
    # Relation attribute of the same name, as it is), "predicate" or "source" (only those records).
    depends_on: str = "relation"


def _date(value):
    return str(value) if value else None


def _anchor(_, r: Relation):
    a = r.anchor
    return None if a is None else {"start": a.start, "end": a.end, "line": a.line, "paragraph": a.paragraph}


RELATION_RECORD: tuple[RecordField, ...] = (
    RecordField("id", "Stable relation id (`r` + 12 hex digits); the RDF statement and reference IRIs end with it.",
                lambda d, r: r.id, depends_on="attribute"),
    RecordField("from", "Subject entity id: who acts.", lambda d, r: r.subject, endpoint=True),
    RecordField("to", "Object entity id: to whom or what.", lambda d, r: r.object, endpoint=True),
    RecordField("predicate", "Predicate id.", lambda d, r: r.predicate, depends_on="attribute"),
    RecordField("label", "The predicate's label, reading subject → object.",
                lambda d, r: d.predicates[r.predicate].label, depends_on="predicate"),
    RecordField("inverse", "The predicate's label, reading object → subject.",
                lambda d, r: d.predicates[r.predicate].inverse, depends_on="predicate"),
    RecordField("category", "The predicate's category.",
                lambda d, r: d.predicates[r.predicate].category, depends_on="predicate"),
    RecordField("polarity", "The predicate's polarity.",
                lambda d, r: d.predicates[r.predicate].polarity, depends_on="predicate"),
    RecordField("symmetric", "Whether `A p B` also means `B p A`.",
                lambda d, r: d.predicates[r.predicate].symmetric, depends_on="predicate"),
    RecordField("status", "The relation's status (see statuses).", lambda d, r: r.status, depends_on="attribute"),
    RecordField("is_fact", "Whether the status is a fact: stated by the source in its own voice.",
                lambda d, r: STATUSES[r.status].is_fact),
    RecordField("date", "When it happened or starts, at the text's precision.", lambda d, r: _date(r.date)),
    RecordField("end_date", "When it ends.", lambda d, r: _date(r.end_date)),
    RecordField("reported_by", "Entity id of who claims, judges, announces or expects it.",
                lambda d, r: r.reported_by, depends_on="attribute"),
    RecordField("denied_by", "Entity id of who denies it.", lambda d, r: r.denied_by, depends_on="attribute"),
    RecordField("claim", "Id of the claim this relation states (`c` + 12 hex digits): the same for every source "
                "stating the same subject, predicate and object; `relgraph claims` lists those whose status differs.",
                lambda d, r: claim_id(d, r)),
    # Not "source": NetworkX and pandas call an edge's first end that (nx.to_pandas_edgelist).
    RecordField("source_id", "Id of the source article quoted.", lambda d, r: r.source),
    RecordField("source_title", "The source article's title.",
                lambda d, r: d.sources[r.source].title, depends_on="source"),
    RecordField("publisher", "The source's publisher, when the text names one.",
                lambda d, r: d.sources[r.source].publisher, depends_on="source"),
    RecordField("source_date", "The source's publication date.",
                lambda d, r: str(d.sources[r.source].date), depends_on="source"),
    RecordField("quote", "The words of the source that state the relation.",
                lambda d, r: r.quote, depends_on="attribute"),
    RecordField("anchor", "Where the quote sits in the seed file: character offsets `start`–`end`, `line`, `paragraph`.",
                _anchor),
    RecordField("occurrence", "Which occurrence of a repeated quote is meant, when the curator said so.",
                lambda d, r: r.occurrence, depends_on="attribute"),
    RecordField("figures", "Numbers the quote gives: a list of {value, unit, measure}.",
                lambda d, r: [{"value": f.value, "unit": f.unit, "measure": f.measure} for f in r.figures]),
    RecordField("note", "The curator's note on how the relation was read.",
                lambda d, r: r.note, depends_on="attribute"),
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


def record_maker(dataset: Dataset, endpoints: bool = True) -> Callable[[Relation], dict]:
    """relation_record (or, without endpoints, edge_attributes) for many relations of one dataset.

    The same dicts, made faster: the fields of a predicate and of a source are computed once
    each, the plain attributes taken in one attrgetter call, all put into a copy of a dict that
    already has every key in order and the predicate's fields filled (update() keeps a key where
    it is). tests/test_fast_paths.py compares the two on every field."""
    chosen = [f for f in RELATION_RECORD if endpoints or not f.endpoint]
    in_order = dict.fromkeys(f.name for f in chosen)
    plain = [f.name for f in chosen if f.depends_on == "attribute"]
    take = attrgetter(*plain)
    computed = [(f.name, f.value) for f in chosen if f.depends_on == "relation"]
    of_predicate = [f for f in chosen if f.depends_on == "predicate"]
    of_source = [f for f in chosen if f.depends_on == "source"]
    started: dict[str, dict] = {}  # predicate id → in_order with that predicate's fields filled
    sources: dict[str, dict] = {}  # source id → its fields' values

    def make(relation: Relation) -> dict:
        start = started.get(relation.predicate)
        if start is None:
            start = started[relation.predicate] = {**in_order, **{f.name: f.value(dataset, relation) for f in of_predicate}}
        source = sources.get(relation.source)
        if source is None:
            source = sources[relation.source] = {f.name: f.value(dataset, relation) for f in of_source}
        record = start.copy()
        record.update(source)
        record.update(zip(plain, take(relation)))
        for name, value in computed:
            record[name] = value(dataset, relation)
        return record

    return make
