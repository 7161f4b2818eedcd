"""Arbitrary Unicode in labels, aliases and quotes survives every export unchanged."""
from __future__ import annotations

import csv
import io

import networkx as nx
import pyoxigraph
from hypothesis import given, settings, strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from relgraph.export.tabular import to_csv_files, to_graphml
from relgraph.export.turtle import to_turtle
from relgraph.model.records import Dataset, Entity, PartialDate, Predicate, Relation, Source
from relgraph.build.namespaces import RG, Instances

# Everything a curator might paste, but no control characters (check refuses them, error E106).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
               min_size=1, max_size=40).filter(lambda t: t.strip())
NASTY = st.sampled_from(['<script>alert(1)</script>', '"quoted" \\ back\\slash', "line\nbreak", "\u202eRTL mark",
                         "emoji 🛰️", "“typographic” ‘quotes’ — dash", "</script>", "a'b\"c", '"""triple"""'])
STRINGS = st.one_of(TEXT, NASTY)
NS = Instances()
COUNTS = {"turtle": 0, "tabular": 0}


def dataset(label: str, alias: str, quote: str) -> Dataset:
    source = Source(id="s", title=label, date=PartialDate(2024), date_note=quote, genre="news", file="s.txt",
                    sha256="0" * 64, first_line=1, last_line=1, publisher=alias)
    predicate = Predicate(id="meets", label="meets", inverse="meets", description="d", category="diplomacy",
                          polarity="cooperative", subject_types=("person",), object_types=("person",), symmetric=True)
    entities = {"a": Entity(id="a", label=label, type="person", description=quote, aliases=(alias,)),
                "b": Entity(id="b", label="B", type="person", description="d")}
    relation = Relation(id="r1", source="s", subject="a", predicate="meets", object="b", quote=quote, note=label)
    return Dataset(sources={"s": source}, entities=entities, predicates={"meets": predicate}, relations=(relation,),
                   source_texts={"s": quote})


@settings(max_examples=150, deadline=None, derandomize=True)
@given(label=STRINGS, alias=STRINGS, quote=STRINGS)
def turtle_round_trip(label, alias, quote):
    COUNTS["turtle"] += 1
    data = to_turtle(dataset(label, alias, quote))
    graph = Graph().parse(data=data, format="turtle")
    assert (NS.ent["a"], RDFS.label, Literal(label, lang="en")) in graph  # labels are English text (@en)
    assert (NS.ent["a"], SKOS.altLabel, Literal(alias, lang="en")) in graph
    assert (None, RG.quote, Literal(quote)) in graph  # the reference IRI is minted by build/rdf.py
    quads = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(graph)
    values = {q.object.value for q in quads if q.predicate.value in (str(RDFS.label), str(RG.quote), str(SKOS.altLabel))}
    assert {label, alias, quote} <= values


@settings(max_examples=150, deadline=None, derandomize=True)
@given(label=STRINGS, alias=STRINGS, quote=STRINGS)
def tabular_round_trip(label, alias, quote):
    COUNTS["tabular"] += 1
    data = dataset(label, alias, quote)
    files = to_csv_files(data)
    nodes = {row["id"]: row for row in csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8"), newline=""))}
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode("utf-8"), newline="")))
    assert nodes["a"]["label"] == label and nodes["a"]["aliases"] == alias
    assert edges[0]["quote"] == quote
    graph = nx.parse_graphml(to_graphml(data).decode("utf-8"), force_multigraph=True)
    assert graph.nodes["a"]["label"] == label
    assert next(iter(graph.edges(data=True)))[2]["quote"] == quote


def test_text_reads_back_identically_from_turtle_csv_and_graphml(reliability):
    turtle_round_trip()
    tabular_round_trip()
    reliability.record("Escaping", "arbitrary Unicode, quotes, backslashes, newlines, <script>, RTL marks, emoji, typographic "
                       "quotes in labels, aliases and quotes: Turtle read back by rdflib and pyoxigraph", COUNTS["turtle"],
                       "identical text in both engines")
    reliability.record("Escaping", "the same strings through CSV and GraphML", COUNTS["tabular"], "read back identically")
