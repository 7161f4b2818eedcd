"""RDF exports: Turtle and N-Triples written from rdf.triples(), in its fixed order, by
rdfwriter in pyoxigraph's exact layout (checked byte for byte against pyoxigraph's serializer,
which needed a Python object per term and took five times as long). JSON-LD goes through rdflib."""
from __future__ import annotations

import functools
import hashlib
import marshal
from typing import IO, Callable, NamedTuple

from relgraph import parallel
from relgraph.atomic import Pieces
from relgraph.errors import OutputError
from relgraph.model.records import Dataset
from relgraph.build.rdf import (Lit, QuoteContext, TripleTerm, build_rdf, description_triples, header_triples, iri_prefixes,
                                relation_triples, stated_facts, statement_names, triples)
from relgraph.export import rdfwriter
from relgraph.export.relationtext import RelationText, relations_encoded, relations_text

PARALLEL_RELATIONS = 20_000  # below this, forking costs more than it saves


def checked_prefixes(base: str | None) -> dict[str, str]:
    """The export's prefixes, after checking that the base makes valid IRIs."""
    import pyoxigraph

    prefixes = iri_prefixes(base)
    for iri in prefixes.values():
        try:
            pyoxigraph.NamedNode(iri)
        except ValueError as exc:
            raise OutputError(f"base IRI {base!r} does not make valid IRIs ({iri!r}: {exc})") from None
    return prefixes


def _oxigraph_triples(dataset: Dataset, base: str | None, reify: bool = False):
    """The triples as pyoxigraph objects: the reference the tests and the benchmark compare with."""
    from pyoxigraph import Literal, NamedNode, Triple

    nodes: dict[str, NamedNode] = {}

    def node(iri: str) -> NamedNode:
        found = nodes.get(iri)
        if found is None:
            found = NamedNode(iri)
            if len(nodes) < 100_000:  # bounded: a million-relation export must not keep them all
                nodes[iri] = found
        return found

    for s, p, o in triples(dataset, base, reify):
        if isinstance(o, Lit):
            o = (Literal(o.value, language=o.language) if o.language
                 else Literal(o.value, datatype=node(o.datatype)) if o.datatype else Literal(o.value))
        elif isinstance(o, TripleTerm):
            o = Triple(node(o.subject), node(o.predicate), node(o.object))
        else:
            o = node(o)
        yield Triple(node(s), node(p), o)


def to_turtle(dataset: Dataset, base: str | None = None, chunks=None) -> "bytes | Pieces":
    """The Turtle export. `chunks` (a check.cache.ChunkCache that knows each relation file's key, from
    `relgraph build`): each file's relations are rendered once and read back while nothing they
    depend on has changed; the same bytes as without it (tests/test_incremental.py), as Pieces
    (the cached chunks, not joined: relgraph build writes them one by one)."""
    prefixes = checked_prefixes(base)
    lead = rdfwriter.prefix_lines(prefixes).encode("utf-8")
    text = _text(dataset, base, turtle=True, chunks=chunks)
    return Pieces([lead, *text.pieces]) if isinstance(text, Pieces) else lead + text


def to_turtle12(dataset: Dataset, base: str | None = None) -> bytes:
    """RDF 1.2 Turtle: the triples of ttl, and each fact's statement reifying its plain triple,
    `st:NAME rdf:reifies <<( ent:s rel:p ent:o )>>`, so a SPARQL 1.2 query can go from the fact to
    its statements and their quotes (`ent:s rel:p ent:o ~ ?statement`). Written a triple at a
    time by rdfwriter (not the templates: it is not the format `build` writes)."""
    prefixes = checked_prefixes(base)
    return rdfwriter.turtle(triples(dataset, base, reify=True), prefixes)


def to_ntriples(dataset: Dataset, base: str | None = None) -> bytes:
    checked_prefixes(base)
    return _text(dataset, base, turtle=False)


class _Counted:
    """Passes triples through and counts them (the dataset description states the total)."""

    def __init__(self, stream):
        self.stream, self.count = stream, 0

    def __iter__(self):
        for self.count, triple in enumerate(self.stream, start=1):
            yield triple


