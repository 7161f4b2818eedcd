"""`relgraph serve` tested with real HTTP on 127.0.0.1: SPARQLWrapper, rdflib's SPARQLStore and curl
get `relgraph query`'s rows; updates, malformed queries and oversized results get clear errors.
Every request has a timeout, and the server is stopped at the end."""
from __future__ import annotations

import csv
import io
import json
import os
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
    server = make_server(Endpoint(TTL, timeout=5, limit=500, queries=ROOT / "queries"), "127.0.0.1", 0)
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


def test_ntriples_export_bulk_loads_into_the_oxigraph_server_and_every_shipped_query_agrees(tmp_path):
    """Past one process: the N-Triples export goes into Oxigraph's own server (the `oxigraph` CLI from
    PyPI: `oxigraph load`, then `oxigraph serve-read-only` over HTTP), and every query in queries/,
    sent as written, returns `relgraph query`'s rows (in order where the query orders them)."""
    from conftest import run
    from urllib.parse import urlencode

    oxigraph = shutil.which("oxigraph", path=str(ROOT / ".venv" / "bin")) or shutil.which("oxigraph")
    assert oxigraph, "the oxigraph CLI is needed (pip package oxigraph, in the test extra)"
    nt = tmp_path / "graph.nt"
    assert run(ROOT, "export", "--format", "nt", "-o", str(nt)).exit_code == 0
    store = tmp_path / "store"
    loaded = subprocess.run([oxigraph, "load", "--location", str(store), "--file", str(nt)],
                            capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 30
        while True:
            try:
                if request(base, query="ASK { ?s ?p ?o }", headers={"Accept": "application/sparql-results+json"})[0] == 200:
                    break
            except urllib.error.URLError:  # not listening yet
                pass
            assert time.monotonic() < deadline, "oxigraph serve did not answer"
            time.sleep(0.2)
        queries = sorted((ROOT / "queries").glob("*.rq"))
        for path in queries:
            text = path.read_text(encoding="utf-8")
            status, body = request(base, query=text, headers={"Accept": "application/sparql-results+json"})
            assert status == 200, f"{path.name}: {body}"
            data = json.loads(body)
            theirs = [tuple(b.get(v, {}).get("value", "") for v in data["head"]["vars"])
                      for b in data["results"]["bindings"]]
            answer = run_query(open_store(TTL), text, read_prefixes(TTL), path.name)
            mine = [tuple(answer.plain(t) for t in row) for row in answer.rows]
            assert mine, path.name
            assert (theirs if "ORDER BY" in text else sorted(theirs)) == (mine if "ORDER BY" in text else sorted(mine)), path.name
        assert len(queries) >= 10
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_relgraph_query_reuses_a_running_serve_and_answers_the_same(tmp_path):
    """While `relgraph serve` runs, `relgraph query` on the same graph.ttl sends its queries there (the
    server counts them) and writes the same bytes as a fresh load; a different graph.ttl is loaded
    afresh; the server's registration file goes when it is stopped."""
    from conftest import run

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    registration = TTL.with_name("graph.ttl.endpoint.json")
    process = subprocess.Popen([sys.executable, "-m", "relgraph.cli", "-C", str(ROOT), "serve", "--port", str(port)],
                               stderr=subprocess.PIPE, text=True)
    status_url = f"http://127.0.0.1:{port}/status"
    try:
        assert process.stderr.readline().startswith("serving SPARQL at")
        assert registration.is_file()
        for name in ("csv", "tsv", "json", "table"):
            via_server = run(ROOT, "query", "--format", name, str(ROOT / "queries" / "offices.rq"))
            assert via_server.exit_code == 0
            assert via_server.stdout_bytes == expected_bytes(name)
        assert json.loads(request(status_url)[1])["answered"] == 4
        bad = run(ROOT, "query", "-e", "SELECT ?x WHERE { ?x ?y }")
        assert (bad.exit_code, bad.stderr) == (1, "<expression>:1:26: error: expected one of LATERAL, SERVICE, [_]\n")
        other = tmp_path / "graph.ttl"
        other.write_bytes(TTL.read_bytes() + b"\n")  # other bytes: another hash
        shutil.copy(registration, other.with_name("graph.ttl.endpoint.json"))  # a stale or planted registration
        assert run(ROOT, "query", "--data", str(other), "-e", "ASK { ?s ?p ?o }").exit_code == 0
        assert json.loads(request(status_url)[1])["answered"] == 4  # neither the refused query nor the other file
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert not registration.exists()


def expected_bytes(name: str) -> bytes:
    from relgraph.ask.sparql import Answer

    store = open_store(TTL)
    answer = Answer(store.query(QUERY, prefixes=read_prefixes(TTL)), read_prefixes(TTL))
    return answer.render(name).encode("utf-8")


# -- the query page (/query): YASGUI vendored, the shipped examples, in real Chromium ------------
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
# What axe-core finds inside YASGUI's own widgets (not our markup), excluded from the page's check
# and pinned here so that a refreshed YASGUI that changes them is noticed (docs/rdf.md lists them):
# its tab list holds no role=tab, and its row-number column has an empty header. (Its unnamed
# editor, endpoint box and page-size menu, and two low-contrast colours, query.js and query.css mend.)
YASGUI_FINDINGS = [["aria-required-children", 1], ["empty-table-header", 1]]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from test_html import CHROMIUM, FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def query_page(browser, url):
    """The page from the running server; any request to another host is aborted and recorded."""
    origin = url.rsplit("/", 1)[0]
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    external, errors = [], []

    def route(request_route):
        if request_route.request.url.startswith(origin + "/"):
            request_route.continue_()
        else:
            external.append(request_route.request.url)
            request_route.abort()
    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(origin + "/query")
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)
    yield page, external, errors
    context.close()


