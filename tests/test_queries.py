"""Every query in queries/ returns its expected rows, on pyoxigraph (relgraph's engine) and on rdflib."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ROOT, run
from golden_files import assert_golden
from relgraph.ask.sparql import open_store, read_prefixes, run_query

TTL = ROOT / "output" / "graph.ttl"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def engines():
    prefixes = read_prefixes(TTL)
    return open_store(TTL), Graph().parse(TTL, format="turtle"), prefixes


def rdflib_rows(graph: Graph, text: str, prefixes: dict) -> list[tuple[str, ...]]:
    result = graph.query(text, initNs=prefixes)
    return [tuple("" if value is None else str(value) for value in row) for row in result]


def test_there_are_at_least_ten_queries_each_saying_its_question():
    assert len(QUERIES) >= 10
    for path in QUERIES:
        assert path.read_text(encoding="utf-8").startswith("# "), f"{path.name}: first line states the question"


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_query_rows_on_both_engines(engines, path: Path):
    store, graph, prefixes = engines
    text = path.read_text(encoding="utf-8")
    answer = run_query(store, text, prefixes, str(path))
    oxigraph_rows = [tuple(answer.plain(t) for t in row) for row in answer.rows]
    assert oxigraph_rows, f"{path.name} returns no row"
    assert sorted(rdflib_rows(graph, text, prefixes)) == sorted(oxigraph_rows)
    assert_golden(f"queries/{path.stem}.csv", answer.delimited(","))


def test_query_command_formats():
    table = run(ROOT, "query", "-e", "SELECT ?p WHERE { ent:zhang-hanhui ?p ent:russia } ORDER BY ?p")
    assert table.exit_code == 0
    assert table.stdout == "p\n-----------------\nrel:ambassador-to\n(1 row)\n"
    csv_out = run(ROOT, "query", "--format", "csv", "-e", "SELECT ?p WHERE { ent:zhang-hanhui ?p ent:russia }")
    assert csv_out.stdout == "p\nhttps://example.org/relgraph/relation/ambassador-to\n"
    json_out = run(ROOT, "query", "--format", "json", "-e", "ASK { ent:xi-jinping rel:president-of ent:china }")
    assert json_out.stdout == '{"head": {}, "boolean": true}\n'


def test_query_syntax_error_is_located(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# a broken query\nSELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    result = run(ROOT, "query", str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"{bad}:3:1: error: expected OPTIONAL\n"


def test_query_needs_exactly_one_query():
    assert run(ROOT, "query").exit_code == 2
    assert run(ROOT, "query", "x.rq", "-e", "ASK {}").exit_code == 2


def test_query_without_build_says_what_to_do(mini):
    result = run(mini, "query", "-e", "ASK {}")
    assert result.exit_code == 1
    assert result.stderr.endswith("output/graph.ttl does not exist; run 'relgraph build' first\n")
