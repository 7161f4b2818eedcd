"""`relgraph query` answered by a running serve before the CLI loads (ask/forward.py): the same bytes
as the command line's own answer from a fresh load, for every format it takes on; None (the CLI runs
as always) for every case it declines; and the program really skips click when it answers."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

from conftest import ROOT, run
from relgraph.ask import store
from relgraph.ask.endpoint import Endpoint, make_server
from relgraph.ask.forward import DEFAULT_MAX_ROWS, QueryCall, forwarded_answer, parse_query_call

TTL = ROOT / "output" / "graph.ttl"
QUERIES = ROOT / "queries"


def serve(project, timeout=5.0, limit=500):
    """A server on PROJECT/output/graph.ttl, registered beside it as `relgraph serve` does; (url, server)."""
    served = project / "output" / "graph.ttl"
    endpoint = Endpoint(served, timeout=timeout, limit=limit)
    server = make_server(endpoint, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    store.register(served, endpoint.sha256, url, endpoint.file_identity)
    return url, server, endpoint


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A folder with a copy of the real graph.ttl, served; yields (root, endpoint)."""
    root = tmp_path_factory.mktemp("served")
    (root / "output").mkdir()
    shutil.copy(TTL, root / "output" / "graph.ttl")
    _, server, endpoint = serve(root)
    yield root, endpoint
    server.shutdown()
    server.server_close()


def local_answer(tmp_path, *args) -> bytes:
    """The command line's answer from a fresh load: the same graph.ttl in a folder no server holds."""
    (tmp_path / "output").mkdir(exist_ok=True)
    shutil.copy(TTL, tmp_path / "output" / "graph.ttl")
    done = run(tmp_path, "query", *args)
    assert done.exit_code == 0, done.stderr
    return done.stdout_bytes


@pytest.mark.parametrize("output_format", ["csv", "tsv", "json"])
@pytest.mark.parametrize("query", ["offices.rq", "sanctions.rq", "-e ASK { ?s ?p ?o }",
                                   "-e SELECT ?s WHERE { ?s ?p ?o } LIMIT 0"])
def test_the_forwarded_answer_is_the_command_lines_own(project, tmp_path, output_format, query):
    root, endpoint = project
    spelled = query.split(" ", 1) if query.startswith("-e ") else [str(QUERIES / query)]
    before = endpoint.answered
    forwarded = forwarded_answer(["-C", str(root), "query", "--format", output_format, *spelled])
    assert endpoint.answered == before + 1  # the server answered it
    assert forwarded == local_answer(tmp_path, "--format", output_format, *spelled)


def test_the_forms_it_parses():
    assert parse_query_call(["query", "q.rq"]) == QueryCall(".", "table", None, None, "q.rq")
    assert parse_query_call(["-C", "p", "query", "--format=csv", "--data", "g.ttl", "q.rq"]) == \
        QueryCall("p", "csv", "g.ttl", None, "q.rq")
    assert parse_query_call(["--project=p", "query", "-e", "ASK {}", "--format", "json", "--format", "tsv"]) == \
        QueryCall("p", "tsv", None, "ASK {}", None)  # as click: the last of a repeated option
    for declined in (["query"], ["check"], ["query", "a.rq", "b.rq"], ["query", "a.rq", "-e", "ASK {}"],
                     ["query", "--help"], ["query", "--max-rows", "5", "a.rq"], ["query", "--timeout=1", "a.rq"],
                     ["--no-cache", "query", "a.rq"], ["query", "--", "a.rq"], ["query", "-e", "-x"],
                     ["query", "--format"], ["query", "--format=", "a.rq"], ["-C", "query", "a.rq"], []):
        assert parse_query_call(declined) is None, declined


