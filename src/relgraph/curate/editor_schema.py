"""JSON Schemas (draft 2020-12) for the curated files, for editors: completion and inline errors.

Generated from the model's own declarations (model/schema.py fields with their descriptions,
model/statuses.py) and the current vocabulary (entity names, predicate names, source ids), so the
YAML language server in VS Code, Neovim and others completes and checks as a curator types.
`relgraph check` still owns what a schema cannot say: quotes against their articles, types a
predicate allows, dates against publication, duplicates across files.
"""
from __future__ import annotations

import json
from pathlib import Path

from relgraph.check import coverage
from relgraph.model import schema, statuses
from relgraph.model.records import Dataset

SCHEMA_DIR = "graph/schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE = {"anyOf": [{"type": "string", "pattern": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"},
                  {"type": "integer", "minimum": 1, "maximum": 9999}],
        "description": "`2024`, `2024-02` or `2024-02-08`."}
FILES = {  # schema file → the curated files it describes (globs for the editor settings)
    "sources.json": "graph/sources.yaml",
    "entities.json": "graph/entities.yaml",
    "predicates.json": "graph/predicates.yaml",
    "relations.json": "graph/relations/*.yaml",
    "coverage-ignore.json": coverage.IGNORE_FILE,
    "coverage-paragraphs.json": coverage.PARAGRAPHS_FILE,
}


def _names(entries) -> list[str]:
    return sorted({name for entry in entries for name in entry})


def _text(description: str) -> dict:
    return {"type": "string", "minLength": 1, "pattern": r"\S", "description": description}


def _field(f: schema.Field, vocabulary: dict[str, list[str]]) -> dict:
    """One field as a JSON Schema property."""
    kind = f.kind
    if kind == "date":
        return dict(DATE, description=f.description)
    if kind in ("int", "number"):
        return {"type": "integer" if kind == "int" else "number", "description": f.description}
    if kind == "bool":
        return {"type": "boolean", "description": f.description}
    if kind == "choice":
        return {"enum": list(f.choices), "description": f.description}
    if kind == "choices":
        return {"type": "array", "items": {"enum": list(f.choices)}, "description": f.description}
    if kind == "texts":
        items = {"type": "string", "pattern": r"^W3[0-9]{2}: \S"} if f.name == "accept" else {"type": "string", "minLength": 1}
        return {"type": "array", "items": items, "description": f.description}
    if kind == "figures":
        return {"type": "array", "items": _record(schema.FIGURE_FIELDS, vocabulary), "description": f.description}
    if kind == "ref":
        return {"enum": vocabulary[f.name], "description": f.description}
    if kind == "id":
        return {"type": "string", "pattern": schema.ID_PATTERN.pattern, "description": f.description}
    if kind == "qid":
        return {"type": "string", "pattern": schema.QID_PATTERN.pattern, "description": f.description}
    if kind == "sha256":
        return {"type": "string", "pattern": schema.SHA256_PATTERN.pattern, "description": f.description}
    return _text(f.description)


def _record(fields, vocabulary: dict[str, list[str]]) -> dict:
    return {
        "type": "object",
        "properties": {f.name: _field(f, vocabulary) for f in fields if f.kind != "list"},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _status_rules() -> list[dict]:
    """Each status's attribution: required where it needs one, refused where it may not carry it."""
    rules = []
    for status in statuses.STATUSES.values():
        condition = {"properties": {"status": {"const": status.id}}}
        if status.id == statuses.DEFAULT:
            condition = {"anyOf": [condition | {"required": ["status"]}, {"not": {"required": ["status"]}}]}
        else:
            condition["required"] = ["status"]
        then = {"not": {"anyOf": [{"required": [name]} for name in statuses.ATTRIBUTION_FIELDS if name not in status.allows]}}
        if status.requires:
            then = {"allOf": [then, {"required": [status.requires]}]}
        rules.append({"if": condition, "then": then})
    return rules


def schemas(dataset: Dataset) -> dict[str, dict]:
    """File name → JSON Schema, for each kind of curated file."""
    entity_names = _names((e.id, e.label, *e.aliases) for e in dataset.entities.values())
    # Predicates may be written with spaces for hyphens, as `relgraph check` reads them ("secretary of").
    predicate_names = _names((p.id, p.id.replace("-", " "), p.label, *p.aliases) for p in dataset.predicates.values())
    vocabulary = {"subject": entity_names, "object": entity_names, "reported_by": entity_names,
                  "denied_by": entity_names, "predicate": predicate_names, "source": sorted(dataset.sources)}
    relation = _record(schema.RELATION_FIELDS, vocabulary)
    relation["allOf"] = _status_rules()
    relations_file = _record(schema.RELATION_FILE_FIELDS, vocabulary)
    relations_file["properties"]["relations"] = {"type": "array", "items": relation,
                                                 "description": "The relations, in reading order."}

    def listing(title: str, fields) -> dict:
        return {"type": "array", "items": _record(fields, vocabulary), "title": title}

    found = {
        "sources.json": listing("relgraph sources", schema.SOURCE_FIELDS),
        "entities.json": listing("relgraph entities", schema.ENTITY_FIELDS),
        "predicates.json": listing("relgraph predicates", schema.PREDICATE_FIELDS),
        "relations.json": dict(relations_file, title="relgraph relations file"),
        "coverage-ignore.json": listing("relgraph coverage: ignored names", schema.COVERAGE_IGNORE_FIELDS),
        "coverage-paragraphs.json": listing("relgraph coverage: paragraphs read", schema.COVERAGE_PARAGRAPH_FIELDS),
    }
    return {name: {"$schema": DRAFT, "$id": f"relgraph:{name}", **body} for name, body in found.items()}


def editor_settings() -> dict:
    """.vscode/settings.json: the YAML language server's schema for each curated file."""
    return {"yaml.schemas": {f"./{SCHEMA_DIR}/{name}": pattern for name, pattern in FILES.items()}}


def rendered(dataset: Dataset) -> dict[str, str]:
    """Project-relative path → text of every generated file."""
    files = {f"{SCHEMA_DIR}/{name}": body for name, body in schemas(dataset).items()}
    files[".vscode/settings.json"] = editor_settings()
    return {path: json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n" for path, body in files.items()}


def stale_schemas(root: Path, dataset: Dataset) -> list[str]:
    return [path for path, text in rendered(dataset).items()
            if not (Path(root) / path).is_file() or (Path(root) / path).read_text(encoding="utf-8") != text]


def write_schemas(root: Path, dataset: Dataset) -> list[str]:
    from relgraph.atomic import write_text_atomic

    changed = stale_schemas(root, dataset)
    for path, text in rendered(dataset).items():
        if path in changed:
            write_text_atomic(Path(root) / path, text)
    return changed
