"""The YAML loader: safe, position-keeping, strict."""
from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from relgraph.read.yamlfile import REFUSED, parse_file, parse_text


def codes(diagnostics):
    return [(d.position.line, d.position.column, d.code) for d in diagnostics]


def test_positions_are_kept():
    tree, diagnostics = parse_text("- id: a\n  label: A\n", "f.yaml")
    assert diagnostics == []
    assert tree[0].value_positions["label"].line == 2
    assert tree[0].value_positions["label"].column == 10
    assert str(tree.item_positions[0]) == "f.yaml:1:3"


def test_duplicate_keys_are_errors(reliability):
    _, diagnostics = parse_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(d) for d in diagnostics] == ["f.yaml:3:1: error E002: duplicate key 'a' (first at line 1)"]
    reliability.record("YAML input", "duplicate keys", 1, "E002 at the second key, naming the first")


def test_custom_tags_are_refused(reliability):
    _, diagnostics = parse_text("a: !!python/object:os.system ls\n", "f.yaml")
    assert codes(diagnostics) == [(1, 4, "E003")]
    _, diagnostics = parse_text("a: !custom x\n", "f.yaml")
    assert codes(diagnostics) == [(1, 4, "E003")]
    reliability.record("YAML input", "custom tags (!!python/object, !custom)", 2, "refused with E003 at the tag; nothing constructed")


@pytest.mark.parametrize("text, where, tag", [
    ("a: !evil {x: 1}\n", (1, 4), "!evil"),
    ("a: !!python/object:os.system {x: 1}\n", (1, 4), "tag:yaml.org,2002:python/object:os.system"),
    ("a: !t [1]\n", (1, 4), "!t"),
    ("!evil\n- 1\n", (1, 1), "!evil"),
    ("a: !!set {x}\n", (1, 4), "tag:yaml.org,2002:set"),
    ("a: !!omap [x: 1]\n", (1, 4), "tag:yaml.org,2002:omap"),
    ("a:\n  !t\n  b: 1\n", (2, 3), "!t"),
    ('{"k":!t x}\n', (1, 6), "!t"),
])
def test_tags_on_mappings_and_sequences_are_refused(text, where, tag, reliability):
    """They were accepted (nothing constructed, but `fmt` dropped them silently); now E003 at the tag,
    on both YAML paths (the fast path sends every tag to the composer)."""
    for fast in (False, True):
        tree, diagnostics = parse_file(Path("f.yaml"), "f.yaml", fast=fast, data=text.encode())
        assert [(d.position.line, d.position.column, d.code, d.message) for d in diagnostics] == [
            (*where, "E003", f"custom tag '{tag}' is not allowed")]
    reliability.record("YAML input", "tags on mappings and sequences (!evil {…}, !!python/object {…}, !!set, !!omap, "
                       "a tag on the root, after a flow colon)", 8, "refused with E003 at the tag on both YAML paths")


def test_an_explicit_standard_tag_changes_nothing():
    assert parse_text("a: !!map {x: 1}\nb: !!seq [1]\nc: !!str 12\n", "f.yaml")[0] == {"a": {"x": 1}, "b": [1], "c": "12"}


def test_an_alias_stands_for_nothing_so_no_tree_shares_a_subtree():
    """The value an alias named was reused: 40 levels of `&a [*a, *a]` made a tree of 2^40 paths,
    which anything walking it (a test comparing trees did) could not finish. Now an alias, also one
    inside the node it names, is refused (E003) and holds REFUSED, reported once."""
    tree, diagnostics = parse_text("&a [*a, *a]\n", "f.yaml")
    assert tree == [REFUSED, REFUSED]
    assert [str(d) for d in diagnostics] == ["f.yaml:1:1: error E003: anchors and aliases are not allowed; write the value out"] * 2
    tree, diagnostics = parse_text("a: &x {b: 1}\nc: *x\n", "f.yaml")
    assert tree == {"a": {"b": 1}, "c": REFUSED} and [d.code for d in diagnostics] == ["E003"]


def test_an_integer_python_cannot_write_is_refused_on_both_paths():
    for text in ("a: " + "9" * 5000 + "\n", "a: -" + "9" * 4301 + "\n", "a: 0x" + "F" * 4000 + "\n"):
        for fast in (False, True):
            tree, diagnostics = parse_file(Path("f.yaml"), "f.yaml", fast=fast, data=text.encode())
            assert tree == {"a": REFUSED}
            assert [(d.position.line, d.position.column, d.code) for d in diagnostics] == [(1, 4, "E106")]
    assert parse_text("a: " + "9" * 3999 + "\n", "f.yaml") == ({"a": 10 ** 3999 - 1}, [])


def test_merge_keys_are_refused(reliability):
    _, diagnostics = parse_text("base: &b {x: 1}\nother:\n  <<: *b\n", "f.yaml")
    assert ("E003" in {d.code for d in diagnostics})
    reliability.record("YAML input", "merge keys and aliases", 1, "refused with E003")


def test_billion_laughs_is_rejected_quickly_with_bounded_memory(reliability):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    _, diagnostics = parse_text(bomb, "bomb.yaml")
    elapsed = time.perf_counter() - start
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert {d.code for d in diagnostics} == {"E003"}
    assert len(diagnostics) == 81  # one per alias written, never one per expansion
    assert elapsed < 5
    assert grown_kib < 50_000
    reliability.record("YAML input", "alias-expansion bomb (9 levels of 9 aliases, 10^9 items if expanded)", 1,
                       "refused with 81 E003 errors, no expansion; under 5 s and 50 MB (asserted)")


def test_byte_order_mark_and_dates_stay_text():
    from relgraph.read.yamlfile import decode

    text, diagnostics = decode("\ufeffdate: 2024-05-17\n".encode("utf-8"), "f.yaml")
    tree, more = parse_text(text, "f.yaml")
    assert diagnostics == more == []
    assert tree["date"] == "2024-05-17"


def test_deep_nesting_is_reported_not_crashed(reliability):
    _, diagnostics = parse_text("[" * 5000 + "]" * 5000, "deep.yaml")
    assert [d.code for d in diagnostics] in (["E004"], ["E001"])
    reliability.record("YAML input", "5,000 levels of nesting", 1, f"one {diagnostics[0].code} error, no recursion crash")


def test_syntax_error_is_located():
    _, diagnostics = parse_text("a: [1, 2\nb: 3\n", "f.yaml")
    assert [d.code for d in diagnostics] == ["E001"]
    assert diagnostics[0].position.line >= 1
