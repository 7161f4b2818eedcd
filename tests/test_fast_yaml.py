"""The fast YAML path (yaml-rs, positions on demand) must agree exactly with the composer.

Where the fast path takes a file, its values must equal the composer's and every position it
finds on demand must equal the composer's mark; where the two parsers could differ (aliases,
tags, YAML 1.1 scalars, several documents…) the file must go to the composer.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
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


# -- the differential test: anchors, aliases and tags on every node kind, block and flow ----------
TAGS = ["!t", "!evil", "!!python/object:os.system", "!!python/name:os.system", "!!str", "!!int", "!!map", "!!seq",
        "!!set", "!!omap", "!!binary", "!!timestamp", "!<tag:example.org,2024:x>", "!"]
PROPERTIES = st.sampled_from([("&a", None), ("&b", None), ("&a", "!t")] + [(None, tag) for tag in TAGS])
# Mostly text both parsers read alike, so that many documents reach the fast path; then the rest.
FLOW_SCALARS = ["x", "Putin", "'q'", '"dq"', '"a\\u00e9"', "12", "-1", "1.5", "a b", "é", "true", "~", "aGVsbG8="] * 3 + [
    "yes", "2024-06-01", "''", "0x1F", "012", "1e3", "null", "Hi!", "a & b", "a*b", "x:y", "*a", "*b"]
NODE_KEYS = ["a", "b", "c", "d", "quote", "'k'", '"k"', "'j'", '"j"', "'i'", '"i"'] * 2 + ["1", "true", "~", "a b", "<<"]


def node_trees():
    """Plain YAML nodes as (kind, content, flow?) trees: scalars (aliases among them), mappings
    (keys are scalar nodes too) and sequences."""
    scalars = st.builds(lambda text: ("scalar", text), st.sampled_from(FLOW_SCALARS))
    keys = st.builds(lambda text: ("scalar", text), st.sampled_from(NODE_KEYS))
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.builds(lambda items, flow: ("map", items, flow), st.lists(st.tuples(keys, children), max_size=4), st.booleans()),
            st.builds(lambda items, flow: ("seq", items, flow), st.lists(children, max_size=4), st.booleans())),
        max_leaves=10)


class Writer:
    """Writes a node tree as YAML text; the nodes numbered in `properties` get an anchor and/or tag."""

    def __init__(self, properties: dict, adjacent: bool):
        self.properties, self.adjacent, self.count = properties, adjacent, 0

    def props(self, text: str = "") -> str:
        self.count += 1
        written = " ".join(p for p in self.properties.get(self.count - 1, ()) if p)
        return f"{written} {text}".strip() if text else written

    def flow(self, node) -> str:
        """A node in flow style; `adjacent` writes a quoted key's value right after the colon ("k":v)."""
        if node[0] == "scalar":
            return self.props(node[1])
        head = self.props()
        if node[0] == "seq":
            body = "[" + ", ".join(self.flow(item) for item in node[1]) + "]"
        else:
            body = "{" + ", ".join(self.pair(key, value) for key, value in node[1]) + "}"
        return f"{head} {body}".strip()

    def pair(self, key, value) -> str:
        quoted_key = key[1][0] in "'\""
        return f"{self.flow(key)}{':' if self.adjacent and quoted_key else ': '}{self.flow(value)}"

    def block(self, node, indent: int) -> list[str]:
        """The lines of a mapping or sequence in block style at `indent`."""
        lines = []
        for key, value in (node[1] if node[0] == "map" else [(None, item) for item in node[1]]):
            lead = f"{self.flow(key)}:" if key else "-"
            if is_block(value):
                lines.append(" " * indent + f"{lead} {self.props()}".rstrip())
                lines += self.block(value, indent + 2)
            else:
                lines.append(" " * indent + f"{lead} {self.flow(value)}")
        return lines

    def document(self, node) -> str:
        if not is_block(node):
            return self.flow(node) + "\n"
        head = self.props()
        return "\n".join(([head] if head else []) + self.block(node, 0)) + "\n"


def is_block(node) -> bool:
    return node[0] != "scalar" and not node[2] and bool(node[1])  # an empty collection is written [] or {}


@st.composite
def documents_with_properties(draw):
    """A document and its text, with none, one or a few of its nodes given an anchor or a tag."""
    node = draw(node_trees())
    counter = Writer({}, False)
    counter.document(node)  # numbers the nodes (keys included) in the order they are written
    chosen = draw(st.dictionaries(st.integers(0, counter.count - 1), PROPERTIES,
                                  max_size=draw(st.sampled_from([0, 1, 1, 1, 2, 3]))))
    return Writer(chosen, draw(st.booleans())).document(node)


DIFFERENTIAL = {"fast": 0, "composer": 0}


@settings(max_examples=1500, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_with_properties())
@example('a: &q "x"\nb: {"quote":*q}\n')  # the alias that bypassed E003 on the fast path (issue 18)
@example('{"quote":&q x, "again":*q}\n')
@example('{"k":!t x}\n')
@example('["a",!evil x]\n')
@example('a: !!python/object:os.system {x: 1}\n')
@example('!evil\n- 1\n')
def compare_the_two_paths(text):
    data = text.encode("utf-8")
    fast, fast_diagnostics = parse_file(Path("f.yaml"), "f.yaml", fast=True, data=data)
    slow, slow_diagnostics = parse_file(Path("f.yaml"), "f.yaml", fast=False, data=data)
    assert fast_diagnostics == slow_diagnostics, text
    assert plain(fast) == plain(slow), text
    if isinstance(fast, (FastMap, FastSeq)):
        assert slow_diagnostics == [], text
        assert positions(fast) == positions(slow), text
        DIFFERENTIAL["fast"] += 1
    else:
        DIFFERENTIAL["composer"] += 1


def test_both_yaml_paths_agree_on_anchors_aliases_and_tags_everywhere(reliability):
    compare_the_two_paths()
    total = DIFFERENTIAL["fast"] + DIFFERENTIAL["composer"]
    reliability.record("YAML input", "generated documents, block and flow (also `\"k\":v`), with anchors, aliases and tags "
                       f"({len(TAGS)} kinds) on mappings, sequences, scalars and keys: the fast path against the composer", total,
                       f"identical diagnostics and values every time ({DIFFERENTIAL['fast']} read by the fast path, "
                       f"{DIFFERENTIAL['composer']} sent to the composer)")
    assert DIFFERENTIAL["fast"] > 0 and DIFFERENTIAL["composer"] > 0
