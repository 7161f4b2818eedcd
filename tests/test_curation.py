"""Curation tests over the real data, one case per record (the bioregistry habit).

A failure names the record and says how to fix it.
"""
from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from conftest import ROOT
from relgraph.model import schema
from relgraph.model.statuses import STATUSES
from relgraph.model.text import normalize_quote
from relgraph.check.runner import load_dataset

DATASET = load_dataset(ROOT)
RELATIONS = DATASET.relations
USED = Counter()
for _r in RELATIONS:
    USED.update({_r.subject, _r.object} | ({_r.reported_by} if _r.reported_by else set()) | ({_r.denied_by} if _r.denied_by else set()))


@pytest.mark.parametrize("relation", RELATIONS, ids=[f"{r.position}" for r in RELATIONS])
def test_relation(relation):
    where = f"{relation.position} ({relation.subject} {relation.predicate} {relation.object})"
    source = DATASET.sources[relation.source]
    text = normalize_quote(DATASET.source_texts[source.id])
    assert normalize_quote(relation.quote) in text, f"{where}: quote not in {source.file}; copy it from the seed"
    assert relation.subject in DATASET.entities and relation.object in DATASET.entities, where
    predicate = DATASET.predicates[relation.predicate]
    assert DATASET.entities[relation.subject].type in predicate.subject_types, where
    assert DATASET.entities[relation.object].type in predicate.object_types, where
    status = STATUSES[relation.status]
    if relation.date and not status.may_follow_publication:
        assert relation.date.earliest() <= source.date.latest(), f"{where}: dated after its source"
    assert relation.subject != relation.object, f"{where}: a relation needs two different actors"
    for field in ("reported_by", "denied_by"):
        given = getattr(relation, field) is not None
        assert given <= (field in status.allows), f"{where}: {field} does not go with status {status.id}"
        assert given >= (field == status.requires), f"{where}: status {status.id} needs {field}"
    assert relation.anchor is not None, f"{where}: no anchor"


def test_no_duplicate_relation():
    keys = Counter(r.id for r in RELATIONS)
    assert [k for k, n in keys.items() if n > 1] == []


ENTITIES = list(DATASET.entities.values())


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.id for e in ENTITIES])
def test_entity(entity):
    assert schema.ID_PATTERN.match(entity.id), f"{entity.position}: malformed id"
    assert USED[entity.id] > 0, f"{entity.position}: '{entity.id}' takes part in no relation; add one or remove it"
    assert entity.description.strip().endswith((".", ")")), f"{entity.position}: a description is one sentence"
    if entity.wikidata:
        assert schema.QID_PATTERN.match(entity.wikidata)


SOURCES = list(DATASET.sources.values())


@pytest.mark.parametrize("source", SOURCES, ids=[s.id for s in SOURCES])
def test_source(source):
    seed = ROOT / "seeds" / source.file
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == source.sha256, f"{seed} changed"
    assert any(r.source == source.id for r in RELATIONS), f"{source.id} contributes no relation"
    relation_file = ROOT / "graph" / "relations" / f"{source.id}.yaml"
    assert relation_file.exists(), f"relations of {source.id} belong in {relation_file.name}"


def test_sources_of_one_file_do_not_overlap():
    by_file: dict[str, list] = {}
    for source in SOURCES:
        by_file.setdefault(source.file, []).append((source.first_line, source.last_line))
    for spans in by_file.values():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end < start
