"""Curation tests over the real data, one case per record (the bioregistry habit).

A failure names the record and says how to fix it.
"""
from __future__ import annotations

import functools
import hashlib
from collections import Counter

import pytest

from conftest import ROOT
from relgraph.model import schema
from relgraph.model.statuses import STATUSES
from relgraph.model.text import normalize_quote
from relgraph.check.runner import load_dataset
from relgraph.errors import DataError


@functools.cache
def real_data():
    """The real dataset, loaded when the tests are collected (never when this module is imported);
    data that does not load becomes one failing case per test that names the first problems."""
    try:
        return load_dataset(ROOT)
    except DataError as exc:
        return exc


def pytest_generate_tests(metafunc):
    data = real_data()
    for name, records, ident in (("relation", "relations", lambda r: f"{r.position}"), ("entity", "entities", lambda e: e.id),
                                 ("source", "sources", lambda s: s.id)):
        if name in metafunc.fixturenames:
            if isinstance(data, DataError):
                metafunc.parametrize(name, [data], ids=["data-does-not-load"])
            else:
                found = getattr(data, records)
                found = list(found.values()) if isinstance(found, dict) else list(found)
                metafunc.parametrize(name, found, ids=[ident(r) for r in found])


@pytest.fixture(scope="module")
def dataset():
    data = real_data()
    if isinstance(data, DataError):
        pytest.fail(f"the real data does not load: {data}; run 'relgraph check'")
    return data


def loaded(record):
    if isinstance(record, DataError):
        pytest.fail(f"the real data does not load: {record}; run 'relgraph check'")
    return record


def test_relation(relation, dataset):
    relation = loaded(relation)
    where = f"{relation.position} ({relation.subject} {relation.predicate} {relation.object})"
    source = dataset.sources[relation.source]
    text = normalize_quote(dataset.source_texts[source.id])
    assert normalize_quote(relation.quote) in text, f"{where}: quote not in {source.file}; copy it from the seed"
    assert relation.subject in dataset.entities and relation.object in dataset.entities, where
    predicate = dataset.predicates[relation.predicate]
    assert dataset.entities[relation.subject].type in predicate.subject_types, where
    assert dataset.entities[relation.object].type in predicate.object_types, where
    status = STATUSES[relation.status]
    if relation.date and not status.may_follow_publication:
        assert relation.date.earliest() <= source.date.latest(), f"{where}: dated after its source"
    assert relation.subject != relation.object, f"{where}: a relation needs two different actors"
    for field in ("reported_by", "denied_by"):
        given = getattr(relation, field) is not None
        assert given <= (field in status.allows), f"{where}: {field} does not go with status {status.id}"
        assert given >= (field == status.requires), f"{where}: status {status.id} needs {field}"
    assert relation.anchor is not None, f"{where}: no anchor"


def test_no_duplicate_relation(dataset):
    keys = Counter(r.id for r in dataset.relations)
    assert [k for k, n in keys.items() if n > 1] == []


def test_entity(entity, dataset):
    entity = loaded(entity)
    used = Counter(e for r in dataset.relations for e in {r.subject, r.object, r.reported_by, r.denied_by} if e)
    assert schema.ID_PATTERN.match(entity.id), f"{entity.position}: malformed id"
    assert used[entity.id] > 0, f"{entity.position}: '{entity.id}' takes part in no relation; add one or remove it"
    assert entity.description.strip().endswith((".", ")")), f"{entity.position}: a description is one sentence"
    if entity.wikidata:
        assert schema.QID_PATTERN.match(entity.wikidata)


def test_source(source, dataset):
    source = loaded(source)
    seed = ROOT / "seeds" / source.file
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == source.sha256, f"{seed} changed"
    assert any(r.source == source.id for r in dataset.relations), f"{source.id} contributes no relation"
    relation_file = ROOT / "graph" / "relations" / f"{source.id}.yaml"
    assert relation_file.exists(), f"relations of {source.id} belong in {relation_file.name}"


def test_sources_of_one_file_do_not_overlap(dataset):
    by_file: dict[str, list] = {}
    for source in dataset.sources.values():
        by_file.setdefault(source.file, []).append((source.first_line, source.last_line))
    for spans in by_file.values():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end < start
