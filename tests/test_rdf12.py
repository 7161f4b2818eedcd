"""The RDF 1.2 export (`--format ttl12`): pyoxigraph reads it, every fact's statement reifies the
fact's triple once, a SPARQL 1.2 query goes from a fact to its quotes, and the bytes are
pyoxigraph's own serialization, the same in every run. rdflib 7 cannot read it (docs/rdf.md)."""
from __future__ import annotations

import os
import subprocess
import sys

import pyoxigraph
import pytest

from conftest import CLAIMS, ROOT, run
from relgraph.build.rdf import RDF, iri_prefixes
from relgraph.check.runner import load_dataset
from relgraph.export.turtle import pyoxigraph_serialization, to_turtle, to_turtle12

REIFIES = pyoxigraph.NamedNode(RDF + "reifies")
PREFIXES = iri_prefixes(None)


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


@pytest.fixture(scope="module")
def parsed(dataset):
    return list(pyoxigraph.parse(to_turtle12(dataset), format=pyoxigraph.RdfFormat.TURTLE))


def ent(name: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(PREFIXES["ent"] + name)


def rel(name: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(PREFIXES["rel"] + name)


def test_every_facts_statement_reifies_its_triple_once(dataset, parsed):
    reifying = [t for t in parsed if t.predicate == REIFIES]
    facts = [r for r in dataset.relations if r.is_fact]
    assert len(reifying) == len(facts) == 233  # statements of facts; 197 distinct facts
    assert len({t.subject for t in reifying}) == len(facts)  # one reifier a statement
    terms = {t.object for t in reifying}
    assert terms == {pyoxigraph.Triple(ent(r.subject), rel(r.predicate), ent(r.object)) for r in facts}
    assert len(terms) == 197
    asserted = {quad.triple for quad in parsed}
    assert all(term in asserted for term in terms)  # each reified triple is also asserted (a fact)


def test_it_is_ttl_and_the_reifiers(dataset, parsed):
    plain = set(pyoxigraph.parse(to_turtle(dataset), format=pyoxigraph.RdfFormat.TURTLE))
    rest = {t for t in parsed if t.predicate != REIFIES}
    void_triples = pyoxigraph.NamedNode("http://rdfs.org/ns/void#triples")
    # the same triples but the count of them, which the reifiers raise
    assert {t for t in rest if t.predicate != void_triples} == {t for t in plain if t.predicate != void_triples}
    (count,) = [t.object.value for t in parsed if t.predicate == void_triples]
    assert int(count) == len(parsed) == len(plain) + 233


def test_a_sparql_12_query_goes_from_a_fact_to_its_quotes(dataset, parsed):
    store = pyoxigraph.Store()
    store.extend(parsed)
    query = """
        PREFIX ent: <https://example.org/relgraph/entity/>
        PREFIX rel: <https://example.org/relgraph/relation/>
        PREFIX rg: <https://example.org/relgraph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?quote WHERE {
          ent:china rel:party-to ent:no-limits-partnership ~ ?statement .
          ?statement prov:wasDerivedFrom/rg:quote ?quote .
        } ORDER BY ?quote"""
    assert [row["quote"].value for row in store.query(query)] == [
        'China and Russia have doubled down on their “no-limits partnership”',
        'China\'s "no limits" partnership with Russia has come under scrutiny in the West',
        'and declare a partnership." without limits” between the two neighbors',
    ]
    every = """
        PREFIX rg: <https://example.org/relgraph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s ?p ?o ?id WHERE { ?s ?p ?o ~ ?statement . ?statement rg:relationId ?id }"""
    rows = {(r["s"].value, r["p"].value, r["o"].value, r["id"].value) for r in store.query(every)}
    assert rows == {(PREFIXES["ent"] + r.subject, PREFIXES["rel"] + r.predicate, PREFIXES["ent"] + r.object, r.id)
                    for r in dataset.relations if r.is_fact}
    # the docs' SPARQL 1.2 example (docs/rdf.md, a sparql12 block) is this query, as written
    import re
    (documented,) = re.findall(r"```sparql12\n(.*?)```", (ROOT / "docs" / "rdf.md").read_text(encoding="utf-8"), re.S)
    assert [row["quote"].value for row in store.query(documented)] == [row["quote"].value for row in store.query(query)]
    # a negated relation's triple is neither asserted nor reified
    negated = """
        PREFIX ent: <https://example.org/relgraph/entity/>
        PREFIX rel: <https://example.org/relgraph/relation/>
        ASK { ?st rdf:reifies <<( ent:xi-jinping rel:holds-call-with ent:volodymyr-zelensky )>> }"""
    assert not bool(store.query(negated, prefixes={"rdf": RDF}))


@pytest.mark.parametrize("root", [ROOT, CLAIMS], ids=["real graph", "claims fixture"])
def test_the_bytes_are_pyoxigraphs_own_serialization(root):
    dataset = load_dataset(root)
    assert to_turtle12(dataset) == pyoxigraph_serialization(dataset, None, turtle=True, reify=True)


def test_byte_identical_across_runs_and_hash_seeds(tmp_path, dataset):
    outputs = []
    for seed in ("0", "4242"):
        target = tmp_path / f"graph-{seed}.ttl"
        code = ("import sys; from relgraph.cli import run; sys.argv = ['relgraph', 'export', '--format', 'ttl12', "
                f"'-o', {str(target)!r}]; run()")
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=dict(os.environ, PYTHONHASHSEED=seed), check=True)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == to_turtle12(dataset)


def test_the_cli_writes_it_with_a_base(tmp_path):
    target = tmp_path / "graph.ttl"
    result = run(CLAIMS, "export", "--format", "ttl12", "--base", "https://news.example/kg/", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "@prefix ent: <https://news.example/kg/entity/> ." in text and "rdf:reifies <<( ent:" in text


def test_rdflib_7_cannot_read_it(dataset):
    """What docs/rdf.md says: rdflib (7.x) has no RDF 1.2 triple terms. When this fails, rdflib
    reads them: update docs/rdf.md's minimum versions."""
    import rdflib

    assert rdflib.__version__.startswith("7.")
    with pytest.raises(Exception, match="Bad syntax"):
        rdflib.Graph().parse(data=to_turtle12(dataset), format="turtle")
