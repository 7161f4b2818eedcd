"""The fast YAML path (yaml-rs, positions on demand) must agree exactly with the composer.

Where the fast path takes a file, its values must equal the composer's and every position it
finds on demand must equal the composer's mark; where the two parsers could differ (aliases,
tags, YAML 1.1 scalars, several documents…) the file must go to the composer.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relgraph.curate.fmt import _plain as plain  # parsed trees as plain dicts and lists
from relgraph.read.yamlfile import FastMap, FastSeq, LazyPosition, _NotFast, parse_fast, parse_file, parse_text

ROOT = Path(__file__).resolve().parent.parent
YAML_FILES = sorted((ROOT / "graph").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))


def positions(tree, path=()):
    """Every position a tree can be asked for, as (path, kind, key) → str(position)."""
    found = {}
    if isinstance(tree, dict):
        found[(path, "node", None)] = str(tree.position)
        for key, value in tree.items():
            found[(path, "key", key)] = str(tree.key_positions[key])
            found[(path, "value", key)] = str(tree.value_positions[key])
            found.update(positions(value, path + (key,)))
    elif isinstance(tree, list):
        found[(path, "node", None)] = str(tree.position)
        for index, value in enumerate(tree):
            found[(path, "item", index)] = str(tree.item_positions[index])
            found.update(positions(value, path + (index,)))
    return found


def test_the_fast_path_reads_the_real_graph():
    graph = sorted((ROOT / "graph").rglob("*.yaml"))
    fast = [path for path in graph if isinstance(parse_file(path, path.name)[0], (FastMap, FastSeq))]
    # Every curated file is plain YAML: all of them should take the fast path.
    assert [p.name for p in graph if p not in fast] == []


@pytest.mark.parametrize("path", YAML_FILES, ids=[p.relative_to(ROOT).as_posix() for p in YAML_FILES])
def test_fast_and_composer_agree_on_values_and_positions(path):
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    slow, slow_diagnostics = parse_text(text, "f.yaml")
    try:
        fast = parse_fast(text, "f.yaml")
    except _NotFast:
        return  # the composer decides; nothing to compare
    assert slow_diagnostics == []
    assert plain(fast) == plain(slow)
    assert positions(fast) == positions(slow)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # yaml-rs expands aliases silently
    "a: &x 1\n",
    "a: !custom x\n",  # yaml-rs drops tags silently
    "a: !!python/object:os.system ls\n",
    "base: {x: 1}\nc:\n  <<: {y: 2}\n",
    "a: 1\n---\nb: 2\n",  # two documents: yaml-rs returns a list
    "--- \na: 1\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: yes\n", "a: off\n", "a: ''\n", "a: '0x1F'\n",  # YAML 1.1 reads these otherwise
    "a: 012\n", "a: 0o12\n", "a: 1e3\n", "a: [1.5e3]\n", "a: 1:30\n",
    "1: a\n", "true: a\n", "null: a\n",  # keys that are not text
    "a:\tb\n", "a: 1\n\tb: 2\n",
    "a: 1\na: 2\n",  # yaml-rs refuses; the composer locates it
    "a: b\x07\n",  # PyYAML refuses the control character
    "a: [1, 2\nb: 3\n",
    "[" * 60 + "]" * 60,
])
def test_what_the_parsers_could_read_differently_goes_to_the_composer(text):
    with pytest.raises(_NotFast):
        parse_fast(text, "f.yaml")
    assert parse_file_text(text) == parse_text(text, "f.yaml")[1]


@pytest.mark.parametrize("text, expected", [
    ("a: 2024-06-01\n", {"a": "2024-06-01"}),  # a timestamp to PyYAML, kept as text by both
    ("a: ~\nb:\nc: true\nd: 12\ne: -1.5\n", {"a": None, "b": None, "c": True, "d": 12, "e": -1.5}),
    ("file: 000001.txt\nsha: 0123abc\n", {"file": "000001.txt", "sha": "0123abc"}),
    ("a: 1_000\nb: 0x1F\nc: +12\n", {"a": 1000, "b": 31, "c": 12}),
    ("q: 'Hi & bye!'\n", {"q": "Hi & bye!"}),
])
def test_plain_yaml_takes_the_fast_path(text, expected):
    assert plain(parse_fast(text, "f.yaml")) == expected == plain(parse_text(text, "f.yaml")[0])


def parse_file_text(text: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as handle:
        handle.write(text)
    try:
        return parse_file(Path(handle.name), "f.yaml")[1]
    finally:
        Path(handle.name).unlink()


def test_positions_are_found_only_when_asked_and_survive_pickling(tmp_path):
    import pickle

    path = tmp_path / "r.yaml"
    path.write_text("source: s\nrelations:\n- subject: A\n  quote: x\n- subject: B\n  quote: y\n", encoding="utf-8")
    tree, diagnostics = parse_file(path, "graph/relations/r.yaml")
    assert isinstance(tree, FastMap) and diagnostics == []
    where = tree["relations"].item_positions[1]
    assert isinstance(where, LazyPosition) and tree.locator.tree is None  # nothing composed yet
    assert str(where) == "graph/relations/r.yaml:5:3"
    assert str(tree["relations"][1].value_positions["quote"]) == "graph/relations/r.yaml:6:10"
    again = pickle.loads(pickle.dumps(tree["relations"].item_positions[0]))
    assert (again.file, again.line, again.column) == ("graph/relations/r.yaml", 3, 3)


SCALARS = st.sampled_from([
    "plain", "Putin", "'quoted'", '"dq \\u00e9"', "yes", "No", "on", "~", "null", "", "''", "012", "0o12",
    "1e3", "1.5", "-3", "+4", ".inf", "0x1F", "1_000", "1:30", "2024-06", "2024-06-01", "&a x", "*a", "!t x",
    "<<", "a # c", "a: b", "[1, 2]", "{a: 1}", "|\n  block\n", ">-\n  folded\n  text\n", "é", "\t", "x\x07",
    "'it''s'", '"a\\tb"', "a\u2028b", "a\x85b", "'a\u2029b'", "x\ufeffy", "\u00a0", "a\n   continued", "\"multi\n  line\"", "- x", "? x", "---", "...", "%", "@x", "`x", "&", "a & b", "a*b", "Hi!",
])
KEYS = st.sampled_from(["a", "b", "quote", "1", "true", "'k'", "a b", "<<", "a"])


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indent = draw(st.sampled_from(["", "  "]))
        if draw(st.booleans()):
            lines.append(f"{indent}- {draw(SCALARS)}")
        else:
            lines.append(f"{indent}{draw(KEYS)}: {draw(SCALARS)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


@settings(max_examples=3000, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_fast_path_never_disagrees_with_the_composer(text):
    slow, slow_diagnostics = parse_text(text, "f.yaml")
    try:
        fast = parse_fast(text, "f.yaml")
    except _NotFast:
        return
    assert slow_diagnostics == [], f"fast path took a file the composer refuses: {text!r}"
    assert plain(fast) == plain(slow), repr(text)
    assert positions(fast) == positions(slow), repr(text)
