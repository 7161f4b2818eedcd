"""The RDF export: two engines read it identically, truthy triples only for asserted relations,
byte-identical across runs and hash seeds, and the mini fixture matches its golden Turtle."""
from __future__ import annotations

import dataclasses
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
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
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
    assert names == ["dcat:", "dcterms:", "ent:", "oa:", "owl:", "prov:", "rdf:", "rdfs:", "ref:", "rel:", "rg:",
                     "schema:", "skos:", "src:", "st:", "voc:", "void:", "wd:", "wdt:", "xsd:"]


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


def compare_with_golden(name: str, actual_text: str, rdflib_format: str) -> Graph:
    golden = ROOT / "tests" / "golden" / name
    if os.environ.get("RELGRAPH_UPDATE_GOLDEN") == "1":
        golden.write_text(actual_text, encoding="utf-8")
    expected = Graph().parse(golden, format=rdflib_format)
    actual = Graph().parse(data=actual_text, format=rdflib_format)
    if not isomorphic(expected, actual):
        diff = "\n".join(difflib.unified_diff(
            sorted(to_isomorphic(expected).serialize(format="nt").splitlines()),
            sorted(to_isomorphic(actual).serialize(format="nt").splitlines()), "golden", "actual", lineterm=""))
        raise AssertionError(f"{name} differs (RELGRAPH_UPDATE_GOLDEN=1 to accept):\n{diff}")
    return expected


def test_mini_fixture_matches_golden_turtle():
    from relgraph.export.turtle import to_turtle

    compare_with_golden("mini.ttl", to_turtle(load_dataset(MINI)).decode("utf-8"), "turtle")


def test_mini_fixture_matches_golden_jsonld_with_the_quotes_context():
    from relgraph.export.turtle import to_jsonld

    golden = compare_with_golden("mini.jsonld", to_jsonld(load_dataset(MINI)).decode("utf-8"), "json-ld")
    oa = "http://www.w3.org/ns/oa#"
    selectors = sorted(golden.subjects(RDF_TYPE, URIRef(oa + "TextQuoteSelector")))
    assert len(selectors) == len(load_dataset(MINI).relations)
    found = sorted((str(golden.value(s, URIRef(oa + "prefix"), default="")), str(golden.value(s, URIRef(oa + "exact"))),
                    str(golden.value(s, URIRef(oa + "suffix"), default=""))) for s in selectors)
    # the first prefix is cut at the article's first line, the last quote ends the article: no suffix;
    # all three are the seed's own characters: the curated quote has straight quotes
    assert found == sorted([
        ("Leaders Meet in Beijing\n\n", "Russian President Vladimir Putin visited Beijing on May 16",
         ", where he met Chinese President"),
        ("utin visited Beijing on May 16, ", "where he met Chinese President Xi Jinping",
         ".\n\nThe two leaders signed a “joi"),
        (" Chinese President Xi Jinping.\n\n", "The two leaders signed a “joint statement” on cooperation.",
         "\n\nXi has yet to visit Kyiv."),
        ("int statement” on cooperation.\n\n", "Xi has yet to visit Kyiv.", ""),
    ])


def test_dates_are_typed_by_precision(graphs):
    by_rdflib, _ = graphs
    datatypes = {o.datatype.split("#")[1] for s, p, o in by_rdflib if p == RG.date}
    assert datatypes == {"date", "gYearMonth", "gYear"}


RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = URIRef("http://www.w3.org/2000/01/rdf-schema#comment")


def test_every_rg_term_used_is_declared_with_an_english_label_and_comment(graphs):
    by_rdflib, _ = graphs
    rg = str(RG._NS)
    used = {t for triple in by_rdflib for t in triple if isinstance(t, URIRef) and str(t).startswith(rg)}
    assert len(used) > 50
    for term in sorted(used):
        labels = list(by_rdflib.objects(term, RDFS_LABEL))
        comments = list(by_rdflib.objects(term, RDFS_COMMENT))
        assert [label.language for label in labels] == ["en"], f"{term}: one rdfs:label@en"
        assert [comment.language for comment in comments] == ["en"], f"{term}: one rdfs:comment@en"
        assert list(by_rdflib.objects(term, RDF_TYPE)), f"{term}: declared with a type"
    # and every term the Python namespace offers is declared in the export
    assert {URIRef(rg + name) for name in vars(RG)["__annotations__"]} <= used


def test_the_vocabulary_is_an_owl_ontology_with_a_version(graphs):
    by_rdflib, _ = graphs
    ontology = URIRef("https://example.org/relgraph/ontology")
    assert (ontology, RDF_TYPE, URIRef("http://www.w3.org/2002/07/owl#Ontology")) in by_rdflib
    from relgraph.build.vocabulary import VERSION
    assert str(by_rdflib.value(ontology, URIRef("http://www.w3.org/2002/07/owl#versionInfo"))) == VERSION
    works_at = by_rdflib.value(NS.rel["works-at"], URIRef("http://www.w3.org/2004/02/skos/core#closeMatch"))
    assert works_at is not None


def test_base_moves_every_minted_namespace_including_rg():
    from relgraph.build.rdf import iri_prefixes

    dataset = load_dataset(MINI)
    graph = build_rdf(dataset, "https://news.example/kg/")
    minted = {str(t) for triple in graph for t in triple if isinstance(t, URIRef) and "example.org" in str(t)}
    assert minted == set()
    assert iri_prefixes("https://news.example/kg/")["rg"] == "https://news.example/kg/ontology#"


