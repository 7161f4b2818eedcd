"""`relgraph diff`: what changed between two versions of the curated graph, as a reviewer reads it.

Relations added, removed and changed (status, attribution, date, predicate, ends, quote), and
entities and predicates added, removed or renamed, each relation with its quote and source. An
entity renamed (a new id keeping its label, an alias or its Wikidata id) is one change: the
relations that name it are matched through the rename, not removed and added again.
"""
from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.errors import RelgraphError
from relgraph.model.records import Dataset, Relation

COMPARED = ("status", "reported_by", "denied_by", "date", "end_date", "quote", "note")


class DiffError(RelgraphError):
    pass


@dataclass
class GraphDiff:
    renamed_entities: dict[str, str] = field(default_factory=dict)  # old id → new id
    added_entities: list[str] = field(default_factory=list)
    removed_entities: list[str] = field(default_factory=list)
    renamed_predicates: dict[str, str] = field(default_factory=dict)
    added_predicates: list[str] = field(default_factory=list)
    removed_predicates: list[str] = field(default_factory=list)
    added: list[Relation] = field(default_factory=list)
    removed: list[Relation] = field(default_factory=list)
    changed: list[tuple[Relation, Relation, list[str]]] = field(default_factory=list)  # old, new, fields

    @property
    def empty(self) -> bool:
        return not any((self.renamed_entities, self.added_entities, self.removed_entities, self.renamed_predicates,
                        self.added_predicates, self.removed_predicates, self.added, self.removed, self.changed))


def _renames(old: dict, new: dict, names) -> dict[str, str]:
    """Ids gone from `old` matched to ids new in `new` that share a name (label, alias, QID)."""
    gone, came = set(old) - set(new), set(new) - set(old)
    found = {}
    for old_id in sorted(gone):
        matches = sorted(n for n in came if names(old[old_id]) & names(new[n]) and n not in found.values())
        if len(matches) == 1:
            found[old_id] = matches[0]
    return found


def _entity_names(entity) -> set[str]:
    return {n.casefold() for n in (entity.label, *entity.aliases)} | ({entity.wikidata} if entity.wikidata else set())


def _predicate_names(predicate) -> set[str]:
    return {n.casefold() for n in (predicate.label, *predicate.aliases)}


def _identity(r: Relation, entities: dict[str, str], predicates: dict[str, str]) -> tuple:
    """What makes a relation the same relation across versions: its source, ends and predicate
    (old ids mapped through renames)."""
    return (r.source, entities.get(r.subject, r.subject), predicates.get(r.predicate, r.predicate),
            entities.get(r.object, r.object))


def _pair(olds: list[Relation], news: list[Relation]) -> tuple[list, list, list]:
    """Pairs of one relation before and after (same date first, then in order), and the rest."""
    olds, news, pairs = list(olds), list(news), []
    for key in (lambda r: (str(r.date), r.quote), lambda r: str(r.date), lambda r: r.quote, lambda r: None):
        for old in list(olds):
            match = next((n for n in news if key(n) == key(old)), None)
            if match is not None:
                pairs.append((old, match))
                olds.remove(old)
                news.remove(match)
    return pairs, olds, news


def diff_datasets(old: Dataset, new: Dataset) -> GraphDiff:
    result = GraphDiff()
    result.renamed_entities = _renames(old.entities, new.entities, _entity_names)
    result.added_entities = sorted(set(new.entities) - set(old.entities) - set(result.renamed_entities.values()))
    result.removed_entities = sorted(set(old.entities) - set(new.entities) - set(result.renamed_entities))
    result.renamed_predicates = _renames(old.predicates, new.predicates, _predicate_names)
    result.added_predicates = sorted(set(new.predicates) - set(old.predicates) - set(result.renamed_predicates.values()))
    result.removed_predicates = sorted(set(old.predicates) - set(new.predicates) - set(result.renamed_predicates))
    before: dict[tuple, list[Relation]] = {}
    for r in old.relations:
        before.setdefault(_identity(r, result.renamed_entities, result.renamed_predicates), []).append(r)
    after: dict[tuple, list[Relation]] = {}
    for r in new.relations:
        after.setdefault(_identity(r, {}, {}), []).append(r)
    for key in sorted(set(before) | set(after)):
        pairs, removed, added = _pair(before.get(key, []), after.get(key, []))
        result.removed += removed
        result.added += added
        for a, b in pairs:
            fields = [name for name in COMPARED if getattr(a, name) != getattr(b, name)]
            if fields:
                result.changed.append((a, b, fields))
    return result


