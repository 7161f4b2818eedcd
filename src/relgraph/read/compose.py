"""PyYAML's composer with positions: the reference parser of relgraph's YAML.

Builds YamlMap and YamlSeq trees that remember where every key and value stands, from PyYAML's
node tree (marks), without constructing any Python object from tags. Only plain YAML is
accepted: no anchors or aliases, no merge keys, no custom tags, no duplicate keys.
"""
from __future__ import annotations

import datetime

import yaml

from relgraph.errors import Diagnostic, Position

try:  # the C composer is about 8x faster; fall back silently when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 40
# Integers this large or larger are refused (E106): Python cannot write ints of over 4,300 digits
# as text (str() raises), so every output, message and `fmt` would fail on them.
LONGEST_INTEGER = 10 ** 4000

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# A tag on a mapping or sequence is refused as on a scalar (`!!python/object {…}`, `!evil [...]`,
# `!!set`): only the tags YAML resolves without being told are taken, so an explicit `!!map` passes
# (the composer cannot tell it from no tag, and it changes nothing).
_COLLECTION_TAGS = {yaml.MappingNode: "tag:yaml.org,2002:map", yaml.SequenceNode: "tag:yaml.org,2002:seq"}
_constructor = yaml.constructor.SafeConstructor()


class _Refused:
    """Where the reader refused a value and said so (a custom tag, an integer too long, nesting too
    deep): the validator takes it as reported, so one mistake gives one error, not a follow-on
    "required field is empty" as well. Only trees with diagnostics hold it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = _Refused()


class YamlMap(dict):
    """A mapping that remembers where it and each of its keys and values stand."""

    position: Position
    key_positions: dict
    value_positions: dict


class YamlSeq(list):
    """A sequence that remembers where it and each of its items stand."""

    position: Position
    item_positions: list


def _position(file: str, mark) -> Position:
    return Position(file, mark.line + 1, mark.column + 1)


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.built: dict[int, object] = {}

    def error(self, mark, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(_position(self.file, mark), code, message))

    def build(self, node, depth: int = 0):
        if id(node) in self.built:
            # The composer hands back the anchored node itself for an alias (also one inside the node
            # it names: `&a [*a]`). It is an error, and the alias stands for nothing: REFUSED spares
            # the curator follow-on errors, and the tree never shares a subtree, so nothing that walks
            # it can be made to walk 2^40 nodes by 40 levels of `&a [*a, *a]`.
            self.error(node.start_mark, "E003", "anchors and aliases are not allowed; write the value out")
            return REFUSED
        self.built[id(node)] = REFUSED  # while it is being built: an alias inside it is found above
        value = self.build_node(node, depth)
        self.built[id(node)] = value
        return value

    def build_node(self, node, depth: int):
        if depth > MAX_DEPTH:
            self.error(node.start_mark, "E004", f"nesting deeper than {MAX_DEPTH} levels")
            return REFUSED
        if type(node) in _COLLECTION_TAGS and node.tag != _COLLECTION_TAGS[type(node)]:
            self.error(node.start_mark, "E003", f"custom tag '{node.tag}' is not allowed")
            return REFUSED
        if isinstance(node, yaml.MappingNode):
            return self.build_map(node, depth)
        if isinstance(node, yaml.SequenceNode):
            result = YamlSeq()
            result.position = _position(self.file, node.start_mark)
            result.item_positions = []
            for item in node.value:
                result.append(self.build(item, depth + 1))
                result.item_positions.append(_position(self.file, item.start_mark))
            return result
        return self.build_scalar(node)

    def build_map(self, node, depth: int) -> YamlMap:
        result = YamlMap()
        result.position = _position(self.file, node.start_mark)
        result.key_positions, result.value_positions = {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node.start_mark, "E003", "merge keys ('<<') are not allowed; write the fields out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node.start_mark, "E106", "a mapping key must be a plain string")
                continue
            key = key_node.value
            value = self.build(value_node, depth + 1)
            if key in result:
                first = result.key_positions[key]
                self.error(key_node.start_mark, "E002",
                           f"duplicate key '{key}' (first at line {first.line})")
                continue
            result[key] = value
            result.key_positions[key] = _position(self.file, key_node.start_mark)
            result.value_positions[key] = _position(self.file, value_node.start_mark)
        return result

    def build_scalar(self, node):
        if node.tag not in _SCALAR_TAGS:
            self.error(node.start_mark, "E003", f"custom tag '{node.tag}' is not allowed")
            return REFUSED
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            # Dates stay text: relgraph parses them itself, at any precision.
            return node.value
        try:
            value = _constructor.construct_object(node, deep=True)
        except ValueError:
            if node.tag == "tag:yaml.org,2002:int":  # more digits than Python turns into an int (4,300)
                return self.too_long(node)
            return node.value
        except (OverflowError, yaml.YAMLError):
            return node.value
        if type(value) is int and not -LONGEST_INTEGER < value < LONGEST_INTEGER:
            return self.too_long(node)  # 0x with 4,000 digits: an int, but str() of it would raise
        if isinstance(value, (datetime.date, datetime.datetime)):
            return node.value
        return value


    def too_long(self, node) -> "_Refused":
        self.error(node.start_mark, "E106", f"a number of {len(node.value):,} characters is too long; quote it if it is text")
        return REFUSED


def parse_text(text: str, file: str):
    """Parse YAML text; returns (tree or None, diagnostics). Never raises on bad input."""
    builder = _Builder(file)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "syntax error"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if mark is None:
            return None, [Diagnostic(Position(file), "E001", problem)]
        return None, [Diagnostic(_position(file, mark), "E001", problem)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(Position(file, 1, 1), "E001", str(exc).splitlines()[0])]
    except RecursionError:
        return None, [Diagnostic(Position(file, 1, 1), "E004", "nesting too deep to parse")]
    if node is None:
        return None, []
    try:
        tree = builder.build(node)
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops us well before
        return None, [Diagnostic(Position(file, 1, 1), "E004", "nesting too deep to parse")]
    return tree, builder.diagnostics