def test_statement_iri_survives_correcting_a_date_a_quote_and_a_status():
    import dataclasses

    from relgraph.build.rdf import statement_names
    from relgraph.model.records import PartialDate

    dataset = load_dataset(ROOT)
    names = statement_names(dataset.relations)
    assert len(set(names)) == len(names) == len(dataset.relations)
    dated = next(i for i, r in enumerate(dataset.relations) if r.date)
    relations = list(dataset.relations)
    corrected = dataclasses.replace(relations[dated], date=PartialDate(1999, 1, 2), quote="other words",
                                    status="reported" if relations[dated].status != "reported" else "asserted")
    relations[dated] = corrected
    assert statement_names(relations) == names
    # the graph says so too: the same statement IRI, the new date
    before = build_rdf(dataset)
    after = build_rdf(dataclasses.replace(dataset, relations=tuple(relations)))
    node = NS.st[names[dated]]
    assert before.value(node, RG.relationId) == Literal(dataset.relations[dated].id)
    assert after.value(node, RG.earliest) == Literal("1999-01-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))


def test_quote_anchor_as_a_web_annotation(graphs):
    by_rdflib, _ = graphs
    rows = list(by_rdflib.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rg: <https://example.org/relgraph/ontology#>
        SELECT ?start ?end ?s2 ?e2 WHERE {
          ?ref a oa:Annotation ; oa:hasBody ?st ; oa:hasTarget/oa:hasSelector ?sel ; rg:startOffset ?s2 ; rg:endOffset ?e2 .
          ?sel a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
        }"""))
    dataset = load_dataset(ROOT)
    assert len(rows) == sum(1 for r in dataset.relations if r.anchor is not None) > 0
    assert all(int(a) == int(c) and int(b) == int(d) for a, b, c, d in rows)


def test_void_description_counts_the_triples(graphs):
    by_rdflib, _ = graphs
    void = "http://rdfs.org/ns/void#"
    dataset_node = URIRef("https://example.org/relgraph/dataset")
    assert int(by_rdflib.value(dataset_node, URIRef(void + "triples"))) == len(by_rdflib)
    assert int(by_rdflib.value(dataset_node, URIRef(void + "entities"))) == len(load_dataset(ROOT).entities)


def seed_context(root, seed_file: str, first_line: int, last_line: int, start: int, end: int):
    """The text at [start, end) and around it, read from the seed file itself: up to 32 characters
    each side, within the article's lines (an independent reading of what QuoteContext should give)."""
    text = (root / seed_file).read_bytes().decode("utf-8")
    lines = text.split("\n")
    article_start = sum(len(line) + 1 for line in lines[: first_line - 1])
    article_end = article_start + len("\n".join(lines[first_line - 1: last_line]))
    return text[max(article_start, start - 32):start], text[start:end], text[end:min(article_end, end + 32)]


def test_quote_selectors_carry_the_text_around_the_quote_from_the_seed_file(graphs):
    by_rdflib, _ = graphs
    rows = list(by_rdflib.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX rg: <https://example.org/relgraph/ontology#>
        SELECT ?file ?first ?last ?start ?end ?exact ?prefix ?suffix WHERE {
          ?ref rg:source ?src ; oa:hasTarget/oa:hasSelector ?position , ?quote .
          ?src rg:seedFile ?file ; rg:firstLine ?first ; rg:lastLine ?last .
          ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
          OPTIONAL { ?quote oa:prefix ?prefix } OPTIONAL { ?quote oa:suffix ?suffix }
        }"""))
    dataset = load_dataset(ROOT)
    assert len(rows) == sum(1 for r in dataset.relations if r.anchor is not None) > 0
    for file, first, last, start, end, exact, prefix, suffix in rows:
        before, at, after = seed_context(ROOT, str(file), int(first), int(last), int(start), int(end))
        assert (str(prefix) if prefix is not None else "", str(exact), str(suffix) if suffix is not None else "") == \
            (before, at, after)


def test_quote_context_is_cut_at_the_articles_bounds():
    from relgraph.build.rdf import QuoteContext
    from relgraph.model.records import Anchor, Relation

    text = "Alpha met Beta. Then Gamma left."  # the article: its seed file has 100 characters before it
    dataset = dataclasses.replace(load_dataset(MINI), source_texts={"s": text}, source_text_offsets={"s": 100})

    def around(start: int, end: int):
        relation = Relation("r1", "s", "a", "meets", "b", text[start:end], anchor=Anchor(100 + start, 100 + end, 1, 1))
        return QuoteContext(dataset, length=8)(relation)
    assert around(0, 15) == ("", "Alpha met Beta.", " Then Ga")
    assert around(16, 32) == ("t Beta. ", "Then Gamma left.", "")
    assert around(6, 9) == ("Alpha ", "met", " Beta. T")
    assert QuoteContext(dataset)(Relation("r2", "s", "a", "meets", "b", "x", anchor=Anchor(50, 51, 1, 1))) is None
    assert QuoteContext(dataset)(Relation("r3", "other", "a", "meets", "b", "x", anchor=Anchor(100, 101, 1, 1))) is None
    assert QuoteContext(dataset)(Relation("r4", "s", "a", "meets", "b", "x")) is None
