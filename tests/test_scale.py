"""At 100,000 relations: the N-Triples export streams to a file and bulk-loads into pyoxigraph's
on-disk store (the file format Oxigraph server, QLever and Jena TDB2 load too)."""
from __future__ import annotations

import pyoxigraph

from relgraph.export.turtle import write_ntriples
from relgraph.model.records import Dataset, Entity, PartialDate, Predicate, Relation, Source


def synthetic(relations: int) -> Dataset:
    source = Source(id="s", title="Synthetic", date=PartialDate(2024), date_note="generated", genre="news",
                    file="s.txt", sha256="0" * 64, first_line=1, last_line=1, publisher="Bench")
    predicate = Predicate(id="meets", label="meets", inverse="meets", description="d", category="diplomacy",
                          polarity="cooperative", subject_types=("person",), object_types=("person",), symmetric=True)
    people = max(10, relations // 4)
    entities = {f"p{i}": Entity(id=f"p{i}", label=f"Person {i}", type="person", description="d") for i in range(people)}
    rels = tuple(Relation(id=f"r{i}", source="s", subject=f"p{i % people}", predicate="meets",
                          object=f"p{(i * 7 + 1) % people}", quote=f"Quote number {i} with “typographic” marks.",
                          date=PartialDate(2024, 1 + i % 12)) for i in range(relations))
    return Dataset(sources={"s": source}, entities=entities, predicates={"meets": predicate}, relations=rels)


def test_ntriples_at_100k_bulk_loads_into_an_on_disk_store(tmp_path):
    dataset = synthetic(100_000)
    path = tmp_path / "graph.nt"
    with open(path, "wb") as handle:
        write_ntriples(dataset, handle)
    store = pyoxigraph.Store(str(tmp_path / "store"))
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    with open(path, "rb") as handle:
        lines = sum(1 for _ in handle)
    assert len(store) == lines
    rows = list(store.query("SELECT (COUNT(?st) AS ?n) WHERE { ?st a <https://example.org/relgraph/ontology#Statement> }"))
    assert rows[0]["n"].value == "100000"
