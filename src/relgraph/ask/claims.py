"""Claims across sources: the relations that state the same subject, predicate and object.

A claim gathers its statements (relations) from every source, ordered by the source's
publication, so an analyst sees how its standing changed: planned in one article and done in a
later one, denied by one party and reported by another.
"""
from __future__ import annotations

from dataclasses import dataclass

from relgraph.model.records import Dataset, Relation, claim_id


@dataclass(frozen=True)
class Claim:
    id: str
    subject: str
    predicate: str
    object: str
    statements: tuple[Relation, ...]  # by source publication, source id, date, relation id

    @property
    def statuses(self) -> list[str]:
        """Each status once, in the order the statements first give it (a set, not a timeline)."""
        return list(dict.fromkeys(r.status for r in self.statements))

    @property
    def history(self) -> list[tuple[str, tuple[str, ...]]]:
        """(source, its statuses) for each source in order of publication: the claim's standing as
        it changed, the last the latest. A source stating it more than one way gives each status
        once, in the order of its statements."""
        by_source: dict[str, dict[str, None]] = {}
        for r in self.statements:
            by_source.setdefault(r.source, {})[r.status] = None
        return [(source, tuple(found)) for source, found in by_source.items()]

    @property
    def history_line(self) -> str:
        """The history in a line, a source repeating the one before left out: "expected + asserted
        → expected" (one source said both, a later one expected it again)."""
        steps = [" + ".join(found) for _, found in self.history]
        return " → ".join(step for i, step in enumerate(steps) if i == 0 or step != steps[i - 1])

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(r.source for r in self.statements))

    @property
    def differs_across_sources(self) -> bool:
        return len(self.sources) > 1 and len(self.statuses) > 1


def claims(dataset: Dataset) -> list[Claim]:
    """Every claim of the dataset, in order of subject, predicate, object."""
    grouped: dict[str, list[Relation]] = {}
    for relation in dataset.relations:
        grouped.setdefault(claim_id(dataset, relation), []).append(relation)

    def order(r: Relation):
        source = dataset.sources[r.source]
        return (source.date.earliest(), source.id, str(r.date or ""), r.id)

    found = []
    for cid, relations in grouped.items():
        first = relations[0]
        found.append(Claim(cid, first.subject, first.predicate, first.object, tuple(sorted(relations, key=order))))
    return sorted(found, key=lambda c: (c.subject, c.predicate, c.object, c.id))


def differing_claims(dataset: Dataset) -> list[Claim]:
    return [c for c in claims(dataset) if c.differs_across_sources]