def _text(dataset: Dataset, base: str | None, turtle: bool, chunks=None) -> "bytes | Pieces":
    """Every triple's text: the header and the description by rdfwriter, a triple at a time; the
    relations by relationtext's templates where the prefixes allow (the same bytes, faster), the
    second half by a forked worker on the other core when there are many. The halves join byte
    for byte: each starts a new subject, and the worker is told which facts the first half
    states, so each truthy triple is written once, and the statements' names, so they are the
    dataset's; it sends back how many triples it wrote, for the description that closes the file."""
    prefixes = iri_prefixes(base)
    if turtle:
        def render(stream) -> str:
            return "".join(rdfwriter.turtle_body(stream, prefixes))
    else:
        def render(stream) -> str:
            return "".join(rdfwriter.ntriples_lines(stream))
    writer = RelationText.for_prefixes(prefixes, turtle)
    relations = dataset.relations
    context = QuoteContext(dataset)
    # Made after the fork, by each process for itself at once: both need every name (a claim
    # stated in the first half names the second half's `-n`), and making them takes 0.15 s at 100k.
    names = functools.cache(lambda: statement_names(relations))

    def part(start: int, end: int, stated=None) -> tuple[list[bytes], int]:
        """The relations' UTF-8 text in pieces (joined once, with the rest of the file)."""
        if writer is not None:
            return relations_encoded(writer, relations[start:end], names()[start:end], stated, context)
        counted = _Counted(relation_triples(relations[start:end], base, stated, names()[start:end], context))
        return [render(counted).encode("utf-8")], counted.count

    if writer is not None and chunks is not None and sum(n for _, n in chunks.origins) == len(relations):
        import pyoxigraph  # the header's unusual terms are written by its serializer (rdfwriter)

        tag = repr((turtle, sorted(prefixes.items()), pyoxigraph.__version__)).encode("utf-8")
        head, head_count = _chunked_header(_Counted(header_triples(dataset, base)), render, chunks, tag)
        body, count = _chunked(writer, relations, names(), context, chunks, tag)
        description = render(description_triples(dataset, base, head_count + count)).encode("utf-8")
        return Pieces([head] + body + [description])  # not joined: the chunks are most of the file
    middle = len(relations) // 2 if len(relations) >= PARALLEL_RELATIONS else len(relations)
    worker = None
    if middle < len(relations):
        def second_half() -> list[bytes]:
            pieces, count = part(middle, len(relations), stated_facts(relations[:middle]))
            return [count.to_bytes(8, "big"), *pieces]  # parts: written as they are, no joined copy
        worker = parallel.fork(second_half)
    header = _Counted(header_triples(dataset, base))
    first = [render(header).encode("utf-8")]
    pieces, count = part(0, middle)
    first += pieces
    total = header.count + count
    tail = None
    if middle < len(relations):
        # the worker's half as a mapping of its spool: copied once, by the join below
        tail = parallel.collect_mapped(worker) if worker is not None else None
        tail = tail if tail is not None else b"".join(second_half())  # the worker failed: here
        total += int.from_bytes(tail[:8], "big")
        first.append(memoryview(tail)[8:])  # not tail[8:]: that would copy the half (hundreds of MB)
    first.append(render(description_triples(dataset, base, total)).encode("utf-8"))
    data = b"".join(first)
    if hasattr(tail, "close"):  # a mapping: closed once the view of it is gone
        first.clear()
        tail.close()
    return data


class _Chunk(NamedTuple):
    start: int  # the file's first relation in dataset.relations
    end: int
    earlier: frozenset  # the file's facts whose truthy triple an earlier file writes
    key: str


# A chunk entry: 8 bytes of triple count (for the description's total), then the text.
def _entry(text: str, count: int) -> bytes:
    return count.to_bytes(8, "big") + text.encode("utf-8")


def _entry_count(entry: bytes) -> int:
    return int.from_bytes(entry[:8], "big")


def _entry_text(entry: bytes) -> memoryview:
    return memoryview(entry)[8:]  # not entry[8:]: no copy of hundreds of MB


