"""Safe YAML parsing that keeps the position of every value.

Only plain YAML is accepted: no anchors/aliases (so no alias-expansion bombs), no merge keys,
no custom tags, no duplicate keys. The reference parser is PyYAML's composer (the C one when
available), which builds a node tree with marks, without constructing any Python object from tags.

A fast path reads most files ten times quicker: yaml-rs (a Rust parser) builds the values and
the positions are found only when asked for, by composing that one file again (see Locator).
It is taken only where it gives exactly what the composer would: any file with a YAML feature we
refuse, a scalar that YAML 1.1 (PyYAML) and YAML 1.2 (yaml-rs) read differently, or anything the
Rust parser rejects goes through the composer, which then reports it.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from relgraph.errors import Diagnostic, Position
from relgraph.read.files import NotARegularFile, read_regular
from relgraph.read.compose import LONGEST_INTEGER, MAX_DEPTH, REFUSED, YamlMap, YamlSeq, parse_text  # noqa: F401 (REFUSED, parse_text re-exported)
from relgraph.read.positions import LazyPosition, Locator, resolve  # noqa: F401 (resolve is used by the validator)

try:
    import yaml_rs
except ImportError:  # pragma: no cover - a dependency; the composer alone still gives the same results
    yaml_rs = None

MAX_FILE_BYTES = 50 * 1024 * 1024

class _LazyPositions:
    """key → position of a fast-path mapping's keys or values, each found only when read."""

    __slots__ = ("owner", "kind")

    def __init__(self, owner: "FastMap", kind: str):
        self.owner, self.kind = owner, kind

    def __getitem__(self, key) -> LazyPosition:
        if key not in self.owner:
            raise KeyError(key)
        return LazyPosition(self.owner.locator, self.owner.path, key, self.kind)

    def get(self, key, default=None):
        return self[key] if key in self.owner else default

    def __contains__(self, key) -> bool:
        return key in self.owner


class _LazyItems:
    """The positions of a fast-path sequence's items, each found only when read."""

    __slots__ = ("owner",)

    def __init__(self, owner: "FastSeq"):
        self.owner = owner

    def __len__(self) -> int:
        return len(self.owner)

    def __getitem__(self, index: int) -> LazyPosition:
        if not -len(self.owner) <= index < len(self.owner):
            raise IndexError(index)
        return LazyPosition(self.owner.locator, self.owner.path, index % len(self.owner), "item")

    def __iter__(self):
        locator, path = self.owner.locator, self.owner.path
        return (LazyPosition(locator, path, index, "item") for index in range(len(self.owner)))


class _FoundOnDemand:
    """Where a fast-path container stands: its file's locator and its path from the root."""

    locator: Locator
    path: tuple

    @property
    def position(self):
        return LazyPosition(self.locator, self.path, None, "node")


class FastMap(_FoundOnDemand, YamlMap):
    """A YamlMap from the fast path: same values, positions found on demand."""

    @property
    def key_positions(self):
        return _LazyPositions(self, "key")

    @property
    def value_positions(self):
        return _LazyPositions(self, "value")


class FastSeq(_FoundOnDemand, YamlSeq):
    """A YamlSeq from the fast path: same values, positions found on demand."""

    @property
    def item_positions(self):
        return _LazyItems(self)


class _NotFast(Exception):
    """This file must go through the composer."""


# Text the fast path must not be trusted with, anywhere in the file (a false alarm only costs
# speed): anchors, aliases and tags (yaml-rs expands or drops them silently), merge keys,
# document markers and directives (several documents), tabs, characters PyYAML refuses.
# tests/test_fast_yaml.py checks the two parsers agree on everything else it can generate.
# In flow style a node's properties may follow the colon at once (`{"quote":*q}`, `{"k":!t x}`).
_INDICATOR = re.compile(r"(?:^|[\s\[\]{},:])(?:[&*]\S|!)", re.M)  # "a & b" is no anchor
# A whole plain scalar that YAML 1.1 (PyYAML) and 1.2 (yaml-rs) read as different numbers:
# 012 (octal or twelve), 0o12 (text or ten), 1e3 (text or a thousand).
# Each part matches in one way only (no two stars over the same digits), so a long digit run is
# linear to reject: the old `[0-9_]*\.?[0-9_]*` took quadratic time (131 kB, 67 s).
_NUMBER_RISK = re.compile(
    r"(?<![\w.:\-])[-+]?(?:0[oO]?[0-9_]+|(?:\.[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)[eE][-+]?[0-9]+)[ \r]*(?:$|#|[,\]}])", re.M)
_MARKERS = ("---", "...", "%")


# Text that sends a file to the composer: tabs, merge keys, document markers and directives after
# the first line, line breaks to YAML 1.1 only (NEL, line and paragraph separators), a stray BOM.
_COMPOSER_TEXT = ("\t", "<<", "\n---", "\n...", "\n%", "\x85", "\u2028", "\u2029", "\ufeff")


def _needs_composer(text: str) -> bool:
    # Plain substring tests first: they are many times faster than a regular expression.
    # A last line without its line break: the two disagree on a block scalar ending there.
    if text.startswith(_MARKERS) or not text.endswith("\n") or any(mark in text for mark in _COMPOSER_TEXT):
        return True
    if ("&" in text or "*" in text or "!" in text) and _INDICATOR.search(text):
        return True
    return yaml.reader.Reader.NON_PRINTABLE.search(text) is not None


