"""Immutable records of the curated graph, as the validator produces them."""
from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import Position

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
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        if day is not None:
            datetime.date(year, month, day)  # raises ValueError for 2023-02-30
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
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


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
    position: Position = field(default=Position(""), compare=False)

    @property
    def is_asserted(self) -> bool:
        return self.status == "asserted"


@dataclass(frozen=True)
class Dataset:
    """The whole validated graph; records sorted by id so every output is deterministic."""

    sources: dict[str, Source]
    entities: dict[str, Entity]
    predicates: dict[str, Predicate]
    relations: tuple[Relation, ...]
    source_texts: dict[str, str] = field(compare=False, default_factory=dict)