def _chunked_header(header: _Counted, render, chunks, tag: bytes) -> tuple[memoryview, int]:
    """The header's text (vocabulary, predicates, entities, sources) and its number of triples, read
    back while the context is unchanged: it is made of nothing else (and the syntax and prefixes).
    `header`: its triples, not yet generated (rendered only on a miss)."""
    key = hashlib.sha256(tag + b"\0header\0" + chunks.context.encode()).hexdigest()
    entry = chunks.read(key)
    if entry is None:
        text = render(header)
        entry = _entry(text, header.count)
        chunks.store({key: entry})
    return _entry_text(entry), _entry_count(entry)


def _chunk_plan(relations, names: list[str], chunks, tag: bytes) -> list[_Chunk]:
    """Each relation file's chunk and its key. A file's text depends on its relations (its key
    says they are unchanged), the prefixes (`tag`), and two things earlier files decide: its
    statements' names (a claim stated before gets `-n`) and which of its facts an earlier file
    already wrote the truthy triple of; both go into the key."""
    plan, stated, start = [], set(), 0
    for file_key, count in chunks.origins:
        end = start + count
        facts = [(r.subject, r.predicate, r.object) for r in relations[start:end] if r.is_fact]
        earlier = frozenset(fact for fact in facts if fact in stated)
        stated.update(facts)
        digest = hashlib.sha256(tag + file_key.encode() + b"\0" + "\x1f".join(names[start:end]).encode("utf-8")
                                + b"\0" + repr(sorted(earlier)).encode("utf-8"))
        plan.append(_Chunk(start, end, earlier, digest.hexdigest()))
        start = end
    return plan


def _chunked(writer: RelationText, relations, names: list[str], context, chunks, tag: bytes) -> tuple[list, int]:
    """The relations' text a file at a time: each chunk read from the cache, or rendered (the
    second half of many by a forked worker) and stored. `tag`: the syntax, prefixes and writer."""
    plan = _chunk_plan(relations, names, chunks, tag + b"\0")
    found = {chunk.key: chunks.read(chunk.key) for chunk in plan}
    missing = [chunk for chunk in plan if found[chunk.key] is None]

    def render(jobs: list[_Chunk]) -> list[bytes]:
        entries = []
        for chunk in jobs:
            text, count = relations_text(writer, relations[chunk.start:chunk.end], names[chunk.start:chunk.end],
                                         set(chunk.earlier), context)
            entries.append(_entry(text, count))
        return entries

    fresh = dict(zip((chunk.key for chunk in missing), _render_halves(missing, render)))
    found.update(fresh)
    chunks.store(fresh)
    total = sum(_entry_count(found[chunk.key]) for chunk in plan)
    return [_entry_text(found[chunk.key]) for chunk in plan], total


def _render_halves(jobs: list[_Chunk], render) -> list[bytes]:
    """render(jobs), the second half (by relations) in a forked worker when there are many."""
    size = sum(chunk.end - chunk.start for chunk in jobs)
    if size < PARALLEL_RELATIONS:
        return render(jobs)
    half, done = len(jobs), 0
    for index, chunk in enumerate(jobs):
        done += chunk.end - chunk.start
        if done >= size // 2:
            half = index + 1
            break
    theirs = jobs[half:]
    worker = parallel.fork(lambda: marshal.dumps(render(theirs)))
    mine = render(jobs[:half])
    sent = parallel.collect(worker) if worker is not None else None
    try:
        rest = marshal.loads(sent) if sent is not None else render(theirs)
    except (ValueError, EOFError, TypeError):
        rest = render(theirs)  # the worker failed: here
    return mine + rest


STREAM_BATCH = 2_000  # relations written at a time when streaming
COPY_CHUNK = 1 << 20  # bytes copied at a time from the worker's spool into the output


def write_ntriples(dataset: Dataset, handle: IO[bytes], base: str | None = None) -> None:
    """Stream N-Triples into a binary file as they are generated (no whole-file buffer): the
    same bytes as to_ntriples, the relations by relationtext's templates a batch at a time. With
    many relations the second half is written at the same time by a forked worker on the other
    core (_SpooledHalf), a batch at a time too, and copied in after the first."""
    prefixes = checked_prefixes(base)
    writer = RelationText.for_prefixes(prefixes, turtle=False)
    if writer is None:
        rdfwriter.write_ntriples_text(triples(dataset, base), handle)
        return
    relations = dataset.relations
    names = statement_names(relations)
    context = QuoteContext(dataset)
    middle = len(relations) // 2 if len(relations) >= PARALLEL_RELATIONS else len(relations)
    # Forked before anything is written: nothing of this export sits in the handle's buffer then.
    with _SpooledHalf(writer, relations, names, context, middle) as second:
        header = _Counted(header_triples(dataset, base))
        rdfwriter.write_ntriples_text(header, handle)
        stated: set = set()  # the facts written so far: each truthy triple once
        total = header.count + _write_relations(writer, relations[:middle], names[:middle], stated, context, handle)
        total += second.copy_into(handle, stated)
    rdfwriter.write_ntriples_text(description_triples(dataset, base, total), handle)


