"""`relgraph query` answered by a running `relgraph serve` before the command line is loaded.

Why: at 10k relations the engine answers a shipped query in about 60 ms, and loading click, the
CLI and pyoxigraph cost as much again on every query. When a server holds the file's exact bytes,
the answer can come from it as relgraph's own CSV, TSV or JSON (the server writes them with the
same writers, ask/results.py) and go to stdout as it came, with none of that loaded.

This is a speed trick behind one plain function: `forwarded_answer(argv)` gives the bytes the
command would write, or None for anything it does not take on; the program then runs the command
line as always, so help, errors and every other case stay the CLI's own. It takes on only
`relgraph [-C DIR] query [--format csv|tsv|json] [--data FILE] (QUERY_FILE | -e TEXT)` with the
command's default bounds, a running serve (asked to hold to those bounds where its own are wider,
so an answer it gives is one the command would give whole), and a 200 answer in the media type
asked for.
tests/test_serve.py compares its bytes with the command line's, and shows each case it declines.
"""
from __future__ import annotations

import os
import stat
from typing import NamedTuple

# `relgraph query`'s bounds by default (cli.py's options read these), sent with each forwarded query:
# a server whose own are wider holds to these, so it never answers what the command would refuse.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_ROWS = 1_000_000
MAX_QUERY_BYTES = 1_000_000  # as ask/sparql.read_query: a larger file is the CLI's to refuse
MEDIA_TYPES = {"csv": "text/csv", "tsv": "text/tab-separated-values", "json": "application/sparql-results+json"}
_VALUED = {"--format": "format", "--data": "data", "-e": "expression", "--expression": "expression"}


class QueryCall(NamedTuple):
    root: str
    format: str
    data: str | None
    expression: str | None
    query_file: str | None


def parse_query_call(argv: list[str]) -> QueryCall | None:
    """The `relgraph query` call ARGV spells, in the one form this module takes on; else None."""
    args = list(argv)
    root = "."
    while args and args[0] != "query":
        option = args.pop(0)
        if option in ("-C", "--project") and args and not args[0].startswith("-"):
            root = args.pop(0)
        elif option.startswith("--project=") and len(option) > len("--project="):
            root = option.partition("=")[2]
        else:
            return None
    if not args:
        return None
    values = {"format": "table", "data": None, "expression": None}
    files = _query_options(args[1:], values)
    if files is None or len(files) + (values["expression"] is not None) != 1:
        return None
    return QueryCall(root, values["format"], values["data"], values["expression"], files[0] if files else None)


def _query_options(args: list[str], values: dict) -> list[str] | None:
    """The positional arguments after `query`, VALUES filled from its options; None for anything else."""
    files = []
    while args:
        word = args.pop(0)
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if name in _VALUED:
            if not equals:
                if not args or args[0].startswith("-"):
                    return None
                value = args.pop(0)
            if not value:
                return None
            values[_VALUED[name]] = value
        elif word.startswith("-"):  # --help, --timeout, --max-rows, '--', anything else: the CLI's
            return None
        else:
            files.append(word)
    return files


def read_query_text(path: str) -> str | None:
    """The query file's text when it is a regular UTF-8 file the command would read; else None."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            data = handle.read(MAX_QUERY_BYTES + 1)
        return data.decode("utf-8") if len(data) <= MAX_QUERY_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


def forwarded_answer(argv: list[str]) -> bytes | None:
    """What `relgraph ARGV` writes to stdout, answered by a running serve; None: run the CLI."""
    call = parse_query_call(argv)
    if call is None or call.format not in MEDIA_TYPES or os.path.isfile(call.root):
        return None
    turtle = call.data or os.path.join(call.root, "output", "graph.ttl")
    if os.path.isdir(turtle):
        return None
    text = call.expression if call.query_file is None else read_query_text(call.query_file)
    if text is None:
        return None
    from relgraph.ask.store import loopback_request, running_server

    server = running_server(turtle)
    if not server:
        return None
    media = MEDIA_TYPES[call.format]
    try:  # held to the command's bounds where the server's are wider: past them 413 or 503, and the CLI's way
        code, answered_as, body = loopback_request(server["url"], text.encode("utf-8"), {
            "Content-Type": "application/sparql-query", "Accept": media, "X-Relgraph-Max-Rows": str(DEFAULT_MAX_ROWS),
            "X-Relgraph-Timeout": repr(DEFAULT_TIMEOUT)}, timeout=DEFAULT_TIMEOUT + 5)
    except (OSError, ValueError):
        return None
    if code != 200 or answered_as != media:
        return None  # a graph result comes as Turtle: the CLI's
    if call.data is None:  # as the command line says it (cli.warn_if_behind)
        from relgraph.check.behind import stale_warning

        message = stale_warning(call.root, turtle)
        if message is not None:
            os.write(2, message.encode() + b"\n")
    return body

