"""Resolving names as people write them ("Xi", "havren", "Zelensky") to entity ids."""
from __future__ import annotations

import difflib
from typing import Iterable

from relgraph.errors import AmbiguousName, NameNotFound
from relgraph.model.text import fold_name


class NameIndex:
    """Maps every id, label and alias, folded, to the ids it names."""

    def __init__(self, hyphens_as_spaces: bool = False) -> None:
        # Predicates are written both ways ("party-to", "party to"); entity names keep their hyphens.
        self.hyphens_as_spaces = hyphens_as_spaces
        self._ids: dict[str, set[str]] = {}
        self._shown: dict[str, str] = {}  # folded key -> one spelling to suggest

    def add(self, item_id: str, names: Iterable[str]) -> None:
        for name in names:
            key = self.key(name)
            self._ids.setdefault(key, set()).add(item_id)
            self._shown.setdefault(key, name)

    def key(self, name: str) -> str:
        key = fold_name(name)
        return key.replace("-", " ") if self.hyphens_as_spaces else key

    def lookup(self, name: str) -> set[str]:
        return self._ids.get(self.key(name), set())

    def suggest(self, name: str) -> str | None:
        """The closest known spelling, for 'did you mean'; None when nothing is close."""
        match = difflib.get_close_matches(self.key(name), self._ids.keys(), n=1, cutoff=0.6)
        return self._shown[match[0]] if match else None

    def resolve(self, name: str, describe) -> str:
        """One id or a typed error; `describe(id)` gives (label, type) for ambiguity messages."""
        ids = self.lookup(name)
        if not ids:
            raise NameNotFound(name, self.suggest(name))
        if len(ids) > 1:
            raise AmbiguousName(name, [(i, *describe(i)) for i in sorted(ids)])
        return next(iter(ids))

    def shared(self) -> dict[str, set[str]]:
        """Folded names that point at more than one id."""
        return {k: v for k, v in self._ids.items() if len(v) > 1}


def close_match(word: str, choices: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None
