"""Query stage: SPARQL over the Turtle export, with pyoxigraph as the engine.

pyoxigraph answered the same queries 10-250x faster than rdflib with identical rows; the
project's prefixes (read from the Turtle file itself) are pre-bound.
"""
from __future__ import annotations

import os
import re
import stat
import threading
import time
from pathlib import Path
from typing import BinaryIO, NamedTuple

from relgraph.ask.results import writer_for
from relgraph.errors import QueryError

_PREFIX = re.compile(r"^@prefix\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>\s*\.\s*$")


def read_prefixes(turtle: Path) -> dict[str, str]:
    """The @prefix lines at the top of a Turtle file."""
    prefixes = {}
    with open(turtle, encoding="utf-8") as handle:
        for line in handle:
            match = _PREFIX.match(line.strip())
            if match:
                prefixes[match.group(1) or ""] = match.group(2)
            elif line.strip():
                break
    return prefixes


def open_store(turtle: Path, text: str | None = None, prefixes: dict[str, str] | None = None,
               prefilter_bytes: int | None = None):
    """An in-memory pyoxigraph store holding the Turtle file; with TEXT, a store for that one query.

    With TEXT (the query the store will answer) and a file of at least `prefilter_bytes`
    (prefilter.PREFILTER_BYTES by default), only the triples whose predicates the query can match
    are loaded, when the query names them all (relgraph.ask.prefilter): the same answer, loaded
    faster. Such a store is for that query only.

    (An on-disk store kept between queries was measured slower: 13.5 s against 6.1 s for loading
    the file and answering three queries at 100k relations, because RocksDB reads cost more than
    the load saves.) Store.load, not bulk_load: into an in-memory store it is the faster of the two,
    9.1 s against 12.9 s for the 3.55M triples of 100k relations (pyoxigraph 0.5.13); it reads the
    whole file into memory first, 160 MB there.
    """
    import pyoxigraph

    from relgraph.ask import prefilter

    turtle = Path(turtle)
    if not turtle.exists():
        raise QueryError(f"{turtle} does not exist; run 'relgraph build' first")
    found = turtle.stat()
    if not stat.S_ISREG(found.st_mode):  # a FIFO or a device would hang the loader or never end
        raise QueryError(f"{turtle} is not a regular file")
    limit = prefilter.PREFILTER_BYTES if prefilter_bytes is None else prefilter_bytes
    predicates = (prefilter.predicates_needed(text, prefixes or {})
                  if text is not None and found.st_size >= limit else None)
    try:
        if predicates is not None:
            return prefilter.load_predicates(turtle, predicates)
        store = pyoxigraph.Store()
        store.load(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise QueryError(f"{turtle}: {exc}") from None
    return store


class Answer:
    """A whole answer in memory: variables and rows of terms (SELECT), a boolean (ASK) or triples
    (CONSTRUCT, DESCRIBE, as subject/predicate/object rows). For tests and small results;
    `relgraph query` streams with `answer_into` instead."""

    def __init__(self, result, prefixes: dict[str, str]):
        self.result, self.prefixes = result, prefixes
        self.kind, self.variables, rows = shape(result)
        self.rows = list(rows)

    def plain(self, term) -> str:
        return "" if term is None else term.value

    def render(self, name: str) -> str:
        writer = writer_for(name, self.prefixes)
        if self.kind == "boolean":
            return writer.boolean(bool(self.result))
        return writer.start(self.variables) + "".join(writer.row(r) for r in self.rows) + writer.end()


def shape(result):
    """(kind, variables, iterator of rows) of a pyoxigraph result, read lazily."""
    import pyoxigraph

    if isinstance(result, pyoxigraph.QueryBoolean):
        return "boolean", ["result"], iter(())
    if isinstance(result, pyoxigraph.QuerySolutions):
        names = result.variables
        return "select", [v.value for v in names], (tuple(s[v] for v in names) for s in result)
    return "graph", ["subject", "predicate", "object"], ((t.subject, t.predicate, t.object) for t in result)


def evaluate(store, text: str, prefixes: dict[str, str], where: str):
    """Parse and start one query; a syntax error becomes a QueryError located as WHERE:LINE:COL."""
    try:
        return store.query(text, prefixes=prefixes)
    except SyntaxError as exc:
        raise located(exc, where) from None
    except OSError as exc:  # pyoxigraph raises OSError for evaluation failures
        raise QueryError(f"{where}: error: {exc}") from None


def located(exc: Exception, where: str) -> QueryError:
    """One line: the parser's message folded (it lists expected tokens over several lines), at most 300 characters."""
    message, place = " ".join(str(exc).split()), ""
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    if match:
        place, message = f":{match.group(1)}:{match.group(2)}", match.group(3)
    message = message if len(message) <= 300 else message[:299] + "…"
    return QueryError(f"{where}{place}: error: {message}")


def run_query(store, text: str, prefixes: dict[str, str], where: str) -> Answer:
    """Run one SPARQL query and keep its whole answer (see `answer_into` for a bounded, streamed one)."""
    result = evaluate(store, text, prefixes, where)
    try:
        return Answer(result, prefixes)
    except OSError as exc:  # an evaluation error met while reading the rows
        raise QueryError(f"{where}: error: {exc}") from None


class QueryTimeout(QueryError):
    pass


class RowCap(QueryError):
    pass


class Bounds(NamedTuple):
    """How long a query may run (seconds) and how many rows it may write; None for no bound."""

    timeout: float | None = 60.0
    max_rows: int | None = 1_000_000


class _Run:
    """What the worker thread reports to the waiting thread."""

    def __init__(self):
        self.done, self.stop = threading.Event(), False
        self.error: Exception | None = None
        self.capped = False
        self.rows = 0


def answer_into(out: BinaryIO, store, text: str, prefixes: dict[str, str], where: str, writer,
                bounds: Bounds = Bounds()) -> int:
    """Run one query and write its answer to OUT row by row as the engine yields them; the number of rows.

    The engine runs in a worker thread (pyoxigraph lets go of the GIL while it evaluates), so the
    calling thread keeps the clock and stays interruptible: past the timeout, or on Ctrl-C
    (KeyboardInterrupt), it returns at once, even when the engine is inside one long step such as a
    sort or an aggregate that yields no row for minutes. The worker is a daemon thread: it is
    abandoned, and ends with the process. Past `max_rows` rows the answer is closed (JSON stays
    valid) and a QueryError says so.
    """
    run = _Run()
    worker = threading.Thread(target=_produce, args=(out, store, text, prefixes, where, writer, bounds, run),
                              name="relgraph-query", daemon=True)
    worker.start()
    deadline = None if bounds.timeout is None else time.monotonic() + bounds.timeout
    try:
        while not run.done.wait(0.05):
            if deadline is not None and time.monotonic() > deadline:
                raise QueryTimeout(f"{where}: error: the query ran longer than {bounds.timeout:g} s and was stopped "
                                 "(--timeout sets the limit; 0 for none)")
    finally:
        run.stop = True
    if run.error is not None:
        raise run.error
    if run.capped:
        raise RowCap(f"{where}: error: the answer has more than {bounds.max_rows:,} rows; the first "
                         f"{bounds.max_rows:,} were written (add a LIMIT, or --max-rows N; 0 for no cap)")
    return run.rows


def _produce(out, store, text, prefixes, where, writer, bounds: Bounds, run: _Run) -> None:
    try:
        result = evaluate(store, text, prefixes, where)
        kind, variables, rows = shape(result)
        if kind == "boolean":
            out.write(writer.boolean(bool(result)).encode("utf-8"))
        else:
            _write_rows(out, writer, variables, rows, bounds, run)
        out.flush()
    except QueryError as exc:
        run.error = exc
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        run.stop = True
    except OSError as exc:  # an evaluation error met while reading the rows
        run.error = QueryError(f"{where}: error: {exc}")
    except Exception as exc:  # noqa: BLE001 (anything else is the caller's to handle, in its own thread)
        run.error = exc
    finally:
        run.done.set()


def _write_rows(out, writer, variables, rows, bounds: Bounds, run: _Run) -> None:
    out.write(writer.start(variables).encode("utf-8"))
    cap = bounds.max_rows
    for row in rows:
        if run.stop:
            return
        if cap is not None and run.rows >= cap:
            run.capped = True
            break
        out.write(writer.row(row).encode("utf-8"))
        run.rows += 1
    out.write(writer.end().encode("utf-8"))


MAX_QUERY_BYTES = 1_000_000  # a query file larger than this is refused before it is read


def read_query(path: Path) -> tuple[str, str]:
    """(text, where) of a query file: a regular file of at most MAX_QUERY_BYTES, in UTF-8."""
    try:  # non-blocking open, then fstat: a FIFO neither hangs the open nor slips in after the check
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise QueryError(f"{path}: error: not a regular file")
            data = handle.read(MAX_QUERY_BYTES + 1)
    except OSError as exc:
        raise QueryError(f"{path}: error: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_QUERY_BYTES:
        raise QueryError(f"{path}: error: larger than {MAX_QUERY_BYTES:,} bytes; not a query")
    try:
        return data.decode("utf-8"), str(path)
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: error: not UTF-8 (byte {exc.start})") from None
