"""The reading lint: warnings for likely misreadings that a program can see in a quote.

`relgraph check` verifies that a quote occurs in its source; this asks whether the relation says
what the quote says, where the words themselves give it away: a fact stated in the future tense
or hedged, a claim whose speaker was dropped, an author's judgement recorded in the source's own
voice, a reporter the quote does not name, a negation of something the text does not mention.
A warning is a question to the curator, not a verdict: a curator who has read the sentence and
keeps the relation says why in the relation's `accept` field (`- 'W301: the visit is reported
done; "will" belongs to the next clause'`), for that relation and that code only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from relgraph.model.statuses import STATUSES
from relgraph.model.text import fold_name


def _words(*phrases: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


# "may" only in lower case: "May 16" is a date.
FUTURE_OR_MODAL = _words("will", "would", "(?-i:may)", "might", "could", "likely", "unlikely", "expected to", "expects?",
                         "plans? to", "planning to", "preparing to", "is to", "are to", "considering", "intends? to",
                         "hopes? to", "aims? to", "wants? to", "going to", "set to", "due to")
# Hearsay: words that put a claim in unnamed or third parties' mouths.
HEARSAY = _words("according to", "analysts?", "experts?", "observers", "strategists", "officials said", "sources said",
                 "reportedly", "alleged(?:ly)?", "is said to", "are said to", "claimed", "it is reported")
JUDGEMENT = _words("appears?", "seems?", "i think", "we think", "it is hoped", "must", "should", "ought to",
                   "perhaps", "probably", "arguably", "in my view", "clearly", "obviously", "needs? to",
                   "it is (?:necessary|important|clear|evident)")
# "Wang told", "Patrushev said", "said Tong Zhao": a speaker named beside a verb of saying.
# The name must stand right beside the verb; after "told" comes the hearer, not the speaker.
SPEAKER = re.compile(r"((?:[A-Z][\w'’.-]+ ){0,3}[A-Z][\w'’.-]+) (?:said|says|told|added|noted|warned)\b"
                     r"|\b(?:said|says|added|noted|warned) ((?:[A-Z][\w'’.-]+ ){0,3}[A-Z][\w'’.-]+)")
NOT_SPEAKERS = {"city-or-region", "event-or-agreement"}  # "Chong in Singapore said": Singapore says nothing


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


@dataclass(frozen=True)
class ReadingContext:
    """What a rule may look at beyond the relation itself."""

    genre: str  # of the source: news, analysis, opinion
    paragraph: Callable[[], str]  # the paragraph the quote sits in (found from its anchor when asked)
    names: Callable[[str], tuple[str, ...]]  # an entity id's label and aliases
    kind: Callable[[str], str]  # an entity id's type
    resolve: Callable[[str], set[str]]  # entity ids a name stands for


def _asserted(values: dict) -> bool:
    return STATUSES[values.get("status", "asserted")].is_fact


def future_or_modal(values: dict, ctx: ReadingContext) -> Finding | None:
    found = FUTURE_OR_MODAL.search(values["quote"]) if _asserted(values) else None
    if found:
        return Finding("W301", f"asserted, but the quote says '{found.group()}': is it planned, expected or possible?")
    return None


def attribution_dropped(values: dict, ctx: ReadingContext) -> Finding | None:
    """Asserted, though the quote gives it as hearsay or as the words of someone other than its subject
    (the subject's own statement, "Putin said …" for Putin criticizes …, is a fact: he said it)."""
    if not _asserted(values):
        return None
    hearsay = HEARSAY.search(values["quote"])
    if hearsay:
        return Finding("W302", f"asserted, but the quote attributes it ('{hearsay.group()}'): is it reported by someone?")
    speakers = sorted({m.group(1) or m.group(2) for m in SPEAKER.finditer(values["quote"])})
    named = {s: _named(s, ctx) for s in speakers}
    others = [s for s in speakers if named[s] and values.get("subject_id") not in named[s]]
    if others:
        return Finding("W302", f"asserted, but the quote gives it as the words of {', '.join(others)}: is it reported by them?")
    return None


def judgement_as_fact(values: dict, ctx: ReadingContext) -> Finding | None:
    if ctx.genre == "news" or not _asserted(values):
        return None
    found = JUDGEMENT.search(values["quote"])
    if found:
        return Finding("W303", f"asserted in an {ctx.genre} piece, but the quote judges ('{found.group()}'): "
                               "is it the author's claim, reported by the author?")
    return None


def reporter_not_speaker(values: dict, ctx: ReadingContext) -> Finding | None:
    reporter = values.get("reported_by_id")
    if not reporter:
        return None
    speakers = {m.group(1) or m.group(2) for m in SPEAKER.finditer(values["quote"])}
    known = {s: _named(s, ctx) for s in speakers}
    named = {s for s, ids in known.items() if ids}
    if named and not any(reporter in known[s] for s in named):
        who = ", ".join(sorted(named))
        return Finding("W304", f"reported by '{reporter}', but the quote names {who} as the speaker")
    return None


def _named(words: str, ctx: ReadingContext) -> set[str]:
    """Entities a capitalised run of words names: "President Xi Jinping" names Xi through its tail."""
    parts = words.split()
    for start in range(len(parts)):
        found = {eid for eid in ctx.resolve(" ".join(parts[start:])) if ctx.kind(eid) not in NOT_SPEAKERS}
        if found:
            return found
    return set()


def negation_of_the_unsaid(values: dict, ctx: ReadingContext) -> Finding | None:
    if values.get("status") != "negated" or not values.get("object_id"):
        return None
    text = f" {re.sub(r'[^0-9a-z]+', ' ', fold_name(ctx.paragraph()))} "
    for name in ctx.names(values["object_id"]):
        if f" {re.sub(r'[^0-9a-z]+', ' ', fold_name(name)).strip()} " in text:
            return None
    return Finding("W305", f"negated, but its object '{values['object_id']}' is not named in the quote's paragraph")


# Each rule under its diagnostic code (errors.CODES says what the code means).
RULES: dict[str, Callable] = {
    "W301": future_or_modal,
    "W302": attribution_dropped,
    "W303": judgement_as_fact,
    "W304": reporter_not_speaker,
    "W305": negation_of_the_unsaid,
}
ACCEPT = re.compile(r"^(W3\d\d): (\S.*)$")


# Every word any rule's patterns contain: a quote sharing none of them is settled by a set
# intersection, much faster than the patterns' alternations (most quotes of a large corpus).
def _trigger_words(*patterns: re.Pattern) -> frozenset[str]:
    """The words a pattern can match, each optional ending both ways ("expects?": expect, expects)."""
    words = set()
    for pattern in patterns:
        text = pattern.pattern.replace("(?-i:", "").replace("(?:ly)?", "")
        for token in re.findall(r"[a-z]+\??", text):
            words.update((token[:-1], token[:-2]) if token.endswith("?") else (token,))
    words.update(w + "ly" for w in list(words))  # "alleged(ly)"
    return frozenset(w for w in words if w)


_TRIGGERS = _trigger_words(FUTURE_OR_MODAL, HEARSAY, JUDGEMENT, SPEAKER)
_LETTERS = re.compile(r"[a-z]+")


def needs_reading(status: str | None, reported_by: str | None, quote: str) -> bool:
    """Whether any rule can fire for a relation: read() is empty when this is False."""
    if status == "negated" or reported_by:
        return True
    return not _TRIGGERS.isdisjoint(_LETTERS.findall(quote.lower()))


def read(values: dict, ctx: ReadingContext) -> list[Finding]:
    """Every rule's finding for one relation (`values` as checked, with resolved `*_id` entries)."""
    findings = []
    if not needs_reading(values.get("status"), values.get("reported_by_id"), values["quote"]):
        return findings
    for rule in RULES.values():
        finding = rule(values, ctx)
        if finding is not None:
            findings.append(finding)
    return findings
