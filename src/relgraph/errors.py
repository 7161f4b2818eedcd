"""Typed errors and the one diagnostic format of relgraph.

The library raises these; the CLI turns them into messages on stderr and an exit code.
Every diagnostic code is declared in CODES so that the docs and the checks share one list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

# Stable codes: never renumber, only add. (level, title)
CODES: dict[str, tuple[str, str]] = {
    "E001": ("error", "YAML syntax error"),
    "E002": ("error", "duplicate key in a YAML mapping"),
    "E003": ("error", "YAML feature not allowed (anchor, alias, merge key or custom tag)"),
    "E004": ("error", "file cannot be read (missing, not UTF-8, too large or too deeply nested)"),
    "E101": ("error", "unknown field"),
    "E102": ("error", "missing or empty required field"),
    "E103": ("error", "unknown entity"),
    "E104": ("error", "unknown predicate"),
    "E105": ("error", "unknown source"),
    "E106": ("error", "wrong type"),
    "E107": ("error", "value not in the allowed list"),
    "E108": ("error", "duplicate id"),
    "E109": ("error", "alias or label shared by two entities"),
    "E110": ("error", "subject or object type not allowed by the predicate"),
    "E111": ("error", "invalid date"),
    "E112": ("error", "relation dated after its source's publication"),
    "E113": ("error", "quote not found in its source"),
    "E114": ("error", "seed file missing"),
    "E115": ("error", "seed file changed (sha256 mismatch)"),
    "E116": ("error", "duplicate relation"),
    "E117": ("error", "malformed id"),
    "E118": ("error", "inconsistent status fields"),
    "E119": ("error", "invalid source bounds"),
    "E120": ("error", "quote occurrence out of range"),
    "E121": ("error", "malformed accepted warning"),
    "E122": ("error", "no relation files"),
    "E123": ("error", "relation file not named *.yaml (not read)"),
    "E124": ("error", "read paragraph's words not found in exactly one paragraph of its source"),
    "W201": ("warning", "entity takes part in no relation"),
    "W202": ("warning", "source has no relation"),
    "W203": ("warning", "quote occurs more than once in its source"),
    "W204": ("warning", "file or folder in graph/relations/ that is not a relation file (not read)"),
    "W205": ("warning", "read paragraph that coverage does not need (quoted, not substantive, or listed twice)"),
    "W301": ("warning", "asserted relation whose quote speaks of the future or a possibility"),
    "W302": ("warning", "asserted relation whose quote attributes it to someone"),
    "W303": ("warning", "asserted relation in an opinion or analysis piece whose quote is a judgement"),
    "W304": ("warning", "reported_by names someone other than the speaker the quote names"),
    "W305": ("warning", "negated relation whose object is not named in the quote's paragraph"),
    "W306": ("warning", "accepted warning that no longer occurs"),
}


class Position(NamedTuple):
    """Where a value stands: a path relative to the project root, 1-based line and column.

    A tuple rather than a dataclass: one is made for every value parsed, so it must be cheap.
    """

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True, order=True)
class Diagnostic:
    position: Position
    code: str
    message: str

    @property
    def level(self) -> str:
        return CODES[self.code][0]

    def __str__(self) -> str:
        return f"{self.position}: {self.level} {self.code}: {self.message}"


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.level == "error" for d in diagnostics)


class RelgraphError(Exception):
    """Base of every error relgraph raises on purpose (bad data, bad question, no result)."""


class DataError(RelgraphError):
    """The curated data has problems; carries every diagnostic found in one run."""

    SHOWN = 3  # diagnostics named in the message itself, so a traceback or a test failure says where

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        errors = [d for d in self.diagnostics if d.level == "error"]
        self.summary = f"{len(errors)} error(s) in the data"
        shown = "; ".join(str(d) for d in errors[: self.SHOWN])
        more = f" (and {len(errors) - self.SHOWN} more)" if len(errors) > self.SHOWN else ""
        super().__init__(f"{self.summary}: {shown}{more}" if shown else self.summary)


class NameNotFound(RelgraphError):
    def __init__(self, name: str, suggestion: str | None):
        self.name, self.suggestion = name, suggestion
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        super().__init__(f"no actor named '{name}'{hint}")


class AmbiguousName(RelgraphError):
    def __init__(self, name: str, candidates: list[tuple[str, str, str]]):
        self.name, self.candidates = name, candidates
        lines = "\n".join(f"  {cid}  {label} ({etype})" for cid, label, etype in candidates)
        super().__init__(f"'{name}' names more than one actor:\n{lines}")


class NoPath(RelgraphError):
    pass


class TooManyPaths(RelgraphError):
    """More answers than relgraph will enumerate; the message says how to narrow the question."""


class QueryError(RelgraphError):
    pass


class OutputError(RelgraphError):
    pass
