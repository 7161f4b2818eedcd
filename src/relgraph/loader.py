"""Load stage: find the curated YAML files of a project and parse them with positions."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic
from .yamlfile import parse_file

SOURCES_FILE = "graph/sources.yaml"
ENTITIES_FILE = "graph/entities.yaml"
PREDICATES_FILE = "graph/predicates.yaml"
RELATIONS_DIR = "graph/relations"
SEEDS_DIR = "seeds"


@dataclass
class ParsedProject:
    """Every YAML file of a project parsed to position-keeping trees (None where unparsable)."""

    root: Path
    sources: object = None
    entities: object = None
    predicates: object = None
    relation_files: dict[str, object] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def relation_paths(root: Path) -> list[Path]:
    folder = root / RELATIONS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def display_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def parse_project(root: Path) -> ParsedProject:
    root = Path(root)
    project = ParsedProject(root=root)

    def parse(relative: str):
        tree, diagnostics = parse_file(root / relative, relative)
        project.diagnostics.extend(diagnostics)
        return tree

    project.sources = parse(SOURCES_FILE)
    project.predicates = parse(PREDICATES_FILE)
    project.entities = parse(ENTITIES_FILE)
    for path in relation_paths(root):
        relative = display_path(root, path)
        project.relation_files[relative] = parse(relative)
    return project