def test_what_it_leaves_to_the_command_line(project, tmp_path):
    """Each of these gets None: the CLI then answers (or refuses) exactly as without a server."""
    root, endpoint = project
    offices = str(QUERIES / "offices.rq")
    before = endpoint.answered
    assert forwarded_answer(["-C", str(root), "query", offices]) is None  # table: written by the CLI
    assert forwarded_answer(["-C", str(root), "query", "--format", "csv", "--max-rows", "3", offices]) is None
    assert forwarded_answer(["-C", str(tmp_path), "query", "--format", "csv", offices]) is None  # no graph.ttl
    assert forwarded_answer(["-C", str(root), "query", "--format", "csv", str(tmp_path / "missing.rq")]) is None
    (tmp_path / "latin1.rq").write_bytes("# caf\xe9\nASK {}".encode("latin-1"))
    assert forwarded_answer(["-C", str(root), "query", "--format", "csv", str(tmp_path / "latin1.rq")]) is None
    assert endpoint.answered == before  # none of these reached the server
    for refused in ("SELECT ?x WHERE { ?x", "SELECT * WHERE { ?s ?p ?o }",  # malformed (400); past the limit (413)
                    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2"):  # a graph: Turtle, not the CSV asked for
        assert forwarded_answer(["-C", str(root), "query", "--format", "csv", "-e", refused]) is None, refused
    edited = tmp_path / "edited"
    (edited / "output").mkdir(parents=True)
    shutil.copy(TTL, edited / "output" / "graph.ttl")
    shutil.copy(root / "output" / "graph.ttl.endpoint.json", edited / "output")  # a registration for other bytes?
    with open(edited / "output" / "graph.ttl", "ab") as handle:
        handle.write(b"\n")
    assert forwarded_answer(["-C", str(edited), "query", "--format", "csv", offices]) is None


def test_a_server_with_wider_bounds_is_held_to_the_commands(tmp_path):
    """A serve with wider bounds than the command's (the benchmark's) is used, held to the command's
    bounds, which the client sends: past them the server refuses (413), and the CLI answers."""
    from relgraph.ask.endpoint import Refused

    (tmp_path / "output").mkdir()
    shutil.copy(TTL, tmp_path / "output" / "graph.ttl")
    _, server, endpoint = serve(tmp_path, limit=DEFAULT_MAX_ROWS * 100, timeout=3600)
    try:
        call = ["-C", str(tmp_path), "query", "--format", "csv", "-e", "ASK { ?s ?p ?o }"]
        assert forwarded_answer(call) == b"true\n" and endpoint.answered == 1
        everything = "SELECT * WHERE { ?s ?p ?o }"
        with pytest.raises(Refused) as refused:
            endpoint.answer(everything, "text/csv", limit=3)
        assert (refused.value.status, str(refused.value)) == (
            413, "the result has more than 3 rows (the endpoint's limit); add a LIMIT or narrow the query")
        assert endpoint.answer("SELECT * WHERE { ?s ?p ?o } LIMIT 3", "text/csv", limit=3)[1].count(b"\r\n") == 4
    finally:
        server.shutdown()
        server.server_close()


def test_the_bounds_a_client_sends():
    from relgraph.ask.endpoint import client_bounds

    assert client_bounds({"X-Relgraph-Max-Rows": "5", "X-Relgraph-Timeout": "2.5"}) == (5, 2.5)
    for bad in ({}, {"X-Relgraph-Max-Rows": "x", "X-Relgraph-Timeout": "nan"},
                {"X-Relgraph-Max-Rows": "0", "X-Relgraph-Timeout": "-1"}):
        assert client_bounds(bad) == (None, None), bad


def test_the_program_answers_without_loading_click(project, tmp_path):
    """relgraph.console as the installed program runs it: the forwarded answer on stdout, and
    click, the CLI and pyoxigraph never imported; a table (declined) goes through the CLI."""
    root, endpoint = project
    probe = ("import atexit, json, sys; sys.argv = ['relgraph', *sys.argv[1:]]; atexit.register(lambda: print(json.dumps("
             "sorted(m for m in ('click', 'relgraph.cli', 'pyoxigraph') if m in sys.modules)), file=sys.stderr)); "
             "from relgraph.console import run; run()")
    offices = str(QUERIES / "offices.rq")
    before = endpoint.answered
    for output_format, loaded in (("csv", []), ("table", ["click", "pyoxigraph", "relgraph.cli"])):
        done = subprocess.run([sys.executable, "-c", probe, "-C", str(root), "query", "--format",
                               output_format, offices], capture_output=True, timeout=120, env={**os.environ})
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stderr.decode().splitlines()[-1]) == loaded
        assert done.stdout == local_answer(tmp_path, "--format", output_format, offices)
    assert endpoint.answered == before + 2  # the table too came from the server, through the CLI's RemoteStore