def _write_relations(writer: RelationText, relations, names: list[str], stated: set, context, handle: IO[bytes]) -> int:
    """The relations' text written STREAM_BATCH relations at a time; how many triples it holds."""
    total = 0
    for start in range(0, len(relations), STREAM_BATCH):
        text, count = relations_text(writer, relations[start:start + STREAM_BATCH], names[start:start + STREAM_BATCH],
                                     stated, context)
        handle.write(text.encode("utf-8"))
        total += count
    return total


class _SpooledHalf:
    """The relations from `middle` on (none when `middle` is the end), written by a forked worker
    into an unlinked spool file, a batch at a time (its memory bounded as the first half's is),
    told which facts the first half states so that each truthy triple is written once.
    copy_into() waits for it and copies the spool into the output; with no fork, no spool, or a
    failed worker, it writes them itself. Leaving the `with` reaps the worker in any case (an
    error in the first half leaves no process behind)."""

    def __init__(self, writer: RelationText, relations, names: list[str], context, middle: int):
        import tempfile

        self.first, self.part = relations[:middle], (writer, relations[middle:], names[middle:], context)
        self.spool = self.worker = None
        if middle < len(relations):
            try:
                self.spool = tempfile.TemporaryFile()
            except OSError:
                return
            self.worker = parallel.fork(self._write)

    def __enter__(self) -> "_SpooledHalf":
        return self

    def __exit__(self, *_) -> None:
        if self.worker is not None:
            parallel.collect(self.worker)
            self.worker = None
        if self.spool is not None:
            self.spool.close()

    def _write(self) -> bytes:
        """In the worker: the half into the spool, and how many triples it holds (8 bytes)."""
        writer, relations, names, context = self.part
        count = _write_relations(writer, relations, names, stated_facts(self.first), context, self.spool)
        self.spool.flush()
        return count.to_bytes(8, "big")

    def copy_into(self, handle: IO[bytes], stated: set) -> int:
        """The half into `handle` after the first; `stated`: the facts the first half wrote."""
        import shutil

        written = parallel.collect(self.worker) if self.worker is not None else None
        self.worker = None
        if written is None:  # here, then: after the first half, with its facts
            writer, relations, names, context = self.part
            return _write_relations(writer, relations, names, stated, context, handle)
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, handle, COPY_CHUNK)
        return int.from_bytes(written, "big")


def pyoxigraph_serialization(dataset: Dataset, base: str | None, turtle: bool, reify: bool = False) -> bytes:
    """What pyoxigraph's own serializer writes for the same triples (prefix lines sorted)."""
    import pyoxigraph

    if not turtle:
        return pyoxigraph.serialize(_oxigraph_triples(dataset, base, reify), format=pyoxigraph.RdfFormat.N_TRIPLES)
    prefixes = iri_prefixes(base)
    data = pyoxigraph.serialize(_oxigraph_triples(dataset, base, reify), format=pyoxigraph.RdfFormat.TURTLE,
                                prefixes=prefixes)
    lines = data.split(b"\n")
    body = 0
    while body < len(lines) and lines[body].startswith(b"@prefix "):
        body += 1
    header = [f"@prefix {prefix}: <{iri}> .".encode() for prefix, iri in prefixes.items()]
    return b"\n".join(header + lines[body:])


def to_jsonld(dataset: Dataset, base: str | None = None) -> bytes:
    import json

    graph = build_rdf(dataset, base)
    context = {prefix: iri for prefix, iri in graph.namespaces() if prefix}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    # rdflib's node order follows hashing; sort it so the same input gives the same bytes.
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data["@graph"].sort(key=lambda node: node.get("@id", ""))
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