def axe(page, options: str) -> list:
    assert AXE.exists(), f"{AXE} is missing: run scripts/install-node-readers.sh (make test does)"
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(f"axe.run({options}).then(r => r.violations.map(v => [v.id, v.nodes.length]))")


@pytest.mark.browser
def test_the_query_page_runs_a_shipped_example_and_shows_its_rows(query_page):
    page, external, errors = query_page
    titles = page.locator("button.example").all_inner_texts()
    assert titles == [query_title(p) for p in sorted((ROOT / "queries").glob("*.rq"))]
    page.get_by_role("button", name="Who holds which office").click()
    assert page.locator("#chosen").inner_text() == (
        "Loaded “Who holds which office”: run it with the editor's run button or Ctrl+Enter.")
    assert page.evaluate("relgraphQuery.yasgui.getTab().getQuery()") == QUERY
    page.locator(".yasqe_queryButton").click()
    rows = page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for(timeout=30_000)
    cells = [row.locator("td").all_inner_texts() for row in rows.all()]
    # YASR's first column numbers the rows; the labels are shown as Turtle writes them: "text"@en
    assert [tuple(c.strip() for c in row[1:]) for row in cells] == [
        tuple(f'"{value}"@en' for value in row) for row in expected_rows()]
    assert [row[0].strip() for row in cells] == [str(n) for n in range(1, len(cells) + 1)]
    assert external == [] and errors == []


