"""`relgraph schema`: JSON Schemas an editor checks the curated files with, and `check` agrees."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import CLAIMS, MINI, ROOT, copy_fixture, edit, run
from relgraph.check.runner import check_project, load_dataset
from relgraph.curate.editor_schema import FILES, schemas


def schema_errors(project: Path) -> dict[str, list[str]]:
    """Curated file → the schema's messages for it (schemas made from the project's own vocabulary)."""
    found = schemas(load_dataset(project)) if check_project(project)[0] else None
    if found is None:  # bad data: the vocabulary comes from the unchanged fixture
        found = schemas(load_dataset(CLAIMS))
    errors = {}
    for name, pattern in FILES.items():
        validator = jsonschema.Draft202012Validator(found[name])
        for path in sorted(project.glob(pattern)):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            errors[path.relative_to(project).as_posix()] = sorted(e.message for e in validator.iter_errors(data))
    return errors


@pytest.mark.parametrize("project", [ROOT, MINI, CLAIMS], ids=["real", "mini", "claims"])
def test_the_schema_accepts_what_check_accepts(project):
    assert check_project(project)[0] is not None
    assert {file: messages for file, messages in schema_errors(project).items() if messages} == {}


@pytest.mark.parametrize("old, new, schema_message, code", [
    ("subject: Putin\n  predicate: visits\n  object: Kyiv", "subject: Pution\n  predicate: visits\n  object: Kyiv",
     "'Pution' is not one of", "E103"),
    ("predicate: signs", "predicate: sings", "'sings' is not one of", "E104"),
    ("date: '2024-05-16'", "date: '2024-13-16'", "'2024-13-16' is not valid under any of the given schemas", "E111"),
    ("  status: reported\n  reported_by: Reuters\n", "  status: reported\n", "'reported_by' is a required property", "E118"),
    ("  status: possible\n", "  status: possibly\n", "'possibly' is not one of", "E107"),
])
def test_the_schema_and_check_refuse_the_same_mistakes(claims, old, new, schema_message, code):
    for path in (claims / "graph" / "relations").glob("*.yaml"):
        if old in path.read_text(encoding="utf-8"):
            edit(path, old, new)
            break
    else:
        raise AssertionError(f"fixture text {old!r} not found")
    messages = [m for file_messages in schema_errors(claims).values() for m in file_messages]
    assert any(schema_message in m for m in messages), messages
    assert any(d.code == code for d in check_project(claims)[1]), code


def test_the_committed_schemas_and_editor_settings_are_current(tmp_path):
    assert run(ROOT, "schema", "--check").exit_code == 0, "run 'relgraph schema' and commit graph/schema/"
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings == {"yaml.schemas": {f"./graph/schema/{name}": pattern for name, pattern in FILES.items()}}
    target = copy_fixture(MINI, tmp_path / "mini")
    result = run(target, "schema")
    assert result.stdout.splitlines() == [*(f"graph/schema/{name}" for name in FILES), ".vscode/settings.json"]
    stale = run(target, "schema", "--check")
    assert (stale.exit_code, stale.stdout) == (0, "")


def test_the_coverage_schemas_refuse_what_coverage_refuses(mini):
    (mini / "graph" / "coverage-ignore.yaml").write_text("- name: Home\n", encoding="utf-8")
    (mini / "graph" / "coverage-paragraphs.yaml").write_text(
        "- source: leaders-mete\n  paragraph: Xi Jinping\n  reason: typo in the source id\n", encoding="utf-8")
    assert schema_errors(mini)["graph/coverage-ignore.yaml"] == ["'reason' is a required property"]
    assert schema_errors(mini)["graph/coverage-paragraphs.yaml"] == ["'leaders-mete' is not one of ['leaders-meet']"]
    result = run(mini, "coverage")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "graph/coverage-ignore.yaml:1:3: error E102: required field 'reason' is missing in ignored name",
        "graph/coverage-paragraphs.yaml:1:11: error E105: unknown source 'leaders-mete' (did you mean 'leaders-meet'?)",
        "error: 2 error(s) in the data",
    ]
