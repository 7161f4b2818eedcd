"""Resolving names as people write them ("Xi", "havren", "Zelensky") to entity ids."""
from __future__ import annotations

import difflib
import heapq
from collections import Counter
from typing import Iterable

from relgraph.errors import AmbiguousName, NameNotFound
from relgraph.model.text import fold_name


# Bounds on 'did you mean' (issue 18: 20,000 misspelt names took 42 s). Each is a count, not a
# clock, so the same input always gives the same messages.
LONGEST_SUGGESTED = 200  # characters: no name is longer; a longer word gets no suggestion
SUGGESTION_BUDGET = 1000  # distinct unknown names suggested for per index; later ones get none
CANDIDATES = 300  # names compared in full; a bigger index first keeps those sharing most trigrams


_NONE: frozenset[str] = frozenset()


def _trigrams(key: str) -> set[str]:
    padded = f"  {key} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class NameIndex:
    """Maps every id, label and alias, folded, to the ids it names."""

    def __init__(self, hyphens_as_spaces: bool = False) -> None:
        # Predicates are written both ways ("party-to", "party to"); entity names keep their hyphens.
        self.hyphens_as_spaces = hyphens_as_spaces
        self._ids: dict[str, set[str]] = {}
        self._shown: dict[str, str] = {}  # folded key -> one spelling to suggest
        self._suggested: dict[str, str | None] = {}  # folded unknown name -> its suggestion
        self._by_trigram: dict[str, list[str]] | None = None  # built on first need, for big indexes
        # Name as written -> its set in _ids (a check looks up "Putin" thousands of times). Only
        # names found are kept: add() changes those sets in place, so the entries stay true.
        self._looked_up: dict[str, set[str]] = {}

    def add(self, item_id: str, names: Iterable[str]) -> None:
        for name in names:
            key = self.key(name)
            self._ids.setdefault(key, set()).add(item_id)
            self._shown.setdefault(key, name)
        self._suggested.clear()
        self._by_trigram = None

    def to_plain(self) -> tuple:
        """The names as plain values (for the check's vocabulary cache); suggestions are not kept."""
        return (self.hyphens_as_spaces, self._ids, self._shown)

    @classmethod
    def from_plain(cls, plain: tuple) -> "NameIndex":
        index = cls(hyphens_as_spaces=plain[0])
        index._ids, index._shown = plain[1], plain[2]
        return index

    def key(self, name: str) -> str:
        key = fold_name(name)
        return key.replace("-", " ") if self.hyphens_as_spaces else key

    def lookup(self, name: str) -> set[str] | frozenset[str]:
        """The ids a name names (read it, don't change it: the sets are the index's own)."""
        found = self._looked_up.get(name)
        if found is None:
            found = self._ids.get(self.key(name))
            if found is None:
                return _NONE
            self._looked_up[name] = found
        return found

    def suggest(self, name: str) -> str | None:
        """The closest known spelling, for 'did you mean'; None when nothing is close.

        Bounded: a word over LONGEST_SUGGESTED characters, or beyond the SUGGESTION_BUDGET-th distinct
        unknown name, gets None; each is compared with at most CANDIDATES names."""
        key = self.key(name)
        if key in self._suggested:
            return self._suggested[key]
        if len(key) > LONGEST_SUGGESTED or len(self._suggested) >= SUGGESTION_BUDGET:
            return None
        match = difflib.get_close_matches(key, self._candidates(key), n=1, cutoff=0.6)
        self._suggested[key] = self._shown[match[0]] if match else None
        return self._suggested[key]

    def _candidates(self, key: str) -> list[str]:
        """Every known name for a small index (the exact answer); else the CANDIDATES sharing most trigrams."""
        if len(self._ids) <= CANDIDATES:
            return list(self._ids)
        if self._by_trigram is None:
            self._by_trigram = {}
            for known in self._ids:
                for gram in _trigrams(known):
                    self._by_trigram.setdefault(gram, []).append(known)
        shared = Counter(known for gram in _trigrams(key) for known in self._by_trigram.get(gram, ()))
        # Ties broken by the name itself, so the choice never depends on insertion or hash order.
        return heapq.nsmallest(CANDIDATES, shared, key=lambda known: (-shared[known], known))

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
    if len(word) > LONGEST_SUGGESTED:  # field and predicate names are short; a long word matches none
        return None
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None
