"""Load stage: find the curated YAML files of a project and parse them with positions."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.errors import Diagnostic, Position
from relgraph.read.yamlfile import parse_file

SOURCES_FILE = "graph/sources.yaml"
ENTITIES_FILE = "graph/entities.yaml"
PREDICATES_FILE = "graph/predicates.yaml"
RELATIONS_DIR = "graph/relations"
SEEDS_DIR = "seeds"


NOT_PARSED = object()  # a relation file left for the validator to parse (lazy=True)


@dataclass
class ParsedProject:
    """Every YAML file of a project parsed to position-keeping trees (None where unparsable)."""

    root: Path
    sources: object = None
    entities: object = None
    predicates: object = None
    relation_files: dict[str, object] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    file_diagnostics: dict[str, list[Diagnostic]] = field(default_factory=dict)  # per relation file
    contents: dict[str, bytes] = field(default_factory=dict)  # relation file bytes already read


def relations_folder_names(root: Path) -> list[str]:
    """Every name in graph/relations/, in name order (none when it is missing or unreadable); a
    folder's with a final "/", so that a folder named x.yaml or x.yml is never taken for a relation
    file (it was read, and failed with E004 'not a regular file')."""
    try:
        with os.scandir(os.path.join(root, RELATIONS_DIR)) as entries:
            return sorted(entry.name + "/" if entry.is_dir() else entry.name for entry in entries)
    except OSError:  # missing, not a folder, or unreadable: reported as E122 (it holds no file we can see)
        return []


def relations_entry_kind(name: str) -> str:
    """What a name in graph/relations/ is, the one rule every reader of the folder follows:
    "hidden" (an editor's or relgraph's own temporary file, such as Emacs's lock link .#x.yaml,
    which was read and failed the check with E004 while x.yaml was being edited), "relation" (a
    relation file, *.yaml), "misnamed" (looks like one but is not read: *.yml, *.YAML; E123) or
    "unread" (notes, backups such as x.yaml~, any folder, whatever its name; W204)."""
    if name.startswith("."):
        return "hidden"
    if name.endswith(".yaml"):
        return "relation"
    return "misnamed" if name.lower().endswith((".yml", ".yaml")) else "unread"


def relation_listing(root: Path, names: list[str] | None = None) -> list[tuple[str, str]]:
    """(display path, path on disk) of every relation file (graph/relations/*.yaml), in name order.
    Strings from one os.scandir, not a Path per file: with 2,000 files, making and comparing Paths
    was a third of a check after one edit."""
    folder = os.path.join(root, RELATIONS_DIR)
    names = relations_folder_names(root) if names is None else names
    return [(f"{RELATIONS_DIR}/{name}", os.path.join(folder, name)) for name in names
            if relations_entry_kind(name) == "relation"]


def relation_paths(root: Path) -> list[Path]:
    return [Path(path) for _, path in relation_listing(root)]


def display_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def parse_project(root: Path, skip: frozenset[str] = frozenset(), contents: dict[str, bytes] | None = None,
                  lazy: bool = False, vocabulary: bool = True) -> ParsedProject:
    """Parse every YAML file; relation files named in `skip` (answered from the per-file cache)
    are listed, in order, but not parsed. `contents` gives bytes already read (and hashed) for
    some relation files: those exact bytes are parsed, so a cache entry matches what was read.
    With `lazy`, relation files are left NOT_PARSED: the validator parses each as it takes it
    (in a worker process for half of them, when there are many). Without `vocabulary`, the
    sources, predicates and entities files are not parsed (the check has their validated state)."""
    root = Path(root)
    project = ParsedProject(root=root, contents=contents or {})

    def parse(relative: str):
        tree, diagnostics = parse_file(root / relative, relative, data=project.contents.get(relative))
        project.diagnostics.extend(diagnostics)
        return tree, diagnostics

    folder = root / RELATIONS_DIR
    names = relations_folder_names(root)
    listing = relation_listing(root, names)
    if not folder.is_dir():
        project.diagnostics.append(Diagnostic(Position(RELATIONS_DIR), "E122", f"{RELATIONS_DIR}/ is missing or not a folder"))
    elif not listing:
        project.diagnostics.append(Diagnostic(Position(RELATIONS_DIR), "E122", f"{RELATIONS_DIR}/ holds no relation file (*.yaml)"))
    for name in names:
        kind = relations_entry_kind(name)
        if kind == "misnamed":  # its relations would be left out of the graph unsaid
            stem = name[: name.rindex(".")]
            project.diagnostics.append(Diagnostic(Position(f"{RELATIONS_DIR}/{name}"), "E123",
                                                  f"relation files are named *.yaml and this one is not read: rename it to {stem}.yaml"))
        elif kind == "unread":  # a warning: a backup or a note is not an error, but is said
            what = "folder" if name.endswith("/") else "file"
            project.diagnostics.append(Diagnostic(Position(f"{RELATIONS_DIR}/{name.rstrip('/')}"), "W204",
                                                  f"this {what} is not read: relations are read from {RELATIONS_DIR}/*.yaml only"))
    if vocabulary:
        project.sources = parse(SOURCES_FILE)[0]
        project.predicates = parse(PREDICATES_FILE)[0]
        project.entities = parse(ENTITIES_FILE)[0]
    for relative, _ in listing:
        if relative in skip:
            project.relation_files[relative] = None
            continue
        if lazy:
            project.relation_files[relative] = NOT_PARSED
            continue
        project.relation_files[relative], project.file_diagnostics[relative] = parse(relative)
    return project
