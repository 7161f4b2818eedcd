"""Each status of a relation, declared once with everything it means.

Every surface reads this table and nothing else: the validator (attribution fields, dates after
publication), the RDF build (truthy triple or not), paths (which statuses may be hops), `load()`
and the exports (which relations are edges by default), and the HTML page, which receives the
table as data and draws and explains each status from it. Rules that admit relations list what
they admit (`FACTS`, `UNCONFIRMED`), so a status added here is never a hop unless declared so.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

# How far the source stands behind a relation; decides where it may appear.
STANDINGS: dict[str, str] = {
    "fact": "Stated by the source in its own voice: an edge of the graph, a path hop, a truthy RDF triple.",
    "unconfirmed": "Claimed, expected, planned or possible, not stated as done: a path hop only when unconfirmed relations are asked for.",
    "contradicted": "Stated not to be so, or denied: never an edge or a hop; shown as evidence against.",
}


@dataclass(frozen=True)
class Style:
    """How the HTML page draws a relation of this status (vis-network edge options)."""

    color: str  # edge colour
    dashes: tuple[int, ...] = ()  # vis-network dash pattern; empty: a solid line
    width: float = 1.5
    marker: str = ""  # drawn before the edge's label, e.g. "✕" for negated


@dataclass(frozen=True)
class Status:
    id: str
    label: str  # short, for legends and cards
    meaning: str  # one sentence; the data-model docs and the page's legend show it
    standing: str  # one of STANDINGS
    rank: int  # order in lists and claim histories: how firmly the source stands behind it
    style: Style
    requires: str | None = None  # the attribution field this status needs (who claims or denies it)
    allows: tuple[str, ...] = ()  # attribution fields it may carry (`requires` included)
    may_follow_publication: bool = False  # may be dated after its source was published (a plan, a forecast)

    @property
    def is_fact(self) -> bool:
        return self.standing == "fact"

    def as_data(self) -> dict:
        """The declaration as plain data, for the HTML page and JSON."""
        data = asdict(self)
        data["is_fact"] = self.is_fact
        data["style"]["dashes"] = list(self.style.dashes) or False
        data["allows"] = list(self.allows)
        return data


STATUSES: dict[str, Status] = {s.id: s for s in (
    Status("asserted", "asserted",
           "The source states, in its own voice, that this happened or holds. The default.",
           "fact", 1, Style("#4b5563", width=2.0)),
    Status("reported", "reported",
           "Claimed by someone the source cites, or judged by the author of an opinion piece (`reported_by`), "
           "not stated by the source as fact.",
           "unconfirmed", 2, Style("#2563eb", (10, 4)), requires="reported_by", allows=("reported_by",)),
    Status("planned", "planned",
           "Announced, scheduled, proposed or being prepared by those who would do it, but not (yet) done; "
           "`reported_by` may say who announced it.",
           "unconfirmed", 3, Style("#059669", (6, 6)), allows=("reported_by",), may_follow_publication=True),
    Status("expected", "expected",
           "Forecast or expected by someone (`reported_by`): analysts, the author, an official; not announced "
           "by those who would do it.",
           "unconfirmed", 4, Style("#7c3aed", (2, 4, 8, 4)), requires="reported_by", allows=("reported_by",),
           may_follow_publication=True),
    Status("possible", "possible",
           "Stated as possible, feared or under consideration (may, might, could), not as happening or decided; "
           "`reported_by` may say who says so.",
           "unconfirmed", 5, Style("#d97706", (2, 5)), allows=("reported_by",), may_follow_publication=True),
    Status("denied", "denied",
           "Claimed by someone and denied by the actor concerned (`denied_by`).",
           "contradicted", 6, Style("#dc2626", (3, 3), marker="⊘"), requires="denied_by", allows=("denied_by",)),
    Status("negated", "negated",
           "The source states that this did not happen or does not hold.",
           "contradicted", 7, Style("#dc2626", (1, 3), width=1.0, marker="✕")),
)}

DEFAULT = "asserted"
FACTS: tuple[str, ...] = tuple(s.id for s in STATUSES.values() if s.standing == "fact")
UNCONFIRMED: tuple[str, ...] = tuple(s.id for s in STATUSES.values() if s.standing == "unconfirmed")
CONTRADICTED: tuple[str, ...] = tuple(s.id for s in STATUSES.values() if s.standing == "contradicted")
# Every field that names who claims or denies a relation, in declaration order.
ATTRIBUTION_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(f for s in STATUSES.values() for f in s.allows))


def is_fact(status: str) -> bool:
    return STATUSES[status].standing == "fact"


def by_rank(statuses) -> list[str]:
    return sorted(statuses, key=lambda s: STATUSES[s].rank)


def select(include="facts") -> frozenset[str]:
    """The statuses a caller asks for: "facts" (the default everywhere), "all", or status ids and
    standings ("unconfirmed", "contradicted") in any mix, as a comma-separated text or an iterable."""
    if isinstance(include, str):
        include = [part.strip() for part in include.split(",") if part.strip()]
    chosen: set[str] = set()
    for name in include:
        if name == "all":
            chosen.update(STATUSES)
        elif name == "facts":
            chosen.update(FACTS)
        elif name in STANDINGS:
            chosen.update(s.id for s in STATUSES.values() if s.standing == name)
        elif name in STATUSES:
            chosen.add(name)
        else:
            known = ", ".join(["facts", "all", *STANDINGS, *STATUSES])
            raise ValueError(f"unknown status '{name}': choose from {known}")
    if not chosen:
        raise ValueError("no status chosen")
    return frozenset(chosen)
