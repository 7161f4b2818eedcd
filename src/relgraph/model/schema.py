"""The data model of relgraph, declared once.

The validator checks records against these declarations and `relgraph docs` renders
docs/data-model.md from them, so the documentation cannot drift from the checks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from relgraph.model import statuses

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")

# Closed list of entity types: description and the schema.org class an RDF export maps it to.
ENTITY_TYPES: dict[str, tuple[str, str]] = {
    "person": ("A named human being.", "Person"),
    "country": ("A sovereign state, as an actor (its government when the text means that).", "Country"),
    "city-or-region": ("A city, region, territory or body of water, as a place.", "Place"),
    "government-body": ("A government, ministry, agency, administration, council or armed force.", "GovernmentOrganization"),
    "international-organization": ("An intergovernmental organization, alliance or bloc (UN, NATO, EU, SCO).", "Organization"),
    "company": ("A company, or a named group of companies.", "Corporation"),
    "bank": ("A bank, or a named group of banks.", "BankOrCreditUnion"),
    "media-outlet": ("A newspaper, broadcaster, news agency or website.", "NewsMediaOrganization"),
    "think-tank-or-university": ("A think tank, research institute or university that quoted experts speak for.", "ResearchOrganization"),
    "event-or-agreement": ("A war, summit, forum, exercise, statement, treaty, partnership or policy initiative.", "Event"),
    "group": ("An unnamed collective that the text treats as one actor (Western governments, Chinese strategists).", "Organization"),
}

# Shorthands allowed in a predicate's subject_types/object_types, expanded by the validator.
TYPE_GROUPS: dict[str, tuple[str, ...]] = {
    "actor": ("person", "country", "government-body", "international-organization", "company", "bank",
              "media-outlet", "think-tank-or-university", "group"),
    "organization": ("government-body", "international-organization", "company", "bank", "media-outlet",
                     "think-tank-or-university"),
    "place": ("country", "city-or-region"),
    "any": tuple(ENTITY_TYPES),
}

CATEGORIES: dict[str, str] = {
    "diplomacy": "Visits, meetings, calls, partnerships, agreements and diplomatic ties.",
    "economy-and-trade": "Trade flows, investment, purchases, payments and economic cooperation.",
    "military": "Invasion, exercises, patrols, troops and arms.",
    "sanctions-and-legal": "Sanctions imposed, proposed or considered, blacklisting and compliance.",
    "role-and-affiliation": "Who holds which office, works where, belongs to what.",
    "statement-and-stance": "Statements, criticism, support, opposition, warnings and concerns.",
}

POLARITIES: dict[str, str] = {
    "cooperative": "The relation brings the two actors closer (visit, agreement, support).",
    "conflictual": "The relation sets them against each other (sanction, criticism, invasion).",
    "neutral": "Neither (a role, a statement to a medium, a location).",
}

STATUSES: dict[str, str] = {s.id: s.meaning for s in statuses.STATUSES.values()}

GENRES: dict[str, str] = {
    "news": "A news report.",
    "analysis": "An analysis piece written by journalists.",
    "opinion": "A commentary or opinion piece by a named expert.",
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, id, ref, date, bool, int, number, choice, choices, texts, figures, qid, sha256
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()


SOURCE_FIELDS = (
    Field("id", "id", "Stable slug, e.g. `voa-2024-02-double-down`. Relation files are named after it.", True),
    Field("title", "text", "The headline as printed.", True),
    Field("publisher", "text", "The outlet that published this copy; omitted when the text does not name it (say so in `date_note`)."),
    Field("original_publisher", "text", "The outlet that first published the text, when this copy is a re-publication or translation."),
    Field("author", "text", "The author, only when the text names one."),
    Field("url", "text", "Where the article was published, so a reader can go back to it."),
    Field("archive_url", "text", "An archived copy of the article (for example in the Wayback Machine)."),
    Field("date", "date", "Publication date at the precision the text supports: `2024`, `2024-02` or `2024-05-17`.", True),
    Field("date_note", "text", "How the date was inferred from the text.", True),
    Field("genre", "choice", "Kind of article.", True, tuple(GENRES)),
    Field("file", "text", "The seed file under `seeds/`, byte for byte as received.", True),
    Field("sha256", "sha256", "SHA-256 of the whole seed file; a mismatch means the seed was changed.", True),
    Field("first_line", "int", "First line (1-based) of this article in the file.", True),
    Field("last_line", "int", "Last line (1-based, inclusive) of this article in the file.", True),
)

ENTITY_FIELDS = (
    Field("id", "id", "Stable slug, e.g. `vladimir-putin`; the RDF IRI is derived from it.", True),
    Field("label", "text", "The name to show, e.g. `Vladimir Putin`.", True),
    Field("type", "choice", "One of the entity types below.", True, tuple(ENTITY_TYPES)),
    Field("aliases", "texts", "Other names the articles use (`Putin`, `Russian President Vladimir Putin`). Matching ignores case and accents."),
    Field("description", "text", "One line saying who or what this is.", True),
    Field("wikidata", "qid", "Wikidata QID, only when certain; never guessed."),
)

PREDICATE_FIELDS = (
    Field("id", "id", "Stable slug, e.g. `visits`; the RDF property IRI is derived from it.", True),
    Field("label", "text", "Reads subject → object: `Putin visits Beijing`.", True),
    Field("inverse", "text", "Reads object → subject: `Beijing visited by Putin`.", True),
    Field("aliases", "texts", "Other ways a curator may write it (`visited`, `visit`)."),
    Field("description", "text", "When to use this predicate.", True),
    Field("category", "choice", "One of the categories below.", True, tuple(CATEGORIES)),
    Field("polarity", "choice", "One of the polarities below.", True, tuple(POLARITIES)),
    Field("symmetric", "bool", "True when `A p B` means `B p A` (meets, trades with); default false."),
    Field("subject_types", "choices", "Entity types allowed as subject; a type group stands for its types.", True, tuple(ENTITY_TYPES) + tuple(TYPE_GROUPS)),
    Field("object_types", "choices", "Entity types allowed as object; a type group stands for its types.", True, tuple(ENTITY_TYPES) + tuple(TYPE_GROUPS)),
)

FIGURE_FIELDS = (
    Field("value", "number", "The number as the text gives it, in full (240 billion → 240000000000).", True),
    Field("unit", "text", "Unit: `USD`, `CNY`, `percent`, `troops`, `bridges`, …", True),
    Field("measure", "text", "What the number measures: `trade volume in 2023`.", True),
)

RELATION_FILE_FIELDS = (
    Field("source", "ref", "Id of the source every relation in this file is quoted from.", True),
    Field("reviewed", "choice", "How far this file's relations have been checked against the article: `second-reading` when a reader other than the first has read every relation again.", False, ("second-reading",)),
    Field("relations", "list", "The relations, in reading order.", True),
)

RELATION_FIELDS = (
    Field("subject", "ref", "Who acts: an entity id, label or alias, as a curator would write it.", True),
    Field("predicate", "ref", "What happens: a predicate id, label or alias.", True),
    Field("object", "ref", "To whom or what: an entity id, label or alias.", True),
    Field("quote", "text", "Verbatim words from the source that state the relation. Only whitespace and typographic quote, apostrophe and dash variants may differ.", True),
    Field("date", "date", "When it happened (or starts): `2024`, `2024-02` or `2024-02-08`."),
    Field("end_date", "date", "When a relation with a duration ends, at any precision."),
    Field("status", "choice", "One of the statuses below; default `asserted`.", False, tuple(STATUSES)),
    Field("reported_by", "ref", "Who claims, judges, announces or expects it (entity): required with `reported` and `expected`, allowed with `planned` and `possible`."),
    Field("denied_by", "ref", "With status `denied`: who denies it (entity)."),
    Field("figures", "figures", "Numbers the quote gives (trade volume, troops, arms sale), as a list of figures."),
    Field("note", "text", "A curator's note: how the relation was read from the text."),
    Field("accept", "texts", "Reading-lint warnings (W301-W305) a curator has checked against the sentence and keeps, each as `CODE: reason`; silences that code for this relation only."),
    Field("occurrence", "int", "Which occurrence of the quote in its source is meant (1 = the first), when the quote occurs more than once and a longer quote would not help."),
)

COVERAGE_IGNORE_FIELDS = (
    Field("name", "text", "A name that looks like a proper noun in an article but is no actor (a rubric, a photo credit), as printed; matching ignores case and accents.", True),
    Field("reason", "text", "Why it is no actor, so a later reader can tell an explained name from a miss.", True),
)

COVERAGE_PARAGRAPH_FIELDS = (
    Field("source", "ref", "Id of the source the paragraph is in.", True),
    Field("paragraph", "text", "Words of the paragraph, verbatim as a quote is (only whitespace and typographic quote, apostrophe and dash variants may differ), enough to pick out one paragraph: its opening words will do.", True),
    Field("reason", "text", "What the paragraph says and why no relation is recorded from it (an opinion with no actor holding it, a relation only outside knowledge would complete), so a later reader can check the reading.", True),
)


def expand_types(names) -> tuple[str, ...]:
    """Entity types named directly or through a group, in schema order."""
    wanted = set()
    for name in names:
        wanted.update(TYPE_GROUPS.get(name, (name,)))
    return tuple(t for t in ENTITY_TYPES if t in wanted)


RECORDS = {
    "source": SOURCE_FIELDS,
    "entity": ENTITY_FIELDS,
    "predicate": PREDICATE_FIELDS,
    "relation": RELATION_FIELDS,
    "figure": FIGURE_FIELDS,
    "relations file": RELATION_FILE_FIELDS,
    "ignored name": COVERAGE_IGNORE_FIELDS,
    "read paragraph": COVERAGE_PARAGRAPH_FIELDS,
}
