"""One relation file's check result as bytes, and back: how the per-file cache keeps it and how
the forked worker sends it. Relations travel as plain values (records.relation_to_plain), so a
field added to Relation needs no change here."""
from __future__ import annotations

import marshal
from pathlib import Path

from relgraph.errors import Diagnostic, Position
from relgraph.model.records import relation_from_plain, relation_to_plain
from relgraph.read.positions import LazyPosition, Locator

FORMAT = 3  # bump when the encoding changes: older entries then read as misses


def _encode_position(position):
    if isinstance(position, LazyPosition):
        return ("L", position.path, position.key, position.kind)
    return ("P", position.line, position.column)


def encode_file_result(relations, diagnostics) -> bytes:
    rows = [(relation_to_plain(r), _encode_position(r.position)) for r in relations]
    problems = [(d.position.file, d.position.line, d.position.column, d.code, d.message) for d in diagnostics]
    return marshal.dumps((FORMAT, rows, problems))


def decode_file_result(data: bytes, disk_path: Path, file: str):
    """(relations, diagnostics); ValueError (or EOFError, TypeError) for bytes it did not write."""
    version, rows, problems = marshal.loads(data)
    if version != FORMAT:
        raise ValueError("old cache format")
    # One locator for the file: it composes the file from disk only if a position is asked for.
    locator = Locator(file, disk_path, None)
    relations = []
    for plain, where in rows:
        position = (LazyPosition(locator, where[1], where[2], where[3]) if where[0] == "L"
                    else Position(file, where[1], where[2]))
        relations.append(relation_from_plain(plain, position))
    return relations, [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems]
