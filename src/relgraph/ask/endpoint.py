"""`relgraph serve`: a local, read-only SPARQL 1.1 Protocol endpoint over the Turtle export.

The graph is loaded once into an in-memory pyoxigraph store; queries come by GET (`?query=`) or POST
(a form with `query=`, or an `application/sparql-query` body) at /sparql, answers go out as SPARQL
JSON, XML, CSV or TSV by `Accept` (Turtle or N-Triples for CONSTRUCT and DESCRIBE). Bounds: a
query may run `timeout` seconds and return `limit` rows; past either it gets a clear error
(503, 413). Updates are refused (403), a malformed query gets 400 with the parser's message.
`/` serves output/graph.html when it exists; `/query` a query editor with the example queries
(querypage.py), its scripts from `/static/`.

How the bounds are kept: solutions are read lazily, with the clock checked between rows, then the
query runs again for pyoxigraph to serialize (at most `limit` rows, so the second run is bounded too).
A single step that never yields a row (one huge aggregate) cannot be interrupted by pyoxigraph.
"""
from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from relgraph.errors import QueryError

RESULT_TYPES = {  # media type -> pyoxigraph QueryResultsFormat name
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {"text/turtle": "TURTLE", "application/n-triples": "N_TRIPLES"}
MAX_BODY = 1_000_000  # bytes of a POSTed query


class Refused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def choose(accept: str, offered: dict[str, str], default: str) -> str:
    """The first offered media type the Accept header names (q-values are not weighed), else the default."""
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in offered:
            return media
    return default


class Endpoint:
    def __init__(self, turtle: Path, timeout: float = 10.0, limit: int = 10_000, queries: Path | None = None):
        from relgraph.ask.sparql import open_store, read_prefixes
        from relgraph.ask.store import file_identity, hash_with_identity

        started, loaded = time.time(), file_identity(turtle)
        self.store, self.timeout, self.limit = open_store(turtle), timeout, limit
        self.prefixes = read_prefixes(turtle)  # pre-bound as in `relgraph query`; a query's own PREFIX wins
        # Of the bytes loaded: `relgraph query` checks it (or the file's identity) before using us. A
        # file replaced or changed while loaded and hashed gives None: this server claims no file, and
        # `relgraph query` loads it itself.
        self.sha256, self.file_identity = hash_with_identity(turtle, now=started, before=loaded)
        self.page = Path(turtle).with_name("graph.html")
        self.graph_name = Path(turtle).name
        self.triples = len(self.store)  # counted once: pyoxigraph counts a store by walking it (0.6 s at 100k)
        self.answered = 0  # queries answered, shown by /status (tests see `relgraph query` come here)
        self.queries = queries  # the folder of example queries the query page offers (None: none)

    def query_page(self) -> bytes:
        """The editor page, with the example queries as they are on disk now."""
        from relgraph.ask.querypage import example_queries, query_page

        examples = example_queries(self.queries) if self.queries is not None and self.queries.is_dir() else []
        return query_page(examples, self.graph_name, self.triples)

    def answer(self, text: str, accept: str, limit: int | None = None, timeout: float | None = None) -> tuple[str, bytes]:
        """(media type, body) of one query, read once, or Refused. `limit` and `timeout`: a client's
        own bounds (`relgraph query`'s, sent as X-Relgraph-Max-Rows and X-Relgraph-Timeout), kept
        where they are narrower than the endpoint's."""
        import io

        from relgraph.ask.results import CsvResults, JsonResults, TsvResults
        from relgraph.ask.sparql import Bounds, QueryTimeout, RowCap, answer_into

        limit = self.limit if limit is None else min(limit, self.limit)
        timeout = self.timeout if timeout is None else min(timeout, self.timeout)
        writers = {"JSON": JsonResults, "CSV": CsvResults, "TSV": TsvResults}
        media = choose(accept, {**RESULT_TYPES, **GRAPH_TYPES}, "application/sparql-results+json")
        if RESULT_TYPES.get(media) not in writers:  # XML results and graphs: pyoxigraph's serializers
            return self._serialized(text, accept)
        body = io.BytesIO()
        try:
            answer_into(body, _Probe(self, accept), text, self.prefixes, "query",
                        writers[RESULT_TYPES[media]](), Bounds(timeout, limit))
        except _GraphResult as graph:
            return graph.answer
        except RowCap:
            raise Refused(413, f"the result has more than {limit} rows (the endpoint's limit); "
                               "add a LIMIT or narrow the query") from None
        except QueryTimeout:
            raise Refused(503, f"the query ran longer than {timeout:g} s (the endpoint's timeout)") from None
        except QueryError as exc:  # an evaluation error met while reading the rows
            raise Refused(400, "query failed: " + str(exc).split(": error: ", 1)[-1]) from None
        return media, body.getvalue()

    def _serialized(self, text: str, accept: str) -> tuple[str, bytes]:
        """XML results and CONSTRUCT/DESCRIBE graphs, bounded by reading once (clock checked between
        rows) and written by pyoxigraph from a second run, bounded too by then."""
        import pyoxigraph

        result = self._run(text)
        if isinstance(result, pyoxigraph.QueryBoolean):
            media = choose(accept, RESULT_TYPES, "application/sparql-results+json")
            return media, result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media]))
        deadline, rows = time.monotonic() + self.timeout, 0
        for _ in result:
            rows += 1
            if rows > self.limit:
                raise Refused(413, f"the result has more than {self.limit} rows (the endpoint's limit); "
                                   "add a LIMIT or narrow the query")
            if time.monotonic() > deadline:
                raise Refused(503, f"the query ran longer than {self.timeout:g} s (the endpoint's timeout)")
        result = self._run(text)
        if isinstance(result, pyoxigraph.QuerySolutions):
            media = choose(accept, RESULT_TYPES, "application/sparql-results+json")
            return media, result.serialize(format=getattr(pyoxigraph.QueryResultsFormat, RESULT_TYPES[media]))
        media = choose(accept, GRAPH_TYPES, "text/turtle")
        return media, pyoxigraph.serialize(result, format=getattr(pyoxigraph.RdfFormat, GRAPH_TYPES[media]))

    def _run(self, text: str):
        try:
            return self.store.query(text, prefixes=self.prefixes)
        except SyntaxError as exc:
            raise Refused(400, f"malformed query: {exc}") from None
        except OSError as exc:
            raise Refused(400, f"query failed: {exc}") from None

    def status(self) -> bytes:
        return (json.dumps({"sha256": self.sha256, "triples": self.triples, "timeout": self.timeout,
                            "limit": self.limit, "answered": self.answered}) + "\n").encode("utf-8")


