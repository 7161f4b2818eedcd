"""The check's speed tricks against the plain paths they stand for (issue 19: check at its floor).

Each trick is a shortcut inside one function; each test here runs the shortcut and the plain
path on the same input and asserts the same answer.
"""
from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CLAIMS, MINI, ROOT, copy_fixture, edit
from relgraph.check import rules
from relgraph.check.anchors import SourceText
from relgraph.check.runner import check_project
from relgraph.model.names import NameIndex
from relgraph.model.text import CONTROL, TYPOGRAPHIC, first_control, fold_typography, has_no_control, normalize_quote

SETTINGS = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
# Text rich in what the tricks must get right: whitespace runs, typographic marks, control characters.
TRICKY = st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "a", "B", "é", "`", "'",
                                   *map(chr, TYPOGRAPHIC), "\x00", "\x07", "\x1f", "\x7f", "\ufffe", "\u2028", "\u200b"]),
                   max_size=40).map("".join)


@SETTINGS
@given(TRICKY)
def test_typography_is_folded_as_translate_folds_it(text):
    assert fold_typography(text) == text.translate(TYPOGRAPHIC)


def test_every_typographic_mark_is_folded():
    for mark, ascii_mark in TYPOGRAPHIC.items():
        assert fold_typography(chr(mark)) == ascii_mark and fold_typography(f"a{chr(mark)}b") == f"a{ascii_mark}b"


@SETTINGS
@given(TRICKY)
def test_the_control_character_shortcut_agrees_with_the_pattern(text):
    found = CONTROL.search(text)
    assert has_no_control(text) == (found is None)
    assert first_control(text) == (None if found is None else f"U+{ord(found.group()):04X}")


def shift_map_by_the_first_method(raw: str) -> tuple[list[int], list[int]]:
    """SourceText's map from folded to raw offsets as first written: one pattern for every run."""
    folded = raw.translate(TYPOGRAPHIC)
    breaks, shifts, shift = [0], [0], 0
    for match in re.finditer(r"\s{2,}|^\s+", folded):
        start, end = match.span()
        if start == 0:
            shift += end - start
            breaks[0], shifts[0] = 0, shift
            continue
        shift += end - start - 1
        breaks.append(start - (shift - (end - start - 1)) + 1)
        shifts.append(shift)
    return breaks, shifts


@SETTINGS
@given(TRICKY, st.integers(0, 50), st.integers(1, 9))
def test_source_text_maps_offsets_as_the_first_method_did(raw, offset, first_line):
    text = SourceText(raw, offset, first_line)
    assert text.normalized == normalize_quote(raw)  # the map is made with the folded text, when first read
    assert (text._breaks, text._shifts) == shift_map_by_the_first_method(raw)
    # Every quote that can be cut from the folded text is anchored where counting lines finds it.
    folded = text.normalized
    for start in range(len(folded)):
        for end in range(start + 1, min(len(folded), start + 6) + 1):
            quote = folded[start:end]
            if quote != quote.strip():
                continue
            anchor = text.anchor(quote, start)
            assert anchor == text.anchor(quote, start, len(normalize_quote(quote)))
            raw_start = anchor.start - offset
            assert anchor.line == first_line + raw.count("\n", 0, raw_start)
            assert normalize_quote(raw[raw_start:anchor.end - offset]) == normalize_quote(quote)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["add", "lookup"]), st.sampled_from(["a", "b", "c"]),
                          st.sampled_from(["Xi", "xi", "XI ", "Putin", "Путин", "party-to", "party to", "Zelensky"])),
                max_size=30), st.booleans())
def test_name_lookups_agree_with_the_index_itself(steps, hyphens):
    # The memo of names looked up must never hide a name added after the first lookup.
    index = NameIndex(hyphens_as_spaces=hyphens)
    for action, item, name in steps:
        if action == "add":
            index.add(item, [name])
        assert index.lookup(name) == index._ids.get(index.key(name), set())


def without_quick_checks(monkeypatch):
    monkeypatch.setattr(rules, "_quick_checks", lambda fields: {})