# -- loading a version ----------------------------------------------------------------------------
def load_version(spec: str, root: Path, workdir: Path) -> Dataset:
    """A folder holding graph/ and seeds/, or a git revision of the project at `root`."""
    from relgraph.check.runner import load_dataset

    folder = Path(spec)
    if (folder / "graph").is_dir():
        return load_dataset(folder)
    archive = subprocess.run(["git", "archive", spec, "graph", "seeds"], cwd=root, capture_output=True, check=False)
    if archive.returncode != 0:
        raise DiffError(f"'{spec}' is neither a folder holding graph/ nor a git revision: {archive.stderr.decode().strip()}")
    target = workdir / spec.replace("/", "_")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return load_dataset(target)


def diff_versions(root: Path, spec: str) -> tuple[GraphDiff, Dataset, Dataset]:
    """`REV1..REV2` (REV2 empty: the working tree) or `FOLDER1 FOLDER2`-style pair joined by '..'."""
    if ".." not in spec:
        raise DiffError(f"'{spec}': give two versions as REV1..REV2 (REV2 may be empty for the working tree)")
    first, second = spec.split("..", 1)
    with tempfile.TemporaryDirectory() as tmp:
        old = load_version(first, root, Path(tmp))
        new = load_version(second, root, Path(tmp)) if second else load_version(str(root), root, Path(tmp))
    return diff_datasets(old, new), old, new


# -- renderings -----------------------------------------------------------------------------------
def _sentence(dataset: Dataset, r: Relation) -> str:
    subject, obj = dataset.entities[r.subject].label, dataset.entities[r.object].label
    mark = "" if r.status == "asserted" else f" [{r.status}]"
    return f"{subject} —{dataset.predicates[r.predicate].label}→ {obj}{mark}"


def _vocabulary_lines(d: GraphDiff) -> list[str]:
    lines = [f"renamed entity {a} → {b}" for a, b in d.renamed_entities.items()]
    lines += [f"added entity {e}" for e in d.added_entities] + [f"removed entity {e}" for e in d.removed_entities]
    lines += [f"renamed predicate {a} → {b}" for a, b in d.renamed_predicates.items()]
    lines += [f"added predicate {p}" for p in d.added_predicates] + [f"removed predicate {p}" for p in d.removed_predicates]
    return lines


def _relation_lines(items, bullet: str, quote: str, close: str) -> list[str]:
    lines = []
    for r, dataset in items:
        dated = f" · dated {r.date}" if r.date else ""
        lines += [f"{bullet}{_sentence(dataset, r)} · {r.source}{dated}", f"{quote}{r.quote}{close}"]
    return lines


def _heading(count: int, title: str, markdown: bool) -> list[str]:
    return ["", f"## {count} {title}" if markdown else f"{count} {title}:"]


def diff_text(d: GraphDiff, old: Dataset, new: Dataset, markdown: bool = False) -> str:
    if d.empty:
        return "no change to the curated graph\n"
    bullet, quote, close = ("- ", "  > ", "") if markdown else ("", "    “", "”")
    lines = [f"{bullet}{line}" for line in _vocabulary_lines(d)]
    for title, items in (("added", [(r, new) for r in d.added]), ("removed", [(r, old) for r in d.removed])):
        if items:
            lines += _heading(len(items), title, markdown) + _relation_lines(items, bullet, quote, close)
    if d.changed:
        lines += _heading(len(d.changed), "changed", markdown)
    for a, b, fields in d.changed:
        lines.append(f"{bullet}{_sentence(new, b)} · {b.source}")
        lines += [f"{'  ' if markdown else '    '}{name}: {getattr(a, name)} → {getattr(b, name)}" for name in fields]
    return "\n".join(lines).lstrip("\n") + "\n"


def diff_json(d: GraphDiff, old: Dataset, new: Dataset) -> str:
    from relgraph.model.fields import relation_record

    data = {
        "entities": {"renamed": d.renamed_entities, "added": d.added_entities, "removed": d.removed_entities},
        "predicates": {"renamed": d.renamed_predicates, "added": d.added_predicates, "removed": d.removed_predicates},
        "relations": {
            "added": [relation_record(new, r) for r in d.added],
            "removed": [relation_record(old, r) for r in d.removed],
            "changed": [{"before": relation_record(old, a), "after": relation_record(new, b), "fields": fields}
                        for a, b, fields in d.changed],
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"