class _GraphResult(Exception):
    """A CONSTRUCT or DESCRIBE met on the streamed path: answered by `_serialized` instead."""

    def __init__(self, answer):
        super().__init__("graph result")
        self.answer = answer


class _Probe:
    """The store as `answer_into` sees it: errors become the endpoint's refusals, and a graph result
    (not a table of solutions) leaves the streamed path for pyoxigraph's graph serializers."""

    def __init__(self, endpoint: Endpoint, accept: str):
        self.endpoint, self.accept = endpoint, accept

    def query(self, text, prefixes=None):
        import pyoxigraph

        result = self.endpoint._run(text)
        if not isinstance(result, (pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean)):
            # Dropped here, on the thread that made it: the exception's traceback keeps this frame and
            # goes to the handler's thread, where pyoxigraph refuses to free it (an unraisable RuntimeError).
            del result
            raise _GraphResult(self.endpoint._serialized(text, self.accept))
        return result


def query_of(method: str, path: str, headers, body: bytes) -> str:
    """The query text of a SPARQL Protocol request, or Refused."""
    url = urlsplit(path)
    if url.path != "/sparql":
        raise Refused(404, "not found: the endpoint is /sparql, the query page /query")
    params = parse_qs(url.query)
    if method == "POST":
        kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            raise Refused(403, "this endpoint is read-only: updates are refused")
        if kind == "application/sparql-query":
            return body.decode("utf-8")
        if kind == "application/x-www-form-urlencoded":
            params = parse_qs(body.decode("utf-8"))
        else:
            raise Refused(415, f"unsupported Content-Type {kind!r}")
    if "update" in params:
        raise Refused(403, "this endpoint is read-only: updates are refused")
    if len(params.get("query", [])) != 1:
        raise Refused(400, "give exactly one query parameter")
    return params["query"][0]


def client_bounds(headers) -> tuple[int | None, float | None]:
    """The rows and seconds a client asks to be held to (X-Relgraph-Max-Rows, X-Relgraph-Timeout);
    None for one not sent or not a positive number (a bound can only narrow the endpoint's)."""
    def positive(name: str, kind):
        try:
            value = kind(headers.get(name) or "")
        except ValueError:
            return None
        return value if value > 0 and value == value else None
    return positive("X-Relgraph-Max-Rows", int), positive("X-Relgraph-Timeout", float)


def make_server(endpoint: Endpoint, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        # Headers and body go out in two writes: with Nagle's algorithm on, a small answer then waits
        # for the client's delayed ACK (measured: 0.1 s for an ASK, against 2 ms in-process).
        disable_nagle_algorithm = True

        def do_GET(self):  # noqa: N802 (http.server's names)
            path = urlsplit(self.path).path
            if path == "/" and endpoint.page.exists():
                return self._send(200, "text/html; charset=utf-8", endpoint.page.read_bytes())
            if path == "/status":
                return self._send(200, "application/json", endpoint.status())
            if path == "/query":
                return self._send(200, "text/html; charset=utf-8", endpoint.query_page())
            if path.startswith("/static/"):
                return self._static(path[len("/static/"):])
            self._handle(b"")

        def _static(self, name: str):
            from relgraph.ask.querypage import STATIC_TYPES, static_file

            data = static_file(name)
            if data is None:
                return self._send(404, "text/plain; charset=utf-8", b"not found\n")
            media = STATIC_TYPES[name]
            self._send(200, media + ("; charset=utf-8" if media.startswith("text/") else ""), data)

        def do_POST(self):  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._send(413, "text/plain; charset=utf-8", b"request body too large\n")
            self._handle(self.rfile.read(length))

        def _handle(self, body: bytes):
            try:
                text = query_of(self.command, self.path, self.headers, body)
                media, data = endpoint.answer(text, self.headers.get("Accept") or "", *client_bounds(self.headers))
                endpoint.answered += 1
            except Refused as exc:
                return self._send(exc.status, "text/plain; charset=utf-8", (str(exc) + "\n").encode("utf-8"))
            self._send(200, media + ("; charset=utf-8" if media.startswith("text/") else ""), data)

        def _send(self, status: int, media: str, data: bytes):
            self.send_response(status)
            self.send_header("Content-Type", media)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # quiet: the command prints where it listens, not every request
            pass

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server
