"""Issue 19's rule for every cache of the check and the build: after any edit, a cached run gives
byte for byte what a run with no cache gives. A sequence of edits (relation files edited,
renamed, deleted and added; a fact restated in an earlier file, which moves its truthy triple and
renames its statement; entities, predicates, sources and a seed edited, then restored),
and after each one the diagnostics and every file of output/ compared with a --no-cache build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run
from relgraph.check.cache import CACHE_DIR, CHUNKS_DIR, VOCABULARY_DIR, ChunkCache
from relgraph.check.runner import check_project


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    """Two copies of the real project: one always built with the cache, one never."""
    copies = []
    for name in ("cached", "plain"):
        target = tmp_path / name
        for part in ("graph", "seeds"):
            shutil.copytree(ROOT / part, target / part)
        copies.append(target)
    return copies[0], copies[1]


def outputs(root: Path) -> dict[str, bytes]:
    folder = root / "output"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def both(pair, change) -> None:
    for root in pair:
        change(root)


def replace(path: str, old: str, new: str, count: int = 1):
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, count), encoding="utf-8")
    return change


def rename(old: str, new: str):
    return lambda root: (root / old).rename(root / new)


def delete(path: str):
    return lambda root: (root / path).unlink()


def first_relation_file() -> str:
    return f"graph/relations/{sorted((ROOT / 'graph' / 'relations').glob('*.yaml'))[0].name}"


def seed_of(relation_file: str) -> tuple[str, str]:
    """(seed file, its source id) of a relation file, read from sources.yaml as written."""
    import yaml

    source = yaml.safe_load((ROOT / relation_file).read_text(encoding="utf-8"))["source"]
    for record in yaml.safe_load((ROOT / "graph" / "sources.yaml").read_text(encoding="utf-8")):
        if record["id"] == source:
            return record["file"], source
    raise AssertionError(source)


def edits():
    """(what, change) in order; each builds on the ones before it."""
    first = first_relation_file()
    text = (ROOT / first).read_text(encoding="utf-8")
    seed, _ = seed_of(first)
    added = "graph/relations/zz-added.yaml"

    def add(root: Path) -> None:
        (root / added).write_text(text.replace("note:", "note: (a copy)", 1) if "note:" in text else text, encoding="utf-8")

    def seed_edit(root: Path) -> None:
        with open(root / "seeds" / seed, "ab") as handle:
            handle.write(b"\n")

    def seed_restore(root: Path) -> None:
        (root / "seeds" / seed).write_bytes((ROOT / "seeds" / seed).read_bytes())

    restating = "graph/relations/0-restating.yaml"  # sorts before every relation file

    def restate(fact: bool):
        """A relation of a later file stated again with another date, in a file that sorts first: the
        later file's statement name becomes the claim's second (`-2`), and for a fact its truthy
        triple moves here (a relation with a status: only the name changes)."""
        def change(root: Path) -> None:
            import yaml

            later = sorted((ROOT / "graph" / "relations").glob("*.yaml"))[1]
            record = yaml.safe_load(later.read_text(encoding="utf-8"))
            chosen = next(r for r in record["relations"] if ("status" not in r) == fact)
            chosen = {**chosen, "date": 1997 if str(chosen.get("date")) != "1997" else 1998}
            (root / restating).write_text(yaml.safe_dump({"source": record["source"], "relations": [chosen]},
                                                         allow_unicode=True, sort_keys=False), encoding="utf-8")
        return change

    entity_line = next(line for line in (ROOT / "graph" / "entities.yaml").read_text(encoding="utf-8").splitlines()
                       if line.strip().startswith("description:"))
    predicate_line = next(line for line in (ROOT / "graph" / "predicates.yaml").read_text(encoding="utf-8").splitlines()
                          if line.strip().startswith("description:"))
    source_line = next(line for line in (ROOT / "graph" / "sources.yaml").read_text(encoding="utf-8").splitlines()
                       if line.strip().startswith("title:"))
    return [
        ("nothing changed", lambda root: None),
        ("a relation file edited", replace(first, "quote:", "note: edited\n    quote:") if "    quote:" in text
         else replace(first, "quote:", "note: edited\n  quote:")),
        ("a relation file renamed", rename(first, "graph/relations/zz-renamed.yaml")),
        ("a relation file added (its relations now duplicates: E116)", add),
        ("the duplicate deleted", delete(added)),
        ("the renamed file deleted", delete("graph/relations/zz-renamed.yaml")),
        ("the file restored under its name", lambda root: (root / first).write_text(text, encoding="utf-8")),
        ("a later file's fact restated first, with another date", restate(fact=True)),
        ("the restating file deleted", delete(restating)),
        ("a later file's reported relation restated first, with another date", restate(fact=False)),
        ("that restating file deleted", delete(restating)),
        ("an entity's description edited", replace("graph/entities.yaml", entity_line, entity_line + " (edited)")),
        ("a predicate's description edited", replace("graph/predicates.yaml", predicate_line, predicate_line + " (edited)")),
        ("a source's title edited", replace("graph/sources.yaml", source_line, source_line + " (edited)")),
        ("a seed edited (E115)", seed_edit),
        ("the seed restored", seed_restore),
        ("the entity edit undone (A-B-A)", replace("graph/entities.yaml", entity_line + " (edited)", entity_line)),
    ]


def test_every_cached_result_is_what_a_build_without_cache_gives(pair):
    cached, plain = pair
    for what, change in edits():
        both(pair, change)
        with_cache, without = run(cached, "build"), run(plain, "--no-cache", "build")
        assert (with_cache.exit_code, with_cache.stderr) == (without.exit_code, without.stderr), what
        assert outputs(cached) == outputs(plain), what
        check_cached, check_plain = run(cached, "check"), run(plain, "--no-cache", "check")
        assert (check_cached.exit_code, check_cached.stdout, check_cached.stderr) == \
            (check_plain.exit_code, check_plain.stdout, check_plain.stderr), what
        # the check's summary path (cached files not decoded into relations) against the full one
        counts, diagnostics = check_project(cached, cache=True, summary=True)
        dataset, full_diagnostics = check_project(plain)
        assert [str(d) for d in diagnostics] == [str(d) for d in full_diagnostics], what
        assert (counts is None) == (dataset is None), what
        if dataset is not None:
            assert counts == (len(dataset.relations), len(dataset.entities), len(dataset.predicates),
                              len(dataset.sources)), what
    assert (cached / CACHE_DIR / VOCABULARY_DIR).is_dir()  # the vocabulary cache really was in use
    # and the build's chunks: one a relation file, the Turtle header and the page's layout (the real
    # graph's page is not an overview: one layout), entries of other runs dropped
    assert len(list((cached / CACHE_DIR / CHUNKS_DIR).iterdir())) == len(list((cached / "graph" / "relations").iterdir())) + 2
    assert not (plain / CACHE_DIR / VOCABULARY_DIR).exists()


def test_the_vocabulary_entry_is_used_and_replaced(pair, monkeypatch):
    from relgraph.check import rules

    cached, _ = pair
    calls = []
    real = rules.Validator.validate_vocabulary
    monkeypatch.setattr(rules.Validator, "validate_vocabulary", lambda self: calls.append(1) or real(self))
    first = check_project(cached, cache=True)
    second = check_project(cached, cache=True)
    assert calls == [1] and second == first  # the second run took the validated vocabulary
    replace("graph/entities.yaml", "description:", "description: (edited)")(cached)
    third = check_project(cached, cache=True)
    assert calls == [1, 1]  # a new vocabulary: validated again
    assert third == check_project(cached)
    calls.clear()
    entries = list((cached / CACHE_DIR / VOCABULARY_DIR).iterdir())
    assert len(entries) == 1  # the old context's entry went
    tampered = entries[0].read_bytes()[:-5] + b"xxxxx"
    entries[0].write_bytes(tampered)  # fails its seal: a miss, never served
    assert check_project(cached, cache=True) == third and calls == [1]
    assert entries[0].read_bytes() != tampered  # and stored again, sealed
    assert check_project(cached, cache=True) == third and calls == [1]


def test_turtle_chunks_rendered_by_the_forked_worker_or_read_back_tampered_are_the_plain_bytes(pair, monkeypatch):
    """The build's Turtle chunks: rendered with the second half in a forked worker (made to fork at
    any size here), read back, and a tampered entry (fails its seal: rendered again) all give the
    bytes of a build without the cache."""
    from relgraph.export import turtle
    from relgraph.pipeline import build

    cached, plain = pair
    build(plain)
    monkeypatch.setattr(turtle, "PARALLEL_RELATIONS", 1)
    build(cached, cache=True)
    assert outputs(cached) == outputs(plain)
    entries = sorted((cached / CACHE_DIR / CHUNKS_DIR).iterdir())
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    (cached / "output" / "graph.ttl").unlink()
    build(cached, cache=True)
    assert outputs(cached) == outputs(plain)
    assert all(not entry.read_bytes().endswith(b"xyz") for entry in entries)  # stored again, sealed


def test_a_cached_vocabulary_cuts_the_article_texts_from_the_seed_bytes_its_key_was_made_of(pair):
    """The vocabulary entry holds where each article lies in its seed, not its text; a run that takes
    the entry cuts the texts from the seed bytes it has just hashed for the entry's key, and they are
    the texts a run without the cache reads."""
    from relgraph.check import codec
    from relgraph.check.cache import RelationFileCache

    cached, plain = pair
    check_project(cached, cache=True)
    taken, _ = check_project(cached, cache=True)
    fresh, _ = check_project(plain)
    assert isinstance(taken.source_texts, codec.SeedTexts)
    assert dict(taken.source_texts) == dict(fresh.source_texts) and len(fresh.source_texts) >= 6
    assert taken.source_text_offsets == fresh.source_text_offsets
    entry = next((cached / CACHE_DIR / VOCABULARY_DIR).iterdir()).read_bytes()
    longest = max(fresh.source_texts.values(), key=len)
    assert longest[:200].encode("utf-8") not in entry
    store = RelationFileCache(cached)
    store.lookup()
    data = store.read_vocabulary()
    assert codec.decode_vocabulary(data, store.seeds)[0]["raw_texts"]["dialog-2022"] == fresh.source_texts["dialog-2022"]
    with pytest.raises(KeyError):  # a seed the key did not read: a miss, validated again
        codec.decode_vocabulary(data, dict(list(sorted(store.seeds.items()))[1:]))


def test_a_vocabulary_edited_during_a_build_is_not_kept_under_the_older_key(pair, monkeypatch):
    """entities.yaml saved after the cache hashed the context but before the build read it: nothing of
    that run is kept (no entries, no Turtle chunks), so undoing the edit never brings back its text."""
    from relgraph.pipeline import build
    from relgraph.read import project

    cached, plain = pair
    entities = cached / "graph" / "entities.yaml"
    original = entities.read_text(encoding="utf-8")
    line = next(x for x in original.splitlines() if x.strip().startswith("description:"))
    real = project.parse_project

    def edited_meanwhile(*args, **kwargs):
        entities.write_text(original.replace(line, line + " (EDITED DURING THE RUN)", 1), encoding="utf-8")
        return real(*args, **kwargs)
    monkeypatch.setattr(project, "parse_project", edited_meanwhile)
    build(cached, cache=True)
    monkeypatch.setattr(project, "parse_project", real)
    entities.write_text(original, encoding="utf-8")  # the curator undoes the edit
    build(cached, cache=True)
    build(plain)
    assert b"EDITED DURING THE RUN" not in (cached / "output" / "graph.ttl").read_bytes()
    assert outputs(cached) == outputs(plain)


# -- the page's layouts and communities, kept in the chunk store (export/memo.py) -----------------
@pytest.fixture
def overview_pair(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """Two copies of a generated corpus whose page is an overview (the page's limits lowered), with
    sub-communities: every memo of the page is used (each community's layout, the communities,
    each large community's sub-communities)."""
    import sys

    from relgraph.export import html

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    monkeypatch.setattr(html, "PAGE_RELATION_LIMIT", 300)
    monkeypatch.setattr(html, "OVERVIEW_RELATIONS", 200)
    monkeypatch.setattr(html, "SUBCOMMUNITY_ABOVE", 20)
    cached = generate(600, tmp_path / "cached")
    plain = tmp_path / "plain"
    shutil.copytree(cached, plain)
    return cached, plain


def relation_file(root: Path, index: int) -> Path:
    return sorted((root / "graph" / "relations").glob("*.yaml"))[index]


def test_an_overview_built_with_its_kept_layouts_and_communities_is_the_page_without_them(overview_pair, monkeypatch):
    """Cached and --no-cache builds of an overview after each edit give the same bytes; after an edit
    that moves no relation's ends, no layout and no label propagation runs again."""
    from relgraph.export import communities, layout
    from relgraph.pipeline import build

    cached, plain = overview_pair
    calls = []
    for module, name in ((layout, "layout"), (communities, "communities")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, real=real, name=name: calls.append(name) or real(*args))

    def note(root: Path) -> None:
        path = relation_file(root, 3)
        path.write_text(path.read_text(encoding="utf-8").replace("quote:", "note: edited\n  quote:", 1), encoding="utf-8")

    def moved(root: Path) -> None:  # a relation's object changed (to another of its type): the communities change
        path = relation_file(root, 5)
        text = path.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.strip().startswith("object:"))
        number = int(old.split("Entity")[1])  # a country every tenth entity (bench/generate.py), a person otherwise
        other = number + 10 if number % 10 == 0 else number + 1 if number % 10 < 9 else number - 1
        path.write_text(text.replace(old, f"{old.split(':')[0]}: Entity {other}", 1), encoding="utf-8")

    steps = [("first build", lambda root: None, "made"), ("nothing changed", lambda root: None, "kept"),
             ("a note added", note, "kept"), ("a relation's object changed", moved, "made"),
             ("a relation file deleted", lambda root: relation_file(root, 8).unlink(), "made")]
    used = []
    real_drop = ChunkCache.drop_unused
    monkeypatch.setattr(ChunkCache, "drop_unused", lambda self: used.append(set(self.used)) or real_drop(self))
    for what, change, expected in steps:
        both((cached, plain), change)
        calls.clear()
        build(cached, cache=True)
        made = set(calls)
        build(plain)
        assert outputs(cached) == outputs(plain), what
        page = (cached / "output" / "graph.html").read_bytes()
        assert b'"overview":{' in page, what
        if what == "first build":
            assert made == {"communities", "layout"}
        if expected == "kept":  # nothing laid out or propagated again, sub-communities included
            assert made == set() and b'"subs":[{' in page, what
        else:
            assert "communities" in made, what
    # the chunks are exactly what the last build used: a relation file's, the Turtle header, and the
    # page's (a layout a community, the communities, each large community's sub-communities)
    assert {p.name for p in (cached / CACHE_DIR / CHUNKS_DIR).iterdir()} == used[-1]
    assert len(used[-1]) > len(list((cached / "graph" / "relations").iterdir())) + 3


class MemoryChunks:
    """ChunkCache's read and store, in memory."""

    def __init__(self):
        self.entries: dict[str, bytes] = {}
        self.reads: list[str] = []

    def read(self, key: str) -> bytes | None:
        self.reads.append(key)
        return self.entries.get(key)

    def store(self, entries: dict[str, bytes]) -> None:
        self.entries.update(entries)


def test_a_layout_is_read_back_only_for_the_same_inputs(monkeypatch):
    """Every input of layout() is in its key: the actors' order, each link, each degree; a hit
    returns layout()'s floats and groups exactly, and an entry that does not decode is laid out again."""
    from relgraph.export import layout

    members = [f"a{i}" for i in range(12)]
    links = {(members[i], members[(i * 5 + 1) % 12]) for i in range(12)} - {(m, m) for m in members}
    degree = {m: 1 + i % 4 for i, m in enumerate(members)}
    calls = []
    real = layout.layout
    monkeypatch.setattr(layout, "layout", lambda *args: calls.append(1) or real(*args))
    chunks = MemoryChunks()
    expected = real(members, links, degree)
    assert layout.remembered_layout(members, links, degree, chunks) == expected and len(calls) == 1
    assert layout.remembered_layout(members, links, degree, chunks) == expected and len(calls) == 1  # a hit
    variants = [(members[::-1], links, degree), (members, links - {min(links)}, degree),
                (members, links, {**degree, "a3": 9})]
    for args in variants:
        assert layout.remembered_layout(*args, chunks) == real(*args)
    assert len(calls) == 4 and len(chunks.entries) == 4
    key = chunks.reads[0]
    chunks.entries[key] = b"[not json"
    assert layout.remembered_layout(members, links, degree, chunks) == expected and len(calls) == 5


def test_kept_communities_are_the_labels_of_the_same_pairs(monkeypatch):
    import numpy as np

    from relgraph.export import communities

    pairs = np.array([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    chunks = MemoryChunks()
    expected = communities.communities(6, pairs)
    assert communities.remembered_communities(6, pairs, chunks).tolist() == expected.tolist()
    monkeypatch.setattr(communities, "communities", lambda *args: pytest.fail("not read back"))
    assert communities.remembered_communities(6, pairs, chunks).tolist() == expected.tolist()
    monkeypatch.undo()
    assert communities.remembered_communities(7, pairs, chunks).tolist() == communities.communities(7, pairs).tolist()
    assert communities.remembered_communities(6, pairs[:-1], chunks).tolist() == communities.communities(6, pairs[:-1]).tolist()
    assert len(chunks.entries) == 3
    chunks.entries[chunks.reads[0]] = b"\0" * 8  # one label for six actors: not an entry it wrote
    assert communities.remembered_communities(6, pairs, chunks).tolist() == expected.tolist()


def test_a_memo_is_keyed_by_its_kind_its_inputs_and_the_code_that_made_it(tmp_path):
    from relgraph.export import memo

    made = []
    other_code = tmp_path / "other.py"
    other_code.write_text("# another module\n", encoding="utf-8")
    chunks = MemoryChunks()

    def kept(kind: str, code: str, inputs: bytes) -> bytes:
        return memo.remembered(chunks, kind, code, inputs, lambda: made.append(1) or inputs + b"!", bytes, bytes)

    assert kept("layout", memo.__file__, b"in") == b"in!" and kept("layout", memo.__file__, b"in") == b"in!"
    assert len(made) == 1  # the second was read back
    for kind, code, inputs in (("communities", memo.__file__, b"in"), ("layout", str(other_code), b"in"),
                               ("layout", memo.__file__, b"in2")):
        assert kept(kind, code, inputs) == inputs + b"!"
    assert len(made) == 4 and len(chunks.entries) == 4
    assert memo.remembered(None, "layout", memo.__file__, b"in", lambda: b"made", bytes, bytes) == b"made"
    assert len(chunks.entries) == 4  # without a store nothing is kept
