"""Canonical form of the curated YAML: block style, fields in schema order, stable quoting.

`relgraph fmt` rewrites files in this form; `relgraph fmt --check` lists files that differ.
Record order is the curator's; unknown fields are kept (after the known ones) so nothing is lost.
Comments are not kept: notes belong in `note` and `description` fields.
"""
from __future__ import annotations

import re

from pathlib import Path

import yaml

from relgraph.model import schema
from relgraph.errors import DataError, Diagnostic, Position
from relgraph.read.project import ENTITIES_FILE, PREDICATES_FILE, SOURCES_FILE, display_path, relation_paths
from relgraph.read.yamlfile import YamlMap, parse_file


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str):
    # PyYAML writes U+0085 (NEL) raw in a single-quoted or plain scalar, where it is a line break
    # and reads back as a space: such text is double-quoted, where it is written as the escape \N.
    if "\x85" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _text)


def _plain(value):
    """Convert parsed trees back to plain dicts/lists (YamlMap keeps positions we do not dump)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_DATE_FIELDS = {f.name for fields in schema.RECORDS.values() for f in fields if f.kind == "date"}
_YEAR = re.compile(r"[1-9][0-9]{3}")


def _ordered(record, fields) -> dict:
    if not isinstance(record, dict):
        return _plain(record)
    order = [f.name for f in fields]
    result = {}
    for name in order:
        if name in record:
            value = record[name]
            if name == "figures" and isinstance(value, list):
                value = [_ordered(item, schema.FIGURE_FIELDS) for item in value]
            elif name in _DATE_FIELDS and isinstance(value, str) and _YEAR.fullmatch(value):
                value = int(value)  # `date: 2022`, as in sources.yaml: a quoted '2022' would need the slow parser
            else:
                value = _plain(value)
            result[name] = value
    for name in record:  # unknown fields: kept, so the formatter never loses data
        if name not in result:
            result[name] = _plain(record[name])
    return result


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=10_000, indent=2)


def canonical_text(tree, relative: str) -> str:
    if relative == SOURCES_FILE:
        fields = schema.SOURCE_FIELDS
    elif relative == ENTITIES_FILE:
        fields = schema.ENTITY_FIELDS
    elif relative == PREDICATES_FILE:
        fields = schema.PREDICATE_FIELDS
    else:
        if isinstance(tree, YamlMap):
            header = _ordered(tree, schema.RELATION_FILE_FIELDS)
            if isinstance(header.get("relations"), list):
                header["relations"] = [_ordered(r, schema.RELATION_FIELDS) for r in tree["relations"]]
            return _dump(header)
        return _dump(_plain(tree))
    if isinstance(tree, list):
        return _dump([_ordered(r, fields) for r in tree])
    return _dump(_plain(tree))


def data_files(root: Path) -> list[Path]:
    files = [root / SOURCES_FILE, root / PREDICATES_FILE, root / ENTITIES_FILE]
    return [f for f in files if f.exists()] + relation_paths(root)


def format_project(root: Path, write: bool) -> list[str]:
    """Files not in canonical form (rewritten when `write`). Raises DataError on unparsable files."""
    root = Path(root)
    problems: list[Diagnostic] = []
    planned: list[tuple[Path, str, str]] = []
    for path in data_files(root):
        relative = display_path(root, path)
        tree, diagnostics = parse_file(path, relative)
        if diagnostics:
            problems.extend(diagnostics)
            continue
        if tree is None:
            continue
        text = canonical_text(tree, relative)
        if path.read_text(encoding="utf-8") != text:
            planned.append((path, relative, text))
    if problems:
        raise DataError(problems)
    if write:
        from relgraph.atomic import write_text_atomic

        for path, _, text in planned:
            write_text_atomic(path, text)
    return [relative for _, relative, _ in planned]


def has_comments(path: Path) -> bool:
    return any(line.lstrip().startswith("#") for line in path.read_text(encoding="utf-8").splitlines())


__all__ = ["format_project", "canonical_text", "has_comments", "Position"]
