"""One relation file's check result as bytes, and back: how the per-file cache keeps it and how
the forked worker sends it. Relations travel as plain values (records.relation_to_plain), so a
field added to Relation needs no change here."""
from __future__ import annotations

import marshal
from collections.abc import Mapping
from pathlib import Path

from relgraph.errors import Diagnostic, Position
from relgraph.model.records import entities_named, relation_from_plain, relation_to_plain
from relgraph.read.positions import LazyPosition, Locator

FORMAT = 8  # bump when the encoding changes: older entries then read as misses


def _encode_position(position):
    if isinstance(position, LazyPosition):
        return ("L", position.path, position.key, position.kind)
    return ("P", position.line, position.column)


def _file_position(where, locator: Locator):
    """A position _encode_position wrote, in the file the locator reads."""
    if where[0] == "L":
        return LazyPosition(locator, where[1], where[2], where[3])
    return Position(locator.file, where[1], where[2])


def encode_file_result(relations, diagnostics, whole: bool = True) -> bytes:
    """The relations whole (plain values) and, first, what Validator.summarize() reads of them.
    The whole relations and their positions are marshalled apart: a reader wanting only the
    summary copies each as one bytes object instead of decoding it. Without `whole`, only the
    summary (for a worker's answer to `relgraph --no-cache check`: never for the cache)."""
    wheres = [_encode_position(r.position) for r in relations]
    rows = marshal.dumps([(relation_to_plain(r), where) for r, where in zip(relations, wheres)]) if whole else None
    ids = [r.id for r in relations]
    used = sorted(entities_named(relations))
    cited = sorted({r.source for r in relations})
    problems = [(d.position.file, d.position.line, d.position.column, d.code, d.message) for d in diagnostics]
    return marshal.dumps((FORMAT, ids, used, cited, problems, marshal.dumps(wheres), rows))


def _entry(data: bytes):
    version, ids, used, cited, problems, wheres, rows = marshal.loads(data)
    if version != FORMAT:
        raise ValueError("old cache format")
    return (ids, used, cited, wheres), [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems], rows


def decode_file_result(data: bytes, disk_path: Path, file: str):
    """(relations, diagnostics); ValueError (or EOFError, TypeError) for bytes it did not write."""
    _, diagnostics, rows = _entry(data)
    if rows is None:
        raise ValueError("a summary, not the whole relations")
    # One locator for the file: it composes the file from disk only if a position is asked for.
    locator = Locator(file, disk_path, None)
    return [relation_from_plain(plain, _file_position(where, locator)) for plain, where in marshal.loads(rows)], diagnostics


class FileSummary:
    """What Validator.summarize() reads of a cached file (relation ids in order, the entities and
    sources they use, a relation's position on demand), without decoding its relations."""

    def __init__(self, summary: tuple, locator: Locator):
        self.ids, self.used, self.cited, self._wheres = summary
        self._locator = locator

    def position(self, number: int):
        if isinstance(self._wheres, bytes):
            self._wheres = marshal.loads(self._wheres)
        return _file_position(self._wheres[number], self._locator)


def decode_file_summary(data: bytes, disk_path: Path, file: str):
    """(a FileSummary, diagnostics) of an entry encode_file_result wrote; errors as decode_file_result."""
    summary, diagnostics, _ = _entry(data)
    if not isinstance(summary[0], list):
        raise ValueError("not a relation file's entry")
    return FileSummary(summary, Locator(file, disk_path, None)), diagnostics


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
class LazyRecords(Mapping):
    """id → Source, Entity or Predicate, each made from its plain values when first read: a check
    after an edit reads the records its edited file names, not all 25,000 entities of a corpus."""

    def __init__(self, cls, plain: dict[str, bytes], position: _Positions):
        self._cls, self._plain, self._position, self._made = cls, plain, position, {}

    def __getitem__(self, key: str):
        record = self._made.get(key)
        if record is None:
            record = self._made[key] = _record_from_plain(self._cls, marshal.loads(self._plain[key]), self._position)
        return record

    def __contains__(self, key) -> bool:
        return key in self._plain

    def __iter__(self):
        return iter(self._plain)

    def __len__(self) -> int:
        return len(self._plain)

    def sorted_by_id(self) -> "LazyRecords":
        """The same records in id order (a Dataset's order), still made when first read, sharing
        those made already: sorting the items would make all 25,000 entities of a corpus."""
        ordered = LazyRecords(self._cls, dict(sorted(self._plain.items())), self._position)
        ordered._made = self._made
        return ordered


