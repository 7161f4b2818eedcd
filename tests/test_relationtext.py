"""The relations' text by templates (relationtext.py) against the reference path, rdf.relation_triples()
written a triple at a time by rdfwriter: the same bytes, on every fixture and on generated datasets."""
from __future__ import annotations

import dataclasses
import io
import random
import sys

import pytest

from conftest import CLAIMS, MINI, ROOT
from relgraph.build.rdf import iri_prefixes
from relgraph.check.runner import load_dataset
from relgraph.export import relationtext, turtle
from relgraph.export.turtle import pyoxigraph_serialization, to_ntriples, to_turtle
from relgraph.model.records import Figure, PartialDate

sys.path.insert(0, str(ROOT / "bench"))


def by_reference(dataset, base, monkeypatch):
    """Both exports with the templates switched off."""
    with monkeypatch.context() as patch:
        patch.setattr(relationtext.RelationText, "for_prefixes", classmethod(lambda cls, prefixes, turtle: None))
        return to_turtle(dataset, base), to_ntriples(dataset, base)


@pytest.mark.parametrize("root", [ROOT, MINI, CLAIMS], ids=["real graph", "mini fixture", "claims fixture"])
@pytest.mark.parametrize("base", [None, "https://news.example/kg", "urn:x:"])
def test_templates_write_the_reference_bytes(root, base, monkeypatch):
    dataset = load_dataset(root)
    assert (to_turtle(dataset, base), to_ntriples(dataset, base)) == by_reference(dataset, base, monkeypatch)


def test_the_templates_are_used_for_the_default_base():
    assert relationtext.RelationText.for_prefixes(iri_prefixes(None), turtle=True) is not None
    assert relationtext.RelationText.for_prefixes(iri_prefixes(None), turtle=False) is not None


def test_a_base_the_templates_do_not_write_takes_the_reference_path():
    # a base with a character Turtle cannot write in a prefixed name's namespace part as given
    prefixes = iri_prefixes("http://example.org/a%20b/")
    assert relationtext.RelationText.for_prefixes({**prefixes, "rdf": "http://other/"}, turtle=True) is None


