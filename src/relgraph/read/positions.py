"""Positions found on demand: the fast YAML path's stand-in for Position.

Kept apart from yamlfile so that reading a cached dataset (whose records carry these) does not
import the YAML parsers: a quick command like `relgraph path` never needs them.
"""
from __future__ import annotations

from pathlib import Path

from relgraph.errors import Position


class LazyPosition:
    """A position found only when read: the fast path's stand-in for Position.

    `path` leads from the file's root to a mapping or sequence; `kind` says which position of
    it: "node" (the container itself), "key" or "value" of mapping key `key`, or "item" `key`.
    """

    __slots__ = ("locator", "path", "key", "kind")

    def __init__(self, locator: "Locator", path: tuple, key, kind: str):
        self.locator, self.path, self.key, self.kind = locator, path, key, kind

    @property
    def file(self) -> str:
        return self.locator.file

    def resolve(self) -> Position:
        return self.locator.find(self.path, self.key, self.kind)

    @property
    def line(self) -> int:
        return self.resolve().line

    @property
    def column(self) -> int:
        return self.resolve().column

    def __str__(self) -> str:
        return str(self.resolve())

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"LazyPosition({self.file!r}, {self.path + (self.key,)!r}, {self.kind!r})"

    def __reduce__(self):
        # Pickled (in the dataset cache) as where to look, not what the file said: the cache is
        # keyed by every input byte, so the file on disk is the one these positions point into.
        return (_restore_lazy, (str(self.locator.disk_path), self.locator.file, self.path, self.key, self.kind))


_restored_locators: dict[tuple[str, str], "Locator"] = {}


def _restore_lazy(disk_path: str, file: str, path: tuple, key, kind: str) -> LazyPosition:
    locator = _restored_locators.get((disk_path, file))
    if locator is None:
        locator = _restored_locators[(disk_path, file)] = Locator(file, Path(disk_path), None)
    return LazyPosition(locator, path, key, kind)


def resolve(position) -> Position:
    """A plain Position, whichever kind was given."""
    return position.resolve() if isinstance(position, LazyPosition) else position


class Locator:
    """Finds positions in one file by composing it again with PyYAML, once, on first use."""

    def __init__(self, file: str, disk_path: "Path | str", text: str | None):
        self.file, self.disk_path, self.text = file, disk_path, text
        self.tree = None
        self.composed = False

    def find(self, path: tuple, key, kind: str) -> Position:
        if not self.composed:
            self.composed = True
            text = self.text
            if text is None:  # restored from the cache: the file is unchanged on disk
                try:
                    text = Path(self.disk_path).read_bytes().decode("utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    text = None
            from relgraph.read.compose import parse_text  # the composer, only now that a position is wanted

            self.tree = parse_text(text, self.file)[0] if text is not None else None
            self.text = None  # the composed tree has all we need now
        node = self.tree
        try:
            for step in path:
                node = node[step]
            if kind == "node":
                return node.position
            if kind == "item":
                return node.item_positions[key]
            return (node.key_positions if kind == "key" else node.value_positions)[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            # The two parsers disagreed on this file's shape; the file is the best we can say.
            return Position(self.file)