def query_title(path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# title: ")


@pytest.mark.browser
def test_axe_finds_no_violation_in_our_markup_of_the_query_page(query_page):
    page, external, _ = query_page
    page.get_by_role("button", name="Who holds which office").click()
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr table.dataTable tbody tr").first.wait_for(timeout=30_000)
    assert axe(page, "{exclude: [['#yasgui']]}") == []
    assert sorted(axe(page, "{include: [['#yasgui']]}")) == YASGUI_FINDINGS
    assert external == []


def test_static_files_are_served_only_by_name(url):
    origin = url.rsplit("/", 1)[0]
    with urllib.request.urlopen(origin + "/static/yasgui.min.js", timeout=30) as answer:
        assert answer.headers["Content-Type"] == "text/javascript; charset=utf-8"
        assert len(answer.read()) == (ROOT / "src" / "relgraph" / "static" / "yasgui.min.js").stat().st_size
    for name in ("../cli.py", "graph.ttl", "yasgui.min.js.map"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(origin + "/static/" + name, timeout=30)
        assert refused.value.code == 404


def test_the_loopback_client_of_relgraph_query(url):
    """relgraph query's own HTTP client (store.loopback_request, a socket instead of urllib.request)."""
    from relgraph.ask.store import RemoteStore, loopback_request

    status, media, body = loopback_request(url.replace("/sparql", "/status"), timeout=5)
    assert (status, media) == (200, "application/json") and json.loads(body)["sha256"]
    status, media, body = loopback_request(url, b"SELECT ?x WHERE { ?x", {"Content-Type": "application/sparql-query"})
    assert (status, media) == (400, "text/plain") and body.startswith(b"malformed query: ")
    rows = list(RemoteStore(url, TTL).query(QUERY))
    assert [tuple(t.value for t in row) for row in rows] == expected_rows()
    with pytest.raises(SyntaxError):
        RemoteStore(url, TTL).query("SELECT ?x WHERE { ?x")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    with pytest.raises(OSError):
        loopback_request(f"http://127.0.0.1:{closed}/status", timeout=5)


def test_relgraph_query_trusts_the_file_identity_the_server_recorded_and_nothing_else(url, tmp_path, monkeypatch):
    """The registration records the Turtle file's identity as the server hashed it; while it holds,
    `relgraph query` does not hash the file again. Any write changes the identity (the change time
    cannot be set back), so a file edited to the same size is hashed, and its new bytes refused. A
    file changed less than RACY_SECONDS before it was hashed gets no identity at all."""
    from relgraph.ask import store

    served = tmp_path / "graph.ttl"
    served.write_bytes(TTL.read_bytes())
    assert store.hash_with_identity(served)[1] is None  # just written: racily clean, no identity
    digest, identity = store.hash_with_identity(served, now=time.time() + store.RACY_SECONDS + 1)
    assert identity == store.file_identity(served) and digest == store.content_hash(TTL)
    store.register(served, digest, url, identity)

    def no_hashing(path):
        raise AssertionError(f"{path} hashed although its identity is unchanged")
    with monkeypatch.context() as patched:
        patched.setattr(store, "content_hash", no_hashing)
        assert store.running_endpoint(served) == url
    data = bytearray(served.read_bytes())
    data[-2:-1] = b"#" if data[-2:-1] != b"#" else b" "  # the same size, other bytes
    time.sleep(0.01)
    served.write_bytes(bytes(data))
    assert store.file_identity(served) != identity
    assert store.running_endpoint(served) is None  # hashed again, and the hash is not the server's
    store.register(served, digest, url, None)  # a registration without an identity: always hashed
    assert store.running_endpoint(served) is None


def test_a_graph_replaced_while_serve_loads_it_is_not_claimed(tmp_path, monkeypatch):
    """A build replacing graph.ttl while the server loads it: the hash is of other bytes than the store
    holds, so the server claims no file (sha256 None in /status; `relgraph serve` registers nothing)."""
    from relgraph.ask import sparql

    served = tmp_path / "graph.ttl"
    served.write_bytes(TTL.read_bytes())
    real = sparql.open_store

    def loading_while_replaced(path):
        loaded = real(path)
        replacement = tmp_path / ".new"
        replacement.write_bytes(b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
        os.replace(replacement, served)  # relgraph build's atomic replace
        return loaded
    monkeypatch.setattr(sparql, "open_store", loading_while_replaced)
    endpoint = Endpoint(served)
    assert (endpoint.sha256, endpoint.file_identity) == (None, None)
    assert json.loads(endpoint.status())["sha256"] is None


def test_a_graph_query_asked_for_as_a_table_frees_its_result_on_its_own_thread(monkeypatch):
    """A CONSTRUCT with `Accept: text/csv` leaves the streamed path (a graph comes as Turtle); the
    pyoxigraph result it met there is freed on the worker thread that made it, not where the
    exception lands, so nothing is reported as "unsendable, but is being dropped on another thread"."""
    import gc

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    endpoint = Endpoint(TTL, timeout=5, limit=500)
    media, body = endpoint.answer("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2", "text/csv")
    gc.collect()
    import pyoxigraph

    assert (media, len(list(pyoxigraph.parse(body, format=pyoxigraph.RdfFormat.TURTLE)))) == ("text/turtle", 2)
    assert [str(u.exc_value) for u in unraisable] == []
