"""Text and JSON renderings of path and show answers for the command line."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from relgraph.model.fields import relation_record
from relgraph.model.records import Dataset, Relation, claim_id
from relgraph.model.statuses import STATUSES, by_rank

if TYPE_CHECKING:  # claims.py imports nothing of this module; the name is for readers and checkers
    from relgraph.ask.claims import Claim


def shorten(quote: str, full: bool, limit: int = 110) -> str:
    quote = " ".join(quote.split())
    if full or len(quote) <= limit:
        return quote
    return quote[: limit - 1].rstrip() + "…"


def dated(date, end_date=None) -> str:
    """"2022", or "2022 to 2023-02" for a relation with a duration (as the HTML card writes it)."""
    return f"{date} to {end_date}" if end_date else str(date)


def evidence_line(dataset: Dataset, source_id: str, date: str | None, end_date: str | None = None) -> str:
    source = dataset.sources[source_id]
    parts = [source.id, source.publisher or "publisher not named", f"published {source.date}"]
    if date:
        parts.append(f"dated {dated(date, end_date)}")
    return " · ".join(parts)


def status_phrase(status: str, reported_by: str | None, dataset: Dataset, denied_by: str | None = None) -> str:
    """The status with who stands behind it: "by X" for the attribution the status requires
    (reported by, denied by), "per X" for an optional one (planned, per X)."""
    declared = STATUSES[status]
    phrase = status
    for field, who in (("reported_by", reported_by), ("denied_by", denied_by)):
        if who:
            phrase += f" by {dataset.entities[who].label}" if field == declared.requires else f", per {dataset.entities[who].label}"
    return phrase


def status_mark(status: str, reported_by: str | None, dataset: Dataset, denied_by: str | None = None) -> str:
    """Nothing for a fact; otherwise the status phrase in brackets."""
    if STATUSES[status].is_fact:
        return ""
    return f" [{status_phrase(status, reported_by, dataset, denied_by)}]"


def hop_sentence(dataset: Dataset, d: dict) -> str:
    subject, obj = dataset.entities[d["from"]].label, dataset.entities[d["to"]].label
    return f"{subject} —{d['label']}→ {obj}{status_mark(d['status'], d['reported_by'], dataset, d['denied_by'])}"


def path_text(dataset: Dataset, start: str, paths: list[list[list[dict]]], notes: list[Relation], full_quotes: bool) -> str:
    lines = []
    for number, path in enumerate(paths, start=1):
        hops = len(path)
        nodes = _node_sequence(path, start)
        heading = f"{dataset.entities[nodes[0]].label} → {dataset.entities[nodes[-1]].label}: {hops} hop{'s' if hops != 1 else ''}"
        if len(paths) > 1:
            heading = f"path {number}: " + heading
        lines.append(heading)
        for index, hop in enumerate(path, start=1):
            first, rest = hop[0], hop[1:]
            lines.append(f"  {index}. {hop_sentence(dataset, first)}")
            lines.append(f"     {evidence_line(dataset, first['source_id'], first['date'], first['end_date'])}")
            lines.append(f"     “{shorten(first['quote'], full_quotes)}”")
            for more in rest:
                lines.append(f"     also: {hop_sentence(dataset, more)}")
                lines.append(f"       {evidence_line(dataset, more['source_id'], more['date'], more['end_date'])}")
                lines.append(f"       “{shorten(more['quote'], full_quotes)}”")
        lines.append("")
    for relation in notes:
        subject, obj = dataset.entities[relation.subject].label, dataset.entities[relation.object].label
        label = dataset.predicates[relation.predicate].label
        lines.append(f"note: not so: {subject} —{label}→ {obj} [{relation.status}]")
        lines.append(f"      {evidence_line(dataset, relation.source, relation.date, relation.end_date)}")
        lines.append(f"      “{shorten(relation.quote, full_quotes)}”")
    return "\n".join(lines).rstrip() + "\n"


def _node_sequence(path: list[list[dict]], start: str) -> list[str]:
    """The nodes a path walks through from `start` (hops may point either way)."""
    nodes = [start]
    for hop in path:
        d = hop[0]
        nodes.append(d["to"] if d["from"] == nodes[-1] else d["from"])
    return nodes


def path_json(dataset: Dataset, start: str, goal: str, paths, notes: list[Relation]) -> str:
    data = {
        "from": start,
        "to": goal,
        "paths": [
            {"nodes": _node_sequence(path, start),
             "hops": [{"relations": list(hop)} for hop in path]}
            for path in paths
        ],
        "notes": [relation_json(dataset, r) for r in notes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def relation_json(dataset: Dataset, r: Relation) -> dict:
    """A relation as JSON: its record (fields.py), the same fields as a NetworkX edge plus its two ends."""
    return relation_record(dataset, r)


def entity_card_lines(dataset: Dataset, entity_id: str) -> list[str]:
    entity = dataset.entities[entity_id]
    lines = [f"{entity.label} ({entity.type})", f"  id: {entity.id}", f"  {entity.description}"]
    if entity.aliases:
        lines.append(f"  also: {', '.join(entity.aliases)}")
    if entity.wikidata:
        lines.append(f"  wikidata: https://www.wikidata.org/wiki/{entity.wikidata}")
    return lines


def show_text(dataset: Dataset, entity_id: str, relations: list[Relation], full_quotes: bool) -> str:
    from relgraph.ask.claims import differing_claims

    differing = {c.id: c for c in differing_claims(dataset)}
    lines = entity_card_lines(dataset, entity_id)
    by_predicate: dict[str, list[Relation]] = {}
    for r in relations:
        by_predicate.setdefault(r.predicate, []).append(r)
    lines.append("")
    lines.append(f"{len(relations)} relation{'s' if len(relations) != 1 else ''}")
    for predicate_id in sorted(by_predicate):
        predicate = dataset.predicates[predicate_id]
        lines.append("")
        lines.append(f"{predicate.label} ({predicate.category})")
        for r in sorted(by_predicate[predicate_id], key=lambda r: (str(r.date or ""), r.id)):
            subject, obj = dataset.entities[r.subject].label, dataset.entities[r.object].label
            role = ""
            if entity_id not in (r.subject, r.object):
                role = " (as reporter)" if r.reported_by == entity_id else " (as denier)"
            lines.append(f"  {subject} —{predicate.label}→ {obj}{status_mark(r.status, r.reported_by, dataset, r.denied_by)}{role}")
            claim = differing.get(claim_id(dataset, r))
            if claim is not None:
                lines.append(f"    claim differs across sources: {claim.history_line} (relgraph claims)")
            lines.append(f"    {evidence_line(dataset, r.source, r.date, r.end_date)}")
            lines.append(f"    “{shorten(r.quote, full_quotes)}”")
    return "\n".join(lines) + "\n"


def show_json(dataset: Dataset, entity_id: str, relations: list[Relation]) -> str:
    from relgraph.ask.claims import differing_claims

    entity = dataset.entities[entity_id]
    data = {
        "id": entity.id, "label": entity.label, "type": entity.type, "aliases": list(entity.aliases),
        "description": entity.description, "wikidata": entity.wikidata,
        "relations": [relation_json(dataset, r) for r in relations],
        # The claims among these whose status differs between sources, with their history.
        "differing_claims": [claim_json(dataset, c) for c in differing_claims(dataset)
                             if c.id in {claim_id(dataset, r) for r in relations}],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- claims across sources ---------------------------------------------------------------------
def claim_sentence(dataset: Dataset, claim: "Claim") -> str:
    subject, obj = dataset.entities[claim.subject].label, dataset.entities[claim.object].label
    return f"{subject} —{dataset.predicates[claim.predicate].label}→ {obj}"


def claims_text(dataset: Dataset, found: list["Claim"]) -> str:
    if not found:
        return "no claim differs across sources\n"
    lines = []
    for claim in found:
        history = claim.history_line
        lines.append(f"{claim_sentence(dataset, claim)}: {history} ({len(claim.sources)} sources)")
        for r in claim.statements:
            source = dataset.sources[r.source]
            when = f" · dated {dated(r.date, r.end_date)}" if r.date else ""
            lines.append(f"  {source.date}  {source.id} · {status_phrase(r.status, r.reported_by, dataset, r.denied_by)}{when}")
            lines.append(f"    “{shorten(r.quote, False)}”")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def claim_json(dataset: Dataset, claim: "Claim") -> dict:
    return {
        "id": claim.id, "subject": claim.subject, "predicate": claim.predicate, "object": claim.object,
        "statuses": claim.statuses, "statuses_by_rank": by_rank(claim.statuses),
        "history": [{"source": source, "statuses": list(found)} for source, found in claim.history],
        "sources": claim.sources,
        "statements": [relation_record(dataset, r) for r in claim.statements],
    }


def claims_json(dataset: Dataset, found: list["Claim"]) -> str:
    return json.dumps({"claims": [claim_json(dataset, c) for c in found]}, ensure_ascii=False, indent=2) + "\n"