def varied(dataset, seed: int):
    """The dataset's relations with every optional field set or cleared at random, odd text in
    notes and quotes, figures of every number kind, and repeated facts (truthy triples once)."""
    rng = random.Random(seed)
    entities = sorted(dataset.entities)
    texts = ['plain', 'with "quotes" and \\ back', 'tab\tnew\nline', 'ünïcödé – “curly”', '\x01control']
    dates = [None, PartialDate(2023), PartialDate(2023, 2), PartialDate(2024, 2, 29)]
    relations = []
    for relation in dataset.relations:
        date = rng.choice(dates)
        relations.append(dataclasses.replace(
            relation, date=date, end_date=rng.choice([None, PartialDate(2024, 12)]) if date else None,
            reported_by=rng.choice([None, *entities[:3]]), denied_by=rng.choice([None, entities[-1]]),
            note=rng.choice([None, *texts]), quote=relation.quote + rng.choice(["", texts[1], texts[3]]),
            figures=tuple(Figure(value=rng.choice([3, 2.5, 10**17, 1e-7, -4]), unit=rng.choice(texts),
                                 measure="m") for _ in range(rng.choice([0, 0, 1, 3]))),
            anchor=rng.choice([relation.anchor, relation.anchor, None])))
    relations += relations[: len(relations) // 3]  # the same facts again: their truthy triples are written once
    return dataclasses.replace(dataset, relations=tuple(relations))


@pytest.mark.parametrize("seed", range(5))
def test_templates_write_the_reference_bytes_for_every_optional_field(seed, monkeypatch):
    dataset = varied(load_dataset(CLAIMS), seed)
    assert (to_turtle(dataset), to_ntriples(dataset)) == by_reference(dataset, None, monkeypatch)
    assert to_turtle(dataset) == pyoxigraph_serialization(dataset, None, turtle=True)


def test_both_halves_by_templates_join_as_the_reference(tmp_path, monkeypatch):
    from generate import generate

    dataset = varied(load_dataset(generate(300, tmp_path / "c")), 9)
    monkeypatch.setattr(turtle, "PARALLEL_RELATIONS", 2)
    assert (to_turtle(dataset), to_ntriples(dataset)) == by_reference(dataset, None, monkeypatch)


def test_templates_write_the_reference_bytes_at_the_articles_bounds(monkeypatch):
    """Quotes that open or close their article: no oa:prefix, or no oa:suffix, on both paths."""
    dataset = load_dataset(CLAIMS)
    anchored = [r for r in dataset.relations if r.anchor is not None]
    texts, offsets = dict(dataset.source_texts), dict(dataset.source_text_offsets)
    first = anchored[0]
    last = next(r for r in anchored if r.source != first.source and
                r.anchor.end - offsets[r.source] < len(texts[r.source]))  # one with text after it
    # the article now starts where the first quote starts and ends where the last one ends
    for relation, cut in ((first, "start"), (last, "end")):
        text, offset = texts[relation.source], offsets[relation.source]
        if cut == "start":
            texts[relation.source], offsets[relation.source] = text[relation.anchor.start - offset:], relation.anchor.start
        else:
            texts[relation.source] = text[:relation.anchor.end - offset]
    bounded = dataclasses.replace(dataset, source_texts=texts, source_text_offsets=offsets)
    ttl = to_turtle(bounded)
    assert (to_turtle(bounded), to_ntriples(bounded)) == by_reference(bounded, None, monkeypatch)
    assert ttl.count(b"oa:prefix") < to_turtle(dataset).count(b"oa:prefix")
    assert ttl.count(b"oa:suffix") < to_turtle(dataset).count(b"oa:suffix")


def streamed(dataset) -> bytes:
    handle = io.BytesIO()
    turtle.write_ntriples(dataset, handle)
    return handle.getvalue()


@pytest.fixture
def halved(tmp_path, monkeypatch):
    """A generated dataset with every optional field varied, streamed in two halves."""
    from generate import generate

    monkeypatch.setattr(turtle, "PARALLEL_RELATIONS", 2)
    monkeypatch.setattr(turtle, "STREAM_BATCH", 7)  # several batches in each half
    return varied(load_dataset(generate(300, tmp_path / "c")), 4)


def test_the_stream_in_two_halves_is_the_reference(halved, monkeypatch):
    forks = []
    fork = turtle.parallel.fork
    monkeypatch.setattr(turtle.parallel, "fork", lambda work: forks.append(work) or fork(work))
    monkeypatch.setattr(turtle, "COPY_CHUNK", 1000)
    text = streamed(halved)
    assert len(forks) == 1  # the second half was the worker's
    assert text == to_ntriples(halved) == by_reference(halved, None, monkeypatch)[1]


@pytest.mark.parametrize("failure", ["no fork", "worker fails", "no spool"])
def test_the_stream_without_its_worker_is_the_reference(halved, monkeypatch, failure):
    if failure == "no fork":
        monkeypatch.setattr(turtle.parallel, "fork", lambda work: None)
    elif failure == "worker fails":  # after writing part of its half into the spool
        def half_then_fail(self):
            self.spool.write(b"<a> <b> <c> .\n")
            self.spool.flush()
            raise RuntimeError("worker failed")
        monkeypatch.setattr(turtle._SpooledHalf, "_write", half_then_fail)
    else:
        import tempfile

        def no_space():
            raise OSError(28, "No space left on device")
        monkeypatch.setattr(tempfile, "TemporaryFile", no_space)
    assert streamed(halved) == to_ntriples(halved)


def test_an_error_in_the_first_half_leaves_no_worker_behind(halved, monkeypatch):
    import os

    workers = []
    fork = turtle.parallel.fork
    monkeypatch.setattr(turtle.parallel, "fork", lambda work: workers.append(fork(work)) or workers[-1])

    class DiskFull(io.BytesIO):
        def write(self, data):
            if self.tell() > 1000:
                raise OSError(28, "No space left on device")
            return super().write(data)

    with pytest.raises(OSError, match="No space"):
        turtle.write_ntriples(halved, DiskFull())
    (pid, spool), = workers
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already
    assert spool.closed  # collect() closed it


def test_write_parts_writes_every_part_in_order_through_short_writes(tmp_path, monkeypatch):
    import os

    from relgraph import parallel

    parts = [b"a" * 10, b"", memoryview(b"bcd"), b"e" * 700, b"f"] * 300  # more than one writev batch
    expected = b"".join(parts)
    real_write = os.write

    def short_writev(fd, batch):  # the system writes all but the last 703 bytes: it stops inside a part
        data = b"".join(batch)
        return real_write(fd, data[:max(0, len(data) - 703)])

    def short_write(fd, data):
        return real_write(fd, bytes(data[:5]))

    monkeypatch.setattr(os, "writev", short_writev)
    monkeypatch.setattr(os, "write", short_write)
    with open(tmp_path / "out", "wb") as handle:
        parallel.write_parts(handle.fileno(), parts)
    assert (tmp_path / "out").read_bytes() == expected
    monkeypatch.delattr(os, "writev")  # no writev (Windows): every part by write()
    with open(tmp_path / "plain", "wb") as handle:
        parallel.write_parts(handle.fileno(), parts)
    assert (tmp_path / "plain").read_bytes() == expected


@pytest.mark.parametrize("sent, expected", [([b"abc", b"", b"def"], b"abcdef"), (b"whole", b"whole"), ([], b"")],
                         ids=["parts", "bytes", "nothing"])
def test_collect_mapped_gives_the_workers_bytes(sent, expected):
    from relgraph import parallel

    got = parallel.collect_mapped(parallel.fork(lambda: sent))
    assert bytes(got) == expected
    if hasattr(got, "close"):
        got.close()


def test_collect_mapped_of_a_failed_worker_is_none():
    from relgraph import parallel

    def broken():
        raise RuntimeError("worker dies")
    assert parallel.collect_mapped(parallel.fork(broken)) is None
