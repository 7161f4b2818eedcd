"""Immutable records of the curated graph, as the validator produces them."""
from __future__ import annotations

import calendar
import hashlib
import datetime
import re
from dataclasses import dataclass, field, fields
from collections.abc import Mapping
from functools import lru_cache

from relgraph.errors import Position
from relgraph.model.statuses import STATUSES

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at the precision a text supports: year, year-month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    @lru_cache(maxsize=4096)  # records repeat the same few dates
    def parse(cls, text: str) -> "PartialDate":
        match = _DATE.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if year < 1:
            raise ValueError(f"'{text}' has no year {year}: years start at 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        if day is not None:
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:  # 2023-02-30, 2024-05-32, 2023-02-29
                raise ValueError(f"'{text}' has no day {day}: {calendar.month_name[month]} {year} has {days} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        # Kept once made (outside the fields: equality, order and hash ignore it); every export
        # writes each relation's dates, and parse() hands out one object per date text.
        text = self.__dict__.get("_text")
        if text is None:
            if self.day:
                text = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            elif self.month:
                text = f"{self.year:04d}-{self.month:02d}"
            else:
                text = f"{self.year:04d}"
            object.__setattr__(self, "_text", text)
        return text


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    date: PartialDate
    date_note: str
    genre: str
    file: str
    sha256: str
    first_line: int
    last_line: int
    publisher: str | None = None
    original_publisher: str | None = None
    author: str | None = None
    url: str | None = None
    archive_url: str | None = None
    position: Position = field(default=Position(""), compare=False)


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    type: str
    description: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    position: Position = field(default=Position(""), compare=False)


@dataclass(frozen=True)
class Predicate:
    id: str
    label: str
    inverse: str
    description: str
    category: str
    polarity: str
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    symmetric: bool = False
    aliases: tuple[str, ...] = ()
    position: Position = field(default=Position(""), compare=False)


@dataclass(frozen=True)
class Figure:
    value: float | int
    unit: str
    measure: str


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in its seed file: character offsets [start, end) in the decoded file,
    the 1-based line it starts on, and the 1-based paragraph of its article (blank-line separated)."""

    start: int
    end: int
    line: int
    paragraph: int


@dataclass(frozen=True)
class Relation:
    id: str
    source: str
    subject: str
    predicate: str
    object: str
    quote: str
    status: str = "asserted"
    date: PartialDate | None = None
    end_date: PartialDate | None = None
    reported_by: str | None = None
    denied_by: str | None = None
    figures: tuple[Figure, ...] = ()
    note: str | None = None
    occurrence: int | None = None  # which occurrence of the quote in its source, when it is not unique
    accept: tuple[str, ...] = ()  # reading-lint warnings the curator checked and keeps: "W301: reason"
    anchor: Anchor | None = None  # set by the check for every valid relation
    position: Position = field(default=Position(""), compare=False)

    @property
    def is_fact(self) -> bool:
        """Stated by the source in its own voice (see statuses.py): an edge, a hop, a truthy triple."""
        return STATUSES[self.status].standing == "fact"


def claim_id(dataset: "Dataset", relation: Relation) -> str:
    """Stable id of the claim a relation states, shared by every source stating it: `c` + 12 hex
    digits of subject, predicate, object (sorted ends for a symmetric predicate: `A meets B` is `B meets A`)."""
    subject, obj = relation.subject, relation.object
    if dataset.predicates[relation.predicate].symmetric:
        subject, obj = sorted((subject, obj))
    return "c" + hashlib.sha256("\x1f".join((subject, relation.predicate, obj)).encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Dataset:
    """The whole validated graph; records sorted by id so every output is deterministic. The records
    are read-only mappings (from the check's cache, each record is made when first read)."""

    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    predicates: Mapping[str, Predicate]
    relations: tuple[Relation, ...]
    source_texts: dict[str, str] = field(compare=False, default_factory=dict)  # each article's lines of its seed
    # where each of those texts starts in its seed file (characters): anchors count from the file's start
    source_text_offsets: dict[str, int] = field(compare=False, default_factory=dict)


# -- a relation as plain values (marshal- and JSON-safe), derived from the dataclass itself -----
# The per-file cache and the forked worker send relations this way. It walks Relation's fields,
# so a field added to Relation is carried without touching the codec (a test sets every field).
_RELATION_FIELDS = tuple(f.name for f in fields(Relation) if f.name != "position")


def _anchor(start: int, end: int, line: int, paragraph: int) -> Anchor:
    """An Anchor without the frozen dataclass's __init__ (see relation_from_plain)."""
    anchor = object.__new__(Anchor)
    object.__setattr__(anchor, "__dict__", {"start": start, "end": end, "line": line, "paragraph": paragraph})
    return anchor


# Fields whose values are not plain already, each with its way there and back.
_TO_PLAIN = {
    "date": str, "end_date": str,
    "anchor": lambda a: (a.start, a.end, a.line, a.paragraph),
    "figures": lambda figures: tuple((f.value, f.unit, f.measure) for f in figures),
}
_FROM_PLAIN = {
    "date": PartialDate.parse, "end_date": PartialDate.parse,
    "anchor": lambda plain: _anchor(*plain),
    "figures": lambda plain: tuple(Figure(*f) for f in plain),
    "accept": tuple,
}


def relation_to_plain(relation: Relation) -> dict:
    """Only the fields that differ from their default: most relations use five or six."""
    plain = {}
    for name in _RELATION_FIELDS:
        value = getattr(relation, name)
        if value is not None and value != ():
            plain[name] = _TO_PLAIN[name](value) if name in _TO_PLAIN else value
    return plain


_RELATION_DEFAULTS = {f.name: f.default for f in fields(Relation) if f.name != "position"}
_CONVERTED = tuple(_FROM_PLAIN)


def relation_from_plain(plain: dict, position: Position) -> Relation:
    """The Relation relation_to_plain() was given. Made without the frozen dataclass's __init__
    (see checked_relation); the values are those a checked relation had, so nothing is left to
    check. tests/test_claim_model.py compares the result with the original, field by field."""
    values = dict(_RELATION_DEFAULTS)
    values.update(plain)
    for name in _CONVERTED:
        if name in plain:
            values[name] = _FROM_PLAIN[name](plain[name])
    values["position"] = position
    return checked_relation(values)


def checked_relation(values: dict) -> Relation:
    """A Relation of values the check has already checked (every field named, `position` too).

    Made without the frozen dataclass's __init__, which sets each of 17 fields through
    object.__setattr__: a tenth of checking 100k relations. tests/test_claim_model.py compares
    the result with Relation(**values)."""
    if values.keys() != _ALL_RELATION_FIELDS:
        raise TypeError(f"checked_relation() needs every field of Relation, got {sorted(values)}")
    relation = object.__new__(Relation)
    object.__setattr__(relation, "__dict__", values)
    return relation


_ALL_RELATION_FIELDS = {f.name for f in fields(Relation)}


def entities_named(relations) -> set[str]:
    """The ids of the entities these relations name: subject, object, who reports or denies them."""
    return {name for r in relations for name in (r.subject, r.object, r.reported_by, r.denied_by) if name}
