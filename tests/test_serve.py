"""`relgraph serve` tested with real HTTP on 127.0.0.1: SPARQLWrapper, rdflib's SPARQLStore and curl
get `relgraph query`'s rows; updates, malformed queries and oversized results get clear errors.
Every request has a timeout, and the server is stopped at the end."""
from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT
from relgraph.ask.endpoint import Endpoint, make_server
from relgraph.ask.sparql import open_store, read_prefixes, run_query

TTL = ROOT / "output" / "graph.ttl"
QUERY = (ROOT / "queries" / "offices.rq").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def url():
    server = make_server(Endpoint(TTL, timeout=5, limit=500), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def expected_rows():
    answer = run_query(open_store(TTL), QUERY, read_prefixes(TTL), "offices.rq")
    return [tuple(answer.plain(t) for t in row) for row in answer.rows]


def test_sparqlwrapper_get_and_post_json(url):
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper

    for method in (GET, POST):
        client = SPARQLWrapper(url)
        client.setMethod(method)
        client.setQuery(QUERY)
        client.setReturnFormat(JSON)
        client.setTimeout(30)
        data = client.query().convert()
        names = data["head"]["vars"]
        assert [tuple(b[v]["value"] for v in names) for b in data["results"]["bindings"]] == expected_rows()


def test_rdflib_sparqlstore(url):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    from rdflib import Graph

    graph = Graph(store=SPARQLStore(url, returnFormat="json", timeout=30))
    assert [tuple(str(v) for v in row) for row in graph.query(QUERY)] == expected_rows()


@pytest.mark.parametrize("accept, kind", [("text/csv", ","), ("text/tab-separated-values", "\t"),
                                          ("application/sparql-results+xml", "xml")])
def test_curl_by_accept(url, accept, kind):
    curl = shutil.which("curl")
    assert curl, "curl is needed (Debian's curl package)"
    done = subprocess.run([curl, "-sS", "--max-time", "30", "-H", f"Accept: {accept}", "--data-urlencode",
                           f"query={QUERY}", "-w", "\\n%{http_code} %{content_type}", url],
                          capture_output=True, timeout=60)
    body, status = done.stdout.decode("utf-8").rsplit("\n", 1)  # bytes: keep the CSV's CRLF
    assert status.startswith("200 " + accept)
    expected = expected_rows()
    if kind == "xml":
        assert body.startswith("<?xml") and body.count("<result>") == len(expected)
        return
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=kind))
    assert rows[0] == (["person", "office", "of"] if kind == "," else ["?person", "?office", "?of"])
    assert len(rows) - 1 == len(expected)
    if kind == ",":
        assert [tuple(r) for r in rows[1:]] == expected
        assert "\r\n" in body  # the SPARQL CSV format's line ends


def request(url, data: bytes | None = None, headers=None, query: str | None = None):
    if query is not None:
        from urllib.parse import urlencode
        url = url + "?" + urlencode({"query": query})
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers or {}), timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_updates_are_refused(url):
    status, text = request(url, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"})
    assert (status, text) == (403, "this endpoint is read-only: updates are refused\n")
    status, _ = request(url, query="INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400  # not a query: the query parser refuses it


def test_malformed_query_gets_400_with_the_parsers_message(url):
    status, text = request(url, query="SELECT ?x WHERE { ?x ?y }")
    assert status == 400
    assert text == "malformed query: error at 1:26: expected one of LATERAL, SERVICE, [_]\n"


def test_result_size_limit(url):
    status, text = request(url, query="SELECT * WHERE { ?s ?p ?o }")
    assert (status, text) == (413, "the result has more than 500 rows (the endpoint's limit); add a LIMIT or "
                                   "narrow the query\n")
    assert request(url, query="SELECT * WHERE { ?s ?p ?o } LIMIT 500")[0] == 200


def test_ask_and_construct(url):
    status, text = request(url, query="ASK { ?s ?p ?o }", headers={"Accept": "application/sparql-results+json"})
    assert (status, json.loads(text)["boolean"]) == (200, True)
    status, text = request(url, query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
                           headers={"Accept": "application/n-triples"})
    assert status == 200 and len(text.strip().splitlines()) == 3


def test_the_command_binds_localhost_and_answers(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "relgraph.cli", "-C", str(ROOT), "serve", "--port",
                                str(port)], stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert line == f"serving SPARQL at http://127.0.0.1:{port}/sparql (Ctrl-C stops)\n"
        deadline = time.monotonic() + 30
        while True:
            status, text = request(f"http://127.0.0.1:{port}/sparql", query="ASK { ?s ?p ?o }")
            if status == 200 or time.monotonic() > deadline:
                break
        assert json.loads(text)["boolean"] is True
    finally:
        process.terminate()
        process.wait(timeout=30)