# One edit per kind of value the quick checks see: plain, empty, blank, control character, wrong
# pattern, wrong choice, not text at all.
EDITS = [
    ("graph/entities.yaml", "- id: kyiv\n", "- id: Kyiv_City\n"),
    ("graph/entities.yaml", "  type: city-or-region\n  description: Capital of China.",
     "  type: city\n  description: Capital of China."),
    ("graph/entities.yaml", "  label: Beijing\n", "  label: '   '\n"),
    ("graph/entities.yaml", "  label: Beijing\n", "  label: \"Bei\\x07jing\"\n"),
    ("graph/entities.yaml", "  label: Beijing\n", "  label: 12\n"),
    ("graph/relations/leaders-meet.yaml", "- subject: Putin\n", "- subject: ''\n"),
    ("graph/relations/leaders-meet.yaml", "- subject: Putin\n", "- subject: \"Putin\\ttoo\"\n"),
    ("graph/relations/leaders-meet.yaml", "  status: negated\n", "  status: negatd\n"),
    ("graph/sources.yaml", "  file: article.txt", "  file: [article.txt]"),
]


@pytest.mark.parametrize("edit_made", [None, *EDITS], ids=["unedited", *(f"{e[0]}:{e[2].strip()}" for e in EDITS)])
def test_quick_field_checks_give_what_the_full_checks_give(tmp_path, monkeypatch, edit_made):
    root = copy_fixture(MINI, tmp_path / "mini")
    if edit_made:
        edit(root / edit_made[0], edit_made[1], edit_made[2])
    quick = check_project(root)
    without_quick_checks(monkeypatch)
    assert check_project(root) == quick


@pytest.mark.parametrize("project", [ROOT, CLAIMS], ids=["real graph", "claims fixture"])
def test_quick_field_checks_on_whole_projects(project, monkeypatch):
    quick = check_project(project)
    without_quick_checks(monkeypatch)
    assert check_project(project) == quick and quick[0] is not None


def test_lines_are_found_by_bisection_as_by_counting():
    raw = "first\n\nsecond line\nthird\n\n\nlast"
    text = SourceText(raw, 10, 3)
    starts = [0] + [i + 1 for i, c in enumerate(raw) if c == "\n"]
    for offset in range(len(raw)):
        assert bisect.bisect_right(text._line_starts(), offset) - 1 == raw.count("\n", 0, offset) == \
            bisect.bisect_right(starts, offset) - 1


@pytest.mark.parametrize("project", [ROOT, CLAIMS], ids=["real graph", "claims fixture"])
def test_records_made_in_bulk_are_the_records_made_one_by_one(project):
    from relgraph.model.fields import edge_attributes, record_maker, relation_record

    dataset = check_project(project)[0]
    record, attributes = record_maker(dataset), record_maker(dataset, endpoints=False)
    for relation in dataset.relations:
        one, bulk = relation_record(dataset, relation), record(relation)
        assert bulk == one and list(bulk) == list(one)
        edge, bulk_edge = edge_attributes(dataset, relation), attributes(relation)
        assert bulk_edge == edge and list(bulk_edge) == list(edge)
    # the records are the caller's own: changing one changes no other
    first, second = (record(r) for r in dataset.relations[:2])
    first["quote"] = "changed"
    assert record(dataset.relations[0])["quote"] == dataset.relations[0].quote


def test_every_attribute_field_names_a_relation_attribute():
    from relgraph.model.fields import RELATION_RECORD
    from relgraph.model.records import Relation

    names = {f.name for f in __import__("dataclasses").fields(Relation)}
    for f in RELATION_RECORD:
        assert f.depends_on in ("relation", "attribute", "predicate", "source"), f.name
        if f.depends_on == "attribute":
            assert f.name in names, f.name


def test_a_summary_only_entry_reads_as_a_summary_and_never_as_relations():
    # The forked worker of `relgraph --no-cache check` sends only what summarize() reads.
    from relgraph.check.codec import decode_file_result, decode_file_summary, encode_file_result

    dataset = check_project(CLAIMS)[0]
    relations = list(dataset.relations)
    whole = decode_file_summary(encode_file_result(relations, []), CLAIMS / "x.yaml", "x.yaml")[0]
    part = decode_file_summary(encode_file_result(relations, [], whole=False), CLAIMS / "x.yaml", "x.yaml")[0]
    assert (part.ids, part.used, part.cited) == (whole.ids, whole.used, whole.cited) == (
        [r.id for r in relations], sorted({n for r in relations for n in (r.subject, r.object, r.reported_by, r.denied_by) if n}),
        sorted({r.source for r in relations}))
    assert part._wheres == whole._wheres  # the same positions, still encoded (decoded when an E116 asks)
    with pytest.raises(ValueError, match="a summary"):
        decode_file_result(encode_file_result(relations, [], whole=False), CLAIMS / "x.yaml", "x.yaml")


