"""`relgraph query --format csv|tsv|json` writes the W3C SPARQL 1.1 Query Results formats exactly:
byte for byte what pyoxigraph's own serializers write for every shipped query and for generated
terms of every kind, and row for row what Comunica (TypeScript, npm) writes for the same queries.
Then the bounds of issue 18: a timeout, Ctrl-C, a row cap, streamed rows, located errors."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run
from relgraph.ask.results import CsvResults, JsonResults, TsvResults
from relgraph.ask.sparql import Bounds, answer_into, open_store, read_prefixes

TTL = ROOT / "output" / "graph.ttl"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
COMUNICA = ROOT / ".venv" / "comunica" / "node_modules"
FORMATS = {"csv": pyoxigraph.QueryResultsFormat.CSV, "tsv": pyoxigraph.QueryResultsFormat.TSV,
           "json": pyoxigraph.QueryResultsFormat.JSON}
WRITERS = {"csv": CsvResults, "tsv": TsvResults, "json": JsonResults}
# A cross join the engine cannot finish in seconds (about 10^16 rows at the real graph's size).
ENDLESS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store():
    return open_store(TTL)


def ours(store, text: str, name: str, bounds=Bounds(None, None)) -> bytes:
    out = io.BytesIO()
    answer_into(out, store, text, read_prefixes(TTL), "q", WRITERS[name](), bounds)
    return out.getvalue()


def engines(store, text: str, name: str) -> bytes:
    data = store.query(text, prefixes=read_prefixes(TTL)).serialize(format=FORMATS[name])
    return data + b"\n" if name == "json" else data  # ours ends the JSON document with a newline


@pytest.mark.parametrize("name", ["csv", "tsv", "json"])
def test_every_shipped_query_is_written_as_pyoxigraph_writes_it(store, name):
    for path in QUERIES:
        text = path.read_text(encoding="utf-8")
        assert ours(store, text, name) == engines(store, text, name), f"{path.name} as {name}"


XSD = "http://www.w3.org/2001/XMLSchema#"
lexical = st.text(alphabet=st.sampled_from(list("0123456789+-.eE ")), max_size=8)
literals = st.one_of(
    st.builds(pyoxigraph.Literal, st.text(max_size=12)),
    st.builds(lambda v, lang: pyoxigraph.Literal(v, language=lang), st.text(max_size=8),
              st.sampled_from(["en", "zh-hans", "ru"])),
    st.builds(lambda v, dt: pyoxigraph.Literal(v, datatype=pyoxigraph.NamedNode(XSD + dt)),
              st.one_of(lexical, st.sampled_from(["true", "false", "1", "0"])),
              st.sampled_from(["integer", "decimal", "double", "boolean", "gYear", "date", "float"])),
)
terms = st.one_of(literals, st.builds(lambda s: pyoxigraph.NamedNode("https://example.org/" + s),
                                      st.text(alphabet="abc/-_.~09", max_size=6)),
                  st.builds(pyoxigraph.BlankNode, st.text(alphabet="abcxyz019", min_size=1, max_size=5)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), terms), min_size=2, max_size=2), min_size=1, max_size=4))
def test_generated_terms_are_written_as_pyoxigraph_writes_them(rows):
    """Every kind of term (plain, language-tagged and typed literals with valid and invalid lexical
    forms, quotes, commas, tabs, line ends, control characters; IRIs; blank nodes; unbound), stored
    as the objects of one row resource each, so the engine hands back exactly these terms."""
    store = pyoxigraph.Store()
    for index, row in enumerate(rows):
        subject = pyoxigraph.NamedNode(f"urn:row:{index:03d}")
        store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode("urn:row"), pyoxigraph.Literal(str(index))))
        for name, term in zip("ab", row):
            if term is not None:
                store.add(pyoxigraph.Quad(subject, pyoxigraph.NamedNode("urn:" + name), term))
    text = "SELECT ?a ?b WHERE { ?r <urn:row> ?i OPTIONAL { ?r <urn:a> ?a } OPTIONAL { ?r <urn:b> ?b } } ORDER BY ?r"
    for name in WRITERS:
        out = io.BytesIO()
        answer_into(out, store, text, {}, "q", WRITERS[name](), Bounds(None, None))
        expected = store.query(text).serialize(format=FORMATS[name])
        assert out.getvalue() == (expected + b"\n" if name == "json" else expected), name


def comunica(media: str) -> dict[str, str]:
    if not (COMUNICA / "@comunica" / "query-sparql-file").is_dir():
        pytest.fail("Comunica is not installed: run scripts/install-comunica.sh (make test does)")
    done = subprocess.run(["node", str(ROOT / "tests" / "comunica_rows.mjs"), str(TTL), *map(str, QUERIES)],
                          capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, COMUNICA_MODULES=str(COMUNICA), RESULTS_MEDIA=media))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_csv_rows_match_comunicas_csv(store):
    """Comunica's CSV writer gives the same header and the same rows (as sets: queries without ORDER BY
    may come in another order), with CRLF line ends on both sides."""
    theirs = comunica("text/csv")
    for path in QUERIES:
        mine = ours(store, path.read_text(encoding="utf-8"), "csv").decode("utf-8")
        their = theirs[str(path)]
        assert mine.endswith("\r\n") and their.endswith("\r\n")
        mine_rows = list(csv.reader(io.StringIO(mine, newline="")))
        their_rows = list(csv.reader(io.StringIO(their, newline="")))
        assert mine_rows[0] == their_rows[0], path.name
        assert sorted(mine_rows[1:]) == sorted(their_rows[1:]), path.name


def test_tsv_terms_match_comunicas_tsv(store):
    """Comunica may write typed numbers in full ("1"^^xsd:integer) where pyoxigraph and relgraph abbreviate
    them (the format allows both), so the TSV of each is read back by pyoxigraph's TSV parser and the
    terms compared, row for row. Comunica (4.x) names its columns without the `?` that the W3C format
    requires ("question mark followed by the variable name"): that one difference is asserted and
    mended before its rows are read."""
    theirs = comunica("text/tab-separated-values")

    def parsed(data: bytes):
        result = pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.TSV)
        names = result.variables
        return [v.value for v in names], sorted(tuple(str(s[v]) if s[v] is not None else "" for v in names)
                                                for s in result)

    for path in QUERIES:
        mine = ours(store, path.read_text(encoding="utf-8"), "tsv")
        header, body = theirs[str(path)].split("\n", 1)
        assert "\t".join("?" + name for name in header.split("\t")) == mine.decode("utf-8").split("\n", 1)[0]
        their = "\t".join("?" + name for name in header.split("\t")) + "\n" + body
        assert parsed(mine) == parsed(their.encode("utf-8")), path.name


def cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "relgraph.cli", "-C", str(ROOT), "query", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_timeout_stops_a_query_that_never_yields_a_row():
    started = time.monotonic()
    process = cli("--timeout", "1", "-e", ENDLESS_COUNT)
    out, err = process.communicate(timeout=60)
    assert time.monotonic() - started < 15
    assert process.returncode == 1 and out == b""
    assert err.decode() == ("<expression>: error: the query ran longer than 1 s and was stopped "
                            "(--timeout sets the limit; 0 for none)\n")


def test_ctrl_c_stops_a_query_at_once():
    process = cli("--timeout", "0", "-e", ENDLESS_COUNT)
    try:
        time.sleep(3)  # well inside the engine's one long step
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
        sent = time.monotonic()
        out, err = process.communicate(timeout=10)
        assert time.monotonic() - sent < 2
    finally:
        process.kill()
    assert (process.returncode, err.decode()) == (130, "error: interrupted\n")


def test_rows_are_streamed_before_the_answer_is_complete():
    """A cross join of about 200 million rows: its first rows reach the reader within seconds, while
    the query still runs (a collected answer would print nothing until the timeout)."""
    process = cli("--format", "csv", "--timeout", "20", "--max-rows", "0", "-e",
                  "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }")
    try:
        started = time.monotonic()
        header, first = process.stdout.readline(), process.stdout.readline()
        assert time.monotonic() - started < 15
        assert header == b"a,d\r\n" and first.endswith(b"\r\n")
        assert process.poll() is None
    finally:
        process.kill()
        process.communicate(timeout=30)


def test_row_cap_closes_the_answer_and_says_so():
    result = run(ROOT, "query", "--format", "json", "--max-rows", "3", "-e", "SELECT ?s WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["results"]["bindings"]) == 3  # still a whole JSON document
    assert result.stderr == ("<expression>: error: the answer has more than 3 rows; the first 3 were written "
                             "(add a LIMIT, or --max-rows N; 0 for no cap)\n")
    exact = run(ROOT, "query", "--format", "tsv", "--max-rows", "1", "-e",
                "SELECT ?p WHERE { ent:zhang-hanhui ?p ent:russia }")
    assert exact.exit_code == 0  # exactly at the cap is not past it


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"SELECT * WHERE { ?s ?p \xff }"), "{p}: error: not UTF-8 (byte 23)"),
    (lambda p: p.mkdir(), "{p}: error: cannot read: Is a directory"),
    (lambda p: os.mkfifo(p), "{p}: error: not a regular file"),
    (lambda p: p.write_bytes(b"#" * 1_000_001), "{p}: error: larger than 1,000,000 bytes; not a query"),
    (lambda p: None, "{p}: error: cannot read: No such file or directory"),
    (lambda p: p.write_text("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > )\n}\n"),
     "{p}:5:1: error: expected one of CEIL, LANG, RAND, SHA1, STRLANGDIR, UUID, YEAR, [_], hasLangDir"),
])
def test_bad_query_files_get_one_located_line(tmp_path: Path, make, message):
    path = tmp_path / "q.rq"
    make(path)
    result = run(ROOT, "query", str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == message.format(p=path) + "\n"


def test_a_long_parser_message_is_folded_into_one_line(tmp_path: Path):
    path = tmp_path / "q.rq"
    path.write_text("SELECT * WHERE { ?s nope:p ?o }", encoding="utf-8")
    result = run(ROOT, "query", str(path))
    assert result.exit_code == 1
    line = result.stderr.removesuffix("\n")
    assert "\n" not in line and line.startswith(f"{path}:1:27: error: expected one of Prefix not found, ")
    assert line.endswith("…") and len(line) == len(f"{path}:1:27: error: ") + 300
