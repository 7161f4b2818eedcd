"""One relation file's check result as bytes, and back: how the per-file cache keeps it and how
the forked worker sends it. Relations travel as plain values (records.relation_to_plain), so a
field added to Relation needs no change here."""
from __future__ import annotations

import marshal
from pathlib import Path

from relgraph.errors import Diagnostic, Position
from relgraph.model.records import relation_from_plain, relation_to_plain
from relgraph.read.positions import LazyPosition, Locator

FORMAT = 4  # bump when the encoding changes: older entries then read as misses


def _encode_position(position):
    if isinstance(position, LazyPosition):
        return ("L", position.path, position.key, position.kind)
    return ("P", position.line, position.column)


def _file_position(where, locator: Locator):
    """A position _encode_position wrote, in the file the locator reads."""
    if where[0] == "L":
        return LazyPosition(locator, where[1], where[2], where[3])
    return Position(locator.file, where[1], where[2])


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
    relations = [relation_from_plain(plain, _file_position(where, locator)) for plain, where in rows]
    return relations, [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems]


class RelationSummary:
    """What the checks across files read of a cached relation (id, the names it uses, where it
    is), taken from its plain values without making the Relation; the position only on demand."""

    __slots__ = ("id", "subject", "object", "reported_by", "denied_by", "source", "_where", "_locator")

    def __init__(self, plain: dict, where, locator: Locator):
        self.id, self.subject, self.object, self.source = plain["id"], plain["subject"], plain["object"], plain["source"]
        self.reported_by, self.denied_by = plain.get("reported_by"), plain.get("denied_by")
        self._where, self._locator = where, locator

    @property
    def position(self):
        return _file_position(self._where, self._locator)


def decode_file_summary(data: bytes, disk_path: Path, file: str):
    """(relation summaries, diagnostics) of an entry encode_file_result wrote; errors as decode_file_result."""
    version, rows, problems = marshal.loads(data)
    if version != FORMAT:
        raise ValueError("old cache format")
    locator = Locator(file, disk_path, None)
    summaries = [RelationSummary(plain, where, locator) for plain, where in rows]
    return summaries, [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems]


# -- a whole dataset, for the dataset cache: plain values, nothing that runs code on reading ------
def _position_to_plain(position):
    if isinstance(position, LazyPosition):
        return ("L", position.locator.file, str(position.locator.disk_path), position.path, position.key, position.kind)
    return ("P", position.file, position.line, position.column)


class _Positions:
    """Plain positions back to Position or LazyPosition, one Locator per file."""

    def __init__(self):
        self.locators: dict[tuple[str, str], Locator] = {}

    def __call__(self, plain):
        if plain[0] == "P":
            return Position(plain[1], plain[2], plain[3])
        _, file, disk, path, key, kind = plain
        locator = self.locators.get((file, disk))
        if locator is None:
            locator = self.locators[(file, disk)] = Locator(file, Path(disk), None)
        return LazyPosition(locator, tuple(path), key, kind)


def _record_to_plain(record) -> dict:
    from dataclasses import fields

    plain = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if f.name == "position":
            value = _position_to_plain(value)
        elif f.name == "date":
            value = str(value)
        plain[f.name] = value
    return plain


def _record_from_plain(cls, plain: dict, position: _Positions):
    """A Source, Entity or Predicate _record_to_plain wrote."""
    from relgraph.model.records import PartialDate

    plain = dict(plain, position=position(plain["position"]))
    if "date" in plain:
        plain["date"] = PartialDate.parse(plain["date"])
    return cls(**plain)


def encode_dataset(dataset) -> bytes:
    return marshal.dumps((
        FORMAT,
        [_record_to_plain(s) for s in dataset.sources.values()],
        [_record_to_plain(e) for e in dataset.entities.values()],
        [_record_to_plain(p) for p in dataset.predicates.values()],
        [(relation_to_plain(r), _position_to_plain(r.position)) for r in dataset.relations],
        dict(dataset.source_texts),
        dict(dataset.source_text_offsets),
    ))


def decode_dataset(data: bytes):
    """The Dataset encode_dataset wrote; ValueError (or EOFError, TypeError, KeyError) otherwise."""
    from relgraph.model.records import Dataset, Entity, Predicate, Source

    version, sources, entities, predicates, relations, texts, text_offsets = marshal.loads(data)
    if version != FORMAT:
        raise ValueError("old cache format")
    position = _Positions()
    return Dataset(
        sources={s["id"]: _record_from_plain(Source, s, position) for s in sources},
        entities={e["id"]: _record_from_plain(Entity, e, position) for e in entities},
        predicates={p["id"]: _record_from_plain(Predicate, p, position) for p in predicates},
        relations=tuple(relation_from_plain(plain, position(where)) for plain, where in relations),
        source_texts=texts,
        source_text_offsets=text_offsets,
    )


# -- the validated vocabulary, for the vocabulary cache (Validator.vocabulary_state) ------------
_VOCABULARY_RECORDS = {"sources": "Source", "entities": "Entity", "predicates": "Predicate"}
_VOCABULARY_INDEXES = ("predicate_index", "entity_index", "broken_entities", "broken_predicates", "broken_sources")


def encode_vocabulary(state: dict, diagnostics, parsed) -> bytes:
    plain = {name: [_record_to_plain(r) for r in state[name].values()] for name in _VOCABULARY_RECORDS}
    plain.update({name: state[name].to_plain() for name in _VOCABULARY_INDEXES})
    plain["raw_texts"], plain["text_offsets"] = dict(state["raw_texts"]), dict(state["text_offsets"])
    problems = [(d.position.file, d.position.line, d.position.column, d.code, d.message) for d in diagnostics]
    return marshal.dumps((FORMAT, plain, problems, tuple(parsed)))


def decode_vocabulary(data: bytes):
    """(state, diagnostics, parsed) as encode_vocabulary had them; ValueError (or EOFError,
    TypeError, KeyError) for bytes it did not write."""
    from relgraph.model import records
    from relgraph.model.names import NameIndex

    version, plain, problems, parsed = marshal.loads(data)
    if version != FORMAT or len(parsed) != 3:
        raise ValueError("old cache format")
    position = _Positions()
    state = {name: {r["id"]: _record_from_plain(getattr(records, cls), r, position) for r in plain[name]}
             for name, cls in _VOCABULARY_RECORDS.items()}
    state.update({name: NameIndex.from_plain(plain[name]) for name in _VOCABULARY_INDEXES})
    state["raw_texts"], state["text_offsets"] = plain["raw_texts"], plain["text_offsets"]
    return state, [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems], tuple(parsed)
