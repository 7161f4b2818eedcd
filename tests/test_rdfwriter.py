"""relgraph writes Turtle and N-Triples itself (rdfwriter); the bytes must be exactly what
pyoxigraph's serializer writes for the same triples."""
from __future__ import annotations

import io

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINI, ROOT
from relgraph.errors import OutputError
from relgraph.export import rdfwriter
from relgraph.export.turtle import pyoxigraph_serialization, to_ntriples, to_turtle, write_ntriples
from relgraph.build.rdf import XSD, Lit, iri_prefixes
from relgraph.check.runner import load_dataset


@pytest.mark.parametrize("root", [ROOT, MINI], ids=["real graph", "mini fixture"])
@pytest.mark.parametrize("base", [None, "https://news.example/kg", "urn:x:"])
def test_exports_are_byte_identical_to_pyoxigraphs_serializer(root, base):
    dataset = load_dataset(root)
    assert to_turtle(dataset, base) == pyoxigraph_serialization(dataset, base, turtle=True)
    assert to_ntriples(dataset, base) == pyoxigraph_serialization(dataset, base, turtle=False)
    streamed = io.BytesIO()
    write_ntriples(dataset, streamed, base)
    assert streamed.getvalue() == to_ntriples(dataset, base)


def reference(triples, prefixes, turtle=True):
    def term(value):
        if isinstance(value, Lit):
            if value.language:
                return pyoxigraph.Literal(value.value, language=value.language)
            return pyoxigraph.Literal(value.value, datatype=pyoxigraph.NamedNode(value.datatype)) if value.datatype \
                else pyoxigraph.Literal(value.value)
        return pyoxigraph.NamedNode(value)

    objects = [pyoxigraph.Triple(term(s), term(p), term(o)) for s, p, o in triples]
    if not turtle:
        return pyoxigraph.serialize(objects, format=pyoxigraph.RdfFormat.N_TRIPLES)
    body = pyoxigraph.serialize(objects, format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes).split(b"\n")
    while body and body[0].startswith(b"@prefix "):
        body.pop(0)
    header = "".join(f"@prefix {p}: <{b}> .\n" for p, b in prefixes.items()).encode()
    return header + b"\n".join(body)


PREFIXES = iri_prefixes()
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
LOCALS = st.sampled_from(["a", "a-b", "a.b", "a.", "-a", "1a", "_a", "a_b", "a%20", "a:b", "", "é", "a~b", "a/b",
                          "a#b", "Q42", "r0a1b2c3d4e5f", "A.B.c", "a..b"])
NAMESPACES = st.sampled_from([*PREFIXES.values(), "http://other.example/", "urn:x:", "https://example.org/relgraph/"])
IRIS = st.builds(lambda ns, local: ns + local, NAMESPACES, LOCALS)
DATATYPES = st.sampled_from([XSD + t for t in ("integer", "decimal", "boolean", "date", "gYear", "gYearMonth",
                                                "double", "string", "float")] + ["http://other.example/dt"])
LEXICAL = st.one_of(TEXT, st.sampled_from(["1", "-1", "+1", "01", "1.5", "1e+20", "1.0", ".5", "5.", "true",
                                           "false", "2024", "2024-06", "2024-06-01", "1.5E3", "NaN", "INF"]))
LANGUAGES = st.sampled_from(["en", "en-GB", "zh-Hans", "ru", "de-CH-1996"])
OBJECTS = st.one_of(IRIS, st.builds(Lit, TEXT, st.none(), st.none()), st.builds(Lit, LEXICAL, DATATYPES, st.none()),
                    st.builds(Lit, TEXT, st.none(), LANGUAGES))
TRIPLES = st.lists(st.tuples(IRIS, IRIS, OBJECTS), max_size=8)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(TRIPLES)
def test_any_terms_are_written_as_pyoxigraph_writes_them(triples):
    # Runs of the same subject and predicate exercise the ";" and "," grouping.
    triples = triples + [(s, p, o) for s, p, o in triples[:2]] + [(triples[0][0], triples[0][1], Lit("x"))] \
        if triples else triples
    try:
        expected = reference(triples, PREFIXES)
    except ValueError:
        return  # not valid RDF terms (a bad literal for its datatype): relgraph never makes these
    assert rdfwriter.turtle(triples, PREFIXES) == expected
    assert "".join(rdfwriter.ntriples_lines(triples)).encode() == reference(triples, PREFIXES, turtle=False)


def test_a_base_that_makes_no_valid_iri_is_a_clear_error():
    dataset = load_dataset(MINI)
    with pytest.raises(OutputError, match="base IRI 'not an iri' does not make valid IRIs"):
        to_turtle(dataset, "not an iri")
    with pytest.raises(OutputError):
        to_ntriples(dataset, "http://a b/")


def test_the_cli_reports_a_bad_base_in_one_line(mini):
    from conftest import run

    result = run(mini, "build", "--base", "http://a b/")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "error: base IRI 'http://a b/' does not make valid IRIs ('http://a b/entity/': Invalid IRI code point ' ')")
    assert not (mini / "output" / "graph.ttl").exists() or b"a b" not in (mini / "output" / "graph.ttl").read_bytes()


@pytest.mark.parametrize("root", [ROOT, MINI], ids=["real graph", "mini fixture"])
def test_the_two_halves_written_by_a_forked_worker_join_byte_for_byte(root, monkeypatch):
    from relgraph import parallel
    from relgraph.export import turtle

    dataset = load_dataset(root)
    expected = (to_turtle(dataset), to_ntriples(dataset))
    forks = []
    real_fork = parallel.fork
    monkeypatch.setattr(parallel, "fork", lambda work: forks.append(real_fork(work)) or forks[-1])
    monkeypatch.setattr(turtle, "PARALLEL_RELATIONS", 2)
    assert (to_turtle(dataset), to_ntriples(dataset)) == expected
    assert len(forks) == 2 and all(forks)  # both really forked
    assert expected[0] == pyoxigraph_serialization(dataset, None, turtle=True)


def test_a_failing_export_worker_leaves_its_half_to_the_main_process(monkeypatch):
    from relgraph import parallel
    from relgraph.export import turtle

    dataset = load_dataset(ROOT)
    expected = to_turtle(dataset)
    monkeypatch.setattr(turtle, "PARALLEL_RELATIONS", 2)
    real_fork = parallel.fork

    def failing(work):
        def broken() -> bytes:
            raise RuntimeError("worker dies")
        return real_fork(broken)

    monkeypatch.setattr(parallel, "fork", failing)
    assert to_turtle(dataset) == expected