_TEXT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
# First characters of text that PyYAML, unquoted, might read as a number, boolean or null.
_RESOLVED_FIRST = {first for first, pairs in _RESOLVERS.items() if any(tag not in _TEXT_TAGS for tag, _ in pairs)}


def _read_differently(text: str) -> bool:
    """Whether PyYAML would read this text, unquoted, as something else than text.

    yaml-rs does not say whether a scalar was quoted, so '"yes"' counts too (a false alarm).
    """
    for tag, regexp in _RESOLVERS.get(text[:1], ()):
        if tag not in _TEXT_TAGS and regexp.match(text):
            return True
    return False


def _fast_tree(value, locator: Locator, path: tuple, depth: int, numbers: list):
    kind = type(value)
    if kind is str:
        if value[:1] in _RESOLVED_FIRST and _read_differently(value) or not value:
            raise _NotFast
        return value
    if kind is dict:
        return _fast_map(value, locator, path, depth, numbers)
    if kind is list:
        return _fast_seq(value, locator, path, depth, numbers)
    if kind in (int, float):
        numbers.append(value)
        return value
    if kind is bool or value is None:
        return value
    raise _NotFast  # a date, bytes or anything else the composer path keeps as text or refuses


def _fast_map(value: dict, locator: Locator, path: tuple, depth: int, numbers: list) -> FastMap:
    if depth >= MAX_DEPTH:
        raise _NotFast
    result = FastMap()
    result.locator, result.path = locator, path
    for key, item in value.items():
        if type(key) is not str:
            raise _NotFast
        if type(item) is str:  # the common case, inline
            if item[:1] in _RESOLVED_FIRST and _read_differently(item) or not item:
                raise _NotFast
            result[key] = item
        else:
            result[key] = _fast_tree(item, locator, path + (key,), depth + 1, numbers)
    return result


def _fast_seq(value: list, locator: Locator, path: tuple, depth: int, numbers: list) -> FastSeq:
    if depth >= MAX_DEPTH:
        raise _NotFast
    result = FastSeq(_fast_tree(item, locator, path + (index,), depth + 1, numbers) for index, item in enumerate(value))
    result.locator, result.path = locator, path
    return result


def parse_fast(text: str, file: str, disk_path: Path | None = None):
    """The fast path; returns the tree, or raises _NotFast where the composer must decide."""
    if yaml_rs is None or _needs_composer(text):
        raise _NotFast
    try:
        value = yaml_rs.loads(text, parse_datetime=False,
                              duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except (yaml_rs.YAMLDecodeError, ValueError, RecursionError):
        raise _NotFast from None
    numbers: list = []
    tree = _fast_tree(value, Locator(file, disk_path or Path(file), text), (), 0, numbers)
    if numbers and (_NUMBER_RISK.search(text) or any(type(n) is int and not -LONGEST_INTEGER < n < LONGEST_INTEGER for n in numbers)):
        raise _NotFast  # the composer refuses an integer Python cannot turn into text (E106)
    return tree


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 (a leading byte-order mark is dropped); a bad byte is reported where it stands."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Diagnostic(Position(file, line, column), "E004",
                                 f"not valid UTF-8 (byte 0x{data[exc.start]:02x})")]


_BRACKETS = re.compile(r"[\[\]{}]")


def flow_nesting_beyond(text: str, file: str, limit: int) -> Diagnostic | None:
    """E004 where flow brackets nest deeper than `limit`, counted in one linear pass.

    Brackets inside quoted text count too: a false alarm needs dozens of unclosed brackets in
    one value, which curated text does not have."""
    if "[" not in text and "{" not in text:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit + 1:  # where the composer would stop: the root is its level 0
            before = text[: match.start()]
            line = before.count("\n") + 1
            column = match.start() - (before.rfind("\n") + 1) + 1
            return Diagnostic(Position(file, line, column), "E004", f"nesting deeper than {limit} levels")
    return None


def parse_file(path: Path, file: str, fast: bool = True, data: bytes | None = None):
    """Read and parse one YAML file; `file` is the name diagnostics show.

    With `fast`, values come from yaml-rs where that is safe and positions are found on demand.
    """
    try:
        if data is None:
            data = read_regular(path, MAX_FILE_BYTES)
        elif len(data) > MAX_FILE_BYTES:
            return None, [Diagnostic(Position(file), "E004", f"file larger than {MAX_FILE_BYTES} bytes")]
    except NotARegularFile as exc:
        return None, [Diagnostic(Position(file), "E004", f"cannot read file: {exc.reason}")]
    except OSError as exc:
        return None, [Diagnostic(Position(file), "E004", f"cannot read file: {exc.strerror or exc}")]
    text, diagnostics = decode(data, file)
    if text is None:
        return None, diagnostics
    too_deep = flow_nesting_beyond(text, file, MAX_DEPTH)
    if too_deep is not None:  # before any C parser sees it: 25,000 nested brackets overflow its stack
        return None, [too_deep]
    if fast:
        try:
            return parse_fast(text, file, path), []
        except _NotFast:
            pass
    return parse_text(text, file)
