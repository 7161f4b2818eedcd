"""`relgraph diff`: a reviewer's view of a change to the curated graph."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CLAIMS, ROOT, copy_fixture, edit, run


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    for target in (old, new):
        copy_fixture(CLAIMS, target)
    # The new version renames an entity, re-reads one relation, drops one and adds one.
    for path in [new / "graph" / "entities.yaml", *(new / "graph" / "relations").glob("*.yaml")]:
        path.write_text(path.read_text().replace("- id: kyiv\n", "- id: kyiv-city\n"))
    plans = new / "graph" / "relations" / "summit-plans.yaml"
    edit(plans, "  status: possible\n", "  status: planned\n")
    edit(plans, "- subject: Xi\n  predicate: meets\n  object: Putin\n  quote: Reuters reported that Xi met Putin.\n"
                "  status: reported\n  reported_by: Reuters\n", "")
    edit(plans, "- subject: Putin\n  predicate: visits\n  object: Kyiv\n",
         "- subject: Putin\n  predicate: visits\n  object: Beijing\n"
         "  quote: Russian President Vladimir Putin will visit Beijing in May\n"
         "  date: 2024-06\n  status: expected\n  reported_by: Reuters\n- subject: Putin\n  predicate: visits\n  object: Kyiv\n")
    return old, new


def test_text_diff_names_each_change_once(versions):
    old, new = versions
    result = run(ROOT, "diff", f"{old}..{new}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "renamed entity kyiv → kyiv-city\n"
        "\n"
        "1 added:\n"
        "Vladimir Putin —visits→ Beijing [expected] · summit-plans · dated 2024-06\n"
        "    “Russian President Vladimir Putin will visit Beijing in May”\n"
        "\n"
        "1 removed:\n"
        "Xi Jinping —meets→ Vladimir Putin [reported] · summit-plans\n"
        "    “Reuters reported that Xi met Putin.”\n"
        "\n"
        "1 changed:\n"
        "Xi Jinping —signs→ joint statement [planned] · summit-plans\n"
        "    status: possible → planned\n")


def test_markdown_and_json(versions):
    old, new = versions
    markdown = run(ROOT, "diff", f"{old}..{new}", "--format", "markdown").stdout
    assert markdown.startswith("- renamed entity kyiv → kyiv-city\n\n## 1 added\n- Vladimir Putin —visits→ Beijing [expected]")
    data = json.loads(run(ROOT, "diff", f"{old}..{new}", "--format", "json").stdout)
    assert data["entities"] == {"renamed": {"kyiv": "kyiv-city"}, "added": [], "removed": []}
    assert [r["predicate"] for r in data["relations"]["added"]] == ["visits"]
    assert [(c["before"]["status"], c["after"]["status"], c["fields"]) for c in data["relations"]["changed"]] == [
        ("possible", "planned", ["status"])]


def test_no_change_and_bad_versions():
    assert run(ROOT, "diff", f"{CLAIMS}..{CLAIMS}").stdout == "no change to the curated graph\n"
    result = run(ROOT, "diff", "no-such-rev..")
    assert result.exit_code == 1 and result.stderr.startswith("error: 'no-such-rev' is neither a folder holding graph/ nor a git revision")
    assert run(ROOT, "diff", "HEAD").stderr.startswith("error: 'HEAD': give two versions as REV1..REV2")


def test_the_second_reading_in_this_repositorys_history():
    """From the first reading (6939f45) to the merge of the lint resolution (ce3e8a9)."""
    result = run(ROOT, "diff", "6939f45..ce3e8a9")
    assert result.exit_code == 0, result.stderr
    counts = [line for line in result.stdout.splitlines() if line.rstrip(":").split(" ")[-1] in ("added", "removed", "changed")
              and line[:1].isdigit()]
    assert counts == ["90 added:", "66 removed:", "107 changed:"]
    assert "removed entity cuban-missile-crisis" in result.stdout
    assert "Volodymyr Zelensky —expresses interest in→ Xi Jinping" in result.stdout
