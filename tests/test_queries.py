"""Every query in queries/ runs as written (its own PREFIX lines, nothing pre-bound) in three
engines relgraph does not control: pyoxigraph, a fresh rdflib Graph, and Comunica (TypeScript,
from npm; scripts/install-comunica.sh, run by `make test`). Each returns the rows of `relgraph
query`, kept as golden CSV files."""
from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from conftest import ROOT, run
from golden_files import assert_golden
from relgraph.ask.sparql import open_store, read_prefixes, run_query
from relgraph.check.runner import load_dataset

TTL = ROOT / "output" / "graph.ttl"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
COMUNICA = ROOT / ".venv" / "comunica" / "node_modules"
DOC_QUERY = re.compile(r"```sparql\n(.*?)```", re.S)


def doc_queries() -> list[str]:
    return DOC_QUERY.findall((ROOT / "docs" / "rdf.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engines():
    store = pyoxigraph.Store()
    store.bulk_load(path=str(TTL), format=pyoxigraph.RdfFormat.TURTLE)
    return store, Graph().parse(TTL, format="turtle")


def oxigraph_rows(store, text: str) -> list[tuple[str, ...]]:
    result = store.query(text)  # no prefixes given: the query declares its own
    return [tuple("" if solution[v] is None else solution[v].value for v in result.variables) for solution in result]


def rdflib_rows(graph: Graph, text: str) -> list[tuple[str, ...]]:
    return [tuple("" if value is None else str(value) for value in row) for row in graph.query(text)]


def relgraph_rows(path: Path) -> tuple[list[str], list[tuple[str, ...]], str]:
    answer = run_query(open_store(TTL), path.read_text(encoding="utf-8"), read_prefixes(TTL), str(path))
    # The golden files keep the CSV rows with LF line ends, to read; the CRLF bytes are tested apart.
    csv_text = answer.render("csv").replace("\r\n", "\n")
    return answer.variables, [tuple(answer.plain(t) for t in row) for row in answer.rows], csv_text


@pytest.fixture(scope="module")
def comunica():
    """Every shipped query and docs example run in one Comunica process (node starts once)."""
    if not (COMUNICA / "@comunica" / "query-sparql-file").is_dir():
        pytest.fail("Comunica is not installed: run scripts/install-comunica.sh (make test does)")
    docs = []
    for number, text in enumerate(doc_queries()):
        docs.append(ROOT / ".venv" / f"docs-query-{number}.rq")
        docs[-1].write_text(text, encoding="utf-8")
    files = [str(p) for p in [*QUERIES, *docs]]
    done = subprocess.run(["node", str(ROOT / "tests" / "comunica_rows.mjs"), str(TTL), *files], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, COMUNICA_MODULES=str(COMUNICA)))
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    rows = {}
    for file, data in results.items():
        names = data["head"]["vars"]
        rows[file] = [tuple(b.get(v, {}).get("value", "") for v in names) for b in data["results"]["bindings"]]
    return rows, docs


def test_there_are_at_least_ten_queries_each_with_a_catalogue_header():
    assert len(QUERIES) >= 10
    for path in QUERIES:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# title: ") and len(lines[0]) > len("# title: "), f"{path.name}: title line"
        assert lines[1].startswith("# description: ") and len(lines[1]) > 20, f"{path.name}: description line"


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_query_as_shipped_returns_relgraphs_rows_in_three_engines(engines, comunica, path: Path):
    store, graph = engines
    text = path.read_text(encoding="utf-8")
    variables, expected, csv_text = relgraph_rows(path)
    assert expected, f"{path.name} returns no row"
    assert_golden(f"queries/{path.stem}.csv", csv_text)
    assert oxigraph_rows(store, text) == expected  # ORDER BY makes the order part of the answer
    assert sorted(rdflib_rows(graph, text)) == sorted(expected)
    assert sorted(comunica[0][str(path)]) == sorted(expected)


def test_docs_examples_run_as_written_in_three_engines(engines, comunica):
    store, graph = engines
    texts = doc_queries()
    assert len(texts) >= 4
    for text, file in zip(texts, comunica[1]):
        assert text.lstrip().startswith(("PREFIX", "#")), f"docs query without PREFIX lines:\n{text}"
        rows = oxigraph_rows(store, text)
        assert rows, f"docs query returns no row:\n{text}"
        assert sorted(rdflib_rows(graph, text)) == sorted(rows)
        assert sorted(comunica[0][str(file)]) == sorted(rows)


def test_a_query_without_its_prefixes_fails_in_a_plain_engine(engines):
    """The reason queries carry PREFIX lines: outside `relgraph query`, rg: means nothing."""
    store, _ = engines
    with pytest.raises(SyntaxError, match="Prefix not found"):
        store.query("SELECT ?s WHERE { ?s rg:status rg:asserted }")


def test_date_range_filters_count_every_precision(engines):
    """`FILTER(?d >= "2023-01-01"^^xsd:date)` on rg:earliest finds every statement dated 2023 or later,
    whether dated by day, month or year; the count is computed from the dataset independently."""
    store, graph = engines
    dataset = load_dataset(ROOT)
    since = datetime.date(2023, 1, 1)
    expected = sum(1 for r in dataset.relations if r.date and r.date.earliest() >= since)
    query = ('PREFIX rg: <https://example.org/relgraph/ontology#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> '
             'SELECT (COUNT(?st) AS ?n) WHERE { ?st a rg:Statement ; rg:earliest ?d FILTER(?d >= "2023-01-01"^^xsd:date) }')
    assert oxigraph_rows(store, query) == [(str(expected),)]
    assert rdflib_rows(graph, query) == [(str(expected),)]
    assert {r.date.precision for r in dataset.relations if r.date and r.date.earliest() >= since} == {
        "day", "month", "year"}
    # The same question on rg:date as written drops the months and years (type errors in the filter).
    as_written = query.replace("rg:earliest", "rg:date")
    assert int(oxigraph_rows(store, as_written)[0][0]) < expected
    published = ('PREFIX rg: <https://example.org/relgraph/ontology#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> '
                 'PREFIX schema: <https://schema.org/> SELECT (COUNT(?a) AS ?n) WHERE { ?a schema:datePublished ?p ; '
                 'rg:earliest ?d FILTER(?d >= "2023-01-01"^^xsd:date) }')
    assert oxigraph_rows(store, published) == [(str(sum(1 for s in dataset.sources.values()
                                                        if s.date.earliest() >= since)),)]


def test_the_golden_date_range_query_spans_three_precisions():
    variables, rows, _ = relgraph_rows(ROOT / "queries" / "dated-2023.rq")
    dataset = load_dataset(ROOT)
    expected = sum(1 for r in dataset.relations if r.date and r.date.earliest() >= datetime.date(2023, 1, 1)
                   and (r.end_date or r.date).latest() <= datetime.date(2023, 12, 31))
    assert len(rows) == expected
    assert {row[variables.index("precision")] for row in rows} == {"date", "gYearMonth", "gYear"}


def test_query_command_formats():
    table = run(ROOT, "query", "-e", "SELECT ?p WHERE { ent:zhang-hanhui ?p ent:russia } ORDER BY ?p")
    assert table.exit_code == 0
    assert table.stdout == "p\n-----------------\nrel:ambassador-to\n(1 row)\n"
    csv_out = run(ROOT, "query", "--format", "csv", "-e", "SELECT ?p WHERE { ent:zhang-hanhui ?p ent:russia }")
    assert csv_out.stdout_bytes == b"p\r\nhttps://example.org/relgraph/relation/ambassador-to\r\n"
    tsv_out = run(ROOT, "query", "--format", "tsv", "-e", "SELECT ?p WHERE { ent:zhang-hanhui ?p ent:russia }")
    assert tsv_out.stdout == "?p\n<https://example.org/relgraph/relation/ambassador-to>\n"
    json_out = run(ROOT, "query", "--format", "json", "-e", "ASK { ent:xi-jinping rel:president-of ent:china }")
    assert json_out.stdout == '{"head":{},"boolean":true}\n'


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
