"""The RDF export: two engines read it identically, truthy triples only for asserted relations,
byte-identical across runs and hash seeds, and the mini fixture matches its golden Turtle."""
from __future__ import annotations

import difflib
import os
import subprocess
import sys

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from conftest import MINI, ROOT, run
from relgraph.build.namespaces import RG, Instances
from relgraph.build.rdf import build_rdf
from relgraph.check.runner import load_dataset

TTL = ROOT / "output" / "graph.ttl"
NS = Instances()


def oxigraph_as_rdflib(path) -> Graph:
    graph = Graph()
    for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
        graph.add(tuple(_term(t) for t in (quad.subject, quad.predicate, quad.object)))
    return graph


def _term(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)  # RDF 1.1: a plain literal is an xsd:string
    return Literal(term.value, datatype=URIRef(term.datatype.value))


@pytest.fixture(scope="module")
def graphs():
    by_rdflib = Graph().parse(TTL, format="turtle")
    return by_rdflib, oxigraph_as_rdflib(TTL)


def test_two_engines_read_the_same_graph(graphs):
    by_rdflib, by_oxigraph = graphs
    assert len(by_rdflib) == len(by_oxigraph)
    assert isomorphic(by_rdflib, by_oxigraph)


def test_no_blank_nodes(graphs):
    by_rdflib, _ = graphs
    assert not any(isinstance(t, BNode) for triple in by_rdflib for t in triple)


def test_truthy_triples_are_exactly_the_asserted_relations(graphs):
    by_rdflib, _ = graphs
    dataset = load_dataset(ROOT)
    expected = {(NS.ent[r.subject], NS.rel[r.predicate], NS.ent[r.object]) for r in dataset.relations if r.status == "asserted"}
    actual = {(s, p, o) for s, p, o in by_rdflib if str(p).startswith(str(NS.rel)) and str(s).startswith(str(NS.ent))}
    assert actual == expected


def test_negated_relation_has_statement_but_no_truthy_triple(graphs):
    by_rdflib, _ = graphs
    xi, zelensky, call = NS.ent["xi-jinping"], NS.ent["volodymyr-zelensky"], NS.rel["holds-call-with"]
    assert (xi, call, zelensky) not in by_rdflib
    rows = list(by_rdflib.query(
        "SELECT ?status ?quote WHERE { ?st rg:subject ent:xi-jinping ; rg:predicate rel:holds-call-with ;"
        " rg:object ent:volodymyr-zelensky ; rg:status ?status ; prov:wasDerivedFrom/rg:quote ?quote }",
        initNs={"rg": RG._NS, "ent": NS.ent, "rel": NS.rel, "prov": "http://www.w3.org/ns/prov#"}))
    assert [(str(s), str(q)) for s, q in rows] == [
        (str(RG.negated), "In that period, Xi has yet to speak with Ukrainian President Volodymyr Zelensky")]


def test_prefixes_are_readable():
    head = [line for line in TTL.read_text(encoding="utf-8").splitlines() if line.startswith("@prefix")]
    names = [line.split()[1] for line in head]
    assert names == ["ent:", "owl:", "prov:", "rdf:", "rdfs:", "ref:", "rel:", "rg:", "schema:", "skos:",
                     "src:", "st:", "voc:", "wd:", "xsd:"] or all(not n.startswith(("ns", "schema1")) for n in names)


def test_turtle_is_byte_identical_across_hash_seeds(tmp_path, reliability):
    outputs = []
    for seed in ("0", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        code = ("import sys; from relgraph.export.turtle import to_turtle; from relgraph.check.runner import load_dataset;"
                f"sys.stdout.buffer.write(to_turtle(load_dataset({str(ROOT)!r})))")
        outputs.append(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True).stdout)
    assert outputs[0] == outputs[1] == TTL.read_bytes()
    reliability.record("Reproducibility", "Turtle rendered under PYTHONHASHSEED 0 and 12345, against the committed file", 3,
                       "byte-identical")


def test_base_iri_is_configurable():
    dataset = load_dataset(MINI)
    graph = build_rdf(dataset, "https://news.example/kg/")
    assert (URIRef("https://news.example/kg/entity/vladimir-putin"), URIRef("https://news.example/kg/relation/visits"),
            URIRef("https://news.example/kg/entity/beijing")) in graph


def test_mini_fixture_matches_golden_turtle():
    from relgraph.export.turtle import to_turtle

    actual_text = to_turtle(load_dataset(MINI)).decode("utf-8")
    golden = ROOT / "tests" / "golden" / "mini.ttl"
    if os.environ.get("RELGRAPH_UPDATE_GOLDEN") == "1":
        golden.write_text(actual_text, encoding="utf-8")
    expected, actual = Graph().parse(golden), Graph().parse(data=actual_text, format="turtle")
    if not isomorphic(expected, actual):
        diff = "\n".join(difflib.unified_diff(
            sorted(to_isomorphic(expected).serialize(format="nt").splitlines()),
            sorted(to_isomorphic(actual).serialize(format="nt").splitlines()), "golden", "actual", lineterm=""))
        raise AssertionError(f"mini.ttl differs (RELGRAPH_UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_dates_are_typed_by_precision(graphs):
    by_rdflib, _ = graphs
    datatypes = {o.datatype.split("#")[1] for s, p, o in by_rdflib if p == RG.date}
    assert datatypes == {"date", "gYearMonth", "gYear"}