_VOCABULARY_RECORDS = {"sources": "Source", "entities": "Entity", "predicates": "Predicate"}
_VOCABULARY_INDEXES = ("predicate_index", "entity_index", "broken_entities", "broken_predicates", "broken_sources")


def encode_vocabulary(state: dict, diagnostics, parsed) -> bytes:
    # Each record marshalled on its own: decoding the entry then makes 27,000 bytes objects, not
    # 27,000 dicts of positions, and LazyRecords decodes the few records a run reads.
    plain = {name: {r.id: marshal.dumps(_record_to_plain(r)) for r in state[name].values()} for name in _VOCABULARY_RECORDS}
    plain.update({name: state[name].to_plain() for name in _VOCABULARY_INDEXES})
    # Each article's text as where it lies in its seed, not the text itself (most of the entry's bytes):
    # the seeds' bytes were just read to make the entry's key, and the texts are cut from those.
    sources, offsets = state["sources"], state["text_offsets"]
    plain["raw_texts"] = {sid: (sources[sid].file, offsets[sid], len(text)) for sid, text in state["raw_texts"].items()}
    plain["text_offsets"] = dict(offsets)
    problems = [(d.position.file, d.position.line, d.position.column, d.code, d.message) for d in diagnostics]
    return marshal.dumps((FORMAT, plain, problems, tuple(parsed)))


class SeedTexts(Mapping):
    """source id → its article's text, cut when first read from the seed bytes the entry's key was
    made of (RelationFileCache.seeds): after an edit to one file, the check reads one or two."""

    def __init__(self, spans: dict[str, tuple[str, int, int]], seeds: dict[str, bytes]):
        named = {file for file, _, _ in spans.values()}
        missing = sorted(named - set(seeds))
        if missing:
            raise KeyError(f"seed {missing[0]} not read")  # a miss: the vocabulary is validated again
        self.spans, self.cut = spans, {}
        self.seeds = {file: seeds[file] for file in named}  # only those the texts are cut from
        self.decoded: dict[str, str] = {}  # a seed shared by several sources is decoded once

    def __getitem__(self, source_id: str) -> str:
        found = self.cut.get(source_id)
        if found is None:
            file, start, length = self.spans[source_id]
            text = self.decoded.get(file)
            if text is None:
                text = self.decoded[file] = self.seeds[file].decode("utf-8")
            found = self.cut[source_id] = text[start:start + length]
        return found

    def __iter__(self):
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __contains__(self, source_id) -> bool:
        return source_id in self.spans


def decode_vocabulary(data: bytes, seeds: dict[str, bytes]):
    """(state, diagnostics, parsed) as encode_vocabulary had them, the texts cut from `seeds` (file
    name → bytes, as hashed for the entry's key); ValueError (or EOFError, TypeError, KeyError)
    for bytes it did not write."""
    from relgraph.model import records
    from relgraph.model.names import NameIndex

    version, plain, problems, parsed = marshal.loads(data)
    if version != FORMAT or len(parsed) != 3:
        raise ValueError("old cache format")
    position = _Positions()
    state = {name: LazyRecords(getattr(records, cls), plain[name], position) for name, cls in _VOCABULARY_RECORDS.items()}
    state.update({name: NameIndex.from_plain(plain[name]) for name in _VOCABULARY_INDEXES})
    state["raw_texts"], state["text_offsets"] = SeedTexts(plain["raw_texts"], seeds), plain["text_offsets"]
    return state, [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems], tuple(parsed)