def same_network(fast, plain) -> None:
    """The same graph, down to the order of every dict and which dicts are shared."""
    import networkx as nx

    assert nx.utils.graphs_equal(fast, plain) and type(fast) is type(plain) and fast.graph == plain.graph
    assert list(fast.nodes(data=True)) == list(plain.nodes(data=True))
    assert [list(a) for _, a in fast.nodes(data=True)] == [list(a) for _, a in plain.nodes(data=True)]
    assert list(fast.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
    assert [list(a) for *_, a in fast.edges(keys=True, data=True)] == [list(a) for *_, a in plain.edges(keys=True, data=True)]
    for kept in ("_succ", "_pred"):  # each node's neighbours in the order add_edge meets them
        assert {n: list(near) for n, near in getattr(fast, kept).items()} == \
            {n: list(near) for n, near in getattr(plain, kept).items()}
    assert all(fast._pred[v][u] is keyed for u, near in fast._succ.items() for v, keyed in near.items())
    assert list(fast.in_edges(keys=True)) == list(plain.in_edges(keys=True))
    assert fast.__networkx_cache__ == plain.__networkx_cache__ == {}


@pytest.mark.parametrize("include", ["facts", "all"])
@pytest.mark.parametrize("project", [ROOT, CLAIMS], ids=["real graph", "claims fixture"])
def test_the_network_built_in_bulk_is_the_network_add_edge_builds(project, include):
    from relgraph.build.network import build_network, network_by_add_edge

    dataset = check_project(project)[0]
    same_network(build_network(dataset, include), network_by_add_edge(dataset, include))


@pytest.mark.parametrize("seed", range(3))
def test_the_network_built_in_bulk_for_every_optional_field_and_repeated_ids(seed, tmp_path):
    # varied(): every optional field set or cleared, a third of the relations again under the same ids
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate
    from test_relationtext import varied
    from relgraph.build.network import build_network, network_by_add_edge
    from relgraph.check.runner import load_dataset

    dataset = varied(load_dataset(generate(400, tmp_path / "c", seed=seed)), seed)
    for include in ("facts", "all", ("denied",)):
        same_network(build_network(dataset, include), network_by_add_edge(dataset, include))


def test_an_edge_whose_end_no_entity_names_gets_the_bare_node_add_edge_gives():
    import dataclasses
    import gc

    from relgraph.build.network import build_network, network_by_add_edge

    dataset = check_project(CLAIMS)[0]
    fact = next(r for r in dataset.relations if r.is_fact)
    odd = dataclasses.replace(dataset, relations=dataset.relations + (
        dataclasses.replace(fact, id="r000000000001", object="nobody-named"),
        dataclasses.replace(fact, id="r000000000002", subject="nobody-named", object="nobody-either")))
    fast = build_network(odd)
    same_network(fast, network_by_add_edge(odd))
    assert fast.nodes["nobody-named"] == {} and fast.has_edge("nobody-named", "nobody-either", "r000000000002")
    assert gc.isenabled()  # the collector paused for the build is running again
    gc.disable()
    try:
        build_network(odd)
        assert not gc.isenabled()  # and one paused by the caller stays paused
    finally:
        gc.enable()


# -- the HTML page's (export/html.py): each against the plain loop it replaced -------------------
def split_by_community_in_a_loop(relations, groups):
    community_of = {e: i for i, g in enumerate(groups) for e in g}
    inside, between = {}, {}
    for r in relations:
        a, b = community_of[r.subject], community_of[r.object]
        if a == b:
            inside.setdefault(a, []).append(r)
        else:
            between[(min(a, b), max(a, b))] = between.get((min(a, b), max(a, b)), 0) + 1
    return inside, between


def community_groups_in_a_loop(relations, degree, limit):
    import numpy as np

    from relgraph.export.communities import communities

    ids = sorted(degree)
    index = {e: i for i, e in enumerate(ids)}
    pairs = np.fromiter((index[e] for r in relations if r.subject != r.object for e in (r.subject, r.object)),
                        dtype=np.int64).reshape(-1, 2)
    groups = {}
    for actor, label in zip(ids, communities(len(ids), pairs).tolist()):
        groups.setdefault(label, []).append(actor)
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    if len(ordered) > limit:
        ordered = ordered[:limit - 1] + [sorted(e for g in ordered[limit - 1:] for e in g)]
    return [sorted(g, key=lambda e: (-degree[e], e)) for g in ordered]


def html_test_relations(seed: int) -> list:
    """Relations among 60 actors in a few dense groups, some of an actor with itself, some groups
    with nothing inside."""
    import random
    from types import SimpleNamespace

    rng = random.Random(seed)
    relations = []
    for k in range(400):
        group = rng.randrange(6)
        a, b = f"a{group * 10 + rng.randrange(10)}", f"a{group * 10 + rng.randrange(10)}"
        if rng.random() < 0.15:
            b = f"a{rng.randrange(60)}"
        relations.append(SimpleNamespace(id=f"r{k}", subject=a, object=a if rng.random() < 0.05 else b))
    return relations


@pytest.mark.parametrize("seed", range(4))
def test_communities_and_their_split_in_numpy_are_the_plain_loops(seed):
    from relgraph.export import html

    relations = html_test_relations(seed)
    degree = html.relation_counts(relations)
    for limit in (3, 120):
        groups = html.community_groups(relations, degree, limit)
        assert groups == community_groups_in_a_loop(relations, degree, limit)
        inside, between = html.split_by_community(relations, groups)
        plain_inside, plain_between = split_by_community_in_a_loop(relations, groups)
        assert {k: v for k, v in inside.items() if v} == plain_inside
        assert dict(between) == plain_between
    assert html.split_by_community([], [["a0"]]) == ({}, {})


def test_the_page_records_are_the_records_pyvis_makes():
    from pyvis.edge import Edge
    from pyvis.node import Node

    from relgraph.export import html

    dataset = check_project(ROOT)[0]
    for i, entity in enumerate(dataset.entities.values()):
        position = {"x": float(i), "y": -1.5 * i}
        assert html.node_options(entity, i % 7, position, i % 3) == \
            html.node_options(entity, i % 7, position, i % 3, make=lambda *a, **k: Node(*a, **k).options)
    for relation in dataset.relations:
        assert html.edge_options(dataset, relation) == \
            html.edge_options(dataset, relation, make=lambda *a, **k: Edge(*a, True, **k).options)


@pytest.mark.parametrize("project", [ROOT, CLAIMS], ids=["real graph", "claims fixture"])
def test_each_quote_is_placed_in_its_paragraph_as_its_anchor_places_it(project):
    from relgraph.export.html import paragraph_context

    dataset = check_project(project)[0]
    paragraphs, where = paragraph_context(dataset, {r.id for r in dataset.relations})
    placed = 0
    for r in dataset.relations:
        if r.anchor is None or r.source not in dataset.source_texts:
            assert r.id not in where
            continue
        key = f"{r.source}:{r.anchor.paragraph}"
        assert paragraphs[key] == SourceText(dataset.source_texts[r.source]).paragraph_text(r.anchor.paragraph)
        inside = SourceText(paragraphs[key])
        found = inside.occurrences(r.quote, limit=1)
        anchor = inside.anchor(r.quote, found[0]) if found else None
        assert where[r.id] == {"paragraph": key, "quote": [anchor.start, anchor.end] if anchor else None}
        placed += anchor is not None
    assert placed > len(dataset.relations) // 2


@SETTINGS
@given(st.lists(st.tuples(st.floats(allow_nan=False), st.floats(allow_nan=False)), max_size=20))
def test_a_kept_layout_reads_back_as_the_same_floats(points):
    from relgraph.export.layout import decode_layout, encode_layout

    positions = {f"a{i}": {"x": x, "y": y} for i, (x, y) in enumerate(points)}
    groups = [sorted(positions)]
    again = decode_layout(encode_layout((positions, groups)))
    assert again == (positions, groups) and list(again[0]) == list(positions)
    assert [str(p["x"]) + str(p["y"]) for p in again[0].values()] == [str(p["x"]) + str(p["y"]) for p in positions.values()]  # -0.0 too


def test_the_page_pauses_the_collector_only_while_it_is_made():
    import gc

    from relgraph.export.html import to_html

    dataset = check_project(CLAIMS)[0]
    page = to_html(dataset)
    assert gc.isenabled()  # running again after the page
    gc.disable()
    try:
        assert to_html(dataset) == page and not gc.isenabled()  # and one paused by the caller stays paused
    finally:
        gc.enable()
